"""Check kind: a front-matter field whose value must come from a fixed vocabulary, so that
`pmlint analyze`'s tables by trigger, detection source or severity stay a fixed set of rows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Finding
from pmlint.document import Document
from pmlint.extract.categories import stated_category
from pmlint.rule import OptionError

# Front-matter keys that state a category, and the category whose classes are their values.
CATEGORY_FIELDS = {
    "trigger": "trigger",
    "detection": "detection",
    "detection_source": "detection",
    "mitigation": "mitigation",
}


class MetadataVocabulary(CheckKind):
    kind = "metadata-vocabulary"
    description = (
        "Reports a front-matter value outside its field's vocabulary: trigger, detection and "
        "mitigation take the pack's category names; other fields take the lists you give."
    )
    options = (
        Option(
            "fields",
            "any",
            {},
            "More fields and their allowed values, e.g. {severity: [SEV1, SEV2, SEV3]}.",
        ),
        Option(
            "categories",
            "bool",
            True,
            "Check trigger, detection and mitigation against the pack's categories.yaml.",
        ),
    )
    fields = ("field", "value", "allowed", "counted")

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        extra = self.opts["fields"]
        if not isinstance(extra, Mapping) or not all(
            isinstance(values, list) and all(isinstance(v, (str, int)) for v in values)
            for values in extra.values()
        ):
            raise OptionError("fields", "expected a mapping of field name to a list of values")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        vocabulary: dict[str, Sequence[str]] = {}
        if self.opts["categories"]:
            categories = ctx.settings.categories
            for key, kind in CATEGORY_FIELDS.items():
                if categories.get(kind):
                    vocabulary[key] = [*categories[kind], "other", "unknown"]
        for key, values in self.opts["fields"].items():
            vocabulary[str(key).lower()] = [str(v) for v in values]
        line = doc.meta_lines[0] if doc.meta_lines else 1
        for key, value in doc.meta.items():
            allowed = vocabulary.get(str(key).lower())
            if allowed is None or value is None:
                continue
            category = CATEGORY_FIELDS.get(str(key).lower())
            for item in value if isinstance(value, list) else [value]:
                if str(item).strip().lower() not in {a.lower() for a in allowed}:
                    counted = ""
                    if category is not None:  # what analyze counts it as instead
                        classes = ctx.settings.categories.get(category) or {}
                        named = stated_category(str(item), classes)
                        counted = f" (pmlint analyze counts it as {named})"
                    yield finding(
                        doc.line_span(_key_line(doc, str(key), line)),
                        field=str(key),
                        value=str(item),
                        allowed=", ".join(allowed),
                        counted=counted,
                    )


def _key_line(doc: Document, key: str, default: int) -> int:
    if doc.meta_lines is None:
        return default
    first, last = doc.meta_lines
    for number in range(first, min(last, len(doc.lines)) + 1):
        if doc.lines[number - 1].lstrip().startswith(f"{key}:"):
            return number
    return default
