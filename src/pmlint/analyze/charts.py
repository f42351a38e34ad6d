"""The report page's charts, drawn with pygal as inline SVG (why pygal, and how the page stays
free of network requests: `pmlint.analyze.html`). Each chart function takes the analyzed
documents and gives the chart's id, title, caption, SVG (None when there is nothing to plot)
and a note on what it leaves out."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from pmlint.analyze.chartkit import SERIES_COLORS, chart_config, chart_entry, svg_of
from pmlint.analyze.severity import severity_level
from pmlint.analyze.shown import format_minutes

# Durations are bucketed for the distribution chart: a team reads "most detections take
# 15 to 30 minutes" more easily than a box plot of a dozen values.
BUCKETS: tuple[tuple[str, float], ...] = (
    ("< 15m", 15),
    ("15–30m", 30),
    ("30m–1h", 60),
    ("1–2h", 120),
    ("2–4h", 240),
    ("4–8h", 480),
    ("8–24h", 1440),
    ("≥ 1 day", float("inf")),
)
TOP_RULES = 12
SEVERITIES = ("error", "warning", "info")
COLORS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}


def charts(documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        _time_distribution(documents),
        _spread(documents),
        _severity_duration(documents),
        _per_month(documents),
        _trends(documents),
        _categories(documents),
        _findings_per_rule(documents),
        _ownership_over_time(documents),
    ]


SPREAD = {"TTD": "ttd_minutes", "TTM": "ttm_minutes", "TTR": "ttr_minutes"}
SPREAD |= {"Duration": "duration_minutes"}


def _spread(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Each incident's times as boxes on a log axis: the median, the quartiles and every
    outlier visible, and a 25,000-hour outlier does not flatten the rest."""
    import pygal

    title = "How times spread"
    caption = (
        "Minutes, log scale: boxes from the 1st to the 3rd quartile, whiskers 1.5 IQR, "
        "dots outliers; a time under a minute (0m) is drawn at 1m. The table gives the "
        "figures."
    )
    values = {
        name: [max(1, d[key]) for d in documents if d.get(key) is not None and d[key] >= 0]
        for name, key in SPREAD.items()
    }
    if not any(values.values()):
        return chart_entry("spread", title, caption, None, "No document gives two milestone times.")
    top = max(max(v) for v in values.values() if v)
    ticks = [t for t in (1, 5, 15, 60, 240, 1440, 10080, 43200, 525600) if t <= top * 2]
    chart = pygal.Box(
        **chart_config(
            logarithmic=True,
            box_mode="tukey",
            y_labels=ticks,
            y_title="minutes",
            show_legend=False,
            colors=SERIES_COLORS,
        )
    )
    chart.value_formatter = format_minutes
    chart.x_labels = [f"{name} ({len(v)})" for name, v in values.items()]
    for name, series in values.items():
        chart.add(name, series or [None])
    entry = chart_entry("spread", title, caption, svg_of(chart, "spread"))
    from pmlint.analyze.aggregate import spread

    keys = ("min", "q1", "median", "q3", "max")
    entry["table"] = {
        "head": ["", "n", "Min", "Q1", "Median", "Q3", "Max"],
        "rows": [
            [name, str(stats["n"]), *(format_minutes(stats[k]) for k in keys)]
            for name, key in SPREAD.items()
            if (
                stats := spread(
                    [d[key] for d in documents if (d.get(key) is not None and d[key] >= 0)]
                )
            )["n"]
        ],
    }
    return entry


def _spread_out(points: Sequence[tuple[int, float]]) -> list[tuple[float, float]]:
    """Dots of one level side by side (the first on the level, the next ones out to 0.3 of a
    level each way, in the order of the documents) rather than on one line, where incidents
    of the same length would hide each other; the same documents give the same places."""
    seen: Counter[int] = Counter()
    placed = []
    for level, minutes in points:
        turn = seen[level] % 13  # 0, then +0.05, -0.05, +0.1 ... out to 0.3 and back
        offset = (turn + 1) // 2 * 0.05 * (1 if turn % 2 else -1)
        seen[level] += 1
        placed.append((level + offset, math.log10(minutes)))
    return placed


def _level(document: dict[str, Any]) -> int | None:
    """The document's severity level; from its written severity for a payload without one."""
    if "severity_level" in document:
        return cast(int | None, document["severity_level"])
    return severity_level(document.get("severity"))


def _severity_duration(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Severity against duration, one dot per incident: whether the worse incidents are
    the longer ones (the VOID reports found they are often not)."""
    import pygal

    title = "Severity and duration"
    caption = (
        "One dot per incident: its severity (SEV1 most severe) and its duration, in minutes "
        "on a log scale."
    )
    points = [
        (level, max(1, d["duration_minutes"]))
        for d in documents
        if (level := _level(d)) is not None
        and d.get("duration_minutes") is not None
        and d["duration_minutes"] >= 0
    ]
    stated = sum(1 for d in documents if _level(d) is not None)
    if not points:
        return chart_entry(
            "severity",
            title,
            caption,
            None,
            "No document gives both a severity and a duration "
            f"({stated} of {len(documents)} state a severity pmlint reads: front matter "
            '`severity:`, a Severity field or table row, or "SEV2" or "a P1 incident" '
            "in the text).",
        )
    caption += f" {len(points)} of {len(documents)} documents give both."
    top = max(minutes for _, minutes in points)
    ticks = [t for t in (1, 5, 15, 60, 240, 1440, 10080, 43200, 525600) if t <= top * 2]
    # pygal's `logarithmic` scales both axes of an XY chart; the severities must stay evenly
    # spaced, so the minutes are plotted as their logarithm and the labels say minutes.
    chart = pygal.XY(
        **chart_config(
            stroke=False,
            y_labels=[{"label": format_minutes(t), "value": math.log10(t)} for t in ticks],
            y_title="minutes",
            x_title="severity",
            xrange=(0.5, 5.5),
            x_labels=[{"label": f"SEV{level}", "value": level} for level in range(1, 6)],
            show_legend=False,
            dots_size=5,
            colors=SERIES_COLORS,
        )
    )
    chart.value_formatter = lambda value: format_minutes(round(10**value))
    chart.x_value_formatter = lambda value: f"SEV{round(value)}"  # a dot set beside its level
    chart.add("Incidents", _spread_out(points))
    return chart_entry("severity", title, caption, svg_of(chart, "severity"))


TREND_SERIES = (("TTD", "ttd_minutes"), ("TTR", "ttr_minutes"))
LABELLED_MONTHS = 36  # more points than this and their labels run into each other


def _runs(values: Sequence[Any]) -> list[list[Any]]:
    """One copy of `values` per run of consecutive known values, None elsewhere: pygal joins
    the points of a log chart across None (its log view draws None at the bottom), so each run
    is drawn as a series of its own and a month without incidents breaks the line."""
    runs: list[list[Any]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if index and values[index - 1] is not None and runs:
            runs[-1][index] = value
        else:
            runs.append([None] * len(values))
            runs[-1][index] = value
    return runs


def _trends(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Median TTD and TTR per month, with the number of incidents behind each point printed
    on it and listed in a table under the chart."""
    import pygal

    from pmlint.analyze.aggregate import monthly

    title = "Time to detect and resolve over time"
    stats = {entry["month"]: entry for entry in monthly(documents)}
    by_month = _dated(documents)
    months = _month_range(min(by_month), max(by_month)) if by_month else []
    labelled = len(months) <= LABELLED_MONTHS
    caption = (
        "Median per month, in hours on a log axis (one slow month does not flatten the others); "
        + (
            "each point is labelled with the number of incidents it rests on (n), and the table "
            "lists them"
            if labelled
            else "the table lists the number of incidents behind each point (too many months "
            "to label the points)"
        )
        + ". A median of 0 sits on the bottom line, labelled 0; the line breaks at months "
        "without a figure."
    )
    series: dict[str, list[dict[str, Any] | None]] = {name: [] for name, _ in TREND_SERIES}
    for year, month in months:
        entry = stats.get(f"{year}-{month:02d}")
        for name, key in TREND_SERIES:
            figure = entry[key] if entry else None
            if not figure or not figure["count"]:
                series[name].append(None)
                continue
            median, count = figure["median"], figure["count"]
            # A log axis has no zero: a median of 0 minutes is drawn on the bottom line, which
            # the axis labels 0, and its label says 0.
            series[name].append(
                {
                    "value": max(round(median / 60, 2), _LOG_FLOOR),
                    "label": f"0, n={count}" if median == 0 else f"n={count}",
                }
            )
    if not any(point for values in series.values() for point in values):
        note = (
            "No dated document gives two milestone times."
            if by_month
            else "No document states a date."
        )
        return chart_entry("trends", title, caption, None, note)
    runs = {name: _runs(points) for name, points in series.items()}
    colors = [SERIES_COLORS[i] for i, name in enumerate(runs) for _ in runs[name]]
    chart = pygal.Line(
        **chart_config(
            **_month_axis(months),
            y_title="hours",
            logarithmic=True,
            y_labels=(ticks := _hour_ticks(series)),
            # Room under the lowest point for its label, above the month labels.
            range=(_tick_value(ticks[0]) / 2.5, None),
            margin_right=48 if labelled else 24,  # room for the last month's label
            dots_size=4,
            print_labels=labelled,
            # pygal would give every run a legend row (and loops when they fill the chart):
            # the page prints the legend under the chart instead.
            show_legend=False,
            colors=tuple(colors),
        )
    )
    for name, parts in runs.items():
        for part in parts:
            chart.add(name, part)
    entry = chart_entry("trends", title, caption, svg_of(chart, "trends"), _undated_note(documents))
    entry["legend"] = [
        {"name": name, "color": SERIES_COLORS[i]} for i, (name, _) in enumerate(TREND_SERIES)
    ]
    entry["table"] = {
        "head": ["Month", "Incidents", "Median TTD (n)", "Median TTR (n)"],
        "rows": [
            [
                row["month"],
                str(row["incidents"]),
                *(
                    f"{format_minutes(row[key]['median'])} ({row[key]['count']})"
                    if row[key]["count"]
                    else "–"
                    for _, key in TREND_SERIES
                ),
            ]
            for row in stats.values()
        ],
    }
    return entry


CATEGORY_TITLES = {
    "detection": "Detected by",
    "trigger": "Triggered by",
    "mitigation": "Mitigated by",
}


def _categories(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How incidents were detected, what triggered them, how they were mitigated: one bar
    group per question, `unknown` included so that the gaps show."""
    import pygal

    title = "Detection, trigger and mitigation"
    caption = "Incidents per category, read from the text (`unknown`: nothing in it says)."
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in CATEGORY_TITLES}
    for document in documents:
        for kind in CATEGORY_TITLES:
            category = (document.get("categories") or {}).get(kind) or {}
            counts[kind][category.get("value", "unknown")] += 1
    labels = [
        f"{CATEGORY_TITLES[kind]}: {value}"
        for kind in CATEGORY_TITLES
        for value, _ in counts[kind].most_common()
    ]
    values = [n for kind in CATEGORY_TITLES for _, n in counts[kind].most_common()]
    if not values:
        return chart_entry("categories", title, caption, None, "No documents.")
    labels.reverse()
    values.reverse()
    chart = pygal.HorizontalBar(
        **chart_config(
            height=max(240, 60 + 24 * len(values)),
            show_legend=False,
            x_labels_major_count=6,
            colors=("#2e86c1",),
        )
    )
    chart.x_labels = labels
    chart.y_labels = _count_axis(max(values))
    chart.add("Incidents", values)
    return chart_entry("categories", title, caption, svg_of(chart, "categories"))


def _nice_step(top: float, ticks: int = 6) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50... that splits 0..top into at most `ticks` steps."""
    step = 1.0
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= ticks:
                return step * factor
        step *= 10


def _count_axis(top: float) -> list[int]:
    """Whole-number ticks from 0 for a count axis (pygal would print 0.2, 0.4, ...)."""
    step = int(_nice_step(max(top, 1)))
    return list(range(0, step * -(-int(max(top, 1)) // step) + 1, step))


def _bucket(minutes: float) -> int:
    return next(i for i, (_, bound) in enumerate(BUCKETS) if minutes < bound)


def _time_distribution(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    import pygal

    series = {"TTD": "ttd_minutes", "TTM": "ttm_minutes", "TTR": "ttr_minutes"}
    counts = {name: [0] * len(BUCKETS) for name in series}
    for document in documents:
        for name, key in series.items():
            value = document.get(key)
            if value is not None and value >= 0:
                counts[name][_bucket(value)] += 1
    title = "Time to detect, mitigate and resolve"
    caption = "Incidents per duration band, from the impact start."
    if not any(sum(values) for values in counts.values()):
        return chart_entry(
            "times",
            title,
            caption,
            None,
            "No document states an impact start together with a detection, mitigation or "
            "resolution time, so there are no durations to plot.",
        )
    top = max(max(values) for values in counts.values())
    chart = pygal.Bar(**chart_config(y_title="incidents", y_labels=_count_axis(top)))
    chart.x_labels = [label for label, _ in BUCKETS]
    for name, values in counts.items():
        chart.add(name, values)
    return chart_entry("times", title, caption, svg_of(chart, "times"))


def _month(date: str) -> tuple[int, int]:
    day = dt.date.fromisoformat(date)
    return day.year, day.month


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _dated(documents: Iterable[dict[str, Any]]) -> dict[tuple[int, int], list[dict[str, Any]]]:
    by_month: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for document in documents:
        if document.get("date"):
            by_month[_month(document["date"])].append(document)
    return by_month


def _month_axis(months: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """pygal options for a month axis: every month up to two years, else one label a year."""
    if len(months) <= 24:
        labels = [f"{year}-{month:02d}" for year, month in months]
        return {"x_labels": labels, "x_label_rotation": -40 if len(months) > 8 else 0}
    # Labels need not be unique: January says the year, other months stay minor and unprinted.
    labels = [str(year) if month == 1 else f"{year}-{month:02d}" for year, month in months]
    major = [label for label in labels if "-" not in label]
    return {
        "x_labels": labels,
        "x_labels_major": major,
        "show_minor_x_labels": False,
        "x_label_rotation": -40 if len(major) > 10 else 0,
    }


def _undated_note(documents: Sequence[dict[str, Any]]) -> str:
    undated = sum(1 for d in documents if not d.get("date"))
    if not undated:
        return ""
    return f"{undated} of {len(documents)} documents have no date and are not shown."


_LOG_FLOOR = 0.01  # hours: where a log axis draws a zero
_HOUR_TICKS = (0.01, 0.1, 0.25, 0.5, 1, 2, 4, 8, 24, 72, 168, 720, 2160, 8760)


def _tick_value(tick: Any) -> float:
    return float(tick["value"] if isinstance(tick, dict) else tick)


def _hour_ticks(series: dict[str, list[dict[str, Any] | None]]) -> list[Any]:
    """A few round hours on the trend's log axis (pygal's own are every decimal); the floor,
    where a median of 0 is drawn, is labelled 0."""
    values = [p["value"] for points in series.values() for p in points if p is not None]
    low, high = min(values), max(values)
    ticks: list[Any] = [t for t in _HOUR_TICKS if low / 2 <= t <= high * 2] or [low, high]
    if low <= _LOG_FLOOR:
        ticks = [{"label": "0", "value": _LOG_FLOOR}] + [t for t in ticks if t != _LOG_FLOOR]
    return ticks


def _axis_top(
    hours: Sequence[float | None], months: Sequence[tuple[int, int]]
) -> tuple[float, tuple[str, float] | None]:
    """The top of the hours axis, and the month that runs off it: one month with more than
    four times the hours of the next would squeeze every other bar to nothing (a single
    incident open for months), so the axis is scaled to the rest and that bar is named."""
    known = sorted((h for h in hours if h is not None), reverse=True)
    if len(known) >= 2 and known[1] > 0 and known[0] > 4 * known[1]:
        year, month = months[next(i for i, h in enumerate(hours) if h == known[0])]
        return known[1] * 1.25, (f"{year}-{month:02d}", known[0])
    return (known[0] if known else 0.0), None


def _per_month(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    import pygal

    by_month = _dated(documents)
    title = "Incidents per month"
    caption = "Bars: incidents (left axis) and their total duration in hours (right axis)."
    if not by_month:
        return chart_entry("months", title, caption, None, "No document states a date.")
    months = _month_range(min(by_month), max(by_month))
    hours: list[float | None] = []
    for month in months:
        known = [
            d["duration_minutes"]
            for d in by_month.get(month, [])
            if d.get("duration_minutes") is not None and d["duration_minutes"] >= 0
        ]
        hours.append(round(sum(known) / 60, 1) if known else None)
    incidents = [len(by_month.get(m, [])) or None for m in months]
    longest, outlier = _axis_top(hours, months)
    hour_step = _nice_step(max(longest, 1), 5)
    chart = pygal.Bar(
        **chart_config(
            **_month_axis(months),
            y_title="incidents",
            y_labels=_count_axis(max(n or 0 for n in incidents)),
            secondary_range=(0, hour_step * -(-max(longest, 1) // hour_step)),
            colors=("#2e86c1", "#d68910"),
            # One column per series: pygal reserves less than one legend row when a chart has
            # fewer series than columns, and the legend is then cut off at the bottom.
            legend_at_bottom_columns=2,
        )
    )
    chart.value_formatter = lambda value: f"{value:,.0f}"  # whole hours and incidents
    chart.add("Incidents", incidents)
    chart.add("Hours of impact (right axis)", hours, secondary=True)
    notes = [_undated_note(documents)]
    if outlier is not None:
        notes.append(
            f"The bar of {outlier[0]} ({outlier[1]:,.0f} hours) runs off the right axis, "
            "which is scaled to the other months."
        )
    if not any(value is not None for value in hours):
        notes.append("No document states both the impact start and the resolution time.")
    return chart_entry(
        "months", title, caption, svg_of(chart, "months"), " ".join(n for n in notes if n)
    )


def _findings_per_rule(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    import pygal

    counts: Counter[tuple[str, str]] = Counter()
    severity_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for document in documents:
        for diagnostic in document.get("diagnostics", ()):
            key = (diagnostic["rule"], diagnostic["name"])
            counts[key] += 1
            severity_of[key][diagnostic["severity"]] += 1
    title = "Findings per rule"
    caption = f"The {TOP_RULES} most common faults across all documents, by severity."
    if not counts:
        return chart_entry("rules", title, caption, None, "No findings: every document is clean.")
    top = counts.most_common(TOP_RULES)
    top.reverse()  # pygal draws the first label of a horizontal chart at the bottom
    chart = pygal.HorizontalStackedBar(
        **chart_config(
            height=max(240, 60 + 26 * len(top)),
            colors=tuple(COLORS[s] for s in SEVERITIES),
            print_values=False,
        )
    )
    chart.x_labels = [f"{rule} {name}" for (rule, name), _ in top]
    for severity in SEVERITIES:
        chart.add(severity, [severity_of[key][severity] or None for key, _ in top])
    shown = sum(value for _, value in top)
    rest = sum(counts.values()) - shown
    note = f"{rest} more findings from {len(counts) - len(top)} other rules." if rest else ""
    return chart_entry("rules", title, caption, svg_of(chart, "rules"), note)


def _ownership_over_time(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    import pygal

    by_month = _dated(documents)
    title = "Action-item ownership over time"
    caption = "Share of the month's action items that name an owner."
    months = _month_range(min(by_month), max(by_month)) if by_month else []
    rates: list[float | None] = []
    for month in months:
        items = sum(d["action_items"]["total"] for d in by_month.get(month, []))
        owned = sum(d["action_items"]["owned"] for d in by_month.get(month, []))
        rates.append(round(100 * owned / items, 1) if items else None)
    if not any(rate is not None for rate in rates):
        note = "No dated document lists action items." if by_month else "No document states a date."
        return chart_entry("ownership", title, caption, None, note)
    chart = pygal.Line(
        **chart_config(
            **_month_axis(months),
            range=(0, 100),
            y_labels=list(range(0, 101, 20)),
            y_title="% owned",
            dots_size=4,
            show_legend=False,
            margin_right=24,  # room for the last month's label
            colors=("#17a589",),
        )
    )
    chart.value_formatter = lambda value: f"{value:.0f}%"
    chart.add("Owned", rates)
    return chart_entry(
        "ownership", title, caption, svg_of(chart, "ownership"), _undated_note(documents)
    )
