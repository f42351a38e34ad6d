"""Generate a corpus of real-shaped postmortems for the benchmark.

Every sentence comes from this repository's own `examples/` and `tests/fixtures/`: the
generator cuts them into sections and sentences, sorts those by the section they came
from (summary, impact, timeline, root cause, resolution, action items, lessons) and by
what the fixtures expect of them (blame or hindsight wording, a vague quantity, a vague
action item), then recombines them into new documents with their own title, date, times,
owners, tickets and service names. The result is deterministic for a given seed.

Shares are set to look like a real repository of postmortems: most documents are
complete, about half have no blame sentence at all, a quarter of action items are
vague, a few have a missing section, a placeholder or timestamps without a zone.

    python bench/corpus.py OUT_DIR [-n 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("examples", "tests/fixtures")

KINDS = {
    "summary": r"summary|tl;dr|overview",
    "impact": r"impact|affected",
    "timeline": r"timeline|detection|response|how we found",
    "cause": r"cause|contributing|trigger|analysis",
    "resolution": r"resolution|recovery|mitigation",
    "actions": r"action|follow|next steps|tasks|done during",
    "lessons": r"lesson|went well|lucky",
}
_KIND_RES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in KINDS.items()]
_HEADING = re.compile(r"^(?:#{1,6}\s+(.+?)|(?:[-*]\s+)?\*\*([^*]+?):?\*\*:?\s*)\s*$")
_EXPECT = re.compile(r"\s*<!--\s*expect:([^>]*)-->")
_LABEL = re.compile(r"\u27e6([^\u27e7]*)\u27e7")  # an expect marker glued to its sentence
_COMMENT = re.compile(r"<!--.*?-->")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TIME_PREFIX = re.compile(
    r"^(?:\*\*)?[\[(]?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*\(?(?:UTC|GMT|Z|[A-Z]{2,4})\)?)?[\])]?(?:\*\*)?\s*[:|–—-]?\s*"
)
_OWNER_TAIL = re.compile(r"\s*\((?:[^()]*(?:owner|@|OPS-|due|TBD)[^()]*)\)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?\u27e7])\s+(?=[A-Z`])")
_PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|lorem|insert)\b|\[.*?\][(\[]|!\[", re.IGNORECASE)
_BAD = re.compile(r"â€|Ã|ðŸ|\ufffd|https?:|`|[^\x00-\u024f€–—…’“”×±½°]")
# Sentences of the fixtures that talk about the fixture itself, not about an incident.
_META = re.compile(
    r"\b(?:headings?|markdown|sections?|fixtures?|quiet|pmlint|expect\w*|rules?|bold|lists?|"
    r"fields?|above|below|blocks?|table|items?|template|prompts?|lorem|options?|front matter|"
    r"line \d+|comments?|range|draft|spell|all times|links?|reported|counts?|unused|checked|"
    r"enable|XXL|may say|façade)\b",
    re.IGNORECASE,
)


SERVICES = (
    ("checkout", "Checkout"),
    ("payments API", "Payments API"),
    ("search cluster", "Search"),
    ("login service", "Login"),
    ("billing export", "Billing export"),
    ("notification queue", "Notifications"),
    ("image resizer", "Image resizing"),
    ("orders database", "Orders database"),
    ("CDN edge", "CDN"),
    ("recommendations API", "Recommendations"),
)
PROBLEMS = (
    "outage",
    "latency after a config change",
    "errors during a deploy",
    "degraded after a failover",
    "partial outage",
    "data delay",
    "elevated error rate",
    "unavailable in one region",
)
PEOPLE = ("dana", "lee", "mira", "kofi", "ade", "lena", "sam", "priya", "tomas", "yuki", "omar")
NAMES = ("Alice", "Bob", "Priya", "Tomas", "Yuki", "Omar", "Ines", "Carlos", "Mei", "Noah")
PREFIXES = ("OPS", "INC", "PAY", "SRCH", "SRE", "DATA")
HEADINGS = {
    "summary": ("Summary", "Summary", "Incident summary", "Overview", "TL;DR"),
    "impact": ("Impact", "Impact", "Customer impact", "User impact"),
    "timeline": ("Timeline", "Timeline", "Timeline (all times UTC)", "Incident timeline"),
    "cause": ("Root cause", "Root cause", "Contributing factors", "Root cause analysis"),
    "resolution": ("Resolution", "Resolution", "Recovery", "Mitigation and resolution"),
    "actions": ("Action items", "Action items", "Follow-up actions", "Next steps"),
    "lessons": ("Lessons learned", "Lessons learned", "What went well", "Lessons learnt"),
}


@dataclass
class Pools:
    """Sentences and items of the sources, sorted by where they came from."""

    prose: dict[str, list[str]] = field(default_factory=dict)  # kind -> clean sentences
    blame: list[str] = field(default_factory=list)  # PM301-PM303 sentences
    vague_impact: list[str] = field(default_factory=list)  # PM202 sentences
    events: list[str] = field(default_factory=list)  # timeline entries without their time
    actions: list[str] = field(default_factory=list)  # specific action items
    vague_actions: list[str] = field(default_factory=list)  # PM403 items
    # Clean sentences of the language rules' fixtures: near misses written to test the
    # rules ("The health check failed", "Why did the job stop?"), many times denser there
    # than in real postmortems, so a document gets a few of them, like blame sentences.
    near_miss: list[str] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.prose.setdefault(kind, []).append(text)


def source_files(repo: Path = REPO) -> list[Path]:
    files: list[Path] = []
    for folder in SOURCES:
        files.extend(sorted((repo / folder).rglob("*.md")))
    return files


def _kind(title: str) -> str:
    for kind, pattern in _KIND_RES:
        if pattern.search(title):
            return kind
    return "general"


def _clean(text: str) -> str:
    text = _COMMENT.sub("", text)
    text = _LIST.sub("", text)
    text = re.sub(r"^\[[ xX]\]\s+", "", text)
    return " ".join(text.split())


def _units(text: str) -> Iterable[tuple[str, str]]:
    """(kind of section, unit) for each paragraph, list item or table row of a source.

    Lines of one paragraph or list item are joined; an expect marker stays glued to the
    sentence it follows, as a label that `_labelled` reads."""
    kind = "general"
    unit: list[str] = []
    in_code = False

    def flush() -> Iterable[tuple[str, str]]:
        if unit:
            yield kind, " ".join(unit)
            unit.clear()

    for raw in text.splitlines():
        if raw.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            yield from flush()
            continue
        if in_code:
            continue
        line = _EXPECT.sub(lambda m: "\u27e6" + m.group(1).strip() + "\u27e7", raw.rstrip())
        bare = _LABEL.sub("", line)
        if not bare.strip():
            yield from flush()
            continue
        heading = _HEADING.match(_COMMENT.sub("", bare).rstrip())
        if heading:
            yield from flush()
            kind = _kind(heading.group(1) or heading.group(2))
            continue
        starts = (
            _LIST.match(line) or line.lstrip().startswith(("|", "<!--")) or _TIME_PREFIX.match(line)
        )
        if starts or not unit or unit[-1].lstrip().startswith("|"):
            yield from flush()
        unit.append(line.strip())
    yield from flush()


def _labelled(text: str) -> tuple[str, list[str]]:
    rules = [r for found in _LABEL.findall(text) for r in found.split()]
    return " ".join(_LABEL.sub("", text).split()), rules


def collect(files: Iterable[Path]) -> Pools:
    """Cut the sources into pools (deduplicated, in a stable order)."""
    pools = Pools()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        text = re.sub(r"\A<!-- pmlint-fixture.*?-->\n", "", text, flags=re.DOTALL)
        text = re.sub(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", "", text, flags=re.DOTALL)
        language = re.match(r"PM3\d\d", path.name) is not None
        for kind, unit in _units(text):
            _take(pools, kind, unit, language)
    for name in ("blame", "vague_impact", "events", "actions", "vague_actions", "near_miss"):
        setattr(pools, name, list(dict.fromkeys(getattr(pools, name))))
    pools.prose = {k: list(dict.fromkeys(v)) for k, v in pools.prose.items()}
    return pools


def _take(pools: Pools, kind: str, unit: str, language: bool = False) -> None:
    if unit.startswith("|"):
        text, rules = _labelled(unit)
        cells = [c.strip() for c in text.strip("|").split("|")]
        if not cells or set(cells[0]) <= set("-: ") or cells[0].lower() in ("time", "action"):
            return
        if kind == "timeline" and len(cells) >= 2 and re.match(r"\d{1,2}:\d{2}", cells[0]):
            _event(pools, _clean(cells[1]))
        elif kind == "actions":
            _action(pools, cells[0], rules)
        return
    is_item = _LIST.match(unit) is not None
    text = _clean(unit)
    stamp = _TIME_PREFIX.match(text)
    if stamp and re.match(r"\W{0,3}\d", text):
        _event(pools, _labelled(text[stamp.end() :])[0])
        return
    if kind == "actions" and is_item:
        _action(pools, *_labelled(text))
        return
    for sentence in _SENTENCE.split(text):
        sentence, rules = _labelled(sentence)
        if not _usable(sentence):
            continue
        if any(r in ("PM301", "PM302", "PM303") for r in rules):
            pools.blame.append(sentence)
        elif "PM202" in rules:
            pools.vague_impact.append(sentence)
        elif not rules and language:
            pools.near_miss.append(sentence)
        elif not rules:
            pools.add(kind, sentence)


def _usable(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 4 or not sentence.endswith((".", "!", "?")) or not sentence[0].isupper():
        return False
    return not (
        _PLACEHOLDER.search(sentence) or _BAD.search(sentence) or _META.search(sentence)
    ) and ("|" not in sentence and ": " not in sentence[:20])


def _event(pools: Pools, event: str) -> None:
    event = event.strip()
    if re.search(r"\d:\d\d", event) or _META.search(event):
        return
    if len(event.split()) >= 3 and not _BAD.search(event) and not _PLACEHOLDER.search(event):
        pools.events.append(event[0].upper() + event[1:])


def _action(pools: Pools, text: str, rules: list[str]) -> None:
    text = _OWNER_TAIL.sub("", _clean(text)).rstrip(" .")
    text = re.sub(r"\s*[—-]\s*(?:team|[A-Z][a-z]+ [A-Z][a-z]+)$", "", text)
    text = re.sub(r",?\s*(?:assigned to|Owner:)\s*\S+$", "", text)
    text = re.sub(r"\s*(?:@\w+|\[[^\]]*\]|\(DONE\))$", "", text)
    if len(text.split()) < 2 or _BAD.search(text) or re.search(r"TBD|TODO|^\w+:", text):
        return
    if "PM403" in rules:
        pools.vague_actions.append(text)
    elif not rules or set(rules) <= {"PM401", "PM402"}:
        pools.actions.append(text)


_PROPER = frozenset(
    (*NAMES, "Sarah", "Mike", "Ken", "Dave", "Kim", "Jenkins", "Relay", "Postgres", "Kafka")
)


def _lower_first(text: str) -> str:
    """The text as the middle of a sentence: its first word in lower case, unless that
    word is a name or an acronym."""
    first = text.split()[0] if text.split() else ""
    if not first.isalpha() or first.isupper() or first in _PROPER:
        return text
    return text[0].lower() + text[1:]


_SERVICE_WORDS = re.compile(r"\b(?:[Cc]heckout|[Ss]earch|[Bb]illing|[Ll]ogin|[Pp]ayments)\b")

# Timeline entries sorted by what they tell: the trigger, detection, response, the end.
_PHASES = (
    re.compile(r"\b(?:deploy|merg|rolled out|push|start|began|begin|rising|change)", re.I),
    re.compile(r"\b(?:alert|page|notic|detect|report|told us|declared|fired)", re.I),
    re.compile(r"\b(?:found|restart|rolled back|roll back|failed over|fix|replac|mitigat)", re.I),
    re.compile(r"\b(?:resolved|recover|drained|returns? to normal|back|closed|caught up)", re.I),
)


def phase(event: str) -> int:
    found = [i for i, pattern in enumerate(_PHASES) if pattern.search(event)]
    return found[-1] if found else 1


# -- generation -----------------------------------------------------------------------------


class Writer:
    """One document: its seed decides every choice."""

    def __init__(self, pools: Pools, index: int, seed: int) -> None:
        self.pools = pools
        self.rng = random.Random(seed * 1_000_003 + index)
        rng = self.rng
        self.index = index
        self.service, self.title_service = rng.choice(SERVICES)
        self.date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))
        self.start = dt.datetime.combine(self.date, dt.time(rng.randrange(24), rng.randrange(60)))
        self.people = rng.sample(PEOPLE, 5)
        self.names = rng.sample(NAMES, 3)
        self.prefix = rng.choice(PREFIXES)
        self.ticket = rng.randrange(100, 9000)
        self.pseudo = rng.random() < 0.12  # **Title:** pseudo-headings instead of ##
        self.used: set[str] = set()

    # wording -------------------------------------------------------------------------------

    def vary(self, text: str) -> str:
        """The same sentence in this document's words: its people, figures and tickets."""
        rng = self.rng
        text = re.sub(r"@[a-z]+\b", lambda m: "@" + rng.choice(self.people), text)
        text = re.sub(
            r"\b(?:Alice|Bob|Priya|Dana|Lena|Sam|Kofi|Mira)\b",
            lambda m: rng.choice(self.names),
            text,
        )
        text = re.sub(r"\b[A-Z]{2,5}-\d{2,5}\b", lambda m: self.next_ticket(), text)
        text = _SERVICE_WORDS.sub(lambda m: self.word(m.group()), text)

        def figure(match: re.Match[str]) -> str:
            value = int(match.group())
            if value < 3 or 1900 < value < 2100:
                return match.group()
            low, high = max(2, value // 2), max(3, value * 2)
            return str(rng.randrange(low, high))

        return re.sub(r"(?<![\w:.,-])\d{1,5}(?![\w:.,-])", figure, text)

    def word(self, found: str) -> str:
        """A service word of the source replaced by one of this document's."""
        first = self.service.split()[0]
        if found[0].isupper():
            first = first[0].upper() + first[1:]
        return first if self.rng.random() < 0.5 else found

    def next_ticket(self) -> str:
        self.ticket += self.rng.randrange(1, 9)
        return f"{self.prefix}-{self.ticket}"

    def pick(self, pool: list[str], count: int) -> list[str]:
        """Up to `count` sentences, preferring ones this document has not used yet."""
        fresh = [s for s in pool if s not in self.used] or pool
        chosen = self.rng.sample(fresh, min(count, len(fresh)))
        self.used.update(chosen)
        return [self.vary(s) for s in chosen]

    def prose(self, *kinds: str) -> list[str]:
        pool: list[str] = []
        for kind in kinds:
            pool.extend(self.pools.prose.get(kind, []))
        return pool

    def heading(self, kind: str) -> str:
        title = self.rng.choice(HEADINGS[kind])
        return f"**{title}:**" if self.pseudo else f"## {title}"

    def clock(self, moment: dt.datetime, twelve: bool) -> str:
        if twelve:
            return moment.strftime("%I:%M %p").lstrip("0")
        return moment.strftime("%H:%M")

    # sections ------------------------------------------------------------------------------

    def document(self, target_words: int) -> str:
        rng = self.rng
        parts: list[str] = []
        if rng.random() < 0.6:
            authors = ", ".join(rng.sample(self.people, 2))
            parts.append(
                f"---\ntitle: {self.title_service} {rng.choice(PROBLEMS)}\ndate: {self.date}\n"
                f"authors: [{authors}]\nstatus: {rng.choice(('draft', 'final', 'review'))}\n"
                f"severity: SEV{rng.randrange(1, 4)}\n---\n"
            )
        title = f"{self.title_service} {rng.choice(PROBLEMS)} on {self.date:%B} {self.date.day}"
        parts.append(f"**Post-mortem: {title}**" if self.pseudo else f"# {title}")
        end = self.start + dt.timedelta(minutes=rng.randrange(20, 300))
        missing = rng.choice(("impact", "resolution", "lessons")) if rng.random() < 0.08 else ""
        blame = rng.choices((0, 1, 2, 3), weights=(50, 30, 15, 5))[0]
        near = rng.choices(range(9), weights=(5, 10, 15, 20, 20, 15, 8, 5, 2))[0]
        sections = {
            "summary": self.summary(end),
            "impact": self.impact(end),
            "timeline": self.timeline(end),
            "cause": self.cause(blame, near),
            "resolution": self.resolution(end),
            "actions": self.actions(),
            "lessons": self.lessons(),
        }
        for kind, body in sections.items():
            if kind == missing:
                continue
            parts.append(f"{self.heading(kind)}\n\n{body}")
        text = "\n\n".join(parts)
        extra: list[str] = []
        while len(text.split()) + sum(len(p.split()) for p in extra) < target_words:
            before = len(extra)
            extra.append(self.analysis(len(extra)))
            if len(extra) > 12 or before == len(extra):
                break
        if extra:
            heading = "## Detailed analysis" if not self.pseudo else "**Detailed analysis:**"
            text += f"\n\n{heading}\n\n" + "\n\n".join(extra)
        if rng.random() < 0.05:
            text += "\n\nTODO: add the graphs from the dashboard."
        return text + "\n"

    def analysis(self, index: int) -> str:
        """A paragraph of the long tail of a postmortem: more analysis, the response told
        as a story, the plan for the follow-ups."""
        rng = self.rng
        if index % 3 == 1:
            moment = self.start + dt.timedelta(minutes=rng.randrange(5, 120))
            events = []
            for event in self.pick(self.pools.events, rng.randint(3, 5)):
                moment += dt.timedelta(minutes=rng.randrange(2, 25))
                events.append(f"At {moment:%H:%M} UTC, {_lower_first(event.rstrip('.'))}.")
            return self.wrap(" ".join(events))
        if index % 3 == 2:
            plans = []
            for action in self.pick(self.pools.actions, rng.randint(2, 4)):
                lead = rng.choice(("We will", "Next, we will", "As a follow-up we plan to"))
                plans.append(f"{lead} {_lower_first(action)}.")
            return self.wrap(" ".join(plans))
        return self.paragraph(("cause", "general", "resolution", "summary", "impact"), 3, 6)

    def paragraph(self, kinds: tuple[str, ...], low: int, high: int) -> str:
        sentences = self.pick(self.prose(*kinds), self.rng.randint(low, high))
        return self.wrap(" ".join(sentences))

    @staticmethod
    def wrap(text: str, width: int = 90) -> str:
        lines: list[str] = []
        line = ""
        for word in text.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        if line:
            lines.append(line)
        return "\n".join(lines)

    def summary(self, end: dt.datetime) -> str:
        rng = self.rng
        lead = (
            f"On {self.date:%Y-%m-%d} between {self.start:%H:%M} and {end:%H:%M} UTC, "
            f"the {self.service} returned errors for "
            f"{rng.randrange(2, 40)}% of requests."
        )
        if rng.random() < 0.15:
            lead = f"The {self.service} was broken for some users for a while."
        rest = self.pick(self.prose("summary", "general"), rng.randint(2, 4))
        return self.wrap(" ".join([lead, *rest]))

    def impact(self, end: dt.datetime) -> str:
        rng = self.rng
        minutes = int((end - self.start).total_seconds() // 60)
        bullets = [
            f"{rng.randrange(1, 60)}% of {self.service} requests failed for {minutes} minutes.",
            f"About {rng.randrange(100, 90000):,} customers saw errors; "
            f"{rng.randrange(3, 400)} opened support tickets.",
        ]
        bullets += self.pick(self.prose("impact"), rng.randint(1, 3))
        if rng.random() < 0.25 and self.pools.vague_impact:
            bullets += self.pick(self.pools.vague_impact, 1)
        rng.shuffle(bullets)
        return "\n".join(f"- {b}" for b in bullets)

    def timeline(self, end: dt.datetime) -> str:
        rng = self.rng
        count = rng.randint(8, 16)
        twelve = rng.random() < 0.08
        zone = "" if rng.random() < 0.3 else " UTC"
        declared = "All times UTC.\n\n" if zone == "" and rng.random() < 0.8 else ""
        span = max(1, int((end - self.start).total_seconds() // 60))
        marks = sorted(rng.sample(range(span + 30), count))
        if rng.random() < 0.04:
            marks[2], marks[3] = marks[3], marks[2]  # an entry out of order
        events = sorted(self.pick(self.pools.events, count), key=phase)
        while len(events) < count:
            events.append(f"Engineers kept watching the {self.service} dashboards.")
        table = rng.random() < 0.3
        lines = ["| Time | Event |", "| --- | --- |"] if table else []
        for mark, event in zip(marks, events, strict=False):
            moment = self.start - dt.timedelta(minutes=20) + dt.timedelta(minutes=mark)
            when = self.clock(moment, twelve) + ("" if twelve else zone)
            lines.append(f"| {when} | {event} |" if table else f"- {when}: {event}")
        return declared + "\n".join(lines)

    def cause(self, blame: int, near: int) -> str:
        rng = self.rng
        paragraphs = []
        for _ in range(rng.randint(2, 3)):
            sentences = self.pick(self.prose("cause", "general"), rng.randint(3, 5))
            paragraphs.append(sentences)
        for sentence in self.pick(self.pools.blame, blame) + self.pick(self.pools.near_miss, near):
            target = rng.choice(paragraphs)
            target.insert(rng.randrange(len(target) + 1), sentence)
        return "\n\n".join(self.wrap(" ".join(p)) for p in paragraphs)

    def resolution(self, end: dt.datetime) -> str:
        lead = f"The {self.service} recovered fully at {end:%H:%M} UTC."
        rest = self.pick(self.prose("resolution"), self.rng.randint(2, 4))
        return self.wrap(" ".join([lead, *rest]))

    def actions(self) -> str:
        rng = self.rng
        count = rng.randint(4, 8)
        vague = sum(rng.random() < 0.25 for _ in range(count))
        items = self.pick(self.pools.vague_actions, vague)
        items += self.pick(self.pools.actions, count - len(items))
        rng.shuffle(items)
        table = rng.random() < 0.25
        rows = ["| Action | Owner | Ticket |", "| --- | --- | --- |"] if table else []
        for item in items:
            owner = f"@{rng.choice(self.people)}" if rng.random() < 0.8 else ""
            ticket = self.next_ticket() if rng.random() < 0.7 else ""
            if table:
                rows.append(f"| {item} | {owner} | {ticket} |")
                continue
            due = self.date + dt.timedelta(days=rng.randrange(7, 60))
            tail = [p for p in (owner and f"owner: {owner}", ticket) if p]
            if ticket and rng.random() < 0.5:
                tail.append(f"due {due}")
            rows.append(f"- {item}" + (f" ({', '.join(tail)})" if tail else ""))
        return "\n".join(rows)

    def lessons(self) -> str:
        bullets = self.pick(self.prose("lessons", "general"), self.rng.randint(3, 5))
        return "\n".join(f"- {b}" for b in bullets)


def generate(out: Path, count: int = 1000, seed: int = 7, repo: Path = REPO) -> list[Path]:
    """Write `count` postmortems to `out` (created); return their paths in order."""
    pools = collect(source_files(repo))
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    width = max(4, len(str(count)))
    for index in range(count):
        writer = Writer(pools, index, seed)
        target = writer.rng.randint(800, 1500)
        text = writer.document(target)
        path = out / f"pm-{index:0{width}d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.seed)
    words = [len(p.read_text(encoding="utf-8").split()) for p in paths]
    print(f"{len(paths)} documents in {args.out}, {sum(words) / max(1, len(words)):.0f} words avg")


if __name__ == "__main__":
    main()
