"""Words a text must hold for a pattern to match it: a test cheaper than the search.

Python's regex engine has no literal prefilter: a pattern that opens with a look-behind
or an alternation of hundreds of phrases (the language rules' lexicons, the timeline's
"service healthy again") is tried at every position of every text, and most texts hold
none of its phrases. `needed(pattern)` reads the pattern's syntax tree and finds strings
one of which is in every text it matches, compared lower-case (so they hold with
IGNORECASE or without); `may_match` looks for them with `in`, which is a plain
substring search. A text without any of them cannot match, so the search is skipped;
any other text is searched as before, so the pattern's matches are the same.

They are only used on ASCII text: IGNORECASE matches some letters beyond ASCII to ASCII
ones ("K", the Kelvin sign, to "k"), so a text with such letters is always searched, and
so is a pattern whose needed strings would have them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

try:
    import re._parser as _parser  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef,unused-ignore]

_Needed = frozenset[str] | None  # None: no string is needed (every text may match)
_REPEATS = {
    getattr(_parser, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_parser, name)
}


@lru_cache(maxsize=1024)
def needed(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match of the pattern contains; None where
    the pattern needs none that this can tell (or cannot be read)."""
    try:
        tree = _parser.parse(source, flags)
    except Exception:  # a pattern re itself rejects: no prefilter
        return None
    return _sequence(list(tree))


# Reading a pattern costs about as much as 30 searches of it; a run that searches it less
# than this (a single file) does not read it, and searches every text.
WORTH_AFTER = 200
_searched: dict[tuple[str, int], int] = {}


def needed_when_worth(source: str, flags: int = 0) -> frozenset[str] | None:
    """`needed`, once the pattern has been asked for `WORTH_AFTER` times in this process;
    None (search every text) before."""
    key = (source, flags)
    count = _searched.get(key, 0)
    if count >= WORTH_AFTER:
        return needed(source, flags)
    _searched[key] = count + 1
    return None


def any_of(strings: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds a text (lower-cased by the caller) to hold one of the strings:
    the strings as a trie, so that the engine follows only the branches that share the
    text's next character, where 130 `in` tests each scan the whole text. A string that
    another one starts with is enough where it ends: the longer one adds nothing."""
    root: dict[str, Any] = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie(root))


def _trie(node: dict[str, Any]) -> str:
    if "" in node:
        return ""  # a string ends here: found
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items())]
    if not branches:
        return "(?!x)x"  # no strings: nothing is found
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def may_match(strings: frozenset[str] | None, text: str) -> bool:
    """False only where `text` (any case) holds none of the needed strings."""
    if strings is None or not text.isascii():
        return True
    lowered = text.lower()
    return any(string in lowered for string in strings)


def _sequence(items: list[tuple[Any, Any]]) -> _Needed:
    """A match of a sequence contains a match of each of its items, and each run of
    literal characters: the best of these is needed."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _parser.LITERAL and value < 128:
            run.append(chr(value).lower())
            continue
        if run:
            options.append(frozenset(("".join(run),)))
            run = []
        found = _item(op, value)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset(("".join(run),)))
    # The longest shortest string: the rarest in text; then the fewest strings.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _item(op: Any, value: Any) -> _Needed:
    if op is _parser.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is _parser.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            needed_here = _sequence(list(branch))
            if needed_here is None:
                return None  # a branch needs nothing: the whole needs nothing
            found |= needed_here
        return frozenset(found)
    if op in _REPEATS:
        low, _high, body = value
        return _sequence(list(body)) if low >= 1 else None
    if getattr(_parser, "ATOMIC_GROUP", None) is op:
        return _sequence(list(value))
    return None  # a class, any character, an anchor, a look-around, a back reference


__all__ = ["WORTH_AFTER", "may_match", "needed", "needed_when_worth"]
