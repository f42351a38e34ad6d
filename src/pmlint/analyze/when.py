"""When an incident fell and when its postmortem appeared: out of working hours, and the days
from the incident to the document's first commit.

Out of hours: the detection time (else the start) outside the working hours of
`working_hours:` in .pmlint.yaml (by default Monday to Friday, 09:00 to 18:00), read in its
`timezone:` when the time has a zone, else in the zone the document gives it; a time with no
zone is read as written. None when the document gives no such time with its day.

Time to publish: days from the document's date to the first commit that added the file, from
`git log` when the file is in a git checkout; None elsewhere (or when git is not installed).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache

from pmlint.config import WorkingHours
from pmlint.extract.timeline import Moment, Timeline
from pmlint.extract.timestamps import zone_info


def out_of_hours(facts: Timeline, working: WorkingHours | None = None) -> bool | None:
    working = working or WorkingHours()
    moment: Moment | None = facts.milestones.get("detected") or facts.milestones.get("start")
    if moment is None or moment.when is None or not moment.has_time or not moment.day_known:
        return None
    when = moment.when
    if working.timezone and when.tzinfo is not None:
        zone = zone_info(working.timezone)
        if zone is not None:
            when = when.astimezone(zone)
    return when.weekday() not in working.days or not (working.start <= when.time() < working.end)


def days_to_publish(path: str, incident_date: str | None) -> int | None:
    if not incident_date:
        return None
    added = _first_commit_date(os.path.abspath(path))
    if added is None:
        return None
    return (added - dt.date.fromisoformat(incident_date)).days


@lru_cache(maxsize=4096)
def _first_commit_date(path: str) -> dt.date | None:
    out = _git(["log", "--diff-filter=A", "--follow", "--format=%aI", "--", path], path)
    lines = [line for line in (out or "").splitlines() if line.strip()]
    if not lines:
        return None
    try:
        return dt.datetime.fromisoformat(lines[-1].strip()).date()  # the oldest is last
    except ValueError:
        return None


def in_git_checkout(path: str) -> bool:
    """Whether the file's folder is inside a git work tree (False when git is missing)."""
    return _in_work_tree(os.path.dirname(os.path.abspath(path)) or ".")


@lru_cache(maxsize=1024)
def _in_work_tree(folder: str) -> bool:
    return (
        _git(["rev-parse", "--is-inside-work-tree"], folder, folder=True) or ""
    ).strip() == "true"


def _git(args: list[str], path: str, folder: bool = False) -> str | None:
    """What `git ARGS` prints, run in the file's folder (or in `path` itself when `folder`);
    None when git is missing, fails or takes over 20 seconds."""
    cwd = path if folder else (os.path.dirname(path) or ".")
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
