"""Safe YAML loading that remembers the line of every key, so errors can name file:line:key."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a text is parsed: a run served from its caches never parses
    import yaml

# A document whose aliases expand past this many nodes is refused ("billion laughs").
MAX_EXPANDED_NODES = 100_000
MAX_KEY_DEPTH = 64  # deeper keys are not named in error messages
# What PyYAML's safe constructors raise besides YAMLError on a bad scalar: `2024-13-45`
# as a date, `!!int abc`, an integer of more than 4,300 digits.
CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, OverflowError, KeyError)


class YamlError(Exception):
    """A YAML or schema problem, already phrased as `file:line: key: problem`."""


@dataclass(slots=True)
class YamlSource:
    path: str
    data: Any
    key_lines: dict[tuple[str, ...], int] = field(default_factory=dict)

    def line_of(self, key_path: tuple[str, ...]) -> int | None:
        while key_path:
            if key_path in self.key_lines:
                return self.key_lines[key_path]
            key_path = key_path[:-1]
        return self.key_lines.get(())

    def error(self, key_path: tuple[str, ...], problem: str) -> YamlError:
        line = self.line_of(key_path)
        where = f"{self.path}:{line}" if line else self.path
        key = ".".join(key_path)
        return YamlError(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


def load_yaml(text: str, path: str) -> YamlSource:
    """Parse with the safe loader only; never constructs Python objects from tags."""
    import yaml

    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise YamlError(f"{where}: invalid YAML: {problem}") from None
    except RecursionError:
        raise YamlError(f"{path}: invalid YAML: nested too deeply") from None
    if node is None:
        return YamlSource(path, None, {(): 1})
    key_lines: dict[tuple[str, ...], int] = {(): node.start_mark.line + 1}
    _index(node, (), key_lines, path)
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise YamlError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise YamlError(f"{path}: invalid YAML: nested too deeply") from None
    except CONSTRUCTION_ERRORS as exc:
        raise YamlError(f"{path}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlSource(path, data, key_lines)


def load_untrusted(text: str) -> Any:
    """YAML written in a document (front matter): the safe loader, and alias bombs refused
    as in config files. Raises yaml.YAMLError, YamlError (a bomb; a value that cannot be
    constructed, such as the date 2024-13-45) or RecursionError (nested too deeply)."""
    import yaml

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    try:
        _index(node, (), {}, "")
    except YamlError:
        raise YamlError(
            f"refused: aliases expand to more than {MAX_EXPANDED_NODES:,} nodes"
        ) from None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except CONSTRUCTION_ERRORS as exc:
        raise YamlError(f"{exc}") from None
    finally:
        loader.dispose()


def _compose(text: str) -> yaml.Node | None:
    """The node tree: by libyaml where PyYAML has it (several times faster: every run loads
    the rule packs), else or on any complaint of libyaml's by PyYAML's own parser, whose
    error messages are the ones pmlint reports."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _index(
    root: yaml.Node, prefix: tuple[str, ...], out: dict[tuple[str, ...], int], path: str
) -> None:
    """Record key lines; count expanded nodes so alias bombs are refused in bounded work.

    Key paths are recorded to `MAX_KEY_DEPTH` only: through an alias that contains itself
    (`a: &a [*a]`) each path was one key longer than the last, quadratic in memory."""
    import yaml

    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, prefix)]
    visited = 0
    while stack:
        node, key_path = stack.pop()
        visited += 1
        if visited > MAX_EXPANDED_NODES:
            raise YamlError(
                f"{path}: refused: aliases expand to more than {MAX_EXPANDED_NODES:,} nodes"
            )
        if len(key_path) >= MAX_KEY_DEPTH:  # still counted, no longer named
            if isinstance(node, yaml.MappingNode):
                stack.extend((value_node, key_path) for _key, value_node in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, key_path) for item in node.value)
            continue
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                out.setdefault((*key_path, key), key_node.start_mark.line + 1)
                stack.append((value_node, (*key_path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                out.setdefault((*key_path, str(position)), item.start_mark.line + 1)
                stack.append((item, (*key_path, str(position))))


def read_yaml(path: str) -> YamlSource:
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO would block the read
        raise YamlError(f"{path}: cannot read: not a regular file")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    # The program keeps the parse of a pack's file between runs (`pmlint.yamlmemo`).
    from pmlint import yamlmemo

    digest = yamlmemo.key(text)
    found = yamlmemo.get(digest)
    if found is not None:
        return YamlSource(path, *found)
    source = load_yaml(text, path)
    yamlmemo.put(digest, source.data, source.key_lines)
    return source
