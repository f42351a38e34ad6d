"""A status page's notice whose updates end with their time in a site generator's shortcode
(`{{< track "..." >}}`, as cState writes them) (issue 14): the update that tells the impact
stopped is the mitigation, unless a later update says the symptom came back; the notice's
front matter still tells when it was opened. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTICE = """\
---
title: Package mirror unreachable
date: 2023-04-11 08:15:00
resolved: false
resolvedWhen:
affected:
  - mirror
---

**Mitigated**
The hosting provider reverted the firewall change on their edge and downloads work
again. We keep watching the mirror.
{{< track "2023-04-11 10:40:00" >}}

**Waiting**
Still no word from the hosting provider.
{{< track "2023-04-11 09:30:00" >}}

**Down**
A firewall change at our hosting provider blocks every download from the mirror.
{{< track "2023-04-11 08:15:00" >}}
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_tracked_update_that_tells_recovery_is_the_mitigation() -> None:
    assert iso(NOTICE, "mitigated") == "2023-04-11T10:40:00"
    assert iso(NOTICE, "start") == "2023-04-11T08:15:00"
    assert iso(NOTICE, "resolved") is None  # the notice is still open


RELAPSE = '**Reopened**\nFailures are back. Looking again.\n{{< track "2023-04-11 11:05:00" >}}'


def test_a_recovery_a_later_update_takes_back_is_no_mitigation() -> None:
    still_watching = (
        "**Watching**\nWe keep an eye on the mirror after the second change.\n"
        '{{< track "2023-04-11 11:30:00" >}}\n\n'
    )
    relapsed = NOTICE.replace("**Mitigated**", still_watching + RELAPSE + "\n\n**Mitigated**")
    assert iso(relapsed, "mitigated") is None


def test_a_notice_that_ends_on_the_relapse_was_mitigated_by_the_recovery_it_took_back() -> None:
    # the notice stays open on a new phase; the impact it told of stopped at the recovery
    relapsed = NOTICE.replace("**Mitigated**", RELAPSE + "\n\n**Mitigated**")
    assert iso(relapsed, "mitigated") == "2023-04-11T10:40:00"
    assert iso(relapsed, "resolved") is None


def test_a_recovery_after_the_relapse_is_the_mitigation() -> None:
    recovered = (
        "**Mitigated again**\nThe provider removed the rule for good and downloads work again.\n"
        '{{< track "2023-04-11 12:10:00" >}}\n\n'
    )
    relapsed = NOTICE.replace("**Mitigated**", recovered + RELAPSE + "\n\n**Mitigated**")
    assert iso(relapsed, "mitigated") == "2023-04-11T12:10:00"


CLOSED = """\
+++
title = "Build queue stalled"
date = 2022-03-08T07:12:05.000Z
severity = "partial-outage"
resolved = true
+++
A storage volume behind our build queue stopped accepting writes; new builds wait in the queue.

---

**Resolved**: The volume was replaced; builds run again. {{< track "2022-03-08T08:47:30.000Z" >}}
"""


def test_a_closed_notice_with_no_closing_time_is_resolved_by_its_closing_update() -> None:
    assert iso(CLOSED, "resolved") == "2022-03-08T08:47:30+00:00"
    assert iso(CLOSED, "start") == "2022-03-08T07:12:05+00:00"
    # the closing update tells no earlier step that stopped the impact
    assert iso(CLOSED, "mitigated") is None


def test_an_unlabelled_last_update_does_not_close_the_notice() -> None:
    unlabelled = CLOSED.replace("**Resolved**: ", "**Update**: ")
    assert iso(unlabelled, "resolved") is None
