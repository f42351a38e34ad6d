"""Who does what in a parsed sentence: subjects, agents, negation, and who a noun is.

Helpers over spaCy tokens (en_core_web_sm labels), shared by the language rules and
usable by others (action-item owners, for one):

- `subject(verb)`: the verb's subject, through coordination ("X did A and forgot B"),
  relative clauses ("the engineer who ...") and partitives ("one of the technicians").
- `agent(verb)`: the noun of a passive "by ..." phrase.
- `People(...).kind(token)`: "named" (a PERSON entity or a known given name, an
  @handle, an e-mail address), "role" (engineer, the team, the release manager ...),
  "role?" (a role that also names software: operator, worker), "pronoun" (he, she,
  they ...), "self" (I, we), "group" (an organisation acting: the registrar, the QA
  department, an ORG entity), or None for anything else: systems, components,
  processes, things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmlint.nlp.names import given_names
from pmlint.nlp.pipeline import ensure_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAMED, ROLE, PRONOUN, SELF = "named", "role", "pronoun", "self"
# A role noun that also names software ("the operator", "a worker", "the owner"): a
# person for "forgot" or "mistakenly", not for "failed" or "did not retry".
MAYBE_ROLE = "role?"
# An organisation or a department as an agent ("the registrar", "Engineering", an ORG
# entity): judged only for what a system cannot do (ignore a ticket, not tell anyone,
# be to blame), since a company's name is often also its product's ("GitHub failed").
GROUP = "group"
PERSON_KINDS = (NAMED, ROLE, PRONOUN, SELF, MAYBE_ROLE, GROUP)

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_PARTITIVE = frozenset(
    ("one", "some", "all", "each", "several", "many", "few", "most", "both", "either")
) | frozenset(("neither", "any", "none", "two", "three"))
_RELATIVE = frozenset(("who", "that", "which", "whom"))
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# A letter or a number standing for a person ("Engineer A", "Developer 2").
_LABEL = re.compile(r"(?:[A-Z]|\d{1,2})$")
_HANDLE = re.compile(r"^@[A-Za-z0-9][\w.-]*$")
_LOGIN_AT = re.compile(r"^[a-z][a-z0-9._-]+@$")
_ON_CALL = re.compile(r"\bon-?call(?:er)?s?$", re.IGNORECASE)
_NEGATIONS = frozenset(("not", "n't", "never", "no"))


def subject(verb: Token) -> Token | None:
    """The subject of a verb, following coordination, relative clauses and partitives."""
    node = verb
    for _ in range(8):  # conj chains are short; the bound guards odd parses
        found = [c for c in node.children if c.dep_ in SUBJECTS]
        if found:
            # the nearest one before the verb: "10:09 UTC: Bob forgot" has two
            before = [c for c in found if c.i < node.i]
            return resolve(before[-1] if before else found[0])
        if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX") and _joined(node.head, node):
            node = node.head
            continue
        if node.dep_ in ("xcomp",) and node.head.pos_ in ("VERB", "AUX"):
            node = node.head  # "forgot to copy": copy's doer is forgot's subject
            continue
        break
    if verb.dep_ == "relcl" or (node.dep_ == "relcl" and node.i != verb.i):
        return resolve(node.head)  # "the engineer who ... took down": the engineer
    return None


_BREAKS = frozenset((":", ";", '"', "“", "”", "(", ")", "[", "]"))


def _joined(first: Token, second: Token) -> bool:
    """Two coordinated verbs share a subject unless a colon, quote or bracket splits them."""
    low, high = sorted((first.i, second.i))
    return not any(t.text in _BREAKS for t in first.doc[low + 1 : high])


def resolve(token: Token) -> Token:
    """The noun a subject stands for: "who" -> its antecedent, "one of X" -> X."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return resolve(token.head.head)
    if token.lower_ in _PARTITIVE or token.tag_ == "CD":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
    return token


def agent(verb: Token) -> Token | None:
    """The "by" noun of a passive verb ("was shut down by a worker" -> worker)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return resolve(grand)
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def is_negated(verb: Token) -> bool:
    """Negated: "did not copy", "never tested", "hadn't got around to"."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)


def auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def modal(verb: Token) -> Token | None:
    for child in verb.children:
        if child.tag_ == "MD":
            return child
    return None


def particle(verb: Token) -> str:
    """The particle of a phrasal verb ("took down" -> "down"), or ""."""
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
    return ""


def phrase_lemma(verb: Token) -> str:
    part = particle(verb)
    return f"{verb.lemma_.lower()} {part}" if part else verb.lemma_.lower()


def conditional(verb: Token) -> bool:
    """Inside an if/unless/when clause, or an inverted one ("had the engineer not
    restarted it, ..."): a hypothetical, not a report of what happened.

    Answered once per token (kept in `Doc.user_data`): the language rules ask it of the
    same verbs several times each (a cold run asked 40,000 times of 12,000 tokens), and
    each answer walks the children of the verb and of up to five heads.
    """
    answers = verb.doc.user_data.get(_CONDITIONAL)
    if answers is None:
        answers = verb.doc.user_data[_CONDITIONAL] = {}
    found = answers.get(verb.i)
    if found is None:
        found = answers[verb.i] = _conditional(verb)
    return found


def _conditional(verb: Token) -> bool:
    node = verb
    for _ in range(6):
        if any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "when", "whenever", "lest")
            for c in node.children
        ):
            return True
        if _inverted(node):
            return True
        if node.dep_ in ("advcl", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    return False


def _inverted(verb: Token) -> bool:
    """ "Had the engineer not restarted it, ...": "had" (or "were", "should") before the
    subject of a clause that is not a question."""
    if is_question(verb.doc):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should") and c.i < subjects[0]
        for c in verb.children
    )


_QUESTION = "pmlint.question"  # Doc.user_data: is_question's answer
_CONDITIONAL = "pmlint.conditional"  # Doc.user_data: token index -> conditional's answer


def is_question(doc: Doc) -> bool:
    """The parsed sentence ends with a question mark, answered once per sentence.

    `Doc.text` joins every token's text anew on each read: asked for each verb and each of
    its heads (`conditional`), that was 40,000 joins and 3% of a cold run's time.
    """
    found = doc.user_data.get(_QUESTION)
    if found is None:
        found = doc.user_data[_QUESTION] = doc.text.rstrip().endswith("?")
    return bool(found)


@dataclass(frozen=True, slots=True)
class People:
    """Word classes that say a noun is a person: roles and pronouns (lower-case lemmas)."""

    roles: frozenset[str]
    pronouns: frozenset[str]
    given_names: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()  # roles that are also software (operator)
    things: frozenset[str] = frozenset()  # tools the model takes for people ("Jenkins")
    groups: frozenset[str] = frozenset()  # organisations and departments ("registrar")
    self_words: frozenset[str] = frozenset(
        ("i", "we", "me", "us", "my", "our", "myself", "ourselves")
    )

    @classmethod
    def of(
        cls,
        roles: Iterable[str],
        pronouns: Iterable[str],
        given_names: Iterable[str] = (),
        things: Iterable[str] = (),
        ambiguous: Iterable[str] = (),
        groups: Iterable[str] = (),
    ) -> People:
        def lower(words: Iterable[str]) -> frozenset[str]:
            return frozenset(w.lower() for w in words)

        return cls(
            lower(roles),
            lower(pronouns),
            lower(given_names),
            lower(ambiguous),
            lower(things),
            lower(groups),
        )

    def kind(self, token: Token | None, things: frozenset[str] = frozenset()) -> str | None:
        """named, role, pronoun, self, group, or None (not a party: a system, a thing).

        `things`: lower-case words known to name things in this document (see
        `pmlint.nlp.sentences.code_words`); a PERSON entity spelled so is not a person.
        """
        if token is None:
            return None
        token = resolve(token)
        lower = token.lower_
        if lower in self.self_words:
            return SELF
        if lower in self.pronouns:
            if lower in ("they", "them") and not self._they_is_people(token):
                return None
            return PRONOUN
        if _HANDLE.match(token.text) or _EMAIL.match(token.text) or _LOGIN_AT.match(token.text):
            return NAMED
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if (
            following is not None
            and following.text == "@"
            and not token.whitespace_
            and token.text.islower()
            and token.is_alpha
        ):
            return NAMED  # "maxone@": a login written the way Google's postmortems do
        if self._is_role(token):
            compound = self._compound(token)
            if " " in compound and compound in self.roles:
                return ROLE  # "release manager", "team lead": people, whatever the head
            if token.lemma_.lower() in self.ambiguous or lower in self.ambiguous:
                # "the OCSP responder", "the Prometheus operator": a thing
                if any(c.dep_ == "compound" for c in token.children):
                    # "the payments partner" is a company; "the OCSP responder" a thing
                    return GROUP if token.lemma_.lower() in self.groups else None
                return MAYBE_ROLE
            return ROLE
        if _LABEL.match(token.text) and any(
            c.dep_ == "compound" and c.i == token.i - 1 and self._is_role(c) for c in token.children
        ):
            return ROLE  # "Engineer A", "Developer 2": a person anonymised by a label
        if lower in things or lower in self.things:
            return None
        if token.lemma_.lower() in self.groups or lower in self.groups:
            return GROUP
        if token.pos_ != "PROPN":
            return None
        if lower in self.given_names and token.text[:1].isupper():
            return NAMED
        ensure_entities(token.doc)  # the entity recognizer runs only for this question
        if token.ent_type_ == "PERSON" and self._plausible_name(token):
            return NAMED
        if self._known_name(token):
            return NAMED  # a name the small model does not know ("Kofi", "Tomasz")
        if token.ent_type_ == "ORG" and self._plausible_name(token):
            return GROUP
        return None

    @staticmethod
    def _compound(token: Token) -> str:
        """The noun with its compound modifiers, lower case, lemma last: "team lead"."""
        words = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
        before = token.doc[token.i - 1] if token.i > 0 else None
        if not words and before is not None and before.pos_ == "NOUN":
            words = [before.lower_]  # a compound the parser missed ("team lead did not")
        return " ".join([*words, token.lemma_.lower()])

    def _is_role(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in self.roles or token.lower_ in self.roles:
            return True
        compound = self._compound(token)
        if compound in self.roles or _ON_CALL.search(compound):
            return True
        return bool(_ON_CALL.search(token.doc[token.left_edge.i : token.i + 1].text))

    def _they_is_people(self, token: Token) -> bool:
        """The pronoun "they" is people unless the sentence names a plural thing before it."""
        for previous in reversed(token.doc[: token.i]):
            if previous.tag_ in ("NNS", "NNPS") and previous.dep_ != "compound":
                return self._is_role(previous)
        return True

    @staticmethod
    def _known_name(token: Token) -> bool:
        """A given name of `names.given_names` the entity recognizer left unlabelled, or
        took for a one-word organisation ("Kofi broke the login flow")."""
        if not token.text[:1].isupper() or token.text.isupper():
            return False
        if token.lower_ not in given_names():
            return False
        if not token.ent_type_:
            return True
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        return token.ent_type_ == "ORG" and entity is not None and len(entity) == 1

    @staticmethod
    def _plausible_name(token: Token) -> bool:
        """PERSON entities the small model gets wrong: code names, `x`-words, all caps."""
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is None:
            return False
        text = entity.text
        if any(ch.isdigit() or ch in "_/.:`" for ch in text) or text.isupper():
            return False
        # "Power Peg code", "Traefik dashboard": a name used as a modifier is a thing
        return entity.root.dep_ != "compound"
