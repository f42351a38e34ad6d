"""`pmlint analyze`: the JSON contract, aggregates, the other formats, the progress bar."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmlint.analyze.aggregate import aggregate, percentile
from tests.conftest import invoke, write

INCIDENT = """\
---
date: 2024-05-14
severity: SEV2
---
# Payments latency

## Summary

Card payments were slow for an hour.

## Impact

6.5% of card payments (about 4,200 of 64,000) failed for 68 minutes.

## Timeline

All times UTC, 2024-05-14.

| Time (UTC) | Event |
| --- | --- |
| 13:02 | Latency rose; impact begins. |
| 13:09 | The latency alert pages the on-call engineer. |
| 13:47 | The change is rolled back. |
| 14:10 | The backlog is drained; the incident is resolved. |

## Root cause

A pool size change.

## Resolution

Rolled back.

## Action items

- Alert on pool wait time above 200 ms (@lee, PAY-1852)
"""

CONTRACT_KEYS = {
    "path",
    "title",
    "timezone",
    "milestones",
    "ttd_minutes",
    "ttm_minutes",
    "ttr_minutes",
    "duration_minutes",
    "impact",
    "action_items",
    "findings",
    "score",
}


def analyze_json(*args: str) -> dict:
    result = invoke("analyze", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_document_metrics_follow_the_contract(tmp_path: Path) -> None:
    path = write(tmp_path / "pm.md", INCIDENT)
    payload = analyze_json(str(path))
    assert payload["version"] == 1
    (document,) = payload["documents"]
    assert set(document) >= CONTRACT_KEYS
    assert document["milestones"] == {
        "start": "2024-05-14T13:02:00+00:00",
        "detected": "2024-05-14T13:09:00+00:00",
        "escalated": None,
        "mitigated": "2024-05-14T13:47:00+00:00",
        "resolved": "2024-05-14T14:10:00+00:00",
    }
    assert (document["ttd_minutes"], document["ttm_minutes"], document["ttr_minutes"]) == (
        7,
        45,
        68,
    )
    assert document["duration_minutes"] == 68
    assert document["timezone"] == "UTC"
    assert document["severity"] == "SEV2"
    assert {"value": 6.5, "unit": "percent", "of": "payments", "line": 13} in document["impact"]
    assert {"value": 4200, "unit": "count", "of": None, "line": 13} not in document["impact"]
    assert set(document["action_items"]) == {"total", "owned", "dated", "tracked", "vague"}
    assert set(document["findings"]) == {"error", "warning", "info"}
    assert 0 <= document["score"] <= 100


def test_aggregate_medians_p90_and_missing_milestones() -> None:
    docs = [
        {
            "ttd_minutes": value,
            "ttm_minutes": None,
            "ttr_minutes": value * 2,
            "duration_minutes": value * 2,
            "milestones": {
                "start": "x",
                "detected": "x",
                "escalated": None,
                "mitigated": None,
                "resolved": "x",
            },
            "action_items": {"total": 2, "owned": 1, "dated": 0, "tracked": 1, "vague": 0},
            "findings": {"error": 0, "warning": 1, "info": 0},
            "rules": {"PM201": 1},
            "score": 90,
        }
        for value in (10, 20, 30, 40, 100)
    ]
    result = aggregate(docs)
    assert result["documents"] == 5
    assert result["ttd_minutes"] == {"count": 5, "median": 30, "p90": 100}
    assert result["ttm_minutes"] == {"count": 0, "median": None, "p90": None}
    assert result["missing_milestones"]["escalated"] == 5
    assert result["action_items"]["ownership_rate"] == 0.5
    assert result["rules"] == {"PM201": 5}


def test_percentile_is_nearest_rank() -> None:
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([5], 0.9) == 5
    assert percentile([], 0.5) is None


@pytest.mark.parametrize("output_format", ["text", "csv", "markdown"])
def test_other_formats(tmp_path: Path, output_format: str) -> None:
    path = write(tmp_path / "pm.md", INCIDENT)
    result = invoke("analyze", "--format", output_format, str(path))
    assert result.exit_code == 0
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows[0]["ttd_minutes"] == "7" and rows[0]["start"].startswith("2024-05-14T13:02")
    elif output_format == "markdown":
        assert result.stdout.startswith("| Path | Date | TTD | TTM | TTR |")
        assert "- TTD: median 7m, p90 7m (1 documents)" in result.stdout
    else:
        assert "TTD" in result.stdout.splitlines()[0]
        assert "1h08" in result.stdout


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    for index in range(12):
        write(tmp_path / f"pm{index}.md", INCIDENT)
    result = invoke("analyze", str(tmp_path))
    assert "Analyzing" not in result.stderr
    assert result.stdout.count("pm") >= 12


def test_empty_folder_and_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("analyze", "--format", "json", str(tmp_path / "empty"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["aggregate"]["documents"] == 0
    missing = invoke("analyze", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2
    assert "nope.md" in missing.stderr


@pytest.mark.slow
def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal (a person watching) gets the bar; stdout stays clean;
    stderr on a pipe gets no bar. 200 documents, each its own incident."""
    import os
    import pty
    import subprocess
    import sys

    for index in range(200):
        write(
            tmp_path / f"pm{index:03d}.md",
            INCIDENT.replace("Payments latency", f"Payments latency {index}"),
        )
    piped = subprocess.run(
        [sys.executable, "-m", "pmlint", "analyze", str(tmp_path)],
        capture_output=True,
        timeout=300,
    )
    assert piped.returncode == 0
    assert b"Analyzing" not in piped.stderr
    assert piped.stdout.decode().startswith("PATH") and b"200 documents" in piped.stdout
    master, slave = pty.openpty()
    with open(tmp_path / "stdout.txt", "wb") as stdout:
        # Read the terminal while the bar is drawn: 200 updates can fill a pty's buffer.
        process = subprocess.Popen(
            [sys.executable, "-m", "pmlint", "analyze", str(tmp_path)],
            stdout=stdout,
            stderr=slave,
            env={**os.environ, "CI": ""},  # a person at a terminal; CI=true hides the bar
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert process.wait(timeout=300) == 0
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert "Analyzing" in terminal and "200/200" in terminal
    output = (tmp_path / "stdout.txt").read_bytes()
    assert "Analyzing" not in output.decode()
    assert output == piped.stdout
