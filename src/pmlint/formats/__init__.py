"""Output formats: each turns the reports of a run into text for stdout or --output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmlint.engine import FileReport


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a formatter may say about the run besides the findings."""

    files: int
    color: bool = False
    quiet: bool = False
    nlp: dict[str, object] | None = None


Formatter = Callable[[Sequence[FileReport], RunInfo], str]


def formatter(name: str) -> Formatter:
    from pmlint.formats import json_format, text

    table: dict[str, Formatter] = {"text": text.render, "json": json_format.render}
    if name not in table:
        raise KeyError(name)
    return table[name]


IMPLEMENTED = ("text", "json")
PLANNED = ("sarif", "github", "junit", "gitlab")
