"""Never losing a result, and never running what a file says: a crash in one rule on one
file is a PM900 finding for that file, the other rules and files still report and the exit
code is 2; YAML tags that would build Python objects are refused; nothing opens a socket.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmlint.checks import KINDS, CheckContext, CheckKind
from pmlint.checks.phrases import Phrases
from pmlint.config import load_config
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.nlp import load_pipeline

# GOOD: a complete postmortem whose only finding is PM003 on the TODO at line 5, column 45.
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import REPO, check_json, invoke, write

SERIAL = ("--jobs", "1", "--no-cache")  # in this process, so the patches apply
POOR = (REPO / "examples" / "2024-07-02-search-outage.md").read_text(encoding="utf-8")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PMLINT_RAISE", raising=False)  # isolation, not the tests' re-raise
    return tmp_path


def rules_of(payload: dict, path: str) -> list[str]:
    for entry in payload["files"]:
        if entry["path"] == path:
            return [d["rule"] for d in entry["diagnostics"]]
    raise AssertionError(f"{path} not linted; errors: {payload['errors']}")


def diagnostics_of(payload: dict, path: str, rule: str) -> list[dict]:
    for entry in payload["files"]:
        if entry["path"] == path:
            return [d for d in entry["diagnostics"] if d["rule"] == rule]
    raise AssertionError(f"{path} not linted")


# -- isolation -----------------------------------------------------------------------------


def test_a_crash_in_one_rule_on_one_file_is_a_finding_there(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The placeholder rule (kind `phrases`) raises on the file that says BOOM."""
    original = Phrases.check

    def check(self: Phrases, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "BOOM" in doc.source:
            raise RuntimeError("boom on purpose")
        yield from original(self, doc, ctx)

    monkeypatch.setattr(Phrases, "check", check)
    write(work / "crash.md", POOR + "\nBOOM\n")
    write(work / "poor.md", POOR)
    result, payload = check_json(*SERIAL, "good.md", "crash.md", "poor.md")
    assert result.exit_code == 2
    crashed = {r.id for r in load_config(None).rules.values() if r.kind == "phrases" and r.enabled}
    internal = diagnostics_of(payload, "crash.md", "PM900")
    assert {d["message"].split()[1] for d in internal} == crashed  # "Rule PM003 (...) failed"
    assert all("RuntimeError: boom on purpose" in d["message"] for d in internal)
    assert all(d["severity"] == "error" for d in internal)
    # The other rules still report on the crashing file, as they do on the same text without
    # the crash; the other files are linted in full.
    poor = [r for r in rules_of(payload, "poor.md") if r not in crashed]
    assert [r for r in rules_of(payload, "crash.md") if r != "PM900"] == poor
    assert set(crashed) <= set(rules_of(payload, "poor.md"))
    assert rules_of(payload, "good.md") == ["PM003"]
    text = invoke("check", *SERIAL, "crash.md")
    assert text.exit_code == 2
    assert "PM900" in text.stdout and "boom on purpose" in text.stdout


class Exploding(CheckKind):
    kind = "explode"
    description = "Raises on every document (a deliberately broken check kind)."

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from ()
        raise ZeroDivisionError("a user rule's bug")


def test_a_broken_user_rule(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, "explode", Exploding)
    write(
        work / "team" / "rules" / "TEAM9.yaml",
        "id: TEAM9\nname: explodes\ncategory: structure\nkind: explode\n"
        "message: never shown\ndocs: {summary: Broken on purpose.}\n",
    )
    write(work / "team" / ".pmlint.yaml", "rules_dirs: [rules]\n")
    write(work / "team" / "pm.md", GOOD)
    result, payload = check_json(*SERIAL, "team/pm.md", "good.md")
    assert result.exit_code == 2
    assert sorted(rules_of(payload, "team/pm.md")) == ["PM003", "PM900"]
    (internal,) = diagnostics_of(payload, "team/pm.md", "PM900")
    assert "TEAM9 (explodes)" in internal["message"] and "ZeroDivisionError" in internal["message"]
    assert internal["line"] == 1  # at the document's title
    assert rules_of(payload, "good.md") == ["PM003"]


def test_a_crash_in_the_parser_loses_that_file_only(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmlint.engine

    real = pmlint.engine.parse_document

    def parse(path: str, text: str, catalog: object) -> Document:
        if "BOOM" in text:
            raise IndexError("parser bug on purpose")
        return real(path, text, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(pmlint.engine, "parse_document", parse)
    write(work / "crash.md", GOOD + "BOOM\n")
    result, payload = check_json(*SERIAL, "good.md", "crash.md")
    assert result.exit_code == 2
    (error,) = payload["errors"]
    assert error["path"] == "crash.md"
    lines = [line for line in result.stderr.splitlines() if "crash.md" in line]
    assert len(lines) == 1 and "internal error while parsing: IndexError" in lines[0]
    assert rules_of(payload, "good.md") == ["PM003"]


def test_metadata_field_without_a_name_is_a_config_error(work: Path) -> None:
    """Found while fuzzing configs: it passed validation and raised at lint time."""
    config = write(
        work / "p" / ".pmlint.yaml",
        "rules:\n  PM004: {severity: warning, options: {fields: [{aliases: [owner]}]}}\n",
    )
    write(work / "p" / "pm.md", GOOD)
    result = invoke("check", *SERIAL, "p/pm.md")
    assert result.exit_code == 2
    assert f"{config}:2: rules.PM004.options: rule PM004: fields:" in result.stderr


# -- no code execution ---------------------------------------------------------------------

TAGS = (
    "!!python/object/apply:builtins.open ['MARKER', 'w']",
    "!!python/object/new:builtins.open ['MARKER', 'w']",
    "!!python/name:os.system",
    "!!python/module:os",
)


@pytest.mark.parametrize("tag", TAGS)
def test_python_tags_are_refused_everywhere(work: Path, tag: str) -> None:
    """Config, rule files, lexicons and front matter are read with the safe loader: a tag
    that would build a Python object is an error, and nothing runs (no MARKER file)."""
    write(work / "config" / ".pmlint.yaml", f"timezone: {tag}\n")
    write(work / "config" / "pm.md", GOOD)
    rule = "id: TEAM1\nname: team\ncategory: language\nkind: phrases\nmessage: m\n"
    write(work / "rule" / "rules" / "TEAM1.yaml", rule + f"docs:\n  summary: {tag}\n")
    write(work / "rule" / ".pmlint.yaml", "rules_dirs: [rules]\n")
    write(work / "rule" / "pm.md", GOOD)
    lexicon_rule = rule + "options: {lexicon: lexicons/words.yaml}\ndocs: {summary: s}\n"
    write(work / "lexicon" / "rules" / "TEAM1.yaml", lexicon_rule)
    write(work / "lexicon" / "rules" / "lexicons" / "words.yaml", f"tokens:\n  - {tag}\n")
    write(work / "lexicon" / ".pmlint.yaml", "rules_dirs: [rules]\n")
    write(work / "lexicon" / "pm.md", GOOD)
    write(work / "front.md", f"---\ntitle: {tag}\n---\n" + GOOD)
    paths = ("config/pm.md", "rule/pm.md", "lexicon/pm.md", "front.md", "good.md")
    result, payload = check_json(*SERIAL, *paths)
    assert result.exit_code == 2
    for folder, file in (("config", ".pmlint.yaml"), ("rule", "TEAM1.yaml"), ("lexicon", "")):
        (line,) = [m for m in result.stderr.splitlines() if f"{folder}/pm.md" in m]
        assert "constructor for the tag" in line and f"{work / folder}" in line, line
        assert file in line
    (front,) = diagnostics_of(payload, "front.md", "PM901")
    assert "constructor for the tag" in front["message"]
    assert rules_of(payload, "good.md") == ["PM003"]
    assert not list(work.rglob("MARKER"))


# -- no network ----------------------------------------------------------------------------


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"pmlint opened a socket: {args} {kwargs}")


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"pmlint tried the network: {args} {kwargs}")


def test_no_network_access(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI in this process with sockets and name lookups refused, over a small corpus,
    every rule on, the trained spaCy pipeline loaded from scratch inside the patch."""
    for name in ("socket", "SocketType"):
        monkeypatch.setattr(socket, name, _NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, _no_network)
    load_pipeline.cache_clear()  # the model is loaded here, not by an earlier test
    load_config.cache_clear()
    write(
        work / ".pmlint.yaml", "rules:\n  PM004: {severity: warning, options: {fields: [date]}}\n"
    )
    for example in (REPO / "examples").glob("*.md"):
        write(work / "corpus" / example.name, example.read_text(encoding="utf-8"))
    write(work / "corpus" / "links.md", GOOD + "\nSee https://example.com/x and <http://a.b/>.\n")
    result, payload = check_json(*SERIAL, "--fail-on", "error", "corpus", "good.md")
    assert result.exit_code == 1, result.stderr  # PM001 errors in the poor example
    assert payload["nlp"]["reduced"] is False, payload["nlp"]  # the trained pipeline ran
    assert len(payload["files"]) == 4 and not payload["errors"]
    poor = rules_of(payload, "corpus/2024-07-02-search-outage.md")
    assert {"PM001", "PM004", "PM301", "PM303", "PM403"} <= set(poor)
    analyzed = invoke("analyze", "--format", "json", "corpus")
    assert analyzed.exit_code == 0, analyzed.stderr
    assert invoke("rules").exit_code == 0 and invoke("explain", "PM301").exit_code == 0
