"""The word-piece model behind PM403's "resembles" reason (`pmlint.nlp.pieces`)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from pmlint.nlp import pieces

ROOT = Path(__file__).resolve().parent.parent


def test_words_follow_bert_basic_tokenization() -> None:
    # lower case, accents stripped, punctuation split off, control characters dropped
    assert pieces._words("Café—naïve, don't!\x00") == [
        "cafe", "—", "naive", ",", "don", "'", "t", "!",
    ]  # fmt: skip
    # each CJK ideograph is a word; other scripts stay whole
    assert pieces._words("缓存 Ünïcode") == ["缓", "存", "unicode"]
    assert pieces._words("  \t\n ") == []


def test_words_split_into_longest_known_pieces() -> None:
    vocab = pieces.Vocabulary(["[UNK]", "hard", "##en", "##ing", "harden", "x"])
    assert vocab.split("hardening") == [4, 3]  # "harden" + "##ing", longest first
    assert vocab.split("hardxyz") == [0]  # a word with an unknown rest is one unknown
    assert vocab.split("x" * 101) == [0]  # as BERT: over 100 characters is unknown
    assert [p for p, _ in vocab.pieces("Harden, hardening")] == [4, 0, 4, 3]


def test_pieces_stop_at_the_encoders_length() -> None:
    vocab = pieces.Vocabulary(["[UNK]", "a"])
    assert len(vocab.pieces("a " * 500)) == pieces.MAX_PIECES
    # a megabyte with no space is read as its start, at once
    assert vocab.pieces("a" * 1_000_000) == [(0, 0)]


def test_shipped_model_matches_its_vocabulary() -> None:
    model = pieces.load("vague")
    if model is None:
        pytest.skip("the word-piece model is not built")
    assert len(model.weights) == len(model.vocabulary.ids) == 30522
    assert 0.5 <= model.threshold <= 0.95
    assert model.score("") == 0.0
    concrete = model.score("Add a runbook for restoring the queue from a snapshot")
    wish = model.score("Give some thought to the alerting story")
    assert 0.0 < concrete < model.threshold <= wish < 1.0
    cues = model.cues("Give some thought to the alerting story")
    assert "thought" in cues and not {"give", "some", "to", "the"} & set(cues)  # content words


def test_models_off_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLINT_TEXTCAT_DIR", "off")
    assert pieces.load("vague") is None


def test_a_folder_without_the_model_reads_as_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMLINT_TEXTCAT_DIR", str(tmp_path))
    assert pieces.load("vague") is None
    (tmp_path / "vague-pieces").mkdir()
    (tmp_path / "vague-pieces" / "meta.json").write_text('{"bias": 0, "threshold": 0.9}')
    (tmp_path / "vague-pieces" / "weights.f32").write_bytes(b"\0" * 12)  # 3 weights, not 30522
    assert pieces.load("vague") is None


def test_training_fits_a_balanced_regression_deterministically() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_pieces
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    rng = np.random.default_rng(1)
    x = np.vstack([rng.normal(1.0, 1.0, (20, 3)), rng.normal(-1.0, 1.0, (80, 3))])
    y = np.array([1.0] * 20 + [0.0] * 80)
    w, b = train_pieces.fit(x, y)
    again, bias_again = train_pieces.fit(x, y)
    assert np.array_equal(w, again) and b == bias_again
    assert (w > 0).all()  # the positives lie along +1
    p = train_pieces.scores(x, w, b)
    # balanced weights: the rarer class is not swamped (most of both sides on their side)
    assert (p[:20] >= 0.5).mean() > 0.8 and (p[20:] < 0.5).mean() > 0.8
    t, precision, recall = train_pieces.threshold(p, y.astype(bool))
    assert t in train_pieces.GRID and precision >= train_pieces.PRECISION and recall > 0
