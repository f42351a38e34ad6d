"""Follow-through across a repository: which action items are done, which are overdue, and
which follow-ups and root causes come back incident after incident.

Done: a ticked box, a status cell or a word that says so (the action-item reader's `state`).
Overdue: open, with a due date before the day of the analysis (`as_of`, today by default).
Repeats: items (or root causes) of different documents that share most of their content
words: at least three, and at least half of the smaller item's (Jaccard-like overlap on word
stems). Plain text: no language model is needed, and the same documents give the same list.
A template's text is left out before grouping: HTML comments, a paragraph or item that is all
emphasis (a template's instruction such as "*Run a 5-whys analysis …*"), a placeholder (TBD,
`<…>`, `[…]`) and an emphasised prompt that opens a paragraph ("_What caused this
situation?_ …", "**Why?** …"); texts are kept without their Markdown. A group's terms are
shown as the words its texts use most (stems, as compared, in `stems`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pmlint.config import core_given_names
from pmlint.document import Document
from pmlint.extract.actions import follow_up_items
from pmlint.extract.timestamps import find_stamps
from pmlint.masking import remove_comments, strip_markup

_QUARTER = re.compile(r"\bQ([1-4])[ \t]?(?:FY[ \t]?)?'?(\d{4}|\d{2})\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
# Words that carry no subject: a repeat must share what the items are about.
_STOP = frozenset(
    (
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "into",
        "when",
        "will",
        "should",
        "would",
        "could",
        "have",
        "has",
        "had",
        "are",
        "was",
        "were",
        "been",
        "being",
        "not",
        "all",
        "any",
        "our",
        "their",
        "there",
        "them",
        "they",
        "its",
        "also",
        "more",
        "less",
        "than",
        "then",
        "some",
        "such",
        "each",
        "other",
        "about",
        "after",
        "before",
        "over",
        "under",
        "between",
        "make",
        "sure",
        "ensure",
        "add",
        "added",
        "adding",
        "use",
        "using",
        "used",
        "need",
        "needs",
        "needed",
        "way",
        "ways",
        "new",
        "what",
        "why",
        "how",
        "which",
        "who",
        "during",
        "out",
    )
)
# An emphasised run at the start of a text: a whole-paragraph instruction, or a prompt.
_EMPHASISED = re.compile(r"(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
# Anchored: it is only ever matched whole, and unanchored a search for "<[^>]*>" in a run of
# "<" rescans the rest of the text from every position (quadratic).
_PLACEHOLDER = re.compile(
    r"\A(?:tbd|tbc|todo|n/?a|none|\.\.\.|…|lorem ipsum.*|<[^>]*>|\[[^\]]*\]|\{[^}]*\})[.!]?\Z",
    re.IGNORECASE,
)
MIN_SHARED = 3


def due_date(text: str | None) -> dt.date | None:
    """The last day a due text allows: a date, or the end of a quarter ("Q3 2024")."""
    if not text:
        return None
    quarter = _QUARTER.search(text)
    if quarter:
        year = int(quarter.group(2))
        year += 2000 if year < 100 else 0
        month = int(quarter.group(1)) * 3
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    for stamp in find_stamps(text):
        if stamp.date is not None and stamp.year_known:
            return stamp.date
    return None


def follow_through(doc: Document, as_of: dt.date, given_names: frozenset[str]) -> dict[str, int]:
    """Done, open, overdue, owned and tracked counts over the follow-up items (`given_names`:
    the Config's, see `pmlint.extract.actions.action_items`)."""
    items = follow_up_items(doc, given_names)
    done = sum(1 for item in items if item.state == "done")
    overdue = 0
    for item in items:
        due = due_date(item.due)
        if item.state != "done" and due is not None and due < as_of:
            overdue += 1
    return {
        "total": len(items),
        "done": done,
        "open": len(items) - done,
        "overdue": overdue,
        "owned": sum(1 for item in items if item.owner),
        "tracked": sum(1 for item in items if item.tracking),
    }


def authored_text(text: str) -> str:
    """What the author wrote in a paragraph or item, as plain text: '' for a template's
    instruction (all emphasis), a placeholder or a comment; a leading emphasised prompt (one
    that ends with '?' or ':') dropped."""
    text = " ".join(remove_comments(text).split())
    while (match := _EMPHASISED.match(text)) is not None:
        if match.end() == len(text):
            return ""  # the whole paragraph is emphasis: an instruction, not an incident
        if not match.group(2).rstrip().endswith(("?", ":")):
            break
        text = text[match.end() :].lstrip()
    if not text or _PLACEHOLDER.fullmatch(text):
        return ""
    return strip_markup(text)


def item_texts(doc: Document, given_names: frozenset[str] | None = None) -> list[tuple[int, str]]:
    """(line, text) of each follow-up item, for the repeats (`given_names`: the Config's;
    None: the core pack's, which every Config holds)."""
    names = core_given_names() if given_names is None else given_names
    found = []
    for item in follow_up_items(doc, names):
        # The item's source line says whether it is a template's (the item's text has lost
        # its emphasis markers).
        raw = doc.lines[item.line - 1] if 0 < item.line <= len(doc.lines) else item.text
        text = authored_text(_LIST_MARKER.sub("", raw)) and authored_text(item.action or item.text)
        if text:
            found.append((item.line, text))
    return found


def root_cause_texts(doc: Document) -> list[tuple[int, str]]:
    """(line, first sentence) of each paragraph of the root-cause sections."""
    found: list[tuple[int, str]] = []
    for section in doc.find_sections("root-cause"):
        for block in section.all_blocks():
            text = authored_text(block.text)
            sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            if len(_terms(sentence)) >= MIN_SHARED:
                found.append((block.first_line, sentence))
    return found


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text))


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def _readable(stems: frozenset[str], texts: Iterable[str]) -> list[str]:
    """Each stem as the word the texts write most for it (then the shorter, then the first
    alphabetically): "analysis", not "analysi"."""
    forms: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for text in texts:
        for word in _words(text):
            if _stem(word) in forms:
                forms[_stem(word)][word] += 1
    return sorted(
        min(counts, key=lambda w: (-counts[w], len(w), w)) if counts else stem
        for stem, counts in forms.items()
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    path: str
    line: int
    text: str
    terms: frozenset[str]


def repeats(entries: Iterable[tuple[str, int, str]]) -> list[dict[str, Any]]:
    """Groups of similar texts from two or more documents, largest first: each with its
    shared terms and where each text stands."""
    items = [_Entry(p, line, t, _terms(t)) for p, line, t in entries]
    items = [item for item in items if len(item.terms) >= MIN_SHARED]
    groups: list[list[_Entry]] = []
    for item in items:
        for group in groups:
            head = group[0]
            shared = head.terms & item.terms
            if (
                item.path not in {g.path for g in group}
                and len(shared) >= MIN_SHARED
                and len(shared) * 2 >= min(len(head.terms), len(item.terms))
            ):
                group.append(item)
                break
        else:
            groups.append([item])
    found = [g for g in groups if len(g) > 1]
    found.sort(key=lambda g: (-len(g), g[0].path, g[0].line))
    result = []
    for group in found:
        stems = frozenset.intersection(*(g.terms for g in group))
        result.append(
            {
                "terms": _readable(stems, (g.text for g in group)),
                "stems": sorted(stems),
                "places": [{"path": g.path, "line": g.line, "text": g.text} for g in group],
            }
        )
    return result


def aggregate_follow_through(documents: Sequence[dict[str, Any]]) -> dict[str, int]:
    keys = ("total", "done", "open", "overdue", "owned", "tracked")
    return {key: sum(d.get("follow_through", {}).get(key, 0) for d in documents) for key in keys}
