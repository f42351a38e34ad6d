"""A detection told with the start: the symptom seen the moment it began.

"At 16:15 CET the host slowed to a crawl. It was reported "down" in the fleet dashboard, and
internal monitoring showed a load spike", "A CI run failing on network errors is seen", "all
services became unresponsive. Several of us were already on a call and began looking
at once": no later time says when anyone learned, because it was known at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmlint.document import TextBlock
from pmlint.extract.timeline.model import Moment

# Learning told in the passive or by monitoring, or an investigation begun at once.
_SEEN_AT_ONCE = re.compile(
    r"\b(?:is|was|were|are)\s+(?:first\s+|quickly\s+|immediately\s+|promptly\s+)?(?:seen|noticed"
    r"|spotted|observed|reported|detected|flagged)\b"
    r"|\bmonitoring\s+(?:[\w-]+\s+){0,2}?(?:showed|shows|flagged|flags|caught|catches|alerted"
    r"|alerts)\b"
    r"|\b(?:immediately|promptly|right away)\s+(?:started|began|starts|begins)\s+(?:to\s+)?"
    r"investigat"
    # the team setting to work in the sentence after the symptom, with no time of its own:
    # "At 8 pm builds came to a halt. We started investigating the cause"
    r"|\b(?:we|the\s+team|engineers|the\s+on-?call)\s+(?:then\s+)?(?:started|began|starts|begins)"
    r"\s+(?:to\s+)?investigat"
    # the same, the investigation its subject: "Investigation into the issue began immediately"
    r"|\binvestigations?\s+(?:[\w-]+\s+){0,4}?(?:started|began|starts|begins|commenced)\s+"
    r"(?:immediately|promptly|right away|at once)\b",
    re.IGNORECASE,
)
# How far past the start's time its passage is read: its sentence and the next (a learning
# told further on, "Days later the stale entries were noticed", is not at once).
_SENTENCES = 2
# The next entry of a list or table, or a paragraph break: the passage ends there.
_NEXT_ITEM = re.compile(r"\n\s*(?:[-*+]\s|\d+[.)]\s|\||\n)")
_REACH = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def known_at_once(
    start: Moment | None, moments: Sequence[Moment], from_range: bool = False
) -> bool:
    """Does a passage that tells the start's minute (the sentence of the time and the next,
    within its entry or paragraph) say the symptom was seen, reported or investigated at
    once? The start may come from a range ("16:15 - 16:45 CET") and the prose tell it again.
    `from_range`: the start is a stated window's, whose own passage tells the whole window
    ("From 12:10 to 12:12 PDT users could not load messages. Our monitoring alerted us"),
    not its first minute: only the prose that tells that minute again counts."""
    if start is None or not start.has_time or start.when is None:
        return False
    return any(
        _passage_seen(m)
        for m in (start, *moments)
        if (m is start and not from_range)
        or (
            m is not start
            and m.has_time
            and m.when is not None
            and _same_minute(m, start)
            and not (from_range and m.block is start.block)
        )
    )


def _same_minute(a: Moment, b: Moment) -> bool:
    x, y = a.when, b.when
    if x is None or y is None or (x.tzinfo is None) != (y.tzinfo is None):
        return False
    return x.replace(second=0, microsecond=0) == y.replace(second=0, microsecond=0)


def _passage_seen(moment: Moment) -> bool:
    """Do the words after the time, up to the end of the next sentence, tell it seen?"""
    after = moment.block.text[moment.stamp.end : moment.stamp.end + _REACH]
    text = " ".join(_NEXT_ITEM.split(after, 1)[0].split())
    passage = " ".join(_SENTENCE_END.split(text)[:_SENTENCES])
    return _SEEN_AT_ONCE.search(passage) is not None


# The text says, with no time, that the incident was known the moment it began: "We were
# immediately alerted to the database outage", "the event was detected immediately". (Not
# what could have been: "could have been caught instantly" has no "was"/"were".)
_TOLD_AT_ONCE = re.compile(
    r"\b(?:we|they|(?:it|this|the\s+(?:[\w-]+\s+){0,2}?(?:incident|issue|outage|problem|event"
    r"|failure|team|on-?call|engineers?))\s+(?:was|were))\s+(?:were\s+)?"
    r"(?:immediately|instantly|promptly|right away)\s+(?:alerted|notified|paged|detected|noticed"
    r"|spotted|flagged|caught|aware)\b"
    r"|\b(?:was|were)\s+(?:detected|noticed|spotted|flagged|caught|alerted\s+on)\s+"
    r"(?:immediately|instantly|right away|at once)\b"
    # the incident itself identified ("the incident was identified immediately at its onset"),
    # not its cause ("the cause was identified immediately" is news of the cause)
    r"|\b(?:incident|issue|outage|problem|event|failure)\s+(?:was|were)\s+identified\s+"
    r"(?:immediately|instantly|right away|at once)\b",
    re.IGNORECASE,
)

# The words `_TOLD_AT_ONCE` needs, looked for first in each block.
_AT_ONCE_WORDS = ("immediately", "instantly", "promptly", "right away", "at once")


def told_known_at_once(blocks: Sequence[TextBlock]) -> bool:
    """Does any block say, with no time of its own, that the incident was known the moment it
    began (`_TOLD_AT_ONCE`)? Then the start's time is the detection's."""
    return any(
        _TOLD_AT_ONCE.search(block.prose) is not None
        for block in blocks
        if any(word in block.prose.lower() for word in _AT_ONCE_WORDS)
    )
