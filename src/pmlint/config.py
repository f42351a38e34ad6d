"""`.pmlint.yaml` / `[tool.pmlint]`: discovery by walking up from each file, validation, packs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pathspec

from pmlint.packs import (
    Pack,
    Rule,
    apply_overrides,
    load_pack,
    load_rule_dir,
    merge_sections,
)
from pmlint.reading import DEFAULT_MAX_BYTES
from pmlint.sections import SectionCatalog
from pmlint.yamlfile import YamlError, YamlSource, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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
_OFFSET = re.compile(r"^(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?$")


class ConfigError(Exception):
    """A broken config: the message names the file, the line and the key."""


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
        self.spec = pathspec.GitIgnoreSpec.from_lines(self.files)

    def matches(self, absolute: str) -> bool:
        relative = os.path.relpath(absolute, self.base_dir).replace(os.sep, "/")
        return not relative.startswith("../") and self.spec.match_file(relative)

    def apply(self, rules: dict[str, Rule]) -> None:
        try:
            apply_overrides(rules, self.source, self.key_path, self.rules, self.base_dir)
        except YamlError as exc:
            raise ConfigError(str(exc)) from None


def find_config_file(start: str) -> str | None:
    """The nearest `.pmlint.yaml`/`.yml`, or `pyproject.toml` with [tool.pmlint], upwards."""
    try:
        directory = Path(start).resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before 3.13, OSError after
        directory = Path(os.path.abspath(start))
    if directory.is_file() or not directory.exists():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(str(pyproject)):
            return str(pyproject)
    return None


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return "[tool.pmlint" in handle.read()
    except (OSError, UnicodeDecodeError):
        return False


@lru_cache(maxsize=64)
def load_config(path: str | None) -> Config:
    """Load and validate a config file (None: the defaults) with the configs it inherits
    (see `_layers`). Raises ConfigError."""
    try:
        if path is None:
            return _build([_Layer(YamlSource("<defaults>", {}, {}), {}, os.getcwd())], None)
        return _build(_layers(path), path)
    except YamlError as exc:
        raise ConfigError(str(exc)) from None


@dataclass(frozen=True, slots=True)
class _Layer:
    """One config file of a chain: its settings and the folder its paths are relative to."""

    source: YamlSource
    data: dict[str, Any]
    base_dir: str


def _read_layer(path: str) -> _Layer:
    source = _read_source(path)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise source.error((), "expected a mapping of settings")
    data = {str(k): v for k, v in data.items()}
    for key in data:
        if key not in TOP_KEYS:
            raise source.error((key,), f"unknown key (allowed: {', '.join(sorted(TOP_KEYS))})")
    if not isinstance(data.get("root", False), bool):
        raise source.error(("root",), "expected true or false")
    return _Layer(source, data, os.path.dirname(os.path.abspath(path)))


def _layers(path: str) -> list[_Layer]:
    """The config at `path` and the ones it inherits, outermost first.

    A config extends the nearest config above its folder, up to one that says `root: true`
    or sits at the top of a git work tree (the folder holding `.git`): a nested config
    changes what it names and keeps the rest. Merging by default, not an opt-in, because
    a nested config exists to adjust one folder, and replacing silently dropped every
    setting above it; `extends:` already names the rule pack.
    """
    layers: list[_Layer] = []
    seen: set[str] = set()
    current: str | None = path
    while current is not None and os.path.realpath(current) not in seen:
        seen.add(os.path.realpath(current))
        layer = _read_layer(current)
        layers.append(layer)
        folder = layer.base_dir
        parent = os.path.dirname(folder)
        if layer.data.get("root") or os.path.exists(os.path.join(folder, ".git")):
            break
        if parent == folder:
            break
        current = find_config_file(parent)
    return layers[::-1]


def _read_source(path: str) -> YamlSource:
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO would block the read
        raise YamlError(f"{path}: cannot read config: not a regular file")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(
            f"{path}: cannot read config: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        return _toml_source(path, text)
    return load_yaml(text, path)


def _toml_source(path: str, text: str) -> YamlSource:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise YamlError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise YamlError(f"{path}: invalid TOML: nested too deeply") from None
    data = document.get("tool", {}).get("pmlint", {})
    return YamlSource(path, data, _toml_key_lines(text))


def _toml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Approximate key lines for [tool.pmlint...] tables, for error messages."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*tool\.pmlint((?:\.[\w\"'-]+)*)\s*\]$", stripped)
        if header:
            table = tuple(p.strip("\"'") for p in header.group(1).split(".") if p)
            lines.setdefault(table, number)
            continue
        if stripped.startswith("["):
            table = None
            continue
        key = re.match(r"^([\w\"'-]+)\s*=", stripped)
        if table is not None and key:
            lines.setdefault((*table, key.group(1).strip("\"'")), number)
    lines.setdefault((), 1)
    return lines


def _nearest(layers: list[_Layer], key: str) -> _Layer | None:
    """The innermost layer that sets `key` (its value wins)."""
    return next((layer for layer in reversed(layers) if key in layer.data), None)


def _build(layers: list[_Layer], path: str | None) -> Config:
    own = layers[-1]
    base_dir = own.base_dir
    pack_layer = _nearest(layers, "extends")
    extends = pack_layer.data["extends"] if pack_layer else "core"
    if pack_layer is not None and not isinstance(extends, str):
        raise pack_layer.source.error(
            ("extends",), "expected a pack name or a path to a pack directory"
        )
    try:
        pack = load_pack(extends, pack_layer.base_dir if pack_layer else base_dir)
    except YamlError as exc:
        assert pack_layer is not None  # the bundled core pack loads
        raise pack_layer.source.error(("extends",), str(exc)) from None
    rules = dict(pack.rules)
    sections = {k: dict(v) for k, v in pack.sections.items()}
    overrides: list[Override] = []
    for layer in layers:
        source, data = layer.source, layer.data
        for index, folder in enumerate(_str_list(source, data, "rules_dirs")):
            directory = os.path.normpath(os.path.join(layer.base_dir, folder))
            if not os.path.isdir(directory):
                raise source.error(("rules_dirs", str(index)), f"not a directory: {directory}")
            for rule in load_rule_dir(directory):
                rules[rule.id] = rule
        apply_overrides(rules, source, ("rules",), data.get("rules") or {}, layer.base_dir)
        extra_sections = data.get("sections") or {}
        if not isinstance(extra_sections, dict):
            raise source.error(("sections",), "expected a mapping of canonical section to titles")
        for key, titles in extra_sections.items():
            if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
                raise source.error(("sections", str(key)), "expected a list of section titles")
        merge_sections(sections, {str(k): {"synonyms": v} for k, v in extra_sections.items()})
        overrides += _overrides(layer)
    for override in overrides:  # every error now, not when a matching file comes along
        override.apply(dict(rules))
    values = {key: _nearest(layers, key) for key in TOP_KEYS}

    def setting(key: str, default: Any) -> tuple[Any, _Layer]:
        layer = values[key]
        return (layer.data[key], layer) if layer is not None else (default, own)

    nlp, nlp_layer = setting("nlp", None)
    nlp = nlp or {}
    if not isinstance(nlp, dict):
        raise nlp_layer.source.error(("nlp",), "expected a mapping such as {model: auto}")
    for key in nlp:
        if key not in NLP_KEYS:
            raise nlp_layer.source.error(("nlp", str(key)), "unknown key (allowed: model)")
    model = nlp.get("model", "auto")
    if not isinstance(model, str):
        raise nlp_layer.source.error(("nlp", "model"), "expected a model name, 'auto' or 'blank'")
    timezone, tz_layer = setting("timezone", None)
    if timezone is not None and not valid_timezone(timezone):
        raise tz_layer.source.error(
            ("timezone",), f"unknown timezone {timezone!r} (use an IANA name or +HH:MM)"
        )
    max_size, size_layer = setting("max_file_size", DEFAULT_MAX_BYTES)
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size <= 0:
        raise size_layer.source.error(("max_file_size",), "expected a positive number of bytes")
    rule_timeout, timeout_layer = setting("rule_timeout", DEFAULT_RULE_TIMEOUT)
    if (
        not isinstance(rule_timeout, int | float)
        or isinstance(rule_timeout, bool)
        or not (0 <= rule_timeout < 1e6)
    ):
        raise timeout_layer.source.error(
            ("rule_timeout",), "expected seconds per rule and file (0: no limit)"
        )
    _, include_layer = setting("include", None)
    include = tuple(_str_list(include_layer.source, include_layer.data, "include"))
    _, exclude_layer = setting("exclude", None)
    exclude = (
        tuple(_str_list(exclude_layer.source, exclude_layer.data, "exclude"))
        if values["exclude"] is not None
        else DEFAULT_EXCLUDE
    )
    hours_value, hours_layer = setting("working_hours", None)
    working_hours = _working_hours(hours_layer.source, hours_value)
    cache_dir, cache_layer = setting("cache_dir", None)
    if cache_dir is not None and (not isinstance(cache_dir, str) or not cache_dir.strip()):
        raise cache_layer.source.error(("cache_dir",), "expected a folder for the result cache")
    return Config(
        path=path,
        base_dir=base_dir,
        pack=pack,
        rules=rules,
        catalog=SectionCatalog.from_mapping(sections),
        timezone=timezone,
        nlp_model=model,
        include=include or DEFAULT_INCLUDE,
        exclude=exclude,
        max_file_size=max_size,
        rule_timeout=float(rule_timeout),
        milestones=pack.milestones,
        categories=pack.categories,
        raw=own.data if len(layers) == 1 else {"layers": [layer.data for layer in layers]},
        cache_dir=(
            os.path.join(cache_layer.base_dir, os.path.expanduser(cache_dir)) if cache_dir else None
        ),
        include_dir=include_layer.base_dir,
        exclude_dir=exclude_layer.base_dir,
        overrides=tuple(overrides),
        chain=tuple(layer.source.path for layer in layers),
        working_hours=working_hours,
    )


def _overrides(layer: _Layer) -> list[Override]:
    """`overrides:` a list of {files: [globs], rules: {...}}, globs relative to the file."""
    source, value = layer.source, layer.data.get("overrides")
    if value is None:
        return []
    if not isinstance(value, list):
        raise source.error(("overrides",), "expected a list of {files: [globs], rules: {...}}")
    found = []
    for index, entry in enumerate(value):
        where = ("overrides", str(index))
        if not isinstance(entry, dict):
            raise source.error(where, "expected a mapping with files: and rules:")
        for key in entry:
            if key not in OVERRIDE_KEYS:
                raise source.error(
                    (*where, str(key)), f"unknown key (allowed: {', '.join(OVERRIDE_KEYS)})"
                )
        files = entry.get("files")
        if isinstance(files, str):
            files = [files]
        if not files or not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise source.error((*where, "files"), "expected a list of glob patterns")
        rules = entry.get("rules")
        if not isinstance(rules, dict) or not rules:
            raise source.error((*where, "rules"), "expected a mapping of rule settings")
        found.append(Override(tuple(files), rules, source, (*where, "rules"), layer.base_dir))
    return found


def _str_list(source: YamlSource, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise source.error((key,), "expected a list of strings")
    return value


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """When a team works: an incident detected outside this counts as out of hours."""

    days: frozenset[int] = frozenset(range(5))
    start: dt.time = dt.time(9)
    end: dt.time = dt.time(18)
    timezone: str | None = None


def _working_hours(source: Any, value: Any) -> WorkingHours:
    """`working_hours: {days: [mon, tue, wed, thu, fri], hours: "09:00-18:00", timezone: …}`."""
    if value is None:
        return WorkingHours()
    if not isinstance(value, dict):
        raise source.error(("working_hours",), "expected {days: [...], hours: HH:MM-HH:MM}")
    unknown = sorted(set(value) - {"days", "hours", "timezone"})
    if unknown:
        raise source.error(
            ("working_hours", str(unknown[0])), "unknown key (allowed: days, hours, timezone)"
        )
    result = WorkingHours()
    days = value.get("days")
    if days is not None:
        if not isinstance(days, list) or not all(str(d).lower()[:3] in _DAYS for d in days):
            raise source.error(("working_hours", "days"), "expected weekdays such as [mon, fri]")
        result = replace(result, days=frozenset(_DAYS.index(str(d).lower()[:3]) for d in days))
    hours = value.get("hours")
    if hours is not None:
        match = _HOURS.match(str(hours))
        try:
            start = dt.time(int(match.group(1)), int(match.group(2))) if match else None
            end = dt.time(int(match.group(3)), int(match.group(4))) if match else None
        except ValueError:
            start = end = None
        if start is None or end is None or end <= start:
            raise source.error(("working_hours", "hours"), "expected HH:MM-HH:MM, e.g. 09:00-18:00")
        result = replace(result, start=start, end=end)
    zone = value.get("timezone")
    if zone is not None:
        if not valid_timezone(zone):
            raise source.error(("working_hours", "timezone"), f"unknown timezone {zone!r}")
        result = replace(result, timezone=str(zone))
    return result


def valid_timezone(name: Any) -> bool:
    if not isinstance(name, str) or not name.strip():
        return False
    if name.upper() in ("UTC", "GMT", "Z") or _OFFSET.match(name.strip()):
        return True
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False


STARTER_CONFIG = """\
# pmlint configuration (README, "Configuration"; `pmlint rules` lists every rule).
# As written it changes nothing: every setting below is pmlint's default or commented
# out. Uncomment what you want to change.

extends: core                 # the rule pack (default core; also google-sre, pagerduty,
                              # atlassian, or a path to a pack folder)

# Times written without a zone are read in this zone (an IANA name such as Europe/Berlin,
# or UTC). Setting it also turns PM101 (timestamp-missing-timezone) quiet for them.
# timezone: UTC

# Which files a folder holds, relative to this file (gitignore style). By default every
# *.md and *.markdown but README, CHANGELOG, CONTRIBUTING and the like, and templates;
# setting exclude: replaces that list.
# include: ["**/*.md"]
# exclude: ["templates/**", "README.md"]

# rules:
#   PM002: off                  # turn a rule off, by id or by name
#   placeholder-text: error     # change a rule's severity
#   PM004:                      # missing-metadata is off by default: list your fields
#     severity: warning
#     options:
#       fields: [date, authors, status, severity]

# Rule settings for some files only (globs relative to this file):
# overrides:
#   - files: ["archive/**"]
#     rules: {PM004: off}

# Extra titles for canonical sections (see `pmlint explain PM001`):
# sections:
#   impact: ["Customer effect"]

# Folders of your own YAML rules (README, "Writing your own rules"):
# rules_dirs: [pmlint-rules]

# Configs in folders above this one apply too (this one wins); true stops that.
# root: true

# nlp:
#   model: auto                 # auto, blank, or a spaCy package such as en_core_web_sm
"""
