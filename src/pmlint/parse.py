"""markdown-it tokens -> Document: sections (real and pseudo-headings), blocks, exact positions."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from pmlint.diagnostics import Span
from pmlint.document import (
    CodeBlock,
    Comment,
    Document,
    Link,
    ListItem,
    Section,
    Table,
    TextBlock,
)
from pmlint.masking import (
    code_span_ranges,
    comment_spans,
    mask_prose,
    remove_comments,
    strip_markup,
)
from pmlint.sections import SectionCatalog
from pmlint.yamlfile import YamlError, load_untrusted

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# `**Title:**`, `**Title**:`, `**Title**` or the `__` forms. In a list item the colon is
# what makes it a heading; a paragraph line that is only bold text is one with or without it.
_PSEUDO = re.compile(r"^(\*\*|__)(?P<title>[^*_\n]{1,120}?)(?P<inner>:?)\s*\1(?P<outer>:?)")
# A bold placeholder (`**TBD**`) is the content of its section, not a new one.
_NOT_A_TITLE = re.compile(r"^(?:tb[dc]|todo|fixme|xxx|n/?a|none|nothing|[^\w]*)$", re.IGNORECASE)
_TASK = re.compile(r"^\[(?P<state>[ xX])\](?:\s|$)")
_TOML_FENCE = "+++"
MAX_NESTING = 100
INLINE_NESTING = 20
# The lookbehind keeps it linear when searched: a match never starts inside a run of blanks.
_CONTAINER = re.compile(r"(?<![ \t])(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*")
# How far past the previous link a link's target is looked for in its block's text.
_LINK_WINDOW = 4096


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # commonmark's maxNesting of 20 makes markdown-it drop the rest of the document after a
    # list nested 10 deep; 100 keeps realistic documents whole and stays far from the
    # recursion limit (about 3 Python frames per level).
    md = (
        MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
        .enable("table")
        .use(front_matter_plugin)
    )
    # Inline text keeps commonmark's 20: each unclosed `[` makes markdown-it look that many
    # levels ahead for its `]`, so a long run of them cost 5 times as much at 100.
    md.core.ruler.before("block", "pmlint_block_nesting", _nesting(MAX_NESTING))
    md.core.ruler.after("block", "pmlint_inline_nesting", _nesting(INLINE_NESTING))
    md.core.ruler.at("inline", _inline_with_links)
    return md


def _inline_with_links(state: Any) -> None:
    """markdown-it's `inline` core rule, run only on text that may hold a link or image.

    pmlint reads one thing from inline tokens, the links and images (`Builder.links`);
    text and positions come from the source. Every link form starts with `[`, `![` or
    `<`, so other inline text keeps empty children, and a third of the parse is saved.
    """
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if "[" in token.content or "<" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def _nesting(limit: int) -> Callable[[Any], None]:
    def rule(state: Any) -> None:
        state.md.options["maxNesting"] = limit

    return rule


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


class _Builder:
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

    # -- front matter -------------------------------------------------------------------
    def toml_front_matter(self) -> str:
        """Blank a `+++` TOML block (Hugo, Zola) so markdown-it sees empty lines instead."""
        if not self.lines or self.lines[0].strip() != _TOML_FENCE:
            return self.text
        for index in range(1, len(self.lines)):
            if self.lines[index].strip() == _TOML_FENCE:
                body = "\n".join(self.lines[1:index])
                self.meta_lines = (1, index + 1)
                try:
                    self.meta = tomllib.loads(body)
                except tomllib.TOMLDecodeError as exc:
                    self.meta_error = (1, f"invalid TOML front matter: {exc}")
                except RecursionError:
                    self.meta_error = (1, "invalid TOML front matter: nested too deeply")
                except ValueError as exc:  # an integer of more than 4,300 digits
                    self.meta_error = (1, f"invalid TOML front matter: {exc}")
                blanked = [""] * (index + 1) + self.lines[index + 1 :]
                return "\n".join(blanked)
        return self.text

    def yaml_front_matter(self, token: Token) -> None:
        first, last = token.map[0] + 1, token.map[1]
        self.meta_lines = (first, last)
        try:
            data = load_untrusted(token.content) if token.content.strip() else {}
        except YamlError as exc:  # an alias bomb, or a value such as the date 2024-13-45
            self.meta_error = (first, f"invalid YAML front matter: {exc}")
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = first + 1 + (mark.line if mark is not None else 0)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.meta_error = (min(line, last), f"invalid YAML front matter: {problem}")
            return
        except RecursionError:
            self.meta_error = (first, "invalid YAML front matter: nested too deeply")
            return
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.meta_error = (first, "front matter is not a mapping of keys to values")
            return
        self.meta = {str(k): v for k, v in data.items()}

    # -- text blocks ----------------------------------------------------------------------
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
                start = _CONTAINER.match(source).end()
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
        source = self.toml_front_matter()
        tokens = _markdown().parse(source)
        self.nesting_limit_line = _nesting_limit_line(tokens)
        nested = _items_with_nested_lists(tokens)
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
                code = CodeBlock(token.map[0] + 1, token.map[1], token.info.strip(), token.content)
                self.section.code_blocks.append(code)
                self.code_blocks.append(code)
            elif kind == "html_block":
                self.html_comments(token)
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            index += 1
        self.close_sections_from(1, len(self.lines) + 1)
        self.root.last_line = len(self.lines)
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
        self.add_paragraph(inline)

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


def _nesting_limit_line(tokens: list[Token]) -> int | None:
    """Where nesting reached markdown-it's limit: beyond it, content may not be parsed."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.map:
            return token.map[0] + 1
    return None


def _items_with_nested_lists(tokens: list[Token]) -> set[int]:
    """Indexes of list_item_open tokens whose item directly contains another list."""
    result: set[int] = set()
    open_items: list[int] = []
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            open_items.append(index)
        elif token.type == "list_item_close" and open_items:
            open_items.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and open_items:
            result.add(open_items[-1])
    return result


def parse_document(path: str, text: str, catalog: SectionCatalog) -> Document:
    """Parse Markdown text; never raises on odd input (malformed front matter is recorded)."""
    if "\r" in text:  # markdown-it counts a lone CR as a line break: lines would not match
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _Builder(path, text, catalog).build()
