"""Rule packs: YAML rule files over Python check kinds, with `extends:` and overrides."""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pmlint.diagnostics import Severity
from pmlint.jsonfile import write_atomically
from pmlint.rule import (
    ENGINE_FIELDS,
    ENGINE_KIND,
    FIX_KINDS,
    Option,
    OptionError,
    Rule,
    RuleDocs,
    placeholders,
)
from pmlint.version import __version__, tree_files
from pmlint.yamlfile import YamlError, YamlSource, read_yaml

RULE_KEYS = {
    "id",
    "name",
    "category",
    "kind",
    "severity",
    "message",
    "suggestion",
    "enabled",
    "options",
    "docs",
}
PACK_KEYS = {"name", "summary", "extends", "sections", "milestones", "categories", "rules"}
PACK_DATA_FILES = ("pack.yaml", "sections.yaml", "milestones.yaml", "categories.yaml")
# What `pmlint analyze` sorts incidents by; each has classes of words (categories.yaml).
CATEGORY_KINDS = ("detection", "trigger", "mitigation")
DOC_KEYS = {"summary", "why", "bad", "good", "fix"}
_ID = re.compile(r"^[A-Z][A-Z_]*[0-9]+$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(slots=True)
class Pack:
    name: str
    summary: str
    rules: dict[str, Rule] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    chain: tuple[str, ...] = ()
    milestones: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    categories: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def bundled_rules_dir() -> Path:
    """`rules/` inside the wheel (pmlint/_rules), or the repository's in a source checkout.

    The package's folder is this module's (what `importlib.resources.files("pmlint")` names
    for an installed package; importing that module costs a run 40 others, tempfile's and
    the compressors' among them)."""
    packaged = Path(__file__).parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def bundled_pack_names() -> list[str]:
    root = bundled_rules_dir()
    return sorted(p.name for p in root.iterdir() if (p / "pack.yaml").is_file())


def load_pack(ref: str, base_dir: str | None = None, _seen: tuple[str, ...] = ()) -> Pack:
    """Load a bundled pack by name, or a pack directory by path (relative to `base_dir`)."""
    directory = _pack_dir(ref, base_dir)
    key = str(directory.resolve())
    if key in _seen:
        raise YamlError(f"{directory / 'pack.yaml'}: extends: cycle through {ref!r}")
    source = read_yaml(str(directory / "pack.yaml"))
    data = _mapping(source, (), source.data)
    _no_unknown(source, (), data, PACK_KEYS)
    name = str(data.get("name", directory.name))
    parent_ref = data.get("extends")
    if parent_ref:
        pack = load_pack(str(parent_ref), str(directory), (*_seen, key))
        pack = Pack(
            name,
            str(data.get("summary", "")),
            dict(pack.rules),
            {k: dict(v) for k, v in pack.sections.items()},
            (*pack.chain, name),
            {k: {w: list(v) for w, v in words.items()} for k, words in pack.milestones.items()},
            {k: {c: list(v) for c, v in words.items()} for k, words in pack.categories.items()},
        )
    else:
        pack = Pack(name, str(data.get("summary", "")), chain=(name,))
    if data.get("sections"):
        sections_file = directory / str(data["sections"])
        merge_sections(pack.sections, load_sections(str(sections_file)))
    if data.get("milestones"):
        for kind, words in load_milestones(str(directory / str(data["milestones"]))).items():
            merged = pack.milestones.setdefault(kind, {key: [] for key in MILESTONE_PARTS})
            for key in MILESTONE_PARTS:
                merged[key] = list(dict.fromkeys([*merged.get(key, []), *words[key]]))
    if data.get("categories"):
        for kind, classes in load_categories(str(directory / str(data["categories"]))).items():
            merged = pack.categories.setdefault(kind, {})
            for value, class_words in classes.items():
                merged[value] = list(dict.fromkeys([*merged.get(value, []), *class_words]))
    for rule in load_rule_dir(str(directory)):
        pack.rules[rule.id] = rule
    apply_overrides(pack.rules, source, ("rules",), data.get("rules") or {}, str(directory))
    return pack


def _pack_dir(ref: str, base_dir: str | None) -> Path:
    if os.sep not in ref and "/" not in ref and not ref.startswith("."):
        candidate = bundled_rules_dir() / ref
        if (candidate / "pack.yaml").is_file():
            return candidate
    path = Path(base_dir or ".") / ref
    if (path / "pack.yaml").is_file():
        return path
    known = ", ".join(bundled_pack_names())
    raise YamlError(
        f"{ref}: no such rule pack (bundled packs: {known}; or a directory with pack.yaml)"
    )


def load_sections(path: str) -> dict[str, dict[str, Any]]:
    source = read_yaml(path)
    data = _mapping(source, (), source.data)
    sections = _mapping(source, ("sections",), data.get("sections"))
    result: dict[str, dict[str, Any]] = {}
    for key, spec in sections.items():
        spec = _mapping(source, ("sections", key), spec)
        _no_unknown(source, ("sections", key), spec, {"title", "synonyms"})
        synonyms = spec.get("synonyms", [])
        if not isinstance(synonyms, list):
            raise source.error(("sections", key, "synonyms"), "expected a list of titles")
        result[str(key)] = {
            "title": str(spec.get("title", key)),
            "synonyms": [str(s) for s in synonyms],
        }
    return result


MILESTONE_KINDS = ("start", "detected", "escalated", "mitigated", "resolved")
# labels: a field's name ("Detected:"); events: the words of an entry that shows the milestone;
# markers: the author's explicit mark ("<START OF OUTAGE>"); triggers (start only): a change
# that, shortly before the first symptom, is where the impact began.
MILESTONE_PARTS = ("labels", "events", "markers", "triggers")


def load_categories(path: str) -> dict[str, dict[str, list[str]]]:
    """Classes of words that sort incidents by detection source, trigger and mitigation."""
    source = read_yaml(path)
    data = _mapping(source, (), source.data)
    entries = _mapping(source, ("categories",), data.get("categories"))
    result: dict[str, dict[str, list[str]]] = {}
    for kind, classes in entries.items():
        if kind not in CATEGORY_KINDS:
            raise source.error(
                ("categories", kind), f"unknown category (known: {', '.join(CATEGORY_KINDS)})"
            )
        classes = _mapping(source, ("categories", kind), classes)
        result[kind] = {}
        for value, words in classes.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise source.error(("categories", kind, value), "expected a list of words")
            result[kind][str(value)] = [w.lower() for w in words]
    return result


def load_milestones(path: str) -> dict[str, dict[str, list[str]]]:
    """Keyword lists that classify timestamps as incident milestones."""
    source = read_yaml(path)
    data = _mapping(source, (), source.data)
    entries = _mapping(source, ("milestones",), data.get("milestones"))
    result: dict[str, dict[str, list[str]]] = {}
    for kind, spec in entries.items():
        if kind not in MILESTONE_KINDS:
            raise source.error(
                ("milestones", kind), f"unknown milestone (known: {', '.join(MILESTONE_KINDS)})"
            )
        spec = _mapping(source, ("milestones", kind), spec)
        _no_unknown(source, ("milestones", kind), spec, set(MILESTONE_PARTS))
        words: dict[str, list[str]] = {}
        for key in MILESTONE_PARTS:
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise source.error(("milestones", kind, key), "expected a list of words")
            words[key] = [v.lower() for v in value]
        result[kind] = words
    return result


def merge_sections(into: dict[str, dict[str, Any]], extra: Mapping[str, Mapping[str, Any]]) -> None:
    for key, spec in extra.items():
        if key in into:
            into[key]["synonyms"] = list(dict.fromkeys([*into[key]["synonyms"], *spec["synonyms"]]))
            into[key]["title"] = spec.get("title", into[key]["title"])
        else:
            into[key] = {"title": spec.get("title", key), "synonyms": list(spec["synonyms"])}


def load_rule_dir(directory: str) -> list[Rule]:
    """Every `*.yaml`/`*.yml` in the folder except the pack's own data files."""
    rules: list[Rule] = []
    names = sorted(os.listdir(directory))
    for filename in names:
        if not filename.endswith((".yaml", ".yml")) or filename in PACK_DATA_FILES:
            continue
        rules.append(load_rule_file(os.path.join(directory, filename)))
    return rules


def load_rule_file(path: str) -> Rule:
    source = read_yaml(path)
    data = _mapping(source, (), source.data)
    _no_unknown(source, (), data, RULE_KEYS)
    for key in ("id", "name", "category", "kind", "message", "docs"):
        if key not in data:
            raise source.error((), f"missing required key {key!r}")
    rule_id, name = str(data["id"]), str(data["name"])
    if not _ID.match(rule_id):
        raise source.error(("id",), f"{rule_id!r} is not an id like PM123 or TEAM7")
    if not _NAME.match(name):
        raise source.error(("name",), f"{name!r} is not a kebab-case name")
    kind = str(data["kind"])
    if kind != ENGINE_KIND and _KINDS.declared(kind) is None:
        known = ", ".join(sorted(_KINDS.registry()))
        raise source.error(("kind",), f"unknown kind {kind!r}; known: {known}")
    docs = _mapping(source, ("docs",), data["docs"])
    _no_unknown(source, ("docs",), docs, DOC_KEYS)
    if not docs.get("summary"):
        raise source.error(("docs",), "missing required key 'summary'")
    fix = str(docs.get("fix", ""))
    if fix and fix.split(":", 1)[0].strip().lower() not in FIX_KINDS:
        raise source.error(
            ("docs", "fix"), f"expected 'KIND: how', KIND one of {', '.join(FIX_KINDS)}"
        )
    raw_options = _mapping(source, ("options",), data.get("options") or {})
    options = validate_options(kind, raw_options, source, ("options",), os.path.dirname(path))
    rule = Rule(
        id=rule_id,
        name=name,
        category=str(data["category"]),
        kind=kind,
        severity=_severity(source, ("severity",), data.get("severity", "warning")),
        message=str(data["message"]),
        suggestion=str(data.get("suggestion", "")),
        enabled=bool(data.get("enabled", True)),
        options=options,
        docs=RuleDocs(**{k: str(v).strip() for k, v in docs.items()}),
        source=path,
    )
    check_placeholders(rule, source)
    check_instantiable(rule, source, ("options",))
    return rule


def check_placeholders(rule: Rule, source: YamlSource) -> None:
    """A `{placeholder}` the kind does not fill would print as written: refuse it at load."""
    fills = ENGINE_FIELDS if rule.kind == ENGINE_KIND else _KINDS.fields(rule.kind)
    for key, template in (("message", rule.message), ("suggestion", rule.suggestion)):
        try:
            used = placeholders(template)
        except ValueError as exc:
            raise source.error((key,), f"not a valid message template: {exc}") from None
        unknown = sorted(used - set(fills))
        if unknown:
            known = ", ".join("{" + name + "}" for name in fills) or "none"
            raise source.error(
                (key,),
                f"unknown placeholder {{{unknown[0]}}}; kind {rule.kind!r} fills: {known}",
            )


def check_instantiable(rule: Rule, source: YamlSource, key_path: tuple[str, ...]) -> None:
    """Build the check once so bad regexes and option combinations fail at load time."""
    if rule.kind == ENGINE_KIND or _KINDS.built(rule.kind, rule.options):
        return
    try:
        _KINDS.registry()[rule.kind](rule.options)
        _KINDS.record_built(rule.kind, rule.options)
    except OptionError as exc:
        raise source.error((*key_path, exc.key), f"rule {rule.id}: {exc.problem}") from None
    except (ValueError, TypeError, re.error) as exc:  # re.error: a pattern a kind let through
        raise source.error(key_path, f"rule {rule.id}: {exc}") from None


def kind_options(kind: str) -> tuple[Option, ...]:
    return () if kind == ENGINE_KIND else _KINDS.options(kind)


class _KindMemo:
    """What validating rules needs of the check kinds (their options and the fields they
    fill, and which option sets build), kept between runs of the program.

    Validating a rule asks its kind for its options and fields and builds the check once;
    that imports every check module (their word lists, patterns and facts: 0.06 s), which
    a run that the result cache serves would not need otherwise. The answers depend on
    pmlint's code and the options only, so the program keeps them in `kinds.json` beside
    its regex cache (`pmlint.regexcache`), under a stamp of the code (`_code_files`): another
    version, or an edited module, reads none of them. Only successes are kept: a rule that
    fails to build is built again, and says why. Where the regex cache is not installed
    (tests, an embedding program), nothing is read or written.
    """

    FORMAT = 1
    NAME = "kinds.json"

    def __init__(self) -> None:
        self._read = False
        self._path: str | None = None
        self._kinds: dict[str, tuple[tuple[Option, ...], tuple[str, ...]]] = {}
        self._built: set[str] = set()
        self._changed = False

    def registry(self) -> Mapping[str, Any]:
        from pmlint.checks import KINDS

        return KINDS

    def declared(self, kind: str) -> tuple[tuple[Option, ...], tuple[str, ...]] | None:
        """(options, fields) of the kind; None where no kind has that name."""
        self._load()
        found = self._kinds.get(kind)
        if found is None:
            check = self.registry().get(kind)
            if check is None:
                return None
            found = (tuple(check.options), tuple(check.fields))
            self._kinds[kind] = found
            self._changed = self._changed or _literals([o.default for o in found[0]])
        return found

    def options(self, kind: str) -> tuple[Option, ...]:
        found = self.declared(kind)
        if found is None:
            raise KeyError(kind)
        return found[0]

    def fields(self, kind: str) -> tuple[str, ...]:
        found = self.declared(kind)
        if found is None:
            raise KeyError(kind)
        return found[1]

    def built(self, kind: str, options: Mapping[str, Any]) -> bool:
        self._load()
        return self._path is not None and _options_key(kind, options) in self._built

    def record_built(self, kind: str, options: Mapping[str, Any]) -> None:
        if self._path is not None and _literals(options):
            self._built.add(_options_key(kind, options))
            self._changed = True

    def _load(self) -> None:
        if self._read:
            return
        self._read = True
        from pmlint import regexcache

        found = regexcache.cache_path() if regexcache.installed() else None
        if found is None:
            return
        self._path = os.path.join(os.path.dirname(found), self.NAME)
        try:
            with open(self._path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") != self.FORMAT or data.get("stamp") != _code_files():
                return
            kinds = {
                str(kind): (
                    tuple(Option(n, t, ast.literal_eval(d), doc) for n, t, d, doc in options),
                    tuple(str(f) for f in fields),
                )
                for kind, (options, fields) in data["kinds"].items()
            }
            built = {str(key) for key in data["built"]}
        except (OSError, ValueError, TypeError, KeyError, SyntaxError, AttributeError):
            return  # missing, damaged or another version's: asked of the kinds again
        self._kinds, self._built = kinds, built

    def save(self) -> None:
        """Write what this run learned (never raises)."""
        if self._path is None or not self._changed:
            return
        kinds = {
            kind: [[[o.name, o.type, repr(o.default), o.doc] for o in options], list(fields)]
            for kind, (options, fields) in sorted(self._kinds.items())
            if _literals([o.default for o in options])
        }
        payload = {
            "format": self.FORMAT,
            "stamp": _code_files(),
            "kinds": kinds,
            "built": sorted(self._built),
        }
        with contextlib.suppress(OSError, ValueError):
            write_atomically(self._path, payload)
            self._changed = False


@lru_cache(maxsize=1)
def _code_files() -> str:
    """pmlint's version and the size and modification time of each of its modules, as
    Python's bytecode cache stamps a module: a run that lints without the result cache
    does not read them all (`code_stamp` hashes their contents, 0.01 s)."""
    root = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(__version__.encode())
    for path, relative in tree_files(root, lambda _folder, name: name.endswith(".py")):
        try:
            found = os.stat(path)
        except OSError:
            continue
        digest.update(f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.hexdigest()


_PLAIN = (str, int, float, bool, type(None))


def _literals(value: Any) -> bool:
    """Plain data whose repr reads back as an equal value of the same types."""
    if isinstance(value, _PLAIN):
        return type(value) in _PLAIN
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return all(_literals(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _literals(v) for k, v in value.items())
    return False


def _options_key(kind: str, options: Mapping[str, Any]) -> str:
    return hashlib.sha256(f"{kind}\0{options!r}".encode()).hexdigest()


_KINDS = _KindMemo()


def save_kind_memo() -> None:
    """Keep what validating rules learned of the check kinds for the next run."""
    _KINDS.save()


def validate_options(
    kind: str,
    raw: Mapping[str, Any],
    source: YamlSource,
    key_path: tuple[str, ...],
    base_dir: str,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    declared = {o.name: o for o in kind_options(kind)}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise source.error(
            (*key_path, unknown[0]), f"unknown option (kind {kind!r} takes: {known})"
        )
    result = (
        dict(defaults) if defaults is not None else {o.name: o.default for o in declared.values()}
    )
    for name, value in raw.items():
        result[name] = _coerce(declared[name], value, source, (*key_path, name), base_dir)
    return result


def _coerce(
    option: Option, value: Any, source: YamlSource, key_path: tuple[str, ...], base: str
) -> Any:
    kind = option.type
    ok = {
        "str": isinstance(value, str),
        "bool": isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "str-list": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "mapping-list": isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value),
        "lexicon": isinstance(value, str) or value is None,
        "any": True,
    }[kind]
    if not ok:
        raise source.error(key_path, f"expected {kind}, got {type(value).__name__} {value!r}")
    if kind == "lexicon" and value is not None:
        lexicon = read_yaml(os.path.join(base, value))
        data = _mapping(lexicon, (), lexicon.data)
        # `words`: named word lists (the language kinds' people, verbs...); they check them
        _no_unknown(lexicon, (), data, {"tokens", "description", "words"})
        if not isinstance(data.get("tokens", []), list):
            raise lexicon.error(("tokens",), "expected a list")
        return data
    return value


def apply_overrides(
    rules: dict[str, Rule],
    source: YamlSource,
    key_path: tuple[str, ...],
    overrides: Any,
    base_dir: str,
) -> None:
    """Apply `rules:` entries (by id or name): off/on, a severity, or {severity, options}."""
    overrides = _mapping(source, key_path, overrides)
    for selector, value in overrides.items():
        where = (*key_path, str(selector))
        targets = [r for r in rules.values() if str(selector) in (r.id, r.name)]
        if not targets:
            raise source.error(where, "no rule with this id or name")
        for rule in targets:
            rules[rule.id] = override_rule(rule, value, source, where, base_dir)


def override_rule(
    rule: Rule, value: Any, source: YamlSource, where: tuple[str, ...], base: str
) -> Rule:
    if isinstance(value, bool) or value in ("off", "on"):
        return replace(rule, enabled=value in (True, "on"))
    if isinstance(value, str):
        return replace(rule, enabled=True, severity=_severity(source, where, value))
    spec = _mapping(source, where, value)
    _no_unknown(source, where, spec, {"severity", "options", "enabled"})
    changed = rule
    if "severity" in spec:
        severity = spec["severity"]
        if severity is False or severity == "off":
            changed = replace(changed, enabled=False)
        else:
            changed = replace(
                changed, enabled=True, severity=_severity(source, (*where, "severity"), severity)
            )
    if "enabled" in spec:
        changed = replace(changed, enabled=bool(spec["enabled"]))
    if "options" in spec:
        raw = _mapping(source, (*where, "options"), spec["options"])
        options = validate_options(rule.kind, raw, source, (*where, "options"), base, rule.options)
        changed = replace(changed, options=options)
        check_instantiable(changed, source, (*where, "options"))
    return changed


def _severity(source: YamlSource, key_path: tuple[str, ...], value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise source.error(key_path, str(exc)) from None


def _mapping(source: YamlSource, key_path: tuple[str, ...], value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise source.error(key_path, f"expected a mapping, got {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def _no_unknown(
    source: YamlSource, key_path: tuple[str, ...], data: Mapping[str, Any], allowed: set[str]
) -> None:
    for key in data:
        if key not in allowed:
            raise source.error(
                (*key_path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})"
            )
