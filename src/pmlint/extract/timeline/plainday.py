"""The start of a story told in days (issue 14, date-only milestones): a document that gives
no time of day anywhere, and tells the day the incident fell on plainly at its opening ("On
May 8, 2024, we ran into an error generating the proofs", or a "Date:" line under a title
that names the same day), starts on that day. The value is the day alone (read as its
midnight, `precision: day`): no time is invented, and no minutes are counted from it.

A day written elsewhere (background, a lesson, a follow-up) or a dated header that nothing
else confirms (a post's own date above "last week, our service ...") is not used: measured,
a bare publication day was more often the writing's than the incident's. Where a scraped
page's title line or posting day comes first, the first day that opens its sentence is read,
when no day told before it is earlier. A document that also tells times of day starts on the
opening's day only where its sentence tells the harm began ("On January 1, 2025, customers
started experiencing ...") and every time is on a later day (a maintenance, a rollback).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from pmlint.document import Document, TextBlock
from pmlint.extract.timeline.model import PROSE, Moment
from pmlint.extract.timestamps import find_stamps

# "On May 8, 2024, ...", "On Saturday, October 18th, 2025, ...": the day opens the sentence.
# (One class of blanks before "on": blanks and other non-words in two classes backtrack.)
_ON_THE_DAY = re.compile(r"(?:^|[.!?:])\s*on\s+(?:the\s+)?$", re.IGNORECASE)
# A header line that dates the document ("Date: 13 August, 2021", "Incident date: ...").
_DATE_LABEL = re.compile(r"^(?:incident\s+|outage\s+)?date(?:\s+of\s+(?:the\s+)?incident)?$", re.I)


def plain_day_start(
    doc: Document,
    moments: Sequence[Moment],
    result: Mapping[str, Moment | None],
    opening: Callable[[TextBlock], bool],
) -> Moment | None:
    """The day the opening prose tells first, in a document with no time of day (or whose
    times all fall on later days, the opening telling the harm began), when the sentence opens
    with that day or a date line repeats the title's day; None when the document tells times
    of that day or before, tells no such day, or another milestone falls on an earlier day."""
    timed = [m for m in moments if m.has_time and m.when is not None]
    days = sorted(
        (
            m
            for m in moments
            if m.source == PROSE
            and m.when is not None
            and m.day_known
            and not m.has_time
            and opening(m.block)
        ),
        key=lambda m: (m.line, m.span.column),
    )
    if not days:
        return None
    first = days[0]
    if not (_opens_the_sentence(first) or _dated_twice(doc, first)):
        # a scraped page's title line or its posting day before the story's first sentence
        # ("... Improvement Areas: Nov 18 Azure Storage ...", "Posted on December 17, 2014",
        # then "On November 18, 2014, many customers experienced ..."): the first day that
        # opens its sentence, where no day told before it is earlier
        opener = next((m for m in days if _opens_the_sentence(m)), None)
        if (
            opener is not None
            and all(
                m.when.date() >= opener.when.date()  # type: ignore[union-attr]
                for m in days[: days.index(opener)]
            )
        ):
            first = opener
    if timed and not _before_every_time(first, timed):
        return None  # a story told in times starts at a time (or nowhere)
    if not (_opens_the_sentence(first) or _dated_twice(doc, first)):
        return None
    day = first.when.date()  # type: ignore[union-attr]
    for other in result.values():
        if (
            other is not None
            and other.when is not None
            and other.day_known
            and other.when.date() < day
        ):
            return None  # told after something the document says came earlier
    return first


# The harm told begun in the sentence the day opens: "On January 1, 2025, customers started
# experiencing intermittent timeouts", "On November 18, 2014, many customers experienced a
# service interruption".
_BEGAN = re.compile(
    r"\b(?:start(?:ed|ing)\s+(?:to\s+)?(?:experienc|see|fail|return|report)\w*|began\s+(?:to\s+)?"
    r"(?:experienc|see|fail|return)\w*|experienced)\b",
    re.IGNORECASE,
)


def _before_every_time(first: Moment, timed: Sequence[Moment]) -> bool:
    """In a document that also tells times of day: is the opening's day, on which its
    sentence says the harm began, a day before every time the document tells (times of a
    later maintenance, a later rollback)? Then the story starts on that day all the same."""
    day = first.when.date()  # type: ignore[union-attr]
    if any(m.when.date() <= day for m in timed):  # type: ignore[union-attr]
        return False
    prose, at = first.block.prose, first.stamp.end
    stop = min(
        (i for i in (prose.find(". ", at), prose.find("\n", at)) if i >= 0), default=len(prose)
    )
    return _BEGAN.search(prose, at, stop) is not None


def _opens_the_sentence(moment: Moment) -> bool:
    at = moment.stamp.start
    return _ON_THE_DAY.search(moment.block.prose, max(0, at - 40), at) is not None


def _dated_twice(doc: Document, moment: Moment) -> bool:
    """A "Date:" line whose day the title also names ("2021-08-13 - Blank screen ...")."""
    if moment.label is None or _DATE_LABEL.match(moment.label.strip(" *_")) is None:
        return False
    title_days = {s.date for s in find_stamps(doc.title or "") if s.date and s.year_known}
    return moment.when is not None and moment.when.date() in title_days
