"""The language server: documents in, diagnostics, code actions and hovers out.

Linting runs in one worker thread, so requests stay answered while it works; edits are
debounced (the latest text wins: a lint whose text was superseded is never published).
Diagnostics are pushed (`textDocument/publishDiagnostics`), or pulled
(`textDocument/diagnostic`) by a client that says it pulls, never both.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from pmlint.config import CONFIG_NAMES
from pmlint.diagnostics import Diagnostic, Span
from pmlint.lsp.actions import FIX_ALL_KIND, code_actions, overlaps
from pmlint.lsp.convert import hover_text, problem_diagnostic, to_lsp
from pmlint.lsp.linting import (
    UNTITLED,
    Configs,
    Outcome,
    Pipelines,
    Settings,
    lint_document,
    nlp_rule_ids,
)
from pmlint.lsp.positions import UTF16, LineIndex
from pmlint.version import __version__

__all__ = ["DEBOUNCE_SECONDS", "PmlintServer", "create_server"]

DEBOUNCE_SECONDS = 0.3
CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml")
_WATCH_ID = "pmlint-config-watcher"


@dataclass(slots=True)
class Linted:
    """One lint of one document, in the client's coordinates."""

    outcome: Outcome
    index: LineIndex
    findings: list[tuple[Diagnostic, types.Diagnostic]]
    shown: list[types.Diagnostic]


class PmlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "pmlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.settings = Settings()
        self.encoding = UTF16
        self.configs = Configs()
        self.pipelines = Pipelines(self._pipeline_ready, self._pipeline_failed)
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pmlint-lint")
        self.results: dict[str, Linted] = {}
        self.generations: dict[str, int] = {}
        self.timers: dict[str, asyncio.Task[None]] = {}
        self.shown_errors: set[str] = set()
        self.pull = False
        self.loop: asyncio.AbstractEventLoop | None = None

    # Linting

    def _path(self, uri: str) -> str:
        return (to_fs_path(uri) or UNTITLED) if uri.startswith("file:") else UNTITLED

    def _lint_now(self, uri: str, text: str) -> Linted:
        """In the lint thread: lint and convert."""
        outcome = lint_document(self._path(uri), text, self.settings, self.configs, self.pipelines)
        index = LineIndex(text, self.encoding)
        findings = [(d, to_lsp(d, index, outcome.config, uri)) for d in outcome.diagnostics]
        shown = [lsp for _, lsp in findings]
        if outcome.problem is not None:
            shown.insert(0, problem_diagnostic(outcome.problem, index))
        return Linted(outcome, index, findings, shown)

    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents

    async def lint(self, uri: str) -> Linted | None:
        """The current text's lint (reused when the text has not changed since); None when
        the document is closed or a newer lint started meanwhile."""
        if not self.is_open(uri):
            return None
        text = self.workspace.get_text_document(uri).source
        cached = self.results.get(uri)
        if cached is not None and cached.outcome.text == text:
            return cached
        generation = self.generations[uri] = self.generations.get(uri, 0) + 1
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self.linter, self._lint_now, uri, text)
        if not self.is_open(uri) or self.workspace.get_text_document(uri).source != text:
            return None  # the text changed meanwhile: its own lint follows
        if self.generations.get(uri) != generation:
            return linted  # another lint of this same text is on its way to the client
        self.results[uri] = linted
        error = linted.outcome.config_error
        if error is not None and error not in self.shown_errors:
            self.shown_errors.add(error)
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"pmlint: {error}")
            )
        return linted

    async def lint_and_publish(self, uri: str) -> None:
        linted = await self.lint(uri)
        if linted is not None and not self.pull and self.results.get(uri) is linted:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=linted.shown)
            )

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Lint `uri` after `delay` seconds, replacing a lint scheduled before."""
        previous = self.timers.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def run() -> None:
            if delay:
                await asyncio.sleep(delay)
            if self.timers.get(uri) is task:
                del self.timers[uri]
            await self.lint_and_publish(uri)

        task = asyncio.get_running_loop().create_task(run())
        self.timers[uri] = task

    def relint_all(self) -> None:
        """Every open document again (a config changed, the pipeline arrived)."""
        self.results.clear()
        if self.pull:
            refresh = self.client_capabilities.workspace
            if refresh and refresh.diagnostics and refresh.diagnostics.refresh_support:
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    def config_changed(self) -> None:
        self.configs.clear()
        self.shown_errors.clear()
        self.relint_all()

    # The spaCy pipeline (called in its loading thread)

    def _pipeline_ready(self, name: str) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.relint_all)

    def _pipeline_failed(self, name: str, error: str) -> None:
        message = f"pmlint: language rules are off: {error}"
        params = types.ShowMessageParams(type=types.MessageType.Warning, message=message)
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.window_show_message, params)

    def warm_up(self, folder: str) -> None:
        """In the lint thread: load the configs and start the pipeline the folder's
        documents will need, before the first document opens."""
        try:
            config = self.configs.for_path(os.path.join(folder, "postmortem.md"))
        except Exception:  # the first lint says what is wrong
            return
        if nlp_rule_ids(config, self.settings):
            self.pipelines.start(self.settings.nlp_model or config.nlp_model)

    def watch_configs(self) -> None:
        """Ask the client to tell us when a config file changes, if it can."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if not (watched and watched.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        )
        registration = types.Registration(
            id=_WATCH_ID,
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        self.client_register_capability(types.RegistrationParams(registrations=[registration]))


def create_server() -> PmlintServer:
    server = PmlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: PmlintServer, params: types.InitializeParams) -> None:
        ls.settings = Settings.from_options(params.initialization_options)
        encoding = ls.workspace.position_encoding or UTF16  # what pygls told the client
        ls.encoding = str(getattr(encoding, "value", encoding))
        text_document = params.capabilities.text_document
        ls.pull = bool(text_document and text_document.diagnostic)

    @server.feature(types.INITIALIZED)
    def initialized(ls: PmlintServer, params: types.InitializedParams) -> None:
        ls.loop = asyncio.get_running_loop()
        ls.watch_configs()
        folder = ls.workspace.root_path or os.getcwd()
        ls.loop.run_in_executor(ls.linter, ls.warm_up, folder)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PmlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PmlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PmlintServer, params: types.DidSaveTextDocumentParams) -> None:
        if os.path.basename(ls._path(params.text_document.uri)) in CONFIG_FILES:
            ls.config_changed()
        ls.results.pop(params.text_document.uri, None)
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PmlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.results.pop(uri, None)
        ls.generations.pop(uri, None)
        if not ls.pull:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: PmlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(change.uri) in CONFIG_FILES for change in params.changes):
            ls.config_changed()

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="pmlint", inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )
    async def diagnostic(
        ls: PmlintServer, params: types.DocumentDiagnosticParams
    ) -> types.DocumentDiagnosticReport:
        linted = await ls.lint(params.text_document.uri)
        items = linted.shown if linted is not None else []
        return types.RelatedFullDocumentDiagnosticReport(items=items)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    async def code_action(
        ls: PmlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        linted = await ls.lint(params.text_document.uri)
        if linted is None:
            return None
        only: Sequence[str] | None = params.context.only
        wanted = linted.index.span(params.range)
        return code_actions(params.text_document.uri, linted.index, linted.findings, wanted, only)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: PmlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = await ls.lint(params.text_document.uri)
        if linted is None or linted.outcome.config is None:
            return None
        line, column = linted.index.location(params.position)
        here = [
            (d, shown)
            for d, shown in linted.findings
            if overlaps(d.span, Span(line, column, line, column))
        ]
        if not here:
            return None
        text = hover_text(linted.outcome.config, [d.rule for d, _ in here])
        if text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=here[0][1].range,
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PmlintServer, params: Any) -> None:
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()
        ls.linter.shutdown(wait=False, cancel_futures=True)

    return server
