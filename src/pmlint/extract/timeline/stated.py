"""Milestones that a stated time to detect places: "Time to detection: 11 days" counts from the
start back from the detection, so the timeline entry at that time is where the impact began,
however long before the first symptom it lies (a malicious commit eleven days earlier is no
lead-up when the author counts from it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from pmlint.document import Document
from pmlint.extract.durations import parse_duration
from pmlint.extract.milestones import HOW_PROSE, HOW_TIMELINE, without_machine_reports
from pmlint.extract.timeline.model import PROSE, Event, Moment, utc, zoned_alike

# "Time to detection: 11 Days", "**TTD**: 64 minutes", "Time to detect - 2h": a field, its
# amount on the same line. Anchored at the line's start, bounded: one pass per line.
_TTD = re.compile(
    r"^[ \t*_>|-]*(?:time\s+to\s+(?:detect|detection)|ttd|mttd)[ \t*_]*(?:[:=|–—-][ \t*_]*)?"
    r"(?P<amount>[^\n|]{1,40})",
    re.IGNORECASE | re.MULTILINE,
)
# How far the entry may be from the time the stated duration points at: half the smallest
# unit the amount is written in ("11 days" is a day's count, "64 minutes" a minute's).
_MINUTES = re.compile(r"\d\s?m(?:in|\b)|minute", re.IGNORECASE)
_HOURS = re.compile(r"\d\s?h(?:our|r|\b)|hour", re.IGNORECASE)
_SLACK_MINUTES = dt.timedelta(minutes=2)
_SLACK_HOURS = dt.timedelta(minutes=30)
_SLACK_DAYS = dt.timedelta(hours=12)


def stated_time_to_detect(doc: Document) -> tuple[float, dt.timedelta] | None:
    """The time to detect the document states, in minutes, and how precisely its unit gives
    it (the first one; None if none)."""
    for block in doc.blocks:
        if "ttd" not in block.prose.lower() and "time to" not in block.prose.lower():
            continue
        for match in _TTD.finditer(block.prose):
            amount = match.group("amount")
            minutes = parse_duration(amount)
            if not minutes:
                continue
            if _MINUTES.search(amount):
                return minutes, _SLACK_MINUTES
            return minutes, _SLACK_HOURS if _HOURS.search(amount) else _SLACK_DAYS
    return None


def start_from_time_to_detect(
    doc: Document,
    milestones: dict[str, Moment | None],
    how: dict[str, str],
    events: Sequence[Event],
) -> None:
    """Where the timeline's start was read from its story and the author states a time to
    detect that lands on another timeline entry, counted back from the detection: that
    entry is the start."""
    start, detected = milestones.get("start"), milestones.get("detected")
    if how.get("start") != HOW_TIMELINE or detected is None or detected.when is None:
        return
    if start is None or start.when is None or not detected.has_time:
        return
    stated = stated_time_to_detect(doc)
    if stated is None:
        return
    target = utc(detected.when) - dt.timedelta(minutes=stated[0])
    slack = stated[1]
    if abs(utc(start.when) - target) <= slack:
        return  # the story's start agrees
    found = _entry_near(events, target, slack, detected.when)
    if found is not None:
        milestones["start"] = found


def detection_from_time_to_detect(
    doc: Document,
    milestones: dict[str, Moment | None],
    how: dict[str, str],
    events: Sequence[Event],
) -> None:
    """Where the author states a time to detect ("MTTD: 1 hour 27 minutes") and, counted on
    from the start, it lands on a timeline entry that the detection read from the words is
    not at: that entry is the detection (an alert e-mail sent at the start that nobody read
    until an hour later is when the machine spoke, not when anyone learned)."""
    start, detected = milestones.get("start"), milestones.get("detected")
    if start is None or start.when is None or not start.has_time or not start.day_known:
        return
    if detected is not None and how.get("detected") not in (HOW_TIMELINE, HOW_PROSE):
        return
    stated = stated_time_to_detect(doc)
    if stated is None or stated[1] > _SLACK_HOURS:
        return
    target = utc(start.when) + dt.timedelta(minutes=stated[0])
    slack = stated[1]
    if (
        detected is not None
        and detected.when is not None
        and abs(utc(detected.when) - target) <= slack
    ):
        return  # the story's detection agrees
    found = _entry_near(events, target, slack, start.when, after=utc(start.when))
    if found is not None:
        milestones["detected"] = found
        how["detected"] = HOW_TIMELINE


def _entry_near(
    events: Sequence[Event],
    target: dt.datetime,
    slack: dt.timedelta,
    zoned_as: dt.datetime,
    after: dt.datetime | None = None,
) -> Moment | None:
    """The timed entry closest to `target` (UTC) within `slack`, zoned as `zoned_as` and,
    given `after`, later than it: where a stated time to detect, counted from one milestone,
    lands on the timeline."""
    near = [
        e.moment
        for e in events
        if e.moment.when is not None
        and e.moment.has_time
        and zoned_alike(e.moment.when, zoned_as)
        and (after is None or utc(e.moment.when) > after)
        and abs(utc(e.moment.when) - target) <= slack
    ]
    return min(near, key=lambda m: abs(utc(m.when) - target)) if near else None  # type: ignore[arg-type]


# "the disruption was detected and our on-call team was notified within 1 minute", "This error
# was detected within 4 minutes": how long after the start the detection came, in a sentence
# of its own (bounded; "within 4 minutes of the deploy" counts from something else).
_DETECTED_WITHIN = re.compile(
    r"\b(?:detected|noticed|spotted|caught|alerted)\b[^.;\n]{0,80}?\bwithin\s+"
    r"(?:(?:about|around|roughly|approximately|less than|under)\s+)?"
    r"(?P<amount>(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen"
    r"|twenty|thirty)\s+(?:seconds?|secs?|minutes?|mins?|hours?))\b(?!\s+(?:of|from|after)\b)",
    re.IGNORECASE,
)
# How far before the detection word its subject is looked for.
_SUBJECT_REACH = 80


def _machine_own(prose: str, match: re.Match[str]) -> bool:
    """Is the detection a machine's own, not anyone learning of the incident ("the container
    orchestration platform detected the crash and launched a replacement within 26 seconds":
    a platform healing itself, `without_machine_reports`)?"""
    told = prose[max(0, match.start() - _SUBJECT_REACH) : match.end()]
    return _DETECTED_WITHIN.search(without_machine_reports(told)) is None


_NOT_THE_INCIDENT = ("action-items", "lessons", "went-well", "went-wrong", "background")


def detection_from_stated_delay(
    doc: Document, milestones: dict[str, Moment | None], how: dict[str, str]
) -> None:
    """A detection the prose tells as a delay after the start ("was detected within 4
    minutes"), with the start known to the minute: the start plus the delay. It replaces no
    detection but one read from the same words counted from another time in the paragraph
    (a relative "within 4 minutes" counts from the last time before it, which in a summary
    is not the start), or a prose time of the same paragraph that a weaker word made the
    detection ("between 02:36 and 04:08 UTC, customers of ... Product Discovery were
    impacted ... The incident was detected within three minutes": the window's first time,
    whose sentence names a product): the paragraph states when it was detected."""
    start, detected = milestones.get("start"), milestones.get("detected")
    if start is None or start.when is None or not start.has_time or not start.day_known:
        return
    told_here = (
        detected is not None and detected.source == PROSE and how.get("detected") == HOW_PROSE
    )
    relative = detected is not None and detected.stamp.text.lower().startswith("within")
    if detected is not None and not relative and not told_here:
        return
    for block in doc.blocks:
        if block.nearest_canonical() in _NOT_THE_INCIDENT or "within" not in block.prose:
            continue
        if detected is not None and told_here and not relative and detected.block is not block:
            continue  # the detection came from other words than this paragraph's
        match = next(
            (m for m in _DETECTED_WITHIN.finditer(block.prose) if not _machine_own(block.prose, m)),
            None,
        )
        if match is None:
            continue
        amount = match.group("amount")
        minutes = 0.0 if amount.lower().split()[-1].startswith("sec") else parse_duration(amount)
        if minutes is None or minutes > 24 * 60:
            return
        when = start.when + dt.timedelta(minutes=minutes)
        stamp = dataclasses.replace(
            start.stamp, start=match.start(), end=match.end(), text=match.group(0), date=None
        )
        stamp = dataclasses.replace(stamp, time=when.time())
        moment = dataclasses.replace(
            start,
            stamp=stamp,
            block=block,
            span=block.span(match.start(), match.end()),
            when=when,
            kinds=frozenset({"detected"}),
            source=PROSE,
            label=None,
        )
        milestones["detected"], how["detected"] = moment, HOW_PROSE
        return
