"""`check` shows a progress bar on stderr at a terminal, never in CI or pipes (issue 16)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint.cli import PROGRESS_MIN_FILES, progress_wanted
from pmlint.engine import Selection
from pmlint.runner import Runner, RunOptions
from tests.conftest import GOOD_POSTMORTEM, invoke, write


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_at_a_terminal_outside_ci() -> None:
    assert progress_wanted(_Tty(), {})
    assert progress_wanted(_Tty(), {"CI": "false"})
    assert not progress_wanted(io.StringIO(), {})  # a pipe or a file
    assert not progress_wanted(_Tty(), {"CI": "true"})  # GitHub, GitLab... set CI
    assert not progress_wanted(_Tty(), {"TERM": "dumb"})


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def start(self, total: int) -> None:
        self.calls.append(("start", total))

    def advance(self, count: int) -> None:
        self.calls.append(("advance", count))

    def finish(self) -> None:
        self.calls.append(("finish", 0))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for number in range(PROGRESS_MIN_FILES + 2):
        write(tmp_path / f"pm{number:02}.md", GOOD_POSTMORTEM)
    return tmp_path


@pytest.mark.parametrize("cache", [False, True], ids=["streamed", "cached"])
def test_the_runner_reports_progress_as_results_come_in(folder: Path, cache: bool) -> None:
    for _ in range(2 if cache else 1):  # the second cached run takes every result from it
        runner = Runner(RunOptions(selection=Selection(("PM003",)), jobs=1, cache=cache))
        runner.progress = recorder = _Recorder()
        reports = list(runner.run([str(folder)]))
        total = len(reports)
        assert recorder.calls[0] == ("start", total)
        assert recorder.calls[-1] == ("finish", 0)
        assert sum(n for name, n in recorder.calls if name == "advance") == total


def _run_at_a_terminal(folder: Path, **env: str) -> str:
    """`pmlint check` with stderr on a pseudo-terminal; what it drew there."""
    import pty

    main, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmlint", "check", "-q", "--select", "PM003", str(folder)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            env={**os.environ, "CI": "", **env},
            timeout=300,
            check=False,
        )
        os.close(secondary)
        secondary = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main)
        if secondary != -1:
            os.close(secondary)
    assert done.returncode == 1
    assert b"Linting" not in done.stdout
    return drawn.decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_sees_the_bar_and_ci_does_not(folder: Path) -> None:
    drawn = _run_at_a_terminal(folder)
    assert "Linting" in drawn and f"{PROGRESS_MIN_FILES + 2}/{PROGRESS_MIN_FILES + 2}" in drawn
    assert "Linting" not in _run_at_a_terminal(folder, CI="true")


def test_no_bar_in_a_pipe(folder: Path) -> None:
    result = invoke("check", "-q", "--select", "PM003", str(folder))
    assert "Linting" not in result.stderr and "Linting" not in result.stdout
