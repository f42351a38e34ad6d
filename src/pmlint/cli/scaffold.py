"""`pmlint init` and `pmlint new`: a starter config and a new postmortem from the template."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

import click

from pmlint.cli.common import (
    fail,
)

if TYPE_CHECKING:
    pass


@click.command()
@click.option(
    "--path",
    "target",
    default=".pmlint.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the config.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(target: str, force: bool) -> None:
    """Write a starter .pmlint.yaml."""
    from pmlint.scaffold import starter_config

    if os.path.exists(target) and not force:
        fail(f"{target} already exists (use --force to overwrite)")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(starter_config())
    click.echo(f"Wrote {target}. Run `pmlint check` to lint the Markdown files below it.")


@click.command()
@click.option("--title", default="Incident title", show_default=True, help="The incident's title.")
@click.option(
    "--date", "date_text", default=None, help="Incident date, YYYY-MM-DD (default: today)."
)
@click.option(
    "--output",
    "-o",
    default=None,
    help="File to write (default: DATE-title.md in the current folder; '-' for stdout).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(title: str, date_text: str | None, output: str | None, force: bool) -> None:
    """Write a postmortem skeleton that passes the structure rules.

    Its [insert …] prompts are reported by PM003 (placeholder-text) until you replace them.
    """
    from pmlint.scaffold import default_skeleton_name, postmortem_skeleton

    try:
        date = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        fail(f"--date {date_text!r} is not a date like 2024-03-11")
        return
    text = postmortem_skeleton(title, date)
    if output == "-":
        click.echo(text, nl=False)
        return
    target = output or default_skeleton_name(title, date)
    if os.path.exists(target) and not force:
        fail(f"{target} already exists (use --force to overwrite)")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(
        f"Wrote {target}. Replace each [insert …] prompt; `pmlint check {target}` "
        "lists the ones left (PM003)."
    )
