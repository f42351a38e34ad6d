"""A trained reader of timeline entries: which milestone an entry tells (the impact's start,
its detection, its mitigation, its resolution) or none, for the milestones the rules leave
empty.

One small spaCy `textcat` (exclusive classes, bag of words and word pairs, no vectors)
ships in `pmlint/models/milestone/`; `make train` rebuilds it from entries written for this
repository in many registers (chat logs, status-page updates, terse timeline rows, summary
prose: `scripts/training/written-entries.tsv`, `scripts/train_milestones.py`), with hard
negatives (attempts that did not help, lead-up changes, investigation, follow-ups,
"monitoring" updates). The entry is read without its times and dates, followed by its
*classed* form: words of broad classes (a change, an alert, a symptom, a remedy, a recovery,
investigation, a closing) become the class name, so that weights learnt from one writer's
"rolled back the deploy" carry to another's "reverted the release".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmlint.nlp import categorymodel, textcat

KIND = "milestone"
CLASSES = ("start", "detected", "mitigated", "resolved", "other")

_CLASSES: dict[str, tuple[str, ...]] = {
    # a change made to the system: what often starts an incident
    "CHANGE": ("deploy", "deployed", "deploying", "deployment", "release", "released",
               "releasing", "rollout", "change", "changed", "changes", "merged", "merge",
               "pushed", "push", "upgrade", "upgraded", "upgrading", "migration", "migrated",
               "migrating", "update", "updated", "config", "configuration", "commit",
               "committed", "introduced", "applied", "enabled", "executed", "expired",
               "expires", "lapsed", "installed", "launch", "launched", "goes", "went"),
    # someone or something noticing: detection
    "ALERT": ("alert", "alerts", "alerted", "alerting", "alertmanager", "page", "paged",
              "pager", "pagerduty", "alarm", "alarms", "notified", "notifies", "notification",
              "reported", "reports", "report", "noticed", "notices", "notice", "detected",
              "detect", "detects", "detection", "discovered", "spotted", "flagged", "flags",
              "ticket", "tickets", "complaint", "complaints", "complaining", "tweet",
              "tweets", "tweeted", "email", "emails", "fired", "fires", "firing", "escalated",
              "escalates", "oncall", "on-call", "aware", "declared", "woken", "acknowledges",
              "acknowledged", "critical", "firing:"),
    # what users suffer: the first symptom
    "SYMPTOM": ("error", "errors", "erroring", "failing", "failed", "failure", "failures",
                "fail", "fails", "down", "outage", "unavailable", "unreachable", "latency",
                "slow", "slowness", "timeout", "timeouts", "timing", "crash", "crashes",
                "crashed", "crashing", "broken", "broke", "degraded", "degradation", "spike",
                "spiked", "spikes", "spiking", "elevated", "stopped", "stops", "stop",
                "unable", "lost", "loses", "loss", "missing", "stuck", "exhausted", "full",
                "overloaded", "overwhelmed", "saturated", "saturates", "oom", "panic",
                "panicked", "rejecting", "refused", "blank", "freeze", "froze", "dropped",
                "drops", "bouncing", "throttling", "climbing", "climbs", "rises", "jumps",
                "grows", "growing", "begin", "begins", "began", "beginning", "starting",
                "starts", "first"),
    # the work that stops the impact
    "REMEDY": ("rollback", "rolled", "revert", "reverted", "reverting", "restart",
               "restarted", "restarting", "reboot", "rebooted", "failover", "failed-over",
               "fix", "fixed", "hotfix", "patch", "patched", "mitigate", "mitigated",
               "mitigation", "workaround", "scaled", "disabled", "killed", "drained",
               "redeployed", "flushed", "blocked", "replaced", "recreated", "rerouted",
               "switched", "moved", "shifted", "paused", "halted", "removed", "renewed",
               "raised", "pinned", "downgraded", "promoted", "restoring"),
    # the impact over, or dropping
    "RECOVER": ("recovered", "recovers", "recovery", "restored", "normal", "normally",
                "healthy", "back", "stable", "stabilised", "stabilized", "again", "resumes",
                "resumed", "returned", "return", "returns", "subsided", "succeed", "succeeds",
                "works", "working", "reachable", "responsive", "responding", "serving",
                "flowing", "gone", "baseline", "green", "fine"),
    # people working on it
    "INVESTIGATE": ("investigating", "investigate", "investigation", "investigated",
                    "looking", "look", "looked", "checking", "check", "checks", "identified",
                    "root", "cause", "suspect", "suspected", "debugging", "debug",
                    "analysis", "analysed", "analyzed", "bridge", "call", "discussing",
                    "discussed", "considering", "considered", "trying", "tried", "attempt",
                    "attempted", "contacted", "ticket", "waiting", "reproduce", "reproduces",
                    "who", "examining", "found", "bisecting", "collected", "collecting"),
    # the incident formally over
    "CLOSE": ("resolved", "resolve", "resolving", "closed", "close", "closing", "all-clear",
              "clear", "over", "ended", "ends", "complete", "completed", "fully", "full",
              "operational", "confirmed", "confirms", "verified", "caught", "backfilled",
              "permanent", "permanently", "final"),
    # after the end: follow-up and communication
    "AFTER": ("postmortem", "post-mortem", "retrospective", "review", "lessons", "published",
              "blog", "action", "items", "follow-up", "followup", "will", "apologize",
              "apologise", "sorry", "thank", "monitor", "monitoring", "watching", "status",
              "posted", "update", "next", "customers", "credited", "refunds", "meeting"),
    "NEG": ("not", "no", "never", "n't", "didn't", "wasn't", "weren't", "still", "yet",
            "without", "cannot", "can't", "unchanged", "persists", "continue", "continues",
            "worse", "none", "hangs", "hung", "however", "but"),
    "BEFORE": ("earlier", "before", "previous", "ago", "last", "planned", "scheduled",
               "tested", "staging", "canary", "routine", "successfully", "success", "passed",
               "usual", "weeks", "month", "year"),
}  # fmt: skip
_WORD_CLASS = categorymodel.word_index(_CLASSES)

_TOKEN = re.compile(r"[a-z][a-z'’-]*|\d+")
# Times, dates and zones say when, not what: taken out before the words are read.
_WHEN = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?Z?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?\b)?"
    r"|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b"
    r"|\b(?:utc|gmt|[a-z]{1,2}[sd]t|cet|cest|eet|ist|jst|z)\b",
    re.IGNORECASE,
)


def features(text: str) -> str:
    """What the model reads: the entry's words without its times and dates, lowercased,
    numbers as `NUM`, then ` || ` and the broad class of each word that has one."""
    text = _WHEN.sub(" ", text.lower().replace("’", "'"))
    words = ["NUM" if w[0].isdigit() else w for w in _TOKEN.findall(text)][:80]
    return categorymodel.classed(words, _WORD_CLASS)


def scores(texts: Sequence[str]) -> tuple[list[dict[str, float]], float] | None:
    """Each text's probability per class, and the threshold the model's meta.json gives;
    None when the model is off or missing."""
    model = textcat.load(KIND)
    if model is None:
        return None
    read = [features(t[: textcat.MAX_CHARS]) for t in texts]
    found: list[dict[str, float]] = [{} for _ in texts]
    # a text of no words (a bare time) would make an empty bag, which the model rejects
    kept = [i for i, r in enumerate(read) if r]
    docs = model.nlp.pipe([read[i] for i in kept], batch_size=64)
    for index, doc in zip(kept, docs, strict=True):
        found[index] = {k: float(v) for k, v in doc.cats.items()}
    return found, float(model.meta.get("threshold", 1.01))
