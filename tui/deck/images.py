"""Pictures on slides: finding image references and checking their files.

A slide shows a picture from its ``image:`` field or from a Markdown image
reference (``![alt](file)``) in its body. Paths are relative to the folder
of the deck file. Podium runs offline, so an address (``https://...``) is
never fetched: the loader reports it as a problem with the way to fix it
(save the picture next to the deck and give its path).

A file is checked when the deck is loaded (``podium check`` and every
start): it must exist, be readable and start like an image format the
picture renderer reads (PNG, JPEG, GIF, BMP, WebP, TIFF), and have no more
pixels than the slide decodes (the size is read from the header, see
:mod:`tui.deck.picture_size`). Only the first bytes are read, so loading
stays fast and imports nothing heavy; a file that starts well but is
damaged further on shows as its alt text on the slide.

Imports nothing outside the standard library.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from tui.deck.picture_size import picture_size, pixels_problem
from tui.regular_file import NotRegularFile, open_regular

__all__ = [
    "ImageRef",
    "file_problem",
    "image_refs",
    "is_address",
    "resolve",
]


class ImageRef(NamedTuple):
    """One ``![alt](source)`` in Markdown.

    Attributes:
        alt: The alternative text, as typed.
        source: The path (or address) as typed, without a title.
        start: Index of the ``!`` in the Markdown text.
        source_at: Index of the first character of ``source``.
        alone: True when the reference is the only thing on its line (it
            is then drawn as a picture; inside running text it reads as
            its alt text).
    """

    alt: str
    source: str
    start: int
    source_at: int
    alone: bool


# ![alt](source "title") or ![alt](<source with spaces>): alt may hold
# balanced brackets one level deep; the source no spaces unless in <>.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]"
    r"\([ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<plain>[^\s()]+(?:\([^\s()]*\)[^\s()]*)*))"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"
)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")

_MAGIC: tuple[tuple[bytes, int], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0),
    (b"\xff\xd8\xff", 0),
    (b"GIF87a", 0),
    (b"GIF89a", 0),
    (b"BM", 0),
    (b"II*\x00", 0),
    (b"MM\x00*", 0),
    (b"WEBP", 8),
)
FORMATS = "PNG, JPEG, GIF, BMP, WebP or TIFF"
"""The image formats a deck may use, for messages."""

MAX_IMAGE_BYTES = 32 * 1024 * 1024
"""Largest picture file shown (32 MiB): a projector needs far less."""


def image_refs(markdown: str) -> list[ImageRef]:
    """Every image reference in ``markdown``, outside code blocks and code spans.

    Args:
        markdown: Markdown source (a slide body or column).

    Returns:
        The references in order of appearance.
    """
    if "![" not in markdown:
        return []
    masked = _mask_code(markdown)
    refs: list[ImageRef] = []
    for match in _IMAGE.finditer(masked):
        group = "angled" if match.group("angled") is not None else "plain"
        source = markdown[match.start(group) : match.end(group)]
        line_start = masked.rfind("\n", 0, match.start()) + 1
        line_end = masked.find("\n", match.end())
        line_end = len(masked) if line_end < 0 else line_end
        before = masked[line_start : match.start()]
        after = masked[match.end() : line_end]
        refs.append(
            ImageRef(
                alt=markdown[match.start("alt") : match.end("alt")],
                source=source.strip(),
                start=match.start(),
                source_at=match.start(group),
                alone=not before.strip() and not after.strip(),
            )
        )
    return refs


def _mask_code(markdown: str) -> str:
    """``markdown`` with fenced code and code spans blanked (same length)."""
    lines = markdown.splitlines(keepends=True)
    fence: str | None = None
    out: list[str] = []
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            out.append(_blank(line))
        elif fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            out.append(_blank(line))
        else:
            out.append(line)
    masked = "".join(out)
    return _CODE_SPAN.sub(lambda match: _blank(match.group()), masked)


def _blank(text: str) -> str:
    return "".join(char if char == "\n" else " " for char in text)


def is_address(source: str) -> bool:
    """Whether ``source`` is an address (``https://``, ``data:``, ``//host``) rather than a path.

    A Windows drive path (``C:\\pictures\\a.png``) is a path.
    """
    return bool(_ADDRESS.match(source)) and not _WINDOWS_DRIVE.match(source)


def resolve(source: str, deck_path: str) -> str:
    """The absolute path of a picture written as ``source`` in the deck ``deck_path``.

    Args:
        source: The path as typed in the deck; ``~`` is the home folder.
        deck_path: The deck file's path as given to the loader; a name
            that is not a path (``<string>``) means the current folder.

    Returns:
        An absolute, normalised path.
    """
    expanded = os.path.expanduser(source)
    if os.path.isabs(expanded):
        return os.path.normpath(expanded)
    folder = "" if deck_path.startswith("<") else os.path.dirname(deck_path)
    return os.path.normpath(os.path.abspath(os.path.join(folder, expanded)))


def file_problem(source: str, path: str) -> str | None:
    """What is wrong with the picture file at ``path``, or None when it can be shown.

    Args:
        source: The path as typed in the deck, for the message.
        path: The resolved path (see :func:`resolve`).

    Returns:
        A message for ``podium check`` (without the FILE:LINE:COL), or None.
    """
    shown = repr(source)
    if not source.strip():
        return "the image path is empty; give the picture's file, for example:  image: pic.png"
    if is_address(source):
        return (
            f"image {shown} is an address; Podium runs offline and never fetches it: save "
            "the picture next to the deck and give its file name (a link [text](address) "
            "shows an address)"
        )
    try:
        # Opened without blocking: a named pipe would wait for ever.
        with open_regular(path) as file:
            size = os.fstat(file.fileno()).st_size
            head = file.read(16)
            sides = picture_size(file) if size <= MAX_IMAGE_BYTES else None
    except IsADirectoryError:
        return f"image {shown} is a folder, not a picture file"
    except NotRegularFile as error:
        return f"image {shown} is {error.strerror}"
    except FileNotFoundError:
        return (
            f"image file {shown} not found (looked for {path}); paths are relative to "
            "the deck's folder"
        )
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return f"image file {shown} cannot be read: {reason.lower()}"
    if size > MAX_IMAGE_BYTES:
        return (
            f"image file {shown} is {size // (1024 * 1024)} MiB; the largest shown is "
            f"{MAX_IMAGE_BYTES // (1024 * 1024)} MiB (save a smaller copy)"
        )
    if not any(head[offset : offset + len(magic)] == magic for magic, offset in _MAGIC):
        return f"image file {shown} is not a picture Podium can show (use {FORMATS})"
    too_large = pixels_problem(*sides) if sides is not None else None
    if too_large is not None:  # the slide would only say it cannot show it
        return f"image file {shown} cannot be shown: {too_large}"
    return None
