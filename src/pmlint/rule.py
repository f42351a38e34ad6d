"""What a rule is: its id, kind, message templates, options and docs, as loaded from YAML.

Part of the model layer, so outputs (SARIF's rule table, `pmlint rules`) can describe rules
without importing the checks that run them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pmlint.diagnostics import Severity

# The repository's rule files, for SARIF `helpUri` and the like (a rule's YAML is its docs).
REPO_URL = "https://github.com/pmlint/pmlint"
DOCS_REF = "main"


@dataclass(frozen=True, slots=True)
class Option:
    """A kind's option: YAML rules and config are validated against these."""

    name: str
    type: str  # str | bool | int | number | str-list | lexicon | mapping-list | any
    default: Any
    doc: str


ENGINE_KIND = "engine"  # findings the engine itself makes (PM9xx): no Python check behind them
ENGINE_FIELDS = ("detail",)  # what the engine fills in their messages

# How `docs.fix:` starts: what `pmlint check --fix` may do for the rule's findings.
FIX_KINDS = ("safe", "unsafe", "safe or unsafe", "none")


@dataclass(frozen=True, slots=True)
class RuleDocs:
    summary: str
    why: str = ""
    bad: str = ""
    good: str = ""
    fix: str = ""  # "safe: how", "unsafe: how", "safe or unsafe: when each", "none: why"

    @property
    def fix_kind(self) -> str:
        """safe, unsafe, "safe or unsafe", none, or "" when the rule does not say."""
        head = self.fix.split(":", 1)[0].strip().lower()
        return head if head in FIX_KINDS else ""

    @property
    def fix_text(self) -> str:
        how = self.fix.split(":", 1)[1].strip() if ":" in self.fix else self.fix
        return how[:1].upper() + how[1:]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    category: str
    kind: str
    severity: Severity
    message: str
    suggestion: str
    enabled: bool
    options: Mapping[str, Any]
    docs: RuleDocs
    source: str  # the YAML file that defined it

    def matches(self, selector: str) -> bool:
        """Selectors are ids, id prefixes (PM4), names or categories, case-insensitive."""
        wanted = selector.strip().lower()
        return wanted in (self.id.lower(), self.name, self.category) or (
            len(wanted) >= 3 and self.id.lower().startswith(wanted) and wanted[-1].isdigit()
        )


def rule_uri(rule: Rule) -> str | None:
    """Where a bundled rule's docs live in the repository (None for a team's own rule)."""
    source = rule.source.replace("\\", "/")
    for marker in ("/rules/", "/_rules/"):
        if marker in source:
            relative = source.rsplit(marker, 1)[1]
            return f"{REPO_URL}/blob/{DOCS_REF}/rules/{relative}"
    return None


class OptionError(ValueError):
    """An option value a kind cannot use. `key` names the option, so the rule loader points
    at that key's line in the YAML rather than at `options:`."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


def placeholders(template: str) -> set[str]:
    """The field names a message template uses ("{section}" -> {"section"}). Raises
    ValueError for a template that is not a valid format string (an unbalanced brace)."""
    names: set[str] = set()
    for _text, field, _spec, _conversion in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".", 1)[0].split("[", 1)[0])
    return names
