"""Repository and blog postmortems (issue 14, session 49): classes read from a set released for
tuning. Each document is written for this repository."""

from __future__ import annotations

from pathlib import Path

from pmlint.extract.timeline import Timeline
from tests.conftest import analyzed_documents, facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


WORKING_WITH_SOMEONE_TO_MITIGATE = """\
# Package mirror sync outage

## Timeline (UTC), 2025-11-04

| Time | Event |
|------|-------|
| 08:10 | Mirror sync jobs started failing with checksum errors |
| 08:25 | On-call noticed the failing sync dashboard |
| 09:40 | Vendor status page: "We are working with our storage partner to mitigate" |
| 11:05 | Sync jobs succeeded again; all mirrors current |
"""


def test_working_with_someone_to_mitigate_is_no_mitigation() -> None:
    value = facts(WORKING_WITH_SOMEONE_TO_MITIGATE)
    assert iso(value, "start") == "2025-11-04T08:10:00+00:00"
    assert iso(value, "mitigated") == "2025-11-04T11:05:00+00:00"


ALERT_NOBODY_READ = """\
# 2024-05-12 - Image uploads failing

## Timeline

07:20: Uptime monitor email sent about upload failures

08:05: Maintainer opened the dashboard and saw uploads failing; email had gone to spam

08:40: Restarted the storage gateway. Uploads work again

## Impact

Uploads failing 07:20 - 08:40.

MTTD: 45 minutes
"""


def test_a_stated_time_to_detect_places_the_detection_on_its_entry() -> None:
    value = facts(ALERT_NOBODY_READ)
    assert iso(value, "start") is not None and iso(value, "start").endswith("07:20:00")  # type: ignore[union-attr]
    assert iso(value, "detected").endswith("08:05:00")  # type: ignore[union-attr]


SCHEDULED_CHANGE_WENT_INTO_EFFECT = """\
# Ledger testnet pause

## Timeline (all times UTC) 2024-03-11 - 2024-03-12

2024-03-11 - The new fee schedule was merged and deployed, to activate at epoch 9,100.

2024-03-12 - The fee schedule went into effect at epoch 9,100 and block production stalled.

2024-03-12 - A release moving the activation to epoch 9,900 was deployed and the chain recovered.
"""


def test_a_change_that_went_into_effect_and_stalled_is_the_start() -> None:
    value = facts(SCHEDULED_CHANGE_WENT_INTO_EFFECT)
    assert iso(value, "start") == "2024-03-12T00:00:00"


MEAN_TIME_TO_RESOLVE_FIELD = """\
# 2023-10-02 - Docs site stale

## Timeline

14:00: Docs build started failing after a theme update

14:20: Reverted the theme; builds pass again

15:10: Cache purged, all pages current. INCIDENT ENDS

## Impact

Docs build failing 14:00 - 14:20.

MTTR: 1 hour 10 mins
"""


def test_a_mean_time_to_resolve_field_is_a_stated_duration() -> None:
    assert [round(d.minutes) for d in facts(MEAN_TIME_TO_RESOLVE_FIELD).durations] == [70]


WINDOW_TOLD_WHOLE = """\
---
title: Legacy mail domains bouncing
date: 2022-04-07T09:10:00+00:00
resolved: true
---

Between 10:10 and 12:40 BST email to our legacy domains (alpha.example and beta.example) may have
bounced. This came from a wrong filter rule copied during a mail server upgrade and has since been
fixed.
"""


def test_the_model_reads_no_detection_from_the_window_the_start_came_from(tmp_path: Path) -> None:
    path = tmp_path / "window.md"
    path.write_text(WINDOW_TOLD_WHOLE, encoding="utf-8")
    milestones = analyzed_documents(path)["window.md"]["milestones"]
    assert milestones["start"] == "2022-04-07T10:10:00+01:00"
    assert milestones["detected"] is None


def test_a_duration_of_interruption_with_its_seconds_is_stated() -> None:
    text = (
        "# 2020-02-11\n\n## Details\n\n"
        "Duration of interruption was 6 minutes 30s, then all was well.\n"
    )
    assert [round(d.minutes, 1) for d in facts(text).durations] == [6.5]


LENGTH_THEN_ITS_END = """\
2020-02-11
==========

### Details

For a while the image proxy returned 504 errors to some visitors.

The outage lasted 20 minutes, ending at 09:40 UTC today.
"""


def test_a_length_told_with_its_end_reaches_back_from_it() -> None:
    value = facts(LENGTH_THEN_ITS_END)
    assert iso(value, "start") == "2020-02-11T09:20:00+00:00"
    assert iso(value, "resolved") == "2020-02-11T09:40:00+00:00"


TITLE_NAMING_A_PRODUCT = """\
# Outage Report: Pipeline Actions Runner Pool

**Date:** 2024-08-19
**Duration:** ~2 hours (approximately 13:00 – 15:30 UTC)

## Summary

Hosted runners could not be acquired; builds queued and then failed.

## Timeline (UTC)

| Time | Event |
|------|-------|
| 13:00 | Builds queued and did not start |
| 15:30 | Builds pass again |

## Action items

- Add a second runner pool (owner: @lee)
"""


def test_a_lone_title_naming_a_product_is_no_section() -> None:
    value = facts(TITLE_NAMING_A_PRODUCT)
    assert [round(d.minutes) for d in value.durations] == [120]


MAIL_NOT_RECEIVED = """\
# Mail to my domains bouncing

On 2019-03-04 at 08:20 UTC an error in the MX record meant I did not receive any email to my
domains. Some messages may arrive late.
"""


def test_mail_not_received_is_the_symptom_not_a_detection() -> None:
    value = facts(MAIL_NOT_RECEIVED)
    assert iso(value, "start") == "2019-03-04T08:20:00+00:00"
    assert iso(value, "detected") is None
