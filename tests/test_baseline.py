"""Adoption: fingerprints, `--baseline`/`--write-baseline`, and `--changed-since REF`."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pmlint.diagnostics import Diagnostic, Severity, Span
from pmlint.fingerprints import fingerprints, flagged_text, project_path
from pmlint.report import FileReport
from tests.conftest import GOOD_POSTMORTEM, invoke, write

SELECT = ("--select", "PM001,PM002,PM003,PM5,PM9")
CLEAN = GOOD_POSTMORTEM.replace(" TODO", "")  # no findings
# Written for these tests: PM003 twice on the same word, and a broken image (PM502).
LEGACY = CLEAN.replace(
    "forty minutes.", "forty minutes. TBD ![graph](graph.png)\n\nRetry storm: TBD"
)


def check(*args: str):  # type: ignore[no-untyped-def]
    return invoke("check", *SELECT, *args)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "pm" / "legacy.md", LEGACY)
    write(tmp_path / "pm" / "clean.md", CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- fingerprints ---------------------------------------------------------------------------


def _diagnostic(line: int, column: int, end: int, message: str = "m") -> Diagnostic:
    return Diagnostic(
        "x.md", "PM003", "placeholder-text", "structure", Severity.WARNING, message,
        Span(line, column, line, end),
    )  # fmt: skip


def test_flagged_text() -> None:
    lines = ["# Title", "text  with   TBD here", "", "tail"]
    assert flagged_text(lines, Span(2, 14, 2, 17)) == "TBD"
    assert flagged_text(lines, Span(2, 1, 2, 1)) == "text with TBD here"  # empty: whole line
    assert flagged_text(lines, Span(2, 14, 4, 3)) == "TBD here ta"
    assert flagged_text(lines, Span(9, 1, 9, 2)) == ""


def test_identical_findings_get_distinct_fingerprints() -> None:
    lines = ["TBD", "TBD"]
    report = FileReport("x.md", [_diagnostic(1, 1, 4), _diagnostic(2, 1, 4)], lines=lines)
    first, second = fingerprints(report)
    assert first != second
    # Inserting lines above keeps both; the occurrence index, not the line, tells them apart.
    moved = FileReport(
        "x.md", [_diagnostic(3, 1, 4), _diagnostic(4, 1, 4)], lines=["new", "", *lines]
    )
    assert fingerprints(moved) == [first, second]


def test_message_digits_do_not_matter() -> None:
    one = FileReport("x.md", [_diagnostic(1, 1, 4, "see line 3")], lines=["TBD"])
    two = FileReport("x.md", [_diagnostic(1, 1, 4, "see line 12")], lines=["TBD"])
    other = FileReport("x.md", [_diagnostic(1, 1, 4, "see the table")], lines=["TBD"])
    assert fingerprints(one) == fingerprints(two) != fingerprints(other)


def test_project_path_is_relative_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write(tmp_path / "repo" / "pm" / "a.md", "x")
    monkeypatch.chdir(tmp_path / "repo" / "pm")
    assert project_path("a.md") == "pm/a.md"
    assert project_path("./a.md") == "pm/a.md"
    assert project_path(str(tmp_path / "repo" / "pm" / "a.md")) == "pm/a.md"
    assert project_path("<stdin>") == "<stdin>"
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "loose.md", "x")
    assert project_path("loose.md") == "loose.md"  # no repository: the working folder


# -- baseline -------------------------------------------------------------------------------


def test_write_baseline_then_only_new_findings(work: Path) -> None:
    first = check("pm")
    assert first.exit_code == 1
    written = check("--baseline", "base.json", "--write-baseline", "pm")
    assert written.exit_code == 0
    assert "No problems found in 2 files." in written.stdout
    assert "recorded 3 findings" in written.stderr
    data = json.loads((work / "base.json").read_text())
    assert data["version"] == 1
    assert [(e["rule"], e["path"], e["line"]) for e in data["findings"]] == [
        ("PM003", "pm/legacy.md", 5),
        ("PM502", "pm/legacy.md", 5),
        ("PM003", "pm/legacy.md", 7),
    ]
    # The next run is quiet until a new finding appears.
    again = check("--baseline", "base.json", "pm")
    assert again.exit_code == 0
    assert "3 known findings not shown" in again.stderr
    # Lines inserted elsewhere do not bring the recorded findings back.
    shifted = LEGACY.replace("# Checkout outage\n", "# Checkout outage\n\nDraft 2.\n\n")
    write(work / "pm" / "legacy.md", shifted)
    assert check("--baseline", "base.json", "pm").exit_code == 0
    # A new finding is reported, alone.
    write(work / "pm" / "clean.md", CLEAN.replace("for 200 clients", "for ??? clients"))
    result, payload = check_json("--baseline", "base.json", "pm")
    assert result.exit_code == 1
    found = [(f["path"], d["rule"]) for f in payload["files"] for d in f["diagnostics"]]
    assert found == [("pm/clean.md", "PM003")]


def check_json(*args: str):  # type: ignore[no-untyped-def]
    result = invoke("check", "--format", "json", *SELECT, *args)
    return result, json.loads(result.stdout)


def test_fixed_findings_are_reported_as_gone(work: Path) -> None:
    check("--baseline", "base.json", "--write-baseline", "pm")
    write(work / "pm" / "legacy.md", LEGACY.replace("Retry storm: TBD", "Retry storm."))
    result = check("--baseline", "base.json", "pm")
    assert result.exit_code == 0
    assert "2 known findings not shown; 1 recorded findings are gone" in result.stderr


def test_partial_write_keeps_the_other_files_entries(work: Path) -> None:
    write(work / "pm" / "other.md", LEGACY)
    check("--baseline", "base.json", "--write-baseline", "pm")
    assert len(json.loads((work / "base.json").read_text())["findings"]) == 6
    write(work / "pm" / "legacy.md", CLEAN)
    (work / "pm" / "gone.md").write_text("x")
    check("--baseline", "base.json", "--write-baseline", "pm/legacy.md")
    paths = [e["path"] for e in json.loads((work / "base.json").read_text())["findings"]]
    assert paths == ["pm/other.md"] * 3  # legacy.md is clean now; other.md untouched
    os.remove(work / "pm" / "other.md")
    check("--baseline", "base.json", "--write-baseline", "pm/clean.md")
    assert json.loads((work / "base.json").read_text())["findings"] == []  # file deleted


def test_baseline_is_the_same_from_a_subfolder(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / ".git").mkdir()
    check("--baseline", "base.json", "--write-baseline", "pm")
    monkeypatch.chdir(work / "pm")
    result = check("--baseline", "../base.json", "legacy.md")
    assert result.exit_code == 0
    assert "3 known findings not shown" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such baseline"),
        ("{not json", "cannot read baseline"),
        ('{"version": 9, "findings": []}', "not a pmlint baseline"),
        ('{"version": 1, "findings": [{"rule": "PM003"}]}', "not a pmlint baseline"),
    ],
)
def test_bad_baseline_is_a_usage_error(work: Path, content: str | None, reason: str) -> None:
    if content is not None:
        write(work / "base.json", content)
    result = check("--baseline", "base.json", "pm")
    assert result.exit_code == 2
    assert reason in result.stderr.splitlines()[-1]


def test_write_baseline_needs_a_file(work: Path) -> None:
    result = check("--write-baseline", "pm")
    assert result.exit_code == 2
    assert "--write-baseline needs --baseline FILE" in result.stderr


def test_baseline_keeps_unlintable_files_an_error(work: Path) -> None:
    check("--baseline", "base.json", "--write-baseline", "pm")
    result = check("--baseline", "base.json", "pm", "missing.md")
    assert result.exit_code == 2


# -- --changed-since ------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commit 1 adds four postmortems; commit 2 edits two, adds one, deletes one."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path / ".pmlint.yaml", "extends: core\nexclude: [drafts/**]\n")
    write(tmp_path / ".gitignore", "scratch/\n")
    for name in ("a.md", "b.md", "c.md", "sub/d.md", "drafts/e.md"):
        write(tmp_path / name, LEGACY)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "one")
    write(tmp_path / "b.md", LEGACY + "\nMore.\n")
    write(tmp_path / "sub" / "d.md", LEGACY + "\nMore.\n")
    write(tmp_path / "drafts" / "e.md", LEGACY + "\nMore.\n")
    write(tmp_path / "new.md", LEGACY)
    os.remove(tmp_path / "c.md")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def linted(payload: dict) -> list[str]:
    return [f["path"] for f in payload["files"]]


def test_changed_since_lints_only_what_the_commit_touched(repo: Path) -> None:
    result, payload = check_json("--changed-since", "HEAD~1", ".")
    assert result.exit_code == 1
    # Edited, added; not the deleted c.md, not the untouched a.md, not the excluded draft.
    assert linted(payload) == ["b.md", "new.md", "sub/d.md"]
    _, payload = check_json("--changed-since", "HEAD~1", "sub")
    assert linted(payload) == ["sub/d.md"]  # intersected with the paths given
    _, payload = check_json("--changed-since", "HEAD~1", "a.md", "b.md")
    assert linted(payload) == ["b.md"]
    _, payload = check_json("--changed-since", "HEAD~1")  # no path: the current folder
    assert linted(payload) == ["b.md", "new.md", "sub/d.md"]


def test_changed_since_counts_uncommitted_and_untracked_files(repo: Path) -> None:
    write(repo / "a.md", LEGACY + "\nEdited, not committed.\n")
    write(repo / "untracked.md", LEGACY)
    write(repo / "scratch" / "ignored.md", LEGACY)
    _, payload = check_json("--changed-since", "HEAD", ".")
    assert linted(payload) == ["a.md", "untracked.md"]


def test_changed_since_a_branch_means_its_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "topic", "HEAD~1")
    write(repo / "topic.md", LEGACY)
    git(repo, "add", "topic.md")
    git(repo, "commit", "-q", "-m", "topic")
    # main gained b.md, d.md, e.md and new.md after topic left it: not this branch's changes.
    _, payload = check_json("--changed-since", "main", ".")
    assert linted(payload) == ["topic.md"]


def test_changed_since_nothing_changed(repo: Path) -> None:
    result = check("--changed-since", "HEAD", ".")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No problems found in 0 files."
    assert "no Markdown files to lint changed since HEAD" in result.stderr


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--changed-since", "no-such-ref", "."), "'no-such-ref' is not a commit"),
        (("--changed-since", "HEAD", "-"), "cannot be combined with '-'"),
    ],
)
def test_changed_since_errors(repo: Path, args: tuple[str, ...], reason: str) -> None:
    result = check(*args)
    assert result.exit_code == 2
    assert reason in result.stderr


def test_changed_since_outside_a_repository(work: Path) -> None:
    result = check("--changed-since", "HEAD", "pm")
    assert result.exit_code == 2
    assert "--changed-since: git rev-parse:" in result.stderr


def test_changed_since_with_a_baseline(repo: Path) -> None:
    check("--baseline", "base.json", "--write-baseline", ".")
    write(repo / "b.md", LEGACY.replace("Retry storm: TBD", "Retry storm: TBD, TODO"))
    result, payload = check_json("--baseline", "base.json", "--changed-since", "HEAD", ".")
    assert linted(payload) == ["b.md"]
    found = [d["message"] for f in payload["files"] for d in f["diagnostics"]]
    assert found == ["Placeholder left in the document: 'TODO'."]
    assert result.exit_code == 1
