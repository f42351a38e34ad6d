"""What checks and extractors may know of the configuration beyond a rule's own options.

A typed value in the model layer: the engine builds it from the Config, analyze builds
the same from its Config, and the facts in extract/ read it without importing config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Words = Mapping[str, Mapping[str, Sequence[str]]]  # kind -> class -> words


@dataclass(frozen=True, slots=True)
class Settings:
    timezone: str | None = None  # `timezone:` of the config: times without a zone are in it
    milestones: Words = field(default_factory=dict)  # the pack's milestones.yaml
    categories: Words = field(default_factory=dict)  # the pack's categories.yaml
    given_names: frozenset[str] = frozenset()  # who "Dana will ..." names as an owner
