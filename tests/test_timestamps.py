"""Timestamp scanning: the formats real postmortems use, zones, ranges, ambiguity."""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.extract.timestamps import find_stamps, zone_info


def one(text: str, day_first: bool = False):  # type: ignore[no-untyped-def]
    stamps = find_stamps(text, day_first)
    assert len(stamps) == 1, stamps
    return stamps[0]


@pytest.mark.parametrize(
    ("text", "date", "time", "clock", "zone"),
    [
        ("2024-03-11T09:30:00Z", dt.date(2024, 3, 11), dt.time(9, 30), "24h", "Z"),
        ("2024-03-11T09:30:00+02:00 deploy", dt.date(2024, 3, 11), dt.time(9, 30), "24h", "+02:00"),
        ("2024-03-11 09:30 UTC", dt.date(2024, 3, 11), dt.time(9, 30), "24h", "UTC"),
        ("March 11, 2024, 09:30 AM (UTC)", dt.date(2024, 3, 11), dt.time(9, 30), "12h", "UTC"),
        ("11 Mar 2024 at 3:45 PM PST", dt.date(2024, 3, 11), dt.time(15, 45), "12h", "PST"),
        ("Sep 27 2017 13:06", dt.date(2017, 9, 27), dt.time(13, 6), "24h", None),
        ("14:32Z paged", None, dt.time(14, 32), "24h", "Z"),
        ("at 12:05 am", None, dt.time(0, 5), "12h", None),
        ("around 9pm", None, dt.time(21, 0), "12h", None),
        ("10:15 Europe/Berlin", None, dt.time(10, 15), "24h", "Europe/Berlin"),
        ("10:15 UTC+2", None, dt.time(10, 15), "24h", "UTC+2"),
    ],
)
def test_formats(text: str, date, time, clock, zone) -> None:  # type: ignore[no-untyped-def]
    stamp = one(text)
    assert (stamp.date, stamp.time, stamp.clock, stamp.zone) == (date, time, clock, zone)


def test_slash_dates_are_month_first_unless_the_day_comes_first() -> None:
    assert one("3/11/2024").date == dt.date(2024, 3, 11)
    assert one("13/11/2024").date == dt.date(2024, 11, 13)
    assert one("3/11/2024", day_first=True).date == dt.date(2024, 11, 3)


def test_a_range_shares_its_zone() -> None:
    first, second = find_stamps("from 09:30–10:15 CET")
    assert (first.time, first.zone) == (dt.time(9, 30), "CET")
    assert (second.time, second.zone) == (dt.time(10, 15), "CET")


@pytest.mark.parametrize(
    "text",
    [
        "version 1.13.2",
        "ratio 3:1",
        "25:61",
        "13:00 AM",  # ("13:30pm" is a time: a 24-hour afternoon with a redundant PM)
        "build 2024-13-45",
        "2,500 requests",
        "score 4/5",
    ],
)
def test_not_timestamps(text: str) -> None:
    assert [s for s in find_stamps(text) if s.time or s.date] == []


def test_zone_info_knows_offsets_abbreviations_and_iana_names() -> None:
    reference = dt.datetime(2024, 1, 15)
    assert zone_info("PST").utcoffset(reference) == dt.timedelta(hours=-8)  # type: ignore[union-attr]
    assert zone_info("+05:30").utcoffset(reference) == dt.timedelta(hours=5, minutes=30)  # type: ignore[union-attr]
    assert zone_info("Europe/Berlin") is not None
    assert zone_info("Nowhere/Special") is None
    assert zone_info("XYZ") is None


def test_a_time_followed_by_a_colon_is_a_time() -> None:
    """'- 13:10: paged' is a common timeline style; '12:12:12:12' is not a time."""
    assert [s.time for s in find_stamps("- 13:10: on-call paged")] == [dt.time(13, 10)]
    assert find_stamps("12:12:12:12") == []


@pytest.mark.parametrize(
    ("text", "time", "zone"),
    [
        ("rolled back at 14.30 CET", dt.time(14, 30), "CET"),
        ("paged at 2.15 pm", dt.time(14, 15), None),
        ("0930Z first page", dt.time(9, 30), "Z"),
        ("1402 UTC: deploy", dt.time(14, 2), "UTC"),
        ("at 4:45 PM Pacific Time.", dt.time(16, 45), "Pacific Time"),
        ("16:45 Eastern Standard Time", dt.time(16, 45), "Eastern Standard Time"),
        ("from 2:10pm Eastern.", dt.time(14, 10), "Eastern"),
    ],
)
def test_dotted_four_digit_and_worded_zone_times(
    text: str, time: dt.time, zone: str | None
) -> None:
    """A dot or four digits make a time only where a zone or AM/PM follows; a region's clock
    written in words after a time is its zone."""
    stamp = one(text)
    assert (stamp.time, stamp.zone) == (time, zone)


@pytest.mark.parametrize(
    "text", ["version 3.30 released", "took 1.5 hours", "10:00 Eastern Europe"]
)
def test_versions_figures_and_places_are_not_zoned_times(text: str) -> None:
    assert all(s.zone is None for s in find_stamps(text))
    assert all(s.time in (None, dt.time(10, 0)) for s in find_stamps(text))


def test_worded_zones_follow_daylight_saving() -> None:
    assert zone_info("Pacific Time") is not None
    assert zone_info("Central European Summer Time") is not None


@pytest.mark.parametrize(
    ("text", "day_first", "date"),
    [
        ("3/11/2024", None, dt.date(2024, 3, 11)),
        ("03-11-2024", None, dt.date(2024, 11, 3)),
        ("03.11.2024", None, dt.date(2024, 11, 3)),
        ("06-30-2023", None, dt.date(2023, 6, 30)),
        ("03-11-2024", False, dt.date(2024, 3, 11)),
        ("3/11/2024", True, dt.date(2024, 11, 3)),
    ],
)
def test_numeric_dates_by_separator_and_document(
    text: str, day_first: bool | None, date: dt.date
) -> None:
    """Slashes month first (US), dashes and dots day first (European), unless the document
    shows the other order somewhere."""
    assert one(text, day_first).date == date  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "date", "time", "zone"),
    [
        ("Oct 3, 2022 - 16:45 UTC", dt.date(2022, 10, 3), dt.time(16, 45), "UTC"),
        ("16 June 2020 — 13:23 UTC — uploads fail", dt.date(2020, 6, 16), dt.time(13, 23), "UTC"),
        ("2021-02-01 – 22:10 CET", dt.date(2021, 2, 1), dt.time(22, 10), "CET"),
    ],
)
def test_a_date_and_its_time_joined_by_a_spaced_dash(text: str, date, time, zone) -> None:  # type: ignore[no-untyped-def]
    """Status pages write "Oct 3, 2022 - 16:45 UTC": one moment, not a day and a bare time."""
    stamp = one(text)
    assert (stamp.date, stamp.time, stamp.zone) == (date, time, zone)


def test_two_dates_joined_by_a_dash_stay_two_dates() -> None:
    stamps = find_stamps("from 2022-10-03 - 2022-10-04")
    assert [(s.date, s.time) for s in stamps] == [
        (dt.date(2022, 10, 3), None),
        (dt.date(2022, 10, 4), None),
    ]
