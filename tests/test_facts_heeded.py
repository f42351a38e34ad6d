"""Detection is when a person learned (issue 14, class 5): word that came in and sat unseen (a
mail to a support address, an alert e-mailed overnight, a vendor's status post) is detected
when a person is told to notice or acknowledge it; word a person sent by name, or a heeding
that comes after the recovery, leaves the first entry. A detection word that tells no one
learned (an alarm that "does not fire", a machine that refills a table "when it notices" it is
empty) is no detection. Each document is written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


MAIL_SEEN_LATER = """\
# Registry served stale indexes

## Timeline

All times UTC, 2021-05-02.

- 06:10 - a mirror job rewrites the index with an old snapshot
- 06:25 - a package author reports the missing versions to the support address
- 09:40 - Marta notices the support mail and opens an incident
- 10:05 - the index is rebuilt from the primary; installs work again
"""


def test_a_mail_that_sat_unseen_is_detected_when_someone_notices_it() -> None:
    value = facts(MAIL_SEEN_LATER)
    assert iso(value, "detected") == "2021-05-02T09:40:00+00:00"
    assert iso(value, "mitigated") == "2021-05-02T10:05:00+00:00"


ALERT_ACKNOWLEDGED_IN_THE_MORNING = """\
# Certificate expiry on the docs site

## Timeline

All times UTC, 2022-11-19.

- 22:00 - the docs certificate expires and browsers refuse the site
- 22:04 - the uptime checker sends an e-mail about failed probes
- 07:30 - @ravi sees and acknowledges the message
- 07:55 - a renewed certificate is installed and the site loads again
"""


def test_an_alert_acknowledged_hours_later_is_detected_at_the_acknowledgement() -> None:
    value = facts(ALERT_ACKNOWLEDGED_IN_THE_MORNING)
    assert iso(value, "detected") == "2022-11-20T07:30:00+00:00"


HANDLE_REPORTED = """\
# Broken icon bundle

## Timeline

All times UTC, 2020-03-03.

- 14:00 - version 2.1.0 of the icon bundle is published
- 14:20 - @lena reaches out on chat reporting the broken bundle
- 15:10 - @omar acknowledged the issue and gave an estimate for a fix
- 15:40 - version 2.1.0 is unpublished and installs work again
"""


def test_a_report_a_person_sent_by_name_stays_the_detection() -> None:
    value = facts(HANDLE_REPORTED)
    assert iso(value, "detected") == "2020-03-03T14:20:00+00:00"


HEEDED_AFTER_RECOVERY = """\
# Queue backlog

## Timeline

All times UTC, 2023-01-09.

- 03:00 - a consumer deploy stalls the queue
- 03:05 - the monitoring system sends an alert about queue depth
- 03:40 - the consumer restarts by itself and the queue is back to normal
- 08:15 - Jonas notices the alert while reviewing the night
"""


def test_a_heeding_after_the_recovery_is_not_the_detection() -> None:
    value = facts(HEEDED_AFTER_RECOVERY)
    assert iso(value, "detected") == "2023-01-09T03:05:00+00:00"


ALARM_SILENT = """\
# Nightly export gap

## Timeline

All times UTC.

| When | What |
| --- | --- |
| 2024-02-06 01:30 | The nightly export fails on a permission error. The alarm does not fire. |
| 2024-02-07 08:10 | The weekly audit report shows the export missing; an alert is raised. |
| 2024-02-07 11:00 | The permission is restored and the export rerun; the data is complete again. |
"""


def test_a_detection_word_denied_after_it_is_no_detection() -> None:
    value = facts(ALARM_SILENT)
    assert iso(value, "detected") == "2024-02-07T08:10:00+00:00"


MACHINE_NOTICES = """\
# Route table emptied

## Timeline

All times UTC, 2019-11-21.

- 14:02 The router restarts with an empty route table; the balancer refills it when it
  notices the table is empty, and requests fail meanwhile.
- 14:06 Reports of failed requests reach the support channel.
- 14:30 The route table is complete and requests succeed again.
"""


def test_a_machine_that_notices_is_no_detection() -> None:
    value = facts(MACHINE_NOTICES)
    assert iso(value, "detected") == "2019-11-21T14:06:00+00:00"
