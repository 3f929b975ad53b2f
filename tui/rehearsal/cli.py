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
import sys
from collections.abc import Sequence

from tui.safe_text import printable, printable_output

EXIT_OK = 0
EXIT_BAD_INPUT = 2
FORMATS = ("table", "csv", "json")


def _parser() -> argparse.ArgumentParser:
    from tui.cli import ArgumentParser

    parser = ArgumentParser(
        prog="podium rehearse",
        description=(
            "Rehearse a talk: present it with the notes pane open and the timer running, "
            "record how long each slide is on screen, and print a report on quit."
        ),
    )
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    parser.add_argument("--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's")
    parser.add_argument("--format", choices=FORMATS, default="table", help="how to print the report (default: table)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--history", action="store_true", help="list the stored rehearsals of the deck, then exit")
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
    print(f"podium rehearse: {printable(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def rehearse(argv: Sequence[str]) -> int:
    """Run ``podium rehearse``; returns the exit status."""
    from tui.cli import default_deck_path, present
    from tui.rehearsal.store import RehearsalStore, StoreError

    args = _parser().parse_args(argv)
    deck_path = args.deck if args.deck is not None else str(default_deck_path())
    if args.history or args.report is not None:
        try:
            store = RehearsalStore.open()
        except StoreError as error:
            return _fail(str(error))
        try:
            return _history(store, deck_path, args.format) if args.history else _report(
                store, deck_path, args.report, args.format
            )
        except StoreError as error:
            return _fail(str(error))
        finally:
            store.close()

    try:
        store = RehearsalStore.open()
    except StoreError as error:
        return _fail(str(error))
    recorders = []

    def start(deck):  # type: ignore[no-untyped-def]  # Deck -> Recorder
        from tui.rehearsal.recorder import Recorder

        recorder = Recorder(deck, store)
        recorders.append(recorder)
        return recorder

    from tui.terminal import ended_by_signal

    forwarded = [*([args.deck] if args.deck is not None else []), *(["--theme", args.theme] if args.theme else [])]
    status = 1
    try:
        status = present(forwarded, rehearsal=start)
    finally:
        # A crash (non-zero status, or an exception on its way out) leaves
        # the rehearsal interrupted, with its timings up to the last save;
        # a quit signal (SIGTERM, a closed terminal) ends it as q does.
        for recorder in recorders:
            _close(recorder, args.format, complete=status == EXIT_OK or ended_by_signal(status))
        store.close()
    return status


def _close(recorder, fmt: str, *, complete: bool) -> None:  # type: ignore[no-untyped-def]
    """Finish or save the rehearsal, then print its report."""
    from tui.rehearsal.report import build_report
    from tui.rehearsal.store import StoreError

    if complete:
        recorder.finish()
    else:
        recorder.flush()
    report = None
    if recorder.store is not None and recorder.rehearsal:
        try:
            report = build_report(recorder.store, recorder.rehearsal)
        except StoreError as error:
            print(f"podium rehearse: {printable(str(error))}", file=sys.stderr)
    if report is not None:
        sys.stdout.write(printable_output(_render(report, fmt), fmt))
    if recorder.problem:
        print(f"podium rehearse: {printable(str(recorder.problem))}", file=sys.stderr)


def _render(report, fmt: str) -> str:  # type: ignore[no-untyped-def]
    from tui.rehearsal.formats import format_csv, format_json, format_table

    if fmt == "csv":
        return format_csv(report)
    if fmt == "json":
        return format_json(report)
    return format_table(report)


def _history(store, deck_path: str, fmt: str) -> int:  # type: ignore[no-untyped-def]
    from tui.rehearsal.formats import format_history

    sys.stdout.write(printable_output(format_history(store.rehearsals(deck_path), fmt), fmt))
    return EXIT_OK


def _report(store, deck_path: str, number: int, fmt: str) -> int:  # type: ignore[no-untyped-def]
    from tui.rehearsal.report import build_report

    runs = store.rehearsals(deck_path)
    if not runs:
        return _fail(f"no rehearsals of {deck_path} yet; run  podium rehearse {deck_path}")
    if number == 0:
        number = runs[-1].id
    if number not in {run.id for run in runs}:
        known = ", ".join(str(run.id) for run in runs)
        return _fail(f"no rehearsal {number} of {deck_path}; its rehearsals are: {known}")
    report = build_report(store, number)
    assert report is not None
    sys.stdout.write(printable_output(_render(report, fmt), fmt))
    return EXIT_OK
