"""Code actions: each finding's fix as a quick fix, every safe fix at once as
`source.fixAll.pmlint`, and "Disable PMxxx for this line" (a suppression comment)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from pmlint.diagnostics import Applicability, Diagnostic, Fix, Span
from pmlint.fixes import apply_fixes, suppression_fix
from pmlint.lsp.positions import LineIndex

__all__ = ["FIX_ALL_KIND", "code_actions", "fix_all_edit", "fix_edits", "overlaps"]

FIX_ALL_KIND = "source.fixAll.pmlint"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def overlaps(span: Span, other: Span) -> bool:
    """Whether two spans share a place (touching counts: a cursor at a finding's end)."""
    return (span.line, span.column) <= (other.end_line, other.end_column) and (
        other.line,
        other.column,
    ) <= (span.end_line, span.end_column)


def fix_edits(fix: Fix, index: LineIndex) -> list[types.TextEdit]:
    """A fix's edits in the client's coordinates, newlines as the document writes them."""
    return [
        types.TextEdit(range=index.range(edit.span), new_text=index.written(edit.content))
        for edit in fix.edits
    ]


def fix_all_edit(fixes: Sequence[Fix], index: LineIndex) -> types.TextEdit | None:
    """One edit that applies every fix that does not overlap another (as one pass of
    `pmlint check --fix`): the lines from the first changed to the last, replaced."""
    fixed, applied = apply_fixes(index.text, fixes)
    if not applied or fixed == index.text:
        return None
    old, new = _LINE.findall(index.text), _LINE.findall(fixed)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = types.Position(head, 0)
    end = types.Position(len(old) - tail, 0) if tail else index.end()
    return types.TextEdit(
        range=types.Range(start, end), new_text="".join(new[head : len(new) - tail])
    )


def code_actions(
    uri: str,
    index: LineIndex,
    findings: Sequence[tuple[Diagnostic, types.Diagnostic]],
    wanted: Span,
    only: Sequence[str] | None,
) -> list[types.CodeAction]:
    """The actions for the findings that touch `wanted`, and the fix-all action."""

    def allowed(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

    def edit(edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(changes={uri: edits})

    actions: list[types.CodeAction] = []
    if allowed(types.CodeActionKind.QuickFix):
        for finding, shown in findings:
            if not overlaps(finding.span, wanted):
                continue
            fix = finding.fix
            if fix is not None:
                safe = fix.applicability is Applicability.SAFE
                title = f"{finding.rule}: {fix.description}" + ("" if safe else " (unsafe)")
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[shown],
                        is_preferred=safe,
                        edit=edit(fix_edits(fix, index)),
                    )
                )
            suppress = suppression_fix(finding, index.lines)
            actions.append(
                types.CodeAction(
                    title=f"Disable {finding.rule} for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    edit=edit(fix_edits(suppress, index)),
                )
            )
    if allowed(FIX_ALL_KIND):
        safe_fixes = [
            f.fix
            for f, _ in findings
            if f.fix is not None and f.fix.applicability is Applicability.SAFE
        ]
        change = fix_all_edit(safe_fixes, index) if safe_fixes else None
        if change is not None:
            actions.append(
                types.CodeAction(
                    title="Fix all pmlint",
                    kind=FIX_ALL_KIND,
                    edit=edit([change]),
                )
            )
    return actions
