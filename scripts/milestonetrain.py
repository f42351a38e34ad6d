"""For `evaluate_milestones.py` (issue 14's experiment): the timeline entries pmlint
finds in the real corpus, labelled by the reader's milestone times, and the model's training.

The documents and `FACTS.tsv` are read from `../shared/corpus/real` at run time; nothing of
their text is stored in this repository (only the trained weights). An entry is labelled with
the milestone whose time (`FACTS.tsv`, to the minute) is the entry's time; "other" when none
is; an entry at the time of two milestones ("start" and "detected" at once) gives
one example per milestone it is.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import langtrain as lt
import milestonecat as mc

REAL = lt.ROOT.parent / "shared" / "corpus" / "real"
MILESTONES = mc.CLASSES[:-1]
EPOCHS = 20


@dataclass(slots=True)
class Item:
    doc: str
    group: str
    read: str  # the featured text
    cats: dict[str, float]

    @property
    def label(self) -> str:
        return max(self.cats, key=lambda k: self.cats[k])


def _time(value: str | None) -> dt.datetime | None:
    value = (value or "").strip()
    if len(value) <= 10:
        return None  # a date alone names no entry
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def same_minute(a: dt.datetime, b: dt.datetime) -> bool:
    """As `facts_eval.py` compares: in UTC when both carry a zone, else as written."""
    if a.tzinfo and b.tzinfo:
        a, b = a.astimezone(dt.timezone.utc), b.astimezone(dt.timezone.utc)
    else:
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def entries(real: Path = REAL) -> list[Item]:
    """Every timed timeline entry of the corpus, featured and labelled."""
    from pmlint.config import load_config
    from pmlint.extract.timeline import timeline
    from pmlint.parse import parse_document
    from pmlint.settings import Settings

    config = load_config(None)
    settings = Settings(timezone=config.timezone, milestones=config.milestones)
    with (real / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        repo = {r["file"]: r["repo"] for r in csv.DictReader(handle, delimiter="\t")}
    with (real / "FACTS.tsv").open(encoding="utf-8") as handle:
        facts = list(csv.DictReader(handle, delimiter="\t"))
    items = []
    for row in facts:
        text = (real / row["file"]).read_text(encoding="utf-8", errors="replace")
        doc = parse_document(row["file"], text, config.catalog)
        timed = [e for e in timeline(doc, settings).events if e.moment.when is not None]
        want = {m: _time(row.get(m)) for m in MILESTONES}
        for index, event in enumerate(timed):
            when = event.moment.when
            hits = [
                m
                for m, t in want.items()
                if t is not None
                and when is not None
                and event.moment.has_time
                and same_minute(t, when)
            ]
            place = mc.place_marks(index, len(timed))
            read = mc.features(event.text, place, event.moment.kinds)
            for m in hits or ["other"]:  # exclusive classes: one example per milestone
                cats = {c: float(c == m) for c in mc.CLASSES}
                items.append(Item(row["file"], repo.get(row["file"], row["file"]), read, cats))
    return items


def train(items: list[Item], seed: int = lt.SEED):
    """The milestone textcat over `items`, seed fixed (`langtrain.train_classes`)."""
    return lt.train_classes(
        [i.read for i in items],
        [i.cats for i in items],
        mc.CLASSES,
        seed,
        EPOCHS,
        mc.textcat_config(),
    )
