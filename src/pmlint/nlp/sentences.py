"""Sentences of a document's prose, each mapped back to exact file lines and columns.

Splitting is rule-based (no model): it runs on every prose block, so it must be cheap.
`Sentence.text` is what the parser sees: the block's masked prose (code, URLs and
markup blanked) with code spans replaced by a placeholder word and newlines by spaces,
always the same length as the source it came from, so an offset in it is an offset in
`TextBlock.text` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmlint.diagnostics import Span
from pmlint.document import Document, TextBlock
from pmlint.masking import code_span_ranges

_ABBREVIATIONS = frozenset(
    ("e.g", "i.e", "etc", "vs", "cf", "approx", "est", "dr", "mr", "mrs", "ms", "prof", "st")
) | frozenset(("no", "fig", "al", "inc", "ltd", "jr", "sr", "u.s"))
# A sentence ends at ., ! or ? (with closing quotes or brackets) before whitespace, at a
# Markdown hard line break, and at a blank line. The lookbehinds start a match only at the
# start of a run of marks or spaces, where it would start anyway: without them a long run
# is rescanned from each of its characters (quadratic). Each alternative opens with its
# first character and looks behind after it (the mark or space before it is no mark or
# space), so that re skips to the few places a mark, a space, a backslash or a line break
# opens: three times faster than a lookbehind tried at every character, the same matches.
_END = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*[\"'”’)\]]*(?=\s)| (?<!  ) +\n|\\\n|\n\s*\n")
# A time (and date) opening a timeline entry: "10:02 UTC:", "[03-26 07:16]", "2019-12-04
# 00:30 -", "9:40 AM". The parser reads it as a subject ("UTC forgot"), so it is blanked.
TIMESTAMP = re.compile(
    r"(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,?"
    r"(?: \d{4})?)[ T,]+(?:at )?)?\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\.?)?\b"
    r"|\d{1,2}\s?[ap]\.?m\.?\b",
    re.IGNORECASE,
)
# The zone after the time is upper case ("PST", "CEST", "UTC"): under IGNORECASE a
# two-to-four letter word would take the entry's first word with it ("10:05 Dave broke").
_STAMP_PREFIX = re.compile(
    rf"^\W{{0,3}}(?:{TIMESTAMP.pattern})"
    r"(?:\s*\(?(?:UTC|GMT|Z\b|(?-i:[A-Z]{1,4}T|MSK)\b)\)?)?\]?\s*[:|–—-]?",
    re.IGNORECASE,
)
# `[text]`, `[text]( )` (the masking blanked the target, and a bare URL may take the
# closing parenthesis with it), `[text][ ]`: keep the text only.
_BRACKETS = re.compile(r"\[([^\[\]\n]*)\](?:\( *\)?|\[ *\])?")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])([A-Za-z.]+)\.$")
_LONGEST_ABBREVIATION = 8  # characters looked at before a period (longer words: not one)


@dataclass(frozen=True, slots=True, eq=False)
class Sentence:
    """A sentence of one text block: offsets into `block.text`, and the text to parse."""

    block: TextBlock
    start: int
    end: int
    text: str

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """File span of `text[start:end]` (offsets relative to this sentence)."""
        stop = len(self.text) if end is None else end
        return self.block.span(self.start + start, self.start + stop)

    @property
    def source(self) -> str:
        """The sentence as written in the file (markup included)."""
        return self.block.text[self.start : self.end]


def starts_with_time(block: TextBlock) -> bool:
    """A block that opens with a time ("14:02 UTC: ...", "[03-26 07:16] ..."): a timeline
    entry, wherever it is."""
    return _STAMP_PREFIX.match(block.prose.lstrip()) is not None


def parse_text(block: TextBlock) -> str:
    """The block's prose as the parser should see it, offset for offset.

    Code spans become the word `code` (or `x`) padded with spaces, so "we restarted the
    `api` pods" still has a noun where the code was; link brackets become spaces, and a
    time that opens a timeline entry is blanked.
    """
    chars = list(block.prose)
    for start, end in code_span_ranges(block.text):
        if block.prose[start:end].strip():
            continue  # not blanked by the masking: not a code span there
        word = "code" if end - start >= 4 else "x"
        chars[start : start + len(word)] = word
    text = "".join(chars)
    stamp = _STAMP_PREFIX.match(text)
    if stamp is not None:
        text = " " * stamp.end() + text[stamp.end() :]
    text = _BRACKETS.sub(
        lambda m: " " + m.group(1) + " " * (len(m.group()) - 1 - len(m.group(1))), text
    )
    return text.replace("\n", " ")


def split(block: TextBlock) -> list[Sentence]:
    """The sentences of one prose block (empty ones dropped)."""
    text = parse_text(block)
    prose = block.prose
    sentences: list[Sentence] = []
    begin = 0
    for match in _END.finditer(prose):
        cut = match.end()
        window = prose[max(0, match.start() - _LONGEST_ABBREVIATION) : match.start() + 1]
        if prose[match.start()] == "." and _abbreviation(window):
            continue
        _append(sentences, block, text, begin, cut)
        begin = cut
    _append(sentences, block, text, begin, len(prose))
    return sentences


def _abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append(out: list[Sentence], block: TextBlock, text: str, start: int, end: int) -> None:
    # `strip` drops what `isspace` calls white space, as a loop over the characters would
    piece = text[start:end]
    kept = piece.lstrip()
    start += len(piece) - len(kept)
    kept = kept.rstrip()
    end = start + len(kept)
    if _ASCII_LETTER.search(kept) is not None if kept.isascii() else any(c.isalpha() for c in kept):
        out.append(Sentence(block, start, end, kept))


_ASCII_LETTER = re.compile("[A-Za-z]")  # in ASCII text, what `str.isalpha` finds


def document_sentences(doc: Document) -> list[Sentence]:
    """Every prose sentence of the document (headings and code excluded), computed once."""
    return doc.memo("nlp.sentences", lambda: [s for block in doc.blocks for s in split(block)])


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z0-9]+(?![A-Za-z])")


def code_words(doc: Document) -> frozenset[str]:
    """Lower-case words the document writes as code, in URLs or in link targets.

    Names of things: a capitalised word that the model takes for a person ("Binder
    was failing") is a thing when the document also writes it this way (`binder`).
    """
    return doc.memo("nlp.code_words", lambda: _code_words(doc))


def _code_words(doc: Document) -> frozenset[str]:
    words: set[str] = set()
    for block in doc.blocks:
        if block.text != block.prose:  # most blocks mask nothing: no code, no URL
            hidden = "".join(
                t if p != t else " " for t, p in zip(block.text, block.prose, strict=True)
            )
            words.update(_LOWER_WORD.findall(hidden))
        for link in block.links:
            words.update(_LOWER_WORD.findall(link.target))
    for code in doc.code_blocks:
        words.update(_LOWER_WORD.findall(code.text))
    return frozenset(words)
