"""The shipped milestone model measured as `pmlint analyze` uses it: facts_eval's summary per
FACTS file, the rules alone against the rules with the model at each threshold.

    python scripts/evaluate_written_milestones.py [--pmlint PATH] [--threshold T ...] FACTS.tsv ...

Each threshold runs with a models folder (`PMLINT_TEXTCAT_DIR`) holding the shipped models
and the milestone model's weights with that threshold in its meta.json; "off" is the same
folder without the milestone model. The threshold shipped (0.5) was chosen this way on the
tuning halves of the facts sets and the real corpus, which the model never trained on (it
trains on `scripts/training/written-entries.tsv` only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "pmlint" / "models"
TOOL = ROOT.parent / "shared" / "tools" / "facts_eval.py"
KIND = "milestone"


def models_folder(base: Path, threshold: float | None) -> Path:
    """A models folder: the shipped ones, the milestone model at `threshold` (None: none)."""
    folder = base / ("off" if threshold is None else f"t{threshold}")
    folder.mkdir()
    for kind in MODELS.iterdir():
        if kind.is_dir() and kind.name != KIND:
            (folder / kind.name).symlink_to(kind)
    if threshold is not None:
        (folder / KIND).mkdir()
        (folder / KIND / "pipeline").symlink_to(MODELS / KIND / "pipeline")
        meta = json.loads((MODELS / KIND / "meta.json").read_text(encoding="utf-8"))
        meta["threshold"] = threshold
        (folder / KIND / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def summary(pmlint: str, table: str, models: Path) -> str:
    env = {**os.environ, "PMLINT_TEXTCAT_DIR": str(models)}
    command = [sys.executable, str(TOOL), pmlint, table, "--min-recall", "0"]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=False).stdout
    return out.strip().splitlines()[-1] if out.strip() else "(no output)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pmlint", default=str(ROOT / ".venv" / "bin" / "pmlint"))
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("tables", nargs="+", metavar="FACTS.tsv")
    args = parser.parse_args()
    if not TOOL.is_file():
        print(f"evaluate_written_milestones: no {TOOL}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="pmlint-milestones-") as tmp:
        folders = {"off": models_folder(Path(tmp), None)}
        for threshold in args.threshold or [0.5]:
            folders[f">= {threshold}"] = models_folder(Path(tmp), threshold)
        for table in args.tables:
            print(f"== {table}")
            for name, folder in folders.items():
                print(f"{name}: {summary(args.pmlint, table, folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
