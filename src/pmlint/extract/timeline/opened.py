"""A status page's notice opened before its first timed update.

A notice (cState and the like) is written when something is wrong: its opening text, stamped
by nothing but the front matter's `date:` ("E-mail could be delayed or bounce. We are
currently investigating the issue."), is the first word of the incident, and the updates
stamped later that day ("**Update 09:00**: ...") come after it. The start read from the
updates gives way to the time the notice was opened; so does the detection, where the
opening text tells that someone is already on it.
"""

from __future__ import annotations

import re

from pmlint.document import Document
from pmlint.extract.milestones import HOW_INFERRED, HOW_TIMELINE, WordClasses, tells_detection
from pmlint.extract.timeline.model import Moment, utc

# An announcement of work to come ("Scheduled maintenance: the dashboard will be offline"): the
# notice was written ahead of the trouble, so its date is no start.
_AHEAD = re.compile(r"\b(?:scheduled|planned|maintenance|will\s+be|will\s+have)\b", re.IGNORECASE)


def _before(opened: Moment, later: Moment) -> bool:
    """Is the notice's opening earlier than the moment, on the same day? Compared in UTC where
    both carry an offset, else as wall-clock time (a notice's updates often carry none)."""
    if opened.when is None or later.when is None or not later.day_known:
        return False
    if opened.when.tzinfo is not None and later.when.tzinfo is not None:
        return opened.when.date() == later.when.date() and utc(opened.when) < utc(later.when)
    a, b = opened.when.replace(tzinfo=None), later.when.replace(tzinfo=None)
    return a.date() == b.date() and a < b


def opened_before_updates(
    doc: Document,
    opening: Moment | None,
    result: dict[str, Moment | None],
    how: dict[str, str],
    classes: WordClasses,
) -> None:
    """Where a notice's opening text carries no time of its own and tells the trouble, and the
    start was read from its later updates on the same day, the notice's `date:` (`opening`)
    is the start, and the detection too where the opening tells someone on it."""
    start = result["start"]
    if opening is None or start is None or how.get("start") != HOW_TIMELINE:
        return
    first = next((b for b in doc.blocks if b.prose.strip()), None)
    if first is None or not _before(opening, start):
        return
    # the opening's words: the first block, up to the start's own stamp where the updates run
    # on in the same paragraph ("... investigating the issue.<br />**Update 09:00**: ...")
    told_text = first.text[: start.stamp.start] if start.block is first else first.text
    if any(
        m.block is first and m.stamp.start < len(told_text)
        for m in (result["detected"], result["mitigated"])
        if m is not None
    ):
        return
    text = " ".join(told_text.split())
    told = tells_detection(text, classes)
    if not (told or classes.has("start", text)):
        return
    if _AHEAD.search(text) is not None:
        return
    if any(ch.isdigit() for ch in text):
        return  # the opening carries a time or a figure of its own: not the notice's bare text
    result["start"], how["start"] = opening, HOW_INFERRED
    detected = result["detected"]
    if told and (detected is None or _before(opening, detected)):
        result["detected"], how["detected"] = opening, HOW_INFERRED
