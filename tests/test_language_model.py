"""The trained blame and vagueness models: features, gates, packaging and measured figures.

Sentences here are made up for these tests. Tests that read `../shared` (the labeled rows,
the corpus) skip when it is absent.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint.nlp import textcat
from tests.conftest import REPO

SHARED = REPO.parent / "shared"
LABELS = SHARED / "labels"
MODELS = REPO / "src" / "pmlint" / "models"
needs_labels = pytest.mark.skipif(not LABELS.is_dir(), reason="../shared/labels is absent")
needs_models = pytest.mark.skipif(
    not (MODELS / "blame" / "meta.json").is_file(), reason="models not built (make train)"
)


def test_features_add_the_classed_form() -> None:
    classed = textcat.features("In our rush we totally forgot to rotate the key.")
    assert classed.startswith("in our rush we totally forgot")
    assert "SELF" in classed and "LAPSE" in classed
    assert "PAIR_SELF_LAPSE" in classed  # who is judged for what, a few words apart
    assert "MARK_COUNTERFACTUAL" in textcat.features("We should have caught the expiry.")
    assert "MARK_COUNTERFACTUAL" not in textcat.features("We should have a spare node.")
    assert "MARK_PLACEHOLDER" in textcat.features("{{ fill in the action }}")


def _features_word_by_word(text: str) -> str:
    """`textcat.features` as first written: each word classed where it stands, each mark's
    pattern searched in every text (without a rule's verdict: the blame model's reading)."""
    text = " ".join(text.replace("’", "'").split())
    words = textcat._TOKEN.findall(text)
    plain = [w.lower() for w in words]
    classed = []
    for index, (word, lower) in enumerate(zip(words, plain, strict=True)):
        found = textcat._token_class(word, lower, index == 0)
        classed.append(found if found is not None else lower)
    marks = textcat._pairs(classed)
    if textcat._COUNTERFACTUAL.search(text):
        marks.append("MARK_COUNTERFACTUAL")
        marks += [f"MARK_COUNTERFACTUAL_{c}" for c in ("SELF", "PERSON", "GROUP") if c in classed]
    for pattern, mark in (
        (textcat._CODE, "MARK_CODE"),
        (textcat._HANDLE, "MARK_HANDLE"),
        (textcat._PLACEHOLDER, "MARK_PLACEHOLDER"),
    ):
        if pattern.search(text):
            marks.append(mark)
    if words and textcat._WORD_CLASS.get(words[0].lower()) == "SOFT":
        marks.append("MARK_SOFT_FIRST")
    if words and words[0].lower().endswith(("tion", "ment", "ing", "ness")):
        marks.append("MARK_NOMINAL_FIRST")
    marks.append(f"MARK_LEN_{min(len(words) // 6, 5)}")
    return " ".join([*plain, "||", *classed, "||", *marks])


@pytest.mark.parametrize(
    "text",
    [
        "Priya paged Priya's backup, and Priya never answered.",  # a name first, then not
        "Deploys stalled; Deploys resumed after Marta shouldn't have merged it.",
        "Tbd: ask @rhea or ops@example.test whether <owner> should’ve known.",
        "İlker could have seen the \u212aelvin-scaled graph {{ later }}.",  # folds to ASCII
        "SHOULD HAVE CAUGHT IT: the TODO in `deploy.sh` and the XXX marker.",
        "Investigation: nothing here holds a mark",
        "",
    ],
)
def test_features_read_each_word_as_where_it_stands(text: str) -> None:
    """`features` keeps each word's reading for the next sentence and searches a mark's
    pattern only where the text holds a string it needs: the same features, whatever was
    read before (each text twice: after the others, and after itself)."""
    for _ in range(2):
        assert textcat.features(text) == _features_word_by_word(text)


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Sure, I'll take the flaky upload test.", "MARK_TAKEN_ON"),
        ("Moved the nightly export onto the replica.", "MARK_DONE"),
        ("Reword the quota error. Fixed by @ana.", "MARK_DONE"),
        ("We’re also exploring a second mail relay.", "MARK_UNDER_WAY"),
        ("dns: add a secondary provider", "MARK_LABEL"),
        ("Should the importer validate files first?", "MARK_QUESTION"),
    ],
)
def test_action_shapes_are_read_by_the_vagueness_model_only(text: str, mark: str) -> None:
    """The stacked vagueness model (given a rule's verdict) reads an item's shape; the blame
    model (no verdict) reads what it was trained on, without these marks."""
    assert mark in textcat.features(text, "").split()
    assert mark not in textcat.features(text).split()
    assert mark not in textcat.features("Add an alert on queue depth above 500.", "").split()


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The vendor did not warn us about the change.", "group"),
        ("Some guy on the night shift skipped the checklist.", "person"),
        ("We were far too relaxed about the rollout.", "self"),
        ("The cache expired and the origin was overloaded.", None),
        ("You should not see the retry banner on jobs that are not pinned.", None),
    ],
)
def test_judged_party(text: str, party: str | None) -> None:
    assert textcat.judged_party(text) == party


@pytest.mark.parametrize(
    "text",
    [
        "The Contractor’s script wiped it, and WE didn't notice.",
        "İpek and the \u212aiosk team: ping @dorin, or mail dorin@example.test.",
        "ﬁxed by the admin—whoever’s on call—at 10:04, 3.5 hours later.",
        "",
    ],
)
def test_words_lower_cased_as_the_word_by_word_reading(text: str) -> None:
    """ASCII text is lower-cased before it is split (`_lower_words`): the same words as
    splitting and lower-casing each word, which is what text beyond ASCII still gets."""
    by_word = [w.lower() for w in textcat._TOKEN.findall(text.replace("’", "'"))]
    assert textcat._lower_words(text) == by_word
    ascii_only = text.encode("ascii", "ignore").decode()
    assert textcat._lower_words(ascii_only) == [
        w.lower() for w in textcat._TOKEN.findall(ascii_only)
    ]
    # the reader's words name no party: "you" alone is no one, "your engineer" is someone
    assert textcat.judged_party("You skipped the checklist.") is None
    assert textcat.judged_party("Your engineer skipped the checklist.") == "person"
    assert textcat.judged_party("Ask ana@example.test about it.") == "person"


@pytest.mark.parametrize(
    ("text", "eligible"),
    [
        ("The vendor did not warn us about the change.", True),
        ("The on-call engineer did not have access to the account.", False),  # stative
        ("The on-call engineer rolled back the release.", False),  # no judgement cue
        ("Had anyone looked at the graph, this could have been avoided.", True),
        ("The disk filled up and the job stopped.", False),  # nobody named
    ],
)
def test_the_model_alone_needs_a_party_judged_for_something(text: str, eligible: bool) -> None:
    assert textcat.blame_eligible(text) is eligible


def test_vague_model_alone_never_overrides_a_number_or_an_identifier() -> None:
    assert textcat.vague_eligible("Better communication between teams")
    assert not textcat.vague_eligible("Raise the pool size to 64")
    assert not textcat.vague_eligible("Review the search-eu shard rules")


def test_decide_combines_rule_and_score() -> None:
    model = textcat.Model("blame", None, keep=0.2, alone=0.8, meta={})
    assert textcat.decide(model, True, 0.3, False)  # a rule finding the model does not veto
    assert not textcat.decide(model, True, 0.1, False)  # vetoed
    assert textcat.decide(model, False, 0.9, True)  # the model alone, eligible
    assert not textcat.decide(model, False, 0.9, False)
    assert textcat.decide(None, True, 0.0, False)  # no model: the rules alone


@needs_models
def test_models_ship_in_the_package_small_and_without_label_text() -> None:
    size = sum(p.stat().st_size for p in MODELS.rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024
    for kind in textcat.KINDS:
        meta = json.loads((MODELS / kind / "meta.json").read_text(encoding="utf-8"))
        assert 0.0 <= meta["keep"] <= meta["alone"] <= 1.01
        assert meta["seed"] == 20261204
        # the string store is a blank pipeline's: no words drawn from the labeled rows
        strings = json.loads((MODELS / kind / "pipeline" / "vocab" / "strings.json").read_text())
        assert "careless" not in strings and "rollout" not in strings


@needs_models
def test_models_load_lazily_and_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    code = (
        "import sys; import pmlint.checks.language, pmlint.checks.actions; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # importing the checks loads no model
    model = textcat.load("blame")
    assert model is not None
    low, high = model.scores(
        ["The cache node restarted at noon.", "We were careless and sloppy with the keys."]
    )
    assert low < high
    monkeypatch.setenv(textcat.MODELS_ENV, "off")
    assert textcat.load("blame") is None


@needs_models
@pytest.mark.parametrize(
    ("body", "loaded"),
    [
        ("The cache node restarted at noon and the queue drained by one.\n", []),
        (
            "The engineer ignored the alert for an hour and went back to sleep.\n\n"
            "## Action items\n\n"
            "- Rotate the signing keys every 90 days (owner: @kim)\n",
            ["blame", "vague"],
        ),
    ],
)
def test_models_are_read_only_for_a_file_that_has_something_for_them(
    tmp_path: Path, body: str, loaded: list[str]
) -> None:
    """A file with no sentence for the blame model and no action item reads neither model
    (each is 0.02 s of a single-file lint); one with both reads both."""
    sample = tmp_path / "pm.md"
    sample.write_text(f"# Outage\n\n## Summary\n\n{body}", encoding="utf-8")
    code = (
        "import sys\n"
        "from pmlint.cli import main\n"
        "from pmlint.nlp import textcat\n"
        "try:\n"
        f"    main.main(['check', '--no-cache', '--nlp-model', 'blank', '-o', {os.devnull!r}, "
        f"{str(sample)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('loaded:', sorted(kind for kind, _ in textcat._CACHE))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == f"loaded: {loaded}"


def _check(*args: str, env: dict[str, str] | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "pmlint", "check", "--no-cache", "--format", "json", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(result.stdout)


@needs_models
def test_model_findings_say_what_the_model_leaned_on(tmp_path: Path) -> None:
    """Without the parser (blank mode) the rules cannot read who failed; the model can."""
    sample = tmp_path / "pm.md"
    sample.write_text(
        "# Outage\n\n## Contributing factors\n\n"
        "The engineer ignored the alert for an hour and went back to sleep.\n\n"
        "## Timeline\n\n- 10:05 the engineer ignored the alert.\n",
        encoding="utf-8",
    )
    args = ("--nlp-model", "blank", "--select", "PM301", str(sample))
    found = _check(*args)["files"][0]["diagnostics"]
    assert [d["line"] for d in found] == [5]  # the timeline is not judged by the model
    assert "trained model" in found[0]["message"]
    assert "ignored" in found[0]["message"]  # the words it leaned on
    off = _check(*args, env={textcat.MODELS_ENV: "off"})
    assert off["files"][0]["diagnostics"] == []


@needs_models
def test_explain_says_what_the_model_reads_and_how_well_it_did() -> None:
    for rule in ("PM301", "PM403"):
        result = subprocess.run(
            [sys.executable, "-m", "pmlint", "explain", rule], capture_output=True, text=True
        )
        page = " ".join(result.stdout.split())
        assert "trained model" in page.lower() or "A trained model" in page
        assert "held out by source" in page and "precision" in page


def test_evaluation_script_skips_without_labels(tmp_path: Path) -> None:
    script = REPO / "scripts" / "evaluate_language.py"
    if not script.is_file():
        pytest.skip("scripts/ is not part of this checkout")
    result = subprocess.run(
        [sys.executable, str(script), "--labels", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        check=True,
        cwd=script.parent,
    )
    assert "skipped" in result.stdout


def test_selection_script_skips_without_labels(tmp_path: Path) -> None:
    script = REPO / "scripts" / "select_language.py"
    if not script.is_file():
        pytest.skip("scripts/ is not part of this checkout")
    validation = tmp_path / "tune.tsv"
    validation.write_text("id\ttext\tlabel\tsource_file\tnote\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(validation), "--labels", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        check=True,
        cwd=script.parent,
    )
    assert "skipped" in result.stdout


@pytest.mark.slow
def test_evaluation_script_cross_validates_by_source(tmp_path: Path) -> None:
    script = REPO / "scripts" / "evaluate_language.py"
    if not script.is_file():
        pytest.skip("scripts/ is not part of this checkout")
    header = "id\ttext\tlabel\tsource_file\tnote\n"
    rows = [
        ("A1", "The operator forgot to renew the certificate.", "blame", "001-aa-x.md"),
        ("A2", "The health check failed and the node was removed.", "neutral", "001-aa-x.md"),
        ("B1", "The admin carelessly deleted the volume.", "blame", "002-bb-y.md"),
        ("B2", "The queue drained within ten minutes.", "neutral", "002-bb-y.md"),
        ("A3", "Add an alert for certificate expiry.", "action_unowned", "001-aa-x.md"),
        ("B3", "Improve monitoring.", "action_vague", "002-bb-y.md"),
    ]
    (tmp_path / "dev-sentences.tsv").write_text(
        header + "".join("\t".join(r) + "\t\n" for r in rows), encoding="utf-8"
    )
    (tmp_path / "guide-sentences.tsv").write_text(
        "id\ttext\tlabel\tsource\tnote\n"
        "G1\tThe engineer was sloppy.\tblame\thttps://guide.example/a\t\n",
        encoding="utf-8",
    )
    # another set's action items train every fold (ids may repeat the labels' own)
    extra = tmp_path / "other-set.tsv"
    extra.write_text(
        header + "A3\tLook into the queue.\taction_vague\thttps://other.example/p\t\n"
        "X2\tThe vendor was careless.\tblame\thttps://other.example/p\t\n",
        encoding="utf-8",
    )
    command = [sys.executable, str(script), "--labels", str(tmp_path), "--folds", "2"]
    result = subprocess.run(
        [*command, "--extra", str(extra)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=script.parent,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "held out (2-fold by source)" in result.stdout
    assert "blame precision" in result.stdout and "vague f1" in result.stdout
    assert "vague model, AUC held out by source: all rows" in result.stdout


@needs_labels
def test_the_repository_holds_no_labeled_text() -> None:
    """No sentence of ../shared/labels is copied into code, fixtures, rules or scripts."""
    texts = []
    for name in ("dev-sentences.tsv", "guide-sentences.tsv"):
        with open(LABELS / name, encoding="utf-8", newline="") as handle:
            texts += [r["text"] for r in csv.DictReader(handle, delimiter="\t")]
    wanted = [" ".join(t.split()).lower() for t in texts if len(t) >= 40]
    roots = [REPO / d for d in ("src", "tests", "rules", "scripts", "examples")]
    files = [p for root in roots for p in root.rglob("*") if p.is_file()]
    files = [p for p in files if p.suffix in (".py", ".md", ".yaml", ".json", ".txt", ".cfg")]
    corpus = {p: " ".join(p.read_text(encoding="utf-8", errors="ignore").split()).lower()
              for p in files}  # fmt: skip
    copied = [(t[:60], str(p)) for t in wanted for p, text in corpus.items() if t in text]
    assert copied == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_seed_verdict_holds() -> None:
    seed = SHARED / "corpus" / "seed-streaming-outage.md"
    found = _check("--select", "PM401,PM402,PM403", str(seed))["files"][0]["diagnostics"]
    by_rule: dict[str, set[int]] = {}
    for d in found:
        by_rule.setdefault(d["rule"], set()).add(d["line"])
    items = set(range(48, 52))  # the four items under "Corrective and Preventative Measures"
    assert items <= by_rule["PM401"] and items <= by_rule["PM402"]
    assert {48, 50} <= by_rule["PM403"]


@needs_models
@pytest.mark.skipif(not (SHARED / "corpus" / "real").is_dir(), reason="../shared is absent")
def test_good_postmortems_stay_quiet() -> None:
    """At most 0.5 language findings per 1,000 words on the corpus' good documents."""
    corpus = SHARED / "corpus" / "real"
    notes = (corpus / "MANIFEST-notes.tsv").read_text(encoding="utf-8").splitlines()
    good = [corpus / line.split("\t")[0] for line in notes if "quality=good" in line]
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8"))) for p in good)
    payload = _check("--select", "PM301,PM302,PM303", *map(str, good))
    findings = sum(len(f["diagnostics"]) for f in payload["files"])
    assert 1000 * findings / words <= 0.5


def test_written_training_rows_are_distinct_and_labeled() -> None:
    """The repository's own training sentences: one id and one text each (a sentence twice
    would weigh its class double) and a label the trainer reads."""
    path = REPO / "scripts" / "training" / "written-sentences.tsv"
    if not path.is_file():
        pytest.skip("scripts/ is not part of this checkout")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    ids = [r["id"] for r in rows]
    texts = [" ".join(r["text"].split()).lower() for r in rows]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)
    labels = {"blame", "neutral", "action_vague", "action_specific"}
    assert {r["label"] for r in rows} <= labels
    assert all(r["class"] and r["text"].strip() for r in rows)
