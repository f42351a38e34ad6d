"""Is an action item specific enough to be checked when it is done? (PM403)

An item is vague when its head verb is a vague verb (improve, review, ensure, consider,
...) and nothing makes it checkable (a number or threshold, a named component or
artifact, a deliverable such as "by adding an alert when p99 > 500 ms"), when it is
tentative ("consider", "maybe", "some kind of"), when it targets people's behaviour
("be more careful", "remind engineers to"), or when it names nothing specific at all
("Implement proactive alerts").

With a trained spaCy pipeline the head verb, its object and its modifiers come from the
dependency parse, run only on the action items (one `nlp.pipe` batch per document).
Imperatives ("Document the procedure ...") are often mis-tagged as nouns at the start of
a fragment, so each item is also parsed behind "You should" and that reading is used
when it makes the first word the root verb. Without a trained pipeline (blank mode) a
lexical heuristic over word forms stands in; the engine reports that mode as reduced.

The word lists are data: `rules/core/lexicons/vague-actions.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pmlint.document import Document
from pmlint.extract.actions import ActionItem, follow_up_items
from pmlint.nlp import MAX_PARSED_CHARS
from pmlint.nlp.cascade import parse_texts

CACHE_KEY = "action_vagueness"
CLASSES = (
    "tentative",
    "hedge",
    "improve",
    "inquiry",
    "assure",
    "people",
    "people_state",
    "qualifier",
    "generic",
    "open",
    "plan_noun",
    "deliverable",
    "loose_inquiry",
)
_VERB_CLASSES = ("people", "tentative", "improve", "loose_inquiry", "inquiry", "assure")

# Parsed behind this prefix, an imperative fragment gets a verb for a root.
_PREFIX = "You should "
# First words after which the item has its own subject or opens with a clause.
_NOT_IMPERATIVE = frozenset(
    {
        "we", "i", "you", "they", "he", "she", "it", "our", "their", "this", "that", "these",
        "those", "there", "the", "a", "an", "all", "every", "each", "any", "some", "no", "if",
        "when", "whenever", "before", "after", "once", "while", "since", "until", "as", "for",
        "in", "on", "to", "with", "by", "during", "from", "instead", "also", "then", "so",
        "because", "where", "maybe", "perhaps", "ideally", "hopefully", "someone", "everyone",
    }
)  # fmt: skip
# Heads that carry another verb: "we need to improve", "try to reduce", "ask X to apply".
_CARRIERS = frozenset(
    {"need", "have", "want", "try", "strive", "attempt", "aim", "seek", "plan", "hope", "go",
     "ask", "request", "get", "start", "begin", "wish", "like", "intend", "mean"}
)  # fmt: skip
_LIGHT_VERBS = frozenset(
    {"be", "have", "do", "get", "make", "go", "take", "let", "help", "cause", "happen", "occur",
     "lead", "result", "seem", "become", "exist", "mean", "want", "wish", "like"}
)  # fmt: skip
# A clause under an inquiry that asks about our wishes, not the system: "whether we want to".
_WISHES = frozenset({"want", "wish", "like", "prefer", "should", "could", "might", "would"})
_SUBJECTS = re.compile(
    r"^(?:(?:we|i|you|they|the\s+team|team|someone|everyone|somebody)\s+)?"
    r"(?:(?:should|must|need\s+to|needs\s+to|have\s+to|has\s+to|ought\s+to|will|shall|can|could"
    r"|would|might|may|want\s+to|plan\s+to|are\s+going\s+to|is\s+going\s+to|also|still|really"
    r"|actually|then|definitely|probably)\s+)*",
    re.I,
)
_NUMBER = re.compile(
    r"(?<![A-Za-z])\d|[<>≤≥]|=|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|fifty|hundred|thousand|million|twice|half|double|zero|every\s+\w+day"
    r"|daily|weekly|monthly|hourly|quarterly|percent|seconds?|minutes?|hours?|days?|weeks?"
    r"|ms|milliseconds?|p\d\d|[kmg]b|rps|qps)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|:\s+(?=[A-Z])")
_ASIDE = re.compile(r"\s[-—–]\s")
_COMPARATIVE = re.compile(
    r"\b(?:more|less)\s+(?:\w+ly|\w+(?:ful|ive|able|ible|ous|al|ic|ent|ant|ure|ed))\b", re.I
)
# A letter, then word characters and `.`, `_`, `/`, `:` or `-` and one more (`api.v2`,
# `db_host`), or mixed case, capitals or digits. The first two alternatives take a word (or
# its part up to `_`) whole, from its start, and look for a letter in it: matching from each
# letter of a long word instead was quadratic. Same matches as `[A-Za-z]\w*[._/:-]\w`.
_IDENTIFIER = re.compile(
    r"(?<!\w)(?=\w*?[A-Za-z])(?=(\w*))\1[./:-]\w"
    r"|(?<![^\W_])(?=[^\W_]*?[A-Za-z])(?=([^\W_]*))\2_\w"
    r"|\w[A-Z]|[A-Z]{2,}|\w\d|\d\w"
)


@dataclass(frozen=True, slots=True)
class Vagueness:
    """Why an item is vague: its class (see the lexicon) and the words that show it."""

    reason: str  # tentative | hedge | improve | inquiry | assure | people | qualifier | generic
    match: str  # as written, e.g. "Improve", "some kind of", "be more careful"


class VagueLexicon:
    """The lexicon file's classes as phrases (tuples of lower-case words)."""

    def __init__(self, data: Mapping[str, Any] | None) -> None:
        self.phrases: dict[str, list[tuple[str, ...]]] = {name: [] for name in CLASSES}
        for entry in (data or {}).get("tokens", []):
            if not isinstance(entry, Mapping):
                raise ValueError("lexicon: each entry must be {class, words}")
            unknown = set(entry) - {"class", "words"}
            if unknown:
                raise ValueError(f"lexicon: unknown entry key {sorted(unknown)[0]!r}")
            name = str(entry.get("class", ""))
            if name not in self.phrases:
                raise ValueError(f"lexicon: unknown class {name!r}; known: {', '.join(CLASSES)}")
            words = entry.get("words", [])
            if not isinstance(words, list):
                raise ValueError(f"lexicon: class {name!r}: words must be a list")
            for word in words:
                phrase = tuple(str(word).lower().split())
                if phrase:
                    self.phrases[name].append(phrase)
        for phrases in self.phrases.values():
            phrases.sort(key=len, reverse=True)  # longest first
        self.words: dict[str, frozenset[str]] = {
            name: frozenset(" ".join(p) for p in phrases) for name, phrases in self.phrases.items()
        }
        # class -> first word -> its phrases, longest first (match_at runs for every word)
        self._by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, phrases in self.phrases.items():
            index: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                index.setdefault(phrase[0], []).append(phrase)
            self._by_first[name] = index

    def has(self, name: str, word: str) -> bool:
        return word.lower() in self.words[name]

    def match_at(self, name: str, words: Sequence[str], start: int = 0) -> tuple[str, ...] | None:
        """The longest phrase of the class that `words[start:]` begins with."""
        if start >= len(words):
            return None
        for phrase in self._by_first[name].get(words[start].lower(), ()):
            if tuple(w.lower() for w in words[start : start + len(phrase)]) == phrase:
                return phrase
        return None

    def find(self, name: str, words: Sequence[str]) -> tuple[int, tuple[str, ...]] | None:
        for start in range(len(words)):
            phrase = self.match_at(name, words, start)
            if phrase is not None:
                return start, phrase
        return None


@lru_cache(maxsize=1)
def _default_lexicon_data() -> dict[str, Any]:
    import yaml

    from pmlint.packs import bundled_rules_dir

    path = bundled_rules_dir() / "core" / "lexicons" / "vague-actions.yaml"
    with open(path, encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle) or {})


_LEXICONS: dict[int, tuple[Any, VagueLexicon]] = {}


def lexicon_for(data: Mapping[str, Any] | None) -> VagueLexicon:
    """The compiled lexicon for a lexicon mapping (the core one when None); memoised."""
    if data is None:
        data = _default_lexicon_data()
    key = id(data)
    cached = _LEXICONS.get(key)
    if cached is None or cached[0] is not data:
        cached = (data, VagueLexicon(data))
        _LEXICONS[key] = cached
    return cached[1]


def vague_items(
    doc: Document, pipeline: Any = None, lexicon: Mapping[str, Any] | None = None
) -> dict[int, Vagueness | None]:
    """id(item) -> why it is vague (None: specific), for the follow-up items of `doc`.

    Computed once per document, pipeline and lexicon, and cached in `doc.cache`, so PM403
    and `pmlint analyze` share the parse.
    """
    if pipeline is None:
        from pmlint.nlp import load_pipeline

        pipeline = load_pipeline("auto")
    compiled = lexicon_for(lexicon)
    store: dict[tuple[str, int], dict[int, Vagueness | None]] = doc.cache.setdefault(CACHE_KEY, {})
    key = (getattr(pipeline, "name", "?"), id(compiled))
    if key not in store:
        items = follow_up_items(doc)
        verdicts = assess([analysis_text(i) for i in items], pipeline, compiled)
        store[key] = {id(item): verdict for item, verdict in zip(items, verdicts, strict=True)}
    return store[key]


def texts_to_parse(doc: Document) -> list[str]:
    """What `vague_items` will parse first for `doc` (each item read as an imperative), for
    the engine to parse with other documents' texts in one batch."""
    forms = (_imperative_form(analysis_text(item)) for item in follow_up_items(doc))
    return [form for form in forms if form is not None]


def analysis_text(item: ActionItem) -> str:
    """The part of the item that states the action: its first sentence, without asides."""
    text = item.action or item.text
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    aside = _ASIDE.search(text)
    if aside and len(text[: aside.start()].split()) >= 2:
        text = text[: aside.start()]
    return text.strip(" .;:!,")


# Classes of vague items that need no parse (see `_shape`).
_TEMPLATE = re.compile(
    r"\{\{[^{}]*\}\}|\{%[^%]*%\}|<(?:[a-z][a-z _-]{2,40})>|\blorem ipsum\b"
    r"|\b(?:description|details?|summary|text|action|item|content|explanation)\b[\w\s]{0,30}"
    r"\b(?:goes |go |comes? )?here\b|^(?:tbd|todo|n/?a|xxx+|\.\.\.|…|-+)$",
    re.I,
)
_STUDY = re.compile(
    r"^(?:(?:we|i|the team|everyone)\s+(?:should|must|need to|will|could)\s+)?"
    r"(?P<match>read\s+up\s+on|read\s+(?:more\s+)?about|study|learn(?:\s+more)?(?:\s+about)?"
    r"|get\s+(?:more\s+)?familiar\s+with|familiari[sz]e\s+\w+\s+with|brush\s+up\s+on"
    r"|educate\s+(?:ourselves|the\s+team|people|engineers)\s+(?:on|about)|deep[- ]dive\s+into"
    r"|gain\s+(?:a\s+)?(?:better\s+|deeper\s+)?understanding\s+of"
    r"|(?:better\s+)?understand)\b",
    re.I,
)
# A result named after a study item makes it checkable: "Study X and write up ...".
_STUDY_RESULT = re.compile(
    r"\b(?:write(?:[- ]up)?|document|report|present|publish|propos(?:e|al)|summar(?:y|i[sz]e)"
    r"|rfc|adr|decide|decision|recommend(?:ation)?|runbook|share|doc)\b",
    re.I,
)
_ASPIRATION = re.compile(
    r"^(?:the\s+|our\s+|all\s+|each\s+|every\s+)?[\w\s/-]{1,50}?\s+(?P<match>(?:should|must|"
    r"needs? to|has to|have to|ought to)\s+(?:be|become|feel|remain|stay|look|get)\s+"
    r"(?:more\s+|less\s+|very\s+|much\s+|a\s+lot\s+|really\s+|)"
    r"(?:easy|easier|simple|simpler|clear|clearer|intuitive|robust|resilient|reliable|stable"
    r"|better|faster|safer|obvious|understandable|readable|usable|user-friendly|discoverable"
    r"|accessible|maintainable|consistent|transparent|visible|straightforward|smooth|smoother"
    r"|friendly|efficient|secure|scalable|predictable))\b",
    re.I,
)
_CONTINUOUS = re.compile(
    r"^(?P<match>(?:ongoing|continuous|continued|constant|general|better|improved|increased"
    r"|greater|more|enhanced|stronger|tighter|closer)\s+(?:\w+(?:tion|ment|ing|ance|ence|ity"
    r"|ness)|reviews?|work|focus|attention|awareness|oversight|care))\b",
    re.I,
)


# Not a commitment: a question, or a hedged modal ("We could also use ...", "X could help").
_HEDGED = re.compile(
    r"^(?P<match>(?:we|i|you|they|the\s+team|this|it|that)\s+(?:could|might|may)"
    r"(?:\s+(?:also|perhaps|possibly))?(?:\s+be\s+able\s+to)?)\s+\w+"
    r"|(?P<help>\bcould\s+help\b)",
    re.I,
)
# Work in progress with no end: "we are working on ...", "work is ongoing to ...".
_ONGOING = re.compile(
    r"\b(?P<match>(?:we\s+are|we're|we’re)\s+(?:also\s+|now\s+|still\s+)?working\s+on"
    r"|work\s+is\s+(?:also\s+|still\s+)?(?:ongoing|underway|in\s+progress))\b",
    re.I,
)


def _shape(text: str) -> Vagueness | None:
    """Shapes of vague items that the words show without a parse: leftover template text,
    a study item with no result, a wish about a property, a continuing activity noun."""
    stripped = text.strip()
    template = _TEMPLATE.search(stripped)
    if template:
        return Vagueness("template", template.group().strip())
    study = _STUDY.match(stripped)
    if study and not _STUDY_RESULT.search(stripped[study.end() :]):
        return Vagueness("study", study.group("match"))
    if stripped.endswith("?") and len(stripped.split()) >= 3:
        return Vagueness("tentative", " ".join(stripped.split()[:4]))
    hedged = _HEDGED.search(stripped)
    if hedged:
        return Vagueness("tentative", hedged.group("match") or hedged.group("help"))
    if _NUMBER.search(stripped) or _IDENTIFIER.search(stripped):
        return None
    aspiration = _ASPIRATION.match(stripped)
    if aspiration:
        return Vagueness("aspiration", aspiration.group("match"))
    continuous = _CONTINUOUS.match(stripped)
    if continuous:
        return Vagueness("generic", continuous.group("match"))
    ongoing = _ONGOING.search(stripped)
    if ongoing:
        return Vagueness("generic", ongoing.group("match"))
    return None


def assess(texts: Sequence[str], pipeline: Any, lexicon: VagueLexicon) -> list[Vagueness | None]:
    """Vagueness of each action text: first the shapes that need no parse (`_shape`), then
    the parse (lexically in blank mode), for the rest."""
    verdicts = _assess(texts, pipeline, lexicon)
    return [_shape(t) or v for t, v in zip(texts, verdicts, strict=True)]


def _assess(texts: Sequence[str], pipeline: Any, lexicon: VagueLexicon) -> list[Vagueness | None]:
    """Vagueness of each action text, parsed in one batch (lexically in blank mode)."""
    if pipeline is None or getattr(pipeline, "reduced", True):
        return [_lexical(text, lexicon) for text in texts]
    if any(len(text) > MAX_PARSED_CHARS for text in texts):  # those are read lexically
        fits = [i for i, text in enumerate(texts) if len(text) <= MAX_PARSED_CHARS]
        parsed = _assess([texts[i] for i in fits], pipeline, lexicon)
        verdicts = dict(zip(fits, parsed, strict=True))
        return [verdicts[i] if i in verdicts else _lexical(t, lexicon) for i, t in enumerate(texts)]
    prefixed = [_imperative_form(t) for t in texts]
    readings: list[Any] = [None] * len(texts)
    wanted = [i for i, form in enumerate(prefixed) if form is not None]
    imperative = parse_texts(pipeline, [form for form in prefixed if form is not None])
    for index, doc in zip(wanted, imperative, strict=True):
        if _is_imperative_reading(doc):
            readings[index] = doc
    # Items that are not imperatives ("We need ...", "If a pod ...") are parsed as written.
    plain_wanted = [i for i, doc in enumerate(readings) if doc is None]
    plains: list[Any] = [None] * len(texts)
    as_written = parse_texts(pipeline, [texts[i] for i in plain_wanted])
    for index, doc in zip(plain_wanted, as_written, strict=True):
        plains[index] = doc
    stats = getattr(pipeline, "stats", None)
    if stats is not None and hasattr(stats, "sentences_parsed"):
        stats.sentences_parsed += len(wanted) + len(plain_wanted)
        stats.items_parsed += len(wanted) + len(plain_wanted)
    results: list[Vagueness | None] = []
    for text, reading, plain in zip(texts, readings, plains, strict=True):
        verdict = _parsed(text, reading, plain, lexicon)
        if verdict is not None and text.lower().startswith(verdict.match.lower()):
            verdict = Vagueness(verdict.reason, text[: len(verdict.match)])  # as written
        results.append(verdict)
    return results


# -- the parsed analysis --------------------------------------------------------------------


def _imperative_form(text: str) -> str | None:
    words = text.split()
    if not words or words[0].lower().strip(",") in _NOT_IMPERATIVE:
        return None
    first = words[0]
    if first[1:].lower() == first[1:]:  # "Document" -> "document"; keep "E2E", "iOS"
        first = first.lower()
    return _PREFIX + " ".join([first, *words[1:]])


def _is_imperative_reading(doc: Any) -> bool:
    if len(doc) < 3:
        return False
    return doc[2].tag_ == "VB"


def _parsed(text: str, reading: Any, plain: Any, lex: VagueLexicon) -> Vagueness | None:
    doc = reading if reading is not None else plain
    skip = 2 if reading is not None else 0  # the "You should" tokens
    tokens = [t for t in doc if t.i >= skip]
    if not tokens:
        return None
    lowers = [t.lower_ for t in tokens]
    numbered = bool(_NUMBER.search(text))

    people = _people(text, lex)
    if people is not None:
        return people
    hedge = lex.find("hedge", lowers)
    hedged = Vagueness("hedge", _span_text(tokens, *hedge)) if hedge is not None else None

    head = tokens[0] if reading is not None else _root(doc)
    while head is not None and head.dep_ in ("aux", "auxpass", "neg") and head.head.i != head.i:
        head = head.head  # "Do not use ...": the verb, not the auxiliary
    if reading is None and _imperative_form(text) is not None:
        # A fragment the parser could not read as an imperative: its first word may still
        # be the (vague) verb, as in "Reflect if the ALBs ... should have been ...".
        for name in _VERB_CLASSES:
            found = lex.match_at(name, [t.lemma_.lower() for t in tokens[:4]]) or lex.match_at(
                name, lowers[:4]
            )
            if name == "people":
                continue
            if found is not None and tokens[0].pos_ in ("VERB", "AUX", "PROPN", "NOUN"):
                if name == "tentative":
                    return Vagueness(name, _span_text(tokens, 0, found))
                head = tokens[0]
                break
    while head is not None and head.lemma_.lower() in _CARRIERS:
        if lex.has("tentative", head.lemma_):
            return Vagueness("tentative", head.text)
        carried = next(
            (
                c
                for c in head.children
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")
            ),
            None,
        )
        if carried is None:
            break
        head = carried
    if head is None:
        return hedged

    # "be (more) careful", "be aware of ...": people's behaviour.
    if head.lemma_ == "be":
        state = next(
            (
                c
                for c in head.children
                if c.dep_ in ("acomp", "attr") and lex.has("people_state", c.lemma_)
            ),
            None,
        )
        if state is not None:
            return Vagueness("people", _between(head, state))

    verb_class, phrase_text = _verb_class(head, tokens, lex, reading is not None)
    if verb_class == "assure":
        # "work on reducing toil", "focus on improving X": the gerund is the action.
        gerund = _gerund_complement(head)
        if gerund is not None:
            inner, inner_text = _verb_class(gerund, tokens, lex, False)
            if inner in ("improve", "inquiry", "loose_inquiry", "tentative"):
                head, verb_class, phrase_text = gerund, inner, f"{phrase_text} {inner_text}"
    if verb_class == "people":
        verb_class = None  # "train the model": no person to change (see _people)
    if verb_class == "tentative":
        return Vagueness(verb_class, phrase_text)
    if hedged is not None:
        return hedged
    if verb_class == "loose_inquiry":
        scope = _scope(head)
        if numbered or _named(scope) or _has_deliverable(head, scope, lex):
            return _qualified(tokens, lex, numbered)
        return Vagueness("inquiry", phrase_text)
    scope = _scope(head)
    if verb_class == "improve":
        if numbered or _has_deliverable(head, scope, lex):
            return _qualified(tokens, lex, numbered)
        return Vagueness("improve", phrase_text)
    if verb_class == "inquiry":
        if numbered or _bounded_inquiry(head, lex) or _has_deliverable(head, scope, lex):
            return _qualified(tokens, lex, numbered)
        return Vagueness("inquiry", phrase_text)
    if verb_class == "assure":
        if numbered or _specific(scope, lex, head) or _has_deliverable(head, scope, lex):
            return _qualified(tokens, lex, numbered)
        return Vagueness("assure", phrase_text)
    if head.pos_ in ("NOUN", "PROPN") and reading is None:
        noun = _noun_phrase(head)
        if not numbered and (lex.has("plan_noun", head.lemma_) or lex.has("plan_noun", noun)):
            return Vagueness("plan", noun)
    qualified = _qualified(tokens, lex, numbered)
    if qualified is not None:
        return qualified
    if not numbered and not _specific(scope, lex, head):
        return Vagueness("generic", _span_text(tokens, 0, tuple(lowers[: min(4, len(lowers))])))
    return None


def _gerund_complement(head: Any) -> Any:
    for child in head.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG":
            return child
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pcomp" and grandchild.tag_ == "VBG":
                    return grandchild
    return None


def _root(doc: Any) -> Any:
    sentence = next(iter(doc.sents), None)
    return sentence.root if sentence is not None else None


def _verb_class(
    head: Any, tokens: list[Any], lex: VagueLexicon, imperative: bool
) -> tuple[str | None, str]:
    """The lexicon class of the head verb phrase ("look into", "make sure", "follow up")."""
    lemma = head.lemma_.lower()
    extras = sorted(
        (
            c
            for c in head.children
            if c.i > head.i
            and (c.dep_ in ("prt", "acomp") or (c.dep_ == "prep" and c.i == head.i + 1))
        ),
        key=lambda t: t.i,
    )
    words = [lemma, *[c.lower_ for c in extras]]
    for name in _VERB_CLASSES:
        for size in range(len(words), 0, -1):
            if lex.has(name, " ".join(words[:size])):
                last = extras[size - 2] if size > 1 else head
                return name, _between(head, last)
    # The parser may miss a fragment's first verb: the first words decide then.
    if imperative or head.i == tokens[0].i or head.pos_ not in ("VERB", "AUX"):
        surface = [t.lower_ for t in tokens[:4]]
        lemmas = [t.lemma_.lower() for t in tokens[:4]]
        for name in _VERB_CLASSES:
            for words_at in (lemmas, surface):
                phrase = lex.match_at(name, words_at)
                if phrase is not None:
                    return name, _span_text(tokens, 0, phrase)
    return None, head.text


def _scope(head: Any) -> list[Any]:
    """The head's words without its subject: what the action is about."""
    excluded: set[int] = set()
    for child in head.children:
        pronoun_subject = child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PRON"
        if pronoun_subject or child.dep_ in ("expl", "aux", "auxpass", "punct"):
            excluded.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in excluded and t.i != head.i]


def _specific(tokens: Iterable[Any], lex: VagueLexicon, head: Any = None) -> bool:
    """Something named: a noun not on the generic list, a proper noun, an identifier, a
    number, or a content verb ("alert when the disk fills", "deploying changes")."""
    for token in tokens:
        if head is not None and token.i == head.i:
            continue
        if token.like_num or (token.pos_ == "PROPN" and not token.is_stop):
            return True
        if _IDENTIFIER.search(token.text) and token.pos_ in ("NOUN", "PROPN", "X", "ADJ", "VERB"):
            return True
        if token.pos_ == "VERB" and not token.is_stop:
            lemma = token.lemma_.lower()
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
            phrase = f"{lemma} {particle}" if particle else lemma
            if lemma in _LIGHT_VERBS or lemma in _CARRIERS:
                continue
            if not any(
                lex.has(name, lemma) or lex.has(name, phrase) for name in (*_VERB_CLASSES, "hedge")
            ):
                return True
            continue
        if token.pos_ != "NOUN" or token.is_stop:
            continue
        lemma = token.lemma_.lower()
        if lex.has("generic", lemma) or lex.has("generic", token.lower_) or lex.has("open", lemma):
            continue
        if any(lex.has(name, lemma) for name in ("qualifier", "hedge", "people_state")):
            continue
        return True
    return False


def _named(tokens: Iterable[Any]) -> bool:
    """A proper noun, an identifier, a number or a quoted name."""
    for token in tokens:
        if token.like_num or (token.pos_ == "PROPN" and not token.is_stop):
            return True
        if _IDENTIFIER.search(token.text) or token.text in ('"', "“", "'"):
            return True
    return False


def _has_deliverable(head: Any, scope: list[Any], lex: VagueLexicon) -> bool:
    """A verb attached to the head that produces something specific: "by adding an alert on
    X", "and write a runbook for Y", "to add a check for Z" (not "improve alerting")."""
    for token in scope:
        if token.pos_ != "VERB" or not lex.has("deliverable", token.lemma_):
            continue
        if not _attached_deliverable(token, head):
            continue
        below = [t for t in token.subtree if t.i != token.i]
        if _specific(below, lex):
            return True
    return False


def _attached_deliverable(token: Any, head: Any) -> bool:
    if token.head.i == head.i and token.dep_ == "conj":
        return True
    if token.dep_ == "pcomp" and token.head.lower_ in ("by", "via", "through", "with"):
        return token.head.head.i == head.i
    if token.head.i == head.i and token.dep_ in ("advcl", "xcomp") and token.tag_ == "VB":
        return any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
    return False


def _bounded_inquiry(head: Any, lex: VagueLexicon) -> bool:
    """The question has a subject: "investigate using a PolicyEngine", not "the root cause"."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    clauses = [c for c in head.children if c.dep_ in ("xcomp", "ccomp", "pcomp", "advcl", "acl")]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        clauses.extend(c for c in prep.children if c.dep_ == "pcomp")
    for obj in objects:
        phrase = _noun_phrase(obj)
        if lex.has("open", obj.lemma_) or lex.has("open", phrase) or obj.pos_ == "PRON":
            return False
    for clause in clauses:
        wishes = [clause, *(c for c in clause.children if c.dep_ == "aux")]
        if any(t.lemma_.lower() in _WISHES for t in wishes):
            return False  # "whether we want to ...": a wish, not a question about the system
        if lex.has("tentative", clause.lemma_):
            return False
        below = [t for t in clause.subtree if t.i != clause.i]
        if _specific(below, lex):
            return True
    if objects:
        return any(_specific(list(obj.subtree), lex) for obj in objects)
    return False


def _qualified(tokens: list[Any], lex: VagueLexicon, numbered: bool) -> Vagueness | None:
    """A qualifier that promises quality without a number: "more gracefully", "sane"."""
    if numbered:
        return None
    lowers = [t.lower_ for t in tokens]
    found = lex.find("qualifier", lowers)
    if found is not None:
        start, phrase = found
        token = tokens[start]
        # "more logs" counts things; "more gracefully" promises quality.
        quality = phrase[0] not in ("more", "less") or token.head.pos_ in ("ADJ", "ADV")
        if quality and (len(phrase) > 1 or token.pos_ in ("ADJ", "ADV")):
            return Vagueness("qualifier", _span_text(tokens, start, phrase))
    for token in tokens:
        if (
            token.lower_ in ("more", "less")
            and token.dep_ == "advmod"
            and token.head.pos_ in ("ADJ", "ADV")
        ):
            return Vagueness("qualifier", _between(token, token.head))
        comparative = token.tag_ in ("JJR", "RBR") and token.is_lower
        compared = any(c.lower_ == "than" for c in token.children)  # "older than 3 days"
        if comparative and not compared and token.lower_ not in ("more", "less", "fewer"):
            return Vagueness("qualifier", token.text)
    return None


def _noun_phrase(token: Any) -> str:
    parts = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return " ".join([*parts, token.lemma_.lower()])


def _between(first: Any, last: Any) -> str:
    doc = first.doc
    start, end = min(first.i, last.i), max(first.i, last.i)
    return doc[start : end + 1].text


def _span_text(tokens: list[Any], start: int, phrase: tuple[str, ...]) -> str:
    chosen = tokens[start : start + len(phrase)]
    return chosen[0].doc[chosen[0].i : chosen[-1].i + 1].text if chosen else ""


# -- the lexical fallback (blank mode) ------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]|\d[\w.%-]*")
_PEOPLE_OBJECT = re.compile(
    r"\b(?:engineers?|developers?|people|everyone|everybody|team|teams|staff|operators?|on-?call"
    r"|users|us|them|folks|responders?|reviewers?|maintainers|admins?|sres?|humans?)\b",
    re.I,
)
_PERSON = (
    r"(?:engineers?|developers?|people|everyone|everybody|staff|operators?|on-?call(?:\s+\w+)?"
    r"|responders?|reviewers?|maintainers?|admins?|sres?|humans?|folks|the\s+team|teams?)"
)
# "make sure engineers check ...": a person is the one who must act (not "gets emailed").
_ASSURE_PERSON = re.compile(
    rf"^(?:make\s+sure|ensure)\s+(?:that\s+)?(?:the\s+|all\s+|every\s+|each\s+)?{_PERSON}\s+"
    r"(?!(?:gets?|is|are|receives?|will\s+be|can\s+be|be|were|was)\b)\w",
    re.I,
)


def _people(text: str, lex: VagueLexicon) -> Vagueness | None:
    """Fixes aimed at people: "be more careful", "remind engineers to", "make sure the
    on-call checks"; found on the words, so a misparse cannot hide them."""
    stripped = _SUBJECTS.sub("", text, count=1)
    words = _WORD.findall(stripped)
    if not words:
        return None
    lowers = [w.lower() for w in words]
    if lowers[0] in ("be", "being", "stay", "remain") and len(lowers) > 1:
        state = lowers[1:3] if lowers[1] in ("more", "extra", "very", "especially") else lowers[1:2]
        if state and lex.has("people_state", state[-1]):
            return Vagueness("people", " ".join(words[: len(state) + 1]))
    phrase = lex.match_at("people", [_base(lowers[0], lex, ("people",)), *lowers[1:]])
    if phrase is not None:
        needs_object = len(phrase) == 1 and "-" not in phrase[0]
        after = " ".join(lowers[len(phrase) : len(phrase) + 4])
        if not needs_object or _PEOPLE_OBJECT.search(after):
            return Vagueness("people", " ".join(words[: len(phrase)]))
    match = _ASSURE_PERSON.match(stripped)
    if match:
        return Vagueness("people", " ".join(match.group()[:-1].split()))
    return None


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _forms(word: str) -> set[str]:
    """Inflected forms of a verb or noun: enough to match without a lemmatizer."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _base(word: str, lex: VagueLexicon, names: Iterable[str]) -> str:
    """The lexicon word that `word` is a form of (itself if none)."""
    word = word.lower()
    return _form_index(lex, tuple(names)).get(word, word)


@lru_cache(maxsize=64)
def _form_index(lex: VagueLexicon, names: tuple[str, ...]) -> dict[str, str]:
    """Each form of the classes' one-word phrases -> the phrase (the first class and
    phrase win): built once, where a scan of the lexicon for every word made a long
    action item slow."""
    index: dict[str, str] = {}
    for name in names:
        for phrase in lex.phrases[name]:
            if len(phrase) == 1:
                for form in sorted(_forms(phrase[0])):
                    index.setdefault(form, phrase[0])
    return index


@lru_cache(maxsize=1)
def _light_verb_forms() -> frozenset[str]:
    return frozenset(form for verb in _LIGHT_VERBS for form in _forms(verb))


def _lexical(text: str, lex: VagueLexicon) -> Vagueness | None:
    stripped = _SUBJECTS.sub("", text, count=1)
    words = _WORD.findall(stripped)
    if not words:
        return None
    lowers = [w.lower() for w in words]
    numbered = bool(_NUMBER.search(text))

    hedge = lex.find("hedge", lowers)
    if hedge is not None:
        return Vagueness("hedge", " ".join(words[hedge[0] : hedge[0] + len(hedge[1])]))
    people = _people(text, lex)
    if people is not None:
        return people
    # Carriers: "try to reduce", "need to improve".
    while len(lowers) > 2 and _base(lowers[0], lex, ()) in _CARRIERS and lowers[1] == "to":
        if lex.has("tentative", _base(lowers[0], lex, ("tentative",))):
            return Vagueness("tentative", words[0])
        words, lowers = words[2:], lowers[2:]
    based = [_base(lowers[0], lex, _VERB_CLASSES), *lowers[1:]]
    verb_class, phrase = None, ()
    for name in _VERB_CLASSES:
        found = lex.match_at(name, based)
        if found is not None:
            verb_class, phrase = name, found
            break
    match_text = " ".join(words[: len(phrase)]) if phrase else words[0]
    rest = lowers[len(phrase) if phrase else 1 :]
    if verb_class == "people":
        verb_class = None  # _people above found no person to change
    if verb_class == "tentative":
        return Vagueness("tentative", match_text)
    specific = _lexically_specific(words[len(phrase) if phrase else 1 :], lex)
    deliverable = (
        any(_base(w, lex, ("deliverable",)) in lex.words["deliverable"] for w in rest[1:])
        and specific
    )
    if verb_class == "improve" and not (numbered or deliverable):
        return Vagueness("improve", match_text)
    if verb_class == "loose_inquiry" and not numbered:
        if not any(_IDENTIFIER.search(w) or w[:1].isupper() for w in words[len(phrase) :]):
            return Vagueness("inquiry", match_text)
        verb_class = "inquiry"
    if verb_class == "inquiry" and not numbered:
        first = rest[0] if rest else ""
        opening = lex.match_at("open", rest) or lex.match_at(
            "open", rest[1:] if first in ("the", "a", "an", "our") else []
        )
        if not rest or opening is not None or not specific:
            return Vagueness("inquiry", match_text)
    if verb_class == "assure" and not (numbered or specific):
        return Vagueness("assure", match_text)
    if verb_class is None and lowers[0] in lex.words["plan_noun"] | {"action"}:
        noun = " ".join(lowers[:2])
        if (lex.has("plan_noun", lowers[0]) or lex.has("plan_noun", noun)) and not numbered:
            return Vagueness(
                "plan", " ".join(words[:2]) if lex.has("plan_noun", noun) else words[0]
            )
    if not numbered:
        qualifier = lex.find("qualifier", lowers)
        if qualifier is not None and qualifier[1][0] not in ("more", "less"):
            return Vagueness(
                "qualifier", " ".join(words[qualifier[0] : qualifier[0] + len(qualifier[1])])
            )
        comparative = _COMPARATIVE.search(stripped)
        if comparative:
            return Vagueness("qualifier", comparative.group())
        if qualifier is not None:
            return Vagueness(
                "qualifier", " ".join(words[qualifier[0] : qualifier[0] + len(qualifier[1])])
            )
        if verb_class is None and not specific:
            return Vagueness("generic", " ".join(words[:4]))
    return None


def _lexically_specific(words: Sequence[str], lex: VagueLexicon) -> bool:
    stop = _stop_words()
    for word in words:
        lower = word.lower()
        if _IDENTIFIER.search(word) or any(c.isdigit() for c in word):
            return True
        if lower in stop or len(lower) < 3 or lower in _light_verb_forms():
            continue
        base = _base(lower, lex, ("generic", "open", "qualifier", "deliverable", *_VERB_CLASSES))
        if any(
            base in lex.words[name]
            for name in (
                "generic",
                "open",
                "qualifier",
                "hedge",
                "people_state",
                "deliverable",
                *_VERB_CLASSES,
            )
        ):
            continue
        if lower.endswith(("ly", "ive", "ous", "ful", "able", "ible")):
            continue  # adverbs and adjectives name nothing
        return True
    return False
