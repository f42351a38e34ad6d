"""Timeline facts: every timestamp resolved against the document's dates and zone, the
timeline's events in order, the incident's milestones, and durations the text states.

Computed once per document (cached in `doc.cache`) and shared by PM101–PM105 and analyze.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmlint.diagnostics import Span
from pmlint.document import Document, Section, TextBlock
from pmlint.extract.timestamps import ZONE_NAMES, ZONE_PATTERN, Stamp, find_stamps, zone_info

MILESTONES = ("start", "detected", "escalated", "mitigated", "resolved")
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
_DURATION_UNITS = {
    "second": 1 / 60,
    "sec": 1 / 60,
    "s": 1 / 60,
    "minute": 1,
    "min": 1,
    "m": 1,
    "hour": 60,
    "hr": 60,
    "h": 60,
    "day": 1440,
    "d": 1440,
}
_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "ninety": 90,
    "half an": 0.5,
}
_NUMBER = (
    r"(?:\d+(?:\.\d+)?|half an|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|ninety)"
)
_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|[hmd])"
# Digits may touch their unit ("1h50m"); words need a space ("an hour", not "and").
_DURATION_PART = re.compile(rf"(?:(?<![\d.])(\d+(?:\.\d+)?)\s?|\b({_NUMBER})\s)({_UNIT})(?=\b|\d)")
_DURATION = rf"(?P<dur>{_NUMBER}\s?{_UNIT}(?:\s?(?:and\s)?\d+\s?(?:minutes?|mins?|m))?)"
_APPROX = (
    r"(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|under|~|some)\s?)?"
)
_STATED = [
    re.compile(rf"\bduration\s*(?:\*+\s*)?[:=]\s*(?:\*+\s*)?{_APPROX}{_DURATION}\b", re.IGNORECASE),
    re.compile(rf"\blast(?:ed|ing)\s(?:for\s)?{_APPROX}{_DURATION}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:outage|incident|downtime|disruption|degradation)\s(?:of|lasting|that lasted)\s"
        rf"{_APPROX}{_DURATION}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:down|unavailable|unusable|offline|broken|degraded|unreachable)\sfor\s"
        rf"{_APPROX}{_DURATION}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_DURATION}\s(?:outage|of downtime|incident)\b", re.IGNORECASE),
]

# Every pattern of _STATED holds one of these (lower-case) words.
_STATED_WORDS = (
    "duration",
    "last",
    "outage",
    "incident",
    "down",
    "disruption",
    "degrad",
    "unavailable",
    "unusable",
    "offline",
    "broken",
    "unreachable",
)


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

    def minutes_between(self, first: str, second: str) -> int | None:
        a, b = self.milestones.get(first), self.milestones.get(second)
        if a is None or b is None or a.when is None or b.when is None:
            return None
        return round((utc(b.when) - utc(a.when)).total_seconds() / 60)


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


def _in_timeline(section: Section | None) -> bool:
    node = section
    while node is not None:
        if node.canonical == "timeline":
            return True
        node = node.parent
    return False


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
    """3/11/2024 is read month-first unless the document writes a day over 12 first."""
    for block in blocks:
        for match in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{2,4}", block.prose):
            if int(match.group(1)) > 12:
                return True
    return False


def _build(doc: Document, settings: Mapping[str, Any]) -> Timeline:
    blocks = _all_blocks(doc)
    zone_name, zone_tz, zone_source, zone_line = _declared_zone(doc, blocks, settings)
    words = settings.get("milestones") or {}
    labels, events_words = _compiled(words, "labels"), _compiled(words, "events")
    day_first = _day_first(blocks)
    moments: list[Moment] = []
    current_day: dt.date | None = _front_matter_date(doc)
    last_time: dt.time | None = None
    for block in blocks:
        for stamp in find_stamps(block.prose, day_first):
            if stamp.date is not None:
                if stamp.date != current_day:
                    last_time = None
                current_day = stamp.date
            day = stamp.date or current_day
            late_then_early = (
                last_time is not None
                and stamp.time is not None
                and last_time >= dt.time(18)
                and stamp.time < dt.time(8)
            )
            if stamp.date is None and day and late_then_early:
                day = day + dt.timedelta(days=1)  # the timeline went past midnight
                current_day = day
            if stamp.time is not None:
                last_time = stamp.time
            tz, source = _stamp_zone(stamp, zone_tz)
            when = None
            if stamp.time is not None:
                base = day or dt.date(1970, 1, 1)
                when = dt.datetime.combine(base, stamp.time)
                if tz is not None:
                    when = when.replace(tzinfo=tz)
            elif day is not None:
                when = dt.datetime.combine(day, dt.time(0))
            span = block.span(stamp.start, stamp.end)
            moment = Moment(stamp, block, span, when, day is not None, source)
            moment.zone_name = stamp.zone or (zone_name if tz is not None else None)
            _classify(moment, labels, events_words)
            moments.append(moment)
    events = _events(doc, moments)
    for event in events:
        moment = event.moment
        if moment.source > EVENT:
            moment.source = EVENT
            # The whole entry (the row, the item, the heading and its text) says what happened.
            moment.kinds = _kinds(event.text, events_words)
    milestones = _milestones(doc, moments)
    durations = _stated_durations(doc)
    return Timeline(moments, events, milestones, zone_name, zone_source, zone_line, durations)


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
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(word) for word in words) + ")")


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


def _events(doc: Document, moments: list[Moment]) -> list[Event]:
    """Timeline entries with a time near their start, in document order."""
    by_block: dict[int, list[Moment]] = {}
    for moment in moments:
        by_block.setdefault(id(moment.block), []).append(moment)
    events: list[Event] = []
    seen_rows: set[int] = set()
    for section in doc.sections():
        if not _in_timeline(section):
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
            if not found:
                continue
            first = found[0]
            lead = block.prose[: first.stamp.start].strip(" *_-—–|:[]()#")
            if first.stamp.start <= _EVENT_LEAD and len(lead) <= 12:
                text = block.text
                if block.kind == "heading" and section.blocks:
                    text += " " + section.blocks[0].text  # "### 13:35" then what happened
                events.append(Event(first, text, block.first_line))
    events.sort(key=lambda e: (e.line, e.moment.span.column))
    return events


def _milestones(doc: Document, moments: list[Moment]) -> dict[str, Moment | None]:
    result: dict[str, Moment | None] = dict.fromkeys(MILESTONES)
    fm = _front_matter_milestones(doc)
    for kind in MILESTONES:
        if kind in fm:
            result[kind] = fm[kind]
            continue
        candidates = [m for m in moments if kind in m.kinds and m.has_time and m.when is not None]
        if not candidates:
            continue
        best = min(m.source for m in candidates)
        top = [m for m in candidates if m.source == best]
        pick = max if kind == "resolved" else min
        result[kind] = pick(top, key=lambda m: utc(m.when))  # type: ignore[arg-type]
    start = result["start"]
    if start is not None and start.source >= EVENT and start.when is not None:
        # A start read from wording that comes after detection or recovery is not the start.
        later = [m for k, m in result.items() if k != "start" and m is not None and m.when]
        if any(utc(m.when) < utc(start.when) for m in later):  # type: ignore[arg-type]
            result["start"] = None
    return result


def _front_matter_milestones(doc: Document) -> dict[str, Moment]:
    aliases = {
        "start": ("start", "started", "impact_start"),
        "detected": ("detected",),
        "escalated": ("escalated",),
        "mitigated": ("mitigated",),
        "resolved": ("resolved", "end", "ended"),
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
        prose = block.prose
        if prose.isascii():  # where lower() is what IGNORECASE compares: a cheap refusal
            lower = prose.lower()
            if not any(word in lower for word in _STATED_WORDS):
                continue
        for pattern in _STATED:
            for match in pattern.finditer(prose):
                minutes = parse_duration(match.group("dur"))
                if minutes:
                    found.append(
                        StatedDuration(
                            minutes, match.group(0), block.span(match.start(), match.end())
                        )
                    )
    found.sort(key=lambda d: (d.span.line, d.span.column))
    unique: dict[tuple[int, int], StatedDuration] = {}
    for item in found:
        unique.setdefault((item.span.line, item.span.column), item)
    return list(unique.values())


def _lineage(section: Section | None) -> list[Section]:
    return [] if section is None else [section, *section.ancestors()]


def parse_duration(text: str) -> float | None:
    """'2 hours', '1h50m', '45 minutes', 'an hour', 'half an hour' -> minutes."""
    total = 0.0
    matched = False
    for digits, word, unit in _DURATION_PART.findall(text.lower()):
        number = digits or word
        value = _WORD_NUMBERS.get(number)
        amount = float(number) if value is None else float(value)
        key = unit.rstrip("s") if len(unit) > 2 else unit
        factor = _DURATION_UNITS.get(key) or _DURATION_UNITS.get(unit[:3].rstrip("s"))
        if factor is None:
            continue
        total += amount * factor
        matched = True
    return total if matched else None
