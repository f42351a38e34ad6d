"""Trained sentence classifiers behind PM301 (blame) and PM403 (vague action items).

Two small spaCy `textcat` pipelines (bag of words and word pairs, no vectors, a blank
English tokenizer) ship in `pmlint/models/<kind>/`; `make train` rebuilds them from the
labeled sentences (`scripts/train_language.py`). They are loaded on first use, never
downloaded, and need neither the parser nor `en_core_web_sm`.

What a model reads is not the sentence alone but the sentence followed by its *classed*
form: every word that belongs to a broad semantic class is replaced by the class name
(`features`). "we were sloppy about the rollout" and "the vendor was careless with the
keys" then share `SELF BE JUDGE` / `GROUP BE JUDGE`, so the weights learnt on one writer's
phrasing carry over to another's. The classes are general English (people and groups,
the writer, judgement words, lapses, counterfactuals, vague verbs, placeholders), not
phrases taken from the labeled rows.

How a model's score and the parse-based rules are combined is `decide`: a rule finding
stands when the score is at least `keep` (0 for blame: the rules are precise), and the
model alone reports when the score is at least `alone` and the sentence names a party
that can be judged (`judged_party`) for blame, or an action for vague items. Both
thresholds are chosen by `make train` on out-of-fold scores (never on the rows scored) and
stored in the model's `meta.json` with the cross-validated precision and recall.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pmlint.literals import may_match, needed
from pmlint.nlp.itemshapes import TAKEN_ON, UNDER_WAY

if TYPE_CHECKING:
    from spacy.language import Language

KINDS = ("blame", "vague")
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
# A folder holding `<kind>/` models to use instead of the shipped ones (the evaluation
# script points it at each fold's models), or "off" to run the rules alone.
MODELS_ENV = "PMLINT_TEXTCAT_DIR"
LABEL = "POSITIVE"

# -- broad semantic classes ----------------------------------------------------------------
# General English, grouped by what a reviewer of postmortem language looks for.

_CLASSES: dict[str, tuple[str, ...]] = {
    # the writer and the writer's organisation speaking about itself
    "SELF": ("i", "we", "me", "us", "my", "our", "myself", "ourselves", "i'm", "we're", "i've",
             "we've", "i'd", "we'd", "i'll", "we'll", "ours"),
    # a third person: pronouns and words for people
    "PERSON": ("he", "she", "him", "her", "his", "hers", "they", "them", "their", "you", "your",
               "someone", "somebody", "anyone", "nobody", "person", "people", "guy", "guys",
               "folks", "folk", "man", "woman", "colleague", "coworker", "co-worker", "teammate",
               "engineer", "developer", "dev", "devs", "programmer", "operator", "admin",
               "administrator", "sysadmin", "technician", "employee", "staffer", "intern",
               "contractor", "author", "committer", "maintainer", "reviewer", "approver",
               "manager", "user", "customer", "human", "humans", "individual", "newbie",
               "junior", "senior", "hire", "member", "responder", "on-call", "oncall",
               "sre", "dba", "architect", "lead", "owner", "submitter", "contributor",
               "volunteer", "attacker", "boss", "cto", "ceo", "executive"),
    # organisations and groups as agents
    "GROUP": ("team", "teams", "vendor", "vendors", "provider", "providers", "supplier",
              "company", "companies", "management", "department", "organization",
              "organisation", "org", "ops", "staff", "upstream", "maintainers", "partner",
              "partners", "host", "hoster", "registrar", "isp", "contractor", "contractors",
              "leadership", "board", "foundation", "community", "support", "sales",
              "security", "corporation", "agency", "firm", "crew", "department"),
    # judgements of people or of their work
    "JUDGE": ("careless", "carelessly", "carelessness", "sloppy", "sloppiness", "reckless",
              "recklessly", "negligent", "negligence", "negligently", "lazy", "laziness",
              "incompetent", "incompetence", "stupid", "dumb", "foolish", "silly", "idiotic",
              "irresponsible", "unprofessional", "ignorant", "ignorance", "ridiculous",
              "inexcusable", "unacceptable", "embarrassing", "shameful", "clumsy", "hasty",
              "hastily", "haste", "rushed", "rush", "half-baked", "mess", "messy", "poor",
              "poorly", "bad", "terrible", "awful", "horrible", "naive", "naively", "blind",
              "blindly", "thoughtless", "inattentive", "inattention", "complacent",
              "complacency", "arrogant", "arrogance", "lax", "shoddy", "amateur", "amateurish",
              "unacceptable", "inept", "cowboy", "napping", "asleep", "lapse", "lapses",
              "fault", "faults", "blame", "blamed", "culprit", "guilty", "responsible",
              "accountable", "negligible", "screwed", "botched", "bungled", "goofed",
              "fumbled", "messed", "dropped", "ball", "wrongly", "mistakenly",
              "inadvertently", "accidentally", "unthinking", "oversight", "mistake",
              "mistakes", "error", "errors", "blunder", "misstep", "gaffe", "wrong", "incorrect",
              "incorrectly", "improper", "improperly", "unsafe", "unsafely", "risky"),
    # lapses: what a person did not do, or did against the rule
    "LAPSE": ("forgot", "forget", "forgotten", "forgetting", "neglected", "neglect",
              "ignored", "ignore", "ignoring", "overlooked", "overlook", "missed", "miss",
              "skipped", "skip", "skipping", "failed", "fail", "failing", "bypassed",
              "bypass", "circumvented", "disregarded", "violated", "misread", "misconfigured",
              "mistyped", "misjudged", "bother", "bothered", "slipped", "slip", "omitted"),
    # hindsight and counterfactual words
    "HINDSIGHT": ("should", "could", "would", "ought", "shouldn't", "couldn't", "wouldn't",
                  "obviously", "obvious", "clearly", "simply", "just", "only", "avoidable",
                  "avoided", "preventable", "prevented", "known", "realized", "realised"),
    "NEG": ("not", "never", "no", "n't", "didn't", "don't", "doesn't", "wasn't", "weren't",
            "hadn't", "haven't", "hasn't", "without", "nor", "none"),
    "BE": ("is", "was", "were", "are", "been", "be", "being", "am", "'s", "'re"),
    # vague verbs, nouns and hedges of action items
    "SOFT": ("improve", "improving", "improvement", "improvements", "enhance", "enhancing",
             "enhancement", "strengthen", "harden", "hardening", "better", "ensure", "ensuring",
             "review", "reviewing", "revisit", "reconsider", "consider", "considering",
             "investigate", "investigating", "investigation", "look", "explore", "exploring",
             "evaluate", "evaluating", "evaluation", "assess", "assessment", "study",
             "learn", "learning", "read", "understand", "understanding", "discuss",
             "discussion", "think", "continue", "continuous", "continuously", "ongoing",
             "monitor", "monitoring", "maintain", "keep", "focus", "prioritize",
             "prioritise", "streamline", "optimize", "optimise", "clarify", "increase",
             "reduce", "more", "less", "robust", "robustness", "resilient", "resilience",
             "reliable", "reliability", "stable", "stability", "visibility", "awareness",
             "culture", "careful", "proactive", "proactively", "generally", "overall"),
    "HEDGE": ("maybe", "perhaps", "possibly", "potentially", "might", "may", "some", "somehow",
              "probably", "ideally", "hopefully", "try", "attempt", "explore", "whether",
              "if", "asap", "soon", "later", "eventually", "someday", "tbd", "todo", "etc",
              "various", "any", "all", "everything", "everyone", "everybody"),
    # concrete deliverables
    "MAKE": ("add", "adding", "create", "write", "build", "implement", "configure", "set",
             "enable", "disable", "install", "deploy", "migrate", "move", "replace",
             "remove", "delete", "upgrade", "pin", "rotate", "renew", "automate", "alert",
             "page", "test", "tests", "script", "runbook", "playbook", "dashboard", "check",
             "limit", "quota", "timeout", "retry", "lint", "validate", "block", "reject",
             "require", "schedule", "document", "publish", "file", "open", "fix", "patch",
             "revert", "rename", "split", "merge", "switch", "bump", "restrict"),
}  # fmt: skip
_WORD_CLASS: dict[str, str] = {}
for _name, _words in _CLASSES.items():
    for _word in _words:
        _WORD_CLASS.setdefault(_word, _name)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,:]\d+)*|\S")
_CODE = re.compile(r"`[^`]+`|\b\w+[._/:]\w[\w./:-]*|\b[a-z]+[A-Z]\w*|\b[A-Z]{2,}\d*\b")
_NUMBER = re.compile(r"^\d")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|<[a-z _-]+>|\b(?:lorem|ipsum|xxx+|tbd|todo|fixme)\b", re.I)
_HANDLE = re.compile(r"(?<!\w)@\w|\w@\w")
_COUNTERFACTUAL = re.compile(
    r"\b(?:should|could|would|might|must|ought to)(?:n't| not)?\s+(?:have|'ve)\s+"
    r"(?:\w+ed|\w+[ew]n|been|done|known|caught|seen|thought|made|found|kept|had|got|let|"
    r"put|run|set|read|told|sent|spent|brought|taken|written|gone)\b"
    r"|\bif only\b|\bhad (?:we|i|they|he|she|you|someone|anyone)\b",
    re.I,
)
# "Had the engineer not restarted it, ...": an inverted conditional (not a model feature:
# the shipped weights were trained without it).
_INVERTED = re.compile(r"^\W*had\s+(?!been\b)\w+", re.I)
_NAME = re.compile(r"(?<=[a-z,;:)] )[A-Z][a-z]+\b")


def _token_class(word: str, lower: str, first: bool) -> str | None:
    found = _WORD_CLASS.get(lower)
    if found is not None:
        return found
    if _NUMBER.match(word):
        return "NUM"
    if lower.endswith("n't") or lower.endswith("n’t"):
        return "NEG"
    if not first and word[:1].isupper() and word[1:].islower() and len(word) > 2:
        return "CAP"
    if lower.endswith(("tion", "ment", "ness", "ity", "ance", "ence")):
        return "NOMINAL"
    return None


# A word after the first one, as `features` reads it: (lower case, classed form). Words
# repeat across the sentences of a run (3,294 sentences, about 1 MB of features, on the
# real-text bench corpus): each is classed once.
_READ_AS: dict[str, tuple[str, str]] = {}
_READ_AS_MOST = 50_000


def features(text: str, rule_hit: bool | str | None = None) -> str:
    """The text a model reads: the words, lowercased, then ` || ` and the classed form
    (class names for words of a class, the word itself otherwise), then whole-sentence
    markers (a counterfactual, code, a handle, a placeholder), and for a model stacked on
    the rules (the vagueness model) whether a rule reported the text."""
    text = " ".join(text.replace("’", "'").split())
    words = _TOKEN.findall(text)
    plain: list[str] = []
    classed: list[str] = []
    known = _READ_AS
    if len(known) > _READ_AS_MOST:
        known.clear()
    for word in words:
        read = known.get(word)
        if read is None:
            lower = word.lower()
            found = _token_class(word, lower, False)
            read = known[word] = (lower, found if found is not None else lower)
        plain.append(read[0])
        classed.append(read[1])
    if words:  # the first word is no name for being capitalised (`_token_class`)
        found = _token_class(words[0], plain[0], True)
        classed[0] = found if found is not None else plain[0]
    marks = _pairs(classed)
    # each mark's pattern searched only where the text holds a string it needs (ASCII)
    lowered = text.lower() if text.isascii() else None
    counterfactual, placeholder = _mark_strings()
    if _may_hold(counterfactual, lowered) and _COUNTERFACTUAL.search(text):
        marks.append("MARK_COUNTERFACTUAL")
        marks += [f"MARK_COUNTERFACTUAL_{c}" for c in ("SELF", "PERSON", "GROUP") if c in classed]
    if _CODE.search(text):
        marks.append("MARK_CODE")
    if "@" in text and _HANDLE.search(text):
        marks.append("MARK_HANDLE")
    if _may_hold(placeholder, lowered) and _PLACEHOLDER.search(text):
        marks.append("MARK_PLACEHOLDER")
    if words and _WORD_CLASS.get(words[0].lower()) == "SOFT":
        marks.append("MARK_SOFT_FIRST")
    if words and words[0].lower().endswith(("tion", "ment", "ing", "ness")):
        marks.append("MARK_NOMINAL_FIRST")
    marks.append(f"MARK_LEN_{min(len(words) // 6, 5)}")
    if rule_hit is not None:
        marks += _action_marks(text)
        marks.append("RULE_HIT" if rule_hit else "RULE_QUIET")
        if isinstance(rule_hit, str) and rule_hit:  # the rule's reason ("improve", "people")
            marks.append(f"RULE_{rule_hit.upper()}")
    return " ".join([*plain, "||", *classed, "||", *marks])


@functools.cache
def _mark_strings() -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The strings one of which `_COUNTERFACTUAL`'s and `_PLACEHOLDER`'s matches hold."""
    return _needed_of(_COUNTERFACTUAL), _needed_of(_PLACEHOLDER)


def _may_hold(strings: frozenset[str] | None, lowered: str | None) -> bool:
    """`pmlint.literals.may_match` on a text lower-cased once (None: not ASCII, may)."""
    return strings is None or lowered is None or any(s in lowered for s in strings)


# Shapes of an action item's sentence, read by the vagueness model only (the blame model
# was trained without them): the writer taking the task on, work reported done, an inquiry
# reported as under way (those two are PM403's own patterns, `itemshapes`), a label before
# the action, a question.
_ACTION_SHAPES = (
    ("MARK_TAKEN_ON", TAKEN_ON),
    (
        "MARK_DONE",
        re.compile(
            r"^[A-Z][a-z]+(?<!e)ed\b|\b(?:has|have) been \w+ed\b|\bi \w+ed\b"
            r"|\b(?:fixed|resolved|done|merged|built|carried out|shipped) (?:by|in)\b",
            re.I,
        ),
    ),
    ("MARK_UNDER_WAY", UNDER_WAY),
    ("MARK_LABEL", re.compile(r"^[\w/&'-]{1,30}(?: [\w/&'-]{1,30}){0,2} ?:\s")),
    ("MARK_QUESTION", re.compile(r"\?\W{0,3}$")),
)


def _action_marks(text: str) -> list[str]:
    return [name for name, pattern in _ACTION_SHAPES if pattern.search(text)]


_AGENTS = ("SELF", "PERSON", "GROUP", "CAP")
_JUDGED = ("LAPSE", "JUDGE", "NEG", "HINDSIGHT")


def _pairs(classed: list[str]) -> list[str]:
    """Who is judged for what: an agent class followed within four words by a lapse, a
    judgement, a negation or a hindsight word ("we totally forgot" -> SELF_LAPSE)."""
    found = []
    for i, first in enumerate(classed):
        if first not in _AGENTS:
            continue
        for second in classed[i + 1 : i + 5]:
            if second in _JUDGED:
                found.append(f"PAIR_{first}_{second}")
    for i, first in enumerate(classed):  # a judgement before its agent ("a mistake by the team")
        if first == "JUDGE" and any(c in _AGENTS for c in classed[i + 1 : i + 5]):
            found.append("PAIR_JUDGE_AGENT")
    return sorted(set(found))


_STATIVE = frozenset(
    ("have", "had", "has", "know", "knew", "known", "need", "needed", "see", "seem", "exist",
     "get", "got", "receive", "received", "own", "hold", "contain", "apply", "matter", "work",
     "feel", "felt", "seem", "seemed", "appear", "appeared", "become", "became", "remain",
     "remained")
)  # fmt: skip
_DENIALS = frozenset(("not", "never", "no", "nobody", "none", "without"))
# The writers saying what they are not doing now is no omission: "I'm not looking for a culprit".
_PRESENT = frozenset(("am", "i'm", "we're"))
_BLAME_WORDS = frozenset(
    ("blame", "blamed", "blaming", "fault", "culprit", "culprits", "scapegoat")
)
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "its", "their", "our"))
# Acts whose omission judges no one: "didn't blame the engineer", "did not delete the backups".
_HARMFUL = frozenset(
    ("blame", "blamed", "punish", "punished", "fire", "fired", "delete", "deleted", "break",
     "broke", "wipe", "wiped", "destroy", "destroyed", "drop", "dropped", "remove", "removed")
)  # fmt: skip
_CHECKABLE = re.compile(r"\d|`|\b\w+[._/-]\w+[\w./-]*|\b[a-z]+[A-Z]\w*|\b[A-Z]{2,}\b")


def judgement_cue(text: str) -> bool:
    """Something a person can be judged for: a judgement word, a lapse, a counterfactual,
    or a negated action ("did not check"; not "did not have access")."""
    if _PEOPLE_COUNTERFACTUAL.search(text):
        return True
    words = _lower_words(text)
    for i, word in enumerate(words[1:], 1):  # "we should have", not "it would have"
        if word in _MODALS and _WORD_CLASS.get(words[i - 1]) in ("SELF", "PERSON", "GROUP"):
            rest = words[i + 1 : i + 4]
            if "have" in rest and not {"needed", "continued"} & set(rest):
                return True
    # a person acting, as the subject, and a weak judgement of the act ("Someone set the
    # wrong limit", "A developer pushed a change, introducing an error")
    actor = any(_WORD_CLASS.get(w) == "PERSON" and w not in _AFFECTED for w in words[:3])
    for i, word in enumerate(words):
        found = _WORD_CLASS.get(word) or ("NEG" if word.endswith("n't") else None)
        if found in ("JUDGE", "LAPSE") and (actor or word not in _WEAK_JUDGEMENT):
            # the word of blame itself is denied further back: "I'm not looking for someone
            # to blame", "this is not about finding a culprit" (read only for such a word:
            # most words are neither)
            reach = 5 if word in _BLAME_WORDS else 2
            before = words[max(0, i - reach) : i]
            denied = any(w in _DENIALS or w.endswith("n't") for w in before)
            # a lapse word describing a thing: "the failed import", "a missed alert"
            described = found == "LAPSE" and bool(before) and before[-1] in _DETERMINERS
            # not "didn't blame the engineer", "nobody blamed", "a missed alert"
            if not denied and not described:
                return True
        if found == "NEG" and not (i and words[i - 1] in _PRESENT):  # "I'm not looking"
            following = [w for w in words[i + 1 : i + 3] if w not in ("even", "yet", "ever")]
            if (
                following
                and following[0] not in _STATIVE | _HARMFUL
                and _WORD_CLASS.get(following[0]) not in ("LAPSE", "JUDGE")
                and following[0].isalpha()
            ):
                return True  # "did not check"; not "never forgot", "didn't blame"
    return False


def blame_eligible(text: str) -> bool:
    """The model alone may report blame: a party is named and judged for something."""
    return judged_party(text) is not None and judgement_cue(text)


def vague_eligible(text: str) -> bool:
    """The model alone may report a vague item: no number, code or identifier in it (those
    make an item checkable, and the rules read them)."""
    return _CHECKABLE.search(text) is None


# Judgement-class words that also describe things ("a bad config", "errors in the log"):
# features for the model, but not enough on their own to let it report.
_WEAK_JUDGEMENT = frozenset(
    ("error", "errors", "bad", "poor", "poorly", "responsible", "dropped", "ball", "rush",
     "mess", "lapse", "lapses", "blind", "wrong", "incorrect", "incorrectly", "improper",
     "improperly", "unsafe", "unsafely", "risky")
)  # fmt: skip
# People a postmortem reports as affected, not as acting: "users saw errors" judges no one.
_AFFECTED = frozenset(
    ("user", "users", "customer", "customers", "people", "person", "human", "humans",
     "individual", "you", "your", "they", "them", "their", "attacker")
)  # fmt: skip
_PEOPLE_COUNTERFACTUAL = re.compile(
    r"\bif only\b|\bhad (?:we|i|they|he|she|you|someone|somebody|anyone|anybody)\b", re.I
)
_MODALS = frozenset(("should", "could", "would", "might", "must", "shouldn't", "couldn't"))


_READER = frozenset(("you", "your", "yours", "yourself", "yourselves"))
# The classes of the words that may name a judged party (`judged_party`): not the reader's.
_PARTY_CLASS = {word: name for word, name in _WORD_CLASS.items() if word not in _READER}


def _lower_words(text: str) -> list[str]:
    """The text's words (`_TOKEN`, curly apostrophes made straight), lower case. ASCII text
    is lower-cased first, which splits it into the same words (`_TOKEN` reads letters in
    either case) and costs one call instead of one per word; beyond ASCII, lower-casing may
    change a word's length or make an ASCII letter ("İ"), so each word is lower-cased."""
    read = text.replace("’", "'")
    if read.isascii():
        return _TOKEN.findall(read.lower())
    return [w.lower() for w in _TOKEN.findall(read)]


def counterfactual(text: str) -> bool:
    """ "should have caught", "if only", "had we ...": the past replayed as it should have been."""
    text = text.replace("’", "'")
    if not may_match(_counterfactual_needs(), text):
        return False  # none of the strings one of which each pattern below needs
    return (
        _COUNTERFACTUAL.search(text) is not None
        or _INVERTED.match(text) is not None
        or _ADVERB_COUNTERFACTUAL.search(text) is not None
    )


# "She should never have been put in that spot": a person as the patient of what should
# not have happened, which defends them (not a model feature: the shipped weights were
# trained without it).
_ADVERB_COUNTERFACTUAL = re.compile(
    r"\b(?:should|could|would|might|must)(?:n't| not)?\s+(?:never|not|ever)\s+"
    r"(?:have|'ve)\s+been\b",
    re.I,
)
# Blame denied or supposed: "it was not his fault", "none of which are the fault of", "even if
# it was their fault", "no one is to blame". A sentence that discusses blame this way
# rejects it: the model does not report it.
_OWNER = r"(?:(?:my|our|his|her|their|your|anyone's|anybody's|\w+'s|the)\s+)?"
_BLAME_REJECTED = re.compile(
    rf"(?:\bnot|\bnever|n't)\s+(?:\w+ly\s+)?(?:{_OWNER}fault\b|to blame\b)"
    r"|\bnone of \w+ (?:is|are|was|were) (?:the |a )?fault\b"
    rf"|\b(?:if|unless|whether)\s+(?:it|this|that|the \w+)\s+(?:is|was|were|are)\s+{_OWNER}fault\b"
    r"|\b(?:no one|nobody|no-one|none of (?:us|them))\s+(?:is|was|are|were)\s+"
    r"(?:to blame|at fault)\b",
    re.I,
)


def blame_rejected(text: str) -> bool:
    """The sentence denies, supposes or withdraws blame rather than assigning it; not when a
    contrast after the denial assigns it ("not the vendor's fault, but rather ours")."""
    text_read = text.replace("’", "'")
    if not may_match(_needed_of(_BLAME_REJECTED), text_read):
        return False  # most sentences: no "fault", "to blame" or "none of " in them
    found = _BLAME_REJECTED.search(text_read)
    return found is not None and _CONTRAST_AFTER.search(text, found.end()) is None


@functools.cache
def _needed_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` holds (`pmlint.literals.needed`)."""
    return needed(pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=1)
def _counterfactual_needs() -> frozenset[str] | None:
    """What `counterfactual`'s three patterns need: one of their strings (None: any text)."""
    found = [_needed_of(p) for p in (_COUNTERFACTUAL, _INVERTED, _ADVERB_COUNTERFACTUAL)]
    if any(strings is None for strings in found):
        return None
    return frozenset().union(*(strings or () for strings in found))


# Words after a denial that assign what the denial took away: "not the vendor's fault, but
# rather ours" (PM301's parse-based frames read the same words).
CONTRAST_WORDS = frozenset(("but", "rather", "instead"))
_CONTRAST_AFTER = re.compile(rf"\b(?:{'|'.join(sorted(CONTRAST_WORDS))})\b", re.I)


def judged_party(text: str) -> str | None:
    """Who a blame finding may be about: "self" (the writer), "person" (a pronoun, a word
    for a person, a handle, a capitalised name-like word), "group"; None when the sentence
    names no one (then the model alone never reports blame)."""
    # "you" addresses the reader ("you should not see required statuses"), not a party
    classes = set(map(_PARTY_CLASS.get, _lower_words(text)))
    if "PERSON" in classes or ("@" in text and _HANDLE.search(text)):
        return "person"
    if "GROUP" in classes:
        return "group"
    if "SELF" in classes:
        return "self"
    if _NAME.search(text):
        return "person"
    return None


# -- the shipped models ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Model:
    kind: str
    nlp: Language
    keep: float  # a rule's finding stands from this score
    alone: float  # the model reports alone from this score
    meta: dict[str, Any]

    def scores(
        self, texts: Sequence[str], rule_hits: Sequence[bool | str] | None = None
    ) -> list[float]:
        """P(positive) per text; `rule_hits` for a model stacked on the rules' verdicts (a
        rule's reason, or "" when it was quiet, where the rule gives one)."""
        if not texts:
            return []
        # A "sentence" of a megabyte (a line with no full stop) says nothing more to a bag of
        # words than its start, and spaCy refuses texts over its max_length.
        texts = [t[:MAX_CHARS] for t in texts]
        if self.meta.get("stacked") and rule_hits is not None:
            read = [features(t, h) for t, h in zip(texts, rule_hits, strict=True)]
        else:
            read = [features(t) for t in texts]
        docs = self.nlp.pipe(read, batch_size=256)
        return [float(doc.cats.get(LABEL, 0.0)) for doc in docs]


MAX_CHARS = 5_000
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], Model | None] = {}


def models_dir() -> Path | None:
    """Where the models are read from; None when they are switched off."""
    chosen = os.environ.get(MODELS_ENV, "")
    if chosen.lower() == "off":
        return None
    return Path(chosen) if chosen else MODELS_DIR


def load(kind: str) -> Model | None:
    """The model for `kind`, loaded once; None when it is switched off or not built."""
    return cached(_CACHE, kind, lambda folder: _read(folder / kind, kind))


_Loaded = TypeVar("_Loaded")


def cached(
    cache: dict[tuple[str, str], _Loaded | None],
    kind: str,
    read: Callable[[Path], _Loaded | None],
) -> _Loaded | None:
    """`read(models folder)`, once per kind and folder (the evaluation script switches
    folders per fold); None when the models are switched off."""
    folder = models_dir()
    if folder is None:
        return None
    key = (kind, str(folder))
    with _LOCK:
        if key not in cache:
            cache[key] = read(folder)
        return cache[key]


# Tokenizers built from a tokenizer file, by the file's SHA-256: both models' tokenizer is
# the file of en_core_web_sm's (English defaults), and building one (thousands of special
# cases, twice: from the defaults, then from the file) is 90% of a model's load, 0.2 s.
# A model whose file is known reuses that tokenizer: the same file makes the same tokens,
# and the models read only the tokens' text (their hashed ORTH), whatever the vocab.
_TOKENIZERS: dict[str, Any] = {}
_STAND_IN_TOKENIZER = "pmlint.placeholder_tokenizer.v1"


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def offer_tokenizer(nlp: Language) -> None:
    """Let the models reuse a loaded pipeline's tokenizer (when its file is theirs)."""
    folder = getattr(nlp, "path", None)
    digest = _file_digest(Path(folder) / "tokenizer") if folder is not None else None
    if digest is not None:
        with _LOCK:
            _TOKENIZERS.setdefault(digest, nlp.tokenizer)


def _placeholder_tokenizer() -> Any:
    """Stands for the tokenizer while a model loads; replaced before it is ever called."""

    def create(nlp: Language) -> Any:
        def tokenize(text: str) -> Any:
            raise RuntimeError("pmlint: the placeholder tokenizer was not replaced")

        return tokenize

    return create


def _read(path: Path, kind: str) -> Model | None:
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    from pmlint.nlp.pipeline import decoders_once, import_spacy

    spacy = import_spacy()
    folder = path / "pipeline"
    digest = _file_digest(folder / "tokenizer")
    shared = _TOKENIZERS.get(digest) if digest is not None else None
    if shared is None:
        with decoders_once():
            nlp = spacy.load(folder)
        if digest is not None:
            _TOKENIZERS[digest] = nlp.tokenizer
    else:
        if _STAND_IN_TOKENIZER not in spacy.registry.tokenizers:
            spacy.registry.tokenizers.register(_STAND_IN_TOKENIZER, func=_placeholder_tokenizer)
        placeholder = {"nlp": {"tokenizer": {"@tokenizers": _STAND_IN_TOKENIZER}}}
        with decoders_once():
            nlp = spacy.load(folder, exclude=["tokenizer"], config=placeholder)
        nlp.tokenizer = shared
    return Model(kind, nlp, float(meta["keep"]), float(meta["alone"]), meta)


def textcat_config() -> dict[str, Any]:
    return {
        "threshold": 0.5,
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 2**18,
        },
    }


def decide(model: Model | None, rule_hit: bool, score: float, eligible: bool) -> bool:
    """The combined verdict (see the module's docstring)."""
    if model is None:
        return rule_hit
    if rule_hit:
        return score >= model.keep
    return eligible and score >= model.alone


def cues(model: Model, text: str, limit: int = 3, rule_hit: bool = False) -> list[str]:
    """The words whose removal lowers the score most: what the model looked at."""
    words = text.split()
    if len(words) < 2 or len(words) > 80:
        return []
    base = model.scores([text], [rule_hit])[0]
    variants = [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
    scored = model.scores(variants, [rule_hit] * len(variants))
    drops = sorted(((base - s, i) for i, s in enumerate(scored)), key=lambda p: -p[0])
    chosen = [i for drop, i in drops[:limit] if drop > 0.02]
    return [words[i].strip(".,;:!?\"'()") for i in sorted(chosen)]


def describe(kind: str) -> str:
    """For `pmlint explain`: what the model reads and how well it did held out."""
    model = load(kind)
    if model is None:
        return "The trained model is not installed or is switched off; the rules run alone."
    held = model.meta.get("heldout", {})
    lines = [
        f"Trained model ({kind}): spaCy textcat, bag of words and word pairs over the "
        "sentence and its classed form (people, groups, the writer, judgement words, "
        "lapses, counterfactuals, vague verbs, placeholders, code).",
        f"Combined with the rules: a rule finding stands from score {model.keep:.2f}; "
        f"the model alone reports from {model.alone:.2f}.",
    ]
    if held:
        lines.append(
            f"Measured held out by source ({held.get('folds', '?')}-fold, grouped by "
            f"repository or guide; {held.get('rows', '?')} labeled rows): "
            f"precision {held.get('precision', 0):.2f}, recall {held.get('recall', 0):.2f}, "
            f"F1 {held.get('f1', 0):.2f}."
        )
    return "\n".join(lines)
