"""The command line: output formats, selection, exit codes, stdin, and the helper commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pmlint import __version__
from pmlint.config import load_config
from pmlint.packs import PACK_DATA_FILES
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import check_json, invoke, write  # PM003 at 5:45, nothing else

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "rules" / "core"


# Findings from three categories: PM001 (structure, error: no impact, no timeline),
# PM003 (structure, warning), PM502 (hygiene, warning).
MIXED = """\
# Search outage

## Summary

Search was down for an hour; see ![latency](graphs/latency.png). TBD. 30% of searches failed.

## Root cause

A bad index.

## Resolution

Rebuilt the index.

## Action items

- Alert on index size (@sam, SRCH-12).

## Lessons learned

Rehearse index rebuilds.
"""

HEADLINE = re.compile(r"^\S+:\d+:\d+: [A-Z]+\d+ \[(?:error|warning|info)\] \S")
ANSI = "\x1b["
DIAGNOSTIC_KEYS = {
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestion",
}


def rules_of(payload: dict, path: str | None = None) -> list[str]:
    return [
        d["rule"]
        for entry in payload["files"]
        if path is None or entry["path"] == path
        for d in entry["diagnostics"]
    ]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / "mixed.md", MIXED)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# -- text output ----------------------------------------------------------------------------


def test_text_output_shape(work: Path) -> None:
    result = invoke("check", "good.md")
    assert result.exit_code == 1
    assert ANSI not in result.output  # CliRunner's stdout is not a TTY
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "good.md:5:45: PM003 [warning] Placeholder left in the document: 'TODO'.",
        "  5 | Checkout returned errors for forty minutes. TODO",
        "    |" + " " * 45 + "^^^^",
        "      = help: Replace the marker with the missing content, or remove it.",
    ]
    assert lines[-1].startswith("Found 1 problem (1 warning) in 1 of 1 file")
    assert result.stderr == ""


def test_text_output_clean_run(work: Path) -> None:
    write(work / "done.md", GOOD.replace(" TODO", ""))
    result = invoke("check", "done.md")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["No problems found in 1 file."]


def test_color_only_when_asked(work: Path) -> None:
    assert ANSI not in invoke("check", "good.md").output
    assert ANSI not in invoke("check", "--color", "never", "good.md").output
    colored = invoke("check", "--color", "always", "good.md")
    assert ANSI in colored.stdout
    assert "PM003" in colored.stdout


def test_quiet_prints_only_finding_lines(work: Path) -> None:
    result = invoke("check", "--quiet", "good.md", "mixed.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # PM001 x2, PM003 x2, PM502
    assert all(HEADLINE.match(line) for line in lines), lines
    assert lines[0] == "good.md:5:45: PM003 [warning] Placeholder left in the document: 'TODO'."
    clean = invoke("check", "-q", "mixed.md", "--select", "PM901")
    assert clean.exit_code == 0
    assert clean.stdout == ""


# -- json output ----------------------------------------------------------------------------


def test_json_output_matches_the_contract(work: Path) -> None:
    result, payload = check_json("good.md", "mixed.md", "missing.md")
    assert result.exit_code == 2  # missing.md could not be linted
    # `nlp` says which spaCy pipeline the language rules used (present when one loaded)
    assert set(payload) - {"nlp"} == {"version", "files", "summary", "errors"}
    assert set(payload.get("nlp", {"model": 0, "version": 0, "reduced": 0})) == {
        "model",
        "version",
        "reduced",
    }
    assert payload["version"] == 1
    assert [f["path"] for f in payload["files"]] == ["good.md", "mixed.md"]
    for entry in payload["files"]:
        assert set(entry) == {"path", "diagnostics"}
        for diagnostic in entry["diagnostics"]:
            # `fix` and `related` are there when the finding has them (README, "JSON output")
            assert DIAGNOSTIC_KEYS <= set(diagnostic) <= DIAGNOSTIC_KEYS | {"fix", "related"}
            if "fix" in diagnostic:
                assert set(diagnostic["fix"]) == {"description", "applicability", "edits"}
                assert diagnostic["fix"]["applicability"] in ("safe", "unsafe")
            assert diagnostic["severity"] in ("error", "warning", "info")
            for key in ("line", "column", "end_line", "end_column"):
                assert isinstance(diagnostic[key], int) and diagnostic[key] >= 1
            assert diagnostic["suggestion"] is None or isinstance(diagnostic["suggestion"], str)
    assert payload["files"][0]["diagnostics"] == [
        {
            "rule": "PM003",
            "name": "placeholder-text",
            "category": "structure",
            "severity": "warning",
            "message": "Placeholder left in the document: 'TODO'.",
            "line": 5,
            "column": 45,
            "end_line": 5,
            "end_column": 49,
            "suggestion": "Replace the marker with the missing content, or remove it.",
        }
    ]
    assert payload["summary"] == {"files": 2, "error": 2, "warning": 3, "info": 0}
    assert payload["errors"] == [{"path": "missing.md", "message": "no such file or directory"}]
    assert result.stderr.splitlines() == ["pmlint: missing.md: no such file or directory"]


def test_output_file(work: Path) -> None:
    result = invoke("check", "--format", "json", "--output", "report.json", "good.md")
    assert result.exit_code == 1  # the exit code still reflects the findings
    assert result.stdout == ""
    payload = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert rules_of(payload) == ["PM003"]
    text = invoke("check", "-o", "report.txt", "good.md")
    assert text.exit_code == 1
    assert text.stdout == ""
    assert (work / "report.txt").read_text(encoding="utf-8").startswith("good.md:5:45: PM003")


# -- selection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ["PM001", "PM001", "PM502", "PM003"]),
        (["--select", "PM003"], ["PM003"]),
        (["--select", "pm502"], ["PM502"]),
        (["--select", "PM5"], ["PM502"]),
        (["--select", "PM00"], ["PM001", "PM001", *["PM004"] * 4, "PM003"]),
        (["--select", "placeholder-text"], ["PM003"]),
        (["--select", "hygiene"], ["PM502"]),
        (["--select", "PM003,broken-reference"], ["PM502", "PM003"]),
        (["--select", "PM003", "--select", "PM001"], ["PM001", "PM001", "PM003"]),
        (["--ignore", "PM003"], ["PM001", "PM001", "PM502"]),
        (["--ignore", "PM0"], ["PM502"]),
        (["--ignore", "required-sections"], ["PM502", "PM003"]),
        (["--ignore", "structure"], ["PM502"]),
        (["--ignore", "structure, hygiene"], []),
        (["--select", "structure", "--ignore", "PM001,PM004"], ["PM003"]),
        (["--select", "PM004"], ["PM004"] * 4),  # selecting turns on an off-by-default rule
    ],
    ids=lambda value: " ".join(value) or None,
)
def test_select_and_ignore(work: Path, options: list[str], expected: list[str]) -> None:
    _, payload = check_json(*options, "mixed.md")
    assert rules_of(payload) == expected


def test_unknown_selector_is_a_usage_error(work: Path) -> None:
    # It used to select nothing and exit 0: a typo turned CI green (issue 16).
    result = invoke("check", "--format", "json", "--select", "PM777", "mixed.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'PM777'" in result.stderr


# -- exit codes -----------------------------------------------------------------------------


def test_fail_on(work: Path) -> None:
    write(work / "info.md", GOOD.replace(" TODO", "").split("## Lessons learned")[0])
    result, payload = check_json("info.md")
    assert [d["severity"] for f in payload["files"] for d in f["diagnostics"]] == ["info"]
    assert result.exit_code == 0  # default --fail-on warning
    assert invoke("check", "--fail-on", "info", "info.md").exit_code == 1
    assert invoke("check", "--fail-on", "warning", "info.md").exit_code == 0

    warned = invoke("check", "--fail-on", "error", "good.md")
    assert warned.exit_code == 0
    assert "good.md:5:45: PM003 [warning]" in warned.stdout  # still printed
    assert invoke("check", "--fail-on", "error", "mixed.md").exit_code == 1
    assert invoke("check", "--fail-on", "fatal", "good.md").exit_code == 2


def test_usage_errors(work: Path) -> None:
    for args in (
        ["check", "--format", "yaml", "good.md"],
        ["check", "--config", "nope.yaml", "good.md"],
        ["check", "-", "good.md"],
        ["check", "--stdin-filename", "x.md", "good.md"],
        ["check", "--jobs", "0", "good.md"],
        ["frobnicate"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stdout == "", args


def test_accepted_options_change_nothing(work: Path) -> None:
    _, plain = check_json("good.md")
    _, tuned = check_json("--jobs", "4", "--no-cache", "--nlp-model", "blank", "good.md")
    assert tuned["files"] == plain["files"]


# -- stdin ----------------------------------------------------------------------------------

STDIN_DOC = GOOD.replace(
    "Canary deploys",
    "See ![canary](img/canary.png) and ![error rate](img/errors.png). Canary deploys",
)


def test_stdin_with_filename(work: Path) -> None:
    write(work / "team" / ".pmlint.yaml", "rules:\n  PM003: error\n")
    (work / "team" / "img").mkdir()
    (work / "team" / "img" / "canary.png").write_bytes(b"\x89PNG\r\n")
    result, payload = check_json(
        "-", "--stdin-filename", "team/2024-03-11.md", stdin=STDIN_DOC.encode("utf-8")
    )
    assert result.exit_code == 1
    [entry] = payload["files"]
    assert entry["path"] == "team/2024-03-11.md"
    found = [(d["rule"], d["severity"], d.get("message")) for d in entry["diagnostics"]]
    # team/.pmlint.yaml applies, and image paths resolve against team/: only errors.png is missing
    assert found == [
        ("PM003", "error", "Placeholder left in the document: 'TODO'."),
        ("PM502", "warning", "The image target 'img/errors.png' does not exist."),
    ]


def test_stdin_without_filename(work: Path) -> None:
    result = invoke("check", "-q", "-", stdin=STDIN_DOC.encode("utf-8"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("<stdin>:5:45: PM003 [warning]")
    assert len([line for line in lines if "PM502" in line]) == 2  # relative to the cwd


def test_stdin_binary(work: Path) -> None:
    result = invoke("check", "-", "--stdin-filename", "x.md", stdin=b"\x00\x01\x02")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "pmlint: x.md: binary file (NUL byte at offset 0); not linted"
    ]


# -- rules and explain ----------------------------------------------------------------------


def core_rule_ids() -> list[str]:
    ids = []
    for path in sorted(CORE.glob("*.yaml")):
        if path.name in PACK_DATA_FILES:
            continue
        ids.append(yaml.safe_load(path.read_text(encoding="utf-8"))["id"])
    return ids


def test_rules_lists_every_core_rule(work: Path) -> None:
    ids = core_rule_ids()
    assert "PM001" in ids and "PM003" in ids
    result = invoke("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:] if line[:2] == "PM"]
    assert listed == ids
    assert f"{len(ids)} rules (pack: core)" in result.stdout
    assert "PM004  missing-metadata" in result.stdout and " off " in result.stdout

    as_json = json.loads(invoke("rules", "--format", "json").stdout)
    assert [r["id"] for r in as_json] == ids
    assert set(as_json[0]) == {"id", "name", "category", "severity", "enabled", "summary", "fix"}


def test_explain(work: Path) -> None:
    by_id = invoke("explain", "PM003")
    assert by_id.exit_code == 0
    page = by_id.stdout
    assert page.startswith("PM003 placeholder-text\n")
    assert "TODO/TBD/FIXME" in page  # summary
    for heading in ("Why", "Bad", "Good"):
        assert f"\n{heading}\n" in page
    assert "Root cause: TBD." in page  # the bad example
    assert "Options (current value; set them under rules.PM003.options)" in page
    assert "  ignorecase (bool): false" in page
    assert "  scope (str-list): prose" in page
    assert invoke("explain", "placeholder-text").stdout == page
    assert invoke("explain", "pm003").stdout == page


def test_explain_reflects_config(work: Path) -> None:
    write(
        work / "strict.yaml",
        "rules:\n  PM003:\n    severity: error\n    options:\n      ignorecase: true\n",
    )
    page = invoke("explain", "--config", "strict.yaml", "PM003").stdout
    assert "Severity: error" in page
    assert "  ignorecase (bool): true" in page


def test_explain_unknown_rule(work: Path) -> None:
    result = invoke("explain", "NOPE")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "pmlint: no rule or check kind 'NOPE' (`pmlint rules` lists the rules)"
    ]


# -- init and new ---------------------------------------------------------------------------


def test_init_writes_a_config_that_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init")
    assert result.exit_code == 0
    config_file = tmp_path / ".pmlint.yaml"
    config = load_config(str(config_file))
    assert config.path == str(config_file)
    assert not config.rules["PM004"].enabled  # commented out: the starter changes nothing

    write(
        tmp_path / "docs" / "pm.md",
        "---\ndate: 2024-03-11\nauthors: [sre]\nstatus: final\nseverity: SEV2\n---\n" + GOOD,
    )
    write(tmp_path / "README.md", "# Postmortems\n")  # excluded by default
    checked, payload = check_json(".")
    assert checked.exit_code == 1
    assert [f["path"] for f in payload["files"]] == [os.path.join("docs", "pm.md")]
    assert rules_of(payload) == ["PM003"]

    again = invoke("init")
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    config_file.write_text("# mine\n", encoding="utf-8")
    assert invoke("init").exit_code == 2
    assert config_file.read_text(encoding="utf-8") == "# mine\n"
    assert invoke("init", "--force").exit_code == 0
    assert config_file.read_text(encoding="utf-8") != "# mine\n"


def test_new_skeleton(work: Path) -> None:
    result = invoke("new", "--title", "Checkout outage", "--date", "2024-03-11")
    assert result.exit_code == 0
    skeleton = work / "2024-03-11-checkout-outage.md"
    text = skeleton.read_text(encoding="utf-8")
    assert "# Checkout outage" in text and "2024-03-11" in text

    checked, payload = check_json(skeleton.name)
    assert checked.exit_code == 1
    found = rules_of(payload)
    assert "PM001" not in found and "PM002" not in found
    assert "PM003" in found
    # Every [insert …] prompt is reported, the front matter's too (issue 16: its
    # `severity: "[insert severity…]"` was never flagged and showed up as a severity).
    lines = text.splitlines()
    prompts = {n for n, line in enumerate(lines, 1) if "[insert" in line}
    assert {4, 6} <= prompts  # authors and severity in the front matter
    reported = {
        d["line"] for f in payload["files"] for d in f["diagnostics"] if d["rule"] == "PM003"
    }
    assert prompts <= reported

    assert invoke("new", "--title", "Checkout outage", "--date", "2024-03-11").exit_code == 2
    printed = invoke("new", "--title", "Checkout outage", "--date", "2024-03-11", "-o", "-")
    assert printed.stdout == text
    bad_date = invoke("new", "--date", "11/03/2024")
    assert bad_date.exit_code == 2
    assert "not a date" in bad_date.stderr


# -- real processes -------------------------------------------------------------------------


def console_script() -> str:
    found = shutil.which("pmlint", path=os.path.dirname(sys.executable))
    if found is None:
        pytest.skip("the pmlint console script is not installed next to this interpreter")
    return found


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


@pytest.mark.slow
def test_console_script_check(tmp_path: Path) -> None:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    done = subprocess.run(
        [console_script(), "check", "--format", "json", "good.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert rules_of(json.loads(done.stdout)) == ["PM003"]


@pytest.mark.slow
def test_console_script_bad_input(tmp_path: Path) -> None:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    (tmp_path / "blob.md").write_bytes(b"\x00" * 64)
    done = subprocess.run(
        [console_script(), "check", "good.md", "blob.md", "gone.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert sorted(done.stderr.splitlines()) == [
        "pmlint: blob.md: binary file (NUL byte at offset 0); not linted",
        "pmlint: gone.md: no such file or directory",
    ]
    assert done.stdout.startswith("good.md:5:45: PM003 [warning]")
    assert ANSI not in done.stdout


@pytest.mark.slow
def test_python_dash_m_version(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"pmlint, version {__version__}"
