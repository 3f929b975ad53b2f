"""``podium export``: the deck as a web page, a PDF, or one SVG per slide.

Usage::

    podium export [DECK] [--format html|pdf|svg] [-o PATH] [--handout]
                  [--store PATH] [--theme NAME|PATH] [--size WxH]

The format defaults to the one ``-o``'s suffix names, else ``html``; ``-o``
defaults to the deck's name with the format's suffix (a folder
``NAME-svg`` for SVG) in the current folder, and ``-o -`` is standard
output. What may be written where: :mod:`tui.export.target`. Exit status: 0, or 2 for a
deck, theme, store or option that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import DECK_HELP, BadInput, deck_to_present, fail
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.export import FORMATS
from tui.safe_text import printable, shortened

if TYPE_CHECKING:
    from tui.deck import Deck

DEFAULT_SIZE = (100, 30)
"""``--size`` of SVG exports: columns and rows of the terminal shown."""


def _parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="podium export",
        description="Export the deck as one self-contained web page, a PDF, or one SVG per "
        "slide (every reveal step shown, polls with their stored results).",
    )
    parser.add_argument("deck", nargs="?", help=DECK_HELP)
    parser.add_argument(
        "--format", choices=FORMATS, help="what to write (default: from -o's suffix, else html)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file to write (a folder for svg); default: the deck's name in this folder",
    )
    parser.add_argument(
        "--handout",
        action="store_true",
        help="html and pdf: a cover, then each slide with its notes, poll results and times",
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="read poll results from this vote store (default: the deck's)",
    )
    parser.add_argument(
        "--theme", metavar="NAME|PATH", help="theme to export in (default: the deck's)"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=_size,
        default=DEFAULT_SIZE,
        help="svg: the terminal's columns and rows (default: 100x30)",
    )
    return parser


def _size(value: str) -> tuple[int, int]:
    width, _, height = value.lower().partition("x")
    try:
        columns, rows = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a size: {shortened(value)!r} (write e.g. 100x30)"
        ) from None
    if not (20 <= columns <= 500 and 8 <= rows <= 200):
        raise argparse.ArgumentTypeError(
            f"size {shortened(value)!r} out of range (20x8 to 500x200)"
        )
    return columns, rows


def main(argv: Sequence[str]) -> int:
    """``podium export``: write the deck in another format.

    Args:
        argv: The arguments after ``podium export``.
    """
    from tui.export.target import TargetError, export_format
    from tui.themes import ThemeError

    args = _parser().parse_args(argv)
    try:
        fmt = export_format(args.output, args.format)
    except TargetError as error:
        return fail([str(error)])
    if args.handout and fmt == "svg":
        return fail(["podium export: --handout is for html and pdf, not svg"])
    try:
        deck = deck_to_present(args.deck, args.theme)  # the deck and its theme, checked
    except BadInput as error:
        return fail(error.lines)
    from tui.export.palette import palette_for
    from tui.export.sources import SourceError, read_sources

    try:
        palette = palette_for(deck, args.theme)
    except ThemeError as error:
        return fail([str(error)])
    try:
        sources = read_sources(deck, args.store, rehearsals=args.handout)
    except SourceError as error:
        return fail([str(error)])
    try:
        target = _target(args, fmt, deck, sources.store)
    except TargetError as error:
        return fail([str(error)])
    started = time.perf_counter()
    try:
        if fmt == "svg":
            from tui.export.svg import export_svgs

            assert target is not None  # -o - is refused for svg

            files = export_svgs(deck, target, sources, theme=args.theme, size=args.size)
            size = sum(path.stat().st_size for path in files)
            what = f"{len(files)} SVG files in {target}"
        else:
            if fmt == "html":
                from tui.export.html import render_html

                data = render_html(deck, palette, sources, handout=args.handout).encode("utf-8")
            else:
                from tui.export.pdf import render_pdf

                missing: set[str] = set()
                data = render_pdf(deck, palette, sources, handout=args.handout, missing=missing)
                if missing:
                    shown = " ".join(sorted(missing)[:12]) + (" …" if len(missing) > 12 else "")
                    print(
                        printable(
                            f"podium export: {len(missing)} characters have no glyph in the "
                            f"PDF's fonts and show as blanks: {shown}"
                        ),
                        file=sys.stderr,
                    )
            size = len(data)
            if target is None:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
                what = f"{fmt} to standard output"
            else:
                from tui.export.files import write_file

                write_file(target, data)
                what = str(target)
    except OSError as error:
        where = target or "standard output"
        return fail([f"podium export: cannot write {where}: {error.strerror or error}"])
    seconds = time.perf_counter() - started
    print(printable(f"wrote {what} ({_kilobytes(size)}, {seconds:.1f} s)"), file=sys.stderr)
    return EXIT_OK


def _target(args: argparse.Namespace, fmt: str, deck: Deck, store: Path | None) -> Path | None:
    """Where to write (None: standard output), checked by :func:`checked_target`."""
    from tui.export.target import STDOUT, TargetError, checked_target

    if args.output == STDOUT:
        if fmt == "svg":
            raise TargetError("podium export: -o - is for html and pdf; svg writes a folder")
        if sys.stdout.isatty():
            raise TargetError(
                f"podium export: will not write {fmt} to the terminal; "
                f"redirect it (podium export -o - > talk.{fmt})"
            )
        return None
    stem = Path(deck.source).stem or "slides"
    path = (
        Path(args.output).expanduser()
        if args.output
        else Path(f"{stem}-svg" if fmt == "svg" else f"{stem}.{fmt}")
    )
    beside_deck = Path(deck.source).parent
    inputs = {"the deck": Path(deck.source)}
    if args.theme:  # a path is tried in the current folder, then beside the deck
        inputs["the theme file"] = Path(args.theme).expanduser()
        inputs["the theme file beside the deck"] = beside_deck / Path(args.theme).expanduser()
    if deck.theme:
        inputs["the deck's theme file"] = beside_deck / Path(deck.theme).expanduser()
    if store is not None:
        inputs["the vote store"] = store
    return checked_target(path, fmt, inputs)


def _kilobytes(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
