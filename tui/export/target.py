"""Where ``podium export`` writes, decided before anything is written.

An export is written whole to a temporary file that then replaces the
target, so whatever the target was is gone: the deck itself, a device
(``/dev/full`` becomes a plain file when run as root), a named pipe. So:

* ``-o`` names its format by its suffix (``.html``/``.htm``, ``.pdf``,
  ``.svg``), or ``--format`` says it; a name with any other suffix (say
  the deck's own ``talk.yaml``) is refused rather than guessed;
* an export never replaces its own inputs (the deck, the theme file, the
  vote store), a folder, a device, a named pipe or a socket;
* a symbolic link is written through: the file it names is replaced and
  the link stays a link, as an editor saves;
* ``-o -`` writes the page or PDF to standard output, never to a terminal.

Refusals are :class:`TargetError`; the command prints them and exits with
status 2, having written nothing. Imports nothing outside the standard
library and :mod:`tui.regular_file`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from tui.regular_file import describe_kind

SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".svg": "svg"}
"""The suffixes ``-o`` may end with, and the format each names."""

STDOUT = "-"
"""``-o -``: the page or PDF goes to standard output."""


class TargetError(Exception):
    """The export cannot be written where asked; the message says why, in one line."""


def export_format(output: str | None, given: str | None) -> str:
    """The format to write: ``--format``, else ``-o``'s suffix, else ``html``.

    Args:
        output: ``-o PATH`` as typed, or None.
        given: ``--format``, or None.

    Raises:
        TargetError: ``-o`` has no suffix that names a format and ``--format``
            is not given (``-o talk.yaml`` would replace a deck with a page).
    """
    if given:
        return given
    if output is None or output == STDOUT:
        return "html"
    suffix = Path(output).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    return _refuse_suffix(output, suffix)


def _refuse_suffix(output: str, suffix: str) -> str:
    what = f"{suffix!r} is not" if suffix else "no suffix names"
    raise TargetError(
        f"podium export: {output}: {what} a format; end it with .html, .pdf or .svg, "
        "or give --format"
    )


def checked_target(path: Path, fmt: str, inputs: Mapping[str, Path]) -> Path:
    """The path to write an export of format ``fmt`` to, once it is known to be safe.

    Args:
        path: ``-o PATH`` (or the default name), ``~`` expanded.
        fmt: ``html``, ``pdf`` (one file) or ``svg`` (a folder of files).
        inputs: Files the export reads, by what they are for messages
            (``{"the deck": ..., "the vote store": ...}``); those that do not
            exist are skipped.

    Returns:
        ``path``, or for a symbolic link the file it names (to be replaced
        while the link stays).

    Raises:
        TargetError: ``path`` is one of ``inputs``, a folder (html, pdf), not
            a folder (svg), a device, named pipe or socket, or cannot be
            looked at.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target  # a new file (or a link to one to be made): nothing to lose
    except OSError as error:
        raise TargetError(f"podium export: cannot write {path}: {error.strerror}") from None
    if fmt == "svg":
        if not stat.S_ISDIR(mode):
            raise TargetError(
                f"podium export: {path} is not a folder (an svg export is a folder of files)"
            )
        return target
    if stat.S_ISDIR(mode):
        raise TargetError(f"podium export: {path} is a folder; name the {fmt} file to write")
    if not stat.S_ISREG(mode):
        raise TargetError(
            f"podium export: will not replace {path}: not a regular file ({describe_kind(mode)})"
        )
    for what, each in inputs.items():
        if _same_file(target, each):
            raise TargetError(
                f"podium export: will not replace {path}: it is {what}; choose another -o"
            )
    return target


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # ``other`` does not exist (a store not made yet), or cannot be looked at
        return False
