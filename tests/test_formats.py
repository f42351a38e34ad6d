"""CI formats: SARIF, GitHub annotations, JUnit XML, GitLab Code Quality, and `auto`.

SARIF and JUnit are validated against the real schemas in ../shared/schemas (skipped where
../shared is absent); GitLab has no published schema and is checked field by field. The
runs select the structure and hygiene rules (PM001-PM003, PM5xx, PM9xx) so that rules added
later do not change what these samples produce.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from pmlint.diagnostics import Diagnostic, Severity, Span
from pmlint.formats import IMPLEMENTED, github
from pmlint.packs import load_rule_file
from tests.conftest import GOOD_POSTMORTEM, REPO, invoke, write

SELECT = ("--select", "PM001,PM002,PM003,PM5,PM9")
FORMATS = IMPLEMENTED

# Written for these tests. Findings (with SELECT): PM001 x2 (no impact, no timeline; error),
# PM003 'TBD' at 5:63 (warning), PM502 at 5:37 (warning), PM001 lessons learned (info).
OUTAGE = """\
# Queue backlog

## Summary

Billing jobs waited in the queue; see ![depth](img/depth.png) for the curve. TBD

## Root cause

A consumer deploy halved the number of workers.

## Resolution

The deploy was rolled back at 14:20 UTC.

## Action items

- [ ] Alert on queue depth above 10k (owner: @ops, JIRA OPS-12, due 2024-09-01).
"""
CLEAN = GOOD_POSTMORTEM.replace(" TODO", "")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "outage.md", OUTAGE)
    write(tmp_path / "good.md", GOOD_POSTMORTEM)
    write(tmp_path / "clean.md", CLEAN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(fmt: str, *args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return invoke("check", "--format", fmt, *SELECT, *args, stdin=stdin)


def sarif_schema(shared: Path) -> jsonschema.protocols.Validator:
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def junit_schema(shared: Path):  # type: ignore[no-untyped-def]
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(shared / "schemas" / "junit.xsd"))


# -- SARIF ----------------------------------------------------------------------------------


def test_sarif_validates_against_the_schema(work: Path, shared: Path) -> None:
    write(work / "binary.md", "").write_bytes(b"\x00\x01")
    result = run("sarif", "outage.md", "good.md", "clean.md", "binary.md")
    assert result.exit_code == 2  # binary.md could not be linted
    payload = json.loads(result.stdout)
    errors = [e.message for e in sarif_schema(shared).iter_errors(payload)]
    assert errors == []
    [notification] = payload["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "binary.md" in notification["message"]["text"]
    assert payload["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_sarif_for_the_shared_corpus_validates(shared: Path) -> None:
    result = invoke("check", "--format", "sarif", str(shared / "corpus"))
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    assert [e.message for e in sarif_schema(shared).iter_errors(payload)] == []
    assert payload["runs"][0]["results"], "the corpus has findings"


def test_sarif_rules_table_and_results(work: Path) -> None:
    result = run("sarif", "outage.md")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["version"] == "2.1.0"
    [sarif_run] = payload["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "pmlint"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and "PM003" in ids and "PM101" not in ids  # the rules that ran
    pm003 = rules[ids.index("PM003")]
    assert pm003["name"] == "placeholder-text"
    docs = load_rule_file(str(REPO / "rules" / "core" / "PM003.yaml")).docs
    assert pm003["shortDescription"] == {"text": docs.summary}
    assert pm003["fullDescription"] == {"text": docs.why}
    assert pm003["help"]["text"].startswith(f"{docs.summary}\n\n{docs.why}")
    assert "Bad:" in pm003["help"]["text"] and "Good:" in pm003["help"]["text"]
    assert pm003["defaultConfiguration"] == {"level": "warning"}
    assert rules[ids.index("PM001")]["defaultConfiguration"] == {"level": "error"}
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    found = {(r["ruleId"], r["level"]) for r in sarif_run["results"]}
    assert found == {
        ("PM001", "error"),
        ("PM001", "note"),
        ("PM003", "warning"),
        ("PM502", "warning"),
    }
    for item in sarif_run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    tbd = next(r for r in sarif_run["results"] if r["ruleId"] == "PM003")
    location = tbd["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "outage.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 78, "endLine": 5, "endColumn": 81}
    assert tbd["message"]["text"].startswith("Placeholder left in the document: 'TBD'. ")
    assert set(tbd["partialFingerprints"]) == {"pmlint/v1"}


def test_sarif_and_gitlab_share_fingerprints(work: Path) -> None:
    sarif = json.loads(run("sarif", "outage.md").stdout)
    gitlab = json.loads(run("gitlab", "outage.md").stdout)
    from_sarif = [r["partialFingerprints"]["pmlint/v1"] for r in sarif["runs"][0]["results"]]
    assert from_sarif == [issue["fingerprint"] for issue in gitlab]
    assert len(set(from_sarif)) == len(from_sarif)


def test_fingerprints_survive_edits_elsewhere(work: Path) -> None:
    def prints() -> dict[tuple[str, str], str]:
        payload = json.loads(run("sarif", "outage.md").stdout)
        return {
            (r["ruleId"], r["message"]["text"]): r["partialFingerprints"]["pmlint/v1"]
            for r in payload["runs"][0]["results"]
        }

    before = prints()
    moved = OUTAGE.replace("## Summary\n", "## Summary\n\nWritten on Friday.\n\nReviewed.\n")
    write(work / "outage.md", moved.replace("A consumer deploy", "A consumer release"))
    assert prints() == before  # lines moved and unflagged text edited: same fingerprints
    write(work / "outage.md", moved.replace("curve. TBD", "curve. TODO"))
    after = prints()
    assert {k: v for k, v in after.items() if k[0] != "PM003"} == {
        k: v for k, v in before.items() if k[0] != "PM003"
    }
    assert set(after.values()) != set(before.values())  # the flagged text changed: new print


# -- GitHub ---------------------------------------------------------------------------------


def test_github_annotations(work: Path) -> None:
    result = run("github", "good.md", "outage.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::warning file=good.md,line=5,col=45,endLine=5,endColumn=48,"
        "title=PM003 placeholder-text::Placeholder left in the document: 'TODO'. "
        "Replace the marker with the missing content, or remove it."
    )
    commands = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert commands.count("::error") == 2 and commands.count("::notice") == 1
    assert lines[-1] == "Found 6 problems (2 errors, 3 warnings, 1 info) in 2 of 2 files."


def test_github_escaping_follows_the_toolkit() -> None:
    assert github.escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    diagnostic = Diagnostic(
        path="dir,with:odd%name.md",
        rule="PM401",
        name="action-missing-owner",
        category="actions",
        severity=Severity.WARNING,
        message="Item '50% off: a, b'\nhas no owner.",
        span=Span(3, 5, 3, 9),
    )
    assert github.annotation(diagnostic) == (
        "::warning file=dir%2Cwith%3Aodd%25name.md,line=3,col=5,endLine=3,endColumn=8,"
        "title=PM401 action-missing-owner::Item '50%25 off: a, b'%0Ahas no owner."
    )


def test_github_multi_line_span_has_no_columns() -> None:
    diagnostic = Diagnostic(
        "x.md", "PM002", "empty-section", "structure", Severity.INFO, "m", Span(2, 1, 4, 3)
    )
    assert github.annotation(diagnostic) == (
        "::notice file=x.md,line=2,endLine=4,title=PM002 empty-section::m"
    )


def test_github_unlintable_file_is_an_error_annotation(work: Path) -> None:
    result = run("github", "gone.md")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "::error file=gone.md,title=pmlint::no such file or directory"
    )


def test_auto_is_github_only_inside_github_actions(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("auto", "good.md").stdout == run("text", "good.md").stdout
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("auto", "good.md").stdout == run("github", "good.md").stdout
    assert run("auto", "good.md").stdout.startswith("::warning ")


# -- JUnit ----------------------------------------------------------------------------------


def test_junit_validates_against_the_schema(work: Path, shared: Path) -> None:
    result = run("junit", "outage.md", "good.md", "clean.md", "gone.md")
    assert result.exit_code == 2
    schema = junit_schema(shared)
    assert [str(e) for e in schema.iter_errors(result.stdout)] == []


def test_junit_for_the_shared_corpus_validates(shared: Path, tmp_path: Path) -> None:
    report = tmp_path / "corpus.xml"
    result = invoke("check", "--format", "junit", "--output", str(report), str(shared / "corpus"))
    assert result.exit_code in (0, 1), result.stderr
    schema = junit_schema(shared)
    assert [str(e) for e in schema.iter_errors(str(report))] == []
    # the corpus README.md is no postmortem: a folder walk skips it by default
    expected = [p for p in (shared / "corpus").rglob("*.md") if p.name != "README.md"]
    assert len(ET.parse(report).getroot()) == len(expected)


def test_junit_one_suite_per_file_one_case_per_rule(work: Path) -> None:
    result = run("junit", "outage.md", "clean.md", "gone.md")
    root = ET.fromstring(result.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["gone.md", "outage.md", "clean.md"]
    outage = suites["outage.md"]
    cases = {c.get("name"): c for c in outage.iter("testcase")}
    assert "PM003 placeholder-text" in cases and "PM904 invalid-encoding" in cases
    assert outage.get("tests") == str(len(cases))
    assert outage.get("failures") == "3" and outage.get("errors") == "0"
    failure = cases["PM001 required-sections"].find("failure")
    assert failure is not None and failure.get("type") == "PM001"
    assert failure.get("message") == "2 findings: Missing required section 'Impact'."
    assert failure.text is not None and failure.text.count("outage.md:1:3: PM001 [error]") == 2
    # The info finding is below --fail-on warning: listed, but it fails nothing.
    assert "PM001 [info] Missing recommended section" in (outage.findtext("system-out") or "")
    assert cases["PM904 invalid-encoding"].find("failure") is None
    clean = suites["clean.md"]
    assert clean.get("failures") == "0" and clean.find("testcase/failure") is None
    gone = suites["gone.md"]
    assert gone.get("errors") == "1"
    error = gone.find("testcase/error")
    assert error is not None and error.get("message") == "no such file or directory"


def test_junit_fail_on_moves_findings_out_of_failures(work: Path) -> None:
    root = ET.fromstring(run("junit", "--fail-on", "error", "outage.md").stdout)
    [suite] = root
    assert suite.get("failures") == "1"  # PM001 only: the errors
    assert "PM003 [warning]" in (suite.findtext("system-out") or "")


# -- GitLab ---------------------------------------------------------------------------------


def test_gitlab_code_quality_fields(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(work / "sub" / "deep.md", OUTAGE)
    monkeypatch.chdir(work / "sub")
    result = run("gitlab", "deep.md", "../outage.md")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 10
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(issue["location"]) == {"path", "lines"}
        assert set(issue["location"]["lines"]) == {"begin"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert len(issue["fingerprint"]) == 32
    tbd = next(i for i in issues if "'TBD'" in i["description"])
    assert tbd == {
        "description": "Placeholder left in the document: 'TBD'. "
        "Replace the marker with the missing content, or remove it.",
        "check_name": "PM003 placeholder-text",
        "fingerprint": tbd["fingerprint"],
        "severity": "minor",
        "location": {"path": "deep.md", "lines": {"begin": 5}},
    }
    severities = {(i["check_name"], i["severity"]) for i in issues}
    assert ("PM001 required-sections", "major") in severities
    assert ("PM001 required-sections", "info") in severities
    # Paths are relative to the working folder here (no repository around them).
    assert {i["location"]["path"] for i in issues} == {"deep.md", "../outage.md"}
    assert len({i["fingerprint"] for i in issues}) == 10


def test_ci_paths_start_at_the_repository_root(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / ".git").mkdir()  # enough for pmlint to see the repository root
    write(work / "sub" / "deep.md", OUTAGE)
    monkeypatch.chdir(work / "sub")
    issues = json.loads(run("gitlab", "deep.md").stdout)
    assert {i["location"]["path"] for i in issues} == {"sub/deep.md"}
    assert run("github", "deep.md").stdout.startswith("::error file=sub/deep.md,line=1,")
    sarif = json.loads(run("sarif", "deep.md").stdout)["runs"][0]
    assert sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.as_uri() + "/"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["results"]
    }
    assert uris == {"sub/deep.md"}
    assert run("text", "deep.md").stdout.startswith("deep.md:1:3: ")  # text keeps the given path
    monkeypatch.chdir(work)
    again = json.loads(run("gitlab", "./sub/deep.md").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_sarif_uri_outside_the_root_is_absolute(work: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    elsewhere = write(tmp_path_factory.mktemp("elsewhere") / "far away.md", OUTAGE)
    sarif = json.loads(run("sarif", str(elsewhere)).stdout)["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["results"]
    }
    assert uris == {elsewhere.as_uri()}
    assert "%20" in elsewhere.as_uri()


# -- every format -----------------------------------------------------------------------------

SCENARIOS = {  # name: (arguments, exit code)
    "clean": (("clean.md",), 0),
    "warnings": (("good.md",), 1),
    "errors": (("outage.md",), 1),
    "fail-on-error-warnings-only": (("--fail-on", "error", "good.md"), 0),
    "fail-on-info": (("--fail-on", "info", "clean.md", "good.md"), 1),
    "unlintable": (("good.md", "gone.md"), 2),
}


@pytest.mark.parametrize("fmt", [*FORMATS, "auto"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_exit_codes_are_the_same_in_every_format(work: Path, fmt: str, scenario: str) -> None:
    args, expected = SCENARIOS[scenario]
    assert run(fmt, *args).exit_code == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_for_every_format(work: Path, fmt: str) -> None:
    target = work / "out" / f"report.{fmt}"
    target.parent.mkdir()
    result = run(fmt, "--output", str(target), "good.md")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == run(fmt, "good.md").stdout or fmt == "junit"
    assert "good.md" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_stdin_with_filename_in_every_format(work: Path, fmt: str) -> None:
    # team/.pmlint.yaml raises PM003 to error: it applies because of --stdin-filename.
    write(work / "team" / ".pmlint.yaml", "rules:\n  PM003: error\n")
    args = ("-", "--stdin-filename", "team/draft.md")
    result = run(fmt, "--fail-on", "error", *args, stdin=GOOD_POSTMORTEM.encode())
    assert result.exit_code == 1  # the warning became an error
    out = result.stdout
    expected = {
        "text": "team/draft.md:5:45: PM003 [error]",
        "json": '"severity": "error"',
        "sarif": '"level": "error"',
        "github": "::error file=team/draft.md,line=5,col=45",
        "junit": 'classname="team/draft.md"',
        "gitlab": '"severity": "major"',
    }[fmt]
    assert expected in out
    assert "team/draft.md" in out
    plain = run(fmt, "--fail-on", "error", "-", stdin=GOOD_POSTMORTEM.encode())
    assert plain.exit_code == 0  # without the name, the folder's config: PM003 is a warning


def test_indented_json_is_json_dumps_byte_for_byte() -> None:
    """The json, SARIF and GitLab reports: `indented_json` writes what json.dumps(indent=2,
    ensure_ascii=False) does, for every JSON type, enums and odd keys included."""
    import enum
    import random

    from pmlint.formats.common import indented_json

    class Kind(str, enum.Enum):
        A = 'a\u00e9"x'

    class Level(enum.IntEnum):
        B = 3

    odd = {7: 2, 2.5: 3, False: 1, None: 4, Kind.A: Level.B, "u": "\u2028\x00 \U0001f600"}
    values: list[object] = [{}, [], {"a": []}, {"a": {}}, [[], [{}]], ("t", 1), odd, 0]
    values += ["s", None, True, 1e100, -0.0, {"n": float("nan"), "i": float("-inf")}]
    rng = random.Random(7)

    def pick(depth: int) -> object:
        roll = rng.random()
        if depth > 4 or roll < 0.4:
            return rng.choice([1, -2, 3.25, 'x\n"y', None, True, False, "é", 10**20, Level.B])
        if roll < 0.7:
            return [pick(depth + 1) for _ in range(rng.randint(0, 4))]
        return {f"k{i}": pick(depth + 1) for i in range(rng.randint(0, 4))}

    values += [pick(0) for _ in range(500)]
    for value in values:
        assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    with pytest.raises(TypeError):
        indented_json({"a": object()})


def test_json_report_writes_each_diagnostic_as_json_dumps_does() -> None:
    """The json format's template for diagnostics (`_Diagnostics`) against json.dumps of
    `Diagnostic.to_json`: with and without suggestion, fix and related places, odd text."""
    from pmlint.diagnostics import Applicability, Edit, Fix, Related
    from pmlint.formats.common import RunInfo
    from pmlint.formats.json_format import render
    from pmlint.report import FileReport

    fix = Fix("Add a\nsection", (Edit(Span(3, 1, 3, 1), "\n## Impact\n"),), Applicability.UNSAFE)
    related = (Related(Span(1, 2, 1, 9), 'the "start"'), Related(Span(4, 1, 5, 2), "é"))
    edits = (Edit(Span(1, 1, 1, 4), ""), Edit(Span(12, 3, 14, 1), "\\ \u0000 ü"))
    two_edits = Fix("", edits, Applicability.SAFE)
    diagnostics = [
        Diagnostic(
            "a.md", "PM001", "name", "structure", Severity.ERROR, "m\t\u2028", Span(1, 1, 1, 9)
        ),
        Diagnostic(
            "a.md", "PM101", "n", "timeline", Severity.INFO, 'x"y', Span(2, 3, 4, 5), "hint", fix
        ),
        Diagnostic(
            "a.md",
            "PM102",
            "n",
            "timeline",
            Severity.WARNING,
            "z",
            Span(9, 1, 9, 2),
            None,
            None,
            related,
        ),
        Diagnostic(
            "a.md", "PM103", "n", "c", Severity.WARNING, "", Span(9, 1, 9, 2), "s", fix, related
        ),
        Diagnostic(
            "a.md", "PM104", "n", "c", Severity.WARNING, "w", Span(9, 1, 9, 2), None, two_edits
        ),
    ]
    reports = [
        FileReport("a.md", diagnostics),
        FileReport("b.md", []),
        FileReport("c.md", error="x"),
    ]
    expected = {
        "version": 1,
        "files": [
            {"path": "a.md", "diagnostics": [d.to_json() for d in diagnostics]},
            {"path": "b.md", "diagnostics": []},
        ],
        "summary": {"files": 2, "error": 1, "warning": 3, "info": 1},
        "errors": [{"path": "c.md", "message": "x"}],
    }
    text = render(reports, RunInfo(2))
    assert json.loads(text)["summary"] == expected["summary"]
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
