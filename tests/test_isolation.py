"""Never losing a result, and never running what a file says: a crash in one rule on one
file is a PM900 finding for that file, the other rules and files still report and the exit
code is 2; YAML tags that would build Python objects are refused; nothing opens a socket.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import socket
import subprocess
import sys
import time
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


def _crash_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Phrases.check

    def check(self: Phrases, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "BOOM" in doc.source:
            raise RuntimeError("boom on purpose")
        yield from original(self, doc, ctx)

    monkeypatch.setattr(Phrases, "check", check)


def test_a_crash_in_one_rule_on_one_file_is_a_finding_there(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The placeholder rule (kind `phrases`) raises on the file that says BOOM."""
    _crash_on_boom(monkeypatch)
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


RUNAWAY_RULE = """\
id: TEAM7
name: runaway
category: style
kind: phrases
message: "Found '{match}'."
options:
  tokens: ["(a+)+$"]
  whole_words: false
docs: {summary: Backtracks exponentially on a run of a's that does not end the text.}
"""


def test_a_runaway_user_pattern_is_stopped_by_the_time_limit(work: Path) -> None:
    """`(a+)+$` on 28 a's and a b takes about 13 s (twice as long for each more a; the
    test stays finite if the limit breaks); rule_timeout stops that rule on that file
    (PM900, exit 2) while the other rules and files report as usual."""
    write(work / "team" / "rules" / "TEAM7.yaml", RUNAWAY_RULE)
    write(work / "team" / ".pmlint.yaml", "rules_dirs: [rules]\nrule_timeout: 0.5\n")
    write(work / "team" / "slow.md", GOOD + "\n" + "a" * 28 + "b\n")
    write(work / "team" / "quick.md", GOOD)
    started = time.monotonic()
    result, payload = check_json(*SERIAL, "team/slow.md", "team/quick.md", "good.md")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    (internal,) = diagnostics_of(payload, "team/slow.md", "PM900")
    assert "TEAM7 (runaway)" in internal["message"], internal
    assert "ran for more than 0.5 s (rule_timeout)" in internal["message"], internal
    assert sorted(rules_of(payload, "team/slow.md")) == ["PM003", "PM900"]  # the others ran
    assert rules_of(payload, "team/quick.md") == ["PM003"]  # the timer was disarmed
    assert rules_of(payload, "good.md") == ["PM003"]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is put back


@pytest.mark.parametrize("value", ["-1", "soon", "true"])
def test_rule_timeout_must_be_seconds(work: Path, value: str) -> None:
    write(work / ".pmlint.yaml", f"rule_timeout: {value}\n")
    result = invoke("check", *SERIAL, "good.md")
    assert result.exit_code == 2
    assert "rule_timeout" in result.stderr and "Traceback" not in result.stderr


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


@pytest.mark.parametrize(
    ("args", "config", "head"),
    [
        pytest.param(("--ignore", "PM900"), "", "", id="ignore-option"),
        pytest.param(("--select", "PM003"), "", "", id="select-option"),
        pytest.param(("--fail-on", "error"), "", "", id="fail-on-error"),
        pytest.param((), "rules:\n  PM900: off\n", "", id="config-off"),
        pytest.param((), "rules:\n  PM900: info\n", "", id="config-info"),
        pytest.param((), "", "<!-- pmlint-disable-file -->\n", id="disable-file"),
        pytest.param((), "", "<!-- pmlint-disable-file PM900 -->\n", id="disable-file-PM900"),
    ],
)
def test_an_internal_error_cannot_be_silenced(
    work: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], config: str, head: str
) -> None:
    """No option, config or directive turns a crash into a clean run: PM900 stays, exit 2."""
    _crash_on_boom(monkeypatch)
    write(work / ".pmlint.yaml", "extends: core\n" + config)
    load_config.cache_clear()
    write(work / "crash.md", head + GOOD + "\nBOOM\n")
    result, payload = check_json(*SERIAL, *args, "good.md", "crash.md")
    assert result.exit_code == 2, result.stderr
    internal = diagnostics_of(payload, "crash.md", "PM900")
    assert internal and all("Rule PM003 " in d["message"] for d in internal), internal
    assert rules_of(payload, "good.md") == ["PM003"]


def test_a_crash_while_parsing_one_files_sentences(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language rules' parse is part of their work: spaCy failing on one file's
    sentence is a PM900 finding on that file (as it was before the NLP texts of several
    files were parsed together), and the other files are linted in full."""
    import spacy.language

    real = spacy.language.Language.pipe

    def pipe(self: object, texts: object, *args: object, **kwargs: object) -> object:
        texts = list(texts)  # type: ignore[call-overload]
        if any("Boomer" in text for text in texts):
            raise RuntimeError("parser failed on purpose")
        return real(self, texts, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(spacy.language.Language, "pipe", pipe)
    write(work / "crash.md", POOR + "\nThe engineer Boomer forgot to check the config.\n")
    write(work / "poor.md", POOR)
    result, payload = check_json(*SERIAL, "good.md", "crash.md", "poor.md")
    assert result.exit_code == 2
    assert payload["nlp"]["reduced"] is False, payload["nlp"]
    internal = diagnostics_of(payload, "crash.md", "PM900")
    crashed = {d["message"].split()[1] for d in internal}
    assert crashed and crashed <= {"PM301", "PM302", "PM303", "PM403"}, internal
    assert all("parser failed on purpose" in d["message"] for d in internal)
    poor = [r for r in rules_of(payload, "poor.md") if r not in crashed]
    assert [r for r in rules_of(payload, "crash.md") if r not in crashed | {"PM900"}] == poor
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
    assert f"{config}:2: rules.PM004.options.fields: rule PM004: expected a name" in result.stderr


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


# The only names of the yaml module pmlint may use: safe loading, nodes and errors.
SAFE_YAML = frozenset(
    {
        "safe_load",
        "compose",
        "SafeLoader",
        "CSafeLoader",
        "YAMLError",
        "MarkedYAMLError",
        "__version__",
    }
    | {"Node", "MappingNode", "SequenceNode", "ScalarNode"}
)
UNSAFE_CALLS = frozenset(("eval", "exec", "compile", "__import__"))
UNSAFE_MODULES = frozenset(("pickle", "marshal", "shelve", "dill", "cloudpickle"))


def test_the_source_loads_yaml_safely_and_runs_no_strings() -> None:
    """A look at pmlint's own code behind the tests above: every `yaml.<name>` it uses
    (also through `getattr(yaml, "...")`) is one of the safe loader's, and it neither
    calls eval/exec/compile/__import__ nor imports pickle and the like (the result cache
    is JSON)."""
    problems = []
    for path in sorted((REPO / "src" / "pmlint").rglob("*.py")):
        where = path.relative_to(REPO)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
                and node.attr not in SAFE_YAML
            ):
                problems.append(f"{where}:{node.lineno}: yaml.{node.attr}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                name = node.func.id
                if name in UNSAFE_CALLS:
                    problems.append(f"{where}:{node.lineno}: {name}()")
                elif (
                    name == "getattr"
                    and len(node.args) >= 2
                    and isinstance(node.args[0], ast.Name)
                    and node.args[0].id == "yaml"
                    and not (
                        isinstance(node.args[1], ast.Constant) and node.args[1].value in SAFE_YAML
                    )
                ):
                    problems.append(f"{where}:{node.lineno}: getattr(yaml, ...)")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names.append(getattr(node, "module", None) or "")
                if any(n.split(".")[0] in UNSAFE_MODULES for n in names):
                    problems.append(f"{where}:{node.lineno}: import {names}")
    assert not problems, problems


def test_a_model_name_in_a_config_runs_no_code_from_the_linted_folder(tmp_path: Path) -> None:
    """`nlp: {model: NAME}` comes from the repository being linted. A spaCy pipeline is an
    installed package or a folder; a Python file of that name in the repository is
    neither and must not be imported (here it would write MARKER)."""
    write(
        tmp_path / "evilmodel.py",
        "open('MARKER', 'w').close()\ndef load(): raise OSError('no pipeline')\n",
    )
    write(tmp_path / ".pmlint.yaml", "nlp:\n  model: evilmodel\n")
    write(tmp_path / "pm.md", GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "check", *SERIAL, "pm.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "evilmodel" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "MARKER").exists(), "the config's model name ran evilmodel.py"


# -- no network ----------------------------------------------------------------------------


ATTEMPTS: list[str] = []  # kept even where a caller catches the exception


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        ATTEMPTS.append(f"socket{args}")
        raise AssertionError(f"pmlint opened a socket: {args} {kwargs}")


def _no_network(*args: object, **kwargs: object) -> None:
    ATTEMPTS.append(f"lookup or connection {args}")
    raise AssertionError(f"pmlint tried the network: {args} {kwargs}")


def test_no_network_access(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI in this process with sockets and name lookups refused, over a small corpus,
    every rule on, the trained spaCy pipeline loaded from scratch inside the patch."""
    # Imported before the patch: spaCy imports requests, and urllib3 checks for IPv6 support
    # at import by binding a socket to ::1 (no connection). The model is loaded inside it.
    import spacy  # noqa: F401

    for name in ("socket", "SocketType"):
        monkeypatch.setattr(socket, name, _NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, _no_network)
    ATTEMPTS.clear()
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
    page = invoke("analyze", "--format", "html", "corpus")  # jinja2 and pygal's charts
    assert page.exit_code == 0 and "<svg" in page.stdout, page.stderr
    assert invoke("rules").exit_code == 0 and invoke("explain", "PM301").exit_code == 0
    assert not ATTEMPTS, ATTEMPTS


# Loaded by every Python process started with this folder on PYTHONPATH (the CLI and its
# worker processes): connections and datagrams other than over Unix sockets, and name
# lookups, fail as on a machine without a network, and each attempt is written down.
# Making a socket is allowed: importing spaCy imports requests, and urllib3 checks for IPv6
# support by binding a socket to ::1 at import, which opens no connection.
BLOCKER = """\
import os, socket

_log = os.environ["PMLINT_TEST_NETWORK_LOG"]


def _note(what):
    with open(_log, "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()} {what}\\n")


def _refuse(name, method=None):
    def refuse(*args, **kwargs):
        if method is not None and args[0].family == socket.AF_UNIX:
            return method(*args, **kwargs)
        _note(f"{name}{args[1:] if method is not None else args}")
        raise OSError(101, "Network is unreachable (blocked by the test)")

    return refuse


for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, _name, _refuse(_name, getattr(socket.socket, _name)))
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _refuse(_name))
"""


def test_no_network_in_a_child_process_and_its_workers(tmp_path: Path) -> None:
    """The installed CLI as CI runs it, in a child process with the network blocked for it
    and every process it starts (`--jobs 2`: worker processes; the result cache on)."""
    blocker = write(tmp_path / "blocker" / "sitecustomize.py", BLOCKER)
    work = tmp_path / "work"
    for example in (REPO / "examples").glob("*.md"):
        write(work / "corpus" / example.name, example.read_text(encoding="utf-8"))
    for index in range(6):
        text = GOOD + f"\nSee https://example.com/{index} and <http://a.b/{index}>.\n"
        write(work / "corpus" / f"links-{index}.md", text)
    write(work / ".pmlint.yaml", "extends: core\n")
    network, stats = tmp_path / "network.log", tmp_path / "stats.json"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(blocker.parent), os.environ.get("PYTHONPATH")])
        ),
        "PMLINT_TEST_NETWORK_LOG": str(network),
    }
    env.pop("PMLINT_RAISE", None)
    runs = [
        ["check", "--jobs", "2", "--format", "json", "corpus"],
        ["check", "--jobs", "2", "--format", "json", "corpus"],  # served from the cache
        ["analyze", "--format", "html", "--output", "report.html", "corpus"],
    ]
    outputs = []
    for index, args in enumerate(runs):
        done = subprocess.run(
            [sys.executable, "-m", "pmlint", *args],
            cwd=work,
            env={**env, "PMLINT_STATS": str(stats)} if index == 0 else env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode in (0, 1), done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        outputs.append(done.stdout)
    assert not network.exists(), network.read_text()
    first, cached = (json.loads(out) for out in outputs[:2])
    assert len(first["files"]) == 8 and not first["errors"]
    assert first["files"] == cached["files"]
    assert "<svg" in (work / "report.html").read_text(encoding="utf-8")
    # Workers ran (forked: with the patched socket module; spawned: loading the blocker).
    assert json.loads(stats.read_text())["jobs"] == 2, stats.read_text()
    # and the block works: a connection to a documentation address is refused and noted
    refused = subprocess.run(
        [
            sys.executable,
            "-c",
            "import urllib.request; urllib.request.urlopen('http://192.0.2.1/')",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "Network is unreachable" in refused.stderr
    assert "192.0.2.1" in network.read_text()
