"""Finding the action items of a document: the sections, their lists, tables and
paragraphs, and the item each one becomes."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.diagnostics import Span
from pmlint.document import Document, ListItem, Section, Table, TextBlock
from pmlint.extract.actions.fields import (
    _fields_only,
    _hinted_type,
    _role_of_header,
    _type_of,
    clean_text,
    date_like,
    is_past_report,
    normalise,
    owner_like,
    report_doer,
)
from pmlint.extract.actions.model import (
    ActionItem,
    _Parts,
)
from pmlint.extract.actions.owners import (
    _lead_for,
    _lead_in_owner,
    _lead_in_owners,
)
from pmlint.extract.actions.parts import _TextReader
from pmlint.extract.actions.words import (
    _ACTION_VERBS,
    _DONE_TITLE,
    _PLACEHOLDER_ITEM,
    _STAMP_ITEM,
    _TASK,
    ACTION_SECTION,
    NARRATIVE_SECTIONS,
)

CACHE_KEY = "extract.actions"


def action_sections(doc: Document) -> list[Section]:
    """The outermost sections whose title maps to the action-items canonical section."""
    found: list[Section] = []
    for section in doc.sections():
        if section.canonical != ACTION_SECTION or _DONE_TITLE.search(section.title):
            continue
        if section.parent is not None and section.parent.is_under(ACTION_SECTION):
            continue
        found.append(section)
    return found


def action_items(doc: Document, given_names: frozenset[str]) -> list[ActionItem]:
    """Every action item of the document, in document order (computed once per document
    and `given_names`, then cached). `given_names` (lower case) tell a person from a word:
    "Dana will rotate the keys" names its owner."""
    store: dict[frozenset[str], list[ActionItem]] = doc.memo(CACHE_KEY, dict)
    cached = store.get(given_names)
    if cached is None:
        cached = store[given_names] = _Extractor(doc, given_names).run()
    return list(cached)


def follow_up_items(doc: Document, given_names: frozenset[str]) -> list[ActionItem]:
    """The action items that are follow-up work, not reports of work already done."""
    return [item for item in action_items(doc, given_names) if not item.reported]


class _Extractor(_TextReader):
    def __init__(self, doc: Document, given_names: frozenset[str]) -> None:
        self.doc = doc
        self.given_names = given_names
        self.items: list[ActionItem] = []
        self._lead_owner: str | None = None  # "The platform team will:" above the list

    def run(self) -> list[ActionItem]:
        for top in action_sections(self.doc):
            sections = [s for s in _walk_actions(top)]
            has_structure = any(s.list_items or s.tables for s in sections)
            for section in sections:
                leads = _lead_in_owners(section, self.given_names)
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
            self._lead_owner = _lead_in_owner(parts.text, self.given_names) or outer
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

    # -- paragraphs -----------------------------------------------------------------------
    def _paragraph(self, block: TextBlock, section: Section) -> None:
        parts = self._parts(block.text, block.links)
        text = parts.text
        if not text or _PLACEHOLDER_ITEM.match(text) or text.endswith(":"):
            return
        if len(text.split()) < 3 or _stamp(text):
            return
        self._add(parts, block.full_span(), "paragraph", section, parts.state, None, [])

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
        if (reported or state == "done") and parts.owner is None:
            parts.owner = report_doer(parts.action)  # "[x] Acme shipped the fix" too
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


def _stamp(text: str) -> bool:
    """ "Posted Sep 16, 2022 - 17:42 UTC": a status page's date line, not an item."""
    match = _STAMP_ITEM.match(text)
    return match is not None and date_like(match.group("date"))


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
    """The item type a heading names, from the item's section up to the outermost action
    section ("Action items > Detection" gives "detect")."""
    for node in (section, *section.ancestors()):
        if node.level <= 0:
            break
        found = _type_of(node.title)
        if found is not None:
            return found
        if node.canonical == ACTION_SECTION and (
            node.parent is None or node.parent.canonical != ACTION_SECTION
        ):
            break
    return None
