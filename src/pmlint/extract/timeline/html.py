"""HTML written in a Markdown postmortem ("<p><b>Initial Announcement, November 15,
3:00pm:</b><br> Starting around noon ..."), as status pages keep their notices: its text, with
the tags blanked out in place, as a text block of its section, so that its times are read as
any other's. Only the timeline facts read it; the checks keep to the Markdown."""

from __future__ import annotations

import re

from pmlint.document import CodeBlock, Document, TextBlock

# A tag or an entity, blanked to spaces of the same length (offsets stay the file's). A line
# break tag is a line's end for the entries, as "<br>" is in a table cell.
_TAG = re.compile(r"<[^<>\n]{0,200}>|&[a-z]{2,8};|&#\d{1,5};", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</div>", re.IGNORECASE)
# A feed's own dates, with the elements that hold them ("<lastBuildDate>Thu, 09 Apr 2026
# 14:26:36 GMT</lastBuildDate>", "<pubDate>", Atom's "<updated>"): when the feed or the post
# was written, no time of the incident; blanked with their tags.
_FEED_DATE = re.compile(
    r"<(lastBuildDate|pubDate|updated|published|dc:date)>[^<\n]{0,80}</\1>", re.IGNORECASE
)


def html_texts(doc: Document) -> list[TextBlock]:
    """Each HTML block of the document as a text block of its section (tags blanked)."""
    found: list[TextBlock] = []
    for section in doc.sections():
        for html in section.html_blocks:
            block = _text_of(html)
            if block is not None:
                block.section = section
                found.append(block)
    return found


def _text_of(html: CodeBlock) -> TextBlock | None:
    text = html.text.rstrip("\n")
    if not text.strip():
        return None
    if "Date>" in text or "ed>" in text or "date>" in text:
        text = _FEED_DATE.sub(lambda m: " " * len(m.group(0)), text)
    prose = _TAG.sub(
        lambda m: (
            "\n" + " " * (len(m.group(0)) - 1)
            if _BREAK.fullmatch(m.group(0))
            else " " * len(m.group(0))
        ),
        text,
    )
    if not prose.strip():
        return None
    starts, lines, columns = [], [], []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        starts.append(offset)
        lines.append(html.first_line + index)
        columns.append(1)
        offset += len(line) + 1
    return TextBlock("paragraph", prose, prose, starts, lines, columns)
