"""Build a benchmark corpus of real incident reports in which no two documents share a
sentence.

The source is `../shared/corpus/real` (about 65 public postmortems; read at bench time,
never copied into this repository). Each output document starts from one source
document (in turn), keeps its title and opening, and takes about half of its sections
from other sources (a section of the same kind where there is one: impact for impact,
timeline for timeline). Then the whole document is varied the way two real postmortems
of one company differ: its own names (the capitalised words of the source map to other
names, the same way throughout the document), numbers, years and clock times (shifted
together, so a timeline keeps its order), and some of the common words of the field
(server, team, outage...) swapped for their usual synonyms.

A sentence (of five words or more, outside code blocks) that an earlier document already
has is varied again: other synonyms, then another determiner, then, if it still repeats,
it is left out. So the sentence shapes, the Markdown, the share of timelines, tables and
action items are those of the real documents, and pmlint's batching finds nothing to
share between documents, as in a real repository. Deterministic for a seed.

    python bench/realcorpus.py OUT_DIR [-n 440] [--seed 7] [--source DIR]
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "corpus" / "real"
MIN_WORDS = 5  # shorter "sentences" (a heading, "Done.", a table cell) may repeat

KINDS = {
    "summary": r"summary|tl;dr|overview|what happened|background|introduction|description",
    "impact": r"impact|affected|scope|customer",
    "timeline": r"timeline|detection|response|chronolog|events|how we found",
    "cause": r"cause|contributing|trigger|analysis|why|technical|details",
    "resolution": r"resolution|recovery|mitigation|fix|remediation|resolved",
    "actions": r"action|follow|next steps|tasks|todo|prevent|future|changes",
    "lessons": r"lesson|went well|went wrong|lucky|learn|conclusion|retrospective",
}
_KINDS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in KINDS.items()]
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)

# Synonyms that postmortems use interchangeably: one of each group is swapped for another
# of it (case kept). Single words only, so a swap never crosses a line break.
SYNONYMS = (
    ("server", "host", "machine", "node"),
    ("servers", "hosts", "machines", "nodes"),
    ("outage", "incident", "disruption"),
    ("outages", "incidents", "disruptions"),
    ("team", "crew", "group"),
    ("users", "customers", "clients"),
    ("user", "customer", "client"),
    ("issue", "problem"),
    ("issues", "problems"),
    ("error", "failure", "fault"),
    ("errors", "failures", "faults"),
    ("deploy", "rollout", "release"),
    ("deployed", "rolled", "shipped"),
    ("database", "datastore", "DB"),
    ("quickly", "promptly", "rapidly"),
    ("started", "began"),
    ("noticed", "spotted", "saw"),
    ("fixed", "repaired", "patched"),
    ("change", "modification", "update"),
    ("changes", "modifications", "updates"),
    ("service", "system", "component"),
    ("services", "systems", "components"),
    ("traffic", "load", "requests"),
    ("alert", "page", "alarm"),
    ("alerts", "pages", "alarms"),
    ("config", "configuration", "settings"),
    ("website", "site", "portal"),
    ("cluster", "fleet", "pool"),
    ("engineer", "operator", "developer"),
    ("engineers", "operators", "developers"),
    ("caused", "triggered", "produced"),
    ("also", "additionally", "further"),
    ("because", "since", "as"),
    ("however", "but", "still"),
    ("minutes", "mins"),
    ("large", "big", "huge"),
    ("small", "minor", "little"),
    ("new", "fresh", "newer"),
    ("old", "older", "previous"),
    ("very", "really", "quite"),
)
_SWAP = {word.lower(): group for group in SYNONYMS for word in group}
_SWAP_WORD = re.compile(r"\b(" + "|".join(sorted(_SWAP, key=len, reverse=True)) + r")\b", re.I)
_DETERMINER = re.compile(r"\b(the|a|this|our|its)\b")
DETERMINERS = ("the", "this", "that", "our", "their", "its", "each", "one")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Names that the capitalised words of a source become (people, companies and products
# alike: a postmortem's names are all of those).
NAMES = _words(
    "Aldren Corvale Brisk Calder Danvers Elmtree Farrow Galloway Hestia Ingram Juniper "
    "Kestrel Larkspur Meridian Norwood Oakhurst Pellinor Quarry Rowan Sable Tamsin Umber "
    "Vantage Westbrook Yarrow Zephyr Ashdown Bramble Cinder Dorset Ember Fennel Granite "
    "Harbor Iris Jasper Kinsey Linden Marlow Nimbus Orchid Pembrook Quill Redwood Sorrel "
    "Thistle Upland Verity Willow Alder Beacon Cobalt Delta Everly Falcon Garnet Hollis "
    "Indigo Jett Kepler Lumen Mistral Nova Onyx Piper Quest Raven Sterling Talon Vesper"
)
# Capitalised words that are not names: kept as they are.
KEEP = frozenset(
    _words(
        "I A An The This That These Those It Its We Our Us They Their He She His Her You Your "
        "On In At By For From To Of And Or But If When While After Before During Since Until "
        "As Is Are Was Were Be Been Has Have Had Do Did Does Not No Yes All Some Any Each "
        "Every Most Many Much More Less One Two Three First Second Third Next Last Then Also "
        "However There Here What Why How Who Where Which With Without Within About Around "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
        "April May June July August September October November December Jan Feb Mar Apr Jun "
        "Jul Aug Sep Sept Oct Nov Dec UTC GMT PST PDT EST EDT CET CEST BST AM PM TODO TBD "
        "Summary Impact Timeline Root Cause Resolution Action Actions Items Lessons Learned "
        "Learnt Incident Postmortem Post Mortem Analysis Detection Response Recovery Status "
        "Background Conclusion Owner Time Event Date Description Contributing Factors Trigger "
        "Mitigation Follow Steps Went Well Wrong Lucky Where Why Note Update Problem Fix"
    )
)
_WORD = re.compile(r"(?<![\w./@#:-])([A-Z][a-z]{2,}[A-Za-z]*)(?![\w/@-]|\.\w)")
# A name: a capitalised word inside a sentence (after a lower-case word or a comma).
_NAME = re.compile(r"(?<=[a-z0-9,;)] )([A-Z][a-z]{2,}[A-Za-z]*)(?![\w/@-]|\.\w)")
_NUMBER = re.compile(r"(?<![\w:.,/#-])(\d{1,5})(?![\w:,/-]|\.\d)")
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?!\d)")
_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d])")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_LIST = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+")


@dataclass(slots=True)
class Source:
    name: str
    opening: str  # front matter, title and the text before the first section
    sections: list[tuple[str, str]]  # (kind, text with its heading)


def _kind(title: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


def split(name: str, text: str) -> Source:
    """The opening and the sections at the document's section level (the smallest
    heading level below a lone title)."""
    lines = text.split("\n")
    levels: list[int] = []
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and (found := _HEADING.match(line)):
            levels.append(len(found.group(1)))
    level = min(levels, default=2)
    if levels.count(level) == 1 and any(v > level for v in levels):
        level = min(v for v in levels if v > level)
    opening: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
        found = None if in_code else _HEADING.match(line)
        if found and len(found.group(1)) == level:
            sections.append((_kind(found.group(2)), [line]))
        elif sections:
            sections[-1][1].append(line)
        else:
            opening.append(line)
    return Source(
        name,
        "\n".join(opening).rstrip() + "\n",
        [(kind, "\n".join(body).strip("\n") + "\n") for kind, body in sections],
    )


def read_sources(folder: Path) -> list[Source]:
    return [
        split(path.name, path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(folder.glob("*.md"))
    ]


class Varier:
    """One output document's variation: its names, figures, years, clock and synonyms."""

    def __init__(self, rng: random.Random, variant: int) -> None:
        self.rng = rng
        self.variant = variant
        self.names: dict[str, str] = {}
        self.free = rng.sample(NAMES, len(NAMES))
        self.years = rng.randrange(-2, 3) if variant else 0
        self.minutes = rng.randrange(-90, 91) if variant else 0
        self.scale = rng.choice((0.5, 0.75, 1.25, 1.5, 2.0, 3.0))
        self.swaps = {group: rng.choice(group) for group in SYNONYMS if rng.random() < 0.5}

    def name(self, match: re.Match[str]) -> str:
        return self.names.get(match.group(1), match.group(1))

    def learn_names(self, text: str) -> None:
        for found in _NAME.finditer(text):
            word = found.group(1)
            if word not in KEEP and word not in self.names and self.free:
                self.names[word] = self.free.pop()

    def number(self, match: re.Match[str]) -> str:
        value = int(match.group(1))
        if not self.variant or value < 2 or value in (24, 60, 100, 404, 500, 503):
            return match.group(1)
        return str(max(2, round(value * self.scale)))

    def clock(self, match: re.Match[str]) -> str:
        total = (int(match.group(1)) * 60 + int(match.group(2)) + self.minutes) % 1440
        width = len(match.group(1))
        return f"{total // 60:0{width}d}:{total % 60:02d}"

    def year(self, match: re.Match[str]) -> str:
        return str(int(match.group(1)) + self.years)

    def swap(self, match: re.Match[str], swaps: dict[tuple[str, ...], str]) -> str:
        word = match.group(1)
        group = _SWAP[word.lower()]
        if group not in swaps:
            return word
        new = swaps[group]
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[0].upper() + new[1:] if word[0].isupper() else new

    def prose(self, text: str) -> str:
        """A stretch of text outside code: every variation of the document."""
        if not self.variant:
            return text
        text = _CLOCK.sub(self.clock, text)
        text = _YEAR.sub(self.year, text)
        text = _NUMBER.sub(self.number, text)
        self.learn_names(text)
        text = _WORD.sub(self.name, text)
        return _SWAP_WORD.sub(lambda m: self.swap(m, self.swaps), text)

    def again(self, sentence: str, attempt: int) -> str:
        """Another variation of a sentence that repeats one of an earlier document."""
        if attempt < 3:
            swaps = {group: self.rng.choice(group) for group in SYNONYMS}
            varied = _SWAP_WORD.sub(lambda m: self.swap(m, swaps), sentence)
            if varied != sentence:
                return varied
        found = list(_DETERMINER.finditer(sentence))
        if not found:
            return sentence
        pick = self.rng.choice(found)
        choice = self.rng.choice([d for d in DETERMINERS if d != pick.group(1)])
        return sentence[: pick.start()] + choice + sentence[pick.end() :]


def _key(sentence: str) -> str | None:
    words = _LIST.sub("", " ".join(sentence.split())).split()
    return " ".join(words).lower() if len(words) >= MIN_WORDS else None


def _blocks(text: str) -> Iterator[tuple[bool, str]]:
    """(is prose, text) in order: fenced code and front matter are not prose."""
    front = _FRONT.match(text)
    if front:
        yield False, front.group()
        text = text[front.end() :]
    chunk: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line) and not in_code:
            if chunk:
                yield True, "\n".join(chunk) + "\n"
            chunk, in_code = [line], True
        elif _FENCE.match(line) and in_code:
            chunk.append(line)
            yield False, "\n".join(chunk) + "\n"
            chunk, in_code = [], False
        else:
            chunk.append(line)
    if chunk:
        yield not in_code, "\n".join(chunk)


class Corpus:
    """Sentences already written, so that no later document repeats one."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.sentences = 0
        self.varied_again = 0
        self.dropped = 0

    def unique(self, varier: Varier, block: str) -> str:
        """The block with each of its sentences new to the corpus (varied again or left
        out where it repeats an earlier one)."""
        out: list[str] = []
        for paragraph in re.split(r"(\n[ \t]*\n)", block):
            if paragraph.lstrip().startswith("|"):  # a table: each row on its own
                rows = [self._sentences(varier, row) for row in paragraph.split("\n")]
                out.append("\n".join(rows))
            else:
                out.append(self._sentences(varier, paragraph))
        return "".join(out)

    def _sentences(self, varier: Varier, text: str) -> str:
        pieces: list[str] = []
        last = 0
        for found in _SENTENCE.finditer(text):
            pieces.append(text[last : found.start()])
            last = found.end()
            sentence = found.group()
            key = _key(sentence)
            attempt = 0
            while key is not None and key in self.seen and attempt < 6:
                sentence = varier.again(sentence, attempt)
                key = _key(sentence)
                attempt += 1
            if key is not None and key in self.seen:
                self.dropped += 1
                sentence = "\n" if sentence.endswith("\n") else ""
            elif key is not None:
                self.seen.add(key)
                self.sentences += 1
                self.varied_again += attempt > 0
            pieces.append(sentence)
        pieces.append(text[last:])
        return "".join(pieces)


def compose(sources: list[Source], index: int, rng: random.Random) -> str:
    """Document `index`: source index % len(sources), about half of its sections taken
    from other sources (of the same kind where one has it) after its first round."""
    own = sources[index % len(sources)]
    variant = index // len(sources)
    by_kind: dict[str, list[str]] = {}
    for source in sources:
        if source is not own:
            for kind, text in source.sections:
                by_kind.setdefault(kind, []).append(text)
    parts = [own.opening]
    for kind, text in own.sections:
        if variant and rng.random() < 0.5:
            pool = by_kind.get(kind) or by_kind.get("other") or [text]
            text = rng.choice(pool)
        parts.append(text)
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def build(
    out: Path,
    count: int = 440,
    seed: int = 7,
    source: Path = SOURCE,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write `count` documents to `out` (emptied of earlier .md files); their paths."""
    sources = read_sources(source)
    if not sources:
        raise FileNotFoundError(f"no Markdown documents in {source}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    corpus = Corpus()
    paths: list[Path] = []
    width = max(3, len(str(count)))
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        varier = Varier(rng, index // len(sources))
        text = compose(sources, index, rng)
        parts = []
        for prose, block in _blocks(text):
            if prose:
                block = corpus.unique(varier, varier.prose(block))
            parts.append(block)
        stem = Path(sources[index % len(sources)].name).stem
        path = out / f"real-{index:0{width}d}-{stem[:40]}.md"
        path.write_text("".join(parts), encoding="utf-8")
        paths.append(path)
    if log is not None:
        log(
            f"{corpus.sentences} sentences of {MIN_WORDS}+ words, none in two documents "
            f"({corpus.varied_again} varied again, {corpus.dropped} left out as repeats)"
        )
    return paths


def shared_sentences(paths: list[Path]) -> int:
    """Sentences (of MIN_WORDS words or more) found in more than one of the documents."""
    owner: dict[str, Path] = {}
    shared = set()
    for path in paths:
        for prose, block in _blocks(path.read_text(encoding="utf-8")):
            if not prose:
                continue
            for paragraph in re.split(r"\n[ \t]*\n|\n(?=\s*\|)", block):
                for found in _SENTENCE.finditer(paragraph):
                    key = _key(found.group())
                    if key is not None and owner.setdefault(key, path) != path:
                        shared.add(key)
    return len(shared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--count", type=int, default=440)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    paths = build(args.out, args.count, args.seed, args.source, print)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.out}")
    print(f"sentences in more than one document: {shared_sentences(paths)}")


if __name__ == "__main__":
    main()
