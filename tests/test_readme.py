"""The README's sample output is the real output of the command written above it."""

from __future__ import annotations

import re

from click.testing import CliRunner

from pmlint.cli import main
from tests.conftest import REPO

_BLOCK = re.compile(r"<!-- output: pmlint (?P<args>[^>]+?) -->\n```text\n(?P<body>.*?)```", re.S)


def test_readme_output_blocks_are_real(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = list(_BLOCK.finditer(readme))
    assert blocks, "the README shows at least one real output"
    for block in blocks:
        result = CliRunner().invoke(main, block.group("args").split())
        assert result.stdout == block.group("body"), block.group("args")


def test_readme_states_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\ndemo:" in makefile and "\ntest:" in makefile
