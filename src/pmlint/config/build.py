"""Building a Config from its chain of files: validation of every key, with the file and
line of a bad one, and the rule pack with its overrides applied."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pmlint.config.files import Layer, read_layers
from pmlint.config.model import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    DEFAULT_RULE_TIMEOUT,
    NLP_KEYS,
    OVERRIDE_KEYS,
    TOP_KEYS,
    Config,
    ConfigError,
    Override,
    WorkingHours,
)
from pmlint.packs import apply_overrides, load_pack, load_rule_dir, merge_sections
from pmlint.reading import DEFAULT_MAX_BYTES
from pmlint.sections import SectionCatalog
from pmlint.yamlfile import YamlError, YamlSource


@lru_cache(maxsize=64)
def load_config(path: str | None) -> Config:
    """Load and validate a config file (None: the defaults) with the configs it inherits
    (see `_layers`). Raises ConfigError."""
    try:
        if path is None:
            return _build([Layer(YamlSource("<defaults>", {}, {}), {}, os.getcwd())], None)
        return _build(read_layers(path), path)
    except YamlError as exc:
        raise ConfigError(str(exc)) from None


def _nearest(layers: list[Layer], key: str) -> Layer | None:
    """The innermost layer that sets `key` (its value wins)."""
    return next((layer for layer in reversed(layers) if key in layer.data), None)


def _build(layers: list[Layer], path: str | None) -> Config:
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

    def setting(key: str, default: Any) -> tuple[Any, Layer]:
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


def _overrides(layer: Layer) -> list[Override]:
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


_OFFSET = re.compile(r"^(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


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
