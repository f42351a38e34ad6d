"""The cascade: a cheap lexical pass picks candidate sentences; only those are parsed.

The cheap pass is regular expressions over the masked prose (no spaCy at all), built
from word lists by `surface_forms` (every inflection a lemma may take in running text)
and `Trigger`s (with `Near`, a second gate: the party a trigger needs must stand near the
trigger's word, `near_enough`). The trained pipeline then runs, batched, on the candidates
only; parsed sentences are cached on the document, so rules that share candidates parse
them once, and `Pipeline.stats` counts sentences seen and parsed (`pmlint.nlp.parse_stats()`).

    trigger = Trigger.of(words_pattern(["forget", "neglect"]), needs=[r"\bengineer"])
    wanted = candidates(doc, [trigger])                 # sentences the cheap pass keeps
    parsed = parse_sentences(pipeline, doc, wanted)     # {sentence: spacy Doc}

en_core_web_sm needs every component it has for this: the tagger (tense, parts of
speech), the parser (who does what), the attribute ruler and lemmatizer (lemmas) and
the NER (PERSON names); its `senter` is already disabled, so nothing is excluded.
"""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmlint.document import Document
from pmlint.literals import WORTH_AFTER, needed
from pmlint.nlp.pipeline import MAX_PARSED_CHARS, Pipeline, parse_all, pipe, remember_batch
from pmlint.nlp.sentences import Sentence, document_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("am", "is", "are", "was", "were", "been", "being"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "catch": ("caught",),
    "do": ("did", "done", "does"),
    "fall": ("fell", "fallen"),
    "fight": ("fought",),
    "forget": ("forgot", "forgotten"),
    "forgo": ("forwent", "forgone"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "have": ("had", "has"),
    "know": ("knew", "known"),
    "leave": ("left",),
    "lose": ("lost",),
    "make": ("made",),
    "mistake": ("mistook", "mistaken"),
    "overlook": ("overlooked",),
    "overwrite": ("overwrote", "overwritten"),
    "run": ("ran",),
    "see": ("saw", "seen"),
    "shut": ("shut",),
    "slip": ("slipped",),
    "take": ("took", "taken"),
    "tell": ("told",),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "undertake": ("undertook", "undertaken"),
    "write": ("wrote", "written"),
}


def surface_forms(lemma: str) -> set[str]:
    """Lower-case forms a word may take: plural/3rd person, past, participles.

    Over-generation is harmless (this only selects candidates); a missing form loses
    recall, so both the doubled and the plain consonant are produced ("skipped",
    "skiped"). A phrase inflects its first word ("take down" -> "took down").
    """
    word = lemma.strip().lower()
    if not word:
        return set()
    head, _, rest = word.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, *_IRREGULAR.get(head, ())}
    if head.isalpha() and len(head) > 2:
        stem_e = head[:-1] if head.endswith("e") else head
        forms |= {head + "s", head + "es", stem_e + "ed", stem_e + "ing", head + "ed"}
        if head.endswith("y") and head[-2] not in "aeiou":
            forms |= {head[:-1] + "ies", head[:-1] + "ied"}
        if head[-1] not in "aeiouwxy" and head[-2] in "aeiou":
            forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
        if head.endswith("ie"):
            forms.add(head[:-2] + "ying")
    return {form + tail for form in forms}


# The leads of every WordsPattern by its source: a pattern made of words keeps them when
# it is written into a larger one ("{people}|{handles}"), whose alternatives `select` then
# rules out one by one (`_alternatives`).
_WORDS_LEADS: dict[str, frozenset[str] | None] = {}


class WordsPattern(str):
    """A regex made of words (`words_pattern`), which knows the run of letters a to z that
    starts each of its forms (`leads`; None when a form starts otherwise or is not ASCII).

    Where the pattern matches ASCII text, that run of the form is a whole run of letters
    in the lower-cased text (the pattern's look-arounds and the form's next character,
    if any, are not letters). So a sentence none of whose runs of letters is a lead
    cannot match, and a set lookup says so without scanning it (`select`).
    """

    leads: frozenset[str] | None

    def __new__(cls, source: str, leads: frozenset[str] | None) -> WordsPattern:
        made = super().__new__(cls, source)
        made.leads = leads
        _remember(str(made), leads)
        return made

    def wrapped(self, before: str, after: str) -> WordsPattern:
        """The same words inside a group or flags: `(?i:` + pattern + `)`."""
        return WordsPattern(before + self + after, self.leads)


_LETTERS = re.compile(r"[a-z]+")


def words_pattern(words: Iterable[str], inflect: bool = True) -> WordsPattern:
    """One regex alternative matching any of the words (or their forms) as whole words.

    Memoised by the set of words: the language rules build the same lists into several
    patterns (13 of the 48 built in a run that lints, a third of their time). A pattern
    served again records its leads again, as building it did (`_remember`)."""
    made, alternated = _words_pattern(frozenset(words), inflect)
    if alternated is not None and made.leads is not None:
        _remember(rf"\b{alternated}\b", made.leads)
    _remember(str(made), made.leads)
    return made


@functools.lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str], inflect: bool) -> tuple[WordsPattern, str | None]:
    """`words_pattern`, and the `alternation` of its forms (None: none)."""
    forms: set[str] = set()
    for word in words:
        forms |= surface_forms(word) if inflect else {word.strip().lower()}
    forms.discard("")
    if not forms:
        return WordsPattern(r"(?!x)x", frozenset()), None
    leads: set[str] = set()
    for form in forms:
        # Not ASCII: IGNORECASE may match a letter of it to an ASCII one ("ſ" to "s").
        lead = _LETTERS.match(form) if form.isascii() else None
        if lead is None:
            alternated = alternation(forms)
            return WordsPattern(r"(?<![\w@-])" + alternated + r"(?![\w-])", None), alternated
        leads.add(lead.group())
    alternated = alternation(forms)
    source = r"(?<![\w@-])" + alternated + r"(?![\w-])"
    return WordsPattern(source, frozenset(leads)), alternated


def letter_runs(text: str) -> frozenset[str] | None:
    """The runs of ASCII letters of the lower-cased text, to test `WordsPattern.leads`
    against; None for text with a character that IGNORECASE matches to an ASCII letter, or
    that lower-cases to one (`FOLDS_TO_ASCII`): only then is IGNORECASE more than
    lower-casing for a pattern of ASCII words. Any other character beyond ASCII ("’", "é",
    a non-breaking space) is no ASCII letter either way, so it ends a run of letters as a
    full stop does, and a match of such a pattern still starts with one of its leads as a
    whole run (a fifth of PM301's trigger tests were on the 3% of real sentences with a
    curly quote or a dash, where every trigger was tried)."""
    if text.isascii() or FOLDS_TO_ASCII.search(text) is None:
        return frozenset(_LETTERS.findall(text.lower()))
    return None


# The characters beyond ASCII that `re.IGNORECASE` matches to an ASCII letter or whose
# `str.lower()` holds one: "İ", "ı", "ſ" and the Kelvin sign ("K") in Python 3.10 to 3.13
# (tests/test_cascade.py checks the list against the running interpreter).
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class _Separator:
    """Between the words of a phrase, in a trie of `alternation`."""


_SEPARATOR = _Separator()
_END = ""  # a form ends here
# A trie node: a character (or `_SEPARATOR`, or `_END`) -> the node that follows it.
_Node = dict[str | _Separator, "_Node"]


def alternation(strings: Iterable[str]) -> str:
    """One group matching any of the strings, as a trie: `(?:fail(?:ed|s|ure)?|forgot)`.

    It matches what `(?:failure|failed|fails|fail|forgot)` does, but Python's regex engine
    tries a long alternation branch by branch at every position of the text, and a trie
    only follows the branches that share the text's next character; with the hundreds of
    forms of the language rules' word lists that is most of the cheap pass's time. The
    words of a phrase may be separated by any spaces or hyphens ("take down", "take-down").

    Where every string starts with an ASCII letter, the group between word boundaries is a
    pattern of words with leads, as a `WordsPattern` has (each string's first run of
    letters, lower case): `_leads` knows them (the given names of the language rules'
    `personish`), and `select` rules the pattern out by a set lookup, not a search.
    """
    root: _Node = {}
    leads: set[str] | None = set()
    for string in strings:
        if leads is not None:
            lead = _LETTERS.match(string.lower()) if string.isascii() else None
            if lead is None:
                leads = None
            else:
                leads.add(lead.group())
        node = root
        for index, word in enumerate(string.split()):
            if index:
                node = node.setdefault(_SEPARATOR, {})
            for char in word:
                node = node.setdefault(char, {})
        node[_END] = {}
    if not root or list(root) == [_END]:
        return r"(?!x)x"
    source = "(?:" + _trie(root) + ")"
    if leads is not None:
        _remember(rf"\b{source}\b", frozenset(leads))
    return source


def _remember(source: str, leads: frozenset[str] | None) -> None:
    """Record the leads of a pattern of words (`_WORDS_LEADS`)."""
    if len(_WORDS_LEADS) >= 4096:
        _WORDS_LEADS.clear()
    _WORDS_LEADS[source] = leads


def _trie(node: _Node) -> str:
    branches = []
    for atom in sorted((a for a in node if a is not _END), key=_atom_key):
        # A node with one child and no end writes that child's atom then the child's own
        # text (see below): followed in a loop, not one call per character of every form.
        parts = [_atom_text(atom)]
        child = node[atom]
        while len(child) == 1 and _END not in child:
            (only,) = child
            parts.append(_atom_text(only))
            child = child[only]
        branches.append("".join(parts) + _trie(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        if len(branches) == 1 and len(branches[0]) > 1:
            body = "(?:" + body + ")"
        return body + "?"
    return body


def _atom_key(atom: str | _Separator) -> str:
    return "" if isinstance(atom, _Separator) else atom


_ESCAPED: dict[str, str] = {}  # a character -> re.escape of it


def _atom_text(atom: str | _Separator) -> str:
    if isinstance(atom, _Separator):
        return r"[\s-]+"
    found = _ESCAPED.get(atom)
    if found is None:
        found = _ESCAPED[atom] = re.escape(atom)
    return found


@dataclass(frozen=True, slots=True)
class Trigger:
    """A sentence is a candidate when `pattern` matches and every `needs` pattern does too.

    The patterns are kept as sources and compiled on first search (`_regex`): the word
    lists make large patterns, compiling them is a tenth of a second, and a run whose
    sentences share no lead with a trigger never needs it. `leads` and `need_leads`: those
    of the patterns made of words (`WordsPattern`), else None; `select` rules a pattern
    out by them before it searches.

    `need_parts`: each need as its top-level alternatives with their leads (`_alternatives`).
    A need matches where one of them does; the triggers of the language rules write the
    same large word lists ("a person": roles, pronouns, names) into several needs, and as
    alternatives each list is compiled once, not once per need (60 ms of every run that
    lints), and ruled out by its leads without a search. `parts`: the pattern's own, so
    that a word list written beside a plain pattern ("{adjectives}|{CARELESSLY}") is
    ruled out by its leads too, and only the rest is searched.
    """

    source: str
    needs: tuple[str, ...] = ()
    leads: frozenset[str] | None = None
    need_leads: tuple[frozenset[str] | None, ...] = ()
    need_parts: tuple[tuple[tuple[str, frozenset[str] | None], ...], ...] = ()
    parts: tuple[tuple[str, frozenset[str] | None], ...] = ()  # of `source`, as a need's

    @classmethod
    def of(cls, pattern: str, needs: Sequence[str] = ()) -> Trigger:
        need_parts = tuple(_parts(str(n)) for n in needs)
        parts = _parts(str(pattern))
        leads = _leads(pattern)
        if leads is None and all(part_leads is not None for _, part_leads in parts):
            leads = frozenset().union(*(part_leads or () for _, part_leads in parts))
        return cls(
            str(pattern),
            tuple(str(n) for n in needs),
            leads,
            tuple(_leads(n) for n in needs),
            need_parts,
            parts,
        )

    @property
    def pattern(self) -> re.Pattern[str]:
        return _regex(self.source, re.IGNORECASE)

    def search(self, text: str) -> bool:
        return self.pattern.search(text) is not None and all(
            _regex(n).search(text) for n in self.needs
        )


@functools.lru_cache(maxsize=4096)
def _regex(source: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(source, flags)


# A plain pattern of whole words: `\bword\b`, `\b(?:one|two)\b`, `\b(?i:one|two)\b`,
# alternatives of these; a word may be several apart by single spaces (`\b(?i:at fault)\b`).
_WORDS_SOURCE = re.compile(
    r"\\b(?:([a-z]+(?: [a-z]+)*)|\(\?i?:([a-z]+(?: [a-z]+)*(?:\|[a-z]+(?: [a-z]+)*)*)\))\\b"
)


def _leads(pattern: str) -> frozenset[str] | None:
    """The runs of letters one of which a text must have for `pattern` to match it: those
    of a `WordsPattern`, or the words of a plain pattern of whole lower-case words such as
    `\bblame\b|\bresponsible\b` (its `\b`s make each word a whole run of letters where
    it matches ASCII text; in any case, with IGNORECASE or without), or of alternatives
    that each open with whole words (`_opening_words`). Else None."""
    if isinstance(pattern, WordsPattern):
        return pattern.leads
    if pattern in _WORDS_LEADS:
        return _WORDS_LEADS[pattern]
    words: set[str] = set()
    for part in _top_level(str(pattern)) or [str(pattern)]:
        match = _WORDS_SOURCE.fullmatch(part)
        if match is not None:  # the first word of each alternative: a whole run of letters
            members = (match.group(1) or match.group(2)).split("|")
            words.update(member.split(" ")[0] for member in members)
            continue
        found = _opening_words(part)
        if found is None:
            found = _opening_words_pattern(part)
        if found is None:
            return None
        words.update(found)
    return frozenset(words) or None


_BEFORE_WORDS, _AFTER_WORDS = r"(?<![\w@-])", r"(?![\w-])"  # around `words_pattern`'s group


def _opening_words_pattern(pattern: str) -> frozenset[str] | None:
    r"""The leads of a pattern that is one case-insensitive group opening with a pattern of
    words (`words_pattern`, its leads known), then what the match must have after it:
    `(?i:{words}\s+to)\b`. Every match of it starts with a match of those words, so one of
    their leads is a whole run of letters of the text (see `WordsPattern`). Else None."""
    key = _opening_words_source(pattern)
    return None if key is None else _WORDS_LEADS.get(key)


@functools.lru_cache(maxsize=512)
def _opening_words_source(pattern: str) -> str | None:
    """The pattern of words that `_opening_words_pattern`'s pattern opens with (its key in
    `_WORDS_LEADS`), None where the pattern has not that shape. Memoised, as it depends on
    the pattern only: the triggers write the same person pattern (6,000 characters) into
    34 needs, and each time its brackets were walked twice (0.04 s of every run that
    lints)."""
    if not pattern.startswith("(?i:" + _BEFORE_WORDS + "(?:"):
        return None
    end = _group_end(pattern, 0)
    if end is None or pattern[end + 1 : end + 2] in ("?", "*", "{"):
        return None  # the group may match nothing
    inner = pattern[4:end]
    if len(_top_level(inner) or ()) != 1:
        return None  # alternatives inside the group: not all of them open with the words
    words_end = _group_end(inner, len(_BEFORE_WORDS))
    if words_end is None or not inner.startswith(_AFTER_WORDS, words_end + 1):
        return None
    return inner[: words_end + 1 + len(_AFTER_WORDS)]


def _class_end(source: str, start: int) -> int | None:
    """The index of the `]` that closes the character class opening at `source[start]`
    (a first `]`, after an optional `^`, is a member); None when it does not close."""
    index, size = start + 1, len(source)
    if index < size and source[index] == "^":
        index += 1
    if index < size and source[index] == "]":
        index += 1
    while index < size and source[index] != "]":
        index += 2 if source[index] == "\\" else 1
    return index if index < size else None


def _marks(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The places of `(`, `)` and `|` in the source from `start`, each with the depth of
    groups after it, escapes and character classes skipped; a class that does not close
    yields its `[` and ends the walk."""
    index, depth = start, 0
    while (found := _SPECIAL.search(source, index)) is not None:
        index = found.start()
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            closing = _class_end(source, index)
            if closing is None:
                yield index, char, depth
                return
            index = closing
        else:
            depth += 1 if char == "(" else -1 if char == ")" else 0
            yield index, char, depth
        index += 1


def _group_end(source: str, start: int) -> int | None:
    """The index of the `)` that closes the group opening at `source[start]`; None when
    it does not close (escapes and classes are skipped, as `_top_level` does)."""
    for index, char, depth in _marks(source, start):
        if char == "[" or depth < 0:
            return None  # a class that does not close, or a stray `)`
        if char == ")" and depth == 0:
            return index
    return None


# A pattern that opens with whole words: `\bat fault\b...`, `(?i:\b(?:was|is) the ...)`,
# `\b(?:because of|due to)\s+...`: a word boundary, words of lower-case letters (one, or
# a group of alternatives, each perhaps several words apart by single spaces), then what
# no letter can be: a word boundary, a space or an apostrophe, which no quantifier makes
# optional.
_OPENING = re.compile(
    r"\\b(?:([a-z]+(?: [a-z]+)*)|\(\?:([a-z]+(?: [a-z]+)*(?:\|[a-z]+(?: [a-z]+)*)*)\))"
    r"(?:\\b|\\s| |['’])(?![?*{])"
)


def _opening_words(pattern: str) -> frozenset[str] | None:
    """The first words of a pattern that opens with whole words (`_OPENING`), else None.

    Where such a pattern matches ASCII text, the first word of the alternative it took is
    a whole run of letters in the lower-cased text: after a word boundary, before a
    character that is no letter. So each of these first words is a lead (`_leads`).
    """
    top = _top_level(pattern)
    if top is None or len(top) != 1:
        return None  # alternatives at the top level (`_parts` splits them)
    if pattern.startswith("(?i:") and pattern.endswith(")") and _top_level(pattern[4:-1]):
        return _opening_words(pattern[4:-1])  # one group, the whole pattern: its inside
    match = _OPENING.match(pattern)
    if match is None:
        return None
    members = match.group(1) or match.group(2)
    return frozenset(member.split(" ")[0] for member in members.split("|"))


# What makes a pattern's alternatives mean something else apart: a back reference, a
# conditional group, flags for the whole pattern.
_UNSPLITTABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def _alternatives(source: str) -> tuple[str, ...]:
    """The top-level alternatives of a regex source (outside groups and classes), each
    once; the source alone where splitting could change what it matches. A text has a
    match of the whole where it has a match of one of them. A pattern that is one case-
    insensitive group, `(?i:A|B)`, is split as `(?i:A)|(?i:B)` (what `pattern` makes)."""
    if _UNSPLITTABLE.search(source):
        return (source,)
    parts = _top_level(source)
    if parts is None or "" in parts:
        return (source,)
    if len(parts) == 1 and source.startswith("(?i:") and source.endswith(")"):
        inner = _top_level(source[4:-1])  # None where the group closes before the end
        if inner is not None and len(inner) > 1 and "" not in inner:
            return tuple(dict.fromkeys(f"(?i:{part})" for part in inner))
    return tuple(dict.fromkeys(parts))


# Where `_top_level` looks: an escape, a class, a bracket or a bar. The word lists make
# patterns of thousands of characters: the regex skips the rest, not Python.
_SPECIAL = re.compile(r"[\\\[()|]")


@functools.lru_cache(maxsize=512)
def _top_level(source: str) -> tuple[str, ...] | None:
    """The source cut at its `|`s outside groups and classes; None where its brackets do
    not balance. Memoised: the language rules write the same lists (a person, a name)
    into many triggers, and a trigger's parts are looked at again for their leads."""
    if source in _WORDS_LEADS:
        return (source,)  # a pattern of words (`words_pattern`, `alternation`): one group
    parts: list[str] = []
    depth = start = 0
    for index, char, depth in _marks(source):
        if char == "[" or depth < 0:
            return None  # a class that does not close, or a stray `)`
        if char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
    parts.append(source[start:])
    return tuple(parts) if depth == 0 else None


def _parts(source: str) -> tuple[tuple[str, frozenset[str] | None], ...]:
    """The alternatives of a pattern (`_alternatives`), each with its leads."""
    return tuple((part, _leads(part)) for part in _alternatives(source))


def candidates(doc: Document, triggers: Sequence[Trigger]) -> list[Sentence]:
    """Sentences of the document that any trigger selects (document order)."""
    return select(document_sentences(doc), triggers)


@dataclass(frozen=True, slots=True)
class Near:
    """A second, positional gate of `select` (see `near`): the needs of a trigger whose
    source is one of `sources` (a rule's pattern of a party: a person, a role, a name)
    must match within `words` words of a match of the trigger's own pattern."""

    sources: frozenset[str]
    words: int = 8


def select(
    sentences: Iterable[Sentence], triggers: Sequence[Trigger], near: Near | None = None
) -> list[Sentence]:
    """The sentences that any trigger selects, in order.

    Triggers share their `needs` (the hint of a person is in most of them), so each
    pattern is searched at most once per sentence; a pattern of words whose leads are
    not among the sentence's runs of letters is not searched at all. With `near`, a
    trigger that matches must also pass `near_enough` (asked only then: its searches
    find positions, which the answers kept for the cheap pass do not).
    """
    if parse_all():
        return list(sentences)
    chosen: list[Sentence] = []
    unled, by_lead, all_leads, prepared = _lead_index(triggers)
    for sentence in sentences:
        text = sentence.text
        runs = _letter_runs(text)
        lowered = text.lower() if text and text.isascii() else None
        known = _answers(text)  # by source (a str caches its hash)
        if runs is None:
            tried: Sequence[int] = range(len(prepared))
        else:
            # the triggers without leads and those with a lead among the runs, in order
            led = runs & all_leads
            if led:
                positions = set(unled)
                for run in led:
                    positions.update(by_lead[run])
                tried = sorted(positions)
            else:
                tried = unled
        for number in tried:
            parts, needs = prepared[number]
            # Does one of the trigger's alternatives match (IGNORECASE)? Those whose leads
            # the text lacks are not searched; an alternative two triggers share, once.
            for key, part_leads, test in parts:
                if part_leads is not None and runs is not None and part_leads.isdisjoint(runs):
                    continue
                found = known.get(key)
                if found is None:
                    found = known[key] = test(text, lowered)
                if found:
                    break
            else:
                continue
            for need in needs:
                for part, part_leads, test in need:
                    found = known.get(part)
                    if found is None:
                        if part_leads is not None and runs is not None:
                            found = not part_leads.isdisjoint(runs) and test(text, lowered)
                        else:
                            found = test(text, lowered)
                        known[part] = found
                    if found:
                        break  # this need is met
                else:
                    break  # no alternative of this need matches: not this trigger
            else:
                # a text too long to parse is chosen or not to the same effect: its places
                # are not looked for (a megabyte line would hold thousands of each)
                if (
                    near is not None
                    and len(text) <= MAX_PARSED_CHARS
                    and not near_enough(triggers[number], text, near)
                ):
                    continue
                chosen.append(sentence)
                break
    return chosen


_WORD = re.compile(r"\S+")
# What lets a verb take its subject from far before it: a coordinated verb shares the
# first one's ("the admin opened a shell on the replica ... but forgot the drain").
_COORDINATED = re.compile(r"(?i)(?<![\w-])(?:and|but|or|nor|then|yet)(?![\w-])|&")
_BY = re.compile(r"(?i)(?<![\w-])by(?![\w-])")
# A subject that a clause follows or is: the doer then stands as far from the verb as the
# clause is long ("whoever approved the late change to the export job is not competent").
_WH_WORD = re.compile(r"(?i)who(?:m|so)?(?:ever)?")
_RELATIVE_AFTER = re.compile(r"(?i)(?<!\s)\s*(?:,\s*)?(?:who|whom|whose|that|which)(?![\w-])")
_LINK_WORDS = 3  # how many words before the pattern's match a coordinator is looked for


def near_enough(trigger: Trigger, text: str, near: Near) -> bool:
    """Whether one match of the trigger's pattern has, for each of its party needs
    (`Near.sources`), a match within `Near.words` words (runs of non-blanks; 0 where the
    two overlap), before or after it. The parse-based checks ask who does the act the
    pattern names: its subject, the "by" agent of a passive, a possessor, which stand next
    to it or a few words away ("the engineer on call that night forgot"); a person named
    in another clause of a long sentence is not its doer. Two constructions put the doer
    further away, and the gate lets them through: a coordinated verb ("and", "but", ... in
    the few words before the match: its subject is the first verb's), a passive's agent
    ("by" just before the party, after the match) and a subject that heads a relative
    clause or is one ("the engineer who ...", "whoever ...", before the match). Other needs
    (a negation, an auxiliary, a question mark) are not placed; the cheap pass found them
    already."""
    placed = [n for n, need in enumerate(trigger.needs) if need in near.sources]
    if not placed:
        return True
    runs = _letter_runs(text)
    # each alternative apart (`Trigger.parts`, `need_parts`), those whose leads the text
    # lacks left out, and each one's places kept by text: the rules' triggers share them
    acts = _matches(trigger.parts or ((trigger.source, None),), re.IGNORECASE, text, runs)
    parties = [_matches(trigger.need_parts[n], 0, text, runs) for n in placed]
    for first, last, _by, linked, _relative in acts:
        if linked:
            return True
        if all(any(_close(first, last, p, near.words) for p in found) for found in parties):
            return True
    return False


# first and last word, after "by", after a coordinator, heading a relative clause
_Place = tuple[int, int, bool, bool, bool]


def _matches(
    parts: tuple[tuple[str, frozenset[str] | None], ...],
    flags: int,
    text: str,
    runs: frozenset[str] | None,
) -> list[_Place]:
    """Where any of the alternatives matches (`_places`), skipping those with leads that
    the text's runs of letters lack (they cannot match, see `WordsPattern`)."""
    found: list[_Place] = []
    for part, leads in parts:
        if leads is not None and runs is not None and leads.isdisjoint(runs):
            continue
        found.extend(_places(part, flags, text))
    return found


@functools.lru_cache(maxsize=4096)
def _places(source: str, flags: int, text: str) -> tuple[_Place, ...]:
    """Each match of the pattern in the text: its first and last word (runs of non-blanks),
    whether "by" is in the two words before it, a coordinator in the three before, and
    whether it heads a relative clause ("whoever", "the engineer who", "someone that")."""
    spans, starts = _word_spans(text)
    found = []
    for match in _regex(source, flags).finditer(text):
        start, end = match.span()
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, max(start, end - 1)) - 1
        if first < 0:
            found.append((first, last, False, False, False))
            continue
        by = _BY.search(text, spans[max(0, first - 2)][0], start) is not None
        linked = _COORDINATED.search(text, spans[max(0, first - _LINK_WORDS)][0], start)
        relative = _WH_WORD.fullmatch(match.group()) or _RELATIVE_AFTER.match(text, end)
        found.append((first, last, by, linked is not None, relative is not None))
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _word_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    spans = [m.span() for m in _WORD.finditer(text)]
    return spans, [start for start, _ in spans]


def _close(first: int, last: int, party: _Place, most: int) -> bool:
    """A party's match is within `most` words of the words `first` to `last`, or is a
    passive's agent after them, or a subject before them that a clause follows or is."""
    start, end, by, _linked, relative = party
    if end < first:
        return relative or first - end <= most
    if start > last:
        return by or start - last <= most
    return True


_Test = Callable[[str, "str | None"], bool]


@functools.lru_cache(maxsize=4096)
def _tester(source: str, flags: int, led: bool) -> _Test:
    """Whether the pattern matches a text (`lowered`: the text lower-cased when it is
    ASCII, else None), for `select`. Patterns are compiled when a sentence first gets that
    far (most never do in a short document). Once the pattern has been asked about
    `WORTH_AFTER` times (`needed_when_worth`), a lowered text that holds none of the
    strings it needs (`pmlint.literals`) is not searched: the answer is the same.

    A pattern with leads (`led`) has passed the test of its leads already: its strings
    are tested as well only where they are few and long (`_strong`)."""
    search: Callable[[str], re.Match[str] | None] | None = None
    strings: frozenset[str] | None = None
    asked = 0

    def test(text: str, lowered: str | None) -> bool:
        nonlocal search, strings, asked
        if lowered is not None:
            if asked < WORTH_AFTER:
                asked += 1
                if asked == WORTH_AFTER:
                    found = needed(source, flags)
                    strings = found if found is not None and (not led or _strong(found)) else None
            elif strings is not None:
                for string in strings:
                    if string in lowered:
                        break
                else:
                    return False
        if search is None:
            search = _regex(source, flags).search
        return search(text) is not None

    return test


def _strong(strings: frozenset[str]) -> bool:
    """Whether a pattern with leads is worth its needed strings' test too: a few strings
    that are more than letters of common words (" cause", "to blame", "did not"). A lead
    is a whole word, so the search runs wherever the sentence has one ("is", "to", "we"),
    and most of those sentences lack what follows it, which `in` finds out in a fraction
    of the search's time. Many or short strings ("n", "bo") rule out little."""
    return len(strings) <= _STRONG_MOST and all(len(s) >= _STRONG_LENGTH for s in strings)


_STRONG_MOST, _STRONG_LENGTH = 6, 4


# Triggers by their leads, for `select`: (the positions of the triggers without leads,
# each lead's triggers' positions, every lead). Looked up by the sequence's id, and valid
# while it holds the same triggers (each rule keeps its list for the run).
_Prepared = tuple[
    tuple[tuple[str, frozenset[str] | None, _Test], ...],
    tuple[tuple[tuple[str, frozenset[str] | None, _Test], ...], ...],
]
_LeadIndex = tuple[tuple[int, ...], dict[str, tuple[int, ...]], frozenset[str], list[_Prepared]]
_lead_indexes: dict[int, tuple[tuple[Trigger, ...], _LeadIndex]] = {}


def _lead_index(triggers: Sequence[Trigger]) -> _LeadIndex:
    """Which triggers a sentence's letter runs leave to try, found from the runs (a dozen
    words) rather than by testing each trigger's leads against them (fifty triggers); and
    each trigger's alternatives and needs with their tests (`_prepared`)."""
    entry = _lead_indexes.get(id(triggers))
    if (
        entry is not None
        and len(entry[0]) == len(triggers)
        and all(a is b for a, b in zip(entry[0], triggers, strict=True))
    ):
        return entry[1]
    unled = tuple(n for n, trigger in enumerate(triggers) if trigger.leads is None)
    by_lead: dict[str, list[int]] = {}
    for n, trigger in enumerate(triggers):
        for lead in trigger.leads or ():
            by_lead.setdefault(lead, []).append(n)
    index = (
        unled,
        {lead: tuple(ns) for lead, ns in by_lead.items()},
        frozenset(by_lead),
        [_prepared(trigger) for trigger in triggers],
    )
    if len(_lead_indexes) > 64:  # rules are few; other callers' lists come and go
        _lead_indexes.clear()
    _lead_indexes[id(triggers)] = (tuple(triggers), index)
    return index


def _prepared(trigger: Trigger) -> _Prepared:
    """A trigger's alternatives, each with its key among a sentence's answers (`_answers`:
    "(?i)" and the part, made once, so that its hash is computed once), leads and test
    (IGNORECASE); and its needs' alternatives, each with its leads and test (as written)."""
    parts = tuple(
        ("(?i)" + part, part_leads, _tester(part, re.IGNORECASE, part_leads is not None))
        for part, part_leads in (trigger.parts or ((trigger.source, None),))
    )
    needs = tuple(
        tuple(
            (part, part_leads, _tester(part, 0, part_leads is not None))
            for part, part_leads in need
        )
        for need in trigger.need_parts
    )
    return parts, needs


# The language rules select from the same sentences one after the other.
_letter_runs = functools.lru_cache(maxsize=1024)(letter_runs)


# A sentence's answers by pattern source: whether a trigger's alternative ("(?i)" + part)
# or a need's (part) matches its text. The language rules select from the same sentences
# one after the other, and their triggers share patterns (a person, a negation, the
# writer): an answer one rule found is the next one's. An answer depends on the text only,
# so the same LRU as the letter runs keeps one dict per text (more than a document's).
@functools.lru_cache(maxsize=1024)
def _answers(text: str) -> dict[str, bool]:
    """The answers found so far for `text` (a dict the caller adds to)."""
    return {}


def parse_sentences(
    pipeline: Pipeline, doc: Document, sentences: Sequence[Sentence]
) -> dict[Sentence, Doc]:
    """spaCy Docs for the given sentences, parsing only those not parsed before.

    Counts the document's sentences as seen once, and each sentence parsed once, on
    `pipeline.stats`. A reduced pipeline parses nothing (it has no parser): callers run
    their lexical checks only and get an empty mapping.
    """

    def first_look() -> dict[Sentence, Doc]:
        pipeline.stats.sentences_seen += len(document_sentences(doc))
        return {}

    cache = doc.memo("nlp.parsed", first_look)
    if pipeline.reduced:
        return {}
    todo = [
        s for s in dict.fromkeys(sentences) if s not in cache and len(s.text) <= MAX_PARSED_CHARS
    ]
    if todo:
        texts = [s.text for s in todo]
        for sentence, parsed in zip(todo, parse_texts(pipeline, texts), strict=True):
            cache[sentence] = parsed
        pipeline.stats.sentences_parsed += len(todo)
    return {s: cache[s] for s in sentences if s in cache}


def parse_texts(pipeline: Pipeline, texts: Sequence[str]) -> list[Doc]:
    """Parsed Docs for `texts` (`Pipeline.parse`): those the engine prefetched for the
    current batch of documents from the memo, the others parsed now, in one call."""
    return pipeline.parse(texts)


@contextmanager
def prefetched(pipeline: Pipeline | None, texts: Iterable[str]) -> Iterator[None]:
    """Parse the texts that the checks of several documents will ask for in one batch,
    and serve them from `pipeline.memo` until the block ends (`prefetch` adds more).

    spaCy's cost per text falls by about a third from the batches one document gives
    (a few sentences per call) to those of a few dozen documents; the Docs are the same.
    """
    if pipeline is None or pipeline.reduced:
        yield
        return
    try:
        prefetch(pipeline, texts)
        yield
    finally:
        remember_batch(pipeline)  # the memo emptied, its parses kept for the next batches


def prefetch(pipeline: Pipeline | None, texts: Iterable[str]) -> None:
    """Parse those of the texts not in `pipeline.memo` yet, in one batch, into it (inside
    `prefetched`: a second round, for texts that depend on the first round's parses)."""
    if pipeline is None or pipeline.reduced:
        return
    memo = pipeline.memo
    wanted = [t for t in dict.fromkeys(texts) if len(t) <= MAX_PARSED_CHARS and t not in memo]
    recent = pipeline.recent  # parsed for an earlier batch: the same Doc, not parsed again
    if recent and any(t in recent for t in wanted):
        memo.update((t, recent[t]) for t in wanted if t in recent)
        wanted = [t for t in wanted if t not in recent]
    try:
        memo.update(zip(wanted, pipe(pipeline.nlp, wanted), strict=True))
        pipeline.stats.spacy_texts += len(wanted)
    except Exception:  # each check parses its own texts then, and a failure is its PM900
        if os.environ.get("PMLINT_RAISE"):
            raise
        memo.clear()
