"""Find dates, times and zones in a piece of text, as written (no document context yet).

Regexes find the candidates (each is linear: no nested quantifiers); python-dateutil parses
the textual dates it matches, because month names, ordinals, weekdays and the punctuation
around them come in more variants than a hand-written parser would cover.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as date_parser

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A weekday's name, short or whole ("Thu", "Thurs", "Thursday"): one spelling for every reader.
WEEKDAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAY = rf"(?:{WEEKDAY_NAME}\.?,?\s+)?"

# UTC offsets of common abbreviations. Ambiguous ones (IST, CST in Asia) take the reading
# most postmortems mean; "PT"/"ET"-style names map to IANA zones, whose offset depends on the date.
ZONE_ABBREVIATIONS: dict[str, float | str] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "MET": 1,
    "MEST": 2,
    "EET": 2,
    "SAST": 2,  # South Africa
    "EAT": 3,  # East Africa
    "WAT": 1,  # West Africa
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "PKT": 5,  # Pakistan
    "GST": 4,  # Gulf Standard Time (UAE, Oman)
    "SGT": 8,
    "WIB": 7,  # Western Indonesia
    "PHT": 8,  # the Philippines
    "MYT": 8,  # Malaysia
    "HKT": 8,
    "JST": 9,
    "KST": 9,
    "AEST": 10,
    "AEDT": 11,
    "ACST": 9.5,
    "AWST": 8,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "BRT": -3,
    "ART": -3,
    "PT": "America/Los_Angeles",
    "MT": "America/Denver",
    "CT": "America/Chicago",
    "ET": "America/New_York",
}
# "PST/PDT": the writer means the region's clock, whichever of the two was in force.
ZONE_PAIRS: dict[str, str] = {
    "PST/PDT": "America/Los_Angeles",
    "PDT/PST": "America/Los_Angeles",
    "MST/MDT": "America/Denver",
    "CST/CDT": "America/Chicago",
    "EST/EDT": "America/New_York",
    "EDT/EST": "America/New_York",
    "CET/CEST": "Europe/Berlin",
    "CEST/CET": "Europe/Berlin",
    "GMT/BST": "Europe/London",
    "BST/GMT": "Europe/London",
    "AEST/AEDT": "Australia/Sydney",
}
ZONE_NAMES: dict[str, str] = {
    "pacific": "America/Los_Angeles",
    "mountain": "America/Denver",
    "central": "America/Chicago",
    "eastern": "America/New_York",
    "central european": "Europe/Berlin",
    "eastern european": "Europe/Helsinki",
    "western european": "Europe/Lisbon",
    "british": "Europe/London",
    "uk": "Europe/London",
    "japan": "Asia/Tokyo",
    "japanese": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "korean": "Asia/Seoul",
    "india": "Asia/Kolkata",
    "indian": "Asia/Kolkata",
    "singapore": "Asia/Singapore",
    "hong kong": "Asia/Hong_Kong",
    "china": "Asia/Shanghai",
    "australian eastern": "Australia/Sydney",
    "coordinated universal": "UTC",
    "universal": "UTC",
}
_ABBR = "|".join(sorted((re.escape(a) for a in ZONE_ABBREVIATIONS), key=len, reverse=True))
ZONE_PATTERN = (
    rf"(?:(?:UTC|GMT)\s?[+\-\u2212]\s?\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}"
    rf"|(?:{'|'.join(re.escape(p) for p in ZONE_PAIRS)})\b|(?:{_ABBR})\b"
    r"|[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?|US/[A-Z][a-z]+)"
)

_ISO = re.compile(
    r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:(?:T|\s)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?(?![\d])"
)
# "Feb 8 0117 UTC", "8 Feb 1924 UTC": four digits that make a time and that a zone follows,
# with no comma before them, are the time of a day written without its year, not a year.
_HHMM_ZONE = r"(?:[01]\d|2[0-3])[0-5]\d\s?(?:UTC|GMT|Z)(?![A-Za-z])"
_YEAR_AFTER_DAY = rf"(?:,\s*\d{{4}}|\s+(?!{_HHMM_ZONE})\d{{4}})"
_MONTH_FIRST = re.compile(
    rf"(?<![\w]){_WEEKDAY}(?P<text>{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{_YEAR_AFTER_DAY})(?!\d)",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"(?<![\w]){_WEEKDAY}(?P<text>\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{_MONTHS}\.?"
    rf"{_YEAR_AFTER_DAY}"
    # "04-Mar-2023", as logs and some reports write it, and "2025-Feb-07", its year first
    # and "10.Feb.2020", dotted, as German and Swiss status pages write it
    rf"|\d{{1,2}}-{_MONTHS}-\d{{4}}|\d{{4}}-{_MONTHS}-\d{{1,2}}|\d{{1,2}}\.{_MONTHS}\.\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# "January 5-6, 2023", "5–6 May 2021", "on October 19 and 20, 2025": a range (or a pair) of
# days that writes its month and year once; each day is a date (the second of a range does
# not move a timeline's day: `Dates.place`)
_DAYS_LINK = r"(?P<dash>\s?[-–]\s?|\s+and\s+)"
_MONTH_DAYS = re.compile(
    rf"(?<![\w]){_WEEKDAY}(?P<m>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_DAYS_LINK}"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_DAYS_MONTH = re.compile(
    rf"(?<![\w.:/-])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_DAYS_LINK}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\s+(?:of\s+)?(?P<m>{_MONTHS})\.?,?\s+(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_SLASH = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
# 2019/01/23: the year first, as ISO writes it, with slashes (no day-or-month question)
_YEAR_SLASH = re.compile(
    r"(?<![\d/.-])(?P<y>\d{4})(?:/(?P<mo>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"
    # 2023.03.10 (month and day in two digits: "2023.3.1" is as often a version) and
    # 2023-3-10, an ISO date without its zeros
    r"|\.(?P<mo2>[01]\d)\.(?P<d2>[0-3]\d)(?![\d.])|-(?P<mo3>\d)-(?P<d3>\d{1,2})(?![\d-])"
    r"|-(?P<mo4>1[0-2])-(?P<d4>\d)(?![\d-]))"
)
# 29-09-2021 and 29.09.2021: numbers with dashes or dots need a four-digit year, so that
# version strings (1.2.3) and ranges (3-5) are not read as dates.
_NUMERIC = re.compile(
    r"(?<![\d.-])(?P<a>\d{1,2})(?P<sep>[-.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d]|[-.]\d)"
)
# "April 5", "Apr. 28th", "5 April" with no year: the timeline supplies the year. Month names
# must be capitalised here, since "may 5" and "march 3" are as often a verb and a number.
_MONTHS_TITLE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_DAY = re.compile(
    rf"(?<![\w]){_WEEKDAY}(?P<text>{_MONTHS_TITLE}\.?\s+(?P<d>\d{{1,2}})"
    # "January 16th:" opening a timeline's day ("16:" alone would be an hour)
    rf"(?:(?:st|nd|rd|th)(?=:(?!\d))|(?:st|nd|rd|th)?(?![\d:A-Za-z])))"
    rf"(?!,\s*\d{{4}}|\s+(?!{_HHMM_ZONE})\d{{4}}|\.\d)"
)
_DAY_MONTH = re.compile(
    rf"(?<![\w.:]){_WEEKDAY}(?P<text>(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_TITLE})\b"
    rf"(?!\.?(?:,\s*\d{{4}}|\s+(?!{_HHMM_ZONE})\d{{4}}))"
)
# "6/3 10:00", "09/14 at 14:05", "6.3. 10:00", "[03-26 23:04]": a day and a month with no
# year, written only right before a time, as timelines that span days write their entries (a
# bare "3/4" is as often a share). The timeline supplies the year.
_SHORT_NUMERIC = re.compile(
    r"(?<![\w/.:,-])(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})|\.(?P<c>\d{1,2})\.|-(?P<e>[0-3]\d))"
    r"(?=,?[ \t]+(?:at[ \t]+)?\d{1,2}[:h.]\d{2}(?!\d))"
)
_MONTH_NUMBER = {
    name: index
    for index, names in enumerate(
        (
            (),
            ("jan",),
            ("feb",),
            ("mar",),
            ("apr",),
            ("may",),
            ("jun",),
            ("jul",),
            ("aug",),
            ("sep",),
            ("oct",),
            ("nov",),
            ("dec",),
        )
    )
    for name in names
}
_MONTH_NAME = re.compile(_MONTHS_TITLE)
# A year-less date is stored in this (leap) year until the timeline gives it its own.
NO_YEAR = 2000
_TIME = re.compile(
    r"(?<![\d:.,])(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)(?!:\d)"
    r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z])|(?P<letter>[ap])(?![\w:]))?"
)
# "11:30p", "9:27a": AM/PM as one lower-case letter written against the time, as some status
# logs do (a letter after a space is as often the next word: "at 10:00 a fix ...").
# "10h47", as French and other European writers give a time; "1h50m" is a duration.
_H_TIME = re.compile(r"(?<![\w:.])(?P<H>[01]?\d|2[0-3])h(?P<M>[0-5]\d)(?![\w])")
_BARE_HOUR = re.compile(r"(?<![\d:.])(?P<H>\d{1,2})\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z])")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\d{4}")  # ISO, month-name and day-month dates all write the year
_HOUR_HINT = re.compile(r"\d\s?[AaPp]")
_H_HINT = re.compile(r"\dh\d")
# "14.30 CET", "2.15 pm", "0930Z", "1402 UTC": a time with a dot, or four digits, only where a
# zone or AM/PM follows (a bare "14.30" is as often a version or a figure, "2023" a year).
_SUFFIX_ZONE = r"(?:UTC|GMT|Z|CES?T|BST|WES?T|EES?T|[PMCE][SD]T|[PMCE]T)(?![A-Za-z])"
# ("from 10.30 to 15.45 UTC": the first end of a window shares the zone of its second)
_DOT_SUFFIX = rf"\s?(?:[AaPp]\.?[Mm]\.?(?![A-Za-z])|{_SUFFIX_ZONE})"
_DOT_TIME = re.compile(
    r"(?<![\w.:,])(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)(?![\d.])"
    rf"(?={_DOT_SUFFIX}|\s?(?:-|\u2013|\u2014|to|until|till|and)\s?(?:[01]?\d|2[0-3])\.[0-5]\d"
    rf"{_DOT_SUFFIX})"
    r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
)
_MILITARY = re.compile(
    r"(?<![\w.:,/-])(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)(?=\s?(?:UTC|GMT|Z)(?![A-Za-z]))"
)
# "1738: Cloudinary posted ...", "~1215: changes deployed", "1727 : noticed", "(~1738)": four
# digits for a time, where a document writes its timeline so (`four_digit_clock`). Each
# alternative opens with a fixed character or a line start: linear.
_CLOCK4 = re.compile(
    r"(?:^[ \t>*_\[-]*~?|\([ ~]?)(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)(?=[ \t]?:(?!\d)|\)|\]\()",
    re.MULTILINE,
)
# "1738: ...", "[1758](link): ...": a line that opens with a four-digit time
_CLOCK4_LINE = re.compile(
    r"^[ \t>*_\[-]*~?(?:[01]\d|2[0-3])[0-5]\d(?:[ \t]?:(?!\d)|\]\()", re.MULTILINE
)
# How many lines must open with a four-digit time before the document is read so.
_CLOCK4_LINES = 2


def four_digit_clock(text: str) -> bool:
    """Does the document write its timeline's times as four digits ("1738: ...", "~1940:
    ...")? Two lines at least must open so: one alone is as often a year ("2016: moved")."""
    lines = _CLOCK4_LINE.finditer(text)
    return sum(1 for _ in itertools.islice(lines, _CLOCK4_LINES)) >= _CLOCK4_LINES


# "3:10 in the afternoon", "9:40 in the evening", "11:20 at night", "9:10 in the morning":
# the part of the day written after a 12-hour time, in place of AM or PM.
_PART_OF_DAY = re.compile(
    r"[ \t]{1,3}(?:in[ \t]+the[ \t]+(?P<pm>afternoon|evening)|in[ \t]+the[ \t]+(?P<am>morning)"
    r"|at[ \t]+(?P<night>night))\b",
    re.IGNORECASE,
)


def _part_of_day(text: str, end: int, hour: int) -> tuple[str | None, int]:
    """ "pm" or "am" from the part of the day written after a time of 1 to 12 o'clock, and
    where the words end (the time's own end when none is written)."""
    if not 1 <= hour <= 12 or text[end : end + 1] not in (" ", "\t"):
        return None, end
    match = _PART_OF_DAY.match(text, end)
    if match is None:
        return None, end
    if match["pm"] or (match["night"] and hour >= 6 and hour != 12):
        return "pm", match.end()
    return "am", match.end()


# "Starting around noon on November 15": the time of day with a name, after a word that
# makes it a time (not "a noon deploy"). "Midnight" is left out: "the job runs at midnight"
# is as often background as a step of the story.
_NOON = re.compile(
    r"\b(?:at|around|about|approximately|by|until|till|before|after|from|to|since)\s+"
    r"(?P<word>noon)\b"
    # Where a timeline writes its times, either name is the time: opening an entry or a table
    # cell ("- midnight: ...", "| 12 noon |") or right after a date ("2020-06-02 noon",
    # "March 3, 2021 at midnight").
    r"|(?:^|\|)[ \t>*_-]*(?:12[ \t]*)?(?P<lead>noon|midnight)\b"
    r"(?=[ \t*_]*(?:[:|,(-]|\u2013|\u2014))"
    r"|(?:\d|\d(?:st|nd|rd|th))(?:,?[ \t]+(?:at[ \t]+)?|[ \t]+[-\u2013\u2014][ \t]+)"
    r"(?P<dated>noon|midnight)\b",
    re.IGNORECASE | re.MULTILINE,
)


_DOT_HINT = re.compile(r"\d\.\d\d\s?[A-Za-z]|\d{4}\s?[UGZ]")
_MONTH_HINT = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
# After a time, a region's clock in words: "4:45 PM Pacific Time", "16:45 Eastern Standard
# Time", "2:10pm Eastern" (the region alone only where no other word follows that makes it a
# place: "Eastern Europe").
_ZONE_IN_WORDS = (
    r"(?:Pacific|Mountain|Central European|Central|Eastern)(?: (?:Standard|Daylight|Summer))?"
    r" [Tt]ime|(?:Pacific|Eastern)(?![\w-])(?! (?:Europe|European|Asia|Africa|region|coast))"
)
_ZONE_AFTER = re.compile(rf"\s?\(?\s?(?P<zone>{ZONE_PATTERN}|{_ZONE_IN_WORDS})\s?\)?")
# A zone written before its time, as some timelines and logs put it: "UTC 14:05", "GMT+2
# 13:02", "2024-05-02 UTC 09:14" (capitals, two letters at least: "Z" and "at 9" are not).
_LEAD_ABBR = "|".join(
    sorted((re.escape(a) for a in ZONE_ABBREVIATIONS if len(a) > 1), key=len, reverse=True)
)
_ZONE_BEFORE = re.compile(
    rf"(?<![\w+:/-])(?P<zone>(?:UTC|GMT)\s?[+-]\s?\d{{1,2}}(?::?\d{{2}})?|(?:{_LEAD_ABBR}))"
    r"[ \t]?,?[ \t]$"
)
# How far before a time its leading zone may start ("GMT+05:30 " is the longest).
_ZONE_BEFORE_REACH = 12
_ZULU = re.compile(r"Z(?![A-Za-z])")
_RANGE_HINT = re.compile(r"\d(?:\s?[-–]\s?|\s+and\s+)\d")
_PLAIN_ZONE_AFTER = re.compile(r"\s?\(?\s?(?P<zone>UTC|GMT)\b(?=\s[-–—+]\s)")
# What joins a date to its time: "Oct 3, 2022 16:45", "… at 16:45", "2023-01-04/11:34",
# "3 May, 16:45", a spaced dash, as status pages write it ("Oct 3, 2022 - 16:45 UTC"), and a
# parenthesis ("28 Feb 2017 (~1738)", "2023-01-05 (14:00 UTC)").
_JOIN = re.compile(
    r"(?:(?<!\s),?\s+(?:at\s+)?|T|/|(?<!\s)\s*[,@]\s*|(?<!\s)\s+[-–—]\s+|(?<!\s)\s?\([ ~]?)$",
    re.IGNORECASE,
)


# A dash between a date and a time, and a time just before the date that "on" gives it to.
_DASH_JOIN = re.compile(r"\A\s+[-–—]\s+\Z")
_TIME_ON = re.compile(r"\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s+on\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date and/or time as written, with offsets into the scanned text."""

    start: int
    end: int
    text: str
    date: dt.date | None
    time: dt.time | None
    clock: str | None  # "12h" | "24h" for times
    date_style: str | None  # "iso" | "month-name" | "day-month" | "slash"
    zone: str | None  # as written: "UTC", "PST", "+02:00", "Europe/Berlin"
    year_known: bool = True  # False for "April 5": the date's year is NO_YEAR until resolved


@lru_cache(maxsize=256)
def zone_info(name: str) -> dt.tzinfo | None:
    """tzinfo for a zone as written, or None when it is not one we know."""
    raw = name.strip().strip("()[]").strip().replace("\u2212", "-")  # "UTC−5": a minus sign
    upper = raw.upper().replace(" ", "")
    value = ZONE_ABBREVIATIONS.get(upper)
    if value is None and upper in ZONE_PAIRS:
        value = ZONE_PAIRS[upper]
    if value is None:
        words = raw.lower().removeprefix("us ").removesuffix(" time").strip()
        value = ZONE_NAMES.get(words.removesuffix(" standard").removesuffix(" daylight"))
        if value is None:
            value = ZONE_NAMES.get(words.removesuffix(" summer"))
    if isinstance(value, (int, float)):
        return dt.timezone(dt.timedelta(hours=value))
    if isinstance(value, str):
        return ZoneInfo(value)
    match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", upper)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        delta = dt.timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        if delta > dt.timedelta(hours=14):
            return None
        return dt.timezone(sign * delta)
    if "/" in raw:
        try:
            return ZoneInfo(raw)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


def _clock(hour: int, ampm: str | None) -> str:
    """The clock a time is written on: "23:26 PM" is the 24-hour clock's, its PM a stray
    word (`_time` reads it so), not a 12-hour time among 24-hour ones."""
    return "12h" if ampm and hour <= 12 else "24h"


def _time(hour: int, minute: int, second: int, ampm: str | None) -> dt.time | None:
    if ampm:
        if hour == 0 and ampm.lower().startswith("a"):
            hour = 12  # "00:09 AM PST": midnight written as a 24-hour clock's 00 with AM
        if 13 <= hour <= 23 and ampm.lower().startswith("p"):
            ampm = None  # "13:30pm", "23:26 PM UTC": a 24-hour clock's afternoon with PM after it
        elif not 1 <= hour <= 12:
            return None
        else:
            pm = ampm.lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        return None
    return dt.time(hour, minute, second)


# "10:01-10:02", "11:57–12:08": a range of clock times, not a time and a UTC offset; an offset
# touches a time written with its seconds or as an ISO date-time ("T10:00:00-05:00").
_SECONDS_BEFORE = re.compile(r"\d:\d\d:\d\d$")
_FRACTION = re.compile(r"\.\d{1,9}(?![\d.])")
_ATTACHED_CLOCK = re.compile(r"[-–]\d{1,2}:\d{2}(?!\d|:\d)")
_OFFSET_TIME = re.compile(r"(?:\d:\d\d:\d\d(?:\.\d+)?|T\d\d:\d\d)$")


def _zone_after(text: str, end: int) -> tuple[str | None, int]:
    if end < len(text) and text[end] == "." and _SECONDS_BEFORE.search(text, max(0, end - 8), end):
        # "18:22:01.123Z", "18:22:01.123 UTC": a log's fraction of a second, then its zone
        fraction = _FRACTION.match(text, end)
        if fraction is not None:
            zone, stop = _zone_after(text, fraction.end())
            if zone is not None:
                return zone, stop
    if end < len(text) and _ZULU.match(text, end):
        return "Z", end + 1
    if (
        end < len(text)
        and text[end] in "-–"
        and _ATTACHED_CLOCK.match(text, end)
        and not _OFFSET_TIME.search(text, max(0, end - 12), end)
    ):
        return None, end
    match = _ZONE_AFTER.match(text, end)
    if match and zone_info(match.group("zone")) is not None:
        return match.group("zone"), match.end()
    if match:
        # "14:00 UTC - 15:05 UTC": not an offset of 15 hours, a zone and then a range's dash
        plain = _PLAIN_ZONE_AFTER.match(text, end)
        if plain is not None:
            return plain.group("zone"), plain.end()
    return None, end


def _zone_before(text: str, start: int) -> tuple[str, int] | None:
    """The zone written right before a time at `start` ("UTC 14:05"), and where it starts."""
    if start < 3 or text[start - 1] not in " \t":
        return None
    offset = max(0, start - _ZONE_BEFORE_REACH)
    match = _ZONE_BEFORE.search(text[offset:start])
    if match is None or zone_info(match["zone"]) is None:
        return None
    return match["zone"], offset + match.start()


def _leading_zone(text: str, start: int) -> str | None:
    lead = _zone_before(text, start)
    return lead[0] if lead is not None else None


def zone_after(text: str, end: int) -> str | None:
    """The zone written right after offset `end` ("5 May 2021 US/Eastern"), if any."""
    return _zone_after(text, end)[0]


def find_stamps(text: str, day_first: bool | None = None, clock4: bool = False) -> list[Stamp]:
    """`_find_stamps`, once per text: the timeline reads a block whole, then its entries'
    heads and tails, its headings again for their day, and the facts read the timeline's
    blocks once more (a cold run asked 39,000 times for 20,000 texts). Stamps are frozen;
    each caller gets its own list."""
    return list(_stamps(text, day_first, clock4))


@lru_cache(maxsize=4096)
def _stamps(text: str, day_first: bool | None, clock4: bool) -> tuple[Stamp, ...]:
    return tuple(_find_stamps(text, day_first, clock4))


def _find_stamps(text: str, day_first: bool | None = None, clock4: bool = False) -> list[Stamp]:
    """Every date, time and date-time in `text`, in order, without overlaps. Numeric dates:
    `day_first` True or False is what the document shows (a day over 12 written first or
    second somewhere); None (unknown) reads slashes month first and dashes or dots day first.
    `clock4`: the document writes its timeline's times as four digits ("1738: ..."), so a
    line that opens with four digits and a colon, or "(~1738)", is a time
    (`four_digit_clock`)."""
    named = "oon" in text or "idnight" in text  # (N|n)oon, (M|m)idnight: cheap
    if _DIGIT.search(text) is None and not named:
        return []  # most prose: every pattern below needs a digit (or names noon or midnight)
    # Each family's necessary condition, found with one cheap search, spares its scans.
    with_year = _YEAR.search(text) is not None
    dates: list[tuple[int, int, dt.date, str]] = []
    for match in _ISO.finditer(text) if with_year else ():
        try:
            day = dt.date(int(match["y"]), int(match["mo"]), int(match["d"]))
        except ValueError:
            continue
        dates.append((match.start(), match.start() + 10, day, "iso"))
    for pattern, style in ((_MONTH_FIRST, "month-name"), (_DAY_FIRST, "day-month")):
        for match in pattern.finditer(text) if with_year else ():
            try:
                day = date_parser.parse(match["text"], fuzzy=False).date()
            except (ValueError, OverflowError):
                continue
            dates.append((match.start(), match.end(), day, style))
    ranged: set[int] = set()  # where a range of days starts: no yearless date there
    ranges = with_year and _MONTH_HINT.search(text) and _RANGE_HINT.search(text)
    for pattern in (_MONTH_DAYS, _DAYS_MONTH) if ranges else ():
        for match in pattern.finditer(text):
            month = _MONTH_NUMBER[match["m"][:3].lower()]
            try:
                first = dt.date(int(match["y"]), month, int(match["d1"]))
                second = dt.date(int(match["y"]), month, int(match["d2"]))
            except ValueError:
                continue
            if second <= first:
                continue
            if pattern is _MONTH_DAYS:
                dates.append((match.start(), match.start("dash"), first, "month-name"))
                dates.append((match.end("dash"), match.end(), second, "month-name"))
            else:
                dates.append((match.start(), match.start("dash"), first, "day-month"))
                dates.append((match.end("dash"), match.end(), second, "day-month"))
            ranged.add(match.start())
            ranged.add(match.start("m"))
    for match in _YEAR_SLASH.finditer(text) if with_year else ():
        month_text = match["mo"] or match["mo2"] or match["mo3"] or match["mo4"]
        day_text = match["d"] or match["d2"] or match["d3"] or match["d4"]
        try:
            day = dt.date(int(match["y"]), int(month_text), int(day_text))
        except ValueError:
            continue
        dates.append((match.start(), match.end(), day, "slash"))
    for pattern, style in ((_SLASH, "slash"), (_NUMERIC, "numeric")):
        if (style == "slash" and "/" not in text) or (style == "numeric" and not with_year):
            continue
        for match in pattern.finditer(text):
            a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
            year += 2000 if year < 100 else 0
            if style == "slash":  # 3/11/2024: month first, as US writers put it
                first_is_day = day_first is True or a > 12
            else:  # 03-11-2024, 03.11.2024: day first, as European writers put it
                first_is_day = day_first is not False and not (b > 12 >= a)
                first_is_day = first_is_day or a > 12
            month, day_of_month = (b, a) if first_is_day else (a, b)
            try:
                day = dt.date(year, month, day_of_month)
            except ValueError:
                continue
            dates.append((match.start(), match.end(), day, style))
    yearless: set[int] = set()
    short = ":" in text and ("/" in text or "." in text or "-" in text)  # a day and month, a time
    for match in _SHORT_NUMERIC.finditer(text) if short else ():
        a, b = int(match["a"]), int(match["b"] or match["c"] or match["e"])
        if match["b"]:  # 6/3: month first, as US writers put it, unless the document shows not
            first_is_day = day_first is True or a > 12
        elif match["e"]:  # 03-26: month first, as the end of an ISO date
            first_is_day = a > 12
        else:  # 6.3.: day first
            first_is_day = day_first is not False or b > 12
        month, day_of_month = (b, a) if first_is_day else (a, b)
        try:
            day = dt.date(NO_YEAR, month, day_of_month)
        except ValueError:
            continue
        yearless.add(match.start())
        dates.append((match.start(), match.end(), day, "slash" if match["b"] else "numeric"))
    for pattern in (_MONTH_DAY, _DAY_MONTH) if _MONTH_HINT.search(text) else ():
        for match in pattern.finditer(text):
            name = _MONTH_NAME.search(match["text"])
            if name is None or match.start() in ranged or match.start("text") in ranged:
                continue
            month = _MONTH_NUMBER[name.group(0)[:3].lower()]
            try:
                day = dt.date(NO_YEAR, month, int(match["d"]))
            except ValueError:
                continue
            yearless.add(match.start())
            dates.append((match.start(), match.end(), day, "month-name"))
    dates = _without_overlaps(sorted(dates, key=lambda d: (d[0], -(d[1] - d[0]))))

    times: list[tuple[int, int, dt.time, str]] = []
    for match in _TIME.finditer(text) if ":" in text else ():
        ampm, end = match["ampm"], match.end()
        if match["letter"] and 1 <= int(match["H"]) <= 12:
            ampm = match["letter"]  # "13:05p" is no 12-hour time: the letter is not its half
        if ampm is None:
            ampm, end = _part_of_day(text, end, int(match["H"]))
        value = _time(int(match["H"]), int(match["M"]), int(match["S"] or 0), ampm)
        if value is not None:
            times.append((match.start(), end, value, _clock(int(match["H"]), ampm)))
    for match in _H_TIME.finditer(text) if _H_HINT.search(text) else ():
        value = _time(int(match["H"]), int(match["M"]), 0, None)
        if value is not None:
            times.append((match.start(), match.end(), value, "24h"))
    if _DOT_HINT.search(text):
        for pattern in (_DOT_TIME, _MILITARY):
            for match in pattern.finditer(text):
                ampm = match.groupdict().get("ampm")
                value = _time(int(match["H"]), int(match["M"]), 0, ampm)
                if value is not None:
                    times.append((match.start(), match.end(), value, _clock(int(match["H"]), ampm)))
    for match in _CLOCK4.finditer(text) if clock4 else ():
        value = _time(int(match["H"]), int(match["M"]), 0, None)
        if value is not None:
            times.append((match.start("H"), match.end("M"), value, "24h"))
    for match in _NOON.finditer(text) if named else ():
        group = next(name for name in ("word", "lead", "dated") if match[name])
        hour = 0 if match[group].lower() == "midnight" else 12
        times.append((match.start(group), match.end(group), dt.time(hour), "24h"))
    for match in _BARE_HOUR.finditer(text) if _HOUR_HINT.search(text) else ():
        value = _time(int(match["H"]), 0, 0, match["ampm"])
        if value is not None:
            times.append((match.start(), match.end(), value, "12h"))
    times = _without_overlaps(sorted(times, key=lambda t: (t[0], -(t[1] - t[0]))))

    # Pairs and containment by bisection over the (ordered, disjoint) times: a scan of all
    # the times for each date was quadratic in a long timeline.
    time_starts = [t[0] for t in times]
    stamps: list[Stamp] = []
    used_times: set[int] = set()
    for start, end, day, style in dates:
        paired = None
        index = bisect.bisect_left(time_starts, end)  # the first time at or after the date
        while index < len(times) and index in used_times and time_starts[index] <= end + 6:
            index += 1
        if index < len(times) and index not in used_times:
            t_start, t_end, value, clock = times[index]
            if (t_start - end <= 6 and _JOIN.fullmatch(text[end:t_start])) or t_start == end + 1:
                paired = (index, t_end, value, clock)
                if _DASH_JOIN.fullmatch(text[end:t_start]) and _TIME_ON.search(
                    text, max(0, start - 24), start
                ):
                    # "From 13:57 on November 25th, 2020 - 19:50 on November 27th": the day
                    # is the time's before it, the dash opens the range's other end
                    paired = None
            elif t_start - end <= 6 + _ZONE_BEFORE_REACH:
                # "2024-05-02 UTC 09:14": the zone between the date and its time
                lead = _zone_before(text, t_start)
                if lead is not None and _JOIN.fullmatch(text[end : lead[1]] + " "):
                    paired = (index, t_end, value, clock)
        if paired is None:
            # An ISO date-time matched as a whole keeps its time.
            iso = _ISO.match(text, start)
            if style == "iso" and iso and iso["H"] is not None:
                value = _time(int(iso["H"]), int(iso["M"]), int(iso["S"] or 0), None)
                if value is not None:
                    zone, stop = _zone_after(text, iso.end())
                    stamps.append(
                        Stamp(start, stop, text[start:stop].strip(), day, value, "24h", style, zone)
                    )
                    _drop_times_inside(time_starts, used_times, start, stop)
                    continue
            stamps.append(
                Stamp(
                    start,
                    end,
                    text[start:end],
                    day,
                    None,
                    None,
                    style,
                    None,
                    start not in yearless,
                )
            )
            continue
        index, t_end, value, clock = paired
        used_times.add(index)
        zone, stop = _zone_after(text, t_end)
        if zone is None:
            zone = _leading_zone(text, time_starts[index])
        stamps.append(
            Stamp(
                start,
                stop,
                text[start:stop].strip(),
                day,
                value,
                clock,
                style,
                zone,
                start not in yearless,
            )
        )
    # A time inside a stamp found so far is skipped: the dates' stamps are in order, so the
    # furthest end among those starting before it tells; the times' stamps precede it.
    date_starts = [stamp.start for stamp in stamps]
    date_reach = list(itertools.accumulate((stamp.end for stamp in stamps), max))
    time_reach = -1
    for index, (start, end, value, clock) in enumerate(times):
        if index in used_times or time_reach > start:
            continue
        before = bisect.bisect_right(date_starts, start) - 1
        if before >= 0 and date_reach[before] > start:
            continue
        zone, stop = _zone_after(text, end)
        if zone is None:
            zone = _leading_zone(text, start)
        stamps.append(Stamp(start, stop, text[start:stop].strip(), None, value, clock, None, zone))
        time_reach = max(time_reach, stop)
    stamps.sort(key=lambda s: s.start)
    return _ranges_share_zone(text, stamps)


_RANGE_DASH = re.compile(
    r"^\s*(?:[-–—]|to|until|till|through|and(?: end(?:ed|ing))?(?: at)?)\s*$", re.IGNORECASE
)


def _ranges_share_zone(text: str, stamps: list[Stamp]) -> list[Stamp]:
    """`09:30–10:15 CET`, `08:02 - 10:30 AM ET`: the zone and the AM/PM written once after a
    range apply to both ends."""
    result = list(stamps)
    for index in range(len(result) - 1):
        first, second = result[index], result[index + 1]
        if first.time is None or second.time is None:
            continue
        if not _RANGE_DASH.match(text[first.end : second.start]):
            continue
        zone = first.zone or second.zone
        clock, time = first.clock, first.time
        bare = _TIME.fullmatch(first.text.split()[-1]) if first.text.split() else None
        if first.clock == "24h" and second.clock == "12h" and bare and first.time.hour <= 12:
            clock = "12h"  # "08:02 - 10:30 AM": one AM for both
            if second.time.hour >= 12 and first.time.hour + 12 <= second.time.hour:
                time = first.time.replace(hour=first.time.hour + 12)
        if (zone, clock, time) != (first.zone, first.clock, first.time):
            result[index] = Stamp(
                first.start,
                first.end,
                first.text,
                first.date,
                time,
                clock,
                first.date_style,
                zone,
                first.year_known,
            )
    return result


def _drop_times_inside(starts: list[int], used: set[int], start: int, stop: int) -> None:
    used.update(range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, stop)))


# A match as (start, end, ...): dates and times found by the patterns.
_Match = TypeVar("_Match", bound=tuple[Any, ...])


def _without_overlaps(items: list[_Match]) -> list[_Match]:
    kept: list[_Match] = []
    last_end = -1
    for item in items:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return kept
