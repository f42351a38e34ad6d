"""The library entry points: lint a string or some paths the way `pmlint check` does.

For people who embed pmlint (editors, bots, notebooks) and for pmlint's own tests::

    import pmlint

    report = pmlint.lint_text("# Outage\\n\\nSomeone broke it.\\n", path="pm.md")
    for d in report.diagnostics:
        print(d.rule, d.span.line, d.message)

Each call returns `FileReport`s (pmlint.report): `diagnostics` sorted by position, or `error`
when the input could not be linted. Linters (and the spaCy pipeline) are reused across calls
with the same configuration, so calling in a loop is cheap after the first call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from pmlint.config import Config, ConfigError, find_config_file, load_config
from pmlint.docs import unknown_selectors
from pmlint.engine import Linter, Selection
from pmlint.reading import SourceText, UnreadableFile, decode
from pmlint.report import FileReport
from pmlint.runner import Runner, RunOptions, SelectionError

__all__ = ["Config", "FileReport", "lint_paths", "lint_text"]

ConfigArg = Config | str | os.PathLike[str] | None

# Linters by config and options, so repeated calls reuse checks and the spaCy pipeline;
# configs by file and modification time, so an edited config is read again.
_LINTERS: dict[tuple[object, ...], Linter] = {}
_CONFIGS: dict[tuple[str | None, int], Config] = {}
_KEEP = 32


def lint_text(
    text: str | bytes,
    path: str = "<text>",
    *,
    config: ConfigArg = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    nlp_model: str | None = None,
) -> FileReport:
    """Lint `text` as if it were the file `path`. Bytes are decoded as a file's are (UTF-8,
    a BOM, UTF-16 with BOM; bytes that are not UTF-8 become PM904), and raise
    UnreadableFile for a binary file.

    `config`: a `Config`, or the path of a `.pmlint.yaml`/`pyproject.toml`; None finds one the
    way the CLI does, from the folder of `path` (the current folder for a name such as
    "<text>"), else uses the defaults. `select`/`ignore` take what `--select`/`--ignore`
    take (ids, prefixes such as PM4, names, categories). `nlp_model` is `--nlp`'s value.
    Raises ConfigError for a broken config and SelectionError for a selector that matches
    no rule, as the CLI exits 2 for both.
    """
    selection = Selection(tuple(select), tuple(ignore))
    resolved = _config(config, path)
    _check_selection(resolved, selection)
    resolved = resolved.for_file(path)
    key = (id(resolved), selection.select, selection.ignore, nlp_model)  # linter holds config
    linter = _LINTERS.get(key)
    if linter is None:
        if len(_LINTERS) >= _KEEP:
            _LINTERS.clear()
        linter = _LINTERS[key] = Linter(resolved, selection, nlp_model)
    directory = os.path.dirname(os.path.abspath(path)) if not path.startswith("<") else None
    source = decode(text) if isinstance(text, bytes) else SourceText(_normalised(text))
    return linter.lint(path, source, directory or os.getcwd())


def lint_paths(
    paths: Sequence[str],
    *,
    config: str | os.PathLike[str] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    nlp_model: str | None = None,
    jobs: int | None = 1,
) -> list[FileReport]:
    """Lint files and folders (Markdown files below them, .gitignore and `exclude:` applied)
    as `pmlint check PATHS` does, in order. `config`: one config file for every file (as
    `--config`); None discovers each file's config. Unreadable files get a report whose
    `error` says why; other files are still linted."""
    options = RunOptions(
        config_path=os.fspath(config) if config is not None else None,
        selection=Selection(tuple(select), tuple(ignore)),
        nlp_model=nlp_model,
        jobs=jobs,
    )
    return list(Runner(options).run(list(paths)))


def _config(config: ConfigArg, path: str) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return _load(os.path.abspath(os.fspath(config)))
    anchor = os.getcwd() if path.startswith("<") else os.path.dirname(os.path.abspath(path))
    return _load(find_config_file(anchor))


def _load(path: str | None) -> Config:
    try:
        stamp = os.stat(path).st_mtime_ns if path is not None else 0
    except OSError:
        stamp = -1  # load_config reports the missing file
    key = (path, stamp)
    if key not in _CONFIGS:
        if len(_CONFIGS) >= _KEEP:
            _CONFIGS.clear()
        # Past load_config's own per-process cache, which never looks at the file again.
        _CONFIGS[key] = load_config.__wrapped__(path)
    return _CONFIGS[key]


def _check_selection(config: Config, selection: Selection) -> None:
    selectors = [("--select", s) for s in selection.select]
    selectors += [("--ignore", s) for s in selection.ignore]
    problems = unknown_selectors(selectors, config.rules.values()) if selectors else []
    if problems:
        raise SelectionError(problems)


def _normalised(text: str) -> str:
    """Line ends as `pmlint.reading` leaves a file: LF only, a leading BOM dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# Re-exported for callers that catch what lint_text raises.
__all__ += ["ConfigError", "SelectionError", "UnreadableFile"]
