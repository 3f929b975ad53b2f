"""``podium new [PATH]``: write a starter deck, never over an existing file.

The deck (``tui/data/starter.yaml``) has one slide of each layout, a reveal
slide, a poll, speaker notes that explain each slide, time budgets, and a
first line that points editors at the deck format's JSON Schema (the copy
that ships with Podium, by its absolute path).
"""

from __future__ import annotations

import datetime
import os
import shlex
from collections.abc import Sequence
from pathlib import Path

from tui.cli.common import fail
from tui.cli.parser import ArgumentParser
from tui.exit_codes import EXIT_OK
from tui.safe_text import printable

DEFAULT_NAME = "slides.yaml"
"""The file ``podium new`` writes when given no path (or a folder)."""


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="podium new",
        description="Write a starter deck: one slide of each layout, a reveal slide, a poll, "
        "speaker notes that explain each slide and time budgets. Never overwrites a file.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        default=DEFAULT_NAME,
        help=f"the deck to write (default: ./{DEFAULT_NAME}; in a folder: FOLDER/{DEFAULT_NAME})",
    )
    return parser


def starter_text(today: datetime.date | None = None) -> str:
    """The starter deck, its modeline pointing at the installed schema.

    Args:
        today: The date written in the deck's ``date:`` (default: today).

    Returns:
        The deck's YAML source.
    """
    from tui.deck.json_schema import modeline
    from tui.paths import bundled_schema, bundled_starter_deck

    text = bundled_starter_deck().read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[0] = modeline(bundled_schema()) + "\n"
    day = (today or datetime.date.today()).isoformat()
    return "".join(lines).replace("\ndate: TODAY\n", f'\ndate: "{day}"\n', 1)


def main(argv: Sequence[str]) -> int:
    """Write the starter deck to PATH (exit 0), or say why not (exit 2).

    Args:
        argv: The arguments after ``podium new``.
    """
    args = _parser().parse_args(argv)
    target = Path(args.path)
    if target.is_dir():
        target = target / DEFAULT_NAME
    elif args.path.endswith(("/", os.sep)):
        return fail([f"{args.path}: the folder does not exist"])
    try:
        # O_EXCL: never replace a file (or follow a link) that appeared meanwhile.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return fail(
            [
                f"{target}: already exists; podium new never overwrites a file "
                f"(name another, for example:  podium new talk.yaml)"
            ]
        )
    except FileNotFoundError:
        return fail([f"{target}: the folder {target.parent} does not exist"])
    except OSError as error:
        return fail([f"{target}: cannot write it: {error.strerror or error}"])
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(starter_text())
    shown = shlex.quote(str(target))
    print(
        printable(
            f"Wrote {target}: a starter deck with one slide of each layout, a reveal slide "
            "and a poll; its speaker notes explain each slide."
        )
    )
    print(printable(f"  podium {shown}          present it (press s for the notes)"))
    print(printable(f"  podium check {shown}    check it after each edit"))
    return EXIT_OK
