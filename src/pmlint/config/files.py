"""Finding and reading config files: the nearest one above a file, the chain of configs
it inherits, YAML or the [tool.pmlint] table of pyproject.toml."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmlint.config.model import CONFIG_NAMES, TOP_KEYS
from pmlint.yamlfile import YamlError, YamlSource, load_yaml


def find_config_file(start: str) -> str | None:
    """The nearest `.pmlint.yaml`/`.yml`, or `pyproject.toml` with [tool.pmlint], upwards."""
    try:
        directory = Path(start).resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before 3.13, OSError after
        directory = Path(os.path.abspath(start))
    if directory.is_file() or not directory.exists():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(str(pyproject)):
            return str(pyproject)
    return None


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return "[tool.pmlint" in handle.read()
    except (OSError, UnicodeDecodeError):
        return False


@dataclass(frozen=True, slots=True)
class Layer:
    """One config file of a chain: its settings and the folder its paths are relative to."""

    source: YamlSource
    data: dict[str, Any]
    base_dir: str


def read_layer(path: str) -> Layer:
    source = _read_source(path)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise source.error((), "expected a mapping of settings")
    data = {str(k): v for k, v in data.items()}
    for key in data:
        if key not in TOP_KEYS:
            raise source.error((key,), f"unknown key (allowed: {', '.join(sorted(TOP_KEYS))})")
    if not isinstance(data.get("root", False), bool):
        raise source.error(("root",), "expected true or false")
    return Layer(source, data, os.path.dirname(os.path.abspath(path)))


def read_layers(path: str) -> list[Layer]:
    """The config at `path` and the ones it inherits, outermost first.

    A config extends the nearest config above its folder, up to one that says `root: true`
    or sits at the top of a git work tree (the folder holding `.git`): a nested config
    changes what it names and keeps the rest. Merging by default, not an opt-in, because
    a nested config exists to adjust one folder, and replacing silently dropped every
    setting above it; `extends:` already names the rule pack.
    """
    layers: list[Layer] = []
    seen: set[str] = set()
    current: str | None = path
    while current is not None and os.path.realpath(current) not in seen:
        seen.add(os.path.realpath(current))
        layer = read_layer(current)
        layers.append(layer)
        folder = layer.base_dir
        parent = os.path.dirname(folder)
        if layer.data.get("root") or os.path.exists(os.path.join(folder, ".git")):
            break
        if parent == folder:
            break
        current = find_config_file(parent)
    return layers[::-1]


def _read_source(path: str) -> YamlSource:
    if os.path.exists(path) and not os.path.isfile(path):  # a FIFO would block the read
        raise YamlError(f"{path}: cannot read config: not a regular file")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(
            f"{path}: cannot read config: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        return _toml_source(path, text)
    return load_yaml(text, path)


def _toml_source(path: str, text: str) -> YamlSource:
    if sys.version_info >= (3, 11):  # imported here: most configs are YAML
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise YamlError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise YamlError(f"{path}: invalid TOML: nested too deeply") from None
    data = document.get("tool", {}).get("pmlint", {})
    return YamlSource(path, data, _toml_key_lines(text))


def _toml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Approximate key lines for [tool.pmlint...] tables, for error messages."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*tool\.pmlint((?:\.[\w\"'-]+)*)\s*\]$", stripped)
        if header:
            table = tuple(p.strip("\"'") for p in header.group(1).split(".") if p)
            lines.setdefault(table, number)
            continue
        if stripped.startswith("["):
            table = None
            continue
        key = re.match(r"^([\w\"'-]+)\s*=", stripped)
        if table is not None and key:
            lines.setdefault((*table, key.group(1).strip("\"'")), number)
    lines.setdefault((), 1)
    return lines
