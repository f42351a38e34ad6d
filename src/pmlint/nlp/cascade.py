"""The cascade: a cheap lexical pass picks candidate sentences; only those are parsed.

The cheap pass is regular expressions over the masked prose (no spaCy at all), built
from word lists by `surface_forms` (every inflection a lemma may take in running text)
and `Trigger`s. The trained pipeline then runs, batched, on the candidates only; parsed
sentences are cached on the document, so rules that share candidates parse them once,
and `Pipeline.stats` counts sentences seen and parsed (`pmlint.nlp.parse_stats()`).

    trigger = Trigger.of(words_pattern(["forget", "neglect"]), needs=[r"\bengineer"])
    wanted = candidates(doc, [trigger])                 # sentences the cheap pass keeps
    parsed = parse_sentences(pipeline, doc, wanted)     # {sentence: spacy Doc}

en_core_web_sm needs every component it has for this: the tagger (tense, parts of
speech), the parser (who does what), the attribute ruler and lemmatizer (lemmas) and
the NER (PERSON names); its `senter` is already disabled, so nothing is excluded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pmlint.document import Document
from pmlint.nlp import Pipeline
from pmlint.nlp.sentences import Sentence, document_sentences

BATCH_SIZE = 64

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("am", "is", "are", "was", "were", "been", "being"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "catch": ("caught",),
    "do": ("did", "done", "does"),
    "fall": ("fell", "fallen"),
    "fight": ("fought",),
    "forget": ("forgot", "forgotten"),
    "forgo": ("forwent", "forgone"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "have": ("had", "has"),
    "know": ("knew", "known"),
    "leave": ("left",),
    "lose": ("lost",),
    "make": ("made",),
    "mistake": ("mistook", "mistaken"),
    "overlook": ("overlooked",),
    "overwrite": ("overwrote", "overwritten"),
    "run": ("ran",),
    "see": ("saw", "seen"),
    "shut": ("shut",),
    "slip": ("slipped",),
    "take": ("took", "taken"),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "undertake": ("undertook", "undertaken"),
    "write": ("wrote", "written"),
}


def surface_forms(lemma: str) -> set[str]:
    """Lower-case forms a word may take: plural/3rd person, past, participles.

    Over-generation is harmless (this only selects candidates); a missing form loses
    recall, so both the doubled and the plain consonant are produced ("skipped",
    "skiped"). A phrase inflects its first word ("take down" -> "took down").
    """
    word = lemma.strip().lower()
    if not word:
        return set()
    head, _, rest = word.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, *_IRREGULAR.get(head, ())}
    if head.isalpha() and len(head) > 2:
        stem_e = head[:-1] if head.endswith("e") else head
        forms |= {head + "s", head + "es", stem_e + "ed", stem_e + "ing", head + "ed"}
        if head.endswith("y") and head[-2] not in "aeiou":
            forms |= {head[:-1] + "ies", head[:-1] + "ied"}
        if head[-1] not in "aeiouwxy" and head[-2] in "aeiou":
            forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
        if head.endswith("ie"):
            forms.add(head[:-2] + "ying")
    return {form + tail for form in forms}


def words_pattern(words: Iterable[str], inflect: bool = True) -> str:
    """One regex alternative matching any of the words (or their forms) as whole words."""
    forms: set[str] = set()
    for word in words:
        forms |= surface_forms(word) if inflect else {word.strip().lower()}
    forms.discard("")
    if not forms:
        return r"(?!x)x"
    parts = sorted((_phrase(f) for f in forms), key=len, reverse=True)
    return r"(?<![\w@-])(?:" + "|".join(parts) + r")(?![\w-])"


def _phrase(form: str) -> str:
    # words of a phrase may be separated by any spaces, hyphens or a few other words
    # ("took the platform down" for "take down" is checked by the parse, not here)
    return r"[\s-]+".join(re.escape(part) for part in form.split())


@dataclass(frozen=True, slots=True)
class Trigger:
    """A sentence is a candidate when `pattern` matches and every `needs` pattern does too."""

    pattern: re.Pattern[str]
    needs: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def of(cls, pattern: str, needs: Sequence[str] = ()) -> Trigger:
        return cls(re.compile(pattern, re.IGNORECASE), tuple(re.compile(n) for n in needs))

    def search(self, text: str) -> bool:
        return self.pattern.search(text) is not None and all(n.search(text) for n in self.needs)


def candidates(doc: Document, triggers: Sequence[Trigger]) -> list[Sentence]:
    """Sentences of the document that any trigger selects (document order)."""
    return [s for s in document_sentences(doc) if any(t.search(s.text) for t in triggers)]


def parse_sentences(
    pipeline: Pipeline, doc: Document, sentences: Sequence[Sentence]
) -> dict[Sentence, Any]:
    """spaCy Docs for the given sentences, parsing only those not parsed before.

    Counts the document's sentences as seen once, and each sentence parsed once, on
    `pipeline.stats`. A blank pipeline parses nothing (it has no parser): callers run
    their lexical checks only and get an empty mapping.
    """
    cache: dict[Sentence, Any] | None = doc.cache.get("nlp.parsed")
    if cache is None:
        cache = {}
        doc.cache["nlp.parsed"] = cache
        pipeline.stats.sentences_seen += len(document_sentences(doc))
    if pipeline.reduced:
        return {}
    todo = [s for s in dict.fromkeys(sentences) if s not in cache]
    if todo:
        docs = pipeline.nlp.pipe((s.text for s in todo), batch_size=BATCH_SIZE)
        for sentence, parsed in zip(todo, docs, strict=True):
            cache[sentence] = parsed
        pipeline.stats.sentences_parsed += len(todo)
    return {s: cache[s] for s in sentences}
