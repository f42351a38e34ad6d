"""A faster matcher for en_core_web_sm's attribute ruler, with the same matches.

The attribute ruler (tag -> part of speech, lemma and morphology exceptions) runs spaCy's
general `Matcher` with its 179 patterns over every token of every parsed sentence: about a
fifth of the parse time. All but a few of those patterns look at one token only, through
its TAG, LOWER, DEP and IS_SPACE, so the tokens' answers can be memoised by those four
values. `install` replaces the ruler's `match` method (what `AttributeRuler.__call__`
calls before `set_annotations`) by one that returns the same list, in the same order:
`(pattern index, match id, start, end)` sorted. Patterns of other shapes (more tokens,
other attributes or operators) are left to a `Matcher` of their own, so any pipeline is
matched right; a ruler with patterns this module cannot read is left alone. It also
replaces `set_annotations` by one that makes no Span per match (same attributes, in order).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_COLUMNS: list[int | str] = ["TAG", "LOWER", "DEP", "IS_SPACE"]  # `Doc.to_array`'s names
Test = Callable[[Any], bool]  # of an attribute's value: a string, or IS_SPACE's bool


def _predicate(value: object) -> Test | None:
    """A test of one attribute value, as the Matcher reads the pattern; None: unknown."""
    if isinstance(value, (str, bool)):
        return lambda actual: actual == value
    if isinstance(value, dict) and len(value) == 1:
        ((operator, argument),) = value.items()
        if operator == "IN" and isinstance(argument, list):
            members = frozenset(argument)
            return lambda actual: actual in members
        if operator == "NOT_IN" and isinstance(argument, list):
            excluded = frozenset(argument)
            return lambda actual: actual not in excluded
        if operator == "REGEX" and isinstance(argument, str):
            compiled = re.compile(argument)
            return lambda actual: compiled.search(actual) is not None
    return None


def _token_test(spec: object) -> list[tuple[str, Test]] | None:
    if not isinstance(spec, dict) or not spec:
        return None
    tests = []
    for key, value in spec.items():
        if key not in _KEYS:
            return None
        test = _predicate(value)
        if test is None:
            return None
        tests.append((_KEYS[key], test))
    return tests


def _index_key(spec: object) -> tuple[str, frozenset[str]] | None:
    """The values of one attribute that a token must have to match `spec` (the first of
    LOWER, TAG and DEP tested for equality or membership); None: no such attribute."""
    if not isinstance(spec, dict):
        return None
    for name in ("LOWER", "TAG", "DEP"):
        value = spec.get(name)
        if isinstance(value, str):
            return _KEYS[name], frozenset((value,))
        members = value.get("IN") if isinstance(value, dict) and len(value) == 1 else None
        if isinstance(members, list) and all(isinstance(v, str) for v in members):
            return _KEYS[name], frozenset(members)
    return None


class _Index:
    """Positions of token specs by the attribute values they require (`_index_key`), so a
    token is tested only against the specs it may match: those that require one of its
    values, and those that require none (all positions, in order)."""

    def __init__(self, keys: list[tuple[str, frozenset[str]] | None]) -> None:
        self.always = [n for n, key in enumerate(keys) if key is None]
        self.by_value: dict[tuple[str, str], list[int]] = {}
        for n, key in enumerate(keys):
            if key is not None:
                for value in key[1]:
                    self.by_value.setdefault((key[0], value), []).append(n)
        self.attributes = sorted({key[0] for key in keys if key is not None})

    def candidates(self, values: dict[str, Any]) -> list[int]:
        found = set(self.always)
        for attribute in self.attributes:
            found.update(self.by_value.get((attribute, values[attribute]), ()))
        return sorted(found)


def install(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the memoised matcher; False when not done."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        from spacy.matcher import Matcher
        from spacy.pipeline import AttributeRuler

        if not isinstance(ruler, AttributeRuler):
            return False
        patterns = ruler.patterns
    except Exception:  # another spaCy, another ruler: keep its own matching
        return False
    single: list[tuple[int, int, list[tuple[str, Test]]]] = []
    sequences: list[tuple[int, int, list[list[tuple[str, Test]]]]] = []
    single_keys: list[tuple[str, frozenset[str]] | None] = []
    sequence_keys: list[tuple[str, frozenset[str]] | None] = []
    rest = Matcher(nlp.vocab)
    for index, entry in enumerate(patterns):
        key = str(index)
        match_id = nlp.vocab.strings.add(key)
        # spaCy types an entry's values loosely: these are lists of token specs
        for pattern in cast("list[list[dict[str, Any]]]", entry["patterns"]):
            tokens = [_token_test(spec) for spec in pattern]
            known = [t for t in tokens if t is not None]
            if len(tokens) == 1 and tokens[0] is not None:
                single.append((index, match_id, tokens[0]))
                single_keys.append(_index_key(pattern[0]))
            elif tokens and len(known) == len(tokens):
                sequences.append((index, match_id, known))
                sequence_keys.append(_index_key(pattern[0]))
            else:
                rest.add(key, [pattern])
    # AttributeRuler numbers its patterns in this order: check that we read them alike.
    if len(patterns) != len(ruler.attrs) or len(ruler.matcher) != len(patterns):
        return False
    single_index, sequence_index = _Index(single_keys), _Index(sequence_keys)
    Known = tuple[dict[str, Any], list[tuple[int, int]], list[int]]
    memo: dict[tuple[int, ...], Known] = {}
    strings = nlp.vocab.strings

    def passes(tests: list[tuple[str, Test]], values: dict[str, Any]) -> bool:
        return all(test(values[attribute]) for attribute, test in tests)

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        found: list[tuple[int, int, int, int]] = []
        rows = doc.to_array(_COLUMNS).tolist() if len(doc) else []
        seen: list[dict[str, Any]] = []
        begun: list[tuple[int, int]] = []
        for position, row in enumerate(rows):
            signature = tuple(row)  # the values' hashes, and IS_SPACE as 0 or 1
            known = memo.get(signature)
            if known is None:
                tag, lower, dep, space = row
                values = {
                    "tag_": strings[tag] if tag else "",
                    "lower_": strings[lower] if lower else "",
                    "dep_": strings[dep] if dep else "",
                    "is_space": bool(space),
                }
                hits = [
                    single[n][:2]
                    for n in single_index.candidates(values)
                    if passes(single[n][2], values)
                ]
                starts = [
                    n
                    for n in sequence_index.candidates(values)
                    if passes(sequences[n][2][0], values)
                ]
                known = memo[signature] = (values, hits, starts)
            seen.append(known[0])
            found.extend((index, match_id, position, position + 1) for index, match_id in known[1])
            if known[2]:
                begun.extend((position, n) for n in known[2])
        # Fixed-length patterns without operators, from the tokens their first token fits.
        for start, number in begun:
            index, match_id, tokens = sequences[number]
            end = start + len(tokens)
            if end <= len(seen) and all(
                passes(tests, seen[start + k]) for k, tests in enumerate(tokens[1:], 1)
            ):
                found.append((index, match_id, start, end))
        if len(rest):
            for match_id, start, end in rest(doc, allow_missing=True, as_spans=False):
                found.append((int(strings[match_id]), match_id, start, end))
        found = list(dict.fromkeys(found))  # the Matcher reports a (key, start, end) once
        found.sort()
        return found

    from spacy.tokens._retokenize import set_token_attrs

    attrs, indices, set_annotations = ruler.attrs, ruler.indices, ruler.set_annotations

    def set_matched(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """`AttributeRuler.set_annotations` without a Span made for each match: the token
        is found from the match's start or end, and given the same attributes in the same
        order. An index outside its match goes to spaCy's own, which raises its error."""
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                set_annotations(doc, matches)  # sets again what was set, then raises
                return
            set_token_attrs(doc[position], attrs[attr_id])

    vars(ruler)["match"] = match  # the instance's own: AttributeRuler.__call__ calls it
    vars(ruler)["set_annotations"] = set_matched  # half the time of spaCy's
    return True
