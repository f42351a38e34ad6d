"""`pmlint` with the experimental milestone model combined with the rules (issue 14), for
`evaluate_milestones.py` to measure with `../shared/tools/facts_eval.py`:

    PMLINT_MILESTONE_MODEL=FOLDER python scripts/pmlint_milestones.py analyze ...

The rules choose the milestones as always; then the model (`milestonecat.fill_from_model`)
fills those they left empty. Facts stay free of NLP in the package (the import contract), so
the combination is patched in here rather than shipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import milestonecat

from pmlint.extract.timeline import build


def _combined(choose):
    def choose_with_model(doc, moments, events, windows, words):
        result, how = choose(doc, moments, events, windows, words)
        milestonecat.fill_from_model(result, how, events)
        return result, how

    return choose_with_model


build.choose_milestones = _combined(build.choose_milestones)

if __name__ == "__main__":
    from pmlint.cli import main

    sys.exit(main())
