"""Detection, trigger and mitigation categories of `pmlint analyze`, held out by repository.

usage: evaluate_categories.py LABELS.tsv [--pmlint PATH] [--shared DIR] [--folds K]
    [--fold N] [--errors]
       evaluate_categories.py LABELS.tsv --docs DIR [--pmlint PATH] [--errors]

LABELS.tsv holds a careful reader's categories for the documents of
`../shared/corpus/real` (columns file, detection, trigger, mitigation, and a line number
for each; kept outside the repository, like the documents). The documents fall in folds
by repository exactly as in `evaluate_facts.py` (`sha1(repo) mod K`): the word classes of
`rules/core/categories.yaml` are tuned while looking at fold 0 only, and the other folds
are the held-out figure. `--errors` lists the wrong ones of the folds printed (use it with
`--fold 0`).

`--docs DIR` measures another set of labelled documents instead, all of them one group with
no folds: the labels' files are read from DIR (for example a tuning half of postmortems from
other repositories, with its own CATEGORIES.tsv in the same format; a held-out half is
measured once, by whoever holds it out, never with `--errors` while tuning).

Per category it prints: the documents whose label is a class (`stated`: not `unknown`, not
`other`), those pmlint gives a value other than `unknown` (`given`), how many of those are
right (precision), right over stated (recall), and how many documents it gets right, an
`unknown` for a label `unknown` or `other` included (accuracy).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

from evaluate_facts import fold_arguments, fold_of, repositories

KINDS = ("detection", "trigger", "mitigation")


def predictions(pmlint: str, corpus: Path, files: list[str]) -> dict[str, dict[str, str]]:
    """file name -> kind -> pmlint's value."""
    command = [pmlint, "analyze", "--format", "json", *(str(corpus / f) for f in files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    payload = json.loads(result.stdout)
    out: dict[str, dict[str, str]] = {}
    for document in payload["documents"]:
        found = document.get("categories") or {}
        out[Path(document["path"]).name] = {
            kind: (found.get(kind) or {}).get("value") or "unknown" for kind in KINDS
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels")
    fold_arguments(parser, "category")
    parser.add_argument("--docs", help="a folder of the labels' documents: one group, no folds")
    args = parser.parse_args()
    if args.docs is not None:
        if not Path(args.labels).is_file():
            print("evaluate_categories: no labels; nothing to measure")
            return 0
        labels = _labels(args.labels)
        predicted = predictions(args.pmlint, Path(args.docs), sorted(labels))
        _report([(args.docs, list(labels))], labels, predicted, args.errors)
        return 0
    real = Path(args.shared) / "corpus" / "real"
    if not (real / "MANIFEST.tsv").is_file() or not Path(args.labels).is_file():
        print("evaluate_categories: no corpus or no labels; nothing to measure")
        return 0
    repo_of = repositories(real)
    labels = _labels(args.labels)
    predicted = predictions(args.pmlint, real, sorted(labels))
    groups = []
    for fold in range(args.folds):
        if args.fold is not None and fold != args.fold:
            continue
        names = [f for f in labels if fold_of(repo_of.get(f, f), args.folds) == fold]
        groups.append((f"fold {fold} ({'tuned on' if fold == 0 else 'held out'})", names))
    if args.fold is None:
        groups.append(("all (in-sample)", list(labels)))
    _report(groups, labels, predicted, args.errors)
    return 0


def _labels(path: str) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _report(
    groups: list[tuple[str, list[str]]],
    labels: dict[str, dict[str, str]],
    predicted: dict[str, dict[str, str]],
    errors: bool,
) -> None:
    for title, names in groups:
        print(f"== {title}: {len(names)} documents")
        for kind in KINDS:
            truth = {f: (labels[f].get(kind) or "unknown").strip() for f in names}
            given = {f: predicted.get(f, {}).get(kind, "unknown") for f in names}
            covered = [f for f in names if given[f] != "unknown"]
            right = [f for f in covered if given[f] == truth[f]]
            accurate = sum(
                given[f] == truth[f] or (given[f], truth[f]) == ("unknown", "other") for f in names
            )
            # "other": stated, but in no class of the vocabulary (pmlint can only say so from a
            # field); such documents count against precision when given a class
            stated = sum(truth[f] not in ("unknown", "other") for f in names)
            precision = len(right) / len(covered) if covered else 0.0
            print(
                f"{kind:10} stated {stated:3}  given {len(covered):3}  right {len(right):3}  "
                f"precision {precision:.2f}  recall {len(right) / max(stated, 1):.2f}  "
                f"accuracy {accurate / max(len(names), 1):.2f}"
            )
            if errors:
                for f in names:
                    if given[f] != truth[f]:
                        line = labels[f].get(f"{kind}_line") or "-"
                        print(f"   {f}: pmlint {given[f]}, label {truth[f]} (line {line})")


if __name__ == "__main__":
    sys.exit(main())
