"""Timeline facts: every timestamp resolved against the document's dates and zone, the
timeline's events in order, the incident's milestones, and durations the text states.

Computed once per document (cached in `doc.cache`) and shared by PM101–PM105 and analyze.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmlint.diagnostics import Span
from pmlint.document import Document, Section, TextBlock
from pmlint.extract.durations import parse_duration, stated_durations
from pmlint.extract.milestones import (
    HOW_FIELD,
    HOW_FRONT_MATTER,
    HOW_INFERRED,
    HOW_PROSE,
    HOW_RANGE,
    HOW_TIMELINE,
    MILESTONES,
    Entry,
    classify_entries,
    phrase_pattern,
    word_classes,
)
from pmlint.extract.timestamps import (
    NO_YEAR,
    ZONE_NAMES,
    ZONE_PATTERN,
    Stamp,
    find_stamps,
    zone_info,
)

__all__ = ["MILESTONES", "Moment", "Timeline", "parse_duration", "timeline", "utc"]

# Sources, most trusted first: front matter, a labelled field, a timeline entry, prose.
FRONT_MATTER, FIELD, EVENT, PROSE = 0, 1, 2, 3
SOURCE_NAMES = {FRONT_MATTER: "front matter", FIELD: "field", EVENT: "timeline", PROSE: "text"}
_EVENT_LEAD = 48  # a timeline entry's time must appear within its first characters

_ZONE_WORDS = "|".join(sorted(ZONE_NAMES, key=len, reverse=True))
_DECLARED = [
    re.compile(
        rf"\ball (?:the )?times?(?: and dates)?(?: are| shown| given| listed)?(?: in)?\s+"
        rf"(?P<zone>{ZONE_PATTERN}|(?i:{_ZONE_WORDS})(?: time)?)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:times?|timestamps?)(?: are| is)? (?:in|shown in|given in|listed in) "
        rf"(?P<zone>{ZONE_PATTERN}|(?i:{_ZONE_WORDS})(?: time)?)",
        re.IGNORECASE,
    ),
]
_HEADER_ZONE = re.compile(
    rf"\(\s*(?:all times\s*(?:in\s*)?)?(?P<zone>{ZONE_PATTERN})\s*\)", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(
    r"(?P<label>[A-Za-z][A-Za-z /-]{1,40}?)\s*(?:\*+\s*)?[:=]\s*(?:\*+\s*)?$"
)
# How far before a time its label is looked for, and around it its sentence: bounded, so
# a long line with many times costs each time a window, not the whole line.
_LABEL_WINDOW = 120
_SENTENCE_WINDOW = 400


@dataclass(slots=True, eq=False)
class Moment:
    """A timestamp found in the document, resolved as far as the document allows."""

    stamp: Stamp
    block: TextBlock
    span: Span
    when: dt.datetime | None  # None when no date is known at all (time-only document)
    day_known: bool
    zone_source: str | None  # stated | declared | config | None
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

    def minutes_between(self, first: str, second: str) -> int | None:
        a, b = self.milestones.get(first), self.milestones.get(second)
        if a is None or b is None or a.when is None or b.when is None:
            return None
        if not (a.has_time and b.has_time):
            return None  # a date alone does not give minutes
        return round((utc(b.when) - utc(a.when)).total_seconds() / 60)

    def duration(self) -> tuple[int, str] | None:
        """How long the impact lasted, and how that was found: the duration the document
        states, else its stated windows added up, else start to resolution."""
        if self.durations:
            return round(self.durations[0].minutes), "stated-duration"
        if len(self.windows) > 1:
            total = sum(_window_minutes(a, b) for a, b in self.windows)
            return round(total), HOW_RANGE
        between = self.minutes_between("start", "resolved")
        return (between, "milestones") if between is not None and between >= 0 else None


def _window_minutes(first: Moment, last: Moment) -> float:
    if first.when is None or last.when is None:
        return 0.0
    return max(0.0, (utc(last.when) - utc(first.when)).total_seconds() / 60)


def utc(value: dt.datetime) -> dt.datetime:
    """Comparable form: aware times in UTC, naive ones as written."""
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


def timeline(doc: Document, settings: Mapping[str, Any]) -> Timeline:
    cached = doc.cache.get("timeline")
    if cached is None:
        cached = _build(doc, settings)
        doc.cache["timeline"] = cached
    return cached


# -- building --------------------------------------------------------------------------


def _all_blocks(doc: Document) -> list[TextBlock]:
    blocks = list(doc.blocks)
    for section in doc.sections():
        if section.heading_block is not None:
            blocks.append(section.heading_block)
    return sorted(blocks, key=lambda b: (b.first_line, b.columns[0]))


def _in_timeline(section: Section | None, by_date: bool = False) -> bool:
    """Under a timeline heading, or (`by_date`: in a document without one) under a heading
    that is itself a date ("## 2018-11-08"): entries grouped by day are a timeline."""
    node = section
    while node is not None:
        if node.canonical == "timeline" or (by_date and _dated_heading(node)):
            return True
        node = node.parent
    return False


def _dated_heading(section: Section) -> bool:
    if section.heading_block is None or section.canonical is not None or section.level < 2:
        return False  # not the document's title
    title = section.heading_block.prose.strip(" *_#")
    stamps = find_stamps(title)
    return bool(stamps) and stamps[0].start <= 4 and stamps[0].date is not None


def _declared_zone(doc: Document, blocks: Sequence[TextBlock], settings: Mapping[str, Any]):  # type: ignore[no-untyped-def]
    for key in ("timezone", "time_zone", "tz"):
        value = doc.meta.get(key)
        if isinstance(value, str) and zone_info(value) is not None:
            line = doc.meta_lines[0] if doc.meta_lines else 1
            return value, zone_info(value), "front matter", line
    for block in blocks:
        patterns = list(_DECLARED)
        if block.kind in ("heading", "table_cell"):
            patterns.append(_HEADER_ZONE)
        for pattern in patterns:
            match = pattern.search(block.prose)
            if match:
                name = match.group("zone")
                tz = zone_info(name)
                if tz is not None:
                    return name, tz, "document", block.position(match.start("zone"))[0]
    default = settings.get("timezone")
    if isinstance(default, str) and zone_info(default) is not None:
        return default, zone_info(default), "config", None
    return None, None, None, None


def _day_first(blocks: Sequence[TextBlock]) -> bool:
    """3/11/2024 and 03-10-2021 are read month-first unless the document writes a day over 12
    first somewhere (29-09-2021)."""
    for block in blocks:
        for match in _NUMERIC_DATE.finditer(block.prose):
            if int(match.group(1)) > 12:
                return True
    return False


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2\d{2,4}")


def _build(doc: Document, settings: Mapping[str, Any]) -> Timeline:
    blocks = _all_blocks(doc)
    zone_name, zone_tz, zone_source, zone_line = _declared_zone(doc, blocks, settings)
    words = settings.get("milestones") or {}
    labels, events_words = _compiled(words, "labels"), _compiled(words, "events")
    dates = _Dates(_document_date(doc), _day_first(blocks))
    by_date = not doc.find_sections("timeline")
    carried: tuple[str, dt.tzinfo] | None = None  # a zone stated earlier in the timeline
    moments: list[Moment] = []
    for block in blocks:
        in_timeline = _in_timeline(block.section, by_date)
        previous: Stamp | None = None
        stamps = find_stamps(block.prose, dates.day_first)
        for index, stamp in enumerate(stamps):
            between = block.prose[previous.end : stamp.start] if previous is not None else ""
            later = _date_after(block.prose, stamps, index)
            day = dates.place(stamp, block, in_timeline, previous, between, later)
            previous = stamp
            tz, source = _stamp_zone(stamp, zone_tz)
            name = stamp.zone or (zone_name if tz is not None else None)
            if in_timeline and stamp.zone and tz is not None:
                carried = (stamp.zone, tz)
            elif in_timeline and tz is None and carried is not None and stamp.time is not None:
                (name, tz), source = carried, "carried"  # "18:05 (UTC)", then "18:09"
            when = None
            if stamp.time is not None:
                when = dt.datetime.combine(day or dt.date(1970, 1, 1), stamp.time)
                if tz is not None:
                    when = when.replace(tzinfo=tz)
            elif day is not None:
                when = dt.datetime.combine(day, dt.time(0))
            span = block.span(stamp.start, stamp.end)
            moment = Moment(stamp, block, span, when, day is not None, source)
            moment.zone_name = name
            _classify(moment, labels, events_words)
            moments.append(moment)
    if zone_tz is None:
        _carry_the_timeline_zone(moments, by_date)
    events = _events(doc, moments, by_date)
    for event in events:
        moment = event.moment
        if moment.source > EVENT:
            moment.source = EVENT
            # The whole entry (the row, the item, the heading and its text) says what happened.
            moment.kinds = _kinds(event.text, events_words)
    windows = _windows(moments)
    milestones, provenance = _milestones(doc, moments, events, windows, words)
    durations = _stated_durations(doc)
    return Timeline(
        moments,
        events,
        milestones,
        zone_name,
        zone_source,
        zone_line,
        durations,
        provenance,
        windows,
    )


def _carry_the_timeline_zone(moments: list[Moment], by_date: bool) -> None:
    """A document that declares no zone but writes one zone on its timeline ("16:55 -0500")
    means that zone for its other times too ("By 21:00 the fix was in place")."""
    zoned = [m for m in moments if m.zone_source in ("stated", "carried") and m.has_time]
    names = {m.zone_name for m in zoned if _in_timeline(m.block.section, by_date)}
    if len(names) != 1:
        return
    (name,) = names
    tz = zone_info(name or "")
    if tz is None:
        return
    for moment in moments:
        if moment.zone_source is None and moment.has_time and moment.when is not None:
            moment.when = moment.when.replace(tzinfo=tz)
            moment.zone_name, moment.zone_source = name, "carried"


# "Unless otherwise noted all events happened on 2019-10-21": the day of undated entries.
_DEFAULT_DAY = re.compile(
    r"\b(?:unless (?:otherwise )?(?:noted|stated|specified)"
    r"|all (?:events|entries|times)\b[^.]{0,40}"
    r"\b(?:on|happened|occurred))",
    re.IGNORECASE,
)
_DATE_RANGE = re.compile(r"^\s*(?:[-–—]|to|until|till|through|and)\s*$", re.IGNORECASE)


class _Dates:
    """The day each timestamp falls on, as a reader carries it down the document: a date written
    once (an entry, a date heading, a bold date line) holds for the times after it; a time past
    midnight after a late one is the next day; a date with no year takes the document's; a
    year that differs from its neighbours' by one but matches their days is a typo."""

    def __init__(self, document_day: dt.date | None, day_first: bool) -> None:
        self.document_day = document_day
        self.day_first = day_first
        self.current: dt.date | None = document_day
        self.default: dt.date | None = None
        self.last_time: dt.time | None = None

    def place(
        self,
        stamp: Stamp,
        block: TextBlock,
        in_timeline: bool,
        previous: Stamp | None,
        between: str,
        later: Stamp | None = None,
    ) -> dt.date | None:
        date = self._with_year(stamp)
        if date is None and later is not None:
            date = self._with_year(later)  # "from 02:05 to 03:40 UTC on 2023-09-12"
        if date is not None:
            second_of_range = (
                previous is not None and previous.date is not None and _DATE_RANGE.match(between)
            )
            if block.kind == "heading":
                self.default = None  # a date heading starts a new day for what follows
            if in_timeline and block.kind == "paragraph" and _DEFAULT_DAY.search(block.prose):
                self.default = date
            if not second_of_range:
                if date != self.current:
                    self.last_time = None
                self.current = date
            if stamp.time is not None:
                self.last_time = stamp.time
            return date
        day = self.default if (in_timeline and self.default is not None) else self.current
        late_then_early = (
            self.last_time is not None
            and stamp.time is not None
            and self.last_time >= dt.time(18)
            and stamp.time < dt.time(8)
        )
        if day is not None and late_then_early:
            day = day + dt.timedelta(days=1)  # the timeline went past midnight
            if self.default is not None and in_timeline:
                self.default = day
            else:
                self.current = day
        if stamp.time is not None:
            self.last_time = stamp.time
        return day

    def _with_year(self, stamp: Stamp) -> dt.date | None:
        date = stamp.date
        if date is None:
            return None
        reference = self.current or self.document_day
        if not stamp.year_known:
            if reference is None:
                return None
            return _replace_year(date, reference.year)
        if reference is not None and abs(date.year - reference.year) == 1:
            fixed = _replace_year(date, reference.year)
            if fixed is not None and abs((fixed - reference).days) <= 7:
                return fixed  # "2022-06-02" among 2023-06-0x entries
        return date


_ON_DATE = re.compile(r"\b(?:on|of)\s+(?:\w+day,?\s+)?$", re.IGNORECASE)


def _date_after(text: str, stamps: list[Stamp], index: int) -> Stamp | None:
    """The date written after a time in the same sentence ("02:10 and 04:45 UTC on 3 Feb
    2022"), for a time that has none of its own."""
    stamp = stamps[index]
    if stamp.date is not None or stamp.time is None:
        return None
    for later in stamps[index + 1 : index + 4]:
        gap = text[stamp.end : later.start]
        if len(gap) > 80 or ". " in gap or "\n\n" in gap:
            return None
        if later.date is not None:
            if later.time is None and _ON_DATE.search(text, stamp.end, later.start):
                return later
            return None
    return None


def _replace_year(date: dt.date, year: int) -> dt.date | None:
    try:
        return date.replace(year=year) if date.year == NO_YEAR or date.year != year else date
    except ValueError:  # 29 February
        return None


def _document_date(doc: Document) -> dt.date | None:
    """The incident's date as the document gives it before any timeline: front matter, the
    title, the file name."""
    day = _front_matter_date(doc)
    if day is not None:
        return day
    for text in (doc.title or "", doc.path.rsplit("/", 1)[-1]):
        stamps = [s for s in find_stamps(text.replace("_", " ")) if s.date and s.year_known]
        if stamps:
            return stamps[0].date
    return None


def _front_matter_date(doc: Document) -> dt.date | None:
    value = doc.meta.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        stamps = find_stamps(value)
        if stamps and stamps[0].date is not None:
            return stamps[0].date
    return None


def _stamp_zone(stamp: Stamp, declared: dt.tzinfo | None) -> tuple[dt.tzinfo | None, str | None]:
    if stamp.zone is not None:
        return zone_info(stamp.zone), "stated"
    if declared is not None:
        return declared, "declared"
    return None, None


def _label(moment: Moment) -> str | None:
    """A field name written just before the time, or the pseudo-heading it sits under."""
    block, stamp = moment.block, moment.stamp
    line_start = block.line_starts[max(bisect.bisect_right(block.line_starts, stamp.start) - 1, 0)]
    window = max(line_start, stamp.start - _LABEL_WINDOW)
    # The pattern ends in ":" or "=" and then only blanks and stars: most times have no
    # label, and this says so without trying the pattern at every place of the window.
    if block.prose[window : stamp.start].rstrip().rstrip("*").rstrip().endswith((":", "=")):
        match = _LABEL_BEFORE.search(block.prose, window, stamp.start)
        if match:
            return match.group("label").strip()
    section = block.section
    if (
        section is not None
        and section.style == "pseudo-list-item"
        and _blank_before(block.prose, line_start, stamp.start)
    ):
        return section.title
    return None


def _blank_before(text: str, line_start: int, position: int) -> bool:
    """Only blanks from `line_start` to `position`? Looked at backwards in doubling steps,
    so it costs the distance to the nearest text before `position`, not to the line start."""
    size = 64
    while True:
        left = max(line_start, position - size)
        if text[left:position].strip():
            return False
        if left == line_start:
            return True
        size *= 2


def _kinds(text: str, patterns: Mapping[str, re.Pattern[str] | None]) -> frozenset[str]:
    """The milestone kinds whose (lower-case) words, compiled by `_compiled`, start a word
    of the text."""
    lower = text.lower()
    return frozenset(k for k, p in patterns.items() if p is not None and p.search(lower))


def _compiled(
    words: Mapping[str, Mapping[str, Sequence[str]]], part: str
) -> dict[str, re.Pattern[str] | None]:
    """Each kind's `part` ("labels" or "events") words as one pattern, once per document
    rather than once per time."""
    return {
        kind: _words_regex(tuple(w.get(part, ()))) if w.get(part) else None
        for kind, w in words.items()
    }


@lru_cache(maxsize=64)
def _words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    # one pattern per word list, compiled once: this runs for every time in every document
    return re.compile(r"(?<![a-z])(?:" + "|".join(phrase_pattern(word) for word in words) + ")")


def _sentence(block: TextBlock, start: int, end: int) -> str:
    """The sentence around text[start:end], at most `_SENTENCE_WINDOW` characters each side."""
    text = block.prose
    low, high = max(0, start - _SENTENCE_WINDOW), min(len(text), end + _SENTENCE_WINDOW)
    left = max(text.rfind(". ", low, start), text.rfind("\n", low, start), low - 1)
    right_candidates = [
        i for i in (text.find(". ", end, high), text.find("\n", end, high)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else high
    return text[left + 1 : right]


def _classify(
    moment: Moment,
    labels: Mapping[str, re.Pattern[str] | None],
    events: Mapping[str, re.Pattern[str] | None],
) -> None:
    label = _label(moment)
    moment.label = label
    kinds: frozenset[str] = frozenset()
    if label:
        kinds = _kinds(label, labels)
        if kinds:
            moment.source = FIELD
    if not kinds:
        context = _sentence(moment.block, moment.stamp.start, moment.stamp.end)
        section = moment.block.section
        if section is not None and section.style == "pseudo-list-item":
            context = f"{section.title}: {context}"
        kinds = _kinds(context, events)
    moment.kinds = kinds


def _events(doc: Document, moments: list[Moment], by_date: bool = False) -> list[Event]:
    """Timeline entries: each time that opens an entry (at the start of a list item, row,
    heading, line, or after a `<br>`), with the entry's text up to the next one."""
    by_block: dict[int, list[Moment]] = {}
    for moment in moments:
        by_block.setdefault(id(moment.block), []).append(moment)
    events: list[Event] = []
    seen_rows: set[int] = set()
    for section in doc.sections():
        if not _in_timeline(section, by_date):
            continue
        candidates: list[TextBlock] = []
        if section.heading_block is not None and section.canonical != "timeline":
            candidates.append(section.heading_block)
        for table in section.tables:
            for row in table.rows:
                if id(row) in seen_rows or not row:
                    continue
                seen_rows.add(id(row))
                found = next((m for cell in row for m in by_block.get(id(cell), [])), None)
                if found is not None:
                    text = " | ".join(c.text for c in row)
                    events.append(Event(found, text, row[0].first_line))
        for block in section.blocks:
            if block.kind != "table_cell":
                candidates.append(block)
        for block in candidates:
            found = by_block.get(id(block))
            if found:
                events.extend(_entries(block, found, section))
    events.sort(key=lambda e: (e.line, e.moment.span.column))
    if any(e.moment.has_time for e in events):
        # Date headings and date-only lines group the timed entries; they are not entries.
        events = [e for e in events if e.moment.has_time]
    return events


_SEGMENT_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
_LEAD_CHARS = " *_-—–|:[]()#\\@"


def _entries(block: TextBlock, found: list[Moment], section: Section) -> list[Event]:
    starts = [0] + [m.end() for m in _SEGMENT_BREAK.finditer(block.text)]
    opening: list[Moment] = []
    for moment in found:
        segment = starts[max(bisect.bisect_right(starts, moment.stamp.start) - 1, 0)]
        lead = block.prose[segment : moment.stamp.start].strip(_LEAD_CHARS)
        first_of_block = moment is found[0] and moment.stamp.start <= _EVENT_LEAD
        if len(lead) <= 12 and (first_of_block or segment > 0):
            if opening and segment == _segment_of(starts, opening[-1]):
                continue  # a second time in the same entry ("10:00 PST (18:00 UTC)")
            opening.append(moment)
    result: list[Event] = []
    for index, moment in enumerate(opening):
        end = opening[index + 1].stamp.start if index + 1 < len(opening) else len(block.text)
        text = block.text[moment.stamp.start if index else 0 : end]
        if block.kind == "heading" and section.blocks:
            # "### 13:35", then what happened in the paragraphs under it
            text += " " + " ".join(b.text for b in section.blocks[:6])
        result.append(Event(moment, text, moment.line))
    return result


def _segment_of(starts: list[int], moment: Moment) -> int:
    return starts[max(bisect.bisect_right(starts, moment.stamp.start) - 1, 0)]


# "from 02:05 to 03:40 UTC", "between 02:10 and 04:45", "22:40–01:15", "began at A and ended
# at B": the impact window a summary states.
_ENDING = r"(?:end(?:ed|ing)|recover(?:ed|ing)|resolv(?:ed|ing)|was resolved|stopp(?:ed|ing))"
# Every alternative starts with a non-blank, so the leading blanks are scanned once.
_WINDOW_LINK = re.compile(
    rf"^\s*(?:[-–—]+|to|until|till|through|,\s*(?:and\s+)?{_ENDING}|(?:and\s+)?{_ENDING}|and)"
    r"(?:\s+at)?\s*(?:on\s+[^,.;]{0,20}?\s+)?$",
    re.IGNORECASE,
)
_WINDOW_SECTIONS = ("summary", "impact", None)


def _windows(moments: list[Moment]) -> list[tuple[Moment, Moment]]:
    """Impact windows stated in the summary, the impact section or the lead prose."""
    windows: list[tuple[Moment, Moment]] = []
    for first, second in itertools.pairwise(moments):
        if first.block is not second.block or first.when is None or second.when is None:
            continue
        if not (first.has_time and second.has_time):
            continue
        nearest = next((s.canonical for s in _lineage(first.block.section) if s.canonical), None)
        if nearest not in _WINDOW_SECTIONS or (first.source <= FIELD and second.source <= FIELD):
            continue
        if not _WINDOW_LINK.match(first.block.prose[first.stamp.end : second.stamp.start]):
            continue
        end = second
        if utc(second.when) < utc(first.when) and not second.stamp.date:
            # "22:40–01:15 UTC": the end is on the next day
            end = _shifted(second, dt.timedelta(days=1))
        windows.append((first, end))
    return windows


def _shifted(moment: Moment, delta: dt.timedelta) -> Moment:
    copy = Moment(
        moment.stamp,
        moment.block,
        moment.span,
        moment.when + delta if moment.when else None,
        moment.day_known,
        moment.zone_source,
        moment.label,
        moment.zone_name,
        moment.kinds,
        moment.source,
    )
    return copy


def _milestones(
    doc: Document,
    moments: list[Moment],
    events: list[Event],
    windows: list[tuple[Moment, Moment]],
    words: Mapping[str, Mapping[str, Sequence[str]]],
) -> tuple[dict[str, Moment | None], dict[str, str]]:
    result: dict[str, Moment | None] = dict.fromkeys(MILESTONES)
    how: dict[str, str] = {}

    def take(kind: str, moment: Moment | None, source: str) -> None:
        if moment is not None and result[kind] is None:
            result[kind] = moment
            how[kind] = source

    for kind, moment in _front_matter_milestones(doc).items():
        take(kind, moment, HOW_FRONT_MATTER)
    for kind in MILESTONES:  # a labelled field: "Detected: 10:15 UTC"
        fields = [m for m in moments if m.source == FIELD and kind in m.kinds and m.when]
        if fields:
            pick = max if kind == "resolved" else min
            take(kind, pick(fields, key=lambda m: utc(m.when)), HOW_FIELD)  # type: ignore[arg-type]
    classes = word_classes(words)
    timed = [e for e in events if e.moment.when is not None]
    entries = [
        Entry(" ".join(e.text.split()), e.moment.when, e.moment.has_time, i)  # type: ignore[arg-type]
        for i, e in enumerate(timed)
    ]
    chosen = classify_entries(entries, classes)
    marked = {k for k, e in chosen.items() if classes.has(k, e.text, "markers")}
    for kind in marked:
        take(kind, timed[chosen[kind].index].moment, HOW_TIMELINE)
    if windows:
        take("start", windows[0][0], HOW_RANGE)
        take("resolved", windows[-1][1], HOW_RANGE)
    for kind, entry in chosen.items():
        take(kind, timed[entry.index].moment, HOW_TIMELINE)
    for kind in MILESTONES:  # what the timeline does not show, the prose may say
        if result[kind] is not None or (kind == "start" and timed):
            continue
        candidates = [
            m for m in moments if m.source == PROSE and kind in m.kinds and m.when is not None
        ]
        candidates = [m for m in candidates if m.has_time] or candidates
        if candidates:
            pick = max if kind == "resolved" else min
            take(kind, pick(candidates, key=lambda m: utc(m.when)), HOW_PROSE)  # type: ignore[arg-type]
    _sanity(result, how)
    if result["start"] is None and not timed:
        take("start", _opening_time(doc), HOW_INFERRED)
    if result["mitigated"] is None and result["resolved"] is not None:
        take("mitigated", result["resolved"], HOW_INFERRED)
    elif (
        result["resolved"] is None
        and result["mitigated"] is not None
        and how.get("mitigated") in (HOW_TIMELINE, HOW_FIELD, HOW_FRONT_MATTER)
    ):
        take("resolved", result["mitigated"], HOW_INFERRED)
    return result, how


def _opening_time(doc: Document) -> Moment | None:
    """With no timeline and no start in words, a front-matter date that carries a time of day
    (a status page's issue opened at 2022-10-14T18:25Z) is when the incident was opened. A bare
    day is not used: measured on documents held out from tuning, it was more often a
    publication date than the incident's."""
    value = doc.meta.get("date")
    if not isinstance(value, dt.datetime) or value.time() == dt.time():
        return None
    line = doc.meta_lines[0] if doc.meta_lines else 1
    stamp = Stamp(0, 0, str(value), value.date(), value.time(), "24h", "iso", None)
    holder = TextBlock("paragraph", str(value), str(value), [0], [line], [1])
    zone = "stated" if value.tzinfo else None
    return Moment(
        stamp, holder, Span(line, 1, line, 1), value, True, zone, label="date", source=FRONT_MATTER
    )


def _sanity(result: dict[str, Moment | None], how: dict[str, str]) -> None:
    """Milestones read from wording must come in order: a start after detection or recovery
    gives way to the earliest of them; detection after resolution is dropped."""
    start = result["start"]
    later = [
        (k, m)
        for k, m in result.items()
        if k != "start"
        and m is not None
        and m.when is not None
        and m.has_time
        and start is not None
        and start.when is not None
        and (m.when.tzinfo is None) == (start.when.tzinfo is None)  # else not comparable
    ]
    if start is not None and start.when is not None and start.has_time and later:
        earliest_kind, earliest = min(later, key=lambda item: utc(item[1].when))  # type: ignore[arg-type]
        if utc(earliest.when) < utc(start.when):  # type: ignore[arg-type]
            if how.get("start") in (HOW_FRONT_MATTER, HOW_FIELD):
                return
            if earliest_kind == "detected":
                result["start"], how["start"] = earliest, HOW_INFERRED
            else:
                result["start"] = None
                how.pop("start", None)


def _front_matter_milestones(doc: Document) -> dict[str, Moment]:
    aliases = {
        "start": ("start", "started", "impact_start", "started_at", "start_time", "began"),
        "detected": ("detected", "detected_at", "detection_time"),
        "escalated": ("escalated", "escalated_at"),
        "mitigated": ("mitigated", "mitigated_at"),
        "resolved": (
            "resolved",
            "resolved_at",
            "resolvedWhen",
            "resolved_when",
            "end",
            "ended",
            "ended_at",
            "end_time",
        ),
    }
    found: dict[str, Moment] = {}
    line = doc.meta_lines[0] if doc.meta_lines else 1
    for kind, keys in aliases.items():
        for key in keys:
            value = doc.meta.get(key)
            when = value if isinstance(value, dt.datetime) else None
            if isinstance(value, str):
                stamps = find_stamps(value)
                if stamps and stamps[0].date and stamps[0].time:
                    stamp = stamps[0]
                    tz = zone_info(stamp.zone) if stamp.zone else None
                    when = dt.datetime.combine(stamp.date, stamp.time, tzinfo=tz)
            if when is not None:
                stamp = Stamp(0, 0, str(value), when.date(), when.time(), "24h", "iso", None)
                holder = TextBlock("paragraph", str(value), str(value), [0], [line], [1])
                found[kind] = Moment(  # by keyword: zone_name sits between label and kinds
                    stamp,
                    holder,
                    Span(line, 1, line, 1),
                    when,
                    True,
                    "stated" if when.tzinfo else None,
                    label=key,
                    kinds=frozenset({kind}),
                    source=FRONT_MATTER,
                )
                break
    return found


def _stated_durations(doc: Document) -> list[StatedDuration]:
    found: list[StatedDuration] = []
    for block in doc.blocks:
        nearest = next((s.canonical for s in _lineage(block.section) if s.canonical), None)
        if nearest not in ("summary", "impact", None):  # None: lead prose under the title
            continue
        for stated in stated_durations(block.prose):
            span = block.span(stated.start, stated.end)
            found.append(StatedDuration(stated.minutes, stated.text, span))
    found.sort(key=lambda d: (d.span.line, d.span.column))
    return found


def _lineage(section: Section | None) -> list[Section]:
    return [] if section is None else [section, *section.ancestors()]
