"""pmlint spans <-> LSP positions.

pmlint counts 1-based lines and 1-based code-point columns (`end_column` exclusive) in the
text as read, where CRLF, lone CR and LF each end a line. LSP counts 0-based lines (ended
by the same three) and 0-based characters in the negotiated `positionEncoding`: UTF-16
code units by default, else UTF-8 bytes or UTF-32 code points. A character that needs two
UTF-16 units (an emoji) or three UTF-8 bytes (CJK) is one pmlint column.
"""

from __future__ import annotations

import re

from lsprotocol import types

from pmlint.diagnostics import Span

__all__ = ["UTF8", "UTF16", "UTF32", "LineIndex", "choose_encoding", "split_lines"]

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
_KNOWN = (UTF8, UTF16, UTF32)

_LINE_END = re.compile(r"\r\n|\r|\n")


def choose_encoding(capabilities: types.ClientCapabilities | None) -> str:
    """The client's first preference that we support; UTF-16 (LSP's default) otherwise."""
    general = capabilities.general if capabilities is not None else None
    offered = (general.position_encodings if general is not None else None) or []
    for encoding in offered:
        if str(encoding) in _KNOWN:
            return str(encoding)
    return UTF16


def split_lines(text: str) -> list[str]:
    """Line texts without their endings, split exactly where pmlint and LSP split."""
    return _LINE_END.split(text)


def _units(text: str, encoding: str) -> int:
    """How many position units `text` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def _code_points(text: str, units: int, encoding: str) -> int:
    """How many code points of `text` the first `units` units cover (a unit count that
    falls inside a character stops before it; one past the end stops at the end)."""
    if units <= 0:
        return 0
    if encoding == UTF32 or text.isascii():
        return min(units, len(text))
    seen = 0
    for index, char in enumerate(text):
        width = _units(char, encoding)
        if seen + width > units:
            return index
        seen += width
    return len(text)


class LineIndex:
    """One document's lines and its encoding, for converting positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.lines = split_lines(text)
        endings: dict[str, int] = {}
        for match in _LINE_END.finditer(text):
            endings[match.group()] = endings.get(match.group(), 0) + 1
        self.ending = max(endings, key=lambda e: endings[e]) if endings else "\n"

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of pmlint's (line, column). A line past the end is the end of
        the text; a column past a line's text is the end of that line's text."""
        if line < 1:
            return types.Position(0, 0)
        if line > len(self.lines):
            last = len(self.lines) - 1
            return types.Position(last, _units(self.lines[last], self.encoding))
        text = self.lines[line - 1]
        points = min(max(column, 1) - 1, len(text))
        return types.Position(line - 1, _units(text[:points], self.encoding))

    def range(self, span: Span) -> types.Range:
        start = self.position(span.line, span.column)
        end = self.position(span.end_line, span.end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start, end)

    def location(self, position: types.Position) -> tuple[int, int]:
        """pmlint's (line, column) of an LSP position, clamped to the text."""
        if position.line < 0:
            return 1, 1
        if position.line >= len(self.lines):
            last = len(self.lines)
            return last, len(self.lines[last - 1]) + 1
        text = self.lines[position.line]
        return position.line + 1, _code_points(text, position.character, self.encoding) + 1

    def span(self, range_: types.Range) -> Span:
        line, column = self.location(range_.start)
        end_line, end_column = self.location(range_.end)
        return Span(line, column, end_line, end_column)

    def written(self, content: str) -> str:
        """`content` with its newlines as this document mostly writes them (as
        `pmlint check --fix` writes them)."""
        return content.replace("\n", self.ending) if self.ending != "\n" else content

    def end(self) -> types.Position:
        return self.position(len(self.lines) + 1, 1)
