"""PM302 individual-as-cause: a named person as the doer of a harmful or faulty action,
outside the sections where naming who did what is fine (see `base` for how the language
rules run)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pmlint.checks.base import Option
from pmlint.checks.language.base import Hit, LanguageCheck, in_section
from pmlint.checks.language.harm import CARELESSLY, HarmCheck
from pmlint.nlp.cascade import Trigger
from pmlint.nlp.sentences import Sentence, starts_with_time
from pmlint.nlp.syntax import NAMED

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class IndividualAsCause(HarmCheck):
    kind = "individual-as-cause"
    near_words = 8  # a named doer within 8 words of the action's word, or not parsed
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
            "Canonical sections where naming who did what is fine (a faulty change, an "
            "error or harm caused is still reported there); `timeline` also covers lines "
            "that open with a time anywhere.",
        ),
    )
    reasons: ClassVar[dict[str, str]] = {
        "phrase": "Names a person as the cause",
        "cause": "A named person is the cause",
        "destructive": "A named person is the cause",
        "faulty_action": "A named person is the cause",
        "error_noun": "Attributes the error to a named person",
        "faulty_work": "Judges a named person's change",
        "responsible": "Makes a named person responsible for the failure",
    }

    def _who_did_what(self, sentence: Sentence) -> bool:
        """The sentence is where naming who did what is fine (`allow_in`): there a name with
        a plain destructive action is the record ("10:05 Dave deleted the old table"), but
        a name with a faulty change, an error or harm caused is still a judgement."""
        allowed = set(self.opts["allow_in"])
        if in_section(sentence.block, *allowed):
            return True
        return "timeline" in allowed and starts_with_time(sentence.block)

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
            Trigger.of(
                rf"{self.pattern('faulty_adjectives', 'character_adjectives')}|{CARELESSLY}",
                [named, self.pattern("change_nouns")],
            ),
            Trigger.of(r"\bresponsible\b", [named]),
        ]

    def syntax_hits(self, sentence: Sentence, parsed: Doc) -> Iterator[Hit]:
        recorded = self._who_did_what(sentence)
        for hit in self._named_hits(parsed):
            if not (recorded and hit.pattern == "destructive"):
                yield hit

    def _named_hits(self, parsed: Doc) -> Iterator[Hit]:
        w = self.words
        only_named = (NAMED,)
        for token in parsed:
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
                found = self._verb_hit(token)
                if found is not None:
                    yield found
            if token.lemma_.lower() in w["error_nouns"] and token.pos_ in ("NOUN", "PROPN"):
                hit = self.error_noun_hit(token, only_named)
                if hit is not None:
                    yield Hit(*hit[1], "error_noun")
            if token.lower_ == "responsible":
                hit = self.responsible_hit(token)
                if hit is not None and hit[0] == NAMED:
                    yield Hit(*hit[1], "responsible")
            if token.pos_ in ("NOUN", "PROPN"):
                hit = self.faulty_work_hit(token, only_named)
                if hit is not None:
                    yield Hit(*hit[1], "faulty_work")

    def _verb_hit(self, verb: Token) -> Hit | None:
        harm = self.harm_hit(verb)
        if harm is not None:
            return Hit(*harm[1], "cause") if harm[0] == NAMED else None
        faulty = self.faulty_hit(verb, named=True)
        if faulty is not None and faulty[0] == NAMED:
            destructive = self.lemmas(verb) & (
                self.words["destructive_verbs"] | self.words["disruptive_verbs"]
            )
            return Hit(*faulty[1], "destructive" if destructive else "faulty_action")
        return None
