"""Progress bars on stderr, for a person at a terminal only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import click

PROGRESS_MIN_FILES = 10  # a progress bar on a terminal from this many files


def progress_wanted(stream: Any, environ: Mapping[str, str]) -> bool:
    """A progress bar only for a person at a terminal: never in CI logs (CI=true, which
    GitHub, GitLab and most others set, even with a pseudo-terminal) or pipes."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return False
    in_ci = environ.get("CI", "").lower() not in ("", "0", "false")
    return not in_ci and environ.get("TERM") != "dumb"


class Progress:
    """`check`'s bar (Runner.progress): drawn on stderr from PROGRESS_MIN_FILES files."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def start(self, total: int) -> None:
        if total >= PROGRESS_MIN_FILES:
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def progress_files(files: Iterable[str]) -> Iterator[str]:
    """A progress bar on stderr when a person is watching and there is something to wait for."""
    items = list(files)
    if len(items) < PROGRESS_MIN_FILES or not progress_wanted(sys.stderr, os.environ):
        yield from items
        return
    with click.progressbar(items, label="Analyzing", file=sys.stderr, show_pos=True) as bar:
        yield from bar
