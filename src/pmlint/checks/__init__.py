"""The explicit registry of check kinds: a rule's `kind:` names one of these."""

from __future__ import annotations

from pmlint.checks.base import CheckContext, CheckKind, Option
from pmlint.checks.hygiene import BrokenReference, Mojibake
from pmlint.checks.phrases import Phrases
from pmlint.checks.structure import EmptySection, MetadataFields, RequiredSections

ENGINE_KIND = "engine"  # findings the engine itself makes (PM9xx): no Python check behind them

KINDS: dict[str, type[CheckKind]] = {
    kind.kind: kind
    for kind in (
        RequiredSections,
        EmptySection,
        MetadataFields,
        Phrases,
        Mojibake,
        BrokenReference,
    )
}

__all__ = ["ENGINE_KIND", "KINDS", "CheckContext", "CheckKind", "Option"]
