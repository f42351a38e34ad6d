"""Command line: click wiring only; the work happens in runner, engine, formats and docs.

Each command imports what it needs when it runs: `pmlint --version` and `pmlint rules`
stay fast, and only linting that needs it loads spaCy (see pmlint.nlp).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

import click

from pmlint.cli.common import Interrupted, interrupts
from pmlint.cli.lint import check
from pmlint.cli.lsp import lsp
from pmlint.cli.measure import analyze
from pmlint.cli.progress import PROGRESS_MIN_FILES, progress_wanted
from pmlint.cli.ruledocs import explain, rules_command
from pmlint.cli.scaffold import init, new
from pmlint.version import __version__

__all__ = ["PROGRESS_MIN_FILES", "Interrupted", "main", "progress_wanted"]


class _Main(click.Group):
    """An interrupt is exit 130 (SIGINT) or 143 (SIGTERM), never 1, which means findings:
    click would print "Aborted!" and exit 1."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        """As the program itself (`pmlint ...`, `python -m pmlint`: no arguments given, so
        click reads sys.argv and exits), end without the interpreter's tear-down.

        Freeing a loaded spaCy pipeline object by object at exit costs a single-file lint
        about 0.13 s of CPU, for nothing: the report is written, the files are closed,
        worker processes have been joined. A caller that passes arguments (tests, an
        embedding program) gets click's usual behaviour.

        The program also keeps the regular expressions it compiles for the next run
        (`pmlint.regexcache`); a caller's `re` is left alone.
        """
        if args is not None or rest or not options.get("standalone_mode", True):
            return super().main(args, *rest, **options)
        from pmlint import regexcache

        regexcache.enable()  # `check` installs it before the rules' modules compile
        try:
            super().main(args, *rest, **options)
        except SystemExit as exc:
            _exit_now(exc.code)
        _exit_now(0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with interrupts():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("pmlint: interrupted", err=True)
            sys.exit(128 + signal.SIGINT)
        except Interrupted as exc:
            click.echo(f"pmlint: interrupted ({signal.Signals(exc.signum).name})", err=True)
            sys.exit(exc.exit_code)


def _exit_now(code: Any) -> None:
    """Exit with `code` as `sys.exit` would, skipping the interpreter's tear-down once the
    output is flushed; where a flush fails (a closed pipe), the usual way, which reports it."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.exit(code)  # a message: Python prints it and exits 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)
    os._exit(status)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="pmlint")
def main() -> None:
    """Lint and analyze incident postmortems written in Markdown."""


for command in (check, analyze, rules_command, explain, init, new, lsp):
    main.add_command(command)
