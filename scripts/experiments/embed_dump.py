"""Step 1 of the embedding experiment (issue 15): pmlint's verdicts on every labeled row.

    PYTHONPATH=src python scripts/experiments/embed_dump.py OUT.json [SET.tsv ...]

Runs in pmlint's own environment (spaCy, no torch). Writes, per row: its set, group,
text, label, the blame verdict (PM301-PM303) and the action verdicts (PM401, PM403) of
pmlint as shipped and of the rules alone (models off), and the gates `judged_party`,
`blame_eligible`, `vague_eligible`. The training rows are exactly `make train`'s (dev,
guide, written); each SET.tsv is an evaluation set the models never train on.
`embed_eval.py` (run with torch) reads the file. Nothing of the rows is kept in the
repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import langtrain as lt

from pmlint.nlp import textcat


def verdicts(rows: list[lt.Row], models: str) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    with lt.models_at(models):
        for i, hit in lt.lint_blame(lt.blame_rows(rows)).items():
            out[i] = {"blame": hit}
        reasons: dict[str, str] = {}
        for i, found in lt.lint_actions(lt.action_rows(rows), reasons).items():
            out[i] = {"unowned": "PM401" in found, "vague": "PM403" in found, "reason": reasons[i]}
    return out


def main() -> None:
    out_path, sets = sys.argv[1], sys.argv[2:]
    folder = lt.labels_dir()
    assert folder is not None
    named = [("train", r) for r in lt.read_rows(folder)]
    named += [("written", r) for r in lt.read_written()]
    for path in sets:
        name = Path(path).parent.name
        for r in lt.read_file(Path(path)):
            r.id = f"{name}:{r.id}"
            named.append((name, r))
    rows = [r for _, r in named]
    shipped = verdicts([r for r in rows if not r.written], "")
    rules = verdicts([r for r in rows if not r.written], "off")
    records = []
    for name, r in named:
        if r.borderline or not (r.label in ("blame", "neutral") or r.label.startswith("action_")):
            continue
        records.append(
            {
                "set": name,
                "id": r.id,
                "group": r.group,
                "text": r.text,
                "label": r.label,
                "shipped": shipped.get(r.id, {}),
                "rules": rules.get(r.id, {}),
                "party": textcat.judged_party(r.text),
                "blame_eligible": textcat.blame_eligible(r.text),
                "vague_eligible": textcat.vague_eligible(r.text),
            }
        )
    Path(out_path).write_text(json.dumps(records), encoding="utf-8")
    print(f"{len(records)} rows -> {out_path}")


if __name__ == "__main__":
    main()
