"""Reading one value: markup removed (`clean_text`), and whether a value is an owner, a
date, a ticket, a state, an item type or a table column's role; past-tense reports."""

from __future__ import annotations

import re

from pmlint.document import ListItem
from pmlint.extract.actions.words import (
    _ACTION_VERBS,
    _AUTOLINK,
    _BARE_URL,
    _BUG_SLASH,
    _CONNECTOR,
    _DATE_RE,
    _DONE_WORDS,
    _EMAIL,
    _EMPHASIS,
    _FIELD,
    _FUTURE,
    _HANDLE,
    _HTML_TAG,
    _IMAGE,
    _INLINE_LINK,
    _IRREGULAR_PAST,
    _ISSUE_NUMBER,
    _ISSUE_WORD,
    _NAME_WORD,
    _NOT_NAMES,
    _NOT_PAST,
    _NOT_SUBJECTS,
    _NOT_TICKET_PREFIX,
    _OBJECT_START,
    _OPEN_WORDS,
    _PARTICIPLE_ADJECTIVES,
    _PASSIVE_PAST,
    _PAST_NEXT,
    _PERIOD,
    _PRIORITY,
    _PRONOUN_PAST,
    _REF_LINK,
    _ROLE_OF,
    _STRIKE,
    _TEAM_ACRONYMS,
    _TEAM_WORD,
    _TICKET_KEY,
    _TRACKER_LINK_TEXT,
    _TRACKER_URL,
    _TYPE_HINTS,
    _TYPE_OF,
    OWNER_PLACEHOLDERS,
)
from pmlint.masking import remove_comments


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
    if match and _past_form(match.group("verb"), after_subject=True):
        return True
    first = words[0].lower()
    if _past_form(first) and len(words) > 1 and words[1].lower() in _PAST_NEXT:
        return True
    if _party_report(words):
        return True
    if _status_line(text, words):
        return True
    # "Alert was added": only in the first clause, and not after an imperative
    # ("Implement X: has been scheduled" is an open item with a status note).
    clause = re.split(r"[.:;]\s", text, maxsplit=1)[0]
    return bool(_PASSIVE_PAST.search(clause)) and first not in _ACTION_VERBS


# Past participles that state a need or a plan, not work done ("More alerting needed").
_NOT_DONE = frozenset(
    ("needed", "required", "wanted", "requested", "planned", "proposed", "suggested",
     "expected", "desired", "recommended", "blocked", "postponed", "deferred", "scheduled",
     "assigned", "unassigned", "tbd", "pending", "reopened", "suspected", "considered")
)  # fmt: skip


def _status_line(text: str, words: list[str]) -> bool:
    """ "Postmortem written", "Status page wording fixed": a short noun phrase and a past
    participle that ends the item, with no verb before it: a status line of work done."""
    text = _without_trailing_notes(text)
    words = re.findall(r"[A-Za-z'-]+", text)
    if not 2 <= len(words) <= 6 or not re.search(r"[A-Za-z]\W*$", text.strip(" .`")):
        return False
    last = words[-1].lower()
    if last in _NOT_DONE or not (last in _PARTICIPLES or _past_form(last, after_subject=True)):
        return False
    if words[0].lower() in _ACTION_VERBS:
        return False  # "Fix deployed", "Add alert updated": an imperative may lead
    return not any(_past_form(w) for w in words[:-1])


_CLOSERS = {"`": "`", "]": "[", ")": "("}


def _without_trailing_notes(text: str, most: int = 4) -> str:
    """The text without the handles, code spans and tags after it ("Runbook updated `@dana`
    [ops]" -> "Runbook updated"); read from the end, a few at most, in linear time."""
    for _ in range(most):
        text = text.rstrip()
        if not text:
            break
        last = text[-1]
        if last in _CLOSERS:
            start = text.rfind(_CLOSERS[last], 0, len(text) - 1)
            if start < 0:
                break
            text = text[:start]
            continue
        head, _, word = text.rpartition(" ")
        if not re.fullmatch(r"@[\w.-]+", word):
            break
        text = head
    return text


# Past participles that differ from the past tense ("Postmortem written").
_PARTICIPLES = frozenset(
    ("written", "rewritten", "done", "taken", "given", "shown", "drawn", "driven", "frozen",
     "undone", "withdrawn", "overridden", "broken", "chosen", "begun", "known", "stolen")
)  # fmt: skip


def _party_report(words: list[str]) -> bool:
    """ "Acme noticed that ...", "Storage vendors shipped a fix": a capitalised subject of
    one word (or with one more noun) and a past verb with its object."""
    return _reporting_party(words) is not None


def _reporting_party(words: list[str]) -> str | None:
    """The subject of a party's report ("Acme" in "Acme noticed that ...", "Storage
    vendors" in "Storage vendors shipped a fix"), or None when the text is not one."""
    first = words[0]
    if not first[:1].isupper() or first.lower() in _ACTION_VERBS or _past_form(first):
        return None
    for at in (1, 2):
        if len(words) <= at + 1 or (at == 2 and not words[1].islower()):
            return None
        if _past_form(words[at]) and words[at + 1].lower() in _OBJECT_START:
            return " ".join(words[:at])
    return None


def report_doer(text: str) -> str | None:
    """Who did the work a done item reports, when the report names a party as its subject
    ("Nodex noticed that ...", "Execution clients implemented a fix"); "We added ..." and
    "Added ..." name no one (the writers' "we" is not an owner one can ask)."""
    words = re.findall(r"[A-Za-z'-]+", text)
    party = _reporting_party(words) if words else None
    if party is None or re.split(r"['’]", party.split()[0])[0].lower() in _NOT_SUBJECTS:
        return None
    return party


def _past_form(word: str, after_subject: bool = False) -> bool:
    """A verb in the past ("added", "wrote"); `after_subject`: the word follows a subject,
    where "improved" or "updated" are verbs, not adjectives ("We improved our CI")."""
    word = word.lower()
    for prefix in ("", "re-", "re", "un", "over", "with"):
        if word.startswith(prefix) and word[len(prefix) :] in _IRREGULAR_PAST:
            return True
    if after_subject and word in _PARTICIPLE_ADJECTIVES:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


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


def _hinted_type(action: str) -> str | None:
    for kind, pattern in _TYPE_HINTS:
        if pattern.search(action):
            return kind
    return None
