"""When an incident fell and when its postmortem appeared: out of working hours, and the days
from the incident to the document's first commit.

Out of hours: the detection time (else the start) outside Monday to Friday, 09:00 to 18:00,
in the zone the document gives that time; a time with no zone is read as written. None when
the document gives no such time with its day.

Time to publish: days from the document's date to the first commit that added the file, from
`git log` when the file is in a git checkout; None elsewhere (or when git is not installed).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache

from pmlint.extract.timeline import Moment, Timeline

WORKING_DAYS = frozenset(range(5))  # Monday to Friday
WORKING_HOURS = (dt.time(9), dt.time(18))


def out_of_hours(facts: Timeline) -> bool | None:
    moment: Moment | None = facts.milestones.get("detected") or facts.milestones.get("start")
    if moment is None or moment.when is None or not moment.has_time or not moment.day_known:
        return None
    when = moment.when
    start, end = WORKING_HOURS
    return when.weekday() not in WORKING_DAYS or not (start <= when.time() < end)


def days_to_publish(path: str, incident_date: str | None) -> int | None:
    if not incident_date:
        return None
    added = _first_commit_date(os.path.abspath(path))
    if added is None:
        return None
    return (added - dt.date.fromisoformat(incident_date)).days


@lru_cache(maxsize=4096)
def _first_commit_date(path: str) -> dt.date | None:
    folder = os.path.dirname(path) or "."
    try:
        result = subprocess.run(
            ["git", "log", "--diff-filter=A", "--follow", "--format=%aI", "--", path],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or not lines:
        return None
    try:
        return dt.datetime.fromisoformat(lines[-1].strip()).date()  # the oldest is last
    except ValueError:
        return None
