"""The trigger the rules leave `unknown`, read by the trained cause model instead.

Only where the rules found no class word (`how: none`; a stated `unknown` stays), only
among the sentences the rules read for a cause (`extract.causetext`), and only a class the
repository's pack knows. The answer cites its sentence's line, says `how: model` and gives
the model's probability, so a reader can tell it from the rules' answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.document import Document
from pmlint.extract.categories import UNKNOWN, Category
from pmlint.extract.causetext import cause_candidates
from pmlint.extract.timeline import Timeline
from pmlint.nlp import causecat


def categories_json(
    doc: Document,
    facts: Timeline,
    categories: Mapping[str, Category],
    vocabulary: Mapping[str, Mapping[str, Sequence[str]]],
) -> dict[str, dict[str, Any]]:
    """Each kind's category as JSON, the trigger guessed by the model where the rules
    gave none."""
    shown = {kind: category.to_json() for kind, category in categories.items()}
    trigger = categories.get(causecat.KIND)
    if trigger is None or trigger.value != UNKNOWN or trigger.how != "none":
        return shown
    known = set(vocabulary.get(causecat.KIND) or ())
    candidates = cause_candidates(doc, facts)
    guess = causecat.best([c.text for c in candidates])
    if guess is None or guess.value not in known:
        return shown
    shown[causecat.KIND] = {
        "value": guess.value,
        "line": candidates[guess.index].line,
        "how": "model",
        "score": round(guess.score, 3),
    }
    return shown
