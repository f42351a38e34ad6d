"""Rule documentation for `pmlint rules` and `pmlint explain`, from the rule YAML itself."""

from __future__ import annotations

import json
import textwrap

from pmlint.config import Config
from pmlint.packs import Rule, kind_options


def find_rule(config: Config, query: str) -> Rule | None:
    wanted = query.strip().lower()
    for rule in config.rules.values():
        if wanted in (rule.id.lower(), rule.name):
            return rule
    return None


def rules_table(config: Config, output_format: str = "text") -> str:
    rules = sorted(config.rules.values(), key=lambda r: r.id)
    if output_format == "json":
        payload = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.label,
                "enabled": r.enabled,
                "summary": r.docs.summary,
            }
            for r in rules
        ]
        return json.dumps(payload, indent=2) + "\n"
    width = max(len(r.name) for r in rules)
    lines = [f"{'ID':<6} {'NAME':<{width}} {'CATEGORY':<10} {'SEVERITY':<8} SUMMARY"]
    for rule in rules:
        severity = rule.severity.label if rule.enabled else "off"
        lines.append(
            f"{rule.id:<6} {rule.name:<{width}} {rule.category:<10} {severity:<8} "
            f"{rule.docs.summary}"
        )
    pack = " > ".join(config.pack.chain)
    lines.append("")
    lines.append(f"{len(rules)} rules (pack: {pack}). `pmlint explain ID` shows a rule's docs.")
    return "\n".join(lines) + "\n"


def explain(config: Config, query: str) -> str | None:
    rule = find_rule(config, query)
    if rule is None:
        return None
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
    declared = kind_options(rule.kind)
    if declared:
        out += ["", f"Options (current value; set them under rules.{rule.id}.options)"]
        for option in declared:
            value = rule.options.get(option.name, option.default)
            shown = json.dumps(_summarise(value), ensure_ascii=False)
            out.append(f"  {option.name} ({option.type}) = {shown}")
            out.append(textwrap.indent(_wrap(option.doc), "      "))
    out += [
        "",
        f"Suppress: <!-- pmlint-disable-next-line {rule.id} --> or "
        f"rules: {{{rule.id}: off}} in .pmlint.yaml",
        f"Defined in: {rule.source}",
    ]
    return "\n".join(out) + "\n"


def _summarise(value: object) -> object:
    if isinstance(value, dict) and ("tokens" in value or "words" in value):
        parts = [f"{len(value.get('tokens') or [])} entries"] if "tokens" in value else []
        if "words" in value:
            parts.append(f"{len(value['words'] or {})} word classes")
        return f"<lexicon: {', '.join(parts)}>"
    return value


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), 88))
