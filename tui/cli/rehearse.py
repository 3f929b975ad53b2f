"""``podium rehearse``: present with the notes pane and time every slide.

Usage::

    podium rehearse [DECK] [--theme NAME|PATH] [--format table|csv|json]
    podium rehearse [DECK] --history [--format table|csv|json]
    podium rehearse [DECK] --report [N] [--format table|csv|json]

On quit the report is printed: each slide's time against its budget, the
total against ``duration:``, and a comparison with the previous rehearsal
and the median of the earlier ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.common import (
    DECK_HELP,
    NO_RELOAD_HELP,
    BadInput,
    deck_to_present,
    default_deck_path,
    fail,
    warn,
    write_report,
)
from tui.cli.parser import ArgumentParser
from tui.cli.session import NotStarted, Options, open_session
from tui.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from tui.safe_text import printable_output

if TYPE_CHECKING:
    from tui.rehearsal.recorder import Recorder
    from tui.rehearsal.report import Report
    from tui.rehearsal.store import RehearsalStore

FORMATS = ("table", "csv", "json")
"""How a report or the history can be printed."""

NO_TERMINAL_HINT = "'podium rehearse --report' prints the last report"
"""What ``podium rehearse`` suggests when it has no terminal to present in."""


def _parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="podium rehearse",
        description=(
            "Rehearse a talk: present it with the notes pane open and the timer running, "
            "record how long each slide is on screen, and print a report on quit."
        ),
    )
    parser.add_argument("deck", nargs="?", help=DECK_HELP)
    parser.add_argument(
        "--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's"
    )
    parser.add_argument("--no-reload", action="store_true", help=NO_RELOAD_HELP)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="how to print the report (default: table)",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--history", action="store_true", help="list the stored rehearsals of the deck, then exit"
    )
    action.add_argument(
        "--report",
        nargs="?",
        type=int,
        const=0,
        metavar="N",
        help="print the report of rehearsal N (default: the latest) without rehearsing",
    )
    return parser


def _fail(message: str) -> int:
    warn(f"podium rehearse: {message}")
    return EXIT_BAD_INPUT


def main(argv: Sequence[str]) -> int:
    """Run ``podium rehearse``; returns the exit status.

    Args:
        argv: The arguments after ``podium rehearse``.
    """
    from tui.rehearsal.store import RehearsalStore, StoreError

    args = _parser().parse_args(argv)
    deck_path = args.deck if args.deck is not None else str(default_deck_path())
    if args.history or args.report is not None:
        return _read_only(args, deck_path)
    from tui.startup_gc import hold

    hold()  # until the first frame (tui.startup_gc); tui.cli.main releases it on the way out
    try:
        store = RehearsalStore.open()
    except StoreError as error:
        return _fail(str(error))
    try:
        return _rehearse(store, args.deck, args.theme, args.format, reload=not args.no_reload)
    finally:
        store.close()


def _read_only(args: argparse.Namespace, deck_path: str) -> int:
    """``--history`` and ``--report``: read the store, never create or write it."""
    from tui.rehearsal.store import RehearsalStore, StoreError

    try:
        store = RehearsalStore.open_read_only()
    except StoreError as error:
        return _fail(str(error))
    try:
        if args.history:
            return _history(store, deck_path, args.format)
        return _report(store, deck_path, args.report, args.format)
    except StoreError as error:
        return _fail(str(error))
    finally:
        if store is not None:
            store.close()


def _rehearse(
    store: RehearsalStore, deck_arg: str | None, theme: str | None, fmt: str, *, reload: bool
) -> int:
    """Present the deck with a recorder, then print the rehearsal's report."""
    try:
        deck = deck_to_present(deck_arg, theme)
    except BadInput as error:
        return fail(error.lines)
    options = Options(
        command="podium rehearse", no_terminal_hint=NO_TERMINAL_HINT, theme=theme, reload=reload
    )
    try:
        session = open_session(deck, options, rehearsals=store)
    except NotStarted as stop:
        return stop.status
    try:
        return session.run()
    finally:
        # Closing the session finished the rehearsal (q, or a quit signal
        # such as SIGTERM or a closed terminal) or saved it as interrupted
        # (a crash), with its timings up to the last save.
        if session.recorder is not None:
            _print_report(session.recorder, fmt)


def _print_report(recorder: Recorder, fmt: str) -> None:
    """Print the report of the rehearsal just ended, and its store's problem."""
    from tui.rehearsal.report import build_report
    from tui.rehearsal.store import StoreError

    report = None
    if recorder.store is not None and recorder.rehearsal:
        try:
            report = build_report(recorder.store, recorder.rehearsal)
        except StoreError as error:
            warn(f"podium rehearse: {error}")
    if report is not None:
        write_report(printable_output(_render(report, fmt), fmt), fmt)
    if recorder.problem:
        warn(f"podium rehearse: {recorder.problem}")


def _render(report: Report, fmt: str) -> str:
    from tui.rehearsal.formats import format_csv, format_json, format_table

    if fmt == "csv":
        return format_csv(report)
    if fmt == "json":
        return format_json(report)
    return format_table(report)


def _history(store: RehearsalStore | None, deck_path: str, fmt: str) -> int:
    from tui.rehearsal.formats import format_history

    runs = store.rehearsals(deck_path) if store is not None else []
    write_report(printable_output(format_history(runs, fmt), fmt), fmt)
    return EXIT_OK


def _report(store: RehearsalStore | None, deck_path: str, number: int, fmt: str) -> int:
    from tui.rehearsal.report import build_report

    runs = store.rehearsals(deck_path) if store is not None else []
    if store is None or not runs:
        return _fail(f"no rehearsals of {deck_path} yet; run  podium rehearse {deck_path}")
    if number == 0:
        number = runs[-1].id
    if number not in {run.id for run in runs}:
        known = ", ".join(str(run.id) for run in runs)
        return _fail(f"no rehearsal {number} of {deck_path}; its rehearsals are: {known}")
    report = build_report(store, number)
    assert report is not None
    write_report(printable_output(_render(report, fmt), fmt), fmt)
    return EXIT_OK
