"""How long `pmlint lsp` takes to re-lint a 300-line postmortem after a keystroke, warm.

    python bench/lsp_latency.py [--repeat 20] [--nlp-model auto]

Starts the server over stdio as an editor does, opens a 300-line postmortem (the
repository's examples, varied so that no two sentences repeat), waits until the spaCy
pipeline has loaded and the language rules have reported, then types one character at a
time. For each keystroke: the time from `didChange` to the `publishDiagnostics` it causes,
less the server's debounce (DEBOUNCE_SECONDS), i.e. the re-lint and the round trip. Also
the lint alone, in this process (pmlint.lsp.linting.lint_document), for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

from pmlint.lsp.linting import Configs, Pipelines, Settings, lint_document
from pmlint.lsp.server import DEBOUNCE_SECONDS

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo"]
SYSTEMS = ["payments", "search", "checkout", "billing", "auth", "ledger", "queue", "cache"]


def postmortem(lines: int = 300) -> str:
    """The payments example, its timeline and lessons extended with varied entries."""
    text = (ROOT / "examples" / "2024-05-14-payments-api-latency.md").read_text()
    out = text.rstrip("\n").split("\n")
    out += ["", "## Additional timeline notes", ""]
    i = 0
    while len(out) < lines - 1:
        system, name = SYSTEMS[i % len(SYSTEMS)], NAMES[i % len(NAMES)]
        hour, minute = 10 + (i // 60) % 10, i % 60
        if i % 3:
            out.append(
                f"- {hour:02d}:{minute:02d} UTC the on-call engineer {name.lower()}-{i} checked "
                f"the {system} dashboards; error rate {i % 17 + 1}% on shard {i}."
            )
        else:
            out += [
                "",
                f"The {system} service {i} recovered after the queue drained and replica {i} "
                f"caught up with {i * 7 % 97} transactions pending.",
                "",
            ]
        i += 1
    return "\n".join(out[:lines]) + "\n"


async def end_to_end(text: str, folder: Path, repeat: int, options: dict[str, object]) -> None:
    client: LanguageClient = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "pmlint", "lsp")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            initialization_options=options,
        )
    )
    uri = (folder / "pm.md").as_uri()
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    first = time.perf_counter() - started
    print(f"first diagnostics after open: {first * 1000:.0f} ms ({len(client.diagnostics[uri])})")
    # The pipeline loads in the background; the language rules' re-lint follows.
    while True:
        try:
            await asyncio.wait_for(
                client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 15
            )
        except asyncio.TimeoutError:
            break
    ready = time.perf_counter() - started - 15  # the quiet 15 s that said it was done
    count = len(client.diagnostics[uri])
    print(f"with the language rules: {ready * 1000:.0f} ms ({count})")

    lines = text.split("\n")
    target = next(n for n, line in enumerate(lines) if line.startswith("The "))
    latencies = []
    for version in range(2, repeat + 2):
        lines[target] = lines[target] + "x"
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument("\n".join(lines))],
            )
        )
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        latencies.append(time.perf_counter() - sent - DEBOUNCE_SECONDS)
    _report("keystroke -> diagnostics, less the debounce", latencies)
    await client.shutdown_session()
    await client.stop()


def in_process(text: str, folder: Path, repeat: int, model: str | None) -> None:
    settings = Settings(nlp_model=model)
    configs, pipelines = Configs(), Pipelines()
    path = str(folder / "pm.md")
    lint_document(path, text, settings, configs, pipelines)
    while lint_document(path, text, settings, configs, pipelines).waiting_for_model:
        time.sleep(0.2)
    times = []
    for n in range(repeat):
        edited = text.replace("The ", f"The{'x' * (n + 1)} ", 1)
        begun = time.perf_counter()
        lint_document(path, edited, settings, configs, pipelines)
        times.append(time.perf_counter() - begun)
    _report("lint alone (in process)", times)


def _report(what: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"{what}: median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, max {ms[-1]:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--nlp-model", default=None)
    args = parser.parse_args()
    text = postmortem()
    print(f"document: {len(text.splitlines())} lines, {len(text):,} characters")
    options: dict[str, object] = {"nlpModel": args.nlp_model} if args.nlp_model else {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        asyncio.run(end_to_end(text, folder, args.repeat, options))
        in_process(text, folder, args.repeat, args.nlp_model)


if __name__ == "__main__":
    main()
