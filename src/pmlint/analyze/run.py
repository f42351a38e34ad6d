"""Lint and measure every document under the given paths (the CLI's `analyze`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pmlint.analyze.aggregate import aggregate
from pmlint.analyze.followthrough import item_texts, repeats, root_cause_texts
from pmlint.analyze.metrics import document_metrics
from pmlint.report import FileReport
from pmlint.runner import Runner


def analyze(
    runner: Runner,
    paths: Sequence[str],
    progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
) -> tuple[dict[str, Any], list[FileReport]]:
    """The analyze payload, and the reports of files that could not be read."""
    files, failed, runner.notes = runner.expand(paths)
    documents: list[dict[str, Any]] = []
    items: list[tuple[str, int, str]] = []
    causes: list[tuple[str, int, str]] = []
    for path in progress(files) if progress else files:
        report = runner.lint_file(path)
        if report.error is not None or report.document is None:
            failed.append(report)
            continue
        linter = runner.linter_for(path)
        documents.append(
            document_metrics(
                report.document, report.diagnostics, linter.config, linter.loaded_pipeline
            )
        )
        items += [(path, line, text) for line, text in item_texts(report.document)]
        causes += [(path, line, text) for line, text in root_cause_texts(report.document)]
    summary = aggregate(documents)
    summary["repeats"] = {"action_items": repeats(items), "root_causes": repeats(causes)}
    return {"version": 1, "documents": documents, "aggregate": summary}, failed
