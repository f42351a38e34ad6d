"""PM401: action items with no owner, done items included (who did the work)."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checks.actions.common import short, with_reports
from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.extract.actions import ActionItem, normalise


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
        for item in with_reports(doc, ctx, self.opts["skip_done"]):
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
