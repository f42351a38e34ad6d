"""Milestones `pmlint analyze` withholds because the document contradicts them.

The rules pick one time per milestone; some picks are contradicted by something else the
same document says. A milestone given is meant to be right: where the document says
otherwise, analyze gives none (`null`) and names what it withheld and why under
`withheld_milestones` in its JSON, so a reviewer can still see it. This is analyze's reading
only: the checks (PM104 reports a stated duration that the window contradicts) see the
rules' facts unchanged.

- A mitigation far past a stated duration: the document says the impact lasted D minutes,
  and a mitigation read from wording comes more than half as long again (and a quarter of an
  hour) after the start. A later wave, a tail or a follow-up was read as the end; the stated
  duration still gives the duration. A resolution so far is kept: the stated duration tells
  the worst of the impact, the resolution when all of it was over.
- A start that is the detection in a document that says the impact went unnoticed before it
  ("the errors went unnoticed for most of the evening", "went undetected for two
  hours"): the start is earlier than any time the document gives for it.
- A start read from wording more than three days before the document's own day (its front
  matter's `date:`, else its file name's), where the timeline goes on to that day: an early
  report, a release or a warning on the way to the incident, not its start.
- An end at the start's very minute, read from wording (not a stated window or field): the
  impact would have stopped as it began. The entry that tells the start was read as its end
  too ("we have stopped further e-mails" in the first update, a narrative's one dated
  sentence); no reader's label in the readable sets puts an end at its start's minute.
- A milestone that is only the day of the document's title ("# Login failures on March
  3rd 2021", "# 2022-June-9: queue backlog") where the document tells times of day on that
  day: the title dates the incident, it does not say when any of it happened.

One reading is replaced rather than withheld: a start read otherwise (a timeline entry, prose,
the noticing) at another minute than the impact window the summary or impact states ("between
09:15 and 10:40 UTC"): the author's window says when the impact began, and the start given is
the window's (`how: range`), with the reading it replaces under `withheld_milestones`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping

from pmlint.document import Document
from pmlint.extract.milestones import HOW_FIELD, HOW_FRONT_MATTER, HOW_RANGE, HOW_TIMELINE
from pmlint.extract.timeline import Moment, Timeline, utc
from pmlint.extract.timeline.build import with_milestones
from pmlint.extract.timeline.choose import LEAD_UP_DAYS
from pmlint.extract.timeline.dates import file_name_date, front_matter_date
from pmlint.extract.timeline.model import START_IS_DETECTION, zoned_alike
from pmlint.extract.timeline.windows import outer_ends

# Sources the author states as the milestone itself: never withheld for a contradiction.
_STATED = (HOW_FRONT_MATTER, HOW_FIELD, HOW_RANGE)
# How much longer than the stated duration an end may come: stated durations are rounded
# ("roughly two hours", "about 90 minutes"), so half as long again, and a quarter of an hour.
_SLACK_FACTOR = 1.5
_SLACK_MINUTES = 15.0

WHY_PAST_DURATION = "after the stated duration"
WHY_UNNOTICED = "the document says the impact went unnoticed before it was detected"
WHY_LEAD_UP = "days before the document's own day, which its timeline reaches: lead-up"
WHY_TITLE_DAY = "only the title's day, where the document tells times on that day"
WHY_WINDOW = "the impact window the document states opens at another time"
# How far apart the window's start and the start read otherwise may be for the window's to
# replace it: a day heading left from another report puts a timeline days off; a month or a
# year off is a typo in one of the two, and the text does not tell which.
_WINDOW_REACH_MINUTES = 31 * 24 * 60
WHY_AT_START = "at the start's very minute: the impact would have stopped as it began"

# "went unnoticed", "remained undetected for", "before we noticed", "Nine hours passed before
# anyone saw it": the impact began before anyone knew of it.
_UNNOTICED = re.compile(
    r"\b(?:went|was|were|remained|stayed|go|goes|had\s+been)\s+(?:\w+\s+)?"
    r"(?:unnoticed|undetected)\b"
    r"|\bbefore\s+(?:we|anyone|someone|somebody|it\s+was|they|being|the\s+team)\s+"
    r"(?:\w+\s+)?(?:noticed|notices|detected|realized|realised|spotted)\b",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Withheld:
    moment: Moment
    how: str
    why: str


def _minutes(first: Moment, then: Moment) -> float | None:
    if first.when is None or then.when is None or not (first.has_time and then.has_time):
        return None
    if first.day_known != then.day_known or not zoned_alike(first.when, then.when):
        return None
    return (utc(then.when) - utc(first.when)).total_seconds() / 60


def _past_stated_duration(facts: Timeline) -> dict[str, str]:
    """The ends read from wording that come far after the start plus the stated duration."""
    start = facts.milestones.get("start")
    if not facts.durations or start is None:
        return {}
    stated = facts.durations[0].minutes
    if stated <= 0:
        return {}
    limit = stated * _SLACK_FACTOR + _SLACK_MINUTES
    found = _ends_read(facts, start, lambda minutes: minutes > limit, WHY_PAST_DURATION)
    # The resolution stays: a stated duration tells the worst of it ("a complete loss of
    # availability for approximately 50 minutes", "mostly down for 60 minutes"), and the
    # incident closes when all of it is over, however long after.
    found.pop("resolved", None)
    return found


def _end_at_start(facts: Timeline) -> dict[str, str]:
    """The ends read from wording at the start's own minute."""
    start = facts.milestones.get("start")
    if start is None:
        return {}
    return _ends_read(facts, start, lambda minutes: abs(minutes) < 1, WHY_AT_START)


def _ends_read(
    facts: Timeline, start: Moment, contradicts: Callable[[float], bool], why: str
) -> dict[str, str]:
    """The mitigation and resolution read from wording (not stated as a window or field)
    whose minutes after the start `contradicts` rejects, each with `why`."""
    found: dict[str, str] = {}
    for kind in ("mitigated", "resolved"):
        moment = facts.milestones.get(kind)
        if moment is None or facts.provenance.get(kind) in _STATED:
            continue
        minutes = _minutes(start, moment)
        if minutes is not None and contradicts(minutes):
            found[kind] = why
    return found


def _start_before_noticed(doc: Document, facts: Timeline) -> dict[str, str]:
    """The start, when it is the detection's own time and the document says the impact went
    unnoticed before someone knew."""
    start, detected = facts.milestones.get("start"), facts.milestones.get("detected")
    if start is None or detected is None or facts.provenance.get("start") in _STATED:
        return {}
    if _minutes(start, detected) != 0:
        return {}
    if not any(_impact_unnoticed(doc.source, found) for found in _UNNOTICED.finditer(doc.source)):
        return {}
    return {"start": WHY_UNNOTICED}


# What went unnoticed was a cause that had not yet hurt anyone ("the bug went unnoticed for
# months", "the misconfiguration remained undetected"), not the impact.
_LATENT = re.compile(
    r"\b(?:bugs?|flaws?|defects?|vulnerabilit(?:y|ies)|misconfigurations?|regressions?|typos?"
    r"|commits?|changes?|code|weakness(?:es)?|backdoors?|keys?|credentials?)\b[^.\n]{0,40}\Z",
    re.IGNORECASE,
)
_LONG_UNNOTICED = re.compile(r"\A\s+(?:for\s+)?(?:\w+\s+)?(?:weeks|months|years)\b", re.IGNORECASE)


def _impact_unnoticed(text: str, found: re.Match[str]) -> bool:
    """Does the "went unnoticed" tell of the impact, not of a latent cause?"""
    before = text[max(0, found.start() - 60) : found.start()]
    after = text[found.end() : found.end() + 40]
    return _LATENT.search(before) is None and _LONG_UNNOTICED.match(after) is None


def _title_line(doc: Document) -> int | None:
    """The line of the document's first heading (its title, after any front matter), 1-based."""
    first = doc.meta_lines[1] if doc.meta_lines else 0
    for number in range(first, len(doc.lines)):
        if doc.lines[number].lstrip().startswith("#"):
            return number + 1
    return None


def _title_day(doc: Document, facts: Timeline) -> dict[str, str]:
    """The milestones at day precision read from the title, where times of day on that day
    are told elsewhere in the document."""
    title = _title_line(doc)
    if title is None:
        return {}
    found: dict[str, str] = {}
    for kind, moment in facts.milestones.items():
        if moment is None or moment.when is None or moment.has_time or moment.line != title:
            continue
        if kind not in ("start", "detected", "mitigated", "resolved"):
            continue
        day = moment.when.date()
        if any(
            m.has_time and m.day_known and m.when is not None and m.when.date() == day
            for m in facts.moments
            if m.line != title
        ):
            found[kind] = WHY_TITLE_DAY
    return found


# How far before the document's own day a start may come and still be the impact's start,
# where the timeline goes on to that day: more than this, and the start is lead-up.
_LEAD_UP_DAYS = LEAD_UP_DAYS


def _own_day(doc: Document) -> dt.date | None:
    """The day the document is about: its front matter's `date:`, else its file name's (not
    the title's, which the title's-day class judges)."""
    day = front_matter_date(doc)
    return day if day is not None else file_name_date(doc)


def _lead_up_start(doc: Document, facts: Timeline) -> dict[str, str]:
    """A start read from wording days before the document's own day, where the timeline goes
    on to that day: an early report or change on the way, not the impact's start."""
    start = facts.milestones.get("start")
    if start is None or start.when is None or not start.day_known:
        return {}
    if facts.provenance.get("start") in _STATED:
        return {}
    day = _own_day(doc)
    if day is None or (day - start.when.date()).days <= _LEAD_UP_DAYS:
        return {}
    if not any(
        e.moment.when is not None and e.moment.day_known and e.moment.when.date() == day
        for e in facts.events
    ):
        return {}
    return {"start": WHY_LEAD_UP}


def _window_start(facts: Timeline) -> Moment | None:
    """The start of the impact window the summary or impact states, where the start given was
    read otherwise (a timeline entry, prose, the noticing) at another minute: the author's own
    window says when the impact began. None when no window is stated, when the start is the
    window's or a field's, or when the two cannot be compared (one zoned, one not; a day
    unknown)."""
    start = facts.milestones.get("start")
    if not facts.windows or start is None or facts.provenance.get("start") in _STATED:
        return None
    first = outer_ends(facts.windows)[0]
    if first is start or not first.has_time or first.when is None or not first.day_known:
        return None
    minutes = _minutes(start, first)
    if minutes is None or minutes == 0 or abs(minutes) > _WINDOW_REACH_MINUTES:
        return None  # a month or more apart: a typo in one of them, no telling which
    if _opens_at_the_noticing(facts, start, first, minutes):
        return None
    return first


# How long before a window that opens at the noticing the timeline's story may begin.
_NOTICED_REACH_MINUTES = 12 * 60
# A field that dates the incident ("Date: ~3 Nov (~1727) to 3 Nov (~1900)"), not one that
# tells the users' trouble ("Shoppers saw last week's prices between 09:15 and 10:40").
_DATE_LABEL = re.compile(
    r"(?:(?:incident|outage)\s+)?dates?(?:\s+of\s+(?:the\s+)?(?:incident|outage))?", re.IGNORECASE
)


def _opens_at_the_noticing(facts: Timeline, start: Moment, first: Moment, minutes: float) -> bool:
    """Does a field that dates the incident open its window at the very minute the timeline
    says someone noticed, with the story's start told earlier that day ("Date: 3 Nov (~1727)
    to 3 Nov (~1900)" over "~1442 changes deployed", "1727 noticed the icons had turned
    black")? That window is counted from the noticing; the change that broke it is the start.
    (A window told as the users' trouble, "shoppers saw ... between 09:15 and 10:40", is when
    they were hurt, and stands.)"""
    if facts.provenance.get("start") != HOW_TIMELINE or not 0 < minutes <= _NOTICED_REACH_MINUTES:
        return False
    if first.label is None or _DATE_LABEL.fullmatch(first.label.strip()) is None:
        return False
    noticed = facts.milestones.get("detected")
    if noticed is None or noticed is start or not noticed.has_time:
        return False
    return _minutes(noticed, first) == 0


def withheld_milestones(doc: Document, facts: Timeline) -> tuple[Timeline, dict[str, Withheld]]:
    """`facts` without the milestones the document contradicts, and what was withheld."""
    window = _window_start(facts)
    if window is not None:
        before = facts.milestones["start"]
        facts, replaced = _restated_start(facts, window)
        facts = _on_the_window_day(facts, window, before)
    else:
        replaced = {}
    reasons = {
        **_title_day(doc, facts),
        **_lead_up_start(doc, facts),
        **_start_before_noticed(doc, facts),
        **_past_stated_duration(facts),
        **_end_at_start(facts),
    }
    if not reasons:
        return facts, replaced
    withheld: dict[str, Withheld] = dict(replaced)
    milestones: dict[str, Moment | None] = dict(facts.milestones)
    provenance = dict(facts.provenance)
    for kind, why in reasons.items():
        moment = milestones.get(kind)
        if moment is None:
            continue
        withheld[kind] = Withheld(moment, provenance.get(kind, "timeline"), why)
        milestones[kind] = None
        provenance.pop(kind, None)
    return with_milestones(facts, milestones, provenance), withheld


def _restated_start(facts: Timeline, window: Moment) -> tuple[Timeline, dict[str, Withheld]]:
    """`facts` with the stated window's start for the start read otherwise, and the start it
    replaces (named under `withheld_milestones`, so a reviewer sees both readings)."""
    start = facts.milestones["start"]
    assert start is not None
    replaced = {"start": Withheld(start, facts.provenance.get("start", "timeline"), WHY_WINDOW)}
    milestones: dict[str, Moment | None] = {**facts.milestones, "start": window}
    provenance = {**facts.provenance, "start": HOW_RANGE}
    provenance.pop(START_IS_DETECTION, None)
    return with_milestones(facts, milestones, provenance), replaced


def _on_the_window_day(facts: Timeline, window: Moment, replaced: Moment | None) -> Timeline:
    """`facts` with the timeline's milestones moved to the stated window's day, where the
    start it replaces is at the window's very minute of the day on another day: the
    timeline sits under a day heading left from another report ("Date: Fri 11 Nov (~1324)
    to ... (~1452)" over "### Thur 3 Nov", "1324 noticed", "1452 fixed"). The times agree;
    the heading's day does not. Only the milestones on the replaced start's day move."""
    if replaced is None or replaced.when is None or window.when is None:
        return facts
    if not (replaced.has_time and replaced.day_known) or replaced.when.time() != window.when.time():
        return facts
    if (replaced.when.tzinfo is None) != (window.when.tzinfo is None):
        return facts
    shift = window.when.date() - replaced.when.date()
    if not dt.timedelta(0) < abs(shift) <= dt.timedelta(days=_WINDOW_REACH_MINUTES // 1440):
        return facts
    day = replaced.when.date()
    milestones: dict[str, Moment | None] = dict(facts.milestones)
    for kind, moment in facts.milestones.items():
        if kind == "start" or moment is None or moment.when is None:
            continue
        if facts.provenance.get(kind) in _STATED or moment.when.date() != day:
            continue
        milestones[kind] = dataclasses.replace(moment, when=moment.when + shift)
    return with_milestones(facts, milestones, dict(facts.provenance))


def withheld_json(withheld: Mapping[str, Withheld]) -> dict[str, dict[str, object]]:
    """`withheld_milestones` in analyze's JSON: the value withheld, its line, how the rules
    found it and why it was withheld."""
    return {
        kind: {
            "value": item.moment.when.isoformat() if item.moment.when is not None else None,
            "line": item.moment.line,
            "how": item.how,
            "why": item.why,
        }
        for kind, item in withheld.items()
    }
