"""PM301 blame-language: judgements of people, and people as the subject of a failure, an
omission or an error (see `base` for how the language rules run)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar, TypeVar

from pmlint.checks.base import Option
from pmlint.checks.language.base import (
    NAME_LIKE,
    NEGATION,
    OTHERS,
    STRICT,
    Hit,
    LanguageCheck,
    in_section,
    is_task,
)
from pmlint.checks.language.grammar import (
    explained,
    linking,
    past_negation,
    phrase_start,
    reported,
    routine_fail,
    span_of,
    token_span,
)
from pmlint.checks.language.harm import CARELESSLY, HarmCheck, carelessly, purposeful
from pmlint.checks.language.rejection import rejected
from pmlint.nlp import textcat
from pmlint.nlp.cascade import Trigger, words_pattern
from pmlint.nlp.pipeline import ensure_entities
from pmlint.nlp.sentences import Sentence, starts_with_time
from pmlint.nlp.syntax import (
    GROUP,
    NAMED,
    PRONOUN,
    ROLE,
    SELF,
    agent,
    conditional,
    is_negated,
    is_passive,
    resolve,
    subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words of diligence a writer may deny of their own work ("we didn't test it properly").
_CARE = frozenset(
    (
        "properly",
        "thoroughly",
        "carefully",
        "adequately",
        "sufficiently",
        "seriously",
        "enough",
        "rigorously",
        "closely",
        "diligently",
    )
)
_CARE_PATTERN = r"(?i:\b(?:" + "|".join(sorted(_CARE)) + r")\b)"
# What makes "..., and I didn't" a lapse: it was needed, expected or easy.
_NEEDED = frozenset(("need", "should", "suppose", "must", "only", "just", "simply", "easy"))
_COMPLEMENTS = ("dobj", "xcomp", "ccomp", "acomp", "attr", "prep", "dative", "advcl", "oprd")
# What an omission needs besides the negation (`grammar.past_negation`): the auxiliary of a past
# action ("did not", "hadn't", "we'd not") or "never".
_PAST_AUX = r"(?i:\b(?:did|had|has|have)(?:n['’]t)?\b|['’]d\b|\bnever\b)"


def _extraposed_act(copula: Token, adjective: Token) -> bool:
    """ "It was unprofessional to ignore the pager": a judgement of an act whose doer the
    sentence leaves out, with "it" standing for the act."""
    doer = subject(copula)
    if doer is None or doer.lower_ != "it":
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and c.i > adjective.i
        for c in (*copula.children, *adjective.children)
    )


def _act_named(copula: Token) -> bool:
    """ "That was ...", "this wasn't ...": the subject is a pronoun standing for an act
    told before, not a thing named ("that server", "this change")."""
    doer = subject(copula)
    past = copula.tag_ == "VBD"  # "that's not a good idea" is advice, not a judgement
    return past and doer is not None and doer.lower_ in ("that", "this") and doer.dep_ == "nsubj"


# Verbs that link a subject to what it is, as "be" does: "the admin remains unresponsive",
# "the vendor seemed indifferent", "the contractor proved unreliable".
_LINKING = frozenset(("be", "remain", "seem", "appear", "become", "stay", "prove", "sound"))


def _links(verb: Token) -> bool:
    return verb.lemma_.lower() in _LINKING


def _predicated(copula: Token) -> Token | None:
    """Who a linking verb says something of: its subject, or the doer named by a free
    relative standing as the subject ("whoever approved it is not competent")."""
    found = subject(copula)
    if found is None or found.dep_ != "csubj":
        return found
    doer = subject(found)
    return doer if doer is not None and doer.tag_ == "WP" else None


# Words that judge a situation as readily as an act ("that was not good"): not read here.
_SITUATION_WORDS = frozenset(("good", "strong", "reliable"))


_T = TypeVar("_T")


def _once(compute: Callable[[], _T]) -> Callable[[], _T]:
    """`compute`, called the first time it is asked for and then remembered: what
    `functools.cache` does for a function of no arguments, without building its wrapper
    (which copies the function's attributes). `_verb_hits` makes two for every verb it reads,
    11,800 verbs over the bench's 440 real documents, and most are never asked."""
    kept: list[_T] = []

    def get() -> _T:
        if not kept:
            kept.append(compute())
        return kept[0]

    return get


class BlameLanguage(HarmCheck):
    kind = "blame-language"
    near_words = 8  # a person or a party within 8 words of the trigger's word, or not parsed
    description = (
        "Judgements of people, and people (roles, pronouns, names) as the subject of a "
        "failure, an omission or an error; systems as subjects are never blame."
    )
    reasons: ClassVar[dict[str, str]] = {
        "phrase": "Judges people",
        "failure": "A person is the failing agent",
        "lapse": "A person is the failing agent",
        "omission": "Names a person for what they did not do",
        "inaction": "Judges the people involved for what no one did",
        "error_adverb": "Judges a person's action",
        "cause": "A person is the cause",
        "error_noun": "Attributes the error to a person",
        "faulty_work": "Judges a person's change",
        "blame": "Assigns blame to a person or a group",
        "punitive": "Punishes or blames a person",
        "responsible": "Makes a person responsible for the failure",
        "bypass": "Judges a person for acting without a safeguard",
        "self_lapse": "Judges yourselves for a lapse",
        "conduct": "Asks people to behave better instead of changing the system",
        "character": "Judges a person's ability or character",
        "group": "Judges an organisation for a lapse",
        "untold": "Judges a party for not telling the people it serves",
        "wanting": "Judges a party or its conduct as not good enough",
        "dereliction": "Judges a party for walking away from what it owes",
        "self_character": "Judges yourselves",
        "decision": "Judges a decision instead of explaining it",
        "verdict": "Calls what people did a blunder",
        "conduct_verdict": "Judges how people or an organisation work",
        "accountability_question": "Asks where the accountable people were",
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

    def asserted(self, parsed: Doc, hit: Hit) -> bool:
        """A judgement the sentence denies, supposes, quotes as what not to write, or calls
        normal is the writer rejecting blame (`rejection`); a lapse or an omission is read
        by its own pattern, whose negation is often the lapse itself ("we did not test")."""
        found = rejected(parsed, hit.start, hit.end)
        return found is None or (found != "quoted" and hit.pattern not in _JUDGEMENTS)

    def also_parse(self, sentence: Sentence) -> bool:
        """A phrase found in a sentence with the cue of a frame that may reject it."""
        # the phrases first: few sentences hold one, and what `token_hits` finds out is
        # kept for the check, where the cue's search would not be needed again
        return any(self.token_hits(sentence)) and _FRAME_CUE.search(sentence.text) is not None

    def model_hits(self, sentences: list[Sentence]) -> Iterable[tuple[Sentence, Hit]]:
        if not self.opts["model"]:
            return
        candidates = []
        for sentence in sentences:
            block = sentence.block
            if is_task(block) or in_section(block, "action-items", "timeline"):
                continue  # instructions, and who did what when, are not judgements
            if starts_with_time(block):
                continue
            # `blame_eligible`, its party once; first, as it rules out the most sentences
            # (half of them name no one), and each test below rules one out alone
            party = textcat.judged_party(sentence.text)
            if party is None:
                continue
            text = sentence.text.rstrip()
            # a question in a chat log ("can you paste the logs?"); hindsight is PM303's to
            # report, with its own coaching
            if text.endswith("?") or textcat.counterfactual(text):
                continue
            if textcat.blame_rejected(text):
                continue  # "it was not his fault", "even if it was their fault"
            if textcat.judgement_cue(sentence.text):
                candidates.append((sentence, party))
        # loaded once a sentence is up for it: a document with none (or a single-file run
        # of one) does not read the model's files (0.02 s)
        model = textcat.load("blame") if candidates else None
        if model is None:
            return
        scores = model.scores([s.text for s, _ in candidates])
        for (sentence, party), score in zip(candidates, scores, strict=True):
            if not textcat.decide(model, False, score, True):
                continue
            yield sentence, _model_hit(model, sentence.text, party)

    def build_triggers(self) -> list[Trigger]:
        person = self.personish()
        party = f"{person}|{self.pattern('groups')}"
        # a named doer may be a name the list lacks: failing, a lapse, an error, an omission
        named = f"{person}|{NAME_LIKE}"
        return [
            Trigger.of(self.pattern("failure_verbs", "lapse_verbs"), [rf"{named}|\b(?i:we|i)\b"]),
            Trigger.of(self.pattern("error_adverbs"), [named]),
            Trigger.of(r"\bwithout\b", [named, self.pattern("safeguard_nouns")]),
            Trigger.of(r"\b(?i:without being)\b", [named]),
            Trigger.of(r"\b(?i:before)\b", [named, self.pattern("gate_verbs")]),
            Trigger.of(NEGATION, [named, _PAST_AUX]),
            # what no one did ("no one stepped in", "nothing was done to stop it")
            Trigger.of(r"\b(?i:nobody|no[- ]one|noone|none)\b"),
            Trigger.of(r"(?i:\bnothing\s+(?:was|has\s+been|had\s+been)\s+done\b)"),
            Trigger.of(r"(?i:\b[a-z]+-(?:error|mistake)s?\b)"),  # "an admin-error"
            Trigger.of(self.pattern("harm_verbs"), [person]),
            Trigger.of(
                self.pattern("faulty_action_verbs", "destructive_verbs", "disruptive_verbs"),
                [person, self.pattern("faulty_adjectives", "harm_nouns", "error_adverbs")],
            ),
            Trigger.of(self.pattern("error_nouns"), [person]),
            Trigger.of(
                self.pattern("error_nouns"),
                [r"\b(?i:we|i)\b", r"\b(?i:ma[dk]e|making|did|done|committed)\b"],
            ),
            Trigger.of(self.pattern("error_nouns"), [r"\b(?i:my|our)\b"]),
            Trigger.of(self.pattern("mistake_nouns"), [self.pattern("mistake_judgements")]),
            Trigger.of(r"(?i:\b(?:we|i)\s+(?:didn['’]t|did not|never did)\s*[.!;,]?\s*$)"),
            Trigger.of(r"\b(?i:wrong|badly|poorly)\b", [rf"{named}|\b(?i:we|i)\b", _DID]),
            Trigger.of(CARELESSLY, [r"\b(?i:we|i)\b"]),
            Trigger.of(self.pattern("wrong_target_adjectives"), [named]),
            Trigger.of(
                rf"{_CARE_PATTERN}|(?i:\b(?:much|enough) time\b)",
                [r"\b(?i:we|i)\b", NEGATION],
            ),
            Trigger.of(
                rf"{self.pattern('communication_verbs', 'duty_verbs')}|(?i:\binto account\b)",
                [r"\b(?i:we|i)\b", NEGATION, _PAST_AUX],
            ),
            Trigger.of(
                rf"{self.pattern('faulty_adjectives', 'character_adjectives')}|{CARELESSLY}",
                [person, self.pattern("change_nouns")],
            ),
            Trigger.of(self.pattern("punish_verbs"), [person]),
            Trigger.of(self.pattern("dereliction_verbs"), [self.pattern("duty_nouns")]),
            Trigger.of(_FOR_THE_INCIDENT.pattern, [person]),
            # an organisation not telling, or not acting on a message ("the registrar never
            # told us", "AcmeCloud ignored our ticket"), a lapse, a refusal to act
            Trigger.of(
                self.pattern("communication_verbs"), [rf"{party}|{NAME_LIKE}", _NOT_OR_FAIL]
            ),
            Trigger.of(
                self.pattern("communication_nouns"),
                [rf"{party}|{NAME_LIKE}", rf"{_NOT_OR_FAIL}|{_IGNORE}"],
            ),
            # a party slow, unable or not minded to tell the people it serves ("the carrier
            # was slow to give an explanation", "Acme did not think to update its users")
            Trigger.of(_TELLING_CUE, [rf"{party}|{NAME_LIKE}", _UNTOLD_FRAME]),
            # a party, or its conduct, found wanting ("the carrier proved ineffective", "the
            # council's communication was inadequate")
            Trigger.of(_WANTING_CUE, [rf"{party}|{NAME_LIKE}", rf"{_LINKED}|{_PROVED}"]),
            Trigger.of(
                words_pattern(self.words["failure_verbs"] - {"fail"}).wrapped("(?i:", ")"),
                [rf"{party}|{NAME_LIKE}"],
            ),
            Trigger.of(
                rf"(?i:{words_pattern(self.words['failure_nouns'], inflect=False)}\s+to)\b",
                [rf"{party}|{NAME_LIKE}|\b[A-Z]{{2,}}\b"],
            ),
            Trigger.of(
                rf"(?i:{words_pattern(self.words['decision_judgements'], inflect=False)}"
                rf"\s+(?:[\w-]+\s+){{0,2}}{self.pattern('decision_nouns')})"
            ),
            Trigger.of(_FAULT_PUT, [rf"{party}|{NAME_LIKE}|\b(?i:we|i)\b"]),
            Trigger.of(self.pattern("error_nouns"), [r"\b(?i:that|this|it) was\b"]),
            Trigger.of(self.pattern("failure_nouns"), [r"\b(?i:my|our)\b"]),
            Trigger.of(r"\b(?i:fail(?:ed)?)\s*[.!;,]?\s*$", [r"\b(?i:we|i)\b"]),
            Trigger.of(_ROOT_CAUSE, [person]),
            Trigger.of(r"\baction\b", [person, r"\b(?:against|with)\b"]),
            Trigger.of(r"\bblame\b|\bresponsible\b", [person]),
            Trigger.of(
                self.pattern("character_adjectives"), [rf"{party}|{NAME_LIKE}|\b(?i:we|i)\b"]
            ),
            Trigger.of(self.pattern("competence_adjectives"), [party, NEGATION]),
            # "it was unprofessional to ignore the pager": the act judged, its doer left out
            Trigger.of(self.pattern("character_adjectives"), [r"\b(?i:it)\b", r"\bto\b"]),
            # "That was reckless.", "That wasn't smart.": the act judged by a pronoun for it
            Trigger.of(self.pattern("character_adjectives"), [r"\b(?i:that|this)\b"]),
            Trigger.of(self.pattern("competence_adjectives"), [r"\b(?i:that|this)\b", NEGATION]),
            # a verdict on a way of working or on an act, whoever did it
            Trigger.of(
                self.pattern("verdict_adjectives", "character_adjectives"),
                [self.pattern("conduct_nouns")],
            ),
            Trigger.of(self.pattern("verdict_adjectives"), [_LINKED]),
            Trigger.of(_WHERE_WAS, [r"\?"]),
            Trigger.of(
                self.pattern("surprise_adjectives", "verdict_adjectives"),
                [r"\b(?i:that)\b", rf"\b(?i:nobody|no one|noone)\b|{NEGATION}"],
            ),
            Trigger.of(self.pattern("decision_nouns"), [self.pattern("decision_judgements")]),
            Trigger.of(
                self.pattern("upkeep_verbs", "duty_verbs"),
                [rf"{party}|{NAME_LIKE}", r"\b(?i:fail\w*)"],
            ),
            Trigger.of(
                rf"{self.pattern('conduct_states', 'conduct_verbs')}|{_CARE_PATTERN}|\b(?i:stop)\b",
                [rf"{person}|{self.pattern('everyone')}|\b(?i:we|i)\b", _DEMAND],
            ),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Doc) -> Iterator[Hit]:
        w = self.words
        if not (is_task(sentence.block) or in_section(sentence.block, "action-items")):
            for token in parsed:  # an action item asking this is PM403's to report
                found = self._conduct(token)
                if found is not None:
                    yield found
                    break
        for token in parsed:
            pos, lemma = token.pos_, token.lemma_.lower()  # read once: each read makes a str
            if pos in ("VERB", "AUX") and token.dep_ != "amod":
                yield from self._verb_hits(token)
            if token.dep_ in ("xcomp", "pobj", "pcomp") and token.lower_ in _TELLING_FORMS:
                found = self._untold(token)
                if found is not None:
                    yield found
            if lemma in w["error_nouns"] and pos in ("NOUN", "PROPN"):
                hit = self.error_noun_hit(token, OTHERS)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "error_noun")
                found = self._own_mistake(token) if hit is None else None
                if found is None and hit is None:
                    found = self._role_error(token)
                if found is not None:
                    yield found
            if lemma == "do" and self._left_undone(token):
                yield Hit(*span_of(subject(token) or token, token), "self_lapse")
            if token.lower_ == "responsible":
                hit = self.responsible_hit(token)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "responsible")
            if pos in ("NOUN", "PROPN"):
                hit = self.faulty_work_hit(token, (ROLE, PRONOUN))
                if hit is not None:
                    yield Hit(*hit[1], "faulty_work")
            if lemma in ("blame", "fault", "responsibility", "cause"):
                found = self._blame(token)
                if found is not None:
                    yield found
            if lemma in w["failure_nouns"] and pos == "NOUN":
                found = self._failure_of(token) or self._own_mistake(token, counted=False)
                if found is not None:
                    yield found  # "the vendor's refusal to engage", "my failure"
            if lemma in w["error_nouns"] and pos == "NOUN" and token.dep_ == "attr":
                found = self._act_judged(token)
                if found is not None:
                    yield found
            if lemma in w["mistake_nouns"] and pos in ("NOUN", "PROPN"):
                found = self._mistake_judged(token)
                if found is not None:
                    yield found
            if pos == "ADJ" and lemma in w["decision_judgements"]:
                found = self._bad_decision(token)
                if found is not None:
                    yield found
            if pos == "ADJ":
                found = self._character(token) or self._conduct_verdict(token)
                if found is None and token.lower_ in _WANTING | w["verdict_adjectives"]:
                    found = self._found_wanting(token)
                if found is not None:
                    yield found
            if pos == "VERB" and token.lower_ in w["surprise_adjectives"]:
                # "it is baffling that no one checked": the adjective read as a verb
                doer = subject(token)
                if doer is not None and doer.lower_ == "it" and self._nobody_did(token, token):
                    yield Hit(*token_span(token, token), "conduct_verdict")
            if token.i == parsed[0].i and token.lower_ == "where":
                found = self._where_question(token)
                if found is not None:
                    yield found
            if lemma == "action" and token.dep_ == "dobj":
                found = self._action_against(token)
                if found is not None:
                    yield found

    def _verb_hits(self, verb: Token) -> Iterator[Hit]:
        """The patterns of a verb and its doer, in order; the first that fires is the hit.

        Who the doer is, and whether the sentence reports what happened, are asked only of
        a verb that a pattern's cheaper conditions keep: for a proper noun, who it is runs
        the entity recognizer on the sentence, which costs more than parsing it, and most
        verbs have no pattern that would read the answer.
        """
        w = self.words
        lemmas = self.lemmas(verb)
        doer = self.doer(verb)
        who = _once(lambda: self.person_kind(doer))
        told = _once(lambda: reported(verb))
        negated = is_negated(verb)
        nobody = doer is not None and doer.lower_ in ("nobody", "noone", "none")
        if (
            lemmas & w["failure_verbs"]
            and not negated
            and told()
            and who() in (STRICT if verb.lemma_.lower() == "fail" else OTHERS)
            and not routine_fail(verb, w["failure_verbs"])
        ):
            yield Hit(*span_of(doer, verb), "failure")
            return
        if lemmas & w["lapse_verbs"] and not negated and told() and who() in STRICT:
            yield Hit(*span_of(doer, verb), "lapse")
            return
        if (
            verb.lemma_.lower() == "do"
            and not negated
            and self._done_wrong(verb)
            and told()
            and who() in (*STRICT, SELF)
            and not explained(verb)
        ):
            reason = "self_lapse" if who() == SELF else "lapse"
            yield Hit(*span_of(doer, verb, with_object=True), reason)
            return
        if (
            lemmas & w["dereliction_verbs"]
            and doer is not None
            and not negated
            and told()
            and self._owed(verb)
        ):
            first = phrase_start(doer) if doer.i < verb.i else verb
            yield Hit(*token_span(first, verb), "dereliction")
            return
        if self._group_lapse(verb, lemmas, negated) and who() == GROUP:
            first = phrase_start(doer) if doer is not None and doer.i < verb.i else verb
            yield Hit(*token_span(first, verb), "group")
            return
        if (
            lemmas & (w["failure_verbs"] | w["lapse_verbs"])
            and verb.lemma_.lower() != "fail"
            and not negated
            and told()
            and who() == SELF
            and not routine_fail(verb, w["failure_verbs"])
            and not explained(verb)
        ):
            yield Hit(*span_of(doer, verb), "self_lapse")  # "we forgot", "I skipped"
            return
        if verb.lemma_.lower() == "fail" and not negated and told() and who() == SELF:
            if self._failed_outright(verb):
                yield Hit(*span_of(doer, verb, with_object=True), "self_lapse")
                return  # "we planned for this, and we failed", "we failed you"
            if (
                self._failed_task(verb)
                and not explained(verb)
                and not any(explained(c) for c in verb.children if c.dep_ == "xcomp")
            ):
                yield Hit(*span_of(doer, verb), "self_lapse")
                return  # "we failed to answer the report in time", "I failed to handle X"
        nobody_did = subject(verb) if is_passive(verb) else doer
        if not negated and _nobody(nobody_did) and told() and self._nobody_acted(verb):
            assert nobody_did is not None
            yield Hit(*token_span(phrase_start(nobody_did), verb), "inaction")
            return  # "no one stepped in", "nothing was done until the morning"
        manner = carelessly(verb) if not negated else None
        if (
            manner is not None
            and told()
            and who() == SELF
            and not explained(verb)
            and verb.lemma_.lower() not in w["stative_verbs"]
        ):
            yield Hit(
                *token_span(doer if doer is not None and doer.i < verb.i else verb, verb),
                "self_lapse",
            )
            return  # "we hurriedly pushed an untested fix"
        if negated and self._too_little_care(verb) and who() == SELF:
            yield Hit(*span_of(doer, verb, with_object=True), "self_lapse")
            return  # "we didn't test it properly", "we didn't take the warnings seriously"
        if negated and who() == SELF and self._duty_undone(verb):
            yield Hit(*span_of(doer, verb, with_object=True), "self_lapse")
            return  # "we did not tell the support team in advance", "I never tested it"
        # the verb's own words (a safeguard skipped, an error adverb) before the walk that
        # asks whether the sentence reports what happened: most verbs have neither
        skipped = self._without_safeguard(verb) if doer is not None and not negated else None
        if skipped is not None and told() and who() in STRICT:
            assert doer is not None
            yield Hit(
                *token_span(phrase_start(doer) if doer.i < verb.i else verb, skipped), "bypass"
            )
            return
        adverb = self.error_adverb(verb)
        if adverb is not None and told() and who() in OTHERS:
            yield Hit(*token_span(adverb, adverb), "error_adverb")
            return
        if (
            negated
            and not is_passive(verb)
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() not in w["stative_verbs"]
            and not linking(verb)
            and not lemmas & self._wrong_to_do
            and past_negation(verb)
            and told()
            and not explained(verb)
            and who() in STRICT
        ):
            yield Hit(*span_of(doer, verb), "omission")
            return
        harm = self.harm_hit(verb) or self.faulty_hit(verb, named=False)
        if harm is not None and harm[0] in (ROLE, PRONOUN):
            yield Hit(*harm[1], "cause")
            return
        # "firing the intern doesn't make sense": the punishment argued against
        argued_against = verb.dep_ == "csubj" and is_negated(verb.head)
        if (
            lemmas & w["punish_verbs"]
            and not negated
            and not conditional(verb)
            and not nobody
            and not argued_against
        ):
            for child in verb.children:
                target = resolve(child) if child.dep_ in ("dobj", "nsubjpass") else None
                if target is None and child.dep_ == "prep" and child.lower_ == "on":
                    target = next((g for g in child.children if g.dep_ == "pobj"), None)
                if self.person_kind(target) in STRICT:
                    shown = target if child.dep_ == "nsubjpass" else None
                    yield Hit(*span_of(shown, verb, with_object=True), "punitive")
                    return
        if (
            lemmas & _SANCTIONS
            and not conditional(verb)
            and not purposeful(verb)  # "moved the on-call off nights to recover"
            and _FOR_THE_INCIDENT.search(verb.doc.text)
        ):
            target = self._sanctioned(verb, negated)
            if target is not None:
                shown = target if target.i < verb.i else None
                yield Hit(*span_of(shown, verb, with_object=True), "punitive")

    def _sanctioned(self, verb: Token, negated: bool) -> Token | None:
        """The person a consequence of the incident falls on: removed, moved off, no longer
        allowed ("the intern will no longer be allowed to deploy"), or deprived of something
        ("the developer's bonus was withheld")."""
        lemma = verb.lemma_.lower()
        if lemma in ("allow", "permit") and not (negated or _no_longer(verb)):
            return None
        if lemma not in ("allow", "permit") and negated:
            return None
        if lemma in ("move", "reassign", "transfer") and not (
            is_passive(verb) and any(c.lower_ in ("off", "from", "out") for c in verb.children)
        ):
            return None  # "X was moved off the team"; not "moved the on-call off nights to rest"
        for child in verb.children:
            if child.dep_ not in ("nsubjpass", "dobj"):
                continue
            target = resolve(child)
            if self.person_kind(target) in STRICT:
                return target
            owner = next((c for c in target.children if c.dep_ == "poss"), None)
            if owner is not None and self.person_kind(owner) in STRICT:
                return owner  # "the developer's bonus"
        return None

    def _failed_outright(self, verb: Token) -> bool:
        """ "... and we failed.", "we failed our users": failing as a verdict, with no task
        named ("we failed to reproduce it", "we failed over to the replica") or only the
        people let down as its object; not an attempt that failed ("we tried and failed")."""
        if verb.dep_ == "conj" and verb.head.lemma_.lower() in ("try", "attempt"):
            return False
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                if self.person_kind(child) is None and child.lower_ not in ("you", "everyone"):
                    return False
            elif child.dep_ not in ("nsubj", "punct", "cc", "conj", "aux", "advmod") or (
                child.lower_ in ("over", "back", "open", "closed")  # "failed over"
            ):
                return False
        return True

    def _role_error(self, noun: Token) -> Hit | None:
        """An error named after the people who made it, as "human error" is: "an admin
        error", "a developer-error deleted the volume"; not "no operator error"."""
        if is_negated(noun.head) or any(c.lower_ == "no" for c in noun.children):
            return None
        for child in noun.children:
            hyphened = child.i == noun.i - 2 and noun.doc[noun.i - 1].text == "-"
            if not (child.dep_ == "compound" and child.i < noun.i) and not hyphened:
                continue
            # the tagger reads "technician-error" as an adjective, which is no role to it
            if self.person_kind(child) == ROLE or (hyphened and child.lower_ in self.people.roles):
                return Hit(*token_span(child, noun), "error_noun")
        return None

    def _failed_task(self, verb: Token) -> bool:
        """ "we failed to send the report within the week": the writers failing at a task
        they name (a verb after "to", or "for"/"in" with a gerund); not an attempt that did
        not succeed ("we failed to reproduce it", `routine_fail`), nor "failed over"."""
        if routine_fail(verb, self.words["failure_verbs"]):
            return False
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return True
            if (  # "we failed at keeping the page current"
                child.dep_ == "prep"
                and child.lower_ in ("for", "in", "at")
                and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in child.children)
            ):
                return True
        return False

    def _nobody_acted(self, verb: Token) -> bool:
        """What no one did, an omission by the people involved: "no one stepped in",
        "nobody answered the page", and the passive "nothing was done (to stop it)"; not
        what no one noticed, knew or suffered ("nobody noticed", which the labels read as
        a gap of alerting), not "nobody did anything wrong", not "nobody was notified"."""
        if verb.pos_ != "VERB" or linking(verb) or verb.tag_ not in ("VBD", "VBN"):
            return False  # "nobody was watching at 9am", "a mailbox nobody reads": how
            # things stood or stand, not a lapse
        if verb.dep_ in ("relcl", "acl"):
            return False
        w = self.words
        judged = w["surprise_adjectives"] | w["verdict_adjectives"]
        head = verb.head
        if verb.dep_ == "ccomp" and (
            head.lower_ in judged or any(c.lower_ in judged for c in head.children)
        ):
            return False  # "it is baffling that no one checked": judged there already
        if any(t.lower_ in ("wrong", "wrongly") for t in verb.subtree):
            return False  # "nobody did anything wrong": the writer clearing people
        lemma = verb.lemma_.lower()
        if is_passive(verb):
            return lemma == "do"  # "nothing was done"; "nobody was paged" names no doer
        if verb.tag_ != "VBD":
            return False  # "nobody from our team has updated it since": a state up to now
        quiet = w["stative_verbs"] | w["noticing_verbs"] | w["punish_verbs"] | _UNDERGONE
        return lemma not in quiet and self.lemmas(verb).isdisjoint(quiet)

    def _left_undone(self, did: Token) -> bool:
        """ "I only needed to click one button to take a backup, and I didn't": the writers
        say they left undone what was needed, with the verb left out after "did not"."""
        if not any(c.dep_ == "neg" for c in did.children):
            return False
        if any(c.dep_ in _COMPLEMENTS and c.i > did.i for c in did.children):
            return False  # "did not test it": the verb is there, `_duty_undone` reads it
        # (a complement before "did" is the clause it answers, which the parser may hang on
        # it: "I only need to click one button ... and I didn't")
        doer = subject(did)
        if doer is None or self.person_kind(doer) != SELF:
            return False
        before = {t.lemma_.lower() for t in did.doc[: did.i]}
        return bool(before & _NEEDED)

    def _duty_undone(self, verb: Token) -> bool:
        """The writers say they did not do what the change process asks of them: tell the
        people affected, test, review, follow the procedure ("we did not communicate the
        migration to the build team", "I never tested the fallback"); not a state ("did not
        know"), not with the reason given, not "did not test for X because ...", and not
        "we did not have to ..."."""
        lemma = verb.lemma_.lower()
        considered = lemma == "take" and any(  # "did not take the caching into account"
            c.dep_ == "prep"
            and c.lower_ == "into"
            and any(g.lower_ == "account" for g in c.children)
            for c in verb.children
        )
        acts = self.words["communication_verbs"] | self.words["duty_verbs"]
        if lemma not in acts and not considered:
            return False
        if not past_negation(verb) or not reported(verb) or explained(verb):
            return False
        return any(c.dep_ in ("dobj", "dative", "prep", "ccomp") for c in verb.children)

    def _too_little_care(self, verb: Token) -> bool:
        """The writers say they did not act with enough care: a past negation of an action
        with a word of diligence ("didn't test it properly", "did not review it thoroughly
        enough", "didn't spend much time hardening"); not a state ("did not have enough
        capacity") or a reason given ("... because the dashboards were green")."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() in self.words["stative_verbs"]:
            return False
        if not past_negation(verb) or not reported(verb) or explained(verb):
            return False
        if any(t.dep_ == "advmod" and t.lower_ in _CARE for t in verb.subtree):
            return True  # also where the parse put the adverb lower ("review the X carefully")
        for child in verb.children:
            if (
                child.dep_ == "dobj"
                and child.lemma_.lower() == "time"
                and any(a.lower_ in ("much", "enough", "sufficient") for a in child.children)
            ):
                return True  # "didn't spend much time hardening"
        return False

    @property
    def _wrong_to_do(self) -> frozenset[str]:
        """Acts whose omission is no lapse: "didn't blame the engineer", "did not break
        anything", "never deleted the backups", "never forgot a step"."""
        w = self.words
        harmful = w["punish_verbs"] | w["harm_verbs"] | w["destructive_verbs"] | {"blame"}
        return harmful | w["failure_verbs"] | w["lapse_verbs"]

    def _own_mistake(self, noun: Token, counted: bool = True) -> Hit | None:
        """The writers counting their own mistakes ("I've already made 2 big mistakes", "we
        made a lot of errors that night", "the worst mistake I made"); not with the reason
        given ("made an error because the prompt hid the host"), not negated, not a plan.
        Without `counted`, only the owned noun ("my failure", "our failures")."""
        error = noun
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if (
            owner is not None
            and owner.lower_ in ("my", "our")
            and noun.dep_ != "compound"  # "our error budget", "our error rate"
            and noun.tag_ in ("NN", "NNS")
            and not is_negated(noun.head)  # "it was not our mistake"
            and not conditional(noun.head)
        ):
            return Hit(*token_span(owner, noun), "self_lapse")  # "learn from our mistakes"
        if not counted:
            return None
        for clause in noun.children:  # "the biggest mistake I made", "errors we made"
            if (
                clause.dep_ == "relcl"
                and clause.lemma_.lower() in ("make", "do", "commit")
                and (doer := subject(clause)) is not None
                and self.person_kind(doer) == SELF
                and not (is_negated(clause) or explained(clause) or conditional(clause))
            ):
                return Hit(*token_span(noun, clause), "self_lapse")
        amount = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if amount is not None and amount.lemma_.lower() in _AMOUNTS:  # "made a lot of errors"
            noun = amount
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() != "make" or not reported(verb):
            return None
        doer = subject(verb)
        if doer is None or self.person_kind(doer) != SELF:
            return None
        if is_negated(verb) or explained(verb) or conditional(verb):
            return None
        return Hit(*token_span(doer if doer.i < error.i else verb, error), "self_lapse")

    @staticmethod
    def _done_wrong(verb: Token) -> bool:
        """ "did it wrong", "did everything wrong", "did the wrong thing": an act judged as
        a whole, with no step named ("ran the wrong script" names one, see `wrong_target`)."""
        judged = ("wrong", "wrongly", "badly", "poorly")
        for child in verb.children:
            if child.dep_ in _MANNER and child.lower_ in judged:
                return True  # "did it wrong", "did wrong" (parsed as its object)
            if (
                child.dep_ == "dobj"
                and child.lemma_.lower() in _WHOLE
                and any(a.dep_ == "amod" and a.lower_ == "wrong" for a in child.children)
            ):
                return True  # "did the wrong thing", "did everything wrong"
        return False

    def _owed(self, verb: Token) -> bool:
        """The verb's object (or its preposition's: "walked away from its users") is what
        the party owes: a duty, or the people it serves."""
        duties = self.words["duty_nouns"]
        particles = [c for c in verb.children if c.dep_ in ("prt", "advmod")]
        for child in [*verb.children, *(g for p in particles for g in p.children)]:
            objects = [child] if child.dep_ == "dobj" else []
            if child.dep_ == "prep":
                objects = [g for g in child.children if g.dep_ == "pobj"]
            if any(o.lemma_.lower() in duties or o.lower_ in duties for o in objects):
                return True
        return False

    def _group_lapse(self, verb: Token, lemmas: set[str], negated: bool) -> bool:
        """What an organisation is judged for, where its name may also be its product's:
        a lapse no system commits ("forgot", "botched"), not telling ("never told us",
        "did not notify"), and not acting on a message ("ignored our ticket", "did not
        respond to our e-mails", "failed to reply")."""
        w = self.words
        # The verb's own words first: most verbs are none of these, and whether the
        # sentence reports what happened walks the tree.
        human = not negated and bool(lemmas & (w["failure_verbs"] - {"fail", "ignore", "miss"}))
        acted = not human and not negated and bool(lemmas & _NOT_ACTED_ON)
        untold = negated and (
            verb.lemma_.lower() in w["communication_verbs"] or self._about_message(verb)
        )
        if not (human or acted or untold) or not reported(verb) or explained(verb):
            return False
        if human:
            return True
        if acted:
            goals = [c for c in verb.children if c.dep_ == "xcomp"] or [verb]
            owed = w["communication_verbs"] | w["upkeep_verbs"] | w["duty_verbs"]
            return any(self._about_message(goal) or goal.lemma_.lower() in owed for goal in goals)
        return past_negation(verb) and not is_passive(verb)

    def _untold(self, act: Token) -> Hit | None:
        """A party not telling the people it serves, in a frame of not doing: "failed to
        provide an explanation", "did not think to update the public", "was slow to
        explain", "unable to reassure", "ineffective in informing its customers". The
        party may be a name the entity recognizer leaves untagged ("Acme failed to give
        its users an honest account"), since only a party tells, explains or reassures;
        for such a name the act must be one no system does (not "notify" or "warn", which
        an alerting tool does)."""
        frame = act.head
        willed = False  # a frame only a will fills: any act of telling, whoever the doer
        if act.dep_ in ("pobj", "pcomp"):  # "ineffective in reassuring"
            if frame.lower_ not in ("in", "at"):
                return None
            frame = frame.head
            if _links(frame):  # "proved ineffective in informing": the prep on the verb
                frame = next(
                    (c for c in frame.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"),
                    frame,
                )
        if frame.pos_ == "ADJ":
            if frame.lower_ not in _SLOW_FRAMES or frame.dep_ not in ("acomp", "oprd", "conj"):
                return None
            while frame.dep_ == "conj" and frame.head.pos_ == "ADJ":
                frame = frame.head
            copula = frame.head
            if not _links(copula) or is_negated(copula) or is_negated(frame):
                return None
            if not reported(copula) and copula.tag_ != "VBN":
                return None
            doer = subject(copula)
            anchor = copula
        elif frame.pos_ in ("VERB", "AUX") and act.dep_ == "xcomp":
            lemma = frame.lemma_.lower()
            negated = is_negated(frame)
            if lemma in _FAILED_FRAMES and not negated:
                pass  # "failed to explain", "refused to tell"
            elif lemma in _UNMINDED_FRAMES and negated and past_negation(frame):
                willed = True  # "did not think to tell", "never bothered to explain"
            else:
                return None
            if not reported(frame) or is_passive(frame):
                return None
            doer = subject(frame)
            anchor = frame
        else:
            return None
        if doer is None or explained(anchor) or explained(act) or conditional(anchor):
            return None
        if _MACHINE_TEXT.search(act.sent.text):
            return None  # a log line pasted into prose: no one's words
        who = self.person_kind(doer)
        unknown = who is None and self._unknown_party(doer)
        if who not in (*OTHERS, GROUP) and not unknown:
            return None
        if not self._tells(act, strict=unknown and not willed):
            return None
        first = phrase_start(doer) if doer.i < act.i else act
        return Hit(*token_span(first, act), "untold")

    def _found_wanting(self, adjective: Token) -> Hit | None:
        """A party, or a party's conduct, said to fall short: "the carrier was ineffective",
        "the council's communications were inadequate", "the vendor's response was poor";
        not a system or a measure ("the retry policy proved ineffective"), not the writers'
        own conduct, not denied or supposed."""
        while adjective.dep_ == "conj" and adjective.head.pos_ == "ADJ":
            adjective = adjective.head
        copula = adjective.head
        if adjective.dep_ not in ("acomp", "oprd", "conj") or not _links(copula):
            return None  # ("was either unable to X, or ineffective in Y": a conj of the verb)
        if is_negated(copula) or is_negated(adjective) or not reported(copula):
            return None
        said_of = subject(copula)
        if said_of is None:
            return None
        if said_of.lemma_.lower() in _WANTING_CONDUCT and said_of.dep_ != "compound":
            owners = [c for c in said_of.children if c.dep_ == "poss"]
            owners += [
                g for c in said_of.children if c.dep_ in ("prep", "agent")
                and c.lower_ in ("of", "from", "by") for g in c.children if g.dep_ == "pobj"
            ]  # fmt: skip
            told = said_of.lemma_.lower() in _TOLD_CONDUCT
            # "Envoy's handling of retries": a name the recognizer does not know may be a
            # product's, so it owns only conduct that tells people
            owner = next(
                (
                    o
                    for o in owners
                    if self.person_kind(o) in (*STRICT, GROUP) or (told and self._unknown_party(o))
                ),
                None,
            )
            if owner is None:
                return None
            start = phrase_start(owner) if owner.i < said_of.i else said_of
            return Hit(*token_span(start, adjective), "wanting")
        if adjective.lower_ not in _WANTING or adjective.lower_ in _WANTING_CONDUCT_ONLY:
            return None  # "unacceptable", "poor" said of a party itself: not read here
        who = self.person_kind(said_of)
        if who not in (*STRICT, GROUP):
            return None
        bare = said_of.pos_ != "PROPN" and not any(
            c.dep_ in ("det", "poss") for c in said_of.children
        )
        if who == GROUP and (said_of.lemma_.lower() in self.words["ambiguous_people"] or bare):
            return None  # "the provider" may be a library's; "security was inadequate"
        return Hit(*token_span(phrase_start(said_of), adjective), "wanting")

    def _unknown_party(self, noun: Token) -> bool:
        """A capitalised proper noun the entity recognizer leaves untagged (or tags as an
        organisation, a nation or a place): a company, an agency or a council it does
        not know. Not a code word of the document, a known tool, or a modifier."""
        if not noun.text[:1].isupper() or noun.dep_ == "compound":
            return False
        ensure_entities(noun.doc)  # the entity recognizer runs only for this question
        if noun.pos_ != "PROPN" and not (noun.pos_ == "NOUN" and noun.ent_type_ == "ORG"):
            return False
        if noun.lower_ in self._things or noun.lower_ in self.words["things"]:
            return False
        return noun.ent_type_ in ("", "ORG", "GPE", "NORP")

    def _tells(self, act: Token, strict: bool) -> bool:
        """The act is telling people something: a verb of telling, reassuring, updating
        people (not records), or giving them information, an explanation, an apology.
        With `strict`, only what no system does."""
        word = act.lemma_.lower() if act.pos_ in ("VERB", "AUX") else _GERUNDS.get(act.lower_, "")
        if word == "let" and any(c.lower_ == "know" for c in act.children):
            word = "let know"  # "did not think to let us know"
        objects = [c for c in act.children if c.dep_ in ("dobj", "dative")]
        objects += [
            g
            for c in act.children
            if c.dep_ == "prep" and c.lower_ in ("with", "to")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        people = [o for o in objects if self._served(o)]
        tellers = _HUMAN_TELLING if strict else self.words["communication_verbs"] | _HUMAN_TELLING
        if word in tellers:
            # "Acme failed to inform its customers"; not "the agent failed to inform the
            # load balancer", where the name may be software's
            direct = [c for c in act.children if c.dep_ in ("dobj", "dative")]
            return not (strict and word in _TELLING_PEOPLE and direct and not people)
        if word in _UPDATE_VERBS:  # "update the public", "keep customers informed"
            return bool(people)
        if word in _GIVING_VERBS:  # "provide an explanation", "give us any information"
            nouns = _HUMAN_INFORMATION if strict else _INFORMATION
            return any(o.lemma_.lower() in nouns for o in objects)
        return False

    def _served(self, noun: Token) -> bool:
        """People a party tells: its customers, the public, a nation, a person or us."""
        return (
            noun.lemma_.lower() in _SERVED
            or noun.ent_type_ == "NORP"
            or self.person_kind(noun) is not None
        )

    def _about_message(self, verb: Token) -> bool:
        """The verb acts on a message: its object (or the object of its preposition) is a
        ticket, a report, an e-mail, a warning ("respond to our tickets")."""
        nouns = self.words["communication_nouns"]
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in nouns:
                return True
            if (
                child.dep_ == "prep"
                and child.lower_ in ("to", "on")
                and any(g.dep_ == "pobj" and g.lemma_.lower() in nouns for g in child.children)
            ):
                return True
        return False

    def _conduct(self, token: Token) -> Hit | None:
        """A demand on people's conduct: "engineers need to be more careful", "X must learn
        the protocol", "ensure everyone is more careful" (PM403 reports the same in action
        items)."""
        w = self.words
        careful = False  # "do X properly": a demand on others; "we need to X properly" a plan
        pos = token.pos_  # read once: each read makes a str, and most tokens are neither
        if pos != "ADJ" and pos != "VERB":
            return None
        if pos == "ADJ" and token.lemma_.lower() in w["conduct_states"]:
            act = token.head
            if act.pos_ not in ("AUX", "VERB") or token.dep_ not in ("acomp", "oprd", "xcomp"):
                return None
        elif pos == "VERB" and self._conduct_phrases(token) & w["conduct_verbs"]:
            act = token
        elif pos == "VERB" and token.lemma_.lower() == "stop" and self._harmful_habit(token):
            act = token  # "engineers need to stop making such basic mistakes"
        elif pos == "VERB" and any(
            c.dep_ == "advmod" and c.lower_ in _CARE for c in token.children
        ):
            act = token  # "contractors need to follow our procedures properly"
            careful = True
        else:
            return None
        if is_negated(act) or conditional(act):
            return None
        modals = ("must", "should", "need", "ought")
        demanded = any(c.dep_ == "aux" and c.lower_ in modals for c in act.children)
        if act.dep_ in ("xcomp", "ccomp") and not is_negated(act.head):
            demanded = demanded or act.head.lemma_.lower() in _DEMAND_VERBS
        if not demanded:
            return None
        doer = subject(act)
        if doer is None and act.dep_ == "xcomp":
            doer = subject(act.head)
        if doer is None:
            return None
        who = self.person_kind(doer)
        if who is None and doer.lower_ not in w["everyone"]:
            return None
        if careful and who == SELF:
            return None
        return Hit(*token_span(phrase_start(doer) if doer.i < token.i else token, token), "conduct")

    def _character(self, adjective: Token) -> Hit | None:
        """A judgement of a person's ability or character: "the inexperienced contractor",
        "the vendor was unresponsive", or an ability denied: "she is not a competent
        administrator", "he wasn't a strong engineer"."""
        w = self.words
        lemma = adjective.lemma_.lower()
        judging = (
            lemma in w["character_adjectives"] or adjective.lower_ in w["character_adjectives"]
        )
        able = lemma in w["competence_adjectives"] or adjective.lower_ in w["competence_adjectives"]
        if not (judging or able) or is_negated(adjective):
            return None
        while adjective.dep_ == "conj" and adjective.head.pos_ == "ADJ":
            adjective = adjective.head  # "weak and indecisive": the first one's place
        head = adjective.head
        person: Token | None
        copula: Token | None
        if adjective.dep_ == "amod" and head.dep_ == "acomp" and _links(head.head):
            # "remains silent, unresponsive, absent": a list of predicate adjectives the
            # parser hung on the last one, read as a noun
            person, copula = _predicated(head.head), head.head
        elif adjective.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
            person = head
            copula = head.head if head.dep_ == "attr" and head.head.lemma_ == "be" else None
        elif adjective.dep_ in ("acomp", "attr", "oprd") and _links(head):
            person, copula = _predicated(head), head
        else:
            return None
        if copula is not None and conditional(copula):
            return None
        if judging and copula is not None and _extraposed_act(copula, adjective):
            if is_negated(copula):
                return None
            return Hit(*token_span(adjective, adjective), "character")
        if (
            copula is not None
            and _act_named(copula)
            and is_negated(copula) == able
            and lemma not in _SITUATION_WORDS
        ):
            # "That was reckless.", "That wasn't smart.": an act judged by a pronoun for it
            doer = subject(copula)
            start = doer if doer is not None and doer.i < adjective.i else adjective
            return Hit(*token_span(start, adjective), "character")
        if able:  # an ability counts only where it is denied of them
            if copula is None or not is_negated(copula):
                return None
            person = _predicated(copula)
        elif copula is not None and is_negated(copula):
            return None
        who = self.person_kind(person)
        if person is None or who not in (*OTHERS, GROUP, SELF) or (who == SELF and able):
            return None
        if who == GROUP and person.lemma_.lower() in self.words["ambiguous_people"]:
            return None  # "the identity provider was unresponsive": a system's state
        start = min(phrase_start(person), adjective, key=lambda t: t.i)
        end = max(person, adjective, key=lambda t: t.i)
        return Hit(*token_span(start, end), "self_character" if who == SELF else "character")

    def _conduct_verdict(self, adjective: Token) -> Hit | None:
        """A verdict on how people or an organisation worked, whoever the sentence names:
        an act judged ("ignoring the warnings was inexcusable", "it was unacceptable to
        ship without a review", "it is unacceptable not to have a rollback plan"), or a way of
        working ("a reckless release culture", "the way the upgrade was handled
        was embarrassing"). Not an outcome ("such outages are unacceptable"), nor a
        standard stated ("it is unacceptable to lose data": present, and the act not
        denied), nor a denial or a supposition."""
        w = self.words
        lemma = adjective.lemma_.lower()
        verdict = lemma in w["verdict_adjectives"] or adjective.lower_ in w["verdict_adjectives"]
        trait = (
            lemma in w["character_adjectives"] or adjective.lower_ in w["character_adjectives"]
        ) and adjective.lower_ not in w["system_adjectives"]
        surprise = lemma in w["surprise_adjectives"] or adjective.lower_ in w["surprise_adjectives"]
        if not (verdict or trait or surprise) or is_negated(adjective):
            return None
        head = adjective.head
        if adjective.dep_ == "amod" and head.pos_ == "NOUN":
            if surprise and not (verdict or trait):
                return None
            to_do = any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in head.children)
            if head.lemma_.lower() not in w["conduct_nouns"] or (
                head.lower_ == "way" and not to_do
            ):
                return None  # "a way" alone says nothing; "an immature way to run it" judges
            verb = head.head
            if verb.pos_ in ("AUX", "VERB") and (is_negated(verb) or conditional(verb)):
                return None
            start = min((adjective, *adjective.children), key=lambda t: t.i)
            return Hit(*token_span(start, head), "conduct_verdict")
        if adjective.dep_ not in ("acomp", "attr") or not _links(head):
            return None
        if is_negated(head) or conditional(head):
            return None
        doer = subject(head)
        if doer is None:
            return None
        if doer.lower_ == "it" and self._nobody_did(head, adjective):
            return Hit(*token_span(adjective, adjective), "conduct_verdict")
        if not verdict:
            return None
        if doer.dep_ == "csubj" and doer.pos_ == "VERB" and doer.tag_ == "VBG":
            return Hit(*token_span(adjective, adjective), "conduct_verdict")  # "ignoring ..."
        if doer.dep_ == "nsubj" and doer.lemma_.lower() in _CONDUCT_SUBJECTS:
            if doer.lower_ != "way" or any(c.dep_ == "relcl" for c in doer.children):
                return Hit(*token_span(adjective, adjective), "conduct_verdict")
            return None
        if doer.lower_ != "it":
            return None
        for act in (*head.children, *adjective.children):
            if act.dep_ not in ("xcomp", "ccomp") or act.pos_ not in ("VERB", "AUX"):
                continue
            if act.i < adjective.i or not any(c.lower_ == "to" for c in act.children):
                continue
            if is_negated(act):  # "it is unacceptable not to have a rollback plan"
                return Hit(*token_span(adjective, adjective), "conduct_verdict")
            if head.tag_ == "VBD" and act.lemma_.lower() not in _EXPERIENCING:
                # not "it was embarrassing to see the status page go red"
                return Hit(*token_span(adjective, adjective), "conduct_verdict")
        return None

    def _nobody_did(self, copula: Token, adjective: Token) -> bool:
        """ "It is unbelievable that nobody tested the restore", "it was inexcusable that
        the vendor never replied": the clause after the verdict is an omission of people."""
        for clause in (*copula.children, *adjective.children):
            if clause.dep_ != "ccomp" or clause.i < adjective.i:
                continue
            if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                continue
            doer = subject(clause)
            if doer is None or is_passive(clause):
                continue
            owed = self.words["oversight_verbs"] | self.words["duty_verbs"]
            if not self.lemmas(clause) & (owed | self.words["upkeep_verbs"]):
                continue
            if doer.lower_ in ("nobody", "noone") or (
                doer.lower_ == "one" and any(c.lower_ == "no" for c in doer.children)
            ):
                return True
            if is_negated(clause) and self.person_kind(doer) in (*STRICT, GROUP):
                return True
        return False

    def _where_question(self, where: Token) -> Hit | None:
        """A rhetorical "Where was ...?" after the people who should have acted: "Where
        was the owner?", "Where was the oversight?", "Where were the maintainers?";
        not where a thing is ("Where is the config file?")."""
        verb = where.head
        if verb.lemma_ != "be" or where.dep_ != "advmod" or is_negated(verb):
            return None
        if not any(t.lower_ == "?" for t in verb.doc[where.i : where.i + 12]):
            return None
        found = subject(verb)
        if found is None:
            return None
        accountable = found.lemma_.lower() in self.words["accountability_nouns"]
        if not accountable and self.person_kind(found) not in (*OTHERS, GROUP):
            return None
        return Hit(*token_span(where, found), "accountability_question")

    def _mistake_judged(self, noun: Token) -> Hit | None:
        """What people did called a verdict: "An enormous and nearly disastrous blunder.",
        "it was some amateur mistakes that almost cost us", "one of my embarrassing
        blunders"; not a thing's ("a glaring oversight in the schema": a prepositional
        owner), not a compound ("mistake rate"), not denied or supposed (`rejection`)."""
        w = self.words
        if noun.dep_ == "compound" or is_negated(noun.head) or conditional(noun.head):
            return None
        owned = ("in", "of", "with", "from")
        if any(c.dep_ == "prep" and c.lower_ in owned for c in noun.children):
            return None
        judges = [
            a
            for c in noun.children
            if c.dep_ in ("amod", "compound")  # "schoolboy mistakes": a noun as modifier
            for a in (c, *c.conjuncts)
            if a.lemma_.lower() in w["mistake_judgements"] or a.lower_ in w["mistake_judgements"]
        ]
        if not judges:
            return None
        first = min(judges, key=lambda t: t.i)
        return Hit(*token_span(first, noun), "verdict")

    def _act_judged(self, noun: Token) -> Hit | None:
        """An act called a mistake by a pronoun for it ("This was a mistake.", "that was an
        error on our part") or with the act after it ("it was a mistake to deploy on a
        Friday"); not a thing's error ("this was an error in the parser") or a denial."""
        copula = noun.head
        if copula.lemma_ != "be" or copula.tag_ != "VBD":
            return None
        if is_negated(copula) or conditional(copula):
            return None
        doer = subject(copula)
        if doer is None or doer.dep_ != "nsubj":
            return None
        if any(c.dep_ == "prep" and c.lower_ not in ("on", "by") for c in noun.children):
            return None  # "an error in the parser", "a mistake of the cache layer"
        pronoun = doer.lower_ in ("that", "this")
        act_after = doer.lower_ == "it" and any(
            c.dep_ in ("xcomp", "ccomp", "acl", "relcl") and c.pos_ in ("VERB", "AUX")
            and c.i > noun.i and any(g.lower_ == "to" for g in c.children)
            for c in (*copula.children, *noun.children)
        )  # fmt: skip
        if not (pronoun or act_after):
            return None
        # the judged words only ("human error", not "This was human error"), so that a
        # phrase of the lexicon on the same words keeps its own coaching
        start = next(t for t in noun.subtree if t.dep_ not in ("det", "punct") or t is noun)
        return Hit(*token_span(start, noun), "decision")

    def _harmful_habit(self, stop: Token) -> bool:
        """What people are told to stop: making errors, breaking things."""
        w = self.words
        for act in (c for c in stop.children if c.dep_ in ("xcomp", "ccomp", "dobj")):
            if self.lemmas(act) & w["harm_verbs"]:
                return True
            if act.lemma_.lower() in w["error_nouns"] or any(
                o.dep_ == "dobj" and o.lemma_.lower() in w["error_nouns"] for o in act.children
            ):
                return True
        return False

    @staticmethod
    def _conduct_phrases(verb: Token) -> set[str]:
        """ "learn", "pay attention", "pay more attention", "take care": the verb with its
        object and particle."""
        lemma = verb.lemma_.lower()
        found = {lemma}
        for child in verb.children:
            if child.dep_ in ("dobj", "prt", "advmod") and child.i > verb.i:
                words = [t.lower_ for t in child.subtree if t.dep_ != "det"]
                found.add(f"{lemma} {child.lower_}")
                found.add(" ".join([lemma, *words]))
        return found

    def _without_safeguard(self, verb: Token) -> Token | None:
        """ "ran the migration without approval": the safeguard the person acted without;
        also without care ("reviewed it without being thorough") and ahead of the gate
        ("pushed the build before QA had signed off")."""
        for clause in verb.children:
            if (
                clause.dep_ == "advcl"
                and clause.lemma_.lower() in self.words["gate_verbs"]
                and any(m.dep_ == "mark" and m.lower_ == "before" for m in clause.children)
                and not is_negated(clause)
            ):
                return next((c for c in clause.children if c.dep_ == "prt"), clause)
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "without":
                continue
            for thing in prep.children:
                if thing.dep_ not in ("pobj", "pcomp"):
                    continue
                care = self.words["care_states"]
                state = next(
                    (c for c in thing.children if c.dep_ == "acomp" and c.lower_ in care), None
                )
                if thing.lower_ == "being" and state is not None:
                    return state  # "without being thorough"
                words = {thing.lemma_.lower(), thing.lower_}
                compound = " ".join(t.lower_ for t in thing.subtree if t.i <= thing.i)
                if words & self.words["safeguard_nouns"] or any(
                    compound.endswith(s) for s in self.words["safeguard_nouns"] if " " in s
                ):
                    return thing
        return None

    def _blame(self, token: Token) -> Hit | None:
        """Blame or fault put on a party: "X was to blame", "X was at fault", "the fault lies
        with X", "it was X's fault", "X bears responsibility", "X was the root cause" (X a
        person; for all but the root cause also an organisation)."""
        lemma = token.lemma_.lower()
        head = token.head
        found: Token | None = None
        if lemma == "blame" and token.pos_ == "VERB" and token.dep_ in _PREDICATES:
            found = self._party_of(head, (*OTHERS, GROUP, SELF))
        elif lemma == "fault" and token.dep_ == "pobj" and head.lower_ == "at":
            found = self._party_of(head.head, (*OTHERS, GROUP, SELF))
        elif lemma == "responsibility" and token.dep_ == "dobj" and head.lemma_ == "bear":
            party = self._party_of(head, (*OTHERS, GROUP), copula=False)
            if party is not None:
                return Hit(*span_of(party, head, with_object=True), "blame")
        elif lemma == "cause" and token.dep_ == "attr" and _root(token):
            found = self._party_of(head, OTHERS)
        if found is not None:  # "I was to blame": the writers blaming themselves
            mine = self.person_kind(found) == SELF
            return Hit(*span_of(found, token), "self_character" if mine else "blame")
        if lemma == "fault" and token.pos_ == "NOUN" and token.dep_ in ("attr", "nsubj"):
            owned = self._fault_of(token)
            if owned is not None:
                return owned
        if lemma != "cause" and token.dep_ == "nsubj" and head.lemma_ in _LIES_WITH:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "on"):
                    for grand in child.children:
                        if grand.dep_ == "pobj" and self.person_kind(grand) in (*OTHERS, GROUP):
                            return Hit(*token_span(token, grand), "blame")
        return None

    def _party_of(self, verb: Token, kinds: tuple[str, ...], copula: bool = True) -> Token | None:
        """The subject of an asserted "be" (or of `verb`, without `copula`), if one of `kinds`."""
        if copula and verb.lemma_ != "be":
            return None
        if is_negated(verb) or conditional(verb):
            return None
        party = subject(verb)
        return party if self.person_kind(party) in kinds else None

    def _fault_of(self, fault: Token) -> Hit | None:
        """ "It was the vendor's fault", "the outage is the fault of the operators"."""
        if fault.dep_ == "attr" and (is_negated(fault.head) or conditional(fault.head)):
            return None
        owners = [c for c in fault.children if c.dep_ == "poss"]
        for prep in fault.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                owners += [g for g in prep.children if g.dep_ == "pobj"]
        for owner in owners:
            if self.person_kind(owner) in (*OTHERS, GROUP):
                first = phrase_start(owner) if owner.i < fault.i else fault
                return Hit(*token_span(first, fault), "blame")
        return None

    def _bad_decision(self, adjective: Token) -> Hit | None:
        """A decision judged: "a poor decision", "the wrong call", "restarting every node
        at once was a terrible idea". Not where a system made it ("the scheduler made a
        bad choice of shard") or where the judgement is denied or hypothetical."""
        noun = adjective.head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head  # "incorrect emergency response decisions"
        if adjective.dep_ == "acomp" and _links(noun):
            return self._decision_called(adjective, noun)
        if adjective.dep_ != "amod" or noun.lemma_.lower() not in self.words["decision_nouns"]:
            return None
        verb = noun.head
        if verb.pos_ in ("AUX", "VERB") and (is_negated(verb) or conditional(verb)):
            return None
        maker = next((c for c in noun.children if c.dep_ == "poss"), None)
        if maker is None and noun.dep_ == "dobj":
            maker = subject(verb)
        if maker is None:  # "incorrect decisions made by the scheduler"
            made = (agent(c) for c in noun.children if c.dep_ == "acl")
            maker = next((m for m in made if m is not None), None)
        if maker is not None and maker.pos_ in ("NOUN", "PROPN") and not self.person_kind(maker):
            return None  # a system's choice
        return Hit(*token_span(adjective, noun), "decision")

    def _decision_called(self, adjective: Token, copula: Token) -> Hit | None:
        """ "The decision to skip the load test was shortsighted": a decision judged as
        a predicate; not a system's ("the scheduler's placement choice was wrong")."""
        noun = subject(copula)
        if noun is None or noun.lemma_.lower() not in self.words["decision_nouns"]:
            return None
        if is_negated(copula) or conditional(copula):
            return None
        makers = [c for c in noun.children if c.dep_ in ("poss", "compound")]
        if any(self.person_kind(m) is None and m.pos_ in ("NOUN", "PROPN") for m in makers):
            return None
        return Hit(*token_span(phrase_start(noun), adjective), "decision")

    def _failure_of(self, noun: Token) -> Hit | None:
        """A party's failure as a noun: "the vendor's refusal to engage", "TFL's failure to
        respond", "the unwillingness of the board to act" (the writer's own is a phrase in
        blame.yaml)."""
        if not any(c.dep_ in ("xcomp", "acl") and c.pos_ in ("VERB", "AUX") for c in noun.children):
            return None  # "a failure of the disk", "the team's failure" (an event, not a lapse)
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
        owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for owner in owners:
            who = self.person_kind(owner)
            if who not in (*STRICT, GROUP) and owner.pos_ == "PROPN" and self._willed(noun):
                who = GROUP  # "TFL refusal to engage": only a party refuses
            if who in (*STRICT, GROUP):
                first = phrase_start(owner) if owner.i < noun.i else noun
                return Hit(*token_span(first, noun), "group" if who == GROUP else "failure")
        return None

    @staticmethod
    def _willed(noun: Token) -> bool:
        """A failure noun only a will can own: a refusal, an unwillingness (a product's
        "failure to start" is no one's choice), with a name before it."""
        willed = noun.lemma_.lower() in ("refusal", "unwillingness", "reluctance")
        # an organisation's name takes no article ("TFL refusal"); a technology's does
        # ("the TLS refusal to negotiate")
        return willed and not any(c.dep_ == "det" for c in noun.children)

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


# The findings that judge (a word, a fault, a sanction) rather than report a lapse: these
# do not stand in a frame that rejects them (`rejection`). Not a judgement of character or
# of a decision: their patterns read the negation themselves ("that wasn't smart" judges).
_JUDGEMENTS = frozenset(
    ("phrase", "error_noun", "blame", "responsible", "punitive", "faulty_work", "cause",
     "error_adverb", "conduct")
)  # fmt: skip
# Words that may open such a frame: a phrase in a sentence without one needs no parse.
_FRAME_CUE = re.compile(
    r"(?i:\b(?:not|never|none|nobody|no|neither|nothing|if|unless|whether|could|would|might|"
    r"may|consider\w*|threaten\w*|inevitable|unavoidable|normal|natural|human|happen\w*"
    r"|risk|chances?|room|prone|resilient|robust|tolerant|resistant|susceptible|vulnerable"
    r"|immune|proof|prevent\w*|avoid\w*|eliminat\w*|reduc\w*|minimi[sz]\w*|mitigat\w*"
    r"|guard\w*|protect\w*|safeguard\w*|against)\b"
    r"|n['’]t\b|[\"“”])"
)

# The cheap pass's versions of what the parse reads: not telling or failing to ("never
# told us", "failed to respond"), ignoring a message, fault or blame put on someone, and a
# party as the root cause.
_NOT_OR_FAIL = rf"{NEGATION}|\b(?i:fail\w*)\b"
_IGNORE = r"\b(?i:ignor\w*|disregard\w*|refus\w*)"
_FAULT_PUT = (
    r"(?i:\bat fault\b|['’]s? fault\b|\b(?:their|his|her) fault\b|\bfault of\b|\bto blame\b"
    r"|\b(?:fault|blame|responsibility) (?:[\w-]+ ){0,5}(?:lies|lay|rests|rested|falls|fell)\b"
    r"|\b(?:bears?|bore|borne) (?:\w+ )?(?:\w+ )?responsibility\b)"
)
# What a verdict adjective said of a subject judges people by (`_conduct_verdict`): words
# for a way of working only, not those also said of a design or a system ("the approach
# was unacceptable for our latency budget", "the response from the API was unacceptable").
_CONDUCT_SUBJECTS = frozenset(
    ("stance", "attitude", "posture", "mindset", "culture", "behaviour", "behavior",
     "conduct", "handling", "way")
)  # fmt: skip
# Acts of seeing or telling after "it was embarrassing to ...": the writers' feeling, not
# a verdict on what was done ("it was embarrassing to see the status page go red").
_EXPERIENCING = frozenset(
    ("see", "watch", "hear", "read", "admit", "say", "tell", "explain", "write", "find",
     "learn", "discover", "realise", "realize", "know", "have", "get", "receive", "be")
)  # fmt: skip
# The cheap pass's versions of a linking verb and of a rhetorical "Where was ...?".
_LINKED = r"\b(?i:is|was|were|are|be|been|being|seems?|seemed|becomes?|became|remains?)\b"
_WHERE_WAS = r"^\W*(?i:where)\s+(?:was|were|is|are)\b"
_ROOT_CAUSE = r"(?i:\b(?:was|is|were|are) (?:the |a )?(?:root|main|primary|sole) cause\b)"
# The cheap pass's version of a demand (`BlameLanguage._conduct` reads the parse).
_DEMAND = (
    r"(?i:\b(?:must|should|ought|need|needs|needed|ha(?:ve|s|d) to|ensur\w*|make sure|"
    r"requir\w*|expect\w*|ask\w*|remind\w*|tell|told|urg\w*|encourag\w*|wants?)\b)"
)
# What "to blame" is the complement of ("X was to blame"), and the verbs blame "lies with".
_PREDICATES = ("xcomp", "advcl", "acomp", "attr")
_LIES_WITH = frozenset(("lie", "rest", "fall", "lay"))


# What happens to people or what they perceive, not what they do or leave undone: "no
# one lost data", "nobody complained", "nobody minded".
_UNDERGONE = frozenset(
    ("lose", "suffer", "die", "experience", "feel", "mind", "complain", "report", "mention",
     "say", "object", "recall", "believe", "suspect", "guess", "hurt",
     # done to the writers, not left undone ("nobody bothered us during the freeze")
     "bother", "disturb", "interrupt",
     # an attempt no one made dates when work began ("nobody attempted to deploy it
     # until March"), as a timeline does, without a duty left undone
     "attempt", "try")
)  # fmt: skip


def _nobody(doer: Token | None) -> bool:
    """ "nobody", "no one", "none", and the subject "nothing" of a passive verb."""
    if doer is None:
        return False
    if doer.lower_ in ("nobody", "noone", "no-one", "none"):
        return True
    if doer.lower_ == "nothing":
        return doer.dep_ == "nsubjpass"
    if doer.head.lower_ == "of" and doer.head.head.lower_ == "none":
        return True  # "none of the approvers": `subject` resolves the partitive
    return doer.lower_ == "one" and any(c.lower_ == "no" for c in doer.children)


def _root(cause: Token) -> bool:
    """ "the root cause", "the main cause": the cause, not one of several."""
    return any(c.lower_ in ("root", "sole", "main", "primary") for c in cause.children)


# Verbs that make their complement a demand: "need to be careful", "ensure X is careful".
# Consequences for a person that a sentence ties to the incident (`_FOR_THE_INCIDENT`).
_SANCTIONS = frozenset(
    ("remove", "move", "take off", "ban", "bar", "exclude", "revoke", "withhold", "strip",
     "allow", "permit", "reassign", "transfer")
)  # fmt: skip
_FOR_THE_INCIDENT = re.compile(
    r"\b(?:because of|as a result of|due to|following|after|over)\s+(?:this|that|the|his|her|"
    r"their)\s+(?:incident|outage|mistake|error|breach|failure|blunder|screw-?up)\b"
    r"|\bafter what happened\b|\bbecause of (?:this|that|it)\b|\bnext time\b",
    re.IGNORECASE,
)


def _no_longer(verb: Token) -> bool:
    """ "will no longer be allowed": "no longer" among the verb's modifiers."""
    return any(c.lower_ == "longer" and c.dep_ == "advmod" for c in verb.children) or any(
        c.lower_ == "longer" for c in verb.subtree if c.i < verb.i
    )


_MANNER = frozenset(("advmod", "acomp", "oprd", "xcomp", "ccomp", "dobj"))
_WHOLE = frozenset(("thing", "things", "everything", "something", "lot", "much"))
_DID = r"\b(?i:do|does|did|doing|done)\b"
# Verbs whose doer left a message unanswered: "ignored our ticket", "failed to reply".
_NOT_ACTED_ON = frozenset(("fail", "ignore", "disregard", "refuse"))
# "a lot of", "a number of": how many errors, not a thing made of them ("a list of errors")
_AMOUNTS = frozenset(("lot", "lots", "number", "couple", "series", "bunch", "handful", "string"))
_DEMAND_VERBS = frozenset(
    ("need", "have", "ought", "must", "ensure", "sure", "require", "expect", "ask", "remind",
     "tell", "urge", "encourage", "want")
)  # fmt: skip


# A party or its conduct found wanting (`BlameLanguage._found_wanting`): words of falling
# short, said of a party ("the carrier proved ineffective") or of how it acted ("its
# communication was inadequate"); the last ones only of its conduct ("the vendor was poor"
# may be about money). Verdict words join them for conduct.
_WANTING = frozenset(
    ("inadequate", "ineffective", "ineffectual", "unsatisfactory", "deficient", "woeful",
     "abysmal", "dismal", "lamentable", "substandard", "subpar", "lacklustre", "lackluster",
     "poor", "shambolic")
)  # fmt: skip
_WANTING_CONDUCT_ONLY = frozenset(("poor",))
# How a party acts, judged as a whole when it is named as its owner ("the council's
# response", "the handling of the outage by the carrier").
_WANTING_CONDUCT = frozenset(
    ("communication", "response", "handling", "management", "conduct", "behaviour",
     "behavior", "attitude", "approach", "stance", "oversight", "leadership", "planning",
     "preparation", "preparedness", "coordination", "engagement", "messaging", "outreach")
)  # fmt: skip
# Conduct only a party has (telling people), whoever the name belongs to.
_TOLD_CONDUCT = frozenset(("communication", "messaging", "outreach", "engagement"))
_WANTING_CUE = r"(?i:\b(?:" + "|".join(sorted(_WANTING)) + r")\b)"
_PROVED = r"\b(?i:prov(?:ed?|en))\b"

# Machine output pasted into a paragraph: a key set with "=" or a device path. A tool's
# message "unable to find ..." judges no one.
_MACHINE_TEXT = re.compile(r"\w ?= ?[\w\[\"']|\[/|(?<![\w.])/dev/")

# A party not telling the people it serves (`BlameLanguage._untold`). The frames of not
# doing: a failure or a refusal, an intent denied ("did not think to", "never bothered
# to"), and a predicate of slowness or inability ("was slow to", "unable to").
_FAILED_FRAMES = frozenset(("fail", "neglect", "refuse", "decline", "omit"))
_UNMINDED_FRAMES = frozenset(("think", "bother", "trouble", "care", "deign"))
_SLOW_FRAMES = frozenset(
    ("slow", "unable", "unwilling", "reluctant", "ineffective", "late", "hesitant", "loath",
     "loth", "incapable")
)  # fmt: skip
# Telling that no system does (an alerting tool notifies and warns; only a party
# explains itself, apologises or reassures), and the verbs that tell by their object.
_HUMAN_TELLING = frozenset(
    ("tell", "inform", "explain", "apologise", "apologize", "reassure", "let know")
)  # fmt: skip
# Telling that software does too ("the agent informed the load balancer"): for a name
# the entity recognizer does not know, only with people as the object.
_TELLING_PEOPLE = frozenset(("tell", "inform", "let know"))
_UPDATE_VERBS = frozenset(("update", "brief", "keep"))
_GIVING_VERBS = frozenset(("provide", "give", "offer", "share", "issue", "publish", "supply"))
# What a party gives those it serves when it tells them; the first ones only a party gives.
_HUMAN_INFORMATION = frozenset(
    ("explanation", "communication", "apology", "transparency", "clarity", "reassurance",
     "assurance")
)  # fmt: skip
_INFORMATION = _HUMAN_INFORMATION | frozenset(
    ("information", "update", "detail", "notice", "warning", "guidance", "statement",
     "timeline", "notification", "advice", "estimate", "answer", "account")
)  # fmt: skip
# The people a party serves, whom it updates or keeps informed.
_SERVED = frozenset(
    ("public", "customer", "user", "subscriber", "client", "community", "people", "consumer",
     "passenger", "resident", "citizen", "member", "patient", "traveller", "traveler",
     "parent", "student", "stakeholder", "shareholder", "investor", "partner", "regulator",
     "merchant", "seller", "buyer", "tenant", "reader", "viewer", "player", "listener",
     "driver", "rider", "account holder", "household", "business")
)  # fmt: skip
_TELLING_WORDS = (
    _HUMAN_TELLING | _UPDATE_VERBS | _GIVING_VERBS
    | frozenset(("warn", "notify", "communicate", "announce", "acknowledge", "contact"))
)  # fmt: skip


_GERUNDS = {f"{w[:-1] if w.endswith('e') else w}ing": w for w in _TELLING_WORDS if " " not in w}
_TELLING_FORMS = frozenset({w.split()[0] for w in _TELLING_WORDS} | set(_GERUNDS))
_TELLING_CUE = (
    r"(?i:\b(?:"
    + "|".join(sorted({w.split()[0] for w in _TELLING_WORDS} | set(_GERUNDS)))
    + r")\b)"
)
_UNTOLD_FRAME = (
    r"(?i:\b(?:fail\w*|neglect\w*|refus\w*|declin\w*|omit\w*|slow|unable|unwilling|reluctant"
    r"|ineffective|late|hesitant|loath|loth|incapable|(?:think|thought|bother\w*|trouble\w*"
    r"|care\w*|deign\w*)\s+to)\b)"
)


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
