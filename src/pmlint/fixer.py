"""`pmlint check --fix`: lint, apply the fixes, lint again, until nothing is left to fix.

Fixes that overlap wait for the next pass (the file is linted again in between, so each
pass sees positions as they now are); passes are bounded, so two fixes that undo each
other cannot loop. Files are written atomically (a temporary file beside it, renamed over
it) with their encoding, byte order mark, line endings and permissions.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmlint.engine import Linter
from pmlint.fixes import WrittenText, apply_fixes, wanted
from pmlint.reading import UnreadableFile, decode, read_bytes
from pmlint.report import FileReport
from pmlint.runner import Runner

MAX_PASSES = 10

Lint = Callable[[str], FileReport]  # lints a text (newlines as written) as the file


@dataclass(frozen=True, slots=True)
class Fixed:
    original: WrittenText
    result: WrittenText
    applied: int  # fixes applied over all passes

    @property
    def changed(self) -> bool:
        return self.result.text != self.original.text


def fix_text(original: WrittenText, lint: Lint, unsafe: bool) -> Fixed:
    current, applied = original, 0
    for _ in range(MAX_PASSES):
        report = lint(current.text)
        if report.error is not None:
            break
        fixes = wanted(report.diagnostics, unsafe)
        if not fixes:
            break
        text, count = apply_fixes(current.text, fixes)
        if count == 0 or text == current.text:
            break
        current, applied = current.with_text(text), applied + count
    return Fixed(original, current, applied)


def fix_bytes(data: bytes, lint: Lint, unsafe: bool) -> Fixed | None:
    """None when the bytes are not text pmlint can write back unchanged (see WrittenText)."""
    original = WrittenText.from_bytes(data)
    if original is None:
        return None
    return fix_text(original, lint, unsafe)


def write_atomically(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=".pmlint-fix-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(path: str, fixed: Fixed) -> str:
    before = fixed.original.text.splitlines(keepends=True)
    after = fixed.result.text.splitlines(keepends=True)
    names = (
        (path, path) if os.path.isabs(path) or path.startswith("<") else (f"a/{path}", f"b/{path}")
    )
    lines = difflib.unified_diff(before, after, *names)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def fix_paths(
    runner: Runner, paths: Sequence[str], unsafe: bool, write: bool
) -> list[tuple[str, Fixed]]:
    """`--fix`: the files under `paths` that fixes change, fixed (and written when `write`;
    else for `--diff`), each with the linter of its own config. Files that cannot be read
    or written back unchanged (not UTF-8) are left alone: the lint that follows reports
    them."""
    files, _missing, _notes = runner.expand(paths)
    only = runner.options.only
    if only is not None:
        files = [f for f in files if os.path.realpath(f) in only]
    runner.check_selection(files)
    changed: list[tuple[str, Fixed]] = []
    for path in files:
        linter = runner.linter_for(path)
        try:
            data = read_bytes(path, linter.config.max_file_size)
        except UnreadableFile:
            continue
        fixed = _fix_with(linter, path, data, unsafe)
        if fixed is None or not fixed.changed:
            continue
        if write:
            write_atomically(path, fixed.result.to_bytes())
        changed.append((path, fixed))
    return changed


def fix_stdin(runner: Runner, data: bytes, filename: str | None, unsafe: bool) -> Fixed | None:
    anchor = filename or os.path.join(os.getcwd(), "stdin.md")
    runner.check_selection([anchor])
    return _fix_with(runner.linter_for(anchor), filename or "<stdin>", data, unsafe)


def _fix_with(linter: Linter, path: str, data: bytes, unsafe: bool) -> Fixed | None:
    directory = os.path.dirname(os.path.abspath(path))
    return fix_bytes(
        data, lambda text: linter.lint(path, decode(text.encode("utf-8")), directory), unsafe
    )
