"""Is an action item specific enough to be checked when it is done? (PM403)

An item is vague when its head verb is a vague verb (improve, review, ensure, consider,
...) and nothing makes it checkable (a number or threshold, a named component or
artifact, a deliverable such as "by adding an alert when p99 > 500 ms"), when it is
tentative ("consider", "maybe", "some kind of"), when it targets people's behaviour
("be more careful", "remind engineers to"), or when it names nothing specific at all
("Implement proactive alerts").

With a trained spaCy pipeline the head verb, its object and its modifiers come from the
dependency parse, run only on the action items (one `nlp.pipe` batch per document).
Imperatives ("Document the procedure ...") are often mis-tagged as nouns at the start of
a fragment, so each item is also parsed behind "You should" and that reading is used
when it makes the first word the root verb. Without a trained pipeline (blank mode) a
lexical heuristic over word forms stands in; the engine reports that mode as reduced.

The word lists are data: `rules/core/lexicons/vague-actions.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.checks.actions.vagueness.lexical import _lexical
from pmlint.checks.actions.vagueness.lexicon import CLASSES, VagueLexicon, Vagueness, lexicon_for
from pmlint.checks.actions.vagueness.parsed import (
    _imperative_form,
    _is_imperative_reading,
    _parsed,
)
from pmlint.checks.actions.vagueness.shapes import _shape, analysis_text, unnamed_report
from pmlint.checks.actions.vagueness.words import _COMMITMENT
from pmlint.document import Document
from pmlint.extract.actions import follow_up_items
from pmlint.nlp import MAX_PARSED_CHARS
from pmlint.nlp.cascade import parse_texts
from pmlint.nlp.pastforms import verb_forms

CACHE_KEY = "checks.actions.vagueness"


def vague_items(
    doc: Document,
    given_names: frozenset[str],
    pipeline: Any = None,
    lexicon: Mapping[str, Any] | None = None,
) -> dict[int, Vagueness | None]:
    """id(item) -> why it is vague (None: specific), for the follow-up items of `doc`
    (`given_names`: see `pmlint.extract.actions.action_items`).

    Computed once per document, names, pipeline and lexicon (`doc.memo`), so PM403 and
    `pmlint analyze` share the parse.
    """
    if pipeline is None:
        from pmlint.nlp import load_pipeline

        pipeline = load_pipeline("auto")
    compiled = lexicon_for(lexicon)
    store: dict[tuple[str, int, frozenset[str]], dict[int, Vagueness | None]] = doc.memo(
        CACHE_KEY, dict
    )
    key = (getattr(pipeline, "name", "?"), id(compiled), given_names)
    if key not in store:
        items = follow_up_items(doc, given_names)
        verdicts = assess([analysis_text(i) for i in items], pipeline, compiled)
        store[key] = {id(item): verdict for item, verdict in zip(items, verdicts, strict=True)}
    return store[key]


def texts_to_parse(doc: Document, given_names: frozenset[str], pipeline: Any = None) -> list[str]:
    """What `vague_items` will parse for `doc`, for the engine to parse with other
    documents' texts in one batch: each item read as an imperative; and, once those are
    parsed (in `pipeline.memo`: the engine's second round), the items as written that do
    not read as imperatives."""
    items = follow_up_items(doc, given_names)
    texts = [analysis_text(item) for item in items]
    forms = [_imperative_form(text) for text in texts]
    wanted = [form for form in forms if form is not None]
    memo = getattr(pipeline, "memo", None)
    if not memo:
        return wanted
    verbs = verb_forms(getattr(pipeline, "nlp", None))
    plain = [
        text
        for text, form in zip(texts, forms, strict=True)
        if form is None or (form in memo and not _is_imperative_reading(memo[form], verbs))
    ]
    return wanted + plain


def assess(texts: Sequence[str], pipeline: Any, lexicon: VagueLexicon) -> list[Vagueness | None]:
    """Vagueness of each action text: first the shapes that need no parse (`_shape`), then
    the parse (lexically in blank mode), for the rest."""
    verdicts = _assess(texts, pipeline, lexicon)
    return [_shape(t) or _unless_taken_on(t, v) for t, v in zip(texts, verdicts, strict=True)]


def _unless_taken_on(text: str, verdict: Vagueness | None) -> Vagueness | None:
    """The writer taking a task on ("I'll pick this up", "I'm going to start fixing the
    test failures") names it by reference to the thread it answers: naming no component
    is no vagueness there (a vague verb or a hedge still is)."""
    if verdict is not None and verdict.reason == "generic" and _COMMITMENT.match(text):
        return None
    return verdict


def _assess(texts: Sequence[str], pipeline: Any, lexicon: VagueLexicon) -> list[Vagueness | None]:
    """Vagueness of each action text, parsed in one batch (lexically in blank mode)."""
    if pipeline is None or getattr(pipeline, "reduced", True):
        return [_lexical(text, lexicon) for text in texts]
    if any(len(text) > MAX_PARSED_CHARS for text in texts):  # those are read lexically
        fits = [i for i, text in enumerate(texts) if len(text) <= MAX_PARSED_CHARS]
        parsed = _assess([texts[i] for i in fits], pipeline, lexicon)
        verdicts = dict(zip(fits, parsed, strict=True))
        return [verdicts[i] if i in verdicts else _lexical(t, lexicon) for i, t in enumerate(texts)]
    prefixed = [_imperative_form(t) for t in texts]
    readings: list[Any] = [None] * len(texts)
    wanted = [i for i, form in enumerate(prefixed) if form is not None]
    imperative = parse_texts(pipeline, [form for form in prefixed if form is not None])
    verbs = verb_forms(getattr(pipeline, "nlp", None))
    for index, doc in zip(wanted, imperative, strict=True):
        if _is_imperative_reading(doc, verbs):
            readings[index] = doc
    # Items that are not imperatives ("We need ...", "If a pod ...") are parsed as written.
    plain_wanted = [i for i, doc in enumerate(readings) if doc is None]
    plains: list[Any] = [None] * len(texts)
    as_written = parse_texts(pipeline, [texts[i] for i in plain_wanted])
    for index, doc in zip(plain_wanted, as_written, strict=True):
        plains[index] = doc
    stats = getattr(pipeline, "stats", None)
    if stats is not None and hasattr(stats, "sentences_parsed"):
        stats.sentences_parsed += len(wanted) + len(plain_wanted)
        stats.items_parsed += len(wanted) + len(plain_wanted)
    results: list[Vagueness | None] = []
    for text, reading, plain in zip(texts, readings, plains, strict=True):
        verdict = _parsed(text, reading, plain, lexicon)
        if verdict is not None and text.lower().startswith(verdict.match.lower()):
            verdict = Vagueness(verdict.reason, text[: len(verdict.match)])  # as written
        results.append(verdict)
    return results


def action_item_counts(
    doc: Document,
    given_names: frozenset[str],
    pipeline: Any = None,
    lexicon: Mapping[str, Any] | None = None,
) -> dict[str, int]:
    """`total`, `owned`, `dated`, `tracked` and `vague` over the follow-up action items.

    `vague` uses PM403's analysis: `pipeline` is a `pmlint.nlp.Pipeline` (default: the
    `auto` model, loaded once per process), `lexicon` the vague-action lexicon mapping
    (PM403's `lexicon` option; the core pack's is `lexicons/vague-actions.yaml`).
    """
    items = follow_up_items(doc, given_names)
    verdicts = vague_items(doc, given_names, pipeline, lexicon)
    return {
        "total": len(items),
        "owned": sum(1 for i in items if i.owned),
        "dated": sum(1 for i in items if i.dated),
        "tracked": sum(1 for i in items if i.tracked),
        "vague": sum(1 for i in items if verdicts.get(id(i)) is not None),
    }


__all__ = [
    "CACHE_KEY",
    "CLASSES",
    "VagueLexicon",
    "Vagueness",
    "action_item_counts",
    "analysis_text",
    "assess",
    "lexicon_for",
    "texts_to_parse",
    "unnamed_report",
    "vague_items",
]
