"""The vague-action lexicon (word classes, from the rule's `lexicon` option, by default
`rules/core/lexicons/vague-actions.yaml`) and the verdict: why an item is vague."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmlint.rule import OptionError

CLASSES = (
    "tentative",
    "hedge",
    "improve",
    "inquiry",
    "assure",
    "avert",
    "outcome",
    "people",
    "people_state",
    "people_nouns",
    "people_delivery",
    "qualifier",
    "generic",
    "open",
    "plan_noun",
    "deliverable",
    "loose_inquiry",
    "goal",
    "evaluative",
)


@dataclass(frozen=True, slots=True)
class Vagueness:
    """Why an item is vague: its class (see the lexicon) and the words that show it."""

    reason: str  # tentative | hedge | improve | inquiry | assure | people | qualifier | generic
    match: str  # as written, e.g. "Improve", "some kind of", "be more careful"


class VagueLexicon:
    """The lexicon file's classes as phrases (tuples of lower-case words)."""

    def __init__(self, data: Mapping[str, Any] | None) -> None:
        self.phrases: dict[str, list[tuple[str, ...]]] = {name: [] for name in CLASSES}
        for entry in (data or {}).get("tokens", []):
            if not isinstance(entry, Mapping):
                raise OptionError("lexicon", "each entry must be {class, words}")
            unknown = set(entry) - {"class", "words"}
            if unknown:
                raise OptionError("lexicon", f"unknown entry key {sorted(unknown)[0]!r}")
            name = str(entry.get("class", ""))
            if name not in self.phrases:
                raise OptionError("lexicon", f"unknown class {name!r}; known: {', '.join(CLASSES)}")
            words = entry.get("words", [])
            if not isinstance(words, list):
                raise OptionError("lexicon", f"class {name!r}: words must be a list")
            for word in words:
                phrase = tuple(str(word).lower().split())
                if phrase:
                    self.phrases[name].append(phrase)
        for phrases in self.phrases.values():
            phrases.sort(key=len, reverse=True)  # longest first
        self.words: dict[str, frozenset[str]] = {
            name: frozenset(" ".join(p) for p in phrases) for name, phrases in self.phrases.items()
        }
        # class -> first word -> its phrases, longest first (match_at runs for every word)
        self._by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, phrases in self.phrases.items():
            index: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                index.setdefault(phrase[0], []).append(phrase)
            self._by_first[name] = index

    def has(self, name: str, word: str) -> bool:
        return word.lower() in self.words[name]

    def match_at(self, name: str, words: Sequence[str], start: int = 0) -> tuple[str, ...] | None:
        """The longest phrase of the class that `words[start:]` begins with."""
        if start >= len(words):
            return None
        for phrase in self._by_first[name].get(words[start].lower(), ()):
            if tuple(w.lower() for w in words[start : start + len(phrase)]) == phrase:
                return phrase
        return None

    def find(self, name: str, words: Sequence[str]) -> tuple[int, tuple[str, ...]] | None:
        for start in range(len(words)):
            phrase = self.match_at(name, words, start)
            if phrase is not None:
                return start, phrase
        return None


_LEXICONS: dict[int, tuple[Any, VagueLexicon]] = {}
_NO_LEXICON: Mapping[str, Any] = {}


def lexicon_for(data: Mapping[str, Any] | None) -> VagueLexicon:
    """The compiled lexicon for a lexicon mapping (the rule's `lexicon` option, read by the
    rule loader; the core pack's is `lexicons/vague-actions.yaml`); memoised. None: no word
    classes (the caller passes the pack's lexicon)."""
    if data is None:
        data = _NO_LEXICON
    key = id(data)
    cached = _LEXICONS.get(key)
    if cached is None or cached[0] is not data:
        cached = (data, VagueLexicon(data))
        _LEXICONS[key] = cached
    return cached[1]
