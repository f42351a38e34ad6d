"""Action items: what a postmortem commits to doing, with owner, due date, tracking and state.

Items come from the canonical action-items section(s) and everything below them
(sub-headings, pseudo-headings such as `- **Improvements/Fixes:**`): list items,
task-list items (`[ ]` open, `[x]` done) and table rows; a section with neither lists
its action items as paragraphs. A sub-bullet made only of fields (`Owner: @dana`,
`Due: 2024-06-01`) belongs to its parent; a short label with a nested list (`- Monitoring`)
groups the items below it.

Each item's owner, due date and tracking link come from table columns, `Field: value`
text, and the inline forms teams write (`@handle`, an email, `(Dana Lee)`, `— Payments
team`, `by 2024-04-01`, `Q2 2024`, `INC-123`, an issue or PR URL, `#123`, `b/123`).
Placeholders (TBD, `?`, n/a, "team", "everyone", `@team`) count as missing. An item that
only reports work already done ("Rolled back the deployment") is kept with
`reported=True` and state "done"; rules and counts skip it.

Pure text rules, no NLP: the linter and `pmlint analyze` get the same items.
`action_items(doc)` computes them once per document (cached in `doc.cache`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmlint.diagnostics import Span
from pmlint.document import Document, ListItem, Section, Table, TextBlock
from pmlint.masking import remove_comments

ACTION_SECTION = "action-items"
CACHE_KEY = "action_items"

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

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
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

_HANDLE = re.compile(r"(?<![\w.@/`])@(?P<handle>[A-Za-z0-9](?:[\w.-]*\w)?(?:/[\w.-]*\w)?)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_FIELD_NAMES = sorted(
    {w for role, words in _ROLE_WORDS.items() if role != "description" for w in words}
    | {"owned by"},
    key=len,
    reverse=True,
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
_NOT_PAST = frozenset(
    {
        "need", "needed", "feed", "seed", "speed", "proceed", "succeed", "exceed", "embed",
        "shed", "shred", "bleed", "breed", "heed", "weed", "red", "bed", "ted", "automated",
        "dedicated", "detailed", "advanced", "distributed", "centralized", "centralised",
        "improved", "enhanced", "expanded", "extended", "increased", "reduced", "updated",
        "combined", "unified", "simplified", "standardized", "standardised", "scheduled",
        "managed", "hosted", "shared", "related", "based", "limited", "required",
        "continued", "focused", "targeted", "structured", "integrated", "isolated",
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
    r"|plan(?:s|ned)?\s+to|want\s+to|todo|to\s+do)\b",
    re.I,
)
_PRONOUN_PAST = re.compile(
    r"^(?:we|i|they|he|she|the\s+team)\s+(?:(?:have|has|had|already)\s+)*"
    r"(?P<verb>[a-z][a-z-]*)\b",
    re.I,
)
_PASSIVE_PAST = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:\w+ed|built|made|"
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


@dataclass(slots=True, eq=False)
class ActionItem:
    """One action item, with what it says about who, when and where it is tracked."""

    text: str  # the item as read: markup removed, one line
    action: str  # the action alone: without task box, ticket prefix and owner/due/link notes
    line: int
    span: Span
    kind: str  # list | task | table | paragraph
    section: str  # title of the section (or sub-section) it is listed in
    owner: str | None = None
    due: str | None = None
    tracking: str | None = None
    type: str | None = None  # prevent | detect | mitigate | repair | process | investigate | other
    state: str = "open"  # open | done
    reported: bool = False  # reports work already done ("Rolled back the deployment")
    # The placeholder written where a value belongs ("TBD"), for messages; None if absent.
    owner_placeholder: str | None = None
    due_placeholder: str | None = None
    tracking_placeholder: str | None = None
    owner_column: bool | None = None  # table rows: whether the table has an owner column
    details: list[str] = field(default_factory=list)  # text of sub-bullets that are not fields

    @property
    def owned(self) -> bool:
        return self.owner is not None

    @property
    def dated(self) -> bool:
        return self.due is not None

    @property
    def tracked(self) -> bool:
        return self.tracking is not None


def action_sections(doc: Document) -> list[Section]:
    """The outermost sections whose title maps to the action-items canonical section."""
    found: list[Section] = []
    for section in doc.sections():
        if section.canonical != ACTION_SECTION or _DONE_TITLE.search(section.title):
            continue
        if any(a.canonical == ACTION_SECTION for a in section.ancestors()):
            continue
        found.append(section)
    return found


def action_items(doc: Document) -> list[ActionItem]:
    """Every action item of the document, in document order (computed once, then cached)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is None:
        cached = _Extractor(doc).run()
        doc.cache[CACHE_KEY] = cached
    return list(cached)


def follow_up_items(doc: Document) -> list[ActionItem]:
    """The action items that are follow-up work, not reports of work already done."""
    return [item for item in action_items(doc) if not item.reported]


def action_item_counts(doc: Document, pipeline: Any = None, lexicon: Any = None) -> dict[str, int]:
    """`total`, `owned`, `dated`, `tracked` and `vague` over the follow-up action items.

    `vague` uses PM403's analysis: `pipeline` is a `pmlint.nlp.Pipeline` (default: the
    `auto` model, loaded once per process), `lexicon` the vague-action lexicon mapping
    (default: the core pack's `lexicons/vague-actions.yaml`).
    """
    from pmlint.extract.vagueness import vague_items

    items = follow_up_items(doc)
    verdicts = vague_items(doc, pipeline, lexicon)
    return {
        "total": len(items),
        "owned": sum(1 for i in items if i.owned),
        "dated": sum(1 for i in items if i.dated),
        "tracked": sum(1 for i in items if i.tracked),
        "vague": sum(1 for i in items if verdicts.get(id(i)) is not None),
    }


# -- text helpers ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .:;,!*_`")


def clean_text(text: str, keep_lines: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """Text as read (links become their text) and the links it held as (text, url);
    one line unless `keep_lines` (a field such as `Owner:` may open a source line)."""
    links: list[tuple[str, str]] = []
    text = remove_comments(text)
    text = _IMAGE.sub(" ", text)

    def inline(match: re.Match[str]) -> str:
        links.append((match.group("text"), match.group("url")))
        return match.group("text")

    text = _INLINE_LINK.sub(inline, text)

    def reference(match: re.Match[str]) -> str:
        links.append((match.group("text"), match.group("ref")))
        return match.group("text")

    text = _REF_LINK.sub(reference, text)

    def autolink(match: re.Match[str]) -> str:
        url = match.group("url")
        if "@" in url and "://" not in url:
            return url.removeprefix("mailto:")
        links.append((url, url))
        return url

    text = _AUTOLINK.sub(autolink, text)
    for match in _BARE_URL.finditer(text):
        links.append((match.group(), match.group()))
    text = _HTML_TAG.sub(" ", text)
    text = text.replace("`", "")
    text = _STRIKE.sub(lambda m: m.group("text"), text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\|", "|")
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip(), links
    return " ".join(text.split()), links


def _is_placeholder(value: str, placeholders: frozenset[str]) -> bool:
    return normalise(value) in placeholders or not re.search(r"\w", value)


def owner_like(value: str, strict: bool) -> bool:
    """A person, a handle, an email or a named team; `strict` for text in running prose."""
    value = value.strip().strip(".;:")
    if not value or len(value) > 60:
        return False
    if re.fullmatch(r"[A-Z][a-z]+/[A-Z][A-Za-z_]+", value):  # a time zone: Europe/Berlin
        return False
    if _HANDLE.fullmatch(value) or _EMAIL.fullmatch(value):
        return normalise(value) not in OWNER_PLACEHOLDERS
    parts = [p for p in _CONNECTOR.split(value) if p]
    if not parts or len(parts) > 4:
        return False
    return all(_one_owner(part.strip(), strict) for part in parts)


def _one_owner(part: str, strict: bool) -> bool:
    if _HANDLE.fullmatch(part) or _EMAIL.fullmatch(part):
        return normalise(part) not in OWNER_PLACEHOLDERS
    words = part.split()
    if not 1 <= len(words) <= 4 or normalise(part) in OWNER_PLACEHOLDERS:
        return False
    if any(not re.fullmatch(r"[\w.'’-]+", w) for w in words):
        return False
    if _TEAM_WORD.search(part) and len(words) >= 2:
        return not any(re.fullmatch(r"(?:the|a|our|your|every|all|each)", w, re.I) for w in words)
    if len(words) == 1 and words[0] in _TEAM_ACRONYMS:
        return True
    if any(normalise(w) in _NOT_NAMES for w in words):
        return False
    if strict:
        return all(_NAME_WORD.match(w) for w in words) and len(words) <= 3
    # A table cell or a `|`-separated part: mixed case ("pSTAKE") and acronyms pass too.
    return all(w[0].isupper() or any(c.isupper() for c in w) for w in words if len(w) > 1)


def date_like(value: str) -> bool:
    """A value that is a date or a period (a cell, a note), give or take a word or two."""
    value = value.strip()
    match = _DATE_RE.search(value)
    if match is None or len(value) - len(match.group()) > 12:
        return False
    # "24/7" is not a date: a bare d/m needs a keyword or a year.
    return not re.fullmatch(r"\d{1,2}/\d{1,2}", match.group())


def _note_cell(value: str) -> bool:
    """An inline `|` cell that is a note about the action, not the action itself."""
    return (
        _state_of(value) is not None
        or date_like(value)
        or bool(_PRIORITY.match(value.strip()))
        or (tracking_like(value) and len(value.split()) <= 2)
    )


def tracking_like(value: str) -> bool:
    return bool(
        _good_key(value)
        or _ISSUE_NUMBER.search(value)
        or _BUG_SLASH.search(value)
        or _ISSUE_WORD.search(value)
        or _TRACKER_URL.search(value)
    )


def _good_key(text: str) -> str | None:
    for match in _TICKET_KEY.finditer(text):
        prefix = match.group("key").split("-")[0]
        if prefix not in _NOT_TICKET_PREFIX and not re.fullmatch(r"P\d|Q\d|H\d|S\d", prefix):
            return match.group("key")
    return None


def _state_of(value: str) -> str | None:
    norm = normalise(value)
    if norm in _DONE_WORDS or value.strip() in _DONE_WORDS:
        return "done"
    if norm in _OPEN_WORDS:
        return "open"
    return None


def _type_of(value: str) -> str | None:
    for word in re.findall(r"[a-z][a-z-]*", value.lower()):
        if word in _TYPE_OF:
            return _TYPE_OF[word]
    return None


def _role_of_header(text: str) -> str | None:
    norm = normalise(text).replace("#", " #").strip()
    norm = " ".join(norm.split())
    if norm in _ROLE_OF:
        return _ROLE_OF[norm]
    bare = re.sub(r"[^a-z ]+", " ", norm).strip()
    bare = " ".join(bare.split())
    if bare in _ROLE_OF:
        return _ROLE_OF[bare]
    for word in bare.split():
        if word in ("owner", "assignee", "dri", "who"):
            return "owner"
        if word in ("due", "deadline", "eta"):
            return "due"
        if word in ("ticket", "jira", "bug", "issue", "tracking", "link"):
            return "tracking"
        if word in ("status", "state"):
            return "state"
    return None


def is_past_report(text: str) -> bool:
    """Reports work already done ("Rolled back the deploy", "We added an alert")."""
    if _FUTURE.search(text):
        return False
    words = re.findall(r"[A-Za-z'-]+", text)
    if not words:
        return False
    match = _PRONOUN_PAST.match(text)
    if match and _past_form(match.group("verb")):
        return True
    first = words[0].lower()
    if _past_form(first) and len(words) > 1 and words[1].lower() in _PAST_NEXT:
        return True
    # "Alert was added": only in the first clause, and not after an imperative
    # ("Implement X: has been scheduled" is an open item with a status note).
    clause = re.split(r"[.:;]\s", text, maxsplit=1)[0]
    return bool(_PASSIVE_PAST.search(clause)) and first not in _ACTION_VERBS


def _past_form(word: str) -> bool:
    word = word.lower()
    for prefix in ("", "re-", "re", "un", "over", "with"):
        if word.startswith(prefix) and word[len(prefix) :] in _IRREGULAR_PAST:
            return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


# -- the extractor --------------------------------------------------------------------------


@dataclass(slots=True)
class _Parts:
    """What the text of an item says, before it becomes an ActionItem."""

    text: str
    action: str
    owner: str | None = None
    due: str | None = None
    tracking: str | None = None
    type: str | None = None
    state: str | None = None
    owner_placeholder: str | None = None
    due_placeholder: str | None = None
    tracking_placeholder: str | None = None


class _Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.items: list[ActionItem] = []
        self._lead_owner: str | None = None  # "The platform team will:" above the list

    def run(self) -> list[ActionItem]:
        for top in action_sections(self.doc):
            sections = [s for s in _walk_actions(top)]
            has_structure = any(s.list_items or s.tables for s in sections)
            for section in sections:
                leads = _lead_in_owners(section)
                for item in section.list_items:
                    self._lead_owner = _lead_for(leads, item.first_line)
                    self._list_item(item, section, None)
                self._lead_owner = None
                for table in section.tables:
                    self._table(table, section)
                if not has_structure:
                    for block in section.blocks:
                        if block.kind == "paragraph" and block.list_item is None:
                            self._paragraph(block, section)
        self.items.sort(key=lambda i: (i.span.line, i.span.column))
        return self.items

    # -- list items -----------------------------------------------------------------------
    def _list_item(self, item: ListItem, section: Section, group_type: str | None) -> None:
        block = item.text_block
        if block is None or block.first_line != item.first_line:
            for child in item.children:  # an item that holds only a nested list
                self._list_item(child, section, group_type)
            return
        raw = block.text
        task = _TASK.match(raw)
        start = task.end() if task else 0
        head = raw[start:]
        fields_only = [c for c in item.children if _fields_only(c)]
        tasks = [c for c in item.children if c.checked is not None and c not in fields_only]
        others = [c for c in item.children if c not in fields_only and c not in tasks]
        parts = self._parts(head, block.links)
        if not parts.text or _PLACEHOLDER_ITEM.match(parts.text):
            return
        if (others or tasks) and task is None and self._is_group_label(parts, fields_only):
            label_type = _type_of(parts.text) or group_type
            outer = self._lead_owner
            self._lead_owner = _lead_in_owner(parts.text) or outer
            for child in item.children:
                if child not in fields_only:
                    self._list_item(child, section, label_type)
            self._lead_owner = outer
            return
        for child in tasks:  # sub-tasks are items of their own
            self._list_item(child, section, group_type)
        for extra in item.blocks[1:]:
            self._merge(parts, self._parts(extra.text, extra.links), bare_owner=False)
        for child in fields_only:
            child_block = child.text_block
            if child_block is not None:
                self._merge(parts, self._parts(child_block.text, child_block.links), False)
        details: list[str] = []
        for child in others:
            child_block = child.text_block
            if child_block is None:
                continue
            child_parts = self._parts(child_block.text, child_block.links)
            details.append(child_parts.text)
            self._merge(parts, child_parts, bare_owner=owner_like(child_parts.text, True))
        if parts.owner is None and parts.owner_placeholder is None and self._lead_owner:
            parts.owner = self._lead_owner
        state = parts.state
        if task is not None:
            state = "done" if task.group("state") != " " else "open"
        offset = start + (len(head) - len(head.lstrip()))
        span = block.span(offset, len(raw.rstrip()))
        self._add(
            parts,
            span,
            "task" if task is not None else "list",
            section,
            state,
            group_type,
            details,
            explicit_task=task is not None,
        )

    def _is_group_label(self, parts: _Parts, fields_only: list[ListItem]) -> bool:
        if parts.owner or parts.tracking or parts.due:
            return False
        text = parts.text.strip()
        if text.endswith(":"):
            return True
        words = text.rstrip(".").split()
        if _type_of(text) is not None and len(words) <= 4:
            return True
        first = words[0].lower() if words else ""
        return len(words) <= 3 and not fields_only and first not in _ACTION_VERBS

    # -- tables ---------------------------------------------------------------------------
    def _table(self, table: Table, section: Section) -> None:
        roles = [_role_of_header(cell.text) for cell in table.header]
        if "description" in roles:
            described = roles.index("description")
        else:
            free = [i for i, r in enumerate(roles) if r is None]
            described = free[0] if free else 0
        has_owner_column = "owner" in roles
        for row in table.rows:
            if described >= len(row) or not any(normalise(c.text) for c in row):
                continue
            cell = row[described]
            parts = self._parts(cell.text, cell.links)
            if not parts.text or _PLACEHOLDER_ITEM.match(parts.text):
                continue
            for index, other in enumerate(row):
                if index == described:
                    continue
                role = roles[index] if index < len(roles) else None
                text, links = clean_text(other.text)
                if role in ("owner", "due", "type", "state"):
                    self._field(parts, role, text)
                elif role == "tracking":
                    if links:
                        parts.tracking = parts.tracking or links[0][1]
                    else:
                        self._field(parts, role, text)
                elif role is None:
                    self._cell(parts, text, links, owner_allowed=not has_owner_column)
            self._add(
                parts,
                cell.full_span(),
                "table",
                section,
                parts.state,
                None,
                [],
                owner_column=has_owner_column,
            )

    def _cell(
        self, parts: _Parts, text: str, links: list[tuple[str, str]], owner_allowed: bool
    ) -> None:
        """A cell whose column says nothing: guess its role from what it holds."""
        value = text.strip()
        if not value:
            return
        state = _state_of(value)
        if state is not None:
            parts.state = parts.state or state
        elif tracking_like(value) or any(_is_tracker_link(t, u) for t, u in links):
            parts.tracking = parts.tracking or _tracking_in(value, links) or value
        elif date_like(value):
            parts.due = parts.due or value
        elif _type_of(value) is not None and len(value.split()) <= 2:
            parts.type = parts.type or _type_of(value)
        elif _PRIORITY.match(value):
            return
        elif owner_allowed and parts.owner is None and owner_like(value, strict=False):
            parts.owner = value
        elif owner_allowed and parts.owner is None and _username(value):
            parts.owner = value  # a login in a cell of its own: "| olivier |", "| maxone@ |"

    # -- paragraphs -----------------------------------------------------------------------
    def _paragraph(self, block: TextBlock, section: Section) -> None:
        parts = self._parts(block.text, block.links)
        text = parts.text
        if not text or _PLACEHOLDER_ITEM.match(text) or text.endswith(":"):
            return
        if len(text.split()) < 3:
            return
        self._add(parts, block.full_span(), "paragraph", section, parts.state, None, [])

    # -- what the text says ---------------------------------------------------------------
    def _parts(self, raw: str, block_links: Iterable[Any] = ()) -> _Parts:
        lined, links = clean_text(raw, keep_lines=True)
        text = " ".join(lined.split())
        for link in block_links:  # reference links resolved by the parser
            if not link.is_image and all(link.target != url for _t, url in links):
                links.append(("", link.target))
        parts = _Parts(text=text, action=text)
        action = _LEADING_REF.sub("", lined)
        if action != lined:
            ref = lined[: len(lined) - len(action)].strip(" []:.-")
            parts.tracking = ref
        # Cells written inline: "Re-establish the channel | Recovery | Core team | DONE".
        cells = [c.strip() for c in action.split("|")]
        if len(cells) > 1:
            cells = [c for c in cells if c]
            index = next((i for i, c in enumerate(cells) if not _note_cell(c)), 0)
            action = cells[index] if cells else ""
            for other, cell in enumerate(cells):
                if other != index:
                    self._cell(parts, cell, [], owner_allowed=True)
        action = " ".join(self._fields(parts, action).split())
        action = self._trailing(parts, action)
        self._inline(parts, action, links)
        action = self._strip_notes(action, links)
        status = re.match(r"^(?:done|completed?|fixed|closed)\s*[:.-]\s*", action, re.I)
        if status:
            parts.state = "done"
            action = action[status.end() :]
        if re.match(r"^(?:todo|open|pending|wip)\s*[:.-]\s*", action, re.I):
            action = re.sub(r"^\w+\s*[:.-]\s*", "", action)
        if _STRIKE.fullmatch(raw.strip()):
            parts.state = "done"
        if parts.owner is None and parts.owner_placeholder is None:
            owner, action = _leading_owner(action)
            parts.owner = owner
        parts.action = " ".join(action.split()).strip(" -—–:;,")
        return parts

    def _fields(self, parts: _Parts, text: str) -> str:
        """`Owner: x`, `Due: y`, `Ticket: z`, ...: record them and cut them out of the text."""
        kept: list[str] = []
        cursor = 0
        for match in _FIELD.finditer(text):
            name = normalise(match.group("name"))
            value = match.group("value").strip()
            role = "owner" if name in ("owned by", "assigned to") else _ROLE_OF.get(name)
            if role is None or role == "description":
                continue
            # A field must be the start of the text or follow a separator.
            before = text[: match.start()].rstrip(" \t")
            after_separator = not before or before[-1] in ".,;|([-—–:\n"
            if not after_separator and name not in ("owned by", "assigned to"):
                continue
            if role == "due" and name in ("date", "when", "target") and not date_like(value):
                continue
            if (
                role == "tracking"
                and name not in _STRONG_TRACKING_FIELDS
                and not (tracking_like(value) or _BARE_URL.search(value))
            ):
                continue
            self._field(parts, role, value)
            kept.append(text[cursor : match.start()])
            cursor = match.end()
        kept.append(text[cursor:])
        return "".join(kept)

    def _field(self, parts: _Parts, role: str, value: str) -> None:
        if role == "owner":
            if _is_placeholder(value, OWNER_PLACEHOLDERS):
                parts.owner_placeholder = parts.owner_placeholder or value or "empty"
            else:
                parts.owner = parts.owner or value
        elif role == "due":
            if _is_placeholder(value, DATE_PLACEHOLDERS):
                parts.due_placeholder = parts.due_placeholder or value or "empty"
            else:
                parts.due = parts.due or value
        elif role == "tracking":
            if _is_placeholder(value, TRACKING_PLACEHOLDERS):
                parts.tracking_placeholder = parts.tracking_placeholder or value or "empty"
            else:
                parts.tracking = parts.tracking or _tracking_in(value, []) or value
        elif role == "type":
            parts.type = parts.type or _type_of(value) or (normalise(value) or None)
        elif role == "state":
            parts.state = _state_of(value) or parts.state

    def _trailing(self, parts: _Parts, text: str) -> str:
        """Peel `(Dana, 2024-06-01)`, `[OPS-12]`, `— Payments team` off the end."""
        for _ in range(4):
            match = _TRAILING_GROUP.search(text)
            if match is None or match.start() == 0:
                break
            if not self._annotation(parts, match.group("body")):
                break
            text = text[: match.start()].rstrip()
        match = _TRAILING_DASH.search(text)
        if match and match.start() > 0:
            body = match.group("body")
            if self._annotation(parts, body):  # "— Payments team, due 2024-06-15"
                text = text[: match.start()].rstrip()
            elif normalise(body) in OWNER_PLACEHOLDERS:
                parts.owner_placeholder = parts.owner_placeholder or body.strip()
                text = text[: match.start()].rstrip()
        return text

    def _annotation(self, parts: _Parts, body: str) -> bool:
        """A trailing group made only of notes (owner, date, ticket, status); else False."""
        pieces = [p.strip() for p in re.split(r"[,;]\s*", body) if p.strip()]
        if not pieces:
            return False
        found: list[tuple[str, str]] = []
        for piece in pieces:
            field_match = _FIELD.fullmatch(piece)
            if field_match:
                name = normalise(field_match.group("name"))
                role = "owner" if name in ("owned by", "assigned to") else _ROLE_OF.get(name)
                if role and role != "description":
                    found.append((role, field_match.group("value").strip()))
                    continue
            if _state_of(piece) is not None:
                found.append(("state", piece))
            elif _is_placeholder(piece, OWNER_PLACEHOLDERS) and normalise(piece) in (
                "tbd", "tba", "?", "??", "???", "owner tbd", "unassigned",
            ):  # fmt: skip
                found.append(("placeholder", piece))
            elif tracking_like(piece) or _TRACKER_URL.search(piece):
                found.append(("tracking", piece))
            elif date_like(piece) or _DUE_KEYWORD.fullmatch(piece):
                found.append(("due", piece))
            elif _PRIORITY.match(piece):
                found.append(("priority", piece))
            elif owner_like(piece, strict=True):
                found.append(("owner", piece))
            elif re.fullmatch(r"(?:owner\s*)?(?:tbd|tba|unassigned|\?+)", piece, re.I):
                found.append(("placeholder", piece))
            else:
                return False
        for role, value in found:
            if role == "placeholder":
                parts.owner_placeholder = parts.owner_placeholder or value
            elif role == "state":
                parts.state = _state_of(value) or parts.state
            elif role == "tracking":
                parts.tracking = parts.tracking or _tracking_in(value, []) or value
            elif role == "due":
                keyword = _DUE_KEYWORD.search(value)
                parts.due = parts.due or (keyword.group("date") if keyword else value)
            elif role == "priority":
                pass
            else:
                self._field(parts, role, value)
        return True

    def _inline(self, parts: _Parts, text: str, links: list[tuple[str, str]]) -> None:
        """Owner, due date and tracking written anywhere in the text."""
        if parts.tracking is None:
            parts.tracking = _tracking_in(text, links)
        if parts.owner is None:
            handle = next(
                (
                    m.group()
                    for m in _HANDLE.finditer(text)
                    if normalise(m.group()) not in OWNER_PLACEHOLDERS
                ),
                None,
            )
            if handle is not None:
                parts.owner = handle
            else:
                email = _EMAIL.search(text)
                if email:
                    parts.owner = email.group()
                elif any(
                    normalise(m.group()) in OWNER_PLACEHOLDERS for m in _HANDLE.finditer(text)
                ):
                    parts.owner_placeholder = parts.owner_placeholder or next(
                        m.group() for m in _HANDLE.finditer(text)
                    )
        if parts.due is None:
            for keyword in _DUE_KEYWORD.finditer(text):
                if _due_keyword_ok(keyword):
                    parts.due = keyword.group("date")
                    break
            else:
                alone = _DATE_ALONE.search(text)
                if alone:
                    parts.due = alone.group()

    def _strip_notes(self, text: str, links: list[tuple[str, str]]) -> str:
        """The action without the notes about it (links, ticket keys, due dates)."""
        for link_text, url in links:
            if link_text and _is_tracker_link(link_text, url):
                at = text.rfind(link_text)
                if at >= 0:
                    text = text[:at] + " " + text[at + len(link_text) :]
        text = _BARE_URL.sub(" ", text)
        for pattern in (_ISSUE_NUMBER, _BUG_SLASH, _ISSUE_WORD):
            text = pattern.sub(" ", text)
        key = _good_key(text)
        while key:
            text = text.replace(key, " ")
            key = _good_key(text)
        text = _DUE_KEYWORD.sub(lambda m: " " if _due_keyword_ok(m) else m.group(), text)
        text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
        return " ".join(text.split())

    def _merge(self, parts: _Parts, other: _Parts, bare_owner: bool) -> None:
        """Fields from a sub-bullet or a later paragraph of the same item; `bare_owner`
        when the sub-bullet is only a name ("- Dana Lee")."""
        owner = other.owner or (other.text.strip(" .") if bare_owner else None)
        if owner:
            parts.owner = parts.owner or owner
        parts.owner_placeholder = parts.owner_placeholder or other.owner_placeholder
        parts.due = parts.due or other.due
        parts.due_placeholder = parts.due_placeholder or other.due_placeholder
        parts.tracking = parts.tracking or other.tracking
        parts.tracking_placeholder = parts.tracking_placeholder or other.tracking_placeholder
        parts.type = parts.type or other.type
        parts.state = parts.state or other.state

    def _add(
        self,
        parts: _Parts,
        span: Span,
        kind: str,
        section: Section,
        state: str | None,
        group_type: str | None,
        details: list[str],
        explicit_task: bool = False,
        owner_column: bool | None = None,
    ) -> None:
        reported = not explicit_task and state is None and is_past_report(parts.action)
        item_type = parts.type or _section_type(section) or group_type or _hinted_type(parts.action)
        if parts.owner is not None:
            parts.owner_placeholder = None
        if parts.due is not None:
            parts.due_placeholder = None
        if parts.tracking is not None:
            parts.tracking_placeholder = None
        self.items.append(
            ActionItem(
                text=parts.text,
                action=parts.action or parts.text,
                line=span.line,
                span=span,
                kind=kind,
                section=section.title,
                owner=parts.owner,
                due=parts.due,
                tracking=parts.tracking,
                type=item_type,
                state="done" if reported else (state or "open"),
                reported=reported,
                owner_placeholder=parts.owner_placeholder,
                due_placeholder=parts.due_placeholder,
                tracking_placeholder=parts.tracking_placeholder,
                owner_column=owner_column,
                details=details,
            )
        )


def _due_keyword_ok(match: re.Match[str]) -> bool:
    keyword = match.group()[: match.start("date") - match.start()].strip(" :").lower()
    if keyword == "in":
        return bool(_PERIOD.search(match.group("date")))
    return True


def _fields_only(item: ListItem) -> bool:
    """A sub-bullet that only states fields: `Owner: @dana`, `Due: 2024-06-01, OPS-12`."""
    block = item.text_block
    if block is None or item.children:
        return False
    text, _links = clean_text(block.text)
    remainder = _FIELD.sub(" ", text)
    if remainder == text:
        return False
    return not re.sub(r"[\s,;|.]+", "", remainder)


def _tracking_in(text: str, links: list[tuple[str, str]]) -> str | None:
    found = [url for link_text, url in links if _is_tracker_link(link_text, url)]
    if found:  # a resolved URL over the label of a reference link
        return next((url for url in found if "://" in url), found[0])
    key = _good_key(text)
    if key:
        return key
    for pattern in (_ISSUE_NUMBER, _BUG_SLASH, _ISSUE_WORD):
        match = pattern.search(text)
        if match:
            return match.group()
    return None


def _is_tracker_link(text: str, url: str) -> bool:
    if _TRACKER_URL.search(url):
        return True
    return bool(text) and bool(_TRACKER_LINK_TEXT.match(text.strip()))


# "Actions taken", "Steps performed during the incident": what was done, not follow-up work.
_DONE_TITLE = re.compile(
    r"\b(?:taken|performed|done|completed|carried out|so far|during the (?:incident|outage))\b",
    re.I,
)


def _walk_actions(top: Section) -> Iterator[Section]:
    """The action section and its sub-sections, leaving out narrative ones nested in it."""
    stack = [top]
    while stack:
        section = stack.pop()
        if section is not top and section.canonical in NARRATIVE_SECTIONS:
            continue
        yield section
        stack.extend(reversed(section.children))


def _section_type(section: Section) -> str | None:
    node: Section | None = section
    while node is not None and node.level > 0:
        found = _type_of(node.title)
        if found is not None:
            return found
        if node.canonical == ACTION_SECTION and (
            node.parent is None or node.parent.canonical != ACTION_SECTION
        ):
            break
        node = node.parent
    return None


def _hinted_type(action: str) -> str | None:
    for kind, pattern in _TYPE_HINTS:
        if pattern.search(action):
            return kind
    return None


# -- owners written as conventions --------------------------------------------------------------

_ORG_WORD = (
    r"(?:team|squad|group|crew|guild|tribe|committee|council|maintainers|foundation|board"
    r"|department|dept|org|organi[sz]ation|company|vendor|provider|sre|sres|devops|infra"
    r"|infrastructure|platform|ops|security|support|admins|sysadmins)"
)
# "The drand team will patch ...", "Payments team to add ...", "The foundation is moving ..."
_ORG_SUBJECT = re.compile(
    rf"^(?P<owner>(?:the\s+)?(?:[A-Za-z][\w.-]*\s+){{0,2}}{_ORG_WORD}|team\s+[A-Z][\w-]*)"
    r"\s+(?:will|shall|to|is|are|has|have|plans?\s+to|commits?\s+to)\s+(?!be\b|not\b)",
    re.I,
)
# "I will add ...", "I'll rotate ...", "I've bumped ...": the writer owns it.
_FIRST_PERSON = re.compile(
    r"(?:^|[,;]\s+)I(?:['’](?:ll|ve|m|d)|\s+(?:will|shall|am|have|also|plan|intend|might"
    r"|may|can|could|would))?\s+[a-z]"
)
# "Alex added the sites to monitoring", "Dana will rotate the keys": a name as the subject
_NAMED_SUBJECT = re.compile(
    r"^(?P<owner>[A-Z][a-z'’]+)\s+(?:will|shall|has|had|is|was|also|then|['’]ll|[a-z]+ed)\b"
)
# "Alice: rotate the keys", "Infra team: add an alert", "[SRE] Add an alert", "Alice to rotate"
_PREFIX_OWNER = re.compile(
    r"^(?P<owner>[A-Za-z@][\w.@'’-]*(?:\s+[A-Za-z][\w.'’-]*){0,2})\s*:\s+(?=\S)"
)
_TAG_OWNER = re.compile(r"^\[(?P<owner>[A-Za-z][\w .&/-]{0,30})\]\s*[:-]?\s+(?=\S)")
_NAME_TO = re.compile(
    r"^(?P<owner>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?|@[\w.-]+|[\w.-]+@)\s+to\s+(?P<verb>[a-z]+)\b"
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


def _given_names() -> frozenset[str]:
    return _given_names_cached()


@lru_cache(maxsize=1)
def _given_names_cached() -> frozenset[str]:
    import yaml

    from pmlint.packs import bundled_rules_dir

    path = bundled_rules_dir() / "core" / "lexicons" / "language.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError:
        return frozenset()
    names = (data.get("words") or {}).get("given_names") or []
    return frozenset(str(n).lower() for n in names)


def _org_owner(phrase: str) -> str | None:
    """A named team or organisation; "the foundation" counts, "the team" does not."""
    phrase = " ".join(phrase.split())
    bare = re.sub(r"^the\s+", "", phrase, flags=re.I)
    if normalise(phrase) in OWNER_PLACEHOLDERS or normalise(bare) in OWNER_PLACEHOLDERS:
        return None
    words = bare.split()
    if any(normalise(w) in ("we", "our", "us", "your", "their", "a", "an", "every", "each", "all",
                            "any", "some", "this", "that", "new", "whole")
           for w in words):  # fmt: skip
        return None
    if len(words) == 1 and bare.lower() in ("team", "teams", "group", "crew", "company"):
        return None
    return phrase


def _leading_owner(action: str) -> tuple[str | None, str]:
    """An owner written at the start of the item, and the action without a prefix or tag."""
    text = action.strip()
    tag = _TAG_OWNER.match(text)
    if tag:
        value = tag.group("owner").strip()
        if _owner_word(value):
            return value, text[tag.end() :]
    prefix = _PREFIX_OWNER.match(text)
    if prefix:
        value = prefix.group("owner").strip()
        if _owner_word(value):
            return value, text[prefix.end() :]
    named = _NAME_TO.match(text)
    if named:
        value = named.group("owner")
        if value.split()[0].lower() in _given_names() or "@" in value:
            return value, text
    org = _ORG_SUBJECT.match(text)
    if org:
        owner = _org_owner(org.group("owner"))
        if owner is not None:
            return owner, text
    subject = _NAMED_SUBJECT.match(text)
    if subject and subject.group("owner").lower() in _given_names():
        return subject.group("owner"), text
    if _FIRST_PERSON.search(text):
        return "the author (I)", text
    return None, action


def _owner_word(value: str) -> bool:
    """A prefix or tag that names who: a person, a handle, a team; not "Note" or "P1"."""
    key = normalise(value)
    if not key or key in _NOT_PREFIX or key in _NOT_NAMES or key in OWNER_PLACEHOLDERS:
        return False
    if _type_of(value) is not None or _state_of(value) is not None or _PRIORITY.match(value):
        return False
    if _HANDLE.fullmatch(value) or (_username(value) and value.endswith("@")):
        return True
    words = value.split()
    if re.search(rf"\b{_ORG_WORD}\b", value, re.I) and _org_owner(value) is not None:
        return True
    if value in _TEAM_ACRONYMS:
        return True
    return all(w.lower() in _given_names() or w.rstrip(".") == w[:1] for w in words) and bool(
        words[0].lower() in _given_names()
    )


_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,23}@?|[a-z][a-z0-9._-]{1,23}@")


def _username(value: str) -> bool:
    """Logins alone in a cell ("olivier", "danrubel", "maxone@", "ana,bo"): lower case,
    one word each, not a status, type, priority or placeholder, not an action verb."""
    parts = [p for p in _CONNECTOR.split(value.strip()) if p.strip()]
    return 1 <= len(parts) <= 6 and all(_one_username(p) for p in parts)


def _one_username(value: str) -> bool:
    value = value.strip()
    if not _USERNAME.fullmatch(value):
        return False
    key = normalise(value)
    if key in OWNER_PLACEHOLDERS or key in _NOT_NAMES or key in _NOT_PREFIX:
        return False
    if key in _ACTION_VERBS or _type_of(value) or _state_of(value) or _PRIORITY.match(value):
        return False
    return not date_like(value) and not tracking_like(value)


def _lead_in_owner(text: str) -> str | None:
    """The owner of the list under "The platform team will:" or "Dana will:"."""
    match = _LEAD_IN.match(text.strip())
    if match is None:
        return None
    value = match.group("owner")
    if value == "I":
        return "the author (I)"
    if value.startswith("@"):
        return value
    if re.search(rf"\b{_ORG_WORD}\b", value, re.I):
        return _org_owner(value)
    first = value.split()[0].lower()
    return value if first in _given_names() else None


def _lead_in_owners(section: Section) -> list[tuple[int, int, str | None]]:
    """(line, last line, owner) of the paragraphs directly in the section; owner None for a
    paragraph that names none (it ends the scope of the one before)."""
    found = []
    for block in section.blocks:
        if block.kind != "paragraph" or block.list_item is not None:
            continue
        text, _ = clean_text(block.text)
        span = block.full_span()
        found.append((span.line, span.end_line, _lead_in_owner(text)))
    return found


def _lead_for(leads: list[tuple[int, int, str | None]], line: int) -> str | None:
    before = [lead for lead in leads if lead[1] < line]
    return before[-1][2] if before else None
