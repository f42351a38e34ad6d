"""Train the blame and vagueness models shipped in `src/pmlint/models/` (`make train`).

    python scripts/train_language.py [--labels ../shared/labels] [--out src/pmlint/models]
        [--kind blame|vague]

Reads the labeled sentences at run time (nothing of them is written to the repository
except the trained weights) and the repository's own `scripts/training/written-sentences.tsv`,
trains one spaCy textcat per kind on every row with a fixed seed, and chooses the thresholds
that combine it with the rules on out-of-fold scores (grouped by source repository or guide,
so no threshold is picked on rows the model saw).
The held-out figures that `scripts/evaluate_language.py` measured can be stored in the
model's meta.json with `--heldout FILE.json` (written by that script's `--json`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import langtrain as lt
import train_pieces


def build(
    rows: list[lt.Row],
    out: Path,
    heldout: dict | None = None,
    quiet: bool = False,
    kinds: tuple[str, ...] = ("blame", "vague"),
) -> dict:
    """Train `kinds` (both by default) on `rows` and write them under `out`; returns
    their thresholds."""
    with lt.models_at("off"):
        blame = lt.blame_rows(rows)
        actions = lt.action_rows(rows)
        blame_rule: dict[str, bool | str] = dict(lt.lint_blame(blame)) if "blame" in kinds else {}
        # the stacked vagueness model reads the rule's reason ("" where it was quiet)
        action_rule: dict[str, bool | str] = {}
        lt.lint_actions(actions, action_rule)
    chosen = {}
    for kind, kind_rows, truth, rule in (
        ("blame", blame, {r.id: r.label == "blame" for r in blame}, blame_rule),
        ("vague", actions, {r.id: r.label == "action_vague" for r in actions}, action_rule),
    ):
        if kind not in kinds:
            continue
        started = time.perf_counter()
        nlp, keep, alone = lt.fit(kind, kind_rows, truth, rule)
        written = sum(r.written for r in kind_rows)
        extra = {
            "rows": len(kind_rows) - written,
            "positives": sum(truth[r.id] for r in kind_rows if not r.written),
            "written_rows": written,
        }
        if heldout and kind in heldout:
            extra["heldout"] = heldout[kind]
        elif (out / kind / "meta.json").is_file():  # keep the figures measured before
            before = json.loads((out / kind / "meta.json").read_text(encoding="utf-8"))
            if "heldout" in before:
                extra["heldout"] = before["heldout"]
        lt.save(nlp, out / kind, kind, keep, alone, extra)
        chosen[kind] = {"keep": keep, "alone": alone}
        if kind == "vague":  # the word-piece model reports where both of these are quiet
            train_pieces.build(rows, out, quiet=quiet)
        if not quiet:
            print(
                f"{kind}: {len(kind_rows)} rows, keep {keep:.2f}, alone {alone:.2f} "
                f"({time.perf_counter() - started:.0f}s)"
            )
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", help="folder of the labeled TSVs (../shared/labels)")
    parser.add_argument("--out", default=str(lt.ROOT / "src" / "pmlint" / "models"))
    parser.add_argument("--heldout", help="JSON of held-out figures from evaluate_language.py")
    parser.add_argument(
        "--kind",
        choices=("blame", "vague"),
        action="append",
        help="train only this kind (repeatable); default: both",
    )
    args = parser.parse_args(argv)
    folder = lt.labels_dir(args.labels)
    if folder is None:
        print("train: no labeled sentences (../shared/labels); nothing to do")
        return 0
    heldout = json.loads(Path(args.heldout).read_text()) if args.heldout else None
    kinds = tuple(args.kind) if args.kind else ("blame", "vague")
    build([*lt.read_written(), *lt.read_rows(folder)], Path(args.out), heldout, kinds=kinds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
