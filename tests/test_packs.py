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
