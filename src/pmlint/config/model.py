"""What a loaded configuration is: the settings of `.pmlint.yaml` / `[tool.pmlint]`, with
the rule pack and the overrides that apply to some files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported for `overrides:` only (25 ms of every run otherwise)
    import pathspec

from pmlint.packs import Pack, Rule, apply_overrides, bundled_rules_dir
from pmlint.reading import DEFAULT_MAX_BYTES
from pmlint.sections import SectionCatalog
from pmlint.yamlfile import YamlError, YamlSource

CONFIG_NAMES = (".pmlint.yaml", ".pmlint.yml")
TOP_KEYS = {
    "extends",
    "rules_dirs",
    "rules",
    "sections",
    "timezone",
    "nlp",
    "include",
    "exclude",
    "max_file_size",
    "cache_dir",
    "rule_timeout",
    "root",
    "overrides",
    "working_hours",
}
OVERRIDE_KEYS = ("files", "rules")
NLP_KEYS = {"model"}
DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown")
# Markdown that is no postmortem, skipped in folders unless `exclude:` is set (a file named
# on the command line is always linted): a repository's own docs, and templates.
DEFAULT_EXCLUDE = (
    "README.md",
    "readme.md",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
    "LICENSE.md",
    "templates/",
    "*template*.md",
    "*TEMPLATE*.md",
    "*Template*.md",
)
# Far above what any rule takes on the largest file max_file_size lets through (the
# timeline of 100,000 rows, every rule: 17 s), so it only stops a runaway user pattern.
DEFAULT_RULE_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """When a team works: an incident detected outside this counts as out of hours."""

    days: frozenset[int] = frozenset(range(5))
    start: dt.time = dt.time(9)
    end: dt.time = dt.time(18)
    timezone: str | None = None


class ConfigError(Exception):
    """A broken config: the message names the file, the line and the key."""


@lru_cache(maxsize=1)
def core_given_names() -> frozenset[str]:
    """`words.given_names` of the core pack's `lexicons/language.yaml` and the given names
    of many languages that PM301 knows (`pmlint/nlp/given_names.txt`), lower case: the
    action-item reader takes "Dana will rotate the keys" and "Kofi to add ..." as naming
    the owner. (The curated list alone, 275 mostly English names, missed most owners.)"""
    import yaml

    from pmlint.nlp.names import given_names

    path = bundled_rules_dir() / "core" / "lexicons" / "language.yaml"
    # libyaml's parser where PyYAML has it: the same data, a tenth of the time (20 ms of a
    # single-file lint with the pure-Python one).
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = safe_loader(path.read_text(encoding="utf-8"))
    except OSError:
        return given_names()
    try:
        data = loader.get_single_data() or {}
    finally:
        loader.dispose()
    names = (data.get("words") or {}).get("given_names") or []
    return frozenset(str(n).lower() for n in names) | given_names()


@dataclass(slots=True)
class Config:
    path: str | None  # None: built-in defaults
    base_dir: str
    pack: Pack
    rules: dict[str, Rule]
    catalog: SectionCatalog
    timezone: str | None = None
    nlp_model: str = "auto"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    rule_timeout: float = DEFAULT_RULE_TIMEOUT  # seconds per rule per file; 0: no limit
    milestones: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    categories: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # What makes "Dana will ..." name an owner (action items): `given_names`, the core
    # pack's given names unless set here.
    given_names_override: frozenset[str] | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    cache_dir: str | None = None  # `cache_dir:` made absolute (None: .pmlint_cache beside it)
    include_dir: str = ""  # the folder `include` globs are relative to ("": base_dir)
    exclude_dir: str = ""  # the same for `exclude` (each may come from an outer config)
    overrides: tuple[Override, ...] = ()  # `overrides:` of this config and the ones above
    chain: tuple[str, ...] = ()  # the config files merged into this one, outermost first
    # `working_hours:` for analyze's out-of-hours count: weekdays (0 = Monday), start, end,
    # and the zone times are read in (None: each time in its own zone).
    working_hours: WorkingHours = field(default_factory=lambda: WorkingHours())
    variant: tuple[int, ...] = ()  # the overrides applied to this copy (see for_file)
    variants: dict[tuple[int, ...], Config] = field(default_factory=dict, repr=False)

    @property
    def given_names(self) -> frozenset[str]:
        """Read on first use, not when the config is built: a warm run that lints nothing
        never needs them (reading them was 0.01 s of its CPU)."""
        names = self.given_names_override
        return core_given_names() if names is None else names

    def fingerprint(self) -> str:
        """A stable hash of everything that changes results (for caches)."""
        payload = json.dumps(
            {
                "raw": self.raw,
                "rules": sorted(r.source for r in self.rules.values()),
                "variant": self.variant,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def options_of_kind(self, kind: str) -> Mapping[str, Any] | None:
        """The options of the rule of this check kind (the first by id that is on, else the
        first): analyze counts what the rules judge (impact nouns, vague actions) with the
        settings the team gave them, whatever id its pack gave the rule."""
        rules = sorted((r for r in self.rules.values() if r.kind == kind), key=lambda r: r.id)
        chosen = next((r for r in rules if r.enabled), rules[0] if rules else None)
        return chosen.options if chosen is not None else None

    def for_file(self, path: str) -> Config:
        """This config with the `overrides:` whose `files:` globs match `path` applied, in
        order (itself when none match); one copy per combination, made once."""
        if not self.overrides:
            return self
        absolute = os.path.abspath(path)
        matched = tuple(i for i, o in enumerate(self.overrides) if o.matches(absolute))
        if not matched:
            return self
        variant = self.variants.get(matched)
        if variant is None:
            rules = dict(self.rules)
            for index in matched:
                self.overrides[index].apply(rules)
            variant = replace(self, rules=rules, variant=matched, variants={})
            self.variants[matched] = variant
        return variant


@dataclass(slots=True)
class Override:
    """One entry of `overrides:`: rule settings for the files its globs match."""

    files: tuple[str, ...]
    rules: dict[str, Any]
    source: YamlSource
    key_path: tuple[str, ...]
    base_dir: str
    spec: pathspec.PathSpec = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import pathspec

        self.spec = pathspec.GitIgnoreSpec.from_lines(self.files)

    def matches(self, absolute: str) -> bool:
        relative = os.path.relpath(absolute, self.base_dir).replace(os.sep, "/")
        return not relative.startswith("../") and self.spec.match_file(relative)

    def apply(self, rules: dict[str, Rule]) -> None:
        try:
            apply_overrides(rules, self.source, self.key_path, self.rules, self.base_dir)
        except YamlError as exc:
            raise ConfigError(str(exc)) from None
