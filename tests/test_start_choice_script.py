"""`scripts/start_choice.py`: which rule chose each impact start, tallied against a reader's
labels, with counts only unless asked for the errors. The documents are written here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

_DEPLOYED = """# Checkout errors after a release

## Timeline

All times UTC.

- 2024-09-03 14:02: checkout-api 7.4 is deployed to production.
- 2024-09-03 14:05: payment calls start failing with 502s.
- 2024-09-03 14:20: the on-call engineer is paged.
- 2024-09-03 14:41: 7.4 is rolled back; payments work again.
"""

_PAGED = """# Search results out of date

## Timeline

All times UTC.

- 2024-10-11 08:15: a customer report about search pages the on-call engineer.
- 2024-10-11 09:10: the index is rebuilt and search is fast again.
"""


def test_each_start_is_tallied_by_the_rule_that_chose_it(tmp_path: Path) -> None:
    (tmp_path / "deployed.md").write_text(_DEPLOYED, encoding="utf-8")
    (tmp_path / "paged.md").write_text(_PAGED, encoding="utf-8")
    (tmp_path / "FACTS.tsv").write_text(
        "file\tstart\n"
        "deployed.md\t2024-09-03T14:02:00+00:00\n"
        "paged.md\t2024-10-11T07:50:00+00:00\n",
        encoding="utf-8",
    )
    script = REPO / "scripts" / "start_choice.py"
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "FACTS.tsv")],
        capture_output=True,
        text=True,
        check=True,
    )
    # rule: right, wrong, extra, missed, neither
    counts = {
        line.rsplit(None, 7)[0].strip(): line.split()[-7:-2] for line in run.stdout.splitlines()[1:]
    }
    assert counts["timeline trigger-before-symptom"] == ["1", "0", "0", "0", "0"]
    assert counts["timeline anchor=detection"] == ["0", "1", "0", "0", "0"]
    assert "paged.md" not in run.stdout  # counts only, unless asked
    errors = subprocess.run(
        [sys.executable, str(script), "--errors", str(tmp_path / "FACTS.tsv")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "wrong  paged.md: timeline anchor=detection" in errors


def test_where_tallies_the_readers_entry_by_word_class_without_text(tmp_path: Path) -> None:
    (tmp_path / "deployed.md").write_text(_DEPLOYED, encoding="utf-8")
    (tmp_path / "paged.md").write_text(_PAGED, encoding="utf-8")
    # the reader counts from the first failures, not the deploy; and from the rebuild
    (tmp_path / "FACTS.tsv").write_text(
        "file\tstart\n"
        "deployed.md\t2024-09-03T14:05:00+00:00\n"
        "paged.md\t2024-10-11T09:10:00+00:00\n",
        encoding="utf-8",
    )
    script = REPO / "scripts" / "start_choice.py"
    out = subprocess.run(
        [sys.executable, str(script), "--where", str(tmp_path / "FACTS.tsv")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    where = out.split("where it lies among the entries\n", 1)[1]
    assert "1  wrong (timeline trigger-before-symptom): the first symptom, after the pick" in where
    assert "1  wrong (timeline anchor=detection): an entry of other words, after the pick" in where
    assert ".md" not in out  # counts only
