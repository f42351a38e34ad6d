"""How analyze writes a figure for people, shared by the text, CSV, Markdown and HTML reports:
a duration in minutes ("1h05"), the headline impact figure of a document, and what analyze
read about it beyond the times (categories with their lines, out of hours, follow-through)."""

from __future__ import annotations

from typing import Any


def format_minutes(value: float | None) -> str:
    if value is None:
        return "-"
    hours, minutes = divmod(round(abs(value)), 60)
    sign = "-" if value < 0 else ""
    return f"{sign}{hours}h{minutes:02d}" if hours else f"{sign}{minutes}m"


def impact_headline(document: dict[str, Any]) -> str:
    for figure in document["impact"]:
        if figure["unit"] == "minutes":
            continue
        value = figure["value"]
        shown = (
            f"{value:g}%"
            if figure["unit"] == "percent"
            else f"{value:,.0f}"
            if figure["unit"] in ("count", "money")
            else f"{value:g}{figure['unit']}"
        )
        if figure["unit"] == "money":
            shown = f"{figure['of'] or ''} {shown}".strip()
        return f"{shown} {figure['of'] or ''}".strip() if figure["unit"] != "money" else shown
    return "-"


CATEGORY_KINDS = ("detection", "trigger", "mitigation")


def category_shown(category: dict[str, Any] | None) -> str:
    """'alert (line 14, timeline)'; 'unknown' where nothing in the text says."""
    if not category or category.get("value", "unknown") == "unknown":
        return "unknown"
    where = f"line {category['line']}" if category.get("line") is not None else ""
    how = category.get("how") or ""
    stated = category.get("stated")
    if stated and str(stated).strip().lower() != category["value"]:
        how += f" '{stated}'"  # read as another class: "front-matter 'pager'"
    detail = ", ".join(part for part in (where, how) if part)
    return f"{category['value']} ({detail})" if detail else str(category["value"])


def severity_shown(document: dict[str, Any]) -> str:
    """'SEV2 (level 2, line 4, field)'; '' when the document states none."""
    stated = document.get("severity")
    if not stated:
        return ""
    level = document.get("severity_level")
    source = document.get("severity_source") or {}
    parts = [f"level {level}" if level is not None else "no level read"]
    if source.get("line") is not None:
        parts.append(f"line {source['line']}")
    if source.get("how"):
        parts.append(str(source["how"]))
    return f"{stated} ({', '.join(parts)})"


def dated_outside(count: int) -> str:
    """'64 dated documents are' / '1 dated document is': the documents the days to publish
    were skipped for (an undated one has no day to count from, in a checkout or not)."""
    return f"{count} dated document is" if count == 1 else f"{count} dated documents are"


def out_of_hours_shown(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"


def follow_through_shown(follow: dict[str, Any] | None) -> str:
    if not follow or not follow.get("total"):
        return "no action items"
    return f"{follow['done']} of {follow['total']} done, {follow['overdue']} overdue"


def document_facts_line(document: dict[str, Any]) -> str:
    """One line of what analyze read about a document, for the text report."""
    categories = document.get("categories") or {}
    shown = "; ".join(f"{kind} {category_shown(categories.get(kind))}" for kind in CATEGORY_KINDS)
    severity = severity_shown(document) or "not stated"
    return (
        f"{document['path']}: severity {severity}; {shown}; out of hours "
        f"{out_of_hours_shown(document.get('out_of_hours'))}; action items "
        f"{follow_through_shown(document.get('follow_through'))}"
    )
