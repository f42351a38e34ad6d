"""What every chart of the report shares: pygal's settings for the page, SVG without
scripts, and the dict each chart function returns."""

from __future__ import annotations

from typing import Any

SERIES_COLORS = ("#2e86c1", "#8e44ad", "#17a589", "#d68910", "#c0392b")
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


# Charts -----------------------------------------------------------------------------------


def _strip_scripts_and_comments(root: Any) -> Any:
    """pygal XML filter: drop the tooltip configuration script and the comments, and the
    legend ids the tooltip script looks up (repeated in every chart: one page, one id)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag == "script":
                parent.remove(child)
            elif child.get("id", "").startswith("activate-serie"):
                del child.attrib["id"]
    return root


def chart_config(**options: Any) -> dict[str, Any]:
    from pygal.style import Style

    style = Style(
        background="transparent",
        plot_background="transparent",
        foreground="#333",
        foreground_strong="#111",
        foreground_subtle="#999",
        opacity=".85",
        opacity_hover=".95",
        colors=options.pop("colors", SERIES_COLORS),
        font_family=FONT,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=12,
        title_font_size=15,
        no_data_font_size=16,
    )
    return {
        "js": [],  # the default is a tooltip script on a CDN: a network request
        "disable_xml_declaration": True,  # inline in HTML, not a standalone .svg
        "style": style,
        "width": 620,
        "height": 330,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "margin": 8,
        "spacing": 8,
        "no_data_text": "No data",
        "truncate_label": -1,  # pygal's automatic truncation turns sparse month labels into "…"
        "truncate_legend": -1,
        **options,
    }


def svg_of(chart: Any, chart_id: str) -> str:
    chart.uuid = f"pmlint-{chart_id}"  # fixed, so the same input gives the same page
    chart.add_xml_filter(_strip_scripts_and_comments)
    return str(chart.render(is_unicode=True))


def chart_entry(
    chart_id: str, title: str, caption: str, svg: str | None, note: str = ""
) -> dict[str, Any]:
    return {
        "id": chart_id,
        "title": title,
        "caption": caption,
        "svg": svg,
        "note": note,
        "legend": [],  # [{"name", "color"}]: printed under the chart when pygal's is off
        "table": None,  # {"head": [...], "rows": [[...]]}: the chart's figures, printed under it
    }
