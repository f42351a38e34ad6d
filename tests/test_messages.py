"""Messages quote flagged text with its whitespace collapsed: text wrapped in the source
must not put line breaks into messages, `-q` lines, JUnit or GitHub annotations (issue 16)."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from pmlint.engine import _Fields, one_line, render
from tests.conftest import invoke, write

WRAPPED = """\
# Checkout outage

## Summary

Checkout failed for a significant number of
customers   and the on-call engineer carelessly
pushed a broken config.
"""


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "pm.md", WRAPPED)


def test_json_messages_and_suggestions_have_no_line_breaks(doc: Path) -> None:
    payload = json.loads(invoke("check", "--format", "json", "pm.md").stdout)
    diagnostics = [d for f in payload["files"] for d in f["diagnostics"]]
    vague = [d for d in diagnostics if d["rule"] == "PM202"]
    assert vague and "'a significant number of customers'" in vague[0]["message"]
    for diagnostic in diagnostics:
        for key in ("message", "suggestion"):
            text = diagnostic[key] or ""
            assert "\n" not in text and "  " not in text, (key, text)


def test_quiet_lines_and_annotations_are_one_finding_each(doc: Path) -> None:
    quiet = invoke("check", "-q", "pm.md").stdout.splitlines()
    assert quiet and all(line.startswith("pm.md:") for line in quiet), quiet
    github = invoke("check", "--format", "github", "pm.md").stdout
    assert "%0A" not in github
    annotations = [line for line in github.splitlines() if not line.startswith("Found ")]
    assert all(line.startswith("::") for line in annotations if line), annotations


def test_one_line() -> None:
    assert one_line(" a\n  b\tc\r\n") == "a b c"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{match!r} under {section}", "'the on-call forgot' under Impact"),
        ("{match:>20}|", "  the on-call forgot|"),
        ("{unknown} and {unknown!r}: {section}", "{unknown} and '{unknown}': Impact"),
        ("{{literal}} {section}", "{literal} Impact"),
        ("{} or {0}", "{} or {0}"),  # positional fields: the template as written
        ("{section:d}", "{section:d}"),  # a format the value refuses
        ("{section.upper.x}", "{section.upper.x}"),  # an attribute it lacks
        ("{section", "{section"),  # unbalanced
    ],
)
def test_render_fills_the_fields_it_knows(template: str, expected: str) -> None:
    """`render` fills a rule's message from the finding's fields with `str.format_map`;
    what `string.Formatter` gave: unknown fields left as written, and the template itself
    where the fields cannot fill it."""
    fields = {"match": "the on-call forgot", "section": "Impact"}
    assert render(template, fields) == expected
    try:
        formatted = string.Formatter().vformat(template, (), _Fields(fields))
    except (ValueError, IndexError, AttributeError):
        formatted = template
    assert formatted == expected
