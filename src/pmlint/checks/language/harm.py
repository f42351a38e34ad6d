"""What PM301 (blame) and PM302 (individual as cause) both look for in a parse: a person
as the doer of a harmful or faulty action, an error owned by a person, a person made
responsible for harm. Each pattern answers (who, span): who is `People.kind`'s answer,
and each rule keeps the people it reports (any person for PM301, named ones for PM302).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from pmlint.checks.language.base import STRICT, LanguageCheck
from pmlint.checks.language.grammar import explained, object_of, reported, span_of, token_span
from pmlint.nlp.syntax import agent, is_negated, subject

if TYPE_CHECKING:
    from spacy.tokens import Token


class HarmCheck(LanguageCheck):
    """A language kind that reads harm, faults and errors (see the module)."""

    def error_adverb(self, verb: Token) -> Token | None:
        """The judging word of "mistakenly ran", "ran the wrong playbook by mistake"."""
        adverbs = self.words["error_adverbs"]
        thing = object_of(verb)
        places = [*verb.children, *(thing.children if thing is not None else ())]
        for child in places:
            if child.dep_ == "advmod" and child.lower_ in adverbs and child.head.i == verb.i:
                return child
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                for grand in child.children:
                    if f"by {grand.lower_}" in adverbs:
                        return grand
        return None

    def faulty_hit(self, verb: Token, named: bool) -> tuple[str, tuple[int, int]] | None:
        """A person doing a faulty action ("pushed a bad config", "ran the wrong playbook"),
        or a destructive one by mistake ("accidentally dropped the table"); for named people
        also a destructive one on production ("Dave deleted the production database")."""
        if is_negated(verb):
            return None
        # the action's own words before the sentence's mood: most verbs have no faulty span,
        # and whether the sentence reports what happened walks the tree; who did it is
        # looked for only then
        span = self._faulty_span(verb, named)
        if span is None or not reported(verb) or self.intended(verb):
            return None
        who = self.person_kind(self.doer(verb))  # last: a proper noun runs the recognizer
        return (who, span) if who in STRICT else None

    def _faulty_span(self, verb: Token, named: bool) -> tuple[int, int] | None:
        """`faulty_hit`'s span where the action is faulty, whoever did it (its doer, found
        only for such a span: most verbs have none)."""
        w = self.words
        lemmas = self.lemmas(verb)
        thing = object_of(verb)
        faulty = not lemmas.isdisjoint(w["faulty_action_verbs"])
        harmful = not lemmas.isdisjoint(w["destructive_verbs"]) or not lemmas.isdisjoint(
            w["disruptive_verbs"]
        )
        # the places the action went are read for a faulty or harmful verb only: most verbs
        # are neither, and only the object's own words are asked of them (below)
        places: list[Token] = []
        if faulty or harmful:
            # the object, or where the action went ("ran the script on the wrong server")
            places = [thing] if thing is not None else []
            for prep in [*verb.children, *(thing.children if thing is not None else ())]:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "to", "in", "into"):
                    places += [g for g in prep.children if g.dep_ == "pobj"]

        def described(adjectives: frozenset[str]) -> bool:
            return any(
                c.dep_ in ("amod", "compound") and c.lower_ in adjectives
                for place in places
                for c in place.children
            )

        if faulty and (
            (thing is not None and thing.lemma_.lower() in w["harm_nouns"])
            or described(w["faulty_adjectives"])
        ):
            return span_of(self.doer(verb), verb, with_object=True)
        if harmful:
            # "deleted the wrong database" is a mistake; "deleted the broken pods" a repair
            marked = described(w["wrong_target_adjectives"]) or self.error_adverb(verb) is not None
            if named and thing is not None and lemmas & w["destructive_verbs"]:
                marked = marked or _mentions(thing, w["production_words"])
            if marked:
                return span_of(self.doer(verb), verb, with_object=True)
        elif (
            thing is not None
            and any(  # first: the object's own words, which most verbs' objects lack
                c.dep_ == "amod" and c.lower_ in w["wrong_target_adjectives"]
                for c in thing.children
            )
            and verb.lemma_.lower() not in w["stative_verbs"]
            and not explained(verb)  # "replaced the wrong disk because the slots ..."
        ):
            # any action on the wrong target is a mistake: "restarted the wrong cluster"
            return span_of(self.doer(verb), verb, with_object=True)
        return None

    def harm_hit(self, verb: Token) -> tuple[str, tuple[int, int]] | None:
        """A person (or a person's change) as the doer of a harmful verb: (kind, span)."""
        w = self.words
        # "A developer pushed the change, causing the outage": the participle's doer and
        # tense are its head verb's
        participle = verb.tag_ == "VBG" and verb.dep_ == "advcl" and subject(verb) is None
        anchor = verb.head if participle else verb
        if not self.lemmas(verb) & w["harm_verbs"] or is_negated(verb) or not reported(anchor):
            return None
        if self.intended(verb) or purposeful(verb):
            return None
        thing = object_of(verb)
        lemma = verb.lemma_.lower()
        if lemma in ("cause", "introduce"):
            # "caused the outage", "caused the database to crash"; not "caused the alert to fire"
            harmful = thing is not None and thing.lemma_.lower() in w["harm_nouns"]
            harmful = harmful or any(
                c.dep_ in ("xcomp", "ccomp") and self.lemmas(c) & (w["harm_verbs"] | {"fail"})
                for c in verb.children
            )
            if not harmful:
                return None
        elif thing is not None and any(
            c.dep_ in ("amod", "compound") and c.lower_ in w["routine_objects"]
            for c in thing.children
        ):
            return None  # "took down the old cluster", "crashed the test cluster"
        if lemma == "break" and any(c.lower_ in ("into", "up", "out") for c in verb.children):
            return None  # "broke the monolith into services"
        doer = self.doer(anchor)
        who = self.person_kind(doer)
        if who is None and doer is not None and self._change(doer):
            # "Alice's change broke checkout": the possessor of a change ("their oom-killer
            # took it out" is a system's doing)
            owner = next((c for c in doer.children if c.dep_ == "poss"), None)
            who = self.person_kind(owner)
        if who not in STRICT:
            return None
        return who, span_of(doer, verb, with_object=True)

    def faulty_work_hit(
        self, noun: Token, kinds: tuple[str, ...]
    ) -> tuple[str, tuple[int, int]] | None:
        """A person's work judged: a change or an act (`change_nouns`) called faulty or
        careless ("Paulo's untested change", "a bad commit by the intern", "a slapdash
        script by the ops lead", "their rollback attempt was amateurish", "the change
        Fatima pushed was poorly thought out"), owned by a person. A person's broken laptop,
        or a bad config someone reverted, is no judgement of their work."""
        if not self._change(noun) or is_negated(noun.head):
            return None
        judged = self._judged(noun)
        if judged is None:
            return None
        found = self.author_of(noun, kinds)
        if found is None:
            return None
        who, author = found
        tokens = (judged, noun, author)
        return who, token_span(min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i))

    def _judged(self, noun: Token) -> Token | None:
        """The word judging the change: an adjective on it ("untested", "slapdash"), or
        one said of it ("was amateurish", "was poorly thought out")."""
        w = self.words
        judging = w["faulty_adjectives"] | w["character_adjectives"]
        for child in noun.children:
            if child.dep_ == "amod" and (child.lower_ in judging or _badly(child)):
                return child
        head = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass") or not reported(head):
            return None
        if head.lemma_ == "be":
            for child in head.children:
                if child.dep_ in ("acomp", "attr") and not is_negated(head):
                    if child.lower_ in judging or _badly(child):
                        return child
                    if any(a.dep_ == "amod" and a.lower_ in judging for a in child.children):
                        return child  # "was shoddy workmanship"
        if noun.dep_ == "nsubjpass" and _badly(head):
            return head  # "was poorly thought out", "was hastily thrown together"
        return None

    def author_of(self, noun: Token, kinds: tuple[str, ...]) -> tuple[str, Token] | None:
        """The person a change belongs to: its possessor ("Nadia's change"), "by" person
        ("a commit by the intern"), the agent of the verb that made it ("written by Bob",
        "was merged by Tomasz"), or the subject of a clause that made it ("the change
        Fatima pushed")."""
        for child in noun.children:
            if child.dep_ == "poss":
                who = self.person_kind(child)
                if who in kinds:
                    return who, child
            if child.dep_ == "prep" and child.lower_ == "by":
                for grand in child.children:
                    who = self.person_kind(grand)
                    if grand.dep_ == "pobj" and who in kinds:
                        return who, grand
            if child.dep_ == "acl" and child.tag_ == "VBN":
                found = self._made_by(child, kinds)
                if found is not None:
                    return found
            if child.dep_ == "relcl" and self._making(child):
                doer = subject(child)
                who = self.person_kind(doer)
                if doer is not None and doer.i != noun.i and who in kinds:
                    return who, doer
        if noun.dep_ == "nsubjpass" and reported(noun.head):
            return self._made_by(noun.head, kinds)
        if noun.dep_ == "dobj" and self._making(noun.head) and reported(noun.head):
            doer = subject(noun.head)  # "an engineer did an undocumented change"
            who = self.person_kind(doer)
            if doer is not None and who in kinds:
                return who, doer
        return None

    def _making(self, verb: Token) -> bool:
        w = self.words
        return bool(self.lemmas(verb) & (w["faulty_action_verbs"] | w["making_verbs"]))

    def _change(self, noun: Token) -> bool:
        """The noun names a change to a system ("deploy", "pull request", "script")."""
        nouns = self.words["change_nouns"]
        return noun.lemma_.lower() in nouns or noun.lower_ in nouns

    def _made_by(self, verb: Token, kinds: tuple[str, ...]) -> tuple[str, Token] | None:
        """The person a passive verb of making or shipping names as its agent ("authored
        and merged by X"): the verb or one joined to it must be such a verb."""
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN")]
        if not any(self._making(v) for v in verbs):
            return None
        for candidate in verbs:
            doer = agent(candidate)
            who = self.person_kind(doer)
            if doer is not None and who in kinds:
                return who, doer
        return None

    def intended(self, verb: Token) -> bool:
        """The sentence says the action was meant ("on purpose", "scheduled maintenance")."""
        return self._intent.search(verb.doc.text.lower()) is not None

    @cached_property
    def _intent(self) -> re.Pattern[str]:
        """Any intent word, whole: one search where there was one per word."""
        words = sorted(self.words["intent_words"], key=lambda w: (-len(w), w))
        return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b" if words else r"(?!)")

    def error_noun_hit(
        self, noun: Token, kinds: tuple[str, ...]
    ) -> tuple[str, tuple[int, int]] | None:
        """An error owned by a person: "the engineer's mistake", "a mistake by a sysadmin",
        "the mistake they made", "X made the error", "X was at fault"."""
        head = noun.head
        if is_negated(head) or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return None
        for child in noun.children:
            if child.dep_ == "poss":
                who = self.person_kind(child)
                if who in kinds:
                    return who, token_span(child, noun)
        following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if following is not None and following.lower_ in ("by", "of"):
            for grand in following.children:
                if grand.dep_ == "pobj":
                    who = self.person_kind(grand)
                    if who in kinds:
                        return who, token_span(noun, grand)
        for made in noun.children:  # "a mistake made by a junior engineer"
            if made.dep_ == "acl" and made.tag_ == "VBN":
                doer = agent(made)
                who = self.person_kind(doer)
                if who in kinds and doer is not None:
                    return who, token_span(noun, doer)
        for clause in noun.children:  # "the mess they created", "the mistake Ana made"
            if clause.dep_ == "relcl" and (self._making(clause) or clause.lemma_ == "cause"):
                doer = subject(clause)
                who = self.person_kind(doer)
                if who in kinds and doer is not None and doer.i != noun.i:
                    return who, token_span(noun, clause)
        if noun.dep_ == "dobj" and head.lemma_.lower() == "make" and reported(head):
            doer = subject(head)
            who = self.person_kind(doer)
            if who in kinds:
                return who, span_of(doer, head, with_object=True)
        if noun.lemma_.lower() == "fault" and head.lower_ == "at" and head.head.lemma_ == "be":
            doer = subject(head.head)
            who = self.person_kind(doer)
            if who in kinds and doer is not None:
                return who, token_span(doer if doer.i < noun.i else head, noun)
        return None

    def responsible_hit(self, token: Token) -> tuple[str, tuple[int, int]] | None:
        """A person responsible for harm: "the engineer responsible for the change that took
        the site down", "the team was responsible for the bad push"."""
        w = self.words
        harmful = False
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "for":
                continue
            for thing in prep.children:
                if thing.lemma_.lower() in w["harm_nouns"]:
                    harmful = True
                if self._change(thing) and self._judged(thing) is not None:
                    harmful = True  # "responsible for the broken deploy"
                if any(
                    c.dep_ == "relcl" and self.lemmas(c) & w["harm_verbs"] for c in thing.children
                ):
                    harmful = True
                if thing.dep_ == "pcomp" and self.lemmas(thing) & w["harm_verbs"]:
                    harmful = True
        if not harmful:
            return None
        person: Token | None
        if token.dep_ == "amod":
            person = token.head
        elif token.dep_ in ("acomp", "attr") and not is_negated(token.head):
            person = subject(token.head)
        else:
            return None
        who = self.person_kind(person)
        if who not in STRICT or person is None:
            return None
        return who, token_span(person if person.i < token.i else token, token)


def _mentions(thing: Token, words: frozenset[str]) -> bool:
    return any(t.lower_ in words for t in thing.subtree)


def purposeful(verb: Token) -> bool:
    """Taking something down has a purpose ("took the replica offline to rebuild it"): an
    operation, not a harm. (A faulty object stays a fault whatever the purpose.)"""
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in verb.children
    )


_CARELESSLY = frozenset(
    (
        "poorly",
        "badly",
        "hastily",
        "carelessly",
        "sloppily",
        "haphazardly",
        "recklessly",
        "hurriedly",
        "rashly",
        "blindly",
    )
)
# The cheap pass's pattern for them.
CARELESSLY = r"(?i:\b(?:" + "|".join(sorted(_CARELESSLY)) + r")\b)"


def carelessly(verb: Token) -> Token | None:
    """The adverb judging how an act was done: "we hastily pushed", "I blindly ran"."""
    return next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _CARELESSLY), None)


def _badly(word: Token) -> bool:
    """ "Poorly thought out", "hastily written": a participle judged by its adverb."""
    return word.tag_ == "VBN" and any(
        c.dep_ == "advmod" and c.lower_ in _CARELESSLY for c in word.children
    )
