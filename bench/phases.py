"""Where a cold run's CPU goes, by phase: process time, no profiler.

    python bench/phases.py [--generated] [-n 440] [--seed 7] [--corpus DIR] [--blank]

cProfile slows Python code several times more than compiled code (spaCy, thinc, regular
expressions), so `bench/hotspots.py` says where to look, not what a phase costs. This
lints the bench documents once in this process, as `pmlint check --jobs 1 --no-cache`
does (the trained pipeline, or `--blank`: `--nlp-model blank`), with `time.process_time`
taken around each phase and each rule, and prints every phase's own CPU (a phase that
runs inside another, spaCy inside a rule, counts for itself only). "other" is the rest:
imports, the config, the command line, rendering the JSON report.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # bench/ is not a package: its folder is on the path
import realcorpus

_own: Counter[str] = Counter()
_calls: Counter[str] = Counter()
_inside: list[float] = []  # CPU of the phases nested in each running one


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        _inside.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            nested = _inside.pop()
            spent = time.process_time() - started
            _own[name] += spent - nested
            _calls[name] += 1
            if _inside:
                _inside[-1] += spent

    return timed


class _TimedCheck:
    """A rule's check whose `check` and `texts_to_parse` count for the rule."""

    def __init__(self, rule_id: str, check: Any) -> None:
        self._check = check
        self._rule = rule_id
        self.texts_to_parse = _timed(f"{rule_id} choosing texts to parse", check.texts_to_parse)
        self._run = _timed(f"{rule_id} check", lambda *a: list(check.check(*a)))

    def check(self, *args: Any) -> Iterator[Any]:
        return iter(self._run(*args))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._check, name)


def _instrument() -> None:
    """Wrap the phases where the program looks them up (module globals, methods)."""
    from pmlint import engine, runner
    from pmlint.nlp import cascade, pipeline, syntax
    from pmlint.parse import markdown

    markdown._markdown().parse = _timed("markdown-it parse", markdown._markdown().parse)
    engine.parse_document = _timed("document build (with markdown-it)", engine.parse_document)
    engine.load_pipeline = _timed("spaCy import and model load", engine.load_pipeline)
    runner.Runner._read = _timed("read and decode", runner.Runner._read)
    pipe = _timed("spaCy pipe (tok2vec, tagger, parser, lemmas)", pipeline.pipe)
    pipeline.pipe = cascade.pipe = pipe
    syntax.ensure_entities = _timed("spaCy entities on demand", pipeline.ensure_entities)
    engine.Linter._suppress = _timed("suppressions", engine.Linter._suppress)
    original = engine.Linter.checks.fget

    def checks(self: Any) -> list[tuple[Any, Any]]:
        found = original(self)
        if found and not isinstance(found[0][1], _TimedCheck):
            found[:] = [(rule, _TimedCheck(rule.id, check)) for rule, check in found]
        return found

    engine.Linter.checks = property(checks)  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=440, help="documents (440)")
    parser.add_argument("--generated", action="store_true", help="the generated corpus")
    parser.add_argument("--blank", action="store_true", help="--nlp-model blank")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="lint the .md files of this folder")
    args = parser.parse_args()
    folder = args.corpus
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="pmlint-phases-")) / "corpus"
        if args.generated or not realcorpus.SOURCE.is_dir():
            corpus.generate(folder, args.count, args.seed)
        else:
            realcorpus.build(folder, args.count, args.seed)
    files = sorted(str(p) for p in folder.glob("*.md"))

    from pmlint import regexcache

    regexcache.enable()  # as `pmlint` the program: the run's `check` installs it
    _instrument()
    from pmlint.cli import main as pmlint_main

    out = folder.parent / "phases-out.json"
    argv = ["check", *files, "--jobs", "1", "--no-cache", "--format", "json", "-o", str(out)]
    if args.blank:
        argv += ["--nlp-model", "blank"]
    started = time.process_time()
    with contextlib.suppress(SystemExit):  # pmlint exits 1 on findings, as it should here
        pmlint_main.main(argv, standalone_mode=False)
    total = time.process_time() - started
    _own["other (imports, config, command line, report)"] = total - sum(_own.values())
    print(f"{len(files)} documents in {folder}, {total:.2f} s of CPU\n")
    print("| phase | CPU s | share | calls |")
    print("|---|---:|---:|---:|")
    for name, seconds in _own.most_common():
        if seconds >= 0.005:
            print(f"| {name} | {seconds:.2f} | {seconds / total:.1%} | {_calls[name] or ''} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
