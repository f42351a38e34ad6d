"""`--select`/`--ignore` that name no rule are usage errors (exit 2) with the closest known
ids, names or categories: a typo must never select nothing and turn CI green (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOOD_POSTMORTEM, invoke, write


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "pm.md", GOOD_POSTMORTEM)


@pytest.mark.parametrize(
    ("option", "typo", "hint"),
    [
        ("--select", "PM3O1", "PM301"),
        ("--select", "blame-langauge", "blame-language"),
        ("--ignore", "PM3O1", "PM301"),
        ("--ignore", "langauge", "language"),
    ],
)
def test_check_refuses_a_selector_no_rule_answers_to(
    doc: Path, option: str, typo: str, hint: str
) -> None:
    result = invoke("check", option, typo, str(doc))
    assert result.exit_code == 2
    assert "No problems" not in result.stdout
    assert typo in result.stderr and f"did you mean {hint}" in result.stderr


def test_every_unknown_selector_is_named_and_known_ones_pass(doc: Path) -> None:
    result = invoke("check", "--select", "PM003,PM3O1", "--ignore", "nope-at-all", str(doc))
    assert result.exit_code == 2
    assert "'PM3O1'" in result.stderr and "'nope-at-all'" in result.stderr
    assert "'PM003'" not in result.stderr
    # ids, prefixes, names and categories all count as known
    for selector in ("PM003", "PM3", "placeholder-text", "structure", "pm003"):
        assert invoke("check", "--select", selector, str(doc)).exit_code in (0, 1), selector


def test_stdin_and_analyze_refuse_unknown_selectors_too(doc: Path) -> None:
    stdin = invoke("check", "--select", "PM3O1", "-", stdin=GOOD_POSTMORTEM.encode())
    assert stdin.exit_code == 2 and "PM301" in stdin.stderr
    analyzed = invoke("analyze", "--ignore", "PM3O1", str(doc))
    assert analyzed.exit_code == 2 and "PM301" in analyzed.stderr


def test_a_team_rule_from_rules_dirs_is_a_known_selector(tmp_path: Path) -> None:
    rules = tmp_path / "team-rules"
    write(
        rules / "TEAM001.yaml",
        "id: TEAM001\nname: no-codenames\ncategory: language\nkind: phrases\n"
        "severity: warning\nmessage: \"Codename '{match}'.\"\n"
        "options: {tokens: [Falcon]}\ndocs: {summary: Codenames.}\n",
    )
    write(tmp_path / "pms" / ".pmlint.yaml", "rules_dirs: [../team-rules]\n")
    doc = write(tmp_path / "pms" / "pm.md", GOOD_POSTMORTEM + "\nProject Falcon.\n")
    result = invoke("check", "--select", "TEAM001", str(tmp_path / "pms"))
    assert result.exit_code == 1, result.stderr
    assert "TEAM001" in result.stdout and str(doc.name) in result.stdout


def test_rules_filters_and_refuses_unknown_selectors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    listed = invoke("rules", "--select", "PM4", "--ignore", "PM402")
    assert listed.exit_code == 0
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("PM")]
    assert ids and all(i.startswith("PM4") for i in ids) and "PM402" not in ids
    refused = invoke("rules", "--select", "langauge")
    assert refused.exit_code == 2 and "did you mean language" in refused.stderr


def test_explain_suggests_rules_and_check_kinds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    rule = invoke("explain", "PM3O1")
    assert rule.exit_code == 2 and "PM301" in rule.stderr
    kind = invoke("explain", "phrase")
    assert kind.exit_code == 2 and "phrases" in kind.stderr


def test_explain_shows_a_check_kind_and_options_as_text(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    kind = invoke("explain", "phrases")
    assert kind.exit_code == 0
    assert kind.stdout.startswith("phrases (check kind)\n")
    assert "  whole_words (bool): true" in kind.stdout
    rule = invoke("explain", "PM301").stdout
    # options read as text: no JSON dicts or quoted lexicon summaries
    assert "{" + '"phrase"' not in rule and '"<lexicon' not in rule
    assert "  coaching (any):\n      phrase: " in rule
