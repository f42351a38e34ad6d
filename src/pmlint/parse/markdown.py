"""The markdown-it parser pmlint reads with (CommonMark, tables, YAML front matter; nesting
bounded; inline parsing only where a link may be) and what it reads off the token stream."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

MAX_NESTING = 100
INLINE_NESTING = 20


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


def nesting_limit_line(tokens: list[Token]) -> int | None:
    """Where nesting reached markdown-it's limit: beyond it, content may not be parsed."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.map:
            return token.map[0] + 1
    return None


def items_with_nested_lists(tokens: list[Token]) -> set[int]:
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
