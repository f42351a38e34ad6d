"""markdown-it tokens -> Document: sections (real and pseudo-headings), blocks, exact positions.

The walk over the tokens and the section tree are here; text blocks are made in `blocks`,
front matter is read in `front_matter`, and the parser is set up in `markdown`.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from markdown_it.token import Token

from pmlint.diagnostics import Span
from pmlint.document import (
    CodeBlock,
    Comment,
    Document,
    ListItem,
    Section,
    Table,
    TextBlock,
)
from pmlint.masking import comment_spans, remove_comments, strip_markup
from pmlint.parse.blocks import BlockMaker
from pmlint.parse.front_matter import FrontMatterReader
from pmlint.parse.markdown import _markdown, items_with_nested_lists, nesting_limit_line
from pmlint.sections import SectionCatalog

# `**Title:**`, `**Title**:`, `**Title**` or the `__` forms. In a list item the colon is
# what makes it a heading; a paragraph line that is only bold text is one with or without it.
_PSEUDO = re.compile(r"^(\*\*|__)(?P<title>[^*_\n]{1,120}?)(?P<inner>:?)\s*\1(?P<outer>:?)")
# A bold placeholder (`**TBD**`) is the content of its section, not a new one.
_NOT_A_TITLE = re.compile(r"^(?:tb[dc]|todo|fixme|xxx|n/?a|none|nothing|[^\w]*)$", re.IGNORECASE)
_TASK = re.compile(r"^\[(?P<state>[ xX])\](?:\s|$)")


# The line that closes a status update, as a status page copied as text keeps it: "Posted
# Sep 25, 2014 - 20:02 UTC", "Posted 2 days ago. Mar 3, 2021 - 09:15 PST" (bounded: one line).
_POSTED_LINE = re.compile(
    r"\A[\s*_]*(?:posted|updated)\b[^\n]{0,60}?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+[A-Za-z]{2,5})?[\s*_.]*(?:\([^()\n]{0,30}\))?[\s*_.]*",
    re.IGNORECASE,
)


def _updates(content: str) -> list[slice]:
    """The rows of a paragraph, split after each line that closes a status update when more
    lines follow: a page's updates copied without blank lines between them ("Resolved", what
    it said, "Posted ... 20:02 UTC", then "Update", ...) are paragraphs of their own, as the
    page showed them. Any other paragraph is one slice."""
    lines = content.split("\n")
    if len(lines) < 3:
        return [slice(None)]
    cuts = [
        index + 1
        for index, line in enumerate(lines[:-1])
        if len(line) <= 90 and _POSTED_LINE.fullmatch(line) and any(lines[index + 1 :])
    ]
    if not cuts:
        return [slice(None)]
    bounds = [0, *cuts, len(lines)]
    return [slice(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _pseudo_title(content: str, whole: bool) -> tuple[str, int] | None:
    """The title and the length of its markup when `content` opens with a bold `Title:`, or
    (`whole`: a paragraph's first line) when the line is only bold text, colon or not. Bold
    that ends like a sentence (`**Do not restart the primary.**`) is emphasis, not a title."""
    match = _PSEUDO.match(content)
    if not match:
        return None
    if not (match.group("inner") or match.group("outer")):
        bare = match.group("title").strip()
        if not whole or bare.endswith((".", "!", "?", ",", ";")) or _NOT_A_TITLE.match(bare):
            return None
    # A trailing HTML comment (a template hint, a pmlint directive) keeps it a heading.
    if whole and remove_comments(content[match.end() :], "").strip():
        return None
    title = match.group("title").strip()
    return (title, match.end()) if title else None


class Builder(FrontMatterReader, BlockMaker):
    def __init__(self, path: str, text: str, catalog: SectionCatalog) -> None:
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self.catalog = catalog
        self.root = Section("", 0, "root", None, 1)
        self.stack: list[Section] = [self.root]
        self.items: list[tuple[ListItem, Section | None]] = []
        self.blocks: list[TextBlock] = []
        self.code_blocks: list[CodeBlock] = []
        self.comments: list[Comment] = []
        self.quote_depth = 0
        self.meta: dict[str, Any] = {}
        self.bold_first_line: str | None = None
        self.meta_lines: tuple[int, int] | None = None
        self.meta_error: tuple[int, str] | None = None
        self.title: str | None = None
        self._definitions: dict[str, Span] | None = None  # reference definitions by target
        self._definition_lines: list[tuple[int, str, int]] = []
        self._definition_misses: set[str] = set()

    # -- sections -----------------------------------------------------------------------
    @property
    def section(self) -> Section:
        return self.stack[-1]

    def open_section(self, section: Section) -> None:
        section.canonical = self.catalog.classify(section.title)
        section.parent = self.section
        self.section.children.append(section)
        self.stack.append(section)

    def close_sections_from(self, level: int, line: int) -> None:
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop().last_line = line - 1

    def heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:])
        assert token.map is not None  # a block token's lines
        line = token.map[0] + 1
        block = self.text_block("heading", inline)
        title = strip_markup(inline.content)
        self.close_sections_from(level, line)
        assert block is not None
        section = Section(title, level, "heading", block.full_span(), line)
        section.heading_block = block
        block.section = section
        self.open_section(section)
        if level == 1 and self.title is None:
            self.title = title

    def pseudo_paragraph(self, inline: Token, title: str) -> None:
        assert inline.map is not None  # a block's inline token has its lines
        line = inline.map[0] + 1
        real = next((s.level for s in reversed(self.stack) if s.style in ("heading", "root")), 0)
        level = real + 1
        self.close_sections_from(level, line)
        block = self.text_block("heading", inline, rows=slice(0, 1))
        assert block is not None
        if not self.blocks and self.title is None and self.stack == [self.root]:
            self.bold_first_line = title  # the title, when the document has no other
        section = Section(title, level, "pseudo-paragraph", block.full_span(), line)
        section.heading_block = block
        block.section = section
        self.open_section(section)

    # -- the walk -----------------------------------------------------------------------
    def build(self) -> Document:
        source = self.lead_blank_front_matter(self.toml_front_matter())
        tokens = _markdown().parse(source)
        self.nesting_limit_line = nesting_limit_line(tokens)
        nested = items_with_nested_lists(tokens)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "front_matter":
                self.yaml_front_matter(token)
            elif kind == "heading_open":
                inline = tokens[index + 1]
                if token.level == 0:
                    self.heading(token, inline)
                else:
                    self.add_paragraph(inline)
                index += 2
            elif kind == "paragraph_open":
                if not token.meta.get("pmlint_consumed"):
                    self.paragraph(token, tokens[index + 1])
                index += 1
            elif kind == "list_item_open":
                self.list_item(token, tokens, index, index in nested)
            elif kind == "list_item_close":
                self.close_list_item()
            elif kind == "table_open":
                index = self.table(tokens, index)
            elif kind in ("fence", "code_block"):
                assert token.map is not None  # a block token's lines
                code = CodeBlock(token.map[0] + 1, token.map[1], token.info.strip(), token.content)
                self.section.code_blocks.append(code)
                self.code_blocks.append(code)
            elif kind == "html_block":
                self.html_comments(token)
                if token.map is not None and remove_comments(token.content).strip():
                    html = CodeBlock(token.map[0] + 1, token.map[1], "html", token.content)
                    self.section.html_blocks.append(html)
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            index += 1
        self.close_sections_from(1, len(self.lines) + 1)
        self.root.last_line = len(self.lines)
        if self.title is not None and self._title_is_a_section():
            self.title = None
        self._title_names_no_section()
        if self.title is None:
            self.title = self._fallback_title()
        return Document(
            path=self.path,
            source=self.text,
            lines=self.lines,
            root=self.root,
            meta=self.meta,
            meta_lines=self.meta_lines,
            meta_error=self.meta_error,
            nesting_limit_line=self.nesting_limit_line,
            comments=self.comments,
            blocks=self.blocks,
            code_blocks=self.code_blocks,
            title=self.title,
        )

    def paragraph(self, token: Token, inline: Token) -> None:
        """A top-level paragraph whose first line is only `**Title:**` opens a section; the
        lines after it (written without a blank line, a common style) are its first text."""
        at_top = token.level == 0 and not self.items
        first_line, _, rest = inline.content.partition("\n")
        pseudo = _pseudo_title(first_line, whole=True) if at_top else None
        if pseudo is not None:
            self.pseudo_paragraph(inline, pseudo[0])
            if rest.strip():
                self.add_paragraph(inline, rows=slice(1, None))
            return
        for rows in _updates(inline.content):
            self.add_paragraph(inline, rows=rows)

    def add_paragraph(
        self, inline: Token, skip: int = 0, rows: slice = slice(None)
    ) -> TextBlock | None:
        block = self.text_block("paragraph", inline, skip, rows)
        if block is None or not block.text.strip():
            return None
        block.section = self.section
        if self.items:
            block.list_item = self.items[-1][0]
            self.items[-1][0].blocks.append(block)
        self.section.blocks.append(block)
        self.blocks.append(block)
        return block

    def list_item(self, token: Token, tokens: list[Token], index: int, has_nested: bool) -> None:
        assert token.map is not None  # a block token's lines
        first_line, last_line = token.map[0] + 1, token.map[1]
        inline = tokens[index + 2] if index + 2 < len(tokens) else None
        has_text = inline is not None and tokens[index + 1].type == "paragraph_open"
        content = inline.content if has_text and inline is not None else ""
        task = _TASK.match(content)
        checked = None if task is None else task.group("state") != " "
        parent_item, parent_pseudo = self.items[-1] if self.items else (None, None)
        item = ListItem(first_line, last_line, len(self.items), checked)
        if parent_item is not None and parent_pseudo is None:
            item.parent = parent_item
            parent_item.children.append(item)
        else:
            self.section.list_items.append(item)
        pseudo = _pseudo_title(content, whole=False) if has_nested and task is None else None
        section = None
        if pseudo is not None and inline is not None:
            title, markup_length = pseudo
            heading = self.text_block("heading", inline)
            assert heading is not None
            _, end_column = heading.position(markup_length)
            heading_span = Span(first_line, heading.columns[0], first_line, end_column)
            section = Section(
                title, self.section.level + 1, "pseudo-list-item", heading_span, first_line
            )
            self.open_section(section)
            section.last_line = last_line
            self.items.append((item, section))
            if content[markup_length:].strip():
                collected = len(self.comments)
                self.add_paragraph(inline, skip=markup_length)
                del self.comments[collected:]  # the heading block above already has them
            tokens[index + 1].meta["pmlint_consumed"] = True
        else:
            self.items.append((item, None))

    def close_list_item(self) -> None:
        item, section = self.items.pop()
        if section is not None:
            while len(self.stack) > 1:
                popped = self.stack.pop()
                popped.last_line = min(popped.last_line or item.last_line, item.last_line)
                if popped is section:
                    break

    def table(self, tokens: list[Token], index: int) -> int:
        start = tokens[index]
        header: list[TextBlock] = []
        rows: list[list[TextBlock]] = []
        row: list[Token] = []
        row_line = 0
        in_head = False
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row, row_line = [], token.map[0] if token.map else row_line + 1
            elif token.type == "inline":
                row.append(token)
            elif token.type == "tr_close":
                cells = self.cell_blocks(row, row_line)
                for cell in cells:
                    cell.section = self.section
                    self.section.blocks.append(cell)
                    self.blocks.append(cell)
                if in_head:
                    header.extend(cells)
                else:
                    rows.append(cells)
            index += 1
        end = start.map[1] if start.map else (rows[-1][0].last_line if rows and rows[-1] else 0)
        self.section.tables.append(Table(start.map[0] + 1 if start.map else 0, end, header, rows))
        return index

    def html_comments(self, token: Token) -> None:
        first = token.map[0] + 1 if token.map else 1
        content = token.content
        for start, end in comment_spans(content):
            line = first + content.count("\n", 0, start)
            end_line = first + content.count("\n", 0, end)
            self.comments.append(Comment(content[start + 4 : end - 3], line, end_line, False))

    def _title_is_a_section(self) -> bool:
        """A document written as top-level sections ("# Summary", "# Impact") has no title
        heading: its first names a section. A lone top heading stays the title even when it
        reads like a section's name ("Node Incident Response")."""
        tops = [s for s in self.root.children if s.level == 1 and s.style == "heading"]
        return len(tops) >= 2 and tops[0].title == self.title and tops[0].canonical is not None

    def _title_names_no_section(self) -> None:
        """A lone top heading over sections of its own is the document's title, whatever its
        words ("Incident Report: GitHub Actions Platform Outage" holds a product's name, not
        the action items): the text under it before its first section is lead prose. It must
        open the document and hold a section's name only inside longer words: a lone
        "# Impact" after "## Summary", or a "# Root Cause Analysis" over its questions, is a
        section."""
        headings = [s for s in self.root.children if s.style == "heading"]
        tops = [s for s in headings if s.level == 1]
        if len(tops) != 1 or tops[0].title != self.title or tops[0].canonical is None:
            return
        if headings[0] is not tops[0] or self.catalog.names_exactly(tops[0].title):
            return
        if any(child.style == "heading" for child in tops[0].children):
            tops[0].canonical = None

    def _fallback_title(self) -> str | None:
        if isinstance(self.meta.get("title"), str):
            return str(self.meta["title"])
        if self.bold_first_line is not None and self.catalog.classify(self.bold_first_line) is None:
            return self.bold_first_line
        for block in self.blocks:
            text = block.text.strip()
            if text.startswith(("**", "__")) and text.endswith(("**", "__")):
                return strip_markup(text)
            break
        return None


def parse_document(path: str, text: str, catalog: SectionCatalog) -> Document:
    """Parse Markdown text; never raises on odd input (malformed front matter is recorded)."""
    if "\r" in text:  # markdown-it counts a lone CR as a line break: lines would not match
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Builder(path, text, catalog).build()
