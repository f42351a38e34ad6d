"""Benchmark pmlint against itself and its peers on two corpora, in one run.

    python bench/run.py [-n 1000] [--real-count 440] [--seed 7] [--sample 100] [--repeat 3]
                        [--only real|generated] [--corpus DIR] [--save-findings] [--keep]

The corpora, built at bench time under bench/.corpus (git-ignored; `--corpus` elsewhere):

- real: real incident reports without repeats (`bench/realcorpus.py`): the public
  postmortems of ../shared/corpus/real recombined section by section and varied (names,
  figures, times, common words) so that no two documents share a sentence. The row's
  corpus says "real"; without ../shared/corpus/real it is skipped, and says so.
- generated: N real-shaped postmortems recombined from this repository's examples and
  fixtures (`bench/corpus.py`); they reuse a small pool of sentences, which pmlint's
  batching parses once, so this corpus flatters pmlint.

On each, on the same files: pmlint cold (trained pipeline, no cache, `--jobs` at its
default: one per CPU; the median of `--repeat` runs), with `--jobs 1` and `--jobs 2`
(documents per second for 1, 2 and all cores), unbatched (generated only), filling an
empty cache and then warm, with `--nlp-model blank`; proselint (median of `--repeat`)
and markdownlint-cli2 where installed (`make bench` installs them under bench/.tools;
PROSELINT and MARKDOWNLINT_CLI2 name other copies): "not installed" else. For each row:
wall time, documents per second, CPU time, peak memory of the process tree and of its
largest process (one job), and the ratio to pmlint cold on that corpus.

Then, per corpus: the share of prose sentences sent to the parser (`PMLINT_STATS`), how
many parsed texts repeated one of their batch, whether every run found the same findings
as the cold run, and whether those are the findings stored in bench/findings.json (a
digest per corpus: a speed change must not change them; `--save-findings` stores the
current ones). Then the cascade against parsing every sentence (`PMLINT_PARSE_ALL`) on a
sample, the start-up and single-file times, and the targets of the speed issue. Python
tools run with their bytecode cached (in a folder of the run's), as installed packages
have it, whatever PYTHONDONTWRITEBYTECODE says, and pmlint with its regex cache
(`PMLINT_REGEX_CACHE`, in that folder too), as after any earlier run on the machine.
The first line shows the machine's load average: other processes slow every row, the CPU
column shows what each run itself used.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/ is not a package: its folder is on the path
import corpus
import realcorpus
from measure import (
    BYTECODE,
    Result,
    find_tool,
    machine,
    measure,
    median_run,
    median_time,
    pmlint_command,
    proselint_version,
    table,
    tool_version,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOOLS = HERE / ".tools"
CORPORA = HERE / ".corpus"
FINDINGS = HERE / "findings.json"
SMALL_FILE = REPO / "examples" / "2024-05-14-payments-api-latency.md"
TARGET_RATIO = 0.7  # pmlint cold / proselint on the real corpus
TARGET_WARM_PER_1000 = 0.3
TARGET_VERSION_S = 0.3
TARGET_SMALL_S = 1.0
TARGET_PARSED = 0.25
TARGET_JOB_MB = 600


def pmlint_run(
    name: str,
    args: list[str],
    folder: Path,
    work: Path,
    label: str,
    env: dict[str, str] | None = None,
) -> Result:
    """`pmlint check` on the corpus's files, named one by one: the corpus folder is
    git-ignored, and pmlint skips what .gitignore names when it walks a folder."""
    tag = f"{label}-{abs(hash(name))}"
    stats_file, out = work / f"stats-{tag}.json", work / f"out-{tag}.json"
    files = sorted(p.name for p in folder.glob("*.md"))
    command = [*pmlint_command(), "check", *files, "--format", "json", "-o", str(out), *args]
    result = measure(name, command, folder, {"PMLINT_STATS": str(stats_file), **(env or {})})
    with contextlib.suppress(OSError, ValueError):
        result.stats = json.loads(stats_file.read_text(encoding="utf-8"))
    with contextlib.suppress(OSError, ValueError, KeyError):
        result.found = findings(out)
    result.corpus = label
    return result


def findings(path: Path) -> frozenset[tuple]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(
        (f["path"], d["rule"], d["line"], d["column"], d["end_column"], d["message"])
        for f in data["files"]
        for d in f["diagnostics"]
    )


def digest(found: frozenset[tuple]) -> str:
    lines = sorted(json.dumps(list(item), ensure_ascii=False) for item in found)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


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


def peers(folder: Path, paths: list[Path], work: Path, label: str, repeat: int) -> list[Result]:
    """proselint (median of `repeat`) and markdownlint-cli2 on the corpus."""
    relative = [p.name for p in paths]
    proselint = find_tool("PROSELINT", TOOLS / "venv" / "bin" / "proselint", name="proselint")
    prose = Result("proselint")
    if proselint is None:
        prose.note = "not installed (make bench installs it)"
    else:
        home = work / f"home-{label}"
        home.mkdir()
        prose_env = {"XDG_CACHE_HOME": str(work / f"xdg-{label}"), "HOME": str(home)}
        prose = median_run(
            repeat, lambda: measure("proselint", [proselint, "check", *relative], folder, prose_env)
        )
        prose.note = proselint_version(proselint)
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
    for result in (prose, mdl):
        result.corpus = label
    return [prose, mdl]


def bench_corpus(
    label: str, folder: Path, paths: list[Path], work: Path, args: argparse.Namespace
) -> dict:
    """Every row on one corpus; the rows and what the summary needs of them."""
    env = {"PMLINT_CACHE_DIR": str(work / f"cache-{label}"), "NO_COLOR": "1"}
    cpus = os.cpu_count() or 1

    def run(name: str, extra: list[str], more: dict[str, str] | None = None) -> Result:
        return pmlint_run(name, extra, folder, work, label, {**env, **(more or {})})

    cold = median_run(args.repeat, lambda: run("pmlint cold", ["--no-cache"]))
    rows = [cold]
    by_jobs = {cold.stats.get("jobs", cpus): cold}
    for jobs in (1, 2):
        if jobs not in by_jobs:
            by_jobs[jobs] = run(f"pmlint cold, --jobs {jobs}", ["--no-cache", "-j", str(jobs)])
            rows.append(by_jobs[jobs])
    alone = None
    if label == "generated":
        # Without batches, no text is shared between documents and spaCy gets each
        # document's few texts per call: what a corpus without repeats costs at most.
        alone = run("pmlint cold, unbatched", ["--no-cache"], {"PMLINT_BATCH_FILES": "1"})
        alone.note = "each document's texts parsed on their own (PMLINT_BATCH_FILES=1)"
        rows.append(alone)
    rows.append(run("pmlint filling the cache", []))
    warm = run("pmlint warm (cached)", [])
    refills = 0
    while warm.stats.get("linted", 0) and refills < 3:
        # pmlint's own modules changed since the fill (a checkout being edited): that run
        # refilled the cache; measure again.
        refills += 1
        warm = run("pmlint warm (cached)", [])
    warm.note = f"{warm.stats.get('cached', 0)} of {warm.stats.get('files', 0)} from the cache"
    if refills:
        warm.note += f" (code changed during the run: refilled {refills}x)"
    rows.append(warm)
    rows.append(run("pmlint --nlp-model blank", ["--no-cache", "--nlp-model", "blank"]))
    rows[-1].note = "word lists only, no parser: findings differ"
    rows += peers(folder, paths, work, label, args.repeat)
    cold.note = f"{cold.stats.get('jobs', '?')} jobs (one per CPU)"
    for result in rows:
        result.documents = len(paths)
    same = [r for r in (*by_jobs.values(), warm, alone) if r is not None]
    return {
        "rows": rows,
        "cold": cold,
        "warm": warm,
        "alone": alone,
        "by_jobs": by_jobs,
        "same": same,
        "prose": rows[-2],
    }


def findings_report(label: str, count: int, seed: int, found: dict, args) -> list[str]:
    """Every run that must find the same findings against the cold run, and the cold run
    against the digest stored for this corpus."""
    lines = []
    cold = found["cold"].found
    if cold is None:
        return [f"{label}: no findings read from the cold run"]
    linted = found["cold"].stats.get("files", 0)
    if linted != count:
        lines.append(f"{label}: WARNING: pmlint linted {linted} of the {count} documents")
    differ = [r.name for r in found["same"] if r.found != cold]
    if differ:
        lines.append(f"{label}: findings DIFFER from the cold run's in: {', '.join(differ)}")
    else:
        names = "; ".join(r.name.removeprefix("pmlint ") for r in found["same"])
        lines.append(f"{label}: the same {len(cold)} findings in every run ({names})")
    key = f"{label} n={count} seed={seed}"
    stored = json.loads(FINDINGS.read_text(encoding="utf-8")) if FINDINGS.exists() else {}
    now = {
        "digest": digest(cold),
        "findings": len(cold),
        "by_rule": dict(sorted(Counter(item[1] for item in cold).items())),
    }
    before = stored.get(key)
    if args.save_findings:
        stored[key] = now
        FINDINGS.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        lines.append(f"{label}: findings digest stored in {FINDINGS.name} ({key})")
    elif before is None:
        lines.append(f"{label}: no stored digest for {key} (--save-findings stores one)")
    elif before["digest"] == now["digest"]:
        lines.append(f"{label}: findings identical to the stored digest ({key})")
    else:
        changed = {
            rule: (before["by_rule"].get(rule, 0), now["by_rule"].get(rule, 0))
            for rule in sorted(set(before["by_rule"]) | set(now["by_rule"]))
            if before["by_rule"].get(rule, 0) != now["by_rule"].get(rule, 0)
        }
        detail = ", ".join(f"{rule} {a}->{b}" for rule, (a, b) in changed.items()) or "messages"
        lines.append(f"{label}: findings DIFFER from the stored digest ({key}): {detail}")
    return lines


def build_corpora(args: argparse.Namespace, root: Path) -> list[tuple[str, Path, list[Path]]]:
    corpora = []
    if args.only in (None, "real"):
        folder = root / "real"
        started = time.perf_counter()
        if realcorpus.SOURCE.is_dir():
            notes: list[str] = []
            paths = realcorpus.build(folder, args.real_count, args.seed, log=notes.append)
            size = sum(p.stat().st_size for p in paths)
            print(
                f"corpus real: {len(paths)} documents, {size / 1e6:.1f} MB of real incident "
                f"reports from {realcorpus.SOURCE}, recombined and varied: {notes[0]}; in "
                f"{folder} ({time.perf_counter() - started:.1f} s to build)"
            )
            corpora.append(("real", folder, paths))
        else:
            print(f"corpus real: skipped ({realcorpus.SOURCE} not found)")
    if args.only in (None, "generated"):
        folder = root / "generated"
        started = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        paths = corpus.generate(folder, args.count, args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(
            f"corpus generated: {len(paths)} documents, {words / len(paths):.0f} words on "
            f"average, from examples/ and tests/fixtures (sentences reused), in {folder} "
            f"({time.perf_counter() - started:.1f} s to generate)"
        )
        corpora.append(("generated", folder, paths))
    return corpora


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000, help="generated documents")
    parser.add_argument("--real-count", type=int, default=440, help="real-text documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=100, help="documents for the cascade check")
    parser.add_argument("--only", choices=("real", "generated"), help="one corpus only")
    parser.add_argument("--corpus", type=Path, default=CORPORA, help="build the corpora here")
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    parser.add_argument("--save-findings", action="store_true", help=f"store in {FINDINGS.name}")
    parser.add_argument("--repeat", type=int, default=3, help="runs of cold and proselint")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pmlint-bench-"))
    BYTECODE.update(
        PYTHONDONTWRITEBYTECODE="",
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        PMLINT_REGEX_CACHE=str(work / "regex.json"),
    )
    print(f"machine: {machine()}")
    corpora = build_corpora(args, args.corpus)
    pmlint = pmlint_command()
    version = tool_version([*pmlint, "--version"])
    # One untimed run first: it writes the bytecode cache of pmlint and spaCy and pmlint's
    # regex cache (the first run of a fresh cache compiles them, which later runs on the
    # machine do not), on the small file and a few documents of each corpus.
    first = [str(path) for _, _, paths in corpora for path in paths[:8]]
    measure("warm-up", [*pmlint, "check", "--no-cache", "-j", "1", str(SMALL_FILE), *first], REPO)
    print(f"pmlint: {version}; jobs by default: {os.cpu_count()} CPUs\n", flush=True)

    done = {
        label: bench_corpus(label, folder, paths, work, args) for label, folder, paths in corpora
    }
    rows = [row for found in done.values() for row in found["rows"]]
    print(table(rows, {label: found["cold"] for label, found in done.items()}))
    for result in rows:
        if result.spread:
            print(f"{result.corpus} {result.name}: {result.spread}")

    print()
    for label, found in done.items():
        cold, alone = found["cold"], found["alone"]
        count = len(next(p for name, _, p in corpora if name == label))
        candidates, with_items = share(cold.stats)
        seen, asked = cold.stats.get("sentences_seen", 0), cold.stats.get("sentences_parsed", 0)
        parsed = cold.stats.get("spacy_texts", 0)
        print(
            f"{label}: sent to the parser: {asked - cold.stats.get('items_parsed', 0)} of {seen} "
            f"prose sentences ({candidates:.1%}); with the action items parsed for PM403, "
            f"{asked} texts ({with_items:.1%}); spaCy parsed {parsed} distinct texts: "
            f"{1 - parsed / (asked or 1):.0%} repeated a text of their batch"
            + (f" (unbatched: {alone.stats.get('spacy_texts', 0)} parsed)" if alone else "")
        )
        rates = ", ".join(
            f"{jobs} job{'s' if jobs > 1 else ''}: {count / r.wall:.0f} docs/s, "
            f"{r.job_kb / 1024:.0f} MB max per process"
            for jobs, r in sorted(found["by_jobs"].items())
            if r.wall and r.job_kb
        )
        print(f"{label}: cold by jobs: {rates}")
        for line in findings_report(label, count, args.seed, found, args):
            print(line)

    version_time, _ = median_time([*pmlint, "--version"], REPO)
    small = median_run(
        3,
        lambda: measure(
            "small", [*pmlint, "check", "--no-cache", str(SMALL_FILE)], REPO, {"NO_COLOR": "1"}
        ),
    )
    sample_from = next(iter(corpora))[2]
    sample = sample_from[: max(1, min(args.sample, len(sample_from)))]
    verdict, everything = cascade_check(sample, work)
    print()
    print(f"pmlint --version: {version_time:.2f} s (median of 5)")
    print(
        f"pmlint check {SMALL_FILE.relative_to(REPO)} (cold, trained pipeline): "
        f"{small.wall:.2f} s ({small.spread}), {small.job_kb / 1024:.0f} MB"
    )
    print(
        f"cascade vs parsing every sentence ({len(sample)} documents of {corpora[0][0]}, "
        f"{everything.get('sentences_parsed', 0)} texts parsed): {verdict}"
    )
    print()
    checks: list[tuple[str, bool, str]] = []
    real = done.get("real")
    if real is not None:
        cold, prose = real["cold"], real["prose"]
        ratio = cold.wall / prose.wall if cold.wall and prose.wall else None
        checks.append(
            (
                f"real corpus: pmlint cold <= {TARGET_RATIO}x proselint (medians of {args.repeat})",
                ratio is not None and ratio <= TARGET_RATIO,
                f"{cold.wall:.2f} s vs {prose.wall:.2f} s: {ratio:.2f}x"
                if ratio
                else "no proselint",
            )
        )
        worst = max((r.job_kb or 0) for r in real["rows"] if r.name.startswith("pmlint"))
        checks.append(
            (
                f"real corpus: no pmlint process above {TARGET_JOB_MB} MB",
                worst / 1024 <= TARGET_JOB_MB,
                f"largest {worst / 1024:.0f} MB",
            )
        )
    for label, found in done.items():
        warm = found["warm"]
        if not warm.wall or not warm.documents:
            continue
        if warm.documents >= 1000:  # the target is for 1,000 documents: start-up counts once
            checks.append(
                (
                    f"{label} corpus: warm <= {TARGET_WARM_PER_1000} s for 1,000 documents",
                    warm.wall * 1000 / warm.documents <= TARGET_WARM_PER_1000,
                    f"{warm.wall:.2f} s for {warm.documents}",
                )
            )
        else:
            print(f"{label} corpus: warm {warm.wall:.2f} s for {warm.documents} documents")
    candidates = share(done[corpora[0][0]]["cold"].stats)[0]
    checks += [
        (
            f"pmlint check <one file> <= {TARGET_SMALL_S:.1f} s (cold, median of 3)",
            small.wall is not None and small.wall <= TARGET_SMALL_S,
            f"{small.wall:.2f} s",
        ),
        (
            f"--version <= {TARGET_VERSION_S} s",
            version_time <= TARGET_VERSION_S,
            f"{version_time:.2f} s",
        ),
        (
            f"cascade parses < {TARGET_PARSED:.0%} of prose sentences ({corpora[0][0]})",
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
