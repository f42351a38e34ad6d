"""PM402: action items with neither a due date nor a tracking link."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pmlint.checks.actions.common import follow_up, short
from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.extract.actions import ActionItem
from pmlint.rule import OptionError


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
            raise OptionError(
                "require", f"expected one of {', '.join(self._MODES)}; got {self.opts['require']!r}"
            )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        mode = self.opts["require"]
        for item in follow_up(doc, ctx, self.opts["skip_done"]):
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
