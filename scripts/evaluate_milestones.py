"""The milestone model measured held out by repository, as an entry classifier and as a
chooser combined with the rules.

    python scripts/evaluate_milestones.py [--pmlint PATH] [--folds K] [--threshold T ...]
        [--validate FACTS.tsv ...] [--override L] [--save DIR]

1. Entry classifier: grouped folds by repository (`langtrain.grouped_folds`), each fold's
   entries scored by a model trained on the other repositories' documents; per-class
   precision and recall of the most probable class, and per document whether the entry the
   model scores highest for a milestone is at its time.
2. Chooser: the real corpus split as `evaluate_facts.py` splits it (`sha1(repo) mod K`), each
   fold measured with `../shared/tools/facts_eval.py` by the rules alone and by the rules with
   a model trained on the other folds (the model fills a milestone the rules left empty, from
   `--threshold`; with `--override L` it also replaces a timeline pick it scores below L by an
   entry it scores higher by the threshold).
3. `--validate`: FACTS files of documents never trained on, with the model trained on the
   whole corpus, against the rules alone.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import evaluate_facts as ef
import langtrain as lt
import milestonecat as mc
import milestonetrain as mt


class _Grouped:
    def __init__(self, item: mt.Item) -> None:
        self.group = item.group


def entry_classifier(items: list[mt.Item], k: int) -> None:
    folds = lt.grouped_folds([_Grouped(i) for i in items], k)
    cats: dict[int, dict[str, float]] = {}
    for held in folds:
        nlp = mt.train([i for i in items if i.group not in held])
        test = [i for i in items if i.group in held]
        for item, doc in zip(test, nlp.pipe([i.read for i in test]), strict=True):
            cats[id(item)] = doc.cats
    print(f"== entry classifier, {k} folds grouped by repository ({len(items)} entries)")
    for kind in mc.CLASSES:
        guess = [i for i in items if max(cats[id(i)], key=cats[id(i)].get) == kind]
        truth = [i for i in items if i.label == kind]
        right = sum(i.label == kind for i in guess)
        print(
            f"{kind:9s} precision {right / max(len(guess), 1):.2f} recall "
            f"{right / max(len(truth), 1):.2f} ({right}/{len(truth)}, predicted {len(guess)})"
        )
    by_doc: dict[str, list[mt.Item]] = collections.defaultdict(list)
    for item in items:
        by_doc[item.doc].append(item)
    for kind in mt.MILESTONES:
        labelled = right = 0
        for found in by_doc.values():
            reads = {i.read for i in found if i.label == kind}
            if not reads:
                continue
            labelled += 1
            best = max(found, key=lambda i: cats[id(i)][kind])
            right += best.read in reads
        print(f"top entry per document, {kind}: {right}/{labelled}")


def save(nlp, folder: Path, threshold: float, items: list[mt.Item]) -> None:
    lt.save(nlp, folder, mc.KIND, 0.0, threshold, {"entries": len(items)})


def facts(pmlint: str, table: Path, model: str) -> str:
    """facts_eval's summary line: the rules alone (`model` "off") through `pmlint`, or with the
    model in folder `model` through `pmlint_milestones.py`."""
    env = {**os.environ, mc.MODELS_ENV: model}
    if model != "off":
        wrapper = Path(model) / "pmlint"
        wrapper.write_text(
            f"#!/bin/sh\nPYTHONPATH={lt.ROOT / 'src'} exec {sys.executable} "
            f'{lt.ROOT / "scripts" / "pmlint_milestones.py"} "$@"\n'
        )
        wrapper.chmod(0o755)
        pmlint = str(wrapper)
    tool = lt.ROOT.parent / "shared" / "tools" / "facts_eval.py"
    command = [sys.executable, str(tool), pmlint, str(table), "--min-recall", "0"]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=False).stdout
    return out.strip().splitlines()[-1] if out.strip() else "(no output)"


def chooser(items: list[mt.Item], pmlint: str, k: int, thresholds: list[float]) -> None:
    real = mt.REAL
    repo_of = ef.repositories(real)
    with (real / "FACTS.tsv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    with tempfile.TemporaryDirectory(prefix="pmlint-milestones-") as tmp:
        work = Path(tmp)
        for row in rows:
            shutil.copy(real / row["file"], work / row["file"])
        for fold in range(k):
            inside = {r["file"] for r in rows if ef.fold_of(repo_of[r["file"]], k) == fold}
            table = work / f"FACTS-{fold}.tsv"
            with table.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, columns, delimiter="\t", lineterminator="\n")
                writer.writeheader()
                writer.writerows(r for r in rows if r["file"] in inside)
            train = [i for i in items if i.doc not in inside]
            nlp = mt.train(train)
            print(f"== fold {fold} ({len(inside)} docs; model from {len(train)} entries)")
            print(f"rules alone: {facts(pmlint, table, 'off')}")
            for threshold in thresholds:
                folder = work / f"model-{fold}-{threshold}"
                save(nlp, folder, threshold, train)
                print(f"with model >= {threshold}: {facts(pmlint, table, str(folder))}")


def validate(items: list[mt.Item], pmlint: str, tables: list[str], thresholds: list[float]):
    nlp = mt.train(items)
    with tempfile.TemporaryDirectory(prefix="pmlint-milestones-") as tmp:
        for table in tables:
            print(f"== {table}")
            print(f"rules alone: {facts(pmlint, Path(table), 'off')}")
            for threshold in thresholds:
                folder = Path(tmp) / f"model-{threshold}"
                if not folder.exists():
                    save(nlp, folder, threshold, items)
                print(f"with model >= {threshold}: {facts(pmlint, Path(table), str(folder))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pmlint", default=str(lt.ROOT / ".venv" / "bin" / "pmlint"))
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--entry-folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--validate", action="append", default=[])
    parser.add_argument("--skip", action="append", default=[], help="entries|chooser")
    parser.add_argument("--save", help="also write the model trained on every document here")
    parser.add_argument(
        "--override",
        type=float,
        help="also re-choose a milestone the timeline's words chose when the model gives their "
        "entry less than this and another entry more, by at least the threshold",
    )
    args = parser.parse_args()
    if args.override is not None:
        os.environ[mc.OVERRIDE_ENV] = str(args.override)
    if not (mt.REAL / "FACTS.tsv").is_file():
        print(f"evaluate_milestones: no corpus at {mt.REAL}; nothing to measure")
        return 0
    items = mt.entries()
    thresholds = args.threshold or [0.5]
    if "entries" not in args.skip:
        entry_classifier(items, args.entry_folds)
    if "chooser" not in args.skip:
        chooser(items, args.pmlint, args.folds, thresholds)
    if args.validate:
        validate(items, args.pmlint, args.validate, thresholds)
    if args.save:
        save(mt.train(items), Path(args.save), thresholds[0], items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
