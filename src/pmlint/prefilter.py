"""One search that rules a text out before each of many patterns is tried on it.

Rules match lists of regexes (placeholders, blame phrases) in every block or sentence,
and most texts hold none of them. The patterns are wrapped in look-arounds for whole
words, which keep Python's engine from skipping ahead to a literal first character; the
bare alternation of their sources is matched by anything any of them matches, and is
searched far faster. A text it does not match cannot match any of the patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Numbered or named back-references would point at other groups once sources are joined.
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def any_of(sources: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    """A pattern matching wherever one of the sources does (None: no sound prefilter,
    so every pattern must be tried; or no sources, so none can match)."""
    sources = list(sources)
    if not sources or any(_BACKREFERENCE.search(s) for s in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources), flags)
    except re.error:  # a source with global flags ("(?i)...") cannot be joined
        return None


def may_match(prefilter: re.Pattern[str] | None, text: str) -> bool:
    return prefilter is None or prefilter.search(text) is not None
