"""``podium export``: the deck as a web page, a PDF, or one SVG per slide.

Usage::

    podium export [DECK] [--format html|pdf|svg] [-o PATH] [--handout]
                  [--store PATH] [--theme NAME|PATH] [--size WxH]

The format defaults to the one ``-o``'s suffix names, else ``html``; ``-o``
defaults to the deck's name with the format's suffix (a folder
``NAME-svg`` for SVG) in the current folder. Exit status: 0, or 2 for a
deck, theme, store or option that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tui.cli.common import DECK_HELP, BadInput, deck_to_present, fail
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.export import FORMATS
from tui.safe_text import printable, shortened

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


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in ("html", "htm"):
            return "html"
        if suffix in FORMATS:
            return suffix
    return "html"


def main(argv: Sequence[str]) -> int:
    """``podium export``: write the deck in another format.

    Args:
        argv: The arguments after ``podium export``.
    """
    from tui.themes import ThemeError

    args = _parser().parse_args(argv)
    fmt = _format(args)
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
    stem = Path(deck.source).stem or "slides"
    target = (
        Path(args.output).expanduser()
        if args.output
        else Path(f"{stem}-svg" if fmt == "svg" else f"{stem}.{fmt}")
    )
    started = time.perf_counter()
    try:
        if fmt == "svg":
            from tui.export.svg import export_svgs

            files = export_svgs(deck, target, sources, theme=args.theme, size=args.size)
            size = sum(path.stat().st_size for path in files)
            what = f"{len(files)} SVG files in {target}"
        else:
            if fmt == "html":
                from tui.export.html import render_html

                data = render_html(deck, palette, sources, handout=args.handout).encode("utf-8")
            else:
                from tui.export.pdf import render_pdf

                data = render_pdf(deck, palette, sources, handout=args.handout)
            from tui.export.files import write_file

            write_file(target, data)
            size = len(data)
            what = str(target)
    except OSError as error:
        return fail([f"podium export: cannot write {target}: {error.strerror or error}"])
    seconds = time.perf_counter() - started
    print(printable(f"wrote {what} ({_kilobytes(size)}, {seconds:.1f} s)"), file=sys.stderr)
    return EXIT_OK


def _kilobytes(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
