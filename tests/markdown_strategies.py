"""Hypothesis strategies for postmortem-like Markdown: every construct pmlint reads, and odd
input around it (random Unicode, control characters, mixed line endings, invalid UTF-8).

A document is a list of top-level blocks joined by blank lines (sometimes by a single
newline, so that lazy continuations and setext underlines happen too). The words come from
small hand-written lists: enough to reach every rule (times, figures, blame, action items,
placeholders, links) without copying any real postmortem.
"""

from __future__ import annotations

import codecs

from hypothesis import strategies as st

TITLES = (
    "Summary", "Impact", "Customer impact", "Timeline", "Timeline (UTC)", "Root cause",
    "Contributing factors", "Resolution", "Recovery", "Action items", "Follow-ups",
    "Lessons learned", "What went well", "Detection", "Background", "Incident title",
    "Improvements/Fixes", "Prevention", "Monitoring", "Notes", "",
)  # fmt: skip
WORDS = (
    "the", "a", "engineer", "on-call", "team", "we", "they", "she", "Dave", "Priya", "@dana",
    "dana@example.com", "forgot", "failed", "ignored", "carelessly", "mistakenly", "caused",
    "broke", "deleted", "the production database", "should have", "could have caught",
    "obviously", "if only", "why didn't", "human error", "alert", "fired", "paged",
    "detected", "noticed", "rolled back", "mitigated", "resolved", "all clear", "outage",
    "latency", "some users", "a few customers", "significant number of requests", "12%",
    "1,200 orders", "$40k", "500 ms", "p99", "for 38 minutes", "lasted 2 hours",
    "duration: 45 min", "TODO", "TBD", "FIXME", "XXX", "???", "lorem ipsum", "<fill in>",
    "[insert date]", "{{service}}", "donâ€™t", "ðŸŽ‰", "Improve monitoring", "Look into",
    "investigate", "Be more careful", "Consider", "owner:", "Owner: @dana", "due 2024-06-30",
    "by Q3 2024", "OPS-123", "#42", "b/12345", "All times UTC.", "times are in PST",
    "and", "then", "because", "was", "not", ".", ",", ";", ":", "!", "?", "(", ")", "—",
)  # fmt: skip
STAMPS = (
    "10:02", "10:02 UTC", "9:40 AM", "9 pm", "14:32Z", "23:59:59", "00:00", "10:00 +02:00",
    "10:00 (PST)", "09:30–10:15 CET", "2024-03-11", "2024-03-11 10:02", "2024-03-11T10:02:33Z",
    "2024-03-11T10:02:33.123+05:30", "March 11, 2024", "Mon, March 11, 2024 at 9:40 PM",
    "11 March 2024", "11th of Mar. 2024", "3/11/2024", "13/11/24", "25:61", "24:00",
    "2024-13-45", "99/99/9999", "1/1/1/1/1", "12:12:12:12", "Europe/Berlin", "UTC+14",
    "UTC-99", "1h50m", "an hour", "half an hour",
)  # fmt: skip
INLINE = (
    "`code`", "``a ` b``", "`unclosed", "**bold**", "__bold__", "*em*", "_em_", "~~gone~~",
    "***", "[link](docs/runbook.md)", "[wiki](https://example.com/Foo_(bar))", "[x](<a b>)",
    "![graph](graphs/missing.png)", "![](insert_image_here.png)", "[ref][r1]", "[r1]",
    "<https://example.com/a>", "<dana@example.com>", "https://example.com/issues/12",
    "<span>x</span>", "<br/>", "<fill in the date>", "<!-- a comment -->", "<!-- unclosed",
    "-->", "\\|", "\\*", "&amp;", "&#x27;", "&bogus;", "[", "]", "](", "<!--", "|",
)  # fmt: skip
DIRECTIVE_VERBS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")
SELECTORS = (
    "", "PM003", "PM001 PM002", "placeholder-text", "structure", "PM1", "PM4,PM5", "PM301",
    "blame-language", "language", "PM999", "bogus", "pm003", "PM", "PM003 -- reason given",
)  # fmt: skip
# Unicode that moves offsets if anything counts in bytes or UTF-16: combining marks,
# astral characters, right-to-left text, zero-width and line-separator characters.
ODD_TEXT = (
    "é", "e\u0301", "ß", "Ω", "日本語", "한국어", "مرحبا", "עברית", "😀", "👩‍💻", "🇩🇪", "\u200b",
    "\u200d", "\ufeff", "\u2028", "\u2029", "\u00a0", "\u3000", "\ufffd", "𝔘𝔫𝔦", "\U0010ffff",
)  # fmt: skip
CONTROL = (*(chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127, 0x85)), "\t")

# NUL makes a file binary (refused before parsing; tested on its own), so it is left out.
_any_char = st.characters(codec="utf-8", exclude_characters="\x00")
random_text = st.text(_any_char, max_size=24)


_piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(STAMPS),
    st.sampled_from(INLINE),
    st.sampled_from(ODD_TEXT),
    st.sampled_from(CONTROL),
    random_text,
    st.builds(
        "<!-- pmlint-{} {} -->".format,
        st.sampled_from(DIRECTIVE_VERBS),
        st.sampled_from(SELECTORS),
    ),
)
_separator = st.sampled_from((" ", " ", " ", "", "  ", "\t"))


@st.composite
def line_text(draw: st.DrawFn, max_pieces: int = 8) -> str:
    pieces = draw(st.lists(_piece, max_size=max_pieces))
    return draw(_separator).join(pieces).replace("\n", " ")


@st.composite
def heading(draw: st.DrawFn) -> str:
    title = draw(st.one_of(st.sampled_from(TITLES), line_text(max_pieces=3)))
    style = draw(st.sampled_from(("atx", "atx", "closed", "setext", "pseudo", "pseudo-item")))
    if style == "atx":
        return "#" * draw(st.integers(1, 7)) + draw(st.sampled_from((" ", "  ", ""))) + title
    if style == "closed":
        return f"## {title} ##"
    if style == "setext":
        return title + "\n" + draw(st.sampled_from(("=", "-"))) * draw(st.integers(1, 5))
    if style == "pseudo":
        form = draw(st.sampled_from(("**{}:**", "**{}**:", "__{}:__", "**{}:** <!-- hint -->")))
        rest = draw(st.sampled_from(("", "\n" + draw(line_text()))))
        return form.format(title) + rest
    return f"- **{title}:**\n  - {draw(line_text())}\n  - {draw(line_text())}"


@st.composite
def action_line(draw: st.DrawFn) -> str:
    verb = draw(st.sampled_from(("Add", "Improve", "Look into", "Fix", "Be more careful with")))
    thing = draw(st.sampled_from(("monitoring", "the pool size", "alerts on p99 > 500 ms", "")))
    notes = draw(
        st.lists(
            st.sampled_from(
                (
                    "(owner: @dana)", "(Dana Lee, 2024-06-30)", "— Payments team", "OPS-12",
                    "[#12](https://github.com/o/r/issues/12)", "due Q3 2024", "Owner: TBD",
                    "(TBD)", "| Prevent | @sam | DONE", "@team", "by end of next sprint",
                )
            ),
            max_size=3,
        )
    )  # fmt: skip
    return " ".join([verb, thing, *notes])


@st.composite
def list_block(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = " " * draw(st.sampled_from((0, 0, 2, 3, 4, 6, 8, 12)))
        marker = draw(st.sampled_from(("-", "*", "+", "1.", "2)", "- [ ]", "- [x]", "* [X]")))
        text = draw(st.one_of(action_line(), line_text(), st.sampled_from(STAMPS)))
        lines.append(f"{indent}{marker} {text}")
    return "\n".join(lines)


@st.composite
def table_block(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    header = draw(
        st.lists(
            st.sampled_from(("Time", "Time (UTC)", "Event", "Action", "Owner", "Due", "Ticket")),
            min_size=columns,
            max_size=columns,
        )
    )
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * columns]
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(
            st.lists(
                st.one_of(st.sampled_from(STAMPS), line_text(max_pieces=3), action_line()),
                max_size=columns + 1,
            )
        )
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(("yaml", "yaml", "toml", "broken")))
    if kind == "toml":
        return f'+++\ntitle = "{draw(st.sampled_from(TITLES))}"\ndate = 2024-03-11\n+++'
    entries = draw(
        st.lists(
            st.sampled_from(
                (
                    "title: Checkout outage", "date: 2024-03-11", "timezone: UTC",
                    "timezone: Mars/Olympus", "start: 2024-03-11 10:02", "resolved: 10:41",
                    "detected: 2024-03-11T10:05:00Z", "authors: [dana, sam]", "severity: SEV2",
                    "tags: [a, [b, [c]]]", "- a list", "key: [unclosed", "  bad: indent",
                    "x: &a [1]\ny: *a", "obj: !!python/object:os.system 'x'", "date: 99/99/99",
                )
            ),
            max_size=5,
        )
    )  # fmt: skip
    body = "\n".join(entries)
    return f"---\n{body}\n---" if kind != "broken" else f"---\n{body}"


@st.composite
def other_block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ("fence", "fence-open", "indented", "quote", "comment", "comment-open", "html",
             "rule", "refdef", "random", "directive")
        )
    )  # fmt: skip
    if kind == "fence":
        fence = draw(st.sampled_from(("```", "~~~", "````")))
        return f"{fence}{draw(st.sampled_from(('', 'text', 'yaml')))}\n{draw(line_text())}\n{fence}"
    if kind == "fence-open":
        return f"```\n{draw(line_text())}"
    if kind == "indented":
        return "    " + draw(line_text())
    if kind == "quote":
        return draw(st.sampled_from(("> ", ">> ", "> - "))) + draw(line_text())
    if kind == "comment":
        return f"<!--\n{draw(line_text())}\n-->"
    if kind == "comment-open":
        return "<!-- " + draw(line_text())
    if kind == "html":
        return f"<div>\n{draw(line_text())}\n</div>"
    if kind == "rule":
        return draw(st.sampled_from(("---", "***", "___", "- - -")))
    if kind == "refdef":
        return draw(st.sampled_from(("[r1]: https://example.com/r1", "[r1]: <docs/x.md>")))
    if kind == "directive":
        verb, selectors = draw(st.sampled_from(DIRECTIVE_VERBS)), draw(st.sampled_from(SELECTORS))
        return f"<!-- pmlint-{verb} {selectors} -->"
    return draw(random_text)


block = st.one_of(
    heading(),
    heading(),
    st.lists(line_text(), min_size=1, max_size=4).map("\n".join),
    st.lists(line_text(), min_size=1, max_size=4).map("\n".join),
    list_block(),
    table_block(),
    other_block(),
)


@st.composite
def markdown(draw: st.DrawFn, max_blocks: int = 14) -> str:
    """A document, LF line endings."""
    blocks = draw(st.lists(block, max_size=max_blocks))
    if draw(st.booleans()):
        blocks.insert(0, draw(front_matter()))
    text = ""
    for index, part in enumerate(blocks):
        text += part
        if index < len(blocks) - 1:
            text += draw(st.sampled_from(("\n\n", "\n\n", "\n\n", "\n", "\n\n\n")))
    return text + draw(st.sampled_from(("\n", "", "\n\n")))


@st.composite
def markdown_bytes(draw: st.DrawFn) -> bytes:
    """A document as a file holds it: mixed line endings, a BOM, now and then invalid UTF-8."""
    text = draw(markdown())
    endings = draw(st.sampled_from(("\n", "\r\n", "\r", "mixed")))
    if endings == "mixed":
        parts = text.split("\n")
        chosen = draw(st.lists(st.sampled_from(("\n", "\r\n", "\r")), min_size=len(parts)))
        text = "".join(p + e for p, e in zip(parts, chosen, strict=False))[: len(text) + 1]
    elif endings != "\n":
        text = text.replace("\n", endings)
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = codecs.BOM_UTF8 + data
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at]
            + draw(st.sampled_from((b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80")))
            + data[at:]
        )
    return data
