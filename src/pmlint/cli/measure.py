"""`pmlint analyze`: measure incidents across a repository."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from pmlint.cli.common import (
    check_config,
    config_option,
    fail,
    fail_all,
    output_option,
    split_values,
    write_report,
)

if TYPE_CHECKING:
    pass
from pmlint.cli.progress import progress_files


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Output format (html: a self-contained report page with charts).",
)
@click.option(
    "--table",
    type=click.Choice(["documents", "months", "distributions"]),
    default="documents",
    show_default=True,
    help="With --format csv: a row per document, per month (incidents and median times with "
    "their counts) or per measure (n, min, quartiles, median, max).",
)
@output_option
@config_option
@click.option(
    "--select", multiple=True, metavar="RULES", help="Count findings of these rules only."
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not count these rules.")
@click.option("--nlp-model", metavar="NAME|blank|auto", help="spaCy pipeline for language rules.")
def analyze(
    paths: tuple[str, ...],
    output_format: str,
    table: str,
    output: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    nlp_model: str | None,
) -> None:
    """Measure incidents: milestones, time to detect/mitigate/resolve, impact, action items,
    findings and a quality score per document, and medians and p90s across them."""
    from pmlint.analyze.render import render
    from pmlint.analyze.run import analyze as run_analysis
    from pmlint.engine import Selection
    from pmlint.nlp import ModelError
    from pmlint.runner import Runner, RunOptions, SelectionError

    check_config(config_path)
    runner = Runner(
        RunOptions(config_path, Selection(split_values(select), split_values(ignore)), nlp_model)
    )
    try:
        runner.check_selection(runner.expand(paths or (".",))[0])
    except SelectionError as exc:
        fail_all(exc.problems)
    try:
        payload, failed = run_analysis(runner, paths or (".",), progress_files)
    except ModelError as exc:
        fail(str(exc))
        return
    for note in runner.notes:
        click.echo(f"pmlint: {note}", err=True)
    for report in failed:
        click.echo(f"pmlint: {report.path}: {report.error}", err=True)
    write_report(render(payload, output_format, table), output)
    sys.exit(2 if failed else 0)
