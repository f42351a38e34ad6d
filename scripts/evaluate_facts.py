"""Milestone and duration accuracy of `pmlint analyze`, held out by source repository.

usage: evaluate_facts.py [--pmlint PATH] [--shared DIR] [--folds K] [--errors] [--fold N]

The project's measure (`../shared/tools/facts_eval.py`) is run on each fold of the real corpus
separately: documents are grouped by the repository they came from (`MANIFEST.tsv`), and each
repository falls in fold `sha1(repo) mod K`. The extraction is tuned while looking at fold 0
only; the other folds are the held-out figure, so a rule written for one repository's habits
cannot flatter the figure that counts. The whole corpus (in-sample) is printed last.

The corpus is copied to a temporary folder, because facts_eval reads the documents beside the
FACTS file it is given and ../shared is read-only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fold_of(repository: str, folds: int) -> int:
    """A stable fold for a repository: the same on every machine and in every run."""
    return int(hashlib.sha1(repository.encode("utf-8")).hexdigest(), 16) % folds


def fold_arguments(parser: argparse.ArgumentParser, wrong: str) -> None:
    """The options both measures of the real corpus share (`wrong`: what --errors lists)."""
    parser.add_argument("--pmlint", default=str(REPO / ".venv" / "bin" / "pmlint"))
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--fold", type=int, help="only this fold (and no in-sample line)")
    parser.add_argument("--errors", action="store_true", help=f"list each wrong {wrong}")


def repositories(real: Path) -> dict[str, str]:
    """Document file name -> the repository it came from (`MANIFEST.tsv`)."""
    with (real / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: row["repo"] for row in csv.DictReader(handle, delimiter="\t")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    fold_arguments(parser, "milestone")
    args = parser.parse_args()
    shared = Path(args.shared)
    real = shared / "corpus" / "real"
    tool = shared / "tools" / "facts_eval.py"
    if not (real / "FACTS.tsv").is_file() or not tool.is_file():
        print(f"evaluate_facts: no corpus at {real}; nothing to measure")
        return 0
    repo_of = repositories(real)
    with (real / "FACTS.tsv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        columns = list(reader.fieldnames or [])
        facts = list(reader)
    with tempfile.TemporaryDirectory(prefix="pmlint-facts-") as tmp:
        work = Path(tmp)
        for row in facts:
            shutil.copy(real / row["file"], work / row["file"])
        groups: list[tuple[str, list[dict[str, str]]]] = []
        for fold in range(args.folds):
            if args.fold is not None and fold != args.fold:
                continue
            rows = [
                r for r in facts if fold_of(repo_of.get(r["file"], r["file"]), args.folds) == fold
            ]
            label = "tuned on" if fold == 0 else "held out"
            repos = sorted({repo_of.get(r["file"], "?") for r in rows})
            groups.append((f"fold {fold} ({label}; {len(rows)} docs, {len(repos)} repos)", rows))
        if args.fold is None:
            groups.append((f"all ({len(facts)} docs, in-sample)", facts))
        for index, (title, rows) in enumerate(groups):
            subset = work / f"FACTS-{index}.tsv"
            with subset.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, columns, delimiter="\t", lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            command = [sys.executable, str(tool), args.pmlint, str(subset), "--min-recall", "0"]
            if args.errors:
                command.append("--errors")
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            print(f"== {title}")
            print(result.stdout.rstrip() or result.stderr.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
