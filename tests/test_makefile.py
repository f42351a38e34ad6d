"""`make demo` ends with a sentence, not only make's "Error 1"; `make test` says what it
installs and how long it takes (issue 16). The demo runs against a stand-in pmlint."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _venv(tmp_path: Path, code: int) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name, body in (("python", "exit 0"), ("pmlint", f'echo "pmlint $*"; exit {code}')):
        script = venv / "bin" / name
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
    marker = venv / ".demo-installed"
    marker.touch()
    later = (REPO / "pyproject.toml").stat().st_mtime + 3600
    os.utime(marker, (later, later))  # newer than pyproject.toml: nothing to install
    return venv


@pytest.mark.parametrize("code", [1, 0, 2])
def test_demo_ends_with_a_sentence_and_keeps_the_exit_code(tmp_path: Path, code: int) -> None:
    venv = _venv(tmp_path, code)
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), "demo", f"VENV={venv}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    assert "pmlint check examples/" in lines
    assert lines[-1].startswith("make demo: ")
    if code == 1:
        assert "found problems" in lines[-1] and "Error 1" in lines[-1]
    assert (done.returncode == 0) == (code == 0)  # make fails exactly when pmlint does
    if code:
        assert f"Error {code}" in done.stderr


def test_make_test_says_what_it_installs_and_how_long() -> None:
    recipe = subprocess.run(
        ["make", "-n", "-C", str(REPO), "test", "VENV=/nonexistent-venv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    assert "chromium" in recipe and "about a minute" in recipe
    assert "about 15 minutes" in recipe
