"""Every rule against its Markdown fixtures: the findings must equal the expectations exactly.

A fixture is `tests/fixtures/rules/<RULE-ID>[-anything].md`. It holds a header comment

    <!-- pmlint-fixture
    select: [PM003]                      # rules to run; default: the id in the file name
    rules: {PM004: {options: {fields: [date]}}}   # like `rules:` in .pmlint.yaml
    nlp_model: blank                     # run without the trained spaCy pipeline
    -->

(usually at the top; after the front matter when a fixture needs front matter on line 1),
and expectations as HTML comments: `<!-- expect: PM003 -->` at the end of the line where
the finding must be (ids may repeat: `<!-- expect: PM004 PM004 -->`), or on a line of its
own with an absolute line: `<!-- expect: PM001 line=1 -->`. Relative links resolve against
the fixture's folder, so `assets/` holds real files for PM502's traps.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from pmlint.api import lint_text
from pmlint.checks import ENGINE_KIND, KINDS
from pmlint.config import load_config
from pmlint.nlp import BLANK, resolve_model_name
from pmlint.packs import load_pack
from pmlint.reading import read_file

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))
UNFIXTURED = {"PM900", "PM903"}  # internal errors cannot be provoked; PM903 is optional

_HEADER = re.compile(r"<!--\s*pmlint-fixture\b(?P<body>.*?)-->", re.DOTALL)
_EXPECT = re.compile(r"<!--\s*expect:(?P<body>.*?)-->")
_RULE_ID = re.compile(r"^[A-Z][A-Z_]*[0-9]+$")
_FILE_ID = re.compile(r"^([A-Z][A-Z_]*[0-9]+)")
HEADER_KEYS = {"select", "rules", "quiet", "nlp_model"}


def rule_id_of(path: Path) -> str:
    match = _FILE_ID.match(path.name)
    assert match, f"{path.name}: a fixture's name must start with a rule id"
    return match.group(1)


def parse_header(path: Path, text: str) -> dict:
    match = _HEADER.search(text)
    if match is None:
        return {}
    header = yaml.safe_load(match.group("body")) or {}
    assert isinstance(header, dict), f"{path.name}: the fixture header must be a YAML mapping"
    unknown = set(header) - HEADER_KEYS
    assert not unknown, f"{path.name}: unknown header keys {sorted(unknown)}"
    return header


def parse_expectations(path: Path, text: str) -> Counter[tuple[str, int]]:
    expected: Counter[tuple[str, int]] = Counter()
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _EXPECT.finditer(line):
            words = match.group("body").split()
            absolute = [w for w in words if w.startswith("line=")]
            ids = [w for w in words if not w.startswith("line=")]
            assert ids, f"{path.name}:{number}: an expectation names no rule"
            for rule_id in ids:
                assert _RULE_ID.match(rule_id), f"{path.name}:{number}: bad rule id {rule_id!r}"
            if absolute:
                assert len(absolute) == 1, f"{path.name}:{number}: more than one line="
                target = int(absolute[0].removeprefix("line="))
            else:
                alone = not _EXPECT.sub("", line).strip()
                assert not alone, (
                    f"{path.name}:{number}: an expectation on a line of its own needs line=N"
                )
                target = number
            for rule_id in ids:
                expected[(rule_id, target)] += 1
    return expected


def describe(findings: Counter[tuple[str, int]], lines: list[str]) -> str:
    out = []
    for (rule_id, line), count in sorted(findings.items(), key=lambda item: item[0][1]):
        source = lines[line - 1].strip() if 0 < line <= len(lines) else "<no such line>"
        times = f" x{count}" if count > 1 else ""
        out.append(f"    {rule_id} line {line}{times}: {source[:90]}")
    return "\n".join(out) or "    (none)"


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_rule_fixture(fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLINT_RAISE", "1")
    source = read_file(str(fixture))
    header = parse_header(fixture, source.text)
    expected = parse_expectations(fixture, source.text)
    # A trap-only fixture says so (`quiet: true`): it must stay silent instead.
    assert expected or header.get("quiet"), (
        f"{fixture.name}: a fixture needs at least one expectation, or `quiet: true`"
    )
    assert not (expected and header.get("quiet")), f"{fixture.name}: quiet but expects findings"

    config_file = tmp_path / ".pmlint.yaml"
    config_file.write_text(yaml.safe_dump({"rules": header.get("rules") or {}}), "utf-8")
    config = load_config(str(config_file))
    select = header.get("select") or [rule_id_of(fixture)]
    for selector in select:
        assert any(r.matches(selector) for r in config.rules.values()), selector
    # `nlp_model: blank` runs a fixture without the trained pipeline (reduced mode);
    # otherwise a fixture whose rules need spaCy skips where no trained model is installed.
    model = header.get("nlp_model")
    chosen = [r for r in config.rules.values() if any(r.matches(s) for s in select)]
    needs_nlp = any(r.kind != ENGINE_KIND and KINDS[r.kind].needs_nlp for r in chosen)
    if needs_nlp and model != "blank" and resolve_model_name("auto") == BLANK:
        pytest.skip("no trained spaCy pipeline installed (pip install 'pmlint[model]')")

    report = lint_text(
        fixture.read_bytes(), str(fixture), config=config, select=select, nlp_model=model
    )
    assert report.error is None, report.error
    found = Counter((d.rule, d.span.line) for d in report.diagnostics)

    if found != expected:
        lines = source.text.split("\n")
        missing = expected - found
        unexpected = found - expected
        pytest.fail(
            f"{fixture.name}: findings differ from the expectations\n"
            f"  expected but not found:\n{describe(missing, lines)}\n"
            f"  found but not expected:\n{describe(unexpected, lines)}\n"
            f"  all findings:\n"
            + "\n".join(
                f"    {d.rule} {d.span.line}:{d.span.column} {d.message}"
                for d in report.diagnostics
            ),
            pytrace=False,
        )


def test_every_fixture_names_a_known_rule() -> None:
    known = set(load_pack("core").rules)
    for fixture in FIXTURE_FILES:
        assert rule_id_of(fixture) in known, f"{fixture.name}: no rule {rule_id_of(fixture)}"


def test_every_core_rule_has_a_fixture() -> None:
    covered = {rule_id_of(p) for p in FIXTURE_FILES}
    wanted = set(load_pack("core").rules) - UNFIXTURED
    assert not wanted - covered, f"rules without a fixture: {sorted(wanted - covered)}"
