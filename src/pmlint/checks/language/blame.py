"""PM301 blame-language: judgements of people, and people as the subject of a failure, an
omission or an error (see `base` for how the language rules run)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from pmlint.checks.base import Option
from pmlint.checks.language.base import (
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
    past_negation,
    phrase_start,
    reported,
    routine_fail,
    span_of,
    token_span,
)
from pmlint.checks.language.harm import HarmCheck
from pmlint.nlp import textcat
from pmlint.nlp.cascade import Trigger
from pmlint.nlp.sentences import Sentence, starts_with_time
from pmlint.nlp.syntax import (
    NAMED,
    PRONOUN,
    ROLE,
    SELF,
    conditional,
    is_negated,
    is_passive,
    resolve,
    subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What an omission needs besides the negation (`grammar.past_negation`): the auxiliary of a past
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


class BlameLanguage(HarmCheck):
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
        "conduct": "Asks people to behave better instead of changing the system",
        "character": "Judges a person's ability or character",
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
            if is_task(block) or in_section(block, "action-items", "timeline"):
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
            Trigger.of(NEGATION, [named, _PAST_AUX]),
            Trigger.of(self.pattern("harm_verbs"), [person]),
            Trigger.of(
                self.pattern("faulty_action_verbs", "destructive_verbs", "disruptive_verbs"),
                [person, self.pattern("faulty_adjectives", "harm_nouns", "error_adverbs")],
            ),
            Trigger.of(self.pattern("error_nouns"), [person]),
            Trigger.of(self.pattern("punish_verbs"), [person]),
            Trigger.of(r"\baction\b", [person, r"\b(?:against|with)\b"]),
            Trigger.of(r"\bblame\b|\bresponsible\b", [person]),
            Trigger.of(self.pattern("character_adjectives", "competence_adjectives"), [person]),
            Trigger.of(
                self.pattern("conduct_states", "conduct_verbs"),
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
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
                yield from self._verb_hits(token)
            if token.lemma_.lower() in w["error_nouns"] and token.pos_ in ("NOUN", "PROPN"):
                hit = self.error_noun_hit(token, OTHERS)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "error_noun")
            if token.lower_ == "responsible":
                hit = self.responsible_hit(token)
                if hit is not None and hit[0] != NAMED:
                    yield Hit(*hit[1], "responsible")
            if token.lemma_.lower() == "blame":
                found = self._blame(token)
                if found is not None:
                    yield found
            if token.pos_ == "ADJ":
                found = self._character(token)
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
            and not routine_fail(verb, w["failure_verbs"])
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
            and not routine_fail(verb, w["failure_verbs"])
            and not explained(verb)
        ):
            yield Hit(*span_of(doer, verb), "self_lapse")  # "we forgot", "I skipped"
            return
        if who in STRICT and doer is not None and reported(verb) and not negated:
            skipped = self._without_safeguard(verb)
            if skipped is not None:
                yield Hit(
                    *token_span(phrase_start(doer) if doer.i < verb.i else verb, skipped), "bypass"
                )
                return
        if who in OTHERS and reported(verb):
            adverb = self.error_adverb(verb)
            if adverb is not None:
                yield Hit(*token_span(adverb, adverb), "error_adverb")
                return
        if (
            negated
            and who in STRICT
            and not is_passive(verb)
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() not in w["stative_verbs"]
            and past_negation(verb)
            and reported(verb)
            and not explained(verb)
        ):
            yield Hit(*span_of(doer, verb), "omission")
            return
        harm = self.harm_hit(verb) or self.faulty_hit(verb, named=False)
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

    def _conduct(self, token: Token) -> Hit | None:
        """A demand on people's conduct: "engineers need to be more careful", "X must learn
        the protocol", "ensure everyone is more careful" (PM403 reports the same in action
        items)."""
        w = self.words
        if token.pos_ == "ADJ" and token.lemma_.lower() in w["conduct_states"]:
            act = token.head
            if act.pos_ not in ("AUX", "VERB") or token.dep_ not in ("acomp", "oprd", "xcomp"):
                return None
        elif token.pos_ == "VERB" and self._conduct_phrases(token) & w["conduct_verbs"]:
            act = token
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
        if self.person_kind(doer) is None and doer.lower_ not in w["everyone"]:
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
        head = adjective.head
        person: Token | None
        copula: Token | None
        if adjective.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
            person = head
            copula = head.head if head.dep_ == "attr" and head.head.lemma_ == "be" else None
        elif adjective.dep_ in ("acomp", "attr") and head.lemma_ == "be":
            person, copula = subject(head), head
        else:
            return None
        if copula is not None and conditional(copula):
            return None
        if able:  # an ability counts only where it is denied of them
            if copula is None or not is_negated(copula):
                return None
            person = subject(copula)
        elif copula is not None and is_negated(copula):
            return None
        if person is None or self.person_kind(person) not in OTHERS:
            return None
        start, end = sorted((phrase_start(person), adjective), key=lambda t: t.i)
        return Hit(*token_span(start, end), "character")

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


# The cheap pass's version of a demand (`BlameLanguage._conduct` reads the parse).
_DEMAND = (
    r"(?i:\b(?:must|should|ought|need|needs|needed|ha(?:ve|s|d) to|ensur\w*|make sure|"
    r"requir\w*|expect\w*|ask\w*|remind\w*|tell|told|urg\w*|encourag\w*|wants?)\b)"
)
# Verbs that make their complement a demand: "need to be careful", "ensure X is careful".
_DEMAND_VERBS = frozenset(
    ("need", "have", "ought", "must", "ensure", "sure", "require", "expect", "ask", "remind",
     "tell", "urge", "encourage", "want")
)  # fmt: skip


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
