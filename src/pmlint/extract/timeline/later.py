"""Times told relative to the one before them in the same paragraph: "At 10:40 UTC the
version was published. Within 37 minutes a user opened an issue", "the alert fired at 14:02;
ten minutes later the on-call was paged". Each is a moment of its own, the earlier time plus
the amount, in its zone and on its day, so that what it tells (a detection, a recovery) has a
time as if the writer had written it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pmlint.extract.durations import parse_duration
from pmlint.extract.timeline.model import Moment
from pmlint.extract.timestamps import Stamp

# "ten minutes later", "2 hours later", "within 37 minutes", "37 minutes after that", "an hour
# afterwards". The amount is a number or a number word and a unit of minutes or hours.
_AMOUNT = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|forty-five|fifty|half an?)"
)
_LATER = re.compile(
    rf"\b(?:(?P<a>{_AMOUNT}\s+(?:minutes?|mins?|hours?|hrs?))\s+(?:later|afterwards?"
    r"|after\s+(?:that|this))"
    rf"|within\s+(?:(?:about|around|roughly|approximately)\s+)?(?P<b>{_AMOUNT}\s+"
    r"(?:minutes?|mins?|hours?|hrs?)\b)(?!\s+(?:of|from|after|before)\b))",
    re.IGNORECASE,
)
# How close after a relative time a written one is the same moment told again.
_TOLD_BESIDE = 16
# How far a relative time may reach: beyond it the amount is no step of the story.
_REACH = dt.timedelta(hours=12)


def later_moments(
    moments: list[Moment], classify: Callable[[Moment, list[tuple[int, int]]], None]
) -> list[Moment]:
    """The moments with the relative times added, each after the time it counts from (the last
    time before it in the same paragraph); `classify` gives a new moment its kinds, with the
    offsets of its paragraph's times."""
    by_block: dict[int, list[Moment]] = {}
    for moment in moments:
        by_block.setdefault(id(moment.block), []).append(moment)
    added: dict[int, list[Moment]] = {}
    for found in by_block.values():
        block = found[0].block
        prose = block.prose
        lower = prose.lower()
        if "later" not in lower and "within" not in lower and "after" not in lower:
            continue
        timed = [m for m in found if m.has_time and m.when is not None]
        if not timed:
            continue
        new: list[Moment] = []
        for match in _LATER.finditer(prose):
            anchors = [m for m in timed + new if m.stamp.end <= match.start()]
            if not anchors:
                continue
            anchor = max(anchors, key=lambda m: m.stamp.end)
            if any(0 <= m.stamp.start - match.end() <= _TOLD_BESIDE for m in timed):
                continue  # "A minute later, at 14:03": the time is written beside it
            minutes = parse_duration(match.group("a") or match.group("b") or "")
            if not minutes or dt.timedelta(minutes=minutes) > _REACH or anchor.when is None:
                continue
            when = anchor.when + dt.timedelta(minutes=minutes)
            stamp = Stamp(
                match.start(),
                match.end(),
                match.group(0),
                None,
                when.time(),
                "24h",
                None,
                anchor.stamp.zone,
            )
            moment = Moment(
                stamp,
                block,
                block.span(match.start(), match.end()),
                when,
                anchor.day_known,
                anchor.zone_source,
            )
            moment.zone_name = anchor.zone_name
            new.append(moment)
        if new:
            times = sorted((m.stamp.start, m.stamp.end) for m in found + new if m.has_time)
            for moment in new:
                classify(moment, times)
            added[id(block)] = new
    if not added:
        return moments
    result: list[Moment] = []
    emitted: set[int] = set()
    for moment in moments:
        key = id(moment.block)
        if key not in added:
            result.append(moment)
        elif key not in emitted:  # the paragraph's times and its relative ones, in order
            emitted.add(key)
            result.extend(sorted(by_block[key] + added[key], key=lambda m: m.stamp.start))
    return result
