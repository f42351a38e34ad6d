"""What kind of incident a document describes: how it was detected, what triggered it, how it
was mitigated. Each answer names the line it came from, or is `unknown`.

The classes of words are the pack's (`categories.yaml`). The text that tells is read in order
of how directly it speaks: a front-matter key or a labelled field (`trigger: deploy`), then
the timeline entry of the matching milestone (the start for the trigger, the mitigation for
its kind), then the paragraphs of the sections that discuss it (Trigger and Root cause;
Resolution); when the mitigation's entry tells only the outcome ("all checks green", or a
"fix lands" that names no kind), the remedy is the nearest of the two entries before it that
names one and is not an attempt, and an entry that says it healed by itself has no kind.
The detection source is read from the sentences that tell how the incident was
learned of, and who told (`_detection`, below). For the trigger, the first cause of the
chain as the text tells it: a Trigger section, then the summary's sentences that tell of a
cause (`_CAUSE`; "This caused …" is read with one of the two sentences before it), then the
start's entry (unless it only tells load seen, a symptom, or a remedy), the title, a Root
cause section (often a list of contributing factors, less direct than the summary), then the
cause sentences of the timeline and the rest, never the follow-ups, lessons or the Impact
section. What is not told as a fact or an act tells nothing: a guess, a condition, a
denial, a deployment as a thing that runs. The first of
these with any hit decides: the class with the most hits there, ties going to the class the
text names first; none is `unknown`, better than a guess. A stated value the pack does not
know is `other` ("unknown", "TBD", "?" are unknown).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pmlint.document import Document, TextBlock
from pmlint.extract.timeline import Moment, Timeline

UNKNOWN = "unknown"
_NOT_KNOWN = re.compile(r"(?:unknown|not known|n/?a|tbd|tbc|none)\b|\?")
OTHER = "other"
# Where each category looks: the milestone whose entry tells, the sections that discuss it,
# and the front-matter keys and field labels that state it.
_SOURCES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "detection": ("detected", ("detection",), ("detection", "detection_source", "detected_by")),
    "trigger": ("start", ("trigger", "root-cause"), ("trigger", "cause", "root_cause")),
    "mitigation": ("mitigated", ("resolution",), ("mitigation", "mitigation_kind")),
}
# "**Trigger**: a deploy": no two runs of blanks meet (`(?:\*+[ \t]*)?`, not `\**\s*`), so
# the pattern stays linear on a line of blanks.
_FIELD = re.compile(
    r"^\W{0,8}(?P<label>[A-Za-z][A-Za-z _-]{2,30}?)(?:\*+[ \t]*)?:[ \t]*(?:\*+[ \t]*)?"
    r"(?P<value>\S.*)$"
)


# Labels that tell the mitigation when their value names a kind ("Workaround: the workers
# were restarted", "**Fix:** rolled back"); a value of no kind says nothing, unlike a
# `mitigation:` field, whose unknown value is `other`.
_SOFT_KEYS = {"mitigated": ("workaround", "fix", "remediation", "resolution")}


@dataclass(frozen=True, slots=True)
class Category:
    value: str
    line: int | None
    how: str  # front-matter | field | timeline | section | none
    stated: str | None = None  # the value as front matter or a field wrote it

    def to_json(self) -> dict[str, object]:
        shown: dict[str, object] = {"value": self.value, "line": self.line, "how": self.how}
        if self.stated is not None:
            shown["stated"] = self.stated
        return shown


@lru_cache(maxsize=16)
def _compiled(
    classes: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        # longest first: a phrase is read whole rather than as the word it opens with
        # ("fixed the code" rather than "fix", a weak word)
        (
            value,
            re.compile(
                r"(?<![a-z])(?:"
                + "|".join(_word_pattern(w) for w in sorted(words, key=len, reverse=True))
                + ")"
            ),
        )
        for value, words in classes
        if words
    )


# A "*" in a class's phrase stands for up to four words in between ("delete * pod" reads
# "deleted the ingress controller pods"); bounded, so a line of words stays linear.
_GAP = r"[\w'-]*(?:\s{1,8}\S{0,39}[^\s.,;:!?]){0,4}?\s{1,8}"


def _word_pattern(phrase: str) -> str:
    return _GAP.join(_part_pattern(part) for part in phrase.split(" * "))


# A one-letter word ("i", "a") is whole: it takes no ending, so that "i noticed" does not read
# "it noticed" (a system's check: "the hub repopulates the table when it notices it is empty")
# nor "is noticed" (a finding with no one named, read as such elsewhere).
_WHOLE = r"(?![\w'-])"
_ENDING = r"[\w'-]*"


def _part_pattern(part: str) -> str:
    """A phrase whose every word but a one-letter one may take an ending; the last word is a
    word start (`phrase_pattern`'s rule, but for the one-letter words)."""
    words = part.lower().split()
    return r"\s+".join(
        re.escape(word) + (_WHOLE if len(word) == 1 else "" if last else _ENDING)
        for word, last in zip(words, [False] * (len(words) - 1) + [True], strict=True)
    )


def _decide(text: str, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    """The class with the most hits; between equals, the one the text names first. A weak
    word (`_WEAK`) counts half."""
    return _scored(text.lower(), patterns, ())[0]


# A version number is a version: "v1.1.3 was rolled out", "shipped 2.0.4-rc1". Not a time
# ("9:30") nor a date with dashes; a number with two dots or a "v" before it.
_VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+\.\d+[\w.+-]*|(?<![\w.])v\d+(?:\.\d+)?[\w.+-]*")


# Link targets and URLs: their words are not the text's ("…/commit/…", "…/releases/…").
# A link's opening bracket too: "with [v1.27.0](…) we" reads "with v1.27.0 we".
_LINK = re.compile(r"\]\([^)\s]{0,500}\)|https?://\S+|\[(?=[^\[\]\n]{0,200}\]\()")
_SPACES = re.compile(r"\s+")


def _versions(lower: str) -> str:
    return _VERSION.sub(lambda m: "version".ljust(len(m.group())), lower)


def _scored(
    lower: str, patterns: Sequence[tuple[str, re.Pattern[str]]], half: tuple[str, ...]
) -> tuple[str | None, bool]:
    """The class with the highest score in `lower` (a hit counts 1, half for a weak word or
    one that starts with a word of `half`), ties going to the one named first; and whether
    any of its hits is a full one. A people word that only qualifies another class's word
    ("community care providers", "user support staff") is no hit."""
    lower = _SPACES.sub(" ", _blank(lower, _LINK))
    if any(c.isdigit() for c in lower):
        lower = _versions(lower)
    if any(v == _DEPENDENCY for v, _ in patterns):  # the trigger's classes
        for told_otherwise in (_ORIGIN, _INSTALLED, _WHEN, _GUESS, _CONDITION):
            lower = _blank(lower, told_otherwise)
        lower = _others_release(lower)
    elif any(v == "failover" for v, _ in patterns):  # the mitigation's
        lower = _blank(lower, _PRODUCT_TERM)
    found = [(m, value) for value, pattern in patterns for m in pattern.finditer(lower)]
    found.sort(key=lambda hit: hit[0].start())  # stable: the pack's order between equals
    starts = [m.start() for m, _ in found]
    scores: dict[str, tuple[float, int, bool]] = {}
    for index, (match, value) in enumerate(found):
        word = match.group()
        if _PEOPLE.match(word) and _qualifies(lower, match, value, found, starts):
            continue
        if not half and _modifies(lower, match, value, found[index + 1 : index + 3]):
            continue  # (not for the detection source, whose words are people and tools)
        weight = 0.5 if word in _WEAK or word.startswith(half) else 1.0
        total, first, strong = scores.get(value, (0.0, match.start(), False))
        scores[value] = (total + weight, min(first, match.start()), strong or weight == 1.0)
    if not scores:
        return None, False
    value = min(scores, key=lambda v: (-scores[v][0], scores[v][1]))
    return value, scores[value][2]


# A release, a publish or a commit whose doer is not the team ("the authors of three crates
# published them", "the upstream library released 2.0", "a commit lands in the
# parser package"): the incident came from a dependency, not from a deploy of ours. The doer opens
# the clause the verb is in.
_DEPENDENCY = "dependency"
_OTHERS_RELEASE = re.compile(
    r"(?<![a-z])(?:users?|authors?|maintainers?|upstream|third[- ]party|vendors?|"
    r"(?:the|an?|its|their) (?:[\w:-]{1,30} )?(?:package|library|crate|gem|module|sdk)s?|"
    r"package:[\w-]+)(?![a-z])(?:(?!(?<![a-z])(?:we|our|us|i)(?![a-z]))[^.;!?]){0,160}?"
    r"(?<![a-z])(?P<verb>publish\w*|releas\w*|commit\w*|push(?:ed|es)\b)"
)
# Where a bug came from, told beside what set it off: "the flaw came in with the 4.0
# release last spring", "a latent bug in the webapp": that release or change is not what
# set off this incident, so its clause tells no trigger.
_ORIGIN = re.compile(
    r"(?<![a-z])(?:(?:bug|issue|regression|flaw|defect|vulnerabilit\w*|problem)s? "
    r"(?:was|were|had been|has been|got) introduced|latent|dormant|"
    r"(?:had|has) (?:been )?(?:existed|lurked|lain)\w*)[^.,;!?]{0,160}"
)

# A deployment as a thing that runs, not an act: a place things are in ("usage on the mybinder
# deployment", "the namespace for the LEAP deployment"), the tooling that deploys ("a bug in
# our deployment process"), or a service that stops ("the Prow deployment stopped
# responding"). "After the deployment", "the deployment of v2" stay acts.
_INSTALLED = re.compile(
    r"(?<![a-z])(?:(?:on|in|for|across|within|inside) (?:the|our|a|an|its|their|this|each|"
    r"every|all) (?:[\w`'./-]{1,30} ){0,3}deployments?(?! (?:of|to)\b)|"
    r"deploy(?:ment)?s? (?:process\w*|pipelines?|scripts?|tool\w*|automation|jobs?|"
    r"documentation|checklists?|history|steps?|manifests?|namespaces?|variants?)(?![a-z])|"
    r"deployments?,? (?:\S+ ){0,3}?(?:stopped responding|(?:is|was|were|are) (?:up|down|"
    r"running|unresponsive)\b|up and running))"
)
# A provider's phrase followed by a time: "told the hosting desk of the outage at 08:40" names no
# place the outage was at.
_WHEN = re.compile(r"(?<![a-z])outage at(?= (?:about |around |approximately |~)?\d)")


# A remedy's word as the name of a product or a feature, not an act: "a ticket concerning
# network ip failover", "the failover IPs we rent", "the restart policy", "the rollback plan".
_PRODUCT_TERM = re.compile(
    r"(?<![a-z])(?:(?:ip|address(?:es)?) failover|failover (?:ips?|address\w*)|"
    r"(?:restart|rollback|failover) (?:policy|policies|plan|procedure|button|option))(?![a-z])"
)


# A change made to what is theirs ("the campus IT performed upgrades to their network", "a
# migration of their servers"): the others' act, unless we did it ("we deployed to their
# cluster").
_THEIR_CHANGE = re.compile(
    r"(?<![a-z])(?P<verb>upgrad\w*|releas\w*|migrat\w*|deploy\w*|rollouts?)"
    r"(?: (?:to|of|on|in|at|for))? their(?![a-z])"
)
_OURS = re.compile(r"(?<![a-z])(?:we|our|us|i)(?![a-z])")
_CLAUSE_START = re.compile(r"[.;!?\n]")


def _others_release(lower: str) -> str:
    """The text with each release or change by others told as a dependency's ("vendor" in the
    verb's place, offsets kept); a release of ours ("we released 2.0") stays a deploy."""
    out = lower
    spans = [m.span("verb") for m in _OTHERS_RELEASE.finditer(lower)]
    for match in _THEIR_CHANGE.finditer(lower):
        before = lower[max(match.start() - 200, 0) : match.start()]  # its clause, bounded
        clause = _CLAUSE_START.split(before)[-1]
        if not _OURS.search(clause):
            spans.append(match.span("verb"))
    for a, b in spans:
        if b - a >= 6:
            out = out[:a] + "vendor".ljust(b - a) + out[b:]
    return out


_WORD_END = re.compile(r"[\w']*")
_JOIN = re.compile(r"[ -]")


def _modifies(
    lower: str,
    match: re.Match[str],
    value: str,
    following: Sequence[tuple[re.Match[str], str]],
) -> bool:
    """Whether a hit is the first noun of a compound whose head, right after it, is another
    class's word: "a configuration rollback" is a rollback, "a dependency upgrade" an
    upgrade; the last noun names the thing."""
    end = _WORD_END.match(lower, match.end())
    after = end.end() if end else match.end()
    return any(
        other != value
        and later.start() == after + 1
        and _JOIN.match(lower, after)
        and not _VERB_FORM.match(lower, later.start())
        for later, other in following
    )


# "the provider upgraded": a verb, no compound.
_VERB_FORM = re.compile(r"(?<![\w'-])[\w'-]*(?:ed|ing)\b")


def _qualifies(
    lower: str,
    match: re.Match[str],
    value: str,
    found: Sequence[tuple[re.Match[str], str]],
    starts: Sequence[int],
) -> bool:
    """Whether a people word only qualifies another class's word that follows it closely."""
    low = bisect.bisect_right(starts, match.end())
    high = bisect.bisect_right(starts, match.end() + _QUALIFIER_REACH)
    return any(
        other != value
        and _QUALIFIES.fullmatch(lower, match.end(), later.start())
        and not _LEARNING.match(lower, later.start())  # "a user alerted us": a verb
        for later, other in found[low:high]
    )


# People as a qualifier of another word: the head of the phrase is who it is ("community
# care providers" are providers). The word's ending, then at most one word that is neither
# a verb of telling nor a word of grammar, before the other class's word.
_PEOPLE = re.compile(r"(?:user|customer|client|communit)")
_QUALIFIER_REACH = 40  # characters from the people word to the word it qualifies
_QUALIFIES = re.compile(
    r"[\w'-]{0,20}[ -](?:(?!(?:and|or|of|to|the|a|an|by|from|via|on|in|at|with|for|who|that|"
    r"was|were|is|are|has|had|have|reports?|reported|notic\w*|told|tweet\w*|complain\w*|"
    r"flagged|saw|spotted)\b)[a-z]{1,30}[ -])?"
)


# Words that name any remedy as well as their class's ("the fix lands" after a rollback, "we
# disabled the migration and reverted to the old name servers"): a hit on one counts half.
_WEAK = frozenset(("fix", "disabled", "enabled"))


def incident_categories(
    doc: Document,
    facts: Timeline,
    vocabulary: Mapping[str, Mapping[str, Sequence[str]]],
    allowed: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Category]:
    """Each kind's category. `allowed`: per kind, values a repository's config adds to the
    pack's class names (PM005's `options.fields`); stated in front matter or a field, such a
    value counts as itself."""
    result: dict[str, Category] = {}
    for kind, (milestone, sections, keys) in _SOURCES.items():
        classes = vocabulary.get(kind) or {}
        patterns = _compiled(tuple((v, tuple(w)) for v, w in classes.items()))
        extra = tuple((allowed or {}).get(kind, ()))
        result[kind] = _categorise(doc, facts, milestone, sections, keys, patterns, classes, extra)
    return result


def stated_category(
    value: str,
    classes: Mapping[str, Sequence[str]],
    allowed: Sequence[str] = (),
) -> str:
    """What analyze counts a stated value as (front matter `trigger: ...`): the class it
    names, a value the config allows (as itself), else the class its words show, else
    `other`."""
    patterns = _compiled(tuple((v, tuple(w)) for v, w in classes.items()))
    return _named(value, classes, patterns, tuple(allowed))


def _categorise(
    doc: Document,
    facts: Timeline,
    milestone: str,
    sections: tuple[str, ...],
    keys: tuple[str, ...],
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    classes: Mapping[str, Sequence[str]],
    allowed: tuple[str, ...] = (),
) -> Category:
    for key in keys:  # stated outright wins; a value the pack does not list is kept as written
        value = doc.meta.get(key)
        if isinstance(value, str) and value.strip():
            line = doc.meta_lines[0] if doc.meta_lines else 1
            named = _named(value, classes, patterns, allowed)
            return Category(named, line, "front-matter", value.strip())
    soft = _SOFT_KEYS.get(milestone, ())
    for block in doc.blocks:
        if NOT_TOLD.intersection(block.canonical_sections()):
            continue  # "Trigger: 100% missed votes" in a follow-up: a future alarm's trigger
        match = _FIELD.match(block.text.split("\n", 1)[0])
        label = match["label"].strip().lower().replace(" ", "_") if match else ""
        if match and label in keys:
            named = _named(match["value"], classes, patterns, allowed)
            return Category(named, block.first_line, "field", match["value"].strip())
        if match and label in soft:
            value = _decide(block.text[match.start("value") :], patterns)
            if value is not None:  # "Workaround: restarted the workers"
                return Category(value, block.first_line, "field")
    if milestone == "detected":
        return _detection(doc, facts, patterns)
    moment = facts.milestones.get(milestone)
    entry: Category | None = None
    if milestone == "mitigated":
        moment = _not_after_the_end(facts, moment)
    if moment is not None:
        text = _entry_text(facts, moment)
        told = facts.provenance.get(milestone) == "timeline"
        if not told:  # a time in a paragraph: its sentence, not the whole paragraph
            text = _sentence_at(moment)
        if milestone == "mitigated":
            if _ON_ITS_OWN.search(text.lower()):
                return Category(UNKNOWN, None, "none")  # it healed: no remedy had a kind
            text = _done(text)
        if milestone == "start":
            text = _unremedied_start(_unplanned(text))
        value, strong = _scored(text.lower(), patterns, ())
        if milestone == "mitigated" and told and not strong:
            found = _remedy_before(facts, moment, patterns)  # "all is well", "the fix lands"
            if found is not None and found.line is not None:
                end = _entry_end(facts, found.line)
                return Category(
                    found.value, _pinpoint(doc, found.line, found.value, patterns, end), found.how
                )
        if value is not None:
            end = _entry_end(facts, moment.line) if told else None
            if milestone != "start" or not _symptom(text.lower(), value):
                line = _pinpoint(doc, moment.line, value, patterns, end)
                if milestone != "start":
                    return Category(value, line, "timeline")
                entry = Category(value, line, "timeline")
    if milestone == "start":
        found = _section(doc, "trigger", patterns, _unremedied_start)
        found = found or _cause(doc, facts, patterns, summary=True) or entry
        found = found or _title_cause(doc, patterns)
        found = found or _section(doc, "root-cause", patterns, _unremedied_start, readings=True)
        found = found or _problem_section(doc, patterns)
        return found or _cause(doc, facts, patterns, summary=False) or _NONE
    for canonical in sections:
        if milestone == "mitigated" and any(
            _ON_ITS_OWN.search(t.lower()) for _, t in _section_texts(doc, canonical)
        ):
            return Category(UNKNOWN, None, "none")  # "the incident resolved itself upstream"
        found = _section(
            doc, canonical, patterns, _unremedied if milestone == "mitigated" else None
        )
        if found is not None:
            return found
    if milestone == "mitigated":
        return _remedy_told(doc, facts, patterns)
    return Category(UNKNOWN, None, "none")


def _symptom(lower: str, value: str) -> bool:
    """Whether the start entry tells load only as what was seen ("CPU spikes to 100%",
    "error rate spikes"), not as what set it off: a capacity word with no word of cause or
    of failure ("due to the low disk space", "a surge overwhelmed the hosts"). The first
    symptom is often the start: such an entry tells no trigger, and when no other text
    tells one, an unknown beats a guess."""
    return value == "capacity" and not _CAUSE.search(lower) and not _failed(lower)


def _reading(lower: str, value: str) -> bool:
    """Whether a Root cause paragraph tells load only as measured ("block time metrics
    showed sustained spikes of 12 seconds", "CPU peaked at 90%"): evidence gathered, not
    what set it off; unlike a state that ran out ("out of memory", "no space left")."""
    return bool(_MEASURED.search(lower)) and _symptom(lower, value) and not _RAN_OUT.search(lower)


# Words of evidence: what was measured or seen, "metrics showed", "as evidenced by".
_MEASURED = re.compile(
    r"(?<![a-z])(?:show(?:s|ed|ing|n)?|reveal\w*|indicat\w*|confirm\w*|evidenc\w*|observ\w*|"
    r"measur\w*|recorded|peak(?:ed|s)? (?:at|of))\b"
)


# Load that ran out or was refused, a failure in itself: "out of memory", "the OOM killer".
_RAN_OUT = re.compile(
    r"(?<![a-z])(?:out of (?:memory|space|disk)|oom|no space|disk full|evict\w*|too many|"
    r"quota|killed|limit\w* (?:reached|exceeded|hit))"
)


def _unremedied_start(text: str) -> str:
    """The text but its clauses of a remedy that tell no cause ("the fix was deployed at
    15:10 and checkout recovered" is when a remedy landed, not what set it off; "a release
    meant to fix the upload caused the outage" stays); a version's name ("v2.4.7+hotfix.3
    is out") is no remedy. For the start's entry and the Trigger and Root cause
    sections."""
    lower = _versions(text.lower())
    return "".join(
        " " * (b - a)
        if _REMEDY.search(lower, a, b) and not _CAUSE.search(lower, a, b)
        else text[a:b]
        for a, b in _clause_spans(lower)
    )


def _unplanned(text: str) -> str:
    """The start's entry but its clauses of work to come that tell no cause: a notice that
    opens with a plan ("a scheduled backend migration will occur on Friday to address the
    disk issues") announces a remedy, not what set the incident off. An expiry to come
    stays: the warning of it ("our certificate was going to expire") tells the trigger."""
    lower = text.lower()
    return "".join(
        " " * (b - a)
        if _FUTURE.search(lower, a, b)
        and not _CAUSE.search(lower, a, b)
        and not _EXPIRING.search(lower, a, b)
        else text[a:b]
        for a, b in _clause_spans(lower)
    )


_EXPIRING = re.compile(r"(?<![a-z])(?:expir|lapse)")


# Words that tell the impact stopped: "the network began to recover", "service resumes",
# "bringing the outage to an end", "uploads work again".
# Verbs, not nouns: "to assist with recovery" is no outcome.
_RECOVERY = re.compile(
    r"(?<![a-z])(?:recover(?:s|ed|ing)?\b|restor(?:es|ed|ing)\b|resum(?:es|ed|ing)\b|"
    r"back (?:to normal|online|up)\b|(?:work|works|worked|working|running|operational) again|"
    r"to an end|went away|goes away|resolv(?:es|ed|ing)\b|mitigat(?:es|ed|ing)\b|"
    r"(?:drop|fell|fall|went|go)\w* (?:back )?(?:down )?to zero)"
)
# The outcome told the way a status page or a narrative tells it: a remedy is in and being
# watched ("a patch is deployed and being monitored", "they've rolled back the changes.
# We're monitoring"), or what it freed ("the reaper gets going, cleaning out stale
# pods"). Not a watch to come ("we will monitor").
_OUTCOME = re.compile(
    _RECOVERY.pattern
    + r"|(?:(?<![a-z])(?:are|is|being|were|now)|['\u2019]re)(?:\s+(?:now\s+|closely\s+|"
    r"currently\s+|carefully\s+)?(?:monitor|observ|watch)\w*)|(?<![a-z])freed\b|"
    r"(?<![a-z])clean(?:s|ed|ing)? (?:out|up)\b"
)
# A sentence of a condition, a guess or a hope tells no outcome ("if so, they are on standby",
# "we are cautiously optimistic that it is resolved", "in the event data needs to be
# recovered").
_HEDGED = re.compile(
    r"(?<![a-z])(?:if|unless|unlikely|likely|whether|in case|in the event|optimistic|hope\w*|"
    r"appears? to|"
    r"seems? to)\b"
)


def _not_after_the_end(facts: Timeline, moment: Moment | None) -> Moment | None:
    """The mitigation's moment, or the resolution's when the entry taken for the mitigation
    comes after the one that says the impact ended ("09:34 Outage ends", then "14:31 finds
    why an old job reverted the settings"): a remedy is done by the end, not after it."""
    end = facts.milestones.get("resolved")
    if moment is None or end is None or facts.provenance.get("resolved") != "timeline":
        return moment
    if moment.when is not None and end.when is not None:
        return end if moment.when > end.when else moment
    return end if moment.line > end.line else moment


def _remedy_told(
    doc: Document, facts: Timeline, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> Category:
    """With no entry that tells the impact stopped: the first sentence (the summary's, the
    timeline's, then the rest, never the follow-ups or lessons) that tells a remedy of a class
    and, in the same breath, that the impact stopped ("we shipped a patch and the network
    recovered"); not one of plans or of what was not done."""
    for line, sentence, before in told_sentences(doc, facts):
        lower = _clean(sentence)
        if not _OUTCOME.search(lower) or _TO_READER.search(lower) or _HEDGED.search(lower):
            continue
        if not _RECOVERY.search(lower) and _FUTURE.search(lower):
            continue
        value = _recovered_by(lower, patterns)
        if value is not None:
            return Category(value, line, "prose")
        value = _remedy_just_before(before[1], patterns)
        if value is not None and not _scored(lower, patterns, ())[0]:
            # "@sam deploys code to revert to the previous behavior. The error rates
            # subsequently drop back to zero.": the outcome told in the next breath
            return Category(value, before[0], "prose")
    return Category(UNKNOWN, None, "none")


def _remedy_just_before(
    sentence: str, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> str | None:
    """The remedy a sentence reports done, told just before one that only says the impact
    stopped: not a plan, an attempt, a denial, a question or words to the reader."""
    said = [m.group() for m in _ANY_SENTENCE.finditer(_clean(sentence)) if m.group().strip()]
    lower = said[-1] if said else ""  # the sentence just before, not its whole paragraph
    if not lower.strip() or _TO_READER.search(lower) or _HEDGED.search(lower):
        return None
    for a, b in _clause_spans(lower):  # "deploys a revert while preparing a fix": the revert
        clause = lower[a:b]
        if _FUTURE.search(clause) or _ATTEMPT.search(clause) or _NEGATED.search(clause):
            continue
        value, strong = _scored(clause, patterns, ())
        if value is not None and strong:
            return value
    return None


# Where a sentence's clauses part: "prod was down, so I reverted the bump, which restored it,
# but the deploy to the other hubs failed".
_CLAUSES = re.compile(r"[,;:]|\s(?:so|but|although|though|while|whereas|because)\s")


def _clause_spans(lower: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.end() for m in _CLAUSES.finditer(lower)), len(lower)]
    return list(itertools.pairwise(bounds))


def _recovered_by(lower: str, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    """The remedy of a clause that tells the impact stopped, else of the nearest clause before
    it that names one ("we rolled back, and errors stopped"); a denial counts in those clauses
    only ("prod wasn't accessible, so I reverted the bump, which restored it" is a rollback)."""
    clauses = [lower[a:b] for a, b in _clause_spans(lower)]
    for index, clause in enumerate(clauses):
        if not _OUTCOME.search(clause) or _NEGATED.search(clause):
            continue
        for before in range(index, -1, -1):  # this clause, else the nearest one before
            if _NEGATED.search(clauses[before]):
                break
            value, strong = _scored(clauses[before], patterns, ())
            if value is not None and strong:
                return value
        if _AFTER.search(clause):  # "came back online after a new cluster was created, …"
            for later in clauses[index + 1 :]:
                value, strong = _scored(later, patterns, ())
                if value is not None and strong and not _NEGATED.search(later):
                    return value
    return None


_AFTER = re.compile(r"(?<![a-z])(?:after|once|when)\s")


# A remedy to come, not done: "a fix … will be deployed as soon as possible".
_FUTURE = re.compile(
    r"(?<![a-z])(?:will|shall|going to|as soon as|plan(?:s|ned)? to|intend\w* to|"
    r"(?:is|are) (?:being )?(?:scheduled|expected) to)\b"
)


def tells_no_remedy(sentence: str) -> bool:
    """Whether a sentence is one the rules never read for a remedy done: to the reader, a
    question, a guess or a condition, a remedy to come, a plan ("set up a standby")."""
    text = sentence.lower()
    if _TO_READER.search(text) or text.rstrip().endswith("?") or _HEDGED.search(text):
        return True
    return bool(_FUTURE.search(text)) or bool(_PLAN.match(text))


def healed_on_its_own(text: str) -> bool:
    """Whether a text says the impact stopped with no remedy ("it recovered on its own")."""
    return bool(_ON_ITS_OWN.search(text.lower()))


def _done(text: str) -> str:
    """The entry's sentences but those of a remedy to come."""
    return " ".join(
        m.group() for m in SENTENCE.finditer(text) if not _FUTURE.search(m.group().lower())
    )


# Impact that stopped with no remedy: "the cluster self-heals", "it recovered on its own".
_ON_ITS_OWN = re.compile(
    r"(?<![a-z])(?:self-?heal\w*|on (?:its|their) own|by (?:itself|themselves)|"
    r"(?:resolv|recover)\w* (?:itself|themselves)|without (?:any )?(?:intervention|action))"
)
# A remedy tried or begun, not done, or done without effect: not the one that stopped it.
_ATTEMPT = re.compile(
    r"(?<![a-z])(?:tri(?:ed|es)|trying|try to|attempt\w*|began|begin\w*|start(?:s|ed|ing)?|"
    r"decid\w*|plan\w*|propos\w*|prepar\w*|working on|no effect|did not help|didn't help|"
    r"did not work|didn't work|persist\w*|unsuccessful\w*|fail(?:s|ed)? to)(?![a-z])"
)
_REMEDY_REACH = 2  # entries before the mitigation read for its remedy


def _remedy_before(
    facts: Timeline, moment: Moment, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> Category | None:
    """The remedy that the mitigation entry reports done, when that entry only says the
    impact stopped ("all systems operational", "pipeline run completed"): the nearest of the
    few entries before it, after the detection (or the start: the change that broke it is no
    remedy), that names a kind of remedy and is not an attempt."""
    index = next((i for i, e in enumerate(facts.events) if e.moment is moment), None)
    if index is None:
        return None
    floor = max(index - _REMEDY_REACH, 0)
    for kind in ("detected", "start"):
        earlier = facts.milestones.get(kind)
        found = next((i for i, e in enumerate(facts.events) if e.moment is earlier), None)
        if earlier is not None and found is not None and found < index:
            floor = max(floor, found + 1)
            break
    for event in reversed(facts.events[floor:index]):
        lower = event.text.lower()
        if _ATTEMPT.search(lower):
            continue
        value, strong = _scored(lower, patterns, ())
        if value is not None and strong:
            return Category(value, event.line, "timeline")
    return None


def _pinpoint(
    doc: Document,
    line: int,
    value: str,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    end: int | None = None,
) -> int:
    """The line that holds the first word of `value`'s class in the entry or paragraph that
    opens at `line` (up to `end`, the next entry's line): a heading's entry ("### 11:02", a
    blank, then what was done) or a paragraph of many lines is cited at the line that tells,
    not at its time or its first line. `line` when no word of the class is found."""
    pattern = next((p for v, p in patterns if v == value), None)
    if pattern is None:
        return line
    for block in doc.blocks:
        if block.last_line < line:
            continue
        if (end is not None and block.first_line >= end) or block.first_line > line + 60:
            break
        if end is None and block.first_line > line:
            break  # a paragraph (or a row's cells): only the blocks that hold the line
        lower = _blank(block.text.lower(), _LINK)
        for match in pattern.finditer(lower):
            found = block.position(match.start())[0]
            if found >= line and (end is None or found < end):
                return found
    return line


def _entry_end(facts: Timeline, line: int) -> int | None:
    """The line of the timeline entry after the one at `line` (None for the last)."""
    return min((e.line for e in facts.events if e.line > line), default=None)


def _named(
    value: str,
    classes: Mapping[str, Sequence[str]],
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    allowed: tuple[str, ...] = (),
) -> str:
    """A stated value as one of the pack's classes: its own name, or a value the config
    allows, else the class its words show, else `other`, so that trend tables stay a fixed
    set of rows."""
    cleaned = value.strip().lower()
    if cleaned in classes:
        return cleaned
    if cleaned in {a.strip().lower() for a in allowed}:
        return cleaned
    if _NOT_KNOWN.match(cleaned):
        return UNKNOWN  # "Unknown. First outage happened three days after …"
    return _decide(cleaned, patterns) or OTHER


def _sentence_at(moment: Moment) -> str:
    """The sentence of its paragraph that holds a time told in prose ("the incident lasted
    95 minutes (23:55 to 01:30 UTC)" tells no remedy, whatever the paragraph's first lines
    say of the change that caused it)."""
    text = moment.block.text
    for match in SENTENCE.finditer(text):
        if match.start() <= moment.stamp.start < match.end():
            return match.group()
    return text


def _entry_text(facts: Timeline, moment: Moment) -> str:
    for event in facts.events:
        if event.moment is moment:
            return event.text
    return moment.block.text


# Words that tell of a cause without saying which kind it was ("the outage was caused by"):
# a sentence with one of them tells of the trigger, and the class words outside them decide
# its kind. (The same for the mitigation, with "fixed", "recovered", "restored", was right
# less often than before on the held-out documents, so the mitigation is read only from its
# timeline entry and the Resolution section; the detection source likewise.)
_CAUSE = re.compile(
    r"(?<![a-z])(?:caus\w*|trigger\w*|due to|because|result of|led to|introduc\w*|"
    r"root cause|started when|began when|broke\b|breaks\b|breaking\b|broken by|"
    r"stem(?:s|med) from|traced (?:back )?to|attributed to|side[- ]effects? of|owing to|"
    r"hit by|struck by|victim of|"
    # a failure told with what came just before it: "checkout failed for 40 minutes after we
    # deployed 2.4", "logins broke after the certificate expired"
    r"(?:fail(?:s|ed|ing)?|broke|broken|(?:was|were|went) down|crash(?:es|ed)?|"
    r"(?:was|were|became) unavailable)\b[^,;.!?]{0,60}?(?<![a-z])after\b)"
)
# Why it was found or fixed late, not why it broke: "the slow incident response came
# from a pager set up wrongly", "we were paged late because the alert threshold was set
# too high", "recovery took long because of a slow restore". Such a sentence tells no trigger.
_DELAY = re.compile(
    r"(?<![a-z])(?:(?:delay\w*|slow\w*|late)\s+(?:in\s+|of\s+)?(?:the\s+|our\s+)?"
    r"(?:incident\s+)?(?:response|detection|detecting|notic\w*|escalat\w*|alert\w*|paging|"
    r"recovery|resolution|mitigation)|(?:paged|alerted|notified|noticed|detected|responded|"
    r"escalated)\s+(?:\w+\s+)?(?:late|slowly)|(?:recovery|resolution|mitigation|restore|"
    r"response)\s+took\s+(?:\w+\s+)?(?:long|longer|hours|a while))"
)
# Words of the remedy: in a sentence of cause, what follows one tells the fix, not what
# broke ("the bug was fixed and introduced via the 2.2 release", "after the hotfix was
# released", "to solve the problem, we upgraded the database").
_REMEDY = re.compile(
    r"(?<![a-z])(?:(?:hot)?fix(?:es|ed|ing)?\b|patch(?:es|ed|ing)?\b|restor\w*|mitigat\w*|"
    r"(?:re)?solv(?:e|ed|es|ing)\s+(?:the|this|it)\b|work\s*around\w*|recover\w*)"
)


# Words that tell something failed, which is a cause of the outage when a class word names
# what failed or how: "our hosting provider had an outage", "a surge of sign-ups overwhelmed
# the web servers", "the upstream registry went down". Unlike `_CAUSE` they are not blanked
# before the class is read: "had an outage" is itself the dependency's.
_FAILED = re.compile(
    r"(?<![a-z])(?:(?:had|has|have|experienc\w*|suffer\w*)\s{1,8}(?:an?\s{1,8}|some\s{1,8})?"
    r"(?:[\w-]{1,30}\s{1,8}){0,2}(?:outage|incident|issue|problem|failure|disruption|"
    r"degradation|attack|loss of power|power loss)s?\b|"
    r"went (?:down|offline)|(?:was|were) down\b|took (?:\w+ )?down|brought (?:\w+ )?down|"
    r"(?:was|were|became) (?:unreachable|unavailable|offline)\b|"
    # something that ran out in time: "our domain expired on Friday", "the token expired"
    r"expired\b|"
    r"overwhelm\w*|overload\w*|exhaust\w*|saturat\w*|ran out of|running out of|"
    # a surge told as a story: "a post to reddit, it starts getting popular", "we are full"
    r"(?:getting|got|became|went) (?:very |really )?(?:popular|viral)|"
    r"(?:we|it|cluster|hub|server|node)s? (?:is|are|was|were) (?:completely |entirely )?full\b|"
    # a vulnerability disclosed to the team: "received a potential vulnerability report"
    r"(?:received|got|sent us|reported|disclosed) (?:an? )?(?:[\w-]{1,30} ){0,2}"
    r"(?:vulnerabilit\w*|security (?:report|disclosure|issue)))"
)


def _failed(lower: str) -> bool:
    """A failure told as a fact: not guessed, feared or denied ("we might have an issue with
    our provider", "the provider had no outage")."""
    return bool(_FAILED.search(lower)) and not _NEGATED.search(lower) and not _HEDGED.search(lower)


def _before_remedy(lower: str) -> str:
    match = _REMEDY.search(lower)
    return lower if match is None else lower[: match.start()]


# Looking for a cause tells none: "started hunting for the root cause of the failures".
_SEEKING = re.compile(
    r"(?<![a-z])(?:look\w* (?:for|into)|search\w* for|hunt\w* for|investigat\w*|"
    r"tr(?:y|ied|ying) to (?:find|understand|determine)|(?:to|not) (?:find|determine|"
    r"understand|know))(?: (?:the|a|its|what))?(?: (?:possible|likely|real|root))? cause\w*"
)
# Sections about the future or about lessons: "we need alerts on X" says nothing of this
# incident's detection.
NOT_TOLD = frozenset(("action-items", "lessons", "went-well", "went-wrong", "lucky", "recurrence"))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with the matches of `pattern` blanked (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


# Across the lines of a paragraph; a stop ends a sentence only before a blank or the end, so
# "version 2.0.4" stays in its sentence, and not after a short form ("Apr. 28", "e.g. the").
# An HTML line break ends one too ("**11:07** Issue reproduced.<br> **11:30** …").
_SHORT_FORM = r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|e\.g|i\.e|approx|vs|ca|no)\."
SENTENCE = re.compile(
    r"(?:" + _SHORT_FORM + r"|[^.!?<]|[.!?](?=\S)|<(?!br\s*/?>))+(?:[.!?]+|<br\s*/?>|$)", re.I
)


_NONE = Category(UNKNOWN, None, "none")


# A remedy tried without effect: "rolling back did not resolve it, nor did restarts".
_NO_EFFECT = re.compile(
    r"(?<![a-z])(?:did not|didn't|does not|doesn't|nor did|no effect|to no avail|"
    r"without (?:success|effect)|unsuccessful\w*|(?:had|has) no)\b"
)


def _without_effect(text: str) -> str:
    """The text with its clauses that tell a remedy without effect blanked, and its sentences
    to the reader: the remedy left is the one that stopped the impact ("…, nor did restarts;
    disabling the plugin did")."""
    lower = _not_to_the_reader(text.lower())
    return "".join(
        " " * (b - a) if _NO_EFFECT.search(lower, a, b) else lower[a:b]
        for a, b in _clause_spans(lower)
    )


def _unremedied(text: str) -> str:
    """A Resolution paragraph but its remedies tried without effect and those denied ("I had
    neither the time nor the means to find a temporary fix")."""
    return _undenied(_without_effect(text).lower())


def _not_to_the_reader(lower: str) -> str:
    """The text with its sentences to the reader blanked ("restore the copy you saved"): an
    instruction, not what was done (a notice to operators lists the remedies they may take)."""
    return "".join(
        " " * len(m.group()) if _TO_READER.search(m.group()) else m.group()
        for m in _ANY_SENTENCE.finditer(lower)
    )


_ANY_SENTENCE = re.compile(r"[^.!?]+[.!?]*|[.!?]+")


def _section(
    doc: Document,
    canonical: str,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    keep: Callable[[str], str] | None = None,
    *,
    readings: bool = False,
) -> Category | None:
    """The first paragraph of the sections named so with a class word, and its class
    (`keep`: the part of a paragraph that counts; `readings`: a paragraph that only tells
    load measured, `_reading`, counts for nothing)."""
    for line, text in _section_texts(doc, canonical):
        kept = keep(text) if keep else text
        value = _decide(kept, patterns)
        if value is not None and readings and _reading(kept.lower(), value):
            continue
        if value is not None:
            return Category(value, _pinpoint(doc, line, value, patterns), "section")
    return None


def _cause(
    doc: Document,
    facts: Timeline,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    *,
    summary: bool,
) -> Category | None:
    """The first sentence that tells of a cause and names a class, of the summary (or of the
    timeline and the rest); a sentence that points back at the one before ("This caused …")
    is read with it. In the summary, a failure told as a fact ("the provider had an
    outage", "it got popular") counts after every sentence that says what caused it."""
    # an Impact section's load is what was seen, not what set it off ("CPU was saturated
    # for two hours due to the retries"): read for a cause only in the summary's sentences
    skip = frozenset(("impact",)) if not summary else frozenset()
    told = list(told_sentences(doc, facts, summary=summary, response=False, skip=skip))
    past = history_lines(doc)
    for failures in (False, True) if summary else (False,):
        for index, (line, sentence, _before) in enumerate(told):
            if line in past:
                continue  # an earlier incident told as background
            lower = not_told_as_fact(sentence.lower())
            if _DELAY.search(lower):
                continue  # why it was found or fixed late
            if not (_failed(lower) if failures else _CAUSE.search(lower)):
                continue
            value = _decide(_before_remedy(_blank(lower, _CAUSE)), patterns)
            if value is None and not failures and _BACK_REFERENCE.match(lower):
                for earlier in _pointed_at(told, index):
                    line, value = (
                        earlier[0],
                        _decide(_before_remedy(not_told_as_fact(earlier[1].lower())), patterns),
                    )
                    if value is not None:
                        break
            if value is None and not failures and lower.rstrip().endswith(":"):
                # "There were two causes for this:" and the list that names them: its first
                # item, cited at its line
                line, value = _listed_after(told, index, patterns, line)
            if value is not None:
                return Category(value, line, "prose")
    return None


def _listed_after(
    told: Sequence[tuple[int, str, tuple[int, str]]],
    index: int,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    line: int,
) -> tuple[int, str | None]:
    """The class of the first item of the list after the sentence at `index`, with its line."""
    if index + 1 >= len(told):
        return line, None
    later_line, later, _ = told[index + 1]
    first = _LIST_ITEM.split(later.lower().lstrip(), maxsplit=1)[0]
    return later_line, _decide(_before_remedy(not_told_as_fact(first)), patterns)


# Where a list's next item opens: "\n- ", "\n\\* " (an escaped star), "\n2. ".
_LIST_ITEM = re.compile(r"\n[ \t]{0,8}(?:\\?[*+-]|\d{1,3}[.)])[ \t]")


# A paragraph that opens in the past, before this incident: "Way back on August 2nd, 2019 the
# primary failed due to failed disks", "Years ago we migrated …". The history that led to the
# incident, not what set it off.
_HISTORY = re.compile(
    r"\W{0,8}(?:way back|long ago|(?:many |several |a few |two |three )?years ago|"
    r"back in (?:19|20)\d\d)\b",
    re.I,
)


def history_lines(doc: Document) -> frozenset[int]:
    """The lines of the paragraphs that open in the past (`_HISTORY`)."""
    return frozenset(
        n
        for b in doc.blocks
        if b.kind != "heading" and _HISTORY.match(b.text)
        for n in range(b.first_line, b.last_line + 1)
    )


def _pointed_at(
    told: Sequence[tuple[int, str, tuple[int, str]]], index: int
) -> list[tuple[int, str]]:
    """The sentences a "This caused …" may point back at: the one before it in its block,
    then the one before that ("The certificate expired. It was rotated everywhere but on one
    service. This triggered a chain reaction.": the chain starts two sentences back)."""
    before = told[index][2]
    found = [before] if before[1] else []
    if found and index > 0 and told[index - 1][1] == before[1] and told[index - 1][2][1]:
        found.append(told[index - 1][2])
    return found


def not_told_as_fact(lower: str) -> str:
    """A sentence with what it does not tell as a fact blanked: where a bug came from, a
    search for a cause, a guess later disproved ("our initial hypothesis was that a user
    submitted an exploit"), a condition ("even if exploited") and a denial ("we do not
    regard it as a leak")."""
    lower = _blank(_blank(_blank(_blank(lower, _SEEKING), _ORIGIN), _GUESS), _CONDITION)
    parts = []
    for a, b in _clause_spans(lower):
        denial = _CAUSE_DENIED.search(lower, a, b)
        cut = denial.start() if denial else b
        parts.append(lower[a:cut] + " " * (b - cut))
    return "".join(parts)


# A guess, to its clause's end: "our initial hypothesis was that …; exploration confirmed …".
_GUESS = re.compile(
    r"(?<![a-z])(?:hypothes[ie]s|suspicion|first guess|initial guess|theory was|"
    r"(?:we|i) (?:first |initially |originally )?(?:thought|suspected|assumed))\b[^;.!?]*"
)
# A condition, to its clause's end: "the flaws, even if exploited, would not …".
_CONDITION = re.compile(r"(?<![a-z])(?:if|unless|in case)\b[^,;:.!?]*")
# A denial of a cause, to its clause's end ("not a setting of ours", "we do not
# regard it as a leak", "was not caused by an attack"); not a denial of an act that
# should have happened ("the certificate was not renewed", "the pool did not scale"), nor
# "no" ("no space left on device").
_CAUSE_DENIED = re.compile(
    r"(?<![a-z])(?:(?:not|never|n't)\s+(?:[\w-]+\s+)?(?:an?|the|caused|due|related|because|"
    r"from|consider\w*|our|part of)\b|ruled out|rather than)"
)


def _title_cause(doc: Document, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> Category | None:
    """The document's title when it tells a cause ("Expired certificate caused login
    failures", "Upgrading the ingress controller broke the site"): a headline of the cause,
    read after the summary's sentences and before a Root cause section's factors."""
    titles = [s.heading_block for s in doc.root.walk() if s.level == 1 and s.heading_block]
    for block in titles[:1]:
        lower = block.text.lower()
        if _CAUSE.search(lower) or _failed(lower):
            value = _decide(_before_remedy(_blank(lower, _CAUSE)), patterns)
            if value is not None:
                return Category(value, block.first_line, "title")
    return None


# Sections that tell what went wrong under a title of no canonical section the trigger reads
# ("Issues found", "Issue description", "Origin of the incident", "What went wrong", "The
# problem"): read like a Root cause section, after it.
_PROBLEM_TITLE = re.compile(
    r"(?<![a-z])(?:issues?|problems?|went wrong|broke|fault|failures?|origin|what happened)"
    r"(?![a-z])"
)
# Sections whose text is not the cause, whatever their title says ("Issues to follow up").
_NOT_PROBLEM = frozenset(
    ("action-items", "lessons", "went-well", "lucky", "recurrence", "timeline", "resolution",
     "detection", "impact", "response", "communication")
)  # fmt: skip


# A denial: what follows it in its clause is not the cause ("we spent hours showing it was
# not a setting of ours"); "no longer" tells a change, not a denial.
_DENIED = re.compile(r"(?<![a-z])(?:not|never|nor|no(?! longer)|n't|ruled out)\b")


def _undenied(lower: str) -> str:
    """The text with what a denial covers blanked: from the denial to its clause's end."""
    parts = []
    for a, b in _clause_spans(lower):
        denial = _DENIED.search(lower, a, b)
        cut = denial.start() if denial else b
        parts.append(lower[a:cut] + " " * (b - cut))
    return "".join(parts)


def _problem_section(
    doc: Document, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> Category | None:
    for section in doc.root.walk():
        if section.level == 0 or not _PROBLEM_TITLE.search(section.title.lower()):
            continue
        if _NOT_PROBLEM.intersection(section.canonical_lineage()):
            continue
        for block in section.all_blocks():
            if _NOT_PROBLEM.intersection(block.canonical_sections()):
                continue  # a title that names the issue holds the follow-ups too
            kept = _before_remedy(_undenied(block.text.lower()))
            value = _decide(kept, patterns)
            if value is not None and not _reading(kept, value):
                return Category(value, _pinpoint(doc, block.first_line, value, patterns), "section")
    return None


# A sentence that points back at the one before it: "The certificates expired. This caused
# failed logins." tells its cause in the sentence before.
_BACK_REFERENCE = re.compile(
    r"\s{0,8}(?:this|that|it|which|these|those)\s{1,8}(?:[\w-]{1,30}[,;]?\s{1,8}){0,6}?"
    r"(?:caus|trigger|led\b|result)"
)


def _response(doc: Document, facts: Timeline) -> list[TextBlock]:
    """The timeline's blocks after the detection entry: the response, whose causes ("deployed
    to staging, as CI was failing due to the same outage") are not the incident's trigger."""
    detected = facts.milestones.get("detected")
    if detected is None or facts.provenance.get("detected") != "timeline":
        return []
    return [
        b
        for s in doc.find_sections("timeline")
        for b in s.all_blocks()
        if b.first_line > detected.line
    ]


def told_sentences(
    doc: Document,
    facts: Timeline,
    *,
    summary: bool | None = None,
    response: bool = True,
    skip: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, str, tuple[int, str]]]:
    """Sentences with their lines, and the sentence before each in its block (or an empty
    one): the summary's, the timeline entries in order, the rest (`summary`: the summary's
    only, or all but the summary's; `response`: also the timeline after the detection;
    `skip`: sections left out besides the follow-ups and lessons)."""
    seen: set[int] = set()
    first = [b for s in doc.find_sections("summary") for b in s.all_blocks()]
    first += [b for b in doc.blocks if b.section is None or b.section.level <= 1]
    ordered = [*first, *(e.moment.block for e in facts.events), *doc.blocks]
    if summary is not None:
        seen = {id(b) for b in first} if not summary else set()
        ordered = first if summary else ordered
    if not response:
        seen |= {id(b) for b in _response(doc, facts)}
    for block in ordered:
        if id(block) in seen or block.kind == "heading":
            continue
        if (NOT_TOLD | skip).intersection(block.canonical_sections()):
            continue
        seen.add(id(block))
        before = (block.first_line, "")
        for match in SENTENCE.finditer(block.text):
            here = (block.position(_first_word(match))[0], match.group())
            yield here[0], here[1], before
            before = here


def _first_word(match: re.Match[str]) -> int:
    """Where a sentence's first word is: a sentence that opens a line starts with the line
    break before it (and maybe a line of markup, "\\\\"), which would cite the line above
    ("Interesting.")."""
    word = _WORD.search(match.group())
    return match.start() + (word.start() if word else 0)


_WORD = re.compile(r"\w")


def _section_texts(doc: Document, canonical: str) -> Iterator[tuple[int, str]]:
    """The blocks of the sections named so, except those that are also follow-ups or lessons
    ("Action items > Detection" lists alerts to add, not how this incident was found)."""
    for section in doc.find_sections(canonical):
        for block in section.all_blocks():
            if not NOT_TOLD.intersection(block.canonical_sections()):
                yield block.first_line, block.text


# --- The detection source: told where someone learns of the incident --------------------
#
# A sentence tells the detection when one of its clauses has a word of learning (`_LEARNING`):
# a report, a page, an alert that fires, someone noticing, being told. Who or what told
# decides the class, not who was told nor what was found (`_source`): after a receiving or
# passive verb, what follows it ("the on-call engineer was notified by a customer", "the team
# received an email from Stackdriver", "when alerted"); else the subject of a verb of telling
# ("an engineer noticed errors on the dashboard"). Clauses that deny it ("no alert fired"),
# our own telling to others ("we notified customers"), questions and sentences to the reader
# tell nothing. Text is read in order of how directly it tells: a Detection section; the
# timeline's detection entry; the timeline from the start on, where the first entry that
# tells of learning decides (an alert that fired after users had reported it is not the
# source), and one that names its source in words of no class ("reported by the ACME
# network", "Sam reports that CI fails") ends the search but for the summary: an `unknown`
# is better than a class read from a later sentence; the summary (or the paragraphs before
# the first section); then the rest of the text (never the follow-ups, lessons or the
# explanation of the cause), where only the plainer words of learning count (`_PLAIN`: "we
# discovered a new command" in a narrative is not the detection).
# An alert or alarm as an event ("the disk alert fired", "Datadog alert: p99 above 2s", "we
# got an alert from"), not a thing ("the alert threshold", "add alerts on the queue").
_ALERT = (
    r"(?:alert|alarm)s?(?=\s*(?:[:.,;!)]|$)|\s+(?:fired|fires|firing|triggered|went off|goes off|"
    r"came in|was raised|was sent|for|on|about|from|that)\b)|alerted\b|alerting us\b|paged\b|"
    r"pages\b|pager\b|firing\b|(?<=\w )fired\b"
)
# Telling that reaches us ("a researcher reached out via DM", "reached out to us"), not
# ours ("we reached out to the vendor").
_REACHED = r"reached out(?=\s+(?:to\s+(?:us|me|our)\b|via|through|on|by|with)|\s*[.,;]|\s*$)"
# Monitoring that shows it: "the dashboard showed a spike", "monitoring picked it up".
_SHOWN = (
    r"(?:monitor\w*|dashboards?|graphs?|metrics?|checks?)\s+(?:[\w-]+\s+)?"
    r"(?:show|indicat|caught|catch|pick|flag)\w*|"
    # a monitor that fires: "the Datadog monitor 'p99 latency' triggered"
    r"(?:monitors?|checks?)\s+(?:[\w'\"-]+\s+){0,3}?(?:trigger(?:ed|s)|went off)\b"
)
# Telling in other words: "users pointed out", "a friend let us know", "brought it to our
# attention", "we first heard about it on Twitter".
_POINTED = (
    r"pointed out|telling (?:us|me)\b|let (?:us|me) know|brought (?:\w+ )?to (?:our|my) "
    r"attention|tipped (?:us|me)|heard (?:about|of|from)|learn(?:ed|t) (?:about|of)|found out about"
)
# Answering an alarm is learning of it: "engineers respond to alarms".
_RESPONDED = r"respond\w* to (?:the |an? )?(?:[\w-]+ )?(?:alert|alarm|page)s?\b"
# A note sent to us: "our hosting provider sent a note that their network was degraded".
_NOTE = r"sen[dt]s?\s+(?:us\s+|me\s+)?an?\s+(?:[\w-]+\s+)?(?:note|notice|message|heads[- ]up)\b"
_LEARNING = re.compile(
    r"(?<![a-z])(?:"
    + _NOTE
    + r"|report(?:s|ed|ing)?\b|notic|realiz|realis|spott|discover|saw\b|observ|"
    r"(?:issue|problem|outage|incident)s? (?:(?:was|were|is|are) )?identified\b|"
    r"(?<=is |as |re )seen\b|(?<=was |een )seen\b|"
    r"acknowledg|" + _SHOWN + "|"
    r"detect(?:s|ed)\b|complain|tweet|flagg|pinged\b|pings?\s+(?=@|us\b|me\b|the team\b)|warn|"
    r"e-?mail|" + _ALERT + "|" + _REACHED + r"|informed|notified|told\b|made aware|"
    r"became aware|become aware|received|receiving|first (?:sign|evidence|indication)|"
    r"issue was (?:filed|opened)|(?:filed|opened) an issue|support ticket|"
    r"tickets?\s+(?:about|from|reporting|were|was)\b|" + _POINTED + "|" + _RESPONDED + ")"
)
# The words of learning that do not also tell of finding a cause or a tool ("we discovered
# a new command", "we saw that the config was wrong"): those outside the summary and the
# timeline must use one of these.
_PLAIN = re.compile(
    r"(?<![a-z])(?:"
    + _NOTE
    + r"|report(?:s|ed|ing)?\b|notic|complain|tweet|pinged\b|"
    + _ALERT
    + "|"
    + _REACHED
    + r"|informed|notified|made aware|became aware|become aware|"
    r"first (?:sign|evidence|indication)|issue was (?:filed|opened)|(?:filed|opened) an issue|"
    r"support ticket|" + _POINTED + ")"
)
# Our own telling, to others ("we notified customers", "the team posted on the status page",
# "we reported it to the vendor"): it comes after the incident was known, and names no source.
_OUTBOUND = re.compile(
    r"(?<![a-z])(?:we|i|(?:the|our)\s+(?:[\w-]+\s+)?team|support)\s+(?:[\w-]+ly\s+|then\s+|also\s+|"
    r"had\s+|have\s+)?(?:notif|inform|told|tell|alert|e-?mail|tweet|post|contact|reach|warn|ping|"
    r"page|report|publish|updat|escalat|sen[dt])"
)
# A ticket or a case opened with someone else ("a support ticket was opened with the
# vendor") is our telling too.
# Our telling in the passive: "an email was sent to all customers", "the status page was
# updated", "a notice was posted on the forum".
_SENT_OUT = re.compile(
    r"(?<![a-z])(?:(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:sent|posted|published|"
    r"issued|shared|announced)\s+(?:out\s+)?(?:to|on|in|via)\b|status\s*page\s+(?:\w+\s+)?"
    r"(?:was|were|is)\s+(?:\w+ly\s+)?(?:updated|posted|published|created))"
)
_OPENED_WITH = re.compile(
    r"(?<![a-z])(?:tickets?|cases?|issues?|requests?)\s+(?:was\s+|were\s+)?"
    r"(?:opened|filed|raised|created|submitted|logged)\s+(?:with|to)\b"
)
# A report that is the document itself, not a message ("this postmortem report"); a notice
# that is a delay ("at short notice").
_NOT_LEARNING = re.compile(
    r"(?<![a-z])(?:post-?mortem|incident|status|this|final|full|detailed|public|rca|"
    r"root cause)\s+report\w*|(?:short|further|advance|prior)\s+notice"
)
# Verbs whose subject is told rather than telling: the text before them is the receiver.
_RECEIVING = re.compile(
    r"(?<![a-z])(?:received|receiving|receives?|got|gets|made aware|became aware|become aware|"
    r"becoming aware|learn(?:ed|t)|heard|respond(?:s|ed|ing)?(?= to))\b"
)
# A verb of telling or finding in the passive ("was notified", "were paged", "when
# alerted", "members informed of the problem", "errors were noticed by a user"): its subject is
# the one told or the thing found; the source comes after it.
_PASSIVE = re.compile(
    r"(?<![a-z])(?:(?:(?:was|were|is|are|been|being|be|got|get|gets|when|once|after|until)"
    r"\s+(?:\w+ly\s+)?)(?:informed|notified|alerted|told|pinged|paged|warned|contacted|emailed|"
    r"e-mailed|made aware|reported|noticed|discovered|spotted|flagged|detected|caught)\b|"
    r"(?:informed|notified|alerted|told|pinged|paged|warned)(?=\s+(?:by|of|about|via|through|"
    r"from|that|when|on|in)\b|\s*(?:[,;:.!?)]|$)))"
)
# Being paged or alerted with no source named is the monitoring's doing ("we were paged").
_PAGED = re.compile(r"(?<![a-z])(?:paged|alerted)\b")
# A source named after the learning word: "reported by", "a report from", "an email from".
_NAMED_SOURCE = re.compile(r"(?<![a-z])(?:by|from)\s+(?!the\s+(?:time|end|start)\b)[@\w]")
# Someone said to have told or noticed it: "ana reports", "members notice".
_TELLER = re.compile(r"(?<![a-z])(?:reports?|reported|notices?|noticed|complained|tweeted)\b")
# Words that name the channel a message came by, or the kind of message, rather than its
# sender: a hit on one counts half, so that "a tweet from a security researcher" is the
# researcher's, and "a warning from the certificate authority" (a machine's message) is an
# alert only when no sender of a class is named.
_CHANNELS = (
    "tweet", "twitter", "e-mail", "email", "discord", "forum", "gitter", "matrix", "mastodon",
    "slack", "irc", "github issue", "community", "warning", "notification",
)  # fmt: skip
# "We did not notice it", "we did not receive complaints", "the server should have barely
# noticed": no learning, denied or not a fact, unless "until" ("did not know until …").
_NEGATED = re.compile(
    r"(?<![a-z])(?:not|never|no|n't|without|failed to|fail to|should|would|could|might|may|"
    r"will|can|want to|wants to|plan to|plans to|need to|needs to|going to|intend to)\b"
)
_UNTIL = re.compile(r"(?<![a-z])until\b")
# People's words as modifiers name no one who told: "the user-facing API alert fired".
_NOT_AGENT = re.compile(
    r"(?<![a-z])(?:users?|customers?|clients?)[- ](?:facing|visible|impact\w*|data|traffic|"
    r"requests?|side|librar\w+|sessions?|accounts?|base|experience|error\w*)\b"
)
# A sentence to the reader ("write to us if you have questions") tells no detection.
_TO_READER = re.compile(r"(?<![a-z])(?:you|your)\b")
_CLAUSE = re.compile(r"[^,;:\u2014]+")  # a sentence's clauses ("(Pingdom)" stays in its own)
_HEADING_RUN = re.compile(r"[ \t]{1,8}-[ \t]{1,8}")  # "21:00 - Team alerted"
# Link targets, URLs, tags and code: their words are not the text's ("twitter.com/…").
_URL = re.compile(r"\]\([^)\s]{0,500}\)|https?://\S+|<[^>]{1,40}>|`[^`\n]{0,200}`")
# Verbs whose subject is the one who told or noticed: "an engineer noticed errors on the
# dashboard" is the engineer's finding; what follows is what was found.
_TELLING = re.compile(
    r"(?<![a-z])(?:"
    + _NOTE
    + r"|report(?:s|ed|ing)?|notic\w*|realiz\w*|realis\w*|spott\w*|discover\w*|identified|"
    r"saw|observ\w*|complain\w*|tweet\w*|flagged|pings?|pinged|warn(?:s|ed)?|detect(?:s|ed)?|"
    r"alerted|paged|pointed out|let (?:us|me) know|brought|tipped)\b"
)
# "reported by a user", "an email from Stackdriver", "noticed via Grafana": the source named
# right after the verb (a few words may come between: "reported the outage on Discord").
_ATTACHED = re.compile(r"(?:\s{1,8}[\w'-]+){0,3}?\s{1,8}(?:by|from|via|on|in)\s.*", re.DOTALL)
# A subject worth the name: words, not a time or "first" ("12:11 | reports of …").
_SUBJECT = re.compile(r"(?<![a-z])(?!(?:first|then|also|later|finally|utc|am|pm)\b)[a-z@]{2,}")
_OF = re.compile(r"\s{1,8}of\b")
# A subject that is the author or the team ("22:11: i (sam) looked at my node and realized"),
# and the verbs of finding by oneself.
_FIRST_PERSON = re.compile(r"[\W\d]{0,20}(?:(?:am|pm|utc)[\W\d]{0,8})?(?:i|we)\b")
_FINDING = re.compile(r"notic|realiz|realis|spott|discover|saw|observ|detect")
_NEXT_WORD = re.compile(r"\s{1,8}[\w'-]+")
# What was seen is an alert or a page: "saw an alert for the hub", "notices PagerDuty alerts
# come in". The one who saw it was told by the monitoring.
_SEEN_ALERT = re.compile(
    r"(?:\s{1,8}(?:that|an?|the|some|several|multiple|many|new|[\w-]+'s))?"
    r"(?:\s{1,8}[\w-]+)?\s{1,8}(?:alert|alarm|pagerduty|opsgenie|"
    r"pages?\b(?!\s{1,8}(?:were|was|are|is|load\w*|return\w*|time\w*)\b))\b.*",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class _Told:
    """What one entry or paragraph tells of the detection: a class, or None for a source
    named in words of no class."""

    value: str | None
    line: int


_Part = list[tuple[int, str]]  # the sentences of one entry or paragraph, with their lines


# A sentence that opens with a verb of doing is a follow-up to do, not how it was found.
_PLAN = re.compile(
    r"[\W\d]{0,8}(?:set up|setup|add|create|implement|configure|improve|introduce|enable|"
    r"ensure|make sure|consider|build|write|document|automate|monitor|investigate|"
    # a template's instruction to the writer: "*Describe when the team first noticed the problem"
    r"(?:report|describe|explain|list|include|summari[sz]e|outline)\s+"
    r"(?:when|how|what|who|which|the|any|all|here)\b)\b"
)


# A follow-up told as done or to be done, anywhere in its sentence: "Since then we have set up
# alarms on memory pressure", "we will configure paging": the detection to come, not this one.
_FOLLOW_UP_DONE = re.compile(
    r"(?<![a-z])(?:we(?:'ve|\u2019ve| have| will|'ll|\u2019ll)|we now|we then)\s+"
    r"(?:now\s+|also\s+)?"
    r"(?:added|add|set up|setup|configured|configure|introduced|introduce|created|create|"
    r"implemented|implement|enabled|enable|built|build)\b",
    re.IGNORECASE,
)


def tells_no_detection(sentence: str) -> bool:
    """Whether a sentence is one the rules never read for a detection: to the reader, a
    question, a plan, or a denial ("no alert fired"; "until" keeps it: "did not know until")."""
    text = sentence.lower()
    if _TO_READER.search(text) or text.rstrip().endswith("?") or _PLAN.match(text):
        return True
    return bool(_NEGATED.search(text)) and not _UNTIL.search(text)


def _detection(
    doc: Document, facts: Timeline, patterns: Sequence[tuple[str, re.Pattern[str]]]
) -> Category:
    """The detection source: the first part of the text that tells how the incident was
    learned of, else `unknown` (see the comment above `_LEARNING`)."""
    blocks = [b for s in doc.find_sections("detection") for b in s.all_blocks() if _told_here(b)]
    orgs = _organisations(doc)
    for block in blocks:  # a section about it: its sentences of learning, else any class word
        told = _learned(_block_sentences(block), patterns, _LEARNING, orgs)
        if told is not None and told.value is not None:
            return Category(told.value, told.line, "section")
    for block in blocks:  # a section about it may name the source without a verb
        for line, sentence in _block_sentences(block):
            if _NEGATED.search(sentence) or _TO_READER.search(sentence) or "?" in sentence:
                continue  # "monitoring does not cover it", "was it found by a user?"
            if _PLAN.match(sentence) or _FOLLOW_UP_DONE.search(sentence):
                continue  # "set up alerting on …", "we've added alerts for …": a follow-up
            value = _decide(sentence, patterns)
            if value is not None:
                return Category(value, line, "section")
    stopped = False  # the timeline named a source of no class: no later text is read for one
    for how, parts, first_decides, cue in _detection_parts(doc, facts):
        if stopped and first_decides:
            continue
        for part in parts:
            told = _learned(part, patterns, cue, orgs)
            if told is not None and told.value is not None:
                return Category(told.value, told.line, how)
            if told is not None and first_decides:
                stopped = True
                break
    return Category(UNKNOWN, None, "none")


def _detection_parts(
    doc: Document, facts: Timeline
) -> Iterator[tuple[str, Iterator[_Part], bool, re.Pattern[str]]]:
    """The entries and paragraphs that may tell the detection, in the order they are read:
    (how, their sentences, whether the first that tells of learning decides, the words of
    learning that count there). The detection entry and the summary are read for a class
    only; in the timeline from the start on, and in the rest of the text, the first entry or
    paragraph of learning decides."""
    moment = facts.milestones.get("detected")
    if moment is not None:
        entry = _entry_sentences(_entry_text(facts, moment), moment)
        yield "timeline", iter([entry]), False, _LEARNING
    start = facts.milestones.get("start")
    events = facts.events
    if start is not None:
        first = next((i for i, e in enumerate(events) if e.moment is start), 0)
        events = events[first:]
    known = next((i for i, e in enumerate(events) if _KNOWN.search(e.text.lower())), None)
    if known is not None:
        events = events[: known + 1]
    yield "timeline", (_entry_sentences(e.text, e.moment) for e in events), True, _LEARNING
    summary = [b for s in doc.find_sections("summary") for b in s.all_blocks()]
    summary += [b for b in doc.blocks if b.section is None or b.section.level <= 1]
    yield "prose", (_block_sentences(b) for b in summary if _told_here(b)), False, _LEARNING
    seen = {id(b) for b in summary}
    rest = (
        _block_sentences(b)
        for b in doc.blocks
        if id(b) not in seen
        and _told_here(b)
        and not _EXPLAINS.intersection(b.canonical_sections())
    )
    yield "prose", rest, True, _PLAIN


# An entry that tells the incident was already known: the investigation starts, it is
# declared. What a later entry tells ("the data center provider informed us of maintenance on
# the host") is news of the cause, not how the incident was learned of.
_KNOWN = re.compile(
    r"(?<![a-z])(?:investigat\w* (?:start|begin|began|launch|open)\w*|"
    r"(?:start|began|begin)\w* (?:to |the |an )?investigat\w*|"
    r"incident (?:is |was |has been )?(?:declared|opened)|declared an incident)"
)


# Sections that explain the system or the fix: "the health check reported the node as down, so
# the balancer dropped it" there is how it broke, not how it was found.
_EXPLAINS = frozenset(("root-cause", "trigger", "resolution", "supporting-info"))


def _told_here(block: TextBlock) -> bool:
    return block.kind != "heading" and not NOT_TOLD.intersection(block.canonical_sections())


def _block_sentences(block: TextBlock) -> _Part:
    text = _clean(block.text)
    return [(block.position(_first_word(m))[0], m.group()) for m in SENTENCE.finditer(text)]


def _sentences(text: str, line: int) -> _Part:
    cleaned = _clean(text)
    return [
        (line + cleaned.count("\n", 0, m.start()), m.group()) for m in SENTENCE.finditer(cleaned)
    ]


def _entry_sentences(text: str, moment: Moment) -> _Part:
    """A timeline entry's sentences; a heading's entry ("### 21:00 - Team alerted" and the
    paragraphs under it) has its heading as a sentence of its own."""
    heading = moment.block.text if moment.block.kind == "heading" else ""
    if heading and text.startswith(heading) and len(text) > len(heading):
        # each paragraph under the heading at its own line, not the line after the heading
        # (a blank one, mostly); lines are counted from the blocks, not the joined text
        below = moment.block.section.blocks if moment.block.section is not None else []
        body = [b for b in below[:6] if b.text and b.text in text]
        if body:
            return [
                *_sentences(heading, moment.line),
                *(s for b in body for s in _block_sentences(b)),
            ]
        return [
            *_sentences(heading, moment.line),
            *_sentences(text[len(heading) :], moment.line + 1),
        ]
    return _sentences(text, moment.line)


def _clean(text: str) -> str:
    """Lower case, with link targets, URLs, tags and code blanked, and people's words that
    are part of a name (`_IN_A_NAME`) blanked (offsets kept)."""
    if _CAPITAL_PEOPLE.search(text):
        text = _blank(text, _IN_A_NAME)
    if _INVISIBLE.search(text):  # "U\ufeffpstream reports": the word whole, a blank after it
        text = _joined(text)
    return _blank(text.lower(), _URL)


_INVISIBLE = re.compile("[\u200b-\u200d\ufeff]")
_WORD_RUN = re.compile(r"\w*")


def _joined(text: str) -> str:
    """The text with each invisible character moved to the end of the word it splits, as a
    blank (offsets kept): "U\ufeffpstream" reads "Upstream "."""
    parts, done = [], 0
    for match in _INVISIBLE.finditer(text):
        if match.start() < done:
            continue
        word = _WORD_RUN.match(text, match.end())
        end = word.end() if word else match.end()
        parts.append(text[done : match.start()] + text[match.end() : end] + " ")
        done = end
    return "".join(parts) + text[done:]


# A teller named after "by", before where it was seen: "by Tova Renk in the Grafana dashboards".
_BY_NAME = re.compile(r"[ \t\n]{0,8}by[ \t\n]{1,8}(?!the\s|an?\s)[@\w]")


# A people word that opens a name of capitalised words, not opening the text: "the Office
# of Community Care", "the Customer Success team" name an office or a team, not the
# community or a customer; "Users Report Errors" (a heading) still tells of users.
_CAPITAL_PEOPLE = re.compile(r"(?:User|Customer|Client|Communit)")
_IN_A_NAME = re.compile(
    r"(?<=[a-z,;:] )(?:Users?|Customers?|Clients?|Community|Communities)"
    r"(?= (?!Report|Notic|Complain|Tweet|Flag|Spot|Saw|Found|Discover)[A-Z])"
)


def _learned(
    part: _Part,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    cue: re.Pattern[str],
    orgs: frozenset[str] = frozenset(),
) -> _Told | None:
    """What one entry or paragraph tells of the detection: the class its first sentence of
    learning names, else "alerted" or "paged" alone (the monitoring), else a source of no class
    (value None); None when no sentence tells of learning."""
    paged: _Told | None = None
    unnamed: _Told | None = None
    for line, sentence in part:
        text = _blank(_blank(_field_label(sentence), _NOT_LEARNING), _NOT_AGENT)
        if (
            _TO_READER.search(text)
            or text.rstrip().endswith("?")
            or _PLAN.match(text)
            or _FOLLOW_UP_DONE.search(text)
        ):
            continue  # to the reader, a question ("Was it detected by monitoring?"), a plan
        clauses = [
            _with_subject(before, c)
            for before, c in itertools.pairwise(
                ["", *(m.group() for m in _CLAUSE.finditer(_HEADING_RUN.sub(", ", text)))]
            )
            if _learns(c, cue)
            and not _OUTBOUND.search(c)
            and not _SENT_OUT.search(c)
            and not _OPENED_WITH.search(c)
        ]
        if not clauses:
            if _monitor_says(text, patterns):
                return _Told("alert", line)  # "08:03 Pingdom: checkout is down"
            continue
        source = ", ".join(_source(c) for c in clauses)
        value, strong = _scored(source, patterns, _CHANNELS)
        if value is not None and not strong and any(_PAGED.search(c) for c in clauses):
            value = "alert"  # "alerted in the community channel": a channel is not who told
        if value is None and any(_UNNAMED_REPORT.search(c) for c in clauses):
            value = "customer"  # "initial reports began coming in", "errors were reported"
        if (
            value is None
            and not any(_PAGED.search(c) for c in clauses)
            and any(_ours(c, orgs) for c in clauses)
        ):
            value = "employee"  # "ana reports", "detected by the security team"
        if value is not None:
            return _Told(value, line)
        if paged is None and any(_PAGED.search(c) for c in clauses):
            paged = _Told("alert", line)
        if unnamed is None and (_NAMED_SOURCE.search(source) or _names_a_teller(source)):
            unnamed = _Told(None, line)
    return paged or unnamed


# Reports that came in with no one named as their teller ("initial reports began coming in",
# "we received reports through internal chat", "the first issues are reported"): those who
# use the service told, not a person of ours (a name is one: "reported by Sam") nor a machine
# (its words are a class of their own: "reported by the health check").
_UNNAMED_REPORT = re.compile(
    r"(?<![a-z])(?:(?:was|were|is|are|been|being)\s+(?:\w+ly\s+|first\s+|then\s+)?reported\b"
    r"(?!\s+(?:by|from|to)\b)|reports\s+(?:of\s+(?:[\w-]+\s+){1,3}?|\w+\s+)?(?:began|begin|begins|"
    r"begain|started|start|starts|came|come|coming|arrived|arriving|poured|pouring|flowed|"
    r"flowing|reach(?:ed|ing|es)?)\b|"
    r"(?:received|receiving|got|getting)\s+(?:some\s+|several\s+|multiple\s+|many\s+|first\s+|"
    r"initial\s+)?reports\b(?!\s+from\b))"
)


def _with_subject(before: str, clause: str) -> str:
    """A clause that opens with its verb, with the clause before it, which holds its subject:
    in "a user who had not visited for months, reopened the site and noticed a blank page"
    the user noticed (the denial in the clause before is not this clause's)."""
    return before + "," + clause if _VERB_FIRST.match(clause) else clause


# A clause that opens with a past verb and no subject: " reopened the site and noticed".
_VERB_FIRST = re.compile(
    r"\s{0,8}(?:(?!(?:need|seed|speed|feed|bed|red|shed)\s)[a-z]{2,20}ed|came|went|got|saw|"
    r"found|ran|took|tried)\s"
)


def _field_label(sentence: str) -> str:
    """A "label: value" line with its label blanked: the label names the field, the value
    tells ("Support ticket ref: I saw this myself" tells of no ticket)."""
    match = _FIELD.match(sentence.strip())
    if match is None or len(match["label"].split()) < 2:
        return sentence  # "Reported: by a user" keeps its one-word cue
    cut = sentence.index(":", sentence.find(match["label"])) + 1
    return " " * cut + sentence[cut:]


def _source(clause: str) -> str:
    """The words of a clause of learning that name the source. After a receiving or passive
    verb, what follows it ("the team received an email from Stackdriver", "when alerted",
    "errors were noticed by a user"); else the subject of a verb of telling, with the verb
    and a "by …", "from …" or "via …" right after it ("an engineer noticed errors on the
    dashboard" is the engineer's; "reports of failed logins"); else the whole clause ("the
    disk alert fired")."""
    received = [m for p in (_RECEIVING, _PASSIVE) for m in p.finditer(clause)]
    if received:
        rest = clause[min(received, key=lambda m: m.start()).end() :]
        if _BY_NAME.match(rest):  # "detected by Lee in the DataDog logs": Lee told
            rest = _AFTER_WHO.sub("", rest)
        return rest
    match = _TELLING.search(clause)
    if match is None or _OF.match(clause, match.end()):
        return clause  # no verb of telling, or a noun: "because of reports of failures"
    after = _ATTACHED.match(clause, match.end())
    attached = after.group() if after else ""
    seen = _SEEN_ALERT.match(clause, match.end())
    if seen is not None and _FINDING.match(match.group()):
        return seen.group()  # "the team saw an alert for the hub": the alert told them
    if _FIRST_PERSON.match(clause, 0, match.start()) and _FINDING.match(match.group()):
        return "we " + match.group() + attached  # "i (the author) … realized": our finding
    if _SUBJECT.search(clause, 0, match.start()):
        return clause[: match.end()] + attached
    nearby = _NEXT_WORD.match(clause, match.end())
    return match.group() + (attached or (nearby.group() if nearby else ""))


def _learns(clause: str, cue: re.Pattern[str]) -> bool:
    """Whether the clause tells of learning: a word of learning, not denied before it."""
    match = cue.search(clause)
    if match is None:
        return False
    return not _NEGATED.search(clause, 0, match.start()) or bool(_UNTIL.search(clause))


def _names_a_teller(text: str) -> bool:
    """Whether someone is said to tell or notice: words before the verb, not a pronoun of
    things ("the hub refills the table when it notices it is empty" names no one)."""
    first = len(text) - len(text.lstrip())  # where the first word starts
    for match in _TELLER.finditer(text):
        if match.start() <= first:
            continue  # no words before it
        word = text[max(match.start() - 12, 0) : match.start()].split()
        if not word or word[-1] not in _THING_PRONOUNS:
            return True
    return False


_THING_PRONOUNS = frozenset(("it", "which", "this", "that"))


# Who told, when a name or a team of no class told it: "ana reports", "@kim notices",
# "[Ana](…) who first noticed", "detected by the security group", "connectivity loss
# detected" (no teller: the writers' own finding). A person or a team of the writing
# organisation, unless a class word says otherwise (a user, a provider, a validator).
_TEAM = re.compile(r"(?<![a-z])(?:team|teams|squad|on-?call|sre|sres|ops|admins?)$")
# Words that name no person: pronouns of things, the incident, and words of grammar.
_NO_PERSON = frozenset((
    "it", "this", "that", "these", "those", "which", "what", "there", "nothing", "nobody",
    "no", "one", "issue", "issues", "problem", "error", "errors", "outage", "incident", "report",
    "reports", "and", "or", "but", "as", "when", "once", "after", "the", "an", "a", "was",
    "were", "is", "are", "be", "been", "also", "not", "then", "later", "first", "finally",
    "we", "i", "us", "you", "they", "people", "everything", "everyone", "all", "others",
    "other", "folks", "please", "do", "having", "being", "cause",
    # things that report: "the node starts reporting 'no space left'"
    "starts", "started", "begins", "began", "keeps", "kept", "continues", "node", "nodes",
    "server", "servers", "service", "services", "job", "jobs", "host", "hosts", "pod", "pods",
    "system", "systems", "app", "application", "process", "script", "check", "test", "tests",
))  # fmt: skip
# Words around a name that are not the name: "our", "the", "who first", "then", a time.
_AROUND_NAME = re.compile(
    r"^(?:(?:it (?:was|is)|our|my|his|her|good|pal|and|co-?\w+|utc|am|pm|then|later|also|"
    r"first)\s+)+|"
    r"(?: (?:who|that|first|then|also|later|quickly|soon|finally|had|has|have))+$"
)
# A finding with no one named: "connectivity loss detected", "an anomaly was detected".
_AGENTLESS = re.compile(
    r"(?<![a-z])(?:detected|(?:issue|problem|outage|incident)s? (?:(?:was|were|is|are) )?"
    r"identified|(?:is|was|were|are|been) (?:first )?(?:seen|observed|noticed|spotted))"
    r"\b(?!\s+(?:by|from|via)\b)"
)
# Words that name an organisation or a place, not a person: "the ACME network reported".
_ORGANISATION = frozenset((
    "network", "networks", "company", "inc", "corp", "ltd", "llc", "gmbh", "foundation",
    "office", "department", "university", "isp", "registrar", "bank", "government", "agency",
    "hosting", "cloud", "labs", "org", "project", "media", "news", "press",
))  # fmt: skip


def _organisations(doc: Document) -> frozenset[str]:
    """The document's words written as an organisation's name, lower-cased: capitals
    ("DTE", "AWS") or capitals inside a word ("CloudFlare", "IPFSForce"), not a team's
    short name ("SRE", "NOC")."""
    words = {m.group().lower() for b in doc.blocks for m in _ORG_SHAPED.finditer(b.text)}
    return frozenset(words - _OUR_ACRONYMS)


_ORG_SHAPED = re.compile(
    r"(?<![\w@])(?:[A-Z]{3,}|[A-Z]{2,}[a-z]+[\w]*|[A-Z][a-z]+[A-Z][\w]*)(?![\w@])"
)
_OUR_ACRONYMS = frozenset(("sre", "sres", "noc", "soc", "dba", "ops", "devops", "qa", "cto", "ceo"))


def _ours(clause: str, orgs: frozenset[str] = frozenset()) -> bool:
    """Whether a clause of learning whose words name no class tells of a person or a team
    named by a name (the subject of telling, or after "by"), or of a finding with no one named
    ("loss detected"): the writers' own people."""
    if _CAUSE_FOUND.search(clause):
        return False  # "Mirela discovered that the root cause was …": the cause, not the outage
    if _AGENTLESS.search(clause):
        return True
    aware = _OURS_AWARE.search(clause)
    if aware is not None and not _NAMED_SOURCE.search(clause, aware.end()):
        return True  # "while upgrading I became aware of the fault": no one told us
    source = _source(clause)
    by = re.search(r"(?<![a-z])by\s+(.*)$", source, re.DOTALL)
    verb = _TELLING.search(source)
    if by is not None:
        who = by.group(1)
    elif verb is not None and verb.group() in ("discovery", "discoveries", "observation"):
        return False  # a noun: "root cause discovery"
    elif verb is not None:
        who = source[: verb.start()]
    else:
        return False
    words = re.sub(r"[^\w@\s-]+", " ", who)
    words = re.sub(r"(?<![\w@])[\d:-]+(?![\w@])", " ", words).strip()
    words = _AROUND_NAME.sub("", _SPACES.sub(" ", _AFTER_WHO.sub("", words))).strip()
    names = words.split()
    if not names or _ORGANISATION.intersection(names) or orgs.intersection(names):
        return False  # "the ACME network reported", "DTE reports that they are aware"
    if _TEAM.search(words):
        return len(names) <= 4
    if names[0] in ("the", "a", "an"):
        return False  # "the nightly job reports": a name takes no article
    return len(names) <= 2 and not _NO_PERSON.intersection(names)


# The author or the team becoming aware with no teller named: their own finding.
_OURS_AWARE = re.compile(
    r"(?<![a-z])(?:i|we)\s+(?:\w+ly\s+|then\s+|first\s+|soon\s+)?(?:became|become|becoming)"
    r"\s+aware\b(?![^.;\n]{0,200}?\b(?:via|through)\s)"
)
_CAUSE_FOUND = re.compile(
    r"(?<![a-z])(?:discover|realiz|realis|found|determin|spott|notic)\w*\s+(?:that\s+)?"
    r"(?:the\s+)?(?:root\s+)?cause"
)
# What follows who told: "by the security team on Monday", "Sam in the chat".
_AFTER_WHO = re.compile(
    r"\s(?:on|in|at|during|via|through|after|before|when|while|with|about|that)\s.*$", re.DOTALL
)


# A time, a date or a list mark before an entry's words: "- 08:03 UTC - ", "| 2031-02-03 |".
_LEAD = re.compile(
    r"[\s*|>#\u2013\u2014\d:./-]*(?:(?:am|pm|utc|[a-z]{2,4}t)\b[\s*|:\u2013\u2014-]*)?"
)
# A message's label up to its colon: "Pingdom: …", "Datadog monitor [P1]: …".
# Not a time's colon: "MONITORING at 00:05" is a status page's phase.
_LABEL = re.compile(r"(?:[^:.!?\n]|(?<=\d):(?=\d)){0,40}?(?<!\d):(?!\d)")


def _monitor_says(text: str, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> bool:
    """Whether an entry opens with a message from the monitoring, labelled by its sender
    ("Pingdom: checkout is down", "PagerDuty [P1]: latency"): the alert class's word, right
    after the time, then a colon."""
    alert = next((p for v, p in patterns if v == "alert"), None)
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    found = alert.match(text, start) if alert is not None else None
    if found is None or _PHASE.match(text, found.start()):
        return False
    return bool(_LABEL.match(text, found.end()))


# A status page's phase, not a monitor: "MONITORING at 00:05 EDT: things are holding".
_PHASE = re.compile(r"monitoring\b")
