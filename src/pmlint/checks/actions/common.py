"""What the action-item checks share: the follow-up items a check reports on, the names
that tell a person ("Dana will ..."), and an item shortened for a message."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checks.base import CheckContext
from pmlint.document import Document
from pmlint.extract.actions import ActionItem, action_items, follow_up_items

_ITEM_WIDTH = 60


def short(text: str, width: int = _ITEM_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;:") + "…"


def follow_up(doc: Document, ctx: CheckContext, skip_done: bool) -> Iterator[ActionItem]:
    """The follow-up items of `doc` (none that only report work done), in document order;
    with `skip_done`, none marked done either."""
    for item in follow_up_items(doc, given_names(ctx)):
        if skip_done and item.state == "done":
            continue
        yield item


def with_reports(doc: Document, ctx: CheckContext, skip_done: bool) -> Iterator[ActionItem]:
    """Every action item of `doc`, reports of work done ("Added an alert") too: who did
    the work is asked of those as well (the labeled sets count a done item with no one
    named as unowned); with `skip_done`, no item that is done."""
    for item in action_items(doc, given_names(ctx)):
        if skip_done and item.state == "done":
            continue
        yield item


def given_names(ctx: CheckContext) -> frozenset[str]:
    """The given names the engine passes (`ctx.settings.given_names`, the core pack's
    `words.given_names` in `lexicons/language.yaml`), lower case."""
    return ctx.settings.given_names
