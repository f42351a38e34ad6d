"""Reading a parsed sentence for the language rules: whether it reports what happened,
how a clause is negated or explained, and the span of text a finding covers.

Pure functions over spaCy tokens (no rule options); the rules' own patterns are in
`harm` and in each rule's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmlint.nlp.syntax import conditional, is_passive, modal, subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODALS_HYPOTHETICAL = frozenset(
    ("can", "could", "may", "might", "will", "would", "shall", "should", "must", "ought")
)


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


def object_of(verb: Token) -> Token | None:
    """What the verb acts on: its direct object, or the subject of a passive verb."""
    if is_passive(verb):
        return subject(verb)
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def routine_fail(verb: Token, failures: frozenset[str]) -> bool:
    """Operations, not failures: "failed over to the standby", "failed the canary"."""
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if particles and f"{lemma} {particles[0]}" not in failures:
        return True
    if lemma == "fail":
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.lower_ in ("over", "back"):
            return True
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in _ATTEMPTS for c in verb.children):
            return True  # "the team failed to reproduce the crash": a try, not a lapse
        return any(c.dep_ == "dobj" for c in verb.children)
    return False


# What people try and may not manage, with no duty left undone: finding, reaching, telling
# apart ("failed to reproduce the crash on staging", "failed to reach the vendor").
_ATTEMPTS = frozenset(
    ("reproduce", "replicate", "find", "locate", "identify", "pinpoint", "isolate",
     "determine", "reach", "contact", "connect", "obtain", "acquire", "trace")
)  # fmt: skip


def explained(verb: Token) -> bool:
    """The reason is given: "did not restart it because the runbook said to wait"."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("because", "since") for m in child.children
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("because", "due"):
            return True
    return False


def linking(verb: Token) -> bool:
    """A verb that links its subject to a state ("did not feel confident", "did not look
    healthy"): what someone was, not something they failed to do."""
    return any(c.dep_ == "acomp" for c in verb.children)


def past_negation(verb: Token) -> bool:
    """A negated past action: "did not copy", "didn't check", "had not run", "never tested"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & {"did", "had", "has", "have", "'d"}:
        return True
    never = any(c.lower_ == "never" for c in verb.children)
    return never and verb.tag_ in ("VBD", "VBN")


def is_imperative(parsed: Doc) -> bool:
    """An instruction ("Reflect on ...", "Make sure ..."): opens with a bare verb."""
    for token in parsed:
        if not token.is_alpha:
            continue
        return token.tag_ == "VB" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        )
    return False
