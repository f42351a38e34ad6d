"""The library entry points `pmlint.lint_text` and `pmlint.lint_paths` (README, "Using
pmlint from Python"): the same findings as `pmlint check`, config found or given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pmlint
from pmlint.api import ConfigError, SelectionError
from tests.conftest import GOOD_POSTMORTEM, check_json

BLAMING = "# Outage\n\nSomeone broke it.\n"


def _ids(report: pmlint.api.FileReport) -> list[str]:
    return [d.rule for d in report.diagnostics]


def test_lint_text_finds_what_check_finds(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BLAMING, encoding="utf-8")
    report = pmlint.lint_text(BLAMING, path=str(path))
    _result, payload = check_json(str(path))
    assert _ids(report) == [d["rule"] for d in payload["files"][0]["diagnostics"]]
    assert "PM301" in _ids(report)


def test_a_good_postmortem_is_quiet_but_for_its_todo() -> None:
    assert _ids(pmlint.lint_text(GOOD_POSTMORTEM, path="<text>")) == ["PM003"]


def test_select_and_ignore_take_what_the_command_line_takes() -> None:
    assert set(_ids(pmlint.lint_text(BLAMING, select=["PM3"]))) == {"PM301"}
    assert "PM001" not in _ids(pmlint.lint_text(BLAMING, ignore=["required-sections"]))
    with pytest.raises(SelectionError):
        pmlint.lint_text(BLAMING, select=["PM999"])


def test_the_config_beside_the_file_applies_and_is_read_again_when_edited(tmp_path: Path) -> None:
    config = tmp_path / ".pmlint.yaml"
    config.write_text("rules:\n  PM301: off\n", encoding="utf-8")
    path = str(tmp_path / "pm.md")
    assert "PM301" not in _ids(pmlint.lint_text(BLAMING, path=path))
    config.write_text("rules:\n  PM301: error\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a new modification time, however fast the test runs
    found = pmlint.lint_text(BLAMING, path=path).diagnostics
    assert [d.severity.name for d in found if d.rule == "PM301"] == ["ERROR"]


def test_a_broken_config_raises_with_its_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("rules:\n  PM301: sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"team\.yaml:2: rules\.PM301"):
        pmlint.lint_text(BLAMING, config=str(config))


def test_windows_line_ends_and_a_bom_give_the_same_lines() -> None:
    plain = pmlint.lint_text(BLAMING, select=["PM301"])
    crlf = pmlint.lint_text("\ufeff" + BLAMING.replace("\n", "\r\n"), select=["PM301"])
    assert [d.span for d in crlf.diagnostics] == [d.span for d in plain.diagnostics]


def test_lint_paths_lints_a_folder_and_reports_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BLAMING, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00\x01binary")
    reports = pmlint.lint_paths([str(tmp_path)], select=["PM301"])
    by_name = {Path(r.path).name: r for r in reports}
    assert _ids(by_name["a.md"]) == ["PM301"]
    assert by_name["b.md"].error is not None and "binary" in by_name["b.md"].error


def test_the_readme_example_prints_what_the_readme_says() -> None:
    """The README's Python block runs, and prints the lines its comments show."""
    import contextlib
    import io
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using pmlint from Python", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    code = block.group(1)
    shown = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue().splitlines() == shown
