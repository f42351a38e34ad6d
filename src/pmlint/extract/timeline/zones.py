"""The zone of each time: the one the document declares (front matter, "All times UTC", a
table header), the one written on the time, or the one its timeline uses throughout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from pmlint.document import Document, TextBlock
from pmlint.extract.timeline.entries import in_timeline
from pmlint.extract.timeline.model import Moment
from pmlint.extract.timestamps import ZONE_NAMES, ZONE_PAIRS, ZONE_PATTERN, Stamp, zone_info
from pmlint.settings import Settings

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
    # "Times below are in CEST", "All timestamps are UTC", "times mentioned are in IST",
    # "all times are in US Pacific time": the abbreviation as written (capitals), a zone word
    # only with "time" after it ("time is central to" names no zone)
    re.compile(
        r"\b(?:times?|timestamps?)(?: (?:below|above|here|shown|given|listed|mentioned"
        r"|referenced|used|quoted|reported|throughout))?(?: are| is)?(?: (?:in|as))? (?:the )?"
        rf"(?:US )?(?P<zone>(?-i:{ZONE_PATTERN})|(?:{_ZONE_WORDS}) time)",
        re.IGNORECASE,
    ),
    # "**Timezone**: CET", "Time zone = UTC", "Times: UTC": a field that names the zone
    re.compile(
        rf"^[*_ \t]*(?:time[ -]?zone(?: used)?|times|timestamps)[*_ \t]*[:=][*_ \t]*"
        rf"(?P<zone>{ZONE_PATTERN}|(?i:{_ZONE_WORDS})(?: time)?)",
        re.IGNORECASE | re.MULTILINE,
    ),
]
# "Times below are Eastern.", "All times are Pacific": a region's clock named alone, where the
# sentence ends with it ("times are central to" names none)
_REGION_ALONE = re.compile(
    r"\b(?:times?|timestamps?)(?: (?:below|above|here|shown|given|listed|mentioned|used))?"
    r" (?:are|is)(?: in)?(?: US)? (?P<zone>Pacific|Eastern|Central|Mountain)\b(?=\s*(?:[.;)]|$))",
    re.IGNORECASE | re.MULTILINE,
)
# "Timeline (UTC)", "Timeline (all times in PDT)", "Timeline (Pacific time)", "(US Eastern)"
_HEADER_ZONE = re.compile(
    r"[(\[]\s*(?:(?:all\s+)?times?\s*(?:are\s+)?(?:in\s*)?)?"
    rf"(?P<zone>{ZONE_PATTERN}|(?:US\s+)?(?:{_ZONE_WORDS})(?:\s+(?:standard|daylight))?"
    r"(?:\s+time)?)\s*[)\]]",
    re.IGNORECASE,
)
# A heading or a column header that ends with its zone: "Timeline in UTC", "Time, PDT",
# "Timestamp UTC" (the abbreviation as written, in capitals).
_HEADER_ZONE_LAST = re.compile(
    rf"(?:\b(?:in|timeline|times?|timestamps?|clock)(?:[ \t]+[-\u2013\u2014])?|,)[ \t]+"
    rf"(?P<zone>(?-i:{ZONE_PATTERN}))"
    r"[ \t*_]*$",
    re.IGNORECASE,
)


# The zone as written, its tzinfo, where it was declared (front matter | document | config) and
# on which line (None for the config).
DeclaredZone = tuple[str | None, dt.tzinfo | None, str | None, int | None]


def declared_zone(doc: Document, blocks: Sequence[TextBlock], settings: Settings) -> DeclaredZone:
    for key in ("timezone", "time_zone", "tz"):
        value = doc.meta.get(key)
        if isinstance(value, str) and zone_info(value) is not None:
            line = doc.meta_lines[0] if doc.meta_lines else 1
            return value, zone_info(value), "front matter", line
    for block in blocks:
        prose = block.prose
        # each of `_DECLARED` and `_REGION_ALONE` needs "time" (in any case): most blocks
        # lack it, and their searches were most of this function's (ASCII text only, where
        # lower-casing is what IGNORECASE does)
        untimed = prose.isascii() and "time" not in prose.lower()
        patterns = [] if untimed else [*_DECLARED, _REGION_ALONE]
        if block.kind in ("heading", "table_cell"):
            patterns += [_HEADER_ZONE, _HEADER_ZONE_LAST]
        for pattern in patterns:
            match = pattern.search(block.prose)
            if match:
                name = match.group("zone")
                tz = zone_info(name)
                if tz is not None:
                    return name, tz, "document", block.position(match.start("zone"))[0]
    default = settings.timezone
    if isinstance(default, str) and zone_info(default) is not None:
        return default, zone_info(default), "config", None
    return None, None, None, None


def stamp_zone(stamp: Stamp, declared: dt.tzinfo | None) -> tuple[dt.tzinfo | None, str | None]:
    if stamp.zone is not None:
        return zone_info(stamp.zone), "stated"
    if declared is not None:
        return declared, "declared"
    return None, None


# The zone source of a time whose zone the facts assume from the document's one stated zone.
ASSUMED = "assumed"


def carry_the_timeline_zone(
    moments: list[Moment], by_date: bool, timed: frozenset[int] = frozenset()
) -> None:
    """A document that declares no zone but writes one zone on its timeline ("16:55 -0500")
    means that zone for its other times too ("By 21:00 the fix was in place"); with none on a
    timeline, the one zone its text writes is assumed for them (`ASSUMED`)."""
    zoned = [m for m in moments if m.zone_source in ("stated", "carried") and m.has_time]
    names = {m.zone_name for m in zoned if in_timeline(m.block.section, by_date, timed)}
    source = "carried"
    if not names:
        # No zone on a timeline: a document that tells its times in prose and writes one zone
        # ("At 5:15 AM PST, we started ... By 10:23 PM, Kinesis was fully recovered") most
        # likely means it for the times it writes without one. ASSUMED: the facts use it, and
        # PM101 still asks the author to write it (its fix writes that zone)
        names, source = {m.zone_name for m in zoned}, ASSUMED
    if len(names) != 1:
        return
    (name,) = names
    tz = zone_info(name or "")
    if tz is None:
        return
    for moment in moments:
        if moment.zone_source is None and moment.has_time and moment.when is not None:
            moment.when = moment.when.replace(tzinfo=tz)
            moment.zone_name, moment.zone_source = name, source


# Zones of the Americas' month-first writers (the US, Canada): "03/10/2021" there is March 10.
_MONTH_FIRST_ZONES = frozenset(
    [
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "AKST",
        "AKDT",
        "HST",
        "PT",
        "MT",
        "CT",
        "ET",
    ]
)


def zone_day_first(name: str | None) -> bool | None:
    """How the writers of the document's zone write numeric dates, where the dates do not show
    it: day first in Europe, Asia, Africa and Oceania ("03/10/2021" in a timeline kept in
    Europe/Paris is 3 October), month first in the US and Canada; None for UTC, GMT and the
    Americas' bare offsets, which every writer uses."""
    if not name or zone_info(name) is None:
        return None
    raw = name.strip().strip("()").strip()
    upper = raw.upper().replace(" ", "")
    if upper in ZONE_PAIRS:  # "CET/CEST": the region's clock
        return zone_day_first(ZONE_PAIRS[upper])
    if upper in _MONTH_FIRST_ZONES:
        return False
    if "/" in raw:
        region = raw.split("/")[0].lower()
        if region in ("america", "us", "canada"):
            return None if raw.startswith(("America/Sao", "America/Argentina")) else False
        return True if region in ("europe", "asia", "africa", "australia", "pacific") else None
    words = raw.lower().removeprefix("us ")
    if words.startswith(("pacific", "mountain", "central", "eastern")) and "europe" not in words:
        return False
    if upper in ("UTC", "GMT", "Z") or words.startswith(("coordinated", "universal")):
        return None
    offset = zone_info(name)
    if offset is not None and not isinstance(offset, dt.timezone):
        return True  # a named zone outside the Americas ("Europe/Berlin" via "CET/CEST")
    delta = offset.utcoffset(None) if offset is not None else None
    if delta is None or delta <= dt.timedelta(0):
        return None  # UTC, GMT, or an offset of the Americas (Brazil writes day first)
    return True


# A region's standard and daylight abbreviations, and its clock.
_HALVES: dict[str, tuple[str, str]] = {
    "EST": ("EDT", "America/New_York"),
    "EDT": ("EST", "America/New_York"),
    "CST": ("CDT", "America/Chicago"),
    "CDT": ("CST", "America/Chicago"),
    "MST": ("MDT", "America/Denver"),
    "MDT": ("MST", "America/Denver"),
    "PST": ("PDT", "America/Los_Angeles"),
    "PDT": ("PST", "America/Los_Angeles"),
}


def season_half(moments: Sequence[Moment]) -> None:
    """A page whose own stamps write the season's half of a region's zone ("Posted Jul 18,
    2019 - 11:52 PDT") and whose text writes the other half for the same season ("10:10 am
    PST to 11:40 am PST" in July): the writer means the region's clock, as the stamps show,
    not an offset an hour off. Only where the document writes both halves; a lone "PST" in
    July stays as written."""
    written = {m.stamp.zone.upper() for m in moments if m.stamp.zone and m.has_time}
    for moment in moments:
        zone = (moment.stamp.zone or "").upper()
        if zone not in _HALVES or moment.when is None or not moment.day_known:
            continue
        other, region = _HALVES[zone]
        if other not in written:
            continue
        local = moment.when.replace(tzinfo=None)
        season = local.replace(tzinfo=ZoneInfo(region)).utcoffset()
        if season is None or season == moment.when.utcoffset():
            continue
        tz = zone_info(other)
        if tz is None or tz.utcoffset(local) != season:
            continue
        moment.when = local.replace(tzinfo=tz)
        moment.zone_name = other
