"""The seam between checks and spaCy: the `Pipeline` protocol and its two implementations.

- `SpacyPipeline`: a loaded spaCy pipeline (`pmlint.nlp.load_pipeline`): a trained one
  parses, tags and finds entities; `parse` batches texts, serves those the engine
  prefetched from `memo`, and leaves the entity recognizer pending (`ensure_entities`).
- `LexicalPipeline`: the null pipeline of the lexical mode (`--nlp-model blank`, and
  `LEXICAL` where no pipeline was loaded): `reduced`, so nothing is parsed; its `nlp` is
  a blank English tokenizer, built on first use (spaCy is not imported before).

Nothing here imports spaCy at import time: the annotations name its types only.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Text longer than this is not parsed (a "sentence" of a long line without full stops, an
# action item pasted from a log): no real sentence is that long, spaCy's time and memory
# grow with it and it refuses 1,000,000 characters. Its lexical checks still run.
MAX_PARSED_CHARS = 5_000
PENDING_NER = "pmlint.pending_ner"  # Doc.user_data: the entity recognizer not run yet
BATCH_SIZE = 64
# Parses of short texts kept after their batch of documents, for the batches that follow
# (`Pipeline.recent`): the texts that recur across documents are short lines ("Why?", a
# template's sentence, a heading-like item); a Doc is 15-30 KB, so at most 1,024 of them.
RECENT_DOCS = 1024
RECENT_CHARS = 100
PARSE_ALL_ENV = "PMLINT_PARSE_ALL"


def parse_all() -> bool:
    """`PMLINT_PARSE_ALL=1`: every sentence is a candidate (to measure what the cascade
    saves, and to check that it finds what parsing everything finds). Here, not in the
    cascade's module: the result cache's key asks it, and a warm run would import the
    cascade for it (0.01 s)."""
    return os.environ.get(PARSE_ALL_ENV, "") not in ("", "0")


@dataclass(slots=True)
class ParseStats:
    """What the cascade did: sentences looked at by the cheap pass, and those parsed.

    `sentences_parsed` counts every text given to the parser; `items_parsed` the part of
    them that were action items parsed for vagueness (PM403), not cascade candidates.
    `spacy_texts` counts the texts spaCy really parsed: a text asked for again in the
    same batch of documents (a sentence of a template, say) is parsed once.
    """

    sentences_seen: int = 0
    sentences_parsed: int = 0
    items_parsed: int = 0
    spacy_texts: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "sentences_seen": self.sentences_seen,
            "sentences_parsed": self.sentences_parsed,
            "items_parsed": self.items_parsed,
            "spacy_texts": self.spacy_texts,
        }


class Pipeline(Protocol):
    """What checks and the engine may use of a pipeline (`CheckContext.nlp`).

    `reduced`: no tagger, parser, lemmatizer or NER (the lexical mode): callers run their
    lexical checks only and parse nothing. `parse` is the way to parsed Docs (batched,
    memoised, entities pending: call `ensure_entities` before reading them); `nlp` is the
    spaCy `Language` itself, for a caller that needs every component run at once.
    """

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def reduced(self) -> bool: ...

    @property
    def stats(self) -> ParseStats: ...

    @property
    def memo(self) -> dict[str, Doc]:
        """Text -> parsed Doc, filled while the engine lints a batch of documents
        (`cascade.prefetched`) and emptied after it; `parse` reads it."""
        ...

    @property
    def recent(self) -> dict[str, Doc]:
        """Text -> parsed Doc of the last batches (`remember_batch`), oldest first, at most
        `RECENT_DOCS`: a later batch's text parsed before is served from here."""
        ...

    @property
    def nlp(self) -> Language: ...

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Parsed Docs for `texts`, in order."""
        ...


@dataclass(frozen=True, slots=True)
class SpacyPipeline:
    """A loaded spaCy pipeline (see `pmlint.nlp.load_pipeline`)."""

    nlp: Language
    name: str
    version: str
    reduced: bool  # True for a blank pipeline: no tagger, parser, lemmatizer or NER
    stats: ParseStats = field(default_factory=ParseStats, compare=False)
    memo: dict[str, Doc] = field(default_factory=dict, compare=False)
    recent: dict[str, Doc] = field(default_factory=dict, compare=False)

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Those the engine prefetched for the current batch of documents from the memo,
        the others parsed now, in one `nlp.pipe` call."""
        return _parse(self, texts)


class LexicalPipeline:
    """The null pipeline: reduced (nothing to parse with), with a blank English
    tokenizer as its `nlp` (given, or built when first asked for)."""

    __slots__ = ("_nlp", "memo", "name", "recent", "stats", "version")

    def __init__(self, name: str, version: str, nlp: Language | None = None) -> None:
        self.name = name
        self.version = version
        self.stats = ParseStats()
        self.memo: dict[str, Doc] = {}
        self.recent: dict[str, Doc] = {}
        self._nlp = nlp

    @property
    def reduced(self) -> bool:
        return True

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = import_spacy().blank("en")
        return self._nlp

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Tokenized Docs only (no tags, lemmas, parse or entities)."""
        return _parse(self, texts)


def import_spacy() -> Any:
    """`import spacy`, without importing its command line on the way.

    spaCy's `__init__` imports `spacy.cli.info` for `spacy.info`, and `spacy.cli` imports
    every command with its dependencies (weasel, httpx, rich, typer...): 360 of the 1,080
    modules of `import spacy`, a third of its time, of which pmlint uses none. While spaCy
    is imported, stand-ins hold those two names; then they are gone, so `import spacy.cli`
    imports the real one, and `spacy.info` (the stand-in's) calls the real one.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    _group_entry_points()
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def spacy_info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info.info = spacy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and vars(loaded).get("cli") is cli:
            delattr(loaded, "cli")
    return spacy


class _EntryPointGroups:
    """catalogue's entry points, each group looked up once.

    spaCy's registries (catalogue) look for plugins in the entry points that catalogue
    read at import, with `select(group=...)`, which walks all of them: 250 times while
    a pipeline loads (msgpack decoders, architectures...), 0.04 s. The entry points never
    change after catalogue read them, so each group's are the same every time.
    """

    def __init__(self, found: Any) -> None:
        self._found = found
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        group = params.get("group")
        if not isinstance(group, str) or len(params) != 1:
            return self._found.select(**params)
        selected = self._groups.get(group)
        if selected is None:
            selected = self._groups[group] = self._found.select(group=group)
        return selected


def _group_entry_points() -> None:
    try:
        catalogue = importlib.import_module("catalogue")
    except ImportError:  # another spaCy: nothing to speed up
        return
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if hasattr(found, "select") and not isinstance(found, _EntryPointGroups):
        vars(catalogue)["AVAILABLE_ENTRY_POINTS"] = _EntryPointGroups(found)


# Stands in for a pipeline where none was loaded: the lexical analysis.
LEXICAL = LexicalPipeline("lexical", "")

SPACY_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
BARE_TOKENIZER = "pmlint.bare_tokenizer.v1"


def load_model(spacy: Any, name: str, package: types.ModuleType | None) -> Language:
    """The spaCy pipeline `name`: an installed pipeline `package`, else a folder.

    spaCy builds a pipeline's tokenizer twice: from the language's defaults (thousands of
    special cases), then again from the pipeline's `tokenizer` file, which resets every
    setting the first build made (`Tokenizer.from_bytes`) and sets those of the file. For
    spaCy's own tokenizer, this loads the file into an empty `Tokenizer` instead: the same
    tokenizer, without the first build (0.09 s of every run that loads the pipeline).
    """
    folder = _package_data(package) if package is not None else Path(name)
    overrides: dict[str, Any] = {}
    if _tokenizer_spec(folder) == SPACY_TOKENIZER:
        if BARE_TOKENIZER not in spacy.registry.tokenizers:
            spacy.registry.tokenizers.register(BARE_TOKENIZER, func=_bare_tokenizer)
        overrides["config"] = {"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}
    with decoders_once():
        if package is not None:
            return package.load(**overrides)
        return spacy.load(name, **overrides)


@contextmanager
def decoders_once() -> Iterator[None]:
    """srsly's registry of msgpack decoders asked once for the block, not once per array.

    Each array of a pipeline's weights that srsly reads builds its object hook from
    `msgpack_decoders.get_all()`, and `get_all` walks catalogue's whole registry (all of
    spaCy's and thinc's functions): 140 times while en_core_web_sm loads, 0.02 s. Nothing
    registers a decoder while a pipeline loads, so every call within the block gets the
    first one's decoders (a new dict each time, as `get_all` returns).
    """
    try:
        registry: Any = importlib.import_module("srsly.msgpack").msgpack_decoders
        original = registry.get_all
    except (ImportError, AttributeError):  # another srsly: nothing to speed up
        yield
        return
    if original in _ONCE:  # inside such a block already: its answer
        yield
        return
    found: list[dict[str, Any]] = []

    def get_all() -> dict[str, Any]:
        if not found:
            found.append(original())
        return dict(found[0])

    own = vars(registry).get("get_all")  # an attribute set on the registry, kept
    registry.get_all = get_all
    _ONCE.add(get_all)
    try:
        yield
    finally:
        _ONCE.discard(get_all)
        if vars(registry).get("get_all") is get_all:
            if own is None:
                del registry.get_all
            else:
                registry.get_all = own


_ONCE: set[Callable[[], dict[str, Any]]] = set()  # `decoders_once`'s answers in force


def _bare_tokenizer() -> Callable[[Language], Any]:
    """A `Tokenizer` with no rules: `Language.from_disk` then loads the pipeline's own."""

    def create(nlp: Language) -> Any:
        return importlib.import_module("spacy.tokenizer").Tokenizer(nlp.vocab)

    return create


def _package_data(package: types.ModuleType) -> Path | None:
    """Where an installed pipeline package keeps its data (as spaCy's
    `load_model_from_init_py` finds it): `<lang>_<name>-<version>` beside its meta.json."""
    if not package.__file__:
        return None
    root = Path(package.__file__).parent
    try:
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
        return root / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _tokenizer_spec(folder: Path | None) -> Any:
    """The `[nlp] tokenizer` of the pipeline's config.cfg (None where it is not plain)."""
    if folder is None:
        return None
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(folder / "config.cfg", encoding="utf-8")
        if parser.has_section("nlp.tokenizer"):  # settings of its own: not the plain one
            return None
        return json.loads(parser.get("nlp", "tokenizer"))
    except (configparser.Error, OSError, ValueError):
        return None


def _parse(pipeline: Pipeline, texts: Sequence[str]) -> list[Doc]:
    memo = pipeline.memo
    missing = [text for text in dict.fromkeys(texts) if text not in memo]
    parsed = dict(zip(missing, pipe(pipeline.nlp, missing), strict=True))
    pipeline.stats.spacy_texts += len(missing)
    return [memo[text] if text in memo else parsed[text] for text in texts]


def remember_batch(pipeline: Pipeline) -> None:
    """Move the batch's parses of short texts (`memo`) to the recent ones, the oldest
    dropped beyond `RECENT_DOCS`. A text parsed for one batch of documents is often in a
    later one: a template's sentence, a short line ("Why?", "Root cause"), a quote."""
    recent = pipeline.recent
    for text, doc in pipeline.memo.items():
        if len(text) <= RECENT_CHARS:
            recent.pop(text, None)  # to the end: the newest
            recent[text] = doc
            tensor: Any = getattr(doc, "tensor", None)
            if getattr(tensor, "base", None) is not None:
                # a view into the whole batch's array, which it would keep alive (14 MB
                # for 1,024 short texts; 60 MB as views)
                doc.tensor = tensor.copy()
    pipeline.memo.clear()
    excess = len(recent) - RECENT_DOCS
    if excess > 0:
        for text in list(itertools.islice(recent, excess)):
            del recent[text]


def pipe(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """`nlp.pipe(texts)`, with the entity recognizer run only where its answer is read.

    The checks read entities for one thing: whether a proper noun is a PERSON
    (`pmlint.nlp.syntax.People.kind`, which calls `ensure_entities` first). en_core_web_sm's
    NER has its own tok2vec and costs as much as the rest of the pipeline together, and
    few parsed sentences ever ask, so each doc keeps the recognizer to run on itself when
    asked: last, as in the full pipeline, and with the same answer. No texts, no call:
    `nlp.pipe`'s set-up costs about a parse.
    """
    if not texts:
        return []
    if "ner" not in nlp.pipe_names:
        return list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    ner = nlp.get_pipe("ner")
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE, disable=["ner"]))
    for doc in docs:
        doc.user_data[PENDING_NER] = ner
    return docs


def ensure_entities(doc: Doc) -> None:
    """Run the entity recognizer that `Pipeline.parse` left pending on a parsed doc (once);
    read `token.ent_type_` or `doc.ents` of a parsed sentence only after this."""
    ner = doc.user_data.pop(PENDING_NER, None)
    if ner is not None:
        ner(doc)
