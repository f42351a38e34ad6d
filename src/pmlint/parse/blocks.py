"""Text blocks from inline tokens: each line's text mapped back to its source line and column
past list and quote markers, table cells, HTML comments inside text, and links with the span
of their target."""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it.token import Token

from pmlint.diagnostics import Span
from pmlint.document import Comment, Link, TextBlock
from pmlint.masking import code_span_ranges, comment_spans, mask_prose

# The lookbehind keeps it linear when searched: a match never starts inside a run of blanks.
_CONTAINER = re.compile(r"(?<![ \t])(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*")
# How far past the previous link a link's target is looked for in its block's text.
_LINK_WINDOW = 4096


class BlockMaker:
    """The text-block half of the document builder (`pmlint.parse.builder.Builder`)."""

    lines: list[str]
    quote_depth: int
    comments: list[Comment]
    _definitions: dict[str, Span] | None  # reference definitions by target
    _definition_lines: list[tuple[int, str, int]]
    _definition_misses: set[str]

    def text_block(
        self, kind: str, token: Token, skip: int = 0, rows: slice = slice(None)
    ) -> TextBlock | None:
        """A block from an inline token; `skip` drops leading characters, `rows` picks lines."""
        content = token.content
        first = (token.map[0] if token.map else 0) + self._dropped_lines(token) + (rows.start or 0)
        parts = content.split("\n")[rows]
        texts: list[str] = []
        lines: list[int] = []
        columns: list[int] = []
        for index, part in enumerate(parts):
            source = self.lines[first + index] if first + index < len(self.lines) else ""
            if index == 0 and skip:
                removed = part[:skip]
                part = part[skip:]
                lead = len(part) - len(part.lstrip())
                part = part[lead:]
                column = source.find(removed) + len(removed) + lead if removed in source else -1
            else:
                # Past list and quote markers first: in `1. 1` the text is the second "1".
                container = _CONTAINER.match(source)  # it always matches, if only ""
                start = container.end() if container else 0
                column = source.find(part, start) if part else len(source.rstrip())
                if part and column < 0:
                    column = source.find(part)
            if column < 0:
                column = len(source) - len(source.lstrip())
            texts.append(part)
            lines.append(first + index + 1)
            columns.append(column + 1)
        return self._make_block(kind, texts, lines, columns, token)

    def _dropped_lines(self, token: Token) -> int:
        """Leading lines of the block that markdown-it-py's `str.strip()` removed from its
        content (lines of characters Python counts as blank but Markdown does not: a
        vertical tab, U+2028), with which every position below would be a line too early.
        The content's first line tells where the text really starts."""
        if not token.map or not token.content.strip():
            return 0
        first_text = token.content.split("\n", 1)[0]
        for number in range(token.map[0], min(token.map[1], len(self.lines))):
            if first_text in self.lines[number]:
                return number - token.map[0]
        return 0

    def cell_blocks(self, row: list[Token], line_index: int) -> list[TextBlock]:
        source = self.lines[line_index] if line_index < len(self.lines) else ""
        cursor = 0
        cells: list[TextBlock] = []
        for token in row:
            content = token.content
            column = source.find(content, cursor) if content else -1
            if column < 0 and "|" in content:
                column = source.find(content.replace("|", "\\|"), cursor)
                if column >= 0:  # keep the source text so offsets after `\|` stay exact
                    content = content.replace("|", "\\|")
            if column < 0:
                pipe = source.find("|", cursor)
                column = pipe + 1 if pipe >= 0 else cursor
                column += len(source[column:]) - len(source[column:].lstrip())
            cursor = column + len(content)
            cells.append(
                self._make_block("table_cell", [content], [line_index + 1], [column + 1], token)
            )
        return cells

    def _make_block(
        self, kind: str, texts: list[str], lines: list[int], columns: list[int], token: Token
    ) -> TextBlock:
        starts: list[int] = []
        offset = 0
        for part in texts:
            starts.append(offset)
            offset += len(part) + 1
        text = "\n".join(texts)
        block = TextBlock(
            kind=kind,
            text=text,
            prose=mask_prose(text),
            line_starts=starts,
            lines=lines,
            columns=columns,
            in_blockquote=self.quote_depth > 0,
        )
        block.links = self.links(block, token)
        code = code_span_ranges(text)  # `<!-- x -->` in inline code is not a comment
        for start, end in comment_spans(text):
            if any(c_start <= start < c_end for c_start, c_end in code):
                continue
            line, _column = block.position(start)
            end_line, _ = block.position(end)
            before = text[text.rfind("\n", 0, start) + 1 : start]
            self.comments.append(
                Comment(text[start + 4 : end - 3], line, end_line, bool(before.strip()))
            )
        return block

    def links(self, block: TextBlock, token: Token) -> list[Link]:
        found: list[Link] = []
        cursor = 0
        for child in token.children or []:
            if child.type == "link_open":
                target, is_image = str(child.attrs.get("href", "")), False
            elif child.type == "image":
                target, is_image = str(child.attrs.get("src", "")), True
            else:
                continue
            span = None
            for form in dict.fromkeys((target, unquote(target))):
                # A bounded search: a reference link's target is not in the block at all,
                # and scanning the rest of the block for each of many would be quadratic.
                limit = cursor + len(form) + _LINK_WINDOW
                position = block.text.find(form, cursor, limit) if form else -1
                if position >= 0:
                    span = block.span(position, position + len(form))
                    cursor = position + len(form)
                    break
            if span is None:
                span = self._reference_definition(target) or block.full_span()
            found.append(Link(target, is_image, span))
        return found

    def _reference_definition(self, target: str) -> Span | None:
        """Where a reference link's target is defined (`[label]: target`): looked up in an
        index of the definition lines, built once, instead of a scan per link."""
        if self._definitions is None:
            self._definitions = {}
            self._definition_lines = []
            for number, line in enumerate(self.lines, start=1):
                marker = line.find("]:")
                if marker < 0:
                    continue
                self._definition_lines.append((number, line, marker))
                words = line[marker + 2 :].split()
                if words:
                    dest = words[0].removeprefix("<").removesuffix(">")
                    column = line.index(dest, marker) + 1
                    self._definitions.setdefault(
                        dest, Span(number, column, number, column + len(dest))
                    )
        for form in dict.fromkeys((target, unquote(target))):
            if form in self._definitions:
                return self._definitions[form]
        if target in self._definition_misses:
            return None
        for form in dict.fromkeys((target, unquote(target))):  # a target written otherwise
            for number, line, marker in self._definition_lines:
                if form and form in line[marker:]:
                    column = line.index(form, marker) + 1
                    return Span(number, column, number, column + len(form))
        self._definition_misses.add(target)
        return None
