"""What every output format shares: the run's facts and how a finding reads on one line.

Formatters import this module and the model only, never the linter (see README, Layout).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.report import FileReport
from pmlint.rule import Rule


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a formatter may say about the run besides the findings."""

    files: int
    color: bool = False
    quiet: bool = False
    nlp: dict[str, object] | None = None
    rules: tuple[Rule, ...] = ()  # the rules that ran, sorted by id (SARIF, JUnit tables)
    fail_on: Severity = Severity.WARNING  # findings below it do not fail (JUnit verdicts)


Formatter = Callable[[Sequence[FileReport], RunInfo], str]


def describe(diagnostic: Diagnostic) -> str:
    """The message with its suggestion, for formats that show one line of text per finding."""
    if diagnostic.suggestion:
        return f"{diagnostic.message} {diagnostic.suggestion}"
    return diagnostic.message


def title(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.rule} {diagnostic.name}"


def source_root() -> str:
    """Where the CI formats' paths start: the repository root of the current folder, else it.

    GitHub annotations, code scanning and GitLab all expect paths from the repository root,
    also when pmlint runs in a subfolder. (Imported here: only these formats need it.)
    """
    from pmlint.fingerprints import repository_root

    return repository_root(os.getcwd()) or os.getcwd()


def root_relative(path: str, root: str) -> str | None:
    """`path` from `root`, '/'-separated; None for a path outside it or a name like <stdin>."""
    if path.startswith("<"):
        return None
    relative = os.path.relpath(os.path.abspath(path), root)
    return None if relative.startswith("..") else relative.replace(os.sep, "/")


def indented_json(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, in a fraction of
    the time.

    With `indent`, the json module encodes in pure Python, with a generator per list and
    dict: for the report of 1,000 documents that is most of a warm run's output time. This
    writes the same text with json's C string encoder; anything but JSON's own types (str,
    int, float, bool, None, list, tuple, dict with such keys) goes to `json.dumps` itself.
    """
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except _NotPlain:
        return json.dumps(value, indent=2, ensure_ascii=False, default=_plain)
    return "".join(out)


class Prerendered:
    """A value that writes its own JSON text for `indented_json` (`render`, given the
    newline and indentation it is written at), the text `json.dumps(plain(), indent=2)`
    would write there: a formatter's fast path for its most numerous values."""

    __slots__ = ()

    def plain(self) -> Any:
        """The value as JSON's own types."""
        raise NotImplementedError

    def render(self, newline: str) -> str:
        raise NotImplementedError


def _plain(value: Any) -> Any:
    if isinstance(value, Prerendered):
        return value.plain()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _NotPlain(Exception):
    """A value `indented_json` leaves to `json.dumps` (which then says what is wrong)."""


def _write(value: Any, out: list[str], newline: str) -> None:
    # The order of the tests is json's (`_make_iterencode`): bool before int, int before
    # float; str, int and float subclasses (enums) are written as their base type.
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "," + inner
        out.append("[" + inner)
        for index, item in enumerate(value):
            if index:
                out.append(separator)
            _write(item, out, inner)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "," + inner
        out.append("{" + inner)
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(separator)
            name = encode_basestring(key) if type(key) is str else _key(key)
            kind = type(item)  # the usual values written here, without a call
            if kind is str:
                out.append(name + ": " + encode_basestring(item))
            elif kind is int:
                out.append(name + ": " + int.__repr__(item))
            else:
                out.append(name + ": ")
                _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, Prerendered):
        out.append(value.render(newline))
    else:
        raise _NotPlain


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as json writes it (keys that are not strings become strings)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise _NotPlain
