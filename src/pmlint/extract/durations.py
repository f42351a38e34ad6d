"""Durations a document states in words: "the outage lasted 72 minutes", "Duration: 2h17m",
"for roughly eleven hours", "an aggregate of 48 minutes", "Time to recovery: 87 minutes".

A grammar of amounts (digits or number words, fractions such as "one and a half") and units,
and of the phrases that say the amount is how long the incident lasted. Time to *detect* is a
duration too, but not the incident's: it is refused by the phrases around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmlint.literals import any_of

_UNITS = {
    "second": 1 / 60,
    "sec": 1 / 60,
    "s": 1 / 60,
    "minute": 1,
    "min": 1,
    "m": 1,
    "hour": 60,
    "hr": 60,
    "h": 60,
    "day": 1440,
    "d": 1440,
    "week": 10080,
    "wk": 10080,
}
_ONES = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|an?|several|a few|a couple of)"
)
_AMOUNT = (
    rf"(?:\d+(?:[.,]\d+)?|half an?|{_WORD}(?: and an? half| and a quarter)?"
    r"|\d+(?:\.\d+)? and an? half)"
)
# A lone "m" before a currency or token code is millions, not minutes: "a pool of 12m
# USDC", "3.5m USDC drained" (a zone after it, "20m UTC", is no such code).
_MILLIONS_OF = r"(?-i:(?!\s?(?!UTC\b|GMT\b)[A-Z]{2,6}\b))"
_UNIT = rf"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|[hd]|m{_MILLIONS_OF})"
# Digits may touch their unit ("1h50m"); words need a space ("an hour", not "and").
# (a count of seconds may close an amount with a bare "s", touching it: "4 minutes 58s")
_PART = re.compile(
    rf"(?:(?<![\d.,])(?P<digits>\d+(?:[.,]\d+)?)\s?|\b(?P<word>{_AMOUNT})\s)"
    rf"(?P<unit>{_UNIT}|(?<=\d)s)(?=\b|\d)",
    re.IGNORECASE,
)
# Whether a text holds a match of `_PART`, as two searches the regex engine can skip
# through: `_PART` opens with a look-behind and an alternation of 30 amount words, tried at
# every character of every block (its search was half of `stated_durations`' time). Its
# digits open with a digit and look behind after it, as the same condition on the same
# place; its words open with a word's first letter, one of those its amounts can open with.
# A text holds a match of `_PART` exactly when one of these finds one.
_PART_DIGITS = re.compile(
    rf"\d(?<![\d.,]\d)\d*(?:[.,]\d+)?\s?(?:{_UNIT}|(?<=\d)s)(?=\b|\d)", re.IGNORECASE
)
_PART_WORDS = re.compile(rf"\b(?=[\dahtfseno])(?:{_AMOUNT})\s{_UNIT}(?=\b|\d)", re.IGNORECASE)
# "an hour and a half": the half of the last unit, written after it
_AND_A_HALF = r"(?:\sand\s(?:an?\s)?half\b(?!\s(?:an?\s)?(?:hour|minute|day)))"
# An amount and its unit: digits may touch it ("1h50m"), words take a blank ("an hour"; "and"
# is not "an" days).
# (or hours and minutes written as a clock's "6h30", with no unit after the minutes: "lasted
# for about 6h30")
_DUR_PART = (
    r"(?:\d{1,2}h[0-5]\d(?![\d:]|[.,]\d)"
    rf"|(?:\d+(?:[.,]\d+)?(?: and an? half)?[\s-]?|{_AMOUNT}[\s-]){_UNIT}(?![a-z]))"
)
# "6h30": six hours and thirty minutes (`_DUR_PART`), read by `parse_duration` as "6h 30m".
_HOURS_THEN_MINUTES = re.compile(
    r"(?<![\d.,])(\d{1,2})h([0-5]\d)(?![\d:a-z]|[.,]\d)", re.IGNORECASE
)
_DURATION = (
    rf"(?P<dur>{_DUR_PART}(?:,?\s?(?:and\s)?{_DUR_PART}){{0,2}}(?:\s\d{{1,2}}s(?![a-z]))?"
    rf"{_AND_A_HALF}?)"
)
_APPROX = (
    r"(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|under|just under"
    r"|just over|more than|less than|a bit over|a little over|some|~|≈|an aggregate of"
    r"|a total of|in total|a (?:cumulative |combined )?period of|totall?ing|of"
    # "for a duration of up to 1 hour and 57 minutes": the longest any user saw, which is
    # how long the incident lasted
    r"|up to)\s?)*"
)
_LASTED = r"\blast(?:ed|ing|s)\s(?:for\s)?"
_STATE_FOR = (
    r"\b(?:down|unavailable|unusable|offline|broken|degraded|unreachable|impacted|affected"
    r"|failing|failed|erroring|inaccessible|disrupted|out|blocked|unresponsive|impaired|stuck"
    r"|out of (?:service|action|commission|order))"
    r"\s(?:for\s(?:a\s(?:total|period)\sof\s)?)"
)
# "the cluster was in a degraded state for 2.5 hours", "the bridge was down on the testnet
# for 13 minutes": the state's noun, or where it held, between the state and "for"
_STATE_WHERE_FOR = (
    r"\b(?:down|unavailable|offline|degraded|unreachable|inaccessible|impaired|unresponsive)"
    r"(?:\s(?:state|mode)|\s(?:on|in|at|across)\s(?:the\s)?[\w.-]+(?:\s[\w.-]+)?)\sfor\s"
)
_PHRASES = [
    r"\bduration\s*(?:\*+\s*)?(?:[:=]|was|of|is)\s*(?:\*+\s*)?",
    # "Total downtime: 1h 20m", "Duration of impact: 45 minutes", "Impact window - 38 min"
    r"\b(?:(?:total\s)?(?:downtime|outage|impact|disruption)(?:\s(?:duration|time|window|length))?"
    r"|duration\sof\s(?:the\s)?(?:impact|outage|incident|disruption|downtime|interruption))"
    r"\s*(?:\*+\s*)?(?:[:=–—]|\s-|\s(?:was|is|were|totall?ed))\s*(?:\*+\s*)?",
    r"\b(?:time to (?:recover|recovery|resolve|resolution|restore|mitigate|mitigation)|m?ttr|m?ttm)"
    r"\s*(?:\*+\s*)?(?:[:=]|was|of|is)?\s*(?:\*+\s*)?",
    _LASTED,
    # "an outage of 47 minutes", "Server Outage for approximately 2 weeks"
    r"\b(?:outage|incident|downtime|disruption|degradation|impact|interruption)\s"
    r"(?:of|lasting|that lasted|which lasted|lasted|for)\s",
    _STATE_FOR,
    _STATE_WHERE_FOR,
    # "for a cumulative period of 4 hours, 30 minutes", "over a combined total of ...":
    # several windows, added up by the writer
    r"\b(?:for|over)\sa\s(?:(?:cumulative|combined)\s)?(?:total|duration|period)\sof\s",
    r"\b(?:total(?:ling)?|aggregate)\s(?:of\s)?",
    # "the network stopped for around 45 minutes", "block production halted for 6 hours"
    r"\b(?:stopped|halted|stalled|paused|froze|frozen|hung|interrupted|suspended)\s"
    r"(?:[a-z]+\s)?for\s",
    # "Recovery took 2 hours", "full restoration took about 90 minutes"
    r"\b(?:recovery|restoration|restoring\sservice|the\srecovery)\s(?:\w+\s)?took\s",
    # "service was restored after 47 minutes", "recovered within two hours", "the problem
    # was fixed in about 40 minutes": the recovery, and how long it took
    r"\b(?:restored|recovered|resolved|mitigated|fixed|back online|back up|returned to normal)\s"
    r"(?:after|within|in)\s",
    # a security incident's window: "the malicious version was downloadable for 72 minutes",
    # "the token was exposed for six hours"
    r"\b(?:downloadable|exposed|leaked|public(?:ly\s(?:visible|available|accessible))?"
    r"|compromised)\s(?:for\s)",
    # "the incident affected users for 25 minutes", "impacted all EU customers for 2 hours"
    r"\b(?:affected|impacted|disrupted)\s(?:[\w'-]+\s){1,4}?for\s",
]
# A range of amounts, "lasted for 2-3 hours", "down for about 10-15 minutes": its lower bound
# (the readers of such notices count it), then the duration's own amount and unit.
_LOW = r"(?:(?P<low>\d{1,3})[-–](?=\d))?"
_RANGE_LOW = re.compile(r"^(\d{1,3})[-–]\d+(?:[.,]\d+)?")
# The phrases a range of amounts is read after ("lasted for 2-3 hours", "down for 2-3
# minutes"); elsewhere a range is no figure ("spanning a total of 1-2 hours" of further
# disruptions beside the outage).
_RANGE_TOLD = frozenset(
    index
    for index, phrase in enumerate(_PHRASES)
    if phrase in (_LASTED, _STATE_FOR, _STATE_WHERE_FOR)
)
# The first three phrases are fields ("Duration: 2h17m", "Time to recovery: 87 minutes"), and
# _SPAN_OF_INCIDENT names both ends: explicit wherever they are written (a "Stats" list, the
# line above a timeline), not only in the summary.
_EXPLICIT = 3
# "It took 2 hours and 5 minutes from the beginning of the incident to shipping the patch"
_SPAN_OF_INCIDENT = re.compile(
    rf"\btook\s{_APPROX}{_DURATION}\sfrom\s(?:the\s)?(?:start|beginning|onset)\sof\s(?:the\s)?"
    r"(?:incident|outage|issue|impact|problem|disruption)\b",
    re.IGNORECASE,
)
_STATED = [
    re.compile(rf"{phrase}{_APPROX}{_LOW}{_DURATION}\b", re.IGNORECASE) for phrase in _PHRASES
] + [
    _SPAN_OF_INCIDENT,
    re.compile(
        # ("40 minutes of partial unavailability", "an hour of total outage"); not a deadline
        # counted from the incident ("we publish a review within 3 days of incident
        # mitigation", "14 days of incident resolution"): a wait, not how long it lasted
        rf"(?<!\bwithin\s)\b{_APPROX}{_DURATION}\s(?:of\s)?(?:(?:partial|total|complete|full"
        r"|intermittent|severe|major|elevated|increased|widespread)\s)?(?:outage|downtime"
        r"|disruption|degradation|incident|errors|failures|unavailability|degraded\sservice"
        r"|impact)\b(?!\s(?:mitigation|resolution|closure|review|report|retrospective"
        r"|post-?mortems?|declaration)\b)",
        re.IGNORECASE,
    ),
    # "On Thursday 9 March 2017, applications experienced elevated error rates for 47
    # minutes": what the service went through, and for how long (not "failures for 30 seconds
    # at a time", a detail of each failure)
    re.compile(
        rf"\bexperienced\s[^.;\n]{{0,100}}?\sfor\s{_APPROX}{_DURATION}\b"
        r"(?!\s(?:at a time|each|per|every|apiece)\b)",
        re.IGNORECASE,
    ),
    # "a 45-minute outage", "a two-hour disruption"
    re.compile(
        rf"\b(?P<dur>{_AMOUNT}-{_UNIT})(?:\slong)?\s(?:outage|downtime|disruption|degradation"
        r"|incident|interruption)\b",
        re.IGNORECASE,
    ),
    # "users were unable to log in for 47 minutes", "builds could not start for two hours":
    # what users could not do, and for how long (a few words between, bounded); not what the
    # team could not do ("we could not reproduce it for two days")
    re.compile(
        r"(?<!\bwe\s)(?<!\bwe were\s)(?<!\bI\s)(?<!\bI was\s)(?<!\bteam\s)(?<!\bteam was\s)"
        r"\b(?:unable to|not able to|could not|couldn't|cannot|can't)"
        r"(?!\s(?:reproduce|find|identify|determine|diagnose|locate|figure|explain|confirm|tell)\b)"
        rf"(?:\s[\w'-]+){{1,5}}?\sfor\s{_APPROX}{_DURATION}\b"
        r"(?!\s(?:at a time|each|per|every|apiece|or (?:more|longer))\b)",
        re.IGNORECASE,
    ),
    # "it took about 50 minutes to restore service", "it took us 2 hours to recover"
    re.compile(
        r"\btook\s(?:(?:us|them|the team|our team|(?:our |the )?engineers)\s)?"
        rf"{_APPROX}{_DURATION}\sto\s(?:fully\s)?(?:recover|restore|resolve|mitigate|fix)",
        re.IGNORECASE,
    ),
    # "For 26 minutes, users could not log in", "Over the course of 40 minutes, requests
    # failed": a sentence that opens with how long, then the symptom (not "For two days, the
    # team investigated": no symptom follows)
    re.compile(
        r"(?:^|(?<=[.!?:])\s{1,3})(?:for|over|during)\s(?:the\s(?:next|following|course\sof)\s)?"
        rf"{_APPROX}{_DURATION},\s[^.;\n]{{0,80}}?\b(?:could\snot|couldn't|unable|fail\w*"
        r"|errors?|down|unavailable|unreachable|offline|timed\sout|timeouts?|degraded|broken"
        r"|stopped|lost|dropped|rejected)\b",
        re.IGNORECASE,
    ),
    # "After 46 minutes our servers were reachable again": a sentence that opens with how
    # long, then tells the recovery (not "After two hours the team found the cause")
    re.compile(
        rf"(?:^|(?<=[.!?:])\s{{1,3}})after\s{_APPROX}{_DURATION},?\s[^.;\n]{{0,80}}?"
        r"\b(?:(?:reachable|available|accessible|online|up)\sagain|back\s(?:up|online|to\snormal)"
        r"|restored|recovered|resolved|fixed|(?:was|were)\sover)\b",
        re.IGNORECASE,
    ),
    # "the registry returned errors for 25 minutes", "clients saw timeouts for 10 minutes":
    # the symptom, and for how long (not "errors for 30 seconds at a time")
    re.compile(
        r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)"  # "we looked at the errors for 10 min"
        r"\b(?:errors?|5xx(?:\s(?:errors|responses))?|50[0-4]s?|timeouts?|failures?)\s"
        rf"(?:[a-z]+\s){{0,4}}?for\s{_APPROX}{_DURATION}\b"
        r"(?!\s(?:at a time|each|per|every|apiece|or (?:more|longer))\b)",
        re.IGNORECASE,
    ),
]
# What each of `_STATED`'s patterns needs, in order: every match of it holds one of these
# strings (lower-cased), so an ASCII text that holds none is not searched with it. The same
# as `pmlint.literals.needed` reads from the patterns (tests/test_skipping_patterns.py
# checks that these ask no more), written out so that no run pays for reading them.
_STATED_NEEDS: tuple[tuple[str, ...], ...] = (
    ("duration",),
    ("disruption", "downtime", "duration", "impact", "outage"),
    ("ime to ", "tm", "tr"),
    ("last",),
    ("degradation", "disruption", "downtime", "impact", "incident", "interruption", "outage"),
    ("for",),
    (
        "degraded",
        "down",
        "impaired",
        "inaccessible",
        "offline",
        "unavailable",
        "unreachable",
        "unresponsive",
    ),
    ("duration", "period", "total"),
    ("aggregate", "total"),
    ("froze", "halted", "hung", "interrupted", "paused", "stalled", "stopped", "suspended"),
    ("recovery", "restoration", "restoring"),
    (
        "back online",
        "back up",
        "fixed",
        "mitigated",
        "recovered",
        "resolved",
        "restored",
        "returned to normal",
    ),
    ("compromised", "downloadable", "exposed", "leaked", "public"),
    ("affected", "disrupted", "impacted"),
    ("beginning", "onset", "start"),
    (
        "degrad",
        "disruption",
        "downtime",
        "errors",
        "failures",
        "impact",
        "incident",
        "outage",
        "unavailability",
    ),
    ("experienced",),
    ("degradation", "disruption", "downtime", "incident", "interruption", "outage"),
    ("can't", "cannot", "could not", "couldn't", "not able to", "unable to"),
    ("took",),
    (
        "broken",
        "could",
        "degraded",
        "down",
        "dropped",
        "error",
        "fail",
        "lost",
        "offline",
        "rejected",
        "stopped",
        "timed",
        "timeout",
        "unable",
        "unavailable",
        "unreachable",
    ),
    ("after",),
    ("for",),
)
# Every phrase above holds one of these (lower-case) words: text without any is refused cheaply.
_HINTS = (
    "duration",
    "last",
    "outage",
    "incident",
    "down",
    "disrupt",
    "degrad",
    "unavailable",
    "unavailability",
    "unusable",
    "offline",
    "broken",
    "unreachable",
    "time to",
    "ttr",
    "ttm",
    "total",
    "aggregate",
    "impact",
    "affected",
    "failing",
    "failed",
    "erroring",
    "inaccessible",
    "interruption",
    "out for",
    "out of",
    "downloadable",
    "exposed",
    "leaked",
    "public",
    "compromised",
    "period of",
    "stopped",
    "halted",
    "stalled",
    "paused",
    "froze",
    "hung",
    "interrupted",
    "suspended",
    "restored",
    "recovered",
    "fixed",
    "resolved",
    "mitigated",
    "back online",
    "back up",
    "returned to normal",
    "took",
    "recovery",
    "restoration",
    "errors",
    "error ",
    "failures",
    "failure ",
    "timeout",
    "5xx",
    "50",
    "experienced",
    "blocked",
    "unresponsive",
    "impaired",
    "stuck",
    "unable to",
    "not able to",
    "could not",
    "couldn't",
    "cannot",
    "can't",
)
# One search for them all (a trie of the words; 70 `in` tests each scanned the whole text).
_ANY_HINT = any_of(_HINTS)
# A sentence that opens with how long ("For 26 minutes, ...", "After 46 minutes ..."): the
# phrases without a hint.
_OPENS_WITH_SPAN = re.compile(r"(?:^|[.!?:]\s{1,3})(?:for|over|during|after)\s", re.IGNORECASE)
# "Time to detection: 64 minutes" is not how long the incident lasted.
_NOT_THE_INCIDENT = re.compile(
    r"(?:time to (?:detect|detection|acknowledge|respond|engage)|ttd|tta|mttd)\W{0,6}$",
    re.IGNORECASE,
)


# "a 35-minute outage": an amount joined to its unit by a hyphen
_HYPHENATED = re.compile(r"\w-(?:sec|min|hour|hr|day|week)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stated:
    """A duration found in a piece of text: minutes, the words, and their offsets."""

    minutes: float
    text: str
    start: int
    end: int
    explicit: bool = False  # a field or a span from the incident's start: see _EXPLICIT


def _amount(word: str) -> float | None:
    word = word.lower().replace("-", " ").strip()
    extra = 0.0
    for tail, value in ((" and a half", 0.5), (" and an half", 0.5), (" and a quarter", 0.25)):
        if word.endswith(tail):
            word, extra = word[: -len(tail)].strip(), value
    if word in ("half a", "half an"):
        return 0.5
    if word in ("several", "a few", "a couple of"):
        return None  # not a figure: "several hours" says nothing exact
    try:
        return float(word.replace(",", ".")) + extra
    except ValueError:
        pass
    parts = word.split()
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _ONES:
            total += _ONES[part]
        else:
            return None
    return total + extra


def parse_duration(text: str) -> float | None:
    """'2 hours', '1h50m', '45 minutes', 'an hour', 'half an hour', 'one and a half hours',
    'eleven hours', '2 hours and 5 minutes' -> minutes (None when no exact amount is given)."""
    text = _HOURS_THEN_MINUTES.sub(r"\1h \2m", text)
    total = 0.0
    matched = False
    last = 0.0  # the last unit's minutes
    for match in _PART.finditer(text):
        amount = _amount(match["digits"] or match["word"])
        if amount is None:
            return None
        unit = match["unit"].lower()
        key = unit.rstrip("s") if len(unit) > 2 else unit
        factor = _UNITS.get(key) or _UNITS.get(unit[:3].rstrip("s"))
        if factor is None:
            continue
        total += amount * factor
        last, matched = factor, True
    if matched and _HALF_AFTER.search(text):
        total += last / 2  # "an hour and a half": half of the last unit
    return total if matched and total > 0 else None


_HALF_AFTER = re.compile(r"[a-z]\sand\s(?:an?\s)?half\s*$", re.IGNORECASE)


# A value that is a duration and nothing else: "118 minutes", "~2h 5m", "about 45 min".
_BARE = re.compile(rf"\A(?:{_APPROX}){_LOW}{_DURATION}\.?\Z", re.IGNORECASE)


def bare_duration(text: str) -> float | None:
    """The minutes a text that is only a duration states ("118 minutes", "about 2h 5m");
    None when the text holds more than that, or no exact amount."""
    match = _BARE.match(text.strip())
    if match is None:
        return None
    told = text.strip()[match.start("low") : match.end("dur")] if match["low"] else match["dur"]
    return parse_duration(_RANGE_LOW.sub(r"\1", told).replace("-", " "))


def stated_durations(prose: str) -> list[Stated]:
    """Every incident duration the text states, in order, one per place."""
    lower = prose.lower()
    if _ANY_HINT.search(lower) is None and _OPENS_WITH_SPAN.search(prose) is None:
        return []  # no phrase that states a duration
    if (
        _PART_DIGITS.search(prose) is None
        and _PART_WORDS.search(prose) is None
        and _HYPHENATED.search(prose) is None
    ):
        return []  # no amount with a unit (`_PART`)
    found: dict[int, Stated] = {}
    plain = prose.isascii()  # where `in` on the lower-cased text answers as IGNORECASE does
    for index, pattern in enumerate(_STATED):
        if plain and not any(string in lower for string in _STATED_NEEDS[index]):
            continue  # no match can be here (most blocks lack most patterns' words)
        explicit = index < _EXPLICIT or pattern is _SPAN_OF_INCIDENT
        for match in pattern.finditer(prose):
            if _NOT_THE_INCIDENT.search(prose, max(0, match.start() - 40), match.start() + 1):
                continue
            if _FOR_SOME.match(prose, match.end()):
                continue  # "about 4 hours for most customers": a share's, not the incident's
            if _EACH_BEFORE.search(prose, max(0, match.start() - 8), match.start()):
                continue  # "three waves, each lasting 10-15 minutes": one window's, not all
            if _EACH_TIME.match(prose, match.end()) or _ANOTHER_INCIDENT.search(
                prose, max(0, match.start() - _SENTENCE_REACH), match.start() + 1
            ):
                continue  # "for 30 seconds at a time", "the previous outage lasted 3 hours"
            if _WATCHED_FOR.match(prose, match.end()) or _UNNOTICED_FOR.search(
                prose, max(0, match.start("dur") - _SENTENCE_REACH), match.start("dur")
            ):
                continue  # "after one hour of monitoring", "went undetected for eight days"
            low = match.groupdict().get("low")
            if low is not None and index not in _RANGE_TOLD:
                continue  # "a total of 1-2 hours": no figure
            told = prose[match.start("low") : match.end("dur")] if low else match.group("dur")
            minutes = parse_duration(_RANGE_LOW.sub(r"\1", told).replace("-", " "))
            if minutes and minutes >= 1:  # "a second incident" is no duration of one second
                start = match.start("dur")
                end = match.end()
                again = _AGAIN_FOR.match(prose, end)
                while again is not None:  # "for 5 minutes at 10:00 and again for 12 minutes"
                    more = parse_duration(again.group("dur").replace("-", " "))
                    if not more:
                        break
                    minutes, end = minutes + more, again.end()
                    again = _AGAIN_FOR.match(prose, end)
                found.setdefault(
                    start, Stated(minutes, prose[match.start() : end], match.start(), end, explicit)
                )
    return _windows_added(prose, sorted(found.values(), key=lambda s: s.start))


# A later window told in a sentence of its own: "The first outage lasted 49 minutes; the
# second, in the afternoon, lasted 45 minutes" (its sentence, up to the duration, names a
# second or another window).
_LATER_WINDOW = re.compile(
    r"(?:\b(?:second|third)\b(?!\s+(?:half|of|day|week|month)\b)(?<!for a second)(?<!in a second)"
    r"|\b(?:another|a further|the next|a later|the later)\s+(?:[\w-]+\s+){0,2}?(?:outage|window"
    r"|wave|episode|set|period|spike|round|burst|event|disruption|interruption"
    r"|failure)s?\b)[^.;!?\n]*$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.;!?\n][^.;!?\n]*$")
_LATER_HINTS = ("second", "third", "another", "further", "next", "later")


def _windows_added(prose: str, found: list[Stated]) -> list[Stated]:
    """Each later window's duration adds to the one before it: several windows are one
    incident's duration."""
    if not found:
        return found
    lower = prose.lower()
    if not any(word in lower for word in _LATER_HINTS):
        return found
    kept: list[Stated] = []
    for stated in found:
        head = _SENTENCE_START.search(prose, 0, stated.start)
        begin = head.start() + 1 if head is not None else 0
        if _LATER_WINDOW.search(prose[begin : stated.end]) is None:
            kept.append(stated)
            continue
        if not kept:
            kept.append(stated)  # a later window with no first one stated: left as told
            continue
        first = kept[-1]
        kept[-1] = Stated(
            first.minutes + stated.minutes,
            prose[first.start : stated.end],
            first.start,
            stated.end,
            first.explicit,
        )
    return kept


# A detail of each failure, not the incident: "failing for 30 seconds at a time".
_EACH_TIME = re.compile(r"\s(?:at a time|each|per|every|apiece)\b", re.IGNORECASE)
# One of several windows' length: "in three waves, each lasting 10-15 minutes".
_EACH_BEFORE = re.compile(r"\beach\s{1,3}\Z", re.IGNORECASE)
# A duration some of those affected had, not the incident: "about 4 hours for most customers,
# with one having a 10h outage", "30 minutes for the majority of users".
_FOR_SOME = re.compile(
    r",?\s(?:for|among)\s(?:most|many|some|the\smajority\sof|a\s(?:subset|portion|minority)\sof"
    r"|a\sfew|half\sof)\s(?:the\s|our\s)?(?:[\w-]+\s)?(?:customers|users|tenants|accounts|sites"
    r"|clients|organi[sz]ations|teams|projects|regions)\b",
    re.IGNORECASE,
)
# Another incident's duration, told for comparison: "the previous outage in May lasted 3
# hours", "a similar incident last year lasted two days" (in the same sentence, before it).
_SENTENCE_REACH = 80
_ANOTHER_INCIDENT = re.compile(
    r"\b(?:previous|prior|earlier|similar|last\s+(?:year|month|week)'?s?)\s+(?:\w+\s+){0,2}?"
    r"(?:outages?|incidents?|disruptions?|downtimes?|events?)\b[^.!?\n]*$",
    re.IGNORECASE,
)
# How long the team watched, not how long the impact lasted: "we changed the status to
# resolved after more than one hour of monitoring the platform", "closed after 30 minutes of
# observation". (Its blanks open where the duration's words end: searched from every place of
# a run of blanks, as a probe does, each would scan the run to its end.)
_WATCHED_FOR = re.compile(
    r"(?<!\s)\s+of\s+(?:[\w-]+\s+)?(?:monitoring|observation|observing|watching|verification"
    r"|verifying|testing|investigation|investigating|debugging|troubleshooting)\b",
    re.IGNORECASE,
)
# How long it went unnoticed, the time to detect: "which lead to this failure being undetected
# for eight days", "the errors went unnoticed for 40 minutes".
_UNNOTICED_FOR = re.compile(
    r"\b(?:undetected|unnoticed|unseen|not\s+(?:been\s+)?(?:noticed|detected|spotted|seen))"
    r"(?:\s+[\w'-]+){0,4}?\s+for\s+(?:(?:about|around|approximately|roughly|nearly|almost"
    r"|over|more\s+than|~)\s*)*$",
    re.IGNORECASE,
)
# Several windows told in one sentence: "down for 5 minutes at 10:00 and again for 12 minutes
# at 11:00", "for 20 minutes, then for another 15" (each window after the first adds up), "mostly
# down for 60 minutes and partially down for another 17 minutes" (the later one's own state
# told before its "for another").
_AGAIN_STATE = (
    r"(?:(?:was|were|is|are)\s)?(?:(?:partially|partly|intermittently|still|mostly|largely"
    r"|completely)\s)?(?:down|degraded|unavailable|offline|unreachable|impaired|slow)\s"
)
_AGAIN_FOR = re.compile(
    rf"[^.;!?\n]{{0,40}}?\b(?:and|then|,)\s(?:then\s)?(?:again\s(?:for\s)?|(?:{_AGAIN_STATE})?"
    rf"for\s(?:another|a\sfurther|a\ssecond\stime\s(?:for\s)?)\s?|another\s|a\sfurther\s)"
    rf"{_APPROX}{_DURATION}",
    re.IGNORECASE,
)
