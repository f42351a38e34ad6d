"""Precision of `pmlint analyze`'s milestones by how each was found, and what it withheld.

usage: facts_by_source.py [--pmlint PATH] FACTS.tsv [FACTS.tsv ...]

Each FACTS.tsv sits beside the documents it names (the layout `../shared/tools/facts_eval.py`
reads). For every milestone pmlint gives, the reader's label says whether it is right (the
same minute, in UTC where both have an offset; a label that is a date alone matches that
day), wrong, or extra (the reader found none); the counts are tallied by `how` in
`milestone_sources` (field, timeline, prose, range, inferred, model ...). The milestones
analyze withheld (`withheld_milestones`) are tallied the same way by why they were withheld:
a withheld value that would have been right is recall lost, a wrong or extra one is a
mistake not made.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MILESTONES = ("start", "detected", "mitigated", "resolved")


def _parse(value: str | None) -> tuple[str, object] | None:
    value = (value or "").strip()
    if not value or value.lower() in ("none", "null", "-"):
        return None
    if len(value) == 10:
        return ("date", value)
    try:
        return ("dt", datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return ("bad", value)


def _same(want: tuple[str, object], have: tuple[str, object]) -> bool:
    if "bad" in (want[0], have[0]):
        return False
    if "date" in (want[0], have[0]):

        def day(item: tuple[str, object]) -> str:
            value = item[1]
            return value if isinstance(value, str) else value.date().isoformat()  # type: ignore[attr-defined]

        return day(want) == day(have)
    a, b = want[1], have[1]
    assert isinstance(a, datetime) and isinstance(b, datetime)
    if a.tzinfo and b.tzinfo:
        a, b = a.astimezone(timezone.utc), b.astimezone(timezone.utc)
    else:
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def _verdict(want: tuple[str, object] | None, have: tuple[str, object]) -> str:
    if want is None:
        return "extra"
    return "right" if _same(want, have) else "wrong"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pmlint", default=str(REPO / ".venv" / "bin" / "pmlint"))
    parser.add_argument("facts", nargs="+")
    args = parser.parse_args()
    given: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    withheld: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for facts in args.facts:
        base = Path(facts).resolve().parent
        with open(facts, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        run = subprocess.run(
            [args.pmlint, "analyze", *[str(base / r["file"]) for r in rows], "--format", "json"],
            capture_output=True,
            text=True,
            cwd=base,
            check=False,
        )
        by_name = {Path(d["path"]).name: d for d in json.loads(run.stdout)["documents"]}
        for row in rows:
            document = by_name.get(row["file"]) or {}
            for kind in MILESTONES:
                want = _parse(row.get(kind) if kind in row else row.get("impact_" + kind))
                have = _parse((document.get("milestones") or {}).get(kind))
                if have is not None:
                    how = ((document.get("milestone_sources") or {}).get(kind) or {}).get("how")
                    given[(kind, str(how))][_verdict(want, have)] += 1
                held = (document.get("withheld_milestones") or {}).get(kind)
                if held and _parse(held.get("value")) is not None:
                    verdict = _verdict(want, _parse(held["value"]))  # type: ignore[arg-type]
                    withheld[(kind, str(held.get("why")))][verdict] += 1
    print("given, by how it was found: right / wrong / extra, precision (right / labelled given)")
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (kind, how), counts in sorted(given.items()):
        for verdict, n in counts.items():
            totals[how][verdict] += n
        _line(f"{kind} {how}", counts)
    for how, counts in sorted(totals.items()):
        _line(f"all {how}", counts)
    print("withheld, by why: would have been right / wrong / extra")
    for (kind, why), counts in sorted(withheld.items()):
        _line(f"{kind} ({why})", counts)
    return 0


def _line(label: str, counts: dict[str, int]) -> None:
    right, wrong, extra = counts.get("right", 0), counts.get("wrong", 0), counts.get("extra", 0)
    share = f"{right / (right + wrong):.2f}" if right + wrong else "-"
    print(f"  {label:<84} {right:4d} {wrong:4d} {extra:4d}  P {share}")


if __name__ == "__main__":
    raise SystemExit(main())
