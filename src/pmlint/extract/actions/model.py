"""What an action item is: the item as reported, and the parts read from its text."""

from __future__ import annotations

from dataclasses import dataclass, field

from pmlint.diagnostics import Span


@dataclass(slots=True, eq=False)
class ActionItem:
    """One action item, with what it says about who, when and where it is tracked."""

    text: str  # the item as read: markup removed, one line
    action: str  # the action alone: without task box, ticket prefix and owner/due/link notes
    line: int
    span: Span
    kind: str  # list | task | table | paragraph
    section: str  # title of the section (or sub-section) it is listed in
    owner: str | None = None
    due: str | None = None
    tracking: str | None = None
    type: str | None = None  # prevent | detect | mitigate | repair | process | investigate | other
    state: str = "open"  # open | done
    reported: bool = False  # reports work already done ("Rolled back the deployment")
    # The placeholder written where a value belongs ("TBD"), for messages; None if absent.
    owner_placeholder: str | None = None
    due_placeholder: str | None = None
    tracking_placeholder: str | None = None
    owner_column: bool | None = None  # table rows: whether the table has an owner column
    details: list[str] = field(default_factory=list)  # text of sub-bullets that are not fields

    @property
    def owned(self) -> bool:
        return self.owner is not None

    @property
    def dated(self) -> bool:
        return self.due is not None

    @property
    def tracked(self) -> bool:
        return self.tracking is not None


@dataclass(slots=True)
class _Parts:
    """What the text of an item says, before it becomes an ActionItem."""

    text: str
    action: str
    owner: str | None = None
    due: str | None = None
    tracking: str | None = None
    type: str | None = None
    state: str | None = None
    owner_placeholder: str | None = None
    due_placeholder: str | None = None
    tracking_placeholder: str | None = None
