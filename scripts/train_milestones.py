"""Train the milestone model shipped in `src/pmlint/models/milestone/` (`make train`).

    python scripts/train_milestones.py [--out src/pmlint/models] [--threshold P] [--folds K]

Reads only the repository's own entries (`scripts/training/written-entries.tsv`: each a
timeline entry or summary sentence written for this repository, labelled start, detected,
mitigated, resolved or other), trains one exclusive spaCy textcat on all of them with a
fixed seed (the same file gives the same weights, byte for byte) and writes it with the
threshold `pmlint analyze` applies. The threshold is not fitted here: it was chosen on the
tuning halves of the facts sets and the real corpus' FACTS.tsv, which the model never trained
on (`evaluate_written_milestones.py`), and is kept from the model's previous meta.json
unless `--threshold` gives a new one. `--folds K` only prints the written rows'
cross-validated precision and recall (a sanity check, not a held-out figure: the rows share
their writer).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

import langtrain as lt

from pmlint.nlp import milestonecat, textcat

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = ROOT / "scripts" / "training" / "written-entries.tsv"
SEED = 20261206
EPOCHS = 15
DEFAULT_THRESHOLD = 0.5
LABELS = milestonecat.CLASSES


def read(path: Path = WRITTEN) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(r["text"], r["label"]) for r in csv.DictReader(handle, delimiter="\t")]
    unknown = {label for _, label in rows} - set(LABELS)
    if unknown:
        raise SystemExit(f"train_milestones: labels of no class: {sorted(unknown)}")
    return rows


def config() -> dict:
    """The other models' textcat with a smaller table: some 900 short entries."""
    chosen = textcat.textcat_config()
    chosen["model"]["length"] = 2**16
    return chosen


def train(rows: list[tuple[str, str]], seed: int = SEED, epochs: int = EPOCHS):
    """The milestone textcat over `rows`, seed fixed (`langtrain.train_classes`)."""
    return lt.train_classes(
        [milestonecat.features(text) for text, _ in rows],
        [{c: float(c == label) for c in LABELS} for _, label in rows],
        LABELS,
        seed,
        epochs,
        config(),
    )


def save(nlp, folder: Path, threshold: float, rows: int) -> None:
    import spacy

    folder.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder / "pipeline")
    # the weights are keyed by hashes: ship a blank pipeline's strings, no word list
    spacy.blank("en").vocab.strings.to_disk(folder / "pipeline" / "vocab" / "strings.json")
    meta = {
        "kind": milestonecat.KIND,
        "labels": list(LABELS),
        "seed": SEED,
        "written_rows": rows,
        "threshold": threshold,
        # read by textcat.load, which serves the blame and vagueness models too
        "keep": threshold,
        "alone": threshold,
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def cross_validate(rows: list[tuple[str, str]], k: int) -> None:
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    guess: dict[int, str] = {}
    for fold in range(k):
        held = set(order[fold::k])
        nlp = train([r for i, r in enumerate(rows) if i not in held])
        test = sorted(held)
        docs = nlp.pipe([milestonecat.features(rows[i][0]) for i in test])
        for i, doc in zip(test, docs, strict=True):
            guess[i] = max(doc.cats, key=doc.cats.get)
    for label in LABELS:
        said = [i for i in guess if guess[i] == label]
        truth = [i for i, r in enumerate(rows) if r[1] == label]
        right = sum(rows[i][1] == label for i in said)
        print(
            f"{label:9s} precision {right / max(len(said), 1):.2f} "
            f"recall {right / max(len(truth), 1):.2f} ({right}/{len(truth)})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "src" / "pmlint" / "models"))
    parser.add_argument("--threshold", type=float, help="the probability a class must reach")
    parser.add_argument("--folds", type=int, help="only print a K-fold check of the rows")
    args = parser.parse_args(argv)
    rows = read()
    if args.folds:
        cross_validate(rows, args.folds)
        return 0
    folder = Path(args.out) / milestonecat.KIND
    threshold = args.threshold
    if threshold is None and (folder / "meta.json").is_file():
        threshold = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["threshold"]
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    save(train(rows), folder, threshold, len(rows))
    print(f"milestone: {len(rows)} written rows, threshold {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
