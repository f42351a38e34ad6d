"""en_core_web_sm's rule lemmatizer, the same lemmas in a fraction of the time.

spaCy's rule lemmatizer works out each token's lemma from its text, part of speech and
morphology. Two things made it about a sixth of the parse time of pmlint's candidates:

- for a word it has not seen, each form its suffix rules make is looked up in the list of
  known lemmas of that part of speech (`lemma_index`: 57,528 nouns, 20,993 verbs) with
  `form in index`, a scan of the list: about 0.1 ms a word. `install` gives each of those
  lists a set to answer `in` from (`_IndexedList`: still the same list, in the same
  order, for anything else that reads it).
- it caches the answers of its rules only, not those of base forms (most tokens), which
  it works out again from a dict of the morphology each time. `install` gives the
  lemmatizer a `__call__` that keeps every answer under (orth, pos, morphology), the key
  of spaCy's own cache, and asks `lemmatize` only for a new one: the answer depends on
  nothing else.

Other modes (lookup tables), an `overwrite` lemmatizer or a class with a `__call__` of
its own are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_MEMO = 200_000  # distinct (word, tag, morphology) keys: a long-lived process clears it


def install(nlp: Language) -> bool:
    """Memoise the pipeline's rule lemmatizer (see above); False when not done."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    try:
        from spacy.pipeline import Lemmatizer
    except ImportError:  # another spaCy: keep its own
        return False
    kind = type(lemmatizer)
    if (
        not isinstance(lemmatizer, Lemmatizer)
        or getattr(lemmatizer, "mode", None) != "rule"
        or getattr(lemmatizer, "overwrite", True)
        or kind.__call__ is not Lemmatizer.__call__  # a subclass's own: not ours to replace
        or getattr(kind, "_pmlint_memoised", False)
    ):
        return False
    try:
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, known in list(index.items()):
            if type(known) is list:
                index[pos] = _IndexedList(known)
    except (KeyError, AttributeError, TypeError):
        pass  # no such table: the rules find no index either
    lemmatizer.__class__ = type(
        kind.__name__, (kind,), {"__call__": _call, "_pmlint_memoised": True}
    )
    return True


class _IndexedList(list[Any]):
    """A list of known lemmas that answers `in` from a set of its items (built once)."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(item for item in items if isinstance(item, str))
        self._others = [item for item in items if not isinstance(item, str)]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._members
        return item in self._others


def _call(self: Any, doc: Doc) -> Doc | None:
    """`Lemmatizer.__call__` in rule mode without `overwrite`, with every answer memoised."""
    if not self._validated:
        from spacy.errors import Errors

        self._validate_tables(Errors.E1004)
    memo: dict[tuple[int, int, int], str] | None = self.__dict__.get("_pmlint_memo")
    if memo is None or len(memo) > MAX_MEMO:
        memo = self.__dict__["_pmlint_memo"] = {}
    lemmatize = self.lemmatize
    error_handler = self.get_error_handler()
    try:
        for token in doc:
            if token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = lemmatize(token)[0]
                token.lemma_ = lemma
        return doc
    except Exception as error:
        error_handler(self.name, self, [doc], error)
    return None  # as spaCy's: the error handler chose not to raise
