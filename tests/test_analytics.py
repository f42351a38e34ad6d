"""analyze's categories (detection source, trigger, mitigation kind), out-of-hours detection
and the days from an incident to its postmortem's first commit, on documents written here."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import invoke, write

ALERTED_DEPLOY = """\
---
date: 2024-03-09
---
# Checkout errors

## Timeline

All times UTC.

- 2024-03-09 22:10 the payments service release 4.2 was deployed
- 2024-03-09 22:14 the error-rate alert fired and paged the on-call engineer
- 2024-03-09 22:40 the release was rolled back; error rate back to normal
"""

CUSTOMER_CERT = """\
# Login failures

## Timeline

All times UTC.

- 2024-04-02 10:05 users report that login fails with a certificate warning
- 2024-04-02 10:50 the certificate was renewed and logins work again

## Root cause

The TLS certificate of the identity provider expired: its renewal job had been disabled.

## Resolution

We renewed the certificate by hand and restarted the identity provider.
"""

STATED = """\
---
trigger: hardware
detection: third party
---
# Disk loss

## Timeline

- 2024-05-06 14:00 UTC the storage array lost a disk
"""

TOLD_IN_PROSE = """\
# Search outage

## Summary

Search returned errors for forty minutes. The outage was caused by a
configuration change that set the index replica count to zero. We rolled back the change
and search recovered.
"""

ONLY_IN_FOLLOW_UPS = """\
# Search outage

## Summary

Search returned errors for forty minutes.

## Action items

- Add a deploy check so that a bad release cannot cause this again
"""

NOTHING = "# A short note\n\nWe had some trouble last week and it is fixed now.\n"


def _analyze(folder: Path) -> dict:
    return json.loads(invoke("analyze", "--format", "json", str(folder)).stdout)


def _by_name(payload: dict) -> dict[str, dict]:
    return {Path(d["path"]).name: d for d in payload["documents"]}


def test_categories_come_from_the_milestones_entries_the_sections_and_what_is_stated(
    tmp_path: Path,
) -> None:
    write(tmp_path / "a.md", ALERTED_DEPLOY)
    write(tmp_path / "b.md", CUSTOMER_CERT)
    write(tmp_path / "c.md", STATED)
    write(tmp_path / "d.md", NOTHING)
    payload = _analyze(tmp_path)
    docs = _by_name(payload)
    values = {
        name: {k: v["value"] for k, v in doc["categories"].items()} for name, doc in docs.items()
    }
    assert values["a.md"] == {"detection": "alert", "trigger": "deploy", "mitigation": "rollback"}
    assert values["b.md"]["detection"] == "customer"
    assert values["b.md"]["trigger"] == "expiry"
    assert values["c.md"]["trigger"] == "hardware"
    assert values["c.md"]["detection"] == "third-party"
    assert values["d.md"] == dict.fromkeys(("detection", "trigger", "mitigation"), "unknown")
    assert docs["a.md"]["categories"]["detection"] == {
        "value": "alert",
        "line": 11,
        "how": "timeline",
    }
    assert docs["c.md"]["categories"]["trigger"]["how"] == "front-matter"
    assert docs["b.md"]["categories"]["mitigation"] == {
        "value": "restart",
        "line": 16,
        "how": "section",
    }
    detection = payload["aggregate"]["categories"]["detection"]
    assert detection == {"alert": 1, "customer": 1, "third-party": 1, "unknown": 1}
    rows = list(
        csv.DictReader(io.StringIO(invoke("analyze", "--format", "csv", str(tmp_path)).stdout))
    )
    assert {r["trigger"] for r in rows} == {"deploy", "expiry", "hardware", "unknown"}
    text = invoke("analyze", str(tmp_path)).stdout
    assert "Trigger: " in text and "deploy 1" in text


def test_the_trigger_comes_from_the_sentence_that_tells_the_cause(tmp_path: Path) -> None:
    """No timeline entry, section or field says it: the summary's sentence of the cause does
    (the class words outside "caused by"); the action items, about the future, never do."""
    write(tmp_path / "e.md", TOLD_IN_PROSE)
    write(tmp_path / "f.md", ONLY_IN_FOLLOW_UPS)
    docs = _by_name(_analyze(tmp_path))
    assert docs["e.md"]["categories"]["trigger"] == {"value": "config", "line": 5, "how": "prose"}
    assert docs["e.md"]["categories"]["detection"]["value"] == "unknown"  # nobody noticed
    assert docs["f.md"]["categories"]["trigger"]["value"] == "unknown"


def test_out_of_hours_reads_the_detection_time(tmp_path: Path) -> None:
    write(tmp_path / "a.md", ALERTED_DEPLOY)  # Saturday 22:14
    write(tmp_path / "b.md", CUSTOMER_CERT)  # Tuesday 10:05
    write(tmp_path / "d.md", NOTHING)
    payload = _analyze(tmp_path)
    docs = _by_name(payload)
    assert (docs["a.md"]["out_of_hours"], docs["b.md"]["out_of_hours"]) == (True, False)
    assert docs["d.md"]["out_of_hours"] is None
    assert payload["aggregate"]["out_of_hours"] == {
        "out_of_hours": 1,
        "working_hours": 1,
        "unknown": 1,
    }


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_days_to_publish_come_from_the_first_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo / "a.md", ALERTED_DEPLOY)
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": "2024-03-14T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-03-14T12:00:00+00:00",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(tmp_path),
    }
    for command in (["git", "init", "-q"], ["git", "add", "a.md"], ["git", "commit", "-qm", "pm"]):
        subprocess.run(command, cwd=repo, env=env, check=True)
    write(tmp_path / "loose.md", ALERTED_DEPLOY)
    assert _by_name(_analyze(repo))["a.md"]["days_to_publish"] == 5
    payload = _analyze(tmp_path / "loose.md")
    assert payload["documents"][0]["days_to_publish"] is None


FOLLOW_UP = """\
# Queue backlog

## Action items

| Action | Owner | Due | Status |
| --- | --- | --- | --- |
| Add an alert on queue depth above 10,000 messages | @dana | 2020-01-31 | DONE |
| Add an alert on consumer lag above five minutes | @li | 2020-02-28 | open |
| Write the runbook for draining the dead-letter queue | @li | Q4 2999 | open |

## Root cause

The consumer pool ran out of database connections during the nightly batch import.
"""

FOLLOW_UP_AGAIN = """\
# Queue backlog again

## Action items

- [ ] Add an alert on queue depth above 5,000 messages (owner: @dana)

## Root cause

Again the consumer pool ran out of database connections during a batch import.
"""


def test_follow_through_and_repeats(tmp_path: Path) -> None:
    write(tmp_path / "a.md", FOLLOW_UP)
    write(tmp_path / "b.md", FOLLOW_UP_AGAIN)
    payload = _analyze(tmp_path)
    docs = _by_name(payload)
    assert docs["a.md"]["follow_through"] == {
        "total": 3,
        "done": 1,
        "open": 2,
        "overdue": 1,  # 2020-02-28 has passed; Q4 2999 has not
        "owned": 3,
        "tracked": 0,
    }
    assert payload["aggregate"]["follow_through"]["total"] == 4
    repeated = payload["aggregate"]["repeats"]
    (items,) = repeated["action_items"]
    assert [Path(p["path"]).name for p in items["places"]] == ["a.md", "b.md"]
    assert {"alert", "queue", "depth"} <= set(items["terms"])
    (causes,) = repeated["root_causes"]
    assert [p["line"] for p in causes["places"]] == [13, 9]
    text = invoke("analyze", str(tmp_path)).stdout
    assert "Follow-through: 1 of 4 action items done, 1 overdue" in text


def test_working_hours_come_from_the_config(tmp_path: Path) -> None:
    write(tmp_path / "a.md", ALERTED_DEPLOY)  # Saturday 2024-03-09 22:14 UTC
    write(tmp_path / "b.md", CUSTOMER_CERT)  # Tuesday 2024-04-02 10:05 UTC
    write(
        tmp_path / ".pmlint.yaml",
        "working_hours:\n  days: [sat, sun]\n  hours: '20:00-23:59'\n  timezone: UTC\n",
    )
    docs = _by_name(_analyze(tmp_path))
    assert (docs["a.md"]["out_of_hours"], docs["b.md"]["out_of_hours"]) == (False, True)
    broken = tmp_path / "broken"
    write(broken / "a.md", ALERTED_DEPLOY)
    write(broken / ".pmlint.yaml", "working_hours:\n  hours: '18:00-09:00'\n")
    result = invoke("analyze", str(broken))
    assert result.exit_code == 2
    assert "working_hours" in result.stderr and "HH:MM-HH:MM" in result.stderr


def test_one_month_of_huge_impact_does_not_flatten_the_others() -> None:
    """The report fix the issue asked for: an axis stretched to 25,000 h by one outlier."""
    from pmlint.analyze.charts import _axis_top

    months = [(2024, 1), (2024, 2), (2024, 3)]
    top, outlier = _axis_top([3.0, 25_000.0, 5.0], months)
    assert top == 5.0 * 1.25 and outlier == ("2024-02", 25_000.0)
    assert _axis_top([3.0, 12.0, None], months) == (12.0, None)  # nothing runs off
    assert _axis_top([None, None, None], months) == (0.0, None)


def test_severity_is_read_as_teams_write_it_for_the_scatter() -> None:
    from pmlint.analyze.charts import charts, severity_level

    written = ["SEV2", "sev-1", "P1", "Severity 3", "critical", "low", "SEV0", "2", "banana", None]
    assert [severity_level(w) for w in written] == [2, 1, 1, 3, 1, 4, 1, 2, None, None]
    documents = [
        {"severity": "SEV1", "duration_minutes": 600, "date": None},
        {"severity": "SEV3", "duration_minutes": 20, "date": None},
        {"severity": None, "duration_minutes": 45, "date": None},
    ]
    [scatter] = [c for c in charts(documents) if c["id"] == "severity"]
    assert scatter["svg"] is not None and scatter["svg"].count("<circle") == 2


def _timed_doc(day: str, detect: str, resolve: str) -> str:
    return (
        f"---\ndate: {day}\n---\n# Incident of {day}\n\n## Timeline\n\nAll times UTC, {day}.\n\n"
        f"- 10:00 — impact begins.\n- {detect} — the error-rate alert fires.\n"
        f"- {resolve} — the release was rolled back; the incident is resolved.\n"
    )


def test_trends_and_distributions_in_json_csv_and_text(tmp_path: Path) -> None:
    # TTD 0, 0 and 30 minutes; TTR 60, 180 and 120; January twice, none in February, March.
    write(tmp_path / "a.md", _timed_doc("2024-01-10", "10:00", "11:00"))
    write(tmp_path / "b.md", _timed_doc("2024-01-20", "10:00", "13:00"))
    write(tmp_path / "c.md", _timed_doc("2024-03-05", "10:30", "12:00"))
    aggregate = json.loads(invoke("analyze", "--format", "json", str(tmp_path)).stdout)["aggregate"]
    assert aggregate["distributions"]["ttd_minutes"] == {
        "n": 3, "min": 0, "q1": 0, "median": 0, "q3": 15, "max": 30
    }  # fmt: skip
    assert aggregate["distributions"]["ttr_minutes"] == {
        "n": 3, "min": 60, "q1": 90, "median": 120, "q3": 150, "max": 180
    }  # fmt: skip
    assert [(m["month"], m["incidents"]) for m in aggregate["trends"]] == [
        ("2024-01", 2),
        ("2024-03", 1),
    ]
    assert aggregate["trends"][0]["ttd_minutes"] == {"median": 0, "count": 2}
    assert aggregate["trends"][0]["ttr_minutes"] == {"median": 120, "count": 2}
    months = list(
        csv.DictReader(io.StringIO(invoke("analyze", "--format", "csv", "--table", "months",
                                          str(tmp_path)).stdout))
    )  # fmt: skip
    assert [(r["month"], r["incidents"], r["ttd_median"], r["ttd_n"]) for r in months] == [
        ("2024-01", "2", "0", "2"),
        ("2024-03", "1", "30", "1"),
    ]
    spreads = csv.DictReader(
        io.StringIO(invoke("analyze", "--format", "csv", "--table", "distributions",
                           str(tmp_path)).stdout)
    )  # fmt: skip
    ttr = next(r for r in spreads if r["measure"] == "ttr")
    assert (ttr["n"], ttr["min"], ttr["q1"], ttr["median"], ttr["q3"], ttr["max"]) == (
        "3", "60", "90", "120", "150", "180"
    )  # fmt: skip
    # The documents table keeps its columns and gains the categories' lines at the end, then
    # the severity's level and line.
    documents = invoke("analyze", "--format", "csv", str(tmp_path)).stdout
    header = documents.splitlines()[0].split(",")
    assert header[-5:] == [
        "detection_line", "trigger_line", "mitigation_line", "severity_level", "severity_line"
    ]  # fmt: skip
    assert header.index("score") == len(header) - 6
    first = next(csv.DictReader(io.StringIO(documents)))
    assert first["detection"] == "alert" and first["detection_line"] == "11"
    text = invoke("analyze", str(tmp_path)).stdout
    assert "TTR min / Q1 / median / Q3 / max: 1h00 / 1h30 / 2h00 / 2h30 / 3h00 (n=3)" in text
    assert "Month 2024-01: 2 incidents, median TTD 0m (n=2), median TTR 2h00 (n=2)" in text


def test_each_document_shows_its_categories_hours_and_follow_through(tmp_path: Path) -> None:
    write(tmp_path / "a.md", _timed_doc("2024-01-10", "10:00", "11:00"))
    write(tmp_path / "b.md", "# Something happened\n\n## Summary\n\nIt went away.\n")
    payload = json.loads(invoke("analyze", "--format", "json", str(tmp_path)).stdout)
    alert = payload["documents"][0]["categories"]["detection"]
    shown = f"detection alert (line {alert['line']}, {alert['how']})"
    text = invoke("analyze", str(tmp_path)).stdout
    assert f"{tmp_path / 'a.md'}: severity not stated; {shown}; " in text
    assert "; out of hours no; action items no action items" in text
    assert (
        f"{tmp_path / 'b.md'}: severity not stated; detection unknown; trigger unknown; "
        "mitigation unknown; "
        "out of hours unknown; action items no action items"
    ) in text
    html = invoke("analyze", "--format", "html", str(tmp_path)).stdout
    section = html.split('id="doc-1"', 1)[1].split("</section>", 1)[0]
    assert f"<dt>Detection</dt><dd>alert (line {alert['line']}, {alert['how']})</dd>" in section
    assert "<dt>Out of hours</dt><dd>no</dd>" in section
    assert "<dt>Follow-through</dt><dd>no action items</dd>" in section
    other = html.split('id="doc-2"', 1)[1].split("</section>", 1)[0]
    assert "<dt>Trigger</dt><dd>unknown</dd>" in other


TEMPLATED = """\
---
date: 2024-0{month}-02
---
# Queue backlog {month}

## Root cause

*Ask "why" five times until you reach what really caused the problem.*

_What caused this situation?_ The **consumer pool** ran out of database connections during the
nightly import.

<!-- Write down the underlying cause and what must change so it does not recur -->

TBD

## Action items

- *Describe the follow-up work and who owns it*
- Add an alert on `queue depth` above {month},000 messages (owner: @dana)
"""


def test_repeats_leave_out_template_text_and_read_as_words(tmp_path: Path) -> None:
    for month in (1, 2, 3):
        write(tmp_path / f"{month}.md", TEMPLATED.format(month=month))
    payload = _analyze(tmp_path)
    repeated = payload["aggregate"]["repeats"]
    (causes,) = repeated["root_causes"]  # not the instruction shared by all three
    assert [p["line"] for p in causes["places"]] == [10, 10, 10]
    assert causes["places"][0]["text"] == (
        "The consumer pool ran out of database connections during the nightly import."
    )
    assert causes["terms"] == [
        "connections", "consumer", "database", "import", "nightly", "pool", "ran"
    ]  # fmt: skip
    assert "connection" in causes["stems"]
    (items,) = repeated["action_items"]
    assert items["places"][0]["text"] == "Add an alert on queue depth above 1,000 messages"
    assert "messages" in items["terms"] and "messag" in items["stems"]
    text = invoke("analyze", str(tmp_path)).stdout
    assert "analysi" not in text and "*" not in text.split("Repeated", 1)[1]
    html = invoke("analyze", "--format", "html", str(tmp_path)).stdout
    section = html.split("What keeps coming back", 1)[1].split("<h2", 1)[0]
    assert section.count('<a href="#doc-') == 6  # every place linked to its document
    assert '<a href="#doc-1">' in section and "**" not in section and "`" not in section


def test_config_vocabulary_reaches_analyze_and_agrees_with_pm005(tmp_path: Path) -> None:
    write(
        tmp_path / ".pmlint.yaml",
        "rules:\n  PM005:\n    options:\n      fields:\n"
        "        trigger: [deploy, config, human-error]\n",
    )
    write(
        tmp_path / "a.md",
        "---\ndetection: pager\ntrigger: Human-Error\n---\n# Queue stalled\n\n## Timeline\n\n"
        "All times UTC, 2024-03-09.\n\n- 22:10 the release was deployed\n",
    )
    config = str(tmp_path / ".pmlint.yaml")
    checked = invoke("check", "--format", "json", "--config", config, "--select", "PM005",
                     str(tmp_path / "a.md"))  # fmt: skip
    findings = json.loads(checked.stdout)
    messages = [d["message"] for f in findings["files"] for d in f["diagnostics"]]
    # The trigger the config allows is not reported; the detection is, saying what analyze
    # counts it as.
    assert messages == [
        "'pager' is not a detection this repository uses (pmlint analyze counts it as alert)."
    ]
    payload = json.loads(
        invoke("analyze", "--format", "json", "--config", config, str(tmp_path)).stdout
    )
    categories = payload["documents"][0]["categories"]
    # Front matter wins over the deploy in the timeline; the allowed value counts as itself.
    assert categories["trigger"] == {
        "value": "human-error", "line": 1, "how": "front-matter", "stated": "Human-Error"
    }  # fmt: skip
    assert categories["detection"]["value"] == "alert"
    assert categories["detection"]["stated"] == "pager"
    assert payload["aggregate"]["categories"]["trigger"] == {"human-error": 1}
    text = invoke("analyze", "--config", config, str(tmp_path)).stdout
    assert "detection alert (line 1, front-matter 'pager')" in text


def test_small_slips_title_entities_markdown_headers_and_no_git_note(tmp_path: Path) -> None:
    if shutil.which("git") is not None:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=tmp_path, capture_output=True
        )
        if inside.returncode == 0:
            pytest.skip("the temporary folder is inside a git checkout")
    write(
        tmp_path / "a.md",
        '---\ntitle: "Rate limiting post&#x2011;mortem"\n---\n'
        + _timed_doc("2024-01-10", "10:00", "11:00").split("\n", 4)[4],  # no heading
    )
    page = invoke("analyze", "--format", "html", str(tmp_path)).stdout
    assert "Rate limiting post\u2011mortem" in page
    assert "&amp;#x2011;" not in page and "&#x2011;" not in page
    markdown = invoke("analyze", "--format", "markdown", str(tmp_path)).stdout
    assert markdown.startswith("| Path | Date | TTD | TTM | TTR | Duration |")
    text = invoke("analyze", str(tmp_path)).stdout
    note = "Days from incident to first commit: skipped, 1 dated document is not in a git checkout"
    assert note in text
    assert "skipped: 1 dated document is not in a git checkout" in page
    aggregate = json.loads(invoke("analyze", "--format", "json", str(tmp_path)).stdout)["aggregate"]
    assert aggregate["days_to_publish"] == {
        "count": 0, "median": None, "p90": None, "outside_git": 1
    }  # fmt: skip


def test_a_first_heading_that_names_a_section_is_not_the_title(tmp_path: Path) -> None:
    """A document written as top-level sections ("# Summary", "# Impact") has no title of its
    own: the reports show its front matter's title, else its file name, not "Summary"; a
    lone top heading stays the title even when it reads like a section's name."""
    sections = "# Summary\n\nThe queue stalled.\n\n# Impact\n\n40 jobs were late.\n"
    write(tmp_path / "bare.md", sections)
    write(tmp_path / "named.md", "---\ntitle: Queue stall\n---\n" + sections)
    write(tmp_path / "lone.md", "# Queue Incident Response\n\n## Summary\n\nThe queue stalled.\n")
    docs = _by_name(_analyze(tmp_path))
    titles = {name: doc["title"] for name, doc in docs.items()}
    assert titles == {
        "bare.md": None,
        "named.md": "Queue stall",
        "lone.md": "Queue Incident Response",
    }
