"""The lint loop: Document -> enabled rules -> findings -> diagnostics -> suppression -> sorted."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pmlint.config import Config
from pmlint.diagnostics import Diagnostic, Finding, Severity, Span, masked_lines
from pmlint.document import Document
from pmlint.nlp import ModelError, Pipeline, load_pipeline
from pmlint.reading import SourceText
from pmlint.report import (
    INTERNAL_ERROR,
    INVALID_ENCODING,
    INVALID_FRONT_MATTER,
    NESTING_TOO_DEEP,
    UNKNOWN_SUPPRESSION,
    UNUSED_SUPPRESSION,
    FileReport,
)
from pmlint.rule import Rule
from pmlint.sections import SectionCatalog
from pmlint.settings import Settings
from pmlint.suppress import Suppressions
from pmlint.timelimit import TimeLimit

if TYPE_CHECKING:
    from pmlint.checks import CheckContext, CheckKind

_BLANKS = re.compile(r"\s+")
# Linting allocates millions of short-lived objects (markdown-it tokens, spaCy tokens, regex
# matches) while the pipeline's and the documents' objects stay alive, so with Python's
# default thresholds (700, 10, 10) the collector keeps walking the same live objects: 4-5%
# of a cold run. Collections still happen, only less often; nothing is kept alive longer
# than a batch needs.
_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector's thresholds raised for the block (nothing to do inside another such
    block: a run raises them once for all its batches of documents, since going back to
    the default ones after each batch made the collector walk the batch's objects at once,
    1% of a cold run)."""
    before = gc.get_threshold()
    if before == _GC_THRESHOLDS:
        yield
        return
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass(slots=True)
class _Started:
    """A file between parsing and its checks (`doc` None: it could not be linted)."""

    report: FileReport
    doc: Document | None = None
    context: CheckContext | None = None
    found: list[Diagnostic] = field(default_factory=list)


class _Fields(dict[str, Any]):
    """Leaves unknown placeholders as they are instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def parse_document(path: str, text: str, catalog: SectionCatalog) -> Document:
    """`pmlint.parse.parse_document`, imported when a file is first parsed: markdown-it is
    not for a run that the result cache serves."""
    from pmlint.parse import parse_document as parse

    return parse(path, text, catalog)


def one_line(text: str) -> str:
    """Whitespace collapsed: text quoted from the source may be wrapped over lines, and a
    line break inside a message breaks `-q`, text, JUnit and GitHub annotations."""
    return " ".join(text.split())


def _spaced(value: Any) -> Any:
    """A quoted field with each run of whitespace made one space (its ends kept: templates
    such as "{declared}{more}" rely on them)."""
    return _BLANKS.sub(" ", value) if isinstance(value, str) else value


def render(template: str, fields: Mapping[str, Any]) -> str:
    """The template with its fields filled in (unknown ones left as written); the template
    itself where it cannot be filled (a positional field, a bad format). `str.format_map`
    does what `string.Formatter().vformat` does with a mapping, in C: a dict subclass's
    `__missing__` answers the unknown fields for both (a tenth of the time, about 10,000
    messages and suggestions in a cold run of the real-text bench corpus)."""
    try:
        return template.format_map(_Fields(fields))
    except (ValueError, IndexError, AttributeError):
        return template


@dataclass(slots=True)
class Selection:
    """`--select` / `--ignore` from the command line: ids, id prefixes, names, categories."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def active(self, rules: Iterable[Rule]) -> list[Rule]:
        chosen = []
        for rule in rules:
            on = any(rule.matches(s) for s in self.select) if self.select else rule.enabled
            if rule.id == INTERNAL_ERROR:
                on = True
            elif any(rule.matches(s) for s in self.ignore):
                on = False
            if on:
                chosen.append(rule)
        return sorted(chosen, key=lambda r: r.id)


class Linter:
    """Lints documents under one config; checks are built once and reused across files."""

    def __init__(
        self, config: Config, selection: Selection | None = None, nlp_model: str | None = None
    ) -> None:
        self.config = config
        self.rules = (selection or Selection()).active(config.rules.values())
        self.by_id = {r.id: r for r in config.rules.values()}
        self.active_ids = {r.id for r in self.rules}
        self.nlp_model = nlp_model or config.nlp_model
        self._pipeline: Pipeline | None = None
        self._checks: list[tuple[Rule, CheckKind]] | None = None

    @property
    def checks(self) -> list[tuple[Rule, CheckKind]]:
        """The rules' checks, built when first linted with: a run that the result cache
        serves imports no check module (their regexes, word lists and facts)."""
        if self._checks is None:
            from pmlint.checks import ENGINE_KIND, KINDS

            self._checks = [
                (rule, KINDS[rule.kind](rule.options))
                for rule in self.rules
                if rule.kind != ENGINE_KIND
            ]
        return self._checks

    @property
    def needs_nlp(self) -> bool:
        return any(check.needs_nlp or rule.options.get("lemma") for rule, check in self.checks)

    @property
    def loaded_pipeline(self) -> Pipeline | None:
        """The spaCy pipeline if this run loaded one (for the run's report), else None."""
        return self._pipeline

    def pipeline(self) -> Pipeline | None:
        """Loaded on first use only: most runs of most rules never import spaCy."""
        if self._pipeline is None and self.needs_nlp:
            self._pipeline = load_pipeline(self.nlp_model)
        return self._pipeline

    def lint(self, path: str, source: SourceText, directory: str | None = None) -> FileReport:
        return self.lint_many([(path, source)], directory)[0]

    def lint_many(
        self, files: Sequence[tuple[str, SourceText]], directory: str | None = None
    ) -> list[FileReport]:
        """Lint several files (reports in their order). The texts that their NLP checks
        will parse are parsed first, together: per text, spaCy is much faster on the
        batch of a few dozen documents than on the few sentences of one."""
        from pmlint.nlp.cascade import prefetch, prefetched

        # The checks are built (their modules imported) before the collector's thresholds
        # are raised: imported under them, a single-file lint took 0.02 s more CPU.
        _ = self.checks
        with fewer_collections():
            started = [self._start(path, source, directory) for path, source in files]
            ready = [item for item in started if item.doc is not None]
            with (
                prefetched(self._pipeline, self._texts_to_parse(ready)),
                TimeLimit(self.config.rule_timeout) as limit,
            ):
                if self._second_round:
                    prefetch(self._pipeline, self._texts_to_parse(ready, second_round=True))
                for item in ready:
                    self._run_checks(item, limit)
        return [item.report for item in started]

    def _start(self, path: str, source: SourceText, directory: str | None) -> _Started:
        """Parse the file and make the engine's own findings; no rule has run yet."""
        report = FileReport(path)
        try:
            doc = parse_document(path, source.text, self.config.catalog)
        except Exception as exc:  # a parser bug loses this file, never the others' results
            if os.environ.get("PMLINT_RAISE"):
                raise
            report.lines = source.text.split("\n")
            report.error = f"internal error while parsing: {type(exc).__name__}: {exc}"
            return _Started(report)
        report.lines = doc.lines
        report.document = doc
        base = directory if directory is not None else os.path.dirname(os.path.abspath(path))
        references = report.references

        def file_exists(target: str) -> bool:
            if target not in references:
                references[target] = os.path.exists(os.path.join(base, target))
            return references[target]

        from pmlint.checks import CheckContext

        context = CheckContext(
            catalog=self.config.catalog,
            file_exists=file_exists,
            settings=Settings(
                timezone=self.config.timezone,
                milestones=self.config.milestones,
                categories=self.config.categories,
                given_names=self.config.given_names,
            ),
        )
        if self.needs_nlp:
            try:
                context.nlp = self.pipeline()
            except ModelError as exc:
                report.error = str(exc)
                return _Started(report)
        found: list[Diagnostic] = []
        if source.invalid_utf8_at is not None:
            line, column = source.invalid_utf8_at
            detail = (
                f"Not valid UTF-8: {source.invalid_utf8_count} invalid byte sequence(s) "
                f"replaced with U+FFFD, the first here."
            )
            found += self._engine(
                INVALID_ENCODING, path, Span(line, column, line, column + 1), detail
            )
        if doc.nesting_limit_line is not None:
            line = doc.nesting_limit_line
            detail = (
                "Nesting here is deeper than the parser follows; text below this point may "
                "not be linted."
            )
            found += self._engine(NESTING_TOO_DEEP, path, doc.line_span(line), detail)
        if doc.meta_error is not None:
            line, problem = doc.meta_error
            found += self._engine(
                INVALID_FRONT_MATTER, path, doc.line_span(line), problem[:1].upper() + problem[1:]
            )
        return _Started(report, doc, context, found)

    @property
    def _second_round(self) -> bool:
        return any(getattr(check, "parse_rounds", 1) > 1 for _rule, check in self.checks)

    def _texts_to_parse(self, ready: Sequence[_Started], second_round: bool = False) -> list[str]:
        """What the NLP checks will parse for these documents (`CheckKind.texts_to_parse`).

        A check whose `parse_rounds` is 2 is asked again once the first round's texts are
        parsed (in the pipeline's memo): it can name texts that depend on those parses.
        """
        pipeline = self._pipeline
        if pipeline is None or pipeline.reduced:
            return []
        texts: list[str] = []
        for item in ready:
            assert item.doc is not None and item.context is not None
            for _rule, check in self.checks:
                if not check.needs_nlp:
                    continue
                if second_round and getattr(check, "parse_rounds", 1) < 2:
                    continue
                try:
                    texts += check.texts_to_parse(item.doc, item.context)
                except Exception:  # the check fails again when it runs, and says so there
                    if os.environ.get("PMLINT_RAISE"):
                        raise
        return texts

    def _run_checks(self, item: _Started, limit: TimeLimit) -> None:
        doc, context, report, found = item.doc, item.context, item.report, item.found
        assert doc is not None and context is not None
        path = report.path
        for rule, check in self.checks:
            try:
                with limit.running():
                    findings = list(check.check(doc, context))
                found.extend(self._diagnostic(rule, path, finding) for finding in findings)
            except Exception as exc:  # isolation: one rule's bug never loses other results
                if os.environ.get("PMLINT_RAISE"):
                    raise
                detail = (
                    f"Rule {rule.id} ({rule.name}) failed on this file: {type(exc).__name__}: {exc}"
                )
                found += self._engine(INTERNAL_ERROR, path, doc.anchor_span(), detail)
        report.diagnostics = self._suppress(doc, path, found)
        report.lines = masked_lines(report.lines, report.diagnostics)

    def _diagnostic(self, rule: Rule, path: str, item: Finding) -> Diagnostic:
        severity = rule.severity if item.severity is None else min(item.severity, rule.severity)
        fields = {key: _spaced(value) for key, value in item.fields.items()}
        suggestion = one_line(render(rule.suggestion, fields)) if rule.suggestion else ""
        return Diagnostic(
            path=path,
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=one_line(render(rule.message, fields)),
            span=item.span,
            suggestion=suggestion or None,
            fix=item.fix,
            related=item.related,
        )

    def _engine(self, rule_id: str, path: str, span: Span, detail: str) -> list[Diagnostic]:
        rule = self.by_id.get(rule_id)
        if rule is None or rule_id not in self.active_ids:
            return []
        return [self._diagnostic(rule, path, Finding(span, {"detail": detail}))]

    def _suppress(self, doc: Document, path: str, found: list[Diagnostic]) -> list[Diagnostic]:
        rules = list(self.by_id.values())
        cache: dict[str, frozenset[str]] = {}

        def resolve(selector: str) -> frozenset[str]:
            if selector not in cache:
                cache[selector] = frozenset(r.id for r in rules if r.matches(selector))
            return cache[selector]

        suppressions = Suppressions(doc, resolve)
        kept = [
            d
            for d in found
            if d.rule == INTERNAL_ERROR or not suppressions.suppressed(d.rule, d.span.line)
        ]
        for unknown in suppressions.unknown:
            detail = f"Suppression names an unknown rule '{unknown.selector}'."
            kept += self._engine(UNKNOWN_SUPPRESSION, path, unknown.span, detail)
        for directive in suppressions.unused():
            names = " ".join(directive.selectors) or "all rules"
            detail = f"Suppression of {names} silenced nothing; remove it."
            kept += self._engine(UNUSED_SUPPRESSION, path, directive.span, detail)
        unique = {(d.rule, d.span, d.message): d for d in kept}
        return sorted(unique.values(), key=Diagnostic.sort_key)


def exit_code(reports: Iterable[FileReport], fail_on: Severity, usage_error: bool = False) -> int:
    """2 for usage/config/internal errors and unlintable files; 1 for findings at fail_on+."""
    reports = list(reports)
    if usage_error or any(r.error or r.internal_error for r in reports):
        return 2
    if any(r.reaches(fail_on) for r in reports):
        return 1
    return 0


def notice(message: str) -> None:
    print(f"pmlint: {message}", file=sys.stderr)
