"""Rule documentation for `pmlint rules` and `pmlint explain`, from the rule YAML itself."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence

from pmlint.config import Config
from pmlint.packs import kind_options
from pmlint.rule import Rule


def find_rule(config: Config, query: str) -> Rule | None:
    wanted = query.strip().lower()
    for rule in config.rules.values():
        if wanted in (rule.id.lower(), rule.name):
            return rule
    return None


def known_forms(rules: Iterable[Rule]) -> dict[str, str]:
    """Every selector form a rule answers to (lower case) -> how to show it."""
    forms: dict[str, str] = {}
    for rule in rules:
        forms.setdefault(rule.id.lower(), rule.id)
        forms.setdefault(rule.name.lower(), rule.name)
        forms.setdefault(rule.category.lower(), rule.category)
    return forms


def closest(word: str, forms: dict[str, str], count: int = 3) -> list[str]:
    """The known ids, names or categories that look most like `word` (a typo's fix)."""
    import difflib  # here: every run checks its selectors, few have a typo to suggest for

    found = difflib.get_close_matches(word.strip().lower(), list(forms), n=count, cutoff=0.6)
    return [forms[match] for match in found]


def unknown_selectors(selectors: Sequence[tuple[str, str]], rules: Iterable[Rule]) -> list[str]:
    """One message per (option, selector) that no rule answers to, with the closest known
    ids, names or categories: a typo in `--select` must not select nothing and pass."""
    rules = list(rules)
    forms = known_forms(rules)
    problems = []
    for option, selector in selectors:
        if any(rule.matches(selector) for rule in rules):
            continue
        hint = closest(selector, forms)
        suffix = f" (did you mean {', '.join(hint)}?)" if hint else "; `pmlint rules` lists them"
        problems.append(
            f"{option} {selector!r}: no rule has this id, id prefix, name or category{suffix}"
        )
    return problems


def rules_table(
    config: Config, output_format: str = "text", selected: Sequence[Rule] | None = None
) -> str:
    rules = sorted(config.rules.values() if selected is None else selected, key=lambda r: r.id)
    if output_format == "json":
        payload = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.label,
                "enabled": r.enabled,
                "summary": r.docs.summary,
                "fix": r.docs.fix_kind or None,
            }
            for r in rules
        ]
        return json.dumps(payload, indent=2) + "\n"
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'ID':<6} {'NAME':<{width}} {'CATEGORY':<10} {'SEVERITY':<8} {'FIX':<6} SUMMARY"]
    for rule in rules:
        severity = rule.severity.label if rule.enabled else "off"
        fix = _FIX_COLUMN.get(rule.docs.fix_kind, "-")
        lines.append(
            f"{rule.id:<6} {rule.name:<{width}} {rule.category:<10} {severity:<8} {fix:<6} "
            f"{rule.docs.summary}"
        )
    pack = " > ".join(config.pack.chain)
    lines.append("")
    lines.append(f"{len(rules)} rules (pack: {pack}). `pmlint explain ID` shows a rule's docs.")
    return "\n".join(lines) + "\n"


# The FIX column of `pmlint rules`: which `--fix` applies it.
_FIX_COLUMN = {"safe": "safe", "unsafe": "unsafe", "safe or unsafe": "both", "none": "-"}


def explain(config: Config, query: str) -> str | None:
    rule = find_rule(config, query)
    if rule is None:
        return explain_kind(query)
    state = (
        rule.severity.label if rule.enabled else f"off by default ({rule.severity.label} when on)"
    )
    out = [
        f"{rule.id} {rule.name}",
        "",
        rule.docs.summary,
        "",
        f"Category: {rule.category}    Severity: {state}    Kind: {rule.kind}",
    ]
    if rule.docs.why:
        out += ["", "Why", _wrap(rule.docs.why)]
    if rule.docs.bad:
        out += ["", "Bad", textwrap.indent(rule.docs.bad.rstrip(), "    ")]
    if rule.docs.good:
        out += ["", "Good", textwrap.indent(rule.docs.good.rstrip(), "    ")]
    out += ["", "Fix", _wrap(_fix_page(rule))]
    declared = kind_options(rule.kind)
    if declared:
        out += ["", f"Options (current value; set them under rules.{rule.id}.options)"]
        for option in declared:
            value = rule.options.get(option.name, option.default)
            out += _option_lines(option.name, option.type, _summarise(value), option.doc)
    out += [
        "",
        f"Suppress: <!-- pmlint-disable-next-line {rule.id} --> or "
        f"rules: {{{rule.id}: off}} in .pmlint.yaml",
        f"Defined in: {rule.source}",
    ]
    return "\n".join(out) + "\n"


def _fix_page(rule: Rule) -> str:
    kind, how = rule.docs.fix_kind, rule.docs.fix_text
    if kind == "safe":
        return f"Safe: `pmlint check --fix` applies it. {how}"
    if kind == "unsafe":
        return f"Unsafe: `pmlint check --fix --unsafe-fixes` applies it; review it. {how}"
    if kind == "safe or unsafe":
        return f"`pmlint check --fix` applies it when safe, --unsafe-fixes otherwise. {how}"
    return f"No automatic fix. {how}".strip()


def explain_kind(query: str) -> str | None:
    """A check kind's page: what it checks, the fields its messages can use, its options
    and their defaults, and the bundled rules built on it (the README's "explain a kind")."""
    from pmlint.checks import KINDS

    check = KINDS.get(query.strip().lower())
    if check is None:
        return None
    out = [f"{check.kind} (check kind)", ""]
    description = check.description or (check.__doc__ or "").strip()
    if description:
        out += [_wrap(description), ""]
    if check.fields:
        out += [
            "Message fields: " + ", ".join("{" + name + "}" for name in check.fields),
            "",
        ]
    if check.options:
        out.append("Options (defaults; set them under options: in a rule, or rules.ID.options)")
        for option in check.options:
            out += _option_lines(option.name, option.type, _summarise(option.default), option.doc)
    else:
        out.append("Options: none")
    out += [
        "",
        f'A rule uses it with `kind: {check.kind}` (README, "Writing your own rules").',
    ]
    return "\n".join(out) + "\n"


def kind_names() -> list[str]:
    from pmlint.checks import KINDS

    return sorted(KINDS)


def _option_lines(name: str, kind: str, value: object, doc: str) -> list[str]:
    """An option as people read it: `name (type): value`, a mapping one key a line."""
    head = f"  {name} ({kind})"
    if isinstance(value, dict) and value:
        lines = [f"{head}:"]
        for key, item in value.items():
            lines.append(f"      {key}: {_scalar(item)}")
    else:
        lines = [f"{head}: {_scalar(value)}"]
    if doc:
        lines.append(textwrap.indent(_wrap(doc), "      "))
    return lines


def _scalar(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return " ".join(value.split()) or '""'
    if isinstance(value, list | tuple):
        if not value:
            return "(empty)"
        return ", ".join(_scalar(item) for item in value)
    if isinstance(value, dict):
        if not value:
            return "(empty)"
        return "; ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
    return str(value)


def _summarise(value: object) -> object:
    if isinstance(value, dict) and ("tokens" in value or "words" in value):
        parts = [f"{len(value.get('tokens') or [])} entries"] if "tokens" in value else []
        if "words" in value:
            parts.append(f"{len(value['words'] or {})} word classes")
        return f"a lexicon of {', '.join(parts)}"
    return value


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), 88))
