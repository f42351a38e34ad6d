"""Blank out what is not prose (code, HTML, URLs, emphasis markers) without moving any offset."""

from __future__ import annotations

import re

# Each pattern is linear: no nested quantifiers over overlapping classes. HTML comments
# are found by `comment_spans`, not by `<!--.*?-->`: after an unclosed `<!--` that regex
# retries every later `<!--` against the whole rest of the text (quadratic).
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s@]+>")
# Only real HTML elements: a template prompt such as `<fill in the date>` stays visible.
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|br|center|cite|code|dd|del|details|div|dl|dt|em|figcaption"
    r"|figure|font|h[1-6]|hr|i|iframe|img|ins|kbd|li|mark|ol|p|picture|pre|q|s|samp|small|source"
    r"|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul|var|video)"
    r"(?:\s[^<>\n]*)?/?>",
    re.IGNORECASE,
)
# One level of balanced parentheses, as in `Foo_(bar)` (and no `[^)]*` that rescans the
# rest of a line for every `](` on it).
_LINK_DEST = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LABEL = re.compile(r"\]\[[^\]\n]*\]")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>]+")
# A tilde before a figure ("~1hr", "~40 mins") is the sign for "about", not strikethrough: it
# stays, or "for ~1hr" would read "for  1hr" and the amount lose the words before it.
#
# Written to open with its character, so that the regex engine skips to the next `*`, `_`
# or `~` instead of trying a look-behind at every character (8 times faster on real text);
# it matches where `(?<![0-9A-Za-z])(?!~\d)[*_~]+|[*_~]+(?![0-9A-Za-z])` does, the same
# characters (a run after no letter or digit, not a tilde before a figure; or a run before
# no letter or digit): the look-behind, read after the first character, sees the one before.
_EMPHASIS = re.compile(r"[*_~](?:(?<![0-9A-Za-z][*_~])(?!(?<=~)\d)[*_~]*|[*_~]*(?![0-9A-Za-z]))")
_TASK_MARKER = re.compile(r"^\[[ xX]\]\s")
_BACKTICKS = re.compile(r"`+")


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `<!-- ... -->`, as `re.finditer(r"<!--.*?-->", text, re.S)`
    finds them, in linear time: an opener with no closer after it ends the search."""
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start >= 0:
        close = text.find("-->", start + 4)
        if close < 0:
            break
        spans.append((start, close + 3))
        start = text.find("<!--", close + 3)
    return spans


def remove_comments(text: str, replacement: str = " ") -> str:
    """`text` with each HTML comment replaced by `replacement`."""
    spans = comment_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    cursor = 0
    for start, end in spans:
        parts += [text[cursor:start], replacement]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def code_span_ranges(text: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a backtick run closed by a run of the same length."""
    if "`" not in text:
        return []
    ranges: list[tuple[int, int]] = []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    next_same: dict[int, int] = {}  # run index -> index of the next run of equal length
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length in last_of_length:
            next_same[index] = last_of_length[length]
        last_of_length[length] = index
    used_until = -1
    for index, (start, _end) in enumerate(runs):
        if start < used_until or index not in next_same:
            continue
        closing_end = runs[next_same[index]][1]
        ranges.append((start, closing_end))
        used_until = closing_end
    return ranges


def mask_prose(text: str) -> str:
    """`text` with code spans, HTML comments and tags, autolinks, bare URLs, link
    destinations and reference labels, emphasis markers and a leading task marker blanked
    (line breaks kept). Each kind is looked for only where its first character is in the
    text: most blocks have none of them, and are returned as they are."""
    spans: list[tuple[int, int]] = code_span_ranges(text)  # [] without a backtick
    if "<" in text:
        spans += comment_spans(text)
        for pattern in (_AUTOLINK, _HTML_TAG):
            spans += [match.span() for match in pattern.finditer(text)]
    if "://" in text:
        spans += [match.span() for match in _BARE_URL.finditer(text)]
    if "]" in text:  # keep `](` and `)` so links stay recognisable
        for pattern in (_LINK_DEST, _REF_LABEL):
            spans += [(match.start() + 2, match.end() - 1) for match in pattern.finditer(text)]
    masked = text
    if spans:
        chars = list(text)
        for start, end in spans:
            _blank(chars, start, end)
        masked = "".join(chars)
    if "*" in masked or "_" in masked or "~" in masked:
        masked = _EMPHASIS.sub(_spaces, masked)
    if masked.startswith("["):
        masked = _TASK_MARKER.sub(_spaces, masked)
    return masked


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def strip_markup(text: str) -> str:
    """Plain title text: comments and emphasis removed, whitespace collapsed."""
    text = remove_comments(text)
    text = text.replace("`", "")
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())
