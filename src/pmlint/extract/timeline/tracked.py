"""A status page's notice whose updates end with their time in a site generator's shortcode
(cState: `We have reached the registrar and they rolled back the change. {{< track
"2019-09-29 21:00:00" >}}`): the time follows the words it stamps, so no timeline entry is
read from it. Only the mitigation is read from these updates, where nothing else gave one or a
resolution: the notice's front matter already tells when it was opened (its start and
detection), and a notice still open (`resolved: false`) has no resolution.

A notice marked closed (`resolved = true`) whose front matter gives no time of closing
(`resolvedWhen`, `resolved_on`) was closed by its latest update where that update is labelled
so (`**Resolved**: The issue has been resolved. {{< track "2019-06-04T22:38:52.000Z" >}}`):
its time is the resolution.

A recovery that a later update takes back ("Failures are back up", "We are seeing some
errors again") is not when the impact stopped, where updates follow the relapse: the
mitigation is then read from them alone. A notice that ends on the relapse stays open on a new
phase; the recovery it took back ended the impact the notice told of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmlint.extract.milestones import Entry, WordClasses, classify_entries, plain_quotes
from pmlint.extract.timeline.model import Moment, utc, zoned_alike

# `{{< track "2018-11-24 20:42:00" >}}`: the update's time, closing its words.
_TRACK = re.compile(r'\{\{<\s*track\s+"[^"\n]{1,40}"\s*>\}\}')
# The symptom back after a recovery: "failures are back up", "errors again", "reopened".
_RELAPSE = re.compile(
    r"\b(?:errors?|failures?|issues?|problems?|timeouts?|symptoms?|outages?)\s+"
    r"(?:(?:are|is|were|was|have|has|came|come|comes)\s+)?(?:back\b|again\b|returned\b"
    r"|recurr)|\breopen(?:ed|ing|s)?\b",
    re.IGNORECASE,
)


def tracked_updates(moments: Sequence[Moment]) -> list[tuple[Moment, str]]:
    """Each update closed by a `track` shortcode, with its words (from the block's start or the
    previous shortcode), in time order; none when the times cannot be compared."""
    updates: list[tuple[Moment, str]] = []
    for moment in moments:
        text = moment.block.text
        if "track" not in text or not moment.has_time or moment.when is None:
            continue
        previous = 0
        for shortcode in _TRACK.finditer(text):
            if shortcode.start() <= moment.stamp.start < shortcode.end():
                updates.append((moment, text[previous : shortcode.start()]))
                break
            previous = shortcode.end()
    if any(not zoned_alike(m.when, updates[0][0].when) for m, _ in updates):  # type: ignore[arg-type]
        return []
    return sorted(updates, key=lambda u: utc(u[0].when))  # type: ignore[arg-type]


# An update's label of closing, opening its words: `**Resolved**:`, `*Resolved* -`, `Resolved:`.
_CLOSING_LABEL = re.compile(
    r"\A[\s*_#-]*(?:resolved|closed|completed)\b[*_]*\s*[:.\u2013\u2014-]", re.IGNORECASE
)


def tracked_closing(moments: Sequence[Moment]) -> Moment | None:
    """The latest tracked update, where its words open with a label that closes the notice."""
    updates = tracked_updates(moments)
    if not updates:
        return None
    moment, words = updates[-1]
    return moment if _CLOSING_LABEL.search(words) is not None else None


def tracked_recovery(moments: Sequence[Moment], classes: WordClasses) -> Moment | None:
    """The update that tells the impact stopped, unless a later update tells it came back."""
    updates = tracked_updates(moments)
    if len(updates) < 2:
        return None
    entries = [
        Entry(plain_quotes(" ".join(words.split())), m.when, True, i)  # type: ignore[arg-type]
        for i, (m, words) in enumerate(updates)
    ]
    relapses = [e.index for e in entries if _RELAPSE.search(e.text) is not None]
    if relapses:
        # the impact stopped after the symptom last came back, if an update follows it; where
        # the notice ends on the relapse ("The issue has been resolved", then "Reopened -
        # Failures are back up"), the recovery it took back ended the impact the notice tells
        # of, and the notice stays open on a new phase
        last = relapses[-1]
        if last + 1 < len(entries):
            chosen = _recovery(entries[last + 1 :], classes)
        else:
            chosen = _recovery(entries[:last], classes)
    else:
        chosen = _recovery(entries, classes)
    return None if chosen is None else updates[chosen][0]


def _recovery(entries: Sequence[Entry], classes: WordClasses) -> int | None:
    """The index (among all the updates) of the entry the classifier takes as the mitigation."""
    if not entries:
        return None
    renumbered = [Entry(e.text, e.when, e.has_time, i) for i, e in enumerate(entries)]
    chosen = classify_entries(renumbered, classes).get("mitigated")
    if chosen is None or _RELAPSE.search(chosen.text) is not None:
        return None
    return entries[chosen.index].index
