"""Train the trigger model shipped in `src/pmlint/models/trigger/` (`make train`).

    python scripts/train_causes.py [--out src/pmlint/models] [--threshold P]

Reads only the repository's own sentences (`scripts/training/written-causes.tsv`: each a
sentence written for this repository, labelled with a trigger class, `other` or `none`),
trains one exclusive spaCy textcat on all of them with a fixed seed (the same file gives
the same weights, byte for byte) and writes it with the threshold `pmlint analyze` applies.
The threshold is not fitted here: it was chosen on labelled documents the model never
trained on (the tuning halves of the fresh sets, `evaluate_categories.py --docs`) and is
kept from the model's previous meta.json unless `--threshold` gives a new one.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import langtrain as lt

from pmlint.nlp import textcat

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = ROOT / "scripts" / "training" / "written-causes.tsv"
SEED = 20261205
EPOCHS = 15
DEFAULT_THRESHOLD = 0.6
LABELS = (
    "deploy", "config", "capacity", "dependency", "hardware", "security", "expiry", "other",
    "none",
)  # fmt: skip


def read(path: Path = WRITTEN) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(r["text"], r["label"]) for r in csv.DictReader(handle, delimiter="\t")]
    unknown = {label for _, label in rows} - set(LABELS)
    if unknown:
        raise SystemExit(f"train_causes: labels of no class: {sorted(unknown)}")
    return rows


def config() -> dict:
    """The blame and vagueness models' textcat with a smaller table: 519 short sentences."""
    chosen = textcat.textcat_config()
    chosen["model"]["length"] = 2**16
    return chosen


def train(rows: list[tuple[str, str]], seed: int = SEED, epochs: int = EPOCHS):
    """The trigger textcat over `rows`, seed fixed (`langtrain.train_classes`)."""
    from pmlint.nlp.causecat import features

    return lt.train_classes(
        [features(text) for text, _ in rows],
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
        "kind": "trigger",
        "labels": list(LABELS),
        "seed": SEED,
        "written_rows": rows,
        "threshold": threshold,
        # read by textcat.load, which serves the blame and vagueness models too
        "keep": threshold,
        "alone": threshold,
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "src" / "pmlint" / "models"))
    parser.add_argument("--threshold", type=float, help="the probability a class must reach")
    args = parser.parse_args(argv)
    folder = Path(args.out) / "trigger"
    threshold = args.threshold
    if threshold is None and (folder / "meta.json").is_file():
        threshold = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["threshold"]
    rows = read()
    save(train(rows), folder, DEFAULT_THRESHOLD if threshold is None else threshold, len(rows))
    print(f"trigger: {len(rows)} written rows, threshold {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
