"""What every check kind shares: declared options, the context it runs in, finding helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pmlint.diagnostics import Finding, Fix, Related, Severity, Span
from pmlint.document import Document
from pmlint.nlp.pipeline import Pipeline
from pmlint.rule import Option
from pmlint.sections import SectionCatalog
from pmlint.settings import Settings


@dataclass(slots=True)
class CheckContext:
    """What a check may know beyond the document; it never reads files or config itself."""

    catalog: SectionCatalog
    file_exists: Callable[[str], bool] = lambda _target: True
    nlp: Pipeline | None = None  # set by the engine when a check needs it
    settings: Settings = field(default_factory=Settings)


class CheckKind:
    """Base class: subclasses declare `kind`, `options` and `fields`, and implement `check`."""

    kind: ClassVar[str] = ""
    description: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()
    fields: ClassVar[tuple[str, ...]] = ()  # placeholders it fills in message and suggestion
    needs_nlp: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.opts = dict(options)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def texts_to_parse(self, doc: Document, ctx: CheckContext) -> list[str]:
        """The texts `check` will give the trained pipeline for `doc` (NLP checks only): the
        engine parses those of a batch of documents together, which is much cheaper per
        text, before it runs the checks. Anything left out is parsed when asked."""
        return []


def finding(
    span: Span,
    severity: Severity | None = None,
    *,
    fix: Fix | None = None,
    related: tuple[Related, ...] = (),
    **fields: Any,
) -> Finding:
    return Finding(span, fields, severity, fix, related)


def user_regex(pattern: str, flags: int = 0, shown: str | None = None) -> re.Pattern[str]:
    """Compile a pattern that comes from a rule, lexicon or config: a bad one is a
    ValueError, which the rule loader reports with its file. `shown` is what the user
    wrote, when `pattern` wraps it (a valid pattern may not be once wrapped: global
    flags such as "(?i)x" must start the whole expression)."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {shown or pattern!r}: {exc}") from None
