"""Writing a JSON file that readers in other processes may open at any moment.

The result cache, its index, the regex cache, the YAML memo and the rule-kind memo are
all read by parallel jobs and by the next run while a run writes them: each is written to
a temporary file of this process and renamed over the old one, so a reader sees the old
file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import json
import os


def write_atomically(path: str, payload: object, *, compact: bool = False) -> None:
    """Write `payload` as JSON to `path` (its folder made if missing) through a temporary
    file renamed over it. Raises what writing raises (OSError, ValueError for a value JSON
    cannot write), after removing the temporary file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, separators=(",", ":") if compact else None)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
