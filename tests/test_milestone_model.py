"""The trained milestone model (`nlp/milestonecat.py`, `analyze/modelmilestones.py`): it fills
only the milestones the rules left empty, from the timeline's dated entries, in order, and
says `how: model`; its training entries are the repository's own and `make train` rebuilds
the same weights. Every document and entry here was written for this test."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pmlint.analyze.modelmilestones import with_model_milestones
from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.timeline import timeline
from pmlint.nlp import milestonecat, textcat
from pmlint.settings import Settings
from tests.conftest import REPO, analyzed_documents, assert_training_rebuilds

FIXTURES = REPO / "tests" / "fixtures" / "milestones"
MODEL = REPO / "src" / "pmlint" / "models" / "milestone"
WRITTEN = REPO / "scripts" / "training" / "written-entries.tsv"
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or not (MODEL / "meta.json").is_file(),
    reason="needs spaCy and the shipped milestone model",
)
# The ferry document's detection entry ("a travel agent phones our service desk") is in
# words the rules do not read; the model gives it a low probability, under the shipped
# threshold, so the tests that need it filled lower the threshold.
LOW = 0.2


def _facts(text: str):
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    return timeline(doc, Settings(timezone=None, milestones=config.milestones))


def _models_with_threshold(folder: Path, threshold: float) -> Path:
    """A models folder whose milestone model is the shipped one with another threshold."""
    for kind in ("blame", "vague", "trigger"):
        (folder / kind).symlink_to(MODEL.parent / kind)
    (folder / "milestone").mkdir()
    (folder / "milestone" / "pipeline").symlink_to(MODEL / "pipeline")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    (folder / "milestone" / "meta.json").write_text(json.dumps({**meta, "threshold": threshold}))
    return folder


def test_features_drop_times_dates_and_zones_and_add_broad_classes() -> None:
    read = milestonecat.features("2025-10-09 14:22 UTC Build 80 put back; bookings succeed again")
    words, classed = read.split(" || ")
    assert words.split() == ["build", "NUM", "put", "back", "bookings", "succeed", "again"]
    assert {"RECOVER"} <= set(classed.split())
    assert milestonecat.features("09:00 UTC") == ""


def test_the_written_training_entries_cover_every_class_and_register() -> None:
    with open(WRITTEN, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    counts = Counter(r["label"] for r in rows)
    assert set(counts) == set(milestonecat.CLASSES)
    assert min(counts.values()) >= 150
    assert len({r["text"] for r in rows}) == len(rows) == len({r["id"] for r in rows})
    registers = Counter(r["register"] for r in rows if r["label"] != "other")
    assert {"timeline", "chat", "status", "summary", "prose", "table"} <= set(registers)


@needs_model
def test_an_empty_milestone_is_filled_from_its_entry_and_says_model(tmp_path: Path) -> None:
    path = FIXTURES / "ferry-booking.md"
    models = _models_with_threshold(tmp_path, LOW)
    found = analyzed_documents(path, env={textcat.MODELS_ENV: str(models)})["ferry-booking.md"]
    assert found["milestones"]["detected"] == "2025-10-09T13:31:00+00:00"
    assert found["milestone_sources"]["detected"] == {
        "line": 12,
        "how": "model",
        "precision": "minute",
    }
    assert found["ttd_minutes"] == 19
    assert found["milestone_sources"]["mitigated"]["how"] == "timeline"  # the rules' own stay
    text = subprocess.run(
        [sys.executable, "-m", "pmlint", "analyze", "--format", "text", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, textcat.MODELS_ENV: str(models)},
        check=False,
    ).stdout
    assert " 19m* " in text.splitlines()[1]  # a time to detect resting on the model is marked
    off = analyzed_documents(path, env={textcat.MODELS_ENV: "off"})["ferry-booking.md"]
    assert off["milestones"]["detected"] is None and off["ttd_minutes"] is None
    shipped = analyzed_documents(path)[
        "ferry-booking.md"
    ]  # under the shipped threshold: left empty
    assert shipped["milestones"]["detected"] is None


@needs_model
def test_the_model_keeps_the_milestones_in_order_and_leaves_found_ones() -> None:
    text = (FIXTURES / "ferry-booking.md").read_text(encoding="utf-8")
    facts = _facts(text)
    filled = with_model_milestones(facts, threshold=LOW)
    assert filled.provenance["detected"] == "model" and filled.milestones["detected"] is not None
    for kind in ("start", "mitigated", "resolved"):
        assert filled.milestones[kind] is facts.milestones[kind]
    assert facts.milestones["detected"] is None  # the checks' facts are not changed
    assert with_model_milestones(facts, threshold=1.01) is facts
    # the only detection-like entry after the mitigation: out of order, so it stays empty
    late = text.replace("2025-10-09 13:31 A travel agent", "2025-10-09 15:31 A travel agent")
    late_facts = _facts(late)
    assert late_facts.milestones["detected"] is None
    assert with_model_milestones(late_facts, threshold=LOW).milestones["detected"] is None


@needs_model
def test_make_train_rebuilds_the_shipped_weights() -> None:
    assert_training_rebuilds(
        REPO / "scripts" / "train_milestones.py",
        "milestone",
        MODEL,
        ("pipeline/textcat/model", "pipeline/config.cfg", "meta.json"),
    )


_ASKED_TO_REVERT = """# Ledger replicas diverge

## Timeline

All times UTC.

- 2025-04-02 10:05: ledger replicas on 1.8.1 start to disagree on the balance hash.
- 2025-04-02 10:20: an operator reports the mismatch in the operators' channel.
- 2025-04-02 10:40: the release team asks every operator to roll back to 1.8.0 and wait.
"""


@needs_model
def test_the_model_takes_no_attempt_for_the_mitigation() -> None:
    """An instruction to others to roll back, which the rules call an attempt, is no
    mitigation whatever the model scores it (threshold 0: every entry would pass)."""
    facts = _facts(_ASKED_TO_REVERT)
    assert facts.milestones["mitigated"] is None and facts.milestones["resolved"] is None
    filled = with_model_milestones(facts, threshold=0.0)
    for kind in ("mitigated", "resolved"):
        moment = filled.milestones[kind]
        assert moment is None or moment.line != 9, kind


_EVICTED = """# Stray key on the build hosts

## Timeline

- 2024-05-03 03:10 UTC: the outsider's key is revoked, SSH is closed to the outside and the
  intrusion ends.
"""


@needs_model
def test_the_model_takes_no_start_at_the_instant_the_impact_ended() -> None:
    """Where the rules left the start empty and read the eviction as the mitigation, the
    model does not give the eviction's time as the start too (an incident that ended as it
    began), whatever it scores the sentence (threshold 0: every sentence would pass)."""
    facts = _facts(_EVICTED)
    evicted = facts.milestones["mitigated"]
    assert evicted is not None
    rules = dataclasses.replace(
        facts,
        milestones={**facts.milestones, "start": None},
        provenance={k: v for k, v in facts.provenance.items() if k != "start"},
    )
    filled = with_model_milestones(rules, threshold=0.0)
    start = filled.milestones["start"]
    assert start is None or start.when != evicted.when
    # the other milestones still fill as before
    assert filled.milestones["mitigated"] is evicted


_ENDS_TOLD = """# Mail and API outage

On 3 March 2024 from 09:05 UTC to 12:40 UTC the platform was degraded:

- API: offline until 10:15 UTC
- Webmail: logins failing until 11:50 UTC

Customers could not place orders during this window.
"""


@needs_model
def test_the_model_takes_no_detection_at_an_end_or_a_range() -> None:
    """A time told as when something stopped ("offline until 10:15 UTC") or as an end of a
    range is no one learning of the incident, whatever the model scores it (threshold 0)."""
    filled = with_model_milestones(_facts(_ENDS_TOLD), threshold=0.0)
    detected = filled.milestones["detected"]
    assert detected is None or detected.line not in (3, 5, 6), detected.line
