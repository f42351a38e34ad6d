"""Blame (PM301-PM303), unowned (PM401) and vague (PM403) measured held out by source.

    python scripts/evaluate_language.py [--labels ../shared/labels] [--folds 5] [--errors]
        [--json FILE] [--extra TSV ...]

The labeled rows (`../shared/labels`, read at run time) are split into `--folds` groups
of sources: one group per repository of `source_file` (`105-off-...` -> `off`) or per
guide site or repository of `source`, never split across folds. For each fold the models
are trained (`train_language.build`, thresholds chosen inside the training sources) on
the other folds' rows only, and pmlint, with those models, lints the held-out rows the
way `../shared/tools/label_eval.py` does. The figures printed:

- held out: every row scored once, by the models of the fold that did not see it;
- in sample: the models trained on every row, scored on the same rows (optimistic);
- rules alone: the models switched off (the rules were written after reading most of
  these rows, so this is in sample too);
- the same on the `D` rows only (the documents added last, 101 and up), on which the
  rules were not written.

PM401 has no trained part: its figures are the rules'. Also printed: how well each
model alone ranks the held-out rows (the area under the ROC curve of its fold's scores,
over every row and over the rows the rules leave quiet). The figures above are mostly the
rules', which were written after reading these rows; the ranking is the model's own, on
sources it did not train on, and is what written training rows and features move.
`--extra TSV` (repeatable) adds another set's action items to every fold's training rows
(never scored; the blame model's rows are unchanged), to measure the vagueness model
trained on more varied writing.
`--corpus` adds the language
findings per 1,000 words on the `quality=good` documents of `../shared/corpus/real`. Exits
0 with a note when the labels are absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import langtrain as lt
import train_language


def predict(rows: list[lt.Row], models: str) -> dict[str, dict[str, bool]]:
    """Row id -> {blame, unowned, vague} as pmlint reports them with `models`."""
    with lt.models_at(models):
        blame = lt.lint_blame(lt.blame_rows(rows))
        actions = lt.lint_actions(lt.action_rows(rows))
    out: dict[str, dict[str, bool]] = {}
    for i, hit in blame.items():
        out[i] = {"blame": hit}
    for i, found in actions.items():
        out[i] = {"unowned": "PM401" in found, "vague": "PM403" in found}
    return out


def model_scores(rows: list[lt.Row], models: str) -> dict[str, tuple[float, bool]]:
    """Row id -> (the `models` folder's score, a rule reported the row), blame and neutral
    rows by the blame model, action items by the vagueness model."""
    from pmlint.nlp import textcat

    out: dict[str, tuple[float, bool]] = {}
    with lt.models_at("off"):
        blame = lt.blame_rows(rows)
        rule_blame = lt.lint_blame(blame)
        actions = lt.action_rows(rows)
        reasons: dict[str, str] = {}
        lt.lint_actions(actions, reasons)
    with lt.models_at(models):
        for kind, some, hits in (
            ("blame", blame, {i: bool(h) for i, h in rule_blame.items()}),
            ("vague", actions, {i: bool(h) for i, h in reasons.items()}),
        ):
            model = textcat.load(kind)
            if model is None or not some:
                continue
            read: list[bool | str] = [reasons[r.id] for r in some] if kind == "vague" else []
            scored = model.scores([r.text for r in some], read or None)
            out.update({r.id: (s, hits[r.id]) for r, s in zip(some, scored, strict=True)})
    return out


def auc(pairs: list[tuple[float, bool]]) -> float | None:
    """The chance a positive row scores above a negative one (ties count half)."""
    ranked = sorted(pairs, key=lambda pair: pair[0])
    positives = sum(truth for _, truth in pairs)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return None
    rank_sum = 0.0
    i = 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += sum(truth for _, truth in ranked[i:j]) * (i + j + 1) / 2
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def ranking(rows: list[lt.Row], scores: dict[str, tuple[float, bool]]) -> list[str]:
    lines = []
    for kind, some, truth in (
        ("blame", lt.blame_rows(rows), lambda r: r.label == "blame"),
        ("vague", lt.action_rows(rows), lambda r: r.label == "action_vague"),
    ):
        scored = [r for r in some if r.id in scores]
        quiet = [r for r in scored if not scores[r.id][1]]
        cells = []
        for name, chosen in (("all rows", scored), ("rules quiet", quiet)):
            found = auc([(scores[r.id][0], truth(r)) for r in chosen])
            shown = f"{found:.3f}" if found is not None else "-"
            cells.append(f"{name} {shown} ({sum(map(truth, chosen))} of {len(chosen)})")
        lines.append(f"{kind} model, AUC held out by source: " + "; ".join(cells))
    return lines


def figures(rows: list[lt.Row], pred: dict[str, dict[str, bool]]) -> dict[str, dict]:
    result = {}
    blame = [r for r in lt.blame_rows(rows) if r.id in pred]
    owned = [r for r in lt.action_rows(rows) if lt.unowned_truth(r) is not None and r.id in pred]
    vague = [r for r in lt.action_rows(rows) if r.id in pred]
    for name, scored, truth in (
        ("blame", blame, lambda r: r.label == "blame"),
        ("unowned", owned, lambda r: bool(lt.unowned_truth(r))),
        ("vague", vague, lambda r: r.label == "action_vague"),
    ):
        p, r, f, n = lt.prf([pred[x.id][name] for x in scored], [truth(x) for x in scored])
        result[name] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "rows": n,
        }
    return result


def errors(rows: list[lt.Row], pred: dict[str, dict[str, bool]]) -> list[str]:
    out = []
    for r in rows:
        found = pred.get(r.id)
        if found is None:
            continue
        truths = {
            "blame": r.label == "blame" if r.label in ("blame", "neutral") else None,
            "unowned": lt.unowned_truth(r) if r.label.startswith("action_") else None,
            "vague": r.label == "action_vague" if r.label.startswith("action_") else None,
        }
        for name, truth in truths.items():
            if truth is None or name not in found or found[name] == truth:
                continue
            kind = "FP" if found[name] else "FN"
            out.append(f"{name} {kind} {r.id} [{r.group}]: {r.text[:120]}")
    return out


def corpus_rate(folder: Path) -> tuple[int, int, int]:
    """(language findings, words, documents) on the good documents of the corpus."""
    from pmlint.config import load_config
    from pmlint.engine import Linter, Selection
    from pmlint.reading import decode

    notes = folder / "MANIFEST-notes.tsv"
    good = [
        line.split("\t", 1)[0]
        for line in notes.read_text(encoding="utf-8").splitlines()
        if "quality=good" in line
    ]
    linter = Linter(load_config(None), Selection(select=lt.BLAME_RULES), nlp_model="auto")
    findings = words = 0
    for name in good:
        text = (folder / name).read_text(encoding="utf-8")
        words += len(re.findall(r"\w+", text))
        report = linter.lint(name, decode(text.encode("utf-8")), str(folder))
        findings += len(report.diagnostics)
    return findings, words, len(good)


def table(rows: dict[str, dict[str, dict]]) -> str:
    lines = ["measure | " + " | ".join(rows), "--- | " + " | ".join("---:" for _ in rows)]
    for measure, keys in (
        ("blame", ("precision", "recall", "f1")),
        ("unowned", ("precision", "recall", "f1")),
        ("vague", ("precision", "recall", "f1")),
    ):
        for key in keys:
            cells = [f"{figs[measure][key]:.2f}" for figs in rows.values()]
            lines.append(f"{measure} {key} | " + " | ".join(cells))
    cells = [" / ".join(str(figs[m]["rows"]) for m in figs) for figs in rows.values()]
    lines.append("rows (blame / unowned / vague) | " + " | ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", help="folder of the labeled TSVs (../shared/labels)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--errors", action="store_true", help="list the held-out errors")
    parser.add_argument("--json", help="write the held-out figures here (for train --heldout)")
    parser.add_argument("--corpus", action="store_true", help="findings on good documents")
    parser.add_argument(
        "--no-written", action="store_true", help="train without scripts/training's sentences"
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        help="a labeled TSV whose action items train every fold and are never scored "
        "(repeatable; the blame model's rows stay as they are)",
    )
    args = parser.parse_args(argv)
    folder = lt.labels_dir(args.labels)
    if folder is None:
        print("evaluate: no labeled sentences (../shared/labels); skipped")
        return 0
    started = time.perf_counter()
    rows = lt.read_rows(folder)
    written = [] if args.no_written else lt.read_written()
    for n, path in enumerate(args.extra):
        for row in lt.read_file(Path(path)):
            if row.label.startswith("action_"):  # ids of separate sets may coincide
                row.id = f"x{n}-{row.id}"
                written.append(row)
    heldout: dict[str, dict[str, bool]] = {}
    scores: dict[str, tuple[float, bool]] = {}
    folds = lt.grouped_folds(rows, args.folds)
    with tempfile.TemporaryDirectory(prefix="pmlint-cv-") as tmp:
        for index, held in enumerate(folds):
            train_rows = [*written, *(r for r in rows if r.group not in held)]
            test_rows = [r for r in rows if r.group in held]
            out = Path(tmp) / f"fold{index}"
            chosen = train_language.build(train_rows, out, quiet=True)
            found = predict(test_rows, str(out))
            scores.update(model_scores(test_rows, str(out)))
            heldout.update(found)
            figs = figures(test_rows, found)
            print(
                f"fold {index + 1}/{len(folds)}: {len(test_rows)} rows from "
                f"{', '.join(sorted(held))}; thresholds {json.dumps(chosen)}; "
                + "; ".join(
                    f"{m} P {v['precision']:.2f} R {v['recall']:.2f}" for m, v in figs.items()
                )
            )
        everything = Path(tmp) / "all"
        train_language.build([*written, *rows], everything, quiet=True)
        in_sample = predict(rows, str(everything))
    rules_alone = predict(rows, "off")
    newer = [r for r in rows if r.id.startswith("D")]  # documents 101+, added last
    results = {
        f"held out ({args.folds}-fold by source)": figures(rows, heldout),
        "in sample": figures(rows, in_sample),
        "rules alone (in sample)": figures(rows, rules_alone),
        "held out, D rows": figures(newer, heldout),
        "rules alone, D rows": figures(newer, rules_alone),
    }
    print()
    print(table(results))
    groups = sorted({r.group for r in rows})
    took = time.perf_counter() - started
    print()
    print("\n".join(ranking(rows, scores)))
    print(f"\n{len(rows)} labeled rows from {len(groups)} sources; {took:.0f}s")
    if args.errors:
        print("\nheld-out errors:")
        print("\n".join(errors(rows, heldout)))
    if args.json:
        payload = {
            kind: {**figures(rows, heldout)[kind], "folds": args.folds}
            for kind in ("blame", "unowned", "vague")
        }
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n")
    if args.corpus:
        corpus = lt.ROOT.parent / "shared" / "corpus" / "real"
        if corpus.is_dir():
            findings, words, docs = corpus_rate(corpus)
            print(
                f"\ngood documents: {docs}, {words} words, {findings} language findings "
                f"({1000 * findings / max(words, 1):.2f} per 1,000 words, shipped models)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
