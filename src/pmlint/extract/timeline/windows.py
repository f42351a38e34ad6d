"""Impact windows: the spans a summary, impact or metadata section states ("from 02:05 to
03:40 UTC", "between 02:10 and 04:45", "22:40–01:15", "began at A and ended at B", "lasted until"),
the shapes a length gives with one end ("a 34 minute outage starting at", "lasted 20 minutes and
ended at"), windows told in days, and what keeps a stated window honest (a header's window gone
stale, a maintenance, a lead-up day). `choose` picks the milestones from them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

from pmlint.document import TextBlock
from pmlint.extract.durations import Stated, stated_durations
from pmlint.extract.milestones import HOW_RANGE, HOW_TIMELINE
from pmlint.extract.timeline.entries import NOT_AN_END
from pmlint.extract.timeline.model import (
    EVENT,
    FIELD,
    PROSE,
    Moment,
    minute_after,
    utc,
    zoned_alike,
)
from pmlint.extract.timestamps import WEEKDAY_NAME

# "from 02:05 to 03:40 UTC", "between 02:10 and 04:45", "22:40–01:15", "began at A and ended
# at B": the impact window a summary states.
_ENDING = r"(?:end(?:ed|ing)|recover(?:ed|ing)|resolv(?:ed|ing)|was resolved|stopp(?:ed|ing))"
# Every alternative starts with a non-blank, so the leading blanks are scanned once.
# "and lasted until", "and continued through": the impact ran to the second time
_LASTED = r"(?:and\s+)?(?:lasted|continued|persisted|ran)\s+(?:until|till|through|to)"
_WINDOW_LINK = re.compile(
    # "28 Feb 2017 (~1738) to 01 Mar 2017 (~2054)": the first end's parenthesis closes first
    # ("and resolved by 10:47": an end word, then "by" as well as "at")
    rf"^\)?\s*(?:[-–—]+|to|until|till|through|,\s*(?:and\s+)?{_ENDING}(?:\s+by)?"
    rf"|(?:and\s+)?{_ENDING}(?:\s+by)?"
    rf"|{_LASTED}|and)"
    # "to approximately 10:47", "until about 10:47", "– ~10:47": a hedge on the end
    r"(?:\s+at)?(?:\s*(?:about|around|approximately|approx\.|roughly|~)(?=[\s\d]))?"
    # "and ending on March 12, 2024 00:48": the second time's date is part of its stamp, so
    # "on" may stand alone before it
    r"\s*(?:on(?:\s+[^,.;]{0,20}?)?\s+)?$",
    re.IGNORECASE,
)
# Where a stated window is the incident's: the summary, the impact, the incident's details
# ("Timeframe: September 16, 4:06 pm – 4:38 pm") and the prose under the title.
WINDOW_SECTIONS = ("summary", "impact", "metadata", None)
# The words just before a window's first time that make it an end, not a start.
ENDS_BEFORE = re.compile(
    r"\b(?:mitigated|resolved|restored|recovered|fixed|ended|stopped|closed)\s+(?:at|by|on)"
    r"(?:\s+(?:about|around|approximately))?\s*$"
    # "the two relays stayed dark until 06:10 and 06:45 respectively": each time is an end
    r"|\b(?:until|till)(?:\s+(?:about|around|approximately))?\s*$"
    # "The outage was discovered and reported internally by 22:50 GMT and resolved at 23:01
    # GMT": the noticing and the end, not a window
    r"|\b(?:discovered|detected|noticed|spotted|reported|alerted|identified)"
    r"(?:\s+and\s+\w+)?(?:\s+(?:internally|to\s+us|to\s+the\s+team))?\s+(?:at|by|on)"
    r"(?:\s+(?:about|around|approximately))?\s*$",
    re.IGNORECASE,
)
# "our record of the start was changed from 11:42 to 11:40", "moved from 9:00 to
# 9:30": a time corrected or rescheduled, its old and new value, not a window.
_CORRECTED_FROM = re.compile(
    r"\b(?:changed|corrected|updated|amended|adjusted|moved|rescheduled|shifted)\s+from\s*$",
    re.IGNORECASE,
)
# " on 4 May 2021 to ", " on June 3 to ", ", 3 March 2024 through ", " on Thursday, 3 March
# 2024, through " (a comma closing the day): the first time's day, written between the two ends
_ON_DAY = re.compile(
    r"^\s*(?:,\s*)?(?:on\s+)?(?:\w+day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?(?:,?\s+\d{4})?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2}),?(?=\s)"
)

# A window told as maintenance ("we conducted an emergency network maintenance from October 7,
# 22:00 UTC to October 8, 02:00 UTC", "during a scheduled maintenance window between 04:00 and
# 09:00 UTC") is the work's window, not the impact's: it neither ends nor measures the impact.
_MAINTENANCE = re.compile(r"\bmaintenance\b", re.IGNORECASE)

# An aside in parentheses after the first end: "between 12.39 UTC (block #8647535) and
# 17.17 UTC", "from ~12:00 (maybe before) to 17:55 CEST" (no time in it: the times are in
# order, so a time there would be the second end).
_ASIDE = re.compile(r"^\s*\([^()\n]{1,40}\)")


def impact_windows(moments: list[Moment]) -> list[tuple[Moment, Moment]]:
    """Impact windows stated in the summary, the impact section or the lead prose."""
    return impact_windows_apart(moments)[0]


def impact_windows_apart(
    moments: list[Moment],
) -> tuple[list[tuple[Moment, Moment]], list[tuple[Moment, Moment]]]:
    """The impact windows (`impact_windows`), and apart from them the windows a status
    history states for its other incidents (`_first_incidents`)."""
    windows = _stated_windows(moments)
    if any(m.source == EVENT and m.has_time for m in moments):
        return windows, []  # a timeline tells one incident's story: its windows are one's
    kept = _first_incidents(windows)
    return kept, [w for w in windows if all(w is not k for k in kept)]


def _stated_windows(moments: list[Moment]) -> list[tuple[Moment, Moment]]:
    """Every window stated in the summary, the impact section or the lead prose."""
    windows: list[tuple[Moment, Moment]] = []
    # The times in order; a date written after a time ("21:10 on 4 May to 03:30 on 5 May")
    # is that time's day, not an end of the window.
    timed = [m for m in moments if m.has_time]
    for first, second in itertools.pairwise(timed):
        if first.block is not second.block or first.when is None or second.when is None:
            continue
        nearest = first.block.nearest_canonical()
        if nearest not in WINDOW_SECTIONS:
            continue
        if first.source <= FIELD and second.source <= FIELD and first.label != second.label:
            continue  # two fields; one that holds a range ("Date: A to B") is a window
        link = first.block.prose[first.stamp.end : second.stamp.start]
        if "(" in link:
            link = _ASIDE.sub(" ", link, count=1)
        if not _WINDOW_LINK.match(_ON_DAY.sub(" ", link, count=1)):
            continue
        if ENDS_BEFORE.search(first.block.prose, max(0, first.stamp.start - 40), first.stamp.start):
            continue  # "mitigated at 16:20 and resolved at 16:45": two ends, not a window
        if _CORRECTED_FROM.search(
            first.block.prose, max(0, first.stamp.start - 40), first.stamp.start
        ):
            continue  # "the start was changed from 11:42 to 11:40": a time corrected
        if _maintenance(first, second):
            continue  # "an emergency maintenance window between 04:00 and 09:00": not the impact's
        if _RECURRING.search(first.block.prose, max(0, first.stamp.start - 40), first.stamp.start):
            continue  # "Release schedule: Tue-Thu 12am to 4am": a window every week, no incident
        end = second
        began = first.when
        if began.tzinfo is None and second.when.tzinfo is not None:
            # "from 21:10 on 4 May to 03:30 on 5 May US/Eastern": one zone for both ends
            began = began.replace(tzinfo=second.when.tzinfo)
            first = _zoned(first, began, second)
        if utc(second.when) < utc(began) and not second.stamp.date:
            # "22:40–01:15 UTC": the end is on the next day
            end = _shifted(second, dt.timedelta(days=1))
        if any(_same_interval(first, end, *known) for known in windows):
            continue  # "10:02 to 10:47 UTC (3:02 to 3:47 AM PDT)": one window in two zones
        windows.append((first, end))
    if not windows:
        for first, second in itertools.pairwise(timed):
            told = _window_lasted_until(first, second)
            if told is not None:
                windows.append(told)
                break
    if not windows:
        for moment in timed:
            back = _window_back_from_end(moment)
            if back is not None:
                windows.append(back)
                break
    if not windows:
        for moment in timed:
            on = _window_on_from_start(moment)
            if on is not None:
                windows.append(on)
                break
    return windows


# How far apart, in days, two windows a page states may lie and still be one incident's (a
# window across days, its periods of impact, a header's and a report's window).
_OTHER_INCIDENT = dt.timedelta(days=7)
# How many windows a history lists at least (two, newest first, are as often one story's
# windows told back from its end).
_HISTORY = 3


def _first_incidents(windows: list[tuple[Moment, Moment]]) -> list[tuple[Moment, Moment]]:
    """A status history lists incidents one under the other ("10.Feb.2020 from 17:30 CET -
    11.Feb.2020 08:30 CET", then "06.Nov.2019 from 16:00-17:00 CET", "2.May.2019 ..."): a
    window that begins more than a week from the first one told is another incident's, not a
    period of this one, and its ends do not stretch the first (the page's report is the
    incident it tells first). A status page's header window is judged apart
    (`without_stale_header`), and is no first window to judge by."""
    report = [w for w in windows if not _header_window(w)]
    if len(report) < _HISTORY:
        return windows
    first = report[0][0]
    if first.when is None or not first.day_known:
        return windows
    days = [w[0].when.date() for w in report if w[0].when is not None and w[0].day_known]
    if any(b > a for a, b in itertools.pairwise(days)):
        return windows  # not listed newest first, as a history is: one story's windows
    return [
        w
        for w in windows
        if _header_window(w)
        or w[0].block is first.block  # one sentence's or paragraph's windows: one story
        or w[0].when is None
        or not w[0].day_known
        or abs(w[0].when.date() - first.when.date()) <= _OTHER_INCIDENT
    ]


def in_a_range(moment: Moment, moments: Sequence[Moment]) -> bool:
    """Whether the moment's time is one end of a range its sentence writes ("we identified
    elevated errors between 00:19 and 01:14", "customers may have observed errors from 02:26
    to 03:40"), wherever it is written: the window of what was seen, not when anyone saw it."""
    if not moment.has_time:
        return False
    for other in moments:
        if other is moment or other.block is not moment.block or not other.has_time:
            continue
        ahead = other.stamp.end <= moment.stamp.start
        first, second = (other, moment) if ahead else (moment, other)
        link = first.block.prose[first.stamp.end : second.stamp.start]
        if "(" in link:
            link = _ASIDE.sub(" ", link, count=1)
        if _WINDOW_LINK.match(_ON_DAY.sub(" ", link, count=1)) and not ENDS_BEFORE.search(
            first.block.prose, max(0, first.stamp.start - 40), first.stamp.start
        ):
            return True
    return False


# "we experienced a 34 minute outage starting at 14:44 UTC", "the API was down for nineteen
# minutes this morning starting at 12:00AM ET": a length told before the start it runs from,
# the words between naming the time of day at most. (A start told first and its length after,
# "beginning at 06:48 ... for a duration of 54 minutes", is not this shape: the readers of the
# cloud reports that write it leave the end empty.)
_STARTING_AT = re.compile(
    r"(?<![^\s,])\s{0,3}(?:(?:this|that|last|yesterday)\s{1,3}(?:morning|afternoon|evening|night)"
    r"\s{1,3}|today\s{1,3})?(?:starting|beginning)(?:\s{1,3}(?:at|around|about|approximately))*"
    r"\s{0,3}\Z",
    re.IGNORECASE,
)


def _window_on_from_start(moment: Moment) -> tuple[Moment, Moment] | None:
    """The window a length told right before its start's time ("a 34 minute outage starting
    at 14:44 UTC") reaches on over; None when the time's sentence tells no length right
    before "starting at"."""
    if moment.when is None or moment.block.nearest_canonical() not in WINDOW_SECTIONS:
        return None
    prose, at = moment.block.prose, moment.stamp.start
    link = _STARTING_AT.search(prose, max(0, at - 60), at)
    if link is None:
        return None
    head, told = _length_told_before(prose, link.start())
    if not told:
        return None
    if len(told) > 1 or re.search(r"\banother\b|\bperiods?\b", head, re.IGNORECASE):
        return None  # "down for 60 minutes and for another 17 minutes", "periods of 7 minutes"
    end = _shifted(moment, dt.timedelta(minutes=told[-1].minutes))
    end.kinds = frozenset({"resolved"})
    return moment, end


# "Duration of interruption was 4 minutes 58s, ending at 13:50 UTC today", "The outage
# lasted 20 minutes and ended at 13:50 UTC": a length told with its end, the end's time
# right after it, is a window reaching back from that end (not a start at the end's time).
# (Blank runs bounded: the pattern is tried at every place of a run of blanks.)
_ENDING_AT = re.compile(
    r"(?<![^\s,])\s{0,3}(?:and\s{1,3})?(?:ending|ended|finishing|finished)"
    r"(?:\s{1,3}(?:at|by|around|about|approximately))*\s{0,3}\Z",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n\s*\n")


def _window_back_from_end(moment: Moment) -> tuple[Moment, Moment] | None:
    """The window a length told just before its end's time reaches back over; None when the
    time's sentence tells no length right before "ending at"."""
    if moment.when is None or moment.block.nearest_canonical() not in WINDOW_SECTIONS:
        return None
    prose, at = moment.block.prose, moment.stamp.start
    link = _ENDING_AT.search(prose, max(0, at - 40), at)
    if link is None:
        return None
    _, told = _length_told_before(prose, link.start())
    if not told:
        return None
    start = _shifted(moment, -dt.timedelta(minutes=told[-1].minutes))
    start.kinds = frozenset({"start"})
    return start, moment


def _length_told_before(prose: str, at: int) -> tuple[str, list[Stated]]:
    """The sentence's words before offset `at` and the lengths they state, when a length
    ends right at `at` ("a 34 minute outage| starting at", "lasted 20 minutes| and ended
    at") and no maintenance is told; else no lengths."""
    head = prose[max(0, at - 200) : at]
    breaks = list(SENTENCE_BREAK.finditer(head))
    head = head[breaks[-1].end() :] if breaks else head
    told = stated_durations(head)
    if not told or len(head) - told[-1].end > 1 or _MAINTENANCE.search(head):
        return head, []
    return head, told


# Days that recur right before a window: "Tue-Thu 12am to 4am", "Mon–Fri from 09:00 to
# 17:00", "every Sunday between 02:00 and 04:00", "daily from 01:00 to 01:30".
_RECURRING = re.compile(
    rf"(?:\b{WEEKDAY_NAME}\.?\s*(?:-|–|—|to|through|thru)\s*{WEEKDAY_NAME}\.?"
    rf"|\b(?:every|each)\s+(?:{WEEKDAY_NAME}|day|night|week(?:day|end)?)s?"
    r"|\b(?:daily|nightly|weekdays|weekends|weekly))"
    r",?\s+(?:(?:from|between|at)\s+)?\Z",
    re.IGNORECASE,
)


# "..., and lasted until approximately 21:05", "... sent until March 13th 10:00 PST": the
# impact told to last until a time (not "were not noticed until 10:47").
_LASTS_UNTIL = re.compile(
    r"\b(?:until|till)\s+(?:(?:about|around|approximately|roughly|~)\s*)?\Z", re.IGNORECASE
)
# A hold the team put on something, not the impact: "we paused deploys until 16:00", "we kept
# the old cluster running until", "waited until".
_HELD_BY_US = re.compile(
    r"\b(?:we|I|the\s+team|our\s+team)\s+(?:\w+\s+)?"
    r"(?:paus|froze|freez|halt|hold|held|kept|keep|wait|postpon|defer)\w*\b",
    re.IGNORECASE,
)
# What may come before a passage's first time where it opens the passage: "At approximately
# 20:45", "On March 10th around 23:50".
_OPENS_AT = re.compile(
    r"(?:^|[.!?]\s+)"
    # a day named before it as a word: "Today, at around 04:30 UTC", "Yesterday at 9:10"
    r"(?:(?:today|yesterday|this\s+(?:morning|afternoon|evening)|last\s+night),?\s+)?"
    r"(?:(?:at|on|around|about|approximately|from|starting|beginning|~)\b\s*"
    r"|(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?)"
    r",?\s+(?:\d{4},?\s+)?)+\Z",
    re.IGNORECASE,
)


def _window_lasted_until(first: Moment, second: Moment) -> tuple[Moment, Moment] | None:
    """The window a passage tells that opens at its first time and tells the impact lasted
    until the next ("At approximately 20:45 MDT, customers could not reach the consoles. The
    loss of access lasted until approximately 21:05 MDT"): the two times' passage, in the
    summary or the lead prose, holds no other time and no paragraph break."""
    block = first.block
    if (
        block is not second.block
        or first.when is None
        or second.when is None
        or block.nearest_canonical() not in WINDOW_SECTIONS
    ):
        return None
    prose = block.prose
    if _LASTS_UNTIL.search(prose, max(0, second.stamp.start - 30), second.stamp.start) is None:
        return None
    link = prose[first.stamp.end : second.stamp.start]
    if len(link) > 300 or "\n\n" in link or len(SENTENCE_BREAK.findall(link)) > 1:
        return None
    told = SENTENCE_BREAK.split(link)[-1]
    if NOT_AN_END.search(told) is not None or _HELD_BY_US.search(told) is not None:
        return None  # "... and the errors were not noticed until 10:47", "we paused deploys until"
    if _OPENS_AT.search(prose, max(0, first.stamp.start - 40), first.stamp.start) is None:
        return None
    if utc(second.when) <= utc(first.when) or _maintenance(first, second):
        return None
    return first, second


# A status page's header window: "Incident began at 2016-06-28 18:55 and ended at ...".
_HEADER_WINDOW = re.compile(r"\bincident\s+began\s+at\s*\Z", re.IGNORECASE)


def _header_window(window: tuple[Moment, Moment]) -> bool:
    """Is the window a status page's header ("Incident began at ... and ended at ...")?"""
    begin = window[0]
    return (
        _HEADER_WINDOW.search(begin.block.prose, max(0, begin.stamp.start - 40), begin.stamp.start)
        is not None
    )


def impact_ends(windows: Sequence[tuple[Moment, Moment]]) -> tuple[Moment, Moment]:
    """The start and end of the stated windows (`outer_ends`), a status page's header window
    ("Incident began at 18:25 and ended at 19:27") apart: it spans the status incident, whose
    opening may come before the impact the report's own window tells ("instances in all
    regions lost external connectivity from 19:09 to 19:27"), so the report's start is the
    impact's. The header's end still counts where it is later, on a day the report's windows
    touch (it closes the incident); a header on another day altogether (a mirror's stale
    header) counts for nothing."""
    report = [w for w in windows if not _header_window(w)]
    if not report or len(report) == len(windows):
        return outer_ends(windows)
    return outer_ends(report)[0], outer_ends(without_stale_header(list(windows)))[1]


def without_stale_header(
    windows: list[tuple[Moment, Moment]],
) -> list[tuple[Moment, Moment]]:
    """The windows, less a status page's header window on days the report's own windows do
    not touch (a mirror's stale header, "Incident began at 2025-08-04 07:42 ..." over a report
    of 18 July 07:50 - 09:47): as in `impact_ends`, it counts for nothing, so neither does
    its length; and less the report's windows that ended before a kept header's first day
    (`_before_the_header`)."""
    report = [w for w in windows if not _header_window(w)]
    if not report or len(report) == len(windows):
        return windows
    days = {m.when.date() for w in report for m in w if m.when is not None}
    return _before_the_header(
        [
            w
            for w in windows
            if not _header_window(w) or any(m.when is not None and m.when.date() in days for m in w)
        ]
    )


def _before_the_header(
    windows: list[tuple[Moment, Moment]],
) -> list[tuple[Moment, Moment]]:
    """The windows, less the report's own windows that ended before the day a status page's
    header window ("Incident began at 2018-09-11 14:53 and ended at 2018-09-14 20:30") opens:
    a report that lists every high-impact period of the problem, two of them a week earlier,
    tells earlier periods for the whole story, not the page's incident."""
    header = [w for w in windows if _header_window(w)]
    if len(header) != 1 or len(header) == len(windows) or header[0][0].when is None:
        return windows
    opened = header[0][0].when.date()
    kept = [
        w for w in windows if _header_window(w) or w[1].when is None or w[1].when.date() >= opened
    ]
    return kept if len(kept) > 1 else windows


def report_end_before_header(
    windows: Sequence[tuple[Moment, Moment]], last: Moment
) -> Moment | None:
    """The end of the report's own window ("SSD PD errors from 18:15 to 21:46 PDT"), where the
    status page's header window ("Incident began at ... 18:55 and ended at ... 21:57") ends
    the incident later: the latest end of a window told in the report, before the header's."""
    header = [
        end
        for begin, end in windows
        if end is last
        and _HEADER_WINDOW.search(
            begin.block.prose, max(0, begin.stamp.start - 40), begin.stamp.start
        )
    ]
    if not header:
        return None
    told = [
        end
        for begin, end in windows
        if end is not last
        and not _HEADER_WINDOW.search(
            begin.block.prose, max(0, begin.stamp.start - 40), begin.stamp.start
        )
        and minute_after(last, end)
    ]
    return max(told, key=lambda m: utc(m.when), default=None)  # type: ignore[arg-type]


# The impact itself said to be mitigated: "the issue was considered mitigated", "impact
# was fully mitigated", "the incident is mitigated".
DECLARED_MITIGATED = re.compile(
    r"\b(?:issue|incident|impact|outage|problem|disruption)\s+(?:was|were|is|had\s+been|has\s+been)"
    r"\s+(?:considered\s+|deemed\s+|declared\s+)?(?:fully\s+)?mitigated\b",
    re.IGNORECASE,
)


def _maintenance(first: Moment, second: Moment) -> bool:
    """Is the window from `first` to `second` told as maintenance?"""
    prose, start, end = first.block.prose, first.stamp.start, second.stamp.end
    low, high = max(0, start - _SENTENCE_REACH), min(len(prose), end + _SENTENCE_REACH)
    left = max(low - 1, prose.rfind(". ", low, start), prose.rfind("\n", low, start))
    ends = [i for i in (prose.find(". ", end, high), prose.find("\n", end, high)) if i >= 0]
    return _MAINTENANCE.search(prose, left + 1, min(ends, default=high)) is not None


# How far from a window's ends its sentence is looked for.
_SENTENCE_REACH = 300


def maintenance_start(moments: Sequence[Moment]) -> Moment | None:
    """The start of a maintenance window the document opens with, nothing told before it
    ("On August 1 from 21:00 UTC to August 2 5:00 UTC, our provider performed planned power
    maintenance. This unexpectedly led to a loss of connectivity"): the work set the impact
    off, so its start is the impact's, though its end is not the impact's end."""
    told = [m for m in moments if m.when is not None]
    for index, (first, second) in enumerate(itertools.pairwise(told)):
        if not (first.has_time and second.has_time) or first.block is not second.block:
            continue
        link = first.block.prose[first.stamp.end : second.stamp.start]
        if not _WINDOW_LINK.match(_ON_DAY.sub(" ", link, count=1)) or not _maintenance(
            first, second
        ):
            continue
        before = told[:index]
        if first.block.nearest_canonical() in WINDOW_SECTIONS and all(
            not m.has_time and m.when.date() == first.when.date()  # type: ignore[union-attr]
            for m in before
        ):
            return first
        return None
    return None


def outer_ends(windows: Sequence[tuple[Moment, Moment]]) -> tuple[Moment, Moment]:
    """The earliest start and the latest end of the stated windows: the first and last told
    unless a window told later reaches further ("the event started at 11:48 PM and ended at
    2:20 PM ... first, between 11:48 PM and 2:40 AM ... third, between 2:25 AM and 10:36 AM":
    the event ended at 2:20 PM, not at the last period's 10:36 AM)."""
    first, last = windows[0][0], windows[-1][1]
    for begin, end in windows:
        if _comparable_pair(begin, first) and utc(begin.when) < utc(first.when):  # type: ignore[arg-type]
            first = begin
        if _comparable_pair(end, last) and utc(end.when) > utc(last.when):  # type: ignore[arg-type]
            last = end
    return first, last


def _comparable_pair(a: Moment, b: Moment) -> bool:
    """Both times known, both zoned or both naive, and both on a known day."""
    if a.when is None or b.when is None or a.day_known != b.day_known:
        return False
    return zoned_alike(a.when, b.when)


def _same_interval(first: Moment, end: Moment, other_first: Moment, other_end: Moment) -> bool:
    """Do two windows cover the same instants (written in two zones)?"""
    ends = (first.when, end.when, other_first.when, other_end.when)
    if any(when is None or when.tzinfo is None for when in ends):
        return False
    return utc(first.when) == utc(other_first.when) and utc(end.when) == utc(other_end.when)  # type: ignore[arg-type]


def day_windows(
    moments: list[Moment], title: TextBlock | None = None
) -> list[tuple[Moment, Moment]]:
    """Windows stated in days alone ("between June 16 and June 18, 2020", "from 3 May to 5
    May 2021", "from April 10th, 2026 (PT) to April 14th, 2026 (PT)"), in the summary, impact,
    details or lead prose, or the days a title opens with ("May 23-25, 2024 Sync outage"): a
    day-precision start and end, used only where nothing gives the time of either."""
    windows: list[tuple[Moment, Moment]] = []
    days = [m for m in moments if not m.has_time and m.when is not None and m.day_known]
    for first, second in itertools.pairwise(days):
        if first.block is not second.block or first.block.nearest_canonical() not in (
            WINDOW_SECTIONS
        ):
            continue
        if second.when < first.when:  # type: ignore[operator]
            continue
        link = _DAY_ZONE.sub("", first.block.prose[first.stamp.end : second.stamp.start], count=1)
        if not _WINDOW_LINK.match(link):
            continue
        if _BETWEEN_BEFORE.search(
            first.block.prose, max(0, first.stamp.start - 40), first.stamp.start
        ) or (first.block is title and not first.block.prose[: first.stamp.start].strip()):
            windows.append((first, second))
    return windows


# "April 10th, 2026 (PT) to ...": the zone a day is told in says nothing of the window
_DAY_ZONE = re.compile(r"^\s*\([A-Za-z]{1,5}\)")


# A day range is a window only when the words before it open one: "between", "from",
# "lasted from" (a bare "June 16 - June 18" is as often a schedule or a heading).
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from|starting|beginning)\s+(?:on\s+)?$", re.IGNORECASE)


def day_window_over_lead_up(
    result: dict[str, Moment | None],
    how: dict[str, str],
    windows: Sequence[tuple[Moment, Moment]],
) -> None:
    """A timeline told in days alone whose first entry comes before the days the summary
    states the outage ran ("Full outage from April 10th to April 14th", under entries for a
    worm reported on March 20 and a hardening change on April 2): the entries before it are
    the lead-up, the stated window's first day is the start."""
    start = result["start"]
    if not windows or how.get("start") != HOW_TIMELINE or start is None or start.has_time:
        return
    begin = windows[0][0]
    if start.when is not None and begin.when is not None and start.when < begin.when:
        result["start"], how["start"] = begin, HOW_RANGE


def _zoned(moment: Moment, when: dt.datetime, like: Moment) -> Moment:
    copy = _shifted(moment, dt.timedelta(0))
    copy.when = when
    copy.zone_name, copy.zone_source = like.zone_name, "carried"
    return copy


def inside_the_window(
    moments: list[Moment], windows: Sequence[tuple[Moment, Moment]]
) -> list[Moment]:
    """A time told without its day after a window that runs over midnight ("Between 13:40 UTC
    on 14 March and 02:15 UTC on 15 March ... detected by monitoring at 13:52 UTC") took the
    window's last day and fell after its end: on the first day it keeps the story in order."""
    if len(windows) != 1:
        return moments
    first, end = windows[0]
    if first.when is None or end.when is None or end.when.date() - first.when.date() != ONE_DAY:
        return moments
    placed = []
    for moment in moments:
        when = moment.when
        if (
            moment.source == PROSE
            and moment.stamp.date is None
            and moment.has_time
            and when is not None
            and zoned_alike(when, end.when)
            and when.date() == end.when.date()
            and utc(when) > utc(end.when)
            and utc(first.when) <= utc(when - ONE_DAY)
        ):
            moment = _shifted(moment, -ONE_DAY)
        placed.append(moment)
    return placed


ONE_DAY = dt.timedelta(days=1)


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
