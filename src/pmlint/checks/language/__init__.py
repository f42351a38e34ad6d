"""Language rules over spaCy's parse: blame (PM301), individual as cause (PM302), hindsight
(PM303). `base` holds what the three share (the cascade, options, who is a person),
`grammar` and `harm` the readings of a parse they share; each rule has its module."""

from __future__ import annotations

from pmlint.checks.language.base import WORD_CLASSES, Hit, LanguageCheck, load_words
from pmlint.checks.language.blame import BlameLanguage
from pmlint.checks.language.hindsight import HindsightLanguage
from pmlint.checks.language.individual import IndividualAsCause

__all__ = [
    "WORD_CLASSES",
    "BlameLanguage",
    "HindsightLanguage",
    "Hit",
    "IndividualAsCause",
    "LanguageCheck",
    "load_words",
]
