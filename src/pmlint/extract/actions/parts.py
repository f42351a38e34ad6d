"""What the text of one item says: its fields (`Owner: x`), trailing notes (`(Dana,
2024-06-01)`, `— Payments team`), inline cells, handles, dates and tickets, and the action
left once they are cut out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pmlint.extract.actions.fields import (
    _due_keyword_ok,
    _good_key,
    _is_placeholder,
    _is_tracker_link,
    _note_cell,
    _state_of,
    _tracking_in,
    _type_of,
    clean_text,
    date_like,
    normalise,
    owner_like,
    tracking_like,
)
from pmlint.extract.actions.model import _Parts
from pmlint.extract.actions.owners import (
    _leading_owner,
    _username,
    action_label_owner,
)
from pmlint.extract.actions.words import (
    _ACTION_LABEL_END,
    _ADDRESS_DETERMINERS,
    _ADDRESS_DIRECTIONS,
    _ADDRESS_GIVEN_TO,
    _BARE_URL,
    _BUG_SLASH,
    _DATE_ALONE,
    _DUE_KEYWORD,
    _EMAIL,
    _FIELD,
    _HANDLE,
    _ISSUE_NUMBER,
    _ISSUE_WORD,
    _LEADING_REF,
    _PRIORITY,
    _RECIPIENT,
    _ROLE_OF,
    _STRIKE,
    _STRONG_TRACKING_FIELDS,
    _TRACKER_URL,
    _TRAILING_DASH,
    _TRAILING_GROUP,
    DATE_PLACEHOLDERS,
    OWNER_PLACEHOLDERS,
    TRACKING_PLACEHOLDERS,
)


class _TextReader:
    """Reads the parts of an item's text (`_parts`); `given_names` tell a person's name."""

    given_names: frozenset[str]

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
            owner, action = _leading_owner(action, self.given_names)
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
            if role == "state" and _state_of(value) is None and len(value.split()) > 2:
                continue  # "Done: Alex added the wiki to ...": a status label, then the item
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
        label = _ACTION_LABEL_END.search(text)
        if label and label.start() > 0:
            owner = action_label_owner(label.group("body"), self.given_names)
            if owner is not None:  # "... the keys. Action: Dana"
                self._field(parts, "owner", owner)
                text = text[: label.start()].rstrip()
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
            elif action_label_owner(piece, self.given_names):
                found.append(("owner", piece))  # "(Action LT)": the minutes' owner
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
            handles = _owner_handles(text)
            handle = next(
                (h for h in handles if normalise(h) not in OWNER_PLACEHOLDERS),
                None,
            )
            if handle is not None:
                parts.owner = handle
            else:
                email = next(
                    (m for m in _EMAIL.finditer(text) if not _address_as_thing(text, m.start())),
                    None,
                )
                if email:
                    parts.owner = email.group()
                elif handles:
                    parts.owner_placeholder = parts.owner_placeholder or handles[0]
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
            if link_text and _is_tracker_link(link_text, url) and _names_reference(link_text):
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


def _owner_handles(text: str) -> list[str]:
    """The @handles of the text that may name who does the work: not those the item only
    notifies ("ping @dana + @lee", "cc @ops")."""
    told = [m.span("who") for m in _RECIPIENT.finditer(text)]
    return [
        m.group()
        for m in _HANDLE.finditer(text)
        if not any(start <= m.start() < end for start, end in told)
        and not _address_as_thing(text, m.start(), handle=True)
    ]


def _address_as_thing(text: str, start: int, handle: bool = False) -> bool:
    """The @handle or email at `start` is a thing the work points at, not its owner: after
    an article or a possessive ("an @emergency role"), or, an email, after a preposition of
    direction ("to alerts@example.org") that does not hand the work over ("assigned to")."""
    before = [w.lower() for w in re.findall(r"[\w'’]+", text[:start])[-2:]]
    if not before:
        return False
    if before[-1] in _ADDRESS_DETERMINERS:
        return True
    if handle or before[-1] not in _ADDRESS_DIRECTIONS:
        return False
    return len(before) < 2 or before[0] not in _ADDRESS_GIVEN_TO


def _names_reference(link_text: str) -> bool:
    """A tracker link's text that only points ("#14", "PR 212", "OPS-12", "this issue",
    "here"), which is a note about the item; a link whose text says what was done ("Drafted
    [documentation on how permissions are granted](…/pull/14)") is the item itself."""
    words = link_text.split()
    return len(words) <= 3 or tracking_like(link_text) or bool(_ISSUE_NUMBER.fullmatch(link_text))
