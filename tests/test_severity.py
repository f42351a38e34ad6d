"""The severity analyze reads: where documents state it, and what it does not take for one.
Every document here is written for this test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmlint.analyze.severity import document_severity, severity_level
from pmlint.config import load_config
from pmlint.parse import parse_document
from tests.conftest import invoke, write

BODY = """
## Summary

The billing export stalled for an afternoon.

## Timeline

- 2024-03-05 13:00 UTC exports began to time out
- 2024-03-05 13:20 UTC the export alert paged the on-call engineer
- 2024-03-05 15:00 UTC the export workers were restarted; exports resumed
"""


def _read(text: str) -> tuple[str, int | None, int, str] | None:
    doc = parse_document("doc.md", text, load_config(None).catalog)
    found = document_severity(doc)
    return None if found is None else (found.stated, found.level, found.line, found.how)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # front matter, the way incident tools and status pages write it
        ("---\nseverity: SEV2\n---\n# Exports stalled\n" + BODY, ("SEV2", 2, 1, "front-matter")),
        ("---\npriority: P1\n---\n# Exports stalled\n" + BODY, ("P1", 1, 1, "front-matter")),
        ("---\nseverity: disrupted\n---\n# Exports\n" + BODY, ("disrupted", 3, 1, "front-matter")),
        ("---\nimpact: major\n---\n# Exports stalled\n" + BODY, ("major", 2, 1, "front-matter")),
        # a labelled field, bold or plain, with words after the level
        ("# Exports stalled\n\nSeverity: SEV-2 (major)\n" + BODY, ("SEV-2", 2, 3, "field")),
        ("# Exports stalled\n\n**Severity:** High\n" + BODY, ("High", 2, 3, "field")),
        ("# Exports\n\n- **Incident priority**: P3\n" + BODY, ("P3", 3, 3, "field")),
        ("# Exports\n\nStatus: closed<br>Sev: 1\n" + BODY, ("1", 1, 3, "field")),
        ("# Exports\n\n## Severity\n\nSEV3: one report\n" + BODY, ("SEV3", 3, 5, "field")),
        # a table row of fields, the header row too, or the one row under a Severity column
        (
            "# Exports\n\n| Field | Value |\n|---|---|\n| Date | 2024-03-05 |\n"
            "| Severity | Sev 1 |\n" + BODY,
            ("Sev 1", 1, 6, "table"),
        ),
        ("# Exports\n\n| Severity | low |\n|---|---|\n" + BODY, ("low", 4, 3, "table")),
        (
            "# Exports\n\n| Owner | Severity | Status |\n|---|---|---|\n| @kim | S2 | closed |\n"
            + BODY,
            ("S2", 2, 5, "table"),
        ),
        # in a sentence, the title included
        ("# SEV1: exports stalled\n" + BODY, ("SEV1", 1, 1, "prose")),
        ("# Exports\n\nThis was a Sev 2 for the billing team.\n" + BODY, ("Sev 2", 2, 3, "prose")),
        ("# Exports\n\nA P1 incident was opened at once.\n" + BODY, ("P1", 1, 3, "prose")),
        ("# Exports\n\nWe declared it a P0 within minutes.\n" + BODY, ("P0", 1, 3, "prose")),
    ],
)
def test_severity_where_documents_state_it(text: str, expected: tuple) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# Exports stalled\n" + BODY,
        # a follow-up's priority is not the incident's
        "# Exports\n" + BODY + "\n## Action items\n\n- Priority: P1, add a retry (owner: @kim)\n",
        "# Exports\n"
        + BODY
        + "\n## Action items\n\n| Item | Priority |\n|---|---|\n| add a retry | P1 |\n",
        # P1 naming something else; a severity word in a story; a field with no level
        "# Exports\n\nThe P1 and P2 queues were drained first.\n" + BODY,
        "# Exports\n\nIt was a major disruption for the billing team.\n" + BODY,
        "# Exports\n\nSeverity: to be decided at the review\n" + BODY,
        # a table of several incidents: no one row is this document's
        "# Exports\n\n| Incident | Severity |\n|---|---|\n| one | SEV1 |\n| two | SEV3 |\n" + BODY,
    ],
)
def test_no_severity_where_none_is_stated(text: str) -> None:
    assert _read(text) is None


def test_a_front_matter_value_no_level_reads_is_kept_as_written() -> None:
    assert _read("---\nseverity: customer-facing\n---\n# Exports\n" + BODY) == (
        "customer-facing",
        None,
        1,
        "front-matter",
    )


@pytest.mark.parametrize(
    ("value", "level"),
    [("SEV0", 1), ("sev-3", 3), ("P2", 2), ("Severity 4", 4), ("critical", 1), ("notice", 5)],
)
def test_levels(value: str, level: int) -> None:
    assert severity_level(value) == level


def test_severity_in_json_csv_text_and_the_scatter(tmp_path: Path) -> None:
    folder = tmp_path / "pm"
    write(folder / "a.md", "---\nseverity: SEV1\n---\n# Exports stalled\n" + BODY)
    write(folder / "b.md", "# Exports stalled again\n\n**Severity:** low\n" + BODY)
    write(folder / "c.md", "# Exports stalled once more\n" + BODY)
    payload = json.loads(invoke("analyze", "--format", "json", str(folder)).stdout)
    docs = {Path(d["path"]).name: d for d in payload["documents"]}
    assert [(docs[n]["severity"], docs[n]["severity_level"]) for n in ("a.md", "b.md", "c.md")] == [
        ("SEV1", 1),
        ("low", 4),
        (None, None),
    ]
    assert docs["b.md"]["severity_source"] == {"line": 3, "how": "field"}
    assert payload["aggregate"]["severity"] == {"SEV1": 1, "SEV4": 1, "unknown": 1}
    rows = {
        Path(r["path"]).name: r
        for r in csv.DictReader(
            io.StringIO(invoke("analyze", "--format", "csv", str(folder)).stdout)
        )
    }
    assert [(rows[n]["severity_level"], rows[n]["severity_line"]) for n in ("a.md", "b.md")] == [
        ("1", "1"),
        ("4", "3"),
    ]
    assert (rows["c.md"]["severity_level"], rows["c.md"]["severity_line"]) == ("", "")
    text = invoke("analyze", str(folder)).stdout
    assert "Severity: SEV1 1, SEV4 1, unknown 1" in text
    assert "b.md: severity low (level 4, line 3, field);" in text
    page = invoke("analyze", "--format", "html", str(folder)).stdout
    assert "2 of 3 documents give both." in page  # the scatter has its two dots


def test_scatter_spreads_dots_of_one_level() -> None:
    """Incidents of one level and the same length sit side by side, the first on its level."""
    from pmlint.analyze.charts import _spread_out

    placed = _spread_out([(2, 60), (2, 60), (2, 60), (4, 5)])
    assert [round(x, 2) for x, _ in placed] == [2.0, 2.05, 1.95, 4.0]
    assert len({x for x, _ in placed}) == 4
