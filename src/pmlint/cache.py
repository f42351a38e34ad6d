"""The result cache: a file that has not changed, under settings that have not changed, is
not linted again.

`pmlint check` keeps one small JSON file per result in `.pmlint_cache/`, next to the config
file that applies (else in the current folder), or in the folder that `cache_dir:` in the
config or the `PMLINT_CACHE_DIR` environment variable names. An entry's key hashes all
that decides the findings:

- the text the linter reads (after decoding), and the file's absolute path (local link
  and image targets are resolved from its folder);
- the pmlint version and the contents of its modules, so a development checkout never
  serves the results of older code;
- the effective config (`Config.fingerprint`), the effective rules and their options, and
  the contents of the rule packs' files (YAML rules, lexicons, sections, milestones);
- the rules selected (`--select`, `--ignore`);
- the spaCy pipeline that `--nlp-model`/`nlp.model` resolves to and its version, found
  from package metadata without importing spaCy, so a cached run never loads it.

An entry also records the local targets the checks looked up and whether each existed;
a hit whose targets appeared or vanished since is a miss. The entry holds the findings and
the pipeline that produced them; the source lines for excerpts come from the file just
read. A broken entry, or a cache folder that cannot be read or written, is never an error:
the file is linted, and pmlint says so once on stderr.

A run of many files (`INDEX_MIN_FILES`) also reads and writes `index.json`, every entry
of the folder's last such runs in one file, as ruff keeps one cache file per package:
opening and parsing a small file per result was a fifth of a warm run's time. The files
per entry stay the record (a run of a few files, a run in parallel), the index a copy.

The index also keeps each file's stamp (`file_stamp`: size, modification and change times,
inode) with the key its text hashed to under the run's settings. A later run of many files
whose stamp and settings match uses that key without reading or hashing the file, as ruff
and git trust a file's stat: reading, decoding and hashing 1,000 documents was a quarter
of a warm run. A stamp is only recorded for a file last changed more than `RACY_NS`
before the run started (git's "racily clean" rule): a file written within the same tick of
its timestamp could change again without changing its stamp. An edit that keeps the size
and puts the modification time back (`touch -d`, `os.utime`) still moves the change time,
which no program can set, so the stamp differs and the text is hashed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmlint.config import Config
from pmlint.diagnostics import Diagnostic, Fix, Related, Severity, Span, masked_lines
from pmlint.jsonfile import write_atomically
from pmlint.reading import SourceText
from pmlint.report import INTERNAL_ERROR, CachedReport, FileReport
from pmlint.version import add_file, code_stamp, tree_files

CACHE_DIR_NAME = ".pmlint_cache"
CACHE_DIR_ENV = "PMLINT_CACHE_DIR"
FORMAT = 2  # of an entry; a change starts a new subfolder (2: findings carry fixes)
TEXTS_NAME = "index-json.json"  # beside index.json: its entries' JSON texts (`CachedReport`)
INDEX_MIN_FILES = 50  # a run of fewer files reads the entries' own files only
MAX_INDEX_ENTRIES = 20_000  # beyond this, an index keeps the entries of the run that writes it
# An index keeps other entries than its run's (another folder's, files since changed, an
# older pmlint's) up to a quarter of its run's: a warm run parses the whole index, and one
# that kept every entry up to the maximum parsed twenty times its own after enough edits.
# An entry left out still serves from its own file, and is back in the next index.
OTHERS_SHARE = 0.25
# A file changed less than this before the run may change again within its timestamp's tick
# (2 s: FAT's; Linux file systems tick at the kernel's clock) without a new stamp.
RACY_NS = 2_000_000_000
_PACK_FILES = (".yaml", ".yml", ".json", ".txt")
_GITIGNORE = "# Created by pmlint: its result cache (safe to delete).\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by pmlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def cache_dir_for(config: Config, environ: Mapping[str, str] | None = None) -> str:
    """Where results linted under `config` are kept."""
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_DIR_ENV):
        return os.path.abspath(os.path.expanduser(environ[CACHE_DIR_ENV]))
    if config.cache_dir:
        return os.path.abspath(config.cache_dir)
    base = os.path.dirname(os.path.abspath(config.path)) if config.path else os.getcwd()
    return os.path.join(base, CACHE_DIR_NAME)


def _folders_digest(folders: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for root in folders:
        for path, relative in tree_files(root, lambda _folder, name: name.endswith(_PACK_FILES)):
            add_file(digest, path, relative)
    return digest.hexdigest()


def pack_digest(config: Config) -> str:
    """The contents of the files the config's rules come from (rules, lexicons, sections,
    milestones: `extends` chains and `rules_dirs` included), and its effective rules."""
    from pmlint.packs import bundled_rules_dir

    folders = {os.path.dirname(os.path.abspath(r.source)) for r in config.rules.values()}
    folders.add(str(bundled_rules_dir() / "core"))  # the default lexicons live there
    rules = [
        {
            "id": rule.id,
            "kind": rule.kind,
            "severity": int(rule.severity),
            "enabled": rule.enabled,
            "message": rule.message,
            "suggestion": rule.suggestion,
            "options": rule.options,
        }
        for rule in sorted(config.rules.values(), key=lambda r: r.id)
    ]
    effective = json.dumps(
        {
            "rules": rules,
            "sections": config.pack.sections,
            "catalog": [
                [s.key, s.title, list(s.synonyms)] for s in config.catalog.sections.values()
            ],
            "milestones": config.milestones,
            "timezone": config.timezone,
        },
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(effective.encode())
    digest.update(_folders_digest(tuple(sorted(folders))).encode())
    return digest.hexdigest()


def model_identity(requested: str) -> str:
    """The pipeline `requested` resolves to, with its version, without importing spaCy."""
    from pmlint.nlp import BLANK, distribution_info, resolve_model_name

    name = resolve_model_name(requested)
    found = distribution_info("spacy" if name == BLANK else name)
    version = found[1] if found is not None else _model_dir_version(name)
    return f"{name}=={version}"


def _model_dir_version(name: str) -> str:
    """A pipeline given as a folder: its meta.json's version and modification time."""
    meta = os.path.join(name, "meta.json")
    try:
        with open(meta, encoding="utf-8") as handle:
            version = str(json.load(handle).get("version", "?"))
        return f"{version}@{os.stat(meta).st_mtime_ns}"
    except (OSError, ValueError, AttributeError):
        return "?"


def settings_key(config: Config, rule_ids: Iterable[str], nlp_model: str) -> str:
    """Everything but the file that decides its findings (a run computes it once per
    config, and reads the rule packs' files then)."""
    from pmlint.nlp.pipeline import parse_all

    parts = {
        "format": FORMAT,
        "code": code_stamp(),
        "config": config.fingerprint(),
        "packs": pack_digest(config),
        "rules": sorted(rule_ids),
        "model": model_identity(nlp_model),
        "parse_all": parse_all(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass(slots=True)
class Hit:
    """A cached result: its diagnostics (path filled in by `report`) and the pipeline."""

    diagnostics: list[Diagnostic]
    nlp: dict[str, Any] | None

    def report(self, path: str, text: str | None) -> FileReport:
        """The file's report; `text` None: without its source lines (no format that prints
        an excerpt, no baseline)."""
        diagnostics = [d if d.path == path else _with_path(d, path) for d in self.diagnostics]
        if text is None:
            return FileReport(path, diagnostics)
        return FileReport(path, diagnostics, lines=masked_lines(text.split("\n"), diagnostics))


@dataclass(slots=True)
class Written:
    """A cached result served as `--format json` writes it (`get(..., written=True)`):
    the text of its diagnostics and their count by severity; they are built from the entry
    only if something asks for them (`pmlint.report.CachedReport`)."""

    json: str
    counts: tuple[int, int, int]
    nlp: dict[str, Any] | None
    entry: Any
    strings: Sequence[Any]

    def report(self, path: str, text: str | None) -> FileReport:
        if text is not None:  # excerpts: the report as usual
            return _decode(self.entry, path, self.strings)[0].report(path, text)
        entry, strings = self.entry, self.strings
        return CachedReport.served(
            path, lambda: _decode(entry, path, strings)[0].diagnostics, self.json, self.counts
        )


Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def file_stamp(path: str, before_ns: int) -> Stamp | None:
    """A regular file's stamp, taken before its text is read; None for another kind of
    file, one that cannot be stat'ed, or one changed less than `RACY_NS` before
    `before_ns` (the run's start), whose stamp cannot be trusted."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    if max(status.st_mtime_ns, status.st_ctime_ns) > before_ns - RACY_NS:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _with_path(diagnostic: Diagnostic, path: str) -> Diagnostic:
    return dataclasses.replace(diagnostic, path=path)


class ResultCache:
    """One cache folder. Never raises: trouble makes it a miss and a note."""

    def __init__(self, directory: str, index: bool = False) -> None:
        """`index`: read the folder's index at the first `get`, and let `save_index`
        write it (a run of many files)."""
        self.directory = directory
        self.entries = os.path.join(directory, f"v{FORMAT}")
        self.writable = True
        self.broken = 0  # entries that could not be read back
        self.write_error: str | None = None
        self.use_index = index
        self._indexed: dict[str, Any] | None = None  # the index as read: key -> entry
        self._served: dict[str, Any] = {}  # this run's entries: key -> entry
        self._learned = False  # an entry this run served or wrote that the index lacks
        # settings -> absolute path -> [*stamp, key]: as read, and as this run leaves them
        self._stamps_read: dict[str, Any] = {}
        self._stamps: dict[str, dict[str, list[Any]]] = {}
        self.started_ns = time.time_ns()  # stamps are trusted for files older than this
        self._strings: list[Any] = []  # the index's string table (`_tabled`)
        self._texts: dict[str, Any] | None = None  # `TEXTS_NAME` as read: key -> JSON text

    def key(self, settings: str, path: str, source: SourceText) -> str:
        digest = hashlib.sha256(settings.encode())
        digest.update(b"\0" + os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(repr((source.invalid_utf8_at, source.invalid_utf8_count)).encode())
        digest.update(source.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def stamped_key(self, settings: str, absolute: str, stamp: Stamp | None) -> str | None:
        """The key of the file at `absolute` (its absolute path) under `settings` when the
        index holds the same stamp for it (the file unchanged since it was hashed), else
        None: hash its text."""
        if stamp is None or not self.use_index:
            return None
        if self._indexed is None:
            self._indexed = self._read_index()
        by_path = self._stamps_read.get(settings)
        found = by_path.get(absolute) if isinstance(by_path, dict) else None
        if not isinstance(found, list) or len(found) != 6 or tuple(found[:5]) != stamp:
            return None
        key = found[5]
        return key if isinstance(key, str) else None

    def remember(self, settings: str, absolute: str, stamp: Stamp | None, key: str) -> None:
        """Record that the file at `absolute`, with `stamp`, hashed to `key` (for the
        index: see `stamped_key`); nothing for a file without a trusted stamp."""
        if stamp is None or not self.use_index:
            return
        record = [*stamp, key]
        self._stamps.setdefault(settings, {})[absolute] = record
        if not self._learned:
            by_path = self._stamps_read.get(settings)
            known = by_path.get(absolute) if isinstance(by_path, dict) else None
            self._learned = known != record

    def _entry(self, key: str) -> str:
        return os.path.join(self.entries, key[:2], key[2:] + ".json")

    def get(self, key: str, path: str, written: bool = False) -> Hit | Written | None:
        """The result kept under `key` for the file at `path`, or None (a miss);
        `written`: as `Written` where the entry keeps the text `--format json` writes."""
        data = self._from_index(key)
        strings = self._strings
        try:
            if data is None:
                strings = []  # an entry's own file has no string table
                with open(self._entry(key), encoding="utf-8") as handle:
                    data = json.load(handle)
                self._learned = self._learned or self.use_index
            found = _written(data, strings, self._text(key, data)) if written else None
            if found is not None:
                hit: Hit | Written = found
                references = data["references"]
            else:
                hit, references = _decode(data, path, strings)
        except (FileNotFoundError, NotADirectoryError):
            return None  # a miss (the folder may not exist, or be a file: see `put`)
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            self.broken += 1
            return None
        if self.use_index:
            self._served[key] = data
        if references:
            base = os.path.dirname(os.path.abspath(path))
            for target, existed in references.items():
                if os.path.exists(os.path.join(base, target)) != existed:
                    return None  # a linked file appeared or vanished: lint again
        return hit

    def put(
        self,
        key: str,
        report: FileReport,
        nlp: Mapping[str, Any] | None,
        written: str | None = None,
    ) -> None:
        """Keep `report` under `key`; `written`: its diagnostics as `--format json` writes
        them (`pmlint.formats.json_format.diagnostics_json`), served by `get(written=True)`."""
        if not self.writable or report.error is not None or report.internal_error:
            return
        payload = {
            "format": FORMAT,
            "diagnostics": [_encode(d) for d in report.diagnostics],
            "references": report.references,
            "nlp": dict(nlp) if nlp is not None else None,
        }
        if written is not None:
            payload["json"] = written
        try:
            if not os.path.isdir(self.directory):
                os.makedirs(self.directory, exist_ok=True)
                _mark(self.directory)
            write_atomically(self._entry(key), payload, compact=True)
        except OSError as exc:
            self.writable = False
            self.write_error = exc.strerror or type(exc).__name__
            return
        if self.use_index:
            self._served[key] = payload
            self._learned = True

    def _text(self, key: str, data: Any) -> Any:
        """The JSON text of the entry `data` under `key`: its own, or the index's (kept
        apart, in `TEXTS_NAME`, read on first use: only a JSON report needs them)."""
        text = data.get("json") if isinstance(data, dict) else None
        if text is not None or not self.use_index:
            return text
        return self._indexed_texts().get(key)

    def _indexed_texts(self) -> dict[str, Any]:
        if self._texts is None:
            self._texts = {}
            try:
                with open(os.path.join(self.entries, TEXTS_NAME), encoding="utf-8") as handle:
                    data = json.load(handle)
                if isinstance(data, dict) and data.get("format") == FORMAT:
                    texts = data.get("texts")
                    self._texts = texts if isinstance(texts, dict) else {}
            except (OSError, ValueError, RecursionError):
                pass
        return self._texts

    def _from_index(self, key: str) -> Any:
        """The index's entry for `key` (the index read on first use), or None."""
        if not self.use_index:
            return None
        if self._indexed is None:
            self._indexed = self._read_index()
        return self._indexed.get(key)

    def _read_index(self) -> dict[str, Any]:
        """The index's entries; empty when it is missing or damaged (it is a copy: the
        entries' own files still serve, and this run writes a new index)."""
        try:
            with open(os.path.join(self.entries, "index.json"), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError, RecursionError):
            return {}
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict) or data.get("format") != FORMAT:
            return {}
        strings = data.get("strings", [])
        if not isinstance(strings, list):
            return {}
        self._strings = strings
        stamps = data.get("stamps")
        self._stamps_read = stamps if isinstance(stamps, dict) else {}
        return entries  # each entry is checked as it is served (`_decode`)

    def save_index(self) -> None:
        """Write the index when this run served or wrote entries it lacks, or when it
        holds too many others: this run's entries, then the index's others up to a share of
        them (`OTHERS_SHARE`) and `MAX_INDEX_ENTRIES` in all. Never raises; trouble leaves
        the old index (or none)."""
        indexed = self._indexed or {}
        most = min(MAX_INDEX_ENTRIES, int(len(self._served) * (1 + OTHERS_SHARE)))
        if not (self.use_index and self.writable and self._served):
            return
        if not (self._learned or len(indexed) > most):
            return
        entries = dict(self._served)
        for key, entry in indexed.items():
            if len(entries) >= most:
                break
            entries.setdefault(key, entry)
        # This run's stamps whose entries are kept (the files of other runs hash again).
        stamps = {
            settings: {path: record for path, record in by_path.items() if record[5] in entries}
            for settings, by_path in self._stamps.items()
        }
        target = os.path.join(self.entries, "index.json")
        strings: list[str] = []
        table: dict[str, int] = {}
        tabled = {}
        for key, entry in entries.items():
            try:  # from `put`, or in the string table of the index read
                tabled[key] = _tabled(entry, self._strings, table, strings)
            except (TypeError, KeyError, IndexError, ValueError, AttributeError):
                continue  # damaged (one this run did not serve): left out
        stamps = {
            settings: {path: record for path, record in by_path.items() if record[5] in tabled}
            for settings, by_path in stamps.items()
        }
        # The JSON texts apart (`_text`): a run that writes text or SARIF does not read them.
        texts = {}
        for key, entry in tabled.items():
            text = entry.pop("json", None)
            if text is None:
                text = self._indexed_texts().get(key)
            if type(text) is str:
                texts[key] = text
        payload = {"format": FORMAT, "strings": strings, "entries": tabled, "stamps": stamps}
        with contextlib.suppress(OSError, ValueError):
            # The texts first: an entry's key names its findings, so a text under a key is
            # right whichever index is read with it.
            write_atomically(
                os.path.join(self.entries, TEXTS_NAME),
                {"format": FORMAT, "texts": texts},
                compact=True,
            )
            write_atomically(target, payload, compact=True)
        self._learned = False

    def notes(self) -> list[str]:
        """One-line messages for stderr about what went wrong with this cache."""
        found = []
        if self.broken:
            entries = "entry" if self.broken == 1 else "entries"
            found.append(
                f"ignored {self.broken} unreadable cache {entries} in {self.directory} "
                "(linted again)"
            )
        if self.write_error is not None:
            found.append(
                f"cannot write the result cache in {self.directory} ({self.write_error}); "
                "linting without it (see --no-cache, cache_dir)"
            )
        return found


def _mark(directory: str) -> None:
    """Keep the cache out of git and of backups, as pytest and ruff do with theirs."""
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)


def _encode(d: Diagnostic) -> list[Any]:
    span = d.span
    return [
        d.rule,
        d.name,
        d.category,
        int(d.severity),
        d.message,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        d.suggestion,
        d.fix.to_json() if d.fix is not None else None,
        [r.to_json() for r in d.related],
    ]


# A finding's fields that the index writes as numbers into its string table: rule, name,
# category, message and suggestion. The same suggestion comes back on every finding of its
# rule, the same name and category too: written once, the index of 1,000 documents was
# 40% smaller and a warm run parsed it in about half the time.
_TABLED = (0, 1, 2, 4, 9)


def _tabled(entry: Any, old: list[Any], table: dict[str, int], strings: list[str]) -> Any:
    """`entry` (as `put` makes it, or in the table `old` of the index read) with its
    findings' strings as numbers in `strings`."""
    rows = []
    for item in entry["diagnostics"]:
        row = list(item)
        for position in _TABLED:
            value = row[position]
            if type(value) is int:
                if value < 0:
                    raise IndexError("not in the string table")
                value = old[value]
            if type(value) is str:
                number = table.get(value)
                if number is None:
                    number = table[value] = len(strings)
                    strings.append(value)
                row[position] = number
        rows.append(row)
    return {**entry, "diagnostics": rows}


_SEVERITY = {int(severity): severity for severity in Severity}  # KeyError: not a severity


def _written(data: Any, strings: Sequence[Any], text: Any) -> Written | None:
    """An entry with `text`, the JSON text of its diagnostics, as `Written`; None where
    there is no text (an entry of a run that did not write one) or a finding is an internal
    error: decode it. The text is what pmlint wrote with the entry; the findings are checked
    as far as the counts need them, and built (and checked) only if something reads them."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a pmlint cache entry")
    if type(text) is not str:
        return None
    rows = data["diagnostics"]
    # Each finding's object starts a line of the same indentation, the line after "[" (a
    # nested object is indented further): a text that does not list as many objects as
    # the entry has findings is damaged.
    if rows:
        opening = text[1 : text.find("{") + 1]  # a newline, the indentation, "{"
        good = opening.startswith("\n") and opening.strip() == "{"
        found = text.count(opening) if good else -1
    else:
        found = 0 if text == "[]" else -1
    if found != len(rows) or not (text.startswith("[") and text.endswith("]")):
        raise ValueError("malformed json")
    counts = [0, 0, 0]
    for item in rows:
        rule, severity = item[0], item[3]
        if type(rule) is int:
            rule = strings[rule] if rule >= 0 else rule
        if rule == INTERNAL_ERROR:
            return None
        counts[_SEVERITY[severity] - 1] += 1  # KeyError: not a severity
    _references, nlp = _references_and_nlp(data)
    return Written(text, (counts[0], counts[1], counts[2]), nlp, data, strings)


def _references_and_nlp(data: dict) -> tuple[dict[str, bool], dict | None]:
    """An entry's references (path -> exists) and its NLP statistics, checked; ValueError
    when either is malformed."""
    references = data["references"]
    if not isinstance(references, dict) or not all(
        isinstance(k, str) and isinstance(v, bool) for k, v in references.items()
    ):
        raise ValueError("malformed references")
    nlp = data["nlp"]
    if nlp is not None and not isinstance(nlp, dict):
        raise ValueError("malformed nlp")
    return references, nlp


def _decode(data: Any, path: str = "", strings: Sequence[Any] = ()) -> tuple[Hit, dict[str, bool]]:
    """An entry read back, its diagnostics on `path` (numbers in place of its strings
    looked up in `strings`, the index's table); ValueError (or TypeError...) when it is
    not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a pmlint cache entry")
    diagnostics = []
    # The checks are written out, not as all() over generators: a warm run decodes every
    # finding of every file (a third of its time went here).
    for item in data["diagnostics"]:
        (rule, name, category, severity, message, line, column, end_line, end_column) = item[:9]
        hint, fix, related = item[9:]  # ValueError unless exactly 12 fields
        # A number outside the table fails below (IndexError; negative: not a string).
        if type(rule) is int:
            rule = strings[rule] if rule >= 0 else rule
        if type(name) is int:
            name = strings[name] if name >= 0 else name
        if type(category) is int:
            category = strings[category] if category >= 0 else category
        if type(message) is int:
            message = strings[message] if message >= 0 else message
        if type(hint) is int:
            hint = strings[hint] if hint >= 0 else hint
        if not (
            isinstance(rule, str)
            and isinstance(name, str)
            and isinstance(category, str)
            and isinstance(message, str)
            and isinstance(line, int)
            and isinstance(column, int)
            and isinstance(end_line, int)
            and isinstance(end_column, int)
        ):
            raise ValueError("malformed diagnostic")
        if hint is not None and not isinstance(hint, str):
            raise ValueError("malformed suggestion")
        span = Span(line, column, end_line, end_column)
        repair = Fix.from_json(fix) if fix is not None else None
        places = () if related == [] else tuple(Related.from_json(place) for place in related)
        diagnostics.append(
            Diagnostic(
                path, rule, name, category, _SEVERITY[severity], message, span, hint, repair, places
            )
        )
    references, nlp = _references_and_nlp(data)
    return Hit(diagnostics, nlp), references
