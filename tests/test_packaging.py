"""The wheel carries the rule packs, and an installed pmlint finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_contains_rules_and_templates(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("pmlint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pmlint/_rules/core/pack.yaml" in names
    assert "pmlint/_rules/core/PM001.yaml" in names
    assert "pmlint/_rules/core/lexicons/placeholders.yaml" in names
    assert "pmlint/templates/postmortem.md" in names
    assert "pmlint/templates/report.html.j2" in names  # analyze --format html
    # Installed without the source tree, the package finds its rules inside itself.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    probe = (
        "import pmlint.packs as p; d = p.bundled_rules_dir(); "
        "print(d); assert (d / 'core' / 'pack.yaml').is_file()"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert found.returncode == 0, found.stderr
    assert str(target) in found.stdout
