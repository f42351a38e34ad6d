"""Parsed sentences kept between the lints of one editing session.

After a keystroke only the edited paragraph's sentences are new; the engine would parse
every sentence of the document again (it memoises parses for one lint only). The server's
pipeline keeps the last few thousand parses by text, so a re-lint parses what changed.
The spaCy `Language` of the loaded pipeline gets a `pipe` that looks in the cache first;
the Docs are those spaCy made for the same text with the same components.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["install"]

KEEP = 5000
_MARK = "_pmlint_lsp_cached_pipe"


def install(nlp: Any, keep: int = KEEP) -> None:
    """Give `nlp` (a spaCy Language) a `pipe` that reuses earlier parses of equal texts."""
    if getattr(nlp, _MARK, False) or not callable(getattr(nlp, "pipe", None)):
        return
    original = nlp.pipe
    cache: OrderedDict[tuple[str, tuple[str, ...]], Any] = OrderedDict()
    lock = threading.Lock()

    def pipe(texts: Iterable[Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        texts = list(texts)
        disable = kwargs.get("disable") or ()
        if (
            args
            or not all(isinstance(t, str) for t in texts)
            or set(kwargs)
            - {
                "batch_size",
                "disable",
            }
        ):
            yield from original(texts, *args, **kwargs)
            return
        key_of = tuple(sorted(disable))
        with lock:
            found = {t: cache[(t, key_of)] for t in texts if (t, key_of) in cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        parsed = dict(zip(missing, original(missing, **kwargs), strict=True)) if missing else {}
        with lock:
            for text, doc in parsed.items():
                cache[(text, key_of)] = doc
            for text in found:
                cache.move_to_end((text, key_of))
            while len(cache) > keep:
                cache.popitem(last=False)
        for text in texts:
            yield found[text] if text in found else parsed[text]

    nlp.pipe = pipe
    _install_ner_once(nlp)
    setattr(nlp, _MARK, True)


def _install_ner_once(nlp: Any) -> None:
    """The entity recognizer runs on a Doc when a check first asks for entities
    (`pmlint.nlp.ensure_entities`), which marks the Doc pending each time it is handed
    out; on a kept Doc it already ran, so `get_pipe("ner")` gives a recognizer that runs
    once per Doc."""
    original = nlp.get_pipe

    def get_pipe(name: str) -> Any:
        component = original(name)
        return _OncePerDoc(component) if name == "ner" else component

    nlp.get_pipe = get_pipe


class _OncePerDoc:
    __slots__ = ("component",)
    done = "pmlint.lsp.entities_done"

    def __init__(self, component: Any) -> None:
        self.component = component

    def __call__(self, doc: Any) -> Any:
        if doc.user_data.get(self.done):
            return doc
        result = self.component(doc)
        doc.user_data[self.done] = True
        return result
