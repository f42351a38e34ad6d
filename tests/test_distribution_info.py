"""`distribution_info` finds what `importlib.metadata` finds, without importing it."""

from __future__ import annotations

import importlib.metadata
import os
import sys
from pathlib import Path

import pytest

from pmlint.nlp import distribution_info

INSTALLED = ["spacy", "PyYAML", "pyyaml", "markdown-it-py", "markdown_it.py", "click", "pmlint"]


def expected(name: str) -> tuple[str, str] | None:
    try:
        found = importlib.metadata.distribution(name)
        version = found.version
    except (importlib.metadata.PackageNotFoundError, KeyError):
        return None  # KeyError: no version, as the `importlib_metadata` backport says it
    return (os.path.realpath(str(found.locate_file(""))), version) if version else None


def found(name: str) -> tuple[str, str] | None:
    distribution_info.cache_clear()
    answer = distribution_info(name)
    return None if answer is None else (os.path.realpath(answer[0]), answer[1])


@pytest.mark.parametrize("name", [*INSTALLED, "no-such-distribution", "en_core_web_sm"])
def test_installed_and_missing_distributions(name: str) -> None:
    assert found(name) == expected(name)


def test_the_first_on_the_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder, version in (("first", "1.2.3"), ("second", "9.9")):
        info = tmp_path / folder / "Fake_Model-0.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: fake-model\nVersion: {version}\n\nVersion: 0\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), str(tmp_path / "second")])
    for name in ("fake_model", "Fake-Model", "fake.model"):
        assert found(name) == expected(name) == (str(tmp_path / "first"), "1.2.3")
    (tmp_path / "first" / "Fake_Model-0.0.dist-info" / "METADATA").write_text(
        "Name: fake-model\n", encoding="utf-8"
    )  # no version: importlib.metadata decides
    assert found("fake_model") == expected("fake_model")
    distribution_info.cache_clear()
