"""Parses of short texts outlive their batch of documents: a later batch that asks for the
same text gets the same Doc, parsed once; long texts and the oldest ones are not kept."""

from __future__ import annotations

from typing import Any

import pytest

from pmlint.nlp import cascade, pipeline
from pmlint.nlp.pipeline import SpacyPipeline


class _Parsed:
    def __init__(self, text: str) -> None:
        self.text = text
        self.user_data: dict[str, Any] = {}


class _Nlp:
    """Stands in for a spaCy Language: counts what it is given to parse."""

    def __init__(self) -> None:
        self.pipe_names: list[str] = []  # no entity recognizer to leave pending
        self.given: list[str] = []

    def pipe(self, texts: list[str], batch_size: int = 0) -> list[_Parsed]:
        self.given += texts
        return [_Parsed(text) for text in texts]


def _pipeline() -> tuple[SpacyPipeline, _Nlp]:
    nlp = _Nlp()
    return SpacyPipeline(nlp, "stand-in", "0", False), nlp  # type: ignore[arg-type]


def test_a_later_batch_reuses_the_parse_of_a_short_text() -> None:
    made, nlp = _pipeline()
    long_text = "A sentence long enough not to be kept after its batch. " * 3
    with cascade.prefetched(made, ["Why?", long_text, "Roll back first."]):
        first = made.memo["Why?"]
    assert made.memo == {}  # the memo is the batch's only
    with cascade.prefetched(made, ["Why?", long_text, "Page the owner."]):
        assert made.memo["Why?"] is first
        assert set(made.memo) == {"Why?", long_text, "Page the owner."}
    assert nlp.given == ["Why?", long_text, "Roll back first.", long_text, "Page the owner."]
    assert made.stats.spacy_texts == 5


def test_only_the_newest_parses_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RECENT_DOCS", 2)
    made, nlp = _pipeline()
    for text in ("one", "two", "three"):
        with cascade.prefetched(made, [text]):
            pass
    assert list(made.recent) == ["two", "three"]
    with cascade.prefetched(made, ["two", "one"]):
        pass
    assert nlp.given == ["one", "two", "three", "one"]
    assert list(made.recent) == ["two", "one"]  # "three" the oldest now
