"""Timeline facts: every timestamp resolved against the document's dates and zone, the
timeline's events in order, the incident's milestones, and durations the text states.

Computed once per document (`Document.memo`) and shared by PM101–PM105 and analyze. The
modules, by job: `model` (the data), `dates` (the day of each time), `zones` (its zone),
`html` (status-page notices written in HTML), `entries` (labels, kinds and timeline
entries), `windows` (the impact windows a text states), `choose` (milestones, stated
durations), `days` (milestones of documents
with days and no times), `stated` (a start a stated time to detect places), `ends` (which
milestone ends the impact window) and `build` (the whole, and the document's memo).
"""

from pmlint.extract.durations import parse_duration
from pmlint.extract.milestones import MILESTONES
from pmlint.extract.timeline.build import cached_timeline, timeline
from pmlint.extract.timeline.entries import update_log
from pmlint.extract.timeline.model import (
    EVENT,
    FIELD,
    FRONT_MATTER,
    MITIGATION_AT_STORY_END,
    PROSE,
    SOURCE_NAMES,
    Event,
    Moment,
    StatedDuration,
    Timeline,
    utc,
)

__all__ = [
    "EVENT",
    "FIELD",
    "FRONT_MATTER",
    "MILESTONES",
    "MITIGATION_AT_STORY_END",
    "PROSE",
    "SOURCE_NAMES",
    "Event",
    "Moment",
    "StatedDuration",
    "Timeline",
    "cached_timeline",
    "parse_duration",
    "timeline",
    "update_log",
    "utc",
]
