"""How pictures reach this terminal: kitty graphics, half blocks or a line of text.

:func:`picture_mode` chooses from the environment alone:

- ``kitty``: the kitty graphics protocol, in kitty itself (``TERM=xterm-kitty``
  or ``KITTY_WINDOW_ID``) outside tmux and screen;
- ``blocks``: coloured half-block characters (two pixels a cell), everywhere
  else: in tmux, over SSH, under ``TERM=linux``, in the audience view;
- ``text``: a line naming the picture (its alt text and file), under
  ``NO_COLOR`` (a picture without colour is blank) or when asked for.

``PODIUM_IMAGES`` (``auto``, ``kitty``, ``blocks``, ``text``) overrides the
choice. Podium never sends the terminal a query to decide: textual-image
asks the terminal about sixel, the kitty protocol and its cell size when it
is imported, which under tmux or on a console leaves the answer (or the
question) on screen, steals the first key or waits for a reply that never
comes. :func:`renderables` turns those queries off before the import and
reads the cell size from the kernel (``TIOCGWINSZ``) instead, and sends
kitty graphics through the app's driver (:func:`set_terminal_writer`).

Imported only for a slide that has pictures. Imports no Textual.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, Literal, NamedTuple

Mode = Literal["kitty", "blocks", "text"]
MODES: tuple[str, ...] = ("kitty", "blocks", "text")


class CellSize(NamedTuple):
    """Size of one terminal cell in pixels (width, height)."""

    width: int
    height: int


DEFAULT_CELL = CellSize(10, 20)
"""Assumed cell size when the terminal does not report one (most fonts are 1:2)."""


def picture_mode(environ: Mapping[str, str] | None = None, tty: bool | None = None) -> Mode:
    """How pictures are drawn on this terminal.

    Args:
        environ: The environment (default: this process's).
        tty: Whether standard output is a terminal (default: ask it).

    Returns:
        ``kitty``, ``blocks`` or ``text`` (see the module's description).
    """
    env = os.environ if environ is None else environ
    forced = env.get("PODIUM_IMAGES", "").strip().lower()
    if forced in MODES:
        return forced  # type: ignore[return-value]
    if env.get("NO_COLOR"):
        return "text"
    if tty is None:
        stream = sys.__stdout__
        tty = bool(stream is not None and stream.isatty())
    term = env.get("TERM", "")
    multiplexed = bool(env.get("TMUX")) or term.startswith(("screen", "tmux"))
    kitty = term == "xterm-kitty" or bool(env.get("KITTY_WINDOW_ID"))
    if tty and kitty and not multiplexed:
        return "kitty"
    return "blocks"


def cell_size() -> CellSize:
    """The terminal's cell size in pixels, from the kernel; :data:`DEFAULT_CELL` if unknown.

    Sends nothing to the terminal (``TIOCGWINSZ`` only; under tmux and on a
    console the pixel size is zero, hence the default).
    """
    stream = sys.__stdout__
    try:
        import fcntl
        import struct
        import termios

        if stream is None or not stream.isatty():
            return DEFAULT_CELL
        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        rows, columns, width, height = struct.unpack("HHHH", packed)
    except (ImportError, OSError, ValueError):
        return DEFAULT_CELL
    if not (rows and columns and width and height):
        return DEFAULT_CELL
    return CellSize(max(width // columns, 1), max(height // rows, 1))


_write: Callable[[str], object] | None = None


def set_terminal_writer(write: Callable[[str], object] | None) -> None:
    """Send kitty graphics through ``write`` (the app's driver) rather than to stdout.

    textual-image writes a picture's upload straight to ``sys.__stdout__``
    while Textual's writer thread may be in the middle of a frame; through
    the driver the upload is queued, whole, before the frame that places it.

    Args:
        write: The app driver's ``write``, or None for standard output.
    """
    global _write
    _write = write


def _send_kitty(*, payload: str | None = None, **keys: int | str | None) -> None:
    """textual-image's kitty message, sent through :func:`set_terminal_writer`'s writer."""
    fields = ",".join(f"{key}={value}" for key, value in keys.items() if value is not None)
    sequence = f"\x1b_G{fields}{';' + payload if payload else ''}\x1b\\"
    if _write is not None:
        _write(sequence)
        return
    stream = sys.__stdout__
    if stream is not None:
        stream.write(sequence)
        stream.flush()


@lru_cache(maxsize=1)
def renderables() -> tuple[Any, Any]:
    """textual-image's half-block and kitty renderables, imported without querying the terminal."""
    import textual_image._terminal as terminal

    def no_query(*_args: object, **_kwargs: object) -> Any:
        raise terminal.TerminalError("Podium does not query the terminal")

    if not hasattr(terminal.get_cell_size, "_result"):
        terminal.get_cell_size._result = terminal.CellSize(*cell_size())  # type: ignore[attr-defined]
    terminal.capture_terminal_response = no_query
    from textual_image.renderable import tgp
    from textual_image.renderable.halfcell import Image as Halfcell

    # textual-image 0.12 reads pixels with Image.getdata(), which Pillow 12
    # deprecates (Podium pins Pillow below 14, where it goes).
    warnings.filterwarnings(
        "ignore", category=DeprecationWarning, module=r"textual_image\._pixeldata"
    )

    tgp._send_tgp_message = _send_kitty
    return Halfcell, tgp.Image
