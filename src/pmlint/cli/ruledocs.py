"""`pmlint rules` and `pmlint explain`: the rules' docs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pmlint.cli.common import (
    config_or_fail,
    fail,
    fail_all,
    split_values,
)

if TYPE_CHECKING:
    pass


@click.command("rules")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Show the rules as this config sets them.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (as for check).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave these rules out.")
def rules_command(
    config_path: str | None, output_format: str, select: tuple[str, ...], ignore: tuple[str, ...]
) -> None:
    """List every rule with its id, name, category, default severity and summary."""
    from pmlint import docs

    config = config_or_fail(config_path)
    chosen, ignored = split_values(select), split_values(ignore)
    problems = docs.unknown_selectors(
        [("--select", s) for s in chosen] + [("--ignore", s) for s in ignored],
        config.rules.values(),
    )
    if problems:
        fail_all(problems)
    selected = [
        rule
        for rule in config.rules.values()
        if (not chosen or any(rule.matches(s) for s in chosen))
        and not any(rule.matches(s) for s in ignored)
    ]
    click.echo(docs.rules_table(config, output_format, selected), nl=False)


@click.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
def explain(rule: str, config_path: str | None) -> None:
    """Show a rule's documentation (summary, why, a bad and a good example, options), a
    check kind's (what it checks, its options and their defaults), or, for `score`, how
    analyze's quality score is made."""
    from pmlint import docs

    config = config_or_fail(config_path)
    if rule.strip().lower() == "score":  # analyze's quality score: no rule has this name
        from pmlint.analyze.score import explanation

        click.echo(explanation(), nl=False)
        return
    page = docs.explain(config, rule)
    if page is None:
        forms = {name: name for name in docs.kind_names()}
        forms["score"] = "score"
        forms.update(docs.known_forms(config.rules.values()))
        hint = docs.closest(rule, forms)
        suffix = f"; did you mean {', '.join(hint)}?" if hint else ""
        fail(f"no rule or check kind {rule!r}{suffix} (`pmlint rules` lists the rules)")
    click.echo(page, nl=False)
