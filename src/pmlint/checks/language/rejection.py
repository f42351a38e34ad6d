"""Frames in which a sentence mentions blame without asserting it: it denies it ("none of
which are the fault of the author", "not ego on the part of the moderator who made the
mistake"), supposes it ("even if it was their fault", "a company that would consider firing
somebody", "they could be fired"), quotes it as the wrong way to write ("instead of 'the
engineer deployed a bad configuration'"), or calls the error of people normal ("human
mistakes are inevitable").

Blameless-culture writing discusses blame in exactly these frames, so a judgement word in
them is the writer rejecting the judgement. The test is the parse: the frame must govern
the judged words (negation or a modal on their own clause, an if-clause around them), not
merely occur in the sentence ("the engineer was careless, so we could not recover" still
judges).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.nlp.textcat import CONTRAST_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The dependencies that keep a word inside the proposition of its head: walking up them from
# the judged words reaches the predicate that asserts (or denies, or supposes) the judgement.
# A relative or adverbial clause is a proposition of its own: the walk checks it and stops.
# A coordinated clause ("the vendor did not answer and the admin was careless") is another
# proposition too: its negation is not this one's.
_INSIDE = frozenset(
    ("attr", "acomp", "dobj", "pobj", "prep", "pcomp", "xcomp", "nsubj", "nsubjpass", "amod",
     "compound", "poss", "det", "appos", "npadvmod", "oprd", "agent", "dative")
)  # fmt: skip
# Possibility, not report: "they could be fired" (not "would": "I can see why the engineer
# would be fired" endorses the sanction; "would consider firing" is a weighing verb's).
_SUPPOSING_MODALS = frozenset(("could", "might", "may"))
_SUPPOSING_MARKS = frozenset(("if", "unless", "whether"))
# Verbs whose complement is weighed, not done: "would consider firing", "threatened to fire".
_WEIGHING = frozenset(("consider", "contemplate", "threaten", "fear", "suggest", "propose"))
# A negative quantifier as the subject denies the predicate: "none of which are the fault".
_NO_ONE = frozenset(("none", "nobody", "noone", "nothing", "neither"))
# What a normalising predicate says of an error: it is to be expected, not anyone's failing.
_NORMAL = frozenset(
    ("inevitable", "unavoidable", "normal", "natural", "human", "understandable", "forgivable",
     "expected", "common", "ok", "okay", "fine", "certain", "bound", "inescapable")
)  # fmt: skip
_HAPPEN = frozenset(("happen", "occur"))
# A quoted example introduced as what not to write.
_REJECTING_LEAD = re.compile(
    r"(?i:\b(?:instead of|rather than|not|never|avoid(?:ing)?|don't say|do not say|"
    r"replace[sd]?|such as|like)\s*[:,]?\s*)$"
)
_OPEN_QUOTES = "\"“'‘"
_CLOSE_QUOTES = "\"”'’"


def rejected(doc: Doc, start: int, end: int) -> str | None:
    """How the sentence keeps the judgement at characters `start`..`end` from being asserted
    ("denied", "supposed", "quoted", "normal", "hazard"), or None when it asserts it."""
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    if _quoted_example(doc.text, start, end):
        return "quoted"
    top = min(tokens, key=_depth)
    if _normalised(top, tokens):
        return "normal"
    if _hazard(tokens):
        return "hazard"
    inside = {t.i for t in tokens}  # a negation the finding holds is its content ("did not")
    node, came_from = top, top
    for _ in range(12):  # parses are shallow; the bound guards odd ones
        found = _frame(node, inside, came_from)
        if found is not None:
            return found
        if node.dep_ not in _INSIDE or node.head.i == node.i:
            return None
        node, came_from = node.head, node
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _frame(node: Token, inside: set[int], came_from: Token) -> str | None:
    children = list(node.children)
    outside = [c for c in children if c.i not in inside]
    if (
        any(c.dep_ == "neg" and not _contrasted(c, children, came_from) for c in outside)
        and not _prohibition(children)
        and not _cause_of(came_from)
    ):
        return "denied"
    if any(c.dep_ in ("nsubj", "nsubjpass") and _no_one(c) for c in outside):
        return "denied"
    if any(c.dep_ == "mark" and c.lower_ in _SUPPOSING_MARKS for c in children):
        return "supposed"
    if (
        node.pos_ in ("VERB", "AUX")
        and any(
            c.tag_ == "MD" and c.lower_.replace("n't", "") in _SUPPOSING_MODALS for c in children
        )
        and not any(c.dep_ == "neg" for c in children)  # "couldn't have picked worse" asserts
    ):
        return "supposed"
    if node.pos_ == "VERB" and node.lemma_.lower() in _WEIGHING:
        return "supposed"
    return None


def _contrasted(negation: Token, children: list[Token], came_from: Token) -> bool:
    """ "This was not due to the code, but rather user error": the negation denies the
    first part, and "but" (or "rather", "instead") after it asserts the part the judged words
    are in."""
    return any(
        negation.i < c.i < came_from.i and c.lower_ in CONTRAST_WORDS
        for c in children
        if c.dep_ in ("cc", "advmod", "punct")
    )


def _cause_of(adjunct: Token) -> bool:
    """ "The window was not activated due to user error", "the backup did not run because
    of operator error": the negated event is the failure, and its cause is asserted."""
    return adjunct.dep_ == "prep" and adjunct.lower_ in _CAUSAL


_CAUSAL = frozenset(("due", "because", "owing", "thanks"))


def _prohibition(children: list[Token]) -> bool:
    """ "We cannot allow slips of this kind", "we won't tolerate sloppy reviews": a
    negated can/must/will forbids what follows, which judges it, not denies it."""
    return any(c.tag_ == "MD" and c.lower_ in _FORBIDDING for c in children)


_FORBIDDING = frozenset(("can", "ca", "must", "will", "wo", "shall", "cannot"))


def _no_one(subject: Token) -> bool:
    """ "none of which", "nobody", "no one", "no engineer": a subject that denies."""
    if subject.lower_ in _NO_ONE:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _normalised(top: Token, tokens: list[Token]) -> bool:
    """ "Human mistakes are inevitable", "mistakes happen": errors of people called normal."""
    noun = next((t for t in tokens if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass")), None)
    if noun is None:
        return False
    verb = noun.head
    if verb.lemma_.lower() in _HAPPEN:
        return True
    if verb.lemma_ != "be":
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _NORMAL for c in verb.children)


# An error of people named as a hazard that a system or a process is exposed to or guards
# against: "resilient to operator error", "prone to human error", "checks that prevent
# operator mistakes", "reduces the risk of human error". The sentence judges the system's
# exposure, not anyone's act.
_ERROR_NOUNS = frozenset(("error", "mistake", "slip", "misstep"))
_SPECIFIC = frozenset(("the", "this", "that", "these", "those"))
_GUARDING = frozenset(
    ("prevent", "avoid", "eliminate", "reduce", "minimize", "minimise", "mitigate", "limit",
     "lessen", "lower", "tolerate", "absorb", "remove", "rule", "stop", "block")
)  # fmt: skip
_EXPOSED = frozenset(
    ("resilient", "robust", "tolerant", "resistant", "prone", "susceptible", "vulnerable",
     "immune", "proof", "safe", "exposed", "open", "sensitive")
)  # fmt: skip
_GUARDS = frozenset(
    ("guard", "protect", "safeguard", "defend", "guardrail", "guardrails", "protection",
     "safeguards", "defense", "defence", "insurance", "hedge")
)  # fmt: skip
_CHANCES = frozenset(
    ("risk", "chance", "likelihood", "possibility", "probability", "potential", "room",
     "scope", "surface", "opportunity", "odds")
)  # fmt: skip


def _hazard(tokens: list[Token]) -> bool:
    noun = next((t for t in tokens if t.lemma_.lower() in _ERROR_NOUNS), None)
    if noun is None:
        return False
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "operator error and drift": the first conjunct's place
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _SPECIFIC) for c in noun.children):
        return False  # one error told ("prevented the new hire's mistake"), not a hazard
    head = noun.head
    if noun.dep_ == "dobj":
        return head.lemma_.lower() in _GUARDING
    if noun.dep_ != "pobj" or head.lower_ not in ("to", "against", "of", "from", "for"):
        return False
    holder = head.head.lemma_.lower()
    if head.lower_ == "against":
        return holder in _GUARDS or holder in _GUARDING or holder in _EXPOSED
    if head.lower_ in ("to", "from"):
        return holder in _EXPOSED or holder in _GUARDS
    return holder in _CHANCES or holder in _EXPOSED  # "risk of", "room for", "tolerant of"


def _quoted_example(text: str, start: int, end: int) -> bool:
    """The judged words sit inside a quotation that the sentence offers as what not to
    write: "instead of 'the engineer deployed a bad configuration'"."""
    before = text[:start]
    opening = max(before.rfind(q) for q in _OPEN_QUOTES)
    if opening < 0 or (text[opening] in "'‘" and opening > 0 and text[opening - 1].isalpha()):
        return False  # no quotation, or an apostrophe ("the engineer's")
    closing = [i for i in (text.find(q, end) for q in _CLOSE_QUOTES) if i >= 0]
    if not closing:
        return False
    between = text[opening + 1 : start]
    if any(q in between for q in _CLOSE_QUOTES if q not in "'’"):
        return False
    return _REJECTING_LEAD.search(text[:opening].rstrip()) is not None
