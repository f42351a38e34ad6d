"""Running a tool and measuring it, for `bench/run.py`: wall and CPU time, peak memory of
the process tree and of its largest process, medians of repeated runs, the results table.
"""

from __future__ import annotations

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


@dataclass
class Result:
    name: str
    wall: float | None = None  # seconds; None: not run
    cpu: float | None = None  # user + system seconds of the process and its workers
    peak_kb: int | None = None  # the process tree's resident memory at its peak (sampled)
    job_kb: int | None = None  # the largest peak of one process of the tree (a job)
    code: int | None = None
    note: str = ""
    spread: str = ""  # the walls of repeated runs, when this is their median
    corpus: str = ""  # which corpus the row used
    documents: int = 0
    stats: dict[str, int] = field(default_factory=dict)
    found: frozenset[tuple] | None = None  # pmlint's findings, for the identity checks


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return found


def tree_rss_kb(pid: int) -> dict[int, int]:
    """Resident memory of a process and of each of its descendants, by pid, from /proc
    (empty elsewhere)."""
    sizes: dict[int, int] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        if current in sizes:
            continue
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        sizes[current] = int(line.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(current))
    return sizes


# Python tools run with their bytecode cached, as an installed package has it, also where
# PYTHONDONTWRITEBYTECODE is set; the cache goes to a folder of the run's, not the tree.
BYTECODE: dict[str, str] = {}


def measure(name: str, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run once; wall time, children's CPU time, the peak of the process tree's RSS and the
    largest peak of one of its processes (a worker, or the main process)."""
    merged = {**os.environ, **BYTECODE, **(env or {})}
    with tempfile.TemporaryFile() as stderr:  # a pipe would fill up and block the tool
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=merged, stdout=subprocess.DEVNULL, stderr=stderr
        )
        peak = 0
        per_process: dict[int, int] = {}
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            sizes = tree_rss_kb(process.pid)
            peak = max(peak, sum(sizes.values()))
            for child, size in sizes.items():
                per_process[child] = max(per_process.get(child, 0), size)
            time.sleep(0.05)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    job = max([usage.ru_maxrss, *per_process.values()])  # ru_maxrss: kB on Linux
    peak = max(peak, job)
    result = Result(name, wall, usage.ru_utime + usage.ru_stime, peak, job, process.returncode)
    if process.returncode not in (0, 1):
        result.note = f"exit {process.returncode}: {errors.strip().splitlines()[-1:] or ''}"
    return result


def median_run(runs: int, run: Callable[[], Result]) -> Result:
    """The run of median wall time among `runs` (for the rows a target compares: one run
    can be slowed by anything else the machine does); `spread` lists them all."""
    results = sorted((run() for _ in range(max(1, runs))), key=lambda r: r.wall or 0.0)
    chosen = results[len(results) // 2]
    if len(results) > 1:
        walls = ", ".join(f"{r.wall:.2f}" for r in results if r.wall is not None)
        chosen.spread = f"median of {len(results)}: {walls} s"
    return chosen


def median_time(command: list[str], cwd: Path, runs: int = 5) -> tuple[float, list[float]]:
    """The median wall time of `runs` runs, and all of them."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        env = {**os.environ, **BYTECODE}
        subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2], times


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


def table(results: list[Result], baselines: dict[str, Result]) -> str:
    """A Markdown table of the rows; "vs cold": the ratio to pmlint cold on the row's corpus."""
    header = ("corpus", "run", "wall s", "docs/s", "CPU s", "peak MB", "max/job MB", "vs cold")
    rows = [(*header, "note")]
    for r in results:
        if r.wall is None:
            rows.append((r.corpus, r.name, "-", "-", "-", "-", "-", "-", r.note))
            continue
        cold = baselines.get(r.corpus)
        ratio = f"{r.wall / cold.wall:.2f}x" if cold is not None and cold.wall else "-"
        rows.append(
            (
                r.corpus,
                r.name,
                f"{r.wall:.2f}",
                f"{r.documents / r.wall:.0f}" if r.wall and r.documents else "-",
                f"{r.cpu:.1f}" if r.cpu is not None else "-",
                f"{r.peak_kb / 1024:.0f}" if r.peak_kb else "-",
                f"{r.job_kb / 1024:.0f}" if r.job_kb else "-",
                ratio,
                r.note,
            )
        )
    left = (0, 1, len(header))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            rule = [
                "-" * (w + 2) if i in left else "-" * (w + 1) + ":" for i, w in enumerate(widths)
            ]
            lines.append("|" + "|".join(rule) + "|")
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
