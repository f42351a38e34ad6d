"""The rule packs' YAML, parsed, kept between runs of the program (beside the regex cache).

Every run that lints reads the bundled packs: 45 YAML files, lexicons of thousands of
words among them. Even with libyaml, building the node tree, the Python values and the
line of every key took about 0.025 s of CPU per run, a tenth of a warm run's. What
`load_yaml` makes of a text depends only on the text, PyYAML and `pmlint.yamlfile`, so
the program keeps the result under the text's SHA-256 in `yaml.json` beside its regex
cache (`pmlint.regexcache`), under a stamp of PyYAML's version and of that module (its
size and modification time, as Python's bytecode cache stamps a module). A text whose
values JSON cannot give back unchanged (dates, sets, keys that are not strings) is
parsed every time; a text that does not parse is never kept, so its error is reported as
before. The file is JSON, like the result cache: nothing in it is ever run or unpickled.
A file that cannot be read or written is ignored. Where the regex cache is not installed
(tests, an embedding program), nothing is read or written.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from typing import Any

from pmlint.jsonfile import write_atomically

FORMAT = 1
NAME = "yaml.json"
MAX_ENTRIES = 500  # beyond this, a save keeps only the texts this process read

_path: str | None = None  # the memo's file (None: off)
_stored: dict[str, str] = {}  # SHA-256 of a text -> its parse as JSON text
_used: set[str] = set()
_changed = False


def key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def get(digest: str) -> tuple[Any, dict[tuple[str, ...], int]] | None:
    """(data, key lines) of the text with this digest, as new objects on every call (a
    caller may change them); None when the memo lacks it or is off."""
    _load()
    found = _stored.get(digest)
    if found is None:
        return None
    try:
        data, lines = json.loads(found)
        key_lines = {tuple(row[:-1]): row[-1] for row in lines}
    except (ValueError, TypeError, IndexError, KeyError):
        del _stored[digest]
        return None
    _used.add(digest)
    return data, key_lines


def put(digest: str, data: Any, key_lines: dict[tuple[str, ...], int]) -> None:
    """Keep a parse, where JSON writes `data` back as an equal value of the same types."""
    global _changed
    _load()
    if _path is None or not _plain(data):
        return
    try:
        text = json.dumps([data, [[*path, line] for path, line in key_lines.items()]])
    except (TypeError, ValueError):
        return
    _stored[digest] = text
    _used.add(digest)
    _changed = True


def save() -> None:
    """Write the parses learned in this process (never raises)."""
    global _changed
    if _path is None or not _changed:
        return
    entries = _stored
    if len(entries) > MAX_ENTRIES:
        entries = {k: v for k, v in _stored.items() if k in _used}
    with contextlib.suppress(OSError, ValueError):
        write_atomically(_path, {"format": FORMAT, "stamp": _stamp(), "texts": entries})
        _changed = False


def _load() -> None:
    """Read the memo of the regex cache's folder, once per folder; none (the memo off)
    while the regex cache is not installed."""
    global _path, _changed
    from pmlint import regexcache

    found = regexcache.cache_path() if regexcache.installed() else None
    path = None if found is None else os.path.join(os.path.dirname(found), NAME)
    if path == _path:
        return
    _path, _changed = path, False
    _stored.clear()
    _used.clear()
    if path is None:
        return
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") != FORMAT or data.get("stamp") != _stamp():
            return
        texts = data["texts"]
        if isinstance(texts, dict) and all(isinstance(v, str) for v in texts.values()):
            _stored.update(texts)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return  # missing, damaged or another version's: the packs are parsed again


def _stamp() -> str:
    """PyYAML's package (its `__init__.py`, which carries the version, and whether libyaml's
    extension is beside it) and `pmlint.yamlfile`, found without importing PyYAML: a run
    whose packs are all in the memo never needs it (about 5 ms of a warm run's imports)."""
    try:
        spec = importlib.util.find_spec("yaml")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "?"
        package = os.stat(origin)
        fast = any(name.startswith("_yaml.") for name in os.listdir(os.path.dirname(origin)))
        found = os.stat(os.path.join(os.path.dirname(os.path.abspath(__file__)), "yamlfile.py"))
    except (OSError, ImportError, ValueError):
        return "?"
    return f"{package.st_size}\0{package.st_mtime_ns}\0{fast}\0{found.st_size}\0{found.st_mtime_ns}"


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> bool:
    """JSON gives `value` back equal and of the same types (no float that is not finite:
    JSON would give back the same, but not an equal NaN)."""
    kind = type(value)
    if kind is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if kind in _SCALARS:
        return True
    if kind is list:
        return all(_plain(v) for v in value)
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False
