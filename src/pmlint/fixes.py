"""Applying fixes to a file: edits in the file's own coordinates, its encoding, byte order
mark and line endings kept.

Spans count lines and code points in the text as pmlint reads it, where CRLF and lone CR
end a line as LF does; since those characters only ever end a line, a (line, column) of
that text is the same place in the file as written. Fixes are applied on the text as
written, so a CRLF file stays CRLF and a mixed one stays mixed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Span

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class WrittenText:
    """A file's text exactly as written (line endings untouched) and how to write it back."""

    text: str
    encoding: str  # a Python codec name
    bom: bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> WrittenText | None:
        """None for bytes pmlint would not write back unchanged: not UTF-8 (or UTF-16 with
        a BOM), or with a NUL byte (binary)."""
        for bom, encoding in (
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
        ):
            if data.startswith(bom):
                return cls._decoded(data[len(bom) :], encoding, bom)
        if b"\x00" in data:
            return None
        return cls._decoded(data, "utf-8", b"")

    @classmethod
    def _decoded(cls, body: bytes, encoding: str, bom: bytes) -> WrittenText | None:
        try:
            return cls(body.decode(encoding), encoding, bom)
        except UnicodeDecodeError:
            return None

    def to_bytes(self) -> bytes:
        return self.bom + self.text.encode(self.encoding)

    def with_text(self, text: str) -> WrittenText:
        return WrittenText(text, self.encoding, self.bom)


def wanted(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Fix]:
    """The fixes to apply: safe ones, and unsafe ones too when asked."""
    return [
        d.fix
        for d in diagnostics
        if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
    ]


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """`text` with as many of `fixes` applied as do not overlap one applied before them (in
    order of position); returns the new text and how many were applied. The rest wait for
    another pass, after the file has been linted again."""
    index = _LineIndex(text)
    chosen: list[tuple[int, int, str]] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.span.line, e.span.column) for e in f.edits)):
        edits = [
            (index.offset(e.span, start=True), index.offset(e.span, start=False), e)
            for e in fix.edits
        ]
        if any(start > end for start, end, _ in edits):
            continue
        if any(_overlap(start, end, a, b) for start, end, _ in edits for a, b, _ in chosen):
            continue
        if any(
            _overlap(s1, e1, s2, e2)
            for i, (s1, e1, _) in enumerate(edits)
            for s2, e2, _ in edits[i + 1 :]
        ):
            continue
        chosen += [(start, end, index.written(edit.content)) for start, end, edit in edits]
        applied += 1
    for start, end, content in sorted(chosen, key=lambda c: (c[0], c[1]), reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


def _overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Ranges that share a character, or two insertions at one place (their order would be
    a guess), or an insertion inside a replaced range."""
    if start == end or other_start == other_end:
        if start == end == other_start == other_end:
            return True
        if start == end:
            return other_start < start < other_end
        return start < other_start < end
    return start < other_end and other_start < end


class _LineIndex:
    """Where each line of the written text starts, and the line ending it mostly uses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.content_ends: list[int] = []
        endings: dict[str, int] = {}
        for match in _LINE_END.finditer(text):
            self.content_ends.append(match.start())
            self.starts.append(match.end())
            endings[match.group()] = endings.get(match.group(), 0) + 1
        self.content_ends.append(len(text))
        self.ending = max(endings, key=lambda e: endings[e]) if endings else "\n"

    def offset(self, span: Span, start: bool) -> int:
        line, column = (span.line, span.column) if start else (span.end_line, span.end_column)
        if line > len(self.starts):  # past the last line: the end of the text
            return len(self.text)
        first = self.starts[line - 1]
        # A column past the line's text reaches its line ending (a span that ends at column
        # 1 of the next line includes it).
        return min(first + max(column, 1) - 1, self.content_ends[line - 1])

    def written(self, content: str) -> str:
        return content.replace("\n", self.ending) if self.ending != "\n" else content


_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|>|[-*+]\s|\d{1,9}[.)]\s|\||```|~~~)")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")


def suppression_fix(diagnostic: Diagnostic, lines: Sequence[str]) -> Fix:
    """Silence this finding with a comment (what an editor's "Disable PMxxx for this line"
    does). `<!-- pmlint-disable-next-line ID -->` goes above a heading or a paragraph's
    first line; where a line above would split a list, a table, a quote or a paragraph,
    `<!-- pmlint-disable-line ID -->` goes at the end of the line instead; in front matter,
    where a comment would change the YAML, `pmlint-disable-file ID` goes after it."""
    rule, line = diagnostic.rule, diagnostic.span.line
    closing = _front_matter_end(lines)
    if closing is not None and line <= closing:
        at = Span(closing + 1, 1, closing + 1, 1)
        edit = Edit(at, f"<!-- pmlint-disable-file {rule} -->\n")
        return Fix(f"Disable {rule} for this file", (edit,), Applicability.UNSAFE)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    above = lines[line - 2] if line >= 2 else ""
    starts_block = not above.strip() or _ATX.match(text) is not None
    if starts_block and (_ATX.match(text) or not _BLOCK_START.match(text)):
        indent = text[: len(text) - len(text.lstrip())]
        edit = Edit(Span(line, 1, line, 1), f"{indent}<!-- pmlint-disable-next-line {rule} -->\n")
    else:
        comment = f"<!-- pmlint-disable-line {rule} -->"
        end, content = len(text) + 1, f" {comment}"
        if text.lstrip().startswith("|") and text.rstrip().endswith("|"):
            # Inside the last cell: written after the row's closing pipe, it would be lost.
            pipe = text.rstrip().rfind("|")
            end = pipe + 1
            content = f"{comment} " if text[pipe - 1 : pipe] == " " else f" {comment} "
        edit = Edit(Span(line, end, line, end), content)
    return Fix(f"Disable {rule} for this line", (edit,), Applicability.UNSAFE)


def _front_matter_end(lines: Sequence[str]) -> int | None:
    """The line of the `---` that closes front matter opened on line 1, if any."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return None
    fence = lines[0].strip()
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() in (fence, "...") and number > 1:
            return number
    return None
