"""`--statistics`: how many findings each rule made, most first (like `ruff --statistics`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pmlint.formats.common import RunInfo
from pmlint.report import FileReport


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    counts: Counter[tuple[str, str]] = Counter(
        (d.rule, d.name) for report in reports for d in report.diagnostics
    )
    if not counts:
        return ""
    width = max(len(str(count)) for count in counts.values())
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{count:>{width}}  {rule}  {name}\n" for (rule, name), count in rows)
