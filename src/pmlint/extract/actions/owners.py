"""Owners written as conventions: "Dana will rotate the keys", "Payments team to add ...",
"[SRE] Add an alert", "I'll bump ...", a login alone in a cell, and a lead-in such as "The
platform team will:" over a list.

A capitalised word is a person when it is one of `given_names`, the core pack's list
(`rules/core/lexicons/language.yaml`, `words.given_names`) that the caller passes in.
Other capitalised words name a party (a project, an organisation) where they stand as a
tag ("[Acme] ..."), a prefix ("Acme: rotate ...") or the subject of work ("Acme will
...", "Acme is removing ...", "NWL to open ..."), unless they name a topic, a product or
a state ("[Monitoring]", "Redis is missing ...") or read as a plural noun ("Deploys will").
"""

from __future__ import annotations

import re

from pmlint.document import Section
from pmlint.extract.actions.fields import (
    _state_of,
    _type_of,
    clean_text,
    date_like,
    normalise,
    tracking_like,
)
from pmlint.extract.actions.words import (
    _ACRONYM_SUBJECT,
    _ACTION_LABEL_LEAD,
    _ACTION_LABEL_NOTE,
    _ACTION_VERBS,
    _AUDIENCE,
    _CONNECTOR,
    _FIRST_PERSON,
    _HANDLE,
    _INFINITIVE_VERBS,
    _INITIAL_SUBJECT,
    _LEAD_IN,
    _LEADING_CLAUSE,
    _NAME_TO,
    _NAMED_SUBJECT,
    _NOT_NAMES,
    _NOT_PREFIX,
    _NOT_SUBJECTS,
    _ORG_SUBJECT,
    _ORG_WORD,
    _PARTY,
    _PARTY_SUBJECT,
    _PREFIX_OWNER,
    _PRIORITY,
    _PRONOUN_SUBJECT,
    _PSEUDONYM_SUBJECT,
    _REPORTED,
    _ROLE_SUBJECT,
    _SOFTWARE_POSTS,
    _STATE_VERBS,
    _SUBJECTLESS,
    _TAG_OWNER,
    _TAG_TOPICS,
    _TEAM_ACRONYMS,
    _TECH_TAGS,
    _TOPIC_ENDING,
    _USERNAME,
    _WORK_VERBS,
    OWNER_PLACEHOLDERS,
)


def _org_owner(phrase: str) -> str | None:
    """A named team or organisation; "the foundation" counts, "the team" does not."""
    phrase = " ".join(phrase.split())
    bare = re.sub(r"^the\s+", "", phrase, flags=re.I)
    if len(bare.split()) >= 3 and bare.split()[0].lower() == "our":
        # "Our Technical Team is working on ...": a team the writers qualify is the
        # writers' team of that name, as "the drand team" is; "our team" alone is not.
        bare = bare.split(maxsplit=1)[1]
    if normalise(phrase) in OWNER_PLACEHOLDERS or normalise(bare) in OWNER_PLACEHOLDERS:
        return None
    words = bare.split()
    if any(normalise(w) in ("we", "our", "us", "your", "their", "a", "an", "every", "each", "all",
                            "any", "some", "this", "that", "new", "whole")
           for w in words):  # fmt: skip
        return None
    if len(words) == 1 and bare.lower() in ("team", "teams", "group", "crew", "company", "staff"):
        return None
    return phrase


def _leading_owner(action: str, given_names: frozenset[str]) -> tuple[str | None, str]:
    """An owner written at the start of the item, and the action without a prefix or tag."""
    text = action.strip()
    label = _ACTION_LABEL_LEAD.match(text)
    if label:  # "ACTION: Dana to rotate ...": the label's value owns the item
        owner, rest = _leading_owner(text[label.end() :], given_names)
        if owner is None:
            owner = _labelled_party(text[label.end() :])
        if owner is not None:
            return owner, rest
    reported = _REPORTED.match(text)
    if reported:  # "The Director of IT said that the Registrar will ...": the Registrar owns it
        owner, rest = _leading_owner(text[reported.end() :], given_names)
        if owner is not None:
            return owner, rest
    audience = _AUDIENCE.search(text)
    if audience:  # "We encourage all operators to upgrade ...": the operators own it
        return " ".join((audience.group("owner") or audience.group("passive")).split()), text
    tag = _TAG_OWNER.match(text)
    if tag:
        value = tag.group("owner").strip()
        if _owner_word(value, given_names) or _party_tag(value):
            return value, text[tag.end() :]
    prefix = _PREFIX_OWNER.match(text)
    if prefix:
        value = prefix.group("owner").strip()
        rest = text[prefix.end() :]
        if (
            _owner_word(value, given_names)
            or (_party_tag(value) and _starts_work(rest))
            or _prefix_subject(value, rest)
        ):
            return value, rest
    owner = _subject_owner(text, given_names)
    if owner is not None:
        return owner, text
    if _FIRST_PERSON.search(text):
        return "the author (I)", text
    owner = _owner_after_lead(text, given_names)
    if owner is not None:
        return owner, text
    return None, action


def _subject_owner(text: str, given_names: frozenset[str]) -> str | None:
    """A person, a post, a team or a party as the subject of the work at the start of
    `text` ("Dana will ...", "The Records Officer to ...", "Acme is removing ...")."""
    role = _ROLE_SUBJECT.match(text)
    if role and not _software_post(role.group("owner")):
        return role.group("owner")
    named = _NAME_TO.match(text)
    if named and _people(named.group("owner"), given_names):
        return named.group("owner")
    org = _ORG_SUBJECT.match(text)
    if org:
        owner = _org_owner(org.group("owner"))
        if owner is not None:
            return owner
    subject = _NAMED_SUBJECT.match(text)
    if subject and subject.group("owner").lower() in given_names:
        return subject.group("owner") + (subject.group("surname") or "")
    party = _PARTY_SUBJECT.match(text)
    if party and _party_subject(party):
        return party.group("owner")
    for pattern in (_INITIAL_SUBJECT, _ACRONYM_SUBJECT, _PSEUDONYM_SUBJECT):
        person = pattern.match(text)
        if person:
            return person.group("owner")
    pronoun = _PRONOUN_SUBJECT.match(text)
    if pronoun:
        return f"{pronoun.group('owner').lower()} (named before the item)"
    return None


def _owner_after_lead(text: str, given_names: frozenset[str]) -> str | None:
    """ "Given the review's findings, Acme is to report by June ...", "After the freeze,
    Dana will ...": the subject of the main clause after a leading adverbial clause (one
    that opens with a preposition or a subordinator) owns the item, as it would at the
    start; the writers' "we" after such a clause still names no one."""
    if _LEADING_CLAUSE.match(text) is None:
        return None
    sentence = re.split(r"(?<=[.;!?])\s", text, maxsplit=1)[0]
    for comma in list(re.finditer(r",\s+", sentence))[:4]:
        owner = _subject_owner(sentence[comma.end() :], given_names)
        if owner is not None:
            return owner
    return None


_OBJECT_WORDS = frozenset(
    {"a", "an", "the", "our", "their", "its", "his", "her", "this", "that", "these", "those",
     "all", "any", "each", "every", "some", "be", "have", "do", "get"}
)  # fmt: skip
_LABELLED_PARTY = re.compile(
    rf"^(?P<owner>{_PARTY}(?:\s*(?:,|&|/|\+|\band\b)\s*{_PARTY}){{0,3}})\s+to\s+[a-z]+\b"
)


def _labelled_party(text: str) -> str | None:
    """After an Action label, whoever stands before "to <verb>" takes the item ("ACTION:
    Grant to download ..."), whatever the verb; not an imperative ("Remember to ...")."""
    match = _LABELLED_PARTY.match(text)
    if match is None:
        return None
    first = match.group("owner").split()[0].lower()
    if first in _INFINITIVE_VERBS or first in _ACTION_VERBS:
        return None
    parts = [p.strip() for p in _CONNECTOR.split(match.group("owner")) if p.strip()]
    return match.group("owner") if parts and all(_subject_party(p) for p in parts) else None


def action_label_owner(value: str, given_names: frozenset[str]) -> str | None:
    """The owner in an Action note after the item ("(Action LT)", "[Action: Dana]",
    "(Actioned by the Clerk)"), or None."""
    match = _ACTION_LABEL_NOTE.match(value.strip())
    if match is None:
        return None
    owner = match.group("owner").strip(" .")
    bare = re.sub(r"^the\s+", "", owner, flags=re.I)
    key = normalise(bare)
    if not key or key in OWNER_PLACEHOLDERS or key in _NOT_PREFIX or key in _NOT_NAMES:
        return None
    if _owner_word(bare, given_names) or _party_tag(bare):
        return owner
    return None


def _software_post(owner: str) -> bool:
    """ "Secrets Manager", "the Cluster Manager": a product or a component, not a post."""
    words = owner.split()
    return any(
        word == "Manager" and index > 0 and words[index - 1].lower() in _SOFTWARE_POSTS
        for index, word in enumerate(words)
    )


def _people(value: str, given_names: frozenset[str]) -> bool:
    """ "Dana", "Victor and Chris", "@dana + Lee": each one a given name or a handle."""
    parts = [p.strip() for p in _CONNECTOR.split(value) if p.strip()]
    return bool(parts) and all("@" in p or p.split()[0].lower() in given_names for p in parts)


def _owner_word(value: str, given_names: frozenset[str]) -> bool:
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
    return all(w.lower() in given_names or w.rstrip(".") == w[:1] for w in words) and bool(
        words[0].lower() in given_names
    )


def _acronym_tag(value: str) -> bool:
    """A leading tag in capitals ("[NWL] Rotate the keys", "[AR] ..."): in an action list
    such a tag names the team or organisation that took the item, unless it names a
    thing ("[DNS]", "[P1]", "[WIP]")."""
    return (
        re.fullmatch(r"[A-Z][A-Z0-9&]{1,5}", value) is not None
        and value not in _TECH_TAGS
        and _PRIORITY.match(value) is None
        and _state_of(value) is None
        and _type_of(value) is None
    )


def _party_tag(value: str) -> bool:
    """A leading tag that names one or more parties: in capitals ("[NWL]") or in Title
    case ("[Acme]", "[Northwind Labs]", "[Acme + NWL]"); not one that says what the item
    is about ("[Bug]", "[Docs]", "[Monitoring]", "[Gateway]")."""
    if _type_of(value) is not None or _state_of(value) is not None or _PRIORITY.match(value):
        return False
    parts = [p.strip() for p in _CONNECTOR.split(value.strip()) if p.strip()]
    return 1 <= len(parts) <= 4 and all(_acronym_tag(p) or _title_party(p) for p in parts)


def _title_party(value: str) -> bool:
    """One to three capitalised words that are not a topic: "Acme", "Birch Labs"."""
    words = value.split()
    if not 1 <= len(words) <= 3:
        return False
    for word in words:
        # letters of any script: "Zoë", "Łukasz", "Søren" are names as "Zoe" is
        if not (word[0].isupper() and re.fullmatch(r"[^\W\d_][\w&.'’-]*[^\W_]", word)):
            return False
        key = word.lower()
        if key in _NOT_NAMES or key in _TAG_TOPICS or key in _NOT_PREFIX:
            return False
        if key in OWNER_PLACEHOLDERS or word.upper() in _TECH_TAGS or key in _ACTION_VERBS:
            return False
    return _TOPIC_ENDING.search(words[-1]) is None


def _prefix_subject(value: str, rest: str) -> bool:
    """ "kestrel: will add a lag alert": after a one-word prefix the item goes on with no
    subject ("will <verb>", "to <verb>"), so the prefix is its subject, a nick as much as a
    name; not a label ("Note: will be ...", "TODO: will ...")."""
    key = normalise(value)
    if len(value.split()) != 1 or key in _NOT_PREFIX or key in _NOT_NAMES:
        return False
    if key in OWNER_PLACEHOLDERS or key in _ACTION_VERBS or _type_of(value) or _state_of(value):
        return False
    return _PRIORITY.match(value) is None and _SUBJECTLESS.match(rest) is not None


def _starts_work(text: str) -> bool:
    """ "rotate the keys" after "Acme: ": the text opens with a verb of work (a topic label
    such as "Root cause: ..." is followed by anything else)."""
    first = re.match(r"[A-Za-z-]+", text)
    return first is not None and first.group().lower() in _WORK_VERBS


def _party_subject(match: re.Match[str]) -> bool:
    """ "Acme is removing ...", "Acme will add ...", "NWL to open ...": the subject names
    parties (not "Monitoring", "Redis", "It" or a plural such as "Deploys") and the verb is
    work ("is removing", not "is missing"; "to open", not "to the")."""
    if match.group("verb") in _STATE_VERBS:
        return False
    if match.group("bare") is not None and not _CONNECTOR.search(match.group("owner")):
        return False  # "Draft plan to ...", "Review need to ...": a verb and a noun
    if match.group("work") is not None:
        first = match.group("owner").split()[0].lower()
        if first in _INFINITIVE_VERBS:
            return False  # "NWL to open ...", not "Remember to check ..." nor "Fallback to"
        if match.group("work") not in _WORK_VERBS and not _verb_with_object(match, first):
            return False
    parts = [p.strip() for p in _CONNECTOR.split(match.group("owner")) if p.strip()]
    return bool(parts) and all(_subject_party(p) for p in parts)


_OBJECT_START = re.compile(
    r"(?<!\s)\s+(?:a|an|the|our|their|its|his|her|this|that|these|those|all|any|each|every|some)\s"
)


def _verb_with_object(match: re.Match[str], first: str) -> bool:
    """ "Grant to download a back-up ...": the word after "to" takes an object with a
    determiner, so it is a verb whatever it is (minutes write "<name> to <verb> ..."); a
    noun after "to" takes none ("Fallback to cached values"). The subject must not open
    with a verb itself ("Migrate to ...")."""
    if first in _ACTION_VERBS or match.group("work") in _OBJECT_WORDS:
        return False
    return _OBJECT_START.match(match.string, match.end("work")) is not None


def _subject_party(value: str) -> bool:
    words = value.split()
    if any(w.lower() in _NOT_SUBJECTS for w in words):
        return False
    if _acronym_tag(value):
        return True
    last = words[-1]
    if re.search(r"[^siuo'’]s$", last) and len(words) == 1:
        return False  # "Deploys will pause", "Jobs to ...": a plural noun, not a name
    return _title_party(value)


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


def _lead_in_owner(text: str, given_names: frozenset[str]) -> str | None:
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
    return value if first in given_names else None


def _lead_in_owners(
    section: Section, given_names: frozenset[str]
) -> list[tuple[int, int, str | None]]:
    """(line, last line, owner) of the paragraphs directly in the section; owner None for a
    paragraph that names none (it ends the scope of the one before)."""
    found = []
    for block in section.blocks:
        if block.kind != "paragraph" or block.list_item is not None:
            continue
        text, _ = clean_text(block.text)
        span = block.full_span()
        found.append((span.line, span.end_line, _lead_in_owner(text, given_names)))
    return found


def _lead_for(leads: list[tuple[int, int, str | None]], line: int) -> str | None:
    before = [lead for lead in leads if lead[1] < line]
    return before[-1][2] if before else None
