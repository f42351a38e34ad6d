"""Command line: click wiring only; the work happens in runner, engine, formats and docs.

Each command imports what it needs when it runs: `pmlint --version` and `pmlint rules`
stay fast, and only linting that needs it loads spaCy (see pmlint.nlp).
"""

from __future__ import annotations

import signal
import sys
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


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="pmlint")
def main() -> None:
    """Lint and analyze incident postmortems written in Markdown."""


for command in (check, analyze, rules_command, explain, init, new, lsp):
    main.add_command(command)
