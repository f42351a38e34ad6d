"""Safe YAML loading that remembers the line of every key, so errors can name file:line:key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# A document whose aliases expand past this many nodes is refused ("billion laughs").
MAX_EXPANDED_NODES = 100_000


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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
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
    finally:
        loader.dispose()
    return YamlSource(path, data, key_lines)


def _index(
    root: yaml.Node, prefix: tuple[str, ...], out: dict[tuple[str, ...], int], path: str
) -> None:
    """Record key lines; count expanded nodes so alias bombs are refused in bounded work."""
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, prefix)]
    visited = 0
    while stack:
        node, key_path = stack.pop()
        visited += 1
        if visited > MAX_EXPANDED_NODES:
            raise YamlError(
                f"{path}: refused: aliases expand to more than {MAX_EXPANDED_NODES:,} nodes"
            )
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
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return load_yaml(text, path)
