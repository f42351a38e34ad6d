"""The version, in a module of its own so outputs can name it without importing pmlint's API;
and `code_stamp`, which names the code itself (for what is kept between runs)."""

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The pmlint version and the contents of its modules and of the trained models it ships
    (a few milliseconds to read): retraining a model makes earlier results stale."""
    import hashlib
    import os

    root = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(__version__.encode())
    models = os.sep + "models"
    for path, relative in tree_files(
        root, lambda folder, name: name.endswith(".py") or models in folder[len(root) :]
    ):
        add_file(digest, path, relative)
    return digest.hexdigest()


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
