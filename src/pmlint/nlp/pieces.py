"""A linear model over word pieces, whose weights come from a sentence encoder's space.

`make train` (`scripts/train_pieces.py`) fits a logistic regression on the mean of the
word pieces' static vectors, distilled once from all-MiniLM-L6-v2
(`scripts/distill_pieces.py`). A mean is linear, so the fitted model is one weight per
word piece and a bias: a text's score is `sigmoid(bias + mean(weight[piece]))`. Nothing
of the encoder runs here: the package holds the encoder's vocabulary
(`pmlint/models/pieces/vocab.txt`, read by the BERT-style tokenizer below) and each
model's weights (`pmlint/models/<kind>-pieces/`), a few hundred kilobytes.

Why: a word that no labeled row uses still gets a weight from where the encoder puts it,
near words of the same meaning, so the judgement carries to new writers' wording better
than a bag of words learnt from the rows alone (docs/measurements.md, session 48).
"""

from __future__ import annotations

import json
import math
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pmlint.nlp.textcat import MODELS_DIR, cached

UNKNOWN = "[UNK]"
MAX_PIECES = 128  # as the encoder's embeddings were taken (longer texts: their start)
_MAX_WORD = 100  # a longer "word" is one unknown piece, as BERT's tokenizer has it
_MAX_CHARS = 5_000

_CJK = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)  # fmt: skip


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in _CJK)


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _words(text: str) -> list[str]:
    """BERT's basic tokenization (uncased): control characters dropped, lower case, accents
    stripped, CJK ideographs and punctuation split off as words of their own."""
    spaced: list[str] = []
    for char in text:
        code = ord(char)
        if char in " \t\n\r" or unicodedata.category(char) == "Zs":
            spaced.append(" ")
        elif code == 0 or code == 0xFFFD or unicodedata.category(char).startswith("C"):
            continue
        elif _is_cjk(code):
            spaced.append(f" {char} ")
        else:
            spaced.append(char)
    words: list[str] = []
    for token in unicodedata.normalize("NFC", "".join(spaced)).split():
        token = unicodedata.normalize("NFD", token.lower())
        token = "".join(c for c in token if unicodedata.category(c) != "Mn")
        current: list[str] = []
        for char in token:
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


class Vocabulary:
    """The encoder's word pieces, and the greedy longest-match split of a word into them."""

    def __init__(self, pieces: list[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(pieces)}
        self.unknown = self.ids.get(UNKNOWN, 0)

    def split(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unknown]
        found: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return found

    def pieces(self, text: str) -> list[tuple[int, int]]:
        """(piece id, index of its word in `_words(text)`), at most MAX_PIECES of them."""
        out: list[tuple[int, int]] = []
        # MAX_PIECES pieces never need more than this much text (a megabyte-long "item" is
        # read as its start, as the textcat reads it)
        for index, word in enumerate(_words(text[:_MAX_CHARS])):
            out.extend((piece, index) for piece in self.split(word))
            if len(out) >= MAX_PIECES:
                return out[:MAX_PIECES]
        return out


@lru_cache(maxsize=1)
def vocabulary(path: Path = MODELS_DIR / "pieces" / "vocab.txt") -> Vocabulary | None:
    """The encoder's vocabulary, shipped with the package (models trained elsewhere, as by
    `scripts/evaluate_language.py`, read the same one)."""
    try:
        return Vocabulary(path.read_text(encoding="utf-8").splitlines())
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class PieceModel:
    kind: str
    vocabulary: Vocabulary
    weights: array  # one float per word piece
    bias: float
    threshold: float  # reports from this score
    meta: dict

    def score(self, text: str) -> float:
        pieces = self.vocabulary.pieces(text)
        if not pieces:
            return 0.0
        total = self.bias + sum(self.weights[p] for p, _ in pieces) / len(pieces)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))

    def cues(self, text: str, limit: int = 3) -> list[str]:
        """The words whose pieces weigh most towards the class, above the text's mean."""
        pieces = self.vocabulary.pieces(text)
        if not pieces:
            return []
        words = _words(text[:_MAX_CHARS])
        mean = sum(self.weights[p] for p, _ in pieces) / len(pieces)
        weight: dict[int, float] = {}
        for piece, index in pieces:
            weight[index] = max(weight.get(index, -math.inf), self.weights[piece])
        from spacy.lang.en.stop_words import STOP_WORDS  # a cue is a content word

        ranked = sorted(
            (
                i
                for i, w in weight.items()
                if w > mean and words[i].isalnum() and words[i] not in STOP_WORDS
            ),
            key=lambda i: -weight[i],
        )
        return [words[i] for i in sorted(ranked[:limit])]


_CACHE: dict[tuple[str, str], PieceModel | None] = {}


def load(kind: str) -> PieceModel | None:
    """`kind`'s word-piece model, loaded once; None when models are off or it is not built."""
    return cached(_CACHE, kind, lambda folder: _read(folder, kind))


def _read(folder: Path, kind: str) -> PieceModel | None:
    vocab = vocabulary()
    where = folder / f"{kind}-pieces"
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        weights = array("f")
        weights.frombytes((where / "weights.f32").read_bytes())
        if sys.byteorder == "big":  # written little-endian
            weights.byteswap()
    except (OSError, ValueError):
        return None
    if vocab is None or len(weights) != len(vocab.ids):
        return None
    return PieceModel(kind, vocab, weights, float(meta["bias"]), float(meta["threshold"]), meta)
