"""Milestones of a document that gives days and no times: "On Wednesday, July 21st, 2021,
we released 3.30. A few hours later, some users wrote that it failed to boot."
The report is told relative to the day written before it, so it was on that day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from pmlint.document import Document, TextBlock
from pmlint.extract.milestones import WordClasses, tells_detection, without_machine_reports
from pmlint.extract.timeline.model import PROSE, Moment
from pmlint.extract.timestamps import Stamp

# Told as the same day as the date before it: "within a few hours", "shortly after", "later
# that day", "that afternoon", "minutes later".
_SAME_DAY = re.compile(
    r"\b(?:within (?:a few|an?|the (?:next|first)|\d+|one|two|three|several) (?:minutes?|hours?)"
    r"|shortly (?:after(?:wards)?|thereafter)|soon after(?:wards)?|later (?:that|the same) day"
    r"|(?:on )?the same day|that (?:morning|afternoon|evening|night)"
    r"|(?:a few |\d+ |several )?(?:minutes|hours) later)\b",
    re.IGNORECASE,
)
# How far after the date its same-day sentences are read.
_REACH = 400
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def same_day_detection(
    moments: Sequence[Moment], classes: WordClasses, told_where: Callable[[TextBlock], bool]
) -> Moment | None:
    """In a document with days and no times, the day a sentence that tells someone learned of
    the incident is told on: its own date, or the date just before it when the sentence says
    it was the same day ("A few hours later, some users wrote ..."). None where
    no such sentence follows a date in the blocks `told_where` accepts (where a document
    tells what happened on which day)."""
    for moment in moments:
        if moment.source != PROSE or moment.has_time or moment.when is None:
            continue
        if not moment.day_known or not told_where(moment.block):
            continue
        if moment.block.kind == "heading":
            continue  # a title's days are the incident's ("May 23-25, 2024 Outage"), no learning
        prose = moment.block.prose
        following = [
            m.stamp.start
            for m in moments
            if m.block is moment.block and m.stamp.start > moment.stamp.start
        ]
        end = min([moment.stamp.end + _REACH, *following])
        sentences = _SENTENCE.split(prose[moment.stamp.end : end])
        for index, sentence in enumerate(sentences):
            if index and _SAME_DAY.search(sentence) is None:
                continue  # a later sentence tells its own day only when it says so
            told = without_machine_reports(sentence)
            if tells_detection(sentence, classes) and not classes.has("mitigated", told):
                return moment
    return None


# "We were told of it this afternoon", "we were alerted this morning": a day told
# relative to the post's own date (a day before it for "yesterday").
_TODAY = re.compile(
    r"\b(?:(?P<back>yesterday|last night)|today|earlier today|tonight"
    r"|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


def detection_told_today(
    doc: Document,
    day: dt.date | None,
    classes: WordClasses,
    told_where: Callable[[TextBlock], bool],
) -> Moment | None:
    """In a post with no times, the day of writing (`day`: the document's date) when its
    opening prose tells someone learned of the incident "this afternoon" ("Someone told us
    this afternoon that a job had failed ..."), or the day before for "yesterday"."""
    if day is None:
        return None
    for block in doc.blocks:
        if not told_where(block) or _TODAY.search(block.prose) is None:
            continue
        for sentence in _SENTENCE.split(block.prose):
            match = _TODAY.search(sentence)
            told = without_machine_reports(sentence)
            if match is None or not classes.has("detected", told):
                continue
            when = day - dt.timedelta(days=1) if match["back"] else day
            start = block.prose.find(sentence) + match.start()
            return _day_moment(block, start, start + len(match.group(0)), when)
    return None


def _day_moment(block: TextBlock, start: int, end: int, day: dt.date) -> Moment:
    """A day-precision moment for words that name a day without a date ("this afternoon")."""
    text = block.prose[start:end]
    stamp = Stamp(start, end, text, day, None, None, None, None)
    when = dt.datetime.combine(day, dt.time(0))
    return Moment(stamp, block, block.span(start, end), when, True, None, kinds=frozenset())
