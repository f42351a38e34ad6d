"""Action items: the extractor (owner, due date, tracking, type, state), the vagueness
analysis in both modes, the counts `pmlint analyze` uses, and the seed acceptance."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.checks.actions.vagueness import (
    VagueLexicon,
    action_item_counts,
    assess,
    lexicon_for,
)
from pmlint.config import load_config
from pmlint.document import Document
from pmlint.extract.actions import (
    CACHE_KEY,
    ActionItem,
    action_items,
    follow_up_items,
    is_past_report,
    owner_like,
    tracking_like,
)
from pmlint.nlp import load_pipeline
from pmlint.parse import parse_document
from pmlint.reading import read_file
from tests.conftest import check_json

# What the engine and `pmlint analyze` pass: the core pack's given names and PM403's lexicon.
NAMES = load_config(None).given_names
LEXICON = load_config(None).rules["PM403"].options["lexicon"]


def parse(text: str) -> Document:
    return parse_document("pm.md", text, load_config(None).catalog)


def items_of(text: str) -> list[ActionItem]:
    return action_items(parse(text), NAMES)


def one(text: str) -> ActionItem:
    (item,) = items_of(f"# Outage\n\n## Action items\n\n- {text}\n")
    return item


# -- where items come from --------------------------------------------------------------


def test_table_columns_give_owner_due_tracking_type_and_state() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n"
        "| # | Task | Type | Assignee | ETA | Jira | Status |\n"
        "| - | --- | --- | --- | --- | --- | --- |\n"
        "| 1 | Alert on replica lag above 30 s | Detect | @mira | 2024-05-01 | DB-12 | Done |\n"
        "| 2 | Add a replica in eu-west-1 | Mitigation | TBD | | | open |\n"
    )
    first, second = items
    assert (first.action, first.owner, first.due, first.tracking) == (
        "Alert on replica lag above 30 s",
        "@mira",
        "2024-05-01",
        "DB-12",
    )
    assert (first.type, first.state, first.kind, first.line) == ("detect", "done", "table", 7)
    assert (second.owner, second.owner_placeholder, second.due, second.tracking) == (
        None,
        "TBD",
        None,
        None,
    )
    assert (second.type, second.state, second.owner_column) == ("mitigate", "open", True)
    assert (second.span.line, second.span.column) == (8, 7)


def test_list_item_owner_forms() -> None:
    assert one("Add a DLQ (owner: @kofi)").owner == "@kofi"
    assert one("Add a DLQ — Priya Raman").owner == "Priya Raman"
    assert one("Add a DLQ (Priya Raman)").owner == "Priya Raman"
    assert one("Add a DLQ [Storage team]").owner == "Storage team"
    assert one("Add a DLQ, assigned to @ade").owner == "@ade"
    assert one("Add a DLQ (sam@example.com)").owner == "sam@example.com"
    assert one("@lena will add a DLQ").owner == "@lena"
    assert one("**Owner:** Dana Lee. Add a DLQ").owner == "Dana Lee"
    assert one("Platform team to add a DLQ").owner == "Platform team"
    # Inline cells of a row written as text: "action | type | owner | status".
    row = one("Re-create the ingest channel | Recovery | Core-2 team | DONE")
    assert (row.action, row.owner, row.type, row.state) == (
        "Re-create the ingest channel",
        "Core-2 team",
        "mitigate",
        "done",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Add a DLQ",
        "Add a DLQ (owner: TBD)",
        "Add a DLQ — team",
        "Add a DLQ @team",
        "Add a DLQ, Owner: everyone",
        "Add a DLQ (particularly for the EU partitions)",
        "Add a DLQ (Kubernetes)",
        "Add a DLQ (DONE)",
        "Stop sending the pages to one engineer's personal inbox",
        "Instead, route them to a group list that everyone reads",
        "Strengthen code review - our vigilant editors.",
    ],
)
def test_no_owner(text: str) -> None:
    assert one(text).owner is None


def test_owner_placeholder_is_kept_for_the_message() -> None:
    assert one("Add a DLQ (owner: TBD)").owner_placeholder == "TBD"
    assert one("Add a DLQ @team").owner_placeholder == "@team"


def test_sub_bullets_with_fields_belong_to_the_item() -> None:
    (item,) = items_of(
        "# Outage\n\n## Action items\n\n"
        "- Rebuild the consumer image\n"
        "  - Owner: Dana Whitfield\n"
        "  - Due: 2024-06-30\n"
        "  - Ticket: OPS-320\n"
    )
    assert (item.owner, item.due, item.tracking) == ("Dana Whitfield", "2024-06-30", "OPS-320")


def test_a_short_label_groups_the_items_below_it() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n"
        "- Prevention\n"
        "  - Validate pool size in CI\n"
        "  - Reject configs without a canary stage\n"
        "- Detection:\n"
        "  - Alert on pool wait time above 200 ms\n"
    )
    assert [(i.action, i.type) for i in items] == [
        ("Validate pool size in CI", "prevent"),
        ("Reject configs without a canary stage", "prevent"),
        ("Alert on pool wait time above 200 ms", "detect"),
    ]


def test_pseudo_headed_sub_list_and_sub_headings() -> None:
    items = items_of(
        "**Corrective actions:**\n"
        "- **Fixes:**\n"
        "  - Guard the recursion depth in the renderer\n"
        "  - Add a load test for nested playlists\n"
        "\n"
        "## Lessons learned\n\n- Recursion needs a limit.\n"
    )
    assert [(i.action, i.type, i.line) for i in items] == [
        ("Guard the recursion depth in the renderer", "repair", 3),
        ("Add a load test for nested playlists", "repair", 4),
    ]


def test_narrative_sections_nested_in_action_items_are_left_out() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n- Add a DLQ\n\n"
        "### Lessons learned\n\n- Queues need a dead-letter path.\n"
    )
    assert [i.action for i in items] == ["Add a DLQ"]


def test_task_list_state() -> None:
    done, open_ = items_of("# Outage\n\n## Action items\n\n- [x] Add a DLQ\n- [ ] Add a canary\n")
    assert (done.kind, done.state, done.action) == ("task", "done", "Add a DLQ")
    assert (open_.kind, open_.state) == ("task", "open")
    assert (done.span.line, done.span.column) == (5, 7)


def test_paragraphs_count_only_without_lists_or_tables() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n"
        "The following are tracked in Jira:\n\n"
        "We will add a DLQ for the orders topic (OPS-9).\n"
    )
    assert [(i.kind, i.tracking) for i in items] == [("paragraph", "OPS-9")]


@pytest.mark.parametrize("body", ["TBD", "None.", "No action items at this time.", "N/A"])
def test_placeholder_sections_have_no_items(body: str) -> None:
    assert items_of(f"# Outage\n\n## Action items\n\n{body}\n") == []


def test_no_action_section_no_items() -> None:
    assert items_of("# Outage\n\n## Summary\n\n- Add a DLQ\n") == []


# -- due dates and tracking ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Add a DLQ by 2024-04-01", "2024-04-01"),
        ("Add a DLQ, due April 1", "April 1"),
        ("Add a DLQ in Q2 2024", "Q2 2024"),
        ("Add a DLQ (Q3 2025)", "Q3 2025"),
        ("Add a DLQ before the end of March", "the end of March"),
        ("Add a DLQ (@mira, 2024-05-15)", "2024-05-15"),
        ("Add a DLQ, Due: next Friday", "next Friday"),
        ("Add a DLQ soon", None),
        ("Add a DLQ, due: TBD", None),
        ("Add a DLQ for the 2024-03-11 incident", None),
        ("Add a DLQ in 5 minutes", None),
    ],
)
def test_due_dates(text: str, due: str | None) -> None:
    assert one(text).due == due


@pytest.mark.parametrize(
    ("text", "tracking"),
    [
        ("Add a DLQ (INC-123)", "INC-123"),
        ("Add a DLQ JIRA-42", "JIRA-42"),
        ("Add a DLQ [#118](https://github.com/example/infra/issues/118)", None),
        ("Add a DLQ https://gitlab.example.com/ops/q/-/issues/7", None),
        ("Add a DLQ #342", "#342"),
        ("Add a DLQ b/301844", "b/301844"),
        ("[#2226]: Add a DLQ", "#2226"),
        ("Add a DLQ ([issue](https://github.com/example/q/pull/9))", None),
        ("Move the decoder to UTF-8", "none"),
        ("Use SHA-256 for the cache key", "none"),
    ],
)
def test_tracking(text: str, tracking: str | None) -> None:
    item = one(text)
    if tracking == "none":
        assert item.tracking is None
    elif tracking is None:
        assert item.tracking is not None and item.tracking.startswith("https://")
    else:
        assert item.tracking == tracking


def test_tracking_link_text_is_not_part_of_the_action() -> None:
    item = one("Handle launch errors. [Issue](https://github.com/example/hub/issues/131)")
    assert item.action == "Handle launch errors."


def test_value_helpers() -> None:
    assert owner_like("Dana Lee", strict=True)
    assert owner_like("@payments-platform", strict=True)
    assert owner_like("pSTAKE Team", strict=False)
    assert not owner_like("Kubernetes", strict=True)
    assert not owner_like("the team", strict=False)
    assert not owner_like("particularly for the EU", strict=True)
    assert tracking_like("OPS-12") and tracking_like("#12") and tracking_like("b/12345")
    assert not tracking_like("UTF-8") and not tracking_like("P1-2")


# -- sections that list work done, and those that only say "done" ------------------------


@pytest.mark.parametrize(
    ("title", "listed"),
    [
        ("Next steps that could be done", True),
        ("Actions that need to be done", True),
        ("Actions done", False),
        ("Remediation done so far", False),
        ("Corrective actions we have done", False),
    ],
)
def test_a_title_that_says_done_lists_no_action_items_unless_it_is_to_be_done(
    title: str, listed: bool
) -> None:
    """A title that says "done" marks work already finished, but "could be done" and "to be
    done" ask for work: their items are action items."""
    items = items_of(f"# Outage\n\n## {title}\n\n- Add an alert on the queue depth.\n")
    assert bool(items) is listed


# -- work already done ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Rolled back the deployment to the last stable version.",
        "Implemented stricter code review processes.",
        "We restarted the stuck partitions by hand.",
        "We re-ran the export.",
        "The alert was added to the on-call dashboard.",
        "Northwind noticed that the flag was missing, fixed in #812",
        "Storage vendors shipped a firmware fix for the controller",
        "We've added an alert on queue depth so we'll hear about a backlog sooner.",
        "I’ve moved the nightly export to the new host",
        "We have quickly updated the failover runbook with the new DNS steps.",
        "We improved the deploy pipeline so that a flaky build retries once.",
        "The cache eviction bug has now been fixed.",
        "The broker connection limits were also raised to 5,000.",
    ],
)
def test_reports_of_work_done(text: str) -> None:
    assert is_past_report(text)


@pytest.mark.parametrize(
    "text",
    [
        "Roll back faster with a one-click rollback",
        "Automated tests for the playlist renderer",
        "Need a canary stage",
        "Implement priority classes: has been scheduled for Q3",
        "We should have paging on cache warm-up failures.",
        "Add a check that the alert was added",
        "Notify customers affected in the March outage",
        "Email tenants migrated by the script with the new endpoint",
        "We've got to add a retry to the uploader",
        "I've to rotate the keys before Friday",
        "Improved alerting for the billing queue",
        "We've already checked the broker logs, and we're now drafting a list of fixes",
        "We finished the key audit and intend to rotate every deploy key",
    ],
)
def test_follow_up_work(text: str) -> None:
    assert not is_past_report(text)


def test_reported_items_are_kept_but_not_followed_up() -> None:
    doc = parse(
        "# Outage\n\n## Action items\n\n- Rolled back the deploy.\n- [x] Added the alert.\n"
        "- Add a DLQ (@mira, OPS-1)\n"
    )
    items = action_items(doc, NAMES)
    assert [(i.reported, i.state) for i in items] == [
        (True, "done"),
        (False, "done"),
        (False, "open"),
    ]
    assert len(follow_up_items(doc, NAMES)) == 2


# -- the cache and the counts for `pmlint analyze` ----------------------------------------


def test_items_are_computed_once_per_document() -> None:
    doc = parse("# Outage\n\n## Action items\n\n- Add a DLQ\n")
    first = action_items(doc, NAMES)
    assert doc.cache[CACHE_KEY][NAMES] == first
    assert action_items(doc, NAMES)[0] is first[0]


def test_action_item_counts() -> None:
    doc = parse(
        "# Outage\n\n## Action items\n\n"
        "- Improve monitoring\n"
        "- Add a DLQ for the orders topic (@mira, by 2024-06-01)\n"
        "- Alert on consumer lag above 10000 messages (OPS-4)\n"
        "- Rolled back the deploy.\n"
    )
    counts = action_item_counts(doc, NAMES, load_pipeline("blank"), LEXICON)
    assert counts == {"total": 3, "owned": 1, "dated": 1, "tracked": 1, "vague": 1}


# -- vagueness --------------------------------------------------------------------------------

VAGUE = [
    "Improve monitoring",
    "Strengthen code review processes",
    "Enhance real-time monitoring",
    "Be more careful with deploys on Fridays",
    "Remind engineers to run the migration dry run first",
    "Consider adding more replicas",
    "We ought to add some sort of alerting for the queue",
    "Investigate the root cause further",
    "Ensure this does not happen again",
    "Continue to watch the error rate",
]
SPECIFIC = [
    "Add an alert when p99 latency > 500 ms for 5 minutes",
    "Write a runbook for failing over the Postgres primary",
    "Migrate the job queue from Redis to Kafka",
    "Improve the cache hit ratio to 90% by adding a warm-up job",
    "Investigate using a PolicyEngine to reject conflicting routes in Traefik",
    "Add a pre-merge check that rejects unreviewed schema edits",
    "Make the reindex job refuse to start while another reindex runs",
]


@pytest.mark.parametrize("model", ["auto", "blank"])
def test_vague_and_specific_items(model: str) -> None:
    pipeline = load_pipeline(model)
    verdicts = assess(VAGUE + SPECIFIC, pipeline, lexicon_for(LEXICON))
    assert [v is not None for v in verdicts] == [True] * len(VAGUE) + [False] * len(SPECIFIC)


def test_vagueness_reasons() -> None:
    verdicts = assess(
        ["Improve monitoring", "Be more careful", "Consider a canary", "Add proactive alerts"],
        load_pipeline("auto"),
        lexicon_for(LEXICON),
    )
    assert [(v.reason, v.match) for v in verdicts if v is not None] == [
        ("improve", "Improve"),
        ("people", "Be more careful"),
        ("tentative", "Consider"),
        ("qualifier", "proactive"),
    ]


def test_lexicon_classes_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown class"):
        VagueLexicon({"tokens": [{"class": "fuzzy", "words": ["improve"]}]})
    assert VagueLexicon({"tokens": [{"class": "improve", "words": ["Make Better"]}]}).has(
        "improve", "make better"
    )


# -- the rules on the shared corpus ----------------------------------------------------------


def test_seed_acceptance(shared: Path) -> None:
    seed = shared / "corpus" / "seed-streaming-outage.md"
    _, payload = check_json("--select", "PM4", str(seed))
    found = {(d["rule"], d["line"]) for d in payload["files"][0]["diagnostics"]}
    for line in range(48, 52):
        assert {("PM401", line), ("PM402", line)} <= found
    assert {("PM403", 48), ("PM403", 50)} <= found
    assert not [f for f in found if 42 <= f[1] <= 44]
    assert "PM404" not in {rule for rule, _ in found}
    doc = parse_document(str(seed), read_file(str(seed)).text, load_config(None).catalog)
    counts = action_item_counts(doc, NAMES, None, LEXICON)
    assert (counts["total"], counts["owned"], counts["dated"], counts["tracked"]) == (4, 0, 0, 0)


def test_real_corpus_items(shared: Path) -> None:
    catalog = load_config(None).catalog
    total = 0
    for path in sorted((shared / "corpus" / "real").glob("*.md")):
        doc = parse_document(str(path), read_file(str(path)).text, catalog)
        for item in action_items(doc, NAMES):
            total += 1
            assert item.action and item.line > 0
            assert item.text.strip() == item.text
    assert total >= 60


def test_a_field_on_its_own_source_line() -> None:
    (item,) = items_of(
        "# Outage\n\n## Action items\n\n- Add a DLQ for the orders topic\n  Owner: Dana Lee\n"
    )
    assert (item.owner, item.action) == ("Dana Lee", "Add a DLQ for the orders topic")


@pytest.mark.parametrize("rule_id", ["PM401", "PM402", "PM403", "PM404"])
def test_documented_examples(rule_id: str) -> None:
    from pmlint.api import lint_text

    config = load_config(None)
    rule = config.rules[rule_id]

    def found(example: str) -> int:
        report = lint_text(f"# Outage\n\n{example}\n", config=config, select=[rule_id])
        return sum(1 for d in report.diagnostics if d.rule == rule_id)

    assert found(rule.docs.bad) >= 1
    assert found(rule.docs.good) == 0


def test_sub_tasks_are_items_of_their_own() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n"
        "- Stop the cache stampede on the product page (OPS-7)\n"
        "  - [x] Add request coalescing to the product cache\n"
        "  - [ ] Add jitter to product cache TTLs\n"
        "  - Coalescing alone did not help in the load test\n"
    )
    assert [(i.kind, i.state, i.action) for i in items] == [
        ("list", "open", "Stop the cache stampede on the product page"),
        ("task", "done", "Add request coalescing to the product cache"),
        ("task", "open", "Add jitter to product cache TTLs"),
    ]
    assert items[0].details == ["Coalescing alone did not help in the load test"]


def test_owner_in_a_sub_bullet() -> None:
    items = items_of(
        "# Outage\n\n## Action items\n\n"
        "- Add a DLQ for the orders topic\n  - Dana Lee\n"
        "- Add a canary for the orders consumer\n  - @kofi will pair with the queue team\n"
        "- Add a lag alert for the orders consumer\n  - The lag hit 2 hours during the outage\n"
    )
    assert [i.owner for i in items] == ["Dana Lee", "@kofi", None]
