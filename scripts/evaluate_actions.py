"""Measure PM401 (action-missing-owner) and PM403 (action-vague) on labeled sentences.

    python scripts/evaluate_actions.py ../shared/labels/dev-sentences.tsv [--nlp-model blank]
        [--errors]

The TSV has the columns id, text, label, source_file, note. Each row labeled
action_owned, action_unowned or action_vague becomes a one-item document

    # Incident

    ## Action items

    - <text>

linted by the real engine with only PM401 and PM403 selected (the core pack, the
configured spaCy model). A row is predicted positive for a rule when the rule reports it.

PM401 against "unowned": positives are action_unowned rows; negatives are action_owned
rows. action_vague rows may or may not have an owner (the label is about vagueness), so
they count only when their note says which: a note that says the item has no owner
("no owner", "unowned", "without an owner", "no named owner") makes it a positive, a note
that names its owner ("team owner", "individual owner", "owner is ...") a negative; other
vague rows are left out of the PM401 figures (their number is printed).

PM403 against "vague": positives are action_vague rows; negatives are action_owned and
action_unowned rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from dataclasses import dataclass

from pmlint.config import load_config
from pmlint.engine import Linter, Selection
from pmlint.reading import SourceText

ACTION_LABELS = ("action_owned", "action_unowned", "action_vague")
_NO_OWNER = re.compile(
    r"\b(?:no (?:named |clear )?owner|unowned|without (?:an? )?owner|lacks? an owner)\b", re.I
)
_HAS_OWNER = re.compile(r"\b(?:\w+ owner\b|owner is\b|owned by\b)", re.I)


@dataclass(slots=True)
class Row:
    id: str
    text: str
    label: str
    note: str


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def read_rows(path: str) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [
            Row(r["id"], r["text"], r["label"], r.get("note") or "")
            for r in reader
            if r.get("label") in ACTION_LABELS
        ]


def unowned_truth(row: Row) -> bool | None:
    """True: lacks an owner; False: has one; None: the row does not say (left out)."""
    if row.label == "action_unowned":
        return True
    if row.label == "action_owned":
        return False
    if _NO_OWNER.search(row.note):
        return True
    if _HAS_OWNER.search(row.note):
        return False
    return None


def document_for(text: str) -> str:
    return f"# Incident\n\n## Action items\n\n- {' '.join(text.split())}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tsv", help="labeled sentences (id, text, label, source_file, note)")
    parser.add_argument("--nlp-model", default=None, help="spaCy model: auto, blank or a name")
    parser.add_argument("--errors", action="store_true", help="list every wrong prediction")
    args = parser.parse_args(argv)

    rows = read_rows(args.tsv)
    config = load_config(None)
    linter = Linter(config, Selection(select=("PM401", "PM403")), nlp_model=args.nlp_model)
    owner, vague = Score(), Score()
    left_out = 0
    errors: list[str] = []
    for row in rows:
        report = linter.lint(f"{row.id}.md", SourceText(document_for(row.text)), os.getcwd())
        if report.error:
            print(f"{row.id}: {report.error}", file=sys.stderr)
            return 2
        rules = {d.rule: d for d in report.diagnostics}
        truth = unowned_truth(row)
        if truth is None:
            left_out += 1
        else:
            owner.add(truth, "PM401" in rules)
            if truth != ("PM401" in rules):
                kind = "FN" if truth else "FP"
                errors.append(f"PM401 {kind} {row.id} [{row.label}] {row.text}")
        is_vague = row.label == "action_vague"
        vague.add(is_vague, "PM403" in rules)
        if is_vague != ("PM403" in rules):
            kind = "FN" if is_vague else "FP"
            detail = f" -- {rules['PM403'].message}" if "PM403" in rules else ""
            errors.append(f"PM403 {kind} {row.id} [{row.label}] {row.text}{detail}")

    pipeline = linter.loaded_pipeline
    model = f"{pipeline.name} {pipeline.version}" if pipeline else "none"
    if pipeline is not None and pipeline.reduced:
        model += " (reduced: lexical heuristic)"
    counts = {label: sum(1 for r in rows if r.label == label) for label in ACTION_LABELS}
    print(f"{args.tsv}: {len(rows)} action rows {counts}; spaCy model: {model}")
    print(
        f"PM401 action-missing-owner vs unowned ({owner.tp + owner.fn} positive, "
        f"{owner.fp + owner.tn} negative; {left_out} vague rows left out, ownership not in note)"
    )
    print(f"  {owner.line()}")
    positive, negative = vague.tp + vague.fn, vague.fp + vague.tn
    print(f"PM403 action-vague vs vague ({positive} positive, {negative} negative)")
    print(f"  {vague.line()}")
    if args.errors:
        print("errors:")
        for line in errors:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
