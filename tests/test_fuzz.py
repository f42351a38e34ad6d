"""Property tests over generated Markdown: linting (and measuring, as `pmlint analyze`
does) never raises, every position lies inside the file, the same input gives the same
output, and suppression directives only remove.

The real Linter runs every rule of the default pack (PM004 and PM903, off by default, are
turned on too) with PMLINT_RAISE=1, so a rule that crashes fails the test instead of
becoming a PM900 finding. Most examples lint with the blank spaCy pipeline (the lexical
checks); `test_trained_model` runs the trained one on a share of them.

Example counts are shares of the Hypothesis profile's `max_examples` (see conftest.py):
`make test` selects the `ci` profile, 10,000 examples over the tests below; `make fuzz` the
`fuzz` profile. Examples are derandomized, so CI is reproducible.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

from pmlint.analyze.aggregate import aggregate
from pmlint.analyze.metrics import document_metrics
from pmlint.config import load_config
from pmlint.engine import Linter
from pmlint.extract.timeline import cached_timeline
from pmlint.parse.markdown import _markdown
from pmlint.reading import SourceText, UnreadableFile, decode
from pmlint.report import FileReport
from tests.conftest import REPO
from tests.markdown_strategies import (
    DIRECTIVE_VERBS,
    SELECTORS,
    markdown,
    markdown_bytes,
)

# All rules on, PM004 with fields to look for. Not PM502's file lookups: `directory` below is
# a fresh empty folder, so every local link is reported, the same way every time.
CONFIG = """\
rules:
  PM004: {severity: warning, options: {fields: [date, authors, severity]}}
  PM903: warning
"""


def share(fraction: float) -> int:
    """This test's part of the profile's examples (the ci profile: 10,000 in all)."""
    return max(1, round(settings.default.max_examples * fraction))


def examples(fraction: float):  # type: ignore[no-untyped-def]
    """The share, on top of the profile's settings (deadline, derandomization, database)."""
    return settings(settings.default, max_examples=share(fraction))


@functools.cache
def linter(model: str) -> Linter:
    folder = tempfile.mkdtemp(prefix="pmlint-fuzz-")
    config = Path(folder) / ".pmlint.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return Linter(load_config(str(config)), nlp_model=model)


@functools.lru_cache(maxsize=1)
def empty_folder() -> str:
    return tempfile.mkdtemp(prefix="pmlint-fuzz-links-")


@contextmanager
def raising() -> Iterator[None]:
    """PMLINT_RAISE=1 for the block: a rule's exception propagates instead of PM900."""
    old = os.environ.get("PMLINT_RAISE")
    os.environ["PMLINT_RAISE"] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ["PMLINT_RAISE"]
        else:
            os.environ["PMLINT_RAISE"] = old


def source_of(text: str) -> SourceText:
    """As the command line reads a file: decoded, line endings made LF."""
    return decode(text.encode("utf-8"))


def lint(source: SourceText, model: str = "blank") -> FileReport:
    with raising():
        return linter(model).lint("fuzz.md", source, empty_folder())


def assert_inside(report: FileReport, text: str) -> None:
    """Every diagnostic's start and end lie in the file; the end is not before the start."""
    lines = text.split("\n")
    assert report.error is None, report.error
    # The report quotes the file's lines, with sensitive findings (PM6xx) masked in place.
    assert [len(line) for line in report.lines] == [len(line) for line in lines]
    for quoted, line in zip(report.lines, lines, strict=True):
        assert all(a == b or a == "*" for a, b in zip(quoted, line, strict=True))
    for diagnostic in report.diagnostics:
        span = diagnostic.span
        for line, column in ((span.line, span.column), (span.end_line, span.end_column)):
            assert 1 <= line <= len(lines), diagnostic
            assert 1 <= column <= len(lines[line - 1]) + 1, diagnostic
        assert (span.end_line, span.end_column) >= (span.line, span.column), diagnostic
        assert diagnostic.rule != "PM900", diagnostic


def assert_measurable(report: FileReport, model: str = "blank") -> None:
    """`pmlint analyze` on the same document: metrics computed and written as JSON."""
    assert report.document is not None
    used = linter(model)
    metrics = document_metrics(
        report.document, report.diagnostics, used.config, used.loaded_pipeline
    )
    json.dumps({"documents": [metrics], "aggregate": aggregate([metrics])})


def dump(report: FileReport) -> list[tuple[object, ...]]:
    return [
        (d.rule, d.severity, d.span, d.message, d.suggestion, d.name, d.category)
        for d in report.diagnostics
    ]


@given(markdown_bytes())
@examples(0.35)
def test_lint_never_raises_and_positions_lie_in_the_file(data: bytes) -> None:
    try:
        source = decode(data)
    except UnreadableFile as exc:  # only NUL makes a file binary, and there is none here
        raise AssertionError(f"refused: {exc}") from None
    report = lint(source)
    assert_inside(report, source.text)
    assert_measurable(report)


@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=400))
@examples(0.05)
def test_random_text(text: str) -> None:
    source = source_of(text)
    assert_inside(lint(source), source.text)


@given(markdown(), markdown())
@examples(0.15)
def test_lint_is_deterministic(text: str, other: str) -> None:
    """The same document, the same findings: also after another document was linted in
    between (the checks are built once and reused for every file of a run, so no state
    may carry over from one file to the next) and in a batch with it, as the runner lints
    files (`Linter.lint_many`)."""
    source = source_of(text)
    first = lint(source)
    assert_inside(first, source.text)
    lint(source_of(other))
    assert dump(lint(source_of(text))) == dump(first)
    with raising():
        batch = linter("blank").lint_many(
            [("other.md", source_of(other)), ("fuzz.md", source)], empty_folder()
        )
    assert dump(batch[1]) == dump(first)


def generated(count: int) -> list[bytes]:
    """`count` documents of the strategy, the same ones on every run."""
    found: list[bytes] = []

    @settings(max_examples=count, derandomize=True, database=None, phases=[Phase.generate])
    @given(markdown_bytes())
    def collect(data: bytes) -> None:
        found.append(data)

    collect()
    return found


def test_output_is_the_same_in_every_process(tmp_path: Path) -> None:
    """`pmlint check` in fresh processes whose string hashes differ (PYTHONHASHSEED: set
    and dict order of strings), in one process and with worker processes, with the
    trained pipeline: the same report, byte for byte. Over the rule fixtures, the
    examples and 40 generated documents."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    fixtures = (REPO / "tests" / "fixtures" / "rules").glob("*.md")
    for path in [*fixtures, *REPO.glob("examples/*.md")]:
        (corpus / path.name).write_bytes(path.read_bytes())
    for index, data in enumerate(generated(40)):
        (corpus / f"generated-{index:02}.md").write_bytes(data)
    (tmp_path / ".pmlint.yaml").write_text(CONFIG, encoding="utf-8")
    reports = []
    for seed, jobs in (("1", "1"), ("2", "1"), ("3", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("PMLINT_RAISE", None)
        args = ["check", "--no-cache", "--jobs", jobs, "--format", "json", "corpus"]
        done = subprocess.run(
            [sys.executable, "-m", "pmlint", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode in (1, 2), done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        payload = json.loads(done.stdout)
        assert payload["nlp"]["reduced"] is False, payload["nlp"]
        reports.append(json.dumps([payload["files"], payload["errors"]], sort_keys=True))
    assert len(json.loads(reports[0])[0]) > 80
    assert reports[1] == reports[0], "PYTHONHASHSEED changed the report"
    assert reports[2] == reports[0], "worker processes changed the report"


# -- suppression ------------------------------------------------------------------------


def block_starts(text: str) -> list[int]:
    """0-based lines where a top-level block starts after a blank line: a directive comment
    and a blank line inserted there change no other block (inside a list, a table, a code
    block or a paragraph they would)."""
    lines = text.split("\n")
    starts = {
        token.map[0]
        for token in _markdown().parse(text)
        if token.level == 0 and token.nesting >= 0 and token.map
    }
    front_matter = lines[0].strip() in ("---", "+++")
    return sorted(
        index
        for index in starts
        if 0 < index < len(lines)
        and not lines[index - 1].strip(" \t")
        and lines[index][:1] not in (" ", "\t")
        and not (front_matter and index <= _front_matter_end(lines))
    )


def _front_matter_end(lines: list[str]) -> int:
    for index in range(1, len(lines)):
        if lines[index].strip() == lines[0].strip():
            return index
    return len(lines)


# `pmlint-enable` is left out: it ends a disabled range the document already has, so it
# brings back findings by design.
directive = st.builds(
    lambda verb, selectors, multiline: (
        f"<!--\npmlint-{verb} {selectors}\n-->"
        if multiline
        else f"<!-- pmlint-{verb} {selectors} -->"
    ),
    st.sampled_from([verb for verb in DIRECTIVE_VERBS if verb != "enable"]),
    st.sampled_from(SELECTORS),
    st.booleans(),
)
_LINE_REFERENCE = re.compile(r"\bline (\d+)")


def findings(report: FileReport, original_line: list[int]) -> set[tuple[object, ...]]:
    """Non-meta findings, their lines (and lines their messages name) mapped back to the
    document before the directives were inserted."""
    found = set()
    for d in report.diagnostics:
        if d.category == "meta":
            continue
        line, end_line = original_line[d.span.line - 1], original_line[d.span.end_line - 1]
        assert line > 0 and end_line > 0, f"{d.rule} on an inserted directive line: {d}"
        message = _LINE_REFERENCE.sub(lambda m: f"line {original_line[int(m[1]) - 1]}", d.message)
        found.add((d.rule, line, d.span.column, end_line, d.span.end_column, message))
    return found


@given(markdown(), st.data())
@examples(0.30)
def test_directives_only_remove_findings(text: str, data: st.DataObject) -> None:
    text = source_of(text).text
    starts = block_starts(text)
    chosen = data.draw(st.lists(st.sampled_from(starts), max_size=4, unique=True)) if starts else []
    appended = data.draw(st.lists(directive, min_size=0 if chosen else 1, max_size=2))
    lines = text.split("\n")
    new_lines: list[str] = []
    original_line: list[int] = []  # 1-based line before insertion; 0 for inserted lines
    for index, line in enumerate(lines):
        if index in chosen:
            inserted = [*data.draw(directive).split("\n"), ""]
            new_lines += inserted
            original_line += [0] * len(inserted)
        new_lines.append(line)
        original_line.append(index + 1)
    # `disable-file` and friends at the very end, after a blank line, touch nothing above
    # them unless the document ends inside a code block or an HTML block: then they are
    # text in it (an unclosed `<!--` closed by them would change what follows: nothing).
    if appended and not _ends_open(text):
        tail = ["", *"\n\n".join(appended).split("\n")]
        new_lines += tail
        original_line += [0] * len(tail)
    new_text = "\n".join(new_lines)
    note(new_text)
    # The texts as they are: decoding them again would take a leading U+FEFF for a BOM
    # (one that followed a BOM in the generated file) and shift line 1.
    before = lint(SourceText(text))
    after = lint(SourceText(new_text))
    assert_inside(after, new_text)
    added = findings(after, original_line) - findings(before, list(range(1, len(lines) + 1)))
    assert not added, added


def _ends_open(text: str) -> bool:
    tokens = [t for t in _markdown().parse(text) if t.level == 0 and t.map]
    return bool(tokens) and tokens[-1].type in ("fence", "html_block", "code_block")


# -- the trained pipeline ---------------------------------------------------------------


@given(markdown_bytes(), markdown())
@examples(0.15)
def test_trained_model(data: bytes, other: str) -> None:
    """The language rules' syntactic stage (spaCy's parser) on the same documents; and
    the document linted in a batch with another, whose sentences are parsed together
    with its own: it gets the same findings as alone."""
    source = decode(data)
    report = lint(source, model="auto")
    assert_inside(report, source.text)
    assert_measurable(report, model="auto")
    with raising():
        batch = linter("auto").lint_many(
            [("other.md", source_of(other)), ("fuzz.md", source)], empty_folder()
        )
    assert dump(batch[1]) == dump(report)


def test_binary_input_is_refused_clearly() -> None:
    with pytest.raises(UnreadableFile, match="binary file"):
        decode(b"# Title\n\x00\x01")


def test_make_test_runs_ten_thousand_examples() -> None:
    """`make test` selects the `ci` profile for the whole suite; that profile has 10,000
    examples; the property tests above share a profile's examples out whole; and the
    shares were taken from the profile in effect (pytest applies `--hypothesis-profile`
    before it imports this module). Under `make test` the sum is exactly 10,000."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    (command,) = [line for line in recipe.splitlines() if "pytest" in line]
    arguments = command.split(" pytest ", 1)[1].split()
    assert "--hypothesis-profile=ci" in arguments, command
    assert not {"-k", "-m", "--ignore", "--deselect", "-x"} & set(arguments), command
    assert not [a for a in arguments if not a.startswith("-")], command  # the whole suite
    fuzz = makefile.split("\nfuzz:", 1)[1].split("\n\n", 1)[0]
    assert "--hypothesis-profile=fuzz" in fuzz
    assert settings.get_profile("ci").max_examples >= 10_000
    assert settings.get_profile("fuzz").max_examples > settings.get_profile("ci").max_examples
    properties = [
        value
        for value in globals().values()
        if callable(value) and getattr(value, "is_hypothesis_test", False)
    ]
    assert len(properties) == 5, properties
    counts = [value._hypothesis_internal_use_settings.max_examples for value in properties]
    assert abs(sum(counts) - settings.default.max_examples) <= len(counts), counts
    if settings._current_profile == "ci":
        assert sum(counts) >= 10_000, counts


# -- what the properties found, kept as plain examples -------------------------------------


def test_blank_unicode_line_before_a_paragraph() -> None:
    """markdown-it-py strips a leading line of Unicode blanks (a vertical tab, U+2028) off
    a paragraph's text: every position in it was a line too early."""
    for blank in ("\x0b", "\x0c", "\u2028", "\x1c", "\x85"):
        source = source_of(f"# Summary\n\n{blank} \nsome users saw errors\n")
        report = lint(source)
        assert_inside(report, source.text)
        (vague,) = [d for d in report.diagnostics if d.rule == "PM202"]
        assert (vague.span.line, vague.span.column) == (4, 1)


def test_a_second_byte_order_mark_is_text() -> None:
    """Found by `make fuzz` (in the test's own bookkeeping, which decoded twice): only the
    first BOM is taken off a file; a second U+FEFF is text on line 1."""
    source = decode(b"\xef\xbb\xbf\xef\xbb\xbf\n\n<!-- pmlint-disable -->\nTODO\n")
    assert source.text.startswith("\ufeff\n")
    report = lint(source)
    assert_inside(report, source.text)
    assert report.lines[0] == "\ufeff"


def test_front_matter_error_on_a_line_of_blanks() -> None:
    """Found by `make fuzz` (test_trained_model, seed 66): PM901 points at the line of the
    YAML error; where that line holds only a tab, its span was column 2 to column 1."""
    source = source_of("---\n\t\nb\n---\n# Title\n")
    report = lint(source)
    (error,) = [d for d in report.diagnostics if d.rule == "PM901"]
    assert error.span.line == 2
    assert_inside(report, source.text)


def test_carriage_returns_given_to_the_parser() -> None:
    """markdown-it counts a lone CR as a line break; the parser now does the same."""
    report = lint(SourceText("# Summary\n\n# \r \n\n# Summary\n"))
    assert report.lines == ["# Summary", "", "# ", " ", "", "# Summary", ""]
    assert_inside(report, "\n".join(report.lines))


def test_next_line_directive_skips_a_multi_line_directive() -> None:
    text = (
        "# Summary\n\n<!-- pmlint-disable-next-line -->\n<!--\npmlint-disable PM003\n-->\n\nTBD\n"
    )
    assert "PM003" not in [d.rule for d in lint(source_of(text)).diagnostics]


def test_front_matter_milestone_is_measured() -> None:
    """A positional Moment(...) put the milestone in `zone_name` (a frozenset: `pmlint
    analyze --format json` crashed) and marked it prose instead of front matter."""
    report = lint(source_of("---\nstart: 2024-03-11 10:02\n---\n# Title\n"))
    assert report.document is not None
    start = cached_timeline(report.document).milestones["start"]
    assert start.source == 0 and start.kinds == frozenset({"start"}) and start.zone_name is None
    assert_measurable(report)
