"""Step 3 of the embedding experiment (issue 15): how well the embeddings *rank*, and the
ceiling of `rules OR score >= t` if the threshold were chosen on the evaluation sets
themselves (an optimistic bound, not a held-out figure: it says whether any threshold could
have helped).

    /tmp/e37venv/bin/python scripts/experiments/embed_ceiling.py ROWS.json M2V_DIR [M2V_DIR...]

Per embedding and training set (with / without the written sentences): average precision
and ROC AUC of the logistic regression's score on the pooled readable sets, on all rows and
on the rows the rules leave quiet (where the model would have to add findings), and the
ceiling: blame, the highest pooled recall with pooled precision >= 0.90; vague, the best F1.
"""

from __future__ import annotations

import json
import sys

import numpy as np
from embed_eval import SETS, fit_lr, minilm_path, prf


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        rows = json.load(handle)
    texts = [r["text"] for r in rows]
    embeddings = {}
    from model2vec import StaticModel

    for folder in sys.argv[2:]:
        name = folder.rstrip("/").rsplit("/", 1)[-1]
        embeddings[f"model2vec {name}"] = StaticModel.from_pretrained(folder).encode(texts)
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(minilm_path(), device="cpu")
    embeddings["MiniLM 384"] = st.encode(texts, batch_size=64, normalize_embeddings=True)
    from sklearn.metrics import average_precision_score, roc_auc_score

    print(
        "| kind | embedding | trained on | AP all (base) | AUC all | AP rule-quiet (base) |", end=""
    )
    print(" ceiling |")
    print("|---|---|---|---|---|---|---|")
    for name, x_all in embeddings.items():
        x_all = np.asarray(x_all, dtype=np.float64)
        x_all /= np.maximum(np.linalg.norm(x_all, axis=1, keepdims=True), 1e-9)
        for kind in ("blame", "vague"):
            if kind == "blame":
                idx = [i for i, r in enumerate(rows) if r["label"] in ("blame", "neutral")]
                truth = np.array([rows[i]["label"] == "blame" for i in idx])
            else:
                idx = [i for i, r in enumerate(rows) if r["label"].startswith("action_")]
                truth = np.array([rows[i]["label"] == "action_vague" for i in idx])
            sets = np.array([rows[i]["set"] for i in idx])
            rule = np.array([bool(rows[i]["rules"].get(kind)) for i in idx])
            x = x_all[idx]
            ev = np.isin(sets, SETS)
            for trained in ("train+written", "train only"):
                written = (sets == "written") if trained == "train+written" else False
                tr = (sets == "train") | written
                s = fit_lr(x[tr], truth[tr], 1.0).predict_proba(x[ev])[:, 1]
                y, r = truth[ev], rule[ev]
                quiet = ~r
                ap = average_precision_score(y, s)
                auc = roc_auc_score(y, s)
                apq = average_precision_score(y[quiet], s[quiet])
                best = (0.0, 0.0, 0.0, 0.0)
                for t in np.unique(s):
                    p, rc, f = prf(list(r | (s >= t)), list(y))
                    key = (rc if p >= 0.90 else 0.0) if kind == "blame" else f
                    if key > best[0]:
                        best = (key, p, rc, f)
                ceiling = f"P {best[1]:.2f} R {best[2]:.2f} F1 {best[3]:.2f}"
                print(
                    f"| {kind} | {name} | {trained} | {ap:.2f} ({y.mean():.2f}) | {auc:.2f} | "
                    f"{apq:.2f} ({y[quiet].mean():.2f}) | {ceiling} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
