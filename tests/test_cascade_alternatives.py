"""The cascade's shortcuts select what searching each whole pattern selects: a need split
into its top-level alternatives, and leads found in plain whole-word patterns."""

from __future__ import annotations

import re

import pytest

from pmlint.nlp.cascade import (
    Trigger,
    _alternatives,
    _leads,
    alternation,
    letter_runs,
    words_pattern,
)

TEXTS = [
    "The on-call engineer forgot to renew the certificate.",
    "We didn't roll back; nobody had paged Dana.",
    "Nothing was done without a review, @sam said.",
    "alice@example.com restarted it | twice [sic]",
    "The deploy failed (again) and never recovered.",
    "Take-down of the blame-free process: responsible_party was set.",
    "Café owners were not affected.",
    "Before the freeze, WITHOUT BEING asked, they shipped it badly.",
    "A refusal to page the owner; the reluctance-to-act memo; neglect toward it.",
    "",
]
NAMES = ["Dana", "Sam", "Jean-Luc", "O'Brien", "Alice"]


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        (r"\bnot\b|n['’]t\b|\bnever\b", (r"\bnot\b", r"n['’]t\b", r"\bnever\b")),
        (r"(?i:a|b)|c", (r"(?i:a|b)", "c")),
        (r"[|]|x", (r"[|]", "x")),
        (r"[]|]|y", (r"[]|]", "y")),
        (r"a\|b|c", (r"a\|b", "c")),
        (r"x|x|y", ("x", "y")),
        (r"(?i:\bat fault\b|\bto blame\b)", (r"(?i:\bat fault\b)", r"(?i:\bto blame\b)")),
        (r"(?i:a)|(?i:b)", (r"(?i:a)", r"(?i:b)")),
        (r"(?i:a)(b|c)", (r"(?i:a)(b|c)",)),  # the group closes before the end
        # left whole: a back reference, global flags, an empty alternative, unbalanced
        (r"(a)|\1", (r"(a)|\1",)),
        (r"(?i)a|b", (r"(?i)a|b",)),
        ("a|", ("a|",)),
        ("(a|b", ("(a|b",)),
    ],
)
def test_alternatives(source: str, parts: tuple[str, ...]) -> None:
    assert _alternatives(source) == parts


@pytest.mark.parametrize(
    "source",
    [
        r"\bnot\b|n['’]t\b|\bnever\b",
        r"@\w|\w@\w|\b[a-z][a-z0-9]+@(?!\w)",
        r"(?i:\b(?:we|i)\b)|[A-Z][a-z]+\b",
        r"\bwithout\b|\baction\b|[|]",
        r"(?i:\bat fault\b|['’]s? fault\b|\bfault of\b)",
    ],
)
def test_a_need_matches_where_one_of_its_alternatives_does(source: str) -> None:
    for text in TEXTS:
        whole = re.search(source, text) is not None
        assert whole == any(re.search(part, text) for part in _alternatives(source)), text


def test_leads_rule_out_only_texts_that_cannot_match() -> None:
    people = words_pattern(["engineer", "dana"]).wrapped("(?i:", ")")
    sources = [
        r"\bwithout\b",
        r"\bblame\b|\bresponsible\b",
        r"\b(?:against|with)\b",
        str(people),  # a word pattern written into a plain string keeps its leads
        rf"\b{alternation(NAMES)}\b",  # given names (as `personish` writes them)
        r"\bat fault\b|\bfault of\b",  # opening words, of each alternative
        r"(?i:\b(?:was|is|were) (?:the |a )?(?:root|main) cause\b)",
        r"\b(?:because of|due to|after)\s+(?:this|that) (?:incident|outage)\b",
        r"\bwhy\b[^?]*\?",
        # a case-insensitive group of words, of phrases
        r"\b(?i:before)\b",
        r"\b(?i:wrong|badly|poorly)\b",
        r"\b(?i:without being)\b",
        # a case-insensitive group that opens with a word list, then more of the match
        rf"(?i:{words_pattern(['refusal', 'neglect'], inflect=False)}\s+to)\b",
    ]
    for source in sources:
        leads = _leads(source)
        assert leads is not None, source
        for text in TEXTS:
            runs = letter_runs(text)
            if runs is not None and leads.isdisjoint(runs):
                assert re.search(source, text, re.IGNORECASE) is None, (source, text)
    assert _leads(r"\bnot\b|n['’]t\b") is None  # "n't" is no whole run of letters
    assert _leads(rf"\b{alternation(['Dana', 'Zoë'])}\b") is None  # not ASCII
    assert _leads(rf"\b{alternation(['Dana', '@sam'])}\b") is None  # not a letter first
    assert _leads(alternation(["Dana", "Sam"])) is None  # no word boundaries around it
    assert _leads(r"\bat ?fault\b") is None  # "atfault": the space may be missing
    assert _leads(r"\b(?:should|could)(?:n't)?\s+have\b") is None  # "shouldn't"
    assert _leads(r"\bcats?\b") is None
    assert _leads(r"\bat fault\b|n't\b") is None  # an alternative without leads
    assert _leads(r"(?i:\b(?:was|is) the cause\b)") == frozenset({"was", "is"})
    # the other alternatives of the group do not open with the first one's words
    assert _leads(r"(?i:\bat fault\b|['’]s? fault\b)") is None
    assert _leads(r"(?i:\bwhy\b)|x") is None
    assert _leads(r"\b(?i:at fault|to blame)\b") == frozenset({"at", "to"})
    listed = words_pattern(["refusal", "neglect"], inflect=False)
    assert _leads(rf"(?i:{listed}\s+to)\b") == frozenset({"refusal", "neglect"})
    # the word list may match nothing, or another alternative of the group opens otherwise
    assert _leads(rf"(?i:{listed}\s+to)?\b") is None
    assert _leads(rf"(?i:{listed}\s+to|x)") is None


def test_names_between_word_boundaries_have_leads() -> None:
    names = rf"\b{alternation(NAMES)}\b"
    assert _leads(names) == frozenset({"dana", "sam", "jean", "o", "alice"})
    for text in [*TEXTS, "Jean-Luc and O'Brien", "Samuel", "dana"]:
        runs = letter_runs(text)
        if runs is not None and (_leads(names) or frozenset()).isdisjoint(runs):
            assert re.search(names, text) is None, text


def test_select_agrees_with_trigger_search() -> None:
    from pmlint.nlp.cascade import select

    people = words_pattern(["engineer", "dana", "we"]).wrapped("(?i:", ")")
    triggers = [
        Trigger.of(words_pattern(["forget", "fail"]), [rf"{people}|@\w"]),
        Trigger.of(r"\bwithout\b", [str(people), r"\breview\b"]),
        Trigger.of(r"\bnot\b|n't\b|\bnever\b", [rf"{people}|\b[A-Z][a-z]+\b"]),
        Trigger.of(r"\bpaged\b|\bfailed\b", [rf"\b{alternation(['Dana', 'Sam'])}\b|@\w"]),
        # a word list beside a plain pattern, and a case-insensitive group of phrases
        Trigger.of(rf"{words_pattern(['renew', 'roll back'])}|\bnever\b", [r"\bthe\b"]),
        Trigger.of(r"(?i:\bnobody had\b|['’]s? fault\b)", [r"@\w|\bDana\b"]),
        Trigger.of(r"\b(?i:before)\b", [r"\b(?i:without being)\b"]),
        Trigger.of(rf"(?i:{words_pattern(['refusal'], inflect=False)}\s+to)\b", [r"\bpage\b"]),
    ]

    class Sentence:
        def __init__(self, text: str) -> None:
            self.text = text

    sentences = [Sentence(text) for text in TEXTS]
    expected = [s for s in sentences if any(t.search(s.text) for t in triggers)]
    assert select(sentences, triggers) == expected  # type: ignore[arg-type]
    assert expected  # the texts exercise the triggers


def test_answers_shared_between_rules_are_those_of_each_text() -> None:
    """Rules that select from the same sentences one after the other reuse the answers
    found for a text (`_answers`); a rule's own patterns, another text, or a text seen
    after the kept answers were dropped are still searched."""
    from pmlint.nlp import cascade

    class Sentence:
        def __init__(self, text: str) -> None:
            self.text = text

    people = words_pattern(["engineer", "dana", "we"]).wrapped("(?i:", ")")
    first = [Trigger.of(r"\bnot\b|n't\b", [str(people)])]
    second = [
        Trigger.of(r"\bnever\b|n't\b", [str(people)]),  # shares "n't" and the people
        Trigger.of(r"\bforgot\b", [r"\bDana\b"]),
    ]
    texts = [*TEXTS, "Dana forgot it.", "We can't say.", "dana forgot it."]
    filler = [Sentence(f"Filler {n} can't be read by the engineer.") for n in range(1100)]
    for rounds in (texts, [*texts, *(s.text for s in filler)], texts):
        sentences = [Sentence(text) for text in rounds]
        for triggers in (first, second, first):
            expected = [s for s in sentences if any(t.search(s.text) for t in triggers)]
            assert cascade.select(sentences, triggers) == expected  # type: ignore[arg-type]
    kept = cascade._answers.cache_info()
    assert kept.maxsize is not None and kept.currsize <= kept.maxsize


def _reference_trie(strings: list[str]) -> str:
    """`alternation` as first written: a trie of dicts, one call per node, each character
    escaped where it is written (what the chain-following version must write too)."""
    end, separator = "", object()
    root: dict = {}
    for string in strings:
        node = root
        for index, word in enumerate(string.split()):
            if index:
                node = node.setdefault(separator, {})
            for char in word:
                node = node.setdefault(char, {})
        node[end] = {}

    def key(atom: object) -> str:
        return "" if atom is separator else str(atom)

    def write(node: dict) -> str:
        branches = []
        for atom in sorted((a for a in node if a != end), key=key):
            head = r"[\s-]+" if atom is separator else re.escape(str(atom))
            branches.append(head + write(node[atom]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end in node:
            if len(branches) == 1 and len(branches[0]) > 1:
                body = "(?:" + body + ")"
            return body + "?"
        return body

    if not root or list(root) == [end]:
        return r"(?!x)x"
    return "(?:" + write(root) + ")"


@pytest.mark.parametrize(
    "strings",
    [
        ["fail", "failed", "fails", "failure", "forgot"],
        ["take down", "take-down", "taken down", "took", "t"],
        ["a", "ab", "abc", "abcd", "b"],
        ["on call", "on-call", "oncall", "on call rotation"],
        ["c++", "c#", "a.b", "naïve", "(x)", "$5"],
        ["rollback", "roll back", "rolled back the change", "rolling"],
        NAMES,
    ],
)
def test_alternation_writes_what_a_plain_trie_writes(strings: list[str]) -> None:
    """Following runs of single-child nodes in a loop writes the same pattern, and it
    matches each string whole."""
    source = alternation(strings)
    assert source == _reference_trie(strings)
    for string in strings:
        assert re.fullmatch(source, string)


def test_a_words_pattern_built_again_is_the_same_and_keeps_its_leads() -> None:
    """The same words (in any order, any iterable) give the same pattern, with its leads
    recorded again though the record was cleared since it was built."""
    from pmlint.nlp import cascade

    cascade._WORDS_LEADS.clear()
    first = words_pattern(["forget", "neglect", "roll back"])
    recorded = dict(cascade._WORDS_LEADS)
    assert len(recorded) == 2 and set(recorded.values()) == {first.leads}
    cascade._WORDS_LEADS.clear()
    again = words_pattern(iter(["roll back", "neglect", "forget"]))
    assert (str(again), again.leads) == (str(first), first.leads)
    assert recorded == cascade._WORDS_LEADS
    odd = words_pattern(["ſkip"], inflect=False)
    assert odd.leads is None and words_pattern({"ſkip"}, inflect=False).leads is None
