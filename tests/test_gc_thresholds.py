"""The collector's thresholds are raised once for a run's batches, and put back after."""

from __future__ import annotations

import gc

from pmlint.engine import _GC_THRESHOLDS, fewer_collections
from pmlint.runner import _once_for_batches


def test_raised_once_and_put_back() -> None:
    before = gc.get_threshold()
    with _once_for_batches(100, 24):
        assert gc.get_threshold() == _GC_THRESHOLDS
        with fewer_collections():  # a batch inside the run's block: nothing to do
            assert gc.get_threshold() == _GC_THRESHOLDS
        assert gc.get_threshold() == _GC_THRESHOLDS  # not put back between batches
    assert gc.get_threshold() == before
    with _once_for_batches(3, 24):  # one batch: `lint_many` raises them itself
        assert gc.get_threshold() == before
