"""Adversarial input: each case finishes in bounded time and memory and reports clearly.

Huge files and lines, thousands of headings, deep nesting, 100,000-row timelines, every
regular expression against pathological strings, YAML bombs, broken user rules, symlink
loops and files that cannot be read. The limits are generous (this runs on 2 loaded
cores); what they catch is the quadratic or exponential case, which misses them by far.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import Result

from pmlint.config import ConfigError, load_config
from pmlint.engine import Linter, Selection
from pmlint.parse import parse_document
from pmlint.reading import DEFAULT_MAX_BYTES, decode
from pmlint.yamlfile import MAX_EXPANDED_NODES

# GOOD: a complete postmortem whose only finding is PM003 on the TODO at line 5, column 45.
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import REPO, check_json, write

GOOD_TODO = ("PM003", 5, 45)
SERIAL = ("--jobs", "1", "--no-cache")  # in this process, so patches and limits apply


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_json(*args: str) -> tuple[Result, dict, float]:
    started = time.monotonic()
    result, payload = check_json(*SERIAL, *args)
    return result, payload, time.monotonic() - started


def diagnostics(payload: dict, path: str) -> list[dict]:
    for entry in payload["files"]:
        if entry["path"] == path:
            return entry["diagnostics"]
    raise AssertionError(f"{path} not linted; errors: {payload.get('errors')}")


def found(payload: dict, path: str) -> list[tuple[str, int, int]]:
    return [(d["rule"], d["line"], d["column"]) for d in diagnostics(payload, path)]


def stderr_about(result: Result, name: str) -> str:
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmlint: ")
    return lines[0]


def run_measured(args: list[str], cwd: Path, timeout: float) -> tuple[int, str, float, int]:
    """Run pmlint in a child process: (exit code, stdout, seconds, peak RSS in MiB)."""
    out, err = cwd / "stdout.json", cwd / "stderr.txt"
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "pmlint", *args], cwd=cwd, stdout=stdout, stderr=stderr
        )
    try:
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                child.kill()
                raise AssertionError(f"pmlint {' '.join(args)} ran over {timeout} s")
            time.sleep(0.2)
    finally:
        child.returncode = -1 if child.returncode is None else child.returncode  # reaped
    seconds = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    return code, out.read_text(encoding="utf-8"), seconds, usage.ru_maxrss // 1024


# -- size ----------------------------------------------------------------------------------


def ten_megabytes() -> bytes:
    """A postmortem of about 10 MB of prose, lists, links and times; FIXME on its last line."""
    chunk = (
        "At 10:02 UTC the checkout service returned errors for some users; the on-call "
        "engineer restarted the pool (see [runbook](docs/restart.md)) and `pool.size` went "
        "to 450.\n\n"
        * 6
        + "- Add an alert on pool saturation above 90% (owner: @dana, OPS-1234)\n" * 3
        + "\n| 10:41 UTC | errors stopped |\n|---|---|\n\n"
    )
    head = GOOD + "\n"
    tail = "Last line. FIXME\n"
    body = chunk * ((10_000_000 - len(head) - len(tail)) // len(chunk))
    return (head + body + tail).encode("utf-8")


def test_ten_megabyte_file_is_refused_over_the_default_limit(work: Path) -> None:
    data = ten_megabytes()
    assert len(data) > DEFAULT_MAX_BYTES
    (work / "big.md").write_bytes(data)
    result, payload, seconds = lint_json("good.md", "big.md")
    assert seconds < 20  # refused by its size, before it is read
    assert result.exit_code == 2
    line = stderr_about(result, "big.md")
    assert "max_file_size" in line and f"{len(data):,} bytes" in line
    assert found(payload, "good.md") == [GOOD_TODO]
    assert [e["path"] for e in payload["errors"]] == ["big.md"]


def test_ten_megabyte_file_with_a_raised_limit_is_linted(tmp_path: Path) -> None:
    """In a child process, to measure its time and peak memory. The blank pipeline: the
    trained one reads the same text, only slower (bench/ follows its speed)."""
    data = ten_megabytes()
    (tmp_path / "big.md").write_bytes(data)
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / ".pmlint.yaml", "max_file_size: 20000000\n")
    args = ["check", *SERIAL, "--nlp-model", "blank", "--format", "json", "good.md", "big.md"]
    code, out, seconds, rss = run_measured(args, tmp_path, timeout=300)
    assert code == 1, (tmp_path / "stderr.txt").read_text()[-2000:]
    payload = json.loads(out)
    assert seconds < 240 and rss < 2048, (seconds, rss)
    last_line = data.count(b"\n")
    assert ("PM003", last_line) in [(r, line) for r, line, _ in found(payload, "big.md")]
    assert found(payload, "good.md") == [GOOD_TODO]


def test_stdin_over_the_limit_is_refused_unread(work: Path) -> None:
    """`-` obeys max_file_size too: a pipe is read up to the limit, not held whole."""
    write(work / ".pmlint.yaml", "max_file_size: 1000\n")
    result, payload = check_json(*SERIAL, "-", stdin=b"TODO " * 100_000)
    assert result.exit_code == 2
    assert "over the limit of 1,000 bytes" in stderr_about(result, "<stdin>")
    assert payload["errors"] and not payload["files"]
    result, payload = check_json(*SERIAL, "-", stdin=GOOD.encode("utf-8"))
    assert result.exit_code == 1
    assert found(payload, "<stdin>") == [GOOD_TODO]


def test_one_megabyte_line(work: Path) -> None:
    """One line of 1 MB with every kind of markup, linted with the trained pipeline: no
    sentence breaks, so the language rules see one huge 'sentence'."""
    piece = (
        "the engineer forgot to check the `cache` at 10:02 UTC, and some users saw errors "
        "[log](logs/x.md) **bold** _em_ 12% of 1,200 orders <!-- x --> | a | b; "
    )
    line = (piece * (1_000_000 // len(piece) + 1))[:1_000_000] + " TODO"
    write(work / "line.md", GOOD + "\n" + line + "\n")
    result, payload, seconds = lint_json("good.md", "line.md")
    assert seconds < 120
    assert result.exit_code == 1, result.stderr
    assert ("PM003", GOOD.count("\n") + 2, len(line) - 3) in found(payload, "line.md")
    assert not [d for d in diagnostics(payload, "line.md") if d["rule"] == "PM900"]
    assert found(payload, "good.md") == [GOOD_TODO]


def test_ten_thousand_headings(work: Path) -> None:
    """Ten thousand empty sections at levels 1 to 6: each is reported, at its line."""
    text = "".join(f"{'#' * (1 + i % 6)} Heading {i}\n" for i in range(10_000))
    write(work / "headings.md", text)
    result, payload, seconds = lint_json("good.md", "headings.md")
    assert seconds < 120
    assert result.exit_code == 1
    empty = [line for rule, line, _ in found(payload, "headings.md") if rule == "PM002"]
    assert empty == list(range(1, 10_001))
    assert found(payload, "good.md") == [GOOD_TODO]


NESTING = {
    "emphasis": "*" * 10_000 + "TODO" + "*" * 10_000,
    "parentheses": "(" * 10_000 + "TODO" + ")" * 10_000,
    "brackets-and-images": "![" * 10_000 + "TODO" + "](x)" * 10_000,
    "html": "<div>" * 10_000 + "\n\nTODO\n\n" + "</div>" * 10_000,
    "quoted-lists": "> - " * 5_000 + "**Timeline:**\n" + "> " * 5_000 + "10:02 TODO",
    "code-spans": "`" * 10_000 + "TODO" + "`" * 9_999,
    "headings-in-quotes": "> " * 10_000 + "# TODO",
}


@pytest.mark.parametrize("name", NESTING)
def test_ten_thousand_deep_nesting(work: Path, name: str) -> None:
    """Beyond the forms test_bad_input covers (quotes, lists, links, front matter)."""
    write(work / "deep.md", "# Deep\n\nTODO first.\n\n" + NESTING[name] + "\n")
    result, payload, seconds = lint_json("good.md", "deep.md")
    assert seconds < 60
    assert "RecursionError" not in result.output
    assert result.exit_code == 1, result.stderr
    assert ("PM003", 3, 1) in found(payload, "deep.md")
    assert not [d for d in diagnostics(payload, "deep.md") if d["rule"] == "PM900"]
    assert found(payload, "good.md") == [GOOD_TODO]


def test_fifty_thousand_suppression_directives(work: Path) -> None:
    """Stacked next-line directives, and a disabled range per finding: each directive and
    each finding costs a lookup, not a scan of all the others."""
    text = "# Directives\n\n" + "<!-- pmlint-disable-next-line PM003 -->\n" * 25_000 + "TODO\n\n"
    text += "<!-- pmlint-disable PM003 -->\nTODO\n<!-- pmlint-enable PM003 -->\nTBD\n\n" * 25_000
    write(work / "directives.md", text)
    result, payload, seconds = lint_json("good.md", "directives.md")
    assert result.exit_code == 1
    assert seconds < 120
    placeholders = [line for rule, line, _ in found(payload, "directives.md") if rule == "PM003"]
    assert placeholders == [25_008 + 5 * i for i in range(25_000)]  # every TBD, no TODO
    assert found(payload, "good.md") == [GOOD_TODO]


# -- long timelines ------------------------------------------------------------------------

PLANTED = (1_000, 5_001, 9_998)  # rows whose time is a day earlier than the row before


def timeline_text(rows: int, style: str) -> tuple[str, list[int]]:
    """A timeline of `rows` entries a minute apart, with PLANTED rows out of order (and
    scaled with the size); returns the text and the lines PM103 must report."""
    planted = {index * rows // 10_000 for index in PLANTED}
    start = dt.datetime(2024, 3, 1)
    head = ["# Incident", "", "## Timeline", ""]
    if style == "table":
        head += ["| Time (UTC) | Event |", "|---|---|"]
    lines, expected = list(head), []
    for row in range(rows):
        when = start + dt.timedelta(minutes=row) - dt.timedelta(days=row in planted)
        stamp = when.strftime("%Y-%m-%d %H:%M")
        if style == "table":
            lines.append(f"| {stamp} | health check {row} passed |")
        else:
            lines.append(f"- {stamp} UTC: health check {row} passed")
        if row in planted:
            expected.append(len(lines))
    return "\n".join(lines) + "\n", expected


@pytest.mark.parametrize("style", ["table", "list"])
def test_hundred_thousand_timeline_rows(style: str) -> None:
    """Timeline extraction and PM103 stay linear: ten times the rows, about ten times the
    time (a quadratic step would make it a hundred), and every row is an event."""
    linter = Linter(load_config(None), Selection(("PM1",)), nlp_model="blank")
    timings = {}
    for rows in (10_000, 100_000):
        text, expected = timeline_text(rows, style)
        started = time.monotonic()
        report = linter.lint("timeline.md", decode(text.encode("utf-8")), "/")
        timings[rows] = time.monotonic() - started
        assert report.document is not None
        events = report.document.cache["timeline"].events
        assert len(events) == rows
        assert [d.span.line for d in report.diagnostics if d.rule == "PM103"] == expected
    assert timings[100_000] < 180, timings
    assert timings[100_000] / timings[10_000] < 30, timings  # linear: about 10


# -- every regular expression --------------------------------------------------------------


def test_every_regex_is_linear_on_pathological_strings() -> None:
    """Each pattern in pmlint (modules, rule packs, and those compiled inside functions)
    against each string of tests.regex_probe.pathological(): 50,000 characters of digits,
    colons, blanks, `*`, `_`, `[`, backticks, unclosed `<!--`, `|`, `1/1/1/...`,
    `12:12:12...` and more. A linear pattern takes milliseconds to a few tenths of a
    second there; one that backtracks quadratically takes minutes."""
    limit, budget = 2.5, 420
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.regex_probe"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=budget,
        )
        output = done.stdout
        assert done.returncode == 0, done.stderr[-3000:]
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout if isinstance(exc.stdout, str) else (exc.stdout or b"").decode()
        last = [json.loads(line) for line in partial.splitlines() if line.startswith('{"start"')]
        raise AssertionError(
            f"still running after {budget} s: {last[-1] if last else '?'}"
        ) from None
    rows = [json.loads(line) for line in output.splitlines()]
    header, runs = rows[0], [r for r in rows if "seconds" in r]
    assert header["patterns"] > 150 and header["strings"] >= 30, header
    assert len(runs) == header["patterns"] * header["strings"]
    slow = sorted((r["seconds"], r["where"], r["string"]) for r in runs if r["seconds"] > limit)
    assert not slow, slow


# -- YAML bombs ----------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


BOMBS = {
    "billion-laughs": billion_laughs(),
    "self-reference": "a: &a [*a, *a]\n",
    "self-reference-mapping": "a: &a {b: *a}\n",
}


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The peak of Python allocations in the block, in bytes (list holds it afterwards)."""
    peak: list[int] = []
    tracemalloc.start()
    try:
        yield peak
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


@pytest.mark.parametrize("name", BOMBS)
def test_yaml_bomb_in_front_matter(work: Path, name: str) -> None:
    text = "---\n" + BOMBS[name] + "title: x\n---\n" + GOOD
    catalog = load_config(None).catalog
    started = time.monotonic()
    with peak_memory() as peak:
        doc = parse_document("bomb.md", text, catalog)
    assert time.monotonic() - started < 10
    assert peak[0] < 64 * 2**20, peak
    assert doc.meta == {} and doc.meta_error is not None
    assert f"more than {MAX_EXPANDED_NODES:,} nodes" in doc.meta_error[1]
    write(work / "bomb.md", text)
    _result, payload, seconds = lint_json("good.md", "bomb.md")
    assert seconds < 30
    pm901 = [d for d in diagnostics(payload, "bomb.md") if d["rule"] == "PM901"]
    assert len(pm901) == 1 and "refused: aliases expand" in pm901[0]["message"]
    assert ("PM003", GOOD_TODO[1] + text.count("\n") - GOOD.count("\n"), GOOD_TODO[2]) in found(
        payload, "bomb.md"
    )
    assert found(payload, "good.md") == [GOOD_TODO]


@pytest.mark.parametrize("name", BOMBS)
def test_yaml_bomb_in_config(work: Path, name: str) -> None:
    config = write(work / "p" / ".pmlint.yaml", BOMBS[name] + "include: ['**/*.md']\n")
    load_config.cache_clear()
    started = time.monotonic()
    with peak_memory() as peak, pytest.raises(ConfigError, match="refused: aliases expand"):
        load_config(str(config))
    assert time.monotonic() - started < 10
    assert peak[0] < 64 * 2**20, peak
    write(work / "p" / "pm.md", GOOD)
    result, payload, _ = lint_json("p/pm.md", "good.md")
    assert result.exit_code == 2
    assert str(config) in stderr_about(result, "p/pm.md")
    assert found(payload, "good.md") == [GOOD_TODO]


# -- invalid regular expressions in user rules ---------------------------------------------

PHRASE_RULE = """\
id: TEAM1
name: team-words
category: language
kind: phrases
message: "Avoid '{{match}}'."
options:
  tokens: [{tokens}]
  exceptions: [{exceptions}]
docs: {{summary: Team words.}}
"""
BLAME_RULE = """\
id: TEAM2
name: team-blame
category: language
kind: blame-language
message: "Blame: '{match}'."
options:
  tokens: ["{tokens}"]
docs: {summary: Team blame words.}
"""


@pytest.mark.parametrize(
    ("files", "config", "named"),
    [
        ({"rules/team.yaml": PHRASE_RULE.format(tokens='"(unclosed"', exceptions="")}, "", "team"),
        (
            {"rules/team.yaml": PHRASE_RULE.format(tokens='"ok"', exceptions='"[z-a]"')},
            "",
            "team",
        ),
        ({"rules/blame.yaml": BLAME_RULE.replace("{tokens}", "x(?P<")}, "", "blame"),
        (
            {
                "rules/team.yaml": PHRASE_RULE.format(tokens='"ok"', exceptions="").replace(
                    "  exceptions: []\n", "  lexicon: lexicons/words.yaml\n"
                ),
                "rules/lexicons/words.yaml": 'tokens: ["a{2,1}"]\n',
            },
            "",
            "team",
        ),
        ({}, "rules:\n  PM003:\n    options:\n      tokens: ['*TODO']\n", "pmlint"),
    ],
    ids=["token", "exception", "language-token", "lexicon-file", "config-override"],
)
def test_invalid_regex_in_a_user_rule(
    work: Path, files: dict[str, str], config: str, named: str
) -> None:
    for name, text in files.items():
        write(work / "team" / name, text)
    write(work / "team" / ".pmlint.yaml", ("rules_dirs: [rules]\n" if files else "") + config)
    write(work / "team" / "pm.md", GOOD)
    result, payload, _ = lint_json("team/pm.md", "good.md")
    assert result.exit_code == 2
    line = stderr_about(result, "team/pm.md")
    assert "invalid regular expression" in line
    source = next((n for n in files if named in n), ".pmlint.yaml")
    assert str(work / "team" / source) in line, line  # names the file that holds the rule
    assert found(payload, "good.md") == [GOOD_TODO]


# -- files that cannot be read -------------------------------------------------------------


def test_symlink_loops_in_a_scanned_folder(work: Path) -> None:
    folder = work / "docs"
    write(folder / "real" / "pm.md", GOOD)
    try:
        (folder / "a").symlink_to("b", target_is_directory=True)  # a -> b -> a
        (folder / "b").symlink_to("a", target_is_directory=True)
        (folder / "self").symlink_to("self", target_is_directory=True)
        (folder / "real" / "up").symlink_to("../..", target_is_directory=True)
        (folder / "loop.md").symlink_to("loop.md")
        (folder / "dangling.md").symlink_to("nowhere.md")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")
    result, payload, seconds = lint_json("good.md", "docs", "docs/loop.md")
    assert seconds < 30
    assert result.exit_code == 2
    assert "symbolic links" in stderr_about(result, os.path.join("docs", "loop.md"))
    assert "no such file" in stderr_about(result, os.path.join("docs", "dangling.md"))
    paths = [f["path"] for f in payload["files"]]
    assert paths.count(os.path.join("docs", "real", "pm.md")) == 1
    assert found(payload, os.path.join("docs", "real", "pm.md")) == [GOOD_TODO]
    assert found(payload, "good.md") == [GOOD_TODO]


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a blocked open() of a FIFO is interrupted by SIGALRM."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_device_named_md_are_refused(work: Path) -> None:
    """A FIFO would block a reader until a writer comes (forever, in CI)."""
    os.mkfifo(work / "pipe.md")
    os.mkfifo(work / ".gitignore")  # read while walking the folder
    (work / "zero.md").symlink_to("/dev/zero")
    (work / "folder.md").mkdir()
    write(work / "folder.md" / "inner.md", GOOD)
    with alarm(60):
        result, payload, _ = lint_json(".", "pipe.md")
    assert result.exit_code == 2
    for name in ("pipe.md", "zero.md"):
        assert "not a regular file" in stderr_about(result, name)
    assert found(payload, os.path.join("folder.md", "inner.md")) == [GOOD_TODO]
    assert found(payload, "good.md") == [GOOD_TODO]


def test_unreadable_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod-000 file, so open() is made to refuse this one."""
    write(work / "locked.md", GOOD)
    real_open = builtins.open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result, payload, _ = lint_json("good.md", "locked.md")
    assert result.exit_code == 2
    assert "permission denied" in stderr_about(result, "locked.md")
    assert found(payload, "good.md") == [GOOD_TODO]


def test_values_that_python_yaml_cannot_build(work: Path) -> None:
    """PyYAML raises ValueError, not YAMLError, for these: once a crash of the whole run."""
    front = {
        "date.md": "---\ndate: 2024-13-45\n---\n",
        "int.md": "---\nx: !!int abc\n---\n",
        "digits.md": f"---\nx: {'9' * 5000}\n---\n",
        "toml.md": f"+++\nx = {'9' * 5000}\n+++\n",
    }
    for name, head in front.items():
        write(work / name, head + GOOD)
    write(work / "cfg" / ".pmlint.yaml", "timezone: 2024-13-45\n")
    write(work / "cfg" / "pm.md", GOOD)
    result, payload, _ = lint_json("good.md", *front, "cfg/pm.md")
    assert result.exit_code == 2  # the config; the documents are linted
    assert "invalid YAML" in stderr_about(result, "cfg/pm.md")
    for name in front:
        messages = [d["message"] for d in diagnostics(payload, name) if d["rule"] == "PM901"]
        assert len(messages) == 1 and "front matter" in messages[0], (name, messages)
    assert found(payload, "good.md") == [GOOD_TODO]
