"""What the commands share: failing with exit 2, options, writing reports, interrupts."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import click

from pmlint.formats import AUTO, IMPLEMENTED, PLANNED

if TYPE_CHECKING:
    from pmlint.config import Config


FORMATS = (*IMPLEMENTED, AUTO, *PLANNED)


def split_values(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def fail(message: str) -> None:
    click.echo(f"pmlint: {message}", err=True)
    sys.exit(2)


def fail_all(messages: Sequence[str]) -> None:
    for message in messages:
        click.echo(f"pmlint: {message}", err=True)
    sys.exit(2)


# Options that `check` and `analyze` share, defined once so they read the same in both.
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE instead of stdout.",
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this config for every file instead of discovering one per file.",
)


def check_config(config_path: str | None) -> None:
    """A broken --config is a usage error before anything is linted (exit 2)."""
    from pmlint.config import ConfigError, load_config

    if config_path is not None:
        try:
            load_config(os.path.abspath(config_path))
        except ConfigError as exc:
            fail(str(exc))


def write_report(text: str, output: str | None, color: bool = False) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            fail(f"{output}: cannot write report: {exc.strerror}")
    else:
        click.echo(text, nl=False, color=color)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: the run stops (workers killed) and exits 128 + signal.

    A BaseException, as KeyboardInterrupt is: the `except Exception` that isolates one
    rule's failure must not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # 130 for SIGINT, 143 for SIGTERM, as shells report them


@contextmanager
def interrupts() -> Iterator[None]:
    """While linting, SIGINT and SIGTERM raise Interrupted in the main thread, so that a
    `--jobs` run stops its workers instead of waiting for them (a CI runner cancelling a
    job, `timeout -s INT`, Ctrl-C). Outside the main thread, nothing is installed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def config_or_fail(config_path: str | None) -> Config:
    from pmlint.config import ConfigError, find_config_file, load_config

    path = os.path.abspath(config_path) if config_path else find_config_file(os.getcwd())
    try:
        return load_config(path)
    except ConfigError as exc:
        fail(str(exc))
        raise  # unreachable: _fail exits
