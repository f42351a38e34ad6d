"""The base of the language rules over spaCy's parse: blame (PM301, `blame`), individual as
cause (PM302, `individual`), hindsight (PM303, `hindsight`).

Each kind runs in two stages (the cascade, see `pmlint.nlp.cascade`):

1. lexical: the rule's phrase lexicon (`tokens`) is matched on every prose sentence, and
   trigger words (its verbs, adverbs and nouns in any inflection, plus a hint of a
   person) pick the candidate sentences. With a blank pipeline this is all that runs.
2. syntactic: candidates are parsed (batched, cached on the document, shared by the
   three rules) and each rule's patterns look at who does what. A person, a role, a
   pronoun or a named PERSON as the subject of "forgot" is blame; "the health check
   failed" is not, because a health check is not a person.

Every finding carries a coaching suggestion: from the matched lexicon entry, or from
the rule's `coaching` option for the syntactic pattern that fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from pmlint.checks.base import CheckContext, CheckKind, Option, finding, user_regex
from pmlint.diagnostics import Finding
from pmlint.document import Document, TextBlock
from pmlint.literals import WORTH_AFTER, any_of, needed
from pmlint.nlp import LEXICAL
from pmlint.nlp.cascade import (
    Near,
    Trigger,
    WordsPattern,
    alternation,
    parse_sentences,
    select,
    surface_forms,
    words_pattern,
)
from pmlint.nlp.sentences import Sentence, code_words, document_sentences
from pmlint.nlp.syntax import MAYBE_ROLE, NAMED, PRONOUN, ROLE, People, agent, is_passive, subject
from pmlint.rule import OptionError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORD_CLASSES = (
    "people",
    "groups",
    "communication_verbs",
    "communication_nouns",
    "failure_nouns",
    "decision_judgements",
    "decision_nouns",
    "noticing_verbs",
    "ambiguous_people",
    "given_names",
    "things",
    "pronouns",
    "failure_verbs",
    "lapse_verbs",
    "dereliction_verbs",
    "duty_nouns",
    "error_adverbs",
    "error_nouns",
    "harm_verbs",
    "harm_nouns",
    "destructive_verbs",
    "disruptive_verbs",
    "production_words",
    "faulty_action_verbs",
    "faulty_adjectives",
    "change_nouns",
    "making_verbs",
    "wrong_target_adjectives",
    "routine_objects",
    "intent_words",
    "punish_verbs",
    "stative_verbs",
    "counterfactual_modals",
    "possibility_modals",
    "oversight_verbs",
    "certainty_adverbs",
    "culprit_verbs",
    "everyone",
    "safeguard_nouns",
    "duty_verbs",
    "gate_verbs",
    "care_states",
    "conduct_states",
    "conduct_verbs",
    "character_adjectives",
    "competence_adjectives",
    "mistake_nouns",
    "mistake_judgements",
    "conduct_nouns",
    "system_adjectives",
    "verdict_adjectives",
    "surprise_adjectives",
    "upkeep_verbs",
    "accountability_nouns",
)
STRICT = (NAMED, ROLE, PRONOUN)  # people other than the writer
OTHERS = (*STRICT, MAYBE_ROLE)  # ... and roles that may be software, for human-only verbs
_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|without|nor)\b|n't\b)(?:\s+[\w'-]+){0,3}\s*$", re.IGNORECASE
)
_HANDLE_OR_EMAIL = r"@\w|\w@\w|\b[a-z][a-z0-9]+@(?!\w)"
# A capitalised word that may be a name the given-names list lacks ("Mei forgot"),
# including the first word of the sentence unless it is one that often starts one.
NAME_LIKE = (
    r"(?:^\s*|(?<=[\w,;:)] ))(?!(?:The|A|An|This|That|These|Those|It|Its|We|Our|Us|I|"
    r"There|Then|If|When|While|After|Before|During|At|On|In|By|For|From|To|With|No|Not|"
    r"Each|Every|All|Some|As|And|But|So|Once|About|Around|Only|Most|Many|Several|Both|"
    r"Also|Until|Since|Because|Although|Next|Later|Meanwhile|Finally|First|Why|What|How|"
    r"Where|Which|Here|Over|Under|Per|Via|Nothing|None|Everything)\b)[A-Z][a-z]+\b"
)
NEGATION = r"\bnot\b|n['’]t\b|\bnever\b"  # a cheap-pass pattern of PM301 and PM303


# `token_hits`' answers kept per rule: more than the sentences of a batch of documents.
_HELD_TEXTS = 8192


@dataclass(frozen=True, slots=True)
class Hit:
    """A finding inside one sentence: offsets into `Sentence.text`."""

    start: int
    end: int
    pattern: str
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class _Token:
    pattern: re.Pattern[str]
    suggestion: str | None


def load_words(options: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The word classes: the shared `words` lexicon, the rule's own, and `add_words`."""
    merged: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
    sources = [
        (options.get("words") or {}).get("words") or {},
        (options.get("lexicon") or {}).get("words") or {},
        options.get("add_words") or {},
    ]
    for source in sources:
        if not isinstance(source, Mapping):
            raise OptionError("words", "expected a mapping of word class to a list of words")
        for name, words in source.items():
            if name not in merged:
                raise OptionError(
                    "words", f"unknown word class {name!r}; known: {', '.join(WORD_CLASSES)}"
                )
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise OptionError("words", f"{name}: expected a list of words")
            merged[name] |= {w.strip().lower() for w in words if w.strip()}
    return {name: frozenset(words) for name, words in merged.items()}


class LanguageCheck(CheckKind):
    """Shared machinery of the three language kinds."""

    needs_nlp = True
    fields = ("match", "reason", "suggestion", "section")
    options: ClassVar[tuple[Option, ...]] = (
        Option(
            "lexicon",
            "lexicon",
            None,
            "A YAML file (relative to the rule) with phrase `tokens` and word classes `words`.",
        ),
        Option(
            "words",
            "lexicon",
            None,
            "A YAML file of word classes shared by the language rules (people, verbs...).",
        ),
        Option("tokens", "mapping-list", [], "More phrases (regexes, {pattern, suggestion})."),
        Option(
            "add_words",
            "any",
            {},
            "More words per word class, e.g. {people: [firefighter], failure_verbs: [flub]}.",
        ),
        Option(
            "coaching",
            "any",
            {},
            "The suggestion for each syntactic pattern (pattern name -> text).",
        ),
        Option("sections", "str-list", [], "Only these canonical sections (empty: everywhere)."),
        Option("exclude_sections", "str-list", [], "Never in these canonical sections."),
    )
    # pattern name -> the reason shown in the message
    reasons: ClassVar[dict[str, str]] = {}

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self.words = load_words(self.opts)
        self.people = People.of(
            self.words["people"],
            self.words["pronouns"],
            self.words["given_names"],
            self.words["things"],
            self.words["ambiguous_people"],
            self.words["groups"],
        )
        raw = list((self.opts.get("lexicon") or {}).get("tokens") or [])
        raw += list(self.opts.get("tokens") or [])
        self.tokens = [_compile_token(item) for item in raw]
        self._any_token = _any_of(raw)
        self._token_gates: _Gates | None = None
        self._gated = 0  # sentences asked about before the gates were read (`_may_hold_token`)
        self._held: dict[str, bool] = {}  # `_may_hold_token`'s answers by text (`token_hits`)
        coaching = self.opts.get("coaching") or {}
        if not isinstance(coaching, Mapping):
            raise OptionError("coaching", "expected a mapping of pattern name to text")
        unknown = set(coaching) - set(self.reasons)
        if unknown:
            raise OptionError(
                "coaching",
                f"unknown pattern {sorted(unknown)[0]!r}; known: {', '.join(sorted(self.reasons))}",
            )
        self.coaching = {str(k): str(v).strip() for k, v in coaching.items()}
        self._things: frozenset[str] = frozenset()  # the current document's code words

    # With a number: the rule's needs of a party (`personish`) must match within that many
    # words of the trigger's own match (`cascade.near_enough`), or the sentence is not parsed.
    near_words: ClassVar[int | None] = None

    @cached_property
    def _near(self) -> Near | None:
        if self.near_words is None:
            return None
        person = self.personish()
        sources = {n for t in self.triggers for n in t.needs if person in n}
        return Near(frozenset(sources), self.near_words)

    @cached_property
    def triggers(self) -> list[Trigger]:
        """Built on first use: configs are loaded (and checks built) by runs that lint
        nothing, such as a run served from the cache; the word lists make valid regexes."""
        return self.build_triggers()

    # -- what subclasses provide ------------------------------------------------------

    def build_triggers(self) -> list[Trigger]:
        raise NotImplementedError

    def syntax_hits(self, sentence: Sentence, parsed: Doc) -> Iterable[Hit]:
        raise NotImplementedError

    def applies(self, sentence: Sentence) -> bool:
        return True

    # -- the cascade --------------------------------------------------------------------

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sentences = self._sentences(doc)
        self._things = code_words(doc)
        pipeline = ctx.nlp if ctx.nlp is not None else LEXICAL
        wanted = self._wanted(doc) if not pipeline.reduced else []
        parsed = parse_sentences(pipeline, doc, wanted)
        quiet: list[Sentence] = []
        for sentence in sentences:
            hits = list(self.token_hits(sentence))
            if sentence in parsed:
                hits += list(self.syntax_hits(sentence, parsed[sentence]))
                hits = [h for h in hits if self.asserted(parsed[sentence], h)]
            if not hits:
                quiet.append(sentence)
            for hit in _without_overlaps(hits):
                yield self._finding(sentence, hit)
        for sentence, hit in self.model_hits(quiet):
            yield self._finding(sentence, hit)

    def model_hits(self, sentences: list[Sentence]) -> Iterable[tuple[Sentence, Hit]]:
        """Findings of the trained model on sentences the rules left alone (PM301)."""
        return ()

    def asserted(self, parsed: Doc, hit: Hit) -> bool:
        """Whether the parse lets `hit` stand (PM301 drops judgements the sentence denies,
        supposes or quotes; `rejection`)."""
        return True

    def also_parse(self, sentence: Sentence) -> bool:
        """A sentence to parse besides the cascade's candidates (for `asserted`)."""
        return False

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        return [sentence.text for sentence in self._wanted(doc)]

    def _sentences(self, doc: Document) -> list[Sentence]:
        """The sentences this rule reads (its sections; `applies`), once per document."""
        return doc.memo(
            f"checks.language.sentences.{id(self)}",
            lambda: [
                s for s in document_sentences(doc) if self._in_sections(s.block) and self.applies(s)
            ],
        )

    def _wanted(self, doc: Document) -> list[Sentence]:
        """The cascade's candidates among them, once per document."""
        return doc.memo(
            f"checks.language.wanted.{id(self)}",
            lambda: self._candidates(self._sentences(doc)),
        )

    def _candidates(self, sentences: list[Sentence]) -> list[Sentence]:
        chosen = set(select(sentences, self.triggers, self._near))
        return [s for s in sentences if s in chosen or self.also_parse(s)]

    def token_hits(self, sentence: Sentence) -> Iterator[Hit]:
        held = self._held.get(sentence.text)
        if held is None:
            # Kept by text: a rule asks of a sentence twice, while choosing what to parse
            # (`also_parse`) and when it checks the batch's documents, which all choose
            # first; the answer depends on the text only.
            if len(self._held) >= _HELD_TEXTS:
                self._held.clear()
            held = self._held[sentence.text] = self._may_hold_token(sentence.text)
        if not held:
            return  # most sentences hold none of the phrases
        for token in self.tokens:
            for match in token.pattern.finditer(sentence.text):
                if _NEGATION_BEFORE.search(sentence.text[: match.start()]):
                    continue
                yield Hit(match.start(), match.end(), "phrase", token.suggestion)

    def _may_hold_token(self, text: str) -> bool:
        """Whether a phrase may match: the strings each phrase needs (`pmlint.literals`)
        name the few phrases worth a search, as their alternation (`_any_token`) needs no
        rare string that most sentences lack ("on ", "time" are in many); a phrase is
        searched wrapped as in the alternation, so the answer is the alternation's. A
        run that asks less than `WORTH_AFTER` times (one file) searches the alternation:
        reading the phrases costs more than that.

        The phrases whose strings are all of four letters or more are ruled out together
        by one search for any of their strings (`any_of`: worth it from 20 strings, PM301
        has 130), which most sentences lack; the few phrases with a short string ("on ",
        "let ") are tested one by one first. The answer is the same."""
        any_token = self._any_token
        if any_token is None:
            return True
        gates = self._token_gates
        if gates is None:
            self._gated += 1
            if self._gated < WORTH_AFTER:
                return any_token.search(text) is not None
            gates = self._token_gates = self._gates()
        if not text.isascii():  # IGNORECASE matches some letters beyond ASCII to ASCII ones
            return any_token.search(text) is not None
        lowered = text.lower()
        weak, strong, any_string = gates
        for group in (weak, strong):
            if group is strong and any_string is not None and any_string.search(lowered) is None:
                return False
            for strings, search in group:
                if strings is None:
                    if search(text) is not None:
                        return True
                    continue
                for string in strings:
                    if string in lowered:
                        if search(text) is not None:
                            return True
                        break
        return False

    def _gates(self) -> _Gates:
        """The phrases' gates: those with a short or no needed string, the others, and
        the search for any string of the others (None when there are none)."""
        weak: list[_Gate] = []
        strong: list[_Gate] = []
        for token in self.tokens:
            strings = needed(token.pattern.pattern, token.pattern.flags)
            gate = (strings, token.pattern.search)
            if strings is None or any(len(s.strip()) < _STRONG_STRING for s in strings):
                weak.append(gate)
            else:
                strong.append(gate)
        gated = [string for found, _ in strong for string in found or ()]
        # one search costs about as much as 20 `in` tests of a sentence
        any_string = any_of(gated) if len(gated) > _WORTH_ONE_SEARCH else None
        return weak, strong, any_string

    def _finding(self, sentence: Sentence, hit: Hit) -> Finding:
        block = sentence.block
        shown = " ".join(block.text[sentence.start + hit.start : sentence.start + hit.end].split())
        suggestion = hit.suggestion or self.coaching.get(hit.pattern, "")
        return finding(
            sentence.span(hit.start, hit.end),
            match=shown,
            reason=self.reasons.get(hit.pattern, ""),
            suggestion=" ".join(suggestion.split()),
            section=block.section.title if block.section is not None else "",
        )

    def _in_sections(self, block: TextBlock) -> bool:
        canonicals = set(block.canonical_sections())
        include, exclude = self.opts["sections"], self.opts["exclude_sections"]
        if include and not canonicals & set(include):
            return False
        return not canonicals & set(exclude)

    # -- helpers for subclasses ---------------------------------------------------------

    def pattern(self, *classes: str) -> str:
        """Any word of the classes, in any inflection, in any case; a phrasal verb also with
        its object between verb and particle ("took the site down")."""
        words: set[str] = set()
        for name in classes:
            words |= self.words[name]
        found = words_pattern(words)
        split = _separable(words)
        if split is None:
            return found.wrapped("(?i:", ")")
        leads = None if found.leads is None or split.leads is None else found.leads | split.leads
        return WordsPattern(f"(?i:{found}|{split})", leads)

    def personish(self, any_capitalised: bool = False) -> str:
        """A regex hinting that a sentence mentions a person: a role, a pronoun, a given
        name, an @handle or an e-mail address (and any capitalised word but the usual first
        words of a sentence, a possible name, with `any_capitalised`). Cheap and
        over-inclusive."""
        people = self.pattern("people", "pronouns")
        names = alternation(n.capitalize() for n in self.words["given_names"])
        found = rf"{people}|{_HANDLE_OR_EMAIL}|\b{names}\b"
        return f"{found}|{NAME_LIKE}" if any_capitalised else found

    def person_kind(self, token: Token | None) -> str | None:
        """named, role, pronoun or self (see `People.kind`); None for things and "anyone"."""
        if token is None or token.lower_ in self.words["everyone"]:
            return None
        if token.lower_ == "one" and token.dep_ in ("nsubj", "nsubjpass"):
            return None  # generic "one" ("one could argue")
        kind = self.people.kind(token, self._things)
        if kind is None:  # "the boss and the engineer were at fault": any conjunct counts
            for conj in token.conjuncts:
                if conj.i > token.i and conj.lower_ not in self.words["everyone"]:
                    kind = self.people.kind(conj, self._things)
                    if kind is not None:
                        break
        return kind

    def doer(self, verb: Token) -> Token | None:
        """Who does the action: the subject, or the "by" agent of a passive verb."""
        if is_passive(verb):
            return agent(verb)
        return subject(verb)

    def lemmas(self, verb: Token) -> set[str]:
        """The verb's lemma, and with its particle or resultative ("knock offline")."""
        lemma = verb.lemma_.lower()
        found = {lemma}
        for child in verb.children:
            if child.dep_ in ("prt", "advmod", "oprd", "acomp") and child.i > verb.i:
                found.add(f"{lemma} {child.lower_}")
        return found


# Particles a phrasal verb may put after its object ("took the site down", "knocked it
# offline"); the parse reads them as the verb's particle either way (`lemmas`).
_PARTICLES = frozenset(("down", "up", "out", "off", "over", "offline"))
_LEAD = re.compile(r"[a-z]+")


def _separable(words: set[str]) -> WordsPattern | None:
    """The phrasal verbs among `words` with one to three words between verb and particle."""
    verbs: set[str] = set()
    particles: set[str] = set()
    for word in words:
        parts = word.split()
        if len(parts) == 2 and parts[1] in _PARTICLES:
            verbs |= surface_forms(parts[0])
            particles.add(parts[1])
    if not verbs:
        return None
    leads = {m.group() for m in map(_LEAD.match, verbs) if m is not None}
    source = (
        rf"(?<![\w@-]){alternation(verbs)}(?:\s+[\w'’-]+){{1,3}}\s+{alternation(particles)}"
        r"(?![\w-])"
    )
    return WordsPattern(source, frozenset(leads) if len(leads) == len(verbs) else None)


def _compile_token(item: Any) -> _Token:
    if isinstance(item, Mapping):
        unknown = set(item) - {"pattern", "suggestion"}
        if unknown:
            raise OptionError("tokens", f"unknown entry key {sorted(unknown)[0]!r}")
        source, suggestion = str(item.get("pattern", "")), item.get("suggestion")
    else:
        source, suggestion = str(item), None
    if not source:
        raise OptionError("tokens", "an entry has an empty pattern")
    user_regex(source)
    pattern = user_regex(rf"(?<![\w-])(?:{source})(?![\w-])", re.IGNORECASE, shown=source)
    return _Token(pattern, str(suggestion) if suggestion else None)


# A phrase's gate: the strings it needs (None: none known) and its search.
_Gate = tuple[frozenset[str] | None, Callable[[str], "re.Match[str] | None"]]
# (gates tested one by one, gates ruled out together, the search for their strings)
_Gates = tuple[list[_Gate], list[_Gate], "re.Pattern[str] | None"]
_STRONG_STRING = 4  # a needed string this long (spaces aside) is rare enough to gate with
_WORTH_ONE_SEARCH = 20


def _any_of(raw: list[Any]) -> re.Pattern[str] | None:
    """One pattern that matches where any of the phrase patterns does (each is wrapped the
    same way, so the alternation of their sources finds a sentence with any of them); None
    where their sources do not combine (a named group used twice, a global flag)."""
    sources = [str(i.get("pattern", "")) if isinstance(i, Mapping) else str(i) for i in raw]
    if not sources:
        return None
    joined = "|".join(f"(?:{source})" for source in sources)
    try:
        return re.compile(rf"(?<![\w-])(?:{joined})(?![\w-])", re.IGNORECASE)
    except re.error:
        return None


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        kept.append(hit)
    return kept


def is_task(block: TextBlock) -> bool:
    return block.list_item is not None and block.list_item.checked is not None


def in_section(block: TextBlock, *canonicals: str) -> bool:
    """Whether the block is under a section of one of these canonical names."""
    return block.section is not None and block.section.is_under(*canonicals)
