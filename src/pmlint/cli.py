"""Command line: click wiring only; the work happens in runner, engine, formats and docs."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from pmlint.formats import AUTO, IMPLEMENTED, PLANNED
from pmlint.version import __version__

if TYPE_CHECKING:
    from pmlint.config import Config
    from pmlint.report import FileReport

# Each command imports what it needs when it runs: `pmlint --version` and `pmlint rules`
# stay fast, and only linting that needs it loads spaCy (see pmlint.nlp).

FORMATS = (*IMPLEMENTED, AUTO, *PLANNED)
PROGRESS_MIN_FILES = 10  # analyze shows a progress bar on a terminal from this many files


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str) -> None:
    click.echo(f"pmlint: {message}", err=True)
    sys.exit(2)


def _fail_all(messages: Sequence[str]) -> None:
    for message in messages:
        click.echo(f"pmlint: {message}", err=True)
    sys.exit(2)


# Options that `check` and `analyze` share, defined once so they read the same in both.
_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE instead of stdout.",
)
_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this config for every file instead of discovering one per file.",
)


def _check_config(config_path: str | None) -> None:
    """A broken --config is a usage error before anything is linted (exit 2)."""
    from pmlint.config import ConfigError, load_config

    if config_path is not None:
        try:
            load_config(os.path.abspath(config_path))
        except ConfigError as exc:
            _fail(str(exc))


def _write_report(text: str, output: str | None, color: bool = False) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            _fail(f"{output}: cannot write report: {exc.strerror}")
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format (auto: github inside GitHub Actions, else text).",
)
@_output_option
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
@_config_option
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
    quiet: bool,
    color: str,
) -> None:
    """Lint postmortems: files, folders (Markdown files below them), or '-' for stdin."""
    from pmlint.diagnostics import Severity
    from pmlint.engine import Selection, exit_code
    from pmlint.formats import RunInfo, formatter, resolve
    from pmlint.nlp import ModelError
    from pmlint.runner import Runner, RunOptions, SelectionError

    if output_format in PLANNED:
        _fail(
            f"--format {output_format} is not available in pmlint {__version__} yet; "
            f"use one of: {', '.join(IMPLEMENTED)}"
        )
    if not paths:
        paths = (".",)
    if "-" in paths and len(paths) > 1:
        _fail("'-' (stdin) cannot be combined with other paths")
    if stdin_filename and "-" not in paths:
        _fail("--stdin-filename needs '-' as the path")
    if write_baseline and not baseline_path:
        _fail("--write-baseline needs --baseline FILE")
    only = None
    if changed_since is not None:
        from pmlint.changed import GitError, changed_files

        if paths == ("-",):
            _fail("--changed-since cannot be combined with '-' (stdin)")
        try:
            only = changed_files(changed_since)
        except GitError as exc:
            _fail(str(exc))
    selection = Selection(_split(select), _split(ignore))
    _check_config(config_path)
    runner = Runner(
        RunOptions(config_path, selection, nlp_model, only, jobs=jobs, cache=not no_cache)
    )
    reports: list[FileReport] = []
    if paths != ("-",) and progress_wanted(sys.stderr, os.environ):
        runner.progress = _Progress("Linting")
    try:
        if paths == ("-",):
            reports.append(runner.lint_stdin(sys.stdin.buffer, stdin_filename))
        else:
            reports.extend(runner.run(paths))
    except ModelError as exc:
        _fail(str(exc))
    except SelectionError as exc:
        _fail_all(exc.problems)
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
            _fail(str(exc))
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
    fail = Severity.parse(fail_on)
    info = RunInfo(linted, use_color, quiet, nlp_info, runner.rules(), fail)
    if statistics:
        from pmlint.formats.statistics import render as render_statistics

        text = render_statistics(reports, info)
    else:
        text = formatter(resolve(output_format, os.environ))(reports, info)
    _write_report(text, output, use_color)
    if summary_path:
        from pmlint.formats.summary import render as render_summary

        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(render_summary(reports, info))
        except OSError as exc:
            _fail(f"{summary_path}: cannot write summary: {exc.strerror}")
    runner.write_stats()
    sys.exit(exit_code(reports, fail))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Output format (html: a self-contained report page with charts).",
)
@_output_option
@_config_option
@click.option(
    "--select", multiple=True, metavar="RULES", help="Count findings of these rules only."
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not count these rules.")
@click.option("--nlp-model", metavar="NAME|blank|auto", help="spaCy pipeline for language rules.")
def analyze(
    paths: tuple[str, ...],
    output_format: str,
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

    _check_config(config_path)
    runner = Runner(RunOptions(config_path, Selection(_split(select), _split(ignore)), nlp_model))
    try:
        runner.check_selection(runner.expand(paths or (".",))[0])
    except SelectionError as exc:
        _fail_all(exc.problems)
    try:
        payload, failed = run_analysis(runner, paths or (".",), _progress)
    except ModelError as exc:
        _fail(str(exc))
        return
    for note in runner.notes:
        click.echo(f"pmlint: {note}", err=True)
    for report in failed:
        click.echo(f"pmlint: {report.path}: {report.error}", err=True)
    _write_report(render(payload, output_format), output)
    sys.exit(2 if failed else 0)


def progress_wanted(stream: Any, environ: Mapping[str, str]) -> bool:
    """A progress bar only for a person at a terminal: never in CI logs (CI=true, which
    GitHub, GitLab and most others set, even with a pseudo-terminal) or pipes."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return False
    in_ci = environ.get("CI", "").lower() not in ("", "0", "false")
    return not in_ci and environ.get("TERM") != "dumb"


class _Progress:
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


def _progress(files: Iterable[str]) -> Iterator[str]:
    """A progress bar on stderr when a person is watching and there is something to wait for."""
    items = list(files)
    if len(items) < PROGRESS_MIN_FILES or not progress_wanted(sys.stderr, os.environ):
        yield from items
        return
    with click.progressbar(items, label="Analyzing", file=sys.stderr, show_pos=True) as bar:
        yield from bar


@main.command("rules")
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

    config = _config_or_fail(config_path)
    chosen, ignored = _split(select), _split(ignore)
    problems = docs.unknown_selectors(
        [("--select", s) for s in chosen] + [("--ignore", s) for s in ignored],
        config.rules.values(),
    )
    if problems:
        _fail_all(problems)
    selected = [
        rule
        for rule in config.rules.values()
        if (not chosen or any(rule.matches(s) for s in chosen))
        and not any(rule.matches(s) for s in ignored)
    ]
    click.echo(docs.rules_table(config, output_format, selected), nl=False)


@main.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
def explain(rule: str, config_path: str | None) -> None:
    """Show a rule's documentation (summary, why, a bad and a good example, options), or a
    check kind's (what it checks, its options and their defaults)."""
    from pmlint import docs

    config = _config_or_fail(config_path)
    page = docs.explain(config, rule)
    if page is None:
        forms = {name: name for name in docs.kind_names()}
        forms.update(docs.known_forms(config.rules.values()))
        hint = docs.closest(rule, forms)
        suffix = f"; did you mean {', '.join(hint)}?" if hint else ""
        _fail(f"no rule or check kind {rule!r}{suffix} (`pmlint rules` lists the rules)")
    click.echo(page, nl=False)


@main.command()
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
        _fail(f"{target} already exists (use --force to overwrite)")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(starter_config())
    click.echo(f"Wrote {target}. Run `pmlint check` to lint the Markdown files below it.")


@main.command()
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
        _fail(f"--date {date_text!r} is not a date like 2024-03-11")
        return
    text = postmortem_skeleton(title, date)
    if output == "-":
        click.echo(text, nl=False)
        return
    target = output or default_skeleton_name(title, date)
    if os.path.exists(target) and not force:
        _fail(f"{target} already exists (use --force to overwrite)")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(
        f"Wrote {target}. Replace each [insert …] prompt; `pmlint check {target}` "
        "lists the ones left (PM003)."
    )


def _config_or_fail(config_path: str | None) -> Config:
    from pmlint.config import ConfigError, find_config_file, load_config

    path = os.path.abspath(config_path) if config_path else find_config_file(os.getcwd())
    try:
        return load_config(path)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
