"""Action items: what a postmortem commits to doing, with owner, due date, tracking and state.

Items come from the canonical action-items section(s) and everything below them
(sub-headings, pseudo-headings such as `- **Improvements/Fixes:**`): list items,
task-list items (`[ ]` open, `[x]` done) and table rows; a section with neither lists
its action items as paragraphs. A sub-bullet made only of fields (`Owner: @dana`,
`Due: 2024-06-01`) belongs to its parent; a short label with a nested list (`- Monitoring`)
groups the items below it.

Each item's owner, due date and tracking link come from table columns, `Field: value`
text, and the inline forms teams write (`@handle`, an email, `(Dana Lee)`, `— Payments
team`, `by 2024-04-01`, `Q2 2024`, `INC-123`, an issue or PR URL, `#123`, `b/123`).
Placeholders (TBD, `?`, n/a, "team", "everyone", `@team`) count as missing. An item that
only reports work already done ("Rolled back the deployment") is kept with
`reported=True` and state "done" (its owner is the party it names as doer, "Acme
shipped a fix"); PM401 still asks who did it, the other rules and counts skip it.

Pure text rules, no NLP: the linter and `pmlint analyze` get the same items.
`action_items(doc, given_names)` computes them once per document (`doc.memo`); the given
names are the core pack's word list, passed in by the caller.

Modules: `model` (the item), `words` (word lists and patterns), `fields` (one value: owner,
date, ticket, state), `owners` (owners written as conventions), `parts` (what an item's
text says), `extract` (finding the items).
"""

from __future__ import annotations

from pmlint.extract.actions.extract import (
    CACHE_KEY,
    action_items,
    action_sections,
    follow_up_items,
)
from pmlint.extract.actions.fields import (
    clean_text,
    date_like,
    is_past_report,
    normalise,
    owner_like,
    tracking_like,
)
from pmlint.extract.actions.model import ActionItem
from pmlint.extract.actions.words import (
    _TRAILING_DASH,
    ACTION_SECTION,
    DATE_PLACEHOLDERS,
    NARRATIVE_SECTIONS,
    OWNER_PLACEHOLDERS,
    TRACKING_PLACEHOLDERS,
)

__all__ = [
    "ACTION_SECTION",
    "CACHE_KEY",
    "DATE_PLACEHOLDERS",
    "NARRATIVE_SECTIONS",
    "OWNER_PLACEHOLDERS",
    "TRACKING_PLACEHOLDERS",
    "_TRAILING_DASH",
    "ActionItem",
    "action_items",
    "action_sections",
    "clean_text",
    "date_like",
    "follow_up_items",
    "is_past_report",
    "normalise",
    "owner_like",
    "tracking_like",
]
