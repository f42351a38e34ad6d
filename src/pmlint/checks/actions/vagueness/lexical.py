"""The lexical reading (blank mode, or a text too long to parse): word forms stand in
for the parse. `_people` serves both readings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from pmlint.checks.actions.vagueness.classify import classify
from pmlint.checks.actions.vagueness.lexicon import (
    VagueLexicon,
    Vagueness,
)
from pmlint.checks.actions.vagueness.words import (
    _ASSURE_PERSON,
    _CARRIERS,
    _COMPARATIVE,
    _IDENTIFIER,
    _LIGHT_VERBS,
    _NUMBER,
    _PEOPLE_OBJECT,
    _SUBJECTS,
    _VERB_CLASSES,
    _WORD,
)


def _people(text: str, lex: VagueLexicon) -> Vagueness | None:
    """Fixes that target people: "be more careful", "remind engineers to", "make sure the
    on-call checks"; found on the words, so a misparse cannot hide them."""
    stripped = _SUBJECTS.sub("", text, count=1)
    words = _WORD.findall(stripped)
    if not words:
        return None
    lowers = [w.lower() for w in words]
    if lowers[0] in ("be", "being", "stay", "remain") and len(lowers) > 1:
        state = lowers[1:3] if lowers[1] in ("more", "extra", "very", "especially") else lowers[1:2]
        if state and lex.has("people_state", state[-1]):
            return Vagueness("people", " ".join(words[: len(state) + 1]))
    phrase = lex.match_at("people", [_base(lowers[0], lex, ("people",)), *lowers[1:]])
    if phrase is not None:
        needs_object = len(phrase) == 1 and "-" not in phrase[0]
        after = " ".join(lowers[len(phrase) : len(phrase) + 4])
        if not needs_object or _PEOPLE_OBJECT.search(after):
            return Vagueness("people", " ".join(words[: len(phrase)]))
    match = _ASSURE_PERSON.match(stripped)
    if match:
        return Vagueness("people", " ".join(match.group()[:-1].split()))
    for at, lower in enumerate(lowers[:8]):
        # "provide training to new hires", "interns and new hires should receive training":
        # the people fix handed over as a thing, by the item's own verb
        if at and lowers[at - 1] not in _MODAL_BEFORE:
            continue
        if not lex.has("people_delivery", _base(lower, lex, ("people_delivery",))):
            continue
        for i, noun in enumerate(lowers[at + 1 : at + 5], at + 1):
            after = lowers[i + 1] if i + 1 < len(lowers) else ""
            if lex.has("people_nouns", noun) and (not after or after in _AFTER_PEOPLE_NOUN):
                # not a modifier of a thing: "the training data set", "awareness metrics"
                return Vagueness("people", " ".join(words[at : i + 1]))
        break
    return None


# What may stand before the item's own verb when a subject leads ("new hires should receive").
_MODAL_BEFORE = frozenset(("should", "must", "will", "shall", "to", "can"))
# What follows a people-fix noun that is the thing handed over ("training on the runbook",
# "a training session"), not a modifier ("training data").
_AFTER_PEOPLE_NOUN = frozenset(
    (
        *("on", "for", "to", "about", "in", "with", "of", "at", "and", "before", "after"),
        *("session", "sessions", "course", "courses", "module", "modules", "program"),
        *("programme", "programs", "programmes", "plan", "plans", "day", "days"),
    )
)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _forms(word: str) -> set[str]:
    """Inflected forms of a verb or noun: enough to match without a lemmatizer."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _base(word: str, lex: VagueLexicon, names: Iterable[str]) -> str:
    """The lexicon word that `word` is a form of (itself if none)."""
    word = word.lower()
    return _form_index(lex, tuple(names)).get(word, word)


@lru_cache(maxsize=64)
def _form_index(lex: VagueLexicon, names: tuple[str, ...]) -> dict[str, str]:
    """Each form of the classes' one-word phrases -> the phrase (the first class and
    phrase win): built once, where a scan of the lexicon for every word made a long
    action item slow."""
    index: dict[str, str] = {}
    for name in names:
        for phrase in lex.phrases[name]:
            if len(phrase) == 1:
                for form in sorted(_forms(phrase[0])):
                    index.setdefault(form, phrase[0])
    return index


@lru_cache(maxsize=1)
def _light_verb_forms() -> frozenset[str]:
    return frozenset(form for verb in _LIGHT_VERBS for form in _forms(verb))


def _lexical(text: str, lex: VagueLexicon) -> Vagueness | None:
    stripped = _SUBJECTS.sub("", text, count=1)
    words = _WORD.findall(stripped)
    if not words:
        return None
    lowers = [w.lower() for w in words]
    numbered = bool(_NUMBER.search(text))

    hedge = lex.find("hedge", lowers)
    if hedge is not None:
        return Vagueness("hedge", " ".join(words[hedge[0] : hedge[0] + len(hedge[1])]))
    people = _people(text, lex)
    if people is not None:
        return people
    # Carriers: "try to reduce", "need to improve".
    while len(lowers) > 2 and _base(lowers[0], lex, ()) in _CARRIERS and lowers[1] == "to":
        if lex.has("tentative", _base(lowers[0], lex, ("tentative",))):
            return Vagueness("tentative", words[0])
        words, lowers = words[2:], lowers[2:]
    based = [_base(lowers[0], lex, _VERB_CLASSES), *lowers[1:]]
    verb_class: str | None = None
    phrase: tuple[str, ...] = ()
    for name in _VERB_CLASSES:
        found = lex.match_at(name, based)
        if found is not None:
            verb_class, phrase = name, found
            break
    match_text = " ".join(words[: len(phrase)]) if phrase else words[0]
    reading = _LexicalReading(lex, stripped, words, phrase, numbered)
    return classify(verb_class, match_text, None, reading)


class _LexicalReading:
    """The evidence of the lexical reading (see `classify.Evidence`): `words` are the item's
    words from its head verb on, `phrase` the verb's lexicon phrase (empty if none)."""

    def __init__(
        self,
        lex: VagueLexicon,
        stripped: str,
        words: list[str],
        phrase: tuple[str, ...],
        numbered: bool,
    ) -> None:
        self.lex = lex
        self.stripped = stripped
        self.words = words
        self.lowers = [w.lower() for w in words]
        self.phrase = phrase
        self.rest = self.lowers[len(phrase) if phrase else 1 :]
        self.numbered = numbered

    @cached_property
    def specific(self) -> bool:
        return _lexically_specific(self.words[len(self.phrase) if self.phrase else 1 :], self.lex)

    def unchecked(self, verb_class: str) -> str | None:
        lex, rest = self.lex, self.rest
        if self.numbered:
            return None
        if verb_class == "improve":
            return None if self._deliverable() else "improve"
        if verb_class == "loose_inquiry":
            after = self.words[len(self.phrase) :]
            if not any(_IDENTIFIER.search(w) or w[:1].isupper() for w in after):
                return "inquiry"
            verb_class = "inquiry"  # a named subject: bounded like any inquiry
        if verb_class == "inquiry":
            first = rest[0] if rest else ""
            opening = lex.match_at("open", rest) or lex.match_at(
                "open", rest[1:] if first in ("the", "a", "an", "our") else []
            )
            if not rest or opening is not None or not self.specific:
                return "inquiry"
            return None
        if verb_class == "assure" and not self.specific:
            return "assure"
        if verb_class == "avert":
            kept = [w for w in rest if w not in ("the", "a", "an", "our", "any", "all", "such")]
            outcome = bool(kept) and (lex.has("outcome", kept[0]) or lex.has("open", kept[0]))
            named_case = any(w in ("when", "whenever", "if", "while") for w in rest)
            return "assure" if outcome and not named_case and not self._deliverable() else None
        return None

    def _deliverable(self) -> bool:
        """A deliverable verb after the head, and something specific: "by adding an alert"."""
        lex = self.lex
        return (
            any(_base(w, lex, ("deliverable",)) in lex.words["deliverable"] for w in self.rest[1:])
            and self.specific
        )

    def plan(self) -> Vagueness | None:
        lex, lowers, words = self.lex, self.lowers, self.words
        if lowers[0] in lex.words["plan_noun"] | {"action"}:
            noun = " ".join(lowers[:2])
            if (
                lex.has("plan_noun", lowers[0]) or lex.has("plan_noun", noun)
            ) and not self.numbered:
                return Vagueness(
                    "plan", " ".join(words[:2]) if lex.has("plan_noun", noun) else words[0]
                )
        return None

    def qualifier(self) -> Vagueness | None:
        if self.numbered:
            return None
        words = self.words
        qualifier = self.lex.find("qualifier", self.lowers)
        if qualifier is not None and qualifier[1][0] not in ("more", "less"):
            return Vagueness(
                "qualifier", " ".join(words[qualifier[0] : qualifier[0] + len(qualifier[1])])
            )
        comparative = _COMPARATIVE.search(self.stripped)
        if comparative:
            return Vagueness("qualifier", comparative.group())
        if qualifier is not None:
            return Vagueness(
                "qualifier", " ".join(words[qualifier[0] : qualifier[0] + len(qualifier[1])])
            )
        return None

    def generic(self) -> Vagueness | None:
        if not self.numbered and not self.specific:
            return Vagueness("generic", " ".join(self.words[:4]))
        return None


def _lexically_specific(words: Sequence[str], lex: VagueLexicon) -> bool:
    stop = _stop_words()
    for word in words:
        lower = word.lower()
        if _IDENTIFIER.search(word) or any(c.isdigit() for c in word):
            return True
        if lower in stop or len(lower) < 3 or lower in _light_verb_forms():
            continue
        base = _base(lower, lex, ("generic", "open", "qualifier", "deliverable", *_VERB_CLASSES))
        if any(
            base in lex.words[name]
            for name in (
                "generic",
                "open",
                "qualifier",
                "hedge",
                "people_state",
                "deliverable",
                *_VERB_CLASSES,
            )
        ):
            continue
        if lower.endswith(("ly", "ive", "ous", "ful", "able", "ible")):
            continue  # adverbs and adjectives name nothing
        return True
    return False
