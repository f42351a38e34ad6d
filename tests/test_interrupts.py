"""SIGINT and SIGTERM stop a run promptly with 130 / 143, workers and all (issue 16).

A team rule whose regex backtracks without end (and `rule_timeout: 0`, no limit) keeps the
workers busy for as long as the test likes: the signal always lands mid-run, whatever the
machine's speed. The bound on the wait is what would otherwise be a hang.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import write

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]

BOUND = 60  # seconds: far beyond a prompt exit, far below the hang it replaces

RUNAWAY_RULE = """\
id: TEAM900
name: runaway-pattern
category: language
kind: phrases
severity: warning
message: "Runaway '{match}'."
options:
  tokens: ["(a+)+$"]
  whole_words: false
docs: {summary: A regex that backtracks exponentially on a run of a's and a b.}
"""


@pytest.fixture
def stuck(tmp_path: Path) -> Path:
    write(tmp_path / "rules" / "TEAM900.yaml", RUNAWAY_RULE)
    write(tmp_path / ".pmlint.yaml", "rules_dirs: [rules]\nrule_timeout: 0\n")
    for number in range(4):
        write(tmp_path / f"pm{number}.md", f"# Outage {number}\n\n{'a' * 60}b\n")
    return tmp_path


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _interrupt(
    folder: Path, signum: int, workers_wanted: int, *args: str, group: bool = False
) -> tuple[int, str, list[int]]:
    """Start `pmlint check`, wait until its workers exist, send `signum` to it (`group`:
    to its whole process group, as Ctrl-C in a terminal does); the exit code, stderr and
    the worker processes it had. Whatever happens, nothing it started outlives the test."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pmlint", "check", "--no-cache", "--select", "TEAM900", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PMLINT_RAISE": ""},
        start_new_session=True,  # its own process group: cleaned up below as one
    )
    workers: list[int] = []
    deadline = time.monotonic() + BOUND
    try:
        while time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid)
            if len(workers) >= workers_wanted:
                break
            time.sleep(0.05)
        time.sleep(1.0)  # into the runaway match; the exit does not depend on this pause
        workers = _children(process.pid) or workers
        assert process.poll() is None, process.communicate()
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=BOUND)
    finally:
        # a hung run's workers would hold its pipes open: kill the group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.returncode is None:
            process.communicate()
    return process.returncode, stderr, workers


@pytest.mark.parametrize(
    ("signum", "code", "group"),
    [(signal.SIGINT, 130, False), (signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)],
    ids=["SIGINT", "SIGTERM", "Ctrl-C"],
)
def test_a_parallel_run_stops_its_workers_and_exits(
    stuck: Path, signum: int, code: int, group: bool
) -> None:
    returncode, stderr, workers = _interrupt(stuck, signum, 2, "--jobs", "2", ".", group=group)
    assert returncode == code, stderr
    assert "Traceback" not in stderr
    assert "pmlint: interrupted" in stderr
    assert len(workers) >= 2
    deadline = time.monotonic() + BOUND
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the run"


def test_ctrl_c_on_a_serial_run_is_130_not_1(stuck: Path) -> None:
    returncode, stderr, _ = _interrupt(stuck, signal.SIGINT, 0, "--jobs", "1", "pm0.md")
    assert returncode == 130, stderr
    assert "Aborted" not in stderr and "Traceback" not in stderr
