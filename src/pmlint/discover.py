"""Which files to lint: named files always; folders walked with include, exclude, .gitignore."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a folder is walked (25 ms a run that names files skips)
    import pathspec

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".pmlint_cache",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # as the user will see it
    explicit: bool  # named on the command line (linted even if a glob excludes it)


@dataclass(frozen=True, slots=True)
class Missing:
    path: str
    reason: str


def _spec(patterns: Sequence[str]) -> pathspec.PathSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _gitignore(directory: str) -> pathspec.PathSpec | None:
    path = os.path.join(directory, ".gitignore")
    if not os.path.isfile(path):  # absent, or a FIFO that would block the read
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return _spec(handle.read().splitlines())
    except OSError:
        return None


def walk(
    root: str,
    include: Sequence[str],
    exclude: Sequence[str],
    base_dir: str,
    exclude_dir: str | None = None,
) -> Iterator[str]:
    """Markdown files under `root`, sorted, honouring .gitignore files found on the way.

    include is relative to `base_dir`, exclude to `exclude_dir` (default: the same; each is
    the folder of the config file that set it). Symlinked folders are not followed, so a
    symlink loop cannot trap the walk.
    """
    exclude_dir = base_dir if exclude_dir is None else exclude_dir
    included, excluded = _spec(include), _spec(exclude)
    ignores: list[tuple[str, pathspec.PathSpec]] = []
    for parent in _parents_within_repo(root):
        spec = _gitignore(parent)
        if spec is not None:
            ignores.append((parent, spec))
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        local = _gitignore(directory) if directory != root else None
        if local is not None:
            ignores.append((directory, local))
        kept_dirs = []
        for name in sorted(dirnames):
            full = os.path.join(directory, name)
            if name in ALWAYS_SKIPPED_DIRS or _ignored(full + "/", ignores):
                continue
            if os.path.islink(full):
                continue
            kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            full = os.path.join(directory, name)
            absolute = os.path.abspath(full)
            relative = os.path.relpath(absolute, base_dir).replace(os.sep, "/")
            if not included.match_file(relative):
                continue
            if excluded.match_file(os.path.relpath(absolute, exclude_dir).replace(os.sep, "/")):
                continue
            if _ignored(full, ignores):
                continue
            yield full


def _ignored(path: str, ignores: list[tuple[str, pathspec.PathSpec]]) -> bool:
    for directory, spec in ignores:
        relative = os.path.relpath(path, directory).replace(os.sep, "/")
        if relative.startswith(".."):
            continue
        if path.endswith("/"):
            relative += "/"
        if spec.match_file(relative):
            return True
    return False


def _parents_within_repo(root: str) -> list[str]:
    """The folder and its parents up to the git work-tree root (whose .gitignore applies)."""
    folders = []
    current = os.path.abspath(root)
    while True:
        folders.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            return list(reversed(folders))
        parent = os.path.dirname(current)
        if parent == current:
            return [os.path.abspath(root)]
        current = parent
