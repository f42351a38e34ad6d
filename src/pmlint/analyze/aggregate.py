"""Repository-wide figures: medians and p90s of durations, missing milestones, ownership."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pmlint.analyze.followthrough import aggregate_follow_through
from pmlint.analyze.when import in_git_checkout
from pmlint.extract.timeline import MILESTONES
from pmlint.packs import CATEGORY_KINDS

DURATIONS = ("ttd_minutes", "ttm_minutes", "ttr_minutes", "duration_minutes")


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def _median(values: Sequence[float]) -> float | int | None:
    return _number(statistics.median(values)) if values else None


def monthly(documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each month with a dated incident (by the document's date), oldest first: how many
    incidents, and each duration's median with the number of incidents that state it."""
    by_month: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        if document.get("date"):
            by_month.setdefault(document["date"][:7], []).append(document)
    result = []
    for month in sorted(by_month):
        entry: dict[str, Any] = {"month": month, "incidents": len(by_month[month])}
        for key in DURATIONS:
            values = [d[key] for d in by_month[month] if d.get(key) is not None and d[key] >= 0]
            entry[key] = {"median": _median(values), "count": len(values)}
        result.append(entry)
    return result


def spread(values: Sequence[float]) -> dict[str, float | int | None]:
    """n, min, quartiles (statistics.quantiles, "inclusive": linear between the values, as
    numpy's default and a spreadsheet's QUARTILE do), median and max of non-negative values."""
    if not values:
        return {"n": 0, "min": None, "q1": None, "median": None, "q3": None, "max": None}
    q1, median, q3 = (
        statistics.quantiles(values, n=4, method="inclusive")
        if len(values) > 1
        else (values[0],) * 3
    )
    return {
        "n": len(values),
        "min": _number(min(values)),
        "q1": _number(q1),
        "median": _number(median),
        "q3": _number(q3),
        "max": _number(max(values)),
    }


def aggregate(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {"documents": len(documents)}
    for key in DURATIONS:
        values = [d[key] for d in documents if d.get(key) is not None and d[key] >= 0]
        result[key] = {
            "count": len(values),
            "median": _number(statistics.median(values)) if values else None,
            "p90": _number(percentile(values, 0.9)),
        }
    # Per measure: the figures behind the box plot (the page draws the same values).
    result["distributions"] = {
        key: spread([d[key] for d in documents if d.get(key) is not None and d[key] >= 0])
        for key in DURATIONS
    }
    result["trends"] = monthly(documents)
    result["missing_milestones"] = {
        kind: sum(1 for d in documents if d["milestones"].get(kind) is None) for kind in MILESTONES
    }
    actions = Counter[str]()
    for document in documents:
        actions.update(document["action_items"])
    result["action_items"] = dict(actions) | {
        "ownership_rate": round(actions["owned"] / actions["total"], 3)
        if actions["total"]
        else None
    }
    findings = Counter[str]()
    rules = Counter[str]()
    for document in documents:
        findings.update(document["findings"])
        rules.update(document.get("rules", {}))
    result["findings"] = {key: findings.get(key, 0) for key in ("error", "warning", "info")}
    result["rules"] = dict(rules.most_common())
    scores = [d["score"] for d in documents]
    result["score"] = {
        "median": _number(statistics.median(scores)) if scores else None,
        "min": min(scores) if scores else None,
    }
    # Incidents per severity level ("SEV1" ... "SEV5"), "other" for a stated value no level
    # reads, "unknown" where the document states none: the counts behind the scatter.
    result["severity"] = dict(
        sorted(
            Counter(
                f"SEV{d['severity_level']}"
                if d.get("severity_level") is not None
                else "other"
                if d.get("severity")
                else "unknown"
                for d in documents
            ).items(),
            key=lambda item: (item[0] in ("other", "unknown"), item[0]),
        )
    )
    result["categories"] = {
        kind: dict(
            Counter(
                (d.get("categories") or {}).get(kind, {}).get("value", "unknown") for d in documents
            ).most_common()
        )
        for kind in CATEGORY_KINDS
    }
    hours = [d.get("out_of_hours") for d in documents]
    result["out_of_hours"] = {
        "out_of_hours": sum(1 for h in hours if h is True),
        "working_hours": sum(1 for h in hours if h is False),
        "unknown": sum(1 for h in hours if h is None),
    }
    publish = [d["days_to_publish"] for d in documents if d.get("days_to_publish") is not None]
    result["days_to_publish"] = {
        "count": len(publish),
        "median": _number(statistics.median(publish)) if publish else None,
        "p90": _number(percentile(publish, 0.9)),
        # Dated documents whose folder is not a git checkout: no first commit to count to.
        "outside_git": sum(
            1
            for d in documents
            if d.get("date") and d.get("days_to_publish") is None and not in_git_checkout(d["path"])
        ),
    }
    result["follow_through"] = aggregate_follow_through(documents)
    result["passing"] = sum(
        1 for d in documents if d["findings"]["error"] == 0 and d["findings"]["warning"] == 0
    )
    return result
