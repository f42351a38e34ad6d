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


def test_a_recovery_a_later_update_takes_back_is_no_mitigation() -> None:
    relapsed = NOTICE.replace(
        "**Mitigated**",
        '**Reopened**\nFailures are back. Looking again.\n{{< track "2023-04-11 11:05:00" >}}'
        "\n\n**Mitigated**",
    )
    assert iso(relapsed, "mitigated") is None
