"""Linting one open document the way `pmlint check` lints a file, off the event loop.

Everything here runs in the server's lint thread: config discovery (cached by the config
file's modification time, cleared when the client says a config changed), the input the CLI
refuses (binary, over `max_file_size`, not valid UTF-8) turned into one problem line
instead of an exception, and the spaCy pipeline loading in a thread of its own while the
rules that need it wait (every other rule reports at once).
"""

from __future__ import annotations

import codecs
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pmlint.api import SelectionError, UnreadableFile, lint_text
from pmlint.config import Config, ConfigError, find_config_file, load_config
from pmlint.diagnostics import Diagnostic
from pmlint.lsp import parsecache
from pmlint.nlp import load_pipeline
from pmlint.reading import decode, read_bytes

__all__ = ["Configs", "Outcome", "Pipelines", "Settings", "lint_document", "nlp_rule_ids"]

UNTITLED = "<untitled>"


def _one_invalid_byte(error: UnicodeError) -> tuple[bytes, int]:
    """Encode each lone surrogate (text that was not valid UTF-8 reaching us as JSON) as one
    invalid byte: decoding gives one U+FFFD for it, so columns stay where they were."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return b"\xff" * (error.end - error.start), error.end


codecs.register_error("pmlint-lsp-invalid", _one_invalid_byte)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the client sends in `initializationOptions` (all optional)."""

    nlp_model: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, options: Any) -> Settings:
        if not isinstance(options, Mapping):
            return cls()
        if isinstance(options.get("pmlint"), Mapping):  # {"pmlint": {...}} works too
            options = options["pmlint"]
        model = options.get("nlpModel")
        return cls(
            nlp_model=model if isinstance(model, str) and model else None,
            select=_strings(options.get("select")),
            ignore=_strings(options.get("ignore")),
        )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        return ()
    return tuple(s.strip() for s in value if isinstance(s, str) and s.strip())


@dataclass(slots=True)
class Outcome:
    """One lint of one text. `problem`: why the text was not linted (one line, shown as a
    single diagnostic at line 1); `config_error`: also for `window/showMessage`."""

    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config: Config | None = None
    problem: str | None = None
    config_error: str | None = None
    waiting_for_model: bool = False


class Configs:
    """Config discovery as the CLI does it, cached by the file's modification time."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str | None, int, int], Config] = {}
        self._lock = threading.Lock()

    def for_path(self, path: str) -> Config:
        """The config that governs `path`; ConfigError for a broken one."""
        anchor = os.getcwd() if path.startswith("<") else os.path.dirname(os.path.abspath(path))
        found = find_config_file(anchor)
        try:
            status = os.stat(found) if found is not None else None
            key = (found, status.st_mtime_ns, status.st_size) if status else (found, 0, 0)
        except OSError:
            key = (found, -1, -1)
        with self._lock:
            config = self._cache.get(key)
        if config is None:
            # Past load_config's own per-process cache, which never reads a file again.
            config = load_config.__wrapped__(found)
            with self._lock:
                self._cache[key] = config
        return config

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


def nlp_rule_ids(config: Config, settings: Settings) -> list[str]:
    """The active rules that need the spaCy pipeline (as the engine decides it)."""
    from pmlint.checks import KINDS

    found = []
    for rule in config.rules.values():
        kind = KINDS.get(rule.kind)
        if not ((kind is not None and kind.needs_nlp) or rule.options.get("lemma")):
            continue
        on = any(rule.matches(s) for s in settings.select) if settings.select else rule.enabled
        if on and not any(rule.matches(s) for s in settings.ignore):
            found.append(rule.id)
    return sorted(found)


class Pipelines:
    """spaCy pipelines loading in the background, one thread per model name."""

    def __init__(
        self,
        on_ready: Callable[[str], None] = lambda name: None,
        on_failed: Callable[[str, str], None] = lambda name, error: None,
    ) -> None:
        self._state: dict[str, str] = {}  # name -> loading | ready | failed
        self._lock = threading.Lock()
        self._on_ready = on_ready
        self._on_failed = on_failed

    def ready(self, name: str) -> bool:
        with self._lock:
            return self._state.get(name) == "ready"

    def start(self, name: str) -> None:
        with self._lock:
            if name in self._state:
                return
            self._state[name] = "loading"
        threading.Thread(
            target=self._load, args=(name,), name=f"pmlint-nlp-{name}", daemon=True
        ).start()

    def _load(self, name: str) -> None:
        try:
            pipeline = load_pipeline(name)
            if not pipeline.reduced:
                parsecache.install(pipeline.nlp)
        except Exception as exc:  # ModelError, or whatever spaCy raises: never the server
            with self._lock:
                self._state[name] = "failed"
            self._on_failed(name, (str(exc).splitlines() or [type(exc).__name__])[0])
            return
        with self._lock:
            self._state[name] = "ready"
        self._on_ready(name)


def lint_document(
    path: str, text: str, settings: Settings, configs: Configs, pipelines: Pipelines
) -> Outcome:
    """Lint `text` (an editor's buffer, line endings as written) as the file `path`."""
    outcome = Outcome(text)
    try:
        config = outcome.config = configs.for_path(path)
    except ConfigError as exc:
        message = _first_line(str(exc))
        outcome.config_error = message
        outcome.problem = f"pmlint: not linted, the config is broken: {message}"
        return outcome
    except Exception as exc:  # an unreadable folder, say: still never the server
        outcome.problem = f"pmlint: not linted: {type(exc).__name__}: {_first_line(str(exc))}"
        return outcome
    size = len(text) if text.isascii() else len(text.encode("utf-8", "pmlint-lsp-invalid"))
    if size > config.max_file_size:
        outcome.problem = (
            f"file is {size:,} bytes, over the limit of {config.max_file_size:,} "
            "(max_file_size); not linted"
        )
        return outcome
    source: str | bytes = _as_read(path, text)
    ignore = settings.ignore
    waiting = nlp_rule_ids(config, settings)
    model = settings.nlp_model or config.nlp_model
    if waiting and not pipelines.ready(model):
        pipelines.start(model)
        ignore += tuple(waiting)
        outcome.waiting_for_model = True
    try:
        report = lint_text(
            source,
            path,
            config=config,
            select=settings.select,
            ignore=ignore,
            nlp_model=settings.nlp_model,
        )
    except SelectionError as exc:
        outcome.config_error = _first_line(str(exc))
        outcome.problem = f"pmlint: not linted: {outcome.config_error}"
        return outcome
    except UnreadableFile as exc:
        outcome.problem = _first_line(str(exc))
        return outcome
    except Exception as exc:  # a bug in pmlint loses this lint, never the server
        outcome.problem = f"pmlint: internal error: {type(exc).__name__}: {_first_line(str(exc))}"
        return outcome
    outcome.diagnostics = report.diagnostics
    if report.error is not None:
        outcome.problem = report.error
    return outcome


def _as_read(path: str, text: str) -> str | bytes:
    """What to lint: bytes where the text is binary (NUL) or was not valid UTF-8, so that
    pmlint says so as the CLI does (UnreadableFile, PM904); the text otherwise."""
    if "\x00" in text:
        return text.encode("utf-8", "pmlint-lsp-invalid")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "pmlint-lsp-invalid")
    if "\ufffd" in text and not path.startswith("<"):
        # The editor may have decoded a file that is not UTF-8 with replacement characters:
        # when the file on disk reads as this very text, lint its bytes (PM904 says where).
        try:
            data = read_bytes(path)
            if decode(data).text == text.replace("\r\n", "\n").replace("\r", "\n"):
                return data
        except Exception:
            pass
    return text


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), text.strip())
