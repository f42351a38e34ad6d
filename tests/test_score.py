"""The quality score is monotone: a new finding never raises it, and removing a required
section never raises it. Checked on the examples, the rule fixtures and, where ../shared is
present, every real postmortem: each required section removed in turn."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmlint.analyze.score import MISSING_SECTION_FACTOR, PART_CAP, quality_score
from pmlint.api import lint_text
from pmlint.config import load_config
from pmlint.diagnostics import Diagnostic, Severity, Span
from pmlint.parse import parse_document
from pmlint.reading import read_file
from tests.conftest import REPO

REQUIRED = ("summary", "impact", "timeline", "root-cause", "resolution", "action-items")
CATEGORIES = ("structure", "timeline", "impact", "language", "actions", "hygiene", "meta")

_finding = st.builds(
    lambda rule, category, severity, line: Diagnostic(
        "x.md", rule, "n", category, severity, "m", Span(line, 1, line, 2)
    ),
    st.sampled_from(["PM001", "PM002", "PM104", "PM301", "PM401"]),
    st.sampled_from(CATEGORIES),
    st.sampled_from(list(Severity)),
    st.integers(1, 40),
)


@given(st.lists(_finding, max_size=30), _finding)
def test_a_new_finding_never_raises_the_score(found: list[Diagnostic], new: Diagnostic) -> None:
    assert quality_score([*found, new]) <= quality_score(found)


def test_parts_are_capped_and_a_missing_section_costs_more_than_a_full_one() -> None:
    def diag(category: str, severity: Severity, rule: str = "PM104") -> Diagnostic:
        return Diagnostic("p", rule, "n", category, severity, "m", Span(1, 1, 1, 1))

    assert quality_score([]) == 100
    assert quality_score([diag("timeline", Severity.WARNING)]) == 96
    many = [diag("timeline", Severity.ERROR)] * 10
    assert quality_score(many) == 100 - PART_CAP  # one part keeps at least 0.70
    assert quality_score([diag("meta", Severity.ERROR)]) == 100
    missing = diag("structure", Severity.ERROR, "PM001")
    assert quality_score([missing]) == round(100 * MISSING_SECTION_FACTOR)
    assert MISSING_SECTION_FACTOR < 1 - PART_CAP / 100
    two_parts = [diag("timeline", Severity.ERROR), diag("impact", Severity.ERROR)]
    assert quality_score(two_parts) == 81  # 0.9 x 0.9: parts multiply


def _documents() -> list[Path]:
    paths = sorted((REPO / "examples").glob("*.md"))
    paths += sorted((REPO / "tests" / "fixtures" / "rules").glob("*.md"))
    real = REPO.parent / "shared" / "corpus" / "real"
    paths += sorted(real.glob("*.md")) if real.is_dir() else []
    return paths


def _missing(diagnostics: list[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.rule == "PM001" and d.severity is Severity.ERROR)


@pytest.mark.slow
def test_removing_a_required_section_never_raises_the_score() -> None:
    config = load_config(None)
    checked = 0
    for path in _documents():
        source = read_file(str(path))
        doc = parse_document(str(path), source.text, config.catalog)
        report = lint_text(path.read_bytes(), str(path), config=config, nlp_model="blank")
        if report.document is None:
            continue
        before = quality_score(report.diagnostics, report.document)
        lines = source.text.split("\n")
        for canonical in REQUIRED:
            # Every section of that role goes: a second "Root cause" heading would keep it.
            spans = [
                (s.first_line, s.last_line)
                for s in doc.sections()
                if s.canonical == canonical
                and s.heading_span is not None
                and not any(a.canonical == canonical for a in s.ancestors())
            ]
            if not spans:
                continue
            # All of them, then each alone where there are several (the real section goes,
            # a stand-in such as a "Causes" list stays and PM001 accepts it).
            for removed in [spans] + ([[span] for span in spans] if len(spans) > 1 else []):
                gone = {n for first, last in removed for n in range(first, last + 1)}
                text = "\n".join(line for n, line in enumerate(lines, start=1) if n not in gone)
                after_report = lint_text(text, str(path), config=config, nlp_model="blank")
                if after_report.document is None:
                    continue
                after = quality_score(after_report.diagnostics, after_report.document)
                assert after <= before, (path.name, canonical, removed, before, after)
                checked += 1
    assert checked >= 20


def test_explain_score_gives_the_weights_it_uses() -> None:
    from pmlint.analyze.score import WEIGHTS
    from tests.conftest import invoke

    result = invoke("explain", "score")
    assert result.exit_code == 0, result.output
    page = " ".join(result.stdout.split())
    weights = (WEIGHTS[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    assert "by severity (error {}, warning {}, info {})".format(*weights) in page
    assert f"never less than {1 - PART_CAP / 100:.2f}" in page
    assert f"keeps {MISSING_SECTION_FACTOR:.2f}" in page
    assert "It is monotone: a new finding never raises it" in page
    # The README shows this very page (tests/test_readme.py checks the block is real).
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "<!-- output: pmlint explain score -->\n```text\n" + result.stdout in readme


STAND_IN = """\
# Checkout errors

Checkout failed for forty minutes after a configuration push to the payments gateway.

## Summary

TODO

## Impact

About 4,000 checkouts failed.

## Timeline

- 10:02 UTC the configuration push lands; checkout errors begin
- 10:05 UTC the error-rate alert fires
- 10:40 UTC the push is reverted; checkouts succeed

## Root cause

TBD

### Why did it happen?

TBD

## Resolution

The push was reverted.

## Action items

- Validate gateway configuration before a push (owner: @ana, PAY-12, due 2024-06-01)

## Causes

- A configuration push to the gateway.
"""


@pytest.mark.parametrize(
    ("canonical", "title"), [("root-cause", "Root cause"), ("summary", "Summary")]
)
def test_removing_the_real_section_keeps_a_stand_in_from_raising_the_score(
    canonical: str, title: str
) -> None:
    """ "Causes" maps to root-cause in the catalog and the lead prose counts as the
    summary: with the faulty real section gone PM001 stays quiet, yet the score must not rise."""
    config = load_config(None)
    report = lint_text(STAND_IN, "x.md", config=config, nlp_model="blank")
    assert report.document is not None
    before = quality_score(report.diagnostics, report.document)
    kept, skipping = [], False
    for line in STAND_IN.split("\n"):
        if line.startswith("## "):
            skipping = line == f"## {title}"
        if not skipping:
            kept.append(line)
    after_report = lint_text("\n".join(kept), "x.md", config=config, nlp_model="blank")
    assert after_report.document is not None
    assert _missing(after_report.diagnostics) == _missing(report.diagnostics)  # a stand-in
    assert after_report.document.find_sections(canonical) or canonical == "summary"
    assert quality_score(after_report.diagnostics, after_report.document) <= before
