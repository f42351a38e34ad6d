"""Check kinds over the timeline facts: zones, formats, order, contradictions, milestones."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import ClassVar

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Applicability, Edit, Finding, Fix, Related, Severity, Span
from pmlint.document import Document
from pmlint.extract.timeline import (
    EVENT,
    FIELD,
    FRONT_MATTER,
    MITIGATION_AT_STORY_END,
    Event,
    Moment,
    Timeline,
    timeline,
    update_log,
    utc,
)
from pmlint.extract.timestamps import zone_info


def _facts(doc: Document, ctx: CheckContext) -> Timeline:
    return timeline(doc, ctx.settings)


def _clock(moment: Moment) -> str:
    when = moment.when
    if when is None:
        return moment.stamp.text
    text = when.strftime("%Y-%m-%d %H:%M") if moment.day_known else when.strftime("%H:%M")
    return text + (f" {moment.zone_name}" if moment.zone_name else "")


class TimestampTimezone(CheckKind):
    kind = "timestamp-timezone"
    description = "Reports times written without a zone when the document declares none."
    fields = ("stamp", "count", "others")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = _facts(doc, ctx)
        if facts.timezone is not None:
            return
        # a zone the facts assume ("assumed": the one the text states elsewhere) is not written
        bare = [m for m in facts.moments if m.has_time and m.zone_source in (None, "assumed")]
        if not bare:
            return
        others = len(bare) - 1
        yield finding(
            bare[0].span,
            fix=_zone_fix(facts.moments, bare),
            stamp=bare[0].stamp.text,
            count=len(bare),
            others=f" ({others} more without a zone)" if others else "",
        )


def _zone_fix(moments: list[Moment], bare: list[Moment]) -> Fix | None:
    """Write the one zone the document's other times state after each time without one.
    Unsafe: the author may have meant another zone for some of them. No fix when the
    document states no zone, or several."""
    stated = {m.zone_name for m in moments if m.zone_source == "stated" and m.zone_name}
    if len(stated) != 1:
        return None
    zone = stated.pop()
    ends = sorted({(m.span.end_line, m.span.end_column) for m in bare})
    edits = tuple(Edit(Span(line, column, line, column), f" {zone}") for line, column in ends)
    return Fix(f"Write {zone} after each time without a zone", edits, Applicability.UNSAFE)


class TimestampFormat(CheckKind):
    kind = "timestamp-format"
    description = "Reports 12- and 24-hour times, date styles or zones mixed in one timeline."
    options = (
        Option("clock", "bool", True, "Report 12-hour and 24-hour times mixed."),
        Option(
            "date_styles",
            "bool",
            True,
            "Report several date styles (ISO, 'March 11, 2024', 3/11/2024).",
        ),
        Option("zones", "bool", True, "Report several time zones used without conversion."),
    )
    fields = ("problem", "example", "other", "other_line")
    _STYLE_NAMES: ClassVar[dict[str, str]] = {
        "iso": "ISO (2024-03-11)",
        "month-name": "month name (March 11, 2024)",
        "day-month": "day first (11 March 2024)",
        "slash": "slashes (3/11/2024)",
    }

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = _facts(doc, ctx)
        scoped = [m for m in facts.moments if m.source <= EVENT]
        if self.opts["clock"]:
            yield from self._minority(
                scoped,
                lambda m: m.stamp.clock if m.has_time else None,
                "12-hour and 24-hour times mixed",
                {"12h": "12-hour", "24h": "24-hour"},
            )
        if self.opts["date_styles"]:
            yield from self._minority(
                scoped, lambda m: m.stamp.date_style, "several date styles", self._STYLE_NAMES
            )
        if self.opts["zones"]:
            yield from self._zones(scoped)

    def _minority(
        self,
        moments: list[Moment],
        key: Callable[[Moment], str | None],
        problem: str,
        names: dict[str, str],
    ) -> Iterator[Finding]:
        values = [(value, m) for m in moments if (value := key(m))]
        counts = Counter(v for v, _ in values)
        if len(counts) < 2:
            return
        majority = counts.most_common(1)[0][0]
        first_major = next(m for v, m in values if v == majority)
        odd_value, odd = next((v, m) for v, m in values if v != majority)
        yield finding(
            odd.span,
            problem=f"{problem}: '{odd.stamp.text}' ({names.get(odd_value, odd_value)}) among "
            f"{counts[majority]} {names.get(majority, majority)} times",
            example=odd.stamp.text,
            other=first_major.stamp.text,
            other_line=first_major.line,
        )

    def _zones(self, moments: list[Moment]) -> Iterator[Finding]:
        zoned = [m for m in moments if m.stamp.zone]
        # "10:00 PST (18:00 UTC)" is a conversion, not an inconsistency.
        converted = {
            id(b)
            for a, b in itertools.pairwise(zoned)
            if a.block is b.block and 0 <= b.stamp.start - a.stamp.end <= 3
        } | {
            id(a)
            for a, b in itertools.pairwise(zoned)
            if a.block is b.block and 0 <= b.stamp.start - a.stamp.end <= 3
        }
        offsets: dict[str, Moment] = {}
        for moment in zoned:
            if id(moment) in converted:
                continue
            tz = zone_info(moment.stamp.zone or "")
            reference = moment.when or dt.datetime(2024, 1, 1)
            offset = str(tz.utcoffset(reference.replace(tzinfo=None))) if tz else moment.stamp.zone
            offsets.setdefault(offset or "", moment)
        if len(offsets) < 2:
            return
        first, second = list(offsets.values())[:2]
        yield finding(
            second.span,
            problem=f"several time zones: '{second.stamp.text}' and '{first.stamp.text}' "
            f"(line {first.line}) without a conversion",
            example=second.stamp.text,
            other=first.stamp.text,
            other_line=first.line,
        )


def _newest_first_sections(
    events: list[Event], keys: list[tuple[int, bool]]
) -> set[tuple[int, bool]]:
    """Sections (by id) whose three or more entries all run backwards in time, as a status
    page lists its updates: a log written newest first, not entries out of order."""
    by_section: dict[tuple[int, bool], list[Event]] = {}
    for event, key in zip(events, keys, strict=True):
        by_section.setdefault(key, []).append(event)
    found = set()
    for key, run in by_section.items():
        pairs = [_comparable(a, b) for a, b in itertools.pairwise(run)]
        # two updates each closed by the time it was posted are a log already (the page's
        # "Resolved" above its "Investigating"); other entries, three
        updates = len(run) >= 2 and key[1]
        if (len(run) >= 3 or updates) and all(p is not None and p[1] < p[0] for p in pairs):  # type: ignore[operator]
            found.add(key)
    return found


def _log_key(event: Event) -> tuple[int, bool]:
    """What an entry is ordered within: a status page's log for its updates (each may sit
    under a status heading of its own; a header above them is not one of them), else the
    entry's section."""
    log = update_log(event.moment.block)
    if log is not None:
        return (id(log), True)
    section = event.moment.block.section
    if event.moment.block.kind == "heading" and section is not None and section.parent is not None:
        # a heading's entry is its section's one entry: it is ordered among its sibling
        # headings ("### 10.Feb.2020 ...", "### 06.Nov.2019 ...": a status history, newest
        # first)
        return (id(section.parent), False)
    return (id(section), False)


def _comparable(a: Event, b: Event) -> tuple[object, object] | None:
    wa, wb = a.moment.when, b.moment.when
    if wa is None or wb is None:
        return None
    if a.moment.has_time and b.moment.has_time:
        if (wa.tzinfo is None) != (wb.tzinfo is None):
            return wa.replace(tzinfo=None), wb.replace(tzinfo=None)
        return utc(wa), utc(wb)
    if a.moment.day_known and b.moment.day_known:
        return wa.date(), wb.date()
    return None


class TimelineOrder(CheckKind):
    kind = "timeline-order"
    description = "Reports timeline entries earlier than the entry before them."
    fields = ("stamp", "previous", "previous_line")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        events = _facts(doc, ctx).events
        keys = [_log_key(event) for event in events]
        newest_first = _newest_first_sections(events, keys)
        for index, (previous, event) in enumerate(itertools.pairwise(events), start=1):
            if keys[index] in newest_first:
                continue  # a status page's updates, newest first: in order for their kind
            if _shape_only(previous) != _shape_only(event):
                continue  # "At 19:06 UTC on ... creates were delayed." above "• 18:50 UTC - ..."
            pair = _comparable(previous, event)
            if pair is not None and pair[1] < pair[0]:  # type: ignore[operator]
                yield finding(
                    event.moment.span,
                    related=(
                        Related(
                            previous.moment.span,
                            f"the entry before: '{previous.moment.stamp.text}'",
                        ),
                    ),
                    stamp=event.moment.stamp.text,
                    previous=previous.moment.stamp.text,
                    previous_line=previous.line,
                )


def _shape_only(event: Event) -> bool | None:
    """In a section that is a timeline by its shape alone (no timeline heading: its lines open
    with times), does the entry open its line with its time? Prose told above such lines ("At
    19:06 UTC on 2017-07-11, creates were delayed") is a summary, not the entry before the
    first line. None under a timeline heading, where every entry is one."""
    block = event.moment.block
    section = block.section
    if section is None or section.is_under("timeline"):
        return None
    prose = block.prose
    start = event.moment.stamp.start
    line_start = prose.rfind("\n", 0, start) + 1
    return not prose[line_start:start].strip(" *_-—–|:[]()#@•·>")


def _before(end: Moment, start: Moment) -> bool:
    """Is `end` before `start`? An end known only to its day ("resolved as of Saturday
    2014-10-04", its time cut off) is not before a start at a time of that day."""
    if end.when is None or start.when is None:
        return False
    if not end.has_time or not start.has_time:
        return end.when.date() < start.when.date()
    return utc(end.when) < utc(start.when)


class TimelineContradiction(CheckKind):
    kind = "timeline-contradiction"
    description = (
        "Reports a stated start, end or duration that the others or the timeline contradict."
    )
    options = (
        Option("tolerance_minutes", "number", 10, "Differences up to this many minutes are fine."),
        Option("tolerance_ratio", "number", 0.2, "…or up to this share of the duration."),
    )
    fields = ("problem",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = _facts(doc, ctx)
        ms = facts.milestones
        start, detected, resolved = ms["start"], ms["detected"], ms["resolved"]
        explicit = (FRONT_MATTER, FIELD)
        if start and resolved and _before(resolved, start):
            yield finding(
                resolved.span,
                related=(Related(start.span, f"the start: '{_clock(start)}'"),),
                problem=(
                    f"the end '{_clock(resolved)}' is before the start '{_clock(start)}' "
                    f"(line {start.line})"
                ),
            )
        if (
            start
            and detected
            and start.source in explicit
            and start.when
            and detected.when
            and utc(detected.when) < utc(start.when)
        ):
            yield finding(
                detected.span,
                related=(Related(start.span, f"the start: '{_clock(start)}'"),),
                problem=(
                    f"detection at '{_clock(detected)}' is before the start '{_clock(start)}' "
                    f"(line {start.line})"
                ),
            )
        actual = facts.minutes_between("start", "resolved")  # None without a start and an end
        if actual is not None and actual >= 0 and start is not None and resolved is not None:
            # the impact may end at the mitigation, or with the windows the summary states,
            # and the incident be closed later ("for 35 minutes, from 08:00 to 08:35", then
            # "10:00 incident closed"): a duration that agrees with either is no contradiction
            spans = [actual, facts.minutes_between("start", "mitigated"), _windows_total(facts)]
            told: set[float] = set()  # the same duration told twice is one contradiction
            for stated in facts.durations:
                allowed = max(self.opts["tolerance_minutes"], self.opts["tolerance_ratio"] * actual)
                if stated.minutes in told:
                    continue
                if all(span is None or abs(stated.minutes - span) > allowed for span in spans):
                    told.add(stated.minutes)
                    yield finding(
                        stated.span,
                        related=(
                            Related(start.span, f"the start: '{_clock(start)}'"),
                            Related(resolved.span, f"the end: '{_clock(resolved)}'"),
                        ),
                        problem=(
                            f"the stated duration '{stated.text}' ({_minutes(stated.minutes)}) "
                            f"disagrees with start '{_clock(start)}' (line {start.line}) to end "
                            f"'{_clock(resolved)}' (line {resolved.line}): {_minutes(actual)}"
                        ),
                    )
        yield from self._fields_against_timeline(facts)

    def _fields_against_timeline(self, facts: Timeline) -> Iterator[Finding]:
        """A summary's Start/End field against the timeline entry that marks the same moment."""
        for kind, word in (("start", "start"), ("resolved", "end")):
            stated = facts.milestones[kind]
            if stated is None or stated.source not in (FRONT_MATTER, FIELD) or stated.when is None:
                continue
            entries = [
                e.moment
                for e in facts.events
                if kind in e.moment.kinds
                and e.moment.when
                and e.moment.has_time
                and e.moment is not stated
            ]
            if not entries:
                continue
            pick = max if kind == "resolved" else min
            entry = pick(entries, key=lambda m: utc(m.when))  # type: ignore[arg-type]
            gap = abs((utc(entry.when) - utc(stated.when)).total_seconds()) / 60  # type: ignore[arg-type]
            if gap > self.opts["tolerance_minutes"]:
                yield finding(
                    stated.span,
                    related=(Related(entry.span, f"the timeline entry: '{_clock(entry)}'"),),
                    problem=(
                        f"the stated {word} '{_clock(stated)}' disagrees with the timeline entry "
                        f"'{_clock(entry)}' on line {entry.line}"
                    ),
                )


def _windows_total(facts: Timeline) -> int | None:
    """The minutes of the impact windows the document states, added up (None: none)."""
    if not facts.windows:
        return None
    total = 0.0
    for first, last in facts.windows:
        if first.when is None or last.when is None:
            return None
        total += max(0.0, (utc(last.when) - utc(first.when)).total_seconds() / 60)
    return round(total)


def _minutes(value: float) -> str:
    hours, minutes = divmod(round(value), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


class TimelineMilestones(CheckKind):
    kind = "timeline-milestones"
    description = "Reports incident milestones (detection, resolution, …) that no time marks."
    options = (
        Option(
            "required",
            "str-list",
            ["detected", "mitigated|resolved"],
            "Milestones that must have a time; 'a|b' accepts either.",
        ),
        Option("recommended", "str-list", ["start"], "Milestones reported at info level."),
    )
    fields = ("missing", "level")
    _NAMES: ClassVar[dict[str, str]] = {
        "start": "impact start",
        "detected": "detection",
        "escalated": "escalation",
        "mitigated": "mitigation",
        "resolved": "resolution",
    }

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if not doc.find_sections("timeline"):
            return  # no timeline at all is PM001's finding; one report is enough
        facts = _facts(doc, ctx)
        milestones = dict(facts.milestones)
        if facts.provenance.get(MITIGATION_AT_STORY_END):
            milestones["mitigated"] = None  # a guess from the last entry: the document marks none
        for specs, severity, level in (
            (self.opts["required"], None, "required"),
            (self.opts["recommended"], Severity.INFO, "recommended"),
        ):
            missing = []
            for spec in specs:
                options = [k.strip() for k in spec.split("|")]
                if not any(milestones.get(k) is not None for k in options):
                    missing.append(" or ".join(self._NAMES.get(k, k) for k in options))
            if missing:
                yield finding(_anchor(doc), severity, missing=", ".join(missing), level=level)


def _anchor(doc: Document) -> Span:
    sections = doc.find_sections("timeline")
    if sections and sections[0].heading_span is not None:
        return sections[0].heading_span
    return doc.anchor_span()
