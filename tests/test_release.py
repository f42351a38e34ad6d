"""The release process the README describes: one version, a changelog entry for it, and a
wheel and an sdist that `python -m build` makes offline and that carry what users need."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from pmlint import __version__
from tests.conftest import REPO


def test_the_changelog_has_the_current_version_and_unreleased_notes() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", changelog, re.M)
    assert headings[0] == "Unreleased" or headings[0] == __version__
    assert __version__ in headings


def test_readme_claims_no_package_index_and_no_missing_tag() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'pip install "pmlint[model]"' not in readme  # pmlint is not on PyPI
    for tag in re.findall(r"(?:rev: |@)(v\d+\.\d+\.\d+)\b", readme):
        pytest.fail(f"the README pins {tag}; no release tag may be claimed before it exists")
    assert "community re-upload" in readme and "--nlp-model" in readme


@pytest.mark.slow
def test_build_makes_a_wheel_and_an_sdist(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = tmp_path.glob(f"pmlint-{__version__}-py3-none-any.whl")
    [sdist] = tmp_path.glob(f"pmlint-{__version__}.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"pmlint-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in metadata
    assert "Provides-Extra: model" in metadata
    assert "pmlint/_rules/core/pack.yaml" in names and "pmlint/cli/__init__.py" in names
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "examples/workflows/postmortems.yml",
        "src/pmlint/__init__.py",
        "rules/core/pack.yaml",
    ):
        assert needed in members, needed
