"""Configs compose (issue 16): a nested `.pmlint.yaml` extends the one above it, `root:
true` stops that, `overrides:` scope rule settings to globs, and a folder's README,
CHANGELOG, CONTRIBUTING and templates are not linted as postmortems unless named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmlint.config import ConfigError, load_config
from tests.conftest import GOOD_POSTMORTEM, invoke, write

# GOOD_POSTMORTEM has one finding, PM003 on its TODO; these add PM502 (a missing image).
WITH_IMAGE = GOOD_POSTMORTEM + "\n![graph](missing.png)\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)  # the top of a work tree: no config above it is read
    monkeypatch.chdir(root)
    return root


def findings(*args: str) -> dict[str, list[str]]:
    result = invoke("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    return {
        Path(f["path"]).as_posix(): sorted(d["rule"] for d in f["diagnostics"])
        for f in payload["files"]
    }


def test_a_nested_config_extends_its_parent(repo: Path) -> None:
    write(repo / ".pmlint.yaml", "rules:\n  PM003: off\n  PM502: error\ntimezone: UTC\n")
    write(repo / "team" / ".pmlint.yaml", "rules:\n  PM502: info\n")
    write(repo / "team" / "pm.md", WITH_IMAGE)
    config = load_config(str(repo / "team" / ".pmlint.yaml"))
    assert not config.rules["PM003"].enabled  # kept from the parent
    assert config.rules["PM502"].severity.label == "info"  # changed by the child
    assert config.timezone == "UTC"
    assert config.chain == (str(repo / ".pmlint.yaml"), str(repo / "team" / ".pmlint.yaml"))
    assert findings("team/pm.md") == {"team/pm.md": ["PM502"]}


def test_root_true_and_the_work_tree_top_stop_inheritance(repo: Path) -> None:
    write(repo.parent / ".pmlint.yaml", "rules: {PM003: error}\n")  # above the work tree
    write(repo / ".pmlint.yaml", "rules: {PM003: off}\n")
    write(repo / "own" / ".pmlint.yaml", "root: true\n")
    assert load_config(str(repo / "own" / ".pmlint.yaml")).rules["PM003"].enabled
    top = load_config(str(repo / ".pmlint.yaml"))
    assert top.chain == (str(repo / ".pmlint.yaml"),)
    write(repo / "bad" / ".pmlint.yaml", "root: yes please\n")
    with pytest.raises(ConfigError, match="root: expected true or false"):
        load_config(str(repo / "bad" / ".pmlint.yaml"))


def test_a_child_error_names_the_child_and_a_parent_error_the_parent(repo: Path) -> None:
    write(repo / ".pmlint.yaml", "timezone: Mars/Olympus\n")
    write(repo / "team" / ".pmlint.yaml", "rules: {PM003: off}\n")
    with pytest.raises(ConfigError) as parent:
        load_config(str(repo / "team" / ".pmlint.yaml"))
    assert str(parent.value).startswith(f"{repo / '.pmlint.yaml'}:1: timezone")
    write(repo / ".pmlint.yaml", "timezone: UTC\n")
    write(repo / "team" / ".pmlint.yaml", "timezone: Mars/Olympus\n")
    with pytest.raises(ConfigError) as child:
        load_config(str(repo / "team" / ".pmlint.yaml"))
    assert str(child.value).startswith(f"{repo / 'team' / '.pmlint.yaml'}:1: timezone")


def test_overrides_scope_rule_settings_to_globs(repo: Path) -> None:
    write(
        repo / ".pmlint.yaml",
        "overrides:\n"
        "  - files: ['legacy/**']\n"
        "    rules: {PM502: off, placeholder-text: info}\n"
        "  - files: ['**/draft-*.md']\n"
        "    rules: {PM003: off}\n",
    )
    for name in ("legacy/old.md", "new/pm.md", "new/draft-x.md", "legacy/draft-y.md"):
        write(repo / name, WITH_IMAGE)
    found = findings(".")
    assert found == {
        "legacy/draft-y.md": [],
        "legacy/old.md": ["PM003"],
        "new/draft-x.md": ["PM502"],
        "new/pm.md": ["PM003", "PM502"],
    }
    payload = json.loads(invoke("check", "--format", "json", "legacy/old.md").stdout)
    assert payload["files"][0]["diagnostics"][0]["severity"] == "info"
    # stdin under a name the globs match gets the same settings
    stdin = invoke(
        "check", "--format", "json", "--stdin-filename", "legacy/x.md", "-",
        stdin=WITH_IMAGE.encode(),
    )  # fmt: skip
    assert [d["rule"] for d in json.loads(stdin.stdout)["files"][0]["diagnostics"]] == ["PM003"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("overrides: {files: x}\n", "overrides: expected a list"),
        ("overrides:\n  - rules: {PM003: off}\n", "overrides.0.files: expected a list"),
        ("overrides:\n  - files: [a]\n", "overrides.0.rules: expected a mapping"),
        ("overrides:\n  - files: [a]\n    rules: {PM3O3: off}\n", "no rule with this id"),
        ("overrides:\n  - files: [a]\n    rules: {PM003: off}\n    when: x\n", "unknown key"),
    ],
)
def test_broken_overrides_are_config_errors(repo: Path, text: str, problem: str) -> None:
    write(repo / ".pmlint.yaml", text)
    write(repo / "pm.md", GOOD_POSTMORTEM)
    result = invoke("check", "pm.md")
    assert result.exit_code == 2
    assert problem in result.stderr


def test_a_folders_own_docs_and_templates_are_not_postmortems(repo: Path) -> None:
    for name in (
        "README.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "docs/README.md",
        "templates/postmortem.md",
        "postmortem-template.md",
        "2024-03-11-checkout.md",
    ):
        write(repo / name, WITH_IMAGE)
    assert list(findings(".")) == ["2024-03-11-checkout.md"]
    # named on the command line, they are linted
    assert list(findings("README.md", "templates/postmortem.md")) == [
        "README.md",
        "templates/postmortem.md",
    ]
    # a config that sets `exclude:` decides for itself
    write(repo / ".pmlint.yaml", "exclude: ['docs/**']\n")
    assert "README.md" in findings(".")
