"""A day, told after the impact had eased, on which all was well again: the resolution.

Reports that follow an incident for days end it with a date and no time: "As of March 10,
the backlog has been cleared and mail is delivered as expected", "By the morning of April 8th
we had observed no further build failures", "we have not seen any issues since October 7".
Where nothing else closes the incident, that day does (a day alone: no minutes count from it,
so no duration is made of it), and it tells no mitigation: the impact eased before it.

The other way round, a report that says after its recovery that the trouble had not ended when
it was written ("some services remain unavailable as of 10:30", "we continue working on a fix")
states no resolution (`still_open`); nor does one that calls its time the mitigation and tells
the resolution apart with no time ("was only fully resolved when the hardware was replaced",
`resolved_apart`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pmlint.document import TextBlock
from pmlint.extract.milestones import HOW_INFERRED, HOW_PROSE, HOW_RANGE, attempted
from pmlint.extract.timeline.entries import sentence_of
from pmlint.extract.timeline.model import PROSE, Moment

# "have not seen any issues", "observed no CI failures", "experienced no further errors"
_NO_TROUBLE = re.compile(
    r"\b(?:(?:not|never)\s+(?:seen|observed|had|experienced|detected|noticed)\s+any"
    r"|(?:seen|observed|had|experienced|detected|noticed|been)\s+no)"
    r"\s+(?:further\s+|more\s+|new\s+|other\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:issues?|errors?|failures?|problems?|incidents?|recurrences?|outages?|disruptions?)\b",
    re.IGNORECASE,
)
# "the backlog has been cleared", "emails are being delivered as expected", "back to normal"
_ALL_WELL = re.compile(
    r"\bbacklogs?\s+(?:has|had|have|was|were)\s+(?:been\s+)?(?:fully\s+|completely\s+)?"
    r"(?:cleared|processed|drained|worked\s+through)\b"
    r"|\b(?:delivered|working|running|operating|functioning|performing|processed)\s+"
    r"(?:as\s+expected|normally)\b"
    r"|\b(?:back|returned)\s+to\s+normal\b",
    re.IGNORECASE,
)
# A plan or a hope is no state seen: "we expect the backlog to be cleared by March 12".
_AHEAD = re.compile(
    r"\b(?:will|should|aim(?:s|ing)?|plan(?:s|ned)?|hope(?:s|d)?|until)\b"
    r"|(?<!\bas\s)\bexpect(?:s|ed)?\b",  # ("delivered as expected" is a state seen)
    re.IGNORECASE,
)

# Sections that tell what came after the incident, not the incident.
_AFTERWARDS = ("action-items", "lessons", "went-well", "went-wrong", "lucky")


def all_clear_day(
    moments: Sequence[Moment], milestones: Mapping[str, Moment | None]
) -> Moment | None:
    """The first day told in prose, with no time, after the day of every milestone found,
    whose sentence says the trouble is over (`_NO_TROUBLE`, `_ALL_WELL`); None when the
    incident is closed already, or when nothing has told when it began."""
    if milestones.get("resolved") is not None:
        return None
    known = [m for m in milestones.values() if m is not None and m.when is not None]
    if not known:
        return None
    last_day = max(m.when.date() for m in known if m.when is not None)
    for moment in moments:
        if moment.source != PROSE or moment.has_time or not moment.day_known:
            continue
        if moment.when is None or moment.when.date() <= last_day:
            continue
        section = moment.block.section
        if section is not None and section.is_under(*_AFTERWARDS):
            continue  # "we have had no failures since May 3" among the lessons
        sentence = sentence_of(moment)
        if _AHEAD.search(sentence) is not None:
            continue
        if _NO_TROUBLE.search(sentence) is not None or (
            _ALL_WELL.search(sentence) is not None and not attempted(sentence)
        ):
            return moment
    return None


# Told as still so when the report was written: "some services remain unavailable as of
# 10:30", "a few are still pending", "we continue working on a fix to resolve the issue",
# "the issue has not yet been fully resolved". (A plan is not: "we will continue working on a
# fix"; nor work that follows the incident, told under its action items or lessons.)
_STILL_OPEN = re.compile(
    r"\b(?:remains?|are\s+still|is\s+still)\s+(?:currently\s+)?(?:unavailable|down|offline"
    r"|degraded|impacted|affected|pending|unresolved|being\s+restored|ongoing|in\s+progress)\b"
    r"|(?<!\bwill\s)(?<!\bto\s)\bcontinu(?:e|es|ing)\s+(?:to\s+work|working)\s+on\s+(?:a|the)"
    r"\s+(?:fix|resolution|solution|permanent)"
    r"|\bstill\s+(?:a\s+few\s+)?pending\b"
    r"|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:fully\s+)?(?:resolved|restored|recovered)\b",
    re.IGNORECASE,
)


def still_open(blocks: Sequence[TextBlock], resolved: Moment | None, how: str | None) -> bool:
    """Does the report say, at or after the line its resolution was read from, that the
    trouble had not ended when it was written (`_STILL_OPEN`)? Then a resolution read from
    prose or inferred from the mitigation is none: the impact eased, the incident is open.
    (A timeline's closing entry, a field or front matter says otherwise, and is kept.)"""
    if resolved is None or how not in (HOW_PROSE, HOW_INFERRED):
        return False
    for block in blocks:
        if block.kind == "heading" or block.last_line < resolved.line:
            continue
        if block.section is not None and block.section.is_under(*_AFTERWARDS):
            continue
        if _STILL_OPEN.search(block.prose) is not None:
            return True
    return False


# The author's word for the time told is mitigation: "the issue was considered mitigated",
# "in order to mitigate the issue, ... rolled back", "a change ... which fully mitigated".
_MITIGATION_WORD = re.compile(r"\bmitigat(?:e|ed|es|ing|ion)\b", re.IGNORECASE)
# The resolution told apart, with no time of its own: "the incident was resolved after a short
# period of monitoring", "was only fully resolved when the hardware was replaced", "all failed
# rules were identified and remediated".
_RESOLVED_APART = re.compile(
    r"\b(?:was|were|been)\s+(?:only\s+)?(?:fully\s+|completely\s+|finally\s+)?"
    r"(?:[a-z]+ed\s+and\s+)?(?:resolved|remediated)\b(?!\s+(?:at|on|by|as\s+of)\s+\d)",
    re.IGNORECASE,
)


def resolved_apart(
    blocks: Sequence[TextBlock], milestones: Mapping[str, Moment | None], how: str | None
) -> bool:
    """Is the resolution read at the mitigation's own time, where the author called that time
    the mitigation (`_MITIGATION_WORD`) and told the resolution apart with no time
    (`_RESOLVED_APART`: anywhere but the action items and lessons, and in the mitigation's own
    paragraph after its time; a root-cause paragraph may tell it before the timeline does)?
    Then the document states when the impact was mitigated, not when the incident was
    resolved."""
    mitigated, resolved = milestones.get("mitigated"), milestones.get("resolved")
    if mitigated is None or resolved is None or how not in (HOW_PROSE, HOW_INFERRED, HOW_RANGE):
        return False
    if resolved.when is None or mitigated.when != resolved.when:
        return False
    if _MITIGATION_WORD.search(sentence_of(mitigated)) is None:
        return False
    for block in blocks:
        if block.kind == "heading":
            continue
        if block.section is not None and block.section.is_under(*_AFTERWARDS):
            continue
        start = mitigated.stamp.end if block is mitigated.block else 0
        if _RESOLVED_APART.search(block.prose, start) is not None:
            return True
    return False
