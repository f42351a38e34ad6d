"""A trained reader of timeline entries: which milestone an entry is (start, detected,
mitigated, resolved) or none, from its words and its place in the timeline. An experiment of
issue 14, kept in scripts/ and not shipped: it did not win held out (`evaluate_milestones.py`).

Why: keyword lists written from one set of documents did not carry to
others, so a small spaCy textcat (exclusive classes, bag of words and word pairs; the
machinery of `textcat`) is trained from the real corpus' labelled milestone times
(`milestonetrain.py`). Like the language models it reads the entry followed by
its *classed* form: words of broad classes (a change, an alert, a symptom, a remedy, a
recovery, an investigation, a closing) become the class name, so that weights learnt from one
writer's "rolled back the deploy" carry to another's "reverted the release". The entry's
place (first, last, which quarter of the timeline) and the milestone kinds the rules' word
lists see in it (`Moment.kinds`) are read as tokens too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pmlint.nlp import textcat

KIND = "milestone"
CLASSES = ("start", "detected", "mitigated", "resolved", "other")

_CLASSES: dict[str, tuple[str, ...]] = {
    # a change made to the system: what often starts an incident
    "CHANGE": ("deploy", "deployed", "deploying", "deployment", "release", "released",
               "releasing", "rollout", "rolled", "change", "changed", "changes", "merged",
               "merge", "pushed", "push", "upgrade", "upgraded", "upgrading", "migration",
               "migrated", "migrating", "update", "updated", "updating", "config",
               "configuration", "commit", "committed", "introduced", "applied", "enabled",
               "disabled", "removed", "added", "started", "began", "ran", "executed",
               "triggered", "scheduled", "expired", "expires", "renewed", "installed"),
    # someone or something noticing: detection
    "ALERT": ("alert", "alerts", "alerted", "alerting", "page", "paged", "pager", "pagerduty",
              "alarm", "alarms", "notified", "notification", "reported", "reports", "report",
              "noticed", "notice", "detected", "detect", "discovered", "observed", "saw",
              "spotted", "flagged", "ticket", "tickets", "complaint", "complaints", "tweet",
              "tweets", "email", "emails", "message", "messaged", "pinged", "monitoring",
              "monitor", "warning", "warnings", "fired", "firing", "escalated", "oncall",
              "on-call", "aware", "raised", "opened", "declared"),
    # what users suffer: the first symptom
    "SYMPTOM": ("error", "errors", "erroring", "failing", "failed", "failure", "failures",
                "fail", "fails", "down", "outage", "unavailable", "unreachable", "latency",
                "slow", "slowness", "timeout", "timeouts", "timing", "500", "500s", "502",
                "503", "504", "crash", "crashed", "crashing", "broken", "broke", "degraded",
                "degradation", "spike", "spiked", "spikes", "elevated", "increased", "stopped",
                "unable", "cannot", "can't", "lost", "loss", "dropped", "missing", "stuck",
                "exhausted", "full", "overloaded", "saturated", "oom", "panic", "impact",
                "impacted", "affected", "affecting", "disruption", "incident", "issue",
                "issues", "problem", "problems"),
    # the work that stops the impact
    "REMEDY": ("rollback", "rolled", "revert", "reverted", "reverting", "restart",
               "restarted", "restarting", "reboot", "rebooted", "failover", "failed-over",
               "fix", "fixed", "fixing", "hotfix", "patch", "patched", "mitigate",
               "mitigated", "mitigation", "workaround", "scaled", "scale", "scaling",
               "increased", "disable", "killed", "kill", "drained", "drain", "redeployed",
               "redeploy", "flushed", "cleared", "removed", "blocked", "deleted", "replaced",
               "recreated", "rerouted", "switched", "manually", "applied", "deployed"),
    # the impact over
    "RECOVER": ("recovered", "recovering", "recovery", "restored", "restore", "normal",
                "normally", "resolved", "resolve", "resolution", "healthy", "back", "stable",
                "stabilized", "stabilised", "operational", "up", "online", "working",
                "functional", "available", "returned", "green", "succeeded", "successful",
                "successfully", "complete", "completed", "completes", "finished", "caught",
                "processed", "baseline"),
    # people working on it
    "INVESTIGATE": ("investigating", "investigate", "investigation", "investigated",
                    "looking", "looked", "identified", "identify", "root", "cause", "causes",
                    "suspected", "suspect", "believe", "debugging", "debug", "diagnosed",
                    "engaged", "joined", "bridge", "call", "war", "room", "discussed",
                    "team", "teams", "engineers", "engineer", "found", "determined",
                    "confirmed", "checking", "checked"),
    # the incident formally over, or what follows it
    "CLOSE": ("closed", "close", "closing", "all-clear", "clear", "postmortem",
              "post-mortem", "retrospective", "monitoring", "watching", "observe",
              "status", "statuspage", "announced", "announcement", "posted", "published",
              "final", "finally", "ended", "ends", "over", "done"),
    "NEG": ("not", "no", "never", "n't", "didn't", "wasn't", "weren't", "still", "yet",
            "without", "cannot", "can't", "unable"),
    "PARTIAL": ("partial", "partially", "some", "most", "majority", "begin", "beginning",
                "begins", "started", "starting", "continue", "continued", "continues",
                "attempt", "attempted", "tried", "trying", "again", "another", "second",
                "further", "more"),
}  # fmt: skip
_WORD_CLASS: dict[str, list[str]] = {}
for _name, _words in _CLASSES.items():
    for _word in _words:
        _WORD_CLASS.setdefault(_word, []).append(_name)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+|\S")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b\d{4}-\d{2}-\d{2}\b", re.I)


def place_marks(index: int, count: int) -> list[str]:
    """Where an entry stands in its timeline: first, last, and its quarter."""
    marks = [f"PLACE_Q{min(4 * index // max(count, 1), 3)}"]
    if index == 0:
        marks.append("PLACE_FIRST")
    if index == count - 1:
        marks.append("PLACE_LAST")
    return marks


def features(text: str, place: Sequence[str] = (), kinds: Iterable[str] = ()) -> str:
    """What the model reads: the entry's words (times taken out), ` || ` and its classed
    form, then its place and the kinds the rules' word lists see in it."""
    text = _TIME.sub(" ", " ".join(text.replace("’", "'").split()))
    words = [w.lower() for w in _TOKEN.findall(text)][:80]
    classed: list[str] = []
    for word in words:
        found = _WORD_CLASS.get(word)
        classed.extend(found if found else [word])
    marks = [*place, *(f"RULE_{k.upper()}" for k in sorted(kinds))]
    marks += [f"{m}_{c}" for m in place for c in sorted(set(classed)) if c.isupper()]
    return " ".join([*words, "||", *classed, "||", *marks])


def textcat_config() -> dict[str, object]:
    """The language models' textcat (bag of words and pairs), smaller: a few hundred entries
    fill far fewer than 2**18 hashed rows."""
    config = textcat.textcat_config()
    model = dict(config["model"])  # type: ignore[call-overload]
    model["length"] = 2**16
    return {**config, "model": model}


# -- the experiment's combination with the rules ------------------------------------------------
# The model's folder (a `train`/`save` output); `pmlint_milestones.py` reads it.
MODELS_ENV = "PMLINT_MILESTONE_MODEL"
OVERRIDE_ENV = "PMLINT_MILESTONE_OVERRIDE"
_LOADED: dict[str, tuple[object, float] | None] = {}


def load(folder: str | None = None) -> tuple[object, float] | None:
    """(pipeline, threshold) of the model in `folder` (default: MODELS_ENV), loaded once."""
    folder = folder or os.environ.get(MODELS_ENV, "")
    if not folder or folder.lower() == "off":
        return None
    if folder not in _LOADED:
        meta = Path(folder) / "meta.json"
        if not meta.is_file():
            _LOADED[folder] = None
        else:
            import spacy

            threshold = float(json.loads(meta.read_text(encoding="utf-8"))["alone"])
            _LOADED[folder] = (spacy.load(Path(folder) / "pipeline"), threshold)
    return _LOADED[folder]


def fill_from_model(result: dict, how: dict, events: Sequence) -> None:
    """Fill each milestone the rules left empty with the timed entry the model scores highest
    for it, from the threshold, when that keeps the milestones in order."""
    from pmlint.extract.timeline.model import utc, zoned_alike

    timed = [e for e in events if e.moment.when is not None]
    empty = [k for k in CLASSES[:-1] if result.get(k) is None]
    loaded = load()
    # OVERRIDE_ENV: also re-choose a milestone the timeline's words chose when the model gives
    # the rules' entry less than this and another entry more, by at least the threshold
    low = float(os.environ.get(OVERRIDE_ENV, "-1"))
    chosen = [k for k in CLASSES[:-1] if how.get(k) == "timeline"] if low >= 0 else []
    if not (empty or chosen) or not timed or loaded is None:
        return
    nlp, threshold = loaded
    read = [
        features(e.text, place_marks(i, len(timed)), e.moment.kinds) for i, e in enumerate(timed)
    ]
    scores = [dict(d.cats) for d in nlp.pipe(read)]  # type: ignore[attr-defined]

    def in_order(kind: str, when) -> bool:
        place = CLASSES.index(kind)
        for other, chosen in result.items():
            if other not in CLASSES or chosen is None or chosen.when is None:
                continue
            if not zoned_alike(chosen.when, when):
                return False
            earlier = CLASSES.index(other) < place
            if earlier and utc(chosen.when) > utc(when):
                return False
            if CLASSES.index(other) > place and utc(chosen.when) < utc(when):
                return False
        return True

    for kind in chosen:
        mine = [i for i, e in enumerate(timed) if e.moment is result[kind]]
        if not mine or scores[mine[0]].get(kind, 0.0) >= low:
            continue
        best = max(range(len(timed)), key=lambda i: scores[i].get(kind, 0.0))
        margin = scores[best].get(kind, 0.0) - scores[mine[0]].get(kind, 0.0)
        if margin >= threshold and timed[best].moment.has_time:
            kept = result[kind]
            result[kind] = None
            if in_order(kind, timed[best].moment.when):
                result[kind], how[kind] = timed[best].moment, "model"
            else:
                result[kind] = kept
    for kind in empty:
        for i in sorted(range(len(timed)), key=lambda i: -scores[i].get(kind, 0.0)):
            if scores[i].get(kind, 0.0) < threshold:
                break
            moment = timed[i].moment
            if moment.has_time and in_order(kind, moment.when):
                result[kind], how[kind] = moment, "model"
                break
