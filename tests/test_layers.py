"""The one-way house (README, "Layout"): outputs never load the linter, and `import pmlint`
stays cheap. `make lint` checks every layer with import-linter; these tests check what a
user feels: what loading a module actually imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _imported_by(statement: str) -> set[str]:
    listing = "print(' '.join(m for m in sys.modules if m.startswith('pmlint')))"
    code = f"import sys; {statement}; {listing}"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("name", ["text", "json_format", "sarif", "junit", "github", "gitlab"])
def test_a_formatter_imports_only_the_model(name: str) -> None:
    loaded = _imported_by(f"import pmlint.formats.{name}")
    layer = {m: [*m.split("."), ""][1] for m in loaded}
    heavy = {m for m, top in layer.items() if top in {"checks", "engine", "packs", "config", "nlp"}}
    assert heavy == set(), heavy


def test_import_pmlint_loads_no_linter() -> None:
    assert _imported_by("import pmlint") == {"pmlint", "pmlint.version"}


def test_lint_text_is_there_on_first_use() -> None:
    loaded = _imported_by("import pmlint; pmlint.lint_text")
    assert {"pmlint.api", "pmlint.engine"} <= loaded
