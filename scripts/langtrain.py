"""Shared by `train_language.py` and `evaluate_language.py`: the labeled rows, their groups
(one per source repository or guide), pmlint's verdicts on them, and model training.

The labeled sentences are read from `../shared/labels` at run time; nothing of them is
stored in this repository. Rows are linted the way `../shared/tools/label_eval.py` lints
them: blame and neutral sentences as paragraphs under "## Contributing factors", action
items as list items under "## Action items", through the real engine.
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from folds import fold_groups

from pmlint.nlp import textcat

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT.parent / "shared" / "labels"
LABEL_FILES = ("dev-sentences.tsv", "guide-sentences.tsv")
# Sentences written for this repository, a few dozen per class of the language issue (blame
# by an organisation, a named author, a conduct demand; neutral narration of people doing
# their job; vague and specific action items). They teach the models the classes rather
# than the dev rows' phrasings: always trained on, never scored, never choose a threshold.
WRITTEN = ROOT / "scripts" / "training" / "written-sentences.tsv"
SEED = 20261204
BLAME_RULES = ("PM301", "PM302", "PM303")
EPOCHS = 12
# Kinds whose model also reads whether a rule reported the text (stacking): the vagueness
# model learns when the rules' verdicts hold on new writing. The blame model reads only the
# words (stacked, it leaned on the rules and lost recall out of fold).
STACKED = ("vague",)


@dataclass(slots=True)
class Row:
    id: str
    text: str
    label: str
    source: str
    note: str
    written: bool = False

    @property
    def group(self) -> str:
        return group_of(self.source)

    @property
    def borderline(self) -> bool:
        return self.note.strip().lower().startswith("borderline")


def group_of(source: str) -> str:
    """The repository (or guide site) a row comes from: `105-off-net-...md` -> `off`,
    `kube-dojo/kube-dojo:src/...` -> `kube-dojo`, `https://sre.google/...` -> `sre.google`,
    `pages:https://www.theregister.com/...` -> `theregister.com`."""
    source = source.strip()
    numbered = re.match(r"^\d+-([a-z0-9]+)-", source)
    if numbered:
        return numbered.group(1)
    url = re.search(r"https?://(?:www\.)?([^/]+)", source)
    if url:
        return url.group(1)
    return source.split("/", 1)[0].split(":", 1)[0] or "?"


def labels_dir(path: str | None = None) -> Path | None:
    folder = Path(path) if path else LABELS
    return folder if all((folder / name).is_file() for name in LABEL_FILES) else None


def read_rows(folder: Path) -> list[Row]:
    return [row for name in LABEL_FILES for row in read_file(folder / name)]


def read_file(path: Path) -> list[Row]:
    """The rows of one labeled TSV (`id, text, label, source_file or source, note`)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Row(
                raw["id"],
                raw["text"],
                raw["label"],
                raw.get("source_file") or raw.get("source") or "",
                raw.get("note") or "",
            )
            for raw in csv.DictReader(handle, delimiter="\t")
        ]


def read_written(path: Path = WRITTEN) -> list[Row]:
    """The repository's own training sentences (labels `action_specific` read as not vague)."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Row(raw["id"], raw["text"], raw["label"], f"written:{raw['class']}", raw["note"], True)
            for raw in csv.DictReader(handle, delimiter="\t")
        ]


def blame_rows(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if r.label in ("blame", "neutral") and not r.borderline]


def action_rows(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if r.label.startswith("action_")]


_OWNED_NOTE = re.compile(r"\bhas (an? )?(team )?owner|\bowner is\b", re.I)
_NO_OWNER_NOTE = re.compile(r"\bno owner\b", re.I)


def unowned_truth(row: Row) -> bool | None:
    """True: the item has no owner; False: it has one; None: the label does not say (the
    same reading as label_eval.py)."""
    if row.label == "action_unowned":
        return True
    if row.label == "action_owned":
        return False
    if _NO_OWNER_NOTE.search(row.note):
        return True
    if _OWNED_NOTE.search(row.note):
        return False
    return None


# -- pmlint's verdicts -------------------------------------------------------------------------


@contextlib.contextmanager
def models_at(folder: str, variable: str = textcat.MODELS_ENV) -> Iterator[None]:
    """Lint with the models of `folder` ("off": the rules alone); `variable` names the
    setting (the language models' folder, or the milestone model's)."""
    before = os.environ.get(variable)
    os.environ[variable] = folder
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = before


def _clean(text: str) -> str:
    return " ".join(text.replace("<", "&lt;").split())


_LINTER = None


def _linter():
    global _LINTER
    if _LINTER is None:
        from pmlint.config import load_config
        from pmlint.engine import Linter, Selection

        rules = (*BLAME_RULES, "PM401", "PM403")
        _LINTER = Linter(load_config(None), Selection(select=rules), nlp_model="auto")
    return _LINTER


def _lint(lines: list[str], reasons: dict[int, str] | None = None) -> dict[int, set[str]]:
    """Line -> the rules reported on it; `reasons` (if given) gets PM403's reason per line."""
    from pmlint.checks.actions.vague import reason_of
    from pmlint.reading import decode

    text = "\n".join(lines) + "\n"
    report = _linter().lint("rows.md", decode(text.encode("utf-8")), tempfile.gettempdir())
    if report.error:
        raise SystemExit(f"pmlint failed on the labeled rows: {report.error}")
    hits: dict[int, set[str]] = {}
    for d in report.diagnostics:
        hits.setdefault(d.span.line, set()).add(d.rule)
        if reasons is not None and d.rule == "PM403":
            reasons[d.span.line] = reason_of(d.message) or "other"
    return hits


def lint_blame(rows: Sequence[Row]) -> dict[str, bool]:
    """Row id -> any of PM301-PM303 on its line."""
    lines = ["# Incident review", "", "## Contributing factors", ""]
    at = {}
    for r in rows:
        at[r.id] = len(lines) + 1
        lines += [_clean(r.text), ""]
    hits = _lint(lines)
    return {i: bool(hits.get(n, set()) & set(BLAME_RULES)) for i, n in at.items()}


def lint_actions(rows: Sequence[Row], reasons: dict[str, str] | None = None) -> dict[str, set[str]]:
    """Row id -> the rules (PM401, PM403) on its line; `reasons` (if given) gets PM403's
    reason per row ("" where it was quiet): what the stacked vagueness model reads."""
    lines = ["# Incident review", "", "## Action items", ""]
    at = {}
    for r in rows:
        at[r.id] = len(lines) + 1
        lines.append("- " + _clean(r.text))
    by_line: dict[int, str] = {}
    hits = _lint(lines, by_line)
    if reasons is not None:
        reasons.update({i: by_line.get(n, "") for i, n in at.items()})
    return {i: hits.get(n, set()) & {"PM401", "PM403"} for i, n in at.items()}


# -- folds, training, thresholds -----------------------------------------------------------------


def grouped_folds(rows: Sequence[Row], k: int, seed: int = SEED) -> list[set[str]]:
    """k sets of the rows' groups with about as many rows each (`folds.fold_groups`)."""
    return fold_groups([r.group for r in rows], k, seed)


def train(
    texts: Sequence[str],
    positives: Sequence[bool],
    seed: int = SEED,
    epochs: int = EPOCHS,
    rule_hits: Sequence[bool | str] | None = None,
    config: dict | None = None,
    drop: float = 0.1,
):
    """A blank English pipeline with one textcat trained on `features(text)` (and the
    rules' verdicts, for a stacked model); `config` and `drop` are for the variants that
    `select_language.py` compares (the shipped ones: `textcat_config()`, 0.1)."""
    hits = list(rule_hits) if rule_hits is not None else [None] * len(texts)
    return train_classes(
        [textcat.features(t, h) for t, h in zip(texts, hits, strict=True)],
        [{textcat.LABEL: float(p), "OTHER": float(not p)} for p in positives],
        (textcat.LABEL, "OTHER"),
        seed,
        epochs,
        config,
        drop,
    )


def train_classes(
    read: Sequence[str],
    cats: Sequence[dict[str, float]],
    labels: Sequence[str],
    seed: int = SEED,
    epochs: int = EPOCHS,
    config: dict | None = None,
    drop: float = 0.1,
):
    """A blank English pipeline with one exclusive-classes textcat trained on the already
    featured texts `read` (the milestone model's classes as well as the two-class ones)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    cat = nlp.add_pipe("textcat", config=config or textcat.textcat_config())
    for label in labels:
        cat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(r), {"cats": c}) for r, c in zip(read, cats, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = list(range(len(examples)))
    shuffle = random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(order)
        for batch in minibatch([examples[i] for i in order], size=16):
            nlp.update(batch, sgd=optimizer, drop=drop)
    return nlp


def score(nlp, texts: Sequence[str], rule_hits: Sequence[bool | str] | None = None) -> list[float]:
    hits = list(rule_hits) if rule_hits is not None else [None] * len(texts)
    docs = nlp.pipe([textcat.features(t, h) for t, h in zip(texts, hits, strict=True)])
    return [float(d.cats.get(textcat.LABEL, 0.0)) for d in docs]


def prf(pred: Sequence[bool], truth: Sequence[bool]) -> tuple[float, float, float, int]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
    fn = sum(t and not p for p, t in zip(pred, truth, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, len(truth)


_GRID = [i / 20 for i in range(1, 20)]


def choose(
    kind: str,
    scores: Sequence[float],
    rule: Sequence[bool | str],
    eligible: Sequence[bool],
    truth: Sequence[bool],
) -> tuple[float, float]:
    """(keep, alone) thresholds from out-of-fold scores. Blame: the highest recall with
    precision >= 0.97 (the rules keep their findings; a margin over the 0.95 goal), F0.5 if
    none reaches it. Vague: the best F1."""
    best: tuple[tuple[float, ...], float, float] | None = None
    keeps = [0.0] if kind == "blame" else [0.0, *_GRID]
    for keep in keeps:
        for alone in [*_GRID, 0.96, 0.98, 1.01]:
            model = textcat.Model(kind, None, keep, alone, {})
            pred = [
                textcat.decide(model, bool(h), s, e)
                for h, s, e in zip(rule, scores, eligible, strict=True)
            ]
            p, r, f, _ = prf(pred, truth)
            if kind == "blame":  # recall at precision >= 0.97, else precision-weighted F
                f_half = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
                key: tuple[float, ...] = (1.0, r, p) if p >= 0.97 else (0.0, f_half, p)
            else:
                key = (f, p)
            key += (-alone,)
            if best is None or key > best[0]:
                best = (key, keep, alone)
    assert best is not None
    return best[1], best[2]


def eligible(kind: str, text: str) -> bool:
    return textcat.blame_eligible(text) if kind == "blame" else textcat.vague_eligible(text)


def fit(
    kind: str,
    rows: Sequence[Row],
    truth: dict[str, bool],
    rule: dict[str, bool | str],
    inner_folds: int = 4,
    seed: int = SEED,
):
    """Train on `rows` and choose the thresholds on their out-of-fold scores (grouped
    folds inside `rows`; written rows train every fold and are never scored). Returns
    (nlp, keep, alone)."""
    stacked = kind in STACKED

    def hits(some: Sequence[Row]) -> list[bool | str] | None:
        return [rule[r.id] for r in some] if stacked else None

    oof: dict[str, float] = {}
    real = [r for r in rows if not r.written]
    for held in grouped_folds(real, inner_folds, seed):
        train_rows = [r for r in rows if r.written or r.group not in held]
        test_rows = [r for r in real if r.group in held]
        if not test_rows or not train_rows:
            continue
        nlp = train(
            [r.text for r in train_rows],
            [truth[r.id] for r in train_rows],
            seed,
            rule_hits=hits(train_rows),
        )
        scored = score(nlp, [r.text for r in test_rows], hits(test_rows))
        for r, s in zip(test_rows, scored, strict=True):
            oof[r.id] = s
    ids = [r for r in rows if r.id in oof]
    keep, alone = choose(
        kind,
        [oof[r.id] for r in ids],
        [rule[r.id] for r in ids],
        [eligible(kind, r.text) for r in ids],
        [truth[r.id] for r in ids],
    )
    nlp = train([r.text for r in rows], [truth[r.id] for r in rows], seed, rule_hits=hits(rows))
    return nlp, keep, alone


def save(nlp, folder: Path, kind: str, keep: float, alone: float, extra: dict) -> None:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    import spacy

    nlp.to_disk(folder / "pipeline")
    # The string store holds every word seen in training; the bag-of-words weights are
    # keyed by hashes and do not need it. Ship a blank pipeline's strings instead, so the
    # package holds no word list drawn from the labeled rows.
    spacy.blank("en").vocab.strings.to_disk(folder / "pipeline" / "vocab" / "strings.json")
    meta = {
        "kind": kind,
        "keep": keep,
        "alone": alone,
        "seed": SEED,
        "stacked": kind in STACKED,
        **extra,
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
