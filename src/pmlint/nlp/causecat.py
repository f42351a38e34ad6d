"""A trained reader of stated causes, for the trigger that the rules leave `unknown`.

One small spaCy `textcat` (exclusive classes, bag of words and word pairs, no vectors)
ships in `pmlint/models/trigger/`; `make train` rebuilds it from the sentences written for
this repository (`scripts/training/written-causes.tsv`, `scripts/train_causes.py`). Its
classes are the trigger classes of the core pack, `other` (a cause of no class: a latent
bug, a slip of the hand, corrupted data) and `none` (a sentence that states no cause:
impact, detection, remedy, timeline noise, lessons). A document gets a class only when a
candidate sentence's most likely class is one of the pack's and its probability reaches
the threshold stored in the model's meta.json (chosen on labelled documents the model never
trained on); `other` and `none` stay `unknown`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmlint.nlp import textcat

KIND = "trigger"
NOT_A_CLASS = frozenset(("other", "none"))
_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+")


@dataclass(frozen=True, slots=True)
class Guess:
    index: int  # of the sentence in the candidates given
    value: str
    score: float


# Broad classes of general English, one per kind of cause and one for the words that say a
# cause is told, so that weights learnt on one writer's words carry over to another's
# ("the storm cut the power" and "an electrical fault in the building" share INFRA). A word
# may belong to more than one class ("disk": load and device).
_CLASSES: dict[str, tuple[str, ...]] = {
    "CHANGE": ("deploy", "deployed", "deploying", "deployment", "release", "released",
               "rollout", "rolled", "shipped", "ship", "merged", "merge", "commit", "upgrade",
               "upgraded", "upgrading", "update", "updated", "updates", "version", "patch",
               "hotfix", "migration", "migrated", "refactor", "refactoring", "change",
               "changes", "changed", "pushed", "publish", "published", "build", "introduced",
               "regression", "new", "code", "bug", "install", "installed", "firmware"),
    "SETTING": ("config", "configuration", "configured", "misconfigured", "misconfiguration",
                "setting", "settings", "option", "parameter", "flag", "toggle", "rule",
                "record", "records", "dns", "entry", "value", "variable", "policy",
                "permission", "permissions", "acl", "allowlist", "firewall", "typo",
                "wrong", "incorrect", "edited", "nameserver", "nameservers", "delegation",
                "routing", "redirect", "mx", "zone"),
    "LOAD": ("load", "traffic", "surge", "spike", "capacity", "memory", "space", "full",
             "exhausted", "exhaust", "overloaded", "overload", "overwhelmed", "cpu",
             "saturated", "influx", "demand", "popular", "quota", "backlog", "ran", "out",
             "too", "many", "growth", "grew", "filled", "limit", "oom", "swap", "swapping"),
    "INFRA": ("server", "servers", "host", "hosts", "vm", "machine", "machines", "node",
              "nodes", "cluster", "reboot", "rebooted", "restarted", "crashed", "crash",
              "froze", "frozen", "hung", "shutdown", "shut", "power",
              "electricity", "heat", "cooling",
              "network", "outage", "operating", "system", "kernel", "room",
              "building", "rack", "site"),
    "THIRD": ("provider", "providers", "vendor", "vendors", "third-party", "third", "party",
              "upstream", "hosting", "hoster", "isp", "partner", "external", "saas", "cloud",
              "their", "registry", "mirror", "utility", "platform", "remote", "service's",
              "company", "university", "gateway", "api", "datacenter", "colocation"),
    "DEVICE": ("disk", "disks", "drive", "drives", "ssd", "hdd", "nvme", "raid", "hardware",
               "fan", "psu", "supply", "cable", "fiber", "fibre", "motherboard", "mainboard",
               "ram", "controller", "switch", "router", "card", "faulty", "failed", "broken",
               "defective", "physical", "dying", "died", "battery", "ups", "overheat",
               "overheated", "overheating", "transceiver"),
    "ATTACK": ("attack", "attacks", "attacker", "attackers", "ddos", "malicious", "exploit",
               "exploited", "breach", "breached", "compromised", "compromise", "intrusion",
               "intruder", "phishing", "leaked", "stolen", "unauthorized", "abuse", "abused",
               "botnet", "spam", "hacked", "hacker", "vulnerability", "malware",
               "ransomware", "manipulated", "manipulation", "drained", "brute"),
    "TIME": ("expired", "expiry", "expiration", "expire", "expires", "expiring", "renew",
             "renewal", "renewed", "lapsed", "certificate", "cert", "certificates", "ssl",
             "tls", "token", "validity", "valid", "registration", "license", "subscription"),
    "CAUSE": ("caused", "cause", "causes", "causing", "due", "because", "result", "resulted",
              "triggered", "trigger", "led", "root", "reason", "stemmed", "stems",
              "originated", "after", "when", "since"),
    "AFTER": ("restored", "recovered", "resolved", "fixed", "mitigated", "rolled", "back",
              "monitoring", "investigating", "noticed", "reported", "alerted", "paged",
              "sorry", "apologize", "apologise", "inconvenience", "thanks", "thank",
              "update", "users", "customers", "affected", "impact", "will", "future"),
}  # fmt: skip
_WORD_CLASSES: dict[str, list[str]] = {}
for _name, _words in _CLASSES.items():
    for _word in _words:
        _WORD_CLASSES.setdefault(_word, []).append(_name)


def features(text: str) -> str:
    """What the model reads: the words, lowercased, numbers as one token (`NUM`), then
    ` || ` and the broad class of each word that has one (`_CLASSES`)."""
    words = ["NUM" if w[0].isdigit() else w for w in _TOKEN.findall(text.lower().replace("’", "'"))]
    if not words:
        return ""
    classed = [c for w in words for c in _WORD_CLASSES.get(w, ())]
    return " ".join([*words, "||", *classed]) if classed else " ".join(words)


def best(texts: Sequence[str], threshold: float | None = None) -> Guess | None:
    """The most confident class of the pack over `texts`, if it reaches the threshold
    (the model's own unless given); None when the model is off or missing."""
    model = textcat.load(KIND)
    if model is None or not texts:
        return None
    limit = float(model.meta.get("threshold", 1.01)) if threshold is None else threshold
    found: Guess | None = None
    # a text of no words (a line of dashes) would make an empty bag, which the model rejects
    read = [(i, f) for i, t in enumerate(texts) if (f := features(t[: textcat.MAX_CHARS]))]
    docs = model.nlp.pipe([f for _, f in read], batch_size=64)
    for (index, _), doc in zip(read, docs, strict=True):
        if not doc.cats:
            continue
        value, score = max(doc.cats.items(), key=lambda item: item[1])
        if value in NOT_A_CLASS or score < limit:
            continue
        if found is None or score > found.score:
            found = Guess(index, value, float(score))
    return found
