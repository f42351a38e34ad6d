"""The YAML memo: a rule pack's file served from the memo is the file as parsed."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmlint import regexcache, yamlmemo
from pmlint.packs import bundled_rules_dir, load_pack
from pmlint.yamlfile import YamlError, load_yaml, read_yaml

SRC = str(Path(__file__).resolve().parents[1] / "src")

SAMPLE = """\
rules:
  PM999:
    name: sample-rule
    words: [alpha, beta]
    weight: 1.5
    enabled: true
    nothing: null
nested:
  - a: 1
  - b: [x, y]
"""


@pytest.fixture
def memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The regex cache installed in tmp_path (the memo lives beside it)."""
    monkeypatch.setenv(regexcache.ENV, str(tmp_path / "regex.json"))
    monkeypatch.setattr(regexcache, "_enabled", True)
    regexcache.install()
    yield tmp_path / yamlmemo.NAME
    regexcache.uninstall()
    yamlmemo._load()  # off again: the regex cache is not installed


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_file_served_from_the_memo_is_the_file_as_parsed(memo: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "sample.yaml", SAMPLE)
    parsed = read_yaml(path)
    yamlmemo.save()
    assert memo.is_file()
    yamlmemo._stored.clear()
    yamlmemo._path = None  # as a new process: read the file again
    served = read_yaml(path)
    assert yamlmemo.key(SAMPLE) in yamlmemo._used
    expected = load_yaml(SAMPLE, path)
    assert (served.data, served.key_lines) == (expected.data, expected.key_lines)
    assert (parsed.data, parsed.key_lines) == (expected.data, expected.key_lines)
    served.data["rules"]["PM999"]["words"].append("changed")  # a caller's copy only
    assert read_yaml(path).data == expected.data


def test_values_json_would_change_are_parsed_every_time(memo: Path, tmp_path: Path) -> None:
    for text in ("when: 2024-05-14\n", "1: one\n", "a: !!set {x, y}\n", "n: .nan\n"):
        read_yaml(write(tmp_path, "odd.yaml", text))
        assert yamlmemo.key(text) not in yamlmemo._stored, text
    read_yaml(write(tmp_path, "plain.yaml", "a: [1, 2.5, true, null]\n"))
    assert yamlmemo.key("a: [1, 2.5, true, null]\n") in yamlmemo._stored


def test_an_error_is_reported_and_never_kept(memo: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "a: [unclosed\n")
    for _ in range(2):
        with pytest.raises(YamlError, match=r"bad\.yaml:2: invalid YAML"):
            read_yaml(path)
    assert not yamlmemo._stored


def test_a_damaged_or_stale_memo_is_ignored(
    memo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "sample.yaml", SAMPLE)
    digest = yamlmemo.key(SAMPLE)
    wrong = json.dumps([{"rules": "not these"}, []])
    for content in (
        "{not json",
        json.dumps({"format": yamlmemo.FORMAT, "stamp": "another yaml", "texts": {digest: wrong}}),
        json.dumps({"format": yamlmemo.FORMAT, "stamp": yamlmemo._stamp(), "texts": {digest: 3}}),
    ):
        memo.write_text(content, encoding="utf-8")
        yamlmemo._path = None
        assert read_yaml(path).data == load_yaml(SAMPLE, path).data


def test_off_without_the_regex_cache(tmp_path: Path) -> None:
    regexcache.uninstall()
    path = write(tmp_path, "sample.yaml", SAMPLE)
    read_yaml(path)
    yamlmemo.save()
    assert not yamlmemo._stored and yamlmemo._path is None
    assert not list(tmp_path.glob("*.json"))


def test_the_core_pack_loads_the_same_from_the_memo(memo: Path) -> None:
    first = load_pack("core")
    yamlmemo.save()
    yamlmemo._path = None
    assert load_pack("core") == first
    lexicon = bundled_rules_dir() / "core" / "lexicons" / "language.yaml"
    assert yamlmemo.key(lexicon.read_text(encoding="utf-8")) in yamlmemo._used


LOAD_CORE = """\
import sys
from pmlint import regexcache, yamlmemo
regexcache.enable()
regexcache.install()
from pmlint.packs import load_pack
load_pack("core")
yamlmemo.save()
print("yaml" in sys.modules)
"""


def test_packs_served_from_the_memo_do_not_import_pyyaml(tmp_path: Path) -> None:
    """A warm run never parses YAML: importing PyYAML (about 5 ms) is left to a parse."""
    env = {**os.environ, regexcache.ENV: str(tmp_path / "regex.json")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SRC, env.get("PYTHONPATH")]))
    runs = [
        subprocess.run(
            [sys.executable, "-c", LOAD_CORE], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs == [["True"], ["False"]]  # parsed and kept, then served from the memo


def test_the_stamp_follows_pyyaml_without_importing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "yaml"
    package.mkdir()
    init = package / "__init__.py"
    init.write_text("__version__ = '6.0.1'\n", encoding="utf-8")
    spec = importlib.machinery.ModuleSpec("yaml", None, origin=str(init))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    first = yamlmemo._stamp()
    init.write_text("__version__ = '6.0.10'\n", encoding="utf-8")
    second = yamlmemo._stamp()
    (package / "_yaml.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    third = yamlmemo._stamp()
    assert len({first, second, third}) == 3
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert yamlmemo._stamp() == "?"
