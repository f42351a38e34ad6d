"""The broad word classes each category model reads besides the words (`categorymodel`).

General English, one class per kind of answer and a few for the words around it, so that
weights learnt on one writer's words carry over to another's. They are the models' inputs:
changing a class changes the features and needs `make train`.
"""

from __future__ import annotations

# Broad classes of general English, one per kind of cause and one for the words that say a
# cause is told, so that weights learnt on one writer's words carry over to another's
# ("the storm cut the power" and "an electrical fault in the building" share INFRA). A word
# may belong to more than one class ("disk": load and device).
TRIGGER: dict[str, tuple[str, ...]] = {
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

# Detection: who or what told. Classes of tellers (machines that watch, those who use the
# service, outside parties, our own people), the verbs of learning, and the words of what
# came after or of the cause, which tell no detection ("the alert threshold was raised").
DETECTION: dict[str, tuple[str, ...]] = {
    "WATCHER": ("alert", "alerts", "alerted", "alerting", "alarm", "alarms", "page", "paged",
                "pager", "pagerduty", "opsgenie", "monitor", "monitors", "monitoring",
                "monitored", "grafana", "prometheus", "nagios", "icinga", "zabbix", "datadog",
                "sentry", "pingdom", "uptimerobot", "statuscake", "probe", "probes", "check",
                "checks", "healthcheck", "synthetic", "dashboard", "dashboards", "graph",
                "graphs", "metric", "metrics", "threshold", "fired", "firing", "triggered",
                "automated", "automatic", "bot", "watchdog", "uptime", "canary", "heartbeat",
                "on-call", "oncall", "pages", "sms", "siren"),
    "USERS": ("user", "users", "customer", "customers", "client", "clients", "people",
              "visitor", "visitors", "player", "players", "student", "students", "member",
              "members", "subscriber", "subscribers", "community", "tenant", "tenants",
              "merchant", "merchants", "shopper", "shoppers", "reader", "readers", "patient",
              "patients", "researchers", "listener", "listeners", "complaint", "complaints",
              "complained", "complaining", "ticket", "tickets", "tweet", "tweets", "twitter",
              "forum", "discord", "reddit", "mastodon", "issue", "issues", "helpdesk",
              "support", "email", "emails", "someone", "anyone", "several", "many",
              "flood", "influx", "inbox"),
    "OUTSIDE": ("provider", "providers", "vendor", "vendors", "upstream", "partner",
                "partners", "third-party", "third", "party", "external", "isp", "host",
                "hoster", "hosting", "registrar", "cloud", "their", "they", "status",
                "notice", "advisory", "disclosure", "researcher", "bounty", "validator",
                "validators", "operator", "operators", "carrier", "datacenter", "colocation",
                "supplier", "bank", "regulator", "government", "cert", "authority"),
    "OURS": ("we", "i", "our", "us", "me", "my", "team", "engineer", "engineers", "developer",
             "developers", "dev", "devs", "staff", "colleague", "colleagues", "admin",
             "admins", "sysadmin", "operator", "maintainer", "maintainers", "employee",
             "employees", "ourselves", "myself", "ops", "sre", "sres", "intern", "qa",
             "tester", "testers", "ceo", "cto", "founder"),
    "LEARN": ("noticed", "notice", "notices", "noticing", "saw", "seen", "see", "spotted",
              "spot", "discovered", "discover", "found", "realized", "realised", "observed",
              "detected", "detect", "detection", "caught", "reported", "reports", "report",
              "reporting", "told", "informed", "notified", "aware", "learned", "learnt",
              "heard", "received", "got", "pinged", "flagged", "raised", "opened", "filed",
              "contacted", "reached", "warned", "warning", "warnings", "first", "initially",
              "began", "started", "came", "arrived", "identified", "woke", "looked",
              "checking", "investigating"),
    "AFTERWARD": ("restored", "recovered", "resolved", "fixed", "mitigated", "rolled", "back",
                  "reverted", "restarted", "will", "should", "future", "add", "added",
                  "improve", "improved", "action", "sorry", "apologize", "apologise",
                  "thanks", "lessons", "because", "caused", "cause", "due", "root",
                  "postmortem", "impact", "affected", "duration", "lasted", "minutes",
                  "hours"),
}  # fmt: skip
