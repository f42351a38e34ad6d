"""The memoised lemmatizer (`pmlint.nlp.fastlemma`) gives spaCy's own lemmas."""

from __future__ import annotations

import importlib

from pmlint.nlp import fastlemma, load_pipeline, resolve_model_name
from pmlint.nlp.pipeline import import_spacy

# Written for this test: plurals, irregular pasts, participles, comparatives, proper nouns,
# numbers and a word no table knows, some of them twice (the memo answers the second time).
TEXTS = [
    "The engineers rolled back the deploys after the canaries failed twice.",
    "She forgot to renew the certificates, which expired at 02:00 UTC.",
    "Queries were slower and the replicas fell further behind than before.",
    "Kubernetes evicted 14 pods; the schedulers couldn't place them on busier nodes.",
    "We have written better runbooks, and the on-call engineers are reviewing them.",
    "The flibbertigibbets were re-enabled by Priya's teams in Frankfurt.",
    "The engineers rolled back the deploys after the canaries failed twice.",
    "Caches warmed up slowly; the best fix was throttling the noisiest tenants.",
]


def _lemmas(nlp: object, texts: list[str]) -> list[list[str]]:
    return [[token.lemma_ for token in doc] for doc in nlp.pipe(texts)]  # type: ignore[attr-defined]


def test_the_same_lemmas_as_spacys_lemmatizer() -> None:
    name = resolve_model_name("auto")
    import_spacy()  # first: the model's package imports spaCy too
    package = importlib.import_module(name)
    theirs = package.load()
    ours = load_pipeline("auto").nlp
    assert type(ours.get_pipe("lemmatizer")).__call__ is fastlemma._call
    assert not fastlemma.install(ours)  # once only
    # pmlint's pipeline also re-tags irregular pasts (`pastforms`): compare on a copy of
    # spaCy's that has it too, so that only the lemmatizer differs
    from pmlint.nlp import pastforms

    pastforms.install(theirs)
    expected = _lemmas(theirs, TEXTS)
    assert _lemmas(ours, TEXTS) == expected
    assert _lemmas(ours, TEXTS) == expected  # from the memo this time
    assert "roll" in expected[0] and "forget" in expected[1] and "engineer" in expected[0]


def test_the_index_answers_in_as_its_list_does() -> None:
    items = ["run", "walk", 3, "fly"]
    indexed = fastlemma._IndexedList(items)
    assert indexed == items and list(indexed) == items
    for probe in ("run", "fly", "swim", 3, 4, None):
        assert (probe in indexed) == (probe in items)
