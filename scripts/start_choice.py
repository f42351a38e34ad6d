"""Which rule chose each impact start `pmlint analyze` gives, and how often each is right.

usage: start_choice.py [--errors] [--where] FACTS.tsv [FACTS.tsv ...]

Runs this tree's `pmlint analyze` in this process (it must, to see inside the rules) over the
documents each FACTS.tsv names (the layout `../shared/tools/facts_eval.py` reads) and tallies
every start by what decided it against the reader's label (right, wrong, extra: the reader
found none; missed: the reader found one and pmlint gave none or withheld it):

- `how` from `milestone_sources` (field, range, prose, inferred, model, timeline ...);
- for a timeline start, the branch of `extract.milestones._start` that picked the entry:
  the first symptom itself (`anchor=symptom`), the first detection when no symptom comes
  before it (`anchor=detection`), the change shortly before either (`trigger-before-...`),
  an accident told before it (`accident-...`), the entries up to 12 hours before it
  (`lead-before-...`), an author's marker (`marker`), or no anchor at all;
- the later steps that moved a timeline start (`+before-the-rest`, `+told-earlier`,
  `+summary-start`, `+summary-later`, `+day-begun`), and a withheld one with what it would
  have been (`withheld (wrong): <why>`).

By default it prints counts only, so it may be run on a held-out set without showing any of
its text; `--errors` adds one line per start that is not right (file name and rule).
`--where` (counts only) tallies, for each start that is wrong or missed, where the reader's
start lies among the timeline entries the rules were given: the kind of entry at the reader's
minute (the first symptom, a later symptom, a detection, a change, other words), before or
after the entry picked, or no entry at that minute: which entry the start should have been,
told by word class, without any text.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from facts_by_source import _parse, _verdict  # noqa: E402

import pmlint.extract.milestones as rules  # noqa: E402
import pmlint.extract.timeline.choose as choose  # noqa: E402
from pmlint.cli import main as pmlint_main  # noqa: E402

_TRAIL: list[str] = []
# The timeline entries `rules._start` was last given, and its word classes.
_ENTRIES: list[Any] = []


def _branch(ordered: Any, classes: Any, picked: Any) -> str:
    """The branch of `rules._start` that returned `picked` (its conditions, re-read)."""
    symptoms = [
        e
        for e in ordered
        if classes.has("start", e.text) and rules._ALL_FINE.search(e.text) is None
    ]
    detections = [e for e in ordered if rules._detection(e, classes)]
    anchors = symptoms[:1] + detections[:1]
    if picked is None:
        return "none"
    if not anchors:
        return "no-anchor:first" if picked is ordered[0] else "no-anchor:unintended"
    anchor = min(anchors, key=lambda e: (rules._comparable(e.when), e.index))
    kind = "symptom" if symptoms and anchor is symptoms[0] else "detection"
    if picked is anchor:
        return f"anchor={kind}"
    if rules._made_change(picked, classes):
        return f"trigger-before-{kind}"
    if rules._UNINTENDED.search(picked.text):
        return f"accident-before-{kind}"
    return f"lead-before-{kind}"


def _install() -> None:
    start = rules._start

    def traced_start(ordered: Any, classes: Any) -> Any:
        picked = start(ordered, classes)
        _TRAIL.append(_branch(ordered, classes, picked))
        _ENTRIES[:] = [list(ordered), classes, picked]
        return picked

    rules._start = traced_start  # type: ignore[assignment]

    before_the_rest = rules._start_before_the_rest

    def traced_before_the_rest(ordered: Any, found: dict[str, Any], classes: Any) -> None:
        was = found.get("start")
        if was is not None and classes.has("start", was.text, "markers"):
            _TRAIL.append("marker")
        before_the_rest(ordered, found, classes)
        if found.get("start") is not was:
            _TRAIL.append("+before-the-rest")

    rules._start_before_the_rest = traced_before_the_rest  # type: ignore[assignment]

    def moved(name: str, label: str) -> None:
        step: Callable[..., Any] = getattr(choose, name)

        def traced(*args: Any) -> Any:
            result = step(*args)
            if result is not None:
                _TRAIL.append(label)
            return result

        setattr(choose, name, traced)

    moved("_told_earlier", "+told-earlier")
    moved("_summary_start", "+summary-start")
    moved("_summary_start_later", "+summary-later")
    moved("_day_begun_before", "+day-begun")


def _where(want: Any) -> str:
    """Where the reader's start lies among the timeline entries `rules._start` was given:
    the kind of entry at that minute (the first symptom, a later symptom, a detection, a
    change, other words) and whether it comes before or after the entry picked; or no entry
    at that minute, or no timeline. Words only as classes: safe on a held-out set."""
    if not _ENTRIES:
        return "no timeline"
    ordered, classes, picked = _ENTRIES
    hits = [
        e
        for e in ordered
        if e.when is not None
        and _verdict(
            want,
            ("dt", e.when) if e.has_time else ("date", e.when.date().isoformat()),
        )
        == "right"
    ]
    if not hits:
        return "no entry at the reader's minute"
    entry = hits[0]

    def symptom(e: Any) -> bool:
        return bool(classes.has("start", e.text)) and rules._ALL_FINE.search(e.text) is None

    symptoms = [e for e in ordered if symptom(e)]
    if symptom(entry):
        kind = "the first symptom" if entry is symptoms[0] else "a later symptom"
    elif rules._detection(entry, classes):
        kind = "a detection"
    elif rules._made_change(entry, classes):
        kind = "a change"
    else:
        kind = "an entry of other words"
    if picked is None:
        return f"{kind} (none picked)"
    side = "before" if ordered.index(entry) < ordered.index(picked) else "after"
    return f"{kind}, {side} the pick"


def _analyze(path: Path) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        pmlint_main(["analyze", "--format", "json", str(path)], standalone_mode=False)
    return json.loads(out.getvalue())["documents"][0]


def _rule(document: dict[str, Any], trail: list[str], want: Any) -> str:
    held = (document.get("withheld_milestones") or {}).get("start")
    source = (document.get("milestone_sources") or {}).get("start") or {}
    how = source.get("how") or (held or {}).get("how") or "none"
    label = str(how)
    if how == "timeline" or (how == "prose" and "+summary-start" in trail):
        branch = next((t for t in reversed(trail) if not t.startswith("+")), "?")
        label += f" {branch}" + "".join(t for t in trail if t.startswith("+"))
    if held:
        value = _parse(held.get("value"))
        would = _verdict(want, value) if value is not None else "?"
        label += f" withheld ({would}): {held.get('why')}"
    return label


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list each start not right")
    parser.add_argument(
        "--where",
        action="store_true",
        help="tally where the reader's start lies among the timeline entries, for each start "
        "not right (counts only)",
    )
    parser.add_argument("facts", nargs="+")
    args = parser.parse_args()
    _install()
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[str] = []
    where: dict[str, int] = defaultdict(int)
    for facts in args.facts:
        base = Path(facts).resolve().parent
        with open(facts, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        for row in rows:
            _TRAIL.clear()
            _ENTRIES.clear()
            document = _analyze(base / row["file"])
            want = _parse(row.get("start"))
            rule = _rule(document, list(_TRAIL), want)
            have = _parse((document.get("milestones") or {}).get("start"))
            verdict = _verdict(want, have) if have is not None else "missed"
            if have is None and want is None:
                verdict = "none"
            tally[rule][verdict] += 1
            if verdict in ("wrong", "extra", "missed"):
                errors.append(f"  {verdict:<6} {row['file']}: {rule}")
            if verdict in ("wrong", "missed") and want is not None:
                where[f"{verdict} ({rule.split(' withheld')[0]}): {_where(want)}"] += 1
    print("start, by the rule that chose it: right / wrong / extra / missed / neither")
    for rule, counts in sorted(tally.items()):
        right, wrong = counts.get("right", 0), counts.get("wrong", 0)
        extra, missed = counts.get("extra", 0), counts.get("missed", 0)
        neither = counts.get("none", 0)
        share = f"{right / (right + wrong):.2f}" if right + wrong else "-"
        print(f"  {rule:<64} {right:4d} {wrong:4d} {extra:4d} {missed:4d} {neither:4d}  P {share}")
    if args.where:
        print("the reader's start, for each start not right: where it lies among the entries")
        for place, count in sorted(where.items()):
            print(f"  {count:4d}  {place}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
