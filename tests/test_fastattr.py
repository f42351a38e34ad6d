"""The attribute ruler with pmlint's matcher and annotation (`pmlint.nlp.fastattr`) sets
the parts of speech, morphology and lemmas that spaCy's own ruler sets."""

from __future__ import annotations

import importlib

from pmlint.nlp import load_pipeline, resolve_model_name
from pmlint.nlp.pipeline import import_spacy

# Written for this test: contractions, possessives, auxiliaries, particles, numbers, symbols,
# spaces and quotes, which the ruler's exceptions are about.
TEXTS = [
    "We didn't page anyone, and the on-call's phone wasn't charged.",
    "It's been 3 hours since the vendor's API   started returning 503s.",
    "Don't restart the primary: wait for the replica to catch up -- then fail over.",
    'The "quick fix" was to set max_conns=200 and hope; it wasn\'t enough.',
    "Gonna need a runbook for this, ain't we?",
    "\n\nTraffic dropped ~40% at 14:05 UTC (see graph #2) & recovered by 14:30.",
]


def _attributes(nlp: object, texts: list[str]) -> list[list[tuple[str, str, str, str]]]:
    return [
        [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]
        for doc in nlp.pipe(texts)  # type: ignore[attr-defined]
    ]


def test_the_same_attributes_as_spacys_ruler() -> None:
    name = resolve_model_name("auto")
    import_spacy()  # first: the model's package imports spaCy too
    theirs = importlib.import_module(name).load()
    ours = load_pipeline("auto").nlp
    assert "set_annotations" in vars(ours.get_pipe("attribute_ruler"))
    from pmlint.nlp import pastforms

    pastforms.install(theirs)  # as in pmlint's pipeline: only the ruler's code differs
    expected = _attributes(theirs, TEXTS)
    assert _attributes(ours, TEXTS) == expected
    assert any(pos == "AUX" for doc in expected for _, pos, _, _ in doc)
