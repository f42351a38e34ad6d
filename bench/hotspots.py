"""Where a cold run spends its time: pmlint's modules, markdown-it, spaCy and thinc, re.

    python bench/hotspots.py [--generated] [-n 200] [--seed 7] [--corpus DIR] [--top 15]

Builds N bench documents: real text without repeats (`bench/realcorpus.py`, from
../shared/corpus/real) when that folder is there, else or with `--generated` the
generated corpus (`bench/corpus.py`), whose repeated sentences hide the parser's cost.
Then it lints them once in this process under
cProfile (`--jobs 1 --no-cache`, trained pipeline), and prints the time of each area
(the functions' own time, summed by where they are defined) and pmlint's functions with
the most cumulative time. cProfile slows Python code more than compiled code, so the
shares lean towards pmlint's own modules; the order is what matters.

The lint runs as the program does: with its regex cache and kind memo
(`pmlint.regexcache`, in `PMLINT_REGEX_CACHE` or ~/.cache/pmlint), so that patterns a
run of the program would not compile do not show up as "re (compiling patterns)"; run it
twice where that line is large (the first run fills the cache).

cProfile charges each pass of the cycle collector to the function that was allocating when
the pass began, so a function may show time that is the collector's (0.7 s once, against
0.004 s with the collector off; the collector is about 0.25 s of a cold run of the 440 real
documents): where one function's own time looks out of line, profile it again with
`gc.disable()`, and take what a phase costs from `bench/phases.py`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is not a package: its folder is on the path
import realcorpus

AREAS = (
    ("/pmlint/", "pmlint."),  # pmlint.<module>, named below
    ("/markdown_it/", "markdown-it"),
    ("/mdit_py_plugins/", "markdown-it"),
    ("/spacy/", "spaCy"),
    ("spacy/", "spaCy"),  # compiled modules report "spacy/tokens/doc.pyx"
    ("/thinc/", "thinc"),
    ("thinc/", "thinc"),
    ("/numpy/", "numpy"),
    ("<frozen importlib", "imports"),
    ("/site-packages/", "other packages"),
    ("/re/", "re (compiling patterns)"),
    ("/lib/python3", "standard library"),
    ("/logging/", "logging (markdown-it's debug calls)"),
)


def area(filename: str, function: str) -> str:
    for marker, name in AREAS:
        if marker in filename:
            if name == "pmlint.":
                module = filename.split("/pmlint/", 1)[1].removesuffix(".py")
                return "pmlint." + module.replace("/", ".")
            return name
    if filename == "~":  # built-ins: regular expressions are worth their own line
        if "re.Pattern" in function:
            return "re (matching)"
        return "built-ins"
    return "other Python"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200, help="documents (200)")
    parser.add_argument("--generated", action="store_true", help="the generated corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="write the corpus here (default: temp)")
    parser.add_argument("--top", type=int, default=15, help="pmlint functions to list")
    args = parser.parse_args()
    folder = args.corpus or Path(tempfile.mkdtemp(prefix="pmlint-profile-")) / "corpus"
    if args.generated or not realcorpus.SOURCE.is_dir():
        kind = "generated"
        corpus.generate(folder, args.count, args.seed)
    else:
        kind = "real-text"
        realcorpus.build(folder, args.count, args.seed)

    from pmlint import regexcache
    from pmlint.cli import main as pmlint_main

    regexcache.enable()  # as `pmlint` the program: the run's `check` installs it

    out = folder.parent / "profile-out.json"
    argv = ["check", str(folder), "--jobs", "1", "--no-cache", "--format", "json", "-o", str(out)]
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        pmlint_main.main(argv, standalone_mode=False)
    except SystemExit:  # pmlint exits 1 on findings: the bench documents have some
        pass
    finally:
        profiler.disable()
        regexcache.save()  # what this run compiled, for the next (as the program does)
    stats = pstats.Stats(profiler)
    total = 0.0
    by_area: dict[str, float] = defaultdict(float)
    pmlint_functions = []
    for (filename, line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        own, cumulative = row[2], row[3]
        total += own
        by_area[area(filename, function)] += own
        if "/pmlint/" in filename:
            short = filename.split("/pmlint/", 1)[1]
            pmlint_functions.append((cumulative, f"{short}:{line} {function}"))
    print(f"{args.count} {kind} documents, {total:.2f} s under cProfile\n")
    print("| area | own time s | share |")
    print("|---|---:|---:|")
    for name, seconds in sorted(by_area.items(), key=lambda item: -item[1]):
        if seconds >= total * 0.005:
            print(f"| {name} | {seconds:.2f} | {seconds / total:.1%} |")
    print(f"\npmlint functions by cumulative time (top {args.top}):")
    for cumulative, name in sorted(pmlint_functions, reverse=True)[: args.top]:
        print(f"  {cumulative:6.2f} s  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
