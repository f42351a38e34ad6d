"""Choosing the incident's milestones from the moments and entries: front matter, labelled
fields, the timeline's marks and story, stated impact windows and prose, then kept in order
(`_sanity`); and the durations the summary or impact states."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence

from pmlint.diagnostics import Span
from pmlint.document import Document, TextBlock
from pmlint.extract.durations import Stated, bare_duration, stated_durations
from pmlint.extract.milestones import (
    HOW_FIELD,
    HOW_FRONT_MATTER,
    HOW_INFERRED,
    HOW_PROSE,
    HOW_RANGE,
    HOW_TIMELINE,
    MILESTONES,
    Entry,
    WordClasses,
    attempted,
    came_back,
    classify_entries,
    closes_incident,
    plain_quotes,
    recovered_again,
    word_classes,
)
from pmlint.extract.timeline.atonce import known_at_once, told_known_at_once
from pmlint.extract.timeline.dates import document_date, file_name_date, front_matter_date
from pmlint.extract.timeline.days import detection_told_today, same_day_detection
from pmlint.extract.timeline.entries import (
    SENTENCE_OPENS,
    closing_time,
    ended_by_next_sentence,
    following_paragraphs,
    opens_clause,
    sentence_of,
    told_after,
    told_by,
    undone_by_next_sentence,
)
from pmlint.extract.timeline.html import html_texts
from pmlint.extract.timeline.model import (
    FIELD,
    FRONT_MATTER,
    PROSE,
    START_IS_DETECTION,
    Event,
    Moment,
    StatedDuration,
    minute_after,
    utc,
    zoned_alike,
)
from pmlint.extract.timeline.opened import opened_before_updates
from pmlint.extract.timeline.plainday import plain_day_start
from pmlint.extract.timeline.sameday import remedy_on_the_day
from pmlint.extract.timeline.tracked import tracked_closing, tracked_recovery
from pmlint.extract.timeline.windows import (
    DECLARED_MITIGATED,
    ENDS_BEFORE,
    ONE_DAY,
    SENTENCE_BREAK,
    WINDOW_SECTIONS,
    day_window_over_lead_up,
    day_windows,
    impact_ends,
    in_a_range,
    inside_the_window,
    maintenance_start,
    outer_ends,
    report_end_before_header,
)
from pmlint.extract.timestamps import Stamp, find_stamps, zone_info


def _detected_after_stated_start(
    result: dict[str, Moment | None],
    how: dict[str, str],
    entries: Sequence[Entry],
    timed: Sequence[Event],
    classes: WordClasses,
) -> None:
    """No detection before the start a field states: a timeline that opens with a test
    system's failure, flagged a day before the production one ("Date of incident: 20 Sept,
    14:32 UTC"), told of something else. The detection is read again from the entries at or
    after the stated start (none when none of them tells one)."""
    start, detected = result["start"], result["detected"]
    if how.get("start") not in (HOW_FIELD, HOW_FRONT_MATTER) or how.get("detected") != HOW_TIMELINE:
        return
    if start is None or detected is None or start.when is None or detected.when is None:
        return
    if not start.has_time or not zoned_alike(start.when, detected.when):
        return
    if utc(detected.when) >= utc(start.when):
        return
    at = utc(start.when)
    later = [e for e in entries if zoned_alike(e.when, start.when) and utc(e.when) >= at]
    again = classify_entries(later, classes).get("detected") if later else None
    result["detected"] = timed[again.index].moment if again is not None else None
    if again is None:
        how.pop("detected", None)


# A field that names the incident's date ("Date of incident: 7 Sept 2022"): its day alone is
# the document's day, not the start; with a time ("..., 14:32 UTC") it is the start. (A
# "Start date" or "End date" field keeps its day.)
_DATE_FIELD = re.compile(
    r"\bdate\s+of\s+(?:the\s+)?(?:incident|outage)\b|\b(?:incident|outage)\s+date\b",
    re.IGNORECASE,
)


def _day_of_incident(moment: Moment) -> bool:
    label = moment.label
    return not moment.has_time and label is not None and _DATE_FIELD.search(label) is not None


def choose_milestones(
    doc: Document,
    moments: list[Moment],
    events: list[Event],
    windows: list[tuple[Moment, Moment]],
    words: Mapping[str, Mapping[str, Sequence[str]]],
) -> tuple[dict[str, Moment | None], dict[str, str]]:
    result: dict[str, Moment | None] = dict.fromkeys(MILESTONES)
    how: dict[str, str] = {}
    moments = inside_the_window(moments, windows)

    def take(kind: str, moment: Moment | None, source: str) -> None:
        if moment is not None and result[kind] is None:
            result[kind] = moment
            how[kind] = source

    for kind, moment in _front_matter_milestones(doc).items():
        if kind == "resolved" and doc.meta.get("resolved") is False:
            continue  # a notice still open: its `resolvedWhen:` is what the tool saved, no end
        if kind != "resolved" or not _closed_when_opened(moment, _opening_time(doc)):
            take(kind, moment, HOW_FRONT_MATTER)
    for kind in MILESTONES:  # a labelled field: "Detected: 10:15 UTC"
        fields = [
            m
            for m in moments
            if m.source == FIELD and kind in m.kinds and m.when and not _day_of_incident(m)
        ]
        if fields:
            pick = max if kind == "resolved" else min
            take(kind, pick(fields, key=lambda m: utc(m.when)), HOW_FIELD)  # type: ignore[arg-type]
    classes = word_classes(words)
    ended_by_what_follows = _EndedByWhatFollows(doc, moments)
    timed = [e for e in events if e.moment.when is not None]
    marked_out = _emphasised(timed)
    entries = [
        Entry(plain_quotes(" ".join(e.text.split())), when, e.moment.has_time, i, i in marked_out)
        for i, e in enumerate(timed)
        if (when := e.moment.when) is not None
    ]
    chosen = classify_entries(entries, classes)
    marked = {k for k, e in chosen.items() if classes.has(k, e.text, "markers")}
    for kind in marked:
        event = timed[chosen[kind].index]
        if _posted_after_the_window(kind, event, windows):
            continue
        told = _window_told_in(event, windows) if kind == "resolved" else None
        if told is not None:
            # "11:52 PM PDT Between 10:02 PM and 11:40 PM PDT we experienced increased error
            # rates ... The issue has been resolved": the note closing the incident states its
            # window; the note's own time is when it was posted
            take(kind, told[1], HOW_RANGE)
        take(kind, event.moment, HOW_TIMELINE)
    if windows:
        first, last = impact_ends(windows)
        closed, closed_how = _closed_after(last, moments, classes), HOW_PROSE
        if closed is None:
            closed, closed_how = _closed_soon_after(last, entries, timed, classes), HOW_TIMELINE
        if closed is None and "resolved" in chosen:
            closed = _closed_by_later_update(last, timed[chosen["resolved"].index], chosen, classes)
        if closed is None:
            # "from 02:55 to 08:33 PDT ... error rates decreased ... to nominal levels by 12:50
            # PDT": the window ends the main impact, the full recovery told after it the incident
            closed, closed_how = _recovered_after(last, moments), HOW_PROSE
            if closed is not None and _MITIGATED_THEN.search(told_after(closed)):
                # "The traffic returned to normal at 13:30 UTC ..., which is when impact to
                # customers would have been mitigated": the recovery is the mitigation too
                take("mitigated", closed, HOW_PROSE)
        if (
            result["resolved"] is not None
            and how.get("resolved") == HOW_TIMELINE
            and "resolved" in marked
            and minute_after(result["resolved"], last)
            and utc(result["resolved"].when) - utc(last.when) <= ONE_DAY  # type: ignore[arg-type]
            and not minute_after(result["start"], last)
        ):
            # "from 19:20-20:04 UTC ... errors", then the update "This incident has been
            # resolved" posted at 22:37: the window ends the impact, the update the incident
            # (a window ending days before the entry, or before the impact started, tells of
            # another trouble)
            take("mitigated", last, HOW_RANGE)
        if closed is not None and result["resolved"] is None:
            # "Everything was unreachable from 18:22 until 19:15 UTC ... we closed the
            # incident at 19:40 UTC": the window ends the impact, the closing the incident
            take("mitigated", last, HOW_RANGE)
            take("resolved", closed, closed_how)
        take("start", first, HOW_RANGE)
        # a status page's header closes the incident after the impact the report's own
        # window tells: that window's end is when the impact stopped
        take("mitigated", report_end_before_header(windows, last), HOW_RANGE)
        take("resolved", last, HOW_RANGE)
    else:
        take("start", maintenance_start(moments), HOW_RANGE)
    for kind, moment in _partial_before_full(_stated_in_prose(moments), moments).items():
        take(kind, moment, HOW_PROSE)
    _closed_before_recovery(
        result,
        how,
        [timed[e.index].moment for k, e in chosen.items() if k in ("mitigated", "resolved")],
    )
    for kind, entry in chosen.items():
        if kind == "detected" and _noticed_after_the_window(timed[entry.index], windows):
            continue
        take(kind, timed[entry.index].moment, HOW_TIMELINE)
    _detected_after_stated_start(result, how, entries, timed, classes)
    if how.get("start") == HOW_RANGE and "start" in chosen and "detected" in chosen:
        # "Date: 3 Nov (~1727) to 3 Nov (~1900)" over a timeline whose 1727 is when someone
        # noticed and whose 1442 deploy broke it: the window is counted from the noticing
        story = timed[chosen["start"].index].moment
        if _noticed_later(result["start"], story, timed[chosen["detected"].index].moment):
            result["start"], how["start"] = story, HOW_TIMELINE
    if not any(m.has_time for m in moments):
        for begin, end in day_windows(moments, _title_block(doc))[:1]:
            take("start", begin, HOW_RANGE)
            take("resolved", end, HOW_RANGE)
        reported = same_day_detection(moments, classes, lambda b: _opening_prose(doc, b))
        take("detected", reported, HOW_PROSE)
        if result["detected"] is None:  # "this afternoon", in a post: the post's own day
            today = detection_told_today(
                doc, document_date(doc), classes, lambda b: _opening_prose(doc, b)
            )
            take("detected", today, HOW_PROSE)
    day_window_over_lead_up(result, how, day_windows(moments, _title_block(doc)))
    if how.get("start") == HOW_TIMELINE and "start" not in marked:
        earlier = _told_earlier(result["start"], timed, moments, classes)
        if earlier is not None:
            result["start"] = earlier
        summary = _summary_start(result["start"], moments, classes)
        if summary is not None:
            result["start"], how["start"] = summary, HOW_PROSE
        placed = _summary_start_later(result["start"], timed, moments, classes)
        if placed is not None:
            result["start"] = placed
    for kind in MILESTONES:  # what the timeline does not show, the prose may say
        if result[kind] is not None or (kind == "start" and timed):
            continue
        candidates = [
            m for m in moments if m.source == PROSE and kind in m.kinds and m.when is not None
        ]
        if kind == "detected" and candidates:
            # the title names the incident and its days ("May 23-25: alerting outage"), it
            # does not tell anyone learning of it
            title = _title_block(doc)
            candidates = [m for m in candidates if title is None or m.block is not title]
            # nor the times a status update recounts when it was posted after the impact
            # window had closed ("Between 19:20 - 20:04 UTC we observed connectivity issues"
            # posted at 21:19 UTC): it looks back on the impact, as its posting time does
            late = _updates_after_the_window(moments, windows)
            candidates = [m for m in candidates if id(m.block) not in late]
            # nor a range's ends ("we identified elevated errors between 00:19 and 01:14"):
            # the window of what was seen, not when anyone saw it
            candidates = [m for m in candidates if not in_a_range(m, moments)]
        if kind == "start":
            # "At 07:20 UTC we pushed a config change; the name stopped resolving": the change
            # the summary tells, with its time, is where the story starts
            candidates += [
                m
                for m in moments
                if m.source == PROSE
                and m.when is not None
                and (
                    _opening_prose(doc, m.block)
                    if not m.has_time
                    else m.block.nearest_canonical() in WINDOW_SECTIONS
                )
                and classes.trigger(sentence := sentence_of(m))
                and _ABOUT_THE_WRITING.search(sentence) is None
                and _TOLD_AHEAD.search(sentence) is None
            ]
        if kind == "resolved" and candidates:
            # "error rates returned to normal. By 2:25 PM PDT, all backlogged invocations had
            # been processed": the last step of the recovery the narrative tells ends it
            candidates += [
                m
                for m in moments
                if m.source == PROSE
                and m.when is not None
                and m.has_time
                and "mitigated" in m.kinds
                and (told_by(m) or _completes(m) or _works_again(m))
            ]
        candidates = [m for m in candidates if m.has_time] or candidates
        if kind == "mitigated":
            # "10:00: a workaround is in place for inbound mail; we are working on one for
            # outbound", then "12:00: ... in place for outbound": a partial outcome, with the
            # rest still being worked on, gives way to one told whole
            # (unless the next sentence says it worked: "... began at 19:47 and completed by
            # 19:53 UTC. This action plan resolved the immediate impact")
            candidates = [
                m for m in candidates if not attempted(sentence_of(m)) or ended_by_what_follows(m)
            ] or candidates
            # the impact said in so many words to be mitigated at a time ("At 21:07 UTC, the
            # issue was considered mitigated", after "At 19:58 UTC, this update was rolled
            # back"): the author's word for when it stopped, over a step told before it
            candidates = [
                m for m in candidates if DECLARED_MITIGATED.search(sentence_of(m))
            ] or candidates
            # "Power was restored at 23:07. At this time staff worked to bring the instances
            # back online": a step the next sentence says the impact outlasted gives way to a
            # later recovery; so does a remedy's beginning where its completion is told ("the
            # rollout began at 13:15 and was fully completed ... at 14:30")
            candidates = [
                m for m in candidates if not ended_by_what_follows.undone(m)
            ] or candidates
            candidates = [m for m in candidates if not _begun_then_completed(m, moments)]
            # "a fix that started bringing services back online at 16:00, and all responses
            # were back to normal by 16:21", "From 18:30, some customers started to see
            # availability improve ... until the system fully stabilized by 00:05": a recovery
            # that only began gives way to the whole one its sentence tells later
            candidates = [m for m in candidates if not _recovery_began_then_whole(m, moments)]
            # "The first set of errors had subsided, but starting at 18:40 error rates
            # increased again": the time the impact came back, not when it stopped
            candidates = [m for m in candidates if not _came_back_at(m)]
            # "Between 08:40 and 12:55 UTC ... impact", then a part's bullet "Between 09:50
            # and 10:10 UTC, some customers ... retried requests may have succeeded": the ends
            # of a part's window inside the whole are no mitigation of the whole; the stated
            # window's end is
            inner = _part_window_ends(windows)
            candidates = [m for m in candidates if id(m) not in inner]
        if kind in ("mitigated", "resolved"):
            # "At 16:30 we deployed a new version ... we reverted it at 17:05": the start's
            # own time is not its end
            candidates = [m for m in candidates if not _the_start(m, result["start"])]
            # "## Leadup ... We deployed the bot at 2:55 UTC": what led to the incident is
            # told before it began, no end of it
            candidates = [m for m in candidates if not _in_lead_up(m.block)]
        if candidates and kind == "start" and not timed:
            # "At 10:30 AM PDT a deployment introduced a bug ... Error rates returned to normal
            # levels by 3:45 PM PDT": a time the prose tells the recovery at, after a time it
            # told first, is no symptom's start, whatever its words name (the story's first
            # time is, `_narrative_start`)
            firsts = _first_times(moments)
            candidates = [m for m in candidates if not _end_told_after(m, firsts)]
        if candidates and kind == "start":
            candidates = _without_lead_up(candidates)
            # told in order: the first symptom the text names, not a background date before it;
            # a time at which someone learned of it ("at 21:28 we received a report that the
            # crate was not available") is when it was detected, a start only if nothing else
            first = min(
                candidates,
                # and a sentence that tells the recovery ("restarted at 10:40, which
                # resolved the errors") is not where it began, wherever it is written
                key=lambda m: (
                    m.has_time and bool(m.kinds & {"mitigated", "resolved"}),
                    "detected" in m.kinds,
                    m.line,
                    m.span.column,
                ),
            )
            take(kind, _took_effect_later(first, moments), HOW_PROSE)
        elif candidates:
            pick = max if kind == "resolved" else min
            take(kind, pick(candidates, key=lambda m: utc(m.when)), HOW_PROSE)  # type: ignore[arg-type]
    if result["mitigated"] is None and result["resolved"] is None and timed:
        # "16:05 host starts logging 'disk full'", "16:48 worker restarted, freeing its
        # file handles": the fix the story ends with is when the impact stopped, though no entry
        # says it worked
        take("mitigated", _closing_remedy(timed, result), HOW_TIMELINE)
    _mitigation_told_twice(result, how, moments, timed, windows)
    _no_day_alone(result, how)
    if how.get("start") == HOW_TIMELINE:
        begun = _day_begun_before(doc, result, timed, moments, classes)
        if begun is not None:
            opened, noticed = result["start"], result["detected"]
            result["start"] = begun
            how["start"] = HOW_TIMELINE if begun.source != PROSE else HOW_PROSE
            if (
                opened is not None
                and noticed is not None
                and opened is not begun
                and "detected" in opened.kinds
                and minute_after(noticed, opened)
            ):
                # "13:35: the auditors notified us of the leaked token", then "14:00: we
                # acknowledged the report": the entry that opened the timeline told the
                # noticing; with the harm's day told before it, it is the detection
                result["detected"] = opened
                how["detected"] = HOW_TIMELINE
    if result["start"] is None and not timed:
        # "At 10:25 PM PDT, our utility provider suffered a loss of power. Power was restored
        # at 11:46 PM PDT.": a story told in prose starts where its first time does
        take("start", _narrative_start(moments, result), HOW_PROSE)
    if result["detected"] is None and known_at_once(
        result["start"], moments, from_range=how.get("start") == HOW_RANGE
    ):
        take("detected", result["start"], how.get("start", HOW_PROSE))
    start = result["start"]
    if (
        result["detected"] is None
        and start is not None
        and start.has_time
        and told_known_at_once(doc.blocks)
    ):
        # "We were immediately alerted to the database outage", in a section of its own:
        # it was known when it began
        take("detected", start, how.get("start", HOW_PROSE))
    if windows and "mitigated" not in marked:
        _step_inside_the_window(result, how, *impact_ends(windows))
    _lead_up_before_the_dated_day(doc, result, how, timed)
    take("detected", _first_posted_update(timed, result), HOW_TIMELINE)
    _sanity(result, how)
    _ends_in_order(result, how, {k: timed[e.index].moment for k, e in chosen.items()}, marked)
    _begun_by_first_update(doc, timed, result, how)
    if _a_notice(doc):
        opened_before_updates(doc, _opening_time(doc), result, how, classes)
    if how.get("start") == HOW_INFERRED and not timed:
        # the change the prose told came after someone noticed ("the fix was deployed the
        # next morning"): the narrative's first step, before the noticing, is the start
        first_step = _narrative_start(moments, {**result, "start": None})
        noticed = result["detected"]
        if (
            first_step is not None
            and noticed is not None
            and first_step.when is not None
            and noticed.when is not None
            and zoned_alike(first_step.when, noticed.when)
            and utc(first_step.when) < utc(noticed.when)
        ):
            result["start"], how["start"] = first_step, HOW_PROSE
    if result["mitigated"] is None and result["resolved"] is None and _a_notice(doc):
        # a notice's updates stamped after their words: "They rolled back the change. {{<
        # track "2019-09-29 21:00:00" >}}"
        take("mitigated", tracked_recovery(moments, classes), HOW_TIMELINE)
    if result["resolved"] is None and doc.meta.get("resolved") is True and _a_notice(doc):
        # a closed notice whose front matter gives no time of closing: its latest update,
        # labelled so ("**Resolved**: The issue has been resolved. {{< track "..." >}}"); it
        # closes the notice, and tells no step that stopped the impact before it (a reader
        # leaves the mitigation empty)
        closing = tracked_closing(moments)
        take("resolved", closing, HOW_TIMELINE)
        closed_by_its_update = closing is not None and result["mitigated"] is None
    else:
        closed_by_its_update = False
    still_open = doc.meta.get("resolved") is False
    if still_open and result["resolved"] is not None and how.get("resolved") != HOW_FRONT_MATTER:
        # a status page's notice marked `resolved: false` is still open: what its text calls
        # resolved ("this was resolved midmorning October 18") is the impact stopping
        take("mitigated", result["resolved"], how["resolved"])
        result["resolved"] = None
        how.pop("resolved", None)
    if result["start"] is None and not timed:
        take("start", _opening_time(doc) or _first_update(moments, result), HOW_INFERRED)
        if result["start"] is not None:
            # a status page's issue opened at that time: it was known then (not a post that
            # tells the whole trouble looking back: "We had an issue with our dashboard ...",
            # dated when it was written, tells no one learning of it then)
            if _a_notice(doc) or not _told_after_the_fact(doc):
                take("detected", result["start"], HOW_INFERRED)
        else:
            # nothing tells when it began: by the time it was noticed, at the latest (a bound,
            # not the impact window: `Timeline.duration` does not count from it)
            if _first_of(result, "detected"):
                take("start", result["detected"], HOW_INFERRED)
            if result["start"] is not None:
                how[START_IS_DETECTION] = "detected"
                # "On September 9 a core dev discovered ... this had been happening since
                # about September 3": the day the opening says the harm began, before the
                # noticing, is the start (a day alone: no minutes count from it)
                begun = _day_begun_before(doc, result, timed, moments, classes)
                if begun is not None:
                    result["start"], how["start"] = begun, HOW_PROSE
                    del how[START_IS_DETECTION]
    if result["start"] is None and not timed:
        # a story told in days: "On May 8, 2024, we ran into an error ..." starts that day
        day = plain_day_start(doc, moments, result, lambda b: _opening_prose(doc, b))
        take("start", day, HOW_PROSE)
    if result["mitigated"] is None and result["resolved"] is not None:
        # the last day a title names ("May 23-25, 2024 ...") ends the incident; it tells
        # nothing of when the impact stopped; nor does a notice's closing update
        if (
            result["resolved"].block is not _title_block(doc)
            and not closed_by_its_update
            and not _closed_long_after(result, how)
        ):
            take("mitigated", result["resolved"], HOW_INFERRED)
    elif still_open:
        pass  # no resolution is inferred for a notice still open
    elif (
        result["resolved"] is None
        and result["mitigated"] is not None
        and how.get("mitigated") in (HOW_TIMELINE, HOW_FIELD, HOW_FRONT_MATTER)
        and not _provisional(result["mitigated"], timed)
    ):
        take("resolved", _later_remedy(timed, result) or result["mitigated"], HOW_INFERRED)
    elif (
        result["resolved"] is None
        and how.get("mitigated") == HOW_PROSE
        and not _provisional(result["mitigated"], timed)
    ):
        # Prose that tells only recovery ("a hotfix was deployed at 13:40 and the dashboard
        # was available again at 13:42") ends where its last recovery is told: a document
        # that states one end states both
        take("resolved", _last_recovery(moments, result), HOW_INFERRED)
    # a story told in days: "We immediately turned off all builds" the day it was found
    take("mitigated", remedy_on_the_day(doc, moments, result), HOW_PROSE)
    _no_bare_day_after_a_time(result, how)
    return result, how


# A window's sentence that tells the users' trouble ("customers ... experienced an outage
# between 20:46 UTC and 23:58 UTC", "a complete outage ... from 11:12 UTC to 11:47 UTC"), not
# an aggregator's "Started ... Resolved" lines or a heading's dates.
_IMPACT_TOLD = re.compile(
    r"\b(?:experienc\w*|outages?|impact\w*|unable|could\s+not|errors?|degrad\w*|unavailab\w*"
    r"|disrupt\w*|delay\w*|fail\w*)\b",
    re.IGNORECASE,
)


def _step_inside_the_window(
    result: dict[str, Moment | None], how: dict[str, str], first: Moment, last: Moment
) -> None:
    """A timeline's step inside the impact window the report states in one sentence
    ("experienced an outage between 20:46 UTC and 23:58 UTC", then "21:22 network change
    rolled back"; "a complete outage from 11:12 to 11:47", then "11:40 one of the two switches
    is recovered") did not stop the impact: the report says it went on to the window's end,
    which is the mitigation. (Prose told inside the window is left alone: "a restart at 10:30
    mitigated most of the errors" is the author's word for the mitigation, often before a tail
    the window also counts.)"""
    step = result["mitigated"]
    if how.get("mitigated") != HOW_TIMELINE or step is None:
        return
    if step.when is None or first.when is None or last.when is None:
        return
    if not zoned_alike(step.when, last.when):
        return
    if not utc(first.when) < utc(step.when) < utc(last.when):
        return
    if first.source != PROSE or last.source != PROSE or first.block is not last.block:
        return
    told = sentence_of(first)
    if sentence_of(last) == told and _IMPACT_TOLD.search(told) is not None:
        result["mitigated"], how["mitigated"] = last, HOW_RANGE


# The users a part's window tells the trouble of, and the trouble ("some customers using the
# cache may have experienced availability issues").
_WHO_SUFFERED = re.compile(r"\b(?:customers?|users?|clients?|tenants?)\b", re.IGNORECASE)
_SUFFERED = re.compile(
    r"\b(?:experienc\w*|encounter\w*|unable|could\s+not|observ\w*|saw|see)\b", re.IGNORECASE
)


def _part_window_ends(windows: Sequence[tuple[Moment, Moment]]) -> frozenset[int]:
    """The times (by id) of a stated window inside another, longer one that tell no end of the
    incident's impact: the part's start, when something began ("a second outage for a number
    of projects during the span of 9:50 a.m. to 10:10 a.m.", inside "Between 5:20 a.m. and
    10:10 a.m."), and its end too when its sentence tells customers' trouble ("Azure Databricks
    - Between 09:50 and 10:10 UTC, some customers may have experienced failures", inside
    "Between 08:40 and 12:55 UTC"): one part's trouble within the incident's period. (A remedy's
    window, "We rerouted traffic between 01:00 and 02:00 UTC, reducing error rates", keeps its
    end: the impact dropped then.)"""
    ends: set[int] = set()
    for begin, end in windows:
        if begin.when is None or end.when is None:
            continue
        a, b = utc(begin.when), utc(end.when)
        for outer_begin, outer_end in windows:
            if outer_begin is begin or outer_begin.when is None or outer_end.when is None:
                continue
            if not (
                zoned_alike(begin.when, outer_begin.when) and zoned_alike(end.when, outer_end.when)
            ):
                continue
            c, d = utc(outer_begin.when), utc(outer_end.when)
            if c <= a and b <= d and (c, d) != (a, b):
                ends.add(id(begin))
                told = sentence_of(begin)
                if _WHO_SUFFERED.search(told) is not None and _SUFFERED.search(told) is not None:
                    ends.add(id(end))
                break
    return frozenset(ends)


def _no_bare_day_after_a_time(result: dict[str, Moment | None], how: dict[str, str]) -> None:
    """A resolution read as a day alone on the day of a mitigation told at a time of day (an
    "End: 2015/02/02 09" field cut short, read as its date, under a timeline whose last entry
    is "09:20 The distribution switch services was restored") tells nothing of when the
    incident closed: its midnight would come before the impact stopped."""
    mitigated, resolved = result["mitigated"], result["resolved"]
    if (
        resolved is not None
        and mitigated is not None
        and resolved.when is not None
        and mitigated.when is not None
        and not resolved.has_time
        and mitigated.has_time
        and resolved.when.date() == mitigated.when.date()
    ):
        result["resolved"] = None
        how.pop("resolved", None)


# The milestone stated in so many words just before its time, as a field states it: "the
# issue started at 10:14 UTC and was mitigated at 11:02 UTC", "the outage was resolved by 9:40".
_HEDGE = r"(?:\s+(?:about|around|approximately|roughly|~))?\s*$"
_STATED_BEFORE = {
    "start": re.compile(
        r"\b(?:issue|incident|outage|impact|problem|disruption|degradation|errors|failures)"
        r"\s+(?:\w+\s+){0,2}?(?:started|began|begun)\s+(?:at|around|on)"
        + _HEDGE
        # "Starting at 11pm on October 17, Ion responded with 500s": a sentence that opens
        # with when it began
        # (or after a paragraph tag the HTML masking left as a run of blanks: "6:54 PM PDT<p>
        # Starting at 1:18 PM PDT ...", an update under the time it was posted)
        + r"|(?:^|[.!?:>][ \t]{0,4}|\n[ \t]{0,4}|[ \t]{3})"
        r"(?:starting|beginning)\s+(?:at|around|on|from)" + _HEDGE,
        re.IGNORECASE,
    ),
    "detected": re.compile(
        r"\b(?:was|were|been)\s+(?:first\s+)?detected\s+(?:at|by|around)" + _HEDGE, re.I
    ),
    "mitigated": re.compile(
        r"\b(?:was|were|been)\s+(?:fully\s+)?mitigated\s+(?:at|by|around)"
        + _HEDGE
        # "with customer impact ceasing at 20:43 UTC": when the impact stopped, whatever
        # was done before it ("by 20:40 we had reverted the change")
        + r"|\b(?:impact|errors|failures|disruption)\s+(?:ceas(?:ed|ing)|stopp(?:ed|ing)"
        r"|subsid(?:ed|ing))\s+(?:at|by|around)" + _HEDGE,
        re.I,
    ),
    "resolved": re.compile(
        r"\b(?:was|were|been)\s+(?:fully\s+)?resolved\s+(?:at|by|around)" + _HEDGE, re.I
    ),
}


class _EndedByWhatFollows:
    """Does the sentence after a time say that what it told ended the impact? (The block's
    times and the paragraphs' order gathered once, on the first question.)"""

    def __init__(self, doc: Document, moments: Sequence[Moment]) -> None:
        self.doc, self.moments = doc, moments
        self.times: dict[int, list[tuple[int, int]]] | None = None
        self.following: dict[int, TextBlock] = {}

    def __call__(self, moment: Moment) -> bool:
        return ended_by_next_sentence(moment, *self._around(moment))

    def undone(self, moment: Moment) -> bool:
        """Does the next sentence say the impact went on after what the time told?"""
        return undone_by_next_sentence(moment, *self._around(moment))

    def _around(self, moment: Moment) -> tuple[list[tuple[int, int]], dict[int, TextBlock]]:
        if self.times is None:
            self.times = {}
            for m in self.moments:
                self.times.setdefault(id(m.block), []).append((m.stamp.start, m.stamp.end))
            self.following = following_paragraphs(self.doc)
        return self.times.get(id(moment.block), []), self.following


# A step's beginning just before its time: "The resolution rollout began Jan. 7th at 13:15"
_BEGUN_AT = re.compile(
    r"\b(?:began|begun|started|commenced)(?:\s+on)?(?:\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?)?(?:\s+(?:at|around|about|approximately))*\s*$"
)
# ... and its completion after it, in the same sentence: "... and was fully completed ... at"
_COMPLETED = re.compile(r"\b(?:complete[ds]?|finished|done)\b", re.IGNORECASE)


def _came_back_at(moment: Moment) -> bool:
    """Does the time's sentence, from the time on, say the impact came back?"""
    return came_back(told_after(moment))


def _begun_then_completed(moment: Moment, moments: Sequence[Moment]) -> bool:
    """Is the time when a step began, whose completion the same sentence tells at a later
    time?"""
    prose, at = moment.block.prose, moment.stamp.start
    if _BEGUN_AT.search(prose, max(0, at - 50), at) is None:
        return False
    sentence = sentence_of(moment)
    return any(
        m.block is moment.block
        and m.stamp.start > moment.stamp.end
        and sentence_of(m) == sentence
        and m.has_time
        and _COMPLETED.search(prose, moment.stamp.end, m.stamp.start) is not None
        for m in moments
    )


# A recovery told as only begun: the team's work ("started bringing services back online",
# "began restoring") or a few seeing it ("some customers started to see availability
# improve", "as the system recovered gradually"). Not "began to return to normal levels" nor
# "began to recover": the impact itself receding is a mitigation (the twentieth's readers).
_RECOVERY_BEGAN = re.compile(
    r"\b(?:start(?:ed|ing)|began|begun|beginning)\s+(?:to\s+see\s+(?:\w+\s+){0,2}?improv"
    r"|(?:bringing|restoring)\b)|\brecover(?:ed|ing)\s+gradually\b|\bgradually\s+recover",
    re.IGNORECASE,
)
# ... and the whole of it, told before a later time of the same sentence: "all HTTPS
# responses were back to normal by", "until the system fully stabilized by".
_WHOLE_RECOVERY = re.compile(
    r"\b(?:all|fully|completely|entirely|full)\b[^.;]{0,60}?\b(?:normal|stabili[sz]ed|recovered"
    r"|restored|mitigated|operational|online|healthy)\b",
    re.IGNORECASE,
)


def _recovery_began_then_whole(moment: Moment, moments: Sequence[Moment]) -> bool:
    """Is the time when a recovery only began ("started bringing services back online at
    16:00"), whose whole the same sentence tells at a later time ("and all responses were
    back to normal by 16:21")?"""
    sentence = sentence_of(moment)
    if not moment.has_time or _RECOVERY_BEGAN.search(sentence) is None:
        return False
    prose = moment.block.prose
    return any(
        m.block is moment.block
        and m.has_time
        and m.stamp.start > moment.stamp.end
        and sentence_of(m) == sentence
        and m.when is not None
        and moment.when is not None
        and m.when > moment.when
        and _WHOLE_RECOVERY.search(prose, moment.stamp.end, m.stamp.start) is not None
        and _RECOVERY_BEGAN.search(prose, max(0, moment.stamp.start - 80), m.stamp.start)
        is not None
        for m in moments
    )


def _stated_in_prose(moments: Sequence[Moment]) -> dict[str, Moment]:
    """Milestones the summary, the impact or the lead prose states in words of the milestone
    itself, just before the time ("was mitigated at 11:02 UTC"): the author's own statement,
    trusted as a field is. One time per milestone; two that disagree state nothing."""
    found: dict[str, list[Moment]] = {}
    for moment in moments:
        if moment.source != PROSE or not moment.has_time or moment.when is None:
            continue
        if moment.block.nearest_canonical() not in WINDOW_SECTIONS:
            continue
        prose, start = moment.block.prose, moment.stamp.start
        for kind, pattern in _STATED_BEFORE.items():
            if pattern.search(prose, max(0, start - 60), start):
                found.setdefault(kind, []).append(moment)
    return {
        kind: told[0] for kind, told in found.items() if all(m.when == told[0].when for m in told)
    }


# "... fully mitigated by 12:43 UTC", "completely restored at 09:10": the whole impact over.
_FULLY_BEFORE = re.compile(
    r"\b(?:fully|completely|entirely)\s+(?:mitigated|recovered|restored|resolved)\s+"
    r"(?:at|by|around)" + _HEDGE,
    re.IGNORECASE,
)


def _partial_before_full(stated: dict[str, Moment], moments: Sequence[Moment]) -> dict[str, Moment]:
    """A stated mitigation told as full ("While most regions had recovered by 09:00 UTC, the
    packet loss was fully mitigated by 12:43 UTC") after a recovery the same sentence tells
    earlier: the impact dropped at the earlier time (the mitigation) and was over at the full
    one (the resolution, unless one is stated)."""
    full = stated.get("mitigated")
    if full is None or full.when is None:
        return stated
    prose, at = full.block.prose, full.stamp.start
    if _FULLY_BEFORE.search(prose, max(0, at - 60), at) is None:
        return stated
    sentence = sentence_of(full)
    earlier = [
        m
        for m in moments
        if m.block is full.block
        and m.source == PROSE
        and m.has_time
        and m.when is not None
        and m.stamp.start < at
        and "mitigated" in m.kinds
        and zoned_alike(m.when, full.when)
        and utc(m.when) < utc(full.when)
        and sentence_of(m) == sentence
    ]
    if not earlier or attempted(sentence):
        return stated
    return {**stated, "mitigated": earlier[0], "resolved": stated.get("resolved", full)}


def _emphasised(timed: Sequence[Event]) -> frozenset[int]:
    """The entries (by index) an author set in bold among plain ones ("- **19:27: builds of
    the failed crates finished**"): the milestones of the story, as the author marks them.
    Two at least, and no more than half of the entries (a timeline all in bold marks none)."""
    bold = frozenset(i for i, e in enumerate(timed) if _BOLD_ENTRY.fullmatch(e.text.strip()))
    if len(bold) < 2 or len(bold) * 2 > len(timed):
        return frozenset()
    return bold


_BOLD_ENTRY = re.compile(r"(?:\*\*|__)[^*_].*(?:\*\*|__)[.,;]?", re.DOTALL)


# A time that opens its sentence, as a narrative tells its steps: "At 5:15 AM PST, we started
# adding capacity", "Around 10:30 AM PST, queries began timing out".
_OPENS_SENTENCE = re.compile(
    r"\b(?:at|around|about|approximately|shortly (?:after|before))"
    r"(?:\s+(?:about|around|approximately|roughly))?\s+$",
    re.IGNORECASE,
)
_ENDS = ("mitigated", "resolved")
_ON_OPENS = re.compile(r"\bon\s+$", re.IGNORECASE)


def _first_times(moments: Sequence[Moment]) -> dict[int, Moment]:
    """The first time each paragraph tells (by the block's id), in the order written."""
    firsts: dict[int, Moment] = {}
    for m in moments:
        if not m.has_time or m.when is None:
            continue
        known = firsts.get(id(m.block))
        if known is None or m.stamp.start < known.stamp.start:
            firsts[id(m.block)] = m
    return firsts


def _end_told_after(moment: Moment, firsts: Mapping[int, Moment]) -> bool:
    """Does the prose tell an end (a recovery, a resolution) at this time, later than the
    first time its paragraph told (`_first_times`)?"""
    if not (moment.has_time and moment.kinds & set(_ENDS)) or moment.when is None:
        return False
    first = firsts.get(id(moment.block))
    return (
        first is not None
        and first is not moment
        and first.when is not None
        and first.day_known == moment.day_known
        and zoned_alike(first.when, moment.when)
        and utc(first.when) < utc(moment.when)
    )


def _narrative_start(
    moments: Sequence[Moment], result: Mapping[str, Moment | None]
) -> Moment | None:
    """With no start in words and no timeline, the first time the summary or the lead prose
    opens a sentence with ("At 5:15 AM PST, we started adding capacity to the front-end
    fleet"), when the text goes on to tell the end of the impact after it: a narrative is
    told in order, and its first step is where the story starts. None when that first step
    tells something else (someone noticed, it recovered) or comes after the end."""
    ends = [m for k in _ENDS if (m := result[k]) is not None and m.when is not None and m.has_time]
    if not ends:
        return None
    end = min(ends, key=lambda m: utc(m.when))  # type: ignore[arg-type]
    told = sorted(
        (
            m
            for m in moments
            if m.source == PROSE
            and m.has_time
            and m.when is not None
            and m.block.nearest_canonical() in WINDOW_SECTIONS
            and (
                opens_clause(m.block.prose, m.stamp.start, _OPENS_SENTENCE, SENTENCE_OPENS)
                # "On March 3, 2024 at 10:30 AM PDT, customers began ...": a stamp that opens
                # with its day, after "On"
                or (
                    m.stamp.date is not None
                    and opens_clause(m.block.prose, m.stamp.start, _ON_OPENS, SENTENCE_OPENS)
                )
            )
        ),
        key=lambda m: (m.line, m.span.column),
    )
    if not told:
        return None
    first = told[0]
    if first.kinds & {"detected", *_ENDS} or first.day_known != end.day_known:
        return None
    if not zoned_alike(first.when, end.when):  # type: ignore[arg-type]
        return None
    if utc(first.when) >= utc(end.when) or _ABOUT_THE_WRITING.search(sentence_of(first)):  # type: ignore[arg-type]
        return None
    return first


# A heading over what led to the incident: "Leadup", "Lead-up", ":warning: Lead up".
_LEAD_UP = re.compile(r"\blead[\s-]?up\b", re.IGNORECASE)


def _in_lead_up(block: TextBlock) -> bool:
    """Is the block under a heading that names the lead-up (`_LEAD_UP`)? A "Background" is
    not: it is as often where the whole story is told."""
    section = block.section
    return section is not None and any(
        s.heading_block is not None and _LEAD_UP.search(s.heading_block.prose) is not None
        for s in (section, *section.ancestors())
    )


# A change told more than this before the first symptom is lead-up, not the start (as a
# timeline's trigger, `extract.milestones`).
_TRIGGER_REACH = dt.timedelta(hours=3)


def _without_lead_up(candidates: list[Moment]) -> list[Moment]:
    """The prose starts without a change told hours before the first symptom ("On 15 Mar,
    around 9pm UTC the proposal was submitted", then "at around 3am UTC the proposal got
    accepted and the network halted"): the change did not yet hurt anyone."""
    timed = [m for m in candidates if m.when is not None and m.has_time and m.day_known]
    symptoms = [m for m in timed if "start" in m.kinds]
    if not symptoms:
        return candidates
    zoned = symptoms[0].when.tzinfo is not None  # type: ignore[union-attr]
    if any((m.when.tzinfo is not None) != zoned for m in timed):  # type: ignore[union-attr]
        return candidates  # one zoned, one not: no telling how far apart
    first = min(utc(m.when) for m in symptoms)  # type: ignore[arg-type]
    early = [m for m in timed if "start" not in m.kinds and first - utc(m.when) > _TRIGGER_REACH]  # type: ignore[arg-type]
    return [m for m in candidates if m not in early] or candidates


def _noticed_later(window_start: Moment | None, story: Moment, noticed: Moment) -> bool:
    """Does a stated window open when the timeline says someone noticed, after the start its
    story tells (on the same day)?"""
    if window_start is None or window_start.when is None:
        return False
    if story.when is None or noticed.when is None or not story.has_time:
        return False
    zones = {m.when.tzinfo is None for m in (window_start, story, noticed)}  # type: ignore[union-attr]
    if len(zones) != 1 or utc(noticed.when) != utc(window_start.when):
        return False
    before = utc(window_start.when) - utc(story.when)
    return dt.timedelta(0) < before <= _LEAD_UP_HOURS


_LEAD_UP_HOURS = dt.timedelta(hours=12)


def _window_told_in(
    entry: Event, windows: Sequence[tuple[Moment, Moment]]
) -> tuple[Moment, Moment] | None:
    """The impact window a timeline entry states in its own text, if any."""
    start = entry.moment.stamp.start
    for window in windows:
        first = window[0]
        lines = range(entry.line, entry.line + entry.text.count("\n") + 1)
        if first.block is entry.moment.block and first.stamp.start > start and first.line in lines:
            return window
    return None


def _posted_after_the_window(
    kind: str, event: Event, windows: Sequence[tuple[Moment, Moment]]
) -> bool:
    """Is a status update ("Resolved – all replicas are up to date. Posted ... 23:51 UTC")
    the end it marks, when the write-up states the impact window that closed before it ("On
    May 17 between 16:35 and 23:47 UTC ...")? The update's time is when the page was
    edited, after the fact; the stated window is the impact's (its end is taken below)."""
    if kind not in ("mitigated", "resolved") or not windows:
        return False
    moment = event.moment
    if not _posting_time(moment):
        return False
    end = outer_ends(windows)[1]
    if moment.when is None or end.when is None or not zoned_alike(moment.when, end.when):
        return False
    return utc(moment.when) > utc(end.when)


def _noticed_after_the_window(event: Event, windows: Sequence[tuple[Moment, Moment]]) -> bool:
    """Is a status update that tells of the incident ("Identified - Between 19:20 and 20:04
    UTC we observed connectivity issues ... Posted ... 21:19 UTC") posted after the impact
    window the write-up states had closed? It looks back on the impact: the team knew of it
    before, not when the page was edited."""
    return _posted_after_the_window("resolved", event, windows)


def _updates_after_the_window(
    moments: Sequence[Moment], windows: Sequence[tuple[Moment, Moment]]
) -> set[int]:
    """The blocks (by id) of the status updates posted after the stated impact window closed
    (`_noticed_after_the_window`)."""
    if not windows:
        return set()
    return {
        id(m.block) for m in moments if _noticed_after_the_window(Event(m, "", m.line), windows)
    }


# How long after a stated window's end a status update that closes the incident is posted for
# it to close the incident later, not to tell the window's end again ("Resolved" four minutes
# after the window written up is the same end; an hour after, the close after a watch).
_LATER_UPDATE = dt.timedelta(minutes=30)


def _closed_by_later_update(
    end: Moment, closing: Event, chosen: Mapping[str, Entry], classes: WordClasses
) -> Moment | None:
    """A status update that closes the incident ("We haven't observed any additional issues
    ... and will now consider this incident resolved. Posted ... 19:19 UTC") posted well after
    the end of the window the write-up states ("Between 09:15 UTC on April 28 and 16:54 UTC
    on April 29 customers could have experienced issues"): the window ends the impact, the
    update the incident. None when the update comes within `_LATER_UPDATE` of the window's
    end (it tells that end again), more than a day after it, or does not close the incident."""
    moment = closing.moment
    if end.when is None or not end.has_time or moment.when is None or not moment.has_time:
        return None
    if not _posting_time(moment) or not zoned_alike(moment.when, end.when):
        return None
    if not _LATER_UPDATE < utc(moment.when) - utc(end.when) <= ONE_DAY:
        return None
    return moment if closes_incident(chosen["resolved"], classes) else None


def _posting_time(moment: Moment) -> bool:
    """Is the time the one that closes a status update ("... Posted Sep 25, 2014 - 20:02
    UTC"): when the page was edited, not when anything happened?"""
    prose = moment.block.prose
    if moment.stamp.end < len(prose.rstrip(" \t\n*_).")) - 2:
        return False
    return closing_time(prose) is not None


# A paragraph that is only a posting line: "Posted about 1 year ago. Jul 13, 2017 - 22:15 UTC"
_POSTED_ALONE = re.compile(r"\A[\s*_•]*(?:posted|updated|published)\b[^\n]{0,70}", re.IGNORECASE)


def _posted_alone(event: Event) -> bool:
    """Is the entry only the time a page (or its write-up) was posted, with no step told?"""
    return _POSTED_ALONE.fullmatch(event.text.strip()) is not None and _posting_time(event.moment)


# An update that carries on from an earlier one the page no longer shows: "We are continuing to
# investigate", "the investigation continues", "we are still working".
_GOES_ON = re.compile(r"\b(?:continu\w*|still)\b", re.IGNORECASE)
# What an incident's opening update tells: someone is looking into trouble they just learned of
# ("Investigating", "We are looking into reports of", "we are aware of", "users have reported").
# Not "we observed connectivity issues between 19:02 and 20:04" (told after it was over) nor
# "The issue has been identified" (a page opened when the cause was already known).
_OPENS = re.compile(
    r"\b(?:investigating|looking\s+into|aware\s+of|reports?\s+of|(?:have|has)\s+reported)\b",
    re.IGNORECASE,
)


def _stamped_below(doc: Document, moments: Sequence[Moment]) -> list[tuple[Moment, str]]:
    """A status history whose updates are each followed by a line holding only the time it was
    posted ("We're investigating the issue." / "10:02 AM PST"), the day given once above: each
    such time with the paragraphs told above it, back to the previous time line."""
    lines = {
        id(m.block): m
        for m in moments
        if m.has_time
        and m.day_known
        and m.when is not None
        and m.block.kind == "paragraph"
        and len(m.block.prose) <= 40
        and not m.block.prose[: m.stamp.start].strip(" *_")
        and not m.block.prose[m.stamp.end :].strip(" *_")
    }
    found: list[tuple[Moment, str]] = []
    told: list[str] = []
    for block in doc.blocks:
        moment = lines.get(id(block))
        if moment is None:
            told.append(block.prose)
            continue
        found.append((moment, " ".join(told[-3:])))
        told = []
    return found


def _first_posted_update(
    timed: Sequence[Event], result: Mapping[str, Moment | None]
) -> Moment | None:
    """A status page's history of updates, each closed by the time it was posted ("Investigating.
    We are looking into this issue. / Posted Mar 3, 2024 - 10:04 UTC"), newest first: the oldest
    update is when the team first told of the trouble, so knew of it, the detection where
    nothing else tells one. The oldest update must tell the noticing ("investigating", "we are
    aware", "users have reported") and carry on from nothing before it. Two updates at least,
    all zoned alike, the oldest after the start and before the resolution (an update that closes
    the incident is no noticing; the impact may have stopped before its first word was posted)."""
    posted = [
        (e.moment, e.text)
        for e in timed
        if e.moment.has_time and e.moment.day_known and _posting_time(e.moment)
    ]
    if len(posted) < 2 or any(
        not zoned_alike(m.when, posted[0][0].when)  # type: ignore[arg-type]
        for m, _ in posted
    ):
        return None
    # the history's far end in the order it is told: newest first, the oldest is the last (a
    # later day's update stamped with the page's one day would sort before it by the clock)
    clock = [utc(m.when) for m, _ in posted]  # type: ignore[arg-type]
    falls = sum(a > b for a, b in itertools.pairwise(clock))
    newest_first = 2 * falls > len(clock) - 1
    first, text = posted[-1] if newest_first else posted[0]
    told = " ".join(text.split())
    if _OPENS.search(told) is None or _GOES_ON.search(told) is not None:
        return None  # a history whose stored page lost its opening update tells no noticing
    start = result["start"]
    if start is not None and (
        start.when is None
        or not zoned_alike(start.when, first.when)  # type: ignore[arg-type]
        or utc(first.when) < utc(start.when)  # type: ignore[arg-type]
    ):
        return None
    end = result["resolved"]
    if end is not None and (
        end.when is None
        or not zoned_alike(end.when, first.when)  # type: ignore[arg-type]
        or utc(end.when) <= utc(first.when)  # type: ignore[arg-type]
    ):
        return None
    return first


def _no_day_alone(result: dict[str, Moment | None], how: dict[str, str]) -> None:
    """A day with no time, read from prose ("On Sunday 2 June, 2019, projects saw errors for a
    duration of 3 hours"), is no milestone's time where the document gives another milestone
    to the minute: its midnight would count as the start (the stated duration still tells
    how long it lasted)."""
    timed = any(m is not None and m.has_time and m.day_known for m in result.values())
    if not timed:
        return
    for kind in ("start", "detected"):
        moment = result[kind]
        if moment is not None and not moment.has_time and how.get(kind) == HOW_PROSE:
            result[kind] = None
            how.pop(kind, None)
    # nor a mitigation told by its day alone on the day a start at a time of day is on ("the
    # problem was mitigated when capacity was added", of "the 11th of June" whose 23:52 the
    # window starts at): its midnight comes before the impact it would end
    start, mitigated = result["start"], result["mitigated"]
    if (
        mitigated is not None
        and not mitigated.has_time
        and how.get("mitigated") == HOW_PROSE
        and start is not None
        and start.has_time
        and start.when is not None
        and mitigated.when is not None
        and mitigated.when.date() <= start.when.date()
    ):
        result["mitigated"] = None
        how.pop("mitigated", None)


def _the_start(moment: Moment, start: Moment | None) -> bool:
    """Is this the start's own time? (A day with no time may hold both the start and the
    fix; a time before the start tells rather that the start is wrong: `_sanity`.)"""
    return moment is start and moment.has_time


def _works_again(moment: Moment) -> bool:
    """Does the time's sentence say the service works again ("sign-ups worked normally again
    from 1:32 PM")? The confirmation that closes a recovery the prose tells."""
    sentence = sentence_of(moment)
    return recovered_again(sentence) and not attempted(sentence)


def _completes(moment: Moment) -> bool:
    """Is the time when a recovery step was done by ("the backlog was drained by 04:20 UTC"),
    wherever the clause puts it? The narrative's last such step ends the incident."""
    prose, start = moment.block.prose, moment.stamp.start
    return _BY_END.search(prose, max(0, start - 16), start) is not None


_BY_END = re.compile(r"\bby\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def _last_recovery(moments: Sequence[Moment], result: Mapping[str, Moment | None]) -> Moment | None:
    """The latest time the prose gives a recovery, from the mitigation on."""
    mitigated = result["mitigated"]
    if mitigated is None or mitigated.when is None:
        return None
    later = [
        m
        for m in moments
        if m.source == PROSE
        and "mitigated" in m.kinds
        and m.when is not None
        and m.has_time == mitigated.has_time
        and zoned_alike(m.when, mitigated.when)
        and utc(m.when) >= utc(mitigated.when)
    ]
    return max(later, key=lambda m: utc(m.when)) if later else mitigated  # type: ignore[arg-type]


# A change announced for later ("A scheduled migration will occur on 12/9 at 12 PM PST"):
# no trigger of what already happened.
_TOLD_AHEAD = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:scheduled|planned)|scheduled (?:for|on)|planned (?:for|on)"
    r"|upcoming)\b",
    re.IGNORECASE,
)
# A sentence about the write-up itself ("this post was published on 2024-02-23"), not the
# incident.
_ABOUT_THE_WRITING = re.compile(
    r"\b(?:this|the|our) (?:post|article|write-?up|report|post-?mortem|retrospective|blog)\b",
    re.IGNORECASE,
)
# What was done about it: "pod killed, releasing file watches", "node replaced".
_REMEDY = re.compile(
    r"\b(?:killed|restarted|rebooted|removed|deleted|reverted|rolled back|replaced|terminated"
    r"|updated|updates|corrected|renewed|reinstalled|reconfigured|re-?created|turned off"
    r"|workaround (?:was )?applied"
    r"|evicted|drained|scaled (?:up|out|down)|freed|released|releasing|cleared|purged|disabled"
    r"|fixed|patched|recycled|redeployed|revoked|rotated|invalidated)\b",
    re.IGNORECASE,
)
_AFTERMATH = re.compile(
    r"\b(?:post-?mortem|retrospective|retro\b|rca\b|root cause analysis|follow-?up"
    r"|action items?|lessons)",
    re.IGNORECASE,
)


# "errors since 08:50", "a config push at 13:58 caused it", "the errors started at 02:10":
# inside a later entry, the time the impact began.
_BEGAN_AT = re.compile(
    r"\b(?:since|(?:began|begun|started|starting|beginning)(?:\s+at)?|from)"
    # hedged: "no readings since approximately 9pm"
    r"(?:\s+(?:about|around|approximately|roughly|~))?\s*$",
    re.IGNORECASE,
)


def _shortly_before(start: Moment, moment: Moment) -> bool:
    """The moment is at most half a day before the start, read alike (the day known or not,
    a zone or none on both)."""
    if start.when is None or moment.when is None or moment.day_known != start.day_known:
        return False
    if not zoned_alike(moment.when, start.when):
        return False
    gap = utc(start.when) - utc(moment.when)
    return dt.timedelta(0) < gap <= dt.timedelta(hours=12)


def _told_earlier(
    start: Moment | None, timed: Sequence[Event], moments: Sequence[Moment], classes: WordClasses
) -> Moment | None:
    """A time written inside a timeline entry, before the entry chosen as the start and on its
    day or the night before, that says when the impact began ("09:15 engineer confirms 502s
    since 08:50") or when the change that caused it was made ("identified a config push at
    13:58"): the reader learns the start later than it happened."""
    if start is None or start.when is None or not start.has_time:
        return None
    openings = {id(e.moment) for e in timed}
    blocks = {id(e.moment.block) for e in timed}
    found: list[Moment] = []
    for moment in moments:
        if id(moment) in openings or id(moment.block) not in blocks or not moment.has_time:
            continue
        if not _shortly_before(start, moment):
            continue
        before = moment.block.prose[max(0, moment.stamp.start - 30) : moment.stamp.start]
        clause = sentence_of(moment)
        if _BEGAN_AT.search(before) or classes.trigger(clause) or classes.has("start", clause):
            found.append(moment)
    return min(found, key=lambda m: utc(m.when)) if found else None  # type: ignore[arg-type]


def _summary_start(
    start: Moment | None, moments: Sequence[Moment], classes: WordClasses
) -> Moment | None:
    """The start the summary or the lead prose tells before the timeline's first symptom
    ("On 2023-11-02 at 14:02 UTC a deploy changed the signature format, and endpoints
    rejected every webhook"), when the timeline opens later, with the first report: a time
    whose sentence tells the change or the symptom, on the start's day, at most half a day
    before it. None when the prose tells none."""
    if start is None or start.when is None or not start.has_time:
        return None
    found = []
    for moment in moments:
        if moment.source != PROSE or not moment.has_time or moment.when is None:
            continue
        if moment.block.nearest_canonical() not in WINDOW_SECTIONS:
            continue
        if not _shortly_before(start, moment):
            continue
        sentence = sentence_of(moment)
        prose, at = moment.block.prose, moment.stamp.start
        if "detected" in moment.kinds or ENDS_BEFORE.search(prose, max(0, at - 40), at):
            continue  # "noticed at 14:20", "resolved at 14:52": not where it began
        if "start" in moment.kinds or classes.trigger(sentence):
            found.append(moment)
    return min(found, key=lambda m: utc(m.when)) if found else None  # type: ignore[arg-type]


def _summary_start_later(
    start: Moment | None, timed: Sequence[Event], moments: Sequence[Moment], classes: WordClasses
) -> Moment | None:
    """The timeline's entry at the time the summary says the incident began, when the start
    chosen is an earlier entry ("On 5 May at 13:38 UTC, an attacker drained the pool" over a
    timeline that opens at 07:00 with the attacker's funding): the author's own account makes
    the entries before it lead-up. Only the summary's first timed sentence counts, and only
    when it tells the change or the symptom and a timeline entry has its very minute."""
    if start is None or start.when is None or not start.has_time:
        return None
    told = [
        m
        for m in moments
        if m.source == PROSE
        and m.has_time
        and m.when is not None
        and m.block.nearest_canonical() in WINDOW_SECTIONS
    ]
    if not told:
        return None
    first = min(told, key=lambda m: (m.line, m.span.column))
    if first.when is None or not first.day_known or not zoned_alike(first.when, start.when):
        return None
    gap = utc(first.when) - utc(start.when)
    if not dt.timedelta(0) < gap <= _LEAD_UP_HOURS:
        return None
    prose, at = first.block.prose, first.stamp.start
    if "detected" in first.kinds or ENDS_BEFORE.search(prose, max(0, at - 40), at):
        return None
    if not ("start" in first.kinds or classes.trigger(sentence_of(first))):
        return None
    if any(
        e.moment.kinds & {"mitigated", "resolved"}
        and e.moment.when is not None
        and zoned_alike(e.moment.when, first.when)
        and utc(e.moment.when) < utc(first.when)
        for e in timed
    ):
        # "We began deploying a permanent fix at 17:25" over a timeline that told services
        # recovering hours before: a change after the recovery is its follow-up, not the start
        return None
    for event in timed:
        when = event.moment.when
        if when is None or not event.moment.has_time or not zoned_alike(when, first.when):
            continue
        if utc(when).replace(second=0, microsecond=0) == utc(first.when).replace(second=0):
            return event.moment
    return None


# The day the summary or impact says the harm began: "since 09/11/20", "On or after July 22,
# 2025, ...", "On February 9th, 2025 two users submitted ...": a date after "since", "from",
# "on or after", "starting", "beginning" or "on the morning of" (each maybe hedged: "since
# about", "from on or about"), or one that opens its sentence with "On".
_SINCE_DAY = re.compile(
    r"\b(?:since|from|on or after|starting(?: on| from)?|beginning(?: on| from)?"
    # "caused by heavy rainfall early on the morning of Friday 17 July 2015"
    r"|(?:early |late )?on the (?:morning|afternoon|evening|night) of)\s+"
    # hedged: "happening since about September 3", "exposed from on or about 2025-02-10"
    r"(?:(?:on or )?(?:about|around|approximately|roughly)\s+)?(?:\w+day,?\s+)?$",
    re.IGNORECASE,
)
_OPENS_ON_DAY = re.compile(r"^\W{0,4}(?:on\s+)?(?:or after\s+)?(?:\w+day,?\s+)?$", re.IGNORECASE)
# How far before the document's own day (front matter, file name) a start may come and still
# be the impact's start, where the timeline goes on to that day: more than this, and it is
# lead-up (`analyze.abstain` withholds such a start).
LEAD_UP_DAYS = 3
# How far before the noticing a day told in prose may open the story: a quarter. (Harm that
# went unnoticed for weeks is common: "not noticed for at least 2 weeks".)
_UNNOTICED_FOR = dt.timedelta(days=92)


def _day_begun_before(
    doc: Document,
    result: Mapping[str, Moment | None],
    timed: Sequence[Event],
    moments: Sequence[Moment],
    classes: WordClasses,
) -> Moment | None:
    """The day the summary or the impact says the harm began, when the timeline opens on a
    later day with the noticing ("Affected all mobile users since 09/11/20" over a timeline
    whose first entry is "9/25/20 - issue filed"): the timeline tells the response, the prose
    the harm. The timeline's first entry on that day gives its minute ("12:30:25 PM: last
    successful form submission"); else the day alone (no minutes count from it). A sentence
    that tells the noticing or the recovery, or the writing, opens nothing; nor does a day
    when the timeline's start is not on the day it was noticed."""
    start, noticed = result["start"], result["detected"]
    if start is None or noticed is None or start.when is None or noticed.when is None:
        return None
    if start.when.date() != noticed.when.date():
        return None  # the timeline tells the harm before the noticing: it opens the story
    found: list[Moment] = []
    first_entry = min((e.line for e in timed), default=None)
    for moment in moments:
        if moment.source != PROSE or moment.has_time or not moment.day_known:
            continue
        if moment.when is None or not _opening_prose(doc, moment.block):
            continue
        if (
            moment.block.nearest_canonical() not in ("summary", "impact")
            and first_entry is not None
            and moment.block.lines[0] > first_entry
        ):
            continue  # under no heading, but after the timeline: not the opening's story
        before = moment.when.date()
        if not dt.timedelta(0) < start.when.date() - before <= _UNNOTICED_FOR:
            continue
        sentence = sentence_of(moment)
        prose, at = moment.block.prose, moment.stamp.start
        opening = prose[max(0, at - 30) : at]
        told = _SINCE_DAY.search(opening) is not None or (
            _OPENS_ON_DAY.search(opening.rsplit(".", 1)[-1]) is not None
            and sentence.lstrip(" *_").lower().startswith("on")
        )
        if not told or moment.kinds & {"detected", "mitigated", "resolved"}:
            continue
        if any(classes.has(k, sentence) for k in ("detected", "mitigated", "resolved")):
            continue
        if _TOLD_AHEAD.search(sentence) or _ABOUT_THE_WRITING.search(sentence):
            continue
        found.append(moment)
    if not found:
        return None
    first = min(found, key=lambda m: m.when)  # type: ignore[arg-type, return-value]
    day = first.when.date()  # type: ignore[union-attr]
    own = front_matter_date(doc) or file_name_date(doc)
    if (
        own is not None
        and (own - day).days > LEAD_UP_DAYS
        and any(e.moment.day_known and e.moment.when.date() == own for e in timed)  # type: ignore[union-attr]
    ):
        # "On 3 March we shipped a build that carried a latent fault" in a report of 24
        # March whose timeline opens that day: days before the document's own day, the told day
        # is lead-up (`analyze.abstain` withholds such a start), and the timeline's start
        # stands
        return None
    entries = [
        e.moment
        for e in timed
        if e.moment.has_time
        and e.moment.when is not None
        and e.moment.when.date() == day
        and not e.moment.kinds & {"mitigated", "resolved"}
    ]
    return min(entries, key=lambda m: m.when) if entries else first  # type: ignore[arg-type, return-value]


# A mitigation that says it is not the end: "mitigated for now", "a temporary workaround",
# "the fixed version was issued and its rollout began".
_PROVISIONAL = re.compile(
    r"\b(?:for now|temporar\w*|workaround|stop-?gap|interim|in progress|rollout (?:began|begun"
    r"|started)|(?:began|begun|started|starting) (?:to )?roll\w*|rolling out)\b",
    re.IGNORECASE,
)


# A recovery told as partial: "the attack should be largely mitigated", "we are now seeing
# major recovery of users, but it will take another 5-10 minutes for all users to come online".
# (Not a bare "partial": a status page's component mark, "the partial outage has ended".)
_PARTIAL = re.compile(
    r"\b(?:largely|mostly|partially (?:mitigated|recovered|restored|resolved)|partial recovery"
    r"|major recovery|(?:take|need) another|continu\w* to see recovery)\b",
    re.IGNORECASE,
)
# The author's own word for the milestone: "OUTAGE MITIGATED", "the incident was considered
# mitigated at 19:00": the mitigation told as such, the resolution a later step; unless the
# same text tells the whole impact over ("mitigated, and all services are fully restored").
_MITIGATED_WORD = re.compile(r"\bmitigated\b", re.IGNORECASE)
_WHOLLY_OVER = re.compile(
    r"\b(?:fully|completely|entirely|resolved|all (?:\w+ )?(?:services|systems|customers|users)"
    r" (?:are |were |have )?(?:now )?(?:restored|recovered|back|working|healthy))\b",
    re.IGNORECASE,
)


# The sentences after a recovery told in prose that say it left some out: "This restored
# service to all affected buildings bar two halls", "We're still trying to find another route".
_PARTIAL_NEXT = re.compile(
    r"\b(?:all|every)\b[^.!?\n]{0,80}?\b(?:bar|except(?:\s+for)?|apart\s+from|save\s+for)\s"
    r"|\b(?:we(?:'re|\s+are)|is|are)\s+still\s+(?:trying|working|down|offline|unavailable"
    r"|without|affected)\b",
    re.IGNORECASE,
)


def _next_sentences(moment: Moment) -> str:
    """The two sentences after the one a time is told in, in its block."""
    prose = moment.block.prose
    end = moment.stamp.end + len(told_after(moment))
    following = prose[end : end + 400]
    stops = list(SENTENCE_BREAK.finditer(following))
    return following[: stops[1].end()] if len(stops) > 1 else following


def _provisional(mitigated: Moment | None, timed: Sequence[Event]) -> bool:
    """Does the mitigation's timeline entry (or sentence) say it is provisional, or only
    partial? Then the incident's end is not told, and no resolution is inferred from it."""
    if mitigated is None:
        return False
    entry = next((e for e in timed if e.moment is mitigated), None)
    text = entry.text if entry is not None else sentence_of(mitigated)
    if _PROVISIONAL.search(text) or _PARTIAL.search(text):
        return True
    if entry is None and _PARTIAL_NEXT.search(_next_sentences(mitigated)):
        return True
    return _MITIGATED_WORD.search(text) is not None and _WHOLLY_OVER.search(text) is None


def _first_of(result: Mapping[str, Moment | None], kind: str) -> bool:
    """Is this milestone found, and at or before every other one found? (A report read after
    the stated end is no bound on the start.)"""
    moment = result[kind]
    if moment is None or moment.when is None:
        return False
    for other in result.values():
        if other is None or other is moment or other.when is None:
            continue
        if not zoned_alike(other.when, moment.when):
            return False  # not comparable: say nothing
        if utc(other.when) < utc(moment.when):
            return False
    return True


def _opening_prose(doc: Document, block: TextBlock) -> bool:
    """In the summary or impact, in the prose under the title, or (in a document with no
    summary) in its first section, whatever its title: where a document tells what happened on
    which day ("On July 21st, 2021 we released 3.30"). A day with no time elsewhere is more
    often background ("in a previous upgrade on ...")."""
    if block.nearest_canonical() in ("summary", "impact"):
        return True
    section = block.section
    if section is None or section.level <= 1:
        return True
    if doc.find_sections("summary"):
        return False
    first = next((s for s in doc.sections() if s.level > 1), None)
    return first is not None and (section is first or first in section.ancestors())


# How many entries from the story's end its closing remedy may be (the fix, then a last
# entry that it was watched or that the backlog went out).
_CLOSING_REMEDY = 2


def _closing_remedy(timed: Sequence[Event], result: Mapping[str, Moment | None]) -> Moment | None:
    """The remedy done at the end of a timeline that never says the impact stopped: one of its
    last entries, after the start and any detection, told as done (not "trying to restart")."""
    story = sorted(timed, key=lambda e: (utc(e.moment.when), e.line))  # type: ignore[arg-type]
    while story and _AFTERMATH.search(story[-1].text):
        story.pop()
    if len(story) > 2 and _tail(story[-2].moment, story[-1].moment):
        return None  # a tail days later (a last account repaired): the end is not told
    floor = [m for k in ("start", "detected") if (m := result[k]) is not None and m.when]
    for event in reversed(story[-_CLOSING_REMEDY:]):
        moment = event.moment
        if not moment.has_time or any(m is moment for m in floor):
            continue
        if any(
            not zoned_alike(m.when, moment.when)  # type: ignore[arg-type]
            or utc(m.when) >= utc(moment.when)  # type: ignore[arg-type]
            for m in floor
        ):
            return None
        if _REMEDY.search(event.text) and not attempted(event.text):
            return moment
    return None


def _later_remedy(timed: Sequence[Event], result: Mapping[str, Moment | None]) -> Moment | None:
    """A timeline that goes on after its mitigation with more work done ("12:37 the package is
    unpublished", then "18:42 all tokens revoked"; "17:43 jobs moved to another region", then
    "19:30 the new servers' issues corrected"): the incident ends with its last remedy, not
    the first outcome. None when the story ends with the mitigation, a tail or an attempt."""
    mitigated = result["mitigated"]
    if mitigated is None or mitigated.when is None:
        return None
    story = sorted(timed, key=lambda e: (utc(e.moment.when), e.line))  # type: ignore[arg-type]
    while story and _AFTERMATH.search(story[-1].text):
        story.pop()
    if len(story) < 2 or _tail(story[-2].moment, story[-1].moment):
        return None
    last = story[-1].moment
    if last is mitigated or not last.has_time or last.when is None:
        return None
    if not zoned_alike(last.when, mitigated.when):
        return None
    if utc(last.when) <= utc(mitigated.when) or _tail(mitigated, last):
        return None
    if _REMEDY.search(story[-1].text) is None or attempted(story[-1].text):
        return None
    return last


def _tail(before: Moment, last: Moment) -> bool:
    """Is the last entry a tail, more than half a day after the one before it?"""
    if before.when is None or last.when is None:
        return False
    if not zoned_alike(before.when, last.when):
        return False
    return utc(last.when) - utc(before.when) > dt.timedelta(hours=12)


def story_end(events: list[Event], result: Mapping[str, Moment | None]) -> Moment | None:
    """A timeline that never says it is over ends with its last entry, the last thing done
    about the incident ("pod killed, file watches released"): not a milestone the document
    states, but how long the story ran when nothing else says. None when a mitigation or
    resolution was found, or the timeline is too short to tell (two entries tell it when the
    second is a remedy)."""
    timed = [e for e in events if e.moment.when is not None and e.moment.has_time]
    if result.get("resolved") is not None or result.get("mitigated") is not None:
        return None
    if len(timed) < 2 or (len(timed) == 2 and not _REMEDY.search(timed[-1].text)):
        return None  # too short to tell, unless its second entry is what was done about it
    story = sorted(timed, key=lambda e: (utc(e.moment.when), e.line))  # type: ignore[arg-type]
    while story and (_AFTERMATH.search(story[-1].text) or _posted_alone(story[-1])):
        # "postmortem published", "Posted about 1 year ago. Jul 13, 2017 - 22:15 UTC" under
        # the write-up: after the incident, not its end
        story.pop()
    if len(story) < 2:
        return None
    last, before = story[-1].moment, story[-2].moment
    if _tail(before, last) and len(story) > 2:
        return None  # a tail days later (a last account repaired) is not the end of impact
    for kind in ("start", "detected"):
        other = result[kind]
        if other is None:
            continue
        if other is last or (other.when is not None and utc(other.when) >= utc(last.when)):  # type: ignore[arg-type]
            return None
    return last


# What an update's header may hold besides its time: "**Thursday, 2020-08-20 06:10 US/Pacific**"
_HEADER_WORDS = re.compile(
    r"[\s*_,]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?[\s*_,]*", re.IGNORECASE
)


def _first_update(moments: Sequence[Moment], result: Mapping[str, Moment | None]) -> Moment | None:
    """A status page's log of updates, each under a line or a heading that holds only its
    time ("**Thursday, 2020-08-20 06:10 US/Pacific**", then "We are investigating an issue with
    ..."), in whatever order: the earliest update is when the issue was opened, as a front
    matter's date and time is. Two such lines at least, and the first before the end the
    text tells; None otherwise."""
    headers: list[Moment] = []
    for moment in moments:
        block = moment.block
        if not moment.has_time or moment.when is None or block.kind == "table_cell":
            continue
        prose = block.prose
        before, after = prose[: moment.stamp.start], prose[moment.stamp.end :]
        if len(prose) > 80 or _HEADER_WORDS.fullmatch(before) is None:
            continue
        if after.strip(" *_\n") or not moment.day_known:
            continue
        headers.append(moment)
    if len(headers) < 2:
        return None
    first = min(headers, key=lambda m: utc(m.when))  # type: ignore[arg-type]
    ends = [m for k in _ENDS if (m := result[k]) is not None and m.when is not None]
    if not ends or any(not zoned_alike(m.when, first.when) for m in ends):  # type: ignore[arg-type]
        return None
    if any(utc(m.when) <= utc(first.when) for m in ends):  # type: ignore[arg-type]
        return None
    return first


def _meta_moment(value: object) -> dt.datetime | None:
    """A front-matter value with a day and a time: YAML's own timestamp, or the same written
    in quotes (`date: '2023-01-31T10:00:00+01:00'`), which YAML keeps as a string."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    stamps = find_stamps(value)
    first = stamps[0] if stamps else None
    if first is None or not first.date or not first.time:
        return None
    tz = zone_info(first.zone) if first.zone else None
    return dt.datetime.combine(first.date, first.time, tzinfo=tz)


def _opening_time(doc: Document) -> Moment | None:
    """With no timeline and no start in words, a front-matter date that carries a time of day
    (a status page's issue opened at 2022-10-14T18:25Z) is when the incident was opened. A bare
    day is not used: measured on documents held out from tuning, it was more often a
    publication date than the incident's."""
    value = _meta_moment(doc.meta.get("date"))
    if value is None or value.time() == dt.time():
        return None
    line = doc.meta_lines[0] if doc.meta_lines else 1
    stamp = Stamp(0, 0, str(value), value.date(), value.time(), "24h", "iso", None)
    holder = TextBlock("paragraph", str(value), str(value), [0], [line], [1])
    zone = "stated" if value.tzinfo else None
    return Moment(
        stamp, holder, Span(line, 1, line, 1), value, True, zone, label="date", source=FRONT_MATTER
    )


def _told_after_the_fact(doc: Document) -> bool:
    """Does the text open by telling the trouble in the past tense ("We had an issue with our
    dashboard script", "The error budget dropped to zero in one day", "I attempted to upgrade
    ... and ended up breaking the cluster"), with no word of it going on as written ("We are
    seeing", "cannot be reached", "Investigating")? A status update's label ("*Resolved* -",
    "**Update**:") opens a notice written as it happened."""
    for block in doc.blocks:
        text = " ".join(block.prose.split())
        if not text or _ASIDE_ONLY.fullmatch(text):
            continue  # "(Mostly for our internal use ...)": an aside before the story
        if _UPDATE_LABEL.match(block.text.lstrip()):
            return False
        words = _LINK.sub(r"\1", " ".join(block.text.split()))
        sentence = SENTENCE_BREAK.split(words, maxsplit=1)[0]
        return _PAST_TENSE.search(sentence) is not None and _GOING_ON.search(sentence) is None
    return False


_ASIDE_ONLY = re.compile(r"\([^()]*\)")
# "the [SLO1](...) budget": its words. Neither part runs past a bracket or a parenthesis that
# opens another: searched from every "[" of a line of them, each would scan the line's rest.
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
# "*Resolved* - ...", "**Investigating**: ...", "Update:": a status update's label
_UPDATE_LABEL = re.compile(
    r"[*_]{0,2}(?:resolved|resolving|investigating|identified|monitoring|update|updated)[*_]{0,2}"
    r"\s*(?:[-–—:]|[*_]{1,2}\s)",
    re.IGNORECASE,
)
# A verb in the past tense: a few irregular ones, and the regular "-ed" after its subject
_PAST_TENSE = re.compile(
    r"\b(?:was|were|had|went|broke|lost|became|saw)\b"
    r"|\b(?:we|i|it|they|the(?:\s+[\w-]+){1,3})\s+(?:\w+ly\s+)?[a-z]{2,}ed\b",
    re.IGNORECASE,
)
# The trouble going on as the text is written
_GOING_ON = re.compile(
    r"\b(?:is|are|am|cannot|can't|currently|still|now|investigating|seems?|appears?)\b|'re\b",
    re.IGNORECASE,
)


# A change reaching what it broke, told after the change was made or begun: "equipment in
# Toronto took up this change at 19:17", "caused a drop in traffic upon their completion at
# 16:39", "the new rules took effect at 09:10".
_TOOK_EFFECT = re.compile(
    r"\b(?:took|takes|take|taking)\s+up\b|\bpick(?:ed|s|ing)?\s+up\s+(?:th(?:is|e|at|ese|ose)"
    r"\s+)?(?:change|config|update|record|rule|setting)"
    r"|\bupon\s+(?:its|their|the)\s+completion\b"
    r"|\b(?:took|takes|take|taking)\s+effect\b|\bwent\s+(?:live|into\s+effect)\b",
    re.IGNORECASE,
)
# How long after a change its taking effect may be told.
_TOOK_EFFECT_WITHIN = dt.timedelta(hours=3)


def _took_effect_later(first: Moment, moments: Sequence[Moment]) -> Moment:
    """A change the prose tells at one time and, in the same paragraph, reaching what it
    broke at a later one ("At 18:24 UTC a backend change was made to the records. Equipment
    in Toronto took up this change at 19:17 UTC", "changes began the process of being rolled
    out at 16:33 ... caused a drop in traffic upon their completion at 16:39"): nobody was
    hurt until it took effect, the later time is the start. A symptom told after a change
    that took effect at once ("deployed at 14:02; errors from 14:06") leaves the change."""
    if "start" in first.kinds or first.when is None or not first.has_time:
        return first
    for later in moments:
        if later.block is not first.block or later.when is None or not later.has_time:
            continue
        if (later.line, later.span.column) <= (first.line, first.span.column):
            continue
        if not zoned_alike(later.when, first.when):
            continue
        gap = utc(later.when) - utc(first.when)
        if not dt.timedelta(0) < gap <= _TOOK_EFFECT_WITHIN:
            continue
        if _TOOK_EFFECT.search(sentence_of(later)) is not None:
            return later
        return first  # the next time the paragraph tells is something else
    return first


def _dated_day(doc: Document) -> dt.date | None:
    """The day a template's own "Date" section gives the incident ("## Date" over
    "2025-04-14", as the SRE book's template opens), when it holds that one date alone."""
    for section in doc.sections():
        if section.title.strip(" *_:").lower() != "date" or len(section.blocks) != 1:
            continue
        stamps = find_stamps(section.blocks[0].prose)
        if len(stamps) == 1 and stamps[0].date is not None and stamps[0].year_known:
            return stamps[0].date
    return None


def _lead_up_before_the_dated_day(
    doc: Document, result: dict[str, Moment | None], how: dict[str, str], timed: Sequence[Event]
) -> None:
    """A timeline that opens days before the day the template's "Date" section gives, where
    the incident was noticed on that day ("2025-04-10 16:44 upgrade height announced ... the
    halt height", then "2025-04-14 14:47 notices consensus error"): the earlier days are the
    lead-up, and the start is the first entry of that day that tells a symptom, by the
    noticing at the latest."""
    start, noticed = result["start"], result["detected"]
    if how.get("start") != HOW_TIMELINE or start is None or noticed is None:
        return
    if start.when is None or noticed.when is None or not (start.day_known and noticed.day_known):
        return
    day = _dated_day(doc)
    if day is None or start.when.date() >= day or noticed.when.date() != day:
        return
    symptoms = [
        e.moment
        for e in timed
        if e.moment.when is not None
        and e.moment.day_known
        and e.moment.when.date() == day
        and "start" in e.moment.kinds
        and zoned_alike(e.moment.when, noticed.when)
        and utc(e.moment.when) <= utc(noticed.when)
    ]
    result["start"] = min(symptoms, key=lambda m: utc(m.when)) if symptoms else noticed  # type: ignore[arg-type]


def _sanity(result: dict[str, Moment | None], how: dict[str, str]) -> None:
    """Milestones read from wording must come in order: a start after detection or recovery
    gives way to the earliest of them; a mitigation read from wording after a resolution the
    document states (a range, a field) is dropped, the impact having stopped by then."""
    mitigated, resolved = result["mitigated"], result["resolved"]
    if (
        how.get("mitigated") in (HOW_TIMELINE, HOW_PROSE)
        and how.get("resolved") in (HOW_RANGE, HOW_FIELD, HOW_FRONT_MATTER)
        and minute_after(mitigated, resolved)
    ):
        result["mitigated"] = None
        how.pop("mitigated", None)
    start = result["start"]
    if how.get("start") == HOW_RANGE:
        # "from 22:20 UTC to 02:00 UTC customers saw delays" over a story whose earlier
        # trouble was "fixed by 22:17": the stated window is the impact's; an end read from
        # wording before it opened is another, earlier trouble's, not this impact's end
        for kind in ("mitigated", "resolved"):
            if how.get(kind) in (HOW_TIMELINE, HOW_PROSE) and minute_after(start, result[kind]):
                result[kind] = None
                how.pop(kind, None)
    later = [
        (k, m)
        for k, m in result.items()
        if k != "start"
        and m is not None
        and m.when is not None
        and m.has_time
        and start is not None
        and start.when is not None
        and zoned_alike(m.when, start.when)  # else not comparable
    ]
    if start is not None and start.when is not None and start.has_time and later:
        earliest_kind, earliest = min(later, key=lambda item: utc(item[1].when))  # type: ignore[arg-type]
        if utc(earliest.when) < utc(start.when):  # type: ignore[arg-type]
            ended = any(
                k in ("mitigated", "resolved")
                and how.get(k) in (HOW_TIMELINE, HOW_PROSE)
                and utc(m.when) < utc(start.when)  # type: ignore[arg-type]
                for k, m in later
            )
            if how.get("start") in (HOW_FRONT_MATTER, HOW_FIELD) and not ended:
                return  # the author's field, before the impact ended: trusted (and PM104
                # reports a field that contradicts another field)
            # (a field after the impact ended in the story is no start: "Violation started:
            # ... 4:42PM UTC" in an alert pasted into a timeline kept in another zone)
            if earliest_kind == "detected":
                result["start"], how["start"] = earliest, HOW_INFERRED
            else:
                result["start"] = None
                how.pop("start", None)


# Sources of a milestone that the document states as such: the timeline, a labelled field.
_STATED_SOURCES = (HOW_TIMELINE, HOW_FIELD, HOW_FRONT_MATTER)
# Sources read from words around a time, or worked out: what a vote may overrule.
_TOLD_SOURCES = (HOW_PROSE, HOW_RANGE, HOW_INFERRED)


def _ends_in_order(
    result: dict[str, Moment | None],
    how: dict[str, str],
    story: Mapping[str, Moment],
    marked: set[str],
) -> None:
    """A vote between the timeline and what prose or a range tells of the impact's end, when
    the two put the milestones out of order. `story`: the timeline's own pick per milestone;
    `marked`: the milestones an entry names in so many words.

    - A mitigation told in prose after the resolution the timeline names ("08:10 fixed image
      deployed (**outage ends**)" against a summary's "a new image was deployed at 10:04")
      is not when the impact stopped: the author's marked end is.
    - An end told before the detection the timeline or a field states ("**Time**: 04:23-04:28
      UTC", the deploy, over a timeline whose users report errors at 19:30 and whose tables are
      restored at 23:58) is not this incident's end when the timeline's own end for it comes
      after the detection: the story of the recovery wins over an earlier told time."""
    mitigated, resolved = result["mitigated"], result["resolved"]
    if (
        "resolved" in marked
        and how.get("resolved") == HOW_TIMELINE
        and how.get("mitigated") in _TOLD_SOURCES
        and minute_after(mitigated, resolved)
    ):
        result["mitigated"] = None
        how.pop("mitigated", None)
    detected = result["detected"]
    if how.get("detected") not in _STATED_SOURCES:
        return
    for kind in ("mitigated", "resolved"):
        told, picked = result[kind], story.get(kind)
        if (
            how.get(kind) in _TOLD_SOURCES
            and minute_after(detected, told)
            and minute_after(picked, detected)
        ):
            result[kind], how[kind] = picked, HOW_TIMELINE


def _minute(moment: Moment) -> tuple[bool, dt.datetime] | None:
    """A key under which moments told to the same minute, in comparable zones, meet."""
    if moment.when is None or not moment.has_time:
        return None
    return moment.when.tzinfo is None, utc(moment.when).replace(second=0, microsecond=0)


def _mitigation_told_twice(
    result: dict[str, Moment | None],
    how: dict[str, str],
    moments: Sequence[Moment],
    timed: Sequence[Event],
    windows: Sequence[tuple[Moment, Moment]],
) -> None:
    """A vote between prose and the timeline on when the impact stopped. A mitigation that
    only one place tells ("20:30 workaround in place; cache invalidations begin") gives way to a
    later one that two places tell: a sentence of prose that tells the recovery at a time, and
    a timeline entry or a stated window's end at that very minute ("By 18:30, the corrected
    settings were live" over "18:30 - CDN settings changed"). Only before the
    resolution: a window's end that prose also tells ("by 09:45 UTC all regions had
    recovered") ends the incident, after the rollback that stopped the impact."""
    current = result["mitigated"]
    if current is None or how.get("mitigated") not in (HOW_TIMELINE, HOW_PROSE):
        return
    told = [
        m
        for m in moments
        if m.source == PROSE
        and m.has_time
        and m.when is not None
        and "mitigated" in m.kinds
        and not attempted(sentence_of(m))
    ]
    if not told:
        return
    # who tells each minute: a timeline entry or a window's end, or a sentence's block
    tellers: dict[tuple[bool, dt.datetime], set[int]] = {}
    for place in [e.moment for e in timed] + [end for _, end in windows] + told:
        key = _minute(place)
        if key is not None:
            teller = id(place.block) if place.source == PROSE else id(place)
            tellers.setdefault(key, set()).add(teller)

    def told_twice(moment: Moment) -> bool:
        """Does a place other than the moment's own (its block, for prose) tell its minute?"""
        key = _minute(moment)
        own = id(moment.block) if moment.source == PROSE else id(moment)
        return key is not None and bool(tellers.get(key, set()) - {own})

    if told_twice(current):
        return
    resolved = result["resolved"]
    ends = _minute(resolved) if resolved is not None else None
    later = [
        m
        for m in told
        if minute_after(m, current)
        and told_twice(m)
        and not minute_after(m, resolved)
        and (ends is None or _minute(m) != ends)
    ]
    if later:
        result["mitigated"] = min(later, key=lambda m: utc(m.when))  # type: ignore[arg-type]
        how["mitigated"] = HOW_PROSE


# Front-matter keys of a status page's notice (cState, Upptime and the like), not of a report.
_NOTICE_KEYS = ("resolvedWhen", "resolved_on", "affected")

# A notice open this long before its front matter closed it was closed when someone got to it.
_LONG_OPEN = dt.timedelta(hours=12)


def _closed_long_after(result: dict[str, Moment | None], how: dict[str, str]) -> bool:
    """Is the only end a notice's front-matter closing (`resolvedWhen:`) half a day or more
    after its opening? A notice closed within the hour closes when the harm stopped; one left
    open overnight or for weeks ("the error budget dropped during six weeks") is closed when
    someone came back to it, which tells when the incident ended, not when the impact was
    mitigated: no mitigation is inferred from it."""
    start, end = result["start"], result["resolved"]
    if how.get("resolved") != HOW_FRONT_MATTER or start is None or end is None:
        return False
    if start.when is None or end.when is None:
        return False
    if (start.when.tzinfo is None) != (end.when.tzinfo is None):
        return False
    return end.when - start.when >= _LONG_OPEN


def _a_notice(doc: Document) -> bool:
    """Is the document a status page's notice (its front matter's keys or `resolved:` flag)?"""
    return any(key in doc.meta for key in _NOTICE_KEYS) or isinstance(
        doc.meta.get("resolved"), bool
    )


def _begun_by_first_update(
    doc: Document, timed: Sequence[Event], result: dict[str, Moment | None], how: dict[str, str]
) -> None:
    """A status page's notice is opened when something is wrong: its earliest update ("07:00 -
    the platform is not available", at the bottom of a newest-first log) is when the impact
    had begun by, and a later start read from the updates' words gives way to it. (Taking it
    as the detection too added a detection where a reader found none on a set not tuned on.)"""
    if not timed or not _a_notice(doc):
        return
    dated = [e.moment for e in timed if e.moment.has_time and e.moment.day_known]
    if not dated or any(not zoned_alike(m.when, dated[0].when) for m in dated):  # type: ignore[arg-type]
        return
    first = min(dated, key=lambda m: utc(m.when))  # type: ignore[arg-type]
    told = result["start"]
    if told is not None and (
        told.when is None
        or not zoned_alike(told.when, first.when)  # type: ignore[arg-type]
        or utc(told.when) <= utc(first.when)  # type: ignore[arg-type]
    ):
        return
    result["start"], how["start"] = first, HOW_TIMELINE


def _closed_when_opened(closed: Moment, opened: Moment | None) -> bool:
    """A notice whose `resolvedWhen:` is not after the time it was opened (`date:`) carries a
    placeholder, not its end: the updates tell when it recovered."""
    return (
        opened is not None
        and opened.when is not None
        and closed.when is not None
        and zoned_alike(opened.when, closed.when)
        and utc(closed.when) <= utc(opened.when)
    )


def _closed_before_recovery(
    result: dict[str, Moment | None], how: dict[str, str], recoveries: Sequence[Moment]
) -> None:
    """A status page's `resolvedWhen:` is when the notice was closed or written: when it comes
    before the recovery its own updates tell ("11:42 - Power is now restored" under a
    `resolvedWhen` of 11:48Z, the updates being Eastern), it is not the end, so the updates'
    recovery is kept rather than dropped as coming after the end."""
    closed = result["resolved"]
    if how.get("resolved") != HOW_FRONT_MATTER or closed is None or closed.when is None:
        return
    for told in recoveries:
        if (
            told.when is not None
            and told.has_time
            and zoned_alike(told.when, closed.when)
            and utc(told.when) > utc(closed.when)
        ):
            result["resolved"] = None
            how.pop("resolved", None)
            return


# Front-matter keys that name a milestone, compared with case, "_", "-" and blanks removed, so
# that one stem covers `resolved_at`, `resolvedAt`, `resolved-date` and `ResolvedDate`: a
# milestone's word, optionally after "incident"/"impact"/"outage" and before a word that says
# the value is a moment ("at", "date", "time", "when", "on"). "begin"/"end": a status feed's
# incident fields. A bare `resolved:` is a status page's flag (true/false), never a moment.
_META_STEMS = {
    "start": ("start", "started", "began", "begin", "beginning"),
    "detected": ("detected", "detection"),
    "escalated": ("escalated",),
    "mitigated": ("mitigated", "mitigation"),
    "resolved": ("resolved", "resolution", "end", "ended"),
}
_META_KEYS = {
    kind: re.compile(
        r"(?:incident|impact|outage)?(?:"
        + "|".join(sorted(stems, key=len, reverse=True))
        + r")(?:at|date|time|datetime|timestamp|when|on)?"
    )
    for kind, stems in _META_STEMS.items()
}


def _meta_kind(key: object) -> str | None:
    if not isinstance(key, str):
        return None
    flat = re.sub(r"[\s_\-]+", "", key).lower()
    for kind, pattern in _META_KEYS.items():
        if pattern.fullmatch(flat):
            return kind
    return None


def _front_matter_milestones(doc: Document) -> dict[str, Moment]:
    found: dict[str, Moment] = {}
    line = doc.meta_lines[0] if doc.meta_lines else 1
    for key, value in doc.meta.items():
        kind = _meta_kind(key)
        if kind is None or kind in found:
            continue
        when = _meta_moment(value)
        day = _meta_day(value) if when is None else None
        if when is None and day is None:
            continue
        if when is not None:
            stamp = Stamp(0, 0, str(value), when.date(), when.time(), "24h", "iso", None)
        else:  # a day alone (`resolvedDate: 2024-03-01`): read as that day, `precision: day`
            stamp = Stamp(0, 0, str(value), day, None, None, "iso", None)
            when = dt.datetime.combine(day, dt.time())  # type: ignore[arg-type]
        holder = TextBlock("paragraph", str(value), str(value), [0], [line], [1])
        found[kind] = Moment(  # by keyword: zone_name sits between label and kinds
            stamp,
            holder,
            Span(line, 1, line, 1),
            when,
            True,
            "stated" if when.tzinfo else None,
            label=str(key),
            kinds=frozenset({kind}),
            source=FRONT_MATTER,
        )
    return found


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _meta_day(value: object) -> dt.date | None:
    """A front-matter value that is a day alone: YAML's date, or an ISO day in quotes."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


# Sections whose durations are how long the incident lasted, whatever the phrase; a field
# ("Time to recovery: 87 minutes") or a span from the start of the incident counts elsewhere
# too, but not under sections about the future or the lessons.
_DURATION_SECTIONS = ("summary", "impact", "metadata", None)  # None: lead prose under the title
_NOT_THIS_INCIDENT = ("action-items", "lessons", "went-well", "went-wrong", "background")


# Words every explicit duration holds (see durations._EXPLICIT): a block without one is skipped.
_EXPLICIT_HINT = re.compile(
    r"time to|ttr|ttm|duration|took|downtime|outage|impact|disruption", re.IGNORECASE
)


def summary_durations(doc: Document) -> list[StatedDuration]:
    """The durations the summary, the impact or the lead prose state, and the explicit ones
    (fields) anywhere else, in order."""
    found: list[StatedDuration] = []
    # (a status page's or a feed's post written in HTML states its duration there too)
    for block in [*doc.blocks, *html_texts(doc)]:
        nearest = block.nearest_canonical()
        if nearest in _NOT_THIS_INCIDENT:
            continue
        anywhere = nearest in _DURATION_SECTIONS
        if not anywhere and _EXPLICIT_HINT.search(block.prose) is None:
            continue  # elsewhere only a field or a span from the start counts: none here
        for stated in stated_durations(block.prose):
            if not (anywhere or stated.explicit):
                continue
            span = block.span(stated.start, stated.end)
            found.append(StatedDuration(stated.minutes, stated.text, span))
    found.extend(_table_durations(doc))
    found.extend(_label_line_durations(doc))
    found.sort(key=lambda d: (d.span.line, d.span.column))
    return found


# How soon after a stated window's end a timeline entry that closes the incident still
# closes this window's incident.
_CLOSED_SOON = dt.timedelta(hours=1)


def _closed_soon_after(
    end: Moment, entries: Sequence[Entry], timed: Sequence[Event], classes: WordClasses
) -> Moment | None:
    """The timeline's own closing, soon after a stated window's end: "errors from 08:10 to
    08:52 UTC", then "09:30 the permanent fix for the disk alarm was deployed" or "09:20 the
    thumbnail service is fully operational again". The window ends the impact; the entry,
    the incident. The last such entry of a run, each within `_CLOSED_SOON` of the one
    before; None when none follows."""
    if end.when is None or not end.has_time:
        return None
    last: Moment | None = None
    at = utc(end.when)
    for entry in sorted(entries, key=lambda e: utc(timed[e.index].moment.when)):  # type: ignore[arg-type]
        moment = timed[entry.index].moment
        if moment.when is None or not moment.has_time or not zoned_alike(moment.when, end.when):
            continue
        when = utc(moment.when)
        if when <= utc(end.when):
            continue
        if when - at > _CLOSED_SOON:
            break
        if closes_incident(entry, classes) and not _posting_time(moment):
            last, at = moment, when
    return last


def _closed_after(end: Moment, moments: Sequence[Moment], classes: WordClasses) -> Moment | None:
    """The last time the prose says in so many words that the incident was closed ("closed
    the incident at 19:40 UTC", "the all clear was given at 20:05"), after a stated window's
    end and within a day of it; None when it says none."""
    if end.when is None or not end.has_time:
        return None
    found = []
    for moment in moments:
        if moment.source != PROSE or not moment.has_time or moment.when is None:
            continue
        if "resolved" not in moment.kinds or moment.block.nearest_canonical() in _NOT_THIS_INCIDENT:
            continue
        if not zoned_alike(moment.when, end.when):
            continue
        gap = utc(moment.when) - utc(end.when)
        if not dt.timedelta(0) < gap <= dt.timedelta(days=1):
            continue
        if classes.has("resolved", sentence_of(moment), "markers"):
            found.append(moment)
    return max(found, key=lambda m: utc(m.when)) if found else None  # type: ignore[arg-type]


# A full recovery told just before its time: "were fully recovered by 22:30 UTC", "to nominal
# levels by 12:50 PDT", "was fully processed by approximately 00:40", "returned to normal at".
_FULL_RECOVERY_BEFORE = re.compile(
    r"(?:\b(?:fully|completely)\s+(?:recovered|restored|processed|caught\s+up)"
    r"|\bnominal\s+levels?|\b(?:returned|back)\s+to\s+normal(?:\s+levels?)?)"
    r"\s+(?:by|at|around|as\s+of)(?:\s+(?:about|around|approximately|~))?\s*$",
    re.IGNORECASE,
)
# The recovery's sentence names it the mitigation: "..., which is when impact to customers
# would have been mitigated".
_MITIGATED_THEN = re.compile(r"\bwhich\s+is\s+when\b[^.;\n]{0,60}?\bmitigat", re.IGNORECASE)
# How long after a stated window's end its full recovery may still be told.
_RECOVERED_REACH = dt.timedelta(hours=12)


def _recovered_after(end: Moment, moments: Sequence[Moment]) -> Moment | None:
    """The last time the prose tells the full recovery at, after a stated window's end and
    within `_RECOVERED_REACH` of it; None when it tells none."""
    if end.when is None or not end.has_time:
        return None
    found = []
    for moment in moments:
        if moment.source != PROSE or not moment.has_time or moment.when is None:
            continue
        if moment.block.nearest_canonical() in _NOT_THIS_INCIDENT:
            continue
        if not zoned_alike(moment.when, end.when):
            continue
        gap = utc(moment.when) - utc(end.when)
        if not dt.timedelta(0) < gap <= _RECOVERED_REACH:
            continue
        prose, at = moment.block.prose, moment.stamp.start
        if _FULL_RECOVERY_BEFORE.search(prose, max(0, at - 80), at) is not None:
            found.append(moment)
    return max(found, key=lambda m: utc(m.when)) if found else None  # type: ignore[arg-type]


def _table_durations(doc: Document) -> list[StatedDuration]:
    """A table of fields that states the duration in a row of its own ("| Duration | 1h 05m
    |", "| Total downtime | 47 minutes |"): the name in the first cell, the amount beside it,
    read as the field "Duration: 1h 05m" would be."""
    found: list[StatedDuration] = []
    for section in doc.sections():
        if section.canonical in _NOT_THIS_INCIDENT:
            continue
        for table in section.tables:
            pairs = [(row[0].prose, row[1]) for row in table.rows if len(row) >= 2]
            if len(table.rows) == 1:
                # "| Customers Impacted | Incident Duration |" over "| All | 1h |": a header
                # that names the fields, one row of values under it
                pairs += list(zip((c.prose for c in table.header), table.rows[0], strict=False))
            for label, value in pairs:
                name = label.strip(" *_:")
                if not name or len(name) > 40 or _EXPLICIT_HINT.search(name) is None:
                    continue
                stated = _field_duration(name, value.prose.strip())
                if stated is not None:
                    span = value.span(0, len(value.prose))
                    found.append(StatedDuration(stated.minutes, value.prose.strip(), span))
    return found


def _label_line_durations(doc: Document) -> list[StatedDuration]:
    """A field whose name stands on a line of its own and its value on the next line or list
    item ("Duration" over "118 minutes", a status aggregator's "- Downtime" over "- 2h 5m"):
    read as "Duration: 118 minutes" would be, the value a duration and nothing else."""
    lines: list[tuple[TextBlock, int, str]] = []  # (block, offset, text), every line in order
    for block in doc.blocks:
        if block.nearest_canonical() in _NOT_THIS_INCIDENT:
            continue
        at = 0
        for text in block.prose.split("\n"):
            lines.append((block, at, text))
            at += len(text) + 1
    found: list[StatedDuration] = []
    for (block, _, label), (held, at, value) in itertools.pairwise(lines):
        name = label.strip(" *_:#-")
        if _FIELD_NAME.fullmatch(name) is None or _field_duration(name, "1 minute") is None:
            continue  # not a name alone, or not one a duration is the value of
        if held is not block and held.first_line > block.last_line + 2:
            continue  # not the next line: a value elsewhere
        value = value.strip(" *_-")
        minutes = bare_duration(value) if len(value) <= 30 else None
        if minutes:
            start = at + held.prose[at:].find(value)
            found.append(StatedDuration(minutes, value, held.span(start, start + len(value))))
    return found


# A field's name on a line of its own: words, no figure, no colon inside.
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z ]{2,29}")


def _field_duration(name: str, value: str) -> Stated | None:
    """The duration a field states, read as "Name: value" would be (None when it is none)."""
    return next((s for s in stated_durations(f"{name}: {value}") if s.explicit), None)


def headline_durations(doc: Document) -> list[StatedDuration]:
    """The durations the title states ("Plex Server Outage for approximately 2 weeks"): a
    headline's round figure, the duration only where the text gives no other and no window
    (`Timeline.duration`), and no figure to hold the timeline to (PM104)."""
    title = _title_block(doc)
    if title is None:
        return []
    return [
        StatedDuration(stated.minutes, stated.text, title.span(stated.start, stated.end))
        for stated in stated_durations(title.prose)
    ]


def _title_block(doc: Document) -> TextBlock | None:
    """The title heading's own text (kept out of `doc.blocks`), if the document has one."""
    if not doc.title:
        return None
    for section in doc.sections():
        if section.style == "heading" and section.heading_block is not None:
            return section.heading_block if section.title == doc.title else None
    return None
