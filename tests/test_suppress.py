"""Inline suppression through the Linter: next-line, line, ranges, file, PM902 and PM903."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
import yaml

from pmlint.api import lint_text
from pmlint.config import Config, load_config

Finding = tuple[str, int]  # (rule id, line)


@pytest.fixture(autouse=True)
def _raise_on_rule_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLINT_RAISE", "1")


def make_config(tmp_path: Path, rules: dict | None = None) -> Config:
    if not rules:
        return load_config(None)
    path = tmp_path / ".pmlint.yaml"
    path.write_text(yaml.safe_dump({"rules": rules}), "utf-8")
    return load_config(str(path))


def lint(
    text: str,
    select: tuple[str, ...] = ("PM003",),
    config: Config | None = None,
) -> list[Finding]:
    report = lint_text(text, "doc.md", config=config or load_config(None), select=select)
    assert report.error is None
    return [(d.rule, d.span.line) for d in report.diagnostics]


# Line numbers are written next to each line in the documents below.


def test_placeholders_are_found_without_directives() -> None:
    text = "# Title\n\nTODO one.\n\nTBD two.\n"
    assert lint(text) == [("PM003", 3), ("PM003", 5)]


@pytest.mark.parametrize("selector", ["PM003", "pm003", "placeholder-text", ""])
def test_disable_next_line(selector: str) -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        f"<!-- pmlint-disable-next-line {selector} -->\n"  # 3
        "TODO silenced.\n"  # 4
        "TODO not silenced.\n"  # 5
    )
    assert lint(text) == [("PM003", 5)]


def test_disable_next_line_for_another_rule_does_not_silence() -> None:
    text = "<!-- pmlint-disable-next-line PM002 PM501 -->\nTODO still reported.\n"
    assert lint(text) == [("PM003", 2)]


def test_disable_next_line_skips_blank_lines_and_multi_line_comments() -> None:
    text = (
        "<!-- pmlint-disable-next-line\n"  # 1
        "     PM003 -- a reason may follow two dashes and say TODO -->\n"  # 2
        "\n"  # 3
        "TODO silenced.\n"  # 4
        "TODO not silenced.\n"  # 5
    )
    assert lint(text) == [("PM003", 5)]


def test_disable_next_line_with_several_rules() -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        "## Impact\n"  # 3
        "\n"  # 4
        "<!-- pmlint-disable-next-line PM002, placeholder-text -->\n"  # 5
        "## Resolution TODO\n"  # 6
        "\n"  # 7
        "## Timeline\n"  # 8
    )
    # the title is empty too: every section under it is
    assert lint(text, ("PM002", "PM003")) == [("PM002", 1), ("PM002", 3), ("PM002", 8)]


@pytest.mark.parametrize("selector", ["PM003", "placeholder-text", ""])
def test_disable_line_as_a_trailing_comment(selector: str) -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        f"TODO silenced. <!-- pmlint-disable-line {selector} -->\n"  # 3
        "TODO not silenced.\n"  # 4
        "- TBD in a list <!-- pmlint-disable-line -->\n"  # 5
        "\n"  # 6
        "| a | b |\n"  # 7
        "|---|---|\n"  # 8
        "| TODO | x <!-- pmlint-disable-line PM003 --> |\n"  # 9
    )
    assert lint(text) == [("PM003", 4)]


def test_disable_line_covers_only_its_own_line() -> None:
    text = "TODO on line one.\nTODO on line two. <!-- pmlint-disable-line PM003 -->\nTODO three.\n"
    assert lint(text) == [("PM003", 1), ("PM003", 3)]


def test_document_level_finding_silenced_on_the_title_line() -> None:
    text = "# Title <!-- pmlint-disable-line required-sections -->\n\nShort.\n"
    assert lint(text, ("PM001",)) == []
    assert len(lint("# Title\n\nShort.\n", ("PM001",))) == 7


def test_disable_and_enable_range() -> None:
    text = (
        "TODO before.\n"  # 1
        "<!-- pmlint-disable PM003 -->\n"  # 2
        "TODO inside.\n"  # 3
        "\n"  # 4
        "- TBD inside a list.\n"  # 5
        "<!-- pmlint-enable PM003 -->\n"  # 6
        "TODO after.\n"  # 7
    )
    assert lint(text) == [("PM003", 1), ("PM003", 7)]


def test_disable_without_enable_lasts_to_the_end_of_the_file() -> None:
    text = "TODO before.\n\n<!-- pmlint-disable placeholder-text -->\n\nTODO.\n\nTBD.\n"
    assert lint(text) == [("PM003", 1)]


def test_disable_all_then_enable_one_rule() -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        "<!-- pmlint-disable -->\n"  # 3
        "## Impact\n"  # 4
        "\n"  # 5
        "TODO inside.\n"  # 6
        "<!-- pmlint-enable PM003 -->\n"  # 7
        "## Timeline\n"  # 8
        "\n"  # 9
        "TODO after enable.\n"  # 10
        "\n"  # 11
        "## Root cause\n"  # 12
        "<!-- pmlint-enable -->\n"  # 13
        "## Resolution\n"  # 14
    )
    # PM002 stays off until the second, unqualified enable; PM003 is back from line 8
    assert lint(text, ("PM002", "PM003")) == [("PM003", 10), ("PM002", 14)]


def test_enable_of_another_rule_does_not_end_a_range() -> None:
    text = "<!-- pmlint-disable PM003 -->\n<!-- pmlint-enable PM002 -->\nTODO.\n"
    assert lint(text) == []


@pytest.mark.parametrize("position", ["top", "middle", "end"])
def test_disable_file(position: str) -> None:
    lines = ["# Title", "", "TODO one.", "", "TBD two.", ""]
    directive = "<!-- pmlint-disable-file PM003 -->"
    index = {"top": 0, "middle": 3, "end": len(lines)}[position]
    lines.insert(index, directive)
    assert lint("\n".join(lines) + "\n", ("PM002", "PM003")) == []


def test_disable_file_for_one_rule_keeps_the_others() -> None:
    text = "<!-- pmlint-disable-file PM002 -->\n# Title\n\nTODO.\n\n## Impact\n"
    assert lint(text, ("PM002", "PM003")) == [("PM003", 4)]


def test_directives_in_code_have_no_effect() -> None:
    text = (
        "```markdown\n"  # 1
        "<!-- pmlint-disable-file -->\n"  # 2
        "<!-- pmlint-disable-next-line PM999 -->\n"  # 3
        "```\n"  # 4
        "TODO reported.\n"  # 5
        "\n"  # 6
        "    <!-- pmlint-disable -->\n"  # 7
        "\n"  # 8
        "TODO reported. `<!-- pmlint-disable-line -->`\n"  # 9
    )
    assert lint(text, ("PM003", "PM902")) == [("PM003", 5), ("PM003", 9)]


def test_unknown_rule_in_a_directive_is_reported() -> None:
    text = (
        "<!-- pmlint-disable-next-line PM999 -->\n"  # 1
        "TODO reported.\n"  # 2
        "TODO silenced. <!-- pmlint-disable-line PM003 placeholder-txt -->\n"  # 3
        "<!-- pmlint-disable-file nosuch-rule -->\n"  # 4
    )
    assert lint(text, ("PM003", "PM902")) == [
        ("PM902", 1),
        ("PM003", 2),
        ("PM902", 3),
        ("PM902", 4),
    ]


def test_unknown_rule_is_reported_only_when_pm902_runs() -> None:
    text = "<!-- pmlint-disable-next-line PM999 -->\nTODO.\n"
    assert lint(text, ("PM003",)) == [("PM003", 2)]


UNUSED = (
    "<!-- pmlint-disable-next-line PM003 -->\n"  # 1 used
    "TODO silenced.\n"  # 2
    "<!-- pmlint-disable-next-line PM003 -->\n"  # 3 unused
    "Nothing to silence.\n"  # 4
    "Fine. <!-- pmlint-disable-line placeholder-text -->\n"  # 5 unused
    "<!-- pmlint-disable PM003 -->\n"  # 6 unused range
    "Nothing here.\n"  # 7
    "<!-- pmlint-enable PM003 -->\n"  # 8 never reported
    "<!-- pmlint-disable-file -->\n"  # 9 unused: nothing left to silence
)


def test_unused_suppressions_are_reported_when_pm903_is_selected() -> None:
    assert lint(UNUSED, ("PM003", "PM903")) == [("PM903", 3), ("PM903", 5), ("PM903", 6)]


def test_unused_suppressions_are_reported_when_pm903_is_enabled(tmp_path: Path) -> None:
    config = make_config(tmp_path, {"PM903": "info", "PM001": "off", "PM002": "off"})
    found = lint(UNUSED, (), config)
    assert [f for f in found if f[0] == "PM903"] == [("PM903", 3), ("PM903", 5), ("PM903", 6)]


def test_unused_suppressions_are_silent_by_default() -> None:
    assert not load_config(None).rules["PM903"].enabled
    report = lint_text(UNUSED, "doc.md", config=load_config(None))
    assert not [d for d in report.diagnostics if d.rule == "PM903"]


def test_disable_file_for_everything_is_used_when_it_silences() -> None:
    text = "<!-- pmlint-disable-file -->\nTODO.\n"
    assert lint(text, ("PM003", "PM903")) == []


# -- suppression only ever removes findings ---------------------------------------------------

PIECES = [
    "# Title",
    "## Impact",
    "## Timeline",
    "TODO here.",
    "TBD and FIXME.",
    "- TODO in a list",
    "**Root cause:**",
    "Plain text.",
    "",
    "",
    "<!-- pmlint-disable-next-line {sel} -->",
    "TODO trailing <!-- pmlint-disable-line {sel} -->",
    "<!-- pmlint-disable {sel} -->",
    "<!-- pmlint-enable {sel} -->",
    "<!-- pmlint-disable-file {sel} -->",
    "```\n<!-- pmlint-disable {sel} -->\nTODO\n```",
]
SELECTORS = ["", "PM003", "PM002", "placeholder-text", "PM002, PM003", "PM999", "PM001"]
RULES = ("PM001", "PM002", "PM003")


def random_document(rng: random.Random) -> str:
    lines = [
        rng.choice(PIECES).format(sel=rng.choice(SELECTORS)) for _ in range(rng.randint(1, 18))
    ]
    return "\n".join(lines) + "\n"


def test_suppression_only_removes_findings() -> None:
    rng = random.Random(20240311)
    for _ in range(300):
        text = random_document(rng)
        # Same lines and columns, but no directive: "pmlint-" no longer starts the comment.
        inert = text.replace("pmlint-", "pmlinx-")
        with_directives = Counter(lint(text, (*RULES, "PM902", "PM903")))
        without = Counter(lint(inert, RULES))
        assert without == Counter(lint(inert, (*RULES, "PM902", "PM903"))), text
        kept = Counter({k: v for k, v in with_directives.items() if k[0] in RULES})
        assert not kept - without, f"suppression added findings:\n{text}"


@pytest.mark.parametrize("selector", ["structure", "PM00", "PM003, PM002"])
def test_directives_take_the_same_selectors_as_select(selector: str) -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        f"<!-- pmlint-disable-next-line {selector} -->\n"  # 3
        "TODO silenced.\n"  # 4
        "TODO not silenced.\n"  # 5
    )
    assert lint(text, select=("PM003", "PM902")) == [("PM003", 5)]


def test_stacked_next_line_directives_both_apply_to_the_line_below() -> None:
    text = (
        "# Title\n"  # 1
        "\n"  # 2
        "<!-- pmlint-disable-next-line PM003 -->\n"  # 3
        "<!-- pmlint-disable-next-line PM502 -->\n"  # 4
        "TODO see ![g](missing.png)\n"  # 5
    )
    assert lint(text, select=("PM003", "PM502", "PM903")) == []
