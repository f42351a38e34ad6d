"""Bytes to text: never crash on what a repository may contain, and say what was repaired."""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class UnreadableFile(Exception):
    """The file cannot be linted at all (missing, binary, too large, no permission)."""


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    # (line, column) of the first byte that was not valid UTF-8, if any was replaced.
    invalid_utf8_at: tuple[int, int] | None = None
    invalid_utf8_count: int = 0


def decode(data: bytes) -> SourceText:
    """Decode as UTF-8 (BOM tolerated, UTF-16 with BOM understood), newlines normalised to LF.

    Normalising CRLF and lone CR keeps line numbers equal to what editors show, and columns
    unchanged, because the removed characters only ever end a line.
    """
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        raise UnreadableFile(f"binary file (NUL byte at offset {offset}); not linted")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        return SourceText(_normalise_newlines(text))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        head = data[: exc.start].decode("utf-8", errors="replace")
        head = _normalise_newlines(head)
        line = head.count("\n") + 1
        column = len(head) - (head.rfind("\n") + 1) + 1
        return SourceText(_normalise_newlines(text), (line, column), text.count("\ufffd"))
    return SourceText(_normalise_newlines(text))


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a file from disk, refusing what cannot be Markdown before reading it whole."""
    return decode(read_bytes(path, max_bytes))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes as written; UnreadableFile (with the reason) for a directory, a FIFO,
    a file over `max_bytes` or one that cannot be opened."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read until a writer came
            raise UnreadableFile("not a regular file (a FIFO, socket or device); not linted")
        size = status.st_size
        if size > max_bytes:
            raise UnreadableFile(
                f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                "(max_file_size); not linted"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
    return data


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
