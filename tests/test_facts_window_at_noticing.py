"""A field that dates the incident ("Date: ... (~1510) to ... (~1630)") over a timeline whose
1510 is when someone noticed and whose 1340 change broke it is counted from the noticing:
the change stays the start, and the field's window does not replace it (issue 14). A window
told as the users' trouble ("Designers saw blank thumbnails between 15:10 and 16:30") still
does. Written for this repository."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import analyzed_documents

DATED = """\
# Blank thumbnails

## Summary

Date: ~Tue 4 Mar 2025 (~1510) to Tue 4 Mar 2025 (~1630)

## What happened

### Tue 4 Mar 2025

~1340: A change to the thumbnail service was deployed.

1510: A designer noticed that every thumbnail was blank and reported it in the channel.

~1630: The change was reverted and thumbnails render again.
"""

TOLD = DATED.replace(
    "Date: ~Tue 4 Mar 2025 (~1510) to Tue 4 Mar 2025 (~1630)",
    "Designers saw blank thumbnails between 15:10 and 16:30 on 4 March 2025.",
)


def start(tmp_path: Path, text: str) -> object:
    path = tmp_path / "thumbnails.md"
    path.write_text(text, encoding="utf-8")
    return analyzed_documents(path)["thumbnails.md"]["milestones"]["start"]


def test_a_date_field_opening_at_the_noticing_leaves_the_change_as_the_start(
    tmp_path: Path,
) -> None:
    assert start(tmp_path, DATED) == "2025-03-04T13:40:00"


def test_a_window_told_as_the_trouble_still_replaces_it(tmp_path: Path) -> None:
    assert start(tmp_path, TOLD) == "2025-03-04T15:10:00"
