"""Every regular expression pmlint uses, run over pathological strings; one JSON line each.

Run by tests/test_adversarial.py as `python -m tests.regex_probe` in a subprocess, so a
pattern that backtracks for hours costs the test its timeout, not the whole suite, and the
last line printed names it. The patterns come from:

- the pmlint modules: compiled patterns at module level, in module-level lists, tuples and
  dicts, and on classes;
- the rules of every bundled pack as built from their YAML (lexicon phrases and word lists
  compiled into the check instances);
- patterns compiled inside functions (`re.search(rf"...")`), recorded by wrapping
  `re._compile` while a sample document is linted with each pack and both pipelines;
- every `re.compile/search/match/...` call in pmlint's source whose pattern is a string
  literal, read from the syntax tree, for those the sample does not reach.

Each pattern runs over each string twice, at a quarter of the size and at the full size:
a linear pattern takes about 4 times as long on the longer string, a quadratic one 16
times. The ratio tells them apart where a time limit alone does not: Python's engine
scans a run of one character class in C, and a quadratic `\\s+X` over 50,000 blanks takes
about 2 s, as long as a linear pattern with a large constant might.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pmlint
from pmlint.config import load_config
from pmlint.engine import Linter
from pmlint.packs import bundled_pack_names
from pmlint.reading import decode

SIZE = 50_000
SMALL = SIZE // 4
# Linear: the time grows about 4 times from SMALL to SIZE characters; quadratic: 16 times.
# Times under FLOOR on the full string are not judged (too short to measure a ratio).
# Seconds of CPU time (see `seconds`), not of the wall clock.
RATIO, FLOOR = 9.0, 0.02


def pathological(size: int = SIZE) -> dict[str, str]:
    """Long runs of what the patterns look for, each about `size` characters."""
    runs = {
        "digits": "1",
        "colons": ":",
        "spaces": " ",
        "tabs": "\t",
        "newlines": "\n",
        "stars": "*",
        "underscores": "_",
        "brackets": "[",
        "closing-brackets": "](",
        "parentheses": "(",
        "backticks": "`",
        "unclosed-comments": "<!--",
        "pipes": "|",
        "slash-dates": "1/",
        "clock": "12:",
        "dashes": "-",
        "dots": ".",
        "letters": "a",
        "words": "a ",
        "capitals": "A",
        "digit-words": "1a",
        "hashes": "#",
        "at-signs": "@",
        "less-than": "<",
        "tags": "<a ",
        "emails": "a@b.",
        "urls": "http://",
        "iso-dates": "2024-01-01 ",
        "commas": "1,",
        "dotted-numbers": "1.",
        "hyphenated": "a-",
        "identifiers": "a_",
        "mixed-case": "aB",
        "quotes": "'",
        "equals": "=",
        "fields": "a: ",
        "list-markers": "- ",
        "quote-markers": "> ",
        "exclamations": "!",
        "question-marks": "?",
    }
    strings = {name: (run * (size // len(run) + 1))[:size] for name, run in runs.items()}
    # A keyword, then blanks: where two `\s*` side by side used to share the run.
    for word in ("duration:", "Owner:", "ticket", "by", "lasted", "all times", "- **Due:**"):
        strings[f"{word}+blanks"] = word + " " * size + "x"
    strings["letter+blanks"] = "a" + " " * size + "b"
    # A dash or a field name, blanks, then more text than a trailing note may hold: where a
    # `\s*` before a bounded body and one after it share the run.
    for word in ("a — ", "a – ", "a -- ", "Owner: "):
        strings[f"{word.strip()}+blanks+tail"] = word + " " * size + "x" * 100
    return strings


# Patterns known to be superlinear on some of the strings above, and those strings: the
# probe skips these pairs (an hour each at full size). None now: actions._TRAILING_DASH
# was, until its body began with a non-blank (test_adversarial.test_trailing_dash_is_linear).
KNOWN_SUPERLINEAR: dict[str, frozenset[str]] = {}


SAMPLE = """\
---
title: Checkout errors
date: 2024-03-11
timezone: UTC
start: 2024-03-11 10:02
---
# Checkout errors

**Summary:** Checkout failed for some users for 38 minutes (about 12% of orders, $40k).

## Impact

Some customers saw errors; the outage lasted 38 minutes. Duration: 40 min.

## Timeline (UTC)

| Time | Event |
|---|---|
| 10:02 | First errors; the alert fired and on-call was paged |
| 10:41 | Rolled back; resolved |

- March 11, 2024, 9:40 AM: the engineer noticed slow queries.
- 3/11/2024 10:15 PST escalated to the incident commander.

## Root cause

The engineer carelessly ignored the warning and should have stopped the job. Dave's
change caused the outage. Why didn't anyone check? If only we had a canary.

## Action items

- [ ] Improve monitoring (owner: @dana, OPS-123, due 2024-06-30)
- Look into memory limits — Payments team
- Be more careful with the rebuild job [#42](https://github.com/o/r/issues/42)

| Action | Owner | Due | Ticket |
|---|---|---|---|
| Add an alert when p99 > 500 ms | Sam Lee | Q3 2024 | OPS-9 |

## Lessons learned

TODO: lorem ipsum, donâ€™t, ![graph](graphs/missing.png) <!-- pmlint-disable-line PM003 -->
"""


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def module_patterns() -> dict[tuple[str, int], str]:
    found: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages(pmlint.__path__, "pmlint."):
        if info.name == "pmlint.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            places = [value]
            if isinstance(value, type) and value.__module__ == module.__name__:
                places += list(vars(value).values())
            for place in places:
                for pattern in _patterns_in(place):
                    found.setdefault((pattern.pattern, pattern.flags), f"{info.name}.{name}")
    return found


def _instance_patterns(where: str, value: Any, found: dict, seen: set[int], depth: int = 0) -> None:
    if depth > 6 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), where)
    elif isinstance(value, dict):
        for key, item in value.items():
            _instance_patterns(f"{where}[{key!r}]", item, found, seen, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            _instance_patterns(f"{where}[{index}]", item, found, seen, depth + 1)
    elif hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
        names = list(getattr(value, "__dict__", {}))
        for cls in type(value).__mro__:
            names += list(getattr(cls, "__slots__", ()))
        for name in names:
            if hasattr(value, name):
                _instance_patterns(f"{where}.{name}", getattr(value, name), found, seen, depth + 1)


def rule_patterns() -> tuple[dict[tuple[str, int], str], list[Linter]]:
    """Patterns the rules of every bundled pack build from their YAML."""
    found: dict[tuple[str, int], str] = {}
    linters = []
    folder = Path(tempfile.mkdtemp(prefix="pmlint-probe-"))
    for pack in bundled_pack_names():
        config = folder / pack / ".pmlint.yaml"
        config.parent.mkdir()
        config.write_text(f"extends: {pack}\nrules: {{PM004: warning, PM903: warning}}\n")
        linter = Linter(load_config(str(config)), nlp_model="blank")
        linters.append(linter)
        for rule, check in linter.checks:
            _instance_patterns(f"{pack}:{rule.id}", check, found, set())
    return found, linters


def inline_patterns(linters: list[Linter]) -> dict[tuple[str, int], str]:
    """Patterns compiled by pmlint functions while the sample is linted."""
    found: dict[tuple[str, int], str] = {}
    compile_ = getattr(re, "_compile", None)
    if compile_ is None:  # pragma: no cover - another Python's re
        return found

    def spy(pattern: Any, flags: Any) -> Any:
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith("re"):
            frame = frame.f_back
        module = frame.f_globals.get("__name__", "") if frame is not None else ""
        if module.startswith("pmlint") and isinstance(pattern, str):
            found.setdefault((pattern, int(flags)), f"{module}:{frame.f_lineno}")
        return compile_(pattern, flags)

    re._compile = spy  # type: ignore[attr-defined]
    try:
        source = decode(SAMPLE.encode("utf-8"))
        for linter in [*linters, Linter(linters[0].config, nlp_model="auto")]:
            linter.lint("sample.md", source, tempfile.gettempdir())
    finally:
        re._compile = compile_  # type: ignore[attr-defined]
    return found


_RE_FUNCTIONS = frozenset(
    ("compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split")
)


def literal_patterns() -> dict[tuple[str, int], str]:
    """`re.<function>("literal", flags)` calls anywhere in pmlint's source, with the flags
    when they are written as `re.I | re.S` and the like (else none)."""
    found: dict[tuple[str, int], str] = {}
    root = Path(pmlint.__file__).parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags = 0
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
            if flag_node is None and node.func.attr in ("compile", "search", "match"):
                flag_node = node.args[1] if len(node.args) > 1 else None
            elif flag_node is None and node.func.attr in ("fullmatch", "finditer", "findall"):
                flag_node = node.args[2] if len(node.args) > 2 else None
            if flag_node is not None:
                flags = _flags(flag_node)
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            found.setdefault((node.args[0].value, flags), where)
    return found


def _flags(node: ast.expr) -> int:
    """`re.I`, `re.IGNORECASE | re.S` ... as a number (0 for anything else)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
        and isinstance(getattr(re, node.attr, None), re.RegexFlag)
    ):
        return int(getattr(re, node.attr))
    return 0


def all_patterns() -> dict[tuple[str, int], str]:
    """Each distinct (pattern, flags) once, with the first place it was found; the flags
    as compiling adds them (`re.UNICODE` for text), so that one pattern found as a module
    constant, by the spy and in the syntax tree counts once."""
    from_rules, linters = rule_patterns()
    found = [
        *module_patterns().items(),
        *from_rules.items(),
        *inline_patterns(linters).items(),
        *literal_patterns().items(),
    ]
    patterns: dict[tuple[str, int], str] = {}
    for (source, flags), where in found:
        patterns.setdefault((source, re.compile(source, flags).flags), where)
    return patterns


def seconds(compiled: re.Pattern[str], text: str) -> float:
    """The CPU time `finditer` takes to go through the text: this thread's own, so other
    processes on a loaded machine (wall-clock time counted their turns too, and the test
    failed once on a busy CI machine) do not change it. The ratio of two such times, with
    a margin (RATIO 9 between linear's 4 and quadratic's 16), is what the test judges."""
    started = time.thread_time()
    for _match in compiled.finditer(text):
        pass
    return time.thread_time() - started


def superlinear(small: float, large: float) -> bool:
    """Do the times on SMALL and SIZE characters grow faster than linearly?"""
    return large >= FLOOR and large > RATIO * small


def timings(
    compiled: re.Pattern[str], small: str, large: str, tries: int = 3
) -> tuple[float, float]:
    """(seconds on `small`, seconds on `large`); a ratio that looks superlinear, or comes
    within a factor of two of the margin, is timed again, the fastest of `tries` runs kept.
    Noise can push a ratio either way: a slow `large` run makes a linear pattern look
    quadratic, and a slow `small` run made a quadratic one look linear once on CI (0.37 s
    and 3.19 s, a ratio of 8.6 where 16 was due)."""
    short, long = seconds(compiled, small), seconds(compiled, large)
    for _ in range(tries - 1):
        if not superlinear(short / 2, long):  # a ratio above RATIO / 2
            break
        short, long = min(short, seconds(compiled, small)), min(long, seconds(compiled, large))
    return short, long


def main() -> None:
    strings, smaller = pathological(), pathological(SMALL)
    patterns = all_patterns()
    literal = len(literal_patterns())
    header = {"patterns": len(patterns), "strings": len(strings), "literal": literal}
    print(json.dumps(header), flush=True)
    for (source, flags), where in patterns.items():
        compiled = re.compile(source, flags)
        for name, text in strings.items():
            if name in KNOWN_SUPERLINEAR.get(source, ()):
                row = {"where": where, "string": name, "seconds": 0, "small": 0, "known": True}
                print(json.dumps(row), flush=True)
                continue
            print(json.dumps({"start": where, "string": name}), flush=True)
            small, large = timings(compiled, smaller[name], text)
            row = {"where": where, "string": name, "seconds": large, "small": small}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
