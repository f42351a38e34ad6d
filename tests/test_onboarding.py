"""What a new user hits first (issue 16): checks through the command line, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke, write

BOLD_TITLES = """\
# Checkout outage

**Summary**

Checkout failed for 40 minutes for 12% of orders.

**Impact**

About 12% of orders failed between 10:02 and 10:41 UTC.

**Timeline**

- 2024-03-11 10:41 UTC: the pool was resized and the incident was resolved.
- 2024-03-11 10:02 UTC: errors began and the error-rate alert fired.

**Root cause**

TBD

**Resolution**

We raised the pool size and restarted the checkout workers.

**Action items**

- Alert on pool saturation before it reaches 90% (owner: @dana, OPS-1234).

**Lessons learned**

Canary deploys would have caught this within five minutes.
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules(args: list[str]) -> list[str]:
    payload = json.loads(invoke("check", "--format", "json", *args).stdout)
    return [d["rule"] for f in payload["files"] for d in f["diagnostics"]]


def test_bold_titles_without_a_colon_are_sections(work: Path) -> None:
    write(work / "pm.md", BOLD_TITLES)
    found = _rules(["pm.md"])
    assert "PM001" not in found  # no "missing section" for the bold titles
    assert "PM103" in found  # the out-of-order timeline under **Timeline**
    assert "PM003" in found  # the TBD under **Root cause**
    with_colons = BOLD_TITLES.replace("**\n\n", ":**\n\n")
    write(work / "colons.md", with_colons)
    assert sorted(_rules(["colons.md"])) == sorted(found)
