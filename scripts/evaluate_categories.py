"""Detection, trigger and mitigation categories of `pmlint analyze`, held out by repository.

usage: evaluate_categories.py LABELS.tsv [--pmlint PATH] [--shared DIR] [--folds K]
    [--fold N] [--errors]
       evaluate_categories.py LABELS.tsv --docs DIR [--pmlint PATH] [--errors]
       evaluate_categories.py LABELS.tsv [LABELS.tsv ...] --docs beside [--pmlint PATH]

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
measured once, by whoever holds it out, never with `--errors` while tuning). `--docs beside`
reads each labels file's documents from the labels file's own folder: several sets, each a
group, then pooled.

Per category it prints: the documents whose label is a class (`stated`: not `unknown`, not
`other`), those pmlint gives a value other than `unknown` (`given`), how many of those are
right (precision), right over stated (recall), and how many documents it gets right, an
`unknown` for a label `unknown` or `other` included (accuracy). A second line per category
gives what a reader of a trend table needs: coverage (the share of documents given a value,
not `unknown`), precision (the share of those values the label agrees with) and accuracy,
then right/given per source of the value (field, timeline, section, prose, title, model).
`--errors` names each wrong value's source too.
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
    """file name -> kind -> pmlint's value; `<kind>/how` -> the source that gave it (field,
    timeline, section, prose, title, model, ...)."""
    command = [pmlint, "analyze", "--format", "json", *(str(corpus / f) for f in files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    payload = json.loads(result.stdout)
    out: dict[str, dict[str, str]] = {}
    for document in payload["documents"]:
        found = document.get("categories") or {}
        name = Path(document["path"]).name
        out[name] = {kind: (found.get(kind) or {}).get("value") or "unknown" for kind in KINDS}
        out[name].update(
            {f"{kind}/how": str((found.get(kind) or {}).get("how") or "none") for kind in KINDS}
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="+")
    fold_arguments(parser, "category")
    parser.add_argument(
        "--docs",
        help="a folder of the labels' documents: one group, no folds; `beside`: each labels "
        "file's documents are in its own folder, each a group, then all of them pooled",
    )
    args = parser.parse_args()
    if args.docs is not None:
        return _measure_sets(args)
    args.labels = args.labels[0]
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


def _measure_sets(args: argparse.Namespace) -> int:
    """Labelled sets of other repositories' documents, each a group (and pooled, if several):
    keys are `set/file`, so two sets' file names never meet."""
    paths = [p for p in args.labels if Path(p).is_file()]
    if not paths:
        print("evaluate_categories: no labels; nothing to measure")
        return 0
    labels: dict[str, dict[str, str]] = {}
    predicted: dict[str, dict[str, str]] = {}
    groups: list[tuple[str, list[str]]] = []
    for path in paths:
        folder = Path(path).parent if args.docs == "beside" else Path(args.docs)
        these = _labels(path)
        found = predictions(args.pmlint, folder, sorted(these))
        keys = [f"{folder}/{f}" for f in these]
        labels.update({f"{folder}/{f}": row for f, row in these.items()})
        predicted.update({f"{folder}/{f}": row for f, row in found.items()})
        groups.append((str(folder), keys))
    if len(groups) > 1:
        groups.append(("pooled", [k for _, keys in groups for k in keys]))
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
            _trust(kind, names, given, truth, predicted, accurate)
            if errors:
                for f in names:
                    if given[f] != truth[f]:
                        line = labels[f].get(f"{kind}_line") or "-"
                        how = predicted.get(f, {}).get(f"{kind}/how", "none")
                        print(f"   {f}: pmlint {given[f]} ({how}), label {truth[f]} (line {line})")


def _trust(
    kind: str,
    names: list[str],
    given: dict[str, str],
    truth: dict[str, str],
    predicted: dict[str, dict[str, str]],
    accurate: int,
) -> None:
    """What a reader of a trend table needs: how many documents get a value (coverage), how
    many of those values are right (precision), both per source of the value, since a source
    that is often wrong is one to abstain on."""
    covered = [f for f in names if given[f] != "unknown"]
    right = sum(given[f] == truth[f] for f in covered)
    per_how: dict[str, list[int]] = {}
    for f in covered:
        counts = per_how.setdefault(predicted.get(f, {}).get(f"{kind}/how", "none"), [0, 0])
        counts[0] += given[f] == truth[f]
        counts[1] += 1
    sources = ", ".join(f"{how} {r}/{n}" for how, (r, n) in sorted(per_how.items()))
    print(
        f"{'':10} coverage {len(covered) / max(len(names), 1):.2f}  "
        f"precision {right / max(len(covered), 1):.2f}  "
        f"accuracy {accurate / max(len(names), 1):.2f}  (by source: {sources or '-'})"
    )


if __name__ == "__main__":
    sys.exit(main())
