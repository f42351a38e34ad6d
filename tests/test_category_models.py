"""The trained category models (`nlp/categorymodel.py`): read only where the rules say
`unknown`, only in the sentences they read for that kind, citing its sentence's line; their
training sentences are the repository's own and `make train` rebuilds the same weights.
Every document and sentence here was written for this test."""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import incident_categories
from pmlint.extract.modeltext import (
    cause_candidates,
    detection_candidates,
    mitigation_candidates,
)
from pmlint.extract.timeline import timeline
from pmlint.nlp import categorymodel, textcat
from pmlint.settings import Settings
from tests.conftest import REPO, analyzed_documents, assert_training_rebuilds

FIXTURES = REPO / "tests" / "fixtures" / "causes"
MODEL = REPO / "src" / "pmlint" / "models" / "trigger"
WRITTEN = REPO / "scripts" / "training" / "written-causes.tsv"
WRITTEN_DETECTIONS = REPO / "scripts" / "training" / "written-detections.tsv"
WRITTEN_REMEDIES = REPO / "scripts" / "training" / "written-remedies.tsv"
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or not (MODEL / "meta.json").is_file(),
    reason="needs spaCy and the shipped trigger model",
)


def _parsed(text: str):
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    return doc, timeline(doc, Settings(timezone=None, milestones=config.milestones)), config


def _analyze(*paths: Path, env: dict[str, str] | None = None) -> dict:
    return {name: d["categories"] for name, d in analyzed_documents(*paths, env=env).items()}


def test_features_add_broad_classes_and_drop_punctuation() -> None:
    read = categorymodel.features("The hosting provider's DDoS, at 09:00!", "trigger")
    words, classed = read.split(" || ")
    assert words.split() == ["the", "hosting", "provider's", "ddos", "at", "NUM", "NUM"]
    assert set(classed.split()) == {"THIRD", "ATTACK"}
    assert categorymodel.features("--- ... !!") == ""
    # each kind reads its own classes: the same words, other classes ("notice": two of them)
    detection = categorymodel.features("The hosting provider's notice, at 09:00!", "detection")
    assert detection.split(" || ")[1].split() == ["OUTSIDE", "OUTSIDE", "LEARN"]


def test_candidates_are_the_sentences_the_rules_read_for_a_cause() -> None:
    text = (
        "# Mail relay outage on 3 May\n\n"  # 1
        "## Summary\n\n"  # 3
        "Mail was down for an hour. The relay lost its disk.\n\n"  # 5
        "## Impact\n\n"  # 7
        "Nobody could send invoices because the relay was down.\n\n"  # 9
        "## Timeline\n\n"  # 11
        "- 10:00 UTC first bounce\n"  # 13
        "- 10:05 UTC page\n"  # 14
        "- 10:10 UTC call\n"  # 15
        "- 10:40 UTC relay swapped\n\n"  # 16
        "## Root cause\n\n"  # 18
        "The relay's only disk wore out.\n\n"  # 20
        "## Action items\n\n"  # 22
        "- Add a second disk because one is not enough.\n"  # 24
    )
    doc, facts, _ = _parsed(text)
    found = [(c.line, c.where) for c in cause_candidates(doc, facts)]
    assert (20, "root-cause") in found
    assert (5, "summary") in found and (1, "title") in found
    assert {13, 14, 15} <= {line for line, where in found if where == "timeline"}
    assert 16 not in {line for line, _ in found}  # only the first entries tell the start
    assert not {9, 24} & {line for line, _ in found}  # never Impact nor the follow-ups


@pytest.mark.parametrize(
    ("path", "kind", "extra"),
    [
        (WRITTEN, "trigger", {"other", "none"}),
        (WRITTEN_DETECTIONS, "detection", {"none"}),
        (WRITTEN_REMEDIES, "mitigation", {"other", "none"}),
    ],
)
def test_the_written_training_sentences_cover_every_class(
    path: Path, kind: str, extra: set[str]
) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    counts = Counter(r["label"] for r in rows)
    assert set(counts) == {*load_config(None).categories[kind], *extra}
    assert min(counts.values()) >= 40
    assert len({r["text"] for r in rows}) == len(rows) == len({r["id"] for r in rows})


def test_detection_candidates_are_where_the_rules_read_a_detection() -> None:
    text = (
        "# Wiki outage\n\n"  # 1
        "## Summary\n\n"  # 3
        "The wiki was down for an hour. A reader wrote to us about it. Was it the cache?\n\n"  # 5
        "## Timeline\n\n"  # 7
        "- 10:00 UTC the cache node fills up\n"  # 9
        "- 10:05 UTC no alert fires\n"  # 10
        "- 10:20 UTC a reader emails us\n"  # 11
        "- 10:30 UTC cache cleared\n"  # 12
        "- 10:40 UTC checked\n"  # 13
        "- 10:50 UTC all good\n"  # 14
        "- 11:00 UTC closed\n\n"  # 15
        "## Action items\n\n"  # 17
        "- Add an alert on the cache's disk.\n"  # 19
    )
    doc, facts, _ = _parsed(text)
    found = detection_candidates(doc, facts)
    lines = {c.line for c in found}
    assert {9, 11, 5} <= lines
    assert not {10, 15, 19} & lines  # a denial, past the first entries, a follow-up
    assert not [c for c in found if c.text.endswith("?")]  # a question tells nothing


@needs_model
def test_a_cause_in_words_no_rule_reads_gets_a_class_and_its_line() -> None:
    found = _analyze(FIXTURES / "hosting-company.md", FIXTURES / "no-cause.md")
    trigger = found["hosting-company.md"]["trigger"]
    assert (trigger["value"], trigger["line"], trigger["how"]) == ("dependency", 6, "model")
    assert trigger["score"] >= json.loads((MODEL / "meta.json").read_text())["threshold"]
    assert found["no-cause.md"]["trigger"]["value"] == "unknown"  # apologies are no cause
    off = _analyze(FIXTURES / "hosting-company.md", env={textcat.MODELS_ENV: "off"})
    assert off["hosting-company.md"]["trigger"] == {"value": "unknown", "line": None, "how": "none"}


@needs_model
def test_the_rules_and_a_stated_value_win_over_the_model() -> None:
    text = (FIXTURES / "hosting-company.md").read_text(encoding="utf-8")
    stated = "---\ntrigger: unknown\n---\n" + text
    doc, facts, config = _parsed(stated)
    assert incident_categories(doc, facts, config.categories)["trigger"].how == "front-matter"
    from pmlint.analyze.modelcategories import categories_json

    categories = incident_categories(doc, facts, config.categories)
    assert categories_json(doc, facts, categories, config.categories)["trigger"]["how"] != "model"
    ruled = text.replace("hosting company lost", "provider had an outage in")
    doc, facts, config = _parsed(ruled)
    categories = incident_categories(doc, facts, config.categories)
    assert categories_json(doc, facts, categories, config.categories)["trigger"]["how"] == "prose"


@needs_model
def test_best_keeps_to_the_pack_classes_and_the_threshold() -> None:
    texts = ["we apologise to everyone affected.", "the hosting company lost its storage."]
    guess = categorymodel.best("trigger", texts)
    assert guess is not None and (guess.index, guess.value) == (1, "dependency")
    assert categorymodel.best("trigger", texts, threshold=1.01) is None
    assert categorymodel.best("trigger", ["---", "", "we apologise to everyone affected."]) is None
    assert categorymodel.best("trigger", []) is None
    assert categorymodel.best("no-such-kind", texts) is None


@needs_model
def test_make_train_rebuilds_the_shipped_weights() -> None:
    assert_training_rebuilds(
        REPO / "scripts" / "train_categories.py",
        "trigger",
        MODEL,
        ("pipeline/textcat/model", "pipeline/config.cfg"),
    )


_REMEDIED = (
    "# Shop outage\n\n"  # 1
    "## Summary\n\n"  # 3
    "The shop was down for an hour. We will add a standby. Could a restart have helped?\n\n"  # 5
    "## Timeline\n\n"  # 7
    "- 10:00 UTC the shop returns errors\n"  # 9
    "- 10:10 UTC first complaints\n"  # 10
    "- 10:20 UTC the team looks at the logs\n"  # 11
    "- 10:30 UTC the cache host is swapped for a spare\n"  # 12
    "- 10:40 UTC mitigated: the shop is back\n\n"  # 13
    "## Resolution\n\n"  # 15
    "The cache host was swapped for a spare one.\n"  # 17
)


def test_mitigation_candidates_are_where_the_rules_read_a_remedy() -> None:
    doc, facts, _ = _parsed(_REMEDIED)
    lines = {c.line for c in mitigation_candidates(doc, facts)}
    assert {17, 12, 13, 5} <= lines
    assert not {9, 10} & lines  # before the entries that end it
    texts = [c.text for c in mitigation_candidates(doc, facts)]
    assert not [t for t in texts if "will add" in t or t.endswith("?")]  # plans, questions


def test_no_mitigation_candidates_when_it_healed_on_its_own() -> None:
    healed = _REMEDIED.replace("swapped for a spare one", "fine: it recovered on its own")
    doc, facts, _ = _parsed(healed)
    assert mitigation_candidates(doc, facts) == []
