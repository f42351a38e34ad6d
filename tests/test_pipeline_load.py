"""Loading the spaCy pipeline: pmlint's shortcuts load the same pipeline as spaCy does."""

from __future__ import annotations

import importlib

import pytest

from pmlint.nlp import AUTO_CANDIDATES, load_pipeline, resolve_model_name
from pmlint.nlp.pipeline import BARE_TOKENIZER, decoders_once, import_spacy, load_model


def test_the_tokenizer_loaded_into_an_empty_one_is_spacys() -> None:
    """`load_model` skips the defaults' tokenizer; the pipeline file's own is the same."""
    name = resolve_model_name("auto")
    assert name in AUTO_CANDIDATES, "the tests run with the model installed (make test)"
    spacy = import_spacy()
    package = importlib.import_module(name)
    ours = load_model(spacy, name, package)
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": BARE_TOKENIZER}
    theirs = package.load()
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    assert ours.pipe_names == theirs.pipe_names
    text = (
        "Dr. Smith's team didn't roll back the U.S. deploy at 10:02 UTC (see https://x.io/a?b=1)."
    )
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    # a folder loads the same way
    folder = load_model(spacy, str(theirs.path), None)
    assert folder.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(
        exclude=["vocab"]
    )


def test_a_folder_without_a_config_loads_as_spacy_says() -> None:
    spacy = import_spacy()
    try:
        load_model(spacy, "/nonexistent/pipeline", None)
    except OSError:
        pass
    else:
        raise AssertionError("spaCy should refuse a missing folder")
    assert load_pipeline("auto").nlp.tokenizer is not None


def test_entry_points_by_group_are_catalogues() -> None:
    """spaCy's registries see the same plugins through the grouped entry points."""
    import catalogue

    from pmlint.nlp.pipeline import _EntryPointGroups

    import_spacy()
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(grouped, _EntryPointGroups)
    found = grouped._found
    for group in {*found.groups, "no_such_group"}:
        assert list(grouped.select(group=group)) == list(found.select(group=group))
        assert grouped.select(group=group) is grouped.select(group=group)
    assert list(grouped.select(name="x")) == list(found.select(name="x"))


def test_the_msgpack_decoders_are_asked_once_per_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside `decoders_once` srsly's registry answers from its first call (a new dict each
    time, as before); after it, the registry's own method answers again."""
    import_spacy()
    registry = importlib.import_module("srsly.msgpack").msgpack_decoders
    calls = []
    original = registry.get_all

    def counted() -> dict:
        calls.append(1)
        return original()

    monkeypatch.setattr(registry, "get_all", counted)
    expected = original()
    with decoders_once():
        first, second = registry.get_all(), registry.get_all()
        with decoders_once():  # nested: the outer block's answer
            third = registry.get_all()
    assert first == second == third == expected and first is not second
    assert len(calls) == 1
    assert registry.get_all is counted
