"""Check kinds over the action items (PM401-PM404): owner, tracking, vagueness, presence.

The items come from `pmlint.extract.actions` (shared with `pmlint analyze`); the
vagueness analysis from `pmlint.checks.actions.vagueness` (spaCy, or a lexical fallback
in blank mode). Items that only report work already done are never reported. One module
per rule family: `owner` (PM401), `tracking` (PM402), `vague` (PM403), `presence` (PM404).
"""

from __future__ import annotations

from pmlint.checks.actions.owner import ActionOwner
from pmlint.checks.actions.presence import NoActionItems
from pmlint.checks.actions.tracking import ActionTracking
from pmlint.checks.actions.vague import ActionVague

__all__ = ["ActionOwner", "ActionTracking", "ActionVague", "NoActionItems"]
