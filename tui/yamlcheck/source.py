"""Reading a hand-written file as text: size limit, UTF-8, line and column.

Every failure is a :class:`~tui.yamlcheck.problems.Problem` worded for the
kind of file (see :class:`FileWords`), raised as :class:`SourceError` for the
caller to re-raise as its own error (``DeckError``, ``ThemeError``). Imports
no YAML.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from tui.regular_file import NotRegularFile, open_regular
from tui.yamlcheck.problems import Problem, ProblemsError

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class SourceError(ProblemsError):
    """The file cannot be read as text; ``problems`` holds the one reason."""


@dataclass(frozen=True)
class FileWords:
    """How to word a file that cannot be read, for one kind of file.

    Attributes:
        missing: The file does not exist.
        missing_folder: A folder in the path is a file; None to report it
            like any other error of the operating system.
        directory: Given the path, the message for a folder named as a file.
        cannot_read: Start of a message for any other error of the
            operating system (": reason" follows).
        too_big: Given the size in bytes, the message for a file over the limit.
        not_utf8: Given the first bad byte's value and its 0-based offset,
            the message for a file that is not UTF-8 (placed at that byte).
    """

    missing: str
    missing_folder: str | None
    directory: Callable[[str], str]
    cannot_read: str
    too_big: Callable[[int], str]
    not_utf8: Callable[[int, int], str]


def position(text: str, index: int) -> tuple[int, int]:
    """Turn a character index into a 1-based line and column.

    Args:
        text: The source text.
        index: 0-based index into ``text``.

    Returns:
        ``(line, column)``, counting line breaks as YAML does.
    """
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def positions(text: str, indexes: Iterable[int]) -> Iterator[tuple[int, int]]:
    """:func:`position` of each of ``indexes`` (in increasing order), reading ``text`` once.

    Args:
        text: The source text.
        indexes: 0-based indexes into ``text``, smallest first.

    Yields:
        ``(line, column)`` per index, as :func:`position` gives it.
    """
    line, line_start, scanned = 1, 0, 0
    for index in indexes:
        for match in _LINE_BREAK.finditer(text, scanned, index):
            line += 1
            line_start = match.end()
        scanned = max(scanned, line_start, index)
        yield line, index - line_start + 1


def read_text(path: str, max_bytes: int, words: FileWords) -> str:
    """Read a file as UTF-8 text, refusing what cannot be one.

    Args:
        path: The file, as the user named it (used in messages).
        max_bytes: Largest file accepted, in bytes.
        words: How to word each failure.

    Returns:
        The file's text, decoded from UTF-8 without a byte-order mark.

    Raises:
        SourceError: The file is missing, a directory, not a regular file
            (a named pipe would block the read for ever), unreadable, larger
            than ``max_bytes``, or not UTF-8.
    """

    def fail(message: str) -> SourceError:
        return SourceError([Problem(path, 0, 0, message)])

    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise fail(words.too_big(size))
            data = handle.read(max_bytes + 1)
    except NotRegularFile as error:
        raise fail(str(error.strerror)) from None
    except FileNotFoundError:
        raise fail(words.missing) from None
    except NotADirectoryError as error:
        if words.missing_folder is None:
            raise fail(f"{words.cannot_read}: {error.strerror or error}") from None
        raise fail(words.missing_folder) from None
    except IsADirectoryError:
        raise fail(words.directory(path)) from None
    except PermissionError:
        if os.path.isdir(path):
            raise fail(words.directory(path)) from None
        raise fail(f"{words.cannot_read}: permission denied") from None
    except OSError as error:
        raise fail(f"{words.cannot_read}: {error.strerror or error}") from None
    return decode(data, path, max_bytes, words)


def decode(data: bytes | str, path: str, max_bytes: int, words: FileWords) -> str:
    """Check the size and encoding of a file's content and return its text.

    Args:
        data: Raw bytes (must be UTF-8) or text.
        path: The file name used in messages.
        max_bytes: Largest content accepted, in bytes (text counts as UTF-8).
        words: How to word each failure.

    Returns:
        The text, without a leading byte-order mark.

    Raises:
        SourceError: Larger than ``max_bytes``, or not UTF-8 (the problem is
            at the line and column of the first bad byte).
    """
    if isinstance(data, str):
        if len(data) * 4 > max_bytes:
            size = len(data.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                raise SourceError([Problem(path, 0, 0, words.too_big(size))])
        return data[1:] if data.startswith("\ufeff") else data
    if len(data) > max_bytes:
        raise SourceError([Problem(path, 0, 0, words.too_big(len(data)))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig")
        line, column = position(good, len(good))
        message = words.not_utf8(data[error.start], error.start)
        raise SourceError([Problem(path, line, column, message)]) from None


_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def control_index(text: str, start: int, end: int, char: str, *, double_quoted: bool) -> int:
    """Where in the source a value's control character ``char`` was written.

    In a double-quoted scalar that is the first escape standing for
    ``char`` (``\\e``, ``\\x1b``, ``\\u009b`` ...) or ``char`` itself;
    elsewhere ``char`` itself.

    Args:
        text: The whole source text.
        start: Index where the value starts in ``text``.
        end: Index just past the value.
        char: The control character found in the value.
        double_quoted: The value is a ``"..."`` scalar (escapes apply).

    Returns:
        An index into ``text``; ``start`` when nothing better is found.
    """
    return control_indexes(text, start, end, char, double_quoted=double_quoted)[0]


def control_indexes(
    text: str, start: int, end: int, chars: str, *, double_quoted: bool
) -> list[int]:
    """Where in the source each of a value's control characters was written.

    As :func:`control_index` for each character of ``chars`` in turn, each
    found after the one before: ``"\\e[1m\\e[0m"`` gives the places of both
    escapes.

    Args:
        text: The whole source text.
        start: Index where the value starts in ``text``.
        end: Index just past the value.
        chars: The control characters found in the value, in the value's order.
        double_quoted: The value is a ``"..."`` scalar (escapes apply).

    Returns:
        One index into ``text`` per character of ``chars``; ``start`` for one
        not found (nor any after it).
    """
    found: list[int] = []
    index = start
    for char in chars:
        at = _written_at(text, index, end, char, double_quoted=double_quoted)
        if at < 0:
            break
        found.append(at)
        index = at + 1
    return found + [start] * (len(chars) - len(found))


def _written_at(text: str, index: int, end: int, char: str, *, double_quoted: bool) -> int:
    """The first place from ``index`` where ``char`` is written (raw, or escaped
    in a double-quoted scalar), or -1."""
    if not double_quoted:
        return text.find(char, index, end)
    while index < end:
        current = text[index]
        if current == "\\" and index + 1 < end:
            code = text[index + 1]
            if code in _HEX_ESCAPES:
                digits = text[index + 2 : index + 2 + _HEX_ESCAPES[code]]
                try:
                    decoded = chr(int(digits, 16))
                except ValueError:
                    decoded = ""
                step = 2 + len(digits)
            else:
                decoded, step = _ESCAPES.get(code, ""), 2
            if decoded == char:
                return index
            index += step
            continue
        if current == char:
            return index
        index += 1
    return -1
