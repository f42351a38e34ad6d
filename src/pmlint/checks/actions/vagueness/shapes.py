"""The text an item is judged on, and the shapes of vague items that the words show
without a parse (template text, a study with no result, a wish, a hedge, an activity)."""

from __future__ import annotations

import re

from pmlint.checks.actions.vagueness.lexicon import Vagueness
from pmlint.checks.actions.vagueness.words import (
    _ACTIVITY_PURPOSE,
    _ASIDE,
    _ASPIRATION,
    _CONDITIONAL_LOOK,
    _CONTINUOUS,
    _FINITE_WORD,
    _GROUP_FORMED,
    _GROUP_LOOKING,
    _HEDGED,
    _IDENTIFIER,
    _INQUIRING,
    _LABEL,
    _MADE,
    _NUMBER,
    _ONGOING,
    _OPINION,
    _SENTENCE_END,
    _SPARE_TIME,
    _STUDY,
    _STUDY_RESULT,
    _TEMPLATE,
    _UNNAMED_WORK,
)
from pmlint.extract.actions import ActionItem

_ENUMERATOR = re.compile(r"^\s*\d{1,2}[.)]\s+(?=[A-Za-z])")
# A request put to a named addressee ("@dana maybe you could ...", "@dana, any chance you
# can ...", "@dana could you ..."): the politeness is the request's, not a hedge on the
# work, which is what follows it, judged as an imperative (without the request's question
# mark).
_REQUEST = re.compile(
    r"^@[\w-]+,?\s+(?:(?:maybe|perhaps)\s+(?:you|u)\s+could|any\s+chance\s+(?:you|u)\s+"
    r"(?:can|could)|(?:could|can|would)\s+(?:you|u)(?:\s+please)?)\s+(?=[a-z]+\s+\S+\s+\S)",
    re.I,
)


def analysis_text(item: ActionItem) -> str:
    """The part of the item that states the action: its first sentence, without asides."""
    text = item.action or item.text
    text = _ENUMERATOR.sub("", text, count=1)  # "- 6. Study ...": a number pasted in
    request = _REQUEST.match(text)
    if request:  # its question mark is the request's too
        text = text[request.end() :].rstrip().rstrip("?")
    label = _LABEL.match(text)  # "The fix: Create a linter ...": the label names no action
    if label:
        text = text[label.end() :]
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    aside = _ASIDE.search(text)
    if aside and len(text[: aside.start()].split()) >= 2:
        text = text[: aside.start()]
    return text.strip(" .;:!,")


def _shape(text: str) -> Vagueness | None:
    """Shapes of vague items that the words show without a parse: leftover template text,
    a study item with no result, a wish about a property, a continuing activity noun, an
    inquiry reported as under way."""
    stripped = text.strip()
    template = _TEMPLATE.search(stripped)
    if template:
        return Vagueness("template", template.group().strip())
    study = _STUDY.match(stripped)
    if study and not _STUDY_RESULT.search(stripped[study.end() :]):
        return Vagueness("study", study.group("match"))
    if stripped.endswith("?") and len(stripped.split()) >= 3:
        return Vagueness("tentative", " ".join(stripped.split()[:4]))
    conditional = _CONDITIONAL_LOOK.match(stripped)
    if conditional and not _STUDY_RESULT.search(stripped[conditional.end() :]):
        return Vagueness("tentative", conditional.group("match"))
    hedged = _HEDGED.search(stripped)
    if hedged:
        return Vagueness("tentative", hedged.group("match") or hedged.group("help"))
    opinion = _OPINION.search(stripped)
    if opinion:
        return Vagueness("hedge", opinion.group("match"))
    spare = _SPARE_TIME.search(stripped)
    if spare:
        return Vagueness("tentative", spare.group("match"))
    # Work reported as under way has no end, whatever it names (a number, a link, a name).
    inquiring = _INQUIRING.match(stripped)
    if inquiring and not _STUDY_RESULT.search(stripped[inquiring.end() :]):
        return Vagueness("inquiry", inquiring.group("match"))
    ongoing = _ONGOING.search(stripped)
    if ongoing:
        return Vagueness("generic", ongoing.group("match"))
    group = _GROUP_LOOKING.match(stripped)
    if (
        group
        and not _FINITE_WORD.search(group.group("before"))
        and not _STUDY_RESULT.search(stripped[group.end() :])
    ):
        return Vagueness("inquiry", group.group("match"))
    formed = _GROUP_FORMED.match(stripped)
    if formed and not _STUDY_RESULT.search(stripped[formed.end() :]):
        return Vagueness("inquiry", formed.group("match"))
    if _NUMBER.search(stripped) or _IDENTIFIER.search(stripped):
        return None
    activity = _ACTIVITY_PURPOSE.match(stripped)
    if activity and not _STUDY_RESULT.search(stripped[activity.end() :]):
        return Vagueness("plan", activity.group("match"))
    aspiration = _ASPIRATION.match(stripped)
    if aspiration:
        return Vagueness("aspiration", aspiration.group("match"))
    unnamed = unnamed_report(stripped)
    if unnamed is not None:  # "Additional safeguards have been put in place"
        return unnamed
    continuous = _CONTINUOUS.match(stripped)
    if continuous:
        return Vagueness("generic", continuous.group("match"))
    return None


def unnamed_report(text: str) -> Vagueness | None:
    """Work reported as done whose subject is only more of an activity ("More
    observability was added for the workers", "Additional measures have been put in
    place"): what was made is not named, so nobody can check it. Other reports of work
    done (`is_past_report`) are not follow-up work and are not judged."""
    stripped = text.strip()
    if _NUMBER.search(stripped):  # a code name ("for the S3 uploads") names only the place
        return None
    improved = _IMPROVED_DONE.search(stripped)
    if improved:  # "Alerting improved", "Runbooks have been enhanced"
        return Vagueness("improve", improved.group("match"))
    subject = _CONTINUOUS.match(stripped) or _UNNAMED_WORK.match(stripped)
    rest = stripped[subject.end() :].strip() if subject else ""
    if subject is None or rest.lower().startswith("of ") or not _MADE.match(rest):
        return None  # "Extra logging of the request id was added": what is logged is named
    return Vagueness("generic", subject.group("match"))


# A report of improvement with nothing said of what changed: the item ends on the verb.
_IMPROVED_DONE = re.compile(
    r"^(?:[\w-]+\s+){1,4}?(?:(?:has|have)\s+been\s+|was\s+|were\s+)?(?P<match>(?:improved|enhanced"
    r"|strengthened|hardened|optimi[sz]ed|addressed|discussed|looked\s+into))\W*$",
    re.I,
)
