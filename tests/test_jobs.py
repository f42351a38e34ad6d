"""Parallel linting (`--jobs`) gives exactly the serial output, and the commands that do not
lint, or find everything in the cache, never import spaCy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint import cache
from pmlint import runner as runner_module
from pmlint.runner import FILES_PER_WORKER, Runner, RunOptions
from tests.conftest import GOOD_POSTMORTEM, invoke, write

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "rules"
# Edge cases among the files: invalid UTF-8, CRLF with a BOM, local links, blame.
EDGE_CASES = ("PM904.md", "PM904-crlf-bom.md", "PM502.md", "PM301.md", "PM403.md")

pytestmark = pytest.mark.slow


@pytest.fixture
def twelve(tmp_path: Path) -> Path:
    """Twelve postmortems: generated ones (as the benchmark makes them) and fixtures."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(REPO / "bench"))
    folder = tmp_path / "pm"
    corpus.generate(folder, count=12 - len(EDGE_CASES), seed=3)
    for name in EDGE_CASES:
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copytree(FIXTURES / "assets", folder / "assets")
    return folder


def pmlint(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """A real `pmlint check .` process: its stdout (exit 1 means findings, not failure)."""
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "check", ".", "--no-cache", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_parallel_output_equals_serial(twelve: Path, tmp_path: Path) -> None:
    stats = tmp_path / "stats.json"
    serial = pmlint(twelve, "--format", "json", "--jobs", "1")
    parallel = pmlint(twelve, "--format", "json", "--jobs", "2", env={"PMLINT_STATS": str(stats)})
    assert json.loads(stats.read_text(encoding="utf-8"))["jobs"] == 2
    assert parallel == serial
    payload = json.loads(serial)
    assert len(payload["files"]) == 12
    assert payload["nlp"]["reduced"] is False  # the workers' pipeline is reported
    assert {"PM301", "PM403", "PM502", "PM904"} <= {
        d["rule"] for f in payload["files"] for d in f["diagnostics"]
    }


def test_batches_change_nothing_but_the_parses(twelve: Path, tmp_path: Path) -> None:
    """Documents linted together share their parses (a sentence two of them write is
    parsed once): the findings are those of each document linted on its own."""
    for index in range(3):  # the same sentences in several documents of one batch
        shutil.copy(FIXTURES / "PM301.md", twelve / f"copy-{index}.md")
    stats = {size: tmp_path / f"stats-{size}.json" for size in ("1", "24")}
    outputs = {
        size: pmlint(
            twelve,
            "--format",
            "json",
            "--jobs",
            "1",
            env={"PMLINT_BATCH_FILES": size, "PMLINT_STATS": str(stats[size])},
        )
        for size in stats
    }
    assert outputs["24"] == outputs["1"]
    alone, together = (json.loads(stats[s].read_text(encoding="utf-8")) for s in ("1", "24"))
    assert alone["sentences_parsed"] == together["sentences_parsed"]  # the same texts asked
    # the copies' texts parsed once: together in their batch, or alone from the batches
    # before (`Pipeline.recent` keeps the short texts' parses)
    assert together["spacy_texts"] <= alone["spacy_texts"] < alone["sentences_parsed"]
    assert together["spacy_texts"] < together["sentences_parsed"]


def test_spawned_workers_and_the_text_format(twelve: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is not used (macOS, Windows, a process that has loaded spaCy)."""
    monkeypatch.setattr(runner_module, "_start_method", lambda: "spawn")
    monkeypatch.chdir(twelve)
    serial = invoke("check", ".", "--no-cache", "--nlp-model", "blank", "--jobs", "1")
    parallel = invoke("check", ".", "--no-cache", "--nlp-model", "blank", "--jobs", "2")
    assert parallel.stdout == serial.stdout
    assert parallel.exit_code == serial.exit_code == 1
    assert "  |" in parallel.stdout  # excerpts: the workers send the source lines back


def test_workers_that_fail_leave_the_work_to_this_process(
    twelve: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(options: RunOptions) -> None:
        raise RuntimeError("this worker cannot start")

    monkeypatch.setattr(runner_module, "_start_method", lambda: "fork")
    monkeypatch.setattr(runner_module, "_start_worker", broken)
    monkeypatch.chdir(twelve)
    serial = invoke("check", ".", "--no-cache", "--nlp-model", "blank", "--jobs", "1")
    fallback = invoke("check", ".", "--no-cache", "--nlp-model", "blank", "--jobs", "2")
    assert fallback.stdout == serial.stdout
    assert fallback.exit_code == serial.exit_code
    assert "pmlint: worker processes failed" in fallback.stderr


def test_default_jobs_follow_the_files_to_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "_cpus", lambda: 4)
    auto = Runner(RunOptions())
    assert auto._jobs(1) == 1
    assert auto._jobs(2 * FILES_PER_WORKER - 1) == 1  # not worth a model load per worker
    assert auto._jobs(2 * FILES_PER_WORKER) == 2
    assert auto._jobs(1000) == 4
    assert Runner(RunOptions(jobs=3))._jobs(1000) == 3
    assert Runner(RunOptions(jobs=8))._jobs(2) == 2  # never more workers than files


DRIVER = """\
import sys
from pmlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\nSPACY-IMPORTED\\n" if "spacy" in sys.modules else "\\nNO-SPACY\\n")
"""


def spacy_imported(*args: str, cwd: Path = REPO) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last in ("SPACY-IMPORTED", "NO-SPACY"), done.stderr
    return last == "SPACY-IMPORTED"


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["explain", "PM301"]])
def test_commands_that_do_not_lint_never_import_spacy(args: list[str]) -> None:
    assert not spacy_imported(*args)


def test_a_fully_cached_run_never_imports_spacy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pm" / "a.md", GOOD_POSTMORTEM)
    write(tmp_path / "pm" / "b.md", GOOD_POSTMORTEM.replace("TODO", "The engineer forgot."))
    monkeypatch.chdir(tmp_path)
    cache.code_stamp.cache_clear()  # pmlint's modules as the child process will see them
    cold = invoke("check", "pm", "--format", "json")  # fills the cache (PMLINT_CACHE_DIR)
    assert json.loads(cold.stdout)["nlp"]["reduced"] is False
    assert not spacy_imported("check", "pm", cwd=tmp_path)
    # ... and a file that changed does load it.
    write(tmp_path / "pm" / "b.md", GOOD_POSTMORTEM.replace("TODO", "Nobody forgot."))
    assert spacy_imported("check", "pm", cwd=tmp_path)
