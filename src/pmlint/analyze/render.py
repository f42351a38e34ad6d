"""Analyzer output: text (a readable table), json (the contract), csv, markdown, html."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from pmlint.analyze.aggregate import DURATIONS
from pmlint.analyze.shown import (
    dated_outside,
    document_facts_line,
    format_minutes,
    impact_headline,
)

COLUMNS = (
    "path",
    "date",
    "ttd",
    "ttm",
    "ttr",
    "duration",
    "impact",
    "actions",
    "owned",
    "findings",
    "score",
)


INFERRED_MARK = "*"
# Milestones no words of the document state: inferred from another, or the model's reading.
_GUESSED = frozenset(("inferred", "model"))
INFERRED_NOTE = (
    f"{INFERRED_MARK} from a milestone inferred from another (mitigation from resolution, or "
    "the reverse) or read by the trained milestone model; `--format json` gives each "
    "milestone's line and how it was found."
)


def _marked(document: dict[str, Any], key: str, kinds: tuple[str, ...]) -> str:
    """A duration, with a mark when it rests on an inferred or model-read milestone."""
    shown = format_minutes(document.get(key))
    if document.get(key) is None:
        return shown
    if key == "duration_minutes" and document.get("duration_source") != "milestones":
        return shown  # stated by the document, or its windows added up
    sources = document.get("milestone_sources") or {}
    inferred = any((sources.get(kind) or {}).get("how") in _GUESSED for kind in kinds)
    return shown + INFERRED_MARK if inferred else shown


def _row(document: dict[str, Any]) -> dict[str, str]:
    findings = document["findings"]
    actions = document["action_items"]
    return {
        "path": document["path"],
        "date": document.get("date") or "-",
        "ttd": _marked(document, "ttd_minutes", ("start", "detected")),
        "ttm": _marked(document, "ttm_minutes", ("start", "mitigated")),
        "ttr": _marked(document, "ttr_minutes", ("start", "resolved")),
        "duration": _marked(document, "duration_minutes", ("start", "resolved")),
        "impact": impact_headline(document),
        "actions": str(actions["total"]),
        "owned": str(actions["owned"]),
        "findings": f"{findings['error']}E {findings['warning']}W {findings['info']}I",
        "score": str(document["score"]),
    }


def _aggregate_lines(aggregate: dict[str, Any]) -> list[str]:
    lines = [f"{aggregate['documents']} documents"]
    for key in DURATIONS:
        stats = aggregate[key]
        name = key.removesuffix("_minutes").upper() if key != "duration_minutes" else "Duration"
        lines.append(
            f"{name}: median {format_minutes(stats['median'])}, p90 {format_minutes(stats['p90'])} "
            f"({stats['count']} documents)"
        )
    for key, name in MEASURES.items():
        stats = (aggregate.get("distributions") or {}).get(key) or {}
        if stats.get("n"):
            shown = " / ".join(
                format_minutes(stats[k]) for k in ("min", "q1", "median", "q3", "max")
            )
            label = "Duration" if name == "duration" else name.upper()
            lines.append(f"{label} min / Q1 / median / Q3 / max: {shown} (n={stats['n']})")
    for entry in aggregate.get("trends") or []:
        medians = ", ".join(
            f"median {name} {format_minutes(figure['median'])} (n={figure['count']})"
            for key, name in (("ttd_minutes", "TTD"), ("ttr_minutes", "TTR"))
            if (figure := entry[key])["count"]
        )
        plural = "s" if entry["incidents"] != 1 else ""
        lines.append(
            f"Month {entry['month']}: {entry['incidents']} incident{plural}"
            + (f", {medians}" if medians else "")
        )
    missing = ", ".join(f"{k} {v}" for k, v in aggregate["missing_milestones"].items())
    lines.append(f"Documents missing each milestone: {missing}")
    actions = aggregate["action_items"]
    rate = actions.get("ownership_rate")
    lines.append(
        f"Action items: {actions.get('total', 0)}, owned {actions.get('owned', 0)}"
        + (f" ({rate:.0%})" if rate is not None else "")
    )
    levels = aggregate.get("severity") or {}
    if levels:
        lines.append("Severity: " + ", ".join(f"{k} {v}" for k, v in levels.items()))
    for kind, counts in (aggregate.get("categories") or {}).items():
        if not counts:
            continue
        shown = ", ".join(f"{value} {count}" for value, count in counts.items())
        lines.append(f"{kind.capitalize()}: {shown}")
    follow = aggregate.get("follow_through")
    if follow and follow.get("total"):
        lines.append(
            f"Follow-through: {follow['done']} of {follow['total']} action items done, "
            f"{follow['overdue']} overdue, {follow['owned']} owned, {follow['tracked']} tracked"
        )
    repeated = aggregate.get("repeats") or {}
    for key, name in (("action_items", "action items"), ("root_causes", "root causes")):
        for group in (repeated.get(key) or [])[:5]:
            places = ", ".join(f"{p['path']}:{p['line']}" for p in group["places"])
            lines.append(f"Repeated {name} ({', '.join(group['terms'])}): {places}")
    hours = aggregate.get("out_of_hours")
    if hours and aggregate["documents"]:
        lines.append(
            f"Detected out of working hours: {hours['out_of_hours']} "
            f"(in hours {hours['working_hours']}, unknown {hours['unknown']})"
        )
    publish = aggregate.get("days_to_publish") or {}
    outside = publish.get("outside_git", 0)
    if publish.get("count"):
        lines.append(
            f"Days from incident to first commit: median {publish['median']:g}, "
            f"p90 {publish['p90']:g} ({publish['count']} documents"
            + (f"; {outside} not in a git checkout" if outside else "")
            + ")"
        )
    elif outside:
        lines.append(
            f"Days from incident to first commit: skipped, {dated_outside(outside)} "
            "not in a git checkout"
        )
    score = aggregate.get("score") or {}
    if score.get("median") is not None:
        lines.append(f"Quality score: median {score['median']:g}, lowest {score['min']}")
    if aggregate["documents"]:
        passing = aggregate.get("passing", 0)
        lines.append(
            f"Passing (no error or warning): {passing} of {aggregate['documents']} "
            f"({passing / aggregate['documents']:.0%})"
        )
    return lines


def render_text(payload: dict[str, Any]) -> str:
    rows = [_row(d) for d in payload["documents"]]
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in COLUMNS}
    out = ["  ".join(c.upper().ljust(widths[c]) for c in COLUMNS).rstrip()]
    for row in rows:
        out.append("  ".join(row[c].ljust(widths[c]) for c in COLUMNS).rstrip())
    out.append("")
    if any(INFERRED_MARK in row[c] for row in rows for c in ("ttd", "ttm", "ttr", "duration")):
        out.extend([INFERRED_NOTE, ""])
    if payload["documents"]:
        out.extend(document_facts_line(d) for d in payload["documents"])
        out.append("")
    out.extend(_aggregate_lines(payload["aggregate"]))
    return "\n".join(out) + "\n"


def render_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render_csv(payload: dict[str, Any]) -> str:
    buffer = io.StringIO()
    fields = [
        "path",
        "title",
        "date",
        "severity",
        "timezone",
        *(f"{k}" for k in ("start", "detected", "escalated", "mitigated", "resolved")),
        *DURATIONS,
        "impact",
        "actions_total",
        "actions_owned",
        "actions_dated",
        "actions_tracked",
        "actions_vague",
        "actions_done",
        "actions_overdue",
        "detection",
        "trigger",
        "mitigation",
        "out_of_hours",
        "days_to_publish",
        "repeated_action_items",
        "repeated_root_causes",
        "errors",
        "warnings",
        "infos",
        "score",
        # Added at the end, so that existing readers keep their columns: where each
        # category was read (the line; empty for `unknown`).
        "detection_line",
        "trigger_line",
        "mitigation_line",
        # The severity's level, 1 (most severe) to 5, and the line it was read from.
        "severity_level",
        "severity_line",
    ]
    repeated = _repeated_per_document(payload.get("aggregate") or {})
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for document in payload["documents"]:
        row: dict[str, Any] = {
            k: document.get(k)
            for k in ("path", "title", "date", "severity", "timezone", *DURATIONS, "score")
        }
        row.update(document["milestones"])
        row["impact"] = impact_headline(document) if document["impact"] else ""
        for kind, category in (document.get("categories") or {}).items():
            row[kind] = category["value"]
            row[f"{kind}_line"] = category.get("line")
        row["severity_level"] = document.get("severity_level")
        row["severity_line"] = (document.get("severity_source") or {}).get("line")
        row["out_of_hours"] = document.get("out_of_hours")
        follow = document.get("follow_through") or {}
        row["actions_done"] = follow.get("done")
        row["actions_overdue"] = follow.get("overdue")
        row["days_to_publish"] = document.get("days_to_publish")
        for kind in ("action_items", "root_causes"):
            row[f"repeated_{kind}"] = repeated[kind].get(document["path"], 0)
        for key, value in document["action_items"].items():
            row[f"actions_{key}"] = value
        row["errors"] = document["findings"]["error"]
        row["warnings"] = document["findings"]["warning"]
        row["infos"] = document["findings"]["info"]
        writer.writerow(row)
    return buffer.getvalue()


MEASURES = {"ttd_minutes": "ttd", "ttm_minutes": "ttm", "ttr_minutes": "ttr"}
MEASURES |= {"duration_minutes": "duration"}


def render_csv_months(payload: dict[str, Any]) -> str:
    """`--table months`: one row a month with an incident, oldest first: incidents, and each
    measure's median with the number of incidents that state it (`aggregate.trends`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["month", "incidents"]
        + [f"{name}_{what}" for name in MEASURES.values() for what in ("median", "n")]
    )
    for entry in payload["aggregate"].get("trends", []):
        row = [entry["month"], entry["incidents"]]
        for key in MEASURES:
            row += [entry[key]["median"], entry[key]["count"]]
        writer.writerow(row)
    return buffer.getvalue()


def render_csv_distributions(payload: dict[str, Any]) -> str:
    """`--table distributions`: one row per measure, in minutes (`aggregate.distributions`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = ("n", "min", "q1", "median", "q3", "max")
    writer.writerow(["measure", *keys])
    for key, name in MEASURES.items():
        stats = payload["aggregate"].get("distributions", {}).get(key) or {}
        writer.writerow([name, *(stats.get(k) for k in keys)])
    return buffer.getvalue()


CSV_TABLES: dict[str, Callable[[dict[str, Any]], str]] = {
    "documents": render_csv,
    "months": render_csv_months,
    "distributions": render_csv_distributions,
}


def _repeated_per_document(aggregate: dict[str, Any]) -> dict[str, dict[str, int]]:
    """How many of a document's action items (root causes) recur in other documents: the
    places of the repeat groups, counted per path (the groups themselves are in JSON)."""
    counts: dict[str, dict[str, int]] = {"action_items": {}, "root_causes": {}}
    for kind, per_path in counts.items():
        for group in (aggregate.get("repeats") or {}).get(kind, []):
            for place in group["places"]:
                per_path[place["path"]] = per_path.get(place["path"], 0) + 1
    return counts


def _header(column: str) -> str:
    """A Markdown column title: TTD, TTM and TTR are abbreviations, the rest words."""
    return column.upper() if column in ("ttd", "ttm", "ttr") else column.capitalize()


def render_markdown(payload: dict[str, Any]) -> str:
    rows = [_row(d) for d in payload["documents"]]
    out = [
        "| " + " | ".join(_header(c) for c in COLUMNS) + " |",
        "|" + "|".join(" --- " for _ in COLUMNS) + "|",
    ]
    for row in rows:
        out.append("| " + " | ".join(row[c].replace("|", "\\|") for c in COLUMNS) + " |")
    out.append("")
    out.extend(f"- {line}" for line in _aggregate_lines(payload["aggregate"]))
    return "\n".join(out) + "\n"


def render_html(payload: dict[str, Any]) -> str:
    from pmlint.analyze.html import render_html as render_page  # jinja2 and pygal: load on use

    return render_page(payload)


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "html": render_html,
}


def render(payload: dict[str, Any], output_format: str, table: str = "documents") -> str:
    """The payload in a format; `table` picks the CSV's table (documents, months or
    distributions)."""
    if output_format == "csv":
        return CSV_TABLES[table](payload)
    return RENDERERS[output_format](payload)


def formats() -> Sequence[str]:
    return tuple(RENDERERS)
