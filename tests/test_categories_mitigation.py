"""The mitigation kind: read from the entry that tells the impact stopped, else from the remedy
just before an entry that only tells the outcome; none when it healed by itself. Every
document here was written for this test."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import UNKNOWN, incident_categories
from pmlint.extract.timeline import timeline
from pmlint.settings import Settings


def _mitigation(text: str) -> tuple[str, int | None]:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    facts = timeline(doc, Settings(timezone=None, milestones=config.milestones))
    found = incident_categories(doc, facts, config.categories)["mitigation"]
    return found.value, found.line


def _timeline(*entries: str) -> str:
    lines = "\n".join(f"- 2031-05-06 {entry}" for entry in entries)
    return f"# Ledger outage\n\n## Timeline\n\nAll times UTC.\n\n{lines}\n"


CASES = {
    # the entry of the end tells only the outcome: the remedy is the entry before it
    "remedy just before the outcome": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:30 deleted the stuck ledger worker pods",
            "09:40 ledger writes back to normal",
        ),
        ("restart", 9),
    ),
    # an attempt that did not work is not the remedy
    "an attempt is not the remedy": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:20 tried restarting the ledger workers, errors persist",
            "09:40 ledger writes back to normal",
        ),
        (UNKNOWN, None),
    ),
    # it stopped with no one's doing: no kind, whatever was tried
    "healed by itself": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:20 restarted the ledger workers",
            "09:40 the timeouts cleared on their own once the batch import finished",
        ),
        (UNKNOWN, None),
    ),
    # scaling down to free resources is a scaling, and words may come between its own
    "scaling down": (
        _timeline(
            "09:00 new pods could not get an address",
            "09:05 the on-call engineer was paged",
            "09:30 scaling the node group down by three nodes to free addresses",
            "09:45 scheduling back to normal",
        ),
        ("scale", 9),
    ),
    # "the fix" of the outcome entry is any remedy: the kind named before it wins
    "a generic fix after a pin to a good version": (
        _timeline(
            "09:00 every build failed",
            "09:10 a maintainer noticed the red builds",
            "10:00 a change was sent to pin the parser to the last good version",
            "10:30 fix lands, builds pass again",
        ),
        ("rollback", 9),
    ),
    "a fix alone is still a fix": (
        _timeline(
            "09:00 every build failed",
            "09:10 a maintainer noticed the red builds",
            "10:30 fix lands, builds pass again",
        ),
        ("fix-forward", 9),
    ),
    # a credential rotated is a change of configuration
    "a credential rotated": (
        _timeline(
            "09:00 sign-ins failed for every tenant",
            "09:10 users reported failed sign-ins",
            "09:40 the signing certificate was rolled over and sign-ins work again",
        ),
        ("config", 9),
    ),
    # a version that carries the fix, with words between the version and its release
    "a corrected version released": (
        _timeline(
            "09:00 exports returned empty files",
            "09:10 users reported empty exports",
            "11:00 released version 4.2.1 with the corrected exporter; exports work again",
        ),
        ("fix-forward", 9),
    ),
    # disabling names many remedies: the undoing it came with decides
    "disabled and reverted": (
        _timeline(
            "09:00 exports returned empty files",
            "09:10 users reported empty exports",
            "09:30 we disabled the migration and reverted to the old exporter; exports work again",
        ),
        ("rollback", 9),
    ),
    # a remedy to come is not the one done
    "a fix to come": (
        _timeline(
            "09:00 exports returned empty files",
            "09:10 users reported empty exports",
            "09:30 exports work again. A fix for the links will be deployed next week.",
        ),
        (UNKNOWN, None),
    ),
    # changes deployed as the remedy are a fix forward
    "changes deployed": (
        _timeline(
            "09:00 exports returned empty files",
            "09:10 users reported empty exports",
            "11:00 changes to the exporter were deployed and exports work again",
        ),
        ("fix-forward", 9),
    ),
    "the new version rolled back": (
        _timeline(
            "09:00 exports returned empty files",
            "09:10 users reported empty exports",
            "09:30 the new version was rolled back and exports work again",
        ),
        ("rollback", 9),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_mitigation_kind(name: str) -> None:
    text, expected = CASES[name]
    assert _mitigation(text) == expected


def _summary(*sentences: str) -> str:
    return "# Build outage\n\n## Summary\n\n" + " ".join(sentences) + "\n"


PROSE = {
    # no entry tells the end: a sentence that tells a remedy and the recovery together
    "a patch and the recovery in one sentence": (
        _summary(
            "Every build failed after the parser update.",
            "We shipped a patched parser, v2.4.1, and builds recovered within the hour.",
        ),
        ("fix-forward", 5),
    ),
    # a version number is a version, and its dots end no sentence
    "a version number rolled out": (
        _summary(
            "Every build failed after the parser update.",
            "Release 2.4.1 of the parser was rolled out and builds resumed.",
        ),
        ("fix-forward", 5),
    ),
    # a remedy planned, not done
    "a remedy planned": (
        _summary(
            "Every build failed after the parser update.",
            "We will roll back the parser if builds do not recover.",
        ),
        (UNKNOWN, None),
    ),
    # a condition or a guess tells no outcome, nor does "recovery" as a thing
    "a remedy on a condition": (
        _summary(
            "Every build failed after the parser update.",
            "The vendor says it is unlikely to recur, but if so they are on standby to assist",
            "with recovery.",
        ),
        (UNKNOWN, None),
    ),
    # a time told in a paragraph: its sentence tells the mitigation, not the paragraph's
    # other sentences about the change that caused it
    "a window in the summary, the remedy in Resolution": (
        _summary(
            "A planned change to the gateway configuration broke every build.",
            "The incident lasted forty minutes (10:00 UTC to 10:40 UTC).",
        )
        + "\n## Resolution\n\nWe restored the gateway from a backup taken the night before.\n",
        ("rollback", 9),
    ),
    # a labelled workaround tells the kind when it names one
    "a labelled workaround": (
        "# Queue stall\n\n## Update 1\n\n- Symptoms: jobs hang for hours\n"
        "- Workaround: stopping the stuck workers and letting them respawn clears the queue\n",
        ("restart", 6),
    ),
    "a labelled fix of no kind": (
        "# Queue stall\n\n## Update 1\n\n- Symptoms: jobs hang for hours\n"
        "- Fix: still being looked into\n",
        (UNKNOWN, None),
    ),
    # a denial elsewhere in the sentence does not deny the remedy's clause
    "a denial in another clause": (
        _summary(
            "The build farm wasn't reachable, so I reverted the parser bump, which restored",
            "the builds, but the release job failed to finish.",
        ),
        ("rollback", 5),
    ),
    # a denial in the remedy's own clause still does
    "a denial in the remedy's clause": (
        _summary("We restarted the builders, but builds were not restored until the evening."),
        (UNKNOWN, None),
    ),
    # a hope is no outcome
    "a hope that it is resolved": (
        _summary(
            "Every build failed after the parser update.",
            "We downgraded the parser and are cautiously optimistic that builds are resolved.",
        ),
        (UNKNOWN, None),
    ),
    # the last noun of a compound names the remedy: a configuration rollback is a rollback
    "a configuration rollback": (
        _summary(
            "Every build failed after the parser update.",
            "Builds were restored by a configuration rollback of the runners.",
        ),
        ("rollback", 5),
    ),
    # remedies tried without effect in a Resolution section are not the remedy
    "remedies without effect in Resolution": (
        "# Build outage\n\n## Resolution\n\nRolling back the runner image did not help, nor did"
        " restarts; moving traffic to the standby farm did.\n",
        ("failover", 5),
    ),
    # a Resolution section that instructs the reader lists remedies one may take, not done
    "instructions to the reader in Resolution": (
        "# Build outage\n\n## Resolution\n\nIf your runner still fails, restore your cache from"
        " a backup.\n\nWe restarted the build coordinator.\n",
        ("restart", 7),
    ),
    # a remedy with no word that the impact stopped is a narrative, not the mitigation
    "a remedy without its outcome": (
        _summary(
            "Every build failed after the parser update.",
            "We rolled back the parser to look at the logs.",
        ),
        (UNKNOWN, None),
    ),
    # a safeguard for a case to come tells no outcome
    "a safeguard in the event of a loss": (
        _summary(
            "Every build failed after the parser update.",
            "A secondary cache now keeps a day of builds.",
            "This ensures builds can be recovered in the event the primary loses them.",
        ),
        (UNKNOWN, None),
    ),
    # a standby named is a place; a move to it, or its promotion, is a failover
    "a secondary named": (
        _summary(
            "Every build failed after the parser update.",
            "We took copies of the build cache on the secondary host and builds recovered.",
        ),
        (UNKNOWN, None),
    ),
    "a secondary promoted": (
        _summary(
            "Every build failed after the parser update.",
            "We promoted the secondary cache host and builds recovered.",
        ),
        ("failover", 5),
    ),
}


@pytest.mark.parametrize("name", list(PROSE))
def test_mitigation_told_in_prose(name: str) -> None:
    text, expected = PROSE[name]
    assert _mitigation(text) == expected


def _resolution(*paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"# Ledger outage\n\n## Summary\n\nLedger writes failed.\n\n## Resolution\n\n{body}\n"


ROUND_TWO = {
    # code corrected and applied again is a fix forward, though a job was restarted too
    "fixed the code and restarted the job": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:40 we fixed the code and restarted the import job, ledger writes back to normal",
        ),
        ("fix-forward", 9),
    ),
    "a restart alone is a restart": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:40 we restarted the import job, ledger writes back to normal",
        ),
        ("restart", 9),
    ),
    # new infrastructure code applied by a pipeline run
    "the pipeline re-ran with new code": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:30 the state lock was cleared",
            "09:40 the deploy pipeline re-queued and finished, ledger writes back to normal",
        ),
        ("fix-forward", 10),
    ),
    # work moved away from what failed
    "work moved over to another region": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:40 we moved all ledger work over to the west region, writes back to normal",
        ),
        ("failover", 9),
    ),
    # a remedy's word as a product's name is no remedy; the act done is
    "a failover IP named in a ticket": (
        _resolution(
            "I opened a ticket with the host concerning their ip failover product.",
            "Then I changed the DNS record to the new address and mail flowed again.",
        ),
        ("config", 11),
    ),
    "a failover done": (
        _resolution("We failed over to the standby ledger and writes resumed."),
        ("failover", 9),
    ),
    # a remedy denied is none
    "a fix denied": (
        _resolution(
            "I had neither the time nor the means to find a temporary fix.",
            "Later we rolled back the ledger to the previous version.",
        ),
        ("rollback", 11),
    ),
    # the outcome told in the sentence after the remedy
    "a revert, then the errors drop to zero": (
        _summary(
            "Every build failed after the parser update.",
            "Sam deployed a revert to the previous parser while preparing a fix.",
            "Build errors subsequently dropped back to zero.",
        ),
        ("rollback", 5),
    ),
    "a plan, then the errors drop to zero": (
        _summary(
            "Every build failed after the parser update.",
            "Sam planned to revert the parser.",
            "Build errors subsequently dropped back to zero.",
        ),
        (UNKNOWN, None),
    ),
    # switching to a backup copy is a failover; restoring from it is a rollback
    "switched to the backup": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:40 service is restored by switching to the backup database",
        ),
        ("failover", 9),
    ),
    "restored from a backup": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:40 service is restored from a backup of the database",
        ),
        ("rollback", 9),
    ),
    # an entry after the one that says the outage ended is no remedy of it
    "a remedy, the end, then a later finding": (
        _timeline(
            "09:00 ledger writes started to time out",
            "09:05 the on-call engineer was paged",
            "09:20 Sam manually rolls back the ledger.",
            "09:30 Ledger is checked and confirmed healthy. Outage over.",
            "14:00 Sam determines why an older job reverted the required settings.",
        ),
        ("rollback", 9),
    ),
    # a Resolution section that says it healed upstream tells no remedy of ours
    "resolved itself upstream": (
        _resolution(
            "The incident resolved itself upstream at the provider.",
            "Our cluster kept posting updates to refresh the balancer configuration.",
        ),
        (UNKNOWN, None),
    ),
    "resolved by a configuration change": (
        _resolution(
            "The incident was resolved after we changed the balancer configuration.",
        ),
        ("config", 9),
    ),
}


@pytest.mark.parametrize("name", list(ROUND_TWO))
def test_mitigation_round_two(name: str) -> None:
    text, expected = ROUND_TWO[name]
    assert _mitigation(text) == expected


# Round three: the outcome told as a status page or a narrative tells it, and a remedy told
# after "came back after …".
ROUND_THREE = {
    "a patch in and being watched": (
        _summary(
            "Update: the slow builds went on and we found the source.",
            "A patch is deployed and being monitored.",
        ),
        ("fix-forward", 5),
    ),
    "their rollback, then we watch": (
        _summary(
            "Our registrar dropped the glue records.",
            "We reached their support and they have rolled back the change.",
            "We're monitoring the builders to make sure the change holds.",
        ),
        ("rollback", 5),
    ),
    "a watch to come is no outcome": (
        _summary(
            "Our registrar dropped the glue records.",
            "We will ask them to roll back the change and will be monitoring the builders.",
        ),
        (UNKNOWN, None),
    ),
    "watching alone names no remedy": (
        _summary("Builds failed for an hour.", "We are observing the situation."),
        (UNKNOWN, None),
    ),
    "back after a move to a new cluster": (
        _summary(
            "The control plane of the build cluster stopped answering.",
            "The builders came back online after a new cluster was created, the cache was"
            " migrated to the new cluster, and then DNS was updated.",
        ),
        ("failover", 5),
    ),
    "what a restart freed": (
        _summary(
            "The build cluster was full.",
            "Restarting the scheduler also woke up its reaper.",
            "The reaper got to work, cleaning out many stale build pods.",
        ),
        ("restart", 5),
    ),
}


@pytest.mark.parametrize("name", list(ROUND_THREE))
def test_mitigation_round_three(name: str) -> None:
    text, expected = ROUND_THREE[name]
    assert _mitigation(text) == expected


def test_immediate_actions_are_the_resolution() -> None:
    """An "Immediate actions" section tells what was done to stop it, as a Resolution does."""
    text = (
        "# Payments outage\n\n## Summary\n\nPayments failed for two hours.\n\n"
        "## Immediate actions\n\n- Migrated the payment workers away from the failed host to "
        "a new server\n- Scheduled an on-site check for next week\n"
    )
    assert _mitigation(text) == ("failover", 9)
