"""The categories the rules leave `unknown`, read by the trained category models instead.

Only where the rules found no class word (`how: none`; a stated `unknown` stays), only among
the sentences the rules read for that kind (`extract.modeltext`), and only a class the
repository's pack knows. The answer cites its sentence's line, says `how: model` and gives
the model's probability, so a reader can tell it from the rules' answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.document import Document
from pmlint.extract.categories import UNKNOWN, Category
from pmlint.extract.modeltext import CANDIDATES
from pmlint.extract.timeline import Timeline
from pmlint.nlp import categorymodel


def categories_json(
    doc: Document,
    facts: Timeline,
    categories: Mapping[str, Category],
    vocabulary: Mapping[str, Mapping[str, Sequence[str]]],
) -> dict[str, dict[str, Any]]:
    """Each kind's category as JSON, guessed by its model where the rules gave none."""
    shown = {kind: category.to_json() for kind, category in categories.items()}
    for kind, candidates_of in CANDIDATES.items():
        ruled = categories.get(kind)
        if ruled is None or ruled.value != UNKNOWN or ruled.how != "none":
            continue
        known = set(vocabulary.get(kind) or ())
        candidates = candidates_of(doc, facts)
        guess = categorymodel.best(kind, [c.text for c in candidates])
        if guess is None or guess.value not in known:
            continue
        shown[kind] = {
            "value": guess.value,
            "line": candidates[guess.index].line,
            "how": "model",
            "score": round(guess.score, 3),
        }
    return shown
