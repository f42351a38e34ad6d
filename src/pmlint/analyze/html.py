"""`pmlint analyze --format html`: one self-contained page a team can open or attach anywhere.

The page is a single file: CSS inline, charts as inline SVG, and a dozen lines of inline
JavaScript that sort the table when a header is clicked. It makes no network request, and its
Content-Security-Policy (`default-src 'none'`) makes the browser refuse any it might still try.

Why these libraries:

- jinja2 renders the page with autoescaping on. Titles, paths, messages and suggestions are
  untrusted text from the documents; with autoescape every interpolation is escaped unless it
  is explicitly marked safe, instead of relying on each call site to remember `html.escape`.
- pygal draws the charts in Python as SVG: no chart library has to be inlined in the page
  (the JavaScript ones weigh tens to hundreds of kB and draw only once a browser runs them),
  the SVG is readable without JavaScript (and so in the screenshot, a mail client or a CI
  artifact viewer), and labels go through its XML tree builder, so they are escaped too. It is
  maintained (Kozea) and pure Python. Its default output loads a tooltip script from a CDN
  (kozea.github.io), which would be a network request: `js=[]` drops it, and an XML filter
  removes the inline configuration script that only that tooltip script reads, and the
  comments, which carry the render date. The chart ids are fixed, so the same documents give
  the same page byte for byte.

The charts are drawn in `pmlint.analyze.charts`; this module lays out the page around them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from pmlint.analyze.charts import charts
from pmlint.analyze.shown import (
    CATEGORY_KINDS,
    category_shown,
    dated_outside,
    follow_through_shown,
    format_minutes,
    impact_headline,
    out_of_hours_shown,
    severity_shown,
)
from pmlint.version import __version__


def render_html(payload: dict[str, Any]) -> str:
    """The report page for an analyze payload (see `pmlint.analyze.run.analyze`)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pmlint", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2").render(**report_context(payload))


def report_context(payload: dict[str, Any]) -> dict[str, Any]:
    documents: list[dict[str, Any]] = payload["documents"]
    aggregate: dict[str, Any] = payload["aggregate"]
    count = len(documents)
    dated = sorted(d["date"] for d in documents if d.get("date"))
    return {
        "version": __version__,
        "count": count,
        "period": (dated[0], dated[-1]) if dated else None,
        "undated": count - len(dated),
        "headline": _headline(aggregate),
        "charts": charts(documents) if documents else [],
        "missing": _missing(documents, aggregate),
        "repeats": _repeats(
            aggregate, {d["path"]: f"doc-{index}" for index, d in enumerate(documents, 1)}
        ),
        "rows": [_row(index, d) for index, d in enumerate(documents, 1)],
    }


# Headline strip -------------------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _headline(aggregate: dict[str, Any]) -> list[dict[str, str]]:
    total = aggregate["documents"]
    tiles = [{"label": "Incidents", "value": str(total), "detail": "postmortems analyzed"}]
    names = {"ttd_minutes": "detect", "ttm_minutes": "mitigate", "ttr_minutes": "resolve"}
    for key, verb in names.items():
        stats = aggregate[key]
        label = f"Time to {verb}"
        if stats["count"]:
            tiles.append(
                {
                    "label": label,
                    "value": f"{format_minutes(stats['median'])}",
                    "detail": f"{key[:3].upper()} median; p90 {format_minutes(stats['p90'])}; "
                    f"{stats['count']} of {total} documents state it",
                }
            )
        else:
            tiles.append(
                {
                    "label": label,
                    "value": "–",
                    "detail": "no document states the impact start and this time"
                    if total
                    else "no documents",
                    "missing": "yes",
                }
            )
    actions = aggregate["action_items"]
    items, owned = actions.get("total", 0), actions.get("owned", 0)
    tiles.append(
        {
            "label": "Action items with an owner",
            "value": _share(owned, items),
            "detail": f"{owned} of {items} items" if items else "no action items found",
        }
    )
    passing = aggregate.get("passing", 0)
    tiles.append(
        {
            "label": "Passing the lint",
            "value": _share(passing, total),
            "detail": f"{passing} of {total} documents have no error or warning"
            if total
            else "no documents",
        }
    )
    follow = aggregate.get("follow_through") or {}
    if follow.get("total"):
        tiles.append(
            {
                "label": "Action items done",
                "value": _share(follow["done"], follow["total"]),
                "detail": f"{follow['done']} of {follow['total']}; {follow['overdue']} overdue",
            }
        )
    hours = aggregate.get("out_of_hours") or {}
    timed = hours.get("out_of_hours", 0) + hours.get("working_hours", 0)
    tiles.append(
        {
            "label": "Detected out of hours",
            "value": _share(hours.get("out_of_hours", 0), timed),
            "detail": f"{hours.get('out_of_hours', 0)} of {timed} with a detection time "
            "(outside Mon–Fri 09:00–18:00)"
            if timed
            else "no document gives a detection time with its day",
        }
    )
    publish = aggregate.get("days_to_publish") or {}
    outside = publish.get("outside_git", 0)
    if publish.get("count"):
        tiles.append(
            {
                "label": "Days to publish",
                "value": f"{publish['median']:g}",
                "detail": f"median from the incident to the first commit; p90 {publish['p90']:g}; "
                f"{publish['count']} of {total} documents"
                + (f"; {outside} not in a git checkout" if outside else ""),
            }
        )
    elif outside:
        tiles.append(
            {
                "label": "Days to publish",
                "value": "–",
                "detail": f"skipped: {dated_outside(outside)} not in a git checkout "
                "(the days run from a document's date to its first commit)",
            }
        )
    score = aggregate.get("score") or {}
    tiles.append(
        {
            "label": "Quality score",
            "value": f"{score['median']:g}" if score.get("median") is not None else "–",
            "detail": f"median, of 100; lowest {score['min']}"
            if score.get("min") is not None
            else "no documents",
        }
    )
    for tile in tiles:
        tile.setdefault("missing", "yes" if tile["value"] == "–" else "")
    return tiles


def _repeats(aggregate: dict[str, Any], anchors: dict[str, str]) -> list[dict[str, Any]]:
    """The repeat groups, each place linked to its document's section."""
    groups = []
    names = (("action_items", "Follow-up"), ("root_causes", "Root cause"))
    for key, kind in names:
        for group in (aggregate.get("repeats") or {}).get(key, [])[:10]:
            places = [place | {"anchor": anchors.get(place["path"])} for place in group["places"]]
            groups.append({"kind": kind, "terms": ", ".join(group["terms"]), "places": places})
    return groups


# What is missing, and the table -----------------------------------------------------------


def _missing(documents: Sequence[dict[str, Any]], aggregate: dict[str, Any]) -> list[str]:
    if not documents:
        return []
    total = len(documents)
    lines = []
    missing = aggregate["missing_milestones"]
    names = {
        "start": "impact start",
        "detected": "detection time",
        "mitigated": "mitigation time",
        "resolved": "resolution time",
    }
    for kind, phrase in names.items():
        if missing.get(kind):
            lines.append(f"{missing[kind]} of {total} documents state no {phrase}")
    undated = sum(1 for d in documents if not d.get("date"))
    if undated:
        lines.append(f"{undated} of {total} documents state no date")
    no_impact = sum(1 for d in documents if not d["impact"])
    if no_impact:
        lines.append(f"{no_impact} of {total} documents give no impact figure")
    no_actions = sum(1 for d in documents if not d["action_items"]["total"])
    if no_actions:
        lines.append(f"{no_actions} of {total} documents list no action items")
    return lines


def _moment(iso: str | None) -> str | None:
    """'2024-03-11T09:30:00+00:00' as '2024-03-11 09:30 +00:00': shorter, and it reads."""
    if iso is None:
        return None
    when = dt.datetime.fromisoformat(iso)
    offset = when.strftime("%z")
    shown = when.strftime("%Y-%m-%d %H:%M")
    return f"{shown} {offset[:3]}:{offset[3:]}" if offset else shown


def _with_source(shown: str | None, source: dict[str, Any] | None) -> str | None:
    """'2024-03-11 09:30 +00:00 (line 12, timeline)': where a reviewer can check it; an
    inferred value says so."""
    if shown is None or not source:
        return shown
    if source.get("precision") == "day":
        shown = shown[:10]  # the document gives the day only
    how = source.get("how")
    label = {"inferred": "inferred from another milestone", "model": "read by the model"}.get(
        str(how), how
    )
    return f"{shown} (line {source.get('line')}, {label})"


def _band(score: int) -> str:
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def _row(index: int, document: dict[str, Any]) -> dict[str, Any]:
    findings = document["findings"]
    actions = document["action_items"]
    impact = impact_headline(document)
    return {
        "anchor": f"doc-{index}",
        "path": document["path"],
        # A title may carry HTML entities ("post&#x2011;mortem" in front matter): decoded
        # here, so that the page escapes the character once instead of showing the entity.
        "title": html.unescape(document.get("title") or "") or document["path"].rsplit("/", 1)[-1],
        "date": document.get("date") or "",
        "severity": document.get("severity") or "",
        "severity_level": document.get("severity_level"),
        "severity_shown": severity_shown(document),
        "times": {
            key: (document.get(f"{key}_minutes"), format_minutes(document.get(f"{key}_minutes")))
            for key in ("ttd", "ttm", "ttr", "duration")
        },
        "impact": "" if impact == "-" else impact,
        "actions": actions,
        "findings": findings,
        # Sort key, one number for the page's script: errors first, then warnings, then infos.
        "findings_key": (findings["error"] * 1000 + findings["warning"]) * 1000 + findings["info"],
        "score": document["score"],
        "band": _band(document["score"]),
        "milestones": {
            kind: _with_source(_moment(iso), document.get("milestone_sources", {}).get(kind))
            for kind, iso in document["milestones"].items()
        },
        "timezone": document.get("timezone"),
        "categories": {
            kind: category_shown((document.get("categories") or {}).get(kind))
            for kind in CATEGORY_KINDS
        },
        "out_of_hours": out_of_hours_shown(document.get("out_of_hours")),
        "follow_through": follow_through_shown(document.get("follow_through")),
        "diagnostics": document.get("diagnostics", []),
    }
