"""Building the `Timeline`: every time in the document placed on its day and zone, classified,
then the entries, impact windows, milestones and stated durations; computed once per document
(`timeline`) and shared by the checks and analyze."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from pmlint.document import Document, TextBlock
from pmlint.extract.milestones import HOW_INFERRED, attempted
from pmlint.extract.timeline.choose import (
    choose_milestones,
    headline_durations,
    story_end,
    summary_durations,
)
from pmlint.extract.timeline.dates import (
    NO_DAY,
    RELATIVE,
    Clock,
    Dates,
    address_date,
    carry_afternoon,
    date_after,
    day_first,
    document_date,
    first_year,
    month_year,
    named_year,
    names_the_writing,
    relative_days,
    relative_entry_day,
    told_before_the_day,
    told_day_before,
    told_next_day,
)
from pmlint.extract.timeline.ends import impact_end
from pmlint.extract.timeline.entries import (
    classify,
    closing_time,
    code_timelines,
    compiled_words,
    event_kinds,
    following_paragraphs,
    in_timeline,
    promised_update,
    prose_in_shaped_timeline,
    row_labels,
    timed_sections,
    timeline_events,
    without_archive_postings,
)
from pmlint.extract.timeline.html import html_texts
from pmlint.extract.timeline.later import later_moments
from pmlint.extract.timeline.model import EVENT, MITIGATION_AT_STORY_END, Event, Moment, Timeline
from pmlint.extract.timeline.stated import (
    detection_from_stated_delay,
    detection_from_time_to_detect,
    start_from_time_to_detect,
)
from pmlint.extract.timeline.windows import impact_windows, without_stale_header
from pmlint.extract.timeline.zones import (
    carry_the_timeline_zone,
    declared_zone,
    season_half,
    stamp_zone,
    zone_day_first,
)
from pmlint.extract.timestamps import (
    WEEKDAY_NAME,
    Stamp,
    find_stamps,
    four_digit_clock,
    zone_after,
)
from pmlint.settings import Settings

# "Incident is considered resolved", "Our engineers have fully resolved the issue": the
# incident said to be over, in a sentence that gives no time of its own
_TOLD_RESOLVED = re.compile(
    r"\b(?:incident|issue|outage|problem)\s+(?:is|was|has\s+been)\s+(?:now\s+|considered\s+|fully\s+)*"
    r"resolved\b"
    r"|\b(?:have|has)\s+(?:now\s+)?(?:fully\s+)?resolved\s+the\s+(?:issue|incident|outage|problem)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d:\d\d|\b\d{1,2}\s*[ap]\.?m\b|\b\d{4}\s*(?:UTC|GMT|Z)\b", re.IGNORECASE)


def _told_resolved_untimed(doc: Document) -> bool:
    """Does the document say the incident is resolved without saying when (then the timeline's
    last entry is when)? A sentence with a clock time of its own tells its time instead."""
    for block in doc.blocks:
        for sentence in re.split(r"(?<=[.!?])\s+", block.prose):
            if _TOLD_RESOLVED.search(sentence) and not _CLOCK.search(sentence):
                return True
    return False


def _told_as_attempt(moment: Moment, events: list[Event]) -> bool:
    """Does the timeline entry at this moment tell an attempt or a harm going on?"""
    return any(e.moment is moment and attempted(e.text) for e in events)


# The document's memo key (`Document.memo`).
KEY = "extract.timeline"


def _posted_below(
    block: TextBlock, text: str, stamps: list[Stamp], following: dict[int, TextBlock]
) -> Stamp | None:
    """The time a status update was posted at, closing the block ("Posted Aug 16, 2017 -
    22:32 UTC" on its last line) or in the paragraph right below it: the day of the times the
    update tells without one. None for other blocks."""
    if block.kind != "paragraph" or not any(s.date is None and s.time for s in stamps):
        return None
    if _ENTRY_LINE.search(text):
        return None  # a timeline's entries ("• 09:50 UTC - migration started"), not an update
    if closing_time(text) is not None:
        *told, last = stamps
        if any(s.date is not None for s in told):
            return None  # the update dates its own times ("On January 9, from 14:05 ...")
        if last.date is not None and last.time is not None and last.year_known:
            return last
        return None
    if any(s.date is not None for s in stamps):
        return None
    after = following.get(id(block))
    if after is None or not _POSTED_LINE.match(after.prose):
        return None
    below = closing_time("Posted update " + after.prose)
    if below is None or below.date is None or not below.year_known:
        return None
    return below


def _day_told_apart(
    stamp: Stamp,
    text: str,
    posted: Stamp | None,
    previous: Stamp | None,
    dates: Dates,
    in_timeline: bool,
) -> dt.date | None:
    """The day of a time the text tells apart from the days carried down to it, which then
    carries to nothing: a status update's own time, on the day the update was posted ("...
    from 21:38-22:25 UTC. / Posted Aug 16, 2017 - 22:32 UTC" below "Posted Aug 23"; a time
    after the posting's, the evening before), and a time an entry tells as the evening before
    its own ("08:45: no readings since approximately 9pm the previous evening"). None for
    other times (`Dates.place` carries them)."""
    if stamp.date is not None or stamp.time is None:
        return None
    if posted is not None and stamp is not posted and posted.date is not None:
        if posted.time is not None and stamp.time > posted.time:
            return posted.date - dt.timedelta(days=1)
        return posted.date
    if (
        in_timeline
        and dates.current is not None
        and previous is not None  # the entry's own time came first
        and told_day_before(text, stamp.start, stamp.end)
    ):
        return dates.current - dt.timedelta(days=1)
    return None


def _told_apart(day: dt.date) -> Callable[..., dt.date | None]:
    """A stand-in for `Dates.place` that gives `day` and carries nothing."""
    return lambda *args, **kwargs: day


# A line that opens with a time, as a timeline's entries do.
_ENTRY_LINE = re.compile(r"^[ \t•·*|>–—-]*\d{1,2}[:.]\d{2}\b", re.MULTILINE)
# A paragraph that is only an update's posting line: "Posted Aug 16, 2017 - 22:32 UTC".
_POSTED_LINE = re.compile(r"\A[ \t\n*_]*posted\b[^\n]{0,60}\Z", re.IGNORECASE)


def timeline(doc: Document, settings: Settings) -> Timeline:
    """The document's timeline, built on first use with these settings (`timezone`,
    `milestones`) and then shared: later calls get it whatever settings they pass."""
    return doc.memo(KEY, lambda: _build(doc, settings))


def with_milestones(
    facts: Timeline, milestones: dict[str, Moment | None], provenance: dict[str, str]
) -> Timeline:
    """`facts` with other milestones (a model's, or some withheld), and the story's and the
    impact's end that follow from them."""
    return dataclasses.replace(
        facts,
        milestones=milestones,
        provenance=provenance,
        story_end=story_end(facts.events, milestones),
        impact_end=impact_end(milestones, provenance, facts.events),
    )


def cached_timeline(doc: Document) -> Timeline | None:
    """The timeline `timeline` built for this document, or None when nothing has asked for it
    yet (a reader that has no settings to build it with)."""
    cached: Timeline | None = doc.cache.get(KEY)
    return cached


def _all_blocks(doc: Document, code: dict[int, list[TextBlock]]) -> list[TextBlock]:
    blocks = list(doc.blocks)
    for found in code.values():
        blocks.extend(found)
    blocks.extend(html_texts(doc))  # a status page's notices, written in HTML
    for section in doc.sections():
        if section.heading_block is not None:
            blocks.append(section.heading_block)
    return sorted(blocks, key=lambda b: (b.first_line, b.columns[0]))


# An inline code span: "`Apr. 28 around 20:00 UTC`"
_CODE_SPAN = re.compile(r"`([^`\n]{1,60})`")
# The words a code span may hold besides its times and still be a time: "around", "at", "on".
_TIME_WORDS = frozenset({"around", "about", "approx", "approximately", "at", "on", "the", "of"})


def with_timed_code(block: TextBlock) -> str:
    """The block's prose, with the code spans that hold nothing but a time or a date written
    back ("rolled out on `Sep. 9 around 14:00 UTC`"): some writers set times in code. A span
    with anything else (a log line, a command) stays blank."""
    if "`" not in block.text:
        return block.prose
    text = block.prose
    for match in _CODE_SPAN.finditer(block.text):
        content = match.group(1)
        if text[match.start(1) : match.end(1)].strip() or not any(c.isdigit() for c in content):
            continue  # not blanked as code, or no digit to be a time
        stamps = find_stamps(content)
        if not stamps:
            continue
        rest = content
        for stamp in reversed(stamps):
            rest = rest[: stamp.start] + " " + rest[stamp.end :]
        if any(word.lower().strip(".,~") not in _TIME_WORDS for word in rest.split()):
            continue
        text = text[: match.start(1)] + content + text[match.end(1) :]
    return text


# Where the incident's own day is told: not a due date, a lesson or background history.
_DAY_SECTIONS = ("summary", "impact", "metadata", "timeline", None)


def _date_told_later(moments: list[Moment]) -> None:
    """Times that no date before them places (a timeline of bare times, the document's date
    only in the summary below it or a "Date:" field after it) are on the first day the
    incident's summary, details or timeline give, as a reader takes them; with no such day
    they stay undated. Their order past midnight is kept."""
    undated = [m for m in moments if m.when is not None and m.has_time and not m.day_known]
    if not undated:
        return
    told = next(
        (
            m
            for m in sorted(moments, key=lambda m: (m.line, m.span.column))
            if m.when is not None
            and m.day_known
            and m.stamp.year_known
            and m.block.nearest_canonical() in _DAY_SECTIONS
        ),
        None,
    )
    if told is None or told.when is None:
        return
    shift = told.when.date() - NO_DAY
    for moment in undated:
        if moment.when is not None:
            moment.when = moment.when + shift
            moment.day_known = True


# A status page's header window: "Incident began at 2018-01-16 05:40 and ended at 2018-01-16
# 10:10 (all times are US/Pacific)".
_HEADER_BEGAN = re.compile(r"\bincident\s+began\s+at\b", re.IGNORECASE)
_HEADER_ENDED = re.compile(r"\band\s+ended\s+at\s*\Z", re.IGNORECASE)


def _posted_after_header(
    text: str, stamp: Stamp, line_start: int, header_end: dt.date | None, dates: Dates
) -> bool:
    """Is `stamp` an update's posting line under a status page's header window, on a day after
    the window ("Incident began at 2018-01-16 05:40 and ended at 2018-01-16 10:10", then the
    report's "Jan 17, 2018 15:09" alone on its line)? The report was posted then, and the times
    it tells with no date ("At 5:20 a.m. ...") are on the header's days, not the posting's."""
    if header_end is None or stamp.date is None or stamp.time is None:
        return False
    line_end = text.find("\n", stamp.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if line.strip(" *_|#") != stamp.text.strip():
        return False
    posted = dates.day_of(stamp)
    return posted is not None and posted > header_end


# A weekday's name written right before a date: "Thursday 5 January", "Thu, 5 Jan".
_WEEKDAY_BEFORE = re.compile(rf"\b({WEEKDAY_NAME})\.?,?\s+\Z", re.IGNORECASE)


def _posted_days(blocks: list[TextBlock]) -> list[dt.date]:
    """The days a status page stamped its updates on ("... Posted Jan 12, 2021 - 23:06 UTC"),
    two at least and all in one year; empty otherwise."""
    days = []
    for block in blocks:
        if block.kind != "paragraph" or "osted" not in block.prose:
            continue
        stamp = closing_time(block.prose)
        if stamp is not None and stamp.date is not None and stamp.year_known:
            days.append(stamp.date)
    if len(days) < 2 or len({day.year for day in days}) != 1:
        return []
    return days


def _build(doc: Document, settings: Settings) -> Timeline:
    code = code_timelines(doc)
    blocks = _all_blocks(doc, code)
    zone_name, zone_tz, zone_source, zone_line = declared_zone(doc, blocks, settings)
    words = settings.milestones
    # An author's explicit mark ("the incident ended at", "all clear") tells the kind in prose
    # as in a timeline entry: the markers count with the events.
    marked = {
        k: {"events": [*w.get("events", ()), *w.get("markers", ())]} for k, w in words.items()
    }
    labels, events_words = compiled_words(words, "labels"), compiled_words(marked, "events")
    numeric_day_first = day_first(blocks)
    if numeric_day_first is None:  # the dates do not show it: the zone's writers' habit
        numeric_day_first = zone_day_first(zone_name)
    first_day = document_date(doc, numeric_day_first)
    year = None if first_day is not None else first_year(blocks, numeric_day_first)
    if first_day is None and year is None:
        # no date in the text: the address it was copied from may write one
        first_day = address_date(doc)
        if first_day is None:
            year = named_year(doc) or month_year(blocks)
    dates = Dates(first_day, numeric_day_first, year)
    dates.posted = _posted_days(blocks)
    clock4 = four_digit_clock(doc.source)  # "1738: ...", as some teams write their times
    by_date = not doc.find_sections("timeline")
    timed = timed_sections(doc) if by_date else frozenset()
    carried: tuple[str, dt.tzinfo] | None = None  # a zone stated earlier in the timeline
    clock: Clock = None  # where a 12-hour timeline is on the clock ("1:00 PM", then "4:00")
    moments: list[Moment] = []
    fields = row_labels(doc)
    following = following_paragraphs(doc)
    header_end: dt.date | None = None  # the day a status page's header window ends
    for block in blocks:
        on_timeline = in_timeline(block.section, by_date, timed)
        if on_timeline and block.kind in ("heading", "paragraph"):
            dates.told_day(block)  # "### Day 2", "### Thursday", "**Thursday**"
        elif block.kind == "paragraph":
            dates.told_day_of_month(block.prose)  # "On Monday the 22nd, ..."
        previous: Stamp | None = None
        next_day: tuple[dt.date, dt.time] | None = None  # "the next morning at 08:15": its day
        text = with_timed_code(block)
        stamps = without_archive_postings(text, find_stamps(text, dates.day_first, clock4))
        if not stamps and on_timeline and block.kind == "paragraph" and dates.current is not None:
            # "On Tuesday morning the index was rebuilt": a timeless entry on a day told
            # relative to the entries before it is on that day, at day precision
            relative = relative_entry_day(text, dates.current, dates.last_time)
            if relative is not None:
                told_end, day_told = relative
                stamps = [Stamp(0, told_end, text[:told_end], day_told, None, None, RELATIVE, None)]
        times = [(s.start, s.end) for s in stamps if s.time is not None]
        posted = _posted_below(block, text, stamps, following)
        for index, stamp in enumerate(stamps):
            between = text[previous.end : stamp.start] if previous is not None else ""
            later = date_after(text, stamps, index)
            if later is not None and stamp.zone is None:
                # "to 03:30 on 5 May 2021 US/Eastern": the zone after the day is the time's
                written = zone_after(text, later.end)
                if written is not None:
                    stamp = dataclasses.replace(stamp, zone=written)
            if on_timeline:
                stamp, clock = carry_afternoon(stamp, clock)  # "1:00 PM", then "4:00"
                if stamp.date is None:  # "(next day) 09:10"
                    dates.told_day(block, text[max(0, stamp.start - 40) : stamp.start])
            line_start = text.rfind("\n", 0, stamp.start) + 1
            writing = stamp.date is not None and (
                names_the_writing(text[line_start : stamp.start], fields.get(id(block)))
                or told_before_the_day(text[max(line_start, stamp.start - 40) : stamp.start])
            )
            named = _WEEKDAY_BEFORE.search(text, max(0, stamp.start - 12), stamp.start)
            # (a summary's sentence above the entries is no step of the timeline: its days
            # are carried as prose's are)
            summary_prose = on_timeline and prose_in_shaped_timeline(
                block, text, stamp.start, timed
            )
            apart = _day_told_apart(
                stamp, text, posted, previous, dates, on_timeline and not summary_prose
            )
            # (a day told apart is not carried: `Dates.place` never sees it)
            place = dates.place if apart is None else _told_apart(apart)
            day = place(
                stamp,
                block,
                on_timeline and not summary_prose,
                previous,
                between,
                later,
                writing,
                named.group(1) if named is not None and stamp.date is not None else None,
                posting=not on_timeline
                and _posted_after_header(text, stamp, line_start, header_end, dates),
            )
            if _HEADER_ENDED.search(text, max(0, stamp.start - 20), stamp.start) and (
                _HEADER_BEGAN.search(text, 0, stamp.start)
            ):
                header_end = day
            if (
                day is not None
                and not on_timeline
                and stamp.date is None
                and stamp.time is not None
                and told_next_day(text[max(0, stamp.start - 40) : stamp.start])
            ):
                # prose: "the fix was deployed the next morning at 09:15" is a day after the
                # day the paragraph tells (the days after it are not moved: a summary's
                # sentence is no step of a timeline); a time the clock already carried past
                # midnight ("at 19:20 ... the next morning at 07:50") is on that day already
                told = [m.when.date() for m in moments if m.has_time and m.when is not None]
                if not told or day <= told[-1]:
                    day = day + dt.timedelta(days=1)
                next_day = (day, stamp.time)
            elif (
                next_day is not None
                and day is not None
                and not on_timeline
                and stamp.date is None
                and stamp.time is not None
                and day + dt.timedelta(days=1) == next_day[0]
                and stamp.time >= next_day[1]
            ):
                # "... noticed the next morning at 08:15, and the upgrade was reverted at
                # 09:05": a later time told after it in the same paragraph goes on that day
                day = next_day[0]
            previous = stamp
            tz, source = stamp_zone(stamp, zone_tz)
            name = stamp.zone or (zone_name if tz is not None else None)
            if on_timeline and stamp.zone and tz is not None:
                carried = (stamp.zone, tz)
            elif on_timeline and tz is None and carried is not None and stamp.time is not None:
                (name, tz), source = carried, "carried"  # "18:05 (UTC)", then "18:09"
            when = None
            if stamp.time is not None:
                when = dt.datetime.combine(day or dates.undated_day(), stamp.time)
                if tz is not None:
                    when = when.replace(tzinfo=tz)
            elif day is not None:
                when = dt.datetime.combine(day, dt.time(0))
            span = block.span(stamp.start, stamp.end)
            moment = Moment(stamp, block, span, when, day is not None, source)
            moment.zone_name = name
            classify(moment, labels, events_words, times, fields.get(id(block)), following)
            moments.append(moment)
    if first_day is None:
        _date_told_later(moments)
    relative_days(moments, first_day)
    season_half(moments)  # "12:05 pm PST" in June on a page stamped PDT
    if zone_tz is None:
        carry_the_timeline_zone(moments, by_date, timed)
    moments = later_moments(
        moments,
        lambda m, times: classify(
            m, labels, events_words, times, fields.get(id(m.block)), following
        ),
    )
    events = timeline_events(doc, moments, by_date, timed, code)
    for event in events:
        moment = event.moment
        if moment.source > EVENT:
            moment.source = EVENT
            # The whole entry (the row, the item, the heading and its text) says what happened.
            moment.kinds = event_kinds(event.text, events_words)
            if moment.kinds and promised_update(moment):
                moment.kinds = frozenset()
    windows = impact_windows(moments)
    milestones, provenance = choose_milestones(doc, moments, events, windows, words)
    start_from_time_to_detect(doc, milestones, provenance, events)
    detection_from_time_to_detect(doc, milestones, provenance, events)
    detection_from_stated_delay(doc, milestones, provenance)
    durations = summary_durations(doc)
    end = story_end(events, milestones)
    if end is not None and milestones["mitigated"] is None and not _told_as_attempt(end, events):
        # "11:34 fix out in production", "~15:23 team halts the pool", "04:00 builds much more
        # stable": a timeline that never says in words that the impact stopped stopped it with
        # its last entry, the last thing done (the duration already counts to it); not an
        # attempt or a harm still going on ("trying a restart", "still failing for some")
        milestones["mitigated"] = end
        provenance["mitigated"] = HOW_INFERRED
        provenance[MITIGATION_AT_STORY_END] = "story-end"
        if milestones["resolved"] is None and _told_resolved_untimed(doc):
            # "12:54 owner confirms the token removed", then "Incident is considered
            # resolved" with no time of its own: the story's last entry is when it was
            milestones["resolved"] = end
            provenance["resolved"] = HOW_INFERRED
    return Timeline(
        moments,
        events,
        milestones,
        zone_name,
        zone_source,
        zone_line,
        durations,
        provenance,
        without_stale_header(windows),
        end,
        impact_end(milestones, provenance, events),
        headline_durations(doc),
    )
