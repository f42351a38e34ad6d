"""Fixes (`pmlint check --fix`): each fix removes its finding and adds none, applying twice
changes nothing, files keep their encoding, BOM and line endings, and a file without a
fixable finding is never touched."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.api import lint_text
from pmlint.config import Config, load_config
from pmlint.diagnostics import Applicability
from pmlint.fixer import Fixed, fix_text
from pmlint.fixes import WrittenText, apply_fixes, suppression_fix
from tests.conftest import GOOD_POSTMORTEM, REPO
from tests.markdown_strategies import markdown


@pytest.fixture(scope="module")
def every_rule(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """The default rules plus the off-by-default PM006 (pseudo-headings)."""
    path = tmp_path_factory.mktemp("config") / ".pmlint.yaml"
    path.write_text("rules:\n  PM006: info\n", encoding="utf-8")
    return load_config(str(path))


def fix(text: str, config: Config, unsafe: bool = True, model: str | None = None) -> Fixed:
    original = WrittenText.from_bytes(text.encode("utf-8"))
    assert original is not None

    def lint(written: str):  # type: ignore[no-untyped-def]
        return lint_text(written, "doc.md", config=config, nlp_model=model)

    return fix_text(original, lint, unsafe)


def rules_found(text: str, config: Config) -> Counter[str]:
    return Counter(d.rule for d in lint_text(text, "doc.md", config=config).diagnostics)


# A good postmortem (tests/conftest.py) with one fault put in for each fixable rule; the
# TODO it carries on purpose stays (PM003 has no fix).
GOOD = GOOD_POSTMORTEM
CASES = {
    "PM501": GOOD.replace("Checkout returned errors", "Checkout returned â€œerrorsâ€\x9d"),
    "PM101": GOOD.replace(" UTC", "").replace("We raised", "At 10:41 UTC we raised"),
    "PM006": GOOD.replace("## Root cause", "**Root cause:**"),
    "PM001": GOOD.replace(
        "## Impact\n\nAbout 12% of orders failed between 10:02 and 10:41 UTC.\n", ""
    ),
}


def test_the_cases_have_the_fault_they_are_named_after(every_rule: Config) -> None:
    assert rules_found(GOOD, every_rule) == Counter({"PM003": 1})
    for rule, text in CASES.items():
        assert rule in rules_found(text, every_rule), rule


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_fix_removes_its_finding_and_adds_none(rule: str, every_rule: Config) -> None:
    text = CASES[rule]
    before = rules_found(text, every_rule)
    fixed = fix(text, every_rule)
    assert fixed.changed and fixed.applied >= 1
    after = rules_found(fixed.result.text, every_rule)
    assert after[rule] == 0, fixed.result.text
    added = after - before
    # A missing section comes back as its heading and an "[insert …]" prompt, which PM003
    # reports until someone writes it: that is the point (explain PM001 says so).
    expected = Counter({"PM003": 1}) if rule == "PM001" else Counter()
    assert added == expected, fixed.result.text


@pytest.mark.parametrize("rule", sorted(CASES))
def test_fixing_twice_changes_nothing_the_second_time(rule: str, every_rule: Config) -> None:
    once = fix(CASES[rule], every_rule).result.text
    again = fix(once, every_rule)
    assert not again.changed and again.applied == 0


def test_only_safe_fixes_without_unsafe(every_rule: Config) -> None:
    text = CASES["PM501"].replace("## Root cause", "**Root cause:**")
    safe = fix(text, every_rule, unsafe=False).result.text
    assert "“errors”" in safe and "**Root cause:**" in safe  # PM006's fix is unsafe


def test_pm101_writes_the_one_stated_zone_and_nothing_when_there_is_none(
    every_rule: Config,
) -> None:
    fixed = fix(CASES["PM101"], every_rule).result.text
    assert "between 10:02 UTC and 10:41 UTC." in fixed and "10:41 UTC UTC" not in fixed
    no_zone = "# Outage\n\n## Timeline\n\n- 10:02 alert\n- 10:40 rollback\n"
    [finding] = [d for d in lint_text(no_zone, config=every_rule).diagnostics if d.rule == "PM101"]
    assert finding.fix is None


def test_pm001_puts_the_section_where_the_template_has_it(every_rule: Config) -> None:
    fixed = fix(CASES["PM001"], every_rule).result.text
    assert fixed.index("## Summary") < fixed.index("## Impact") < fixed.index("## Timeline")
    assert "## Impact\n\n[insert impact]\n\n## Timeline" in fixed


def test_a_crlf_file_with_a_bom_keeps_them_and_its_other_text(every_rule: Config) -> None:
    text = "\ufeff" + CASES["PM501"].replace("Checkout outage", "Café outage").replace("\n", "\r\n")
    original = WrittenText.from_bytes(text.encode("utf-8"))
    assert original is not None and original.bom
    fixed = fix_text(original, lambda t: lint_text(t, "doc.md", config=every_rule), True)
    data = fixed.result.to_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:].decode("utf-8")
    assert body.count("\r\n") == body.count("\n") == text.count("\r\n")
    assert "Café outage" in body and "“errors”" in body


def test_a_utf16_file_stays_utf16(every_rule: Config) -> None:
    data = CASES["PM501"].encode("utf-16")  # with its BOM
    original = WrittenText.from_bytes(data)
    assert original is not None
    fixed = fix_text(original, lambda t: lint_text(t, "doc.md", config=every_rule), True)
    assert fixed.result.to_bytes().startswith(data[:2])
    assert "“errors”" in fixed.result.to_bytes().decode("utf-16")


def test_bytes_that_are_not_utf8_are_never_fixed() -> None:
    assert WrittenText.from_bytes(b"# Outage\n\ncaf\xe9 \xff\n") is None
    assert WrittenText.from_bytes(b"\x00\x01binary") is None


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    from pmlint.diagnostics import Edit, Fix, Span

    first = Fix("a", (Edit(Span(1, 1, 1, 4), "ABC"),), Applicability.SAFE)
    second = Fix("b", (Edit(Span(1, 2, 1, 3), "X"),), Applicability.SAFE)
    text, applied = apply_fixes("abcdef\n", [second, first])
    assert (text, applied) == ("ABCdef\n", 1)


SUPPRESSIBLE = (
    "# Outage\n\nSomeone broke it.\n\n- first item\n- then someone else broke it.\n\n"
    "| Time | Event |\n| --- | --- |\n| 10:02 UTC | Someone broke it. |\n\n> Someone broke it.\n"
)


@pytest.mark.parametrize(
    ("line", "written"),
    [
        (3, "<!-- pmlint-disable-next-line PM301 -->\nSomeone broke it."),
        (6, "- then someone else broke it. <!-- pmlint-disable-line PM301 -->"),
        (10, "| 10:02 UTC | Someone broke it. <!-- pmlint-disable-line PM301 --> |"),
        (12, "> Someone broke it. <!-- pmlint-disable-line PM301 -->"),
    ],
)
def test_the_suppression_fix_silences_one_finding_without_breaking_its_block(
    line: int, written: str
) -> None:
    """Above a paragraph it is a next-line comment; where a line above would split a list,
    a table or a quote, a comment at the end of the line."""
    found = lint_text(SUPPRESSIBLE, select=["PM301"]).diagnostics
    assert [d.span.line for d in found] == [3, 6, 10, 12]
    [finding] = [d for d in found if d.span.line == line]
    repaired, applied = apply_fixes(
        SUPPRESSIBLE, [suppression_fix(finding, SUPPRESSIBLE.split("\n"))]
    )
    assert applied == 1 and written in repaired
    left = lint_text(repaired, select=["PM301", "PM903"]).diagnostics
    assert len(left) == 3 and all(d.rule == "PM301" for d in left)


def test_the_suppression_fix_in_front_matter_disables_the_rule_for_the_file() -> None:
    text = "---\nauthors: someone\ndate: 2024-13-45\n---\n# Outage\n"
    [finding] = lint_text(text, select=["PM901"]).diagnostics or [None]  # type: ignore[list-item]
    if finding is None:
        pytest.skip("no front-matter finding for this text")
    repaired, _ = apply_fixes(text, [suppression_fix(finding, text.split("\n"))])
    assert "---\n<!-- pmlint-disable-file PM901 -->\n# Outage" in repaired


_FIXABLE_SNIPPETS = st.sampled_from(
    [
        "We donâ€™t retry.",
        "**Timeline:**",
        "**Impact:**\nMost users.",
        "- 10:02 alert fired\n- 10:15 UTC paged",
        "## Summary\n\nIt broke.",
        "",
    ]
)


@given(document=markdown(max_blocks=8), first=_FIXABLE_SNIPPETS, second=_FIXABLE_SNIPPETS)
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_fix_never_touches_a_file_without_fixes_and_always_leaves_one_that_lints(
    document: str, first: str, second: str, every_rule: Config
) -> None:
    text = f"{first}\n\n{document}\n\n{second}\n"
    report = lint_text(text, "doc.md", config=every_rule, nlp_model="blank")
    fixed = fix(text, every_rule, model="blank")
    if all(d.fix is None for d in report.diagnostics):
        assert not fixed.changed
    after = lint_text(fixed.result.text, "doc.md", config=every_rule, nlp_model="blank")
    assert after.error is None
    assert not [d for d in after.diagnostics if d.rule in ("PM900", "PM904")]


@pytest.mark.slow
def test_check_fix_diff_and_stdin_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(CASES["PM501"].replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o640)

    def pmlint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "pmlint", "check", "--select", "PM501,PM006", *args],
            cwd=tmp_path,
            input=stdin,
            capture_output=True,
            timeout=300,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )

    diff = pmlint("--diff", "pm.md")
    assert diff.returncode == 1 and b"-Checkout returned \xc3\xa2" in diff.stdout
    assert path.read_bytes().count(b"\xc3\xa2\xe2\x82\xac") == 2  # --diff wrote nothing
    assert pmlint("--unsafe-fixes", "pm.md").returncode == 2  # needs --fix or --diff
    done = pmlint("--fix", "pm.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert b"applied 1 fix(es) in 1 file(s)" in done.stderr
    written = path.read_bytes()
    assert "“errors”".encode() in written and written.count(b"\r\n") == written.count(b"\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert list(tmp_path.glob(".pmlint-fix-*")) == []  # no temporary file left behind
    piped = pmlint("--fix", "-", stdin=CASES["PM501"].encode("utf-8"))
    assert piped.returncode == 0 and piped.stdout.decode("utf-8") == CASES["PM501"].replace(
        "â€œerrorsâ€\x9d", "“errors”"
    )


def test_the_readme_documents_the_fix_flags() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for flag in ("--fix", "--unsafe-fixes", "--diff", "pmlint-fix"):
        assert flag in readme, flag
