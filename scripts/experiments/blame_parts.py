"""Where blame recall is lost: the parts of blame in the sentences the rules miss, and the
rules' coverage of a grid of judged parties and predicates (issue 15, session 41).

    python scripts/experiments/blame_parts.py [LABELS.tsv ...] [--grid]

For each labeled file (read at run time; the repository holds none of its text), the blame
and neutral rows are linted the way `../shared/tools/label_eval.py` does, with the shipped
models, and printed:

- recall without the `borderline:` rows (as label_eval counts it) and with them;
- for the blame rows the rules miss and the neutral rows they leave quiet, how many hold a
  judged party (`textcat.judged_party`: the writer, a person word, a name, a group) and how
  many a judgement cue (`textcat.judgement_cue`: a judgement word, a lapse, a counterfactual,
  a negated act). If a part were what the rules lack, the misses would hold the other part
  far more often than the quiet neutral rows do.

`--grid` lints sentences written here (no labeled row): eleven parties (the writer, a role,
a name, a vendor, a team, an institution, the reader, "someone") times thirty predicates of
failure, omission, lapse and judgement, and fifteen neutral predicates; it prints which
cells the rules find. A gap that covers a whole row or column is a structural one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import langtrain as lt

PARTIES = (
    "I", "We", "The engineer", "Dana", "The vendor", "Our hosting provider",
    "The support team", "You", "Someone", "The contractor", "The carrier",
)  # fmt: skip
BLAME = (
    "failed to notice the full disk.", "failed to keep customers informed.",
    "failed to account for the leap day.", "did nothing for six hours.",
    "handled the outage badly.", "handled the outage poorly.",
    "pushed the change without review.", "was to blame for the outage.",
    "was responsible for the outage.", "dropped the ball on the renewal.",
    "was sloppy with the rollout.", "rushed the patch out.",
    "didn't bother to check the logs.", "let the renewal slip.", "caused the outage.",
    "broke production.", "should have known better.", "was negligent.",
    "gave us no warning.", "never answered our ticket.", "took no action until morning.",
    "did not act on the alert.", "sat on the report for a week.",
    "messed up the migration.", "screwed up the deploy.", "was slow to respond.",
    "failed to respond in time.", "made a poor call.", "cut corners on testing.",
    "took a shortcut and skipped the review.",
)  # fmt: skip
NEUTRAL = (
    "failed to reproduce the crash.", "failed over the database.", "restarted the server.",
    "noticed the alert.", "handled the rollback quickly.", "did nothing unusual that day.",
    "was responsible for the rollback.", "responded within minutes.",
    "took no risks with the restore.", "rolled back the change.", "reviewed the change.",
    "was paged at 3 am.", "did not see any errors.", "was not aware of the change.",
    "made the call to fail over.",
)  # fmt: skip


def grid() -> None:
    for kind, predicates in (("blame", BLAME), ("neutral", NEUTRAL)):
        rows = [
            lt.Row(f"{kind}-{i}-{j}", f"{party} {predicate}", kind, "grid", "")
            for i, predicate in enumerate(predicates)
            for j, party in enumerate(PARTIES)
        ]
        found = lt.lint_blame(rows)
        print(f"\n{kind}: {sum(found.values())} of {len(rows)} found")
        print(" " * 42 + " ".join(p.split()[-1][:6].ljust(6) for p in PARTIES))
        for i, predicate in enumerate(predicates):
            cells = ("X" if found[f"{kind}-{i}-{j}"] else "." for j in range(len(PARTIES)))
            print(predicate[:41].ljust(42) + " ".join(c.ljust(6) for c in cells))


def parts(path: Path) -> None:
    from pmlint.nlp import textcat

    rows = [r for r in lt.read_file(path) if r.label in ("blame", "neutral")]
    found = lt.lint_blame(rows)
    print(f"\n{path}")
    for name, keep in (("without borderline", False), ("with borderline", True)):
        chosen = [r for r in rows if keep or not r.borderline]
        tp = sum(found[r.id] and r.label == "blame" for r in chosen)
        fp = sum(found[r.id] and r.label == "neutral" for r in chosen)
        blame = sum(r.label == "blame" for r in chosen)
        precision = tp / (tp + fp) if tp + fp else 0.0
        print(f"  {name}: blame P {precision:.2f} R {tp / max(blame, 1):.2f} ({tp} of {blame})")
    for borderline in (False, True):
        groups = {"missed blame": [0, 0, 0, 0], "quiet neutral": [0, 0, 0, 0]}
        for r in rows:
            if r.borderline != borderline or found[r.id]:
                continue
            counts = groups["missed blame" if r.label == "blame" else "quiet neutral"]
            party = textcat.judged_party(r.text) is not None
            cue = textcat.judgement_cue(r.text)
            counts[0] += 1
            counts[1] += party
            counts[2] += cue
            counts[3] += party and cue
        shown = "; ".join(
            f"{k} {c[0]}: party {c[1]}, cue {c[2]}, both {c[3]}" for k, c in groups.items()
        )
        print(f"  {'borderline' if borderline else 'clean'} rows: {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("labels", nargs="*", type=Path)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    for path in args.labels:
        parts(path)
    if args.grid:
        grid()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
