"""A cache of compiled regular expressions between runs, as `__pycache__` is for modules.

pmlint's rules build a few hundred regular expressions, some from word lists of thousands
of forms; Python compiles each anew in every process (`re.compile` parses the pattern and
writes the matcher's code): a quarter of a second of every run that lints, a fifth of a
single-file lint. The matcher's code is a list of integers that depends on the pattern,
its flags and the interpreter only, so this keeps it in one file per interpreter and, for
a pattern compiled before, hands it straight to `_sre.compile`: the same `re.Pattern`,
without the parse.

`enable()` (pmlint as the program) then `install()` (a command that lints) wrap the regex
compiler of this process (CPython 3.10+; elsewhere they do nothing); `save()` writes the
patterns compiled since, when compiling them took long enough to matter. The file lives
in `$XDG_CACHE_HOME/pmlint` (else `~/.cache/pmlint`), or where `PMLINT_REGEX_CACHE`
names; `PMLINT_REGEX_CACHE=0` turns it off. A file that cannot be read or written is
ignored: patterns are then compiled as usual.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import json
import os
import re
import sys
import time
from array import array
from collections.abc import Callable
from typing import Any

from pmlint.jsonfile import write_atomically

_SRE: Any = importlib.import_module("_sre")  # the regex engine (no stubs for mypy)
ENV = "PMLINT_REGEX_CACHE"
MAX_ENTRIES = 2048  # beyond this, a save keeps only the patterns of the run that saves
# A run writes the file when the patterns it had to compile took longer than this: not
# for the few small ones that some modules build from sets, whose order (and so whose
# source) changes from run to run with the hash seed.
MIN_SAVING_S = 0.005
_FORMAT = 2  # 2: JSON (1 was marshal)

# (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup)
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str | bytes, int]
_table: dict[_Key, _Entry] = {}
# The file's rows, decoded only when their pattern is compiled: a warm run compiles a few
# dozen of the file's thousand-odd patterns, and decoding them all took 30 ms.
_stored: dict[_Key, list[Any]] = {}
_used: set[tuple[str | bytes, int]] = set()
_added = 0.0  # seconds spent compiling patterns the table did not hold
_path: str | None = None
_compiler: Any = None  # re._compiler (sre_compile before Python 3.11)
_parser: Any = None  # re._parser (sre_parse)
_original: Callable[..., Any] | None = None
_enabled = False


def cache_path(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """This interpreter's cache file, or None where the cache is off."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENV, "")
    if chosen == "0":
        return None
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return os.path.join(base, "pmlint", f"regex-{_stamp()}.json")


def _stamp() -> str:
    return f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_SRE.MAGIC}-{_SRE.CODESIZE}"


def _find_compiler() -> tuple[Any, Any] | None:
    """The module whose `compile` `re` calls and its parser, if they have the parts this
    relies on."""
    if sys.implementation.name != "cpython":
        return None
    module = getattr(re, "_compiler", None)
    parser = getattr(re, "_parser", None)
    if module is None or parser is None:  # Python 3.10
        import sre_compile
        import sre_parse

        module, parser = sre_compile, sre_parse
    if not (hasattr(module, "compile") and hasattr(module, "_code") and hasattr(parser, "parse")):
        return None
    return module, parser


def enable() -> None:
    """Let `install` work in this process (pmlint as the program: `_Main.main`); a caller
    that embeds pmlint, or a test session, keeps its `re` as it is."""
    global _enabled
    _enabled = True


def install() -> None:
    """Serve compiled patterns from the cache file in this process (once, where `enable`
    was called; a no-op where the cache is off or the interpreter is not one this knows).
    A command that lints calls it first: one that does not (`--version`, `rules`) reads
    no file."""
    global _path, _compiler, _parser, _original
    if _original is not None or not _enabled:
        return
    path = cache_path()
    found = _find_compiler()
    if path is None or found is None:
        return
    _compiler, _parser = found
    _path, _original = path, _compiler.compile
    _stored.update(_read(path))
    _compiler.compile = _compile


def installed() -> bool:
    return _original is not None


def uninstall() -> None:
    """Put the interpreter's compiler back (tests)."""
    global _original, _added
    if _original is not None:
        _compiler.compile = _original
        _original = None
    _table.clear()
    _stored.clear()
    _used.clear()
    _added = 0.0


def _read(path: str) -> dict[_Key, list[Any]]:
    """The file's rows by pattern, not yet decoded (`_decode`); empty when the file is
    missing, damaged or from another interpreter. JSON, like the result cache: nothing in
    it is ever run or unpickled."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("stamp") != _stamp():
        return {}
    rows: dict[_Key, list[Any]] = {}
    try:
        for row in data["patterns"]:
            if not isinstance(row, list) or len(row) != 8 or type(row[2]) is not int:
                return {}
            pattern, is_bytes, flags = row[0], row[1], row[2]
            rows[(pattern.encode("latin-1") if is_bytes else pattern, flags)] = row
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return {}
    return rows


def _decode(row: list[Any]) -> _Entry:
    """A row of the file as a table entry; ValueError (or TypeError...) if it is not one."""
    _pattern, _is_bytes, _flags, code_flags, code, groups, groupindex, indexgroup = row
    return (
        int(code_flags),
        base64.b64decode(code),
        int(groups),
        {str(k): int(v) for k, v in groupindex.items()},
        tuple(indexgroup),
    )


def _rows(table: dict[_Key, _Entry], stored: dict[_Key, list[Any]]) -> list[list[Any]]:
    """The file's rows: the entries of `table`, then the rows of `stored` it does not hold."""
    rows = []
    for (pattern, flags), (code_flags, code, groups, groupindex, indexgroup) in table.items():
        is_bytes = isinstance(pattern, bytes)
        text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
        encoded = base64.b64encode(code).decode("ascii")
        rows.append([text, is_bytes, flags, code_flags, encoded, groups, groupindex, indexgroup])
    rows.extend(row for key, row in stored.items() if key not in table)
    return rows


def _compile(pattern: Any, flags: int = 0) -> Any:
    """`re._compiler.compile`, served from the table where it holds the pattern."""
    global _added
    assert _original is not None
    kind = type(pattern)
    if (kind is not str and kind is not bytes) or type(flags) is not int or flags & re.DEBUG:
        return _original(pattern, flags)
    key = (pattern, flags)
    entry = _table.get(key)
    if entry is None and key in _stored:
        try:
            entry = _table[key] = _decode(_stored.pop(key))
        except Exception:  # a damaged row: compile the pattern as usual
            entry = None
    if entry is not None:
        try:
            made = _build(pattern, entry)
        except Exception:  # a damaged entry: compile it as usual, and forget the entry
            del _table[key]
        else:
            _used.add(key)
            return made
    started = time.perf_counter()
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (
        flags | parsed.state.flags,
        array(_code_type(), code).tobytes(),
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )
    made = _SRE.compile(pattern, entry[0], code, entry[2], groupindex, entry[4])
    _table[key] = entry
    _used.add(key)
    _added += time.perf_counter() - started
    return made


def _code_type() -> str:
    return "I" if _SRE.CODESIZE == 4 else "H"


def _build(pattern: str | bytes, entry: _Entry) -> Any:
    flags, raw, groups, groupindex, indexgroup = entry
    code = array(_code_type())
    code.frombytes(raw)
    return _SRE.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)


def save() -> None:
    """Write the patterns compiled in this process since it started (or last saved),
    merged with those of the file, where compiling them took long enough to be worth it
    (`MIN_SAVING_S`). Never raises."""
    global _added
    if _original is None or _path is None or _added < MIN_SAVING_S:
        return
    stored = {**_read(_path), **_stored}
    rows = _rows(_table, stored)
    if len(rows) > MAX_ENTRIES:
        rows = _rows({key: _table[key] for key in _used if key in _table}, {})
    with contextlib.suppress(OSError, ValueError):
        write_atomically(_path, {"format": _FORMAT, "stamp": _stamp(), "patterns": rows})
    _added = 0.0
