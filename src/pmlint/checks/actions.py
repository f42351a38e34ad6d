"""Check kinds over the action items (PM401-PM404): owner, tracking, vagueness, presence.

The items come from `pmlint.extract.actions` (shared with `pmlint analyze`); the
vagueness analysis from `pmlint.extract.vagueness` (spaCy, or a lexical fallback in
blank mode). Items that only report work already done are never reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import SimpleNamespace
from typing import Any

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.extract.actions import (
    ActionItem,
    action_sections,
    follow_up_items,
    normalise,
)
from pmlint.extract.vagueness import (
    VagueLexicon,
    Vagueness,
    analysis_text,
    texts_to_parse,
    vague_items,
)
from pmlint.nlp import textcat

_ITEM_WIDTH = 60
# Stands in for a pipeline when none was loaded: the lexical analysis.
LEXICAL = SimpleNamespace(name="lexical", reduced=True, nlp=None)


def short(text: str, width: int = _ITEM_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;:") + "…"


def _items(doc: Document, skip_done: bool) -> Iterator[ActionItem]:
    for item in follow_up_items(doc):
        if skip_done and item.state == "done":
            continue
        yield item


class ActionOwner(CheckKind):
    kind = "action-owner"
    description = (
        "Reports action items with no owner: no Owner column value, no `Owner:` field, "
        "no @handle, email, `(Name)` or `— Name`, or only a placeholder (TBD, team, everyone)."
    )
    options = (
        Option(
            "extra_placeholders",
            "str-list",
            [],
            "More owner values that count as missing (compared case-insensitively).",
        ),
        Option("skip_done", "bool", False, "Do not report items marked done."),
    )
    fields = ("item", "problem", "shape")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        extra = {normalise(p) for p in self.opts["extra_placeholders"]}
        for item in _items(doc, self.opts["skip_done"]):
            owner = item.owner
            placeholder = item.owner_placeholder
            if owner is not None and normalise(owner) in extra:
                owner, placeholder = None, owner
            if owner is not None:
                continue
            if placeholder and normalise(placeholder) != "empty":
                problem = f"has a placeholder for an owner ('{placeholder}')"
            elif item.kind == "table" and item.owner_column:
                problem = "has an empty Owner cell"
            else:
                problem = "has no owner"
            yield finding(
                item.span, item=short(item.action), problem=problem, shape=_owner_shape(item)
            )


def _owner_shape(item: ActionItem) -> str:
    if item.kind == "table":
        if item.owner_column:
            return (
                "Put one person or a named team in the Owner column, e.g. '@dana' or "
                "'Payments team'."
            )
        return "Add an Owner column and name one person or team for each row, e.g. '@dana'."
    return (
        "Name one owner, a person or a named team: append '(owner: @dana)' or add an "
        "'Owner: Payments team' sub-bullet."
    )


class ActionTracking(CheckKind):
    kind = "action-tracking"
    description = (
        "Reports action items with neither a due date (Due column, `Due:`, `by 2024-06-30`, "
        "`Q3 2024`) nor a tracking link (Ticket column, `OPS-123`, an issue or PR URL, `#123`)."
    )
    options = (
        Option(
            "require",
            "str",
            "due-or-tracking",
            "What an item needs: due-or-tracking, tracking, due, or due-and-tracking.",
        ),
        Option("skip_done", "bool", False, "Do not report items marked done."),
    )
    fields = ("item", "missing", "shape")
    _MODES = ("due-or-tracking", "tracking", "due", "due-and-tracking")

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        if self.opts["require"] not in self._MODES:
            raise ValueError(
                f"require: expected one of {', '.join(self._MODES)}; got {self.opts['require']!r}"
            )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        mode = self.opts["require"]
        for item in _items(doc, self.opts["skip_done"]):
            missing = _missing(item, mode)
            if missing is None:
                continue
            yield finding(
                item.span, item=short(item.action), missing=missing, shape=_tracking_shape(item)
            )


def _missing(item: ActionItem, mode: str) -> str | None:
    if mode == "due-or-tracking":
        return None if item.dated or item.tracked else "no due date and no tracking link"
    if mode == "tracking":
        return None if item.tracked else "no tracking link"
    if mode == "due":
        return None if item.dated else "no due date"
    absent = [
        name for name, ok in (("due date", item.dated), ("tracking link", item.tracked)) if not ok
    ]
    return f"no {' and no '.join(absent)}" if absent else None


def _tracking_shape(item: ActionItem) -> str:
    if item.kind == "table":
        return (
            "Fill the Ticket or the Due column (add one if the table has neither), e.g. "
            "'OPS-123' or '2024-06-30'."
        )
    return (
        "Link the ticket or give a date: append '(OPS-123, due 2024-06-30)', or link the issue, "
        "e.g. '[#123](https://github.com/org/repo/issues/123)'."
    )


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
    "plan": (
        "'{match}' announces work without defining it",
        "Write the first concrete step instead, e.g. 'Write an upgrade checklist in "
        "docs/upgrades.md'.",
    ),
}


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

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self.lexicon_data = self.opts["lexicon"]
        VagueLexicon(self.lexicon_data)  # bad classes fail when the rule loads
        unknown = set(self.opts["reasons"]) - set(_REASONS)
        if unknown:
            raise ValueError(f"reasons: unknown {sorted(unknown)}; known: {', '.join(_REASONS)}")

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        return texts_to_parse(doc)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        pipeline = ctx.nlp if ctx.nlp is not None else LEXICAL
        verdicts = vague_items(doc, pipeline, self.lexicon_data)
        wanted = set(self.opts["reasons"])
        items = list(_items(doc, self.opts["skip_done"]))
        model = textcat.load("vague") if self.opts["model"] else None
        texts = [analysis_text(item) for item in items]
        found = [verdicts.get(id(item)) for item in items]
        hits = [v is not None and v.reason in wanted for v in found]
        scores = model.scores(texts, hits) if model is not None else [0.0] * len(items)
        for item, text, score, verdict, rule_hit in zip(
            items, texts, scores, found, hits, strict=True
        ):
            eligible = textcat.vague_eligible(text)
            if model is not None and not textcat.decide(model, rule_hit, score, eligible):
                continue
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


class NoActionItems(CheckKind):
    kind = "no-action-items"
    description = (
        "Reports a postmortem with no action items: no action-items section, or one with no "
        "list item, task, table row or paragraph that plans follow-up work."
    )
    options = (
        Option(
            "when_section_missing",
            "bool",
            True,
            "Also report a postmortem with no action-items section (PM001 reports the "
            "missing section as well).",
        ),
    )
    fields = ("detail",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if follow_up_items(doc):
            return
        sections = action_sections(doc)
        if not sections:
            if self.opts["when_section_missing"]:
                detail = "the postmortem has no action-items section"
                yield finding(doc.anchor_span(), detail=detail)
            return
        section = sections[0]
        span = section.heading_span or doc.anchor_span()
        yield finding(span, detail=f"section '{section.title}' lists none")


__all__ = ["ActionOwner", "ActionTracking", "ActionVague", "NoActionItems"]
