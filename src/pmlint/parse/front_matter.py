"""Front matter: a YAML block (`---`, markdown-it's front-matter plugin finds it) or a TOML
block (`+++`, Hugo and Zola), read into the document's metadata; a malformed block is recorded
with its line, never raised."""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml
from markdown_it.token import Token

from pmlint.document import key_values
from pmlint.yamlfile import YamlError, load_untrusted

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_TOML_FENCE = "+++"


# A note before the front matter, in an HTML comment on a line of its own: where the file was
# copied from ("<!-- source: ... -->"), a licence, a linter's directive.
_COMMENT_LINE = re.compile(r"\A\s*<!--.*-->\s*\Z")


def _lead(lines: list[str]) -> int:
    """How many lines before the front matter are blank or a one-line HTML comment."""
    lead = 0
    while lead < len(lines) and (not lines[lead].strip() or _COMMENT_LINE.match(lines[lead])):
        lead += 1
    return lead


class FrontMatterReader:
    """The front-matter half of the document builder (`pmlint.parse.builder.Builder`)."""

    text: str
    lines: list[str]
    meta: dict[str, Any]
    meta_lines: tuple[int, int] | None
    meta_error: tuple[int, str] | None
    # Blank lines before a YAML block that were moved after it (`lead_blank_front_matter`).
    front_shift: int = 0

    def toml_front_matter(self) -> str:
        """Blank a `+++` TOML block (Hugo, Zola) so markdown-it sees empty lines instead; a
        note in an HTML comment may come before it (`_lead`)."""
        lead = _lead(self.lines)
        if lead == len(self.lines) or self.lines[lead].strip() != _TOML_FENCE:
            return self.text
        for index in range(lead + 1, len(self.lines)):
            if self.lines[index].strip() == _TOML_FENCE:
                body = "\n".join(self.lines[lead + 1 : index])
                self.meta_lines = (lead + 1, index + 1)
                try:
                    self.meta = tomllib.loads(body)
                except tomllib.TOMLDecodeError as exc:
                    self.meta_error = (1, f"invalid TOML front matter: {exc}")
                except RecursionError:
                    self.meta_error = (1, "invalid TOML front matter: nested too deeply")
                except ValueError as exc:  # an integer of more than 4,300 digits
                    self.meta_error = (1, f"invalid TOML front matter: {exc}")
                blanked = self.lines[:lead] + [""] * (index + 1 - lead) + self.lines[index + 1 :]
                return "\n".join(blanked)
        return self.text

    def lead_blank_front_matter(self, source: str) -> str:
        """A YAML block after blank lines (Hugo reads it; a file saved with an empty first
        line): the blank lines are moved after the block, so markdown-it's plugin, which wants
        the fence on the first line, finds it and every line below keeps its number. Only a
        block that reads as a mapping of keys: two rules around prose stay rules."""
        lines = source.split("\n")
        lead = _lead(lines)
        if lead == 0 or lead == len(lines) or lines[lead].rstrip() != "---":
            return source
        for index in range(lead + 1, len(lines)):
            if lines[index].rstrip() == "---":
                try:
                    data = load_untrusted("\n".join(lines[lead + 1 : index]))
                except (YamlError, yaml.YAMLError, RecursionError, ValueError):
                    # "title: Post-Mortem: Pull Requests": YAML refuses a second colon; a
                    # block of keys and values is front matter all the same (its error is
                    # reported where it is read)
                    data = key_values(lines[lead + 1 : index])
                if not isinstance(data, dict) or not data:
                    return source
                self.front_shift = lead
                moved = lines[lead : index + 1] + lines[:lead] + lines[index + 1 :]
                return "\n".join(moved)
        return source

    def yaml_front_matter(self, token: Token) -> None:
        assert token.map is not None  # a block token's lines
        first, last = token.map[0] + 1 + self.front_shift, token.map[1] + self.front_shift
        self.meta_lines = (first, last)
        try:
            data = load_untrusted(token.content) if token.content.strip() else {}
        except YamlError as exc:  # an alias bomb, or a value such as the date 2024-13-45
            self.meta_error = (first, f"invalid YAML front matter: {exc}")
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = first + 1 + (mark.line if mark is not None else 0)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.meta_error = (min(line, last), f"invalid YAML front matter: {problem}")
            return
        except RecursionError:
            self.meta_error = (first, "invalid YAML front matter: nested too deeply")
            return
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.meta_error = (first, "front matter is not a mapping of keys to values")
            return
        self.meta = {str(k): v for k, v in data.items()}
