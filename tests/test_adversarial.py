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
import re
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
from pmlint.extract.timeline import cached_timeline
from pmlint.parse import parse_document
from pmlint.reading import DEFAULT_MAX_BYTES, decode
from pmlint.yamlfile import MAX_EXPANDED_NODES
from tests import regex_probe

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


def one_megabyte_line() -> str:
    """1,000,000 characters of prose and markup without a full stop, then ' TODO'."""
    piece = (
        "the engineer forgot to check the `cache` at 10:02 UTC, and some users saw errors "
        "[log](logs/x.md) **bold** _em_ 12% of 1,200 orders <!-- x --> | a | b; "
    )
    return (piece * (1_000_000 // len(piece) + 1))[:1_000_000] + " TODO"


def test_one_megabyte_line(work: Path) -> None:
    """One line of 1 MB with every kind of markup, linted with the trained pipeline: no
    sentence breaks, so the language rules see one huge 'sentence'."""
    line = one_megabyte_line()
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
    time (a quadratic step would make it a hundred), and every row is an event. The time is
    this process's CPU time: on a machine busy with other work, wall time made the ratio
    swing past the bound. For the same reason the wall-clock `rule_timeout` is off here: on a
    machine busy enough, 60 s of wall time can pass while the CPU time stays linear, and a
    rule cut short would fail this test for the machine's load, not for the code."""
    config = load_config(None)
    config.rule_timeout = 0.0
    linter = Linter(config, Selection(("PM1",)), nlp_model="blank")
    timings = {}
    for rows in (10_000, 100_000):
        text, expected = timeline_text(rows, style)
        started = time.process_time()
        report = linter.lint("timeline.md", decode(text.encode("utf-8")), "/")
        timings[rows] = time.process_time() - started
        assert report.document is not None
        events = cached_timeline(report.document).events
        assert len(events) == rows
        assert [d.span.line for d in report.diagnostics if d.rule == "PM103"] == expected
    assert timings[100_000] < 180, timings
    assert timings[100_000] / timings[10_000] < 30, timings  # linear: about 10


# -- memory --------------------------------------------------------------------------------

MEMORY_CASES = {
    "one-megabyte-line": lambda: GOOD + "\n" + one_megabyte_line() + "\n",
    "ten-thousand-headings": lambda: "".join(
        f"{'#' * (1 + i % 6)} Heading {i}\n" for i in range(10_000)
    ),
    "deep-nesting": lambda: "# Deep\n\nTODO first.\n\n" + "\n\n".join(NESTING.values()) + "\n",
    "hundred-thousand-timeline-rows": lambda: timeline_text(100_000, "table")[0],
    "twenty-thousand-directives": lambda: (
        "# Directives\n\n"
        + "<!-- pmlint-disable PM003 -->\nTODO\n<!-- pmlint-enable PM003 -->\nTBD\n\n" * 10_000
    ),
}
# Peak memory allowed over the run on good.md alone: a fixed margin and so many bytes per
# byte of input. Measured (MiB over a baseline of 160): 100,000 timeline rows (4.9 MB)
# +413, the 1 MB line +60, 20,000 directives +51, 10,000 headings +37, deep nesting +1.
MEMORY_MARGIN_MIB, MEMORY_PER_INPUT_BYTE = 64, 160


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Peak memory (MiB) of the same command on the small good.md alone."""
    folder = tmp_path_factory.mktemp("baseline")
    write(folder / ".pmlint.yaml", "extends: core\n")
    write(folder / "good.md", GOOD)
    args = ["check", *SERIAL, "--format", "json", "good.md"]
    code, _out, _seconds, rss = run_measured(args, folder, timeout=300)
    assert code == 1
    return rss


@pytest.mark.parametrize("name", MEMORY_CASES)
def test_adversarial_input_in_bounded_memory(tmp_path: Path, name: str, baseline_rss: int) -> None:
    """The inputs above through the whole CLI in a child process, as CI runs it: every
    rule, the trained pipeline. Its peak memory (RSS) over the same run on good.md alone
    stays under a bound linear in the input's size (about twice what each needs now): a
    structure that grows with the square of the input, or copies per line, would not."""
    text = MEMORY_CASES[name]()
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / "input.md", text)
    args = ["check", *SERIAL, "--format", "json", "good.md", "input.md"]
    code, out, seconds, rss = run_measured(args, tmp_path, timeout=300)
    assert code == 1, (tmp_path / "stderr.txt").read_text()[-2000:]
    payload = json.loads(out)
    assert not [d for d in diagnostics(payload, "input.md") if d["rule"] == "PM900"]
    assert found(payload, "good.md") == [GOOD_TODO]
    limit = MEMORY_MARGIN_MIB + MEMORY_PER_INPUT_BYTE * len(text.encode("utf-8")) / 2**20
    assert seconds < 120, seconds
    assert rss - baseline_rss < limit, (name, rss, baseline_rss, limit)


# -- every regular expression --------------------------------------------------------------


def test_every_regex_is_linear_on_pathological_strings() -> None:
    """Each pattern in pmlint (modules, rule packs, those compiled inside functions, and
    every `re.*("literal")` call in the source) against each string of
    tests.regex_probe.pathological(): 50,000 characters of digits, colons, blanks, `*`,
    `_`, `[`, backticks, unclosed `<!--`, `|`, `1/1/1/...`, `12:12:12...` and more, and
    the same strings at 12,500 characters. A linear pattern takes about 4 times as long on
    the longer string, a quadratic one 16 times (and an exponential one never finishes).
    The ratio is what is checked, with a time limit on top: a quadratic pattern that scans
    a run of one character class (`\\s+X`) takes only about 2 s on 50,000 blanks."""
    limit, budget = 2.5, 480
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
    assert header["patterns"] > 150 and header["strings"] >= 40, header
    assert header["literal"] > 20, header  # the syntax tree's literal patterns are in
    assert len(runs) == header["patterns"] * header["strings"]
    known = {(r["where"], r["string"]) for r in runs if r.get("known")}
    assert len(known) <= sum(map(len, regex_probe.KNOWN_SUPERLINEAR.values())), known
    slow = sorted((r["seconds"], r["where"], r["string"]) for r in runs if r["seconds"] > limit)
    assert not slow, slow
    growing = sorted(
        (round(r["seconds"] / max(r["small"], 1e-9), 1), r["where"], r["string"])
        for r in runs
        if regex_probe.superlinear(r["small"], r["seconds"])
    )
    assert not growing, growing


def test_the_probe_counts_cpu_time_not_the_machines_load() -> None:
    """What the probe measures does not grow while the process waits for the CPU (a loaded
    machine): a match that spends half a second off the CPU costs it nothing (issue 16)."""

    class Waiting:
        def finditer(self, text: str) -> list[str]:
            time.sleep(0.5)  # off the CPU, as when other processes have it
            return []

    assert regex_probe.seconds(Waiting(), "x") < 0.25  # type: ignore[arg-type]


def test_trailing_dash_is_linear() -> None:
    r"""actions._TRAILING_DASH's `\s*` and its body shared a run of blanks: 3 s at 2,000
    blanks, 48 s at 8,000 (unreachable from a document, whose blanks are collapsed before,
    but a trap for the next caller)."""
    from pmlint.extract.actions import _TRAILING_DASH

    def text(blanks: int) -> str:
        return "a — " + " " * blanks + "x" * 100

    short, long = regex_probe.timings(_TRAILING_DASH, text(250), text(1_000))
    assert not regex_probe.superlinear(short, long), (short, long)


@pytest.mark.parametrize(
    ("pattern", "string", "quadratic"),
    [
        (r"\s+X", "spaces", True),  # each blank starts a scan of the rest of the run
        (r"[^x]*y", "letters", True),
        (r"(?<!\s)\s+X", "spaces", False),  # the lookbehind: one scan of the run
        (r"[a-z]{1,400}?:", "letters", False),  # up to 400 from each letter: slow, linear
    ],
)
def test_the_probe_tells_quadratic_from_linear(pattern: str, string: str, quadratic: bool) -> None:
    """The ratio test above, on patterns whose cost is known, at the probe's own sizes."""
    small = regex_probe.pathological(regex_probe.SMALL)[string]
    large = regex_probe.pathological()[string]
    short, long = regex_probe.timings(re.compile(pattern), small, large)
    assert regex_probe.superlinear(short, long) is quadratic, (short, long)


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


@pytest.mark.parametrize("where", ["rule-file", "lexicon"])
def test_yaml_bomb_in_a_user_rule_pack(work: Path, where: str) -> None:
    """Rule files and their lexicons are read like the config: the bomb is refused, the
    message names the file that holds it."""
    team = work / "team"
    rule = "id: TEAM1\nname: team\ncategory: language\nkind: phrases\nmessage: m\n"
    rule += "docs: {summary: s}\n"
    if where == "rule-file":
        bomb = write(team / "rules" / "TEAM1.yaml", billion_laughs() + rule)
    else:
        write(team / "rules" / "TEAM1.yaml", rule + "options: {lexicon: lexicons/words.yaml}\n")
        bomb = write(team / "rules" / "lexicons" / "words.yaml", billion_laughs() + "tokens: [x]\n")
    config = write(team / ".pmlint.yaml", "rules_dirs: [rules]\n")
    load_config.cache_clear()
    started = time.monotonic()
    with peak_memory() as peak, pytest.raises(ConfigError, match="refused: aliases expand"):
        load_config(str(config))
    assert time.monotonic() - started < 10
    assert peak[0] < 64 * 2**20, peak
    write(team / "pm.md", GOOD)
    result, payload, _ = lint_json("team/pm.md", "good.md")
    assert result.exit_code == 2
    line = stderr_about(result, "team/pm.md")
    assert str(bomb) in line and "refused: aliases expand" in line, line
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


VAGUE_RULE = """\
id: TEAM3
name: team-vague
category: impact
kind: vague-quantity
message: "Vague: '{match}'."
options:
  lexicon: lexicons/quantities.yaml
docs: {summary: Team vague quantities.}
"""


@pytest.mark.parametrize(
    ("files", "config", "named"),
    [
        pytest.param(
            {"rules/team.yaml": PHRASE_RULE.format(tokens='"(unclosed"', exceptions="")},
            "",
            "team",
            id="token",
        ),
        pytest.param(
            {"rules/team.yaml": PHRASE_RULE.format(tokens='"ok"', exceptions='"[z-a]"')},
            "",
            "team",
            id="exception",
        ),
        pytest.param(
            {"rules/blame.yaml": BLAME_RULE.replace("{tokens}", "x(?P<")},
            "",
            "blame",
            id="language-token",
        ),
        pytest.param(
            {
                "rules/team.yaml": PHRASE_RULE.format(tokens='"ok"', exceptions="").replace(
                    "  exceptions: []\n", "  lexicon: lexicons/words.yaml\n"
                ),
                "rules/lexicons/words.yaml": 'tokens: ["a{2,1}"]\n',
            },
            "",
            "team",
            id="lexicon-file",
        ),
        pytest.param(
            {},
            "rules:\n  PM003:\n    options:\n      tokens: ['*TODO']\n",
            "pmlint",
            id="config-override",
        ),
        # A valid regex on its own, invalid once the check wraps it in `(?:...)`: Python
        # 3.11 refuses global flags that do not start the expression (this crashed until
        # the wrapped pattern was compiled inside the check's `try` too).
        pytest.param(
            {"rules/blame.yaml": BLAME_RULE.replace("{tokens}", "(?i)sloppy")},
            "",
            "blame",
            id="language-token-with-global-flag",
        ),
        # The vague-quantity kind (PM202's) joins its lexicon's tokens into one pattern;
        # it crashed with re.error until each token was checked on its own.
        pytest.param(
            {
                "rules/vague.yaml": VAGUE_RULE,
                "rules/lexicons/quantities.yaml": 'tokens: ["(unclosed"]\n',
            },
            "",
            "vague",
            id="vague-quantity-lexicon",
        ),
    ],
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
