"""Check kinds for what a published postmortem must not contain: credentials, personal data,
and (off by default) the names of individuals outside the timeline.

Findings of these kinds say what was found, never the value: the engine masks their spans in
the source lines every output format quotes (see `diagnostics.masked_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding, Span
from pmlint.document import Document, TextBlock
from pmlint.extract.sensitive import (
    PERSONAL_HINTS,
    candidate_lines,
    find_personal_data,
    find_secrets,
)
from pmlint.nlp import ensure_entities


def _span(line_index: int, start: int, end: int) -> Span:
    return Span(line_index + 1, start + 1, line_index + 1, end + 1)


class SecretInDocument(CheckKind):
    kind = "secret"
    description = (
        "Reports credentials and keys anywhere in the file (code blocks and tables too), "
        "found by detect-secrets' plugins; the value is never shown."
    )
    fields = ("secret_type",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for index, hit in find_secrets(doc.lines, doc.path or "document.md"):
            yield finding(_span(index, hit.start, hit.end), secret_type=hit.kind)


class PersonalData(CheckKind):
    kind = "personal-data"
    description = (
        "Reports e-mail addresses, phone numbers, public IP addresses and payment card numbers "
        "(Luhn-checked); documentation ranges and domains are allowed."
    )
    options = (
        Option(
            "kinds",
            "str-list",
            ["email", "phone", "ip", "card"],
            "Which kinds to report: email, phone, ip, card.",
        ),
        Option(
            "allowed_domains",
            "str-list",
            [],
            "E-mail domains that may appear (your team's own, e.g. 'example-corp.com'); "
            "example.com/.org/.net are always allowed.",
        ),
        Option(
            "private_addresses",
            "bool",
            False,
            "Report private, link-local and shared addresses too (10.0.0.0/8, 192.168.0.0/16 …).",
        ),
    )
    fields = ("data_type",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        kinds = tuple(self.opts["kinds"])
        allowed = tuple(self.opts["allowed_domains"])
        private = bool(self.opts["private_addresses"])
        for index in candidate_lines(doc.lines, PERSONAL_HINTS):
            line = doc.lines[index]
            if len(line) > 4000:
                continue
            for hit in find_personal_data(line, kinds, allowed, private):
                yield finding(_span(index, hit.start, hit.end), data_type=hit.kind)


# A capitalised word that is not at a sentence's start: the only place a name can be.
_NAME_HINT = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]{2,}")
_ALLOWED_FIELDS = re.compile(
    r"^\W*(?:authors?|owners?|written by|participants|attendees|reviewers?|contributors?"
    r"|stakeholders|incident commander|on-?call|responders?|team)\W*:",
    re.IGNORECASE,
)


class NamedIndividual(CheckKind):
    kind = "named-individual"
    description = (
        "Reports a person's name (spaCy PERSON entities) outside the timeline and the "
        "authors and roles fields, where blameless guides abstract to the role."
    )
    options = (
        Option(
            "scope",
            "str",
            "outside-timeline",
            "'outside-timeline' allows names in the timeline; 'everywhere' reports them all.",
        ),
    )
    fields = ()
    needs_nlp = True

    def _blocks(self, doc: Document) -> Iterator[TextBlock]:
        everywhere = self.opts["scope"] == "everywhere"
        for block in doc.blocks:
            section = block.section
            if (
                not everywhere
                and section is not None
                and section.is_under("timeline", "action-items")
            ):
                continue
            if _ALLOWED_FIELDS.match(block.text) or not _NAME_HINT.search(block.prose):
                continue
            yield block

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        return [block.prose for block in self._blocks(doc)]

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        pipeline = ctx.nlp
        if pipeline is None or pipeline.reduced:
            return  # a blank pipeline has no entity recognizer: nothing to judge with
        blocks = list(self._blocks(doc))
        memo = pipeline.memo
        texts = [block.prose for block in blocks]
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        parsed = dict(zip(missing, pipeline.nlp.pipe(missing), strict=True)) if missing else {}
        for block, text in zip(blocks, texts, strict=True):
            parsed_doc = memo.get(text) or parsed.get(text)
            if parsed_doc is None:
                continue
            ensure_entities(parsed_doc)
            for entity in parsed_doc.ents:
                if entity.label_ != "PERSON" or len(entity.text.strip()) < 3:
                    continue
                yield finding(block.span(entity.start_char, entity.end_char))
