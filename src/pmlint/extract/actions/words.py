"""The grammar of action items: placeholder words, table column and field names, item
types and states, and the patterns for dates, tickets, owners and Markdown markup.

Pure data and compiled patterns; the readers are in `fields`, `owners` and `extract`.
"""

from __future__ import annotations

import re

from pmlint.extract.timestamps import _MONTHS

ACTION_SECTION = "action-items"
# Canonical sections that tell the story rather than list work: a heading such as
# "### Lessons learned" nested under "## Action items" is not a list of action items.
NARRATIVE_SECTIONS = frozenset(
    {
        "summary", "impact", "timeline", "root-cause", "trigger", "lessons", "went-well",
        "went-wrong", "lucky", "supporting-info", "communication", "metadata", "background",
        "recurrence",
    }
)  # fmt: skip
OWNER_PLACEHOLDERS = frozenset(
    {
        "", "tbd", "tba", "tbc", "todo", "?", "??", "???", "n/a", "na", "n.a.", "none", "-",
        "--", "—", "–", "unassigned", "unknown", "nobody", "no one", "noone", "someone",
        "somebody", "anyone", "team", "the team", "teams", "all teams", "everyone",
        "everybody", "all", "eng", "engineering", "ops", "dev", "devs", "we", "us", "owner",
        "@team", "@here", "@channel", "@everyone", "@all", "x",
    }
)  # fmt: skip
DATE_PLACEHOLDERS = frozenset(
    {
        "", "tbd", "tba", "tbc", "todo", "?", "??", "???", "n/a", "na", "none", "-", "--",
        "—", "–", "soon", "asap", "later", "ongoing", "next sprint", "next quarter",
        "next week", "unknown", "when possible", "someday", "x",
    }
)  # fmt: skip
TRACKING_PLACEHOLDERS = frozenset(
    {"", "tbd", "tba", "todo", "?", "??", "???", "n/a", "na", "none", "-", "--", "—", "–", "x"}
)
# Table columns (normalised header text) and `Field:` names, by role.
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "owner": (
        "owner", "owners", "assignee", "assignees", "assigned to", "assigned", "who", "dri",
        "responsible", "responsible party", "lead", "poc", "point of contact", "contact",
        "team", "owning team", "owner team", "person", "accountable",
    ),
    "due": (
        "due", "due date", "date", "eta", "deadline", "target", "target date", "by when",
        "when", "completion date", "expected completion", "due by", "target completion",
    ),
    "tracking": (
        "ticket", "tickets", "bug", "bugs", "bug #", "ticket #", "issue", "issues", "link",
        "links", "jira", "tracking", "tracker", "tracking link", "tracked in", "pr",
        "pull request", "ref", "reference", "url", "card", "story", "epic", "tracking issue",
        "issue link", "github issue",
    ),
    "type": ("type", "category", "kind", "class", "action type"),
    "state": ("status", "state", "done", "progress", "completed", "complete"),
    "priority": ("priority", "pri", "prio", "severity", "p"),
    "description": (
        "action", "actions", "action item", "action items", "item", "items", "task", "tasks",
        "description", "what", "title", "summary", "remediation", "fix", "follow up",
        "follow-up", "improvement", "recommendation", "change", "work item", "details",
        "name", "todo", "to do", "next step", "next steps", "mitigation", "corrective action",
    ),
}  # fmt: skip
_ROLE_OF = {word: role for role, words in _ROLE_WORDS.items() for word in words}
# Field names that say "tracking" whatever follows; "Issue:" or "Link:" need a ticket or URL.
_STRONG_TRACKING_FIELDS = frozenset(
    {"ticket", "tickets", "jira", "tracking", "tracked in", "tracker", "tracking link",
     "tracking issue", "bug #", "ticket #"}
)  # fmt: skip
_DONE_WORDS = frozenset(
    {
        "done", "complete", "completed", "closed", "fixed", "resolved", "shipped", "merged",
        "finished", "implemented", "deployed", "released", "yes", "y", "true", "100%",
        "✅", "✔", "✔️", "☑", "☑️", "[x]", "x",
    }
)  # fmt: skip
_OPEN_WORDS = frozenset(
    {
        "open", "todo", "to do", "in progress", "wip", "pending", "planned", "not started",
        "blocked", "backlog", "new", "ongoing", "started", "in review", "no", "false",
    }
)  # fmt: skip
_PRIORITY = re.compile(r"^(?:p[0-4]|sev ?[0-4]|high|medium|med|low|critical|urgent|normal)$", re.I)
# Item type from a column, a field, a sub-heading ("Prevention", "Improvements/Fixes")
# or a tag in the text.
_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "prevent": ("prevent", "prevention", "preventive", "preventative", "prevents"),
    "detect": ("detect", "detection", "monitoring", "alerting", "observability", "alerts"),
    "mitigate": (
        "mitigate", "mitigation", "mitigations", "preparedness", "recovery", "response",
        "resilience",
    ),
    "repair": ("repair", "fix", "fixes", "remediation", "remediations", "corrective", "bugfix"),
    "process": (
        "process", "processes", "procedure", "procedures", "documentation", "training",
        "communication", "communications", "policy", "people", "organizational",
        "organisational",
    ),
    "investigate": ("investigate", "investigation", "investigations", "research", "analysis"),
    "other": ("other", "misc", "miscellaneous"),
}  # fmt: skip
_TYPE_OF = {word: kind for kind, words in _TYPE_WORDS.items() for word in words}
# When nothing names the type: words in the action that make it clear.
_TYPE_HINTS = (
    ("investigate", re.compile(r"^(?:investigate|look into|research|find out)\b", re.I)),
    ("detect", re.compile(r"\b(?:alert\w*|monitor\w*|dashboards?|pag(?:e|ing)|detect\w*)\b", re.I)),
    (
        "process",
        re.compile(r"\b(?:runbooks?|playbooks?|document\w*|docs|guide|checklist|train\w*)\b", re.I),
    ),
    ("prevent", re.compile(r"\b(?:prevent\w*|validat\w*|presubmit|pre-commit|lint\w*)\b", re.I)),
)

# -- dates ------------------------------------------------------------------------------------


# Month names as `extract.timestamps` reads them; the rest of the due-date grammar is its
# own: periods ("Q3 2024", "end of sprint", "EOW") and dates without a year are due dates,
# not moments on the timeline.
_MONTH = _MONTHS
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A date or a period that can serve as a due date, as written.
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\.?\s+\d{{4}}"
    r"|(?:Q[1-4]|H[12])(?:\s*|[ '/-]?)(?:FY\s?)?(?:\d{4}|'?\d{2})\b"
    r"|\d{4}[ /-]?(?:Q[1-4]|H[12])\b"
    r"|FY\s?\d{2,4}\s?(?:Q[1-4]|H[12])\b"
    r"|(?:Q[1-4]|H[12])\b"
    rf"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?:this|next)\s+)?(?:week|month|quarter|year|sprint|{_MONTH}|Q[1-4])"
    r"|EO[DWMQY]\b"
    rf"|(?:next\s+)?{_WEEKDAY}"
    r"|sprint\s+\d+"
    r"|week\s+\d{1,2}"
    r")"
)
_DATE_RE = re.compile(rf"(?<![\w/-]){_DATE}(?![\w/])", re.I)
# A date that names its year or quarter can stand alone ("Q2 2024"); others need a keyword.
_DATE_ALONE = re.compile(
    r"(?<![\w/-])(?:(?:Q[1-4]|H[12])\s?(?:FY\s?)?\d{4}|\d{4}[ /-]?Q[1-4]|FY\s?\d{2,4}\s?Q[1-4])"
    r"(?![\w/])",
    re.I,
)
# "in" starts a due date only before a period ("in Q3", "in March 2025"), not a weekday.
_PERIOD = re.compile(rf"{_MONTH}|Q[1-4]|H[12]|\d{{4}}|sprint|week|end\s+of", re.I)
_DUE_KEYWORD = re.compile(
    rf"\b(?:due(?:\s+(?:by|on|date))?|by|before|until|till|no\s+later\s+than|eta|deadline"
    rf"|target(?:ed)?(?:\s+(?:for|date))?|complete\s+by|done\s+by|in)\s*(?::\s*)?(?P<date>{_DATE})"
    r"(?![\w/])",
    re.I,
)

# -- tracking ---------------------------------------------------------------------------------


_TICKET_KEY = re.compile(r"(?<![\w/.#-])(?P<key>[A-Z][A-Z0-9]{1,9}-\d{1,7})(?![\w-])")
_NOT_TICKET_PREFIX = frozenset(
    {
        "UTF", "SHA", "ISO", "RFC", "CVE", "COVID", "MD", "AES", "TLS", "SSL", "IPV", "HTTP",
        "GPT", "CP", "ES", "PEP", "WCAG", "IEC", "IEEE", "EN", "ECMA", "AWS", "GCP", "K8S",
        "TCP", "UDP", "ARM", "X", "E", "H", "S", "T", "P", "Q", "V",
    }
)  # fmt: skip
_ISSUE_NUMBER = re.compile(r"(?<![\w&#/])#(?P<num>\d{1,7})\b")
_BUG_SLASH = re.compile(r"(?<![\w/])b/\d{3,}\b")
_ISSUE_WORD = re.compile(
    r"\b(?:bug|issue|ticket|pr|pull\s+request|mr|merge\s+request|cl|changelist)\s*(?:#\s*)?\d{2,}\b",
    re.I,
)
_TRACKER_URL = re.compile(
    r"/(?:issues?|pulls?|pull-requests?|merge_requests|browse|tickets?|bugs?|story|stories"
    r"|tasks?|cards?|c|change|changes|\+|work_items|workitems|projects/[^/\s]+/issues)/"
    r"[^\s]*\d|show_bug\.cgi\?id=\d|[?&](?:id|issue|selectedIssue)=[A-Z]*-?\d"
    r"|linear\.app/|\.atlassian\.net/|youtrack|crbug\.com/\d|issuetracker\.google\.com"
    r"|trello\.com/c/|app\.asana\.com/|app\.shortcut\.com/|/-/issues/",
    re.I,
)
_TRACKER_LINK_TEXT = re.compile(
    r"^(?:.*\b(?:issue|issues|ticket|bug|pr|pull\s+request|jira|tracking|tracker|task|story"
    r"|epic|mr|merge\s+request)\b.*|#\d+|[A-Z][A-Z0-9]{1,9}-\d+|b/\d+)$",
    re.I,
)

# -- owners and fields ------------------------------------------------------------------------


_HANDLE = re.compile(r"(?<![\w.@/`])@(?P<handle>[A-Za-z0-9](?:[\w.-]*\w)?(?:/[\w.-]*\w)?)")
# Handles the item only notifies: "ping @dana + @lee", "cc @ops", "page @oncall"; they do
# not own the work ("ask @kim to ...", "with @kim" and "thanks to @kim" may).
_RECIPIENT = re.compile(
    r"\b(?:ping(?:s|ing)?|notif(?:y|ies|ying)|cc:?|tag(?:s|ging)?|mention(?:s|ing)?"
    r"|pag(?:e|es|ing)|alert(?:s|ing)?|message|dm|e-?mail(?:s|ing)?|inform(?:s|ing)?"
    r"|contact(?:s|ing)?|loop\s+in|escalate\s+to|reach\s+out\s+to|send\s+(?:it\s+|them\s+)?to|forward\s+(?:it\s+|them\s+)?to)\s+"
    r"(?P<who>@[\w.-]+(?:\s*(?:,|\+|&|/|\band\b|\bor\b)\s*@[\w.-]+)*)",
    re.I,
)
# An @handle or an email that the work points at, not who does it: after an article or a
# possessive it names a thing ("added an @oncall group", "the @oncall group"); an email
# after a preposition of direction is where something goes ("hooked the checks up to
# alerts@example.org"), unless the words before give the work to it ("assigned to",
# "handed over to", "thanks to").
_ADDRESS_DETERMINERS = frozenset({"a", "an", "the", "our", "their", "its", "this", "that", "new"})
_ADDRESS_DIRECTIONS = frozenset({"to", "into", "onto", "at", "via", "from"})
_ADDRESS_GIVEN_TO = frozenset(
    {"assign", "assigned", "hand", "handed", "over", "delegate", "delegated", "thanks", "credit",
     "give", "given", "pass", "passed", "goes", "went", "falls", "fell"}
)  # fmt: skip
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# Longest first, then alphabetical: the same pattern in every process (a set's order
# changes with the hash seed, and each new order was a pattern to compile and to store).
_FIELD_NAMES = sorted(
    {w for role, words in _ROLE_WORDS.items() if role != "description" for w in words}
    | {"owned by"},
    key=lambda name: (-len(name), name),
)
_FIELD_NAME_RE = "|".join(re.escape(n) for n in _FIELD_NAMES if len(n) > 1)
# `Owner: Dana`, `**Due:** 2024-06-01`, `assigned to Dana`: the value runs to a comma,
# semicolon, pipe, bracket or the next field.
_FIELD = re.compile(
    rf"(?<![\w-])(?P<name>{_FIELD_NAME_RE})\s*(?:[:=]|(?<=assigned to)|(?<=owned by))\s*"
    rf"(?P<value>(?:(?!\s?(?:[,;|()\[\]\n]|(?<!\b[A-Z])\.(?:\s|$)|\s(?:—|–|--)\s"
    rf"|(?<![\w-])(?:{_FIELD_NAME_RE})\s*[:=])).)*)",
    re.I,
)
_TEAM_WORD = re.compile(
    r"\b(?:team|squad|group|crew|guild|tribe|chapter|committee|maintainers|council|org"
    r"|department|dept|sre|devops|oncall|on-call|infra|platform)\b",
    re.I,
)
_TEAM_ACRONYMS = frozenset({"SRE", "SREs", "QA", "IT", "DBA", "DBAs", "NOC", "SecOps", "DevOps"})
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)$")
# Words that look like names in a trailing "(…)" but are products, statuses or categories.
_NOT_NAMES = frozenset(
    {
        "done", "todo", "open", "closed", "complete", "completed", "fixed", "pending", "wip",
        "blocked", "planned", "ongoing", "resolved", "merged", "shipped", "optional",
        "required", "high", "medium", "low", "critical", "urgent", "important", "maybe",
        "prevent", "prevention", "detect", "detection", "mitigate", "mitigation", "process",
        "repair", "recovery", "other", "investigate", "investigation", "monitoring",
        "alerting", "documentation", "testing", "security", "performance", "reliability",
        "production", "staging", "prod", "dev", "test", "kubernetes", "terraform", "grafana",
        "prometheus", "docker", "jenkins", "github", "gitlab", "jira", "linux", "postgres",
        "postgresql", "mysql", "redis", "kafka", "nginx", "traefik", "helm", "slack",
        "pagerduty", "datadog", "elasticsearch", "consul", "vault", "ansible", "azure",
        "google", "amazon", "cloudflare", "fastly", "sentry", "python", "java", "go", "rust",
        "node", "javascript", "typescript", "windows", "android", "ios", "chrome", "firefox",
        "see", "note", "e.g.", "i.e.", "etc", "and", "or", "the", "a", "an", "all", "some",
        "bug", "issue", "ticket", "follow-up", "followup", "later", "now", "tbd", "new",
        "old", "short", "long", "term", "phase", "step", "part", "p0", "p1", "p2", "p3",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "customer", "customers", "confluence",
        "notion", "opsgenie", "statuspage", "splunk", "honeycomb", "argo", "argocd", "flux",
        "istio", "envoy", "linkerd", "cassandra", "mongodb", "mongo", "elastic", "kibana",
        "loki", "tempo", "jaeger", "nomad", "spinnaker", "circleci", "travis", "buildkite",
        "bitbucket", "backstage", "okta", "stripe", "twilio", "sendgrid", "zendesk",
        "salesforce", "snowflake", "bigquery", "airflow", "spark", "hadoop", "celery",
        "rabbitmq", "zookeeper", "etcd", "coredns", "calico", "cilium", "karpenter",
        "cloudwatch", "stackdriver", "heroku", "vercel", "netlify", "openstack", "vmware",
        "macos", "ubuntu", "debian", "centos", "fedora", "docs", "wiki", "runbook", "email",
        "phone", "pager", "web", "api", "ui", "cli", "internal", "external", "public",
    }
)  # fmt: skip
# A match never starts inside a run of blanks (the same matches, found in linear time).
_CONNECTOR = re.compile(r"(?<!\s)\s*(?:,|&|/|\band\b|\+)\s*", re.I)
_TRAILING_GROUP = re.compile(r"(?<!\s)\s*[(\[](?P<body>[^()\[\]\n]{1,120})[)\]]\s*(?:[.;,]\s*)?$")
# The body starts with its first non-blank: otherwise it and the `\s*` before it share a
# run of blanks, and a long run cost its square.
_TRAILING_DASH = re.compile(r"\s(?:—|–|--)\s*(?P<body>[^—–\s][^—–\n]{0,59}?)\s*(?:[.;]\s*)?$")
_LEADING_REF = re.compile(
    r"^\s*(?:\[(?:#\d+|[A-Z][A-Z0-9]{1,9}-\d+|b/\d+)\]|#\d+|[A-Z][A-Z0-9]{1,9}-\d+)\s*[:.-]?\s*"
)
_TASK = re.compile(r"^\s*\[(?P<state>[ xX])\]\s*")
# Markup, removed to get the text as read.
# Link text holds no brackets and a URL one level of parentheses (`wiki/Foo_(bar)`), so no
# `[` of a long run of them rescans the rest of the line. Comments: `remove_comments`.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
_INLINE_LINK = re.compile(
    r"\[(?P<text>[^\[\]\n]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"\n]*\")?\)"
)
_REF_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\[(?P<ref>[^\[\]\n]*)\]")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>]*[^\s<>.,;:!?)\]'\"]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
_STRIKE = re.compile(r"~~(?P<text>[^~\n]+)~~")
_EMPHASIS = re.compile(r"(?<![0-9A-Za-z\\])(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)(?![0-9A-Za-z])")
# Work already done: "Rolled back the deployment", "We added an alert", "Alert was added".
_IRREGULAR_PAST = frozenset(
    {
        "wrote", "built", "made", "ran", "took", "gave", "sent", "found", "chose", "kept",
        "brought", "began", "did", "got", "held", "led", "told", "spent", "drove", "undid",
        "withdrew", "froze", "caught", "sought", "taught", "bought", "spun", "threw", "broke",
        "fed", "flew", "hid", "hung", "knew", "paid", "rose", "said", "saw", "sold", "stood",
        "struck", "tore", "understood", "woke", "won", "wound", "felt", "lost", "dealt",
        "drew", "shook", "swept", "stole", "upheld", "overrode", "rewound", "forgot", "bent",
    }
)  # fmt: skip
# Participles that also stand as adjectives at the start of an item ("Improved alerting
# for X", "Automated tests for Y" name work to do); after a subject they are verbs ("We
# improved our CI", "We have updated the docs" report it).
_PARTICIPLE_ADJECTIVES = frozenset(
    {
        "automated", "dedicated", "detailed", "advanced", "distributed", "centralized",
        "centralised", "improved", "enhanced", "expanded", "extended", "increased", "reduced",
        "updated", "combined", "unified", "simplified", "standardized", "standardised",
        "scheduled", "managed", "hosted", "shared", "related", "based", "limited", "required",
        "continued", "focused", "targeted", "structured", "integrated", "isolated",
    }
)  # fmt: skip
_NOT_PAST = _PARTICIPLE_ADJECTIVES | frozenset(
    {
        "need", "needed", "feed", "seed", "speed", "proceed", "succeed", "exceed", "embed",
        "shed", "shred", "bleed", "breed", "heed", "weed", "red", "bed", "ted",
    }
)  # fmt: skip
_PAST_NEXT = frozenset(
    {
        "the", "a", "an", "our", "their", "its", "his", "her", "this", "that", "these",
        "those", "all", "some", "back", "up", "out", "off", "down", "over", "in", "on", "to",
        "with", "from", "for", "it", "them", "stricter", "more", "additional", "new", "extra",
        "several", "two", "three", "both", "each", "every", "any", "away", "into", "and",
    }
)  # fmt: skip
_FUTURE = re.compile(
    r"\b(?:will|shall|should|must|need(?:s|ed)?\s+to|have\s+to|has\s+to|to\s+be|going\s+to"
    r"|plan(?:s|ned)?\s+to|want\s+to|intends?\s+to|todo|to\s+do"
    r"|(?:['’]ve|\bhave|\bhas)\s+got\s+to)\b"
    # work still under way beside the report: "..., and we're currently compiling a list"
    r"|\b(?:we|i|they)(?:['’]re|['’]m|\s+are|\s+am)\s+(?:(?:\w+ly|now|still|also)\s+)*\w+ing\b",
    re.I,
)
# Adverbs between a subject or an auxiliary and the verb of a report: "We have
# immediately updated", "has now been fixed", "I also installed".
_REPORT_ADVERB = r"(?:\w+ly|now|just|also|already|since|then|finally|meanwhile)"
# "We added", "We have added" and the contracted "We've added" / "I’ve added".
_PRONOUN_PAST = re.compile(
    r"^(?:(?:we|i|they)['’]ve\s+|(?:we|i|they|he|she|the\s+team)\s+)"
    rf"(?:(?:have|has|had|{_REPORT_ADVERB})\s+)*"
    r"(?P<verb>[a-z][a-z-]*)\b",
    re.I,
)
# Words that open a past verb's object in "Acme noticed that ...", "Storage vendors
# shipped a fix ...": a report of what a party did, not a reduced clause ("customers
# affected by ...").
_OBJECT_START = frozenset(
    {
        "the", "a", "an", "that", "our", "their", "its", "this", "these", "those", "it",
        "them", "some", "several", "both", "all", "new", "support", "two", "three",
    }
)  # fmt: skip
_PASSIVE_PAST = re.compile(
    rf"\b(?:was|were|(?:has|have|had)\s+(?:{_REPORT_ADVERB}\s+)?been)\s+(?:{_REPORT_ADVERB}\s+)?"
    r"(?:\w+ed|built|made|"
    r"written|rewritten|run|taken|sent|found|set\s+up|done|given|kept)\b",
    re.I,
)
_PLACEHOLDER_ITEM = re.compile(
    r"^(?:tbd|tba|todo|n/?a|-+|\?+|\.\.\.|none(?:\s+(?:yet|so\s+far|at\s+this\s+time|identified"
    r"|for\s+now|needed))?|nothing(?:\s+\w+){0,4}"
    r"|no\s+(?:further\s+|additional\s+|new\s+|other\s+|open\s+)?(?:action\s*items?|actions"
    r"|follow[- ]?ups?|items|tasks|remediations?)(?:\s+\w+){0,6}"
    r"|to\s+be\s+(?:determined|defined|added|decided|written)(?:\s+\w+){0,4})[.!]?$",
    re.I,
)
# A status page's stamp under each update ("Posted Sep 16, 2022 - 17:42 UTC", "Updated on
# 3 May 2024 at 10:05"): when it follows the last paragraph of an action section it is
# no item. The date itself is checked with `date_like` once a clock time is cut off.
_STAMP_ITEM = re.compile(
    r"^(?:posted|updated|published|last\s+updated|edited)(?:\s+(?:on|at))?\s*:?\s+"
    r"(?P<date>.+?)(?:\s*(?:[-–—,]|at)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|[+-]\d{2}:?\d{2})?)?\.?$",
    re.I,
)
# First words that make a short item an action, not a label over a nested list.
_ACTION_VERBS = frozenset(
    {
        "add", "write", "create", "build", "implement", "fix", "update", "remove", "delete",
        "migrate", "automate", "document", "set", "setup", "configure", "deploy", "enable",
        "disable", "replace", "introduce", "install", "upgrade", "rotate", "split", "move",
        "rename", "limit", "cap", "alert", "page", "run", "test", "validate", "verify",
        "improve", "enhance", "review", "investigate", "ensure", "monitor", "consider",
        "audit", "define", "draft", "schedule", "increase", "reduce", "block", "require",
        "enforce", "track", "check", "handle", "make", "use", "switch", "stop", "start",
        "retry", "backport", "pin", "patch", "revert", "roll", "tune", "raise", "lower",
    }
)  # fmt: skip
# Verbs that start the work after "Acme to ..." or "Acme: ...", beyond the action verbs.
_WORK_VERBS = _ACTION_VERBS | frozenset(
    {
        "open", "file", "ship", "publish", "coordinate", "follow", "work", "send", "provide",
        "share", "prepare", "propose", "release", "contact", "reach", "talk", "discuss",
        "look", "write", "own", "lead", "drive", "finish", "complete", "land", "merge",
        "announce", "communicate", "backfill", "restore", "rerun", "re-run", "rebuild",
        "redeploy", "roll", "bump", "cut", "tag", "sign", "renew", "revoke", "reset",
        "confirm", "document", "investigate", "evaluate", "assess", "decide", "plan",
    }
)  # fmt: skip
# "Actions taken", "Steps performed during the incident": what was done, not follow-up work;
# "what could be done", "to be done" ask for work.
_DONE_TITLE = re.compile(
    r"\b(?:taken|performed|(?<!\bbe )done|completed|carried out|so far"
    r"|during the (?:incident|outage))\b",
    re.I,
)

# -- owners written as conventions ------------------------------------------------------------


_ORG_WORD = (
    r"(?:team|squad|group|crew|guild|tribe|committee|council|maintainers|foundation|board"
    r"|department|dept|org|organi[sz]ation|company|vendor|provider|sre|sres|devops|infra"
    r"|infrastructure|platform|ops|security|support|admins|sysadmins|staff)"
)
# A party's commitment as minutes and status pages record it: "Grant would like to talk to
# ...", "LT agreed to write ...", "Our network team remains committed to ...".
_COMMITS = (
    r"(?:would\s+like\s+to|(?:has\s+|have\s+)?(?:agreed|offered|volunteered)\s+to"
    r"|remains?\s+committed\s+to|(?:is|are)\s+committed\s+to)"
)
# "The drand team will patch ...", "Payments team to add ...", "The foundation is moving ..."
_ORG_SUBJECT = re.compile(
    rf"^(?P<owner>(?:the\s+|our\s+)?(?:[A-Za-z][\w.-]*\s+){{0,2}}{_ORG_WORD}|team\s+[A-Z][\w-]*)"
    rf"\s+(?:will|shall|would|to|is|are|has|have|plans?\s+to|commits?\s+to|{_COMMITS})\s+"
    r"(?:(?:now|also)\s+)?(?!be\b(?!\s+[a-z]+ing\b)|not\b)",
    re.I,
)
# "... after I dig through the logs", "and I was able to patch the pipeline": the writer
# as the subject of work in any clause of the item (the labeled sets count such items as
# the author's). Not a verb of opinion, wish or perception ("I think we need", "I feel
# that we should", "I wanted to get this out", "I noticed"), nor "I am"/"I was" alone.
_AUTHOR_DOES = (
    r"(?:(?:also|just|then|now|already|quickly|finally|first)\s+)?"
    r"(?:(?:was|am)\s+able\s+to\s+[a-z]"
    r"|(?!(?:do|did)\s+not\b)"
    r"(?!(?:think|thought|feel|felt|believe|believed|guess|suppose|hope|hoped|wish|wished"
    r"|wonder|wondered|know|knew|want|wanted|would|assume|assumed|agree|suspect|suspected"
    r"|expect|expected|understand|understood|mean|meant|see|saw|notice|noticed|hear|heard"
    r"|reali[sz]ed?|appreciate|apologi[sz]e|am|was|don|didn|doesn|cannot|can|could|may"
    r"|might|should|must|love|like|liked|hate|doubt|reckon|imagine|recall|remember)\b)"
    r"[a-z]{2,}\b)"
)
# "I will add ...", "I'll rotate ...", "I've bumped ...": the writer owns it.
# Anywhere in the item with a modal ("-- I will be moving ...", "Note to self: I need to").
_FIRST_PERSON = re.compile(
    r"(?:^(?:(?i:so|and|then|also|ok(?:ay)?|now|next|meanwhile)\b,?\s+)?|[,;]\s+|\(\s?)"
    r"I(?:['’](?:ll|ve|m|d)|\s+(?:will|shall|am|have|also|plan|intend|might"
    r"|may|can|could|would))\s+(?!not\b|sure\b|sorry\b|glad\b|afraid\b)[a-z]"
    r"|(?<![\w'’/.-])I(?:['’](?:ll|ve|m|d)|\s+(?:will|shall|plan|intend|need|must|should"
    r"|am\s+going))\s+[a-z]"
    r"|(?<![\w'’/.-])(?<!Phase )(?<!Part )(?<!Stage )(?<!Step )(?<!Tier )"
    rf"I\s+{_AUTHOR_DOES}"
)
# The writer asking a group of people to act, in the present or the past ("We strongly
# encourage all node operators to upgrade ...", "We asked every maintainer to rotate ...",
# "..., we advise they do so"), or the group told so in the passive ("Operators are urged
# to ..."): the request hands the work to that group, which owns the item. Not a promise
# to ask ("we will instruct members to ..." is the writers' own work), a wish ("we would
# like to recommend ..."), nor a request to things ("recommend that packages ship ...").
_AUDIENCE_PEOPLE = (
    r"(?:(?:user|customer|client|operator|maintainer|member|participant|developer"
    r"|contributor|administrator|admin|sysadmin|owner|holder|partner|packager"
    r"|integrator|subscriber|tenant|reader|employee)s?|staff)\b"
)
_AUDIENCE_ASKS = (
    r"(?:encourag(?:e|es|ed)|urg(?:e|es|ed)|ask(?:s|ed)?|advis(?:e|es|ed)|request(?:s|ed)?"
    r"|recommend(?:s|ed)?|invit(?:e|es|ed)|call(?:s|ed)?\s+on|remind(?:s|ed)?)"
)
_AUDIENCE = re.compile(
    r"(?:^|[,;:]\s+)(?i:we|I)(?:\s+(?:have|has)|['’]ve)?\s+"
    r"(?:(?i:highly|strongly|kindly|also|therefore|again|now|hereby|urgently)\s+)*"
    rf"(?i:{_AUDIENCE_ASKS})\s+(?:(?i:that)\s+)?"
    r"(?P<owner>(?i:they|you)\b"
    r"|(?:(?i:all|every|each|any|our|the|those|affected)\s+)?(?:[\w-]+,?\s+(?:(?i:and|or)\s+)?){0,5}?"
    rf"(?i:{_AUDIENCE_PEOPLE}))"
    r"(?:\s+(?i:who|that)\b[^,]*,)?\s+(?:(?i:to)\s+)?[a-z]"
    rf"|^(?P<passive>(?:(?i:all|every|each|any|affected)\s+)?(?:[\w-]+\s+){{0,2}}?(?i:{_AUDIENCE_PEOPLE}))"
    r"\s+(?:are|were)\s+(?:(?i:strongly|highly|kindly|also|therefore|now|again)\s+)?"
    r"(?:encouraged|urged|asked|advised|requested|invited|reminded)\s+to\s+[a-z]"
)
# "They are going to review ...", "She will add ...": a party named before the item (the
# lead-in or the paragraph above) as the subject of an intention; not "they will be paged".
_PRONOUN_SUBJECT = re.compile(
    r"^(?P<owner>they|he|she)\s+(?:(?:are|is)\s+)?(?:also\s+|now\s+)?"
    r"(?:will|shall|going\s+to|plans?\s+to|intends?\s+to)\s+(?!be\b|not\b|have\s+to\b)[a-z]",
    re.I,
)
# "Alex added the sites to monitoring", "Dana will rotate the keys": a name as the subject
_NAMED_SUBJECT = re.compile(
    r"^(?P<owner>[A-Z][a-z'’]+)(?P<surname>\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)?"
    r"\s+(?:will|shall|has|had|is|was|also|then|['’]ll|[a-z]+ed)\b"
)
# A named party (a project, an organisation, a person not on the name list; several
# joined by "and", "+", "&") as the subject of work: "Acme is removing the old packages",
# "Northwind Labs will add ...", "Fernbrook and Lumen will coordinate ...", "Lumen to open ...".
_PARTY = r"[^\W\d_a-z][\w&.'’-]*(?:\s+[^\W\d_a-z][\w&.'’-]*){0,2}"
_PARTY_SUBJECT = re.compile(
    rf"^(?P<owner>{_PARTY}(?:\s*(?:,|&|\+|\band\b)\s*{_PARTY}){{0,3}})\s+"
    r"(?:(?P<progressive>(?:is|are)\s+(?:(?:now|also|currently|already|actively)\s+)?"
    r"(?P<verb>[a-z]+ing)\b(?!\s+(?:out\s+of|low|slow|late|behind)\b))"
    r"|(?:will|shall|(?:is|are)\s+going\s+to|plans\s+to|(?:has|have)\s+committed\s+to|needs\s+to"
    rf"|{_COMMITS}"
    r"|(?P<bare>plan|need)\s+to)"
    r"(?:\s+(?:also|now|then|first))?\s+(?!be\b|not\b|never\b|have\s+to\b)[a-z]"
    r"|to\s+(?P<work>[a-z]+)\b)"
)
# Verbs that take a "to" infinitive: "Remember to check ...", "Try to reduce ..." open an
# imperative, not "Acme to rotate ...".
_INFINITIVE_VERBS = frozenset(
    {
        "remember", "try", "need", "want", "continue", "begin", "plan", "attempt", "aim",
        "strive", "learn", "remind", "prefer", "decide", "agree", "choose", "hope", "intend",
        "prepare", "refuse", "tend", "fail", "forget", "manage", "seek", "proceed", "commit",
        "ask", "tell", "push", "go", "default", "fall", "return", "pivot", "get", "be",
        "work", "look", "reach", "talk", "speak", "listen", "respond", "reply", "write",
        "train", "teach", "encourage", "expect", "wait", "pledge", "promise", "offer",
        "volunteer", "help", "allow", "enable", "require", "force", "invite", "urge",
        "instruct", "advise", "escalate", "adhere", "stick", "keep", "opt",
    }
)  # fmt: skip
# Capitalised words that open a sentence without naming a party.
_NOT_SUBJECTS = frozenset(
    {
        "it", "this", "that", "there", "these", "those", "here", "everything", "nothing",
        "something", "anything", "work", "we", "they", "he", "she", "i", "you", "the", "a",
        "an", "our", "their", "each", "every", "some", "no", "any", "all", "one", "what",
        "which", "who", "traffic", "load", "usage", "everyone", "nobody", "someone",
    }
)  # fmt: skip
# Verbs in -ing that say how a thing behaves, not what a party does ("Redis is missing a
# limit", "Search is failing over"): never an owner's work.
_STATE_VERBS = frozenset(
    {
        "missing", "lacking", "failing", "pending", "being", "getting", "becoming",
        "happening", "breaking", "crashing", "leaking", "lagging", "timing", "erroring",
        "flapping", "hanging", "blocking", "waiting", "trending", "growing", "degrading",
        "working", "starting", "stopping", "returning", "throwing", "showing", "causing",
        "affecting", "consuming", "using", "hitting", "exceeding", "loading", "booting",
        "restarting", "retrying", "spiking", "dropping", "losing", "going", "coming",
        "holding", "filling", "saturating", "thrashing", "looping", "stuck", "serving",
    }
)  # fmt: skip
# A post named by its title, capitalised as minutes and resolutions write it: "The ICT
# Manager will organise ...", "That the Director of IT report ...", "the Resilience
# Lead and Estates Services should file ...". Lower case ("the engineer should") is a
# role in general, and a plural ("Admins should") a class of people: neither owns.
_ROLE_TITLE = (
    r"(?:[A-Z][\w&-]*\s+){0,3}(?:Manager|Officer|Director|Lead|Chair|Chairman|Chairperson"
    r"|Clerk|Secretary|Coordinator|Co-ordinator|Administrator|Commander|Treasurer"
    r"|Head\s+of\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2})"
)
_ROLE_PARTY = (
    rf"(?:the\s+)?{_ROLE_TITLE}"
    r"(?:\s+(?:and|&)\s+(?:the\s+)?(?:[A-Z][\w&-]*\s+){0,2}[A-Z][\w&-]*)?"
)
_ROLE_SUBJECT = re.compile(
    r"^(?:(?P<that>(?:\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z]\))?\s*(?i:that)\s+)|(?i:the)\s+)?"
    rf"(?P<owner>{_ROLE_PARTY})\s+"
    r"(?:(?:will|shall|should|would|must|(?:is|are)\s+to|to|needs?\s+to|"
    rf"{_COMMITS})\s+(?:also\s+|now\s+)?(?!be\b|not\b)[a-z]|(?(that)[a-z]+\b(?<!s\b)|(?!)))"
)
# Software named like a post ("AWS Secrets Manager will rotate ...", "the Cluster Manager
# will reschedule ..."): a thing, not an owner. The word before "Manager", lower case.
_SOFTWARE_POSTS = frozenset(
    {
        "secrets", "secret", "certificate", "cert", "package", "cluster", "task", "window",
        "resource", "node", "password", "traffic", "connection", "lock", "device", "process",
        "session", "transaction", "cache", "queue", "job", "volume", "disk", "file", "boot",
        "display", "config", "configuration", "key", "memory", "power", "download", "update",
    }
)  # fmt: skip
# Minutes report who said what: "The Director of IT said that <the item>"; the item's
# owner is the subject of what was said, not the speaker.
_REPORTED = re.compile(
    r"^[A-Z][\w.'’-]*\s+(?:(?:[A-Z][\w.'’-]*|of|the|for|and)\s+){0,5}(?:stated|explained|said|noted|reported|confirmed|advised"
    r"|suggested|added|proposed|agreed|informed\s+(?:the\s+)?\w+)\s+that\s+(?=\S)"
)
# A leading adverbial clause before the subject: "Given ..., Acme is to ...", "After the
# freeze, Dana will ...", "In the coming weeks, the storage team will ...". Prepositions,
# subordinators and sequence adverbs (closed classes).
_LEADING_CLAUSE = re.compile(
    r"^(?:given|after|before|once|when|whenever|while|whilst|as|since|until|till|by|in"
    r"|within|over|from|following|during|for|if|because|with|without|starting|beginning"
    r"|going|moving|longer|additionally|also|meanwhile|separately|finally|first|firstly"
    r"|second|secondly|third|thirdly|next|then|later|today|tomorrow|now|furthermore"
    r"|moreover|further|lastly|subsequently|accordingly|therefore|thus|hence|to|on|at"
    r"|under|pending|upon|where|although|though|besides|alongside|ahead|beyond|based"
    r"|in\s+addition|as\s+well|at\s+the\s+same\s+time)\b",
    re.I,
)
# "K. Sweeney will request ...", "J Doe to add ...": an initial and a surname name a person.
_INITIAL_SUBJECT = re.compile(
    r"^(?P<owner>[A-Z]\.?\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
    r"\s+(?:will|shall|to|is|has|had|['’]ll)\s+(?!be\b|not\b)[a-z]"
)
# "Engineer A will ...", "Developer 2 to add ...": a person kept anonymous by a role and a
# letter or number, as blameless write-ups do (after a label or a quote: "Action item:
# \"Engineer A will ...\""); "will be more careful" is still that person's promise.
_PSEUDONYM_SUBJECT = re.compile(
    r"^(?:[A-Za-z][\w -]{0,20}:\s*)?[\"“']?(?P<owner>(?:Engineer|Developer|Operator|Admin"
    r"|Administrator|Responder|Reviewer|Person|Employee|Contractor|Analyst|SRE)\s+(?:[A-Z]|\d{1,2}))"
    r"\s+(?:will|shall|to|is|has|['’]ll)\s+(?!not\b|be\s+\w+ed\b)[a-z]"
)
# "QA will get new hardware ...", "NOC to page ...": a team's acronym as the subject
# (matched with its case, so that "It will ..." is not the IT team).
_ACRONYM_SUBJECT = re.compile(
    r"^(?P<owner>SREs?|QA|QE|IT|DBAs?|NOC|SOC|SecOps|DevOps)"
    r"\s+(?:will|shall|to|is|are|has|have)\s+(?!be\b|not\b)[a-z]"
)
# Bracketed tags that name a thing, not who: "[DNS] Add resolver alerts", "[P1] ...".
_TECH_TAGS = frozenset(
    {
        "API",
        "APIS",
        "CI",
        "CD",
        "CICD",
        "UI",
        "UX",
        "DB",
        "SQL",
        "DNS",
        "HTTP",
        "HTTPS",
        "TLS",
        "SSL",
        "CDN",
        "VPN",
        "K8S",
        "VM",
        "VMS",
        "OS",
        "CPU",
        "RAM",
        "IO",
        "DISK",
        "IAM",
        "SSO",
        "MFA",
        "SLO",
        "SLOS",
        "SLA",
        "SLAS",
        "SLI",
        "RCA",
        "PR",
        "MR",
        "WIP",
        "TODO",
        "TBD",
        "NA",
        "FYI",
        "BUG",
        "FIX",
        "DOC",
        "DOCS",
        "NEW",
        "OLD",
        "ALL",
        "AI",
        "ML",
        "LB",
        "ELB",
        "ALB",
        "NLB",
        "EC2",
        "S3",
        "RDS",
        "GKE",
        "EKS",
        "AKS",
        "GCP",
        "AWS",
        "SMS",
        "SMTP",
        "SSH",
        "TCP",
        "UDP",
        "IP",
        "BGP",
        "NTP",
        "LDAP",
        "JSON",
        "YAML",
        "CLI",
        "SDK",
        "QOL",
        "ETA",
        "OKR",
        "KPI",
        "ASAP",
        "EOD",
        "EOW",
        "DONE",
        "OPEN",
    }
)
# Words of a bracketed tag that says what an item is about or what kind it is, not who
# takes it: "[Bug] ...", "[Docs] ...", "[Gateway] ...". Lower case; with `_NOT_NAMES`
# (products, categories, states) and `_TECH_TAGS`.
_TAG_TOPICS = frozenset(
    {
        "bug", "bugs", "bugfix", "hotfix", "fix", "fixes", "feature", "features", "feat",
        "enhancement", "chore", "refactor", "cleanup", "doc", "tests", "ci", "cd", "build",
        "builds", "frontend", "backend", "front-end", "back-end", "client", "clients",
        "server", "servers", "database", "databases", "network", "storage", "core", "config",
        "deploy", "deploys", "release", "releases", "question", "idea", "ideas", "proposal",
        "epic", "spike", "story", "nit", "misc", "general", "blocker", "quick", "win",
        "next", "mobile", "app", "apps", "ux", "design", "data", "cache", "queue", "queues",
        "auth", "search", "dashboard", "dashboards", "alert", "alerts", "gateway", "proxy",
        "cluster", "clusters", "node", "nodes", "worker", "workers", "scheduler", "runner",
        "runners", "pipeline", "pipelines", "backup", "backups", "disk", "disks", "host",
        "hosts", "website", "site", "portal", "domain", "domains", "certificate",
        "certificates", "firewall", "router", "load", "balancer", "balancers", "mirror",
        "mirrors", "registry", "repo", "repository", "code", "tooling", "tools", "access",
        "permissions", "secrets", "keys", "users", "accounts", "billing", "payments",
        "upgrade", "upgrades", "migration", "rollout", "rollback", "incident", "outage",
        "postmortem", "retro", "action", "item", "fyi", "update", "updates", "status",
        "infra-as-code", "k8s", "kube", "observability", "telemetry", "runbooks", "process",
    }
)  # fmt: skip
# A tag word that names a thing or an activity by its ending: "[Monitoring]",
# "[Documentation]", "[Deployment]", "[Analytics]", "[Storage]".
_TOPIC_ENDING = re.compile(r"(?:ing|tion|sion|ment|ity|ness|ance|ence|ics|age|ure)$", re.I)
# "Alice: rotate the keys", "Infra team: add an alert", "[SRE] Add an alert", "Alice to rotate"
_PREFIX_OWNER = re.compile(
    r"^(?P<owner>[A-Za-z@][\w.@'’-]*(?:\s+(?:[+&]\s+)?[A-Za-z][\w.'’-]*){0,2})\s*:\s+(?=\S)"
)
# What follows a prefix that is the item's subject: "will add ...", "to write ...".
_SUBJECTLESS = re.compile(
    r"(?:will|shall|is\s+going\s+to|plans?\s+to|to)\s+(?:(?:also|now|then)\s+)?"
    r"(?!be\b|not\b|never\b|have\s+to\b|do\b)[a-z]+"
)
_TAG_OWNER = re.compile(r"^\[(?P<owner>[A-Za-z][\w .&/+'’-]{0,30})\]\s*[:-]?\s+(?=\S)")
# Minutes name who takes an item with an Action label: "ACTION: Dana to rotate the keys",
# "Action - Payments team: ...", and after the item "(Action LT)", "[Action: Dana]",
# "(Actioned by the Clerk)". The label opens or closes the item; its value is the owner.
# "... the keys. Action: Dana": the label after the item's last sentence.
_ACTION_LABEL_END = re.compile(
    r"(?<=[.;!?)])\s+(?P<body>(?:actioned\s+by|action\s+by|action)\b\s*(?::|-|–|—)?\s*"
    r"[^\s.;:()\[\]][^.;:()\[\]\n]{0,39}?)\s*\.?$",
    re.I,
)
# The label may sit in brackets, where the colon is optional: "[Action item]: Dana to ...",
# "(Action) Dana to ...".
_ACTION_LABEL_LEAD = re.compile(
    r"^(?:[\[(]\s*(?:actions?|action\s+items?)\s*[\])]\s*(?::|-|–|—)?"
    r"|(?:actions?|action\s+items?)\s*(?::|-|–|—))\s*(?=\S)",
    re.I,
)
_ACTION_LABEL_NOTE = re.compile(
    r"^(?:actioned\s+by|action\s+by|action\s+owner|to\s+action|actions?)\b\s*(?::|-|–|—)?\s*"
    r"(?P<owner>\S.*)$",
    re.I,
)
# "Dana to write ...", "Victor and Chris to sync ...", "@dana to ...": people (several joined
# by "and", "&", "+", ",") and the work they are to do.
_NAME_OR_HANDLE = (  # a name in letters of any script ("Inês", "Łucja"), or a handle
    r"(?:[^\W\d_a-z](?:[^\W\d_A-Z]|['’])+(?:\s+[^\W\d_a-z](?:[^\W\d_A-Z]|['’])+)?"
    r"|@[\w.-]+|[\w.-]+@)"
)
_NAME_TO = re.compile(
    rf"^(?P<owner>{_NAME_OR_HANDLE}(?:\s*(?:,|&|/|\+|\band\b)\s*{_NAME_OR_HANDLE}){{0,3}})"
    r"\s+to\s+(?P<verb>[a-z]+)\b"
)
_NOT_PREFIX = frozenset(
    {
        "action", "actions", "action item", "item", "items", "note", "notes", "todo", "done",
        "follow up", "follow-up", "followup", "short term", "short-term", "long term",
        "long-term", "medium term", "next steps", "next step", "status", "update", "fix",
        "problem", "issue", "goal", "why", "what", "how", "owner", "task", "tasks", "idea",
        "question", "summary", "context", "result", "outcome", "impact", "cause", "p0", "p1",
        "p2", "p3", "p4", "high", "medium", "low", "priority", "immediate", "later", "now",
        "optional", "nice to have", "must have", "stretch", "bonus", "ongoing", "blocked",
        "in progress", "wip", "new", "open", "closed", "complete", "completed", "pending",
    }
)  # fmt: skip
_LEAD_IN = re.compile(
    rf"^(?P<owner>(?:the\s+)?(?:[A-Za-z][\w.-]*\s+){{0,2}}{_ORG_WORD}|I|[A-Z][a-z]+"
    r"(?:\s+[A-Z][a-z]+)?|@[\w.-]+)\s+(?:will|shall|is going to|are going to|plans? to|"
    r"commits? to|has committed to|have committed to|owns?|takes? care of|is responsible for|"
    r"are responsible for)(?:\s+(?:do|work on|handle|tackle|own|take|address))?(?:\s+the\s+"
    r"following)?\s*:\s*$",
    re.I,
)
_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,23}@?|[a-z][a-z0-9._-]{1,23}@")
