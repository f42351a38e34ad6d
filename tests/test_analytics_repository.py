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


ZONES = (("UTC", 0.0), ("JST", 9.0), ("IST", 5.5))  # fixed offsets: no daylight saving
UNKNOWN_DOC = 19  # says nothing of who detected it, what triggered it or what fixed it
FRONT_MATTER_DOC = 5  # `trigger: hardware` in front matter, a deploy on its timeline
STATUS_DOC = 7  # its action item in a table whose Status column says DONE
ROOT_CAUSE_DOCS = (2, 9, 16)  # the same root cause, in different words around it
ROOT_CAUSE = "The connection pool of the api database was exhausted by a retry storm"
# How each document states its severity, by n % 5 (the level is 1 + n % 3): a field, a table
# row, a sentence, front matter, or not at all.
SEVERITY_FORMS = ("field", "table", "prose", "front-matter", None)
TRACKED_DOCS = (1, 4, 11)  # their action item names a ticket


def _document(n: int) -> tuple[str, dict]:
    """Document n, and what it must yield."""
    day = dt.date(2024, 1, 3) + dt.timedelta(days=4 * n)  # every weekday, weekends too
    zone, offset = ZONES[n % len(ZONES)]
    detection, detect_text = DETECTION[n % len(DETECTION)]
    trigger, trigger_text = TRIGGER[n % len(TRIGGER)]
    mitigation, mitigate_text = MITIGATION[n % len(MITIGATION)]
    start_hour = 10 if n % 2 == 0 else 21  # even: in working hours (on a weekday); odd: evening
    ttd, ttm = 5 + n, 30 + 2 * n
    ttr = ttm + 10 + n
    start = dt.datetime.combine(day, dt.time(start_hour))  # as written, in the zone
    detected, mitigated = start + dt.timedelta(minutes=ttd), start + dt.timedelta(minutes=ttm)
    resolved = start + dt.timedelta(minutes=ttr)
    done = n % 3 == 0 or n == STATUS_DOC
    box = "x" if done else " "
    level, form = 1 + n % 3, SEVERITY_FORMS[n % len(SEVERITY_FORMS)]
    front = "---\ntrigger: hardware\n---\n" if n == FRONT_MATTER_DOC else ""
    if form == "front-matter":
        front = f"---\nseverity: SEV{level}\n---\n"
    severity = {
        "field": f"**Severity:** SEV-{level}\n\n",
        "table": f"| Field | Value |\n| --- | --- |\n| Severity | Sev {level} |\n\n",
        "prose": f"It was run as a P{level} incident.\n\n",
    }.get(form or "", "")
    ticket = f", ticket OPS-{100 + n}" if n in TRACKED_DOCS else ""
    if n == STATUS_DOC:
        actions = (
            "| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n"
            f"| Add a dashboard panel for api error budget {n} | @ops{n} | 2024-02-01 | DONE |\n"
        )
    else:
        actions = (
            f"- [{box}] Add a dashboard panel for api error budget {n} "
            f"(owner: @ops{n}, due 2024-02-01{ticket})\n"
        )
    cause = (
        f"## Root cause\n\n{ROOT_CAUSE}, as in incident {n}.\n\n" if n in ROOT_CAUSE_DOCS else ""
    )
    if n == UNKNOWN_DOC:
        timeline = (
            f"- {start:%Y-%m-%d %H:%M} errors began\n"
            f"- {resolved:%Y-%m-%d %H:%M} incident resolved\n"
        )
    else:
        timeline = (
            f"- {start:%Y-%m-%d %H:%M} {trigger_text.format(n=n)}; errors began\n"
            f"- {detected:%Y-%m-%d %H:%M} {detect_text}\n"
            f"- {mitigated:%Y-%m-%d %H:%M} {mitigate_text}\n"
            f"- {resolved:%Y-%m-%d %H:%M} incident resolved\n"
        )
    text = f"""\
{front}# Incident {n}

## Summary

{severity}An outage of the api.

## Timeline

All times {zone}.

{timeline}
{cause}## Action items

{actions}"""
    seen = start if n == UNKNOWN_DOC else detected  # out of hours: the detection, else the start
    unknown = n == UNKNOWN_DOC
    expected = {
        "detection": "unknown" if unknown else detection,
        "trigger": "hardware" if n == FRONT_MATTER_DOC else "unknown" if unknown else trigger,
        "mitigation": "unknown" if unknown else mitigation,
        "out_of_hours": seen.weekday() >= 5 or not 9 <= seen.hour < 18,
        "ttd": None if unknown else ttd,
        "ttm": ttr if unknown else ttm,  # the mitigation is inferred from the resolution
        "ttr": ttr,
        "duration": ttr,
        "done": done,
        "overdue": not done,  # due 2024-02-01, long past
        "publish": n,  # committed n days after the incident
        "severity_level": level if form else None,
        "severity_how": "front-matter" if form == "front-matter" else form,
        "tracked": n in TRACKED_DOCS,
        "day": day,
        "offset": offset,
    }
    return text, expected


def _spread(values: list[int]) -> dict:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    number = lambda v: int(v) if float(v).is_integer() else round(v, 1)  # noqa: E731
    return {
        "n": len(values),
        "min": min(values),
        "q1": number(q1),
        "median": number(median),
        "q3": number(q3),
        "max": max(values),
    }


def write_twenty(folder: Path) -> dict[str, dict]:
    """The twenty documents written into `folder`: file name -> what it must yield (the
    report page's browser check reads the same repository)."""
    expected: dict[str, dict] = {}
    for n in range(20):
        text, facts = _document(n)
        name = f"{facts['day']}-incident-{n:02d}.md"
        write(folder / name, text)
        expected[name] = facts
    return expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_twenty_documents_every_figure_known(tmp_path: Path) -> None:
    repo = tmp_path / "postmortems"
    repo.mkdir()
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(tmp_path)}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    expected = write_twenty(repo)
    for name, facts in expected.items():
        when = dt.datetime.combine(facts["day"], dt.time(12)) + dt.timedelta(days=facts["publish"])
        stamp = {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
        subprocess.run(["git", "add", name], cwd=repo, env=env, check=True)
        subprocess.run(["git", "commit", "-qm", name], cwd=repo, env=env | stamp, check=True)
    # The documents are not uniform: weekends, three zones, an unknown, a front-matter field.
    assert {f["day"].weekday() for f in expected.values()} == set(range(7))
    assert {f["offset"] for f in expected.values()} == {0.0, 9.0, 5.5}

    payload = json.loads(invoke("analyze", "--format", "json", str(repo)).stdout)
    docs = {Path(d["path"]).name: d for d in payload["documents"]}
    assert set(docs) == set(expected)
    for name, facts in expected.items():
        doc = docs[name]
        values = {k: v["value"] for k, v in doc["categories"].items()}
        assert values == {k: facts[k] for k in ("detection", "trigger", "mitigation")}, name
        assert doc["out_of_hours"] is facts["out_of_hours"], name
        times = [doc[f"{k}_minutes"] for k in ("ttd", "ttm", "ttr", "duration")]
        assert times == [facts[k] for k in ("ttd", "ttm", "ttr", "duration")], name
        assert doc["date"] == facts["day"].isoformat(), name
        assert doc["days_to_publish"] == facts["publish"], name
        follow = doc["follow_through"]
        assert (follow["done"], follow["overdue"]) == (int(facts["done"]), int(facts["overdue"]))
        assert (follow["owned"], follow["tracked"]) == (1, int(facts["tracked"])), name
        assert doc["severity_level"] == facts["severity_level"], name
        assert (doc["severity_source"] or {}).get("how") == facts["severity_how"], name
    front = next(d for n, d in docs.items() if n.endswith(f"-{FRONT_MATTER_DOC:02d}.md"))
    assert front["categories"]["trigger"]["how"] == "front-matter"  # it wins over the deploy

    aggregate = payload["aggregate"]
    for kind in ("detection", "trigger", "mitigation"):
        counts = Counter(f[kind] for f in expected.values())
        assert aggregate["categories"][kind] == dict(counts.most_common())
        assert aggregate["categories"][kind]["unknown"] == 1
    hours = Counter(f["out_of_hours"] for f in expected.values())
    assert aggregate["out_of_hours"] == {
        "out_of_hours": hours[True],
        "working_hours": hours[False],
        "unknown": 0,
    }
    assert aggregate["days_to_publish"]["median"] == statistics.median(range(20))
    measures = {"ttd_minutes": "ttd", "ttm_minutes": "ttm", "ttr_minutes": "ttr"}
    measures |= {"duration_minutes": "duration"}
    for key, name in measures.items():
        known = [f[name] for f in expected.values() if f[name] is not None]
        assert aggregate[key]["median"] == statistics.median(known), key
        assert aggregate["distributions"][key] == _spread(known), key
    assert aggregate["distributions"]["ttd_minutes"]["n"] == 19  # the unknown has no detection
    # Per month, by the document's date: incidents, and each median with its count.
    by_month: dict[str, list[dict]] = {}
    for facts in expected.values():
        by_month.setdefault(f"{facts['day']:%Y-%m}", []).append(facts)
    assert [m["month"] for m in aggregate["trends"]] == sorted(by_month) == [
        "2024-01", "2024-02", "2024-03"
    ]  # fmt: skip
    for entry in aggregate["trends"]:
        month = by_month[entry["month"]]
        assert entry["incidents"] == len(month)
        for key, name in measures.items():
            known = [f[name] for f in month if f[name] is not None]
            assert entry[key] == {"median": statistics.median(known), "count": len(known)}
    done = sum(f["done"] for f in expected.values())
    assert aggregate["follow_through"] | {} == {
        "total": 20,
        "done": done,
        "open": 20 - done,
        "overdue": 20 - done,
        "owned": 20,
        "tracked": len(TRACKED_DOCS),
    }
    levels = Counter(
        f"SEV{f['severity_level']}" if f["severity_level"] else "unknown" for f in expected.values()
    )
    assert aggregate["severity"] == dict(sorted(levels.items(), key=lambda i: i[0] == "unknown"))
    assert levels["unknown"] == 4 and len(levels) == 4  # SEV1, SEV2, SEV3 and four unknown
    # Every document repeats the same follow-up (a dashboard panel for the api error budget),
    # and three the same root cause.
    (group,) = aggregate["repeats"]["action_items"]
    assert len(group["places"]) == 20
    (causes,) = aggregate["repeats"]["root_causes"]
    assert sorted(int(Path(p["path"]).stem[-2:]) for p in causes["places"]) == list(ROOT_CAUSE_DOCS)
    assert {"connection", "pool", "database", "exhausted", "retry", "storm"} <= set(causes["terms"])

    # The CSV has every per-document figure above, the repeats counted per document.
    import csv
    import io

    table = invoke("analyze", "--format", "csv", str(repo)).stdout
    rows = {Path(r["path"]).name: r for r in csv.DictReader(io.StringIO(table))}
    assert set(rows) == set(expected)
    shown = lambda value: "" if value is None else str(value)  # noqa: E731
    for name, facts in expected.items():
        row = rows[name]
        for kind in ("detection", "trigger", "mitigation"):
            assert row[kind] == facts[kind], name
            line = docs[name]["categories"][kind]["line"]
            assert row[f"{kind}_line"] == shown(line)
            assert (row[f"{kind}_line"] == "") is (facts[kind] == "unknown"), (name, kind)
        assert row["out_of_hours"] == str(facts["out_of_hours"])
        assert row["severity_level"] == shown(facts["severity_level"]), name
        assert row["actions_tracked"] == str(int(facts["tracked"])), name
        for key, measure in measures.items():
            assert row[key] == shown(facts[measure]), (name, key)
        assert row["days_to_publish"] == str(facts["publish"])
        assert row["actions_done"] == str(int(facts["done"]))
        assert row["repeated_action_items"] == "1"
        assert row["repeated_root_causes"] == str(int(int(name[-5:-3]) in ROOT_CAUSE_DOCS))
    months = list(
        csv.DictReader(
            io.StringIO(invoke("analyze", "--format", "csv", "--table", "months", str(repo)).stdout)
        )
    )
    assert [(r["month"], int(r["incidents"])) for r in months] == [
        (m, len(by_month[m])) for m in sorted(by_month)
    ]
    for row in months:
        ttr = [f["ttr"] for f in by_month[row["month"]]]
        assert (row["ttr_median"], row["ttr_n"]) == (shown(statistics.median(ttr)), str(len(ttr)))
    spreads = csv.DictReader(
        io.StringIO(
            invoke("analyze", "--format", "csv", "--table", "distributions", str(repo)).stdout
        )
    )
    for row in spreads:
        key = next(k for k, v in measures.items() if v == row["measure"])
        assert {k: v for k, v in row.items() if k != "measure"} == {
            k: shown(v) for k, v in aggregate["distributions"][key].items()
        }


def _expected_score(n: int) -> int:
    """The quality score of document n from how it was made and `pmlint explain score`: every
    document lacks its Impact and Resolution sections and, but for three, its Root cause (a
    missing required section keeps 0.55); its summary states no figure (a PM201 warning, 4
    points: 0.96); it has no lessons section (a PM001 info, 1 point: 0.99); and the one that
    names no detection has a PM105 warning in its timeline (0.96)."""
    missing = 2 if n in ROOT_CAUSE_DOCS else 3
    score = 0.55**missing * 0.96 * 0.99 * (0.96 if n == UNKNOWN_DOC else 1.0)
    return round(100 * score)


def test_twenty_documents_score_and_configured_working_hours(tmp_path: Path) -> None:
    """The two figures of the twenty documents not checked above: the quality score, known
    from the faults each document was written with, and out of hours under a configured
    working week (Monday to Friday, 07:00 to 15:00 UTC) instead of the default."""
    repo = tmp_path / "postmortems"
    expected = write_twenty(repo)
    number = {name: int(name[-5:-3]) for name in expected}
    payload = json.loads(invoke("analyze", "--format", "json", str(repo)).stdout)
    docs = {Path(d["path"]).name: d for d in payload["documents"]}
    scores = {name: _expected_score(number[name]) for name in expected}
    assert {name: docs[name]["score"] for name in expected} == scores
    assert payload["aggregate"]["score"] == {
        "median": statistics.median(scores.values()),
        "min": min(scores.values()),
    }
    import csv
    import io

    rows = csv.DictReader(io.StringIO(invoke("analyze", "--format", "csv", str(repo)).stdout))
    assert {Path(r["path"]).name: int(r["score"]) for r in rows} == scores

    # Monotone on these documents too: writing a missing section never lowers the score, and
    # deleting the action items never raises it.
    first = min(expected, key=lambda name: number[name])
    text = (repo / first).read_text(encoding="utf-8")
    fuller, bare = tmp_path / "fuller", tmp_path / "bare"
    write(
        fuller / first,
        text.replace("## Timeline", "## Impact\n\n120 requests failed.\n\n## Timeline"),
    )
    write(bare / first, text.split("## Action items")[0])
    score = lambda folder: json.loads(  # noqa: E731
        invoke("analyze", "--format", "json", str(folder)).stdout
    )["documents"][0]["score"]
    assert score(fuller) > scores[first] >= score(bare)

    write(
        repo / ".pmlint.yaml",
        "working_hours:\n  days: [mon, tue, wed, thu, fri]\n  hours: '07:00-15:00'\n"
        "  timezone: UTC\n",
    )
    configured = json.loads(invoke("analyze", "--format", "json", str(repo)).stdout)
    changed = 0
    for doc in configured["documents"]:
        facts = expected[Path(doc["path"]).name]
        n = number[Path(doc["path"]).name]
        start = dt.datetime.combine(facts["day"], dt.time(10 if n % 2 == 0 else 21))
        seen = start + dt.timedelta(minutes=0 if facts["ttd"] is None else facts["ttd"])
        utc = seen - dt.timedelta(hours=facts["offset"])
        out = utc.weekday() >= 5 or not dt.time(7) <= utc.time() < dt.time(15)
        assert doc["out_of_hours"] is out, doc["path"]
        changed += out is not facts["out_of_hours"]
    assert changed >= 3  # the configured week tells other documents apart than the default
