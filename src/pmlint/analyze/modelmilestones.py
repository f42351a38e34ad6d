"""The milestones the rules leave empty, read by the trained milestone model instead.

Only a milestone the rules found no time for, only from the timeline's timed entries, and
only when the entry the model scores highest for it reaches the model's threshold (chosen on
labelled documents the model never trained on) and keeps the milestones in order (start,
detected, mitigated, resolved). The milestone cites its entry's line and says `how: model`,
so a reader can tell it from the rules' answers. Facts stay free of NLP (the import
contract): this is analyze's reading of the facts, not the facts the checks see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pmlint.extract.milestones import HOW_RANGE, MILESTONES, attempted
from pmlint.extract.timeline import Moment, Timeline, utc
from pmlint.extract.timeline.build import with_milestones
from pmlint.extract.timeline.model import zoned_alike
from pmlint.extract.timeline.windows import ENDS_BEFORE, in_a_range
from pmlint.nlp import milestonecat

HOW_MODEL = "model"
# The milestones the model reads (the rules' "escalated" has no class of its own).
FILLED = tuple(k for k in MILESTONES if k in milestonecat.CLASSES)


def _placed(moment: Moment | None) -> bool:
    return moment is not None and moment.when is not None and moment.day_known


def _in_order(kind: str, moment: Moment, chosen: Mapping[str, Moment | None]) -> bool:
    """Whether `moment` at milestone `kind` keeps the chosen milestones in order."""
    place = MILESTONES.index(kind)
    when = moment.when
    if when is None:
        return False
    for other, found in chosen.items():
        if other not in MILESTONES or found is None or found.when is None:
            continue
        if not found.day_known:
            continue  # a time with no day: not in JSON, and no order with a dated one
        if not zoned_alike(found.when, when):
            return False
        if MILESTONES.index(other) < place and utc(found.when) > utc(when):
            return False
        if MILESTONES.index(other) > place and utc(found.when) < utc(when):
            return False
    return True


def _at_an_end(moment: Moment, chosen: Mapping[str, Moment | None]) -> bool:
    """Whether `moment` is the instant the chosen mitigation or resolution already holds: a
    start there would give an incident that ended as it began."""
    for kind in _OUTCOMES:
        end = chosen.get(kind)
        if end is None or end.when is None or moment.when is None or not end.day_known:
            continue
        if moment is end or (
            zoned_alike(end.when, moment.when) and utc(end.when) == utc(moment.when)
        ):
            return True
    return False


def _tells_the_window(moment: Moment, facts: Timeline) -> bool:
    """Whether `moment` stands in the passage of the stated window the start was read from
    (the rules read no detection from a window's own passage either)."""
    start = facts.milestones.get("start")
    if start is None or facts.provenance.get("start") != HOW_RANGE:
        return False
    return moment.block is start.block


def _an_end_or_a_range(moment: Moment, facts: Timeline) -> bool:
    """Whether `moment` is told as an end ("offline until 13:30 UTC", "resolved at 10:05") or
    as one end of a range its sentence writes ("an outage between 08:00 and 15:30")."""
    prose, at = moment.block.prose, moment.stamp.start
    if at <= len(prose) and ENDS_BEFORE.search(prose, max(0, at - 40), at) is not None:
        return True
    return in_a_range(moment, facts.moments)


# Where a time is no step of the incident: a due date, a lesson, background.
_NOT_THE_INCIDENT = frozenset(
    ("action-items", "lessons", "went-well", "went-wrong", "lucky", "recurrence", "background")
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# The milestones an attempt is not (the rules refuse it for them: `milestones.attempted`).
_OUTCOMES = frozenset(("mitigated", "resolved"))


def _sentence(moment: Moment) -> str:
    """The sentence (or line) of the block that holds the moment's time."""
    text = moment.block.prose
    start, end = moment.stamp.start, moment.stamp.end
    if end > len(text) or text[start:end] != moment.stamp.text:
        return ""  # a time found in other text than the block's prose (an HTML notice)
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.start() + 1 if after else len(text)].strip()


def _candidates(facts: Timeline) -> list[tuple[Moment, str]]:
    """Each time on a known day with what the document says at it: a timeline entry's
    text, else the sentence of the prose it stands in (a time with no day would be placed
    on a day the document never gave)."""
    found: list[tuple[Moment, str]] = []
    seen: set[int] = set()
    for event in facts.events:
        if event.moment.has_time and _placed(event.moment) and event.text.strip():
            found.append((event.moment, event.text))
            seen.add(id(event.moment))
    for moment in facts.moments:
        if id(moment) in seen or not (moment.has_time and _placed(moment)):
            continue
        if _NOT_THE_INCIDENT & set(moment.block.canonical_sections()):
            continue
        sentence = _sentence(moment)
        if sentence:
            found.append((moment, sentence))
            seen.add(id(moment))
    return found


def with_model_milestones(facts: Timeline, threshold: float | None = None) -> Timeline:
    """`facts`, or a copy whose empty milestones the model filled (`how: model`) from the
    threshold (the model's own unless given)."""
    empty = [k for k in FILLED if facts.milestones.get(k) is None]
    if not empty:
        return facts
    candidates = _candidates(facts)
    if not candidates:
        return facts
    scored = milestonecat.scores([text for _, text in candidates])
    if scored is None:
        return facts
    scores, own = scored
    threshold = own if threshold is None else threshold
    milestones = dict(facts.milestones)
    provenance = dict(facts.provenance)
    for kind in empty:
        ranked = sorted(range(len(candidates)), key=lambda i: -scores[i].get(kind, 0.0))
        for index in ranked:
            if scores[index].get(kind, 0.0) < threshold:
                break
            moment, text = candidates[index]
            if kind in _OUTCOMES and attempted(text):
                continue  # "instructs the operators to revert": the rules' attempt, no outcome
            if kind == "start" and _at_an_end(moment, milestones):
                continue  # "by 2am we evicted the attacker": the impact ended there, not began
            if kind == "detected" and _tells_the_window(moment, facts):
                continue  # "Between 16:35 and 20:35 BST mail may have bounced": the window
                # told whole, not someone learning of it
            if kind == "detected" and _an_end_or_a_range(moment, facts):
                continue  # "mail: unable to connect until 17:30 UTC", "an outage between
                # 08:00 and 15:30": when something stopped, or a window, not a noticing
            if _in_order(kind, moment, milestones):
                milestones[kind], provenance[kind] = moment, HOW_MODEL
                break
    if milestones == facts.milestones:
        return facts
    return with_milestones(facts, milestones, provenance)
