"""Shared test helpers: where ../shared lives (optional), and a fresh working folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PMLINT_SHARED", REPO.parent / "shared"))


@pytest.fixture
def shared() -> Path:
    """The project's shared data folder; tests that need it skip where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is not available (corpus and schemas live outside the repository)")
    return SHARED
