"""The strings a pattern needs rule out only texts that it cannot match."""

from __future__ import annotations

import itertools
import re

import pytest

from pmlint.extract import milestones
from pmlint.literals import WORTH_AFTER, any_of, may_match, needed, needed_when_worth

PATTERNS = [
    r"careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy",
    r"(?<![\w-])(?:(?:human|operator)[- ](?:errors?|mistakes?))(?![\w-])",
    r"thr(?:ow|ew|own) [^.!?\n]{0,60}?under (?:the |a )?bus(?:es)?",
    r"\b(?:was|is) (?:the |a )?(?:root|main) cause\b",
    r"(?:we|I)(?: \w+ly)? let (?:you|them) down",
    r"(?i:lorem ipsum)|TODO|\?{3,}",
    r"ab*c|x+y",
    r"(?:foo)+bar|(?>baz)qux",
    r"\bK\b",  # the Kelvin sign: IGNORECASE matches it to "k"
    r"caf\u00e9|na\u00efve",
    *(pattern for _, pattern in milestones._HEALTHY_PARTS),
    milestones._CLOSING.pattern,
]
TEXTS = [
    "The operator-error was careless.",
    "They threw the new hire under the bus, carelessly.",
    "It WAS THE ROOT CAUSE of the outage",
    "We really let them down.",
    "Lorem Ipsum TODO ???",
    "abbbc xxxy foofoobar bazqux",
    "k",
    "\u212a",  # the Kelvin sign itself
    "Caf\u00e9 and naive",
    "Latency back to normal; the incident is over.",
    "Users can log in again after the rollback was completed.",
    "",
]


@pytest.mark.parametrize("source", PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_text_that_matches_holds_a_needed_string(source: str, flags: int) -> None:
    strings = needed(source, flags)
    pattern = re.compile(source, flags)
    for text in [*TEXTS, *(" ".join(pair) for pair in itertools.combinations(TEXTS, 2))]:
        if pattern.search(text) is not None:
            assert may_match(strings, text), (source, text)


def test_what_is_needed() -> None:
    assert needed(r"careless(?:ly)?|sloppy") == frozenset({"careless", "sloppy"})
    either = (frozenset({"human", "operator"}), frozenset({"error", "mistake"}))
    assert needed(r"(?:human|operator)[- ](?:errors?|mistakes?)") in either
    assert needed("TODO", re.IGNORECASE) == frozenset({"todo"})
    assert needed(r"a|b*") is None  # the second alternative needs nothing
    assert needed(r"\w+") is None
    assert needed(r"(") is None  # not a pattern
    assert needed(r"caf\u00e9") == frozenset({"caf"})  # letters beyond ASCII are not needed
    assert not may_match(frozenset({"careless"}), "A careful rollout.")
    assert may_match(frozenset({"careless"}), "CARELESS")
    assert may_match(frozenset({"k"}), "\u212a")  # not ASCII: always searched
    assert may_match(None, "anything")


def test_a_pattern_is_read_once_it_is_searched_often() -> None:
    source = r"\bonly (?:here|there)\b"
    asked = [needed_when_worth(source) for _ in range(WORTH_AFTER + 1)]
    assert asked[:WORTH_AFTER] == [None] * WORTH_AFTER  # searched as it is, at first
    assert asked[-1] == needed(source) == frozenset({"only "})


def test_any_of_finds_a_text_holding_one_of_the_strings() -> None:
    strings = ["did not", "didn't", "did", "on ", " on the ball", "a.b", "care ", "x|y"]
    pattern = any_of(strings)
    texts = [
        "",
        "we did",
        "it was on us",
        "onto the next",
        "the ball",
        "a.b",
        "axb",
        "careful",
        "take care now",
        "x|y",
        "xy",
        "did not",
    ]
    for text in texts:
        assert (pattern.search(text) is not None) == any(s in text for s in strings), text
    assert any_of([]).search("anything") is None
    assert any_of([""]).search("") is not None  # the empty string is in every text
