"""A repository of 20 postmortems written for this test, with a git history made here, where
every analytics figure is known from how the documents were made and is asserted."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import statistics
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import invoke, write

DETECTION = [
    ("alert", "the disk-usage alert fired and paged the on-call engineer"),
    ("customer", "customers reported failed logins on the support forum"),
    ("employee", "an engineer noticed the queue was not draining"),
    ("third-party", "our hosting provider notified us about the fault"),
]
TRIGGER = [
    ("deploy", "version {n}.0 of the api was deployed"),
    ("config", "a configuration change to the load balancer took effect"),
    ("capacity", "a traffic spike exhausted the connection pool"),
    ("expiry", "the TLS certificate of the api expired"),
    ("security", "a malicious bot began an attack on the login page"),
]
MITIGATION = [
    ("rollback", "the change was rolled back and errors stopped"),
    ("restart", "the workers were restarted and the service is working again"),
    ("failover", "traffic failed over to the standby region; service restored"),
    ("scale", "we scaled up the pool with more nodes and the service is back online"),
]


def _document(n: int) -> tuple[str, dict]:
    """Document n, and what it must yield."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=7 * n)  # Mondays
    detection, detect_text = DETECTION[n % len(DETECTION)]
    trigger, trigger_text = TRIGGER[n % len(TRIGGER)]
    mitigation, mitigate_text = MITIGATION[n % len(MITIGATION)]
    start_hour = 10 if n % 2 == 0 else 21  # even: in working hours; odd: evening
    ttd, ttm = 5 + n, 30 + 2 * n
    start = dt.datetime.combine(day, dt.time(start_hour))
    detected, mitigated = start + dt.timedelta(minutes=ttd), start + dt.timedelta(minutes=ttm)
    done = n % 3 == 0
    box = "x" if done else " "
    text = f"""\
# Incident {n}

## Summary

An outage of the api.

## Timeline

All times UTC.

- {start:%Y-%m-%d %H:%M} {trigger_text.format(n=n)}; errors began
- {detected:%Y-%m-%d %H:%M} {detect_text}
- {mitigated:%Y-%m-%d %H:%M} {mitigate_text}; incident resolved

## Action items

- [{box}] Add a dashboard panel for api error budget {n} (owner: @ops{n}, due 2024-02-01)
"""
    expected = {
        "detection": detection,
        "trigger": trigger,
        "mitigation": mitigation,
        "out_of_hours": start_hour + ttd // 60 >= 18,
        "ttd": ttd,
        "ttm": ttm,
        "done": done,
        "overdue": not done,  # due 2024-02-01, long past
        "publish": n,  # committed n days after the incident
        "day": day,
    }
    return text, expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_twenty_documents_every_figure_known(tmp_path: Path) -> None:
    repo = tmp_path / "postmortems"
    repo.mkdir()
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(tmp_path)}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    expected: dict[str, dict] = {}
    for n in range(20):
        text, facts = _document(n)
        name = f"{facts['day']}-incident-{n:02d}.md"
        write(repo / name, text)
        when = dt.datetime.combine(facts["day"], dt.time(12)) + dt.timedelta(days=facts["publish"])
        stamp = {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
        subprocess.run(["git", "add", name], cwd=repo, env=env, check=True)
        subprocess.run(["git", "commit", "-qm", name], cwd=repo, env=env | stamp, check=True)
        expected[name] = facts

    payload = json.loads(invoke("analyze", "--format", "json", str(repo)).stdout)
    docs = {Path(d["path"]).name: d for d in payload["documents"]}
    assert set(docs) == set(expected)
    for name, facts in expected.items():
        doc = docs[name]
        values = {k: v["value"] for k, v in doc["categories"].items()}
        assert values == {k: facts[k] for k in ("detection", "trigger", "mitigation")}, name
        assert doc["out_of_hours"] is facts["out_of_hours"], name
        assert (doc["ttd_minutes"], doc["ttm_minutes"]) == (facts["ttd"], facts["ttm"]), name
        assert doc["days_to_publish"] == facts["publish"], name
        follow = doc["follow_through"]
        assert (follow["done"], follow["overdue"]) == (int(facts["done"]), int(facts["overdue"]))

    aggregate = payload["aggregate"]
    for kind in ("detection", "trigger", "mitigation"):
        assert aggregate["categories"][kind] == dict(
            Counter(f[kind] for f in expected.values()).most_common()
        )
    hours = Counter(f["out_of_hours"] for f in expected.values())
    assert aggregate["out_of_hours"] == {
        "out_of_hours": hours[True],
        "working_hours": hours[False],
        "unknown": 0,
    }
    assert aggregate["days_to_publish"]["median"] == statistics.median(range(20))
    assert aggregate["ttd_minutes"]["median"] == statistics.median(
        f["ttd"] for f in expected.values()
    )
    done = sum(f["done"] for f in expected.values())
    assert aggregate["follow_through"] | {} == {
        "total": 20,
        "done": done,
        "open": 20 - done,
        "overdue": 20 - done,
        "owned": 20,
        "tracked": 0,
    }
    # Every document repeats the same follow-up (a dashboard panel for the api error budget).
    (group,) = aggregate["repeats"]["action_items"]
    assert len(group["places"]) == 20

    # The CSV has every per-document figure above, the repeats counted per document.
    import csv
    import io

    table = invoke("analyze", "--format", "csv", str(repo)).stdout
    rows = {Path(r["path"]).name: r for r in csv.DictReader(io.StringIO(table))}
    assert set(rows) == set(expected)
    for name, facts in expected.items():
        row = rows[name]
        assert row["detection"] == facts["detection"] and row["trigger"] == facts["trigger"]
        assert row["out_of_hours"] == str(facts["out_of_hours"])
        assert row["days_to_publish"] == str(facts["publish"])
        assert row["actions_done"] == str(int(facts["done"]))
        assert row["repeated_action_items"] == "1"
        assert row["repeated_root_causes"] == str(
            sum(
                1
                for g in aggregate["repeats"]["root_causes"]
                for p in g["places"]
                if Path(p["path"]).name == name
            )
        )
