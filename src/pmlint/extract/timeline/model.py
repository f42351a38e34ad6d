"""The timeline's facts as data: a resolved timestamp (`Moment`), a timeline entry (`Event`), a
duration the text states, and the `Timeline` that holds them with the incident's milestones."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from pmlint.diagnostics import Span
from pmlint.document import TextBlock
from pmlint.extract.milestones import HOW_INFERRED, HOW_RANGE
from pmlint.extract.timestamps import Stamp

# Sources, most trusted first: front matter, a labelled field, a timeline entry, prose.
FRONT_MATTER, FIELD, EVENT, PROSE = 0, 1, 2, 3
# A provenance key beside the milestones': the start is only when it was noticed, a bound and
# not the impact window's start, so no duration is counted from it.
START_IS_DETECTION = "start-is-detection"
# A provenance key beside the milestones': the mitigation is the timeline's last entry, inferred
# because no entry says the impact stopped; a guess, so it does not count as a time the
# document marks (`timeline-milestones` still reports the missing mitigation).
MITIGATION_AT_STORY_END = "mitigation-at-story-end"
SOURCE_NAMES = {FRONT_MATTER: "front matter", FIELD: "field", EVENT: "timeline", PROSE: "text"}


@dataclass(slots=True, eq=False)
class Moment:
    """A timestamp found in the document, resolved as far as the document allows."""

    stamp: Stamp
    block: TextBlock
    span: Span
    when: dt.datetime | None  # None when no date is known at all (time-only document)
    day_known: bool
    zone_source: str | None  # stated | declared | config | carried | assumed | None
    label: str | None = None  # field name or pseudo-heading it belongs to
    zone_name: str | None = None  # the zone as written or declared ("PST", "UTC")
    kinds: frozenset[str] = frozenset()
    source: int = PROSE

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def has_time(self) -> bool:
        return self.stamp.time is not None


@dataclass(slots=True, eq=False)
class Event:
    """One timeline entry (list item, table row, paragraph or heading) and its time."""

    moment: Moment
    text: str
    line: int


@dataclass(slots=True)
class StatedDuration:
    minutes: float
    text: str
    span: Span


@dataclass(slots=True)
class Timeline:
    moments: list[Moment]
    events: list[Event]
    milestones: dict[str, Moment | None]
    timezone: str | None
    timezone_source: str | None  # front matter | document | config
    timezone_line: int | None
    durations: list[StatedDuration] = field(default_factory=list)
    # How each milestone was found: front-matter, field, range, timeline, prose or inferred.
    provenance: dict[str, str] = field(default_factory=dict)
    # Impact windows the summary or impact states ("from 03:12 to 04:01 UTC"), in order.
    windows: list[tuple[Moment, Moment]] = field(default_factory=list)
    # The timeline's last entry when it never says the incident is over (`choose.story_end`):
    # a duration's last resort, not a milestone.
    story_end: Moment | None = None
    # The milestone the impact window ends with (`ends.impact_end`): "resolved", or
    # "mitigated" when the resolution is a later, lasting fix.
    impact_end: str = "resolved"
    # Durations the title states: the last resort of `duration`, after the milestones.
    headline: list[StatedDuration] = field(default_factory=list)

    def minutes_between(self, first: str, second: str) -> int | None:
        if "start" in (first, second) and self.provenance.get(START_IS_DETECTION):
            return None  # the start is only when it was noticed: no minutes count from it
        a, b = self.milestones.get(first), self.milestones.get(second)
        if a is None or b is None or a.when is None or b.when is None:
            return None
        if not (a.has_time and b.has_time):
            return None  # a date alone does not give minutes
        if a.day_known != b.day_known:
            return None  # one of them has no day: minutes between them mean nothing
        return round((utc(b.when) - utc(a.when)).total_seconds() / 60)

    def duration(self) -> tuple[int, str] | None:
        """How long the impact lasted, and how that was found: the duration the document
        states, else its stated impact window (several added up), else start to resolution.
        A window the summary states is the impact's, even when the timeline closes the
        incident later (a last entry that the incident was closed)."""
        if self.durations:
            return round(self.durations[0].minutes), "stated-duration"
        if self.windows:
            return round(_covered_minutes(_told_once(self.windows))), HOW_RANGE
        between = self.minutes_between("start", self.impact_end)
        if between is not None and between > 0:
            # (none at all: a start and an end at the same minute are one moment read twice,
            # "9:00 AM" in a notice's opening and again in its all-clear, not 0 minutes)
            return between, "milestones"
        start, end = self.milestones.get("start"), self.story_end
        told = (round(self.headline[0].minutes), "stated-duration") if self.headline else None
        if start is None or end is None or start.when is None or end.when is None:
            return told
        if not (start.has_time and end.has_time) or start.day_known != end.day_known:
            return told
        minutes = round((utc(end.when) - utc(start.when)).total_seconds() / 60)
        return (minutes, HOW_INFERRED) if minutes > 0 else told


def _told_once(windows: list[tuple[Moment, Moment]]) -> list[tuple[Moment, Moment]]:
    """The windows less the shorter of two that cross, each holding most of the other's
    overlap with it (more than half the shorter one's length) without one holding the other:
    one period told twice, as the incident's ("a period beginning 15:24 and ending at 18:55")
    and a part's ("for notifications, from 15:11 until 16:48"), or as a status header's and
    the report's. The longer is the incident's; their union would count a part's early start
    or late end as well. Phases that only touch ("09:35 to 10:08", then "10:04 to 11:28")
    still add up."""
    spans = [
        (utc(first.when), utc(last.when))
        if first.when is not None and last.when is not None and zoned_alike(first.when, last.when)
        else None
        for first, last in windows
    ]
    dropped: set[int] = set()
    for i, j in itertools.combinations(range(len(spans)), 2):
        a, b = spans[i], spans[j]
        if a is None or b is None or a[1] <= a[0] or b[1] <= b[0]:
            continue
        if (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1]):
            continue  # one holds the other: the union is the longer already
        overlap = min(a[1], b[1]) - max(a[0], b[0])
        shorter = min(a[1] - a[0], b[1] - b[0])
        if overlap * 2 > shorter:
            dropped.add(j if a[1] - a[0] >= b[1] - b[0] else i)
    return [window for index, window in enumerate(windows) if index not in dropped]


def _covered_minutes(windows: list[tuple[Moment, Moment]]) -> float:
    """Minutes the windows cover together: separate windows add up ("03:12 to 04:01, then
    16:40 to 17:25"), but a window inside or across another is counted once (an event
    window "11:48 PM to 2:20 PM" and the three periods of impact inside it; a status header's
    window and the report's own overlapping one)."""
    spans = sorted(
        (utc(first.when), utc(last.when))
        for first, last in windows
        if first.when is not None
        and last.when is not None
        and zoned_alike(first.when, last.when)
        and utc(last.when) > utc(first.when)
    )
    total = 0.0
    begin: dt.datetime | None = None
    end: dt.datetime | None = None
    for a, b in spans:
        if end is not None and a <= end:
            end = max(end, b)
            continue
        if begin is not None and end is not None:
            total += (end - begin).total_seconds() / 60
        begin, end = a, b
    if begin is not None and end is not None:
        total += (end - begin).total_seconds() / 60
    return total


def zoned_alike(a: dt.datetime, b: dt.datetime) -> bool:
    """Both with a zone or both without: only such times can be compared (`utc`)."""
    return (a.tzinfo is None) == (b.tzinfo is None)


def utc(value: dt.datetime) -> dt.datetime:
    """Comparable form: aware times in UTC, naive ones as written."""
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


def minute_after(later: Moment | None, earlier: Moment | None) -> bool:
    """Are both told to the minute, in comparable zones, `later` strictly after `earlier`?"""
    return (
        later is not None
        and earlier is not None
        and later.when is not None
        and earlier.when is not None
        and later.has_time
        and earlier.has_time
        and zoned_alike(later.when, earlier.when)
        and utc(later.when) > utc(earlier.when)
    )
