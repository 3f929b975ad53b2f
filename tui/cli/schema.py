"""``podium schema``: the deck format as a JSON Schema, for editors.

Prints the schema generated from the deck's field tables
(:mod:`tui.deck.json_schema`); ``--path`` and ``--modeline`` name the copy
that ships with Podium, for a deck's ``# yaml-language-server: $schema=...``
line; ``--write`` regenerates that copy (after a change to the deck format).
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.cli.common import fail, write_report
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.safe_text import printable


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="podium schema",
        description="Print the JSON Schema of the deck format, for completion and inline "
        "errors in editors (VS Code's YAML extension, Neovim's yamlls).",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--path", action="store_true", help="print the path of the schema file Podium ships"
    )
    group.add_argument(
        "--modeline",
        action="store_true",
        help="print the line to put at the top of a deck so editors use the schema",
    )
    group.add_argument(
        "--write",
        action="store_true",
        help="regenerate the schema file Podium ships (after a change to the deck format)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Print (or write) the deck format's JSON Schema.

    Args:
        argv: The arguments after ``podium schema``.

    Returns:
        0, or 2 when ``--write`` cannot write the file.
    """
    from tui.deck.json_schema import modeline, schema_text
    from tui.paths import bundled_schema

    args = _parser().parse_args(argv)
    path = bundled_schema()
    if args.path:
        print(printable(str(path)))
    elif args.modeline:
        print(printable(modeline(path)))
    elif args.write:
        try:
            path.write_text(schema_text(), encoding="utf-8")
        except OSError as error:
            return fail([f"{path}: cannot write the schema: {error.strerror or error}"])
        print(printable(f"wrote {path}"))
    else:
        write_report(schema_text(), "json")
    return EXIT_OK
