"""The version, in a module of its own so outputs can name it without importing pmlint's API;
and `code_stamp`, which names the code itself (for what is kept between runs)."""

from functools import lru_cache

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The pmlint version and the contents of its modules and of the trained models it ships
    (a few milliseconds to read): retraining a model makes earlier results stale."""
    import hashlib
    import os

    root = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(__version__.encode())
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py") or os.sep + "models" in folder[len(root) :]:
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                relative = os.path.relpath(path, root)
                digest.update(f"{relative}\0{len(data)}\0".encode())
                digest.update(data)
    return digest.hexdigest()
