"""Output formats: each turns the reports of a run into text for stdout or --output."""

from __future__ import annotations

from collections.abc import Mapping

from pmlint.formats.common import (
    Formatter,
    RunInfo,
    describe,
    root_relative,
    source_root,
    title,
)

__all__ = [
    "AUTO",
    "IMPLEMENTED",
    "PLANNED",
    "Formatter",
    "RunInfo",
    "describe",
    "formatter",
    "resolve",
    "root_relative",
    "source_root",
    "title",
]


def formatter(name: str) -> Formatter:
    from pmlint.formats import github, gitlab, json_format, junit, sarif, text

    table: dict[str, Formatter] = {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
        "gitlab": gitlab.render,
    }
    if name not in table:
        raise KeyError(name)
    return table[name]


def resolve(name: str, environ: Mapping[str, str]) -> str:
    """`auto` is `github` inside GitHub Actions (GITHUB_ACTIONS=true), else `text`."""
    if name != AUTO:
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


IMPLEMENTED = ("text", "json", "sarif", "github", "junit", "gitlab")
AUTO = "auto"
PLANNED: tuple[str, ...] = ()
