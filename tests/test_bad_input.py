"""Bad input never crashes pmlint: each problem is one line on stderr, other files still linted.

Every case runs through the CLI with a known-good postmortem next to the bad input, and checks
that the good file's finding is still in the JSON report.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import time
import types
from pathlib import Path

import pytest
from click.testing import Result

from pmlint import nlp as nlp_module
from pmlint.reading import DEFAULT_MAX_BYTES

# GOOD: a complete postmortem whose only finding is PM003 on the TODO at line 5, column 45.
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import check_json, invoke

GOOD_TODO = (5, 45)


def check(*args: str) -> Result:
    return invoke("check", *args)


def assert_no_crash(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def one_line_about(result: Result, name: str) -> str:
    """The single stderr line that names `name`."""
    lines = [line for line in stderr_lines(result) if name in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmlint: ")
    return lines[0]


def diagnostics(payload: dict, path: str) -> list[dict]:
    for entry in payload["files"]:
        if entry["path"] == path:
            return entry["diagnostics"]
    raise AssertionError(f"{path} not linted: {[f['path'] for f in payload['files']]}")


def assert_good_linted(payload: dict, path: str = "good.md") -> None:
    found = [(d["rule"], d["line"], d["column"]) for d in diagnostics(payload, path)]
    assert found == [("PM003", *GOOD_TODO)]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder as the working directory, with its own (default) config and good.md."""
    (tmp_path / ".pmlint.yaml").write_text("extends: core\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_binary_file_is_refused(work: Path) -> None:
    (work / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result, payload = check_json("good.md", "image.md")
    assert result.exit_code == 2
    assert "binary" in one_line_about(result, "image.md")
    assert_good_linted(payload)
    assert [e["path"] for e in payload["errors"]] == ["image.md"]


def test_invalid_utf8_is_linted_with_replacement(work: Path) -> None:
    text = GOOD.replace("About 12% of orders", "Caf\udce9 orders: 12%")
    data = text.encode("utf-8", errors="surrogateescape")  # a lone 0xE9 byte, as cp1252 saves é
    (work / "latin1.md").write_bytes(data)
    result, payload = check_json("good.md", "latin1.md")
    assert result.exit_code == 1  # warnings only: exit by findings, not 2
    assert stderr_lines(result) == []
    found = diagnostics(payload, "latin1.md")
    pm904 = [d for d in found if d["rule"] == "PM904"]
    assert len(pm904) == 1
    assert (pm904[0]["line"], pm904[0]["column"]) == (9, 4)
    assert pm904[0]["severity"] == "warning"
    assert ("PM003", *GOOD_TODO) in [(d["rule"], d["line"], d["column"]) for d in found]
    assert_good_linted(payload)


def test_utf8_bom_is_invisible(work: Path) -> None:
    text = "TODO: " + GOOD
    (work / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (work / "nobom.md").write_text(text, encoding="utf-8")
    result, payload = check_json("good.md", "bom.md", "nobom.md")
    assert result.exit_code == 1
    assert stderr_lines(result) == []
    with_bom = diagnostics(payload, "bom.md")
    assert not [d for d in with_bom if d["rule"] == "PM904" or "BOM" in d["message"]]
    first = [d for d in with_bom if d["line"] == 1 and d["rule"] == "PM003"]
    assert [(d["column"], d["end_column"]) for d in first] == [(1, 5)]
    assert with_bom == diagnostics(payload, "nobom.md")
    assert_good_linted(payload)


def test_crlf_positions_match_lf(work: Path) -> None:
    text = GOOD + "\nSee ![graph](graphs/missing.png) for the error rate.\n"
    (work / "lf.md").write_bytes(text.encode("utf-8"))
    (work / "crlf.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result, payload = check_json("good.md", "lf.md", "crlf.md")
    assert result.exit_code == 1
    lf, crlf = diagnostics(payload, "lf.md"), diagnostics(payload, "crlf.md")
    assert {d["rule"] for d in lf} == {"PM003", "PM502"}
    assert crlf == lf
    assert_good_linted(payload)


def test_empty_file(work: Path) -> None:
    (work / "empty.md").write_bytes(b"")
    result, payload = check_json("good.md", "empty.md")
    assert result.exit_code == 1  # PM001: every required section is missing
    assert stderr_lines(result) == []
    found = diagnostics(payload, "empty.md")
    assert found and {d["rule"] for d in found} == {"PM001", "PM404"}  # no sections, no items
    assert all((d["line"], d["column"]) == (1, 1) for d in found)
    assert_good_linted(payload)


def test_five_megabyte_file_is_linted(work: Path) -> None:
    assert DEFAULT_MAX_BYTES >= 5_000_000  # the default limit admits a 5,000,000-byte file
    paragraph = (
        "The checkout service returned errors while the pool was exhausted and retries "
        "piled up behind it.\n\n"
    )
    head = GOOD.encode("utf-8")
    tail = b"Last paragraph. FIXME\n"
    filler = 5_000_000 - len(head) - len(tail)
    body = (paragraph * (filler // len(paragraph) + 1)).encode("ascii")[:filler]
    body = body[: body.rfind(b"\n\n") + 2]
    body += b"x" * (filler - len(body) - 2) + b"\n\n"
    data = head + body + tail
    assert len(data) == 5_000_000
    (work / "big.md").write_bytes(data)
    last_line = data.count(b"\n")
    started = time.process_time()  # CPU, not wall: the bound must hold on a busy machine
    result, payload = check_json("good.md", "big.md")
    elapsed = time.process_time() - started
    assert elapsed < 30, f"a 5 MB file took {elapsed:.1f}s of CPU"
    assert result.exit_code == 1
    assert stderr_lines(result) == []
    found = [(d["rule"], d["line"]) for d in diagnostics(payload, "big.md")]
    assert ("PM003", GOOD_TODO[0]) in found
    assert ("PM003", last_line) in found  # the whole file was read, not a prefix
    assert_good_linted(payload)


def test_file_over_default_limit_is_refused(work: Path) -> None:
    with open(work / "huge.md", "wb") as handle:  # sparse: cheap however large
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    result, payload = check_json("good.md", "huge.md")
    assert result.exit_code == 2
    line = one_line_about(result, "huge.md")
    assert "max_file_size" in line
    assert f"{DEFAULT_MAX_BYTES:,}" in line
    assert_good_linted(payload)


def test_file_over_configured_limit_is_refused(work: Path) -> None:
    (work / "small").mkdir()
    (work / "small" / ".pmlint.yaml").write_text("max_file_size: 200\n", encoding="utf-8")
    (work / "small" / "long.md").write_text(GOOD, encoding="utf-8")
    result, payload = check_json("good.md", "small/long.md")
    assert result.exit_code == 2
    line = one_line_about(result, "long.md")
    assert "max_file_size" in line and "limit of 200 " in line
    assert_good_linted(payload)


def test_deep_nesting_finishes(work: Path) -> None:
    # 10,000 levels each of blockquotes, bullets, ordered items and both mixed, on a few
    # lines; then 10,000 lines whose nesting rises and falls. About 1.6 MB.
    parts = [
        "# Deep\n\nTODO before the nesting.\n\n",
        ">" * 10_000 + " quote\n\n",
        "- " * 10_000 + "item\n\n",
        "1. " * 10_000 + "item\n\n",
        "> - " * 10_000 + "mixed\n\n",
        "[" * 10_000 + "link" + "](x)" * 10_000 + "\n\n",
    ]
    parts += [(">" if i % 2 else "- ") * (i % 200 + 1) + "x\n" for i in range(10_000)]
    (work / "deep.md").write_text("".join(parts), encoding="utf-8")
    started = time.monotonic()
    result, payload = check_json("good.md", "deep.md")
    assert time.monotonic() - started < 30
    assert "RecursionError" not in result.output
    assert result.exit_code == 1
    assert stderr_lines(result) == []
    found = [(d["rule"], d["line"]) for d in diagnostics(payload, "deep.md")]
    assert ("PM003", 3) in found
    assert_good_linted(payload)


def test_nested_list_does_not_hide_the_rest(work: Path) -> None:
    nested = "".join("  " * depth + f"- step {depth}\n" for depth in range(12))
    (work / "steps.md").write_text(GOOD.replace("## Impact", nested + "\n## Impact"))
    result, payload = check_json("good.md", "steps.md")
    assert result.exit_code == 1
    rules = [d["rule"] for d in diagnostics(payload, "steps.md")]
    assert rules == ["PM003"]  # Impact and every later section are still seen
    assert_good_linted(payload)


def test_deeply_nested_front_matter(work: Path) -> None:
    deep = "[" * 5_000 + "]" * 5_000
    (work / "yaml.md").write_text(f"---\ntags: {deep}\n---\n" + GOOD, encoding="utf-8")
    (work / "toml.md").write_text(f"+++\ntags = {deep}\n+++\n" + GOOD, encoding="utf-8")
    result, payload = check_json("good.md", "yaml.md", "toml.md")
    assert result.exit_code == 1
    for name in ("yaml.md", "toml.md"):
        pm901 = [d for d in diagnostics(payload, name) if d["rule"] == "PM901"]
        assert len(pm901) == 1 and "nested too deeply" in pm901[0]["message"]
    assert_good_linted(payload)


def test_malformed_front_matter(work: Path) -> None:
    front = "---\ntitle: Checkout outage\n  date: 2024-03-11\nstatus: final\n---\n"
    (work / "meta.md").write_text(front + GOOD, encoding="utf-8")
    result, payload = check_json("good.md", "meta.md")
    assert result.exit_code == 1  # PM901 is an error finding, not an unlintable file
    assert stderr_lines(result) == []
    found = diagnostics(payload, "meta.md")
    pm901 = [d for d in found if d["rule"] == "PM901"]
    assert len(pm901) == 1
    assert pm901[0]["line"] == 3
    assert pm901[0]["severity"] == "error"
    assert "YAML" in pm901[0]["message"]
    # The rest of the document is still linted, at lines shifted by the front matter.
    assert ("PM003", GOOD_TODO[0] + 5) in [(d["rule"], d["line"]) for d in found]
    assert_good_linted(payload)


@pytest.mark.parametrize(
    ("config", "where", "words"),
    [
        ("rules:\n  PM003: [error\n", ":3:", ["invalid YAML"]),
        (
            "rules:\n  PM003:\n    severity: error\n    options:\n      bogus: 1\n",
            ":5:",
            ["rules.PM003.options.bogus", "unknown option"],
        ),
        ("extends: core\nrulez:\n  PM003: off\n", ":2:", ["rulez", "unknown key"]),
    ],
    ids=["invalid-yaml", "unknown-option", "unknown-key"],
)
def test_malformed_config(work: Path, config: str, where: str, words: list[str]) -> None:
    (work / "broken").mkdir()
    (work / "broken" / ".pmlint.yaml").write_text(config, encoding="utf-8")
    (work / "broken" / "pm.md").write_text(GOOD, encoding="utf-8")
    (work / "fine").mkdir()
    (work / "fine" / ".pmlint.yaml").write_text("rules:\n  PM003: error\n", encoding="utf-8")
    (work / "fine" / "pm.md").write_text(GOOD, encoding="utf-8")
    result, payload = check_json("good.md", "broken/pm.md", "fine/pm.md")
    assert result.exit_code == 2
    line = one_line_about(result, "broken/pm.md")
    config_path = os.path.join(str(work), "broken", ".pmlint.yaml")
    assert f"{config_path}{where}" in line
    for word in words:
        assert word in line
    assert_good_linted(payload)
    governed = diagnostics(payload, "fine/pm.md")
    assert [(d["rule"], d["severity"]) for d in governed] == [("PM003", "error")]


def test_malformed_config_while_walking_a_folder(work: Path) -> None:
    (work / "broken").mkdir()
    (work / "broken" / ".pmlint.yaml").write_text("include: {oops\n", encoding="utf-8")
    (work / "broken" / "pm.md").write_text(GOOD, encoding="utf-8")
    result, payload = check_json("good.md", "broken")
    assert result.exit_code == 2
    assert ".pmlint.yaml:" in one_line_about(result, "invalid YAML")
    assert_good_linted(payload)


def test_folder_without_markdown(work: Path) -> None:
    (work / "notes").mkdir()
    (work / "notes" / "readme.txt").write_text("Not Markdown.\n", encoding="utf-8")
    (work / "notes" / "graph.png").write_bytes(b"\x89PNG\r\n")
    result = check("notes")
    assert_no_crash(result)
    assert result.exit_code == 0
    line = one_line_about(result, "notes")
    assert "no Markdown files" in line
    assert len(stderr_lines(result)) == 1


def test_model_that_fails_without_a_message(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipeline package whose load() raises an exception with an empty message (here
    OSError()): one line naming the file and the model, exit 2, the other files linted."""
    model = types.ModuleType("pmlint_test_broken_model")
    model.__spec__ = importlib.machinery.ModuleSpec(model.__name__, None)

    def load() -> None:
        raise OSError

    model.load = load  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, model.__name__, model)
    # pmlint imports only installed pipeline packages: take this one for one
    monkeypatch.setattr(nlp_module, "_installed_package", lambda name: "")
    (work / "broken").mkdir()
    (work / "broken" / ".pmlint.yaml").write_text(
        f"nlp:\n  model: {model.__name__}\n", encoding="utf-8"
    )
    (work / "broken" / "pm.md").write_text(GOOD, encoding="utf-8")
    result, payload = check_json("--jobs", "1", "--no-cache", "good.md", "broken/pm.md")
    assert result.exit_code == 2
    line = one_line_about(result, "broken/pm.md")
    assert f"cannot load spaCy model '{model.__name__}'" in line, line
    assert_good_linted(payload)


def test_missing_path(work: Path) -> None:
    result, payload = check_json("good.md", "no-such-postmortem.md")
    assert result.exit_code == 2
    assert "no such file" in one_line_about(result, "no-such-postmortem.md")
    assert_good_linted(payload)


def test_unreadable_file(work: Path) -> None:
    locked = work / "locked.md"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        try:
            with open(locked, "rb"):
                readable = True
        except PermissionError:
            readable = False
        if readable:
            pytest.skip("running as root (or a similar capability): chmod 000 is still readable")
        result, payload = check_json("good.md", "locked.md")
        assert result.exit_code == 2
        assert "permission denied" in one_line_about(result, "locked.md")
        assert_good_linted(payload)
    finally:
        locked.chmod(0o644)


def test_symlink_loops_inside_a_scanned_folder(work: Path) -> None:
    folder = work / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "pm.md").write_text(GOOD, encoding="utf-8")
    try:
        (folder / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
        (folder / "a.md").symlink_to("b.md")  # a file loop
        (folder / "b.md").symlink_to("a.md")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")
    started = time.monotonic()
    result, payload = check_json("good.md", "docs")
    assert time.monotonic() - started < 20
    # The looping links cannot be linted (exit 2, one line each); the real file is linted once.
    assert result.exit_code == 2
    assert "symbolic links" in one_line_about(result, os.path.join("docs", "a.md"))
    assert "symbolic links" in one_line_about(result, os.path.join("docs", "b.md"))
    assert_good_linted(payload)
    assert [f["path"] for f in payload["files"]].count(os.path.join("docs", "pm.md")) == 1
    assert_good_linted(payload, os.path.join("docs", "pm.md"))
