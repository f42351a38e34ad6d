"""The text an item is judged on, and the shapes of vague items that the words show
without a parse (template text, a study with no result, a wish, a hedge, an activity)."""

from __future__ import annotations

import re

from pmlint.checks.actions.vagueness.lexicon import Vagueness
from pmlint.checks.actions.vagueness.words import (
    _ASIDE,
    _ASPIRATION,
    _CONTINUOUS,
    _HEDGED,
    _IDENTIFIER,
    _INQUIRING,
    _LABEL,
    _NUMBER,
    _ONGOING,
    _OPINION,
    _SENTENCE_END,
    _SPARE_TIME,
    _STUDY,
    _STUDY_RESULT,
    _TEMPLATE,
)
from pmlint.extract.actions import ActionItem

_ENUMERATOR = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[A-Za-z])")


def analysis_text(item: ActionItem) -> str:
    """The part of the item that states the action: its first sentence, without asides."""
    text = item.action or item.text
    text = _ENUMERATOR.sub("", text, count=1)  # "- 6. Study ...": a number pasted in
    label = _LABEL.match(text)  # "The fix: Create a linter ...": the label names no action
    if label:
        text = text[label.end() :]
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    aside = _ASIDE.search(text)
    if aside and len(text[: aside.start()].split()) >= 2:
        text = text[: aside.start()]
    return text.strip(" .;:!,")


def _shape(text: str) -> Vagueness | None:
    """Shapes of vague items that the words show without a parse: leftover template text,
    a study item with no result, a wish about a property, a continuing activity noun, an
    inquiry reported as under way."""
    stripped = text.strip()
    template = _TEMPLATE.search(stripped)
    if template:
        return Vagueness("template", template.group().strip())
    study = _STUDY.match(stripped)
    if study and not _STUDY_RESULT.search(stripped[study.end() :]):
        return Vagueness("study", study.group("match"))
    if stripped.endswith("?") and len(stripped.split()) >= 3:
        return Vagueness("tentative", " ".join(stripped.split()[:4]))
    hedged = _HEDGED.search(stripped)
    if hedged:
        return Vagueness("tentative", hedged.group("match") or hedged.group("help"))
    opinion = _OPINION.search(stripped)
    if opinion:
        return Vagueness("hedge", opinion.group("match"))
    spare = _SPARE_TIME.search(stripped)
    if spare:
        return Vagueness("tentative", spare.group("match"))
    # Work reported as under way has no end, whatever it names (a number, a link, a name).
    inquiring = _INQUIRING.match(stripped)
    if inquiring and not _STUDY_RESULT.search(stripped[inquiring.end() :]):
        return Vagueness("inquiry", inquiring.group("match"))
    ongoing = _ONGOING.search(stripped)
    if ongoing:
        return Vagueness("generic", ongoing.group("match"))
    if _NUMBER.search(stripped) or _IDENTIFIER.search(stripped):
        return None
    aspiration = _ASPIRATION.match(stripped)
    if aspiration:
        return Vagueness("aspiration", aspiration.group("match"))
    continuous = _CONTINUOUS.match(stripped)
    if continuous:
        return Vagueness("generic", continuous.group("match"))
    return None
