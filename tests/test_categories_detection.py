"""The detection source read from the sentences that tell how an incident was learned of: who
or what told (not who was told), the first telling in the timeline, and no value where the
text names no source of a class. Every document here was written for this test."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import UNKNOWN, incident_categories
from pmlint.extract.timeline import timeline
from pmlint.settings import Settings


def _detection(text: str) -> tuple[str, int | None, str]:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    facts = timeline(doc, Settings(timezone=None, milestones=config.milestones))
    found = incident_categories(doc, facts, config.categories)["detection"]
    return found.value, found.line, found.how


def _timeline(*entries: str) -> str:
    lines = "\n".join(f"- 2031-02-03 {entry}" for entry in entries)
    return f"# Payments outage\n\n## Timeline\n\nAll times UTC.\n\n{lines}\n"


def _summary(*sentences: str) -> str:
    return "# Payments outage\n\n## Summary\n\n" + " ".join(sentences) + "\n"


CASES = {
    # the receiver is blanked: the source is what follows a receiving or passive verb
    "passive, told by a customer": (
        _timeline(
            "08:00 the invoice job failed on every run",
            "08:40 the on-call engineer was notified by a customer of missing invoices",
        ),
        "customer",
    ),
    "received from a monitoring product": (
        _timeline(
            "08:00 the invoice job failed on every run",
            "08:05 the team received an email from Stackdriver about the failures",
        ),
        "alert",
    ),
    "paged with no source named": (
        _timeline("08:00 the card API returned errors", "08:04 we were paged"),
        "alert",
    ),
    # the subject of a verb of telling or finding, not what was found
    "subject of noticing": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 a developer noticed a high error rate on the dashboard",
        ),
        "employee",
    ),
    "alert as the subject, engineer as the object": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 the latency alert paged the on-call engineer",
        ),
        "alert",
    ),
    "acknowledging the page": (
        _timeline(
            "08:00 the card API returned errors",
            "08:06 Kim acknowledges the PagerDuty page and starts looking",
        ),
        "alert",
    ),
    "observed on a monitoring product": (
        _timeline(
            "08:00 the card API returned errors",
            "08:09 observed a rise in 502 responses in Grafana",
        ),
        "alert",
    ),
    "a monitoring product in parentheses": (
        _timeline(
            "08:00 the card API returned errors",
            "08:02 our uptime checker (Pingdom) sent an email to the team",
        ),
        "alert",
    ),
    "support received tickets": (
        _timeline(
            "08:00 the card API returned errors",
            "08:30 support received several tickets about failed payments",
        ),
        "customer",
    ),
    "pointed out": (
        _summary("Several users on a news forum pointed out the outage after an hour."),
        "customer",
    ),
    "heard about it on a channel": (
        _summary("We first heard about it on Twitter, where people posted screenshots."),
        "customer",
    ),
    # the first telling in the timeline, not a later one
    "users first, the alert later": (
        _timeline(
            "08:00 the card API returned errors",
            "08:10 users reported failed payments in the community chat",
            "08:30 the error budget alert fired",
        ),
        "customer",
    ),
    "a named person is one of ours, the first to tell": (
        _timeline(
            "08:00 the card API returned errors",
            "08:10 Robin reports that the nightly build is red",
            "09:00 a customer complained about failed payments",
        ),
        "employee",
    ),
    "an organisation of no class stops the search": (
        _timeline(
            "08:00 the card API returned errors",
            "08:10 the Fernhill network reported packet loss to us",
            "09:00 a customer complained about failed payments",
        ),
        UNKNOWN,
    ),
    # telling that is ours goes out; it is not how we learned
    "outbound telling": (
        _timeline(
            "08:00 the card API returned errors",
            "08:30 we notified customers on the mailing list",
        ),
        UNKNOWN,
    ),
    "we reached out to the vendor": (
        _timeline(
            "08:00 the card API returned errors",
            "08:30 we reached out to the vendor for help",
        ),
        UNKNOWN,
    ),
    # a channel counts half: the sender decides
    "a tweet from a researcher": (
        _summary(
            "The first sign of trouble was a tweet from a security researcher who reached",
            "out to warn us about an exposed admin page.",
        ),
        "third-party",
    ),
    # not statements of learning
    "a question": (_summary("Was the outage detected by our monitoring?"), UNKNOWN),
    "to the reader": (
        _summary("Open a support ticket if you were charged twice."),
        UNKNOWN,
    ),
    "denied": (_summary("No alert fired and no customer reported it."), UNKNOWN),
    "the document's own report": (
        _summary("This postmortem report covers the user login outage."),
        UNKNOWN,
    ),
    "people's words as modifiers": (
        _timeline(
            "08:00 the card API returned errors",
            "08:02 the user-facing checkout alert fired",
        ),
        "alert",
    ),
    # a narrative: "did not … until" is learning, the author's own finding
    "until I visited it myself": (
        "# Blog down\n\n## The long day\n\nThe blog returned errors for a day. I did not become"
        " aware of it until I opened the site myself and got an error page.\n",
        "employee",
    ),
    # what was seen is an alert: the monitoring told whoever saw it
    "a team saw an alert": (
        _summary("After the release, the payments team saw an alert for failed card checks."),
        "alert",
    ),
    # our telling in the passive is no detection
    "an email sent to customers": (
        _summary("An email was sent to all customers about the failed payments."),
        UNKNOWN,
    ),
    "a status page updated": (
        _summary("The status page was updated for customers at 10:05."),
        UNKNOWN,
    ),
    # a field's label names the field, its value tells
    "a field label is not the source": (
        "# Payments outage\n\n## Details\n\n- Support ticket reference: none, I saw it myself\n",
        UNKNOWN,
    ),
    # the words of finding a cause are not read outside the summary and the timeline
    "discovering a tool in a narrative": (
        "# Chain halt\n\n## The long night\n\nThe chain halted after the upgrade. We discovered"
        " a new recovery command made by a developer and used it.\n",
        UNKNOWN,
    ),
    # a subject parted from its verb by a clause of its own: the denial there is not the verb's
    "a subject before a relative clause": (
        _summary(
            "A customer who had not logged in for months, came back to the shop and noticed",
            "an empty basket page.",
        ),
        "customer",
    ),
    "a denial in the clause of learning": (
        _summary("A customer came back to the shop, but did not notice the empty basket page."),
        UNKNOWN,
    ),
    # an issue identified with no one named is the team's own finding; a bug identified is
    # its cause found, not the incident learned of
    "an issue identified": (
        _timeline(
            "05:00 the payment bridge drops every message",
            "06:00 routine check of the bridge metrics",
            "06:15 issue identified with the payment bridge",
            "06:30 the bridge is restarted",
        ),
        "employee",
    ),
    "a bug identified": (
        _summary("Payments failed for an hour.", "The bug was identified and fixed by noon."),
        UNKNOWN,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_detection_source_is_who_told(name: str) -> None:
    text, expected = CASES[name]
    assert _detection(text)[0] == expected


DETECTION_SECTION = """\
# Search outage

## Detection

We were not alerted: the alert threshold was set too high. A customer reported the problem
by email an hour after it began.
"""


def test_a_detection_section_is_read_sentence_by_sentence() -> None:
    """A denied alert and an alert that is a thing ("the alert threshold") tell nothing; the
    customer's report does, with the line its sentence starts on."""
    assert _detection(DETECTION_SECTION) == ("customer", 5, "section")


def test_the_line_is_the_telling_entry() -> None:
    text = _timeline(
        "08:00 the card API returned errors",
        "08:10 users reported failed payments",
        "08:30 the error budget alert fired",
    )
    assert _detection(text) == ("customer", 8, "timeline")


TEMPLATE_SECTION = """\
# Search outage

## Detection

Monitoring does not cover the search endpoint, so there was no page.
Was it found by a user? We do not know.
"""

INTENDED = _summary("We want to notify users sooner about outages like this one.")


def test_denials_questions_and_intentions_tell_no_source() -> None:
    """A Detection section's sentences that deny or ask name no source, nor what we want
    to do next time."""
    assert _detection(TEMPLATE_SECTION)[0] == UNKNOWN
    assert _detection(INTENDED)[0] == UNKNOWN


WHO_IS_NOT_A_CHANNEL_OR_A_NAME = {
    # a channel a page came through is not who told: being alerted is the monitoring's doing
    "alerted in a community channel": (
        _timeline(
            "08:00 the card API returned errors",
            "08:04 the on-call engineer was alerted in the #community-help channel",
        ),
        "alert",
    ),
    "paged through a forum bridge": (
        _timeline("08:00 the card API returned errors", "08:04 we were paged via the forum bot"),
        "alert",
    ),
    # the channel still counts when a person of a class told through it
    "a user on a forum": (
        _timeline(
            "08:00 the card API returned errors",
            "08:30 a user alerted us on the forum",
        ),
        "customer",
    ),
    # a people word that qualifies another teller is not the teller
    "community care providers": (
        _timeline(
            "08:00 the clinic finder returned no results",
            "08:30 community care providers reported that the finder was empty",
        ),
        "third-party",
    ),
    "user support staff": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 user support staff noticed a wave of failed payments",
        ),
        "employee",
    ),
    # a people word in the name of an office or a team is not the community or a customer
    "an office named for the community": (
        _timeline(
            "08:00 the clinic finder returned no results",
            "08:30 the Office of Community Care reported that the finder was empty",
        ),
        UNKNOWN,
    ),
    "users reporting, in a heading's capitals": (
        "# Card outage\n\n## Timeline\n\n### 08:30 - Users Report Failed Payments\n\n"
        "The card API returned errors.\n",
        "customer",
    ),
}


@pytest.mark.parametrize("name", sorted(WHO_IS_NOT_A_CHANNEL_OR_A_NAME))
def test_a_channel_or_a_name_is_not_who_told(name: str) -> None:
    text, expected = WHO_IS_NOT_A_CHANNEL_OR_A_NAME[name]
    assert _detection(text)[0] == expected


HOW_IT_CAME = {
    # answering an alarm is learning of it from the alarm
    "engineers respond to alarms": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 operations engineers respond to alarms and begin troubleshooting",
        ),
        "alert",
    ),
    # a ticket we opened with a vendor is our telling, not how we learned
    "a ticket opened with a vendor": (
        _timeline(
            "08:00 the card API returned errors",
            "08:02 a support ticket was opened with the hosting company about the errors",
            "08:05 the on-call engineer was paged",
        ),
        "alert",
    ),
    # the author finding it is the team's own finding, however long the subject
    "the author realized": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 I (the on-call) looked at my own dashboard and realized payments had stopped",
        ),
        "employee",
    ),
    # a machine's warning from a service names no person: the monitoring's
    "a warning from a service": (
        _summary(
            "One of our engineers got a warning from the certificate authority that the",
            "certificate would soon lapse.",
        ),
        "alert",
    ),
    # people who use the site telling us are its users
    "people telling us": (
        "# Certificate lapse\n\n## Detection\n\nDetection was through people telling us the"
        " site was down.\n",
        "customer",
    ),
    "a warning from a customer": (
        _summary("One of our engineers got a warning from a customer about failed payments."),
        "customer",
    ),
}


@pytest.mark.parametrize("name", sorted(HOW_IT_CAME))
def test_how_the_telling_came(name: str) -> None:
    text, expected = HOW_IT_CAME[name]
    assert _detection(text)[0] == expected


PLANS_IN_DETECTION = """\
# Certificate lapse

## Detection

The site was down for a day.

- Set up alerting to warn us before the certificate lapses
"""


def test_a_plan_in_a_detection_section_is_no_source() -> None:
    """A sentence that opens with a verb of doing is a follow-up, even inside Detection."""
    assert _detection(PLANS_IN_DETECTION)[0] == UNKNOWN


def test_a_follow_up_told_as_done_in_a_detection_section_is_no_source() -> None:
    """ "We've added alerts" tells the detection to come, wherever it stands in its sentence;
    the sentence of this incident's finding still counts."""
    text = (
        "# Payments outage\n\n## Detection\n\n"
        "Nobody was on call that evening.\n\n"
        "To that end, we have added alerting on disk latency and low memory.\n"
    )
    assert _detection(text)[0] == UNKNOWN
    found = text.replace("Nobody was on call that evening", "A customer reported errors")
    assert _detection(found)[0] == "customer"


# A name or a team that tells, with no class word: one of the writing organisation's people,
# unless a class word says the teller is a user or an outside party.
OUR_PEOPLE = {
    "a handle notices": (
        _timeline(
            "08:00 the card API returned errors",
            "08:12 @quilla notices the payment queue is growing",
        ),
        "employee",
    ),
    "a first and last name reports": (
        _timeline(
            "08:00 the card API returned errors",
            "08:12 Dora Venn reports: checkout pages time out",
        ),
        "employee",
    ),
    "a linked name who first noticed": (
        "# Slow site\n\n## How it went\n\nIt was my co-admin [Tam](https://example.org/@tam)"
        " who first noticed that pages were slow.\n",
        "employee",
    ),
    "detected by a team": (
        _summary("The leaked token was detected by the Platform Security Team on Monday."),
        "employee",
    ),
    "found with no one named": (
        _timeline("08:00 router restarted & packet loss detected", "08:20 BGP sessions up"),
        "employee",
    ),
    "a user by name stays a user": (
        _timeline(
            "08:00 the card API returned errors",
            "08:12 Dora Venn (a customer) reports that checkout pages time out",
        ),
        "customer",
    ),
    "a validator is an outside party": (
        _timeline(
            "08:00 block production stops at height 5512",
            "08:09 a validator notices the halt and escalates to our developers",
        ),
        "third-party",
    ),
    "node operators reporting": (
        _summary("Two days later, several node operators reported the same corrupted index."),
        "third-party",
    ),
    "we watching is no finding": (
        _summary("Update: we brought the API back and are observing the situation."),
        UNKNOWN,
    ),
    "a thing that reports is no person": (
        _timeline(
            "08:00 the card API returned errors",
            "08:12 the nightly job reports 40 failures",
        ),
        UNKNOWN,
    ),
    "a template's instruction": (
        "# Card outage\n\n## Detection\n\n*Describe when the team first noticed the problem.*\n\n"
        "The checkout latency alarm went off at 08:03.\n",
        "alert",
    ),
    "a node reporting is no person": (
        _timeline(
            "08:00 the card API returned errors",
            '08:05 node starts reporting "disk quota exceeded"',
        ),
        UNKNOWN,
    ),
    "alerted, then a team detected the cause": (
        _summary(
            "Once paged, the SRE team looked into the crash loop, detected the bad setting and"
            " removed it."
        ),
        "alert",
    ),
    "a name that found the cause": (
        _summary("Priya Nandi discovered that the root cause was the 1.4 release of the map."),
        UNKNOWN,
    ),
    "an organisation in capitals is not ours": (
        _timeline(
            "08:00 the data centre lost power",
            "08:20 PSEG reports that crews are on site",
            "09:00 a customer complained about failed payments",
        ),
        UNKNOWN,
    ),
    "capitals inside a name are an organisation": (
        _timeline(
            "08:00 the data centre lost power",
            "08:20 NorthGrid reports an outage in the region",
        ),
        UNKNOWN,
    ),
    "capitals, then small letters, are an organisation": (
        _timeline(
            "08:00 the beacon chain stalled",
            "08:40 NEStaking soon reported that their node could not load its key",
        ),
        UNKNOWN,
    ),
    "a team's short name is ours": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 the SRE team noticed the queue growing",
        ),
        "employee",
    ),
    "a name after 'by', then where it was seen": (
        _timeline(
            "08:00 the card API returned errors",
            "08:02 errors were detected by Lee Ostrom in the Grafana logs",
        ),
        "employee",
    ),
    "a tool after 'by' stays the tool": (
        _timeline(
            "08:00 the card API returned errors",
            "08:02 errors were detected by Grafana in the ops channel",
        ),
        "alert",
    ),
    "seen, with no one named": (
        _timeline("08:00 a build fails with DNS timeouts is seen", "09:00 more builds fail"),
        "employee",
    ),
    "not seen is no finding": (
        _timeline("08:00 the card API returned errors", "08:05 no error was seen in staging"),
        UNKNOWN,
    ),
    "an invisible character inside a word": (
        _timeline(
            "08:00 the card API returned errors",
            "08:05 U\ufeffpstream reports a fibre cut near the data centre",
        ),
        "third-party",
    ),
    "a monitor's message, labelled": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 Pingdom: checkout.example.org is down",
            "08:10 the team rolled back the release",
        ),
        "alert",
    ),
    "a monitor that triggered": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 the Datadog monitor 'p99 latency' triggered",
            "08:10 the team rolled back the release",
        ),
        "alert",
    ),
    "a label that is no monitor": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 Checkout: every payment fails",
            "08:10 a customer complained about failed payments",
        ),
        "customer",
    ),
    "a status page's phase is no monitor": (
        _timeline(
            "08:00 the card API returned errors",
            "08:30 MONITORING at 08:30 UTC: payments are holding up",
        ),
        UNKNOWN,
    ),
    "a monitor added is no alert": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 added a Datadog monitor: p99 latency",
            "08:10 a customer complained about failed payments",
        ),
        "customer",
    ),
    "an alert firing without the word": (
        _timeline(
            "08:00 the card API returned errors",
            "08:03 [FIRING:2] CheckoutLatencyHigh in eu-west",
        ),
        "alert",
    ),
}


@pytest.mark.parametrize("name", sorted(OUR_PEOPLE))
def test_a_name_or_a_team_that_tells_is_ours(name: str) -> None:
    text, expected = OUR_PEOPLE[name]
    assert _detection(text)[0] == expected


# A provider's or a partner's note is theirs; our own note is no source; the news of the cause
# after the investigation has started is not how it was learned of.
NOTES_AND_AFTERWARDS = {
    "a note from the provider": (
        _summary(
            "Payments failed for two hours.",
            "Our hosting provider sent a note at 10:05 that their network was degraded.",
        ),
        "third-party",
    ),
    "a note of ours": (
        _summary("Payments failed for two hours.", "We sent a note to all merchants at 10:30."),
        UNKNOWN,
    ),
    "news of the cause after the investigation started": (
        "# Payments outage\n\nAt 18:50 our monitoring system detected that the card API went "
        "down.\n\n**Updates**\n\n* 18:50 - Outage start, investigation starts\n"
        "* 18:55 - Found a network issue on the card API host\n"
        "* 19:05 - The data center provider informed us of maintenance on the host\n"
        "* 20:40 - The card API is back online\n",
        "alert",
    ),
}


@pytest.mark.parametrize("name", sorted(NOTES_AND_AFTERWARDS))
def test_notes_and_what_came_after(name: str) -> None:
    text, expected = NOTES_AND_AFTERWARDS[name]
    assert _detection(text)[0] == expected


# Reports that came in with no teller named are from those who use the service: seen as
# "reports began coming in", "we received reports through …", "issues … are reported" in
# three sets of postmortems. A name, a machine or our own telling keeps its class.
UNNAMED_REPORTS = {
    "reports began coming in": (
        _timeline("08:00 the card API returned errors", "08:25 first reports start coming in"),
        "customer",
    ),
    "reports received through a channel": (
        _summary(
            "Checkout broke at noon.",
            "Around 12:20 we received reports through internal chat that payments failed.",
        ),
        "customer",
    ),
    "issues reported in the passive": (
        _timeline("08:00 the zone file was emptied", "08:20 the first login issues are reported"),
        "customer",
    ),
    "reported by a name stays ours": (
        _timeline("08:00 the card API returned errors", "08:20 the issue was reported by Robin"),
        "employee",
    ),
    "reported by a machine stays an alert": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 the outage was reported by the health check",
        ),
        "alert",
    ),
    "reports from a name are no customer's": (
        _timeline("08:00 the card API returned errors", "08:20 we received reports from Robin"),
        UNKNOWN,
    ),
    "our report to others tells nothing": (
        _timeline("08:00 the card API returned errors", "08:20 we reported the outage to users"),
        UNKNOWN,
    ),
}


@pytest.mark.parametrize("name", sorted(UNNAMED_REPORTS))
def test_reports_with_no_teller_named_are_the_users(name: str) -> None:
    text, expected = UNNAMED_REPORTS[name]
    assert _detection(text)[0] == expected


# The pack's "i noticed" is the author's: a one-letter word takes no ending, so "it notices"
# (a system's own check) and "is noticed" (no one named) are not read as "i noticed".
ONE_LETTER_WORDS = {
    "a system that notices is no person": (
        _timeline(
            "08:00 the card API returned errors",
            "08:20 the sync job rebuilds the cache when it notices it is stale",
        ),
        UNKNOWN,
    ),
    "the author who noticed": (
        _timeline("08:00 the card API returned errors", "08:20 I noticed errors in the logs"),
        "employee",
    ),
}


@pytest.mark.parametrize("name", sorted(ONE_LETTER_WORDS))
def test_a_one_letter_word_takes_no_ending(name: str) -> None:
    text, expected = ONE_LETTER_WORDS[name]
    assert _detection(text)[0] == expected


# Three ways an entry told the detection and the rules missed it: reports named by what they
# were of ("reports of timeouts start reaching the forum"), the author's becoming aware with no
# one telling ("during the upgrade I became aware of the fault"), and a machine's "it notices"
# earlier on, which named no teller and so ended the search.
MISSED_TELLINGS = {
    "reports of something start reaching": (
        _timeline(
            "08:00 the cache node was evicted",
            "08:14 reports of timeouts start reaching the forum and the chat",
        ),
        "customer",
    ),
    "reports reached us": (
        _timeline("08:00 the cache node was evicted", "08:14 reports reached us by noon"),
        "customer",
    ),
    "the author became aware": (
        _summary("While moving the mail host I became aware of a fault in the spool."),
        "employee",
    ),
    "becoming aware through a channel is no finding of ours": (
        _summary("We became aware of the fault through a post."),
        UNKNOWN,
    ),
    "a machine that notices names no teller": (
        _timeline(
            "08:00 the proxy restarts with an empty table; the hub refills it when it notices"
            " it is empty",
            "08:14 reports of errors start coming in",
        ),
        "customer",
    ),
    "a named teller still ends the search": (
        _timeline(
            "08:00 the proxy restarts and Robin notices the empty table",
            "08:14 reports of errors start coming in",
        ),
        UNKNOWN,  # a teller of no class: the later reports are not read
    ),
}


@pytest.mark.parametrize("name", sorted(MISSED_TELLINGS))
def test_tellings_the_rules_missed(name: str) -> None:
    text, expected = MISSED_TELLINGS[name]
    assert _detection(text)[0] == expected
