"""Benchmark pmlint against itself and its peers on one generated corpus, in one run.

    python bench/run.py [-n 1000] [--seed 7] [--sample 100] [--repeat 3] [--corpus DIR] [--keep]

Builds N real-shaped postmortems (`bench/corpus.py`), then times on the same files:

- pmlint cold: the trained pipeline, no cache, `--jobs` at its default (one per CPU);
- pmlint cold with one job (`--jobs 1`), to show what the workers bring;
- pmlint cold unbatched (`PMLINT_BATCH_FILES=1`): each document's texts go to spaCy on
  their own, so none is shared between documents (the corpus reuses its sentences far
  more than a real repository; this row bounds what a corpus without repeats costs);
- pmlint filling an empty cache, then pmlint warm: the same run with nothing changed;
- pmlint with `--nlp-model blank` (word lists only, no parser);
- proselint and markdownlint-cli2 where installed (`make bench` installs them under
  bench/.tools; PROSELINT and MARKDOWNLINT_CLI2 name other copies): "not installed" else.

pmlint cold and proselint, which the first target compares, run three times (`--repeat`)
and show their median. For each: wall time, documents per second, CPU time, peak memory
(the sum of the resident memory of the process and its workers, sampled), and the ratio
to pmlint cold. Then the
cascade's share of prose sentences sent to the parser (`PMLINT_STATS`), whether the
cascade finds exactly what parsing every sentence finds (`PMLINT_PARSE_ALL`) on a sample
of the corpus, the start-up times, and the targets. Python tools run with their bytecode
cached (in a folder of the run's), as installed packages have it, whatever
PYTHONDONTWRITEBYTECODE says. The other processes on the machine count: the first line
shows its load average, and the CPU column what each run itself used.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is not a package: its folder is on the path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOOLS = HERE / ".tools"
SMALL_FILE = REPO / "examples" / "2024-05-14-payments-api-latency.md"
TARGET_WARM_S = 1.0
TARGET_VERSION_S = 0.3
TARGET_SMALL_S = 3.0
TARGET_PARSED = 0.25


@dataclass
class Result:
    name: str
    wall: float | None = None  # seconds; None: not run
    cpu: float | None = None  # user + system seconds of the process and its workers
    peak_kb: int | None = None
    code: int | None = None
    note: str = ""
    spread: str = ""  # the walls of repeated runs, when this is their median
    stats: dict[str, int] = field(default_factory=dict)


# -- running and measuring ------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return found


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants, from /proc (0 elsewhere)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(current))
    return total


# Python tools run with their bytecode cached, as an installed package has it, also where
# PYTHONDONTWRITEBYTECODE is set; the cache goes to a folder of the run's, not the tree.
BYTECODE: dict[str, str] = {}


def measure(name: str, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run once; wall time, children's CPU time and the peak of the process tree's RSS."""
    merged = {**os.environ, **BYTECODE, **(env or {})}
    with tempfile.TemporaryFile() as stderr:  # a pipe would fill up and block the tool
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=merged, stdout=subprocess.DEVNULL, stderr=stderr
        )
        peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    peak = max(peak, usage.ru_maxrss)  # kB on Linux: the largest single process
    result = Result(name, wall, usage.ru_utime + usage.ru_stime, peak, process.returncode)
    if process.returncode not in (0, 1):
        result.note = f"exit {process.returncode}: {errors.strip().splitlines()[-1:] or ''}"
    return result


def median_run(runs: int, run: Callable[[], Result]) -> Result:
    """The run of median wall time among `runs` (for the rows a target compares: one run
    can be slowed by anything else the machine does); its note says how many."""
    results = sorted((run() for _ in range(max(1, runs))), key=lambda r: r.wall or 0.0)
    chosen = results[len(results) // 2]
    if len(results) > 1:
        walls = ", ".join(f"{r.wall:.2f}" for r in results if r.wall is not None)
        chosen.spread = f"median of {len(results)}: {walls} s"
    return chosen


def pmlint_command() -> list[str]:
    script = Path(sys.executable).with_name("pmlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmlint"]


def find_tool(env_name: str, *candidates: Path, name: str) -> str | None:
    if os.environ.get(env_name):
        named = os.environ[env_name]
        return named if os.path.exists(named) or shutil.which(named) else None
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def tool_version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0].strip() if text else ""


def proselint_version(proselint: str) -> str:
    python = Path(proselint).with_name("python")
    if python.exists():
        code = "import importlib.metadata as m; print(m.version('proselint'))"
        return tool_version([str(python), "-c", code])
    return tool_version([proselint, "version"])


def median_time(command: list[str], cwd: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        env = {**os.environ, **BYTECODE}
        subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


# -- the benchmark ---------------------------------------------------------------------------


def pmlint_run(
    name: str, args: list[str], folder: Path, work: Path, env: dict[str, str] | None = None
) -> Result:
    stats_file = work / f"stats-{abs(hash(name))}.json"
    out = work / f"out-{abs(hash(name))}.json"
    command = [*pmlint_command(), "check", ".", "--format", "json", "-o", str(out), *args]
    result = measure(name, command, folder, {"PMLINT_STATS": str(stats_file), **(env or {})})
    with contextlib.suppress(OSError, ValueError):
        result.stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return result


def findings(path: Path) -> set[tuple]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        (f["path"], d["rule"], d["line"], d["column"], d["end_column"], d["message"])
        for f in data["files"]
        for d in f["diagnostics"]
    }


def cascade_check(files: list[Path], work: Path) -> tuple[str, dict[str, int]]:
    """The cascade against parsing every sentence, on a sample: identical findings?"""
    sample = work / "sample"
    sample.mkdir()
    for path in files:
        shutil.copy(path, sample / path.name)
    outputs = {}
    stats = {}
    for label, env in (("cascade", {}), ("all", {"PMLINT_PARSE_ALL": "1"})):
        out = work / f"sample-{label}.json"
        stats_file = work / f"sample-{label}-stats.json"
        command = [
            *pmlint_command(),
            "check",
            ".",
            "--no-cache",
            "--format",
            "json",
            "-o",
            str(out),
        ]
        measure(label, command, sample, {**env, "PMLINT_STATS": str(stats_file)})
        outputs[label] = findings(out)
        stats[label] = json.loads(stats_file.read_text(encoding="utf-8"))
    cascade, every = outputs["cascade"], outputs["all"]
    if cascade == every:
        verdict = f"identical ({len(cascade)} findings in {len(files)} documents)"
    else:
        verdict = (
            f"DIFFERENT: {len(every - cascade)} found only by parsing everything, "
            f"{len(cascade - every)} only by the cascade (of {len(every)})"
        )
    return verdict, stats["all"]


def share(stats: dict[str, int]) -> tuple[float, float]:
    """(cascade candidates, all texts parsed incl. action items) per prose sentence."""
    seen = stats.get("sentences_seen", 0) or 1
    parsed = stats.get("sentences_parsed", 0)
    items = stats.get("items_parsed", 0)
    return (parsed - items) / seen, parsed / seen


def table(results: list[Result], documents: int, cold: Result) -> str:
    header = ("run", "wall s", "docs/s", "CPU s", "peak MB", "vs cold", "note")
    rows = [header]
    for r in results:
        if r.wall is None:
            rows.append((r.name, "-", "-", "-", "-", "-", r.note))
            continue
        ratio = f"{r.wall / cold.wall:.2f}x" if cold.wall else "-"
        rows.append(
            (
                r.name,
                f"{r.wall:.2f}",
                f"{documents / r.wall:.0f}" if r.wall else "-",
                f"{r.cpu:.1f}" if r.cpu is not None else "-",
                f"{r.peak_kb / 1024:.0f}" if r.peak_kb else "-",
                ratio,
                r.note,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i in (0, 6) else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append(
                "|"
                + "|".join(
                    "-" * (w + 1) + ":" if i not in (0, 6) else "-" * (w + 2)
                    for i, w in enumerate(widths)
                )
                + "|"
            )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}{load}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000, help="documents (1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=100, help="documents for the cascade check")
    parser.add_argument("--corpus", type=Path, help="write the corpus here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--no-serial", action="store_true", help="skip the --jobs 1 run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of pmlint cold and proselint (median)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pmlint-bench-"))
    BYTECODE.update(PYTHONDONTWRITEBYTECODE="", PYTHONPYCACHEPREFIX=str(work / "pycache"))
    folder = args.corpus or work / "corpus"
    print(f"machine: {machine()}")
    started = time.perf_counter()
    paths = corpus.generate(folder, args.count, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(
        f"corpus: {len(paths)} documents, {words / len(paths):.0f} words on average, "
        f"in {folder} ({time.perf_counter() - started:.1f} s to generate)"
    )
    env = {"PMLINT_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    pmlint = pmlint_command()
    version = tool_version([*pmlint, "--version"])
    print(f"pmlint: {version}; jobs by default: {os.cpu_count()} CPUs\n", flush=True)

    results: list[Result] = []
    cold = median_run(
        args.repeat, lambda: pmlint_run("pmlint cold", ["--no-cache"], folder, work, env)
    )
    results.append(cold)
    if not args.no_serial:
        results.append(pmlint_run("pmlint cold, --jobs 1", ["--no-cache", "-j", "1"], folder, work))
    # Without batches, no text is shared between documents and spaCy gets each document's
    # few texts per call: what a repository whose documents share no sentence costs at most.
    alone = pmlint_run(
        "pmlint cold, unbatched", ["--no-cache"], folder, work, {**env, "PMLINT_BATCH_FILES": "1"}
    )
    results.append(alone)
    fill = pmlint_run("pmlint filling the cache", [], folder, work, env)
    results.append(fill)
    warm = pmlint_run("pmlint warm (cached)", [], folder, work, env)
    refills = 0
    while warm.stats.get("linted", 0) and refills < 3:
        # pmlint's own modules changed since the fill (a development checkout being
        # edited): that run refilled the cache; measure again.
        refills += 1
        warm = pmlint_run("pmlint warm (cached)", [], folder, work, env)
    results.append(warm)
    blank = pmlint_run(
        "pmlint --nlp-model blank", ["--no-cache", "--nlp-model", "blank"], folder, work
    )
    results.append(blank)
    # What the secret and personal-data detectors (PM601, PM602) cost: the cold run without them.
    unscanned = pmlint_run(
        "pmlint cold, --ignore PM601,PM602", ["--no-cache", "--ignore", "PM601,PM602"], folder, work
    )
    results.append(unscanned)

    relative = [p.name for p in paths]
    proselint = find_tool("PROSELINT", TOOLS / "venv" / "bin" / "proselint", name="proselint")
    prose = Result("proselint")
    if proselint is None:
        prose.note = "not installed (make bench installs it)"
    else:
        prose_cache = {"XDG_CACHE_HOME": str(work / "xdg"), "HOME": str(work / "home")}
        (work / "home").mkdir()
        prose = median_run(
            args.repeat,
            lambda: measure("proselint", [proselint, "check", *relative], folder, prose_cache),
        )
        prose.note = proselint_version(proselint)
    results.append(prose)
    markdownlint = find_tool(
        "MARKDOWNLINT_CLI2",
        TOOLS / "node_modules" / ".bin" / "markdownlint-cli2",
        name="markdownlint-cli2",
    )
    mdl = Result("markdownlint-cli2")
    if markdownlint is None:
        mdl.note = "not installed (make bench installs it)"
    else:
        mdl = measure("markdownlint-cli2", [markdownlint, "*.md"], folder)
        mdl.note = tool_version([markdownlint, "--help"]).replace("markdownlint-cli2 ", "")
    results.append(mdl)

    cold.note = f"{cold.stats.get('jobs', '?')} jobs"
    alone.note = "each document's texts parsed on their own (PMLINT_BATCH_FILES=1)"
    warm.note = f"{warm.stats.get('cached', 0)} of {warm.stats.get('files', 0)} from the cache"
    if refills:
        warm.note += f" (code changed during the run: refilled {refills}x)"
    print(table(results, len(paths), cold))
    for result in results:
        if result.spread:
            print(f"{result.name}: {result.spread}")

    version_time = median_time([*pmlint, "--version"], REPO)
    small = measure(
        "small", [*pmlint, "check", "--no-cache", str(SMALL_FILE)], REPO, {"NO_COLOR": "1"}
    )
    candidates, with_items = share(cold.stats)
    sample = paths[: max(1, min(args.sample, len(paths)))]
    verdict, everything = cascade_check(sample, work)
    print()
    print(f"pmlint --version: {version_time:.2f} s (median of 5)")
    print(f"one small file, cold, trained pipeline: {small.wall:.2f} s ({SMALL_FILE.name})")
    seen = cold.stats.get("sentences_seen", 0)
    print(
        f"cascade: {cold.stats.get('sentences_parsed', 0) - cold.stats.get('items_parsed', 0)}"
        f" of {seen} prose sentences parsed ({candidates:.1%}); with the action items "
        f"parsed for PM403, {cold.stats.get('sentences_parsed', 0)} texts ({with_items:.1%})"
    )
    asked, parsed = cold.stats.get("sentences_parsed", 0), cold.stats.get("spacy_texts", 0)
    print(
        f"spaCy parsed {parsed} distinct texts for those {asked}: "
        f"{1 - parsed / (asked or 1):.0%} repeated a text of the same batch of documents "
        f"(unbatched: {alone.stats.get('spacy_texts', 0)} parsed)"
    )
    print(
        f"cascade vs parsing every sentence ({len(sample)} documents, "
        f"{everything.get('sentences_parsed', 0)} texts parsed): {verdict}"
    )
    print()
    checks = [
        (
            "cold wall time <= proselint's",
            prose.wall is not None and cold.wall is not None and cold.wall <= prose.wall,
            f"{cold.wall:.1f} s vs {prose.wall:.1f} s" if prose.wall else "proselint missing",
        ),
        (
            f"warm <= {TARGET_WARM_S:.1f} s",
            warm.wall is not None and warm.wall <= TARGET_WARM_S,
            f"{warm.wall:.2f} s",
        ),
        (
            f"--version <= {TARGET_VERSION_S} s",
            version_time <= TARGET_VERSION_S,
            f"{version_time:.2f} s",
        ),
        (
            f"one small file cold <= {TARGET_SMALL_S:.0f} s",
            small.wall is not None and small.wall <= TARGET_SMALL_S,
            f"{small.wall:.2f} s",
        ),
        (
            f"cascade parses < {TARGET_PARSED:.0%} of prose sentences",
            candidates < TARGET_PARSED,
            f"{candidates:.1%}",
        ),
        ("cascade finds what parsing everything finds", verdict.startswith("identical"), ""),
    ]
    for label, met, detail in checks:
        print(f"[{'x' if met else ' '}] {label}" + (f": {detail}" if detail else ""))
    if args.keep:
        print(f"\nkept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
        if args.corpus is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
