"""Rewrite the README's sample outputs with what the commands print now.

Each block written as `<!-- output: pmlint ARGS -->` followed by a ```text fence is replaced
by the output of `pmlint ARGS`, run in-process from the repository root exactly as
tests/test_readme.py runs it to check them. Run it after a change that alters the output.

    python scripts/refresh_readme_output.py
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from click.testing import CliRunner

from pmlint.cli import main as pmlint_main

REPO = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(
    r"(<!-- output: pmlint (?P<args>[^>]+?) -->\n```text\n)(?P<body>.*?)(```)", re.S
)


def main() -> int:
    os.chdir(REPO)
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    changed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        result = CliRunner().invoke(pmlint_main, match.group("args").split())
        if result.stdout != match.group("body"):
            changed += 1
        return match.group(1) + result.stdout + match.group(4)

    readme.write_text(_BLOCK.sub(replace, text), encoding="utf-8")
    print(f"{changed} output block(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
