"""PM403's decision, shared by both readings of an item (the spaCy parse and the lexical
fallback): once the head verb's class is known, what makes the item vague.

A reading supplies the evidence (`Evidence`): whether the head verb's item has anything
checkable, and the plan noun, qualifier and generic wording it finds; `classify` weighs
them in one order for both.
"""

from __future__ import annotations

from typing import Protocol

from pmlint.checks.actions.vagueness.lexicon import Vagueness


class Evidence(Protocol):
    """What one reading of an item shows, asked for only when the decision needs it."""

    def unchecked(self, verb_class: str) -> str | None:
        """The reason ("improve", "inquiry", "assure") when the item under a head verb of
        this class has nothing that makes it checkable (a number, a deliverable, a named
        subject); None when it has."""
        ...

    def plan(self) -> Vagueness | None:
        """An item that only announces work ("Action plan", "Follow-up")."""
        ...

    def qualifier(self) -> Vagueness | None:
        """A qualifier that promises quality without a number ("more gracefully")."""
        ...

    def generic(self) -> Vagueness | None:
        """An item that names no component, artifact or number."""
        ...


def classify(
    verb_class: str | None, phrase: str, hedged: Vagueness | None, evidence: Evidence
) -> Vagueness | None:
    """Why the item is vague (None: specific), from the class of its head verb (`phrase`
    as written), a hedge found in it, and what its reading shows."""
    if verb_class == "people":
        verb_class = None  # `_people` found no person to change: "train the model"
    if verb_class == "tentative":
        return Vagueness("tentative", phrase)
    if hedged is not None:
        return hedged
    if verb_class is not None:
        reason = evidence.unchecked(verb_class)
        if reason is not None:
            return Vagueness(reason, phrase)
        return evidence.qualifier()
    return evidence.plan() or evidence.qualifier() or evidence.generic()
