"""Trained readers of the categories the rules leave `unknown` (trigger, detection source).

One small spaCy `textcat` per kind (exclusive classes, bag of words and word pairs, no
vectors) ships in `pmlint/models/<kind>/`; `make train` rebuilds each from the sentences
written for this repository (`scripts/training/written-<kind>.tsv`,
`scripts/train_categories.py`). A model's classes are its kind's classes in the core pack,
plus classes that are no answer: `none` (a sentence that tells nothing of the kind: impact,
remedy, timeline noise, lessons) and, for the trigger, `other` (a cause of no class: a latent
bug, a slip of the hand). A document gets a class only when a candidate sentence's most
likely class is one of the pack's and its probability reaches the threshold stored in the
model's meta.json (chosen on labelled documents the model never trained on).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmlint.nlp import categorywords, textcat

NOT_A_CLASS = frozenset(("other", "none"))
_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+")


@dataclass(frozen=True, slots=True)
class Reader:
    """What one kind's model reads: its words' broad classes, word -> class names."""

    kind: str
    word_classes: Mapping[str, tuple[str, ...]]


def word_index(classes: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Word -> the names of the broad classes it is in (a word may be in two: "disk")."""
    index: dict[str, list[str]] = {}
    for name, words in classes.items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def classed(words: Sequence[str], word_classes: Mapping[str, tuple[str, ...]]) -> str:
    """The words, then ` || ` and the broad class of each word that has one: what the
    category and milestone models read, so that weights carry across writers' words."""
    found = [c for w in words for c in word_classes.get(w, ())]
    return " ".join([*words, "||", *found]) if found else " ".join(words)


def _reader(kind: str, classes: Mapping[str, tuple[str, ...]]) -> Reader:
    return Reader(kind, word_index(classes))


READERS: dict[str, Reader] = {
    "trigger": _reader("trigger", categorywords.TRIGGER),
    "detection": _reader("detection", categorywords.DETECTION),
    "mitigation": _reader("mitigation", categorywords.MITIGATION),
}


@dataclass(frozen=True, slots=True)
class Guess:
    index: int  # of the sentence in the candidates given
    value: str
    score: float


def features(text: str, kind: str = "trigger") -> str:
    """What a model reads: the words, lowercased, numbers as one token (`NUM`), then
    ` || ` and the broad class of each word that has one (`categorywords`)."""
    words = ["NUM" if w[0].isdigit() else w for w in _TOKEN.findall(text.lower().replace("’", "'"))]
    return classed(words, READERS[kind].word_classes) if words else ""


def best(kind: str, texts: Sequence[str], threshold: float | None = None) -> Guess | None:
    """The most confident class of the pack over `texts`, if it reaches the threshold
    (the model's own unless given); None when the model is off or missing."""
    model = textcat.load(kind) if kind in READERS else None
    if model is None or not texts:
        return None
    limit = float(model.meta.get("threshold", 1.01)) if threshold is None else threshold
    found: Guess | None = None
    # a text of no words (a line of dashes) would make an empty bag, which the model rejects
    read = [(i, f) for i, t in enumerate(texts) if (f := features(t[: textcat.MAX_CHARS], kind))]
    docs = model.nlp.pipe([f for _, f in read], batch_size=64)
    for (index, _), doc in zip(read, docs, strict=True):
        if not doc.cats:
            continue
        value, score = max(doc.cats.items(), key=lambda item: item[1])
        if value in NOT_A_CLASS or score < limit:
            continue
        if found is None or score > found.score:
            found = Guess(index, value, float(score))
    return found
