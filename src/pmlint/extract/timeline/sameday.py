"""The mitigation of a story told in days (issue 14, date-only milestones): in a document that
gives no time of day anywhere and tells the day someone found the trouble ("On September 9,
2021 one of our core devs discovered ..."), a remedy the team tells it took at once ("We
immediately turned off all builds", "Within a few hours the credentials had been revoked",
"We quickly shipped a patch, and as nodes updated the network began to recover") stopped the
impact on that day. The value is the day alone (`precision: day`), as the detection's is: no
time is invented.

A remedy the team only meant or failed to take ("We wanted to immediately publish", "we
weren't able to restore service right away") is none, nor is one told under the sections
about the future or the lessons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pmlint.document import Document
from pmlint.extract.timeline.model import PROSE, Moment

# Told as done at once: "immediately", "quickly", "right away", "within a few hours".
_AT_ONCE = re.compile(
    r"\b(?:immediately|quickly|promptly|right\s+away|straight\s+away"
    r"|within\s+(?:a\s+few|an?|one|two|\d{1,2})\s+(?:minutes?|hours?))\b",
    re.IGNORECASE,
)
# A remedy done: a thing switched off, a secret revoked, a change undone, a fix shipped.
_REMEDY = re.compile(
    r"\b(?:turned|switched|shut)\s+(?:it\s+|them\s+)?off\b|\bdisabled\b|\bsuspended\b"
    r"|\brevoked\b|\brotated\b|\brolled\s+back\b|\breverted\b"
    r"|\b(?:shipped|published|released|deployed|pushed|rolled\s+out)\s+(?:a\s+|the\s+|an?\s+)?"
    r"(?:\w+\s+)?(?:patch|fix|hotfix)\b|\bpatched\b",
    re.IGNORECASE,
)
# Only meant, tried or not done, before the remedy: "wanted to", "weren't able to", "will".
_NOT_DONE = re.compile(
    r"n't\b|\bnot\b|\bnever\b|\bunable\b|\bwant(?:ed)?\b|\bwould\b|\bwill\b|\bshould\b"
    r"|\bcould\b|\btr(?:y|ied)\b|\battempt|\bplan",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
# Sections whose remedies are not this incident's response.
_ELSEWHERE = ("action-items", "lessons", "went-well", "went-wrong", "background")


def remedy_on_the_day(
    doc: Document, moments: Sequence[Moment], result: Mapping[str, Moment | None]
) -> Moment | None:
    """The first remedy told as done at once after the noticing, on the noticing's day, in a
    document with no time of day; None when it tells times, no day of noticing, or no such
    remedy."""
    noticed = result["detected"]
    if (
        noticed is None
        or noticed.when is None
        or noticed.has_time
        or not noticed.day_known
        or result["mitigated"] is not None
        or result["resolved"] is not None
        or any(m.has_time and m.when is not None for m in moments)
    ):
        return None
    for block in doc.blocks:
        if block.kind == "heading" or block.first_line < noticed.line:
            continue
        if block.nearest_canonical() in _ELSEWHERE:
            continue
        for sentence in _SENTENCE.finditer(block.prose):
            words = sentence.group()
            if block is noticed.block and sentence.end() <= noticed.stamp.start:
                continue
            remedy = _REMEDY.search(words)
            if remedy is None or _AT_ONCE.search(words) is None:
                continue
            if _NOT_DONE.search(words, 0, remedy.end()) is not None:
                continue  # what follows the remedy may say why: "so they would not leak"
            return Moment(
                noticed.stamp,
                block,
                block.span(sentence.start(), sentence.end()),
                noticed.when,
                True,
                noticed.zone_source,
                None,
                noticed.zone_name,
                frozenset({"mitigated"}),
                PROSE,
            )
    return None
