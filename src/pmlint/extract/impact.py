"""Impact facts: the figures an impact statement gives (78 % of users, 1,200 orders, $40k,
45 minutes) with what they measure, read from the impact section, or from the summary when
there is no impact section."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pmlint.diagnostics import Span
from pmlint.document import Document, Section, TextBlock

_MULT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_NUMBER = r"(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PERCENT = re.compile(rf"(?<![\w.]){_NUMBER}\s?(?:%|percent\b)", re.IGNORECASE)
_FOLLOWING_WORDS = re.compile(
    r"(?<!\s)\s+(?:of\s+)?(?:(?:the|all|our|their)\s+)?([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?(?:\s+([A-Za-z][\w-]*))?"
)
# Currencies and the tokens that incidents in finance and crypto lose ("3.5m USDC drained").
_CURRENCIES = (
    r"USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|CNY|USDC|USDT|DAI|ETH|BTC|SOL|BNB|XRP|MATIC|ATOM"
    r"|dollars|euros|pounds|tokens"
)
_MONEY = re.compile(
    r"(?P<cur>[$€£])\s?(?P<v>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>k|m|bn|million|billion|thousand)?\b"
    rf"|(?<!\d)(?<!\d,)(?P<v2>\d[\d,]*(?:\.\d+)?)\s?(?P<mult2>k|m|million|billion|thousand)?\s?"
    rf"(?P<cur2>{_CURRENCIES})\b",
    re.IGNORECASE,
)
# "18m out of 40m tokens", "3 of 12 regions": a share, whatever is counted.
_SHARE = re.compile(
    rf"(?<![\w.,]){_NUMBER.replace('(?P<v>', '(?P<a>')}\s?(?P<ma>k|m|million|thousand)?"
    r"\s+(?:out\s+)?of"
    rf"\s+(?:the\s+|a\s+total\s+of\s+|all\s+)?{_NUMBER.replace('(?P<v>', '(?P<b>')}\s?"
    r"(?P<mb>k|m|million|thousand)?\s+(?P<noun>[A-Za-z][\w-]*)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"(?<![\w.:])(?P<v>\d+(?:\.\d+)?)\s?(?P<unit>minutes?|mins?|hours?|hrs?|seconds?|secs?|days?)\b"
    r"|(?<![\w.:])(?P<h>\d+)h\s?(?P<m>\d+)m\b",
    re.IGNORECASE,
)
# A number and, within two more words, a plural noun: a count of whatever the document's
# domain counts ("1,200 invoices were delayed", "40 merchant payouts"), beyond PM201's noun
# list. Not units of time or size, and not the responders' own numbers.
_ANY_COUNT = re.compile(
    rf"(?<![\w.,:/-]){_NUMBER}\s?(?P<mult>k|thousand|m|million)?\+?\s(?:[a-z-]+\s){{0,2}}?"
    r"(?P<noun>[a-z][a-z-]{2,}(?<![su]s)(?<!is)s)\b",
    re.IGNORECASE,
)
_NOT_COUNTED = frozenset(
    (
        *("seconds", "secs", "minutes", "mins", "hours", "hrs", "days", "weeks", "months"),
        *("years", "times", "bytes", "kbs", "mbs", "gbs", "tbs", "points", "percents"),
        *("engineers", "responders", "members", "steps", "attempts", "retries", "versions"),
        "releases",
    )
)
_DIGIT = re.compile(r"\d")
_LATENCY = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s?(?P<unit>ms|s)\b")


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str  # percent | count | money | minutes | ms
    of: str | None  # what it measures: "users", "orders", "USD"
    text: str
    span: Span

    @property
    def line(self) -> int:
        return self.span.line

    def to_json(self) -> dict[str, object]:
        value: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {"value": value, "unit": self.unit, "of": self.of, "line": self.line}


def _value(text: str, mult: str | None = None) -> float:
    number = float(text.replace(",", ""))
    return number * _MULT.get((mult or "").lower(), 1)


def _measured(text: str, end: int, nouns: Sequence[str]) -> str | None:
    """What a percentage is of: the first counted noun among the next three words
    ("78 % of users", "6.5 % of card payments")."""
    match = _FOLLOWING_WORDS.match(text, end)
    if not match:
        return None
    known = {n.lower().rstrip("s") for n in nouns}
    for word in match.groups():
        if word and word.lower().rstrip("s") in known:
            return word.lower()
    return None


def impact_scope(doc: Document) -> list[Section]:
    """The impact sections; the summary's when there is none."""
    impact = doc.find_sections("impact")
    return impact or doc.find_sections("summary")


def scope_blocks(sections: Sequence[Section]) -> Iterator[TextBlock]:
    seen: set[int] = set()
    for section in sections:
        for block in section.all_blocks():
            if id(block) not in seen:
                seen.add(id(block))
                yield block


@lru_cache(maxsize=32)
def _noun_patterns(nouns: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The counts of the nouns ("1,200 invoices") and the quantifiers over them ("all
    users"), built once per list of nouns rather than once per block (PM201 and PM202 ask
    for every block of the impact sections); None without nouns."""
    noun_pattern = "|".join(re.escape(n.rstrip("s")) for n in sorted(nouns, key=len, reverse=True))
    if not noun_pattern:
        return None
    counts = re.compile(
        rf"(?<![\w.,:/-]){_NUMBER}\s?(?P<mult>k|thousand|m|million)?\+?\s(?:[a-z-]+\s){{0,2}}?"
        rf"(?P<noun>(?:{noun_pattern})(?:e?s)?)\b",
        re.IGNORECASE,
    )
    everyone = re.compile(
        rf"\b(?:all|every|no)\s(?:[a-z-]+\s)?(?P<noun>(?:{noun_pattern})(?:e?s)?)\b",
        re.IGNORECASE,
    )
    return counts, everyone


def find_figures(block: TextBlock, nouns: Sequence[str]) -> list[Figure]:
    text = block.prose
    found: list[tuple[int, int, Figure]] = []

    def add(start: int, end: int, value: float, unit: str, of: str | None) -> None:
        if any(s < end and start < e for s, e, _ in found):
            return
        found.append(
            (start, end, Figure(value, unit, of, block.text[start:end], block.span(start, end)))
        )

    # Every pattern but `everyone` ("all users") holds a digit: a block with none (most of
    # them) is not scanned by the others.
    digits = _DIGIT.search(text) is not None
    for match in _SHARE.finditer(text) if digits else ():
        part, whole = _value(match["a"], match["ma"]), _value(match["b"], match["mb"])
        if 0 < part <= whole:
            noun = match["noun"].lower()
            add(match.start(), match.end(), round(100 * part / whole, 2), "percent", noun)
    for match in _MONEY.finditer(text) if digits else ():
        number = match["v"] or match["v2"]
        currency = {"$": "USD", "€": "EUR", "£": "GBP"}.get(match["cur"] or "")
        currency = currency or (match["cur2"] or "").upper().replace("DOLLARS", "USD").replace(
            "EUROS", "EUR"
        )
        add(
            match.start(),
            match.end(),
            _value(number, match["mult"] or match["mult2"]),
            "money",
            currency or None,
        )
    for match in _PERCENT.finditer(text) if digits else ():
        add(
            match.start(),
            match.end(),
            _value(match["v"]),
            "percent",
            _measured(text, match.end(), nouns),
        )
    noun_patterns = _noun_patterns(tuple(nouns))
    if noun_patterns is not None:  # without nouns there are no counts to find
        counts, everyone = noun_patterns
        # the listed nouns first, then "1,200 invoices": any plural noun but units
        listed = counts.finditer(text)
        other = (m for m in _ANY_COUNT.finditer(text) if m["noun"].lower() not in _NOT_COUNTED)
        for match in (*listed, *other) if digits else ():
            value = _value(match["v"], match["mult"])
            add(match.start(), match.end(), value, "count", match["noun"].lower())
        for match in everyone.finditer(text):
            value = 0.0 if match.group(0).lower().startswith("no") else 100.0
            add(match.start(), match.end(), value, "percent", match["noun"].lower())
    for match in _DURATION.finditer(text) if digits else ():
        minutes: float
        if match["h"]:
            minutes = int(match["h"]) * 60 + int(match["m"])
        else:
            unit = match["unit"].lower()
            factor = (
                60
                if unit.startswith(("h", "hr"))
                else 1440
                if unit.startswith("d")
                else (1 / 60 if unit.startswith("s") else 1)
            )
            minutes = float(match["v"]) * factor
        add(match.start(), match.end(), minutes, "minutes", None)
    for match in _LATENCY.finditer(text) if digits else ():
        factor = 1 if match["unit"] == "ms" else 1000
        add(match.start(), match.end(), float(match["v"]) * factor, "ms", "latency")
    return [f for _, _, f in sorted(found, key=lambda item: item[0])]


def impact_figures(doc: Document, nouns: Sequence[str]) -> list[Figure]:
    """Figures in the impact scope; `nouns` (what counts are counts of) come from PM201."""
    key = f"extract.impact.figures:{tuple(nouns)!r}"
    return doc.memo(
        key, lambda: [f for b in scope_blocks(impact_scope(doc)) for f in find_figures(b, nouns)]
    )
