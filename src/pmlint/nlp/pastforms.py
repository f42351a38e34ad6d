"""Irregular past forms that en_core_web_sm tags as present: "I forgot to tell the proxy"
comes out as `forgot/VBP`, lemma "forgot", so no rule sees the verb "forget" nor a report
of what happened.

The correction is the pipeline's own data, not a word list of ours: a verb tagged VBP whose
form is in the lemmatizer's table of irregular verb forms (`lemma_exc`, "forgot" ->
"forget") and is not itself a base form (`lemma_index`; "found", "lay" and "saw" are both)
can only be a past form, so it is re-tagged VBD before the lemmatizer runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NAME = "pmlint_past_forms"
_PAST_MORPH = "Tense=Past|VerbForm=Fin"


class PastForms:
    """Re-tags VBP verbs whose form is an irregular past (see the module's docstring)."""

    def __init__(self, past_forms: frozenset[str]) -> None:
        self.past_forms = past_forms

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.tag_ == "VBP" and token.pos_ == "VERB" and token.lower_ in self.past_forms:
                token.tag_ = "VBD"
                token.set_morph(_PAST_MORPH)  # type: ignore[attr-defined]  # spaCy 3 API, not in its stubs
        return doc


def past_forms(nlp: Language) -> frozenset[str]:
    """The irregular verb forms of the pipeline's lemmatizer that are not base forms."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        irregular: dict[str, Any] = dict(lookups.get_table("lemma_exc")["verb"])
        base = set(lookups.get_table("lemma_index")["verb"])
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(
        form
        for form, lemmas in irregular.items()
        if form not in base and form not in lemmas and form.isalpha()
    )


_VERBS: dict[int, tuple[Any, frozenset[str]]] = {}


def verb_forms(nlp: Any) -> frozenset[str]:
    """Every form the pipeline's lemmatizer knows as a verb (its base forms and irregular
    forms); empty where it has no tables. Memoised per pipeline."""
    cached = _VERBS.get(id(nlp))
    if cached is not None and cached[0] is nlp:
        return cached[1]
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        forms = frozenset(lookups.get_table("lemma_index")["verb"]) | frozenset(
            lookups.get_table("lemma_exc")["verb"]
        )
    except (KeyError, AttributeError):
        forms = frozenset()
    _VERBS[id(nlp)] = (nlp, forms)
    return forms


def install(nlp: Language) -> None:
    """Insert the correction before the lemmatizer (a pipeline without one is left alone)."""
    if "lemmatizer" not in nlp.pipe_names or NAME in nlp.pipe_names:
        return
    from spacy.language import Language

    if not Language.has_factory(NAME):
        Language.factory(NAME, func=_factory)
    nlp.add_pipe(NAME, before="lemmatizer")


def _factory(nlp: Language, name: str) -> PastForms:
    return PastForms(past_forms(nlp))
