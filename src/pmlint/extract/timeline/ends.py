"""Which milestone ends the impact window: the resolution, unless it is a later, lasting fix
after a mitigation that already solved the issue ("11:52 downgraded, which solved the issue",
then "13:30 upgraded and issue permanently fixed"): users were hurt until the mitigation."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pmlint.extract.milestones import HOW_TIMELINE
from pmlint.extract.timeline.model import Event, Moment, utc, zoned_alike

# A fix told as the lasting one, after the impact had stopped.
_LASTING_FIX = re.compile(
    r"\b(?:permanent(?:ly)?|long[- ]term|proper(?:ly)? fix|final fix|root[- ]cause fix)\b",
    re.IGNORECASE,
)
# The mitigation says the issue itself was solved, not just eased.
_SOLVED = re.compile(
    r"\b(?:solv(?:ed|es|ing)|resolv(?:ed|es|ing)|fix(?:ed|es)|restor(?:ed|es)|recover(?:ed|s)"
    r"|back to normal|back online|working again)\b",
    re.IGNORECASE,
)


def impact_end(
    milestones: Mapping[str, Moment | None], how: Mapping[str, str], events: Sequence[Event]
) -> str:
    """The milestone the impact window ends with: "mitigated" where the resolution's entry
    tells a lasting fix and the mitigation's entry says the issue was solved, both on the
    timeline; "resolved" otherwise."""
    mitigated, resolved = milestones.get("mitigated"), milestones.get("resolved")
    if mitigated is None or resolved is None or mitigated is resolved:
        return "resolved"
    if how.get("mitigated") != HOW_TIMELINE or how.get("resolved") != HOW_TIMELINE:
        return "resolved"
    if mitigated.when is None or resolved.when is None:
        return "resolved"
    if not zoned_alike(mitigated.when, resolved.when):
        return "resolved"
    if utc(mitigated.when) >= utc(resolved.when):
        return "resolved"
    text = {id(e.moment): e.text for e in events}
    closing, easing = text.get(id(resolved), ""), text.get(id(mitigated), "")
    if _LASTING_FIX.search(closing) and _SOLVED.search(easing):
        return "mitigated"
    return "resolved"
