"""Repository and site postmortems (issue 14, session 52): classes read from the
twenty-seventh set, released for tuning. Each document is written for this repository."""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import zone_info
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


STATUS_LOG_IN_A_ZONE = """\
# Slow card payouts

Incident Report for Example Pay

## Resolved

Payouts are flowing normally again and the backlog has been cleared.

Posted Mar 4, 2024 - 18:40 {zone}

## Investigating

Some payouts are taking longer than usual. We are looking into it.

Posted Mar 4, 2024 - 17:05 {zone}
"""


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("SAST", "+02:00"),
        ("EAT", "+03:00"),
        ("WAT", "+01:00"),
        ("WIB", "+07:00"),
        ("PHT", "+08:00"),
        ("MYT", "+08:00"),
        ("PKT", "+05:00"),
    ],
)
def test_a_status_pages_zone_abbreviation_is_read(zone: str, offset: str) -> None:
    # a status page prints its own zone after each update's time: an abbreviation the table
    # lacked left the "Posted" line unread, and the log with it
    assert zone_info(zone) is not None
    value = facts(STATUS_LOG_IN_A_ZONE.format(zone=zone))
    assert iso(value, "resolved") == f"2024-03-04T18:40:00{offset}"
