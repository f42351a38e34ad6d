"""The vagueness model trained on more varied rows, in a three-way rotation (issue 15).

    python scripts/experiments/vague_rotation.py OUT HALF.tsv HALF.tsv [HALF.tsv ...]
        [--rotate] [--all]

Reads the labeled rows of `../shared/labels`, the written sentences and the blind tuning
halves given (outside this repository, read at run time; nothing of them is written here
but the trained weights). `--rotate`: for each half, trains the vagueness model on the
others plus the usual rows into `OUT/without-<n>/` (the blame model copied from the shipped
folder), so that the half it left out can be scored with `PMLINT_TEXTCAT_DIR` set to that
folder. `--all`: one model trained with every half, into `OUT/all/`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import langtrain as lt
import train_language

SHIPPED = lt.ROOT / "src" / "pmlint" / "models"


def half_rows(path: str, n: int) -> list[lt.Row]:
    rows = lt.read_file(Path(path))
    for r in rows:  # the halves reuse ids (C001 ...): keep them apart
        r.id = f"h{n}-{r.id}"
    return rows


def build(out: Path, rows: list[lt.Row]) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SHIPPED, out)
    chosen = train_language.build(rows, out, kinds=("vague",), quiet=True)
    print(out, chosen, flush=True)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    halves = [a for a in argv[1:] if not a.startswith("--")]
    base = [*lt.read_written(), *lt.read_rows(lt.LABELS)]
    extra = [half_rows(h, n) for n, h in enumerate(halves)]
    if "--rotate" in argv:
        for n in range(len(halves)):
            rows = [r for m, part in enumerate(extra) if m != n for r in part]
            build(out / f"without-{n}", base + rows)
    if "--all" in argv:
        build(out / "all", base + [r for part in extra for r in part])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
