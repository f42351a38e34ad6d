"""The parsed analysis: the head verb, its object and modifiers from spaCy's dependency
parse. An item is read behind "You should" when that makes its first word the root verb."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from pmlint.checks.actions.vagueness.classify import classify
from pmlint.checks.actions.vagueness.lexical import _people
from pmlint.checks.actions.vagueness.lexicon import (
    VagueLexicon,
    Vagueness,
)
from pmlint.checks.actions.vagueness.words import (
    _CARRIERS,
    _CONTINUERS,
    _EFFORT_NOUNS,
    _IDENTIFIER,
    _LIGHT_VERBS,
    _NOT_IMPERATIVE,
    _NUMBER,
    _PREFIX,
    _RESULT_JOINED,
    _VERB_CLASSES,
    _WISHES,
    _WORD,
)


def _imperative_form(text: str) -> str | None:
    words = text.split()
    if not words or words[0].lower().strip(",") in _NOT_IMPERATIVE:
        return None
    first = words[0]
    if first[1:].lower() == first[1:]:  # "Document" -> "document"; keep "E2E", "iOS"
        first = first.lower()
    return _PREFIX + " ".join([first, *words[1:]])


def _is_imperative_reading(doc: Any, verbs: frozenset[str] = frozenset()) -> bool:
    """The item read behind "You should" has its first word as a verb; not a noun of
    action the tagger took for one ("You should investigation into ..."), which the
    lemmatizer's tables (`verbs`) do not know as a verb."""
    if len(doc) < 3 or doc[2].tag_ != "VB":
        return False
    word = doc[2].lower_
    return not (verbs and word.endswith(_NOMINAL + _ADJECTIVAL) and word not in verbs)


_NOMINAL = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ings")
# "Thorough testing ...", "Comprehensive review of ...": an adjective before a noun of
# activity, which the tagger takes for a verb behind "You should".
_ADJECTIVAL = ("ive", "ous", "ough", "ful", "al", "ic", "ent", "ant", "ed", "er")


def _parsed(text: str, reading: Any, plain: Any, lex: VagueLexicon) -> Vagueness | None:
    doc = reading if reading is not None else plain
    skip = 2 if reading is not None else 0  # the "You should" tokens
    tokens = [t for t in doc if t.i >= skip]
    if not tokens:
        return None
    lowers = [t.lower_ for t in tokens]
    numbered = bool(_NUMBER.search(text))

    people = _people(text, lex)
    if people is not None:
        return people
    topics = None if numbered else _topic_list(text, lex)
    if topics is not None:
        return topics
    hedge = lex.find("hedge", lowers)
    hedged = Vagueness("hedge", _span_text(tokens, *hedge)) if hedge is not None else None

    head = tokens[0] if reading is not None else _root(doc)
    while head is not None and head.dep_ in ("aux", "auxpass", "neg") and head.head.i != head.i:
        head = head.head  # "Do not use ...": the verb, not the auxiliary
    if reading is None and _imperative_form(text) is not None:
        # A fragment the parser could not read as an imperative: its first word may still
        # be the (vague) verb, as in "Reflect if the ALBs ... should have been ...".
        for name in _VERB_CLASSES:
            found = lex.match_at(name, [t.lemma_.lower() for t in tokens[:4]]) or lex.match_at(
                name, lowers[:4]
            )
            if name == "people":
                continue
            if found is not None and tokens[0].pos_ in ("VERB", "AUX", "PROPN", "NOUN"):
                if name == "tentative":
                    return Vagueness(name, _span_text(tokens, 0, found))
                head = tokens[0]
                break
    work = _continued_work(head, lex)
    if work is not head:  # judged as the item "host docker images on ..." would be
        start = work.i if work.pos_ == "VERB" else work.left_edge.i
        head, tokens = work, [t for t in tokens if t.i >= start]
        lowers = [t.lower_ for t in tokens]
    while head is not None and head.lemma_.lower() in _CARRIERS:
        if lex.has("tentative", head.lemma_):
            return Vagueness("tentative", head.text)
        carried = next(
            (
                c
                for c in head.children
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")
            ),
            None,
        )
        if carried is None:
            break
        head = carried
    if head is None:
        return hedged

    # "be (more) careful", "be aware of ...": people's behaviour.
    if head.lemma_ == "be":
        state = next(
            (
                c
                for c in head.children
                if c.dep_ in ("acomp", "attr") and lex.has("people_state", c.lemma_)
            ),
            None,
        )
        if state is not None:
            return Vagueness("people", _between(head, state))

    if reading is None and not numbered:
        nominal = _nominal_item(tokens, lex) or _gerund_led(tokens, lex, numbered)
        if nominal is not None:
            return nominal
    verb_class, phrase_text = _verb_class(head, tokens, lex, reading is not None)
    tentative = _tentative_conjunct(head, tokens, lex)
    if tentative is not None:
        return tentative
    if verb_class == "assure":
        # "work on reducing toil", "focus on improving X": the gerund is the action.
        gerund = _gerund_complement(head)
        if gerund is not None:
            inner, inner_text = _verb_class(gerund, tokens, lex, False)
            if inner in ("improve", "inquiry", "loose_inquiry", "tentative"):
                head, verb_class, phrase_text = gerund, inner, f"{phrase_text} {inner_text}"
    evidence = _ParsedReading(lex, head, tokens, lowers, numbered, reading is not None)
    return classify(verb_class, phrase_text, hedged, evidence)


class _ParsedReading:
    """The evidence of the parse (see `classify.Evidence`): `head` is the head verb (or
    noun), `tokens` the item's words without the "You should" of an imperative reading."""

    def __init__(
        self,
        lex: VagueLexicon,
        head: Any,
        tokens: list[Any],
        lowers: list[str],
        numbered: bool,
        imperative: bool,
    ) -> None:
        self.lex = lex
        self.head = head
        self.tokens = tokens
        self.lowers = lowers
        self.numbered = numbered
        self.imperative = imperative

    @cached_property
    def scope(self) -> list[Any]:
        return _scope(self.head)

    def unchecked(self, verb_class: str) -> str | None:
        head, scope, lex = self.head, self.scope, self.lex
        if verb_class in ("loose_inquiry", "inquiry") and _records_result(head):
            return None  # "determine the snapshot policy and document it"
        if verb_class == "loose_inquiry":
            checked = self.numbered or _named(scope) or _has_deliverable(head, scope, lex)
            return None if checked else "inquiry"
        if verb_class == "improve":
            checked = self.numbered or _has_deliverable(head, scope, lex)
            return None if checked else "improve"
        if verb_class == "inquiry":
            checked = (
                self.numbered or _bounded_inquiry(head, lex) or _has_deliverable(head, scope, lex)
            )
            return None if checked else "inquiry"
        if verb_class == "assure":
            if _asks_open_question(head) and not _has_deliverable(head, scope, lex):
                return "inquiry"  # "follow up with the vendor on why it flapped"
            checked = (
                self.numbered or _specific(scope, lex, head) or _has_deliverable(head, scope, lex)
            )
            return None if checked else "assure"
        if verb_class == "avert":
            checked = (
                self.numbered
                or not _outcome_object(head, lex)
                or _has_deliverable(head, scope, lex)
            )
            return None if checked else "assure"
        return None

    def plan(self) -> Vagueness | None:
        head, lex = self.head, self.lex
        if head.pos_ in ("NOUN", "PROPN") and not self.imperative:
            noun = _noun_phrase(head)
            if not self.numbered and (
                lex.has("plan_noun", head.lemma_) or lex.has("plan_noun", noun)
            ):
                return Vagueness("plan", noun)
        return None

    def qualifier(self) -> Vagueness | None:
        return _qualified(self.tokens, self.lex, self.numbered, self.head)

    def generic(self) -> Vagueness | None:
        if not self.numbered and not _specific(self.scope, self.lex, self.head):
            lowers = self.lowers
            return Vagueness(
                "generic", _span_text(self.tokens, 0, tuple(lowers[: min(4, len(lowers))]))
            )
        return None


def _continued_work(head: Any, lex: VagueLexicon) -> Any:
    """ "Continue to host the images on Docker Hub", "keep running the restore drill",
    "continue the root cause analysis in OPS-12": the item is judged by the work it
    continues, as a new item would be (continuing an improvement, an attempt or a culture
    stays vague by that work's own class). "Continue" with no work named ("continue our
    efforts"), or with watching ("continue to monitor the error rate": vigilance, no
    change), stays tentative."""
    if head is None or head.lemma_.lower() not in _CONTINUERS:
        return head
    work = next(
        (
            c
            for c in head.children
            if c.i > head.i
            and (
                (c.dep_ == "xcomp" and c.pos_ == "VERB")
                or (c.dep_ in ("dobj", "xcomp") and c.pos_ == "NOUN" and not _effort_noun(c))
            )
        ),
        None,
    )
    if work is None or lex.has("assure", work.lemma_.lower()):
        return head
    return work


def _effort_noun(noun: Any) -> bool:
    """ "continue our efforts", "keep the focus": a noun of effort names no work."""
    return noun.lemma_.lower() in _EFFORT_NOUNS


def _tentative_conjunct(head: Any, tokens: list[Any], lex: VagueLexicon) -> Vagueness | None:
    """ "Document and think about X": a verb joined to the head that is no commitment (not
    with "or": an alternative is a plan B, not a hedge)."""
    if any(c.dep_ == "cc" and c.lower_ == "or" for c in head.children):
        return None
    for conj in (c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        conj_class, conj_text = _verb_class(conj, tokens, lex, False)
        if conj_class == "tentative":
            return Vagueness("tentative", conj_text)
    return None


def _gerund_complement(head: Any) -> Any:
    for child in head.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG":
            return child
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pcomp" and grandchild.tag_ == "VBG":
                    return grandchild
    return None


def _root(doc: Any) -> Any:
    sentence = next(iter(doc.sents), None)
    return sentence.root if sentence is not None else None


def _verb_class(
    head: Any, tokens: list[Any], lex: VagueLexicon, imperative: bool
) -> tuple[str | None, str]:
    """The lexicon class of the head verb phrase ("look into", "make sure", "follow up")."""
    lemma = _verb_base(head.lemma_.lower(), lex)
    extras = sorted(
        (
            c
            for c in head.children
            if c.i > head.i
            and (c.dep_ in ("prt", "acomp") or (c.dep_ == "prep" and c.i == _after_particle(head)))
        ),
        key=lambda t: t.i,
    )
    words = [lemma, *[c.lower_ for c in extras]]
    for name in _VERB_CLASSES:
        for size in range(len(words), 0, -1):
            if lex.has(name, " ".join(words[:size])):
                last = extras[size - 2] if size > 1 else head
                return name, _between(head, last)
    # The parser may miss a fragment's first verb: the first words decide then.
    if imperative or head.i == tokens[0].i or head.pos_ not in ("VERB", "AUX"):
        surface = [t.lower_ for t in tokens[:4]]
        lemmas = [t.lemma_.lower() for t in tokens[:4]]
        for name in _VERB_CLASSES:
            for words_at in (lemmas, surface):
                phrase = lex.match_at(name, words_at)
                if phrase is not None:
                    return name, _span_text(tokens, 0, phrase)
    return None, head.text


def _after_particle(head: Any) -> int:
    """Where a preposition of the verb phrase stands: right after the verb, or after its
    particle ("come up with", "catch up on")."""
    after = head.i + 1
    if after < len(head.doc) and head.doc[after].dep_ == "prt" and head.doc[after].head.i == head.i:
        return after + 1
    return after


def _scope(head: Any) -> list[Any]:
    """The head's words without its subject: what the action is about."""
    excluded: set[int] = set()
    for child in head.children:
        pronoun_subject = child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PRON"
        if pronoun_subject or child.dep_ in ("expl", "aux", "auxpass", "punct"):
            excluded.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in excluded and t.i != head.i]


def _specific(tokens: Iterable[Any], lex: VagueLexicon, head: Any = None) -> bool:
    """Something named: a noun not on the generic list, a proper noun, an identifier, a
    number, or a content verb ("alert when the disk fills", "deploying changes")."""
    for token in tokens:
        if head is not None and token.i == head.i:
            continue
        if token.like_num or (token.pos_ == "PROPN" and not token.is_stop):
            return True
        if _IDENTIFIER.search(token.text) and token.pos_ in ("NOUN", "PROPN", "X", "ADJ", "VERB"):
            return True
        if token.pos_ == "VERB" and not token.is_stop:
            lemma = token.lemma_.lower()
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
            phrase = f"{lemma} {particle}" if particle else lemma
            if lemma in _LIGHT_VERBS or lemma in _CARRIERS or lex.has("goal", lemma):
                continue
            if not any(
                lex.has(name, lemma) or lex.has(name, phrase) for name in (*_VERB_CLASSES, "hedge")
            ):
                return True
            continue
        if token.pos_ != "NOUN" or token.is_stop:
            continue
        lemma = token.lemma_.lower()
        if lex.has("generic", lemma) or lex.has("generic", token.lower_) or lex.has("open", lemma):
            continue
        if any(lex.has(name, lemma) for name in ("qualifier", "hedge", "people_state")):
            continue
        return True
    return False


def _named(tokens: Iterable[Any]) -> bool:
    """A proper noun, an identifier, a number or a quoted name."""
    for token in tokens:
        if token.like_num or (token.pos_ == "PROPN" and not token.is_stop):
            return True
        if _IDENTIFIER.search(token.text) or token.text in ('"', "“", "'"):
            return True
    return False


def _has_deliverable(head: Any, scope: list[Any], lex: VagueLexicon) -> bool:
    """A verb attached to the head that produces something specific: "by adding an alert on
    X", "and write a runbook for Y", "to add a check for Z" (not "improve alerting")."""
    for token in scope:
        if token.pos_ != "VERB" or not lex.has("deliverable", token.lemma_):
            continue
        if not _attached_deliverable(token, head):
            continue
        if any(c.dep_ == "dobj" and _open_noun(c, lex) for c in token.children):
            continue  # "define and implement a caching strategy": a plan still to be made
        below = [t for t in token.subtree if t.i != token.i]
        if _specific(below, lex):
            return True
    return False


def _attached_deliverable(token: Any, head: Any) -> bool:
    if token.head.i == head.i and token.dep_ == "conj":
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in ("by", "via", "through", "with"):
        return token.head.head.i == head.i
    if token.head.i == head.i and token.dep_ in ("advcl", "xcomp") and token.tag_ == "VB":
        return any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
    return False


def _topic_list(text: str, lex: VagueLexicon) -> Vagueness | None:
    """An item that only names areas of work ("Monitoring and alerting (uptime, internals,
    corruption)", "Process changes"): every word before an aside is a generic noun, so
    nothing says what will be made, whatever the aside lists."""
    head = _ASIDE_OPEN.split(text, maxsplit=1)[0].strip(" .;:,")
    words = [w.lower() for w in _WORD.findall(head)]
    content = [w for w in words if w not in _JOINERS]
    if not content or len(content) > 6:
        return None
    if lex.has("plan_noun", content[-1]):
        return None  # "Security review": work announced, reported as such
    if all(lex.has("generic", w) for w in content):
        return Vagueness("generic", head)
    return None


_ASIDE_OPEN = re.compile(r"[(\[]")
_JOINERS = frozenset(("and", "or", "&", "plus", "the", "of", "our", "general", "all"))


def _records_result(head: Any) -> bool:
    """A verb joined to the inquiry that writes its answer down ("and document it", "and
    write up the findings", "then propose a limit"): the result is named, as for a study.
    Read on the words, as the tagger often takes "document" there for a noun."""
    after = head.doc[head.i + 1 :].text
    return _RESULT_JOINED.search(after) is not None


def _gerund_led(tokens: list[Any], lex: VagueLexicon, numbered: bool) -> Vagueness | None:
    """An item written as a gerund of a vague verb with no verb of its own ("Refining the
    response process to improve escalation", "Hardening of observability"): the parser
    reads it as a noun phrase, but it is the imperative in another form."""
    first = tokens[0]
    word = first.lower_
    if numbered or not word.endswith("ing") or len(word) < 6:
        return None
    if any(
        t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        for t in tokens
    ):
        return None  # "Improving X reduced the lag": a report, with its own subject and verb
    base = _verb_base(word, lex)
    for name, reason in _GERUND_REASONS:
        if lex.has(name, base):
            if _named(tokens[1:]) or any(
                t.pos_ == "VERB" and lex.has("deliverable", t.lemma_) and _purpose(t) is False
                for t in tokens[1:]
            ):
                return None
            return Vagueness(reason, first.text)
    return None


def _gerund_bases(word: str) -> tuple[str, ...]:
    stem = word[:-3]
    doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return (stem, stem + "e", doubled)


def _verb_base(word: str, lex: VagueLexicon) -> str:
    """The verb of a gerund the lemmatizer left as it is ("refining" -> "refine"), when
    the lexicon knows it as a verb of some class; else the word."""
    if not word.endswith("ing") or len(word) < 6:
        return word
    for base in _gerund_bases(word):
        if any(lex.has(name, base) for name in _VERB_CLASSES):
            return base
    return word


_GERUND_REASONS = (
    ("improve", "improve"),
    ("inquiry", "inquiry"),
    ("loose_inquiry", "inquiry"),
    ("tentative", "tentative"),
    ("assure", "assure"),
)


def _purpose(token: Any) -> bool:
    """The verb of a "to ..." clause ("to improve escalation"): what the item is for."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _bounded_inquiry(head: Any, lex: VagueLexicon) -> bool:
    """The question has a subject: "investigate using a PolicyEngine", not "the root cause"."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    clauses = [c for c in head.children if c.dep_ in ("xcomp", "ccomp", "pcomp", "advcl", "acl")]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        clauses.extend(c for c in prep.children if c.dep_ == "pcomp")
    for obj in objects:
        phrase = _noun_phrase(obj)
        if lex.has("open", obj.lemma_) or lex.has("open", phrase) or obj.pos_ == "PRON":
            return False
    for clause in clauses:
        if clause.i < head.i and any(
            c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in clause.children
        ):
            continue  # "if an alarm did not fire, find out why": the case, not the question
        if _open_copula(clause, lex):
            return False  # "figure out what the limits are for X": a value still unknown
        wishes = [clause, *(c for c in clause.children if c.dep_ == "aux")]
        if any(t.lemma_.lower() in _WISHES for t in wishes):
            return False  # "whether we want to ...": a wish, not a question about the system
        if lex.has("tentative", clause.lemma_):
            return False
        below = [t for t in clause.subtree if t.i != clause.i]
        if _specific(below, lex):
            return True
    if objects:
        return any(_specific(list(obj.subtree), lex) for obj in objects)
    return False


_FINITE = frozenset(("VB", "VBZ", "VBP", "VBD", "MD"))


def _nominal_item(tokens: list[Any], lex: VagueLexicon) -> Vagueness | None:
    """An item written as a noun phrase with no verb, headed by a noun of activity that
    announces work ("Improvements to the deploy tooling", "Resilience testing of the
    payment path", "Operational readiness review for X"): nothing says what is made."""
    purpose = _purpose_words(tokens, lex)
    if purpose is None or tokens[0].tag_ == "PRP$":
        return None  # "Our secret rotation processes - ...": a topic, not an activity
    if any(t.tag_ in _FINITE for t in tokens if t.i not in purpose):
        return None
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    first = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
    for noun in (root, first):
        if noun is not None and noun.pos_ == "NOUN" and lex.has("plan_noun", noun.lemma_):
            return Vagueness("plan", _between(tokens[0], noun))
    if (
        root is not None
        and root.tag_ == "VBG"
        and root.i > tokens[0].i
        and any(c.dep_ in ("amod", "compound") and c.i < root.i for c in root.children)
        and lex.has("plan_noun", root.lower_)
    ):  # "Thorough stress testing to ...": the gerund is a noun of activity there
        return Vagueness("plan", _between(tokens[0], root))
    return None


# What a test or a review is for, not something it makes ("testing to confirm X holds").
_CHECKING_VERBS = frozenset(
    ("validate", "verify", "confirm", "check", "ensure", "test", "identify", "find",
     "understand", "determine", "assess", "prove", "see", "measure", "evaluate")
)  # fmt: skip


def _purpose_words(tokens: list[Any], lex: VagueLexicon) -> set[int] | None:
    """The words of the purpose clauses of a noun of activity ("review of X to find the
    slow stages", "testing to confirm the pool holds"): their verbs are not the item's own.
    None when a purpose clause makes something ("review X to add a prompt")."""
    words: set[int] = set()
    for t in tokens:
        if t.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            continue
        if t.dep_ not in ("acl", "relcl", "advcl") or t.head.pos_ not in ("NOUN", "VERB"):
            continue
        if t.head.pos_ == "VERB" and t.head.tag_ != "VBG":
            continue
        lemma = t.lemma_.lower()
        if lex.has("deliverable", lemma) and lemma not in _CHECKING_VERBS:
            return None
        words.update(w.i for w in t.subtree)
    return words


def _open_noun(token: Any, lex: VagueLexicon) -> bool:
    """A noun that names a question or a plan, not a thing: "source", "strategy"."""
    return lex.has("open", token.lemma_) or lex.has("open", _noun_phrase(token))


def _open_copula(clause: Any, lex: VagueLexicon) -> bool:
    """ "what the limits are", "what our options are": a wh-question about an abstract
    subject (not "what the max batch size is", which names its parameter)."""
    if clause.lemma_ != "be":
        return False
    asks = any(c.tag_ in ("WP", "WDT", "WRB") for c in clause.subtree if c.i < clause.i)
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "attr") and c.pos_ == "NOUN"]
    return asks and any(_open_noun(c, lex) for c in subjects)


def _asks_open_question(head: Any) -> bool:
    """ "follow up (with X) on why ...", "... about whether ...": the head's complement is
    a question, so the item is an inquiry with no result named."""
    preps = (t for t in head.subtree if t.dep_ == "prep" and t.lower_ in ("on", "about"))
    for prep in preps:
        for clause in prep.children:
            if clause.dep_ in ("pcomp", "pobj") and any(
                t.tag_ in ("WRB", "WP") or t.lower_ in ("whether", "if")
                for t in clause.subtree
                if t.i <= clause.i
            ):
                return True
    return False


def _outcome_object(head: Any, lex: VagueLexicon) -> bool:
    """What an "avoid"/"prevent" item keeps away is an outcome ("miscommunication",
    "this", "data loss"), not an act or a thing ("using wildcard records", "pushes"), and
    no condition names the case it happens in ("... when the cache is cold")."""
    if any(
        c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children if m.i < c.i)
        for c in head.children
    ):
        return False  # "prevent failures when the cache is cold": a named failure case
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        return not any(c.dep_ in ("xcomp", "pcomp", "ccomp") for c in head.children)
    return any(
        o.pos_ == "PRON" or lex.has("outcome", o.lemma_) or lex.has("outcome", o.lower_)
        for o in objects
    )


def _qualified(
    tokens: list[Any], lex: VagueLexicon, numbered: bool, head: Any = None
) -> Vagueness | None:
    """A qualifier that promises quality without a number: "more gracefully", "sane".

    Not one that describes a specific thing the item delivers ("a clear downtime budget
    per host", "a known good version"), nor one in the purpose of a specific action ("use
    iPXE to make reinstalls more reliable"): there the action is checkable."""
    if numbered:
        return None
    for found, anchor in _qualifier_candidates(tokens, lex):
        if not _excused(anchor, tokens, lex, head):
            return found
    return None


def _qualifier_candidates(tokens: list[Any], lex: VagueLexicon) -> Iterable[tuple[Vagueness, Any]]:
    """Each qualifier of the item, in order of strength, with the token it qualifies from."""
    lowers = [t.lower_ for t in tokens]
    for start in range(len(lowers)):
        phrase = lex.match_at("qualifier", lowers, start)
        if phrase is None:
            continue
        token = tokens[start]
        # "more logs" counts things; "more gracefully" promises quality.
        quality = phrase[0] not in ("more", "less") or token.head.pos_ in ("ADJ", "ADV")
        if quality and (len(phrase) > 1 or token.pos_ in ("ADJ", "ADV")):
            yield (
                Vagueness("qualifier", _span_text(tokens, start, phrase)),
                tokens[start + len(phrase) - 1],
            )
    for token in tokens:
        if token.lower_ == "more" and token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
            yield Vagueness("qualifier", _between(token, token.head)), token  # "more QA"
        elif (
            token.lower_ in ("more", "less")
            and token.dep_ == "advmod"
            and token.head.pos_ in ("ADJ", "ADV")
        ):
            yield Vagueness("qualifier", _between(token, token.head)), token.head
        elif (
            token.lower_ in ("more", "better", "less")
            and token.dep_ in ("advmod", "dobj", "npadvmod")
            and token.head.pos_ == "VERB"
            and token.n_lefts + token.n_rights == 0
        ):
            yield Vagueness("qualifier", _between(token.head, token)), token  # "test more"
        else:
            comparative = token.tag_ in ("JJR", "RBR") and token.is_lower
            compared = any(c.lower_ == "than" for c in token.children)  # "older than 3 days"
            if comparative and not compared and token.lower_ not in ("more", "less", "fewer"):
                yield Vagueness("qualifier", token.text), token


def _excused(token: Any, tokens: list[Any], lex: VagueLexicon, head: Any) -> bool:
    """The qualifier describes a specific noun the item delivers ("a clear downtime budget",
    not the evaluative "a better job" or "sane triggers"), or sits in the purpose clause of
    an action that names what it acts on ("use iPXE to make reinstalls more reliable")."""
    if token.dep_ in ("nsubj", "nsubjpass", "pobj") and token.pos_ != "NOUN":
        return True  # "the best would be to ...": a noun, not a quality promised
    if token.i > 0 and token.nbor(-1).lower_ in ("no", "any", "known", "last"):
        return True  # "no longer", "any further": of time; "known good", "last good": a version
    if token.lower_ == "more" and token.dep_ == "amod":
        # "more drills" counts nothing, unless the item lists what is added: "more
        # context: member id, partition and lag", "more fields such as the tenant".
        return any(t.i > token.i and t.lower_ in _ENUMERATION for t in tokens)
    if lex.has("evaluative", token.lower_):
        return False  # "a better job", "sane triggers": no thing is described
    written = token
    while token.dep_ in ("conj", "advmod") and token.head.pos_ in ("ADJ", "ADV"):
        token = token.head  # "simpler and more reliable", "more reliable"
    if lex.has("people_state", written.lemma_) or lex.has("people_state", token.lemma_):
        return False  # "more careful": people's behaviour, whatever it qualifies
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
        if not (lex.has("generic", noun.lemma_) or lex.has("generic", noun.lower_)):
            return True
    if head is None:
        return False
    clause = _purpose_clause(token, head)
    if clause is None:
        return False
    inside = {t.i for t in clause.subtree}
    before = [t for t in tokens if t.i not in inside and t.i != head.i and t.i < clause.i]
    return _named(before)


_CLAUSES = frozenset(("advcl", "xcomp", "relcl", "acl"))
_CONDITIONS = frozenset(("when", "whenever", "if", "while", "once", "after", "before", "during"))
_PURPOSE = frozenset(("to", "so", "that"))
_ENUMERATION = frozenset((":", "such", "including", "e.g.", "namely", "like"))


def _purpose_clause(token: Any, head: Any) -> Any:
    """The "to ..." / "so that ..." clause after the head that holds `token`, if any."""
    node = token
    while node.i != node.head.i and node.i != head.i:
        clause = node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSES and node.i > head.i
        if clause and any(
            c.dep_ in ("aux", "mark") and c.lower_ in _PURPOSE for c in node.children
        ):
            return node
        node = node.head
    return None


def _noun_phrase(token: Any) -> str:
    parts = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return " ".join([*parts, token.lemma_.lower()])


def _between(first: Any, last: Any) -> str:
    doc = first.doc
    start, end = min(first.i, last.i), max(first.i, last.i)
    return doc[start : end + 1].text


def _span_text(tokens: list[Any], start: int, phrase: tuple[str, ...]) -> str:
    chosen = tokens[start : start + len(phrase)]
    return chosen[0].doc[chosen[0].i : chosen[-1].i + 1].text if chosen else ""
