"""Folds grouped by source: the one way every evaluation script splits labeled rows.

Kept apart from `langtrain` (which imports pmlint) so that scripts run in another
environment, such as the embedding experiment's, split rows exactly as `make train` does.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def fold_groups(groups: Sequence[str], k: int, seed: int) -> list[set[str]]:
    """k sets of group names with about as many rows each (`groups` has one name per row;
    largest groups first, each to the fold with the fewest rows; ties broken by a seeded
    shuffle)."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    names = sorted(sizes)
    random.Random(seed).shuffle(names)
    names.sort(key=lambda g: -sizes[g])
    folds: list[set[str]] = [set() for _ in range(k)]
    counts = [0] * k
    for name in names:
        i = counts.index(min(counts))
        folds[i].add(name)
        counts[i] += sizes[name]
    return folds
