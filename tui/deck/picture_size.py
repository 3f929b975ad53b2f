"""A picture's size in pixels, read from its header, and the largest one shown.

The slide decodes pictures with Pillow (:mod:`tui.render_images`), but the
deck's check runs at every start and must stay fast and free of Pillow: it
reads only the few bytes that give the width and height of a PNG, JPEG,
GIF, BMP, WebP or TIFF file, never the pixels. Both apply the same rule,
:func:`pixels_problem`, so ``podium check`` refuses exactly the pictures
the slide cannot show. Imports nothing outside the standard library.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

__all__ = ["MAX_PIXELS", "picture_size", "pixels_problem"]

MAX_PIXELS = 40_000_000
"""Largest picture decoded (40 megapixels, e.g. 8000x5000): more costs
seconds and hundreds of MB for nothing a terminal can show (far below
Pillow's own "decompression bomb" limits)."""

_MAX_JPEG_SEGMENTS = 1000
"""Most JPEG segments walked looking for the frame header."""

_MAX_TIFF_ENTRIES = 4096
"""Most entries of a TIFF directory read looking for the size."""


def pixels_problem(width: int, height: int) -> str | None:
    """Why a picture of this size is not shown, or None when it is.

    Args:
        width: In pixels.
        height: In pixels.

    Returns:
        A message such as ``"12000x12000 pixels is too large (...)"``.
    """
    if width * height > MAX_PIXELS:
        return (
            f"{width}x{height} pixels is too large (at most {MAX_PIXELS // 1_000_000} "
            "megapixels; save a smaller copy)"
        )
    return None


def picture_size(handle: BinaryIO) -> tuple[int, int] | None:
    """The width and height of the picture in an open file, from its header.

    Args:
        handle: The file, open in binary mode at any position (it is moved).

    Returns:
        ``(width, height)`` in pixels; None for a format not known here or
        a header cut short (the decoder then has the last word).
    """
    handle.seek(0)
    head = handle.read(32)
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            return _two(">II", head, 16)
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return _two("<HH", head, 6)
        if head.startswith(b"BM"):
            if struct.unpack_from("<I", head, 14)[0] == 12:  # OS/2 header: 16-bit sides
                return _two("<HH", head, 18)
            width, height = struct.unpack_from("<ii", head, 18)
            return abs(width), abs(height)
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            return _webp(head)
        if head.startswith(b"\xff\xd8"):
            return _jpeg(handle)
        if head[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(handle, "<" if head[:2] == b"II" else ">")
    except (struct.error, OSError, ValueError):
        return None
    return None


def _two(layout: str, data: bytes, offset: int) -> tuple[int, int]:
    first, second = struct.unpack_from(layout, data, offset)
    return int(first), int(second)


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 ":  # lossy: 14-bit sides after the start code
        width, height = struct.unpack_from("<HH", head, 26)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":  # lossless: 14-bit sides minus one, packed
        (bits,) = struct.unpack_from("<I", head, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: 24-bit canvas sides minus one
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    return None


def _jpeg(handle: BinaryIO) -> tuple[int, int] | None:
    handle.seek(2)
    for _ in range(_MAX_JPEG_SEGMENTS):
        marker = handle.read(4)
        if len(marker) < 4 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind == 0xFF:  # fill byte before a marker
            handle.seek(-3, 1)
            continue
        if 0xD0 <= kind <= 0xD9 or kind == 0x01:  # markers without a length
            handle.seek(-2, 1)
            continue
        (length,) = struct.unpack(">H", marker[2:])
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):  # a frame header
            frame = handle.read(5)
            height, width = struct.unpack_from(">HH", frame, 1)
            return width, height
        if length < 2:
            return None
        handle.seek(length - 2, 1)
    return None


def _tiff(handle: BinaryIO, order: str) -> tuple[int, int] | None:
    handle.seek(4)
    (offset,) = struct.unpack(order + "I", handle.read(4))
    handle.seek(offset)
    (count,) = struct.unpack(order + "H", handle.read(2))
    sides: dict[int, int] = {}
    for _ in range(min(count, _MAX_TIFF_ENTRIES)):
        tag, kind, _count, value = struct.unpack(order + "HHI4s", handle.read(12))
        if tag in (256, 257):  # ImageWidth, ImageLength: SHORT or LONG
            layout = order + ("H" if kind == 3 else "I")
            sides[tag] = struct.unpack_from(layout, value)[0]
        if len(sides) == 2:
            return sides[256], sides[257]
    return None
