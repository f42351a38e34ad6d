"""Where a time sits and what it marks: whether it is on the timeline, its label ("Detected:"),
the milestone kinds its words name, and the timeline's entries (`Event`) with their text."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import string
from collections.abc import Mapping, Sequence
from functools import lru_cache

from pmlint.document import CodeBlock, Document, Section, TextBlock
from pmlint.extract.milestones import (
    asks_for_help,
    believed,
    closed,
    fix_landed,
    phrases_trie,
    plain_quotes,
    recovered_again,
    told_by_others,
    without_efforts,
    without_machine_reports,
    without_others,
    without_plans,
)
from pmlint.extract.timeline.dates import NEXT_DAY_BACK, RELATIVE
from pmlint.extract.timeline.model import FIELD, Event, Moment
from pmlint.extract.timestamps import Stamp, find_stamps

_EVENT_LEAD = 48  # a timeline entry's time must appear within its first characters
# "Detected: 10:15", "**Start of impact – 14:02**": a field name, then a colon, an equals
# sign or a dash, then the time.
_LABEL_BEFORE = re.compile(
    r"(?P<label>[A-Za-z][A-Za-z /-]{1,40}?)\s*(?:\*+\s*)?(?:[:=–—]|\s-)\s*(?:\*+\s*)?$"
)
_LABEL_ENDS = (":", "=", "–", "—", " -")
# How far before a time its label is looked for, and around it its sentence: bounded, so
# a long line with many times costs each time a window, not the whole line.
_LABEL_WINDOW = 120
_SENTENCE_WINDOW = 400


def in_timeline(
    section: Section | None, by_date: bool = False, timed: frozenset[int] = frozenset()
) -> bool:
    """Under a timeline heading, or (`by_date`: in a document without one) under a heading
    that is itself a date ("## 2018-11-08"): entries grouped by day are a timeline; so is a
    section whose entries open with times (`timed`, from `timed_sections`)."""
    if section is None:
        return False
    if section.is_under("timeline"):
        return True
    if not by_date:
        return False
    if timed and any(id(s) in timed for s in (section, *section.ancestors())):
        return True
    return any(_dated_heading(s) for s in (section, *section.ancestors()))


def prose_in_shaped_timeline(
    block: TextBlock, text: str, at: int, timed: frozenset[int] = frozenset()
) -> bool:
    """Is the time at `text[at]` told in a line of prose, one that does not open with a time,
    of a paragraph in a section that is a timeline by its shape alone (`timed`)? ("However,
    from approximately 7:30 to 11:30 AM US/Pacific, about 50% of requests failed", above the
    entries "4:00 am - Load begins ..."): the summary's times, told before the timeline
    retells the story, not a step of it."""
    section = block.section
    if block.kind != "paragraph" or section is None or not timed:
        return False
    if section.is_under("timeline") or not any(
        id(s) in timed for s in (section, *section.ancestors())
    ):
        return False
    return _opening_time(text, text.rfind("\n", 0, at) + 1) is None


# A document with no timeline heading may still keep one: a section in which this many
# entries (list items, lines, rows) open with a time, under whatever title ("What happened").
_TIMED_ENTRIES = 3


def timed_sections(doc: Document) -> frozenset[int]:
    """The sections (by id) whose own entries open with a time: a timeline by its shape."""
    found: set[int] = set()
    for section in doc.sections():
        opening: list[Stamp | None] = []
        for block in section.blocks:
            if block.kind == "table_cell":
                continue
            opening.extend(_opening_time(block.prose, start) for start in _line_starts(block))
        for table in section.tables:
            opening.extend(_opening_time(row[0].prose, 0) for row in table.rows if row)
        times = [stamp for stamp in opening if stamp is not None]
        if len(times) >= _TIMED_ENTRIES and _in_order(times):
            found.add(id(section))
        # a status page's updates, each closed by the time it was posted, newest first or last
        closing = [b for b in section.blocks if b.kind != "table_cell" and closing_time(b.prose)]
        if len(closing) >= _UPDATES:
            found.add(id(section))
        # "### Update - 2021-04-06 10:05 UTC", then what the update said, under each heading
        updates = [c for c in section.children if _update_heading(c)]
        if len(updates) >= _UPDATES:
            found.update(id(c) for c in updates)
        # "### Resolved", "The issue is now fixed.", "Posted Mar 10, 2024 - 18:45
        # UTC": one update under each heading, the status in the heading, the time closing it
        posted = [
            c for c in section.children if _posted_update(c) and _update_status(c) != "postmortem"
        ]
        if len(posted) >= _UPDATES:
            found.update(id(c) for c in posted)
        # "1. identified Sep 12, 2022, 02:26 PM UTC", then what the update said: a status
        # page's updates copied as a list, in order
        if status_items(section):
            found.add(id(section))
        # "We are investigating ...", then "Thu, Oct 6, 2022, 3:05 PM" on a line of its
        # own: updates each closed by their time, written below them
        if len(closing_lines(section)) >= _UPDATES:
            found.add(id(section))
    return frozenset(found)


def _posted_update(section: Section) -> bool:
    """Is the section one status update: a short status heading over text that a posting
    time closes (in the update's last paragraph, or as a paragraph of its own), before the
    page's footer ("This incident affected: API")?"""
    if section.heading_block is None or len(section.heading_block.prose.split()) > 3:
        return False
    blocks = _without_footer([b for b in section.blocks if b.kind != "table_cell"])
    if not blocks:
        return False
    if closing_time(blocks[-1].prose) is not None:
        return True
    return len(blocks) >= 2 and _time_line(blocks[-1]) is not None


# A status page's footer under its last update: "This incident affected: API and Webhooks."
_FOOTER = re.compile(r"\A\s*(?:this incident affected|affected components?)\b", re.IGNORECASE)


def _without_footer(blocks: list[TextBlock]) -> list[TextBlock]:
    while blocks and _FOOTER.match(blocks[-1].prose):
        blocks = blocks[:-1]
    return blocks


# What may follow an update's time on its line: "(41 minutes earlier)", "(2 days ago)"
# (matched on the rest of the line, stripped: anchored at both ends, bounded).
_RELATIVE_NOTE = re.compile(
    r"\A\(\s{0,3}(?:about |over )?[\w ]{1,24}? (?:earlier|later|ago)\s{0,3}\)\Z", re.IGNORECASE
)
# What may come before it: "Posted", a dot or a dash, emphasis.
_TIME_LINE_LEAD = re.compile(r"\A[\s*_]*(?:(?:posted|updated)\b[\s:-]*)?\Z", re.IGNORECASE)


def _time_line(block: TextBlock) -> Stamp | None:
    """The update time a paragraph holds alone ("Thu, Oct 6, 2022, 3:05 PM (41 minutes
    ago)", "August 30, 2022 · 07:26 UTC"): a date and a time, nothing else but a
    relative note after it or "Posted" before it."""
    prose = block.prose
    if block.kind != "paragraph" or block.list_item is not None:
        return None  # "- 2023-06-03 14:02" over nested items heads them
    if "\n" in prose.strip() or len(prose) > 90:
        return None
    stamps = find_stamps(prose)
    dated = [s for s in stamps if s.date is not None]
    timed = [s for s in stamps if s.time is not None]
    if not dated or len(timed) != 1:
        return None
    first, last = stamps[0], stamps[-1]
    if _TIME_LINE_LEAD.match(prose[: first.start]) is None:
        return None
    rest = prose[last.end :].strip(" \t\n.*_")
    if rest and _RELATIVE_NOTE.match(rest) is None:
        return None
    between = prose[first.start : last.end]
    for stamp in reversed(stamps):
        between = between[: stamp.start - first.start] + between[stamp.end - first.start :]
    if between.strip(" ,·•|-–—@at"):
        return None
    return timed[0]


def closes_update(block: TextBlock) -> bool:
    """Does the block end a status update with the time it was posted ("... Posted Nov 2,
    2019 - 16:27 PDT", or the time on a line of its own under the update)?"""
    tail = block.prose[-40:].rstrip(" \t\n.*_)")
    before = tail.rstrip(string.ascii_lowercase)
    word = tail[len(before) :]
    if (
        word
        and word not in _MAY_END_A_TIME
        and not (before and (before[-1].isalnum() or before[-1] in "/_"))
    ):
        return False  # "... health check 7 passed": no time at its end (asked per entry)
    return closing_time(block.prose) is not None or _time_line(block) is not None


# A last word in small letters that a time may end with ("am", "time", "(2 hours earlier)").
_MAY_END_A_TIME = frozenset({"am", "pm", "m", "time", "earlier", "ago", "later", "utc", "gmt"})


def update_log(block: TextBlock) -> Section | None:
    """The section that holds a status page's log, for a block that closes one of its
    updates: the section itself, or its parent when each update sits under a status heading
    of its own ("**Resolved**"). None for other blocks."""
    section = block.section
    if section is None or not closes_update(block):
        return None
    if section.parent is not None and _posted_update(section):
        return section.parent
    return section


def closing_lines(section: Section) -> list[TextBlock]:
    """A section's paragraphs that each hold only the time of the update written above them:
    two at least, each after text, and the last one not followed by more of the story (only
    a footer or a link back), so that they close their updates rather than head the next."""
    blocks = [b for b in section.blocks if b.kind != "table_cell"]
    found: list[TextBlock] = []
    for index, block in enumerate(blocks):
        if index and _time_line(block) is not None and _time_line(blocks[index - 1]) is None:
            found.append(block)
    if len(found) < _UPDATES:
        return []
    after = blocks[blocks.index(found[-1]) + 1 :]
    if sum(len(_WORD.findall(b.prose)) for b in _without_footer(after)) > 3:
        return []
    return found


# An update log has this many updates at least: one alone is a dated paragraph.
_UPDATES = 2
# The words an update's heading may hold before its time: "Update", "Investigating -",
# "Resolved:", "Update 4 —", "Update #2:" (a status word, perhaps its number, and a dash or a
# colon, a few words at most). Anchored: from every start of a long run of blanks the leading
# class would rescan the rest (quadratic).
_UPDATE_LABEL = re.compile(r"\A[\s*_#]*(?:(?:[A-Za-z]+|#?\d{1,3})\s*){1,4}[-–—:|]?[\s*_(]*")


def _update_heading(section: Section) -> bool:
    """Does the section's heading hold an update's time after a few words of label?"""
    if section.heading_block is None or section.level < 2:
        return False
    title = section.heading_block.prose
    stamps = find_stamps(title)
    if not stamps or stamps[0].time is None or stamps[0].date is None:
        return False
    return _UPDATE_LABEL.fullmatch(title[: stamps[0].start]) is not None


# What may come before a time that closes an update, on its own line or after the last
# sentence: "Posted Jan 9, 2024 - 16:12 UTC", "Posted 2 months ago. Jan 09, 2024 - 16:12 UTC".
_POSTED = re.compile(
    r"(?:^|\n|[.!?]\s)[\s*_]*(?:(?:posted|updated|published)\b[^\n.]{0,24}?\.?[\s*_-]*)?$",
    re.IGNORECASE,
)


def closing_time(text: str) -> Stamp | None:
    """The time that closes a status update: the last thing in it, on a line of its own or
    after "Posted", with a date (the day an update was posted is always given)."""
    tail_start = max(0, len(text.rstrip()) - 64)
    tail = text[tail_start:].rstrip(" \t\n*_)")
    stamps = find_stamps(tail)
    if not stamps:
        return None
    last = stamps[-1]
    if last.time is None or last.date is None or tail[last.end :].strip(" .*_)"):
        return None
    head = text[: tail_start + last.start]
    if len(head.strip()) < 12:
        return None  # the time alone, or nearly: a heading's, not an update's
    return last if _POSTED.search(head[-48:]) else None


def code_timelines(doc: Document) -> dict[int, list[TextBlock]]:
    """A timeline written as a code block under a timeline heading ("```" then one entry a
    line, each opening with a time, in order): its lines as a text block of the section
    (by the section's id), so that its entries are read as any other. A code block
    elsewhere, or one whose lines do not open with times in order (a log excerpt with its
    levels, a command), stays code."""
    found: dict[int, list[TextBlock]] = {}
    for section in doc.sections():
        if not section.code_blocks or not section.is_under("timeline"):
            continue
        for code in section.code_blocks:
            block = _code_block_text(doc, section, code)
            if block is None:
                continue
            opening = [_opening_time(block.text, start) for start in block.line_starts]
            times = [stamp for stamp in opening if stamp is not None]
            if len(times) >= _TIMED_ENTRIES and _in_order(times):
                found.setdefault(id(section), []).append(block)
    return found


def _code_block_text(doc: Document, section: Section, code: CodeBlock) -> TextBlock | None:
    text = code.text.rstrip("\n")
    if not text.strip():
        return None
    first = code.first_line
    fence = doc.lines[first - 1].lstrip() if 0 < first <= len(doc.lines) else ""
    if fence.startswith(("```", "~~~")):
        first += 1  # a fenced block's text starts on the line after its fence
    starts, lines, columns = [], [], []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        source = doc.lines[first + index - 1] if first + index - 1 < len(doc.lines) else ""
        found = source.find(line) if line else -1
        starts.append(offset)
        lines.append(first + index)
        columns.append(found + 1 if found >= 0 else 1)
        offset += len(line) + 1
    return TextBlock("paragraph", text, text, starts, lines, columns, section=section)


def _line_starts(block: TextBlock) -> list[int]:
    return [0] + [m.end() for m in _SEGMENT_BREAK.finditer(block.text)]


# A status page's update copied as a list item: its status, then when it was posted
# ("1. identified Sep 12, 2022, 02:26 PM UTC", "- monitoring 2021-04-11 14:05 UTC"). The
# status opens the entry as a label does; the time is the entry's.
_STATUS_LEAD = re.compile(
    r"(?:investigating|identified|monitoring|update|resolved|postmortem|verifying)[ \t]+",
    re.IGNORECASE,
)


def status_items(section: Section) -> list[TextBlock]:
    """A status page's updates copied as a list ("1. identified Sep 12, 2022, 02:26 PM
    UTC", then what the update said), when the section holds at least two, in order: the
    items' first blocks; else none."""
    items = [b for b in section.blocks if b.list_item is not None and _status_time(b)]
    stamps = [stamp for b in items if (stamp := _status_time(b)) is not None]
    return items if len(stamps) >= _UPDATES and _in_order(stamps) else []


def _status_time(block: TextBlock) -> Stamp | None:
    """The time a status update copied as a list item was posted, when its first line is
    the update's status and that time ("identified Sep 12, 2022, 02:26 PM UTC")."""
    head = block.prose[:_EVENT_LEAD]
    lead = len(head) - len(head.lstrip(_LEAD_CHARS))
    status = _STATUS_LEAD.match(head, lead)
    if status is None:
        return None
    stamps = find_stamps(head[status.end() : status.end() + 40])
    if stamps and stamps[0].start == 0 and stamps[0].time is not None:
        return stamps[0]
    return None


# A mail archive's line for a message ("unread, Oct 13, 2017, 12:32:04 PM10/13/17", Google
# Groups): when the message was posted, in the zone of whoever saved the page, not the incident's.
_ARCHIVE_POSTING = re.compile(
    r"\b[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s?[AP]M\d{1,2}/\d{1,2}/\d{2}"
)


def without_archive_postings(text: str, stamps: list[Stamp]) -> list[Stamp]:
    """The stamps without a mail archive's posting lines: they tell no step of the incident, and
    their clock is the reader's."""
    if "M" not in text or "/" not in text:
        return stamps
    spans = [(m.start(), m.end()) for m in _ARCHIVE_POSTING.finditer(text)]
    if not spans:
        return stamps
    return [s for s in stamps if not any(a <= s.start < b for a, b in spans)]


def _opening_time(text: str, start: int) -> Stamp | None:
    head = text[start : start + _EVENT_LEAD]
    lead = len(head) - len(head.lstrip(_LEAD_CHARS))
    if _ARCHIVE_POSTING.match(head, lead):
        return None  # a mail archive's posting line opens no entry
    stamps = find_stamps(head[lead : lead + 40])
    if stamps and stamps[0].start == 0 and stamps[0].time is not None:
        return stamps[0]
    status = _STATUS_LEAD.match(head, lead)
    if status is not None:
        stamps = find_stamps(head[status.end() : status.end() + 40])
        if stamps and stamps[0].start == 0 and stamps[0].time is not None:
            return stamps[0]
    return None


def _next_day(last: dt.time, time: dt.time) -> bool:
    """Has a story told in order gone on to the next day between two times? Past midnight
    ("23:40", then "00:20"), or back on the clock by hours ("23:00 first failures", then
    "11:00 more failures"), as `Dates` reads a timeline; a step back of minutes is a list out
    of order."""
    if last >= dt.time(18) and time < dt.time(8):
        return True
    back = dt.datetime.combine(dt.date.min, last) - dt.datetime.combine(dt.date.min, time)
    return back >= NEXT_DAY_BACK


def _in_order(stamps: list[Stamp]) -> bool:
    """A story told in order: each time at or after the one before (or past midnight), each
    date at or after the last date written. A list of times out of order (log lines, a table
    of runs) is not a timeline."""
    day: dt.date | None = None
    last: dt.time | None = None
    for stamp in stamps:
        if stamp.date is not None and stamp.year_known:
            if day is not None and stamp.date < day:
                return False
            if day is None or stamp.date > day:
                last = None
            day = stamp.date
        time = stamp.time
        if time is None:
            continue
        past_midnight = last is not None and _next_day(last, time)
        if last is not None and time < last and not past_midnight:
            return False
        last = time
    return True


def _dated_heading(section: Section) -> bool:
    if section.heading_block is None or section.canonical is not None or section.level < 2:
        return False  # not the document's title
    title = section.heading_block.prose.strip(" *_#")
    stamps = find_stamps(title)
    return bool(stamps) and stamps[0].start <= 4 and stamps[0].date is not None


def _label(moment: Moment) -> str | None:
    """A field name written just before the time, or the pseudo-heading it sits under."""
    block, stamp = moment.block, moment.stamp
    line_start = block.line_starts[max(bisect.bisect_right(block.line_starts, stamp.start) - 1, 0)]
    window = max(line_start, stamp.start - _LABEL_WINDOW)
    # The pattern ends in ":" or "=" and then only blanks and stars: most times have no
    # label, and this says so without trying the pattern at every place of the window.
    if block.prose[window : stamp.start].rstrip().rstrip("*").rstrip().endswith(_LABEL_ENDS):
        match = _LABEL_BEFORE.search(block.prose, window, stamp.start)
        if match and _opens_a_field(block.prose, line_start, match.start("label")):
            return match.group("label").strip()
    section = block.section
    if (
        section is not None
        and section.style == "pseudo-list-item"
        and _blank_before(block.prose, line_start, stamp.start)
    ):
        return section.title
    return None


# What may stand before a field's name on its line: markup, a list number, or the end of an
# earlier field or clause ("Start: 10:00 UTC, End: 11:20 UTC"; "Date: 3 May; Detected: 10:15").
# (Unambiguous, for `fullmatch`: each blank is read by one class only, so a long run of them
# costs one pass, not one per place.)
_FIELD_LEAD = re.compile(r"[\s>*_#+-]*(?:\d{1,2}[.)]\s[\s*_]*)?")


def _opens_a_field(text: str, line_start: int, position: int) -> bool:
    """Does a field's name at `position` open its line (after markup), or follow another
    field or clause on it? Not a name inside a pasted message after a separator ("... is
    down. | Alert opened: Feb 3, 2024 at 9:15AM UTC"), which is someone else's."""
    lead = text[line_start:position]
    if _FIELD_LEAD.fullmatch(lead):
        return True
    if "|" in lead[-60:]:
        return False
    tail = lead.rstrip(" \t*_")
    markup = lead[len(tail) :]
    if "**" in markup or "__" in markup:
        return True  # "**Start:** 10:00 **End:** 11:00": the next field's bold name
    return tail.endswith((",", ";")) or (tail.endswith(".") and markup[:1] in (" ", "\t"))


def _blank_before(text: str, line_start: int, position: int) -> bool:
    """Only blanks from `line_start` to `position`? Looked at backwards in doubling steps,
    so it costs the distance to the nearest text before `position`, not to the line start."""
    size = 64
    while True:
        left = max(line_start, position - size)
        if text[left:position].strip():
            return False
        if left == line_start:
            return True
        size *= 2


def kinds_in(text: str, patterns: Mapping[str, re.Pattern[str] | None]) -> frozenset[str]:
    """The milestone kinds whose (lower-case) words, compiled by `compiled_words`, start a word
    of the text."""
    lower = text.lower()
    return frozenset(k for k, p in patterns.items() if p is not None and p.search(lower))


def event_kinds(text: str, patterns: Mapping[str, re.Pattern[str] | None]) -> frozenset[str]:
    """The milestone kinds an entry or a sentence tells: its words, and a service that works
    again ("uploads work again") or a fix released is a mitigation whatever the pack's
    words."""
    text = without_plans(plain_quotes(text))
    kinds = kinds_in(text, patterns)
    if "detected" in kinds and "detected" not in kinds_in(without_machine_reports(text), patterns):
        kinds -= {"detected"}
    if (
        "mitigated" in kinds
        and "working" in text.lower()
        and "mitigated" not in kinds_in(without_efforts(text), patterns)
    ):
        # "our team is working on a fix", "engineers are working to restore it": an effort,
        # not that the thing is working
        kinds -= {"mitigated"}
    if "mitigated" in patterns and (recovered_again(text) or fix_landed(text, attempts=False)):
        kinds |= {"mitigated"}
    if "resolved" in patterns and closed(text):
        kinds |= {"resolved"}
    if kinds & _ENDS and believed(text):
        kinds -= _ENDS  # "we believed we had caught up": the end was not seen
    if kinds & _ENDS and told_by_others(text):
        # the upstream's recovery is not the document's: only the text's other clauses tell
        # an end ("the provider says it is fixed on their side, and our queues drain again")
        own = without_others(text)
        kept = event_kinds(own, patterns) if own.strip() and not told_by_others(own) else set()
        kinds = (kinds - _ENDS) | (kept & _ENDS)
    return kinds


_ENDS = frozenset(("mitigated", "resolved"))


def compiled_words(
    words: Mapping[str, Mapping[str, Sequence[str]]], part: str
) -> dict[str, re.Pattern[str] | None]:
    """Each kind's `part` ("labels" or "events") words as one pattern, once per document
    rather than once per time."""
    return {
        kind: _words_regex(tuple(w.get(part, ()))) if w.get(part) else None
        for kind, w in words.items()
    }


@lru_cache(maxsize=64)
def _words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    # one pattern per word list, compiled once: this runs for every time in every document;
    # `kinds_in` asks whether it matches, so it may be a trie
    return re.compile(phrases_trie(words))


# Where a sentence may end: a stop and a blank, or a line break. A line break inside a
# paragraph is a soft wrap unless the line before ends a sentence or the next opens an entry
# (a time, a list marker); a stop after an abbreviation ("Apr. 28", "e.g. the") ends nothing.
_STOP = re.compile(r"[.!?](?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|e\.g|i\.e|approx|ca|vs|mr|mrs|ms"
    r"|dr|st|no|fig|incl|est)|(?<![\w.])[A-Za-z])$",
    re.IGNORECASE,
)
_ENTRY_OPENING = re.compile(r"(?<![ \t])[ \t]*(?:[-*+|#>\d]|$)")
_ENDS_SENTENCE = ".!?:;"


def _is_stop(text: str, index: int) -> bool:
    """Does the sentence end at text[index] (a stop or a line break)?"""
    if text[index] != "\n":
        return _ABBREVIATION.search(text, max(0, index - 8), index) is None
    back = index - 1
    while back >= 0 and text[back] in " \t":
        back -= 1
    if back < 0 or text[back] in _ENDS_SENTENCE:
        return True
    return _ENTRY_OPENING.match(text, index + 1) is not None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence around text[start:end], at most `_SENTENCE_WINDOW` each side."""
    low, high = max(0, start - _SENTENCE_WINDOW), min(len(text), end + _SENTENCE_WINDOW)
    left = low
    for match in _STOP.finditer(text, low, start):
        if _is_stop(text, match.start()):
            left = match.end()
    right = high
    if end >= 3 and text[end - 1] == "." and text[end - 3 : end - 1].upper() in ("AM", "PM"):
        end -= 1  # "at 12:15 PM. The provider ...": the stop the time took ends the sentence
    for match in _STOP.finditer(text, end, high):
        if _is_stop(text, match.start()):
            right = match.start()
            break
    return left, right


def _sentence(block: TextBlock, start: int, end: int) -> str:
    """The sentence around text[start:end], at most `_SENTENCE_WINDOW` characters each side."""
    left, right = _sentence_bounds(block.prose, start, end)
    return block.prose[left:right]


def told_after(moment: Moment) -> str:
    """The rest of the time's sentence, after the time ("... starting at 18:40 error rates
    increased again": " error rates increased again")."""
    prose = moment.block.prose
    _, right = _sentence_bounds(prose, moment.stamp.start, moment.stamp.end)
    return prose[moment.stamp.end : max(right, moment.stamp.end)]


def sentence_of(moment: Moment) -> str:
    """The sentence a time is written in (bounded each side)."""
    return _sentence(moment.block, moment.stamp.start, moment.stamp.end)


# Where a clause ends between two times of one sentence: a stop inside it, a comma, or a word
# that opens the next clause ("..., and at 03:05 the workers were restarted", "errors which
# were detected at 14:10").
_CLAUSE_BREAK = re.compile(
    # (a time's text may hold the blank after it: the gap then opens with the word)
    r"[,;:]|(?:^|\s)(?:and|but|then|which|who|whereupon|while|after which|before which)\s",
    re.IGNORECASE,
)


def clause_of(block: TextBlock, start: int, end: int, times: Sequence[tuple[int, int]]) -> str:
    """The part of the sentence around text[start:end] that tells this time, when the sentence
    holds other times (`times`: the block's times as offsets): "Our alert fired at 02:40, and
    the on-call restarted the workers at 03:05, after which deliveries resumed" tells a
    detection at 02:40 and a recovery at 03:05, not both at both. The sentence is cut between
    two times at the last clause break written between them; where none is written (a range,
    "from 10:00 to 10:30"), the times share the sentence."""
    left, right = _sentence_bounds(block.prose, start, end)
    # (a time that ends its sentence may hold its full stop: "at 8:49 AM.")
    inside = sorted(t for t in times if left <= t[0] and t[0] < right)
    if len(inside) < 2:
        return block.prose[left:right]
    low, high = left, right
    for first, second in itertools.pairwise(inside):
        gap = block.prose[first[1] : second[0]]
        cut = None
        for match in _CLAUSE_BREAK.finditer(gap):
            cut = first[1] + match.start()
        if cut is None:
            continue
        if second[0] <= start:
            low = cut
        elif first[1] >= end and cut < high:
            high = cut
            break
    return block.prose[low:high]


# A field's name in the words of the milestone's noun, which the pack's labels may not list:
# "Resolution: 10:40", "Time of resolution", "Restoration", "Impact stopped". A field name is
# an author's explicit mark, so its noun is enough.
_LABEL_NOUNS = {
    "resolved": re.compile(
        r"\b(?:resolution|restoration|restored|all clear|impact (?:stopped|over))\b", re.I
    ),
    "mitigated": re.compile(r"\b(?:mitigation|workaround|rollback|roll-back)\b", re.I),
    "detected": re.compile(
        r"\b(?:detection|discovery|first (?:alert|report)|alerted|paged)\b", re.I
    ),
}


# A field that names the end of the impact itself ("Impact end", "Customer impact ended"):
# a mitigation as well as an end.
_IMPACT_END = re.compile(r"\bimpact\b.*\b(?:end|ended|stopped|over|resolved)\b", re.I)


def _label_nouns(label: str) -> frozenset[str]:
    return frozenset(kind for kind, pattern in _LABEL_NOUNS.items() if pattern.search(label))


# A clause with a verb of its own: an auxiliary, or a word in -ed or -ing ("was rolled out",
# "pointed", "failing").
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|\w{2,}ed|\w{2,}ing)\b", re.IGNORECASE
)


def row_labels(doc: Document) -> dict[int, str]:
    """The field name of each table cell (by id) that sits beside one: a two-column table of
    fields ("| **Start time** | 2023-01-17 08:40 UTC |") names each value by its row's first
    cell, when that cell is a short name with no digits."""
    found: dict[int, str] = {}
    for section in doc.sections():
        for table in section.tables:
            # "| Start | End | Duration |" over "| 2022-04-05 14:00 UTC | ... 15:05 UTC | ...":
            # a header that names the fields, one row of values under it
            names = [_field_name(cell.prose) for cell in table.header]
            if len(table.rows) <= 2 and sum(1 for n in names if n) >= 2:
                for row in table.rows:
                    for name, cell in zip(names, row, strict=False):
                        if name:
                            found[id(cell)] = name
            for row in table.rows:
                if len(row) < 2:
                    continue
                name = _field_name(row[0].prose)
                if name is None:
                    continue
                for cell in row[1:]:
                    found[id(cell)] = name
    return found


def _field_name(text: str) -> str | None:
    """A table cell that can name a field: a short name with no digits."""
    name = text.strip(" *_:")
    if not name or len(name) > 40 or any(c.isdigit() for c in name):
        return None
    return name


# "At 6:48 the chain stopped ... until the hotfix was released": what follows "until" tells
# how the state the time opened ended, not what happened at the time.
_UNTIL_CLAUSE = re.compile(r"\s(?:until|till)\s", re.IGNORECASE)


def _before_until(clause: str, moment: Moment) -> str:
    """The clause up to an "until" written after the time (the whole clause otherwise)."""
    stamp = moment.stamp.text
    at = clause.find(stamp) if stamp else -1
    if at < 0:
        return clause
    match = _UNTIL_CLAUSE.search(clause, at + len(stamp))
    return clause[: match.start()] if match else clause


def classify(
    moment: Moment,
    labels: Mapping[str, re.Pattern[str] | None],
    events: Mapping[str, re.Pattern[str] | None],
    times: Sequence[tuple[int, int]] = (),
    row_label: str | None = None,
    following: Mapping[int, TextBlock] | None = None,
) -> None:
    """The moment's label and the milestone kinds its words tell (`times`: the offsets of
    the block's times, so that a sentence with several is read clause by clause;
    `row_label`: the field name a table row gives the cell the time is in)."""
    label = _label(moment) or row_label
    moment.label = label
    kinds: frozenset[str] = frozenset()
    if label:
        kinds = kinds_in(label, labels) or _label_nouns(label)
        if kinds and _IMPACT_END.search(label):
            kinds |= {"mitigated"}  # "Impact end": the impact stopped, whatever closed later
        if kinds:
            moment.source = FIELD
    if not kinds:
        start, end = moment.stamp.start, moment.stamp.end
        clause = _before_until(clause_of(moment.block, start, end, times), moment)
        section = moment.block.section
        title = section.title if section is not None and section.style == "pseudo-list-item" else ""
        kinds = event_kinds(f"{title}: {clause}" if title else clause, events)
        if not kinds and _VERB.search(clause) is None:
            # a clause that only names the time ("..., and the placement subsystem by 1:54
            # PM") shares the verb of its sentence; one with its own verb tells its own step
            sentence = _sentence(moment.block, start, end)
            kinds = event_kinds(f"{title}: {sentence}" if title else sentence, events)
        around = _told_around(moment)
        if "detected" not in kinds or "mitigated" not in around:
            kinds |= around  # "by 10:15 the on-call was paged" is no recovery
        at = moment.stamp.start
        if "start" in kinds and (
            _SINCE.search(moment.block.prose, max(0, at - 40), at)
            or (
                _STARTING.search(moment.block.prose, max(0, at - 40), at)
                and not opens_clause(moment.block.prose, at, _STARTING)
            )
        ):
            # "investigating reports that users cannot log in since 14:30", "We are
            # investigating an issue with the API beginning at 10:00": the symptom began
            # then; the investigating is the time the notice is written ("Starting at 10:00,
            # we received alerts", opening its clause, tells the alerts' time)
            kinds -= {"detected"}
        if (
            moment.has_time
            and not kinds & {"start", "detected", "mitigated", "resolved"}
            and (moment.block.nearest_canonical() == "resolution" or _in_recovery_field(moment))
            # (not the team asking a provider for help: "I opened a ticket with the host's
            # support at 20:30", under "Resolution", is no step that stopped anything)
            and not asks_for_help(_sentence(moment.block, start, end))
        ):
            # a time in the resolution or recovery section, or in a "Resolution:" field,
            # tells a step of the recovery, whatever its words ("At 10:40 we restarted the
            # upstream service")
            kinds |= {"mitigated"}
        if moment.has_time and ended_by_next_sentence(moment, times, following or {}):
            # the time is when the step that ended it was taken, not where the sentence's
            # cause or finding ("revealed that a faulty router was causing the issue") began
            kinds = (kinds - {"start", "detected"}) | {"mitigated"}
        if moment.has_time and _IMPACT_DROPPED.search(clause):
            # "a drop in error rates to 30% starting at 22:55 UTC", "we rerouted traffic
            # between 01:00 and 02:00 UTC, reducing error rates to below 6%": the impact
            # dropped then, a mitigation, though the words name errors
            kinds = (kinds - {"start"}) | {"mitigated"}
    if kinds and (promised_update(moment) or forecast_end(moment)):
        kinds = frozenset()
    moment.kinds = kinds


# Error rates told to fall: the impact dropped (a mitigation), not a symptom.
_IMPACT_DROPPED = re.compile(
    r"\b(?:(?:error|failure|timeout)s?(?:\s+rates?)?\s+(?:(?:began|started)\s+(?:to\s+)?)?"
    r"(?:dropp(?:ing|ed)|drop|decreas(?:ing|ed)|declin(?:ing|ed)|falling|fell|subsid(?:ing|ed))"
    r"|(?:drop|decrease|reduction|decline)\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:error|failure)\s+rates?"
    r"|reduc(?:ing|ed)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:error|failure)\s+rates?)\b",
    re.IGNORECASE,
)


# The sentence after a time that says, of what that time told, that it ended the impact:
# "The device was taken offline at 17:15 UTC. This quickly mitigated the impact on
# customers.", "... completed by 19:53 UTC. This action plan resolved the immediate impact"
_ENDED_BY_THAT = re.compile(
    r"[\s*_]{0,6}(?:this|that|these|those|doing\s+so|which)\b[^.;\n]{0,40}?\b(?:"
    r"(?:mitigated|resolved|restored|ended|stopped)\s+(?:the\s+|all\s+)?(?:\w+\s+){0,2}?"
    r"(?:impact|outage|disruption|errors|issue|problem|service|connectivity)\b"
    # "These actions resulted in a rapid recovery of networking performance"
    r"|(?:resulted|ended)\s+in\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:recovery|restoration)\b)",
    re.IGNORECASE,
)


def following_paragraphs(doc: Document) -> dict[int, TextBlock]:
    """The paragraph right after each block of a section (by the block's id)."""
    found: dict[int, TextBlock] = {}
    for section in doc.sections():
        for block, after in itertools.pairwise(section.blocks):
            if after.kind == "paragraph":
                found[id(block)] = after
    return found


def ended_by_next_sentence(
    moment: Moment,
    times: Sequence[tuple[int, int]],
    following: Mapping[int, TextBlock],
) -> bool:
    """Is the time the last of its sentence, and does the next sentence say that what it
    told ended the impact ("This quickly mitigated the impact")? `times`: the block's times
    as offsets; `following`: the paragraph after each block (`following_paragraphs`)."""
    return _next_sentence_tells(moment, times, following, _ENDED_BY_THAT)


def _next_sentence_tells(
    moment: Moment,
    times: Sequence[tuple[int, int]],
    following: Mapping[int, TextBlock],
    told_so: re.Pattern[str],
) -> bool:
    """Is the time the last of its sentence, and does the sentence after it open as
    `told_so` says (in its block, or the next paragraph's first sentence)?"""
    prose = moment.block.prose
    _, right = _sentence_bounds(prose, moment.stamp.start, moment.stamp.end)
    after = right + 1 if right < len(prose) and prose[right] in ".!?" else right
    if prose[after:].strip():
        told = told_so.match(prose, after) is not None
    elif moment.block.kind == "paragraph":
        # the last sentence of its paragraph: the next paragraph's opening sentence
        nxt = following.get(id(moment.block))
        told = nxt is not None and told_so.match(nxt.prose) is not None
    else:
        told = False
    return told and not any(moment.stamp.end <= start < right for start, _ in times)


# The next sentence says the impact went on after the step a time told: "Despite power being
# restored to the routers, connection instability persisted", "At this time staff worked to
# bring the affected instances back online" (the step enabled the recovery; it was not it).
_UNDONE_BY_THAT = re.compile(
    r"[\s*_]{0,6}(?:"
    r"despite\b[^.;\n]{0,80}?\b(?:restored|recovered|fixed|back)\b[^.;\n]{0,80}?\b"
    r"(?:persisted|continued|remained)\b"
    r"|(?:at\s+this\s+(?:time|point)|then|next|from\s+there)\b,?\s*[^.;\n]{0,40}?\b"
    r"(?:worked|began\s+working|started\s+working)\s+to\s+(?:bring|get)\b[^.;\n]{0,80}?"
    r"\bback\s+(?:online|up|into\s+service)\b)",
    re.IGNORECASE,
)


def undone_by_next_sentence(
    moment: Moment,
    times: Sequence[tuple[int, int]],
    following: Mapping[int, TextBlock],
) -> bool:
    """Is the time the last of its sentence, and does the next sentence say that the impact
    went on after what it told (`_UNDONE_BY_THAT`)? Arguments as `ended_by_next_sentence`."""
    return _next_sentence_tells(moment, times, following, _UNDONE_BY_THAT)


def promised_update(moment: Moment) -> bool:
    """The time of an update promised for later ("our next update will follow at 16:40
    UTC, or sooner with news"), which tells no step of the incident."""
    at = moment.stamp.start
    return _NEXT_UPDATE.search(moment.block.prose, max(0, at - 50), at) is not None


def forecast_end(moment: Moment) -> bool:
    """The time an end is forecast for ("full service should be back to normal by 11:15pm",
    "the queue ought to drain within the hour, so should be back by 19:50 UTC"): not yet an end."""
    at = moment.stamp.start
    return _FORECAST.search(moment.block.prose, max(0, at - 80), at) is not None


# "is expected to be restored by", "estimated to complete around", "should be back by", "ETA":
# a status post's forecast, just before the time it names (not "recovered by 10:15", a step).
_FORECAST = re.compile(
    r"(?:\b(?:expected|estimated|anticipated|projected|predicted)\s+to\b"
    r"|\bshould\s+(?:be\s+)?(?:fully\s+)?(?:resolv|restor|recover|back|complet|return|clear"
    r"|finish|normali[sz])\w*)"
    r"[^.!?\n]{0,40}?\b(?:by|at|around|before)(?:\s+(?:about|around|approximately|~))?\s*$"
    r"|\bETA\b\s*(?:of|is|:)?\s*(?:about|around|approximately|~)?\s*$",
    re.IGNORECASE,
)


# "we will next update at", "our next update will be at", "we hope to update here by": a
# status page's promise of its next post, just before the time it names (not "we began to
# update the records at 10:15", a step taken).
_NEXT_UPDATE = re.compile(
    r"(?:\bnext\s+update\b[^.!?\n]{0,30}?|\b(?:will|shall|hope\s+to)\s+(?:next\s+)?update"
    r"(?:\s+(?:you|here|this\s+page|again|further|next))*\s+)"
    r"\b(?:at|by|around|before)(?:\s+(?:about|around|approximately))?\s*$",
    re.IGNORECASE,
)


# "Resolution: the service was restarted at 10:40", "**Recovery**: ...": a line that opens
# with a field named for the recovery.
_RECOVERY_FIELD = re.compile(
    r"(?:resolution|recovery|mitigation|remediation|fix|restoration)[*_]*(?:[ \t]+[*_]*)?:",
    re.IGNORECASE,
)


def _in_recovery_field(moment: Moment) -> bool:
    block, start = moment.block, moment.stamp.start
    line_start = block.line_starts[max(bisect.bisect_right(block.line_starts, start) - 1, 0)]
    segment = block.text[line_start:start]
    opening = line_start + len(segment) - len(segment.lstrip(" \t*_"))
    return _RECOVERY_FIELD.match(block.text, opening, start) is not None


# The words just before a time that make it an end of the impact ("errors continued until
# 10:47", "the degradation ended at 10:47") or its beginning ("Starting at 09:12, ..."),
# whatever else the sentence tells.
_UNTIL = re.compile(
    r"\b(?:until|till|ended (?:at|around|by)|ending (?:at|around))\s+"
    r"(?:(?:about|around|approximately|roughly)\s+)?$",
    re.IGNORECASE,
)
# "since 14:30", "since around 14:30" right before the time: when a state began.
_SINCE = re.compile(
    r"\bsince\s+(?:(?:about|around|approximately|roughly|ca\.|~)\s*)?\Z", re.IGNORECASE
)
_STARTING = re.compile(
    r"\b(?:starting|beginning)(?:\s+(?:at|on|from|around))?\s+"
    r"(?:(?:about|around|approximately|roughly)\s+)?"
    # "beginning at Monday, 2022-05-09 11:05": a status page names the weekday first
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$",
    re.IGNORECASE,
)
# "not noticed until 10:40", "we only learned of it until": a time someone learned of it,
# not the end of the impact.
_NOT_AN_END = re.compile(
    r"\b(?:not|never|nobody|no one|only)\b|n't\b|notic|detect|aware|discover|realiz|report"
    r"|learn|found",
    re.IGNORECASE,
)
NOT_AN_END = _NOT_AN_END
_CLAUSE_BACK = 100


# "By 10:23 PM PST, Kinesis was fully recovered", "..., and by 1:00 AM most instances had
# recovered": a narrative's "by <time>" tells how far the recovery had come.
_BY = re.compile(r"\bby\s+(?:(?:about|around|approximately|roughly)\s+)?$", re.IGNORECASE)
# What may come before a word that opens a sentence or a clause: nothing, a stop, a comma, "and".
_CLAUSE_OPENS = re.compile(r"(?:^|[.;:!?,]|\band)$", re.IGNORECASE)
SENTENCE_OPENS = re.compile(r"(?:^|[.;!?])$")


def opens_clause(
    prose: str, start: int, pattern: re.Pattern[str], opening: re.Pattern[str] | None = None
) -> bool:
    """Do the words just before offset `start` match `pattern` (anchored at `start`), opening
    a sentence or a clause ("At 5:15 AM PST, ...", "..., and by 1:00 AM ...")? The opening is
    checked on the text before the match (`opening`: what may end it, a stop, a comma or
    "and" by default), not by the pattern: a pattern that looked back over runs of blanks
    itself would be quadratic on them."""
    match = pattern.search(prose, max(0, start - 40), start)
    if match is None:
        return False
    before = prose[max(0, match.start() - 40) : match.start()].rstrip()
    opens = opening or _CLAUSE_OPENS
    return not before or opens.search(before) is not None  # nothing before: a line


def told_by(moment: Moment) -> bool:
    """Is the time told as "by <time>", opening a sentence or a clause?"""
    return opens_clause(moment.block.prose, moment.stamp.start, _BY)


def _told_around(moment: Moment) -> frozenset[str]:
    """The kinds the words just before a time give it (`_UNTIL`, `_STARTING`, `_BY`)."""
    prose, start = moment.block.prose, moment.stamp.start
    before = prose[max(0, start - 40) : start]
    if _STARTING.search(before):
        return frozenset({"start"})
    if moment.has_time and told_by(moment):
        return frozenset({"mitigated"})
    if not _UNTIL.search(before):
        return frozenset()
    clause = prose[max(0, start - _CLAUSE_BACK) : start]
    stop = max(clause.rfind(". "), clause.rfind("\n"), clause.rfind("; "))
    if _NOT_AN_END.search(clause[stop + 1 :]):
        return frozenset()
    return frozenset({"resolved"})


def timeline_events(
    doc: Document,
    moments: list[Moment],
    by_date: bool = False,
    timed: frozenset[int] = frozenset(),
    code: Mapping[int, list[TextBlock]] | None = None,
) -> list[Event]:
    """Timeline entries: each time that opens an entry (at the start of a list item, row,
    heading, line, or after a `<br>`), with the entry's text up to the next one; `code`:
    the timelines written as code blocks (`code_timelines`)."""
    by_block: dict[int, list[Moment]] = {}
    for moment in moments:
        by_block.setdefault(id(moment.block), []).append(moment)
    events: list[Event] = []
    seen_rows: set[int] = set()
    for section in doc.sections():
        if not in_timeline(section, by_date, timed):
            continue
        candidates: list[TextBlock] = []
        if section.heading_block is not None and section.canonical != "timeline":
            candidates.append(section.heading_block)
        for table in section.tables:
            for row in table.rows:
                if id(row) in seen_rows or not row:
                    continue
                seen_rows.add(id(row))
                in_row = [m for cell in row for m in by_block.get(id(cell), [])]
                # "| 2023-06-30 | 09:40 | ... |": the time column, on the date column's day
                first = next((m for m in in_row if m.has_time), in_row[0] if in_row else None)
                if first is not None:
                    text = " | ".join(c.text for c in row)
                    events.append(Event(first, text, row[0].first_line))
        for block in section.blocks:
            if block.kind != "table_cell":
                candidates.append(block)
        candidates.extend((code or {}).get(id(section), ()))
        updates = status_items(section) if not section.is_under("timeline") else []
        if updates:
            # a page's update log under its summary ("Started", "Resolved" fields, a
            # duration): the updates are the entries, the fields above them are not; nor
            # is the write-up the page posted afterwards ("postmortem May 30, 2023, ...")
            candidates = [
                b
                for b in candidates
                if any(b is u for u in updates)
                and not b.prose.lstrip(_LEAD_CHARS).lower().startswith("postmortem")
            ]
        # "## 2018-11-08 16:55 -0500" over entries with times of their own heads a group: it
        # is an entry of its own, not the story of the entries under it.
        own = any(
            e.moment.has_time
            for b in section.blocks
            if b.kind != "table_cell" and by_block.get(id(b))
            for e in _entries(b, by_block[id(b)], section)
        )
        closers = _closed_updates(section, by_block)
        status = _update_status(section)
        if status == "postmortem":
            continue  # "**Postmortem**" over the write-up, posted days later: no step
        told_here = len(events)
        opened: list[str] = []  # an update's paragraphs above the one its time closes
        for block in candidates:
            found = by_block.get(id(block))
            if not found:
                if block.kind == "paragraph" and (opened or _STATUS_OPENS.match(block.prose)):
                    opened.append(block.text)
                continue
            above, opened = opened, []
            if found and block is section.heading_block and _RESOLVED_AT.match(block.prose):
                # "## Resolved 2025-03-02 4:10p" over the update: the status and its time in
                # one heading; "Resolved" is the author's own mark, as under "**Resolved**"
                at = len(events)
                events.extend(_entries(block, found, section, told_below=own))
                for index in range(at, len(events)):
                    event = events[index]
                    events[index] = Event(event.moment, f"(resolved) {event.text}", event.line)
            elif found and id(block) in closers:
                # an update closed by its time on a line of its own: the update's text is
                # the entry, at that time
                moment = next((m for m in found if m.has_time), found[0])
                events.append(Event(moment, closers[id(block)], moment.line))
            elif found:
                told = _entries(block, found, section, told_below=own)
                if above and len(told) == 1 and _POSTED_LAST.search(block.prose):
                    # "Monitoring / The fix is in.", then "We will keep watching. / Posted
                    # Aug 21 - 17:04": the update runs over paragraphs, its time closes the last
                    told = [Event(told[0].moment, " ".join([*above, told[0].text]), told[0].line)]
                events.extend(told)
        if status:
            # "**Resolved**" over "Our services have stayed stable": the status the page
            # gave the update is part of what it says; "Resolved" is the author's own mark
            said = "(resolved)" if status == "Resolved" else f"{status}."
            for index in range(told_here, len(events)):
                event = events[index]
                events[index] = Event(event.moment, f"{said} {event.text}", event.line)
    events.sort(key=lambda e: (e.line, e.moment.span.column))
    if any(e.moment.has_time for e in events):
        # Date headings and date-only lines group the timed entries; they are not entries
        # (an entry whose day is told relative to the ones before is: "On Tuesday, ...").
        events = [e for e in events if e.moment.has_time or e.moment.stamp.date_style == RELATIVE]
    return events


# A status update's first paragraph, opened by its status ("Monitoring\nThe fix is in."), and
# the "Posted <time>" line that closes the update's last paragraph.
_STATUS_OPENS = re.compile(
    r"\A[ \t*_#]*(?:resolved|monitoring|identified|investigating|update|verifying)\b[ \t*_:.-]*\n",
    re.IGNORECASE,
)
_POSTED_LAST = re.compile(r"\n[ \t*_]*posted\b[^\n]*\Z", re.IGNORECASE)


# A status page's update statuses (Atlassian Statuspage and the like), as a heading of its
# own over each update; "Postmortem" heads the write-up posted afterwards.
_STATUS = re.compile(
    r"\A[\s*_#]*(?P<status>resolved|monitoring|identified|investigating|update|"
    r"(?P<postmortem>postmortem|post-mortem|write-up published))[\s*_:.]*\Z",
    re.IGNORECASE,
)


# A heading that is an update's status and the time it was posted: "Resolved 2025-01-04 4:00p".
_RESOLVED_AT = re.compile(r"\A[\s*_#]*resolved[\s*_:.,–—-]*(?=\d)", re.IGNORECASE)


def _update_status(section: Section) -> str | None:
    """The status heading a status update is written under ("Resolved", "Monitoring"), or
    "postmortem" for the write-up the page posted afterwards; None for other sections."""
    if section.heading_block is None or not _posted_update(section):
        return None
    match = _STATUS.match(section.heading_block.prose)
    if match is None:
        return None
    return "postmortem" if match.group("postmortem") else match.group("status").capitalize()


def _closed_updates(section: Section, timed: Mapping[int, object]) -> dict[int, str]:
    """The time lines that close status updates in the section (`closing_lines`, or the one
    that closes an update under a status heading), by the block's id, each with the text of
    its update: the paragraphs since the one before."""
    lines = closing_lines(section)
    if not lines and _posted_update(section):
        last = _without_footer([b for b in section.blocks if b.kind != "table_cell"])[-1]
        if _time_line(last) is not None:
            lines = [last]
    if not lines:
        return {}
    closers: dict[int, str] = {}
    told: list[str] = []
    wanted = {id(b) for b in lines}
    for block in section.blocks:
        if block.kind == "table_cell":
            continue
        if id(block) in wanted:
            closers[id(block)] = " ".join([*told, block.text])
            told = []
        elif id(block) in timed:
            told = []  # a header with a time of its own ("2022-09-20 08:12 UTC · 2 hours")
        else:
            told.append(block.text)
    return closers


_SEGMENT_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)
# What may lead an entry before its time: list marks, emphasis, a table's bar, and the bullet
# characters a status page's HTML list becomes when copied as text ("  • 18:50 UTC - ...").
_LEAD_CHARS = " *_-—–|:[]()#\\@•·"


def _entries(
    block: TextBlock, found: list[Moment], section: Section, told_below: bool = False
) -> list[Event]:
    starts = [0] + [m.end() for m in _SEGMENT_BREAK.finditer(block.text)]
    opening: list[Moment] = []
    for moment in found:
        segment = starts[max(bisect.bisect_right(starts, moment.stamp.start) - 1, 0)]
        lead = block.prose[segment : moment.stamp.start].strip(_LEAD_CHARS)
        first_of_block = moment is found[0] and moment.stamp.start <= _EVENT_LEAD
        labelled = block.kind == "heading" and _UPDATE_LABEL.fullmatch(lead) is not None
        labelled = labelled or _STATUS_LEAD.fullmatch(lead + " ") is not None
        if (len(lead) <= 12 or labelled) and (first_of_block or segment > 0):
            if opening and segment == _segment_of(starts, opening[-1]):
                continue  # a second time in the same entry ("10:00 PST (18:00 UTC)")
            opening.append(moment)
    if opening and block.list_item is not None and _status_time(block) is not None:
        # a status update copied as a list item: the whole update is the entry, at the
        # time it was posted (a time told inside it is part of what it says), with the
        # item's paragraphs below its first line and the text indented below the item
        # (read as code when indented by four spaces)
        below = [b.text for b in block.list_item.blocks if b is not block][:6]
        text = " ".join([block.text, *below, *_indented_below(block, section)])
        if block.prose.lstrip(_LEAD_CHARS)[:8].lower() == "resolved":
            text = f"(resolved) {text}"  # the page's own mark, as under "**Resolved**"
        return [Event(opening[0], text, block.first_line)]
    last = found[-1]
    if (not opening or opening == [last]) and block.kind != "heading":
        closing = closing_time(block.prose)
        if closing is not None and last.stamp.start >= len(block.prose.rstrip()) - 64:
            # a status update closed by its time: the whole update is the entry (not when
            # times open the block's lines, as a timeline written as lines has them)
            return [Event(last, block.text, block.first_line)]
    if not opening and block.list_item is not None and section.is_under("timeline"):
        # "- Deploy of v3.1 started (14:02)", "- The on-call was paged at 14:09.": an item of
        # a timeline is an entry wherever its time is written; its first time is the entry's
        timed = next((m for m in found if m.has_time), None)
        if timed is not None:
            return [Event(timed, block.text, block.first_line)]
    if block.kind == "paragraph" and section.is_under("timeline"):
        told = _told_entries(block, found, opening)
        if told:
            return told
    result: list[Event] = []
    for index, moment in enumerate(opening):
        end = opening[index + 1].stamp.start if index + 1 < len(opening) else len(block.text)
        text = block.text[moment.stamp.start if index else 0 : end]
        if block.kind == "heading" and section.blocks and not told_below:
            # "### 13:35", then what happened in the paragraphs under it
            text += " " + " ".join(b.text for b in section.blocks[:6])
        elif index + 1 == len(opening) and block.list_item is not None:
            text += _told_in_sublist(block, block.text[moment.stamp.end : end])
        result.append(Event(moment, text, moment.line))
    return result


def _indented_below(block: TextBlock, section: Section) -> list[str]:
    """The text of a code block right under a list item (the item's paragraph indented
    too little to belong to it, as a copied page indents it): part of what the item says."""
    if block.list_item is None:
        return []
    end = block.list_item.last_line
    return [
        code.text.strip()
        for code in section.code_blocks
        if end < code.first_line <= end + 2 and not code.info
    ][:1]


def _told_entries(block: TextBlock, found: list[Moment], opening: list[Moment]) -> list[Event]:
    """Entries of a timeline paragraph that tells the story in sentences ("At 14:02 we
    deployed v12. Our monitoring alerted the on-call at 14:09."): one entry per sentence with
    a time, from that sentence to the next. Empty when the times open the entries (one a
    line), as most timelines write them, and for list items (an item with its time later in
    the line is as often a note beside the story as a step of it)."""
    timed = [m for m in found if m.has_time]
    if not timed:
        return []
    if block.list_item is not None:
        return []
    firsts: list[tuple[int, Moment]] = []
    # Where each entry begins: a sentence's first time, and a later time of the same sentence
    # told in a clause of its own ("The maintainers were notified at 11:45 UTC, and the
    # registry unpublished the version at 13:10 UTC": two steps, not one at 11:45).
    starts: list[tuple[int, Moment]] = []
    previous: Moment | None = None
    for moment in timed:
        left, _ = _sentence_bounds(block.prose, moment.stamp.start, moment.stamp.end)
        if not firsts or firsts[-1][0] != left:
            firsts.append((left, moment))
            starts.append((left, moment))
        elif previous is not None:
            cut = None
            for match in _CLAUSE_BREAK.finditer(
                block.prose, previous.stamp.end, moment.stamp.start
            ):
                cut = match.start()
            if cut is not None:
                starts.append((cut, moment))
        previous = moment
    if len(firsts) < 2 or len(firsts) <= len(opening):
        return []
    events = []
    for index, (left, moment) in enumerate(starts):
        right = starts[index + 1][0] if index + 1 < len(starts) else len(block.text)
        events.append(Event(moment, block.text[left:right], moment.line))
    return events


def _told_in_sublist(block: TextBlock, own: str) -> str:
    """ "- 14:02" with what happened in the list nested under it ("  - v2 deployed; logins
    start failing"): the nested items' text, when the item itself says next to nothing."""
    item = block.list_item
    if item is None or not item.children or len(_WORD.findall(own)) >= 3:
        return ""
    told = [child.text_block.text for child in item.children[:6] if child.text_block is not None]
    return " " + " ".join(told) if told else ""


_WORD = re.compile(r"[A-Za-z]{2,}")


def _segment_of(starts: list[int], moment: Moment) -> int:
    return starts[max(bisect.bisect_right(starts, moment.stamp.start) - 1, 0)]
