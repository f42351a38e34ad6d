"""PM303 hindsight-language: counterfactuals and hindsight ("should have", "could have
caught", "if only", "why didn't ...?"), never in action items, tasks or instructions (see
`base` for how the language rules run)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from pmlint.checks.language.base import NEGATION, STRICT, Hit, LanguageCheck, is_task
from pmlint.checks.language.grammar import is_imperative, phrase_start, reported, token_span
from pmlint.nlp.cascade import Trigger
from pmlint.nlp.sentences import Sentence
from pmlint.nlp.syntax import (
    GROUP,
    MAYBE_ROLE,
    SELF,
    agent,
    is_negated,
    is_passive,
    is_question,
    subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WHO_WHY_QUESTION = r"(?i:\b(?:why|who)\b)[^?]*\?[\"”’']?\s*$"
# The same question asked indirectly: "I wonder why the vendor didn't stage the rollout."
_WONDER_WHY = r"(?i:\b(?:wonder|wondering|wondered|ask|asking|asked|question|questioning)\s+why\b)"
_WONDERING = frozenset(("wonder", "ask", "question"))
_MODAL_PERFECT = (
    r"\b(?:should|ought(?:n['’]t| not)? to|could|would)(?:n['’]t| not)?\s+(?:[a-z]+ly\s+)?"
    r"(?:have|['’]ve)\b"
    r"|\b(?:should|ought to)\s+never\s+(?:have|['’]ve)\b"  # not "could never have": exculpates
    r"|\b(?:should|could|would)['’]ve\b"
)


_INSTEAD_OF_JUST = r"(?i:\binstead of (?:just|simply|merely)\s+\w+ing\b)"
_OBVIOUS = frozenset(("just", "simply", "merely"))
# The lexicon's certainty phrase, which the parse reads (`HindsightLanguage.asserted`).
_CERTAINTY_WORD = re.compile(r"(?i:\bobviously\b)")


def _counterfactual(parsed: Doc) -> bool:
    """The sentence has a "would/could/might" (the other half of "if ... had": "would have
    held", or of the present "the servers would still be up")."""
    modals = ("would", "could", "might", "wouldn't", "couldn't", "'d", "wo", "ca")
    return any(token.tag_ == "MD" and token.lower_ in modals for token in parsed)


def _prompt(verb: Token) -> bool:
    """A question that asks what should have happened ("What should have been done?")."""
    doc = verb.doc
    return is_question(doc) and doc[0].lower_ in ("what", "which", "how")


def _state(verb: Token, stative: frozenset[str]) -> bool:
    """A state, not an action: "had they received", "had we known"; but "had we been more
    disciplined" judges how people were."""
    lemma = verb.lemma_.lower()
    if lemma == "be":
        return not any(c.dep_ == "acomp" for c in verb.children)
    return lemma in stative


def _passive_acts(words: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """What "should have been <done>" says people failed to do: noticing and checking, and
    the acts of the change process ("approved", "rebased"); not "allowed" or "caused",
    which say what a system should permit or what led to what."""
    return (words["oversight_verbs"] | words["culprit_verbs"]) - _NOT_ACTS


_NOT_ACTS = frozenset(("allow", "let", "cause", "break", "forget", "miss"))


def _elided_act(been: Token, acts: frozenset[str]) -> bool:
    """ "The change was approved when it should not have been": a bare "have been" whose
    participle is left out, hung on a passive act of the change process."""
    if been.lower_ != "been" or been.dep_ not in ("advcl", "conj", "relcl"):
        return False
    if any(
        c.dep_ in ("attr", "acomp", "prep", "dobj", "xcomp", "ccomp", "oprd") for c in been.children
    ):
        return False
    head = been.head
    return is_passive(head) and head.lemma_.lower() in acts


def _had_clause(had: Token) -> Token | None:
    """The verb of "had the reviewer looked" where the parser made "had" its head."""
    if had.dep_ not in ("ccomp", "advcl"):
        return None
    return next((c for c in had.children if c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBN")), None)


class HindsightLanguage(LanguageCheck):
    kind = "hindsight-language"
    near_words = 8  # the person after "had" or by the adverb within 8 words, or not parsed
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
        "obvious_other": "Hindsight: sets what people did against the obvious alternative",
    }

    def applies(self, sentence: Sentence) -> bool:
        return not is_task(sentence.block)

    def also_parse(self, sentence: Sentence) -> bool:
        """A certainty adverb ("obviously") is read by what it qualifies (`asserted`)."""
        return _CERTAINTY_WORD.search(sentence.text) is not None

    def asserted(self, parsed: Doc, hit: Hit) -> bool:
        """ "Obviously" is hindsight where it calls a flaw or a lapse plain to see ("Obviously,
        the timeout was far too low", "X obviously never checked"), not where it qualifies
        an outcome or a lesson ("it obviously went terribly", "obviously taking the server
        down with it", "obviously we learned that ...")."""
        if hit.pattern != "phrase":
            return True
        adverbs = [
            t
            for t in parsed
            if hit.start <= t.idx < hit.end and t.lower_ in self.words["certainty_adverbs"]
        ]
        return not adverbs or any(self._plain_flaw(t.head) for t in adverbs)

    def _plain_flaw(self, head: Token) -> bool:
        """What a certainty adverb qualifies is a judgement: a state ("was too low", "was a
        mistake"), a negation ("never checked", "nobody checked"), a failure or lapse
        ("forgot"), or what another person did ("he was obviously covering for his son")."""
        if head.pos_ == "ADJ" or is_negated(head):
            return True
        doer = self.doer(head)
        if doer is not None and (
            doer.lower_ in ("nobody", "noone", "none") or self.person_kind(doer) in STRICT
        ):
            return True
        if head.lemma_.lower() == "be":
            return any(c.dep_ in ("acomp", "attr") for c in head.children)
        w = self.words
        return bool(self.lemmas(head) & (w["failure_verbs"] | w["lapse_verbs"]))

    def build_triggers(self) -> list[Trigger]:
        person = self.personish()
        lapses = self.pattern("failure_verbs", "lapse_verbs")
        return [
            Trigger.of(_MODAL_PERFECT),
            Trigger.of(_WHO_WHY_QUESTION),
            Trigger.of(_WONDER_WHY),
            Trigger.of(r"\bhow (?:could|would|did)\b[^?]*\?\s*$"),
            Trigger.of(r"\bhad\b", [person]),
            # "Had Lucía read the runbook, ...": a name the given-names list lacks
            Trigger.of(r"(?:^\s*|[,;:]\s+)(?i:had)\s+[A-Z]\w+"),
            Trigger.of(self.pattern("certainty_adverbs"), [person, rf"{NEGATION}|{lapses}"]),
            Trigger.of(_INSTEAD_OF_JUST),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Doc) -> Iterator[Hit]:
        if is_imperative(parsed):
            return
        question = sentence.text.rstrip().rstrip("\"”’'").endswith("?")  # also quoted
        for token in parsed:
            if token.lower_ == "instead":
                found = self._obvious_other(token)
                if found is not None:
                    yield found
            if token.tag_ == "VBN" or (token.pos_ == "VERB" and token.tag_ == "VBD"):
                found = self._modal_perfect(token)
                if found is not None:
                    yield found
            if token.lower_ == "why" and (question or self._wondered(token)):
                found = self._why(token)
                if found is not None:
                    yield found
            if question and token.lower_ == "how" and token.dep_ == "advmod":
                found = self._how_nobody(token)
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
            if token.lower_ == "had" and (token.dep_ == "aux" or _had_clause(token)):
                found = self._if_had(token, _counterfactual(parsed))
                if found is not None:
                    yield found

    def _modal_perfect(self, verb: Token) -> Hit | None:
        w = self.words
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        # a modal the parser hung on "have" ("should have double-checked"), or "ought" as
        # the head of "to have verified"
        auxes += [g for a in auxes for g in a.children if g.dep_ == "aux" and g.tag_ == "MD"]
        ought = verb.head if verb.dep_ == "xcomp" and verb.head.lower_ == "ought" else None
        lowers = [a.lower_.replace("’", "'") for a in auxes]
        if not {"have", "'ve", "of"} & set(lowers):
            return None
        the_modal = next((a for a in auxes if a.tag_ == "MD" or a.lower_ == "ought"), ought)
        if the_modal is None:
            return None
        name = the_modal.lower_.replace("n't", "").replace("’", "'")
        name = {"sha": "shall", "wo": "will", "ca": "can"}.get(name, name)
        lemma = verb.lemma_.lower()
        doer = subject(verb) or (subject(ought) if ought is not None else None)
        if doer is None:  # the subject hung on "have" with the modal
            doer = next((g for a in auxes for g in a.children if g.dep_ == "nsubj"), None)
        who = self.person_kind(doer)
        span = (min(the_modal.idx, verb.idx), verb.idx + len(verb.text))
        if doer is not None and doer.i < the_modal.i and the_modal.i - doer.i <= 3:
            span = (doer.idx, span[1])
        if name in w["counterfactual_modals"]:
            if self._withdrawn(verb, the_modal):
                return None  # "we shouldn't have blamed the provider": blame taken back
            if _prompt(verb):
                return None  # "What should have been done, but wasn't?": a template's question
            if (
                doer is not None
                and doer.lemma_.lower() in w["mistake_nouns"]
                and lemma in ("happen", "occur", "make")
            ):
                # "a blunder that should never have happened": people's slip judged in hindsight
                return Hit(*span, "should_have")
            if is_passive(verb):
                by = agent(verb)
                if lemma in _passive_acts(w) and (
                    by is None or self.person_kind(by) is not None
                ):  # "should have been caught in review", "should have been rebased first"
                    return Hit(*span, "should_have")
                return None
            if _elided_act(verb, _passive_acts(w)):
                return Hit(*span, "should_have")  # "was approved when it shouldn't have been"
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
        if (
            name in w["possibility_modals"]
            and is_passive(verb)
            and agent(verb) is None
            and self.lemmas(verb) & w["noticing_verbs"]
            and not _prompt(verb)
            and not any(
                t.lower_ in ("so", "therefore", "thus") and t.dep_ in ("cc", "mark", "advmod")
                for t in verb.doc[: verb.i]
            )
        ):  # "the page went to two people, so it could have been seen sooner": a reason
            return Hit(*span, "could_have")  # "a reviewer could have caught this"
        return None

    def _withdrawn(self, verb: Token, the_modal: Token) -> bool:
        """A sanction or blame the writers say should not have happened ("we shouldn't have
        blamed Rackspace", "she should never have been fired"): blame rejected, not the
        hindsight that judges what people did."""
        denied = is_negated(verb) or "n't" in the_modal.lower_.replace("’", "'")
        return denied and bool(self.lemmas(verb) & self.words["punish_verbs"])

    def _obvious_other(self, instead: Token) -> Hit | None:
        """ "paged people for an hour instead of just following the escalation policy": what
        people did set against what was "just" or "simply" to be done, the hindsight of
        "should have"; by people or the writers, not by a system ("the job retried instead
        of simply failing")."""
        doc = instead.doc
        rest = doc[instead.i + 1 : instead.i + 4]
        if len(rest) < 3 or rest[0].lower_ != "of" or rest[1].lower_ not in _OBVIOUS:
            return None
        if rest[2].tag_ != "VBG":
            return None
        verb = instead.head
        while (
            verb.dep_ in ("prep", "advmod", "pobj", "pcomp", "cc", "xcomp")
            and verb.head.i != verb.i
        ):
            verb = verb.head
        doer = subject(verb)
        who = self.person_kind(doer)
        if doer is not None and who is None:
            return None
        start = phrase_start(doer) if doer is not None and doer.i < instead.i else instead
        return Hit(start.idx, rest[2].idx + len(rest[2].text), "obvious_other")

    def _if_had(self, had: Token, would_have: bool) -> Hit | None:
        """Counterfactuals: "Had the operator read ...", and "if the developer had tested
        ..." with a "would have" in the sentence: the past, replayed as it should have been."""
        verb = had.head if had.dep_ == "aux" else _had_clause(had)
        if verb is None or verb.tag_ not in ("VBN", "VBD", "VB"):
            return None
        if is_passive(verb) or is_negated(verb) or _state(verb, self.words["stative_verbs"]):
            return None
        doer = subject(verb)
        who = self.person_kind(doer)
        maybe = who == MAYBE_ROLE and verb.lemma_.lower() in self.words["oversight_verbs"]
        if doer is None or (who not in (*STRICT, SELF) and not maybe):
            return None  # "had we kept it patched": the writers replay their own past too
        iffy = would_have and any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
        inverted = had.i < doer.i and not is_question(had.doc)
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
        if who in STRICT or (who in (MAYBE_ROLE, GROUP) and is_negated(verb)):
            return Hit(*token_span(why, verb), "why_question")
        if (
            doer is not None
            and (doer.lower_ in self.words["everyone"] or _no_one(doer))
            and (is_negated(verb) or doer.lower_ in ("nobody", "no") or _no_one(doer))
            and verb.lemma_.lower() not in self.words["stative_verbs"]
        ):
            return Hit(*token_span(why, verb), "why_question")  # "why didn't anyone notice?"
        if (
            is_negated(verb)
            and is_passive(verb)
            and verb.lemma_.lower() in self.words["oversight_verbs"]
        ):
            return Hit(*token_span(why, verb), "why_question")  # "why wasn't this caught?"
        return None

    def _how_nobody(self, how: Token) -> Hit | None:
        """ "How could nobody notice ...?", "how did no one catch this?": a question that
        faults everyone for an oversight; "how could anyone have known?" excuses them."""
        verb = how.head
        doer = subject(verb)
        if doer is None or not (doer.lower_ in ("nobody", "noone") or _no_one(doer)):
            return None
        if not self.lemmas(verb) & self.words["oversight_verbs"]:
            return None
        return Hit(*token_span(how, verb), "why_question")

    @staticmethod
    def _wondered(why: Token) -> bool:
        """ "why" opens the question of a verb of wondering ("I wonder why X didn't ...",
        "one has to ask why they would ..."); "we looked into why X failed" is an inquiry."""
        clause = why.head
        return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _WONDERING

    def _who(self, who: Token) -> Hit | None:
        verb = who.head
        if verb.tag_ not in ("VBD", "VBN") or is_negated(verb):
            return None
        done = verb.lemma_.lower() == "do" and any(  # "Who did it?", "who did this?"
            c.dep_ in ("dobj", "nsubj") and c.i > verb.i and c.lower_ in ("it", "this", "that")
            for c in verb.children
        )
        if not (done or self.lemmas(verb) & self.words["culprit_verbs"]):
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


def _no_one(doer: Token) -> bool:
    """ "no one" as the parser splits it: "one" with "no" before it."""
    return doer.lower_ == "one" and any(c.lower_ == "no" for c in doer.children)
