"""PM404: a postmortem with no action items."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checks.actions.common import given_names
from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.extract.actions import action_sections, follow_up_items


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
        if follow_up_items(doc, given_names(ctx)):
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
