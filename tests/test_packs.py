"""The bundled rule packs: every rule file is valid, documented, and named after its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.config import load_config
from pmlint.docs import explain, rules_table
from pmlint.packs import bundled_pack_names, bundled_rules_dir, load_pack, load_rule_file

RULE_FILES = sorted((bundled_rules_dir() / "core").glob("PM*.yaml"))


def test_core_pack_has_the_contract_rules() -> None:
    ids = set(load_pack("core").rules)
    assert {"PM001", "PM002", "PM003", "PM004", "PM501", "PM502"} <= ids
    assert all(rule_id.startswith("PM") for rule_id in ids)


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_rule_file_is_documented_and_named_after_its_id(path: Path) -> None:
    rule = load_rule_file(str(path))
    assert path.stem == rule.id
    assert rule.docs.summary and rule.docs.why and rule.docs.bad and rule.docs.good
    page = explain(load_config(None), rule.id)
    assert page is not None
    for heading in ("Why", "Bad", "Good"):
        assert f"\n{heading}\n" in page


def test_ids_and_names_are_unique() -> None:
    rules = [load_rule_file(str(p)) for p in RULE_FILES]
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


@pytest.mark.parametrize("name", bundled_pack_names())
def test_every_bundled_pack_loads(name: str) -> None:
    pack = load_pack(name)
    assert pack.rules
    assert pack.chain[-1] == name


def test_extending_packs_override_required_sections() -> None:
    core = load_pack("core").rules["PM001"].options["required"]
    sre = load_pack("google-sre").rules["PM001"].options["required"]
    assert "trigger" in sre and "trigger" not in core


def test_rules_table_lists_every_rule() -> None:
    table = rules_table(load_config(None))
    for path in RULE_FILES:
        assert path.stem in table


def test_extending_packs_inherit_milestone_words() -> None:
    core = load_pack("core").milestones
    assert core["detected"]["events"]
    assert load_pack("google-sre").milestones == core


def _rule_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "TEAM1.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


_TEAM_RULE = """\
id: TEAM1
name: no-hedging
category: language
kind: phrases
message: {message}
options:
  tokens:
    - pattern: 'we think'
{extra}docs:
  summary: Say what is known.
"""


def test_a_misspelt_placeholder_is_refused_with_its_line(tmp_path: Path) -> None:
    from pmlint.yamlfile import YamlError

    path = _rule_file(tmp_path, _TEAM_RULE.format(message='"Hedging: {mtach}."', extra=""))
    with pytest.raises(YamlError) as caught:
        load_rule_file(path)
    assert str(caught.value) == (
        f"{path}:5: message: unknown placeholder {{mtach}}; kind 'phrases' fills: {{match}}, "
        "{suggestion}, {section}"
    )


def test_an_unbalanced_brace_in_a_message_is_refused(tmp_path: Path) -> None:
    from pmlint.yamlfile import YamlError

    path = _rule_file(tmp_path, _TEAM_RULE.format(message='"Hedging: {match."', extra=""))
    with pytest.raises(YamlError, match=r":5: message: not a valid message template"):
        load_rule_file(path)


def test_an_option_error_points_at_the_failing_key(tmp_path: Path) -> None:
    from pmlint.yamlfile import YamlError

    body = _TEAM_RULE.format(message='"Hedging: {match}."', extra="  scope: [nowhere]\n")
    path = _rule_file(tmp_path, body)
    with pytest.raises(YamlError) as caught:
        load_rule_file(path)
    assert str(caught.value).startswith(f"{path}:9: options.scope: rule TEAM1: unknown ['nowhere']")


def test_every_bundled_message_uses_only_fields_its_kind_fills() -> None:
    """The load-time check holds for the bundled rules (each pack loads: see above)."""
    from pmlint.checks import ENGINE_FIELDS, ENGINE_KIND, KINDS
    from pmlint.rule import placeholders

    for path in RULE_FILES:
        rule = load_rule_file(str(path))
        fills = ENGINE_FIELDS if rule.kind == ENGINE_KIND else KINDS[rule.kind].fields
        assert placeholders(rule.message) | placeholders(rule.suggestion) <= set(fills), rule.id


def test_the_kind_memo_answers_as_the_kinds_do(tmp_path: Path, monkeypatch) -> None:
    """Validating rules keeps what it learned of the kinds for the next run of the program
    (`kinds.json` beside the regex cache); the next run's pack is the same, and a file
    from other code is not read."""
    from pmlint import packs, regexcache

    monkeypatch.setenv(regexcache.ENV, str(tmp_path / "regex.json"))
    monkeypatch.setattr(regexcache, "_enabled", True)
    regexcache.install()
    try:
        monkeypatch.setattr(packs, "_KINDS", packs._KindMemo())
        first = load_pack("core")
        packs.save_kind_memo()
        memo = tmp_path / packs._KindMemo.NAME
        assert memo.is_file()

        learned = packs._KindMemo()
        monkeypatch.setattr(packs, "_KINDS", learned)
        monkeypatch.setattr(learned, "registry", lambda: pytest.fail("imported the kinds"))
        assert load_pack("core") == first

        monkeypatch.setattr(packs, "_code_files", lambda: "other code")
        stale = packs._KindMemo()
        monkeypatch.setattr(packs, "_KINDS", stale)
        assert stale.declared("phrases") is not None  # asked of the kinds again
        assert stale.built("phrases", {}) is False
    finally:
        regexcache.uninstall()
