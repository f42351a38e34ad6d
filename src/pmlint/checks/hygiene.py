"""Check kinds about the file as text: damaged encoding, and links to files that do not exist."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import unquote, urlsplit

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Applicability, Edit, Finding, Fix
from pmlint.document import Document, TextBlock

_RUN = re.compile(r"\S+")


class Mojibake(CheckKind):
    kind = "mojibake"
    description = "Reports text damaged by decoding UTF-8 as cp1252/latin-1, with the repair."
    options = ()
    fields = ("match", "repaired", "repair_note")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in _text_blocks(doc):
            if block.prose.isascii():
                continue
            import ftfy  # 0.04 s to import: only for text that is not all ASCII
            from ftfy import badness

            if not badness.is_bad(block.prose):
                continue
            for run in _RUN.finditer(block.prose):
                word = block.text[run.start() : run.end()]
                if not badness.is_bad(word):
                    continue
                explained = ftfy.fix_encoding_and_explain(word)
                repaired = explained.text
                fixed = repaired != word and not badness.is_bad(repaired)
                span = block.span(run.start(), run.end())
                repair = (
                    Fix(
                        f"Replace '{word}' with '{repaired}'",
                        (Edit(span, repaired),),
                        _applicability(word, repaired, explained.explanation or []),
                    )
                    if fixed
                    else None
                )
                yield finding(
                    span,
                    fix=repair,
                    match=word,
                    repaired=repaired if fixed else "",
                    repair_note=(
                        f"Replace it with '{repaired}'."
                        if fixed
                        else "It cannot be repaired automatically (bytes were lost); "
                        "retype the intended characters."
                    ),
                )


def _applicability(word: str, repaired: str, steps: Sequence[tuple[str, str]]) -> Applicability:
    """Safe when ftfy only re-decoded (once, or twice for double damage) and doing the
    damage again to the repair gives back exactly what is written: nothing was guessed.
    Its other repairs (restoring a lost byte, a lossy sequence) are guesses: unsafe."""
    pairs = list(zip(steps[::2], steps[1::2], strict=False))
    if (
        not pairs
        or len(steps) % 2
        or any(encode[0] != "encode" or decode != ("decode", "utf-8") for encode, decode in pairs)
    ):
        return Applicability.UNSAFE
    damaged = repaired
    try:
        for (_, codec), _decode in reversed(pairs):
            damaged = damaged.encode("utf-8").decode(codec)
    except (UnicodeError, LookupError):
        return Applicability.UNSAFE
    return Applicability.SAFE if damaged == word else Applicability.UNSAFE


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
