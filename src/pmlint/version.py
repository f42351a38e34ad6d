"""The version, in a module of its own so outputs can name it without importing pmlint's API;
and `code_stamp`, which names the code itself (for what is kept between runs)."""

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

__version__ = "0.1.0"


MEMO_NAME = "code.json"  # beside the regex cache: the code's digest under its files' stat
_RACY_NS = 2_000_000_000  # a file changed this shortly before may change again unseen


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The pmlint version and the contents of its modules and of the trained models it ships
    (a few milliseconds to read): retraining a model makes earlier results stale.

    Where the program keeps its regex cache (`pmlint.regexcache`), `code.json` beside it
    keeps the digest under the files' stat (name, size, modification and change times,
    inode), as the result cache trusts a document's: a run whose files have not changed
    since does not read the 8 MB again (0.01 s of CPU, a twentieth of a warm run). A file
    changed less than 2 s before the run makes the stat untrusted (nothing is kept)."""
    import hashlib
    import os

    root = os.path.dirname(os.path.abspath(__file__))
    models = os.sep + "models"
    files = list(
        tree_files(root, lambda folder, name: name.endswith(".py") or models in folder[len(root) :])
    )
    memo = _memo_path()
    stats = _stat_digest(files) if memo is not None else None
    if memo is not None and stats is not None:
        found = _read_memo(memo).get(root)
        if found is not None and found[0] == stats:
            return found[1]
    digest = hashlib.sha256(__version__.encode())
    for path, relative in files:
        add_file(digest, path, relative)
    code = digest.hexdigest()
    if memo is not None and stats is not None:
        _write_memo(memo, root, stats, code)
    return code


def _memo_path() -> str | None:
    import os

    from pmlint import regexcache

    found = regexcache.cache_path() if regexcache.installed() else None
    return None if found is None else os.path.join(os.path.dirname(found), MEMO_NAME)


def _stat_digest(files: list[tuple[str, str]]) -> str | None:
    """A digest of the files' names and stat; None where one cannot be stat'ed or changed
    too recently to be trusted."""
    import hashlib
    import os
    import time

    newest = time.time_ns() - _RACY_NS
    digest = hashlib.sha256(__version__.encode())
    for path, relative in files:
        try:
            found = os.stat(path)
        except OSError:
            return None
        if max(found.st_mtime_ns, found.st_ctime_ns) > newest:
            return None
        digest.update(
            f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ctime_ns}\0"
            f"{found.st_ino}\0".encode()
        )
    return digest.hexdigest()


_MEMO_ROOTS = 8  # checkouts (or installs) of pmlint whose digests the memo keeps


def _read_memo(path: str) -> dict[str, tuple[str, str]]:
    """The memo's (stat digest, code digest) by pmlint's folder; empty when missing or
    damaged."""
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            roots = json.load(handle)["roots"]
        return {
            root: (pair[0], pair[1])
            for root, pair in roots.items()
            if type(pair) is list and len(pair) == 2 and all(type(p) is str for p in pair)
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _write_memo(path: str, root: str, stats: str, code: str) -> None:
    import contextlib

    from pmlint.jsonfile import write_atomically

    roots = {k: v for k, v in _read_memo(path).items() if k != root}
    kept = dict(list(roots.items())[-(_MEMO_ROOTS - 1) :])
    kept[root] = (stats, code)
    with contextlib.suppress(OSError, ValueError):
        write_atomically(path, {"roots": {k: list(v) for k, v in kept.items()}})


def tree_files(root: str, keep: Callable[[str, str], bool]) -> Iterator[tuple[str, str]]:
    """(path, path relative to `root`) of the files under `root` that `keep(folder, name)`
    keeps, in a stable order and without `__pycache__`: what the stamps of the code and of
    the rule packs are made of."""
    import os

    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if keep(folder, name):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, root)


def add_file(digest: Any, path: str, relative: str) -> None:
    """Feed a file's name, size and bytes to `digest` (a file that cannot be read: nothing)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return
    digest.update(f"{relative}\0{len(data)}\0".encode())
    digest.update(data)
