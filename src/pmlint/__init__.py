"""pmlint: lint and analyze incident postmortems written in Markdown.

`pmlint.lint_text` and `pmlint.lint_paths` are the library entry points (see pmlint.api);
they load on first use, so `import pmlint` stays cheap.
"""

from __future__ import annotations

from typing import Any

from pmlint.version import __version__

__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths"):
        from pmlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'pmlint' has no attribute {name!r}")
