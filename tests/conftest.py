"""Shared test helpers: where ../shared lives (optional), and a fresh working folder."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from pmlint.cli import main
from pmlint.config import load_config
from pmlint.extract.timeline import Timeline, timeline
from pmlint.parse import parse_document
from pmlint.settings import Settings

REPO = Path(__file__).resolve().parents[1]

# Hypothesis profiles. The property tests (test_fuzz.py) take shares of `max_examples`:
# `make test` runs `--hypothesis-profile=ci` (10,000 examples in all), a bare `pytest` the
# `dev` profile loaded here (100); both derandomized, without an example database, so runs
# are reproducible. `make fuzz` runs `fuzz`: 200,000 new random examples each time.
_PROFILE = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=10_000, derandomize=True, **_PROFILE)
settings.register_profile("dev", max_examples=100, derandomize=True, **_PROFILE)
settings.register_profile("fuzz", max_examples=200_000, derandomize=False, **_PROFILE)
settings.load_profile("dev")  # `--hypothesis-profile` is applied after this file is read
SHARED = Path(os.environ.get("PMLINT_SHARED", REPO.parent / "shared"))

# A complete postmortem with exactly one finding: PM003 on the TODO at line 5, column 45.
GOOD_POSTMORTEM = """\
# Checkout outage

## Summary

Checkout returned errors for forty minutes. TODO

## Impact

About 12% of orders failed between 10:02 and 10:41 UTC.

## Timeline

- 2024-03-11 10:02 UTC: errors began and the error-rate alert fired.
- 2024-03-11 10:41 UTC: the pool was resized; errors stopped and the incident was resolved.

## Root cause

The connection pool was sized for 200 clients; the release opened 450.

## Resolution

We raised the pool size and restarted the checkout workers.

## Action items

- Alert on pool saturation before it reaches 90% (owner: @dana, OPS-1234).

## Lessons learned

Canary deploys would have caught this within five minutes.
"""


@pytest.fixture(autouse=True)
def _isolated_result_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets an empty result cache of its own, outside its working folder: no
    result crosses from one test to another, and no test finds a `.pmlint_cache` it did
    not ask for (tests/test_cache.py sets the folder itself)."""
    monkeypatch.setenv("PMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("pmlint-cache")))


@pytest.fixture
def shared() -> Path:
    """The project's shared data folder; tests that need it skip where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is not available (corpus and schemas live outside the repository)")
    return SHARED


def _runner() -> CliRunner:
    try:  # click 8.1 mixes stderr into stdout unless told not to; 8.2 keeps them apart
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    """Run the CLI in-process; a crash or a traceback fails the calling test."""
    result = _runner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    return result


def check_json(*args: str, stdin: bytes | None = None) -> tuple[Result, dict]:
    result = invoke("check", "--format", "json", *args, stdin=stdin)
    return result, json.loads(result.stdout)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def facts(text: str, path: str = "doc.md") -> Timeline:
    """The timeline facts of a document's text, with the core pack's milestones."""
    config = load_config(None)
    doc = parse_document(path, text, config.catalog)
    return timeline(doc, Settings(timezone=None, milestones=config.milestones))


def analyzed_documents(*paths: Path, env: dict[str, str] | None = None) -> dict[str, dict]:
    """`pmlint analyze --format json` in a fresh process (so that model environment variables
    apply from start-up), its documents keyed by file name."""
    result = subprocess.run(
        [sys.executable, "-m", "pmlint", "analyze", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return {Path(d["path"]).name: d for d in json.loads(result.stdout)["documents"]}


def assert_training_rebuilds(
    script: Path, kind: str, shipped: Path, names: tuple[str, ...]
) -> None:
    """Run a training script into a temporary folder and check that the files it writes for
    `kind` are byte for byte the shipped ones (`make train` must reproduce the weights)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, str(script), "--out", out],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(script.parents[1] / "src")},
        )
        for name in names:
            built = hashlib.sha256((Path(out) / kind / name).read_bytes()).hexdigest()
            assert built == hashlib.sha256((shipped / name).read_bytes()).hexdigest(), name
