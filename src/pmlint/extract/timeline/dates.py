"""The day each timestamp falls on: the document's own date, how it writes numeric dates, and
the date a reader carries down the document from one time to the next (`Dates`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from pmlint.document import Document, TextBlock, key_values
from pmlint.extract.timeline.model import Moment
from pmlint.extract.timestamps import NO_YEAR, WEEKDAY_NAME, Stamp, find_stamps


def day_first(blocks: Sequence[TextBlock]) -> bool | None:
    """Whether the document writes numeric dates day first: True where it writes a day over 12
    first somewhere (29-09-2021, 29/09/2021), False where it writes one second (06/30/2023,
    06-30-2023), None when it does not show (`find_stamps` then reads 3/11/2024 month first
    and 03-10-2021 day first)."""
    found: bool | None = None
    ambiguous: list[tuple[int, int, int]] = []
    for block in blocks:
        for match in _NUMERIC_DATE.finditer(block.prose):
            if int(match.group(1)) > 12:
                return True
            if int(match.group(3)) > 12:
                found = False
            elif match.group(2) == "/" and len(ambiguous) < _AMBIGUOUS_DATES:
                year = int(match.group(4))
                ambiguous.append((int(match.group(1)), int(match.group(3)), year))
        for match in _SHORT_SLASH.finditer(block.prose) if "/" in block.prose else ():
            # "14/09 10:00", "6/3 10:00": a yearless day and month before a time
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return True
            if second > 12:
                found = False
            elif len(ambiguous) < _AMBIGUOUS_DATES:
                ambiguous.append((first, second, 2000))
    if found is None and len(ambiguous) >= 2:
        # "05/01/2023 22:40", then "06/01/2023 00:30": read month first they are a month
        # apart, day first a day; a timeline's dates lie close together
        by_day, by_month = _span(ambiguous, day_first=True), _span(ambiguous, day_first=False)
        if by_day is not None and by_month is not None and by_day * 4 < by_month:
            return True
    return found


_SHORT_SLASH = re.compile(
    r"(?<![\w/.:,-])(\d{1,2})/(\d{1,2})(?![\d/])(?=,?[ \t]+(?:at[ \t]+)?\d{1,2}[:h.]\d{2}(?!\d))"
)
# How many ambiguous slashed dates are weighed (a timeline's first few tell its habit).
_AMBIGUOUS_DATES = 24


def _span(dates: Sequence[tuple[int, int, int]], day_first: bool) -> int | None:
    """Days between the earliest and the latest date, read day first or month first (None
    when a reading makes an impossible date)."""
    days = []
    for a, b, year in dates:
        day, month = (a, b) if day_first else (b, a)
        try:
            days.append(dt.date(year + (2000 if year < 100 else 0), month, day))
        except ValueError:
            return None
    return (max(days) - min(days)).days


# Opens with the first digit, then looks behind it: re skips to the digits (twice as fast
# as `(?<![\d/.-])(\d{1,2})`, the same matches).
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.-]\d)\d?)([/.-])(\d{1,2})\2(\d{2,4})")

# "Unless noted otherwise, every event below took place on 2021-06-14": the day of undated entries.
_DEFAULT_DAY = re.compile(
    r"\b(?:unless (?:otherwise )?(?:noted|stated|specified)"
    r"|all (?:events|entries|times)\b[^.]{0,40}"
    r"\b(?:on|happened|occurred))",
    re.IGNORECASE,
)
_DATE_RANGE = re.compile(r"^\s*(?:[-–—]|to|until|till|through|and)\s*$", re.IGNORECASE)
# Between the two ends of a range of times: "02:10 and approximately 04:45", "09:00 to 09:50"
_RANGE_LINK = re.compile(
    r"^\s*(?:[-–—]|to|until|till|through|and)(?:\s+(?:about|around|approximately|roughly))?\s*$",
    re.IGNORECASE,
)


NO_DAY = dt.date(1970, 1, 1)  # the stand-in day of times no text dates
# "## Day 2", "### Day 3:": a timeline's day counted in words
_DAY_NUMBER = re.compile(r"\A[\s*_#]*day\s+(\d{1,2})[\s*_:.-]*\Z", re.IGNORECASE)
# "(next day) 09:10", "The following morning, 08:30": the times after it are a day later
_NEXT_DAY = re.compile(
    r"\b(?:(?:the\s+)?(?:next|following)\s+(?:day|morning)|the\s+day\s+after)\b[^\n]{0,12}$",
    re.IGNORECASE,
)


# The day the report was written, published or updated, named so: "Published: 2023-05-12",
# "| Report date | 2023-05-12 |", "Last updated 12 May 2023", "*Posted on 12 May 2023*",
# "**Update 2nd February 2021:** the vendor found the cause" (a note added days later). It
# dates the writing, not the incident: the times after it do not take it.
_WRITING_LABEL = re.compile(
    r"\b(?:publish(?:ed|ing)?|posted|written|authored|(?:last\s+)?updated?|last\s+modified"
    r"|modified|edited|revised|reviewed|report(?:\s+(?:date|written|published|created))"
    r"|date\s+of\s+(?:the\s+)?(?:report|writing|publication|review)|created)"
    r"(?:\s+(?:on|at|by\s+[^:\n]{1,40}?\s+on))?[\s*_:|-]*$",
    re.IGNORECASE,
)


def names_the_writing(before: str, label: str | None = None) -> bool:
    """Is the date after `before` (the text of its line up to it) or in the field `label` the
    day the report was written, published or updated, rather than the incident's?"""
    if label is not None and _WRITING_LABEL.search(label.strip(" *_:")):
        return True
    return _WRITING_LABEL.search(before) is not None


# A day told as before the incident's: "On the day before, 2023-05-16, we renewed ...",
# "until last week (2019-03-20)", "two days earlier (May 3)". It is the lead-up's day: the
# times told after it are not on it.
_BEFORE_THE_DAY = re.compile(
    r"\b(?:(?:the\s+)?(?:previous|prior|preceding)\s+(?:day|week|night|evening)"
    r"|(?:the\s+)?(?:day|night|evening|week)\s+before|last\s+week"
    r"|(?:a|one|two|three|several|a\s+few|\d{1,2})\s+(?:days?|weeks?)\s+(?:earlier|before|ago))"
    r"[\s,(:-]*(?:on\s+)?$",
    re.IGNORECASE,
)


def told_before_the_day(before: str) -> bool:
    """Is the date after `before` (the text up to it) told as a day before the incident's?"""
    return _BEFORE_THE_DAY.search(before) is not None


# A time in an entry told as the day before the entry's ("08:45: noticed the sensor had sent
# nothing since about 9pm the previous evening", "last night at 23:10"): the evening before
# the day the timeline is on, and no step on its clock.
_DAY_BEFORE_AFTER = re.compile(
    r"[ \t]{0,3}(?:on\s+)?(?:the\s+(?:previous|prior|preceding)\s+(?:day|evening|night|afternoon)"
    r"|the\s+(?:night|evening|day|afternoon)\s+before|last\s+(?:night|evening)|yesterday)\b",
    re.IGNORECASE,
)
_DAY_BEFORE_BEFORE = re.compile(
    r"\b(?:the\s+(?:previous|prior|preceding)\s+(?:day|evening|night|afternoon)"
    r"|the\s+(?:night|evening|day|afternoon)\s+before|last\s+(?:night|evening)|yesterday)"
    r",?\s+(?:at\s+|around\s+|about\s+|approximately\s+)*\Z",
    re.IGNORECASE,
)


def told_day_before(text: str, start: int, end: int) -> bool:
    """Is the time at `start`-`end` of an entry told as on the day before the entry's ("since
    9pm the previous evening", "yesterday at 23:10")?"""
    return (
        _DAY_BEFORE_AFTER.match(text, end) is not None
        or _DAY_BEFORE_BEFORE.search(text, max(0, start - 40), start) is not None
    )


def told_next_day(before: str) -> bool:
    """Does the text just before a time say it was the next day ("deployed the next morning
    at 09:15", "the following day, at 10:00")?"""
    return _NEXT_DAY.search(before) is not None


# A timeline that names its days by the weekday: a heading "### Thursday" ("Thursday
# morning", "**Fri**"), or an entry "Thu 09:00", "Thursday, 11:20". The times after it are on
# the next such weekday from the day so far (the same day when it is that weekday).
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_WORD = rf"(?P<weekday>{WEEKDAY_NAME})\.?"
_WEEKDAY_HEADING = re.compile(
    rf"\A[\s*_#]*(?:on\s+)?{_WEEKDAY_WORD}(?:\s+(?:morning|afternoon|evening|night))?"
    r"[\s*_:.,-]*\Z",
    re.IGNORECASE,
)
_WEEKDAY_BEFORE = re.compile(
    rf"(?:^|[\s*_|>(-])(?:on\s+)?{_WEEKDAY_WORD}(?:\s+(?:morning|afternoon|evening|night))?"
    r"[\s*_,]*(?:at\s+|@\s*)?$",
    re.IGNORECASE,
)
# "Three days later, 09:00", "2 days later at 14:00": the times after it are that many days on.
_DAYS_LATER = re.compile(
    r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+days\s+(?:later|after(?:wards)?)\b"
    r"[^\n]{0,12}$",
    re.IGNORECASE,
)
RELATIVE = "relative"  # the `date_style` of such an entry's day
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


# "On Monday the 22nd", "Monday, the 3rd": a weekday and a day of the month, no month, at the
# opening of a paragraph.
_WEEKDAY_THE_NTH = re.compile(
    rf"\A[\s*_]*(?:on\s+)?{_WEEKDAY_WORD},?\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_DAY_OF_MONTH_LEAD = 40
# "Last Wednesday, in the afternoon, ...", "On Thursday, things ...": a weekday alone opening
# a paragraph, then a comma.
_WEEKDAY_OPENING = re.compile(
    rf"\A[\s*_]*(?:(?:on|last|this\s+past)\s+){_WEEKDAY_WORD}"
    r"(?:\s+(?:morning|afternoon|evening|night))?,",
    re.IGNORECASE,
)


def _weekday_ahead(day: dt.date, name: str) -> dt.date:
    """The first day on or after `day` that is the weekday `name` ("thu", "Thursday")."""
    target = _WEEKDAY_NAMES.index(name[:3].lower())
    return day + dt.timedelta(days=(target - day.weekday()) % 7)


class Dates:
    """The day each timestamp falls on, as a reader carries it down the document: a date written
    once (an entry, a date heading, a bold date line) holds for the times after it; a time past
    midnight after a late one is the next day; a date with no year takes the document's; a
    year that differs from its neighbours' by one but matches their days is a typo."""

    def __init__(
        self, document_day: dt.date | None, day_first: bool | None, year: int | None = None
    ) -> None:
        self.document_day = document_day
        # The year of the first full date the text writes: the year of "June 3" when no date
        # comes before it ("from June 3 to June 4, 2023").
        self.year = year
        self.day_first = day_first
        self.current: dt.date | None = document_day
        self.default: dt.date | None = None
        self.last_time: dt.time | None = None
        self.last_day: dt.date | None = None  # the day of `last_time`, when one is known
        # Was `last_time` read on a timeline? A timeline that opens after a summary retells
        # the story from its start: only a night between them is a new day (`_went_back`).
        self.last_on_timeline = False
        self.midnights = 0  # times past midnight with no day known: "23:51", then "00:04"
        self.day_one: dt.date | None = None  # the day a timeline's "Day 1" heading is on
        self.slip: tuple[dt.date, dt.date] | None = None  # a mistyped date and the day meant
        # The year of each month and day written with one: "On June 17th, 2020 ...", then
        # "... on June 17th at around 18:00" is that day told again.
        self.written: dict[tuple[int, int], int] = {}
        # The days a status page stamped its updates on ("Posted Jan 12, 2021 - 23:06 UTC"),
        # when two at least agree on the year: the page's clock, which makes no typo.
        self.posted: list[dt.date] = []
        # The two times of the window prose told last, when it ends on the day it began.
        self.window: tuple[dt.time, dt.time] | None = None
        # The days written with their year, in order (`_weekday_meant`).
        self.dated: list[dt.date] = []

    def told_day(self, block: TextBlock, before: str = "") -> None:
        """A timeline that tells its days in words: a heading "Day 2" (counted from the day
        its "Day 1" is on), or "(next day)", "the following morning" before a time. The times
        after it are on that day."""
        if block.kind == "heading" or (block.kind == "paragraph" and not before):
            named = _WEEKDAY_HEADING.fullmatch(block.prose.strip())
            if named is not None and self.current is not None:
                # "### Thursday", "**Thursday**": the entries below are on that weekday
                self.current = _weekday_ahead(self.current, named["weekday"])
                self.last_time, self.default = None, None
                return
            if block.kind != "heading":
                return
            match = _DAY_NUMBER.fullmatch(block.prose.strip())
            if match is None or self.current is None:
                return
            number = int(match.group(1))
            if self.day_one is None or number == 1:
                self.day_one = self.current
            self.current = self.day_one + dt.timedelta(days=number - 1)
        elif self.current is not None and _NEXT_DAY.search(before):
            self.current = self.current + dt.timedelta(days=1)
        elif self.current is not None and (later := _DAYS_LATER.search(before)) is not None:
            amount = later["n"].lower()
            days = int(amount) if amount.isdigit() else _NUMBER_WORDS[amount]
            self.current = self.current + dt.timedelta(days=days)
        elif self.current is not None and (named := _WEEKDAY_BEFORE.search(before)) is not None:
            moved = _weekday_ahead(self.current, named["weekday"])
            if moved == self.current:
                return  # "Mon 10:30" on the Monday: the day it was already
            self.current = moved
        else:
            return
        self.last_time, self.default = None, None

    def told_day_of_month(self, text: str) -> None:
        """A paragraph of a story told in prose that names its day by weekday and day of the
        month ("On Monday the 22nd, in the afternoon hours, we added capacity"): the times
        told after it are on that day, in the month of the day the story is on (or the next
        one), when that day is the weekday named (a check against misreading)."""
        if self.current is None:
            return
        match = _WEEKDAY_THE_NTH.search(text[:_DAY_OF_MONTH_LEAD])
        if match is None:
            self._told_weekday(text)
            return
        number = int(match["day"])
        for month_ahead in (0, 1):
            first = self.current.replace(day=1)
            if month_ahead:
                first = (first + dt.timedelta(days=32)).replace(day=1)
            try:
                day = first.replace(day=number)
            except ValueError:
                continue
            if (
                day >= self.current
                and _WEEKDAY_NAMES[day.weekday()] == match["weekday"][:3].lower()
            ):
                if day != self.current:
                    self.current, self.last_time, self.default = day, None, None
                return

    def _told_weekday(self, text: str) -> None:
        """A paragraph of a post's story that opens with its weekday ("Last Wednesday, in
        the afternoon, ...", "On Thursday, things turned for the worse."): the times told
        after it are on that weekday, the next one on from the day the story is on, or, while
        the story is still on the day the post was written, the last one before it."""
        match = _WEEKDAY_OPENING.search(text[:_DAY_OF_MONTH_LEAD])
        if match is None or self.current is None or self.document_day is None:
            return
        if self.current > self.document_day:
            return
        if self.current == self.document_day:
            day = _weekday_ahead(self.current - dt.timedelta(days=7), match["weekday"])
            if day == self.current:
                return  # "On Monday" in a post written on a Monday: that day
        else:
            day = _weekday_ahead(self.current, match["weekday"])
            if day > self.document_day:
                return
        if day != self.current:
            self.current, self.last_time, self.default = day, None, None

    def undated_day(self) -> dt.date:
        """The stand-in day of a time whose day no text gives: a fixed day, one later for
        each midnight the times have gone past, so "23:51" then "00:04" stay in order."""
        return NO_DAY + dt.timedelta(days=self.midnights)

    def place(
        self,
        stamp: Stamp,
        block: TextBlock,
        in_timeline: bool,
        previous: Stamp | None,
        between: str,
        later: Stamp | None = None,
        writing: bool = False,
        weekday: str | None = None,
        posting: bool = False,
    ) -> dt.date | None:
        """The day of `stamp`, carrying the days written before it; a date that names the
        writing (`writing`: "Published: 2023-05-12") is its own day and carries to nothing;
        `weekday`: the weekday's name written right before the date ("Thursday 5 March");
        `posting`: a status update's posting line, days after the incident ("Jan 17, 2018
        15:09" under a header window that ended on the 16th), is its own day and time and
        carries to nothing."""
        if writing and stamp.date is not None and stamp.time is None and not in_timeline:
            return self._with_year(stamp)
        if posting:
            return self._with_year(stamp)
        date = self._with_year(stamp)
        if date is not None and stamp.date is not None:
            if stamp.year_known:
                self.dated.append(date)
            elif weekday is not None:
                date = self._weekday_meant(date, weekday)
        if date is None and later is not None:
            date = self._with_year(later)  # "from 02:05 to 03:40 UTC on 2023-09-12"
        if in_timeline and date is not None:
            date = self._slipped(date, stamp)
        if date is not None:
            second_of_range = (
                previous is not None and previous.date is not None and _DATE_RANGE.match(between)
            )
            # "On August 1 from 21:00 UTC to August 2 5:00 UTC, ...": prose goes on from the
            # window's first end, so the day and clock of its second end carry to nothing
            told_end = not in_timeline and _range_end(previous, between)
            if told_end and stamp.time is not None:
                return date
            if block.kind == "heading":
                self.default = None  # a date heading starts a new day for what follows
            if in_timeline and block.kind == "paragraph" and _DEFAULT_DAY.search(block.prose):
                self.default = date
            if not second_of_range:
                if date != self.current:
                    self.last_time = None
                self.current = date
            if stamp.time is not None:
                self.last_time, self.last_day = stamp.time, date
                self.last_on_timeline = in_timeline
            return date
        day = self.default if (in_timeline and self.default is not None) else self.current
        if previous is not None and previous.time is not None and _CONVERSION.match(between):
            # "21:48 (6:48 PDT)", "10:00 PST / 18:00 UTC": the same moment in another zone,
            # written beside it: no step on the clock
            return self.last_day if self.last_day is not None else day
        inside = (
            # "between 00:01 and 19:27 UTC ... We rerouted traffic between 01:00 and 02:00
            # UTC": a time in prose within the window just told is that day's, no night passed
            not in_timeline
            and self.window is not None
            and stamp.time is not None
            and self.last_time == self.window[1]
            and self.window[0] <= stamp.time <= self.window[1]
        )
        late_then_early = (
            self.last_time is not None
            and stamp.time is not None
            and not inside
            and _went_back(self.last_time, stamp.time, in_timeline and self.last_on_timeline)
            # "2021-04-11 23:10" then "01:20" under "all events on 2021-04-12": already the
            # next day, not the one after
            and (day is None or self.last_day is None or day <= self.last_day)
        )
        if (
            day is not None
            and late_then_early
            and not in_timeline
            and _range_end(previous, between)
        ):
            # "(23:55 UTC to 01:30 UTC)" in a summary: the window's end is the next day, and
            # what is told after it (a timeline from 23:55) is not moved a day on
            return day + dt.timedelta(days=1)
        if day is not None and late_then_early:
            day = day + dt.timedelta(days=1)  # the timeline went past midnight
            if self.default is not None and in_timeline:
                self.default = day
            else:
                self.current = day
        elif late_then_early:
            self.midnights += 1
        if stamp.time is not None:
            self.window = None
            if (
                not in_timeline
                and previous is not None
                and previous.time is not None
                and _range_end(previous, between)
                and previous.time <= stamp.time
            ):
                self.window = (previous.time, stamp.time)
            self.last_time, self.last_day = stamp.time, day
            self.last_on_timeline = in_timeline
        return day

    def _weekday_meant(self, date: dt.date, weekday: str) -> dt.date:
        """The day a date written without its year means when its weekday is not that day's
        but is the weekday of a day written before with the same day of the month and its
        year ("On Thursday 5 March 2015 ...", then "On Thursday 5 January, from 07:04 ...",
        5 January 2015 being a Monday): the month is the slip, the weekday and the day agree
        with the day already told."""
        named = _WEEKDAY_NAMES.index(weekday[:3].lower())
        if date.weekday() == named:
            return date
        for told in reversed(self.dated):
            if told.day == date.day and told.month != date.month and told.weekday() == named:
                return told
        return date

    def _slipped(self, date: dt.date, stamp: Stamp) -> dt.date:
        """A timeline entry dated days before the entries above it, on the document's own day,
        while its clock goes on minutes after theirs ("### 2021-06-28 14:09", then "### 2021-06-11
        14:15"), carries a mistyped date: it and the entries written with the same date keep
        the day the story is on. (A stream told newest first steps back a day at a time.)"""
        if self.slip is not None and date == self.slip[0]:
            return self.slip[1]
        current, last = self.current, self.last_time
        if (
            current is None
            or last is None
            or stamp.time is None
            or self.document_day != current
            or (current - date).days <= 1
        ):
            return date
        step = dt.datetime.combine(NO_DAY, stamp.time) - dt.datetime.combine(NO_DAY, last)
        if dt.timedelta(0) <= step <= _SLIP_STEP:
            self.slip = (date, current)
            return current
        return date

    def _in_the_story_year(self, date: dt.date) -> bool:
        """Is `date` written in the year of the day the timeline is on?"""
        return self.current is not None and self.current.year == date.year

    def day_of(self, stamp: Stamp) -> dt.date | None:
        """The day `stamp` names, its year filled in as `place` would; nothing is carried."""
        return self._with_year(stamp)

    def _with_year(self, stamp: Stamp) -> dt.date | None:
        date = stamp.date
        if date is None:
            return None
        reference = self.current or self.document_day
        if not stamp.year_known:
            told = self.written.get((date.month, date.day))
            if told is not None:
                return _replace_year(date, told)
            if reference is None:
                return None if self.year is None else _replace_year(date, self.year)
            placed = _replace_year(date, reference.year)
            if placed is None:
                return None
            if self.document_day is None:
                return placed
            if self.current is not None and (self.current - placed).days > _AFTER_THE_WRITING:
                # "[12-05 16:21]", then "[03-20 16:46]": a story told in order went on to the
                # next year, not months back (unless that is after the report's own day)
                placed = _replace_year(date, reference.year + 1) or placed
            if (placed - self.document_day).days > _AFTER_THE_WRITING:
                # "[12-05 16:21] the bug is introduced" in a report of March 2019: months after
                # the report's own day, so the December before
                return _replace_year(date, placed.year - 1)
            return placed
        stamped = _posted_year_meant(date, self.posted)
        if stamped is not None:
            self.written.setdefault((date.month, date.day), stamped.year)
            return stamped
        if self.posted and date in self.posted:
            return date  # the page's own stamp: no typo of the prose's year
        if reference is not None and abs(date.year - reference.year) == 1:
            fixed = _replace_year(date, reference.year)
            if fixed is not None and abs((fixed - reference).days) <= 7:
                return fixed  # "2022-06-02" among 2023-06-0x entries
        own = _own_day_meant(date, self.document_day)
        if own is not None and own.year != date.year and self._in_the_story_year(date):
            # A year the story is already told in is no typo, however far from the
            # document's own day ("### 2020-11-25", "### 2020-12-06", "### 2020-12-09" under
            # a file named 2019-12-11: set right one by one, the last would go back a year
            # before the others). A month is still set right ("2019-02-25" for March).
            own = None
        if own is not None:
            return own
        self.written.setdefault((date.month, date.day), date.year)
        return date


def _posted_year_meant(date: dt.date, posted: Sequence[dt.date]) -> dt.date | None:
    """The day a write-up means by a date a year off the days its status page stamped its
    updates on ("On January 12, 2020 ..." over updates posted Jan 12, 2021): the year the
    page stamped, when that puts the date within a week of its updates. None otherwise."""
    if not posted or date.year == posted[0].year or abs(date.year - posted[0].year) != 1:
        return None
    fixed = _replace_year(date, posted[0].year)
    if fixed is None or min(abs((fixed - day).days) for day in posted) > 7:
        return None
    return fixed


def _own_day_meant(date: dt.date, own: dt.date | None) -> dt.date | None:
    """The day a date mistyped in one field means: a date far from the document's own day
    (its front matter, title or file name) that, with its year or its month set to the own
    day's, falls beside it ("2015-08-15" under a timeline of a report dated 2019-08-15,
    "2019-02-25 23:04" in a report titled "March 26th, 2019") is a typo of that field. A
    year typo is one key or digit (any year of the decade around), a month's one step."""
    if own is None or abs((date - own).days) <= _TYPO_FAR:
        return None
    fixed: dt.date | None = None
    if date.month == own.month or abs((date.replace(day=1) - own.replace(day=1)).days) > 40:
        if date.month == own.month and _year_typo(date.year, own.year):
            fixed = _replace_year(date, own.year)
    elif date.year == own.year and abs(date.month - own.month) == 1:
        try:
            fixed = date.replace(month=own.month)
        except ValueError:  # "02-30" has no month of its own
            return None
    if fixed is None or abs((fixed - own).days) > _TYPO_NEAR:
        return None
    return fixed


def _year_typo(year: int, own: int) -> bool:
    """Could `year` be a typo of `own`: a year of the decade around it, or one digit struck
    wrong ("2033" for 2023)?"""
    if 0 < abs(year - own) <= _TYPO_YEARS:
        return True
    written, meant = str(year), str(own)
    return (
        len(written) == len(meant) and sum(a != b for a, b in zip(written, meant, strict=True)) == 1
    )


# A mistyped date is far from the document's own day (weeks: not a neighbouring day of the
# story told), and set right it is on that day or beside it (a night before, a day after).
_TYPO_FAR = 20
_TYPO_NEAR = 2
_TYPO_YEARS = 9


# How many days after the document's own day a yearless date may fall and still be in its
# year (a report dated in March tells no December of the same year).
_AFTER_THE_WRITING = 60
# How far a mistyped date's clock may go on from the entry before it: the next step of the
# same story, not a later chapter.
_SLIP_STEP = dt.timedelta(hours=2)
# A timeline told in order that goes back this far in the clock has gone on to the next day
# ("16:20 first reports", then "09:10 uploads failing" the next morning); a step back of
# minutes is an entry told out of order. Prose tells back and forth: there only a night
# ("23:10", then "01:20") is the next day.
NEXT_DAY_BACK = dt.timedelta(hours=6)
# Between a time and the same time in another zone: "21:48 (6:48 PDT)", "10:00 PST / 18:00".
_CONVERSION = re.compile(r"^\s*(?:\(|/|=|\[)\s*(?:or\s+|i\.e\.\s+)?$", re.IGNORECASE)


def _range_end(previous: Stamp | None, between: str) -> bool:
    """Is the time the second end of a range written with the one before it?"""
    return previous is not None and previous.time is not None and bool(_RANGE_LINK.match(between))


def _went_back(last: dt.time, time: dt.time, in_timeline: bool) -> bool:
    """Has the clock gone past midnight between two undated times?"""
    if not in_timeline:
        return last >= dt.time(18) and time < dt.time(8)
    back = dt.datetime.combine(NO_DAY, last) - dt.datetime.combine(NO_DAY, time)
    return back >= NEXT_DAY_BACK


# "... 03:40 UTC on 2023-09-12", "### 14:00 UTC, 2023-04-02", "16:45 UTC (2023-06-03)",
# "23:25 UTC on the 16/02/2023"
_ON_DATE = re.compile(
    r"(?:\b(?:on|of)\s+(?:the\s+)?|,\s*|\(\s*[*_]{0,2})(?:\w+day,?\s+)?$", re.IGNORECASE
)
# "At 6:40 AM PST March 8 we found ...": the date right after the time and its zone
_BLANKS = re.compile(r"[ \t]*")


def date_after(text: str, stamps: list[Stamp], index: int) -> Stamp | None:
    """The date written after a time in the same sentence ("02:10 and 04:45 UTC on 3 Feb
    2022"), for a time that has none of its own."""
    stamp = stamps[index]
    if stamp.date is not None or stamp.time is None:
        return None
    before = stamp
    for later in stamps[index + 1 : index + 4]:
        gap = text[stamp.end : later.start]
        if len(gap) > 80 or ". " in gap or "\n\n" in gap:
            return None
        if later.date is not None:
            if later.time is None and (
                _ON_DATE.search(text, before.end, later.start)
                or _BLANKS.fullmatch(text, before.end, later.start)
            ):
                return later
            return None
        if not _RANGE_LINK.match(text[before.end : later.start]):
            # "restored at 11:46 PM, and by 1:00 AM on June 5th": a time told after it, not
            # the other end of its range ("02:10 and 04:45 UTC on 3 Feb"), owns that day
            return None
        before = later
    return None


def first_year(blocks: Sequence[TextBlock], day_first: bool | None) -> int | None:
    """The year of the first date written with one, in the document's prose."""
    for block in blocks:
        if _YEAR_HINT.search(block.prose) is None:
            continue
        for stamp in find_stamps(block.prose, day_first):
            if stamp.date is not None and stamp.year_known:
                return stamp.date.year
    for block in blocks:
        # "Summary of the Service Event in the Sydney Region (June 2016)": a title that gives
        # the month and year gives the year of "June 4th" below it
        title = block.kind == "heading" and (block.section is None or block.section.level <= 1)
        month_year = _MONTH_YEAR.search(block.prose) if title else None
        if month_year is not None:
            return int(month_year.group("year"))
    return None


_YEAR_HINT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH_YEAR = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?,?\s(?P<year>(?:19|20)\d\d)"
    r"(?!\d)"
)


def month_year(blocks: Sequence[TextBlock]) -> int | None:
    """The year a month is written with in the prose ("Written in February 2021", "the
    outage of March 2020"), when it is the only one: the year of the yearless dates of a
    document that writes no full date and names no year in its title or file name."""
    years: set[int] = set()
    for block in blocks:
        if _YEAR_HINT.search(block.prose) is None:
            continue
        years.update(int(m.group("year")) for m in _MONTH_YEAR.finditer(block.prose))
        if len(years) > 1:
            return None
    return years.pop() if years else None


def _replace_year(date: dt.date, year: int) -> dt.date | None:
    try:
        return date.replace(year=year) if date.year == NO_YEAR or date.year != year else date
    except ValueError:  # 29 February
        return None


def document_date(doc: Document, day_first: bool | None = None) -> dt.date | None:
    """The incident's date as the document gives it before any timeline: front matter, the
    title, the file name (numeric dates read as `day_first` says, as in `find_stamps`)."""
    day = front_matter_date(doc)
    if day is None and doc.title:
        day = _dated(doc.title, day_first)
    return day if day is not None else file_name_date(doc, day_first)


def file_name_date(doc: Document, day_first: bool | None = None) -> dt.date | None:
    """The date the document's file name gives ("2025-03-26-api-outage.md")."""
    return _dated(_FILE_DATE_GAP.sub(" ", doc.path.rsplit("/", 1)[-1]), day_first)


def _dated(text: str, day_first: bool | None) -> dt.date | None:
    """The first full date (with its year) that `text` writes."""
    stamps = [s for s in find_stamps(text.replace("_", " "), day_first) if s.date and s.year_known]
    return stamps[0].date if stamps else None


def named_year(doc: Document) -> int | None:
    """The year the title or the file name gives alone ("# Outage report 2020",
    "docs-outage-2019-10.md"): the year of the yearless dates below it, when no date with a
    year is written anywhere."""
    for text in (doc.title or "", doc.path.rsplit("/", 1)[-1]):
        years = {int(m.group(0)) for m in _YEAR_HINT.finditer(text)}
        if len(years) == 1:
            return years.pop()
    return None


def address_date(doc: Document) -> dt.date | None:
    """The date that the address the document was copied from writes: a
    `<!-- source: ... -->` line above it or a front-matter `source:` or `url:`
    (".../reports/incident-2025-07-28-001", "repo:5-April-22/README.md"). A report's address
    often names its incident's day where its text names none."""
    for address in _addresses(doc):
        found = _ADDRESS_DAY.search(address)
        if found is not None:
            try:
                return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                pass
        found = _ADDRESS_NAMED_DAY.search(address)
        if found is not None:
            year = int(found["y"]) if len(found["y"]) == 4 else 2000 + int(found["y"])
            month = _MONTHS.index(found["m"][:3].lower()) + 1
            try:
                return dt.date(year, month, int(found["d"]))
            except ValueError:
                pass
    return None


def _addresses(doc: Document) -> list[str]:
    """The addresses the document names as its own: a source comment above it, front matter."""
    found = []
    for line in doc.lines[:5]:
        match = _SOURCE_COMMENT.match(line.lstrip())
        if match is not None:
            found.append(match["address"])
        elif line.strip() and not line.lstrip().startswith("<!--"):
            break
    for key, value in doc.meta.items():
        if str(key).lower() in _ADDRESS_KEYS and isinstance(value, str):
            found.append(value)
    return found


_SOURCE_COMMENT = re.compile(r"<!--\s*(?:source|url|from|origin(?:al)?)\s*:\s*(?P<address>\S+)")
_ADDRESS_KEYS = ("source", "url", "link", "permalink", "original_url", "canonical_url")
# "incident-2025-07-28-001", "2021_03_05": a year, a month and a day with one mark between
# them, not part of a longer number or word. (A blog files its posts by the day they were
# published, "/2012/06/18/amazon-outage/", often days after the incident "last night"
# told: no day of the incident.)
_ADDRESS_DAY = re.compile(
    r"(?<![\dA-Za-z])(?P<y>(?:19|20)\d\d)(?P<sep>[-_.])(?P<m>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?![\dA-Za-z])"
)
# "5-April-22", "05-apr-2022"
_ADDRESS_NAMED_DAY = re.compile(
    r"(?<![\dA-Za-z])(?P<d>[0-2]?\d|3[01])[-_](?P<m>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]{0,6})[-_](?P<y>(?:19|20)\d\d|\d\d)(?![\dA-Za-z])",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# "outage-2019-07-24.md": the slug's hyphen before the date is a gap, not part of a number.
_FILE_DATE_GAP = re.compile(r"-(?=\d{4}-\d{2}-\d{2}(?!\d))")


# Front-matter keys that date the document, most wanted first: its date, or when the post was
# written or published (Jekyll's `created_at`, Hugo's `publishDate`).
_DATE_KEYS = (
    "date",
    "created_at",
    "created",
    "published_at",
    "published",
    "publishdate",
    "pubdate",
    "date_published",
    "posted",
    "posted_at",
)


def front_matter_date(doc: Document) -> dt.date | None:
    """The date of the document's front matter (`date:`, else when the post was written or
    published: `created_at:`), as YAML or as text."""
    meta = doc.meta
    if not meta and doc.meta_error is not None and doc.meta_lines is not None:
        # a front matter YAML refuses ("title: Post-mortem: ..." with a second colon) still
        # dates the post to a reader: its lines read one key and value each
        first, last = doc.meta_lines
        meta = key_values(list(doc.lines[first : last - 1]))
    keys = {str(k).lower(): k for k in meta}
    key = next((keys[k] for k in _DATE_KEYS if k in keys), None)
    value = meta.get(key) if key is not None else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        stamps = find_stamps(value)
        if stamps and stamps[0].date is not None:
            day = stamps[0].date
            year = _LAST_YEAR.search(value)
            if not stamps[0].year_known and year is not None:
                # "Mon Sep 24 21:00:00 CEST 2012": the year after the time and its zone
                try:
                    return day.replace(year=int(year.group(0)))
                except ValueError:  # 29 February
                    return None
            return day
    return None


_LAST_YEAR = re.compile(r"\b(?:19|20)\d\d\s*\Z")


# A day told relative to the day of writing, in the time's sentence: "Yesterday at 18:20 UTC",
# "at 23:10 last night", "on Saturday at 14:00"; "today", "this morning" hold the day itself.
_RELATIVE = re.compile(
    r"\b(?:(?P<back>yesterday|last night)|(?P<same>today|tonight|this (?:morning|afternoon"
    r"|evening))|(?:on|last|this past)\s+(?P<weekday>mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
# A date right after the weekday ("Sunday, 2023-10-14", "Sunday 14 October", "Sunday, Oct 14"):
# the weekday names the day written, not one counted back from the day of writing.
_DATE_NEXT = re.compile(
    r",?[ \t]{1,3}(?:the[ \t]{1,3})?(?:\d{1,4}(?![:h.]\d|\d)"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]{1,3}\d)"
)
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
# How far before a time its relative day may be written, and after it ("18:20 UTC yesterday").
_RELATIVE_BEFORE, _RELATIVE_AFTER = 60, 24


def _relative_day(prose: str, start: int, end: int, writing: dt.date) -> dt.date | None:
    """The day a time's sentence names relative to the day of writing (None: none)."""
    left = max(0, start - _RELATIVE_BEFORE)
    window = prose[left:start] + " " + prose[end : end + _RELATIVE_AFTER]
    cut = start - left
    # only within the time's sentence: what a full stop separates is another's
    before_stop = max(window.rfind(". ", 0, cut), window.rfind("\n", 0, cut))
    after_stop = min(
        (i for i in (window.find(". ", cut), window.find("\n", cut)) if i >= 0),
        default=len(window),
    )
    match = _RELATIVE.search(window, before_stop + 1, after_stop)
    if match is None:
        return None
    if match.group("back"):
        return writing - dt.timedelta(days=1)
    if match.group("same"):
        return writing
    if _DATE_NEXT.match(window, match.end()):
        return None  # "On Friday, 2022-03-11 from 12:00": the weekday of the date written
    wanted = _WEEKDAYS.index(match.group("weekday").lower())
    return writing - dt.timedelta(days=(writing.weekday() - wanted) % 7)


def relative_days(moments: Sequence[Moment], document_day: dt.date | None = None) -> None:
    """Times whose day is the day of writing (a post's date), told relative to it ("Yesterday at
    18:20 UTC a record was pushed ... corrected at 18:49"): moved to the day they name, and
    the times after them in the text with them, until a date or another relative day. Only
    where no date in the document comes before the day of writing: then the text names the
    incident's days itself. A time that a timeline carried past midnight ("Yesterday, 22:10",
    then "Today, 07:30") is on the day it names all the same: the day of writing is the
    earliest day an undated time was given, and each named day is counted from it."""
    dated = [m.when.date() for m in moments if m.stamp.date is not None and m.when is not None]
    earliest = min(dated, default=None)
    undated = [
        m.when.date()
        for m in moments
        if m.stamp.date is None and m.when is not None and m.has_time and m.day_known
    ]
    if not undated:
        return
    writing = min(undated)
    if document_day is not None and document_day > writing:
        # the story's days told by weekday before the day of writing ("On Thursday, ...")
        # are not it: the document's own day is
        writing = document_day
    shift: dt.timedelta | None = None
    for moment in sorted(moments, key=lambda m: (m.line, m.span.column)):
        if moment.stamp.date is not None:
            shift = None
            continue
        if moment.when is None or not moment.has_time or not moment.day_known:
            continue
        day = moment.when.date()
        if earliest is not None and earliest < day:
            continue
        told = _relative_day(moment.block.prose, moment.stamp.start, moment.stamp.end, writing)
        if told is not None:
            shift = told - day
        if shift:
            moment.when = moment.when + shift


# A bare hour this far below a morning one is the afternoon ("11:50 AM", then "1:05"); a step
# back of an hour or two is an entry told out of order.
_BACK_TO_AFTERNOON = 3
# Where a 12-hour timeline is on the clock: its half of the day ("am" or "pm") and the hour
# of its last time, or None before any 12-hour time (or in a 24-hour timeline).
Clock = tuple[str, int] | None


def carry_afternoon(stamp: Stamp, clock: Clock) -> tuple[Stamp, Clock]:
    """A 12-hour timeline writes AM or PM on some times only: "1:00 PM ET", then "4:00 ET"
    means 4 PM; "11:50 AM", then "12:10" (noon) and "1:05" means 1:05 PM. An hour written
    without AM/PM (and without a leading zero, as a 24-hour clock writes "04:00") keeps the
    afternoon, or enters it where the hour goes back from a morning one. Returns the time as
    meant and where the timeline is after it (a 24-hour time past 12 ends the reading)."""
    time = stamp.time
    if time is None:
        return stamp, clock
    if stamp.clock == "12h":
        return stamp, ("pm" if time.hour >= 12 else "am", time.hour % 12 or 12)
    if time.hour >= 13 or time.hour == 0:
        return stamp, None  # a 24-hour clock
    bare = stamp.text.split()[0] if stamp.date is None and stamp.text.split() else ""
    if _PADDED_CLOCK.fullmatch(bare):
        # "09:10", "09:50", then "10:35": an hour written with its leading zero is a 24-hour
        # clock's, whatever the window above it ended at ("between 09:10 and 12:25 UTC")
        return stamp, None
    if not _BARE_CLOCK.fullmatch(bare):
        return stamp, clock
    if clock is None:
        # a timeline that never writes AM or PM nor an hour past 12 ("11:50", "12:10",
        # "1:15") is on a 12-hour clock too: its hours go back past noon, not to the night
        return stamp, ("pm", 12) if time.hour == 12 else ("am", time.hour)
    half, last = clock
    if time.hour == 12:
        return stamp, ("pm", 12)  # noon, after the morning
    if half == "pm" or last - time.hour >= _BACK_TO_AFTERNOON:
        return dataclasses.replace(stamp, time=time.replace(hour=time.hour + 12)), ("pm", time.hour)
    return stamp, ("am", time.hour)


_BARE_CLOCK = re.compile(r"(?:1[0-2]|[1-9]):[0-5]\d")
_PADDED_CLOCK = re.compile(r"0\d:[0-5]\d")


# A timeline entry that opens with a day told relative to the entries before it and gives no
# time: "On Tuesday morning the index was rebuilt", "The following Monday we removed the old
# schema", "Two days later the vendor restored the link", "The next day: ...". It is on that
# day, at day precision: a careful reader places it on the day and gives it no minute.
RELATIVE = "relative"  # the `date_style` of such an entry's day
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_RELATIVE_ENTRY = re.compile(
    r"\A[\s*_>|-]*(?:(?:early|late|later)\s+)?(?:on\s+|by\s+)?(?:"
    # a weekday in full, not a possessive ("Friday's deploy") nor a word that starts like an
    # abbreviation ("Sat down with the vendor")
    r"(?:the\s+)?(?:(?P<next>next|following)\s+)?"
    r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?!['’])"
    r"|(?:the\s+)?(?:next|following)\s+(?P<part>day|morning|afternoon|evening|night)\b"
    r"|the\s+day\s+after\b"
    r"|(?P<count>\d{1,2}|an?|one|two|three|four|five|six)\s+(?P<unit>days?|weeks?)\s+later\b)"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)


def relative_entry_day(text: str, day: dt.date, last: dt.time | None) -> tuple[int, dt.date] | None:
    """The day a timeless entry opening with a relative day is on, counted from `day` (the
    day of the entries before it, `last` the last time told on it), with the offset where its
    words end; None when the entry does not open so, or names the day it is already on."""
    match = _RELATIVE_ENTRY.match(text)
    if match is None:
        return None
    if match["weekday"]:
        wanted = _WEEKDAY_NAMES.index(match["weekday"][:3].lower())
        ahead = (wanted - day.weekday()) % 7
        if ahead == 0 and match["next"]:
            ahead = 7  # "the following Monday", told on a Monday
        elif ahead == 0:
            return None  # "On Monday" on the Monday: no step, and no minute to give it
        return match.end(), day + dt.timedelta(days=ahead)
    if match["count"]:
        count = _NUMBER_WORDS.get(match["count"].lower()) or int(match["count"])
        days = count * (7 if match["unit"].lower().startswith("week") else 1)
        return match.end(), day + dt.timedelta(days=days)
    if match["part"] and match["part"].lower() == "morning" and last is not None and last.hour < 6:
        return match.end(), day  # told past midnight already: "the next morning" is that day
    return match.end(), day + dt.timedelta(days=1)
