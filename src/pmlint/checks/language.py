"""Language rules over spaCy's parse: blame (PM301), individual as cause (PM302), hindsight (PM303).

Each kind runs in two stages (the cascade, see `pmlint.nlp.cascade`):

1. lexical: the rule's phrase lexicon (`tokens`) is matched on every prose sentence, and
   trigger words (its verbs, adverbs and nouns in any inflection, plus a hint of a
   person) pick the candidate sentences. With a blank pipeline this is all that runs.
2. syntactic: candidates are parsed (batched, cached on the document, shared by the
   three rules) and the patterns below look at who does what. A person, a role, a
   pronoun or a named PERSON as the subject of "forgot" is blame; "the health check
   failed" is not, because a health check is not a person.

Every finding carries a coaching suggestion: from the matched lexicon entry, or from
the rule's `coaching` option for the syntactic pattern that fired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from pmlint.checks.base import CheckContext, CheckKind, Option, finding, user_regex
from pmlint.diagnostics import Finding
from pmlint.document import Document, TextBlock
from pmlint.nlp import textcat
from pmlint.nlp.cascade import Trigger, alternation, parse_sentences, select, words_pattern
from pmlint.nlp.sentences import Sentence, code_words, document_sentences, starts_with_time
from pmlint.nlp.syntax import (
    MAYBE_ROLE,
    NAMED,
    PRONOUN,
    ROLE,
    SELF,
    People,
    Token,
    agent,
    conditional,
    is_negated,
    is_passive,
    modal,
    resolve,
    subject,
)

WORD_CLASSES = (
    "people",
    "ambiguous_people",
    "given_names",
    "things",
    "pronouns",
    "failure_verbs",
    "lapse_verbs",
    "error_adverbs",
    "error_nouns",
    "harm_verbs",
    "harm_nouns",
    "destructive_verbs",
    "disruptive_verbs",
    "production_words",
    "faulty_action_verbs",
    "faulty_adjectives",
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
)
STRICT = (NAMED, ROLE, PRONOUN)  # people other than the writer
OTHERS = (*STRICT, MAYBE_ROLE)  # ... and roles that may be software, for human-only verbs
_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|without|nor)\b|n't\b)(?:\s+[\w'-]+){0,3}\s*$", re.IGNORECASE
)
_MODALS_HYPOTHETICAL = frozenset(
    ("can", "could", "may", "might", "will", "would", "shall", "should", "must", "ought")
)
_HANDLE_OR_EMAIL = r"@\w|\w@\w|\b[a-z][a-z0-9]+@(?!\w)"
# A capitalised word inside a sentence (a possible name), not its first word.
_CAPITALISED = r"(?<=[\w,;:)] )[A-Z][a-z]+\b"
_WHO_WHY_QUESTION = r"(?i:\b(?:why|who)\b)[^?]*\?\s*$"
_MODAL_PERFECT = (
    r"\b(?:should|ought to|could|would)(?:n't| not)?\s+(?:have|'ve)\b|\b(?:should|could|would)'ve\b"
)
_NEGATION = r"\bnot\b|n['’]t\b|\bnever\b"
# What an omission needs besides the negation (`_past_negation`): the auxiliary of a past
# action ("did not", "hadn't", "we'd not") or "never".
_PAST_AUX = r"(?i:\b(?:did|had|has|have)(?:n['’]t)?\b|['’]d\b|\bnever\b)"
# A capitalised word that may be a name the given-names list lacks ("Mei forgot"),
# including the first word of the sentence unless it is one that often starts one.
_NAME_LIKE = (
    r"(?:^\s*|(?<=[\w,;:)] ))(?!(?:The|A|An|This|That|These|Those|It|Its|We|Our|Us|I|"
    r"There|Then|If|When|While|After|Before|During|At|On|In|By|For|From|To|With|No|Not|"
    r"Each|Every|All|Some|As|And|But|So|Once|About|Around|Only|Most|Many|Several|Both|"
    r"Also|Until|Since|Because|Although|Next|Later|Meanwhile|Finally|First|Why|What|How|"
    r"Where|Which|Here|Over|Under|Per|Via|Nothing|None|Everything)\b)[A-Z][a-z]+\b"
)


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
            raise ValueError("words: expected a mapping of word class to a list of words")
        for name, words in source.items():
            if name not in merged:
                raise ValueError(
                    f"words: unknown word class {name!r}; known: {', '.join(WORD_CLASSES)}"
                )
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"words: {name}: expected a list of words")
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
        )
        raw = list((self.opts.get("lexicon") or {}).get("tokens") or [])
        raw += list(self.opts.get("tokens") or [])
        self.tokens = [_compile_token(item) for item in raw]
        coaching = self.opts.get("coaching") or {}
        if not isinstance(coaching, Mapping):
            raise ValueError("coaching: expected a mapping of pattern name to text")
        unknown = set(coaching) - set(self.reasons)
        if unknown:
            raise ValueError(
                f"coaching: unknown pattern {sorted(unknown)[0]!r}; "
                f"known: {', '.join(sorted(self.reasons))}"
            )
        self.coaching = {str(k): str(v).strip() for k, v in coaching.items()}
        self._things: frozenset[str] = frozenset()  # the current document's code words

    @cached_property
    def triggers(self) -> list[Trigger]:
        """Built on first use: configs are loaded (and checks built) by runs that lint
        nothing, such as a run served from the cache; the word lists make valid regexes."""
        return self.build_triggers()

    # -- what subclasses provide ------------------------------------------------------

    def build_triggers(self) -> list[Trigger]:
        raise NotImplementedError

    def syntax_hits(self, sentence: Sentence, parsed: Any) -> Iterable[Hit]:
        raise NotImplementedError

    def applies(self, sentence: Sentence) -> bool:
        return True

    # -- the cascade --------------------------------------------------------------------

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sentences = self._sentences(doc)
        self._things = code_words(doc)
        parsed: dict[Sentence, Any] = {}
        pipeline = ctx.nlp
        if pipeline is not None:
            wanted = self._wanted(doc) if not pipeline.reduced else []
            parsed = parse_sentences(pipeline, doc, wanted)
        quiet: list[Sentence] = []
        for sentence in sentences:
            hits = list(self.token_hits(sentence))
            if sentence in parsed:
                hits += list(self.syntax_hits(sentence, parsed[sentence]))
            if not hits:
                quiet.append(sentence)
            for hit in _without_overlaps(hits):
                yield self._finding(sentence, hit)
        for sentence, hit in self.model_hits(quiet):
            yield self._finding(sentence, hit)

    def model_hits(self, sentences: list[Sentence]) -> Iterable[tuple[Sentence, Hit]]:
        """Findings of the trained model on sentences the rules left alone (PM301)."""
        return ()

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        return [sentence.text for sentence in self._wanted(doc)]

    def _sentences(self, doc: Document) -> list[Sentence]:
        """The sentences this rule reads (its sections; `applies`), once per document."""
        key = f"language.sentences.{id(self)}"
        if key not in doc.cache:
            doc.cache[key] = [
                s for s in document_sentences(doc) if self._in_sections(s.block) and self.applies(s)
            ]
        return doc.cache[key]

    def _wanted(self, doc: Document) -> list[Sentence]:
        """The cascade's candidates among them, once per document."""
        key = f"language.wanted.{id(self)}"
        if key not in doc.cache:
            doc.cache[key] = select(self._sentences(doc), self.triggers)
        return doc.cache[key]

    def token_hits(self, sentence: Sentence) -> Iterator[Hit]:
        for token in self.tokens:
            for match in token.pattern.finditer(sentence.text):
                if _NEGATION_BEFORE.search(sentence.text[: match.start()]):
                    continue
                yield Hit(match.start(), match.end(), "phrase", token.suggestion)

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
        canonicals = _canonicals(block)
        include, exclude = self.opts["sections"], self.opts["exclude_sections"]
        if include and not canonicals & set(include):
            return False
        return not canonicals & set(exclude)

    # -- helpers for subclasses ---------------------------------------------------------

    def pattern(self, *classes: str) -> str:
        """Any word of the classes, in any inflection, in any case."""
        words: set[str] = set()
        for name in classes:
            words |= self.words[name]
        return words_pattern(words).wrapped("(?i:", ")")

    def personish(self, any_capitalised: bool = False) -> str:
        """A regex hinting that a sentence mentions a person: a role, a pronoun, a given
        name, an @handle or an e-mail address (and any capitalised word inside a sentence,
        a possible name, with `any_capitalised`). Cheap and over-inclusive."""
        people = self.pattern("people", "pronouns")
        names = alternation(n.capitalize() for n in self.words["given_names"])
        found = rf"{people}|{_HANDLE_OR_EMAIL}|\b{names}\b"
        return f"{found}|{_CAPITALISED}" if any_capitalised else found

    def person_kind(self, token: Token | None) -> str | None:
        """named, role, pronoun or self (see `People.kind`); None for things and "anyone"."""
        if token is None or token.lower_ in self.words["everyone"]:
            return None
        if token.lower_ == "one" and token.dep_ in ("nsubj", "nsubjpass"):
            return None  # generic "one" ("one could argue")
        return self.people.kind(token, self._things)

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


def _model_hit(model: textcat.Model, text: str, party: str) -> Hit:
    """The span from the first to the last word the model leaned on (the sentence when
    it names none); self-judgement gets its own reason and coaching."""
    words = textcat.cues(model, text)
    start, end = 0, len(text.rstrip())
    found = [m for w in words for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    if found:
        start = min(m.start() for m in found)
        end = max(m.end() for m in found)
    return Hit(start, end, "model_self" if party == "self" else "model")


def reported(verb: Token) -> bool:
    """The sentence reports what happened: not a hypothetical, a habit, or an instruction."""
    if conditional(verb):
        return False
    found = modal(verb)
    if found is not None and found.lower_ in _MODALS_HYPOTHETICAL:
        return False
    if verb.tag_ in ("VBD", "VBZ", "VBN"):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VB":
        return bool(auxes & {"did", "does", "'d"})
    if verb.tag_ == "VBG":
        return bool(auxes & {"was", "were", "is", "has", "had", "been"})
    return False


def span_of(doer: Token | None, verb: Token, with_object: bool = False) -> tuple[int, int]:
    """From the doer to the verb, its particle (and its object); a doer after the verb
    (a passive "by" agent) ends the span instead."""
    start = verb.idx
    end = _end(verb)
    for child in verb.children:
        if child.dep_ in ("prt", "neg") and child.i > verb.i:
            end = max(end, _end(child))
        if with_object and child.dep_ in ("dobj", "oprd") and child.i > verb.i:
            right = child.right_edge if child.right_edge.i - verb.i <= 6 else child
            end = max(end, _end(right))
    if doer is not None and doer.i < verb.i and verb.i - doer.i <= 8:
        start = min(start, phrase_start(doer).idx)
    elif doer is not None and doer.i > verb.i and doer.i - verb.i <= 6:
        end = max(end, _end(doer))
    return start, end


def _end(token: Token) -> int:
    return token.idx + len(token.text)


_BOUNDARY_DEPS = frozenset(("cc", "relcl", "advmod", "mark", "appos", "acl", "conj", "prep"))


def phrase_start(noun: Token) -> Token:
    """The first word of a noun's own phrase ("the on-call engineer"), without the
    conjunctions and clauses the parser hangs on it."""
    first = noun
    for token in reversed(noun.doc[noun.left_edge.i : noun.i]):
        if token.pos_ in ("VERB", "AUX", "PUNCT") and token.text != "-":
            break
        if token.dep_ in _BOUNDARY_DEPS and not (token.dep_ == "prep" and token.head.i > token.i):
            break
        first = token
    return first


def token_span(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _compile_token(item: Any) -> _Token:
    if isinstance(item, Mapping):
        unknown = set(item) - {"pattern", "suggestion"}
        if unknown:
            raise ValueError(f"tokens: unknown entry key {sorted(unknown)[0]!r}")
        source, suggestion = str(item.get("pattern", "")), item.get("suggestion")
    else:
        source, suggestion = str(item), None
    if not source:
        raise ValueError("tokens: an entry has an empty pattern")
    user_regex(source)
    pattern = user_regex(rf"(?<![\w-])(?:{source})(?![\w-])", re.IGNORECASE, shown=source)
    return _Token(pattern, str(suggestion) if suggestion else None)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        kept.append(hit)
    return kept


def _canonicals(block: TextBlock) -> set[str]:
    found = set()
    node = block.section
    while node is not None:
        if node.canonical:
            found.add(node.canonical)
        node = node.parent
    return found


def is_task(block: TextBlock) -> bool:
    return block.list_item is not None and block.list_item.checked is not None


def is_imperative(parsed: Any) -> bool:
    """An instruction ("Reflect on ...", "Make sure ..."): opens with a bare verb."""
    for token in parsed:
        if not token.is_alpha:
            continue
        return token.tag_ == "VB" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        )
    return False


# ----------------------------------------------------------------------------------------
# PM301 blame-language


class BlameLanguage(LanguageCheck):
    kind = "blame-language"
    description = (
        "Judgements of people, and people (roles, pronouns, names) as the subject of a "
        "failure, an omission or an error; systems as subjects are never blame."
    )
    reasons: ClassVar[dict[str, str]] = {
        "phrase": "Judges people",
        "failure": "A person is the failing agent",
        "lapse": "A person is the failing agent",
        "omission": "Names a person for what they did not do",
        "error_adverb": "Judges a person's action",
        "cause": "A person is the cause",
        "error_noun": "Attributes the error to a person",
        "blame": "Assigns blame to a person",
        "punitive": "Punishes or blames a person",
        "responsible": "Makes a person responsible for the failure",
        "bypass": "Judges a person for acting without a safeguard",
        "self_lapse": "Judges yourselves for a lapse",
        "model": "Reads as a judgement of people (trained model)",
        "model_self": "Reads as a judgement of yourselves (trained model)",
    }

    options = (
        *LanguageCheck.options,
        Option(
            "model",
            "bool",
            True,
            "Also report what the trained blame model (`pmlint/models/blame`) judges as "
            "blame in sentences that name a person, a group or the writer.",
        ),
    )

    def model_hits(self, sentences: list[Sentence]) -> Iterable[tuple[Sentence, Hit]]:
        if not self.opts["model"]:
            return
        model = textcat.load("blame")
        if model is None:
            return
        candidates = []
        for sentence in sentences:
            block = sentence.block
            if is_task(block) or _canonicals(block) & {"action-items", "timeline"}:
                continue  # instructions, and who did what when, are not judgements
            if starts_with_time(block):
                continue
            text = sentence.text.rstrip()
            if text.endswith("?") and not textcat.counterfactual(text):
                continue  # a question in a chat log ("can you paste the logs?")
            if textcat.counterfactual(text):
                continue  # hindsight is PM303's to report, with its own coaching
            party = textcat.judged_party(sentence.text)
            if party is not None and textcat.blame_eligible(sentence.text):
                candidates.append((sentence, party))
        scores = model.scores([s.text for s, _ in candidates])
        for (sentence, party), score in zip(candidates, scores, strict=True):
            if not textcat.decide(model, False, score, True):
                continue
            yield sentence, _model_hit(model, sentence.text, party)

    def build_triggers(self) -> list[Trigger]:
        person = self.personish()
        # a named doer may be a name the list lacks: failing, a lapse, an error, an omission
        named = f"{person}|{_NAME_LIKE}"
        return [
            Trigger.of(self.pattern("failure_verbs", "lapse_verbs"), [rf"{named}|\b(?i:we|i)\b"]),
            Trigger.of(self.pattern("error_adverbs"), [named]),
            Trigger.of(r"\bwithout\b", [named, self.pattern("safeguard_nouns")]),
            Trigger.of(_NEGATION, [named, _PAST_AUX]),
            Trigger.of(self.pattern("harm_verbs"), [person]),
            Trigger.of(
                self.pattern("faulty_action_verbs", "destructive_verbs", "disruptive_verbs"),
                [person, self.pattern("faulty_adjectives", "harm_nouns", "error_adverbs")],
            ),
            Trigger.of(self.pattern("error_nouns"), [person]),
            Trigger.of(self.pattern("punish_verbs"), [person]),
            Trigger.of(r"\baction\b", [person, r"\b(?:against|with)\b"]),
            Trigger.of(r"\bblame\b|\bresponsible\b", [person]),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Any) -> Iterator[Hit]:
        w = self.words
        for token in parsed:
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
                yield from self._verb_hits(token)
            if token.lemma_.lower() in w["error_nouns"] and token.pos_ in ("NOUN", "PROPN"):
                hit = error_noun_hit(self, token, OTHERS)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "error_noun")
            if token.lower_ == "responsible":
                hit = responsible_hit(self, token)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "responsible")
            if token.lemma_.lower() == "blame":
                found = self._blame(token)
                if found is not None:
                    yield found
            if token.lemma_.lower() == "action" and token.dep_ == "dobj":
                found = self._action_against(token)
                if found is not None:
                    yield found

    def _verb_hits(self, verb: Token) -> Iterator[Hit]:
        w = self.words
        lemmas = self.lemmas(verb)
        doer = self.doer(verb)
        who = self.person_kind(doer)
        negated = is_negated(verb)
        if (
            lemmas & w["failure_verbs"]
            and who in (STRICT if verb.lemma_.lower() == "fail" else OTHERS)
            and not negated
            and reported(verb)
            and not _routine_fail(verb, w["failure_verbs"])
        ):
            yield Hit(*span_of(doer, verb), "failure")
            return
        if lemmas & w["lapse_verbs"] and who in STRICT and not negated and reported(verb):
            yield Hit(*span_of(doer, verb), "lapse")
            return
        if (
            who == SELF
            and lemmas & (w["failure_verbs"] | w["lapse_verbs"])
            and verb.lemma_.lower() != "fail"
            and not negated
            and reported(verb)
            and not _routine_fail(verb, w["failure_verbs"])
            and not _explained(verb)
        ):
            yield Hit(*span_of(doer, verb), "self_lapse")  # "we forgot", "I skipped"
            return
        if who in STRICT and reported(verb) and not negated:
            skipped = self._without_safeguard(verb)
            if skipped is not None:
                yield Hit(
                    *token_span(phrase_start(doer) if doer.i < verb.i else verb, skipped), "bypass"
                )
                return
        if who in OTHERS and reported(verb):
            adverb = self._error_adverb(verb)
            if adverb is not None:
                yield Hit(*token_span(adverb, adverb), "error_adverb")
                return
        if (
            negated
            and who in STRICT
            and not is_passive(verb)
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() not in w["stative_verbs"]
            and _past_negation(verb)
            and reported(verb)
            and not _explained(verb)
        ):
            yield Hit(*span_of(doer, verb), "omission")
            return
        harm = harm_hit(self, verb) or faulty_hit(self, verb, named=False)
        if harm is not None and harm[0] in (ROLE, PRONOUN):
            yield Hit(*harm[1], "cause")
            return
        if verb.lemma_.lower() in w["punish_verbs"] and not negated and not conditional(verb):
            for child in verb.children:
                target = resolve(child) if child.dep_ in ("dobj", "nsubjpass") else None
                if target is None and child.dep_ == "prep" and child.lower_ == "on":
                    target = next((g for g in child.children if g.dep_ == "pobj"), None)
                if self.person_kind(target) in STRICT:
                    shown = target if child.dep_ == "nsubjpass" else None
                    yield Hit(*span_of(shown, verb, with_object=True), "punitive")
                    return

    def _error_adverb(self, verb: Token) -> Token | None:
        return error_adverb(self, verb)

    def _without_safeguard(self, verb: Token) -> Token | None:
        """ "ran the migration without approval": the safeguard the person acted without."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "without":
                continue
            for thing in prep.children:
                if thing.dep_ not in ("pobj", "pcomp"):
                    continue
                words = {thing.lemma_.lower(), thing.lower_}
                compound = " ".join(t.lower_ for t in thing.subtree if t.i <= thing.i)
                if words & self.words["safeguard_nouns"] or any(
                    compound.endswith(s) for s in self.words["safeguard_nouns"] if " " in s
                ):
                    return thing
        return None

    def _blame(self, token: Token) -> Hit | None:
        """Blame on a person: "X was to blame", "blame lies with X" (X a person)."""
        head = token.head
        if (
            token.pos_ == "VERB"
            and token.dep_ in ("xcomp", "advcl", "acomp", "attr")
            and head.lemma_ == "be"
            and not is_negated(head)
            and self.person_kind(subject(head)) in OTHERS
        ):
            return Hit(*span_of(subject(head), token), "blame")
        if token.dep_ == "nsubj" and head.lemma_.lower() in ("lie", "rest", "fall", "lay"):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "on"):
                    for grand in child.children:
                        if grand.dep_ == "pobj" and self.person_kind(grand) in OTHERS:
                            return Hit(*token_span(token, grand), "blame")
        return None

    def _action_against(self, token: Token) -> Hit | None:
        """Punishment: "took action against the engineer"."""
        verb = token.head
        if verb.lemma_.lower() != "take" or is_negated(verb):
            return None
        for prep in [*token.children, *verb.children]:
            if prep.dep_ == "prep" and prep.lower_ in ("against", "with"):
                for grand in prep.children:
                    if grand.dep_ == "pobj" and self.person_kind(grand) in OTHERS:
                        return Hit(*token_span(verb, grand), "punitive")
        return None


def error_adverb(check: LanguageCheck, verb: Token) -> Token | None:
    """The judging word of "mistakenly ran", "ran the wrong playbook by mistake"."""
    adverbs = check.words["error_adverbs"]
    thing = _object_of(verb)
    places = [*verb.children, *(thing.children if thing is not None else ())]
    for child in places:
        if child.dep_ == "advmod" and child.lower_ in adverbs and child.head.i == verb.i:
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            for grand in child.children:
                if f"by {grand.lower_}" in adverbs:
                    return grand
    return None


def faulty_hit(
    check: LanguageCheck, verb: Token, named: bool
) -> tuple[str, tuple[int, int]] | None:
    """A person doing a faulty action ("pushed a bad config", "ran the wrong playbook"),
    or a destructive one by mistake ("accidentally dropped the table"); for named people
    also a destructive one on production ("Dave deleted the production database")."""
    w = check.words
    if is_negated(verb) or not reported(verb):
        return None
    doer = check.doer(verb)
    who = check.person_kind(doer)
    if who not in STRICT:
        return None
    lemmas = check.lemmas(verb)
    thing = _object_of(verb)
    # the object, or where the action went ("ran the script on the wrong server")
    places = [thing] if thing is not None else []
    for prep in [*verb.children, *(thing.children if thing is not None else ())]:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "to", "in", "into"):
            places += [g for g in prep.children if g.dep_ == "pobj"]
    if intended(check, verb):
        return None

    def described(adjectives: frozenset[str]) -> bool:
        return any(
            c.dep_ in ("amod", "compound") and c.lower_ in adjectives
            for place in places
            for c in place.children
        )

    if lemmas & w["faulty_action_verbs"] and (
        (thing is not None and thing.lemma_.lower() in w["harm_nouns"])
        or described(w["faulty_adjectives"])
    ):
        return who, span_of(doer, verb, with_object=True)
    if lemmas & (w["destructive_verbs"] | w["disruptive_verbs"]):
        # "deleted the wrong database" is a mistake; "deleted the broken pods" a repair
        marked = described(w["wrong_target_adjectives"]) or error_adverb(check, verb) is not None
        if named and thing is not None and lemmas & w["destructive_verbs"]:
            marked = marked or _mentions(thing, w["production_words"])
        if marked:
            return who, span_of(doer, verb, with_object=True)
    return None


def _routine_fail(verb: Token, failures: frozenset[str]) -> bool:
    """Operations, not failures: "failed over to the standby", "failed the canary"."""
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if particles and f"{lemma} {particles[0]}" not in failures:
        return True
    if lemma == "fail":
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.lower_ in ("over", "back"):
            return True
        return any(c.dep_ == "dobj" for c in verb.children)
    return False


def _explained(verb: Token) -> bool:
    """The reason is given: "did not restart it because the runbook said to wait"."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("because", "since") for m in child.children
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("because", "due"):
            return True
    return False


def _past_negation(verb: Token) -> bool:
    """A negated past action: "did not copy", "didn't check", "had not run", "never tested"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & {"did", "had", "has", "have", "'d"}:
        return True
    never = any(c.lower_ == "never" for c in verb.children)
    return never and verb.tag_ in ("VBD", "VBN")


def harm_hit(check: LanguageCheck, verb: Token) -> tuple[str, tuple[int, int]] | None:
    """A person (or a person's change) as the doer of a harmful verb: (kind, span)."""
    w = check.words
    if not check.lemmas(verb) & w["harm_verbs"] or is_negated(verb) or not reported(verb):
        return None
    if intended(check, verb):
        return None
    thing = _object_of(verb)
    lemma = verb.lemma_.lower()
    if lemma in ("cause", "introduce"):
        # "caused the outage", "caused the database to crash"; not "caused the alert to fire"
        harmful = thing is not None and thing.lemma_.lower() in w["harm_nouns"]
        harmful = harmful or any(
            c.dep_ in ("xcomp", "ccomp") and check.lemmas(c) & (w["harm_verbs"] | {"fail"})
            for c in verb.children
        )
        if not harmful:
            return None
    elif thing is not None and any(
        c.dep_ in ("amod", "compound") and c.lower_ in w["routine_objects"] for c in thing.children
    ):
        return None  # "took down the old cluster", "crashed the test cluster"
    if lemma == "break" and any(c.lower_ in ("into", "up", "out") for c in verb.children):
        return None  # "broke the monolith into services"
    doer = check.doer(verb)
    who = check.person_kind(doer)
    if who is None and doer is not None:
        # "Alice's change broke checkout": the possessor of the doer
        owner = next((c for c in doer.children if c.dep_ == "poss"), None)
        who = check.person_kind(owner)
    if who not in STRICT:
        return None
    return who, span_of(doer, verb, with_object=True)


def intended(check: LanguageCheck, verb: Token) -> bool:
    """The sentence says the action was meant ("on purpose", "scheduled maintenance")."""
    text = verb.doc.text.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in check.words["intent_words"])


def _object_of(verb: Token) -> Token | None:
    if is_passive(verb):
        return subject(verb)
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def error_noun_hit(
    check: LanguageCheck, noun: Token, kinds: tuple[str, ...]
) -> tuple[str, tuple[int, int]] | None:
    """An error owned by a person: "the engineer's mistake", "a mistake by a sysadmin",
    "X made the error", "X was at fault"."""
    head = noun.head
    if is_negated(head) or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            who = check.person_kind(child)
            if who in kinds:
                return who, token_span(child, noun)
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if following is not None and following.lower_ in ("by", "of"):
        for grand in following.children:
            if grand.dep_ == "pobj":
                who = check.person_kind(grand)
                if who in kinds:
                    return who, token_span(noun, grand)
    for made in noun.children:  # "a mistake made by a junior engineer"
        if made.dep_ == "acl" and made.tag_ == "VBN":
            doer = agent(made)
            who = check.person_kind(doer)
            if who in kinds and doer is not None:
                return who, token_span(noun, doer)
    if noun.dep_ == "dobj" and head.lemma_.lower() == "make" and reported(head):
        doer = subject(head)
        who = check.person_kind(doer)
        if who in kinds:
            return who, span_of(doer, head, with_object=True)
    if noun.lemma_.lower() == "fault" and head.lower_ == "at" and head.head.lemma_ == "be":
        doer = subject(head.head)
        who = check.person_kind(doer)
        if who in kinds:
            return who, token_span(doer if doer.i < noun.i else head, noun)
    return None


def responsible_hit(check: LanguageCheck, token: Token) -> tuple[str, tuple[int, int]] | None:
    """A person responsible for harm: "the engineer responsible for the change that took
    the site down"."""
    w = check.words
    harmful = False
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for thing in prep.children:
            if thing.lemma_.lower() in w["harm_nouns"]:
                harmful = True
            if any(c.dep_ == "relcl" and check.lemmas(c) & w["harm_verbs"] for c in thing.children):
                harmful = True
            if thing.dep_ == "pcomp" and check.lemmas(thing) & w["harm_verbs"]:
                harmful = True
    if not harmful:
        return None
    if token.dep_ == "amod":
        person = token.head
    elif token.dep_ in ("acomp", "attr") and not is_negated(token.head):
        person = subject(token.head)
    else:
        return None
    who = check.person_kind(person)
    if who not in STRICT or person is None:
        return None
    return who, token_span(person if person.i < token.i else token, token)


# ----------------------------------------------------------------------------------------
# PM302 individual-as-cause


class IndividualAsCause(LanguageCheck):
    kind = "individual-as-cause"
    description = (
        "A named person (a PERSON entity, an @handle, an e-mail address) as the doer of a "
        "harmful or faulty action; allowed where `allow_in` says (the timeline, by default)."
    )
    options = (
        *LanguageCheck.options,
        Option(
            "allow_in",
            "str-list",
            ["timeline"],
            "Canonical sections where naming who did what is fine; `timeline` also allows "
            "lines that open with a time anywhere.",
        ),
    )
    reasons: ClassVar[dict[str, str]] = {
        "phrase": "Names a person as the cause",
        "cause": "A named person is the cause",
        "destructive": "A named person is the cause",
        "faulty_action": "A named person is the cause",
        "error_noun": "Attributes the error to a named person",
        "responsible": "Makes a named person responsible for the failure",
    }

    def applies(self, sentence: Sentence) -> bool:
        allowed = set(self.opts["allow_in"])
        if _canonicals(sentence.block) & allowed:
            return False
        return not ("timeline" in allowed and starts_with_time(sentence.block))

    def build_triggers(self) -> list[Trigger]:
        named = self.personish(any_capitalised=True)
        marker = self.pattern("error_adverbs", "production_words", "wrong_target_adjectives")
        return [
            Trigger.of(self.pattern("harm_verbs"), [named]),
            Trigger.of(self.pattern("destructive_verbs", "disruptive_verbs"), [named, marker]),
            Trigger.of(
                self.pattern("faulty_action_verbs"),
                [named, self.pattern("faulty_adjectives", "harm_nouns")],
            ),
            Trigger.of(self.pattern("error_nouns"), [named]),
            Trigger.of(r"\bresponsible\b", [named]),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Any) -> Iterator[Hit]:
        w = self.words
        only_named = (NAMED,)
        for token in parsed:
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
                found = self._verb_hit(token)
                if found is not None:
                    yield found
            if token.lemma_.lower() in w["error_nouns"] and token.pos_ in ("NOUN", "PROPN"):
                hit = error_noun_hit(self, token, only_named)
                if hit is not None:
                    yield Hit(*hit[1], "error_noun")
            if token.lower_ == "responsible":
                hit = responsible_hit(self, token)
                if hit is not None and hit[0] == NAMED:
                    yield Hit(*hit[1], "responsible")

    def _verb_hit(self, verb: Token) -> Hit | None:
        harm = harm_hit(self, verb)
        if harm is not None:
            return Hit(*harm[1], "cause") if harm[0] == NAMED else None
        faulty = faulty_hit(self, verb, named=True)
        if faulty is not None and faulty[0] == NAMED:
            destructive = self.lemmas(verb) & (
                self.words["destructive_verbs"] | self.words["disruptive_verbs"]
            )
            return Hit(*faulty[1], "destructive" if destructive else "faulty_action")
        return None


def _counterfactual(parsed: Any) -> bool:
    """The sentence has a "would/could/might have" (the other half of "if ... had")."""
    for token in parsed:
        if token.tag_ == "MD" and token.lower_ in (
            "would",
            "could",
            "might",
            "wouldn't",
            "couldn't",
            "'d",
            "wo",
            "ca",
        ):
            following = token.doc[token.i + 1 : token.i + 4]
            if any(t.lower_ in ("have", "'ve", "’ve") for t in following):
                return True
    return False


def _mentions(thing: Token, words: frozenset[str]) -> bool:
    return any(t.lower_ in words for t in thing.subtree)


# ----------------------------------------------------------------------------------------
# PM303 hindsight-language


class HindsightLanguage(LanguageCheck):
    kind = "hindsight-language"
    description = (
        "Counterfactuals and hindsight: 'should have', 'could have caught', 'if only', "
        "'obviously', 'why didn't ...?'; never in action items, tasks or instructions."
    )
    reasons: ClassVar[dict[str, str]] = {
        "phrase": "Hindsight",
        "should_have": "Hindsight: says what people should have done",
        "could_have": "Hindsight: says what a person could have done",
        "why_question": "A question that asks people to justify themselves",
        "who_question": "A question that looks for a culprit",
        "if_had": "Hindsight: a counterfactual about what a person did",
        "certainty": "Hindsight certainty about a person's lapse",
    }

    def applies(self, sentence: Sentence) -> bool:
        return not is_task(sentence.block)

    def build_triggers(self) -> list[Trigger]:
        person = self.personish()
        lapses = self.pattern("failure_verbs", "lapse_verbs")
        return [
            Trigger.of(_MODAL_PERFECT),
            Trigger.of(_WHO_WHY_QUESTION),
            Trigger.of(r"\bhow (?:could|would|did)\b[^?]*\?\s*$"),
            Trigger.of(r"\bhad\b", [person]),
            Trigger.of(self.pattern("certainty_adverbs"), [person, rf"{_NEGATION}|{lapses}"]),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Any) -> Iterator[Hit]:
        if is_imperative(parsed):
            return
        question = sentence.text.rstrip().endswith("?")
        for token in parsed:
            if token.tag_ == "VBN" or (token.pos_ == "VERB" and token.tag_ == "VBD"):
                found = self._modal_perfect(token)
                if found is not None:
                    yield found
            if question and token.lower_ == "why":
                found = self._why(token)
                if found is not None:
                    yield found
            if question and token.lower_ == "who" and token.dep_ == "nsubj":
                found = self._who(token)
                if found is not None:
                    yield found
            if token.dep_ == "advmod" and token.lower_ in self.words["certainty_adverbs"]:
                found = self._certainty(token)
                if found is not None:
                    yield found
            if token.lower_ == "had" and token.dep_ == "aux":
                found = self._if_had(token, _counterfactual(parsed))
                if found is not None:
                    yield found

    def _modal_perfect(self, verb: Token) -> Hit | None:
        w = self.words
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = [a.lower_.replace("’", "'") for a in auxes]
        if not {"have", "'ve", "of"} & set(lowers):
            return None
        the_modal = next((a for a in auxes if a.tag_ == "MD" or a.lower_ == "ought"), None)
        if the_modal is None:
            return None
        name = the_modal.lower_.replace("n't", "").replace("’", "'")
        name = {"sha": "shall", "wo": "will", "ca": "can"}.get(name, name)
        lemma = verb.lemma_.lower()
        doer = subject(verb)
        who = self.person_kind(doer)
        span = (min(the_modal.idx, verb.idx), verb.idx + len(verb.text))
        if doer is not None and doer.i < the_modal.i and the_modal.i - doer.i <= 3:
            span = (doer.idx, span[1])
        if name in w["counterfactual_modals"]:
            if is_passive(verb):
                by = agent(verb)
                if lemma in w["oversight_verbs"] and (
                    by is None or self.person_kind(by) is not None
                ):
                    return Hit(*span, "should_have")
                return None
            has_subject = any(c.dep_ in ("nsubj", "expl") for c in verb.children) or doer
            if doer is not None and any(
                c.dep_ == "det" and c.lower_ in ("each", "every", "any", "all")
                for c in doer.children
            ):
                return None  # "each team member should have read access": a requirement
            if who in (*STRICT, SELF) or not has_subject:
                return Hit(*span, "should_have")
            if who == MAYBE_ROLE and lemma in w["oversight_verbs"]:
                return Hit(*span, "should_have")  # "the operator should have checked"
            return None
        if (
            name in w["possibility_modals"]
            and not is_passive(verb)
            and who in STRICT
            and lemma in w["oversight_verbs"]
        ):
            return Hit(*span, "could_have")
        return None

    def _if_had(self, had: Token, would_have: bool) -> Hit | None:
        """Counterfactuals: "Had the operator read ...", and "if the developer had tested
        ..." with a "would have" in the sentence: the past, replayed as it should have been."""
        verb = had.head
        if verb.tag_ not in ("VBN", "VBD", "VB") or is_passive(verb) or is_negated(verb):
            return None
        doer = subject(verb)
        who = self.person_kind(doer)
        maybe = who == MAYBE_ROLE and verb.lemma_.lower() in self.words["oversight_verbs"]
        if doer is None or (who not in (*STRICT, SELF) and not maybe):
            return None  # "had we kept it patched": the writers replay their own past too
        iffy = would_have and any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
        inverted = had.i < doer.i and not had.doc.text.rstrip().endswith("?")
        if not (iffy or inverted):
            return None
        first = next((c for c in verb.children if c.dep_ == "mark"), had)
        return Hit(*token_span(first if first.i < had.i else had, verb), "if_had")

    def _why(self, why: Token) -> Hit | None:
        """ "Why didn't the operator check?", "Why did you do that?", "Why was a junior
        running scripts in production?", "Why wasn't this caught?": questions that ask
        people to justify themselves."""
        verb = why.head
        doer = subject(verb)
        who = self.person_kind(doer)
        if who in STRICT or (who == MAYBE_ROLE and is_negated(verb)):
            return Hit(*token_span(why, verb), "why_question")
        if (
            is_negated(verb)
            and is_passive(verb)
            and verb.lemma_.lower() in self.words["oversight_verbs"]
        ):
            return Hit(*token_span(why, verb), "why_question")  # "why wasn't this caught?"
        return None

    def _who(self, who: Token) -> Hit | None:
        verb = who.head
        if verb.tag_ not in ("VBD", "VBN") or is_negated(verb):
            return None
        if not self.lemmas(verb) & self.words["culprit_verbs"]:
            return None
        return Hit(*token_span(who, verb), "who_question")

    def _certainty(self, adverb: Token) -> Hit | None:
        verb = adverb.head
        w = self.words
        lapse = self.lemmas(verb) & (w["failure_verbs"] | w["lapse_verbs"])
        if not (is_negated(verb) or lapse) or not reported(verb):
            return None
        if self.person_kind(self.doer(verb)) not in STRICT:
            return None
        return Hit(*token_span(adverb, adverb), "certainty")
