"""Check kinds about the file as text: damaged encoding, and links to files that do not exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import ftfy
from ftfy import badness

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document, TextBlock

_RUN = re.compile(r"\S+")


class Mojibake(CheckKind):
    kind = "mojibake"
    description = "Reports text damaged by decoding UTF-8 as cp1252/latin-1, with the repair."
    options = ()
    fields = ("match", "repaired", "repair_note")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in _text_blocks(doc):
            if block.prose.isascii() or not badness.is_bad(block.prose):
                continue
            for run in _RUN.finditer(block.prose):
                word = block.text[run.start() : run.end()]
                if not badness.is_bad(word):
                    continue
                repaired = ftfy.fix_encoding(word)
                fixed = repaired != word and not badness.is_bad(repaired)
                yield finding(
                    block.span(run.start(), run.end()),
                    match=word,
                    repaired=repaired if fixed else "",
                    repair_note=(
                        f"Replace it with '{repaired}'."
                        if fixed
                        else "It cannot be repaired automatically (bytes were lost); "
                        "retype the intended characters."
                    ),
                )


def _text_blocks(doc: Document) -> Iterator[TextBlock]:
    yield from doc.blocks
    for section in doc.sections():
        if section.heading_block is not None:
            yield section.heading_block


class BrokenReference(CheckKind):
    kind = "broken-reference"
    description = "Reports local link and image targets that do not exist, relative to the file."
    options = (Option("images_only", "bool", False, "Check image targets only, not links."),)
    fields = ("target", "kind")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in _text_blocks(doc):
            for link in block.links:
                if self.opts["images_only"] and not link.is_image:
                    continue
                local = local_target(link.target)
                if local is None or ctx.file_exists(local):
                    continue
                yield finding(link.span, target=local, kind="image" if link.is_image else "link")


def local_target(target: str) -> str | None:
    """The file path a link points to, or None for URLs, anchors, and mail/tel links."""
    target = target.strip()
    if not target or target.startswith(("#", "//")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    return path or None
