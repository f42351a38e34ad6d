"""From command-line paths to file reports: discovery, per-file config, reading, linting."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from pmlint.config import Config, ConfigError, find_config_file, load_config
from pmlint.discover import walk
from pmlint.engine import FileReport, Linter, Selection
from pmlint.packs import Rule
from pmlint.reading import SourceText, UnreadableFile, decode, read_file


@dataclass(slots=True)
class RunOptions:
    config_path: str | None = None  # --config: one config for every file, no discovery
    selection: Selection = field(default_factory=Selection)
    nlp_model: str | None = None
    only: frozenset[str] | None = None  # --changed-since: real paths of the files to keep


class Runner:
    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._linters: dict[str | None, Linter] = {}
        self.notes: list[str] = []  # one-line messages for stderr (empty folders and the like)

    def config_for(self, path: str) -> Config:
        if self.options.config_path is not None:
            return load_config(os.path.abspath(self.options.config_path))
        found = find_config_file(path)
        return load_config(found)

    def linter_for(self, path: str) -> Linter:
        config = self.config_for(path)
        linter = self._linters.get(config.path)
        if linter is None:
            linter = Linter(config, self.options.selection, self.options.nlp_model)
            self._linters[config.path] = linter
        return linter

    def linters(self) -> list[Linter]:
        return list(self._linters.values())

    def rules(self) -> tuple[Rule, ...]:
        """The rules that ran on any file, sorted by id (the first config's copy of each)."""
        table: dict[str, Rule] = {}
        for linter in self._linters.values():
            for rule in linter.rules:
                table.setdefault(rule.id, rule)
        return tuple(sorted(table.values(), key=lambda r: r.id))

    def expand(self, paths: Sequence[str]) -> tuple[list[str], list[FileReport], list[str]]:
        """Files to lint, reports for paths that do not exist, notes for empty folders."""
        files: list[str] = []
        missing: list[FileReport] = []
        notes: list[str] = []
        for path in paths:
            if os.path.isdir(path):
                try:
                    config = self.config_for(os.path.join(path, "_"))
                except ConfigError as exc:
                    missing.append(FileReport(path, error=str(exc)))
                    continue
                found = list(walk(path, config.include, config.exclude, config.base_dir))
                if not found:
                    notes.append(
                        f"{path}: no Markdown files found (include: {', '.join(config.include)})"
                    )
                files.extend(os.path.normpath(f) for f in found)
            elif os.path.exists(path) or os.path.islink(path):
                files.append(path)
            else:
                missing.append(FileReport(path, error="no such file or directory"))
        return list(dict.fromkeys(files)), missing, notes

    def lint_file(self, path: str) -> FileReport:
        try:
            linter = self.linter_for(path)
        except ConfigError as exc:
            return FileReport(path, error=str(exc))
        try:
            source = read_file(path, linter.config.max_file_size)
        except UnreadableFile as exc:
            return FileReport(path, error=str(exc))
        return linter.lint(path, source)

    def lint_stdin(self, data: bytes, filename: str | None) -> FileReport:
        display = filename or "<stdin>"
        anchor = filename or os.path.join(os.getcwd(), "stdin.md")
        try:
            linter = self.linter_for(anchor)
            source: SourceText = decode(data)
        except ConfigError as exc:
            return FileReport(display, error=str(exc))
        except UnreadableFile as exc:
            return FileReport(display, error=str(exc))
        directory = os.path.dirname(os.path.abspath(anchor))
        return linter.lint(display, source, directory)

    def run(self, paths: Sequence[str]) -> Iterator[FileReport]:
        files, missing, self.notes = self.expand(paths)
        only = self.options.only
        if only is not None:
            files = [f for f in files if os.path.realpath(f) in only]
        yield from missing
        for path in files:
            yield self.lint_file(path)
