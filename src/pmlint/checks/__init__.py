"""The explicit registry of check kinds: a rule's `kind:` names one of these."""

from __future__ import annotations

from pmlint.checks.actions import ActionOwner, ActionTracking, ActionVague, NoActionItems
from pmlint.checks.base import CheckContext, CheckKind, Option
from pmlint.checks.hygiene import BrokenReference, Mojibake
from pmlint.checks.impact import ImpactDuration, ImpactFigures, VagueQuantity
from pmlint.checks.language import BlameLanguage, HindsightLanguage, IndividualAsCause
from pmlint.checks.phrases import Phrases
from pmlint.checks.sensitive import NamedIndividual, PersonalData, SecretInDocument
from pmlint.checks.structure import (
    EmptySection,
    MetadataFields,
    PseudoHeading,
    RequiredSections,
)
from pmlint.checks.timeline import (
    TimelineContradiction,
    TimelineMilestones,
    TimelineOrder,
    TimestampFormat,
    TimestampTimezone,
)
from pmlint.checks.vocabulary import MetadataVocabulary
from pmlint.rule import ENGINE_FIELDS, ENGINE_KIND

KINDS: dict[str, type[CheckKind]] = {
    kind.kind: kind
    for kind in (
        RequiredSections,
        EmptySection,
        MetadataFields,
        MetadataVocabulary,
        PseudoHeading,
        Phrases,
        Mojibake,
        BrokenReference,
        TimestampTimezone,
        TimestampFormat,
        TimelineOrder,
        TimelineContradiction,
        TimelineMilestones,
        ImpactFigures,
        VagueQuantity,
        ImpactDuration,
        BlameLanguage,
        IndividualAsCause,
        HindsightLanguage,
        ActionOwner,
        ActionTracking,
        ActionVague,
        NoActionItems,
        SecretInDocument,
        PersonalData,
        NamedIndividual,
    )
}

__all__ = ["ENGINE_FIELDS", "ENGINE_KIND", "KINDS", "CheckContext", "CheckKind", "Option"]
