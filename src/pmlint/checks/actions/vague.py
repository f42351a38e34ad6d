"""PM403: action items that are not specific or verifiable (the analysis is in
`vagueness`: spaCy, or a lexical fallback in blank mode), weighed by the trained model."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import SimpleNamespace
from typing import Any

from pmlint.checks.actions.common import follow_up, given_names, short, with_reports
from pmlint.checks.actions.vagueness import (
    VagueLexicon,
    Vagueness,
    analysis_text,
    texts_to_parse,
    unnamed_report,
    vague_items,
)
from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.nlp import pieces, textcat
from pmlint.nlp.itemshapes import TAKEN_ON
from pmlint.rule import OptionError

# Stands in for a pipeline when none was loaded: the lexical analysis.
LEXICAL = SimpleNamespace(name="lexical", reduced=True, nlp=None)
# reason -> (what the message says, the suggestion with the checkable shape)
_REASONS: dict[str, tuple[str, str]] = {
    "tentative": (
        "'{match}' is not a commitment",
        "Decide, then write the action you commit to, e.g. 'Migrate the Prow config to a "
        "versioned API'; keep open questions for the discussion.",
    ),
    "hedge": (
        "'{match}' hedges it",
        "Drop the hedge and say exactly what will be done, e.g. 'Add an uptime check for "
        "mybinder.org that pages on-call'.",
    ),
    "improve": (
        "'{match}' with no measurable target",
        "Say what will change and how you will know it is done, e.g. 'Add an alert when p99 "
        "latency > 500 ms for 5 minutes'.",
    ),
    "inquiry": (
        "'{match}' with no bounded question or deliverable",
        "Bound the question and name its result, e.g. 'Write up why nodes fill their disks "
        "after 3 days, linked from OPS-123'.",
    ),
    "assure": (
        "'{match}' says what should hold, not what will change",
        "Name the mechanism that makes it hold, e.g. 'Add a CI check that fails when a merged "
        "change is not deployed within 24 hours'.",
    ),
    "people": (
        "it asks people to change ('{match}') instead of the system",
        "Change the system, not the people, e.g. 'Add a presubmit check that rejects config "
        "changes that fail to load'.",
    ),
    "qualifier": (
        "'{match}' without a number",
        "Replace '{match}' with a number or a named change, e.g. 'Retry failed launches 3 "
        "times with exponential backoff'.",
    ),
    "generic": (
        "it names no component, artifact or number",
        "Name what to build and where, e.g. 'Add a dashboard of checkout 5xx rate per region'.",
    ),
    "template": (
        "it is template text ('{match}')",
        "Replace the template text with the action you commit to, e.g. 'Add an alert when "
        "the queue is older than 10 minutes'.",
    ),
    "study": (
        "'{match}' names no result",
        "Say what the study produces and where, e.g. 'Write up the broker's rebalancing "
        "behaviour in docs/kafka.md and propose partition limits'.",
    ),
    "aspiration": (
        "'{match}' is a wish about a property, not a change",
        "Name the change that gives it that property, e.g. 'Split the failover runbook into "
        "one page per region with the exact commands'.",
    ),
    "model": (
        "it reads as not checkable when done (trained model; it leaned on '{match}')",
        "Name the deliverable and how you will know it is done, e.g. 'Add a runbook for "
        "restoring the queue from a snapshot, linked from OPS-123'.",
    ),
    "resembles": (
        "it reads like the vague items pmlint was trained on (word-piece model; it leaned "
        "on '{match}')",
        "Name the deliverable and how you will know it is done, e.g. 'Add a runbook for "
        "restoring the queue from a snapshot, linked from OPS-123'.",
    ),
    "plan": (
        "'{match}' announces work without defining it",
        "Write the first concrete step instead, e.g. 'Write an upgrade checklist in "
        "docs/upgrades.md'.",
    ),
}


def reason_of(message: str) -> str | None:
    """The reason behind a PM403 message ("improve", "people", ...), for tools that read
    findings as JSON (`make train` stacks the vagueness model on it); None if none fits."""
    for reason, (detail, _) in _REASONS.items():
        fixed = max(detail.split("{match}"), key=len).strip(" '()")
        if fixed and fixed in message:
            return reason
    return None


class ActionVague(CheckKind):
    kind = "action-vague"
    description = (
        "Reports action items that are not specific or verifiable: a vague head verb "
        "(improve, review, ensure, investigate, ...) with nothing checkable, tentative or "
        "hedged wording, fixes aimed at people, or no named component at all. Uses the "
        "spaCy parse of the items; a lexical heuristic in blank mode."
    )
    options = (
        Option(
            "lexicon",
            "lexicon",
            None,
            "A YAML file (relative to the rule) of word classes: {class, words} entries.",
        ),
        Option(
            "reasons",
            "str-list",
            list(_REASONS),
            "Which kinds of vagueness to report: " + ", ".join(_REASONS) + ".",
        ),
        Option("skip_done", "bool", False, "Do not report items marked done."),
        Option(
            "model",
            "bool",
            True,
            "Weigh each item with the trained vagueness model (`pmlint/models/vague`): a "
            "rule's finding stands when the model agrees enough, and the model reports alone "
            "when it is confident.",
        ),
    )
    fields = ("item", "detail", "match", "reason", "hint")
    needs_nlp = True
    parse_rounds = 2  # then the items that do not read as imperatives (`texts_to_parse`)

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self.lexicon_data = self.opts["lexicon"]
        VagueLexicon(self.lexicon_data)  # bad classes fail when the rule loads
        unknown = set(self.opts["reasons"]) - set(_REASONS)
        if unknown:
            raise OptionError("reasons", f"unknown {sorted(unknown)}; known: {', '.join(_REASONS)}")

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        return texts_to_parse(doc, given_names(ctx), ctx.nlp)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        pipeline = ctx.nlp if ctx.nlp is not None else LEXICAL
        verdicts = vague_items(doc, given_names(ctx), pipeline, self.lexicon_data)
        wanted = set(self.opts["reasons"])
        items = list(follow_up(doc, ctx, self.opts["skip_done"]))
        # Reports of work done are judged only on what they say was made (`unnamed_report`).
        for item in with_reports(doc, ctx, self.opts["skip_done"]):
            if item.reported:
                verdicts = {**verdicts, id(item): unnamed_report(analysis_text(item))}
                items.append(item)
        items.sort(key=lambda i: (i.span.line, i.span.column))
        # read once there is an item to weigh (a file with none does not load it)
        model = textcat.load("vague") if self.opts["model"] and items else None
        by_pieces = pieces.load("vague") if model is not None and "resembles" in wanted else None
        texts = [analysis_text(item) for item in items]
        found = [verdicts.get(id(item)) for item in items]
        hits = [v is not None and v.reason in wanted for v in found]
        # the stacked model reads which rule reason fired, if any ("" when none)
        reasons = [
            v.reason if v is not None and hit else "" for v, hit in zip(found, hits, strict=True)
        ]
        scores = model.scores(texts, reasons) if model is not None else [0.0] * len(items)
        for item, text, score, verdict, rule_hit in zip(
            items, texts, scores, found, hits, strict=True
        ):
            eligible = textcat.vague_eligible(text)
            if model is not None and not textcat.decide(model, rule_hit, score, eligible):
                # the word-piece model judges follow-up work as the textcat does alone
                # (no number, code or identifier); not a report of work done, judged on
                # what it made (`unnamed_report`), nor a writer taking the task on
                # ("Okay, I will grab this"), whose task is the text it answers
                if (
                    by_pieces is None
                    or not eligible
                    or item.reported
                    or TAKEN_ON.search(text)
                    or by_pieces.score(text) < by_pieces.threshold
                ):
                    continue
                cues = by_pieces.cues(text) or text.split()[:1]
                verdict, rule_hit = Vagueness("resembles", " ".join(cues)), True
            if not rule_hit:
                if model is None or "model" not in wanted:
                    continue
                cues = textcat.cues(model, text) or text.split()[:1]
                verdict = Vagueness("model", " ".join(cues))
            assert verdict is not None
            detail, hint = _REASONS[verdict.reason]
            yield finding(
                item.span,
                item=short(item.action),
                detail=detail.format(match=verdict.match),
                match=verdict.match,
                reason=verdict.reason,
                hint=hint.format(match=verdict.match),
            )
