"""The document model: sections, pseudo-headings, canonical names, positions, masking, metadata."""

from __future__ import annotations

from functools import cache

import pytest

from pmlint.document import Document, Section, TextBlock
from pmlint.masking import mask_prose
from pmlint.packs import load_pack
from pmlint.parse import parse_document
from pmlint.reading import decode
from pmlint.sections import SectionCatalog


@cache
def catalog() -> SectionCatalog:
    return SectionCatalog.from_mapping(load_pack("core").sections)


def parse(text: str) -> Document:
    return parse_document("doc.md", text, catalog())


def outline(doc: Document) -> list[tuple[str, int, str, str | None]]:
    return [(s.title, s.level, s.style, s.canonical) for s in doc.sections() if s.level > 0]


def section(doc: Document, title: str) -> Section:
    found = [s for s in doc.sections() if s.title == title]
    assert len(found) == 1, f"{title!r}: {[s.title for s in doc.sections()]}"
    return found[0]


def block(doc: Document, text: str) -> TextBlock:
    found = [b for b in doc.blocks if b.text == text]
    assert len(found) == 1, f"{text!r}: {[b.text for b in doc.blocks]}"
    return found[0]


def all_text_blocks(doc: Document) -> list[TextBlock]:
    headings = [s.heading_block for s in doc.sections() if s.heading_block is not None]
    return [*doc.blocks, *headings]


def char_at(doc: Document, line: int, column: int) -> str:
    text = doc.lines[line - 1]
    assert 1 <= column <= len(text), f"column {column} outside line {line}: {text!r}"
    return text[column - 1]


def assert_positions_exact(doc: Document) -> int:
    """Every character of every block sits where `position()` says it does in the file."""
    checked = 0
    for item in all_text_blocks(doc):
        for offset, character in enumerate(item.text):
            if character == "\n":
                continue
            line, column = item.position(offset)
            assert char_at(doc, line, column) == character, (
                f"{item.kind} {item.text!r} offset {offset}: ({line}, {column}) holds "
                f"{char_at(doc, line, column)!r}, not {character!r}"
            )
            checked += 1
    return checked


# -- the section tree ---------------------------------------------------------------------

HEADINGS = """\
# Checkout outage

Intro under the title.

## Summary

Checkout failed.

### Detail

More detail.

Timeline (all times UTC)
------------------------

- 10:02 alert

Appendix
========

#### Deep heading

Text.
"""


def test_atx_and_setext_headings_build_a_tree_with_levels() -> None:
    doc = parse(HEADINGS)
    assert outline(doc) == [
        ("Checkout outage", 1, "heading", None),
        ("Summary", 2, "heading", "summary"),
        ("Detail", 3, "heading", None),
        ("Timeline (all times UTC)", 2, "heading", "timeline"),
        ("Appendix", 1, "heading", "supporting-info"),
        ("Deep heading", 4, "heading", None),
    ]
    title, summary, detail = (section(doc, t) for t in ("Checkout outage", "Summary", "Detail"))
    timeline, appendix = section(doc, "Timeline (all times UTC)"), section(doc, "Appendix")
    assert doc.title == "Checkout outage"
    assert [c.title for c in doc.root.children] == ["Checkout outage", "Appendix"]
    assert [c.title for c in title.children] == ["Summary", "Timeline (all times UTC)"]
    assert detail.parent is summary and summary.parent is title
    assert section(doc, "Deep heading").parent is appendix
    assert (summary.first_line, summary.last_line) == (5, 12)
    assert (detail.first_line, detail.last_line) == (9, 12)
    assert (timeline.first_line, timeline.last_line) == (13, 17)
    assert title.last_line == 17
    assert appendix.first_line == 18 and appendix.last_line == len(doc.lines)
    assert detail.path() == ("Checkout outage", "Summary", "Detail")
    assert [s.title for s in detail.ancestors()][:2] == ["Summary", "Checkout outage"]


def test_heading_spans_and_blocks_belong_to_their_section() -> None:
    doc = parse(HEADINGS)
    summary, timeline = section(doc, "Summary"), section(doc, "Timeline (all times UTC)")
    assert summary.heading_span is not None
    assert (summary.heading_span.line, summary.heading_span.column) == (5, 4)
    assert summary.heading_span.end_column == 4 + len("Summary")
    assert timeline.heading_span is not None
    assert (timeline.heading_span.line, timeline.heading_span.column) == (13, 1)
    assert [b.text for b in summary.blocks] == ["Checkout failed."]
    assert [b.text for b in summary.all_blocks()] == ["Checkout failed.", "More detail."]
    assert block(doc, "10:02 alert").section is timeline
    assert block(doc, "Intro under the title.").section is section(doc, "Checkout outage")
    # heading text is kept out of `blocks` but available as the section's heading block
    assert all(b.kind != "heading" for b in doc.blocks)
    assert summary.heading_block is not None and summary.heading_block.text == "Summary"
    assert doc.anchor_span().line == 1


def test_heading_inside_a_blockquote_is_text_not_a_section() -> None:
    doc = parse("# Title\n\n> ## Action items\n> quoted\n")
    assert outline(doc) == [("Title", 1, "heading", None)]
    quoted = block(doc, "Action items")
    assert quoted.in_blockquote and quoted.kind == "paragraph"


def test_trailing_comment_in_a_heading_is_not_part_of_the_title() -> None:
    doc = parse("## Impact <!-- fill in -->\n\ntext\n")
    assert outline(doc) == [("Impact", 2, "heading", "impact")]


# -- pseudo-headings ------------------------------------------------------------------------

PSEUDO = """\
# Login outage

**Summary:**

Logins failed for twenty minutes.

**Timeline**:

- 09:00 deploy

__Root cause:__ <!-- a comment does not stop it from being a heading -->

A flag defaulted to on.

**Owner:** Alice

**Bold that ends like a sentence.**

Some **Status:** text in the middle of a paragraph.

- **Resolution:**
  1. rolled back
  2. flag turned off
- **Follow-ups:** two tickets
  - [ ] default flags to off
- **Owner:** Alice
- [ ] **Impact:**
  - a task is never a section

> **Lessons learned:**
>
> quoted, so not a heading

## Appendix

**Graphs:**

None yet.
"""


def test_paragraph_pseudo_headings() -> None:
    doc = parse(PSEUDO)
    titles = [(t, lvl, style, c) for t, lvl, style, c in outline(doc)]
    assert titles == [
        ("Login outage", 1, "heading", None),
        ("Summary", 2, "pseudo-paragraph", "summary"),
        ("Timeline", 2, "pseudo-paragraph", "timeline"),
        ("Root cause", 2, "pseudo-paragraph", "root-cause"),
        ("Resolution", 3, "pseudo-list-item", "resolution"),
        ("Follow-ups", 3, "pseudo-list-item", "action-items"),
        ("Appendix", 2, "heading", "supporting-info"),
        ("Graphs", 3, "pseudo-paragraph", "supporting-info"),
    ]
    summary, timeline = section(doc, "Summary"), section(doc, "Timeline")
    assert summary.parent is section(doc, "Login outage")
    assert summary.heading_span is not None and summary.heading_span.line == 3
    assert (summary.first_line, summary.last_line) == (3, 6)
    assert timeline.heading_span is not None and timeline.heading_span.line == 7
    assert block(doc, "09:00 deploy").section is timeline
    # a pseudo-heading is closed by the next one at the same level, or by a real heading
    root_cause = section(doc, "Root cause")
    assert root_cause.first_line == 11 and root_cause.last_line == 33
    graphs = section(doc, "Graphs")
    assert graphs.parent is section(doc, "Appendix")
    assert [b.text for b in graphs.blocks] == ["None yet."]


def test_bold_text_that_is_not_a_pseudo_heading_stays_a_paragraph() -> None:
    doc = parse(PSEUDO)
    root_cause = section(doc, "Root cause")
    texts = [b.text for b in root_cause.blocks]
    assert "**Owner:** Alice" in texts
    assert "**Bold that ends like a sentence.**" in texts
    assert "Some **Status:** text in the middle of a paragraph." in texts
    assert "quoted, so not a heading" in [b.text for b in root_cause.all_blocks()]
    assert not [s for s in doc.sections() if s.title in ("Owner", "Lessons learned", "Status")]


def test_a_bold_line_on_its_own_is_a_pseudo_heading_with_or_without_a_colon() -> None:
    # issue 16: `**Timeline**` without a colon used to be a paragraph, so the required
    # sections were "missing" and what was under them went unchecked
    doc = parse(
        "# T\n\n**Summary**\n\nText.\n\n__Timeline__\n\n- 09:00 deploy\n\n"
        "**Root cause**\nA flag.\n\n**Stop the primary first.**\n\n- **Owner** Alice\n"
        "  - nested\n"
    )
    assert outline(doc) == [
        ("T", 1, "heading", None),
        ("Summary", 2, "pseudo-paragraph", "summary"),
        ("Timeline", 2, "pseudo-paragraph", "timeline"),
        ("Root cause", 2, "pseudo-paragraph", "root-cause"),
    ]
    root_cause = section(doc, "Root cause")
    assert [b.text for b in root_cause.blocks][:2] == ["A flag.", "**Stop the primary first.**"]
    # in a list item the colon is still what makes a heading
    assert block(doc, "**Owner** Alice").section is root_cause


def test_list_item_pseudo_headings_need_a_nested_list() -> None:
    doc = parse(PSEUDO)
    resolution, follow_ups = section(doc, "Resolution"), section(doc, "Follow-ups")
    root_cause = section(doc, "Root cause")
    assert resolution.parent is root_cause and follow_ups.parent is root_cause
    assert resolution.heading_span is not None
    assert (resolution.heading_span.line, resolution.heading_span.column) == (21, 3)
    assert resolution.heading_span.end_column == 3 + len("**Resolution:**")
    assert resolution.first_line == 21 and resolution.last_line == 23
    assert [b.text for b in resolution.blocks] == ["rolled back", "flag turned off"]
    assert len(resolution.list_items) == 2
    # text after the bold title is the section's first paragraph, with its own column
    tickets = block(doc, "two tickets")
    assert tickets.section is follow_ups
    assert tickets.position(0) == (24, 19)
    assert [b.text for b in follow_ups.blocks] == ["two tickets", "[ ] default flags to off"]
    # `- **Owner:** Alice` has no nested list: a field in the enclosing section
    owner = [b for b in doc.blocks if b.text == "**Owner:** Alice" and b.list_item is not None]
    assert len(owner) == 1 and owner[0].section is root_cause
    # a task item is never a pseudo-heading, even with a nested list
    assert block(doc, "[ ] **Impact:**").section is root_cause


def test_pseudo_heading_inside_a_list_item_paragraph_is_not_a_section() -> None:
    doc = parse("# T\n\n- item\n\n  **Impact:**\n\n  text\n")
    assert outline(doc) == [("T", 1, "heading", None)]


# -- canonical names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "canonical"),
    [
        ("Summary", "summary"),
        ("TL;DR", "summary"),
        ("Executive Summary", "summary"),
        ("customer impact", "impact"),
        ("IMPACT:", "impact"),
        ("Timeline (all times UTC)", "timeline"),
        ("Timeline of the response", "timeline"),  # tie on length: the first one wins
        ("Chronology", "timeline"),
        ("Root cause of the outage", "root-cause"),
        ("Root Cause(s):", "root-cause"),
        ("Contributing Factors", "root-cause"),
        ("5 Whys", "root-cause"),
        ("Impact and root cause", "root-cause"),  # the longest contained synonym wins
        ("Mitigation & Resolution", "resolution"),
        ("Action Items & Follow-ups", "action-items"),
        ("Next steps", "action-items"),
        ("What went well?", "went-well"),
        ("What went wrong", "went-wrong"),
        ("What didn't go so well", "went-wrong"),
        ("What went wrong and why", "root-cause"),
        ("Lessons Learnt", "lessons"),
        ("**Detection**", "detection"),
        ("Notes", None),
        ("Impactful changes", None),  # whole words only
        ("", None),
        ("???", None),
    ],
)
def test_canonical_mapping(title: str, canonical: str | None) -> None:
    assert catalog().classify(title) == canonical


def test_canonical_mapping_applies_to_every_heading_style() -> None:
    doc = parse(
        "## Incident timeline\n\nx\n\n**Customer Impact:**\n\ny\n\n"
        "- **Root cause of the outage**:\n  - z\n"
    )
    assert [(s.style, s.canonical) for s in doc.sections() if s.level] == [
        ("heading", "timeline"),
        ("pseudo-paragraph", "impact"),
        ("pseudo-list-item", "root-cause"),
    ]
    assert doc.find_sections("impact")[0].title == "Customer Impact"


def test_extended_catalog_adds_titles() -> None:
    extended = catalog().extended({"impact": ["Customer effect"], "costs": ["Spend"]})
    assert extended.classify("Customer effect") == "impact"
    assert extended.classify("Spend") == "costs"
    assert catalog().classify("Customer effect") is None


# -- exact positions ------------------------------------------------------------------------

CONTAINERS = """\
# Positions

A paragraph with *emphasis*, `code` and a [link](https://example.com)
continued on a second line.

- first item
  continued item text
  - nested item with `code`
    lazy continuation

1. one
10. ten

- 1
1. 1

> quoted text
> > nested quote
> - quoted list item
>   second line of it

> lazy quote
continuation without a marker

| Column | Other column |
|:-------|-------------:|
| cell one | cell *two* |
|   padded   | a\\|b pipe |
| same | same |

\tTabbed code is code.

- **Impact:** after the title
  - nested under a pseudo-heading

- a\ttab inside
"""


def test_every_character_of_every_block_maps_to_the_same_character_in_the_file() -> None:
    doc = parse(CONTAINERS)
    assert assert_positions_exact(doc) > 300


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("first item\ncontinued item text", 6, 3),
        ("nested item with `code`\nlazy continuation", 8, 5),
        ("one", 11, 4),
        ("ten", 12, 5),
        ("quoted text", 17, 3),
        ("nested quote", 18, 5),
        ("quoted list item\nsecond line of it", 19, 5),
        ("lazy quote\ncontinuation without a marker", 22, 3),
        ("cell one", 27, 3),
        ("cell *two*", 27, 14),
        ("padded", 28, 5),
        ("a\\|b pipe", 28, 16),
        ("after the title", 33, 15),
        ("nested under a pseudo-heading", 34, 5),
        ("a\ttab inside", 36, 3),
    ],
)
def test_block_start_positions(text: str, line: int, column: int) -> None:
    doc = parse(CONTAINERS)
    found = [b for b in all_text_blocks(doc) if b.text == text]
    assert found, f"no block {text!r}: {[b.text for b in doc.blocks]}"
    assert found[0].position(0) == (line, column)


def test_ordered_item_text_equal_to_its_marker() -> None:
    doc = parse("1. 1\n2. 2\n")
    assert [(b.text, b.position(0)) for b in doc.blocks] == [("1", (1, 4)), ("2", (2, 4))]


def test_positions_of_second_lines_and_spans() -> None:
    doc = parse(CONTAINERS)
    item = block(doc, "first item\ncontinued item text")
    offset = item.text.index("item text")
    assert item.position(offset) == (7, 13)
    span = item.span(item.text.index("first"), offset + len("item text"))
    assert (span.line, span.column, span.end_line, span.end_column) == (6, 3, 7, 22)
    full = item.full_span()
    assert (full.line, full.column, full.end_line, full.end_column) == (6, 3, 7, 22)
    assert item.first_line == 6 and item.last_line == 7


def test_table_cells_and_link_spans() -> None:
    doc = parse(CONTAINERS)
    table = doc.root.children[0].tables[0]
    assert (table.first_line, table.last_line) == (25, 29)
    assert [c.text for c in table.header] == ["Column", "Other column"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["cell one", "cell *two*"],
        ["padded", "a\\|b pipe"],
        ["same", "same"],
    ]
    assert [c.position(0) for c in table.rows[2]] == [(29, 3), (29, 10)]
    paragraph = block(
        doc,
        "A paragraph with *emphasis*, `code` and a [link](https://example.com)\n"
        "continued on a second line.",
    )
    (link,) = paragraph.links
    assert link.target == "https://example.com" and not link.is_image
    assert (link.span.line, link.span.column) == (3, 50)
    assert char_at(doc, 3, 50) + doc.lines[2][50:68] == "https://example.com"


def test_positions_survive_unicode_and_crlf() -> None:
    text = "# Größe 🎉\n\n- café ✓ `naïve`\n\n> “quoted” text\n"
    for source in (text, text.replace("\n", "\r\n")):
        doc = parse_document("doc.md", decode(source.encode()).text, catalog())
        assert assert_positions_exact(doc) > 20
        assert block(doc, "café ✓ `naïve`").position(0) == (3, 3)


# -- CRLF -----------------------------------------------------------------------------------


def test_crlf_input_gives_the_same_lines_and_columns_as_lf() -> None:
    lf = PSEUDO + "\n" + CONTAINERS

    def shape(doc: Document) -> list[object]:
        sections = [
            (s.title, s.level, s.first_line, s.last_line, s.heading_span) for s in doc.sections()
        ]
        blocks = [(b.kind, b.text, b.lines, b.columns) for b in doc.blocks]
        comments = [(c.text, c.line, c.end_line) for c in doc.comments]
        return [sections, blocks, comments, doc.meta, doc.meta_lines]

    expected = shape(parse(lf))
    decoded = decode(lf.replace("\n", "\r\n").encode()).text
    assert "\r" not in decoded
    assert shape(parse(decoded)) == expected
    assert shape(parse(lf.replace("\n", "\r\n"))) == expected  # the parser alone copes too


# -- masking ----------------------------------------------------------------------------------


def test_prose_masks_code_urls_comments_and_markup_without_moving_offsets() -> None:
    text = (
        "Run `kubectl get pods` now, see https://example.com/TODO?q=1 and\n"
        "<!-- TODO hidden --> the [runbook](docs/TODO.md) or <https://x.example/y>,\n"
        "**bold** and _under_ stay; <span>tag</span> goes, <fill in> stays."
    )
    prose = mask_prose(text)
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(prose) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    for hidden in ("kubectl", "https://example.com/TODO", "TODO hidden", "docs/TODO.md"):
        start = text.index(hidden)
        assert prose[start : start + len(hidden)].strip() == "", hidden
    assert "https://x.example/y" not in prose and "<span>" not in prose
    for kept in ("Run", "now, see", "the [runbook]", "bold", "under", "tag", "<fill in>"):
        assert kept in prose, kept
    assert "*" not in prose and "_under_" not in prose


def test_block_prose_is_masked_text_of_the_same_length() -> None:
    doc = parse("Text with `TODO` and <!-- TBD --> here.\n")
    (item,) = doc.blocks
    assert len(item.prose) == len(item.text)
    assert "TODO" not in item.prose and "TBD" not in item.prose
    assert item.prose.index("here") == item.text.index("here")


def test_task_marker_is_masked() -> None:
    doc = parse("- [x] done\n")
    assert doc.blocks[0].prose.strip() == "done"


# -- front matter -----------------------------------------------------------------------------


def test_yaml_front_matter() -> None:
    doc = parse("---\ntitle: Checkout outage\ndate: 2024-03-11\ntags: [a, b]\n---\n# Heading\n")
    assert doc.meta["title"] == "Checkout outage"
    assert str(doc.meta["date"]) == "2024-03-11"
    assert doc.meta["tags"] == ["a", "b"]
    assert doc.meta_lines == (1, 5)
    assert doc.meta_error is None
    assert outline(doc) == [("Heading", 1, "heading", None)]
    assert not doc.blocks


def test_yaml_front_matter_after_blank_lines_keeps_every_line_number() -> None:
    doc = parse("\n\n---\ntitle: Mail delays\nresolved: true\n---\n\n# Mail delays\n\nQueued.\n")
    assert doc.meta == {"title": "Mail delays", "resolved": True}
    assert doc.meta_lines == (3, 6)
    assert outline(doc) == [("Mail delays", 1, "heading", None)]
    assert [s.first_line for s in doc.sections() if s.level > 0] == [8]
    assert [(b.text, b.first_line) for b in doc.blocks] == [("Queued.", 10)]


def test_front_matter_after_a_note_in_an_html_comment() -> None:
    # where the file was copied from, a licence: a one-line comment before the block
    doc = parse("<!-- copied from team-wiki -->\n---\ntitle: Mail delays\n---\n\nQueued.\n")
    assert doc.meta == {"title": "Mail delays"}
    assert doc.meta_lines == (2, 4)
    assert [(b.text, b.first_line) for b in doc.blocks] == [("Queued.", 6)]
    toml = parse("<!-- SPDX-License-Identifier: CC0-1.0 -->\n+++\ntitle = 'Mail'\n+++\nQueued.\n")
    assert toml.meta == {"title": "Mail"} and toml.meta_lines == (2, 4)
    assert [(b.text, b.first_line) for b in toml.blocks] == [("Queued.", 5)]


def test_front_matter_yaml_refuses_after_a_note_is_still_front_matter() -> None:
    text = (
        "<!-- copied -->\n---\ntitle: Post-mortem: stalls\ncreated_at: Tue Mar 5 2019\n---\nText.\n"
    )
    doc = parse(text)
    assert doc.meta == {} and doc.meta_error is not None and doc.meta_lines == (2, 5)
    assert [b.text for b in doc.blocks] == ["Text."]
    # a block that is not keys and values stays text
    other = parse("<!-- copied -->\n---\ntitle: a: b\n- item\n---\nText.\n")
    assert other.meta_lines is None


@pytest.mark.parametrize(
    "text",
    [
        "\n---\n\nJust a note under a rule.\n",
        "\n---\n\nJust a note between rules.\n\n---\n",
        "\n---\n\n- Just a note in a list\n\n---\n",
    ],
)
def test_rules_after_blank_lines_around_no_mapping_are_no_front_matter(text: str) -> None:
    doc = parse(text)
    assert doc.meta == {} and doc.meta_lines is None and doc.meta_error is None
    assert len(doc.blocks) == 1 and doc.blocks[0].text.startswith("Just a note")


def test_empty_yaml_front_matter() -> None:
    doc = parse("---\n---\n# Heading\n")
    assert doc.meta == {} and doc.meta_error is None and doc.meta_lines == (1, 2)


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("title: x\nlist: [a, b\nnext: 1\n", 4, "invalid YAML"),
        ("title: x\nkey: value: other\n", 3, "invalid YAML"),
        ("\tbad: indentation\n", 2, "invalid YAML"),
    ],
)
def test_malformed_yaml_front_matter_is_recorded_with_a_line(
    front: str, line: int, words: str
) -> None:
    doc = parse(f"---\n{front}---\n# Heading\n\nBody text.\n")
    assert doc.meta == {}
    assert doc.meta_error is not None
    assert doc.meta_error[0] == line
    assert words in doc.meta_error[1]
    assert doc.meta_lines is not None and doc.meta_lines[0] <= line <= doc.meta_lines[1]
    assert [b.text for b in doc.blocks] == ["Body text."]  # the rest is still parsed


@pytest.mark.parametrize("front", ["- a\n- b\n", "just a sentence\n", "42\n"])
def test_front_matter_that_is_not_a_mapping(front: str) -> None:
    doc = parse(f"---\n{front}---\n# Heading\n")
    assert doc.meta == {}
    assert doc.meta_error == (1, "front matter is not a mapping of keys to values")


def test_toml_front_matter() -> None:
    doc = parse('+++\ntitle = "Checkout outage"\n[extra]\nseverity = 2\n+++\n# Heading\n\nText.\n')
    assert doc.meta == {"title": "Checkout outage", "extra": {"severity": 2}}
    assert doc.meta_lines == (1, 5)
    assert doc.meta_error is None
    assert outline(doc) == [("Heading", 1, "heading", None)]
    assert block(doc, "Text.").position(0) == (8, 1)


def test_malformed_toml_front_matter() -> None:
    doc = parse('+++\ntitle = "unclosed\n+++\n# Heading\n')
    assert doc.meta == {}
    assert doc.meta_error is not None and doc.meta_error[0] == 1
    assert "TOML" in doc.meta_error[1]
    assert outline(doc) == [("Heading", 1, "heading", None)]


def test_front_matter_only_on_the_first_line() -> None:
    doc = parse("# Heading\n\n---\ntitle: [broken\n---\n")
    assert doc.meta == {} and doc.meta_lines is None and doc.meta_error is None


def test_title_falls_back_to_front_matter_then_bold_first_line() -> None:
    assert parse("---\ntitle: From meta\n---\ntext\n").title == "From meta"
    assert parse("**Bold title**\n\ntext\n").title == "Bold title"
    assert parse("plain text\n").title is None


# -- lists, code, comments ----------------------------------------------------------------------


def test_task_list_state_and_depth() -> None:
    doc = parse(
        "# Action items\n\n- [ ] open task\n- [x] done task\n- [X] done, capital\n"
        "- plain item\n  - [ ] nested open\n- [ ]\n"
    )
    items = {b.text: b.list_item for b in doc.blocks}
    assert items["[ ] open task"].checked is False
    assert items["[x] done task"].checked is True
    assert items["[X] done, capital"].checked is True
    assert items["plain item"].checked is None
    nested = items["[ ] nested open"]
    assert nested.checked is False and nested.depth == 1
    assert nested.parent is items["plain item"]
    assert items["plain item"].children == [nested]
    section_items = section(doc, "Action items").list_items
    assert [i.checked for i in section_items] == [False, True, True, None, False]
    assert [i.first_line for i in section_items] == [3, 4, 5, 6, 8]


CODE = """\
# Resolution

```console
$ kubectl rollout undo deploy/checkout
TODO in a fence
```

    indented code block
    with two lines

- a list item

  ```yaml
  key: value
  ```

> ```
> quoted fence
> ```

~~~
tilde fence
~~~
"""


def test_code_is_never_a_text_block() -> None:
    doc = parse(CODE)
    assert [b.text for b in doc.blocks] == ["a list item"]
    assert [(c.first_line, c.last_line, c.info) for c in doc.code_blocks] == [
        (3, 6, "console"),
        (8, 9, ""),
        (13, 15, "yaml"),
        (17, 19, ""),
        (21, 23, ""),
    ]
    assert doc.code_blocks[0].text == "$ kubectl rollout undo deploy/checkout\nTODO in a fence\n"
    assert section(doc, "Resolution").code_blocks == doc.code_blocks


def test_html_comments_are_collected_with_their_lines() -> None:
    doc = parse(
        "<!-- first -->\n# Title <!-- in a heading -->\n\n"
        "Text <!-- trailing --> more.\n\n"
        "<!--\nmulti\nline\n-->\n\n"
        "- item <!-- in a list -->\n\n"
        "> quote\n> <!-- in a quote, second line -->\n\n"
        "`<!-- in inline code -->` is not a comment.\n\n"
        "```\n<!-- in a fence -->\n```\n\n"
        "- **Impact:** text <!-- after a list pseudo-heading -->\n  - nested\n"
    )
    found = [(c.text.strip(), c.line, c.end_line, c.trailing) for c in doc.comments]
    assert sorted(found, key=lambda c: c[1]) == [
        ("first", 1, 1, False),
        ("in a heading", 2, 2, True),
        ("trailing", 4, 4, True),
        ("multi\nline", 6, 9, False),
        ("in a list", 11, 11, True),
        ("in a quote, second line", 14, 14, False),
        ("after a list pseudo-heading", 22, 22, True),  # once, not once per block
    ]


def test_sections_walk_in_document_order() -> None:
    nested = "".join(f"{'  ' * i}- **Level {i}:**\n" for i in range(8)) + "  " * 8 + "- leaf\n"
    doc = parse(nested)
    assert [(s.title, s.level) for s in doc.sections() if s.level] == [
        (f"Level {i}", i + 1) for i in range(8)
    ]
    assert [s.title for s in doc.find_sections("impact")] == []
    flat = "\n".join(f"## Section {i}\n\ntext {i}\n" for i in range(3000))
    assert [s.title for s in parse(flat).sections()][1:4] == ["Section 0", "Section 1", "Section 2"]


def test_a_lone_top_heading_that_opens_the_document_is_its_title_not_a_section() -> None:
    # "Action items" in a product's name does not make the title the action items section
    doc = parse("# Action Items Service outage\n\nLead.\n\n## Summary\n\nText.\n")
    assert section(doc, "Action Items Service outage").canonical is None


def test_a_lone_top_heading_after_other_sections_stays_a_section() -> None:
    # written as "## Summary ... # Impact ... ## Root causes": the "# Impact" is no title
    doc = parse("## Summary\n\nText.\n\n# Impact\n\nUsers failed.\n\n## Root causes\n\nA bug.\n")
    assert section(doc, "Impact").canonical is not None


def test_a_lone_top_heading_that_is_a_section_name_stays_a_section() -> None:
    # no title: the document opens on its "# Root Cause Analysis" and the questions under it
    doc = parse("Some lead text.\n\n# Root Cause Analysis\n\n## What happened?\n\nA bug.\n")
    assert section(doc, "Root Cause Analysis").canonical is not None
