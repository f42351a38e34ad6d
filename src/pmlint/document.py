"""The parsed postmortem: front matter, a section tree and text blocks with exact source positions.

Checks read this model only; they never see Markdown syntax or raw tokens.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from pmlint.diagnostics import Span

T = TypeVar("T")


@dataclass(slots=True)
class Link:
    """A link or image target, with the span of the target text in the source."""

    target: str
    is_image: bool
    span: Span


@dataclass(slots=True, eq=False)
class TextBlock:
    """A run of inline text (paragraph, heading, table cell) mapped back to the file.

    `text` is the source text of the block, lines joined by newlines, without container
    prefixes (list markers, quote markers, indentation). `prose` has the same length but
    code spans, HTML, URLs and emphasis markers blanked out, so prose checks can match
    it and still report exact columns.
    """

    kind: str  # paragraph | heading | table_cell
    text: str
    prose: str
    line_starts: list[int]  # offset in `text` where each source line begins
    lines: list[int]  # source line of each text line
    columns: list[int]  # 1-based source column where each text line begins
    links: list[Link] = field(default_factory=list)
    section: Section | None = None
    list_item: ListItem | None = None
    in_blockquote: bool = False

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[-1]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of an offset into `text` (or `prose`)."""
        index = max(bisect.bisect_right(self.line_starts, offset) - 1, 0)
        return self.lines[index], self.columns[index] + offset - self.line_starts[index]

    def offset(self, line: int, column: int) -> int:
        """Offset into `text` of a file position inside this block (-1 when outside it)."""
        index = bisect.bisect_left(self.lines, line)  # lines ascend: no scan of a long block
        if index < len(self.lines) and self.lines[index] == line:
            return self.line_starts[index] + column - self.columns[index]
        return -1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)

    def full_span(self) -> Span:
        return self.span(0, len(self.text))

    def canonical_sections(self) -> list[str]:
        """The canonical names of the sections that hold this block, nearest first (a block
        under "Action items > Detection" is in both); sections with no canonical name are
        skipped."""
        return [] if self.section is None else self.section.canonical_lineage()

    def nearest_canonical(self) -> str | None:
        """The canonical name of the nearest enclosing section that has one."""
        names = self.canonical_sections()
        return names[0] if names else None


@dataclass(slots=True, eq=False)
class ListItem:
    first_line: int
    last_line: int
    depth: int  # 0 for a top-level item
    checked: bool | None  # task-list state; None when the item is not a task
    blocks: list[TextBlock] = field(default_factory=list)
    children: list[ListItem] = field(default_factory=list)
    parent: ListItem | None = None

    @property
    def text_block(self) -> TextBlock | None:
        """The item's own first paragraph (its headline text)."""
        return self.blocks[0] if self.blocks else None


@dataclass(slots=True, eq=False)
class Table:
    first_line: int
    last_line: int
    header: list[TextBlock]
    rows: list[list[TextBlock]]


@dataclass(slots=True, eq=False)
class CodeBlock:
    first_line: int
    last_line: int
    info: str
    text: str


@dataclass(slots=True, eq=False)
class Section:
    """A heading (ATX, setext) or a bold pseudo-heading and everything under it."""

    title: str
    level: int  # 0 for the document root
    style: str  # root | heading | pseudo-paragraph | pseudo-list-item
    heading_span: Span | None
    first_line: int
    last_line: int = 0
    canonical: str | None = None
    heading_block: TextBlock | None = None  # the title's own text, kept out of `blocks`
    blocks: list[TextBlock] = field(default_factory=list)  # text directly in this section
    list_items: list[ListItem] = field(default_factory=list)  # top-level items directly here
    tables: list[Table] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    # HTML blocks written in the section ("<p><b>Update, Nov 15, 3:00pm:</b> ..."), kept
    # apart from `blocks`: only the timeline facts read them (a status page's notices)
    html_blocks: list[CodeBlock] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order (iterative: no recursion limit)."""
        stack: list[Section] = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def all_blocks(self) -> Iterator[TextBlock]:
        for section in self.walk():
            yield from section.blocks

    def path(self) -> tuple[str, ...]:
        names: list[str] = []
        node: Section | None = self
        while node is not None and node.level > 0:
            names.append(node.title)
            node = node.parent
        return tuple(reversed(names))

    def ancestors(self) -> Iterator[Section]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def canonical_lineage(self) -> list[str]:
        """Canonical names of this section and those above it, nearest first."""
        names: list[str] = []
        node: Section | None = self
        while node is not None:
            if node.canonical:
                names.append(node.canonical)
            node = node.parent
        return names

    def is_under(self, *canonicals: str) -> bool:
        """Whether this section or one above it has one of these canonical names."""
        return any(name in canonicals for name in self.canonical_lineage())


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment (where suppression directives live), with its first line."""

    text: str
    line: int
    end_line: int
    trailing: bool  # written after other content on the same line


@dataclass(slots=True, eq=False)
class Document:
    path: str
    source: str
    lines: list[str]
    root: Section
    meta: dict[str, Any]
    meta_lines: tuple[int, int] | None  # first and last line of the front matter block
    meta_error: tuple[int, str] | None  # (line, message) when front matter is malformed
    comments: list[Comment]
    blocks: list[TextBlock]  # every text block in document order
    code_blocks: list[CodeBlock]
    title: str | None = None
    nesting_limit_line: int | None = None  # content nested deeper than this may be unparsed
    # Facts computed once per document; read and written only through `memo`.
    cache: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """The value `compute` gives for this document, computed once per key: extractors and
        checks share facts (the timeline, action items, sentences) without knowing who asked
        first. Keys are module-qualified names, e.g. "extract.timeline"."""
        if key in self.cache:
            return cast(T, self.cache[key])
        value = compute()
        self.cache[key] = value
        return value

    def sections(self) -> Iterator[Section]:
        return self.root.walk()

    def find_sections(self, canonical: str) -> list[Section]:
        return [s for s in self.root.walk() if s.canonical == canonical]

    def anchor_span(self) -> Span:
        """Where document-level findings point: the title heading, else line 1."""
        for section in self.root.walk():
            if section.heading_span is not None and section.style == "heading":
                return section.heading_span
        return Span(1, 1, 1, max(len(self.lines[0]) + 1, 1) if self.lines else 1)

    def line_span(self, line: int) -> Span:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        start = len(text) - len(text.lstrip()) + 1
        # A line of blanks only: an empty span after them, never one that ends before it starts.
        return Span(line, start, line, max(len(text.rstrip()) + 1, start))


_KEY_VALUE = re.compile(r"\A(?P<key>[A-Za-z_][\w-]{0,40}):[ \t]+(?P<value>\S.*?)\s*\Z")


def key_values(lines: list[str]) -> dict[str, Any]:
    """A front matter YAML refuses, read as one `key: value` a line (values as text), when
    every line that is not blank is one; else nothing."""
    found: dict[str, Any] = {}
    for line in lines:
        if not line.strip():
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            return {}
        found.setdefault(match["key"], match["value"].strip("\"'"))
    return found
