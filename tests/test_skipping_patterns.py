"""Patterns rewritten so that the regex engine can skip through a text must answer exactly as
the patterns they stand for: `stated_durations` rules a text out with cheaper searches (or a
duration would be lost), markup's emphasis pattern and the secrets' key words open with a
character (or text would be stripped, or lines looked at, differently)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmlint import masking
from pmlint.checks import structure
from pmlint.extract import durations, sensitive
from pmlint.literals import needed

# Pieces that amounts, units and their neighbours are made of, and the letters beyond ASCII
# that IGNORECASE matches to ASCII ones (the long s, the Kelvin sign, the dotted and dotless i).
ATOMS = [
    *("1", "12", "3.5", ",5", "0", ".", ",", "-", "_", " ", "\n", "\t", "\u00a0"),
    *("h", "d", "m", "M", "H", "min", "Mins", "minute", "hour", "Hours", "hr", "hrs"),
    *("day", "Days", "week", "wks", "sec", "seconds", "USDC", "UTC", "GMT", "x", "é"),
    *("a", "an", "A", "half", "Half an", "one", "Twenty", "forty-two", "five", "several"),
    *("a few", "a couple of", " and a half", " and a quarter", "ſ", "\u212a", "İ", "ı"),
    *("outage", "took", "time to", "TTR", "error ", "50", "down", "failing", "Stopped"),
]

SENTENCES = [
    "The outage lasted 47 minutes.",
    "Recovery took about an hour and a half.",
    "A 35-minute disruption hit checkout.",
    "We paged the on-call at 10:05 and again at 10:20.",
    "The pool held 12m USDC before the drain.",
    "v2.5 hours budget, .5h later",
    "Half an hour of degraded service",
    "It took them 3h20m to restore the index.",
    "no amounts here at all",
    "",
]


def _same(text: str) -> None:
    whole = durations._PART.search(text) is not None
    split = (
        durations._PART_DIGITS.search(text) is not None
        or durations._PART_WORDS.search(text) is not None
    )
    assert whole == split, text
    lower = text.lower()
    assert any(hint in lower for hint in durations._HINTS) == (
        durations._ANY_HINT.search(lower) is not None
    ), text


def test_written_sentences() -> None:
    for text in SENTENCES:
        _same(text)
    rng = random.Random(17)
    for _ in range(20_000):
        _same("".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 8))))


@given(st.lists(st.sampled_from(ATOMS), max_size=10).map("".join))
def test_generated_texts(text: str) -> None:
    _same(text)


@given(st.text(alphabet=st.sampled_from("1.,- hdmMinouraftews\u017f\u0130\u0131"), max_size=14))
def test_generated_characters(text: str) -> None:
    _same(text)


def test_each_duration_pattern_needs_what_is_written() -> None:
    """Every string `needed` finds for a pattern holds one of the written ones: a text
    with none of the written strings holds none of those, and cannot match."""
    assert len(durations._STATED_NEEDS) == len(durations._STATED)
    for pattern, written in zip(durations._STATED, durations._STATED_NEEDS, strict=True):
        strings = needed(pattern.pattern, pattern.flags)
        assert strings is not None, pattern.pattern
        for string in strings:
            assert any(w in string for w in written), (pattern.pattern, string)


def test_durations_found_with_and_without_the_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        *SENTENCES,
        "The outage lasted 47 minutes, and errors for 5 minutes at a time.",
        "For 26 minutes, users could not log in; after 46 minutes it was back online.",
        "Total downtime: 1h 20m. Time to recovery: 87 minutes. A 35-minute outage.",
        "It took us about 2 hours to restore service; the token was exposed for six hours.",
    ]
    found = [durations.stated_durations(t) for t in texts]
    everything = tuple(("",) for _ in durations._STATED)
    monkeypatch.setattr(durations, "_STATED_NEEDS", everything)
    assert found == [durations.stated_durations(t) for t in texts]
    assert sum(map(len, found)) >= 8


# The emphasis pattern as it was written before it opened with its character.
_EMPHASIS_BEFORE = re.compile(r"(?<![0-9A-Za-z])(?!~\d)[*_~]+|[*_~]+(?![0-9A-Za-z])")
MARKUP = ["**bold** and _it_", "~~struck~~ for ~40 mins", "snake_case_name", "a*b*", "**", "~1h"]


def _same_emphasis(text: str) -> None:
    spans = [m.span() for m in masking._EMPHASIS.finditer(text)]
    assert spans == [m.span() for m in _EMPHASIS_BEFORE.finditer(text)], text
    assert masking._EMPHASIS.sub("", text) == _EMPHASIS_BEFORE.sub("", text), text


def test_emphasis_written_markup() -> None:
    for text in MARKUP:
        _same_emphasis(text)
    rng = random.Random(5)
    pieces = [*"*_~ab1 .\n~9Z", "**", "__", "~~", "~1", "a*", "*a"]
    for _ in range(20_000):
        _same_emphasis("".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))))


@given(st.text(alphabet=st.sampled_from("*_~aZ19 .\n-"), max_size=16))
def test_emphasis_generated(text: str) -> None:
    _same_emphasis(text)


# The secrets' key words as they were written before they opened with their letters.
_KEYWORD_BEFORE = (
    r"\b(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|credentials?|private[_ ]key|bearer"
    r"|authorization)\b|-----begin"
)
KEY_PIECES = [
    *("password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key"),
    *("credential", "credentials", "private key", "private_key", "bearer", "authorization"),
    *("-----begin", "x", "_", " ", "1", "\u00e9", "-", "s", "P", "\u212a", "\u017f"),
]


def _same_keywords(text: str) -> None:
    for flags in (0, re.IGNORECASE):
        before = re.compile(_KEYWORD_BEFORE, flags)
        after = re.compile(sensitive._KEYWORD.pattern, flags)
        assert [m.span() for m in after.finditer(text)] == [
            m.span() for m in before.finditer(text)
        ], (text, flags)


def test_secret_key_words_written_and_random() -> None:
    _same_keywords("set the api_key and the bearer token; mypassword is not one, a-token is")
    rng = random.Random(11)
    for _ in range(10_000):
        _same_keywords("".join(rng.choice(KEY_PIECES) for _ in range(rng.randint(0, 6))))


@given(st.lists(st.sampled_from(KEY_PIECES), max_size=8).map("".join))
def test_secret_key_words_generated(text: str) -> None:
    _same_keywords(text)


def _squash_before(text: str) -> str:
    return re.sub(r"(?<![\s.:;!])[\s.:;!]+$", "", " ".join(text.lower().split()))


@given(st.text(alphabet=st.sampled_from("ab T.:;!?- \t\n\u00a0\u2003\x1c\u0130"), max_size=16))
def test_empty_section_squash(text: str) -> None:
    assert structure._squash(text) == _squash_before(text)
    for written in ("TBD.", "n/a ;", "...", "Coming soon!!", " - ", "tbd . .", "a.b:"):
        assert structure._squash(written) == _squash_before(written)
