"""The cascade's positional gate (`Near`, `near_enough`): PM301 parses a sentence its
triggers select only where the party a trigger needs stands near the trigger's word, or
where the grammar lets the doer stand further away (a coordinated verb, a passive's "by")."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import Linter, Selection
from pmlint.nlp import parse_stats, resolve_model_name
from pmlint.nlp.cascade import Near, Trigger, near_enough, select, words_pattern
from pmlint.nlp.sentences import document_sentences
from pmlint.parse import parse_document
from pmlint.reading import decode

PERSON = r"(?i:\b(?:engineer|operator|she|he)\b)"
NEGATION = r"\bnot\b|n't\b"
FORGOT = Trigger.of(words_pattern(["forget", "skip"]).wrapped("(?i:", ")"), [PERSON])
NEGATED = Trigger.of(NEGATION, [PERSON, r"\b(?i:did|had)\b"])
NEAR = Near(frozenset({PERSON}), 8)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The engineer forgot the drain step.", True),
        ("Forgotten by the engineer: the drain step.", True),
        # a noun phrase between the doer and the verb, well within the window
        ("The engineer on the storage rota that week skipped the drain step.", True),
        # the person is in another clause, far from the verb
        (
            "Our engineer wrote the playbook in the spring of last year, long before the "
            "rebalancer quietly skipped the shards it could not lock.",
            False,
        ),
        # a coordinated verb takes the first verb's subject, however far
        (
            "The operator opened a shell on the primary in the east region during the "
            "quiet hours but forgot the drain step.",
            True,
        ),
        # a subject that heads a relative clause, however long the clause
        (
            "The engineer who had rotated the keys for every region the week before "
            "skipped the drain step.",
            True,
        ),
        # a passive's agent after "by", however far
        (
            "The drain step was skipped on three of the storage hosts in the second region "
            "late that evening by the operator.",
            True,
        ),
    ],
)
def test_a_party_need_must_stand_near_the_trigger_word(text: str, kept: bool) -> None:
    assert FORGOT.search(text)  # the cheap pass selects every one of them
    assert near_enough(FORGOT, text, NEAR) is kept


def test_needs_that_are_not_parties_are_not_placed() -> None:
    """Only `Near.sources` are placed: the auxiliary may stand anywhere the cheap pass
    found it, and a trigger without a party need always passes."""
    text = "She had not yet paged anyone, which later reviews of the rota did confirm."
    assert near_enough(NEGATED, text, NEAR)
    assert near_enough(Trigger.of(r"\bnobody\b"), "nobody came", NEAR)


def test_a_sentence_is_kept_when_any_trigger_passes() -> None:
    """A sentence is parsed when any of its triggers passes: one trigger's far party does
    not drop a sentence another trigger keeps."""
    far = (
        "Our engineer wrote the playbook in the spring of last year, long before the "
        "rebalancer quietly skipped the shards it could not lock."
    )
    both = (
        "The cron job skipped a run on Monday, and the billing keys stayed stale for a "
        "week because the engineer had not rotated them."
    )
    text = f"# Outage\n\n{far}\n\n{both}\n"
    sentences = document_sentences(parse_document("pm.md", text, load_config(None).catalog))
    assert [s.text for s in select(sentences, [FORGOT, NEGATED])] == [far, both]
    assert not near_enough(FORGOT, both, NEAR)
    assert [s.text for s in select(sentences, [FORGOT, NEGATED], NEAR)] == [both]


TRAINED = resolve_model_name("auto") != "blank"


def _lint(text: str):  # type: ignore[no-untyped-def]
    linter = Linter(load_config(None), Selection(select=("PM301",)), nlp_model=None)
    return linter.lint("pm.md", decode(text.encode("utf-8")), ".")


@pytest.mark.skipif(not TRAINED, reason="no trained spaCy pipeline installed")
def test_pm301_parses_fewer_sentences_and_finds_the_coordinated_lapse() -> None:
    far = (
        "Our engineer wrote the playbook in the spring of last year, long before the "
        "rebalancer quietly skipped the shards it could not lock."
    )
    coordinated = (
        "The operator opened a shell on the primary in the east region during the quiet "
        "hours but forgot the drain step."
    )
    text = f"# Outage\n\n## Contributing factors\n\n{far}\n\n{coordinated}\n"
    doc = parse_document("pm.md", text, load_config(None).catalog)
    assert len(document_sentences(doc)) == 2
    before = parse_stats()["sentences_parsed"]
    report = _lint(text)
    assert parse_stats()["sentences_parsed"] - before == 1  # the far one is not parsed
    assert [(d.rule, d.span.line) for d in report.diagnostics] == [("PM301", 7)]
