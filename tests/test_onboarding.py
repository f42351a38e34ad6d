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


def test_statistics_counts_findings_per_rule(work: Path) -> None:
    write(work / "pm.md", BOLD_TITLES.replace("**Impact**", "Impact:"))
    result = invoke("check", "--statistics", "pm.md")
    assert result.exit_code == 1  # the exit code is --fail-on's, as without it
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 3 and row[0].isdigit() for row in rows)
    counts = {rule: int(count) for count, rule, _ in rows}
    assert counts == {
        rule: n for rule, n in __import__("collections").Counter(_rules(["pm.md"])).items()
    }
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)


def test_summary_appends_a_markdown_table(work: Path) -> None:
    write(work / "pm.md", BOLD_TITLES)
    target = work / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    result = invoke("check", "-q", "--summary", str(target), "pm.md", "missing.md")
    assert result.exit_code == 2
    summary = target.read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## pmlint\n")
    assert "| pm.md | PM103 timeline-out-of-order | warning | 1 |" in summary
    assert "- `missing.md`: no such file or directory" in summary


def test_short_version_option() -> None:
    from pmlint import __version__

    assert invoke("-V").stdout == f"pmlint, version {__version__}\n"


def test_sarif_rules_link_to_their_docs_in_the_repository(work: Path) -> None:
    import sys

    from pmlint.rule import REPO_URL
    from tests.conftest import REPO

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Repository"] == REPO_URL
    write(work / "pm.md", BOLD_TITLES)
    payload = json.loads(invoke("check", "--format", "sarif", "pm.md").stdout)
    rules = payload["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    prefix = f"{REPO_URL}/blob/main/"
    for rule in rules:
        uri = rule["helpUri"]
        assert uri.startswith(prefix), uri
        assert (REPO / uri.removeprefix(prefix)).is_file(), uri  # the rule's YAML, its docs


@pytest.mark.slow
def test_the_documented_shell_completion_works() -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_PMLINT_COMPLETE=bash_source pmlint)"' in readme
    console = Path(sys.executable).parent / "pmlint"  # the name completion is keyed by
    if not console.exists():
        pytest.skip("no pmlint console script next to this interpreter")
    script = subprocess.run(
        [str(console)],
        env={**os.environ, "_PMLINT_COMPLETE": "bash_source"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "complete -o nosort -F" in script.stdout, script.stdout + script.stderr
    words = subprocess.run(
        [str(console)],
        env={**os.environ, "_PMLINT_COMPLETE": "bash_complete", "COMP_WORDS": "pmlint ch",
             "COMP_CWORD": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert "plain,check" in words.stdout.splitlines()
