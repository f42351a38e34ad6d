"""Given names from many languages (`given_names.txt`, built by
scripts/build_given_names.py), for names the small entity recognizer misses ("Kofi broke
the login flow"). A set looked up only for a capitalised proper noun with no entity label,
read on first use."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def given_names() -> frozenset[str]:
    """The names, lower case."""
    text = resources.files("pmlint.nlp").joinpath("given_names.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
