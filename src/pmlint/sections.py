"""Map section titles to canonical sections through the synonym lists of the rule pack."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_NON_WORD = re.compile(r"[^0-9a-z]+")
_UNKNOWN = object()  # a title not classified yet


def normalise_title(title: str) -> str:
    """Case- and punctuation-insensitive form: 'Root Cause(s):' -> 'root cause s'."""
    return _NON_WORD.sub(" ", title.lower().replace("'", "")).strip()


@dataclass(frozen=True, slots=True)
class CanonicalSection:
    key: str  # e.g. "root-cause"
    title: str  # display name, e.g. "Root cause"
    synonyms: tuple[str, ...]  # normalised


class SectionCatalog:
    """Exact synonym matches win; otherwise the longest synonym contained as whole words.

    Containment lets 'Timeline (all times UTC)' or 'Root cause of the outage' match without
    listing every variant; on a tie the synonym that starts first in the title wins.
    """

    def __init__(self, sections: Iterable[CanonicalSection]) -> None:
        self.sections: dict[str, CanonicalSection] = {s.key: s for s in sections}
        self._exact: dict[str, str] = {}
        # (" synonym ", -its length, key): a synonym contained as whole words in " title "
        self._contained: list[tuple[str, int, str]] = []
        for section in self.sections.values():
            for synonym in section.synonyms:
                self._exact.setdefault(synonym, section.key)
                self._contained.append((f" {synonym} ", -len(synonym), section.key))
        # title -> its section: documents repeat the same few titles, and each containment
        # test scans every synonym of the catalog
        self._classified: dict[str, str | None] = {}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, object]]) -> SectionCatalog:
        entries = []
        for key, spec in data.items():
            title = str(spec.get("title", key.replace("-", " ").capitalize()))
            synonyms_given = spec.get("synonyms", [])
            given = synonyms_given if isinstance(synonyms_given, Iterable) else []
            raw = [title, key.replace("-", " "), *[str(s) for s in given]]
            synonyms = tuple(dict.fromkeys(n for n in map(normalise_title, raw) if n))
            entries.append(CanonicalSection(key, title, synonyms))
        return cls(entries)

    def extended(self, extra: Mapping[str, Iterable[str]]) -> SectionCatalog:
        """A catalog with more synonyms (and possibly new canonical sections) from config."""
        merged: dict[str, CanonicalSection] = dict(self.sections)
        for key, synonyms in extra.items():
            old = merged.get(key)
            added = tuple(n for n in map(normalise_title, synonyms) if n)
            if old is None:
                title = key.replace("-", " ").capitalize()
                base = (normalise_title(title),)
                merged[key] = CanonicalSection(key, title, tuple(dict.fromkeys(base + added)))
            else:
                merged[key] = CanonicalSection(
                    key, old.title, tuple(dict.fromkeys(old.synonyms + added))
                )
        return SectionCatalog(merged.values())

    def title_of(self, key: str) -> str:
        section = self.sections.get(key)
        return section.title if section else key

    def classify(self, title: str) -> str | None:
        found = self._classified.get(title, _UNKNOWN)
        if found is _UNKNOWN:
            if len(self._classified) >= 4096:
                self._classified.clear()
            found = self._classified[title] = self._classify(title)
        return found  # type: ignore[return-value]

    def names_exactly(self, title: str) -> bool:
        """Is the title one of a section's names as a whole ("Root Cause Analysis"), not a
        longer title that merely contains one ("GitHub Actions Platform Outage")?"""
        return normalise_title(title) in self._exact

    def _classify(self, title: str) -> str | None:
        norm = normalise_title(title)
        if not norm:
            return None
        if norm in self._exact:
            return self._exact[norm]
        padded = f" {norm} "
        best: tuple[int, int, str] | None = None  # (-length, position, key)
        for synonym, length, key in self._contained:
            position = padded.find(synonym)
            if position < 0:
                continue
            candidate = (length, position, key)
            if best is None or candidate < best:
                best = candidate
        return best[2] if best else None
