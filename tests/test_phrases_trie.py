"""`phrases_trie` matches what the plain alternation of `phrase_pattern`s matches, from the
same positions: the timeline's word classes are searched with it (`kinds_in`)."""

from __future__ import annotations

import re

import pytest

from pmlint.extract.milestones import phrase_pattern, phrases_trie
from pmlint.extract.timeline.entries import compiled_words, kinds_in

PHRASES = (
    "fail",
    "failed",
    "failing over",
    "fail over",
    "back online",
    "back up",
    "backlog",
    "went down",
    "5xx",
    "500",
    "(mitigated)",
    "error",
    "notic",
    "was notified",
)

TEXTS = (
    "the primary failed over to the replica",
    "fails",
    "a failover",  # one word: 'over' needs the space before it
    "the site is back online at 10:02",
    "backed up the disk",
    "backups were fine",
    "the backlog grew",
    "it went  down\tagain",
    "a 5xx spike; 500s",
    "http 5000 responses",
    "impact (mitigated) at noon",
    "impact mitigated",
    "errors and unnoticed alerts",
    "we noticed",
    "ops was notified",
    "nothing here",
    "prefail",  # after a letter: no match
    "",
)


def _plain(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(phrase_pattern(p) for p in phrases) + ")")


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_from_the_same_positions(text: str) -> None:
    plain, trie = _plain(PHRASES), re.compile(phrases_trie(PHRASES))
    starts = [m.start() for m in plain.finditer(text)]
    assert [i for i in range(len(text) + 1) if trie.match(text, i) is not None] == [
        i for i in range(len(text) + 1) if plain.match(text, i) is not None
    ]
    assert (trie.search(text) is None) == (not starts)


def test_prefix_phrases_keep_the_longer_forms() -> None:
    trie = re.compile(phrases_trie(("back", "back online")))
    assert trie.fullmatch("back online") is not None
    assert trie.fullmatch("back") is not None
    assert trie.fullmatch("bac") is None


def test_kinds_in_reads_the_pack_words_through_the_trie() -> None:
    patterns = compiled_words(
        {"detected": {"events": ["alert", "was notified"]}, "start": {"events": ["went down"]}},
        "events",
    )
    assert kinds_in("The site went down; ops were notified by an alert", patterns) == {
        "start",
        "detected",
    }
    assert kinds_in("Nothing happened", patterns) == frozenset()
