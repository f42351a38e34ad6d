"""Another organisation's word about its own side is no end of the document's incident (issue
14, class 5): a provider that marks the problem fixed on its own status page, a
partner who reports things look fine on their end, a cloud vendor that declares its outage
resolved. The upstream recovered, or says so; the document's service may still be down, and
its own timeline tells when it came back. And a mitigation that is itself a confirmation
("the rollback is confirmed complete") is not moved on to a later entry that only passes the
word on. Each document is written for this repository."""

from __future__ import annotations

from pmlint.extract.milestones import told_by_others
from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


PROVIDER_STATUS_PAGE = """\
# Package uploads rejected

## Timeline

All times UTC, 2023-04-11.

- 13:02 - uploads start failing with a storage timeout
- 13:10 - the on-call engineer is paged by the upload error alert
- 13:20 - the object store vendor posts degraded writes on their status page
- 13:55 - the vendor marks writes as fixed on their status page
- 14:30 - our upload workers are restarted; uploads succeed again
"""


def test_a_vendor_status_page_saying_fixed_is_not_the_mitigation() -> None:
    value = facts(PROVIDER_STATUS_PAGE)
    assert iso(value, "mitigated") == "2023-04-11T14:30:00+00:00"


PARTNER_FINE_ON_THEIR_END = """\
# Webhook deliveries dropped

## Timeline

All times UTC, 2020-09-03.

- 08:15 - webhook receiver starts returning 502 to every delivery
- 08:40 - alert fires for the delivery backlog
- 09:05 - the forge's support reports that their webhooks are working fine on their end
- 09:30 - the receiver's bad config is reverted; deliveries are accepted again
"""


def test_a_partner_reporting_fine_on_their_end_is_not_the_mitigation() -> None:
    value = facts(PARTNER_FINE_ON_THEIR_END)
    assert iso(value, "mitigated") == "2020-09-03T09:30:00+00:00"


CONFIRMED_THEN_ANNOUNCED = """\
# Scheduler stuck on a bad lock

## Timeline

All times UTC, 2021-02-17.

- 10:00 - the job scheduler stops starting jobs
- 10:12 - on-call paged by the queue depth alert
- 10:40 - the lock is cleared; the resolution is confirmed complete
- 10:52 - the users' mailing list is sent word that the scheduler is fixed
"""


def test_a_confirmed_mitigation_is_not_moved_to_the_announcement_after_it() -> None:
    value = facts(CONFIRMED_THEN_ANNOUNCED)
    assert iso(value, "mitigated") == "2021-02-17T10:40:00+00:00"
    assert iso(value, "resolved") == "2021-02-17T10:40:00+00:00"


def test_whose_word_the_recovery_is() -> None:
    assert told_by_others("Acme Cloud declared the outage resolved at 04:10, but we waited")
    assert told_by_others("their status page now shows the registry as fixed")
    assert told_by_others("the bank says payments look fine on their side")
    assert not told_by_others("We declared the incident resolved at 11:02")
    assert not told_by_others("Engineering declared the incident resolved")
    assert not told_by_others("PagerDuty marked the incident resolved at 10:02")
    assert not told_by_others("the status page was updated to resolved")
    assert not told_by_others("our service is back up and their requests succeed")
    assert not told_by_others("a customer confirms that logins work on their end")


PROVIDER_AND_OURS_IN_ONE_ENTRY = """\
# Card payments declined

## Timeline

All times UTC, 2022-08-30.

- 15:05 - card payments start failing at the acquirer
- 15:12 - the payments alert pages the on-call engineer
- 16:20 - the acquirer reports the fault fixed on their side, and our payment queue drains again
- 17:00 - incident closed after a last check of the settlement files
"""


def test_an_entry_that_also_tells_the_own_recovery_stays_the_mitigation() -> None:
    value = facts(PROVIDER_AND_OURS_IN_ONE_ENTRY)
    assert iso(value, "mitigated") == "2022-08-30T16:20:00+00:00"
