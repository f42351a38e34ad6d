"""The start of a story told in days (issue 14, date-only milestones): a document that gives
no time of day anywhere, and tells the day the incident fell on plainly at its opening ("On
May 8, 2024, we ran into an error generating the proofs", or a "Date:" line under a title
that names the same day), starts on that day. The value is the day alone (read as its
midnight, `precision: day`): no time is invented, and no minutes are counted from it.

A day written elsewhere (background, a lesson, a follow-up) or a dated header that nothing
else confirms (a post's own date above "last week, our service ...") is not used: measured,
a bare publication day was more often the writing's than the incident's.
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
    """The day the opening prose tells first, in a document with no time of day, when the
    sentence opens with that day or a date line repeats the title's day; None when the
    document tells times, tells no such day, or another milestone falls on an earlier day."""
    if any(m.has_time and m.when is not None for m in moments):
        return None  # a story told in times starts at a time (or nowhere)
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


def _opens_the_sentence(moment: Moment) -> bool:
    at = moment.stamp.start
    return _ON_THE_DAY.search(moment.block.prose, max(0, at - 40), at) is not None


def _dated_twice(doc: Document, moment: Moment) -> bool:
    """A "Date:" line whose day the title also names ("2021-08-13 - Blank screen ...")."""
    if moment.label is None or _DATE_LABEL.match(moment.label.strip(" *_")) is None:
        return False
    title_days = {s.date for s in find_stamps(doc.title or "") if s.date and s.year_known}
    return moment.when is not None and moment.when.date() in title_days
