"""Per-document metrics from the shared facts: milestones, durations, impact, findings, score."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pmlint.analyze.abstain import withheld_json, withheld_milestones
from pmlint.analyze.followthrough import follow_through
from pmlint.analyze.modelcategories import categories_json
from pmlint.analyze.modelmilestones import with_model_milestones
from pmlint.analyze.score import quality_score
from pmlint.analyze.severity import document_severity
from pmlint.analyze.when import days_to_publish, out_of_hours
from pmlint.config import Config
from pmlint.diagnostics import Diagnostic, Severity
from pmlint.document import Document
from pmlint.extract.categories import incident_categories
from pmlint.extract.impact import impact_figures
from pmlint.extract.timeline import MILESTONES, Moment, Timeline, cached_timeline, timeline
from pmlint.settings import Settings

ACTION_KEYS = ("total", "owned", "dated", "tracked", "vague")


def _iso(moment: Moment | None) -> str | None:
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()  # a day alone reads as its midnight: see `precision`


def _sources(facts: Timeline) -> dict[str, dict[str, Any]]:
    """Where each milestone came from: its line and how it was found (field, range,
    timeline, prose, front-matter, inferred), so a reader can check it; `precision` is "day"
    where the document gives the day only (the value then reads as that day's midnight)."""
    result: dict[str, dict[str, Any]] = {}
    for kind in MILESTONES:
        moment = facts.milestones.get(kind)
        if moment is None or _iso(moment) is None:
            continue
        result[kind] = {
            "line": moment.line,
            "how": facts.provenance.get(kind, "timeline"),
            "precision": "minute" if moment.has_time else "day",
        }
    return result


def _timezone_label(
    facts_timezone: str | None, milestones: Mapping[str, Moment | None]
) -> str | None:
    if facts_timezone:
        return facts_timezone
    zones = {m.zone_name for m in milestones.values() if m is not None and m.zone_name}
    return zones.pop() if len(zones) == 1 else None


def action_counts(doc: Document, config: Config, pipeline: Any = None) -> dict[str, int]:
    """Counts over follow-up items; vagueness reuses what the vague-action rule (PM403)
    computed for this document, with its lexicon."""
    from pmlint.checks.actions.vagueness import action_item_counts

    vague_options = config.options_of_kind("action-vague") or {}
    lexicon = vague_options.get("lexicon")
    if lexicon is None:
        lexicon = _core_vague_lexicon()
    counts = action_item_counts(doc, config.given_names, pipeline, lexicon)
    return {key: int(counts.get(key, 0)) for key in ACTION_KEYS}


@lru_cache(maxsize=1)
def _core_vague_lexicon() -> dict[str, Any]:
    """The core pack's `lexicons/vague-actions.yaml`, for a pack without PM403."""
    import yaml

    from pmlint.packs import bundled_rules_dir

    path = bundled_rules_dir() / "core" / "lexicons" / "vague-actions.yaml"
    with open(path, encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle) or {})


def allowed_categories(config: Config) -> dict[str, list[str]]:
    """Values the config allows for a category's front-matter field (PM005's
    `options.fields`), per category: analyze counts such a value as itself, as PM005 accepts
    it."""
    from pmlint.checks.vocabulary import CATEGORY_FIELDS

    fields = (config.options_of_kind("metadata-vocabulary") or {}).get("fields") or {}
    allowed: dict[str, list[str]] = {}
    for key, values in fields.items():
        kind = CATEGORY_FIELDS.get(str(key).lower())
        if kind is not None and isinstance(values, list):
            allowed.setdefault(kind, []).extend(str(v) for v in values)
    return allowed


def document_metrics(
    doc: Document, diagnostics: list[Diagnostic], config: Config, pipeline: Any = None
) -> dict[str, Any]:
    facts = timeline(doc, Settings(timezone=config.timezone, milestones=config.milestones))
    facts = with_model_milestones(facts)  # the model fills what the rules left empty
    facts, withheld = withheld_milestones(doc, facts)  # none the document contradicts
    ms = facts.milestones
    duration = facts.duration()
    nouns = list((config.options_of_kind("impact-figures") or {}).get("nouns", []))
    findings = {s.label: 0 for s in reversed(Severity)}
    for diagnostic in diagnostics:
        findings[diagnostic.severity.label] += 1
    date = _document_date(doc, ms)
    categories = incident_categories(doc, facts, config.categories, allowed_categories(config))
    return {
        "path": doc.path,
        "title": doc.title,
        "date": date,
        **_severity(doc),
        "timezone": _timezone_label(facts.timezone, ms),
        "milestones": {kind: _iso(ms[kind]) for kind in MILESTONES},
        "ttd_minutes": facts.minutes_between("start", "detected"),
        "ttm_minutes": facts.minutes_between("start", "mitigated"),
        "ttr_minutes": facts.minutes_between("start", "resolved"),
        "duration_minutes": duration[0] if duration else None,
        "duration_source": duration[1] if duration else None,
        "milestone_sources": _sources(facts),
        "withheld_milestones": withheld_json(withheld),
        "impact": [figure.to_json() for figure in impact_figures(doc, nouns)],
        "categories": categories_json(doc, facts, categories, config.categories),
        "out_of_hours": out_of_hours(facts, config.working_hours),
        "days_to_publish": days_to_publish(doc.path, date),
        "action_items": action_counts(doc, config, pipeline),
        "follow_through": follow_through(doc, dt.date.today(), config.given_names),
        "findings": findings,
        "rules": dict(Counter(d.rule for d in diagnostics)),
        "score": quality_score(diagnostics, doc),
        # The findings themselves, as `pmlint check --format json` writes them (the HTML report
        # lists them per document).
        "diagnostics": [d.to_json() for d in sorted(diagnostics, key=Diagnostic.sort_key)],
    }


def _document_date(doc: Document, ms: Mapping[str, Moment | None]) -> str | None:
    value = doc.meta.get("date")
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    for kind in ("start", "detected", "mitigated", "resolved"):
        moment = ms.get(kind)
        if moment is not None and moment.when is not None and moment.day_known:
            return moment.when.date().isoformat()
    facts_days = [
        m.when.date()
        for m in timeline_moments(doc)
        if m.when and m.day_known and not _in_action_items(m)
    ]
    return min(facts_days).isoformat() if facts_days else None


def timeline_moments(doc: Document) -> list[Moment]:
    facts = cached_timeline(doc)
    return list(facts.moments) if facts is not None else []


def _in_action_items(moment: Moment) -> bool:
    """A due date ("by 2024-07-15") says when follow-up work ends, not when the incident was."""
    return "action-items" in moment.block.canonical_sections()


def _severity(doc: Document) -> dict[str, Any]:
    """The severity as written (`severity`), its level 1 (most severe) to 5 (`severity_level`,
    null when nothing reads as one) and where it was read (`severity_source`: line, how)."""
    found = document_severity(doc)
    if found is None:
        return {"severity": None, "severity_level": None, "severity_source": None}
    return {
        "severity": found.stated,
        "severity_level": found.level,
        "severity_source": {"line": found.line, "how": found.how},
    }
