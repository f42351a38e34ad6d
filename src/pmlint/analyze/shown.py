"""How analyze writes a figure for people, shared by the text, CSV, Markdown and HTML reports:
a duration in minutes ("1h05"), and the headline impact figure of a document."""

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
