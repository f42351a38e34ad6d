"""`pmlint check`: lint files, folders or stdin and report in the chosen format."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from pmlint.cli.common import (
    FORMATS,
    check_config,
    config_option,
    fail,
    fail_all,
    output_option,
    split_values,
    write_report,
)

if TYPE_CHECKING:
    from pmlint.report import FileReport
    from pmlint.runner import Runner
from pmlint.cli.progress import Progress, progress_wanted
from pmlint.formats import IMPLEMENTED, PLANNED, SOURCE_LINE_FORMATS
from pmlint.version import __version__


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format (auto: github inside GitHub Actions, else text).",
)
@output_option
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules: ids, id prefixes (PM4), names or categories, comma separated.",
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@config_option
@click.option(
    "--nlp-model",
    metavar="NAME|blank|auto",
    help="spaCy pipeline for language rules (default: config nlp.model, else auto).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per CPU, with at least 8 files to lint each).",
)
@click.option(
    "--no-cache", is_flag=True, help="Do not read or write the result cache (.pmlint_cache)."
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With '-' as PATH: the name (and config location) of the document on stdin.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Only files changed since git REF (its merge base with HEAD), or untracked.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Do not report the findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    is_flag=True,
    help="Record this run's findings in the --baseline file (then report nothing new).",
)
@click.option(
    "--summary",
    "summary_path",
    type=click.Path(dir_okay=False),
    help="Also append a Markdown summary (findings per file and rule) to FILE, e.g. "
    "$GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Only a count of findings per rule (after --fail-on's exit code is decided).",
)
@click.option(
    "--fix",
    "apply_fixes",
    is_flag=True,
    help="Apply safe fixes in place (stdin: print the fixed text), then report what remains.",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff: unsafe fixes too (reasonable guesses a person should review).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any.",
)
@click.option("--quiet", "-q", is_flag=True, help="Only the finding lines: no excerpts or summary.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output.",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    config_path: str | None,
    nlp_model: str | None,
    jobs: int | None,
    no_cache: bool,
    stdin_filename: str | None,
    changed_since: str | None,
    baseline_path: str | None,
    write_baseline: bool,
    summary_path: str | None,
    statistics: bool,
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    quiet: bool,
    color: str,
) -> None:
    """Lint postmortems: files, folders (Markdown files below them), or '-' for stdin."""
    from pmlint import regexcache, yamlmemo

    regexcache.install()  # where pmlint runs as the program: before the rules compile
    from pmlint.diagnostics import Severity
    from pmlint.engine import Selection, exit_code
    from pmlint.formats import RunInfo, formatter, resolve
    from pmlint.nlp import ModelError
    from pmlint.packs import save_kind_memo
    from pmlint.runner import Runner, RunOptions, SelectionError

    if output_format in PLANNED:
        fail(
            f"--format {output_format} is not available in pmlint {__version__} yet; "
            f"use one of: {', '.join(IMPLEMENTED)}"
        )
    if not paths:
        paths = (".",)
    if "-" in paths and len(paths) > 1:
        fail("'-' (stdin) cannot be combined with other paths")
    if stdin_filename and "-" not in paths:
        fail("--stdin-filename needs '-' as the path")
    if write_baseline and not baseline_path:
        fail("--write-baseline needs --baseline FILE")
    only = None
    if changed_since is not None:
        from pmlint.changed import GitError, changed_files

        if paths == ("-",):
            fail("--changed-since cannot be combined with '-' (stdin)")
        try:
            only = changed_files(changed_since)
        except GitError as exc:
            fail(str(exc))
    selection = Selection(split_values(select), split_values(ignore))
    check_config(config_path)
    output_format = resolve(output_format, os.environ)
    # Source lines for excerpts and fingerprints; else the files the cache serves go unread.
    lines = baseline_path is not None or (output_format in SOURCE_LINE_FORMATS and not statistics)
    # Only the JSON report reads the findings: cached ones are served as it writes them.
    written = (
        output_format == "json"
        and baseline_path is None
        and not (statistics or summary_path or apply_fixes or show_diff)
    )
    runner = Runner(
        RunOptions(
            config_path,
            selection,
            nlp_model,
            only,
            jobs,
            cache=not no_cache,
            source_lines=lines,
            written_json=written,
        )
    )
    if unsafe_fixes and not (apply_fixes or show_diff):
        fail("--unsafe-fixes needs --fix or --diff")
    if show_diff or apply_fixes:
        from pmlint.fixer import fix_paths

        stdin_data = sys.stdin.buffer.read() if paths == ("-",) else None
        try:
            if show_diff:
                sys.exit(_print_diff(runner, paths, stdin_data, stdin_filename, unsafe_fixes))
            if stdin_data is not None:
                _print_fixed(runner, stdin_data, stdin_filename, unsafe_fixes, fail_on)
            else:
                fixed = fix_paths(runner, paths, unsafe_fixes, write=True)
                count = sum(f.applied for _, f in fixed)
                if fixed:
                    click.echo(f"pmlint: applied {count} fix(es) in {len(fixed)} file(s)", err=True)
        except ModelError as exc:
            fail(str(exc))
        except SelectionError as exc:
            fail_all(exc.problems)
    reports: list[FileReport] = []
    if paths != ("-",) and progress_wanted(sys.stderr, os.environ):
        runner.progress = Progress("Linting")
    try:
        if paths == ("-",):
            reports.append(runner.lint_stdin(sys.stdin.buffer, stdin_filename))
        else:
            reports.extend(runner.run(paths))
    except ModelError as exc:
        fail(str(exc))
    except SelectionError as exc:
        fail_all(exc.problems)
    regexcache.save()  # the patterns this run compiled, if installed and worth it
    save_kind_memo()  # what validating the rules learned of the check kinds
    yamlmemo.save()  # the rule packs' YAML, parsed
    for note in runner.notes:
        click.echo(f"pmlint: {note}", err=True)
    if changed_since is not None and not reports:
        click.echo(f"pmlint: no Markdown files to lint changed since {changed_since}", err=True)
    for report in reports:
        if report.error is not None:
            click.echo(f"pmlint: {report.path}: {report.error}", err=True)
    if baseline_path is not None:
        from pmlint import baseline

        try:
            reports, note = baseline.apply(baseline_path, reports, update=write_baseline)
        except baseline.BaselineError as exc:
            fail(str(exc))
        click.echo(f"pmlint: {note}", err=True)
    nlp_info = runner.nlp_info()  # also for files from the cache or linted by workers
    if nlp_info is not None and nlp_info["reduced"]:
        click.echo(
            "pmlint: no trained spaCy pipeline installed; language checks run in "
            "reduced mode (install the model: python -m spacy download en_core_web_sm)",
            err=True,
        )
    is_tty = output is None and sys.stdout.isatty()
    use_color = color == "always" or (color == "auto" and is_tty and "NO_COLOR" not in os.environ)
    linted = sum(1 for r in reports if r.error is None)
    threshold = Severity.parse(fail_on)
    info = RunInfo(linted, use_color, quiet, nlp_info, runner.rules(), threshold)
    if statistics:
        from pmlint.formats.statistics import render as render_statistics

        text = render_statistics(reports, info)
    else:
        text = formatter(output_format)(reports, info)
    write_report(text, output, use_color)
    if summary_path:
        from pmlint.formats.summary import render as render_summary

        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(render_summary(reports, info))
        except OSError as exc:
            fail(f"{summary_path}: cannot write summary: {exc.strerror}")
    runner.write_stats()
    sys.exit(exit_code(reports, threshold))


def _print_diff(
    runner: Runner, paths: Sequence[str], stdin: bytes | None, name: str | None, unsafe: bool
) -> int:
    """`--diff`: what --fix would change, as a unified diff; exit 1 if anything."""
    from pmlint.fixer import fix_paths, fix_stdin, unified_diff

    if stdin is not None:
        one = fix_stdin(runner, stdin, name, unsafe)
        changed = [(name or "<stdin>", one)] if one is not None and one.changed else []
    else:
        changed = fix_paths(runner, paths, unsafe, write=False)
    for path, fixed in changed:
        click.echo(unified_diff(path, fixed), nl=False)
    return 1 if changed else 0


def _print_fixed(runner: Runner, data: bytes, name: str | None, unsafe: bool, fail_on: str) -> None:
    """`--fix` on stdin: the fixed text on stdout, then the exit code of what remains."""
    from pmlint.diagnostics import Severity
    from pmlint.engine import exit_code
    from pmlint.fixer import fix_stdin

    fixed = fix_stdin(runner, data, name, unsafe)
    result = fixed.result.to_bytes() if fixed is not None else data
    sys.stdout.buffer.write(result)
    sys.stdout.flush()
    report = runner.lint_stdin(result, name)
    remaining = len(report.diagnostics)
    applied = fixed.applied if fixed is not None else 0
    click.echo(f"pmlint: applied {applied} fix(es); {remaining} finding(s) remain", err=True)
    sys.exit(exit_code([report], Severity.parse(fail_on)))
