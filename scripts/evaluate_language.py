"""Precision and recall of the language rules (PM301-PM303) on labeled sentences.

    python scripts/evaluate_language.py ../shared/labels/dev-sentences.tsv [--errors]

The TSV has the columns id, text, label, source_file, note. Each sentence is linted on
its own, as a one-paragraph Markdown document, through the real engine with the core
pack and only PM301-PM303 selected. A sentence is predicted "blame" when any of the
three rules reports it. Positives are the rows labeled `blame`; negatives are all other
rows (false positives on `neutral` rows are also counted on their own). Rows whose note
starts with "borderline" are left out of precision and recall; the script says how many
of them were flagged. `--errors` lists the misses and the false alarms with the
findings; `--model NAME` picks the spaCy pipeline (default: auto).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass

from pmlint.config import load_config
from pmlint.engine import Linter, Selection
from pmlint.nlp import parse_stats
from pmlint.reading import decode

RULES = ("PM301", "PM302", "PM303")


@dataclass(slots=True)
class Row:
    id: str
    text: str
    label: str
    note: str
    found: list[str]

    @property
    def borderline(self) -> bool:
        return self.note.lower().startswith("borderline")

    @property
    def predicted(self) -> bool:
        return bool(self.found)

    @property
    def positive(self) -> bool:
        return self.label == "blame"


def read_rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def lint_rows(rows: list[dict[str, str]], model: str) -> list[Row]:
    linter = Linter(load_config(None), Selection(select=RULES), nlp_model=model)
    out = []
    for raw in rows:
        text = raw["text"].strip()
        report = linter.lint(f"{raw['id']}.md", decode((text + "\n").encode("utf-8")), ".")
        if report.error:
            raise SystemExit(f"{raw['id']}: {report.error}")
        found = [f"{d.rule} {d.message}" for d in report.diagnostics if d.rule in RULES]
        out.append(Row(raw["id"], text, raw["label"], raw.get("note") or "", found))
    pipeline = linter.loaded_pipeline
    if pipeline is not None:
        state = "reduced (blank)" if pipeline.reduced else pipeline.version
        print(f"model: {pipeline.name} {state}")
    return out


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "n/a"


def report(rows: list[Row], show_errors: bool) -> None:
    scored = [r for r in rows if not r.borderline]
    borderline = [r for r in rows if r.borderline]
    tp = sum(1 for r in scored if r.positive and r.predicted)
    fn = sum(1 for r in scored if r.positive and not r.predicted)
    fp = sum(1 for r in scored if not r.positive and r.predicted)
    tn = sum(1 for r in scored if not r.positive and not r.predicted)
    neutral = [r for r in scored if r.label == "neutral"]
    neutral_fp = sum(1 for r in neutral if r.predicted)
    labels = Counter(r.label for r in scored)
    print(f"rows: {len(rows)} ({len(scored)} scored: {dict(sorted(labels.items()))})")
    print(f"blame: tp={tp} fn={fn} fp={fp} tn={tn}")
    print(f"precision: {ratio(tp, tp + fp)}")
    print(f"recall:    {ratio(tp, tp + fn)}")
    print(f"false positives on neutral: {neutral_fp} of {len(neutral)}")
    flagged = Counter(r.label for r in borderline if r.predicted)
    print(
        f"borderline rows (left out): {len(borderline)}, flagged: "
        f"{sum(flagged.values())} {dict(sorted(flagged.items()))}"
    )
    by_rule = Counter(f.split()[0] for r in scored if r.predicted for f in r.found)
    print(f"findings by rule on scored rows: {dict(sorted(by_rule.items()))}")
    stats = parse_stats()
    print(
        f"sentences seen: {stats['sentences_seen']}, parsed: {stats['sentences_parsed']} "
        f"({ratio(stats['sentences_parsed'], stats['sentences_seen'])})"
    )
    if not show_errors:
        return
    print("\nmissed (blame, not flagged):")
    for r in scored:
        if r.positive and not r.predicted:
            print(f"  {r.id}: {r.text[:150]}")
    print("\nfalse alarms (not blame, flagged):")
    for r in scored:
        if not r.positive and r.predicted:
            print(f"  {r.id} [{r.label}]: {r.text[:150]}")
            for f in r.found:
                print(f"      {f}")
    print("\nborderline:")
    for r in borderline:
        mark = "flagged" if r.predicted else "quiet  "
        print(f"  {r.id} [{r.label}] {mark}: {r.text[:110]}")
        for f in r.found:
            print(f"      {f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tsv", help="labeled sentences (id, text, label, source_file, note)")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--model", default="auto", help="spaCy pipeline: auto, blank or a name")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = lint_rows(read_rows(args.tsv), args.model)
    report(rows, args.errors)
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
