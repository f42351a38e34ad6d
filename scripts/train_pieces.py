"""Train the word-piece vagueness model (`pmlint/models/vague-pieces/`; part of `make train`).

    python scripts/train_pieces.py [--labels ../shared/labels] [--out src/pmlint/models]

A logistic regression (L2, C 1, classes weighted to balance) over the mean of each text's
word-piece vectors (`scripts/training/minilm-pieces.npz`, distilled once from
all-MiniLM-L6-v2 by `scripts/distill_pieces.py`), fitted by Newton's method in numpy:
deterministic, a second or two. Rows: `make train`'s action items (dev and guide labels,
read at run time, and the repository's written sentences). Shipped: one weight per word
piece (the regression's weights times the piece's vector) and the bias, so pmlint needs
neither numpy nor the table (`pmlint.nlp.pieces`).

The threshold from which the model reports where the rules and the other model are quiet
is the lowest of 0.50, 0.55, ... 0.95 at which the model alone is right at least
PRECISION of the time on out-of-fold scores (folds grouped by source, as everywhere;
written rows train every fold and are never scored).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import langtrain as lt
import numpy as np

from pmlint.nlp import pieces as piece_model

TABLE = lt.ROOT / "scripts" / "training" / "minilm-pieces.npz"
C = 1.0
PRECISION = 0.85
GRID = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))
FOLDS = 5


def features(texts: Sequence[str], vocab: piece_model.Vocabulary, table: np.ndarray) -> np.ndarray:
    """Each text's mean word-piece vector (zeros for a text with no pieces)."""
    out = np.zeros((len(texts), table.shape[1]))
    for i, text in enumerate(texts):
        ids = [p for p, _ in vocab.pieces(text)]
        if ids:
            out[i] = table[ids].mean(0)
    return out


def fit(x: np.ndarray, y: np.ndarray, c: float = C) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression, balanced class weights, unpenalised bias."""
    n, d = x.shape
    positives = max(1, int(y.sum()))
    weight = np.where(y == 1, n / (2 * positives), n / (2 * max(1, n - positives)))
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.ones(d + 1)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -60, 60)))
        gradient = penalty * w + c * a.T @ (weight * (p - y))
        hessian = np.diag(penalty) + c * (a.T * (weight * p * (1 - p))) @ a
        step = np.linalg.solve(hessian + 1e-9 * np.eye(d + 1), gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def scores(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -60, 60)))


def threshold(oof: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    """The lowest grid point at which the model alone reaches PRECISION out of fold, with
    its precision and recall there (the highest point when none does)."""
    for t in GRID:
        chosen = oof >= t
        if chosen.sum() == 0:
            continue
        precision = float((chosen & truth).sum() / chosen.sum())
        if precision >= PRECISION:
            return t, precision, float((chosen & truth).sum() / max(1, truth.sum()))
    return GRID[-1], 0.0, 0.0


def build(rows: Sequence[lt.Row], out: Path, quiet: bool = False) -> dict | None:
    """Fit on `rows`' action items and write `out/vague-pieces/`; None without the table."""
    if not TABLE.is_file():
        if not quiet:
            print(f"vague-pieces: no {TABLE.name} (scripts/distill_pieces.py); not rebuilt")
        return None
    vocab = piece_model.vocabulary()
    if vocab is None:
        print("vague-pieces: the package has no pmlint/models/pieces/vocab.txt; not rebuilt")
        return None
    table = np.load(TABLE)["vectors"].astype(np.float64)
    items = lt.action_rows(rows)
    x = features([r.text for r in items], vocab, table)
    y = np.array([r.label == "action_vague" for r in items], dtype=float)
    real = [i for i, r in enumerate(items) if not r.written]
    oof = np.full(len(items), np.nan)
    for held in lt.grouped_folds([items[i] for i in real], FOLDS, lt.SEED):
        test = [i for i in real if items[i].group in held]
        train = [i for i, r in enumerate(items) if r.written or r.group not in held]
        w, b = fit(x[train], y[train])
        oof[test] = scores(x[test], w, b)
    scored = ~np.isnan(oof)
    t, precision, recall = threshold(oof[scored], y[scored].astype(bool))
    w, b = fit(x, y)
    per_piece = (table @ w).astype("<f4")
    folder = out / "vague-pieces"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "weights.f32").write_bytes(per_piece.tobytes())
    meta = {
        "kind": "vague",
        "bias": round(b, 6),
        "threshold": t,
        "c": C,
        "rows": len(real),
        "positives": int(y[real].sum()),
        "written_rows": len(items) - len(real),
        "out_of_fold": {
            "folds": FOLDS,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
        },
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), static, "
        f"{table.shape[1]} principal components",
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    if not quiet:
        print(
            f"vague-pieces: {len(items)} rows, threshold {t:.2f} "
            f"(alone out of fold: precision {precision:.2f}, recall {recall:.2f})"
        )
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", help="folder of the labeled TSVs (../shared/labels)")
    parser.add_argument("--out", default=str(lt.ROOT / "src" / "pmlint" / "models"))
    args = parser.parse_args(argv)
    folder = lt.labels_dir(args.labels)
    if folder is None:
        print("train: no labeled sentences (../shared/labels); nothing to do")
        return 0
    build([*lt.read_written(), *lt.read_rows(folder)], Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
