"""Configuration: discovery, --config, rule overrides, packs, sections, user rules, refusals."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from pmlint.config import find_config_file, load_config

# GOOD: a complete postmortem whose only finding is PM003 on the TODO at line 5, column 45.
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import check_json, invoke, write


def findings(payload: dict, path: str) -> list[tuple[str, str]]:
    """(rule, severity) of each diagnostic of `path`."""
    for entry in payload["files"]:
        if entry["path"] == path:
            return [(d["rule"], d["severity"]) for d in entry["diagnostics"]]
    raise AssertionError(f"{path} not linted; errors: {payload['errors']}")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose own (default) config stops discovery from leaving it."""
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- discovery ------------------------------------------------------------------------------


def test_discovery_walks_up_from_each_file(work: Path) -> None:
    write(work / "strict" / ".pmlint.yaml", "rules:\n  PM003: error\n")
    write(work / "strict" / "2024" / "03" / "pm.md", GOOD)
    write(work / "lenient" / ".pmlint.yml", "rules:\n  placeholder-text: off\n")
    write(work / "lenient" / "q1" / "pm.md", GOOD)
    write(work / "svc" / "pyproject.toml", '[tool.pmlint]\nrules = { PM003 = "info" }\n')
    write(work / "svc" / "docs" / "pm.md", GOOD)
    # A pyproject.toml without [tool.pmlint] is no config: discovery keeps walking up.
    write(work / "plain" / "pyproject.toml", '[project]\nname = "plain"\n')
    write(work / "plain" / "pm.md", GOOD)
    write(work / "top.md", GOOD)

    result, payload = check_json(
        "strict/2024/03/pm.md", "lenient/q1/pm.md", "svc/docs/pm.md", "plain/pm.md", "top.md"
    )
    assert result.exit_code == 1
    assert findings(payload, "strict/2024/03/pm.md") == [("PM003", "error")]
    assert findings(payload, "lenient/q1/pm.md") == []
    assert findings(payload, "svc/docs/pm.md") == [("PM003", "info")]
    assert findings(payload, "plain/pm.md") == [("PM003", "warning")]
    assert findings(payload, "top.md") == [("PM003", "warning")]
    assert find_config_file(str(work / "plain" / "pm.md")) == str(work / ".pmlint.yaml")
    assert find_config_file(str(work / "svc" / "docs")) == str(work / "svc" / "pyproject.toml")


def test_pmlint_yaml_wins_over_pyproject_in_the_same_folder(work: Path) -> None:
    write(work / "both" / ".pmlint.yaml", "rules:\n  PM003: error\n")
    write(work / "both" / "pyproject.toml", '[tool.pmlint]\nrules = { PM003 = "info" }\n')
    write(work / "both" / "pm.md", GOOD)
    _, payload = check_json("both/pm.md")
    assert findings(payload, "both/pm.md") == [("PM003", "error")]


def test_config_option_overrides_discovery(work: Path) -> None:
    write(work / "team" / ".pmlint.yaml", "rules:\n  PM003: off\n")
    write(work / "team" / "pm.md", GOOD)
    write(work / "top.md", GOOD)
    write(work / "ci" / "pmlint-ci.yaml", "rules:\n  PM003: error\n")
    result, payload = check_json("--config", "ci/pmlint-ci.yaml", "team/pm.md", "top.md")
    assert result.exit_code == 1
    assert findings(payload, "team/pm.md") == [("PM003", "error")]
    assert findings(payload, "top.md") == [("PM003", "error")]


def test_broken_config_option_is_a_usage_error(work: Path) -> None:
    write(work / "bad.yaml", "rules:\n  PM003: sometimes\n")
    write(work / "pm.md", GOOD)
    result = invoke("check", "--config", "bad.yaml", "pm.md")
    assert result.exit_code == 2
    assert "bad.yaml:2: rules.PM003:" in result.stderr
    assert "sometimes" in result.stderr


# -- rule overrides -------------------------------------------------------------------------

MISSING_DETECTION = GOOD.replace("## Resolution", "## Detection\n\nThe alert.\n\n## Resolution")


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("PM003: off", []),
        ("placeholder-text: off", []),
        ("PM003: false", []),
        ("PM003: error", [("PM003", "error")]),
        ("placeholder-text: info", [("PM003", "info")]),
        ("PM003:\n    severity: error", [("PM003", "error")]),
        ("placeholder-text:\n    severity: off", []),
        (
            "PM003:\n    options:\n      exceptions: ['TODO']",
            [],
        ),
        (
            "required-sections:\n    severity: warning\n"
            "    options:\n      required: [summary, detection]",
            [("PM001", "warning"), ("PM003", "warning")],
        ),
        ("PM004: warning", [("PM004", "warning")] * 4 + [("PM003", "warning")]),
    ],
    ids=[
        "id-off",
        "name-off",
        "id-false",
        "id-severity",
        "name-severity",
        "mapping-severity",
        "mapping-off",
        "options",
        "name-severity-and-options",
        "enable-off-by-default-rule",
    ],
)
def test_rule_overrides(work: Path, rules: str, expected: list[tuple[str, str]]) -> None:
    write(work / "p" / ".pmlint.yaml", f"rules:\n  {rules}\n")
    write(work / "p" / "pm.md", GOOD)
    _, payload = check_json("p/pm.md")
    assert findings(payload, "p/pm.md") == expected


def test_options_are_merged_with_the_defaults(work: Path) -> None:
    config = "rules:\n  PM001:\n    options:\n      recommended: []\n"
    write(work / "p" / ".pmlint.yaml", config)
    write(work / "p" / "pm.md", GOOD.split("## Lessons learned")[0])
    _, payload = check_json("p/pm.md")
    # recommended changed, required kept: no info about lessons learned, nothing else missing
    assert findings(payload, "p/pm.md") == [("PM003", "warning")]


@pytest.mark.parametrize(
    ("config", "line", "key", "words"),
    [
        (
            "rules:\n  PM003:\n    options:\n      ignorecase: true\n      bogus: 1\n",
            5,
            "rules.PM003.options.bogus",
            ["unknown option", "exceptions"],
        ),
        (
            "rules:\n  PM002:\n    severity: warning\n    colour: red\n",
            4,
            "rules.PM002.colour",
            ["unknown key"],
        ),
        ("timezone: UTC\nnlp:\n  model: auto\n  gpu: true\n", 4, "nlp.gpu", ["unknown key"]),
        (
            "rules:\n  PM003:\n    options:\n      ignorecase: maybe\n",
            4,
            "rules.PM003.options.ignorecase",
            ["expected bool", "maybe"],
        ),
        ("rules:\n  PM999: off\n", 2, "rules.PM999", ["no rule with this id or name"]),
        ("max_file_size: -5\n", 1, "max_file_size", ["positive"]),
        ("timezone: Mars/Olympus\n", 1, "timezone", ["unknown timezone"]),
    ],
    ids=["option", "override-key", "nlp-key", "option-type", "rule", "size", "timezone"],
)
def test_config_errors_name_file_line_and_key(
    work: Path, config: str, line: int, key: str, words: list[str]
) -> None:
    config_path = write(work / "p" / ".pmlint.yaml", config)
    write(work / "p" / "pm.md", GOOD)
    write(work / "ok.md", GOOD)
    result, payload = check_json("p/pm.md", "ok.md")
    assert result.exit_code == 2
    messages = [m for m in result.stderr.splitlines() if "p/pm.md" in m]
    assert len(messages) == 1
    assert f"{config_path}:{line}: {key}: " in messages[0]
    for word in words:
        assert word in messages[0]
    assert findings(payload, "ok.md") == [("PM003", "warning")]


@pytest.mark.parametrize(
    ("override", "line", "key", "problem"),
    [
        ("PM003: loud", 2, "rules.PM003", "expected one of info, warning, error; got 'loud'"),
        ("PM003:\n    severity: high", 3, "rules.PM003.severity", "expected one of info"),
        ("PM003:\n    severity: 3", 3, "rules.PM003.severity", "expected one of info"),
        ("PM003: 3", 2, "rules.PM003", "expected a mapping, got int"),
    ],
    ids=["string", "mapping", "mapping-number", "number"],
)
def test_bad_severity(work: Path, override: str, line: int, key: str, problem: str) -> None:
    config_path = write(work / ".pmlint.yaml", f"rules:\n  {override}\n")
    write(work / "pm.md", GOOD)
    result = invoke("check", "pm.md")
    assert result.exit_code == 2
    assert f"{config_path}:{line}: {key}: {problem}" in result.stderr


def test_pyproject_errors_name_the_file(work: Path) -> None:
    pyproject = write(
        work / "svc" / "pyproject.toml",
        '[project]\nname = "svc"\n\n[tool.pmlint]\ntimezone = "UTC"\nshiny = true\n',
    )
    write(work / "svc" / "pm.md", GOOD)
    result = invoke("check", "svc/pm.md")
    assert result.exit_code == 2
    assert f"{pyproject}:6: shiny: unknown key" in result.stderr


# -- packs, sections and user rules ---------------------------------------------------------


def test_extends_a_pack_directory(work: Path) -> None:
    pack = work / "packs" / "payments"
    write(
        pack / "pack.yaml",
        "name: payments\nsummary: Payments team conventions.\nextends: core\n"
        "rules:\n  PM003: error\n  missing-metadata:\n    severity: warning\n"
        "    options:\n      fields: [owner]\n",
    )
    write(work / "docs" / ".pmlint.yaml", "extends: ../packs/payments\n")
    write(work / "docs" / "pm.md", GOOD)
    write(work / "docs" / "owned.md", "---\nowner: payments-oncall\n---\n" + GOOD)
    result, payload = check_json("docs/pm.md", "docs/owned.md")
    assert result.exit_code == 1
    assert findings(payload, "docs/pm.md") == [("PM004", "warning"), ("PM003", "error")]
    assert findings(payload, "docs/owned.md") == [("PM003", "error")]

    config = load_config(str(work / "docs" / ".pmlint.yaml"))
    assert config.pack.chain == ("core", "payments")
    listing = invoke("rules", "--config", "docs/.pmlint.yaml")
    assert listing.exit_code == 0
    assert "pack: core > payments" in listing.stdout


def test_extends_a_missing_pack(work: Path) -> None:
    config_path = write(work / ".pmlint.yaml", "extends: ./nowhere\n")
    write(work / "pm.md", GOOD)
    result = invoke("check", "pm.md")
    assert result.exit_code == 2
    assert f"{config_path}:1: extends:" in result.stderr
    assert "no such rule pack" in result.stderr


def test_sections_synonym_satisfies_pm001(work: Path) -> None:
    text = GOOD.replace("## Impact", "## Customer blast zone")
    write(work / "before" / "pm.md", text)
    write(work / "after" / ".pmlint.yaml", "sections:\n  impact: ['Customer blast zone']\n")
    write(work / "after" / "pm.md", text)
    _, payload = check_json("before/pm.md", "after/pm.md")
    assert ("PM001", "error") in findings(payload, "before/pm.md")
    assert findings(payload, "after/pm.md") == [("PM003", "warning")]


BLAME_RULE = """\
id: TEAM1
name: no-blame-in-impact
category: style
kind: phrases
severity: warning
message: "Blaming language in the impact section: '{match}'."
suggestion: "{suggestion}"
options:
  tokens:
    - pattern: "human error"
      suggestion: "Describe the conditions that allowed the mistake, not the person."
    - pattern: "careless(?:ly)?"
  sections: [impact]
docs:
  summary: No blame in the impact section.
  why: Blame stops people from telling the whole story.
  bad: "A human error took checkout down."
  good: "A config change without a canary took checkout down."
"""

DETECTION_RULE = """\
id: TEAM2
name: needs-detection
category: structure
kind: required-sections
severity: error
message: "Missing {level} section '{section}'."
suggestion: "Add a '## {title}' section: how did we find out?"
options:
  required: [detection]
docs:
  summary: Every postmortem says how the incident was detected.
"""


def test_user_rules_from_rules_dirs(work: Path) -> None:
    write(work / "team-rules" / "blame.yaml", BLAME_RULE)
    write(work / "team-rules" / "detection.yml", DETECTION_RULE)
    write(work / "team-rules" / "README.md", "Not a rule: ignored by the loader.\n")
    write(work / ".pmlint.yaml", "rules_dirs: [team-rules]\nrules:\n  PM003: off\n")
    text = GOOD.replace(
        "About 12% of orders failed", "A careless human error meant 12% of orders failed"
    ).replace("Checkout returned errors", "After a human error, checkout returned errors")
    write(work / "docs" / "pm.md", text)
    detected = GOOD.replace("## Resolution", "## Detection\n\nAn alert.\n\n## Resolution")
    write(work / "docs" / "detected.md", detected)

    result = invoke("check", "docs/pm.md", "docs/detected.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "docs/pm.md:1:3: TEAM2 [error] Missing required section 'Detection'." in lines
    # Only the impact section is in scope: the summary's "human error" is not reported.
    careless = "docs/pm.md:9:3: TEAM1 [warning] Blaming language in the impact section: 'careless'."
    assert careless in lines
    blame = [line for line in lines if "TEAM1" in line]
    assert len(blame) == 2 and all(line.startswith("docs/pm.md:9:") for line in blame)
    assert "= help: Describe the conditions that allowed the mistake, not the person." in (
        result.stdout
    )
    assert not [line for line in lines if line.startswith("docs/detected.md:")]

    # The user rules are first-class: selectable, and documented by `explain`.
    selected = invoke("check", "--select", "TEAM2", "--format", "json", "docs/pm.md")
    payload = json.loads(selected.stdout)
    assert findings(payload, "docs/pm.md") == [("TEAM2", "error")]
    page = invoke("explain", "no-blame-in-impact")
    assert page.exit_code == 0
    assert "TEAM1 no-blame-in-impact" in page.stdout
    assert "Blame stops people" in page.stdout


def test_user_rule_with_invalid_regex(work: Path) -> None:
    rule = write(
        work / "team-rules" / "blame.yaml",
        BLAME_RULE.replace('"careless(?:ly)?"', '"careless(ly"'),
    )
    write(work / "team" / ".pmlint.yaml", "rules_dirs: [../team-rules]\n")
    write(work / "team" / "pm.md", GOOD)
    write(work / "ok.md", GOOD)
    result, payload = check_json("team/pm.md", "ok.md")
    assert result.exit_code == 2
    messages = [m for m in result.stderr.splitlines() if "team/pm.md" in m]
    assert len(messages) == 1
    assert str(rule) in messages[0]
    assert "TEAM1" in messages[0] and "invalid regular expression" in messages[0]
    assert "'careless(ly'" in messages[0]  # the pattern as the user wrote it
    assert findings(payload, "ok.md") == [("PM003", "warning")]


def test_user_rule_with_unknown_kind(work: Path) -> None:
    rule = write(work / "team-rules" / "x.yaml", BLAME_RULE.replace("kind: phrases", "kind: vibes"))
    write(work / ".pmlint.yaml", "rules_dirs: [team-rules]\n")
    write(work / "pm.md", GOOD)
    result = invoke("check", "pm.md")
    assert result.exit_code == 2
    assert f"{rule}:4: kind: unknown kind 'vibes'" in result.stderr


def test_rules_dirs_must_exist(work: Path) -> None:
    config_path = write(work / ".pmlint.yaml", "rules_dirs: [nowhere]\n")
    write(work / "pm.md", GOOD)
    result = invoke("check", "pm.md")
    assert result.exit_code == 2
    assert f"{config_path}:1: rules_dirs.0: not a directory" in result.stderr


# -- hostile YAML ---------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + f"\ninclude: *a{levels}\n"


def test_alias_bomb_in_config_is_refused_quickly(work: Path) -> None:
    config_path = write(work / "p" / ".pmlint.yaml", billion_laughs())
    write(work / "p" / "pm.md", GOOD)
    write(work / "ok.md", GOOD)
    started = time.monotonic()
    result, payload = check_json("p/pm.md", "ok.md")
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    messages = [m for m in result.stderr.splitlines() if "p/pm.md" in m]
    assert len(messages) == 1
    assert str(config_path) in messages[0] and "refused" in messages[0]
    assert "aliases" in messages[0]
    assert findings(payload, "ok.md") == [("PM003", "warning")]


@pytest.mark.parametrize("name", [".pmlint.yaml", "pyproject.toml"])
def test_deeply_nested_config_is_refused(work: Path, name: str) -> None:
    deep = "[" * 5_000 + "]" * 5_000
    text = f"exclude: {deep}\n" if name.endswith("yaml") else f"[tool.pmlint]\nexclude = {deep}\n"
    config_path = write(work / "p" / name, text)
    write(work / "p" / "pm.md", GOOD)
    result = invoke("check", "p/pm.md")
    assert result.exit_code == 2
    assert f"{config_path}: invalid" in result.stderr
    assert "nested too deeply" in result.stderr


def test_starter_config_loads(work: Path) -> None:
    from pmlint.config import STARTER_CONFIG

    path = write(work / "starter" / ".pmlint.yaml", STARTER_CONFIG)
    config = load_config(str(path))
    # issue 16: the starter changes nothing silently (it used to set timezone: UTC, which
    # quiets PM101, and turn PM004 on); every choice is a commented line
    assert config.timezone is None
    assert not config.rules["PM004"].enabled
    assert os.path.samefile(config.base_dir, work / "starter")
    defaults = load_config(None)
    assert {i: (r.enabled, r.severity, r.options) for i, r in config.rules.items()} == {
        i: (r.enabled, r.severity, r.options) for i, r in defaults.rules.items()
    }
    for key in ("include", "exclude", "nlp_model", "max_file_size", "rule_timeout"):
        assert getattr(config, key) == getattr(defaults, key), key
    for key in ("timezone:", "exclude:", "PM004:", "overrides:", "root:"):
        assert f"# {key}" in STARTER_CONFIG or f"#   {key}" in STARTER_CONFIG, key
