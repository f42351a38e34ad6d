"""Compare variants of the blame and vagueness models on labeled sets of unseen writers.

    python scripts/select_language.py VALIDATION.tsv [VALIDATION.tsv ...]
        [--variant NAME ...] [--kind blame|vague] [--labels ../shared/labels]

Each variant is trained as `make train` trains the shipped models (the labeled rows of
`../shared/labels` and `scripts/training`'s written rows, seed fixed) but for one choice:
the architecture, the epochs, the dropout, the weight of positive rows, or the rows it
learns from. pmlint then lints every validation file with that model the way
`../shared/tools/label_eval.py` does, once per threshold of the model alone (`alone`), and
the script prints, per file and pooled, the true and false positives, precision and recall
(blame) or F1 (vague). The first line of each kind is the shipped models as they are.

The validation files only *choose* among variants and thresholds: nothing is trained on
them, so a figure read here is tuned, not held out (their other halves are for that).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import langtrain as lt
from evaluate_language import predict

from pmlint.nlp import textcat

BOW = "spacy.TextCatBOW.v3"


def bow(ngram: int) -> dict:
    config = textcat.textcat_config()
    config["model"] = {**config["model"], "ngram_size": ngram}
    return config


def _tok2vec(width: int = 64) -> dict:
    """A hashed embedding of the words and their affixes (no vectors are available)."""
    return {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "rows": [2000, 2000, 1000, 1000],
            "attrs": ["ORTH", "LOWER", "PREFIX", "SUFFIX"],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": width,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    }


def ensemble() -> dict:
    """The bag of words and a CNN over its own tok2vec, averaged by spaCy."""
    return {
        "threshold": 0.5,
        "model": {
            "@architectures": "spacy.TextCatEnsemble.v2",
            "nO": None,
            "linear_model": bow(2)["model"],
            "tok2vec": _tok2vec(),
        },
    }


def cnn() -> dict:
    return {
        "threshold": 0.5,
        "model": {
            "@architectures": "spacy.TextCatCNN.v2",
            "exclusive_classes": True,
            "nO": None,
            "tok2vec": _tok2vec(),
        },
    }


@dataclass(frozen=True)
class Variant:
    config: dict | None = None
    epochs: int = lt.EPOCHS
    drop: float = 0.1
    positives: int = 1  # each positive row is seen this many times an epoch
    # which rows it learns from (row, the rules reported it) -> keep
    rows: Callable[[lt.Row, bool], bool] = field(default=lambda row, hit: True)


VARIANTS: dict[str, Variant] = {
    "shipped": Variant(),
    "bow-1": Variant(config=bow(1)),
    "bow-3": Variant(config=bow(3)),
    "epochs-6": Variant(epochs=6),
    "epochs-20": Variant(epochs=20),
    "dropout-0.3": Variant(drop=0.3),
    "positives-x2": Variant(positives=2),
    "ensemble": Variant(config=ensemble(), epochs=8),
    "cnn": Variant(config=cnn(), epochs=8),
    # only the rows the rules leave quiet: the population the model alone decides on
    "rule-quiet-rows": Variant(rows=lambda row, hit: not hit),
}
GRID = {"blame": (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98), "vague": (0.5, 0.7, 0.8, 0.9, 0.95)}


def fit(kind: str, rows: list[lt.Row], variant: Variant, out: Path) -> None:
    """Train `variant` of `kind` on `rows` and save it under `out/kind` (thresholds are
    set per run by `with_alone`)."""
    with lt.models_at("off"):
        if kind == "blame":
            rows = lt.blame_rows(rows)
            rule: dict[str, bool | str] = dict(lt.lint_blame(rows))
            truth = {r.id: r.label == "blame" for r in rows}
        else:
            rows = lt.action_rows(rows)
            rule = {}
            lt.lint_actions(rows, rule)
            truth = {r.id: r.label == "action_vague" for r in rows}
    chosen = [r for r in rows if variant.rows(r, bool(rule[r.id]))]
    chosen += [r for r in chosen if truth[r.id]] * (variant.positives - 1)
    stacked = kind in lt.STACKED
    nlp = lt.train(
        [r.text for r in chosen],
        [truth[r.id] for r in chosen],
        epochs=variant.epochs,
        rule_hits=[rule[r.id] for r in chosen] if stacked else None,
        config=variant.config,
        drop=variant.drop,
    )
    lt.save(nlp, out / kind, kind, 0.0, 1.01, {})


def with_alone(model: Path, kind: str, alone: float, out: Path) -> Path:
    """A models folder whose `kind` model is `model` with the threshold `alone`."""
    target = out / f"{kind}-{alone:.2f}"
    (target / kind).mkdir(parents=True, exist_ok=True)
    shutil.copytree(model / "pipeline", target / kind / "pipeline", dirs_exist_ok=True)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["alone"] = alone
    (target / kind / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def counts(kind: str, rows: Sequence[lt.Row], found: dict[str, dict[str, bool]]) -> list[int]:
    """[true positives, false positives, false negatives] of `kind` on `rows`."""
    if kind == "blame":
        scored = [(r.label == "blame", found[r.id]["blame"]) for r in lt.blame_rows(rows)]
    else:
        scored = [(r.label == "action_vague", found[r.id]["vague"]) for r in lt.action_rows(rows)]
    return [
        sum(t and p for t, p in scored),
        sum(p and not t for t, p in scored),
        sum(t and not p for t, p in scored),
    ]


def line(kind: str, label: str, per_file: dict[str, list[int]]) -> str:
    pooled = [sum(c[i] for c in per_file.values()) for i in range(3)]
    cells = [f"{name} {tp}/{fp}" for name, (tp, fp, _) in per_file.items()]
    tp, fp, fn = pooled
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    pooled_text = f"P {p:.3f} R {r:.3f}" + (f" F1 {f:.3f}" if kind == "vague" else "")
    return f"{kind} {label}: " + "  ".join(cells) + f"  | pooled {tp}/{fp} {pooled_text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("validation", nargs="+", help="labeled TSVs of unseen writers")
    parser.add_argument("--labels", help="folder of the labeled TSVs (../shared/labels)")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--kind", action="append", choices=("blame", "vague"))
    args = parser.parse_args(argv)
    folder = lt.labels_dir(args.labels)
    if folder is None:
        print("select: no labeled sentences (../shared/labels); skipped")
        return 0
    sets = {Path(p).parent.name or p: lt.read_file(Path(p)) for p in args.validation}
    training = [*lt.read_written(), *lt.read_rows(folder)]
    kinds = args.kind or ["blame", "vague"]
    print("cells: validation file true/false positives; written rows train, never score")
    for kind in kinds:
        shipped = {n: counts(kind, rows, predict(rows, str(lt.ROOT / "src" / "pmlint" / "models")))
                   for n, rows in sets.items()}  # fmt: skip
        print(line(kind, "as shipped", shipped), flush=True)
    with tempfile.TemporaryDirectory(prefix="pmlint-select-") as tmp:
        for name in args.variant or list(VARIANTS):
            for kind in kinds:
                out = Path(tmp) / name
                fit(kind, training, VARIANTS[name], out)
                for alone in GRID[kind]:
                    models = with_alone(out / kind, kind, alone, out)
                    per_file = {n: counts(kind, rows, predict(rows, str(models)))
                                for n, rows in sets.items()}  # fmt: skip
                    print(line(kind, f"{name} alone {alone:.2f}", per_file), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
