"""The regex cache: a pattern served from the file is the pattern `re` compiles."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmlint import regexcache

PATTERNS = [
    (r"(?<![\w@-])(?:fail(?:ed|s|ure)?|forgot)(?![\w-])", re.IGNORECASE),
    (r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<zone>UTC|Z))?", 0),
    (r"^\s*[-*]\s+(?P<item>.+)$", re.MULTILINE),
    (r"(a)(b)?(?P<c>c)\1", 0),
    (rb"[\x80-\xff]+", 0),
    (r"(?i:déjà\s+vu)|ſ", 0),
]
TEXTS = ["It failed at 10:42 UTC", "  - fix it\n* and this", "abca ac", "Déjà  vu", "st"]


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "regex.json"
    monkeypatch.setenv(regexcache.ENV, str(path))
    monkeypatch.setattr(regexcache, "MIN_SAVING_S", 0.0)
    monkeypatch.setattr(regexcache, "_enabled", True)
    yield path
    regexcache.uninstall()
    re.purge()


def compile_all() -> list[re.Pattern]:
    re.purge()  # past `re`'s own cache, to the compiler
    return [re.compile(source, flags) for source, flags in PATTERNS]


def same(one: re.Pattern, other: re.Pattern) -> None:
    assert (one.pattern, one.flags, one.groups, one.groupindex) == (
        other.pattern,
        other.flags,
        other.groups,
        other.groupindex,
    )
    for text in TEXTS:
        subject = text.encode() if isinstance(one.pattern, bytes) else text
        assert [m.span() for m in one.finditer(subject)] == [
            m.span() for m in other.finditer(subject)
        ]
        found, expected = one.search(subject), other.search(subject)
        assert (found and found.groups()) == (expected and expected.groups())


def test_patterns_served_from_the_file_match_as_compiled(cache_file: Path) -> None:
    expected = compile_all()
    regexcache.install()
    compile_all()
    regexcache.save()
    assert cache_file.is_file()
    regexcache.uninstall()

    regexcache.install()
    assert len(regexcache._stored) >= len(PATTERNS)  # read, decoded when compiled
    served = compile_all()
    assert regexcache._added == 0.0  # nothing compiled anew
    for one, other in zip(served, expected, strict=True):
        same(one, other)


def test_a_damaged_file_or_entry_is_compiled_as_usual(cache_file: Path) -> None:
    cache_file.write_bytes(b"not json data")
    regexcache.install()
    for one, other in zip(compile_all(), compile_all(), strict=True):
        same(one, other)
    key = (PATTERNS[1][0], PATTERNS[1][1])
    flags, _, groups, index, names = regexcache._table[key]
    regexcache._table[key] = (flags, b"\x01\x02", groups, index, names)
    re.purge()
    same(re.compile(*PATTERNS[1]), compile_all()[1])


def test_off_with_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regexcache.ENV, "0")
    monkeypatch.setattr(regexcache, "_enabled", True)
    regexcache.install()
    assert not regexcache.installed()
    regexcache.save()  # nothing to do


def test_not_installed_unless_enabled(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pmlint as a library (tests, an embedding program) leaves `re` alone."""
    monkeypatch.setattr(regexcache, "_enabled", False)
    regexcache.install()
    assert not regexcache.installed()


def test_a_damaged_row_is_compiled_as_usual(cache_file: Path) -> None:
    regexcache.install()
    compile_all()
    regexcache.save()
    regexcache.uninstall()
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    for row in data["patterns"]:
        row[4] = "not base64!"  # the matcher's code
    cache_file.write_text(json.dumps(data), encoding="utf-8")

    regexcache.install()
    served = compile_all()
    assert regexcache._added > 0.0  # compiled anew
    regexcache.uninstall()
    for one, other in zip(served, compile_all(), strict=True):
        same(one, other)


def test_a_save_keeps_the_rows_this_run_did_not_use(cache_file: Path) -> None:
    regexcache.install()
    compile_all()
    regexcache.save()
    regexcache.uninstall()

    regexcache.install()
    re.purge()
    re.compile(*PATTERNS[0])  # one row decoded, the others still as read
    re.compile(r"new (pattern)", 0)
    regexcache.save()
    regexcache.uninstall()
    saved = json.loads(cache_file.read_text(encoding="utf-8"))["patterns"]
    assert {(row[0], row[2]) for row in saved} >= {
        (p.decode("latin-1") if isinstance(p, bytes) else p, f) for p, f in PATTERNS
    } | {("new (pattern)", 0)}
