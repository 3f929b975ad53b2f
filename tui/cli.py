"""The ``podium`` command.

Usage::

    podium [DECK] [--theme NAME|PATH]     present a deck
    podium check [DECK]                   validate a deck without presenting
    podium --audience [DECK]              audience view: follow the presenter
    podium rehearse [DECK]                rehearse: time every slide, then report
    podium vote [--store PATH] [--choice N]    vote on the poll on the presenter's screen
    podium results [DECK] [--format csv|json]  print poll totals and every vote

``DECK`` defaults to ``./slides.yaml`` when there is one, else the deck that
ships with Podium. Problems are printed as ``FILE:LINE:COL: message`` and
exit with status 2 (the Unix convention for bad input); never a traceback.
The full-screen commands need a terminal (status 2 and one line without
one: see :mod:`tui.terminal`); SIGTERM, SIGHUP, SIGQUIT and SIGINT end them
as ``q`` does, with status 128 + the signal's number.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.safe_text import printable

if TYPE_CHECKING:
    from tui.deck import Deck
    from tui.rehearsal.recorder import Recorder

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def default_deck_path() -> Path:
    """``./slides.yaml`` if present, else the bundled default deck."""
    local = Path("slides.yaml")
    if local.is_file():
        return local
    from tui.paths import bundled_deck

    return bundled_deck()


class ArgumentParser(argparse.ArgumentParser):
    """``argparse`` whose error messages show the arguments they quote safely.

    ``unrecognized arguments: ...`` repeats what was typed (or what a script
    passed, a file name perhaps) as it is; here its control characters are
    made visible (see :func:`tui.safe_text.printable`).
    """

    def error(self, message: str) -> NoReturn:  # noqa: D102 - as argparse's
        super().error(printable(message))


COMMANDS_HELP = """\
commands (each has its own --help):
  check [DECK]       validate a deck: a summary, or every problem with its line
  rehearse [DECK]    rehearse with the timer, then see where the time went
  vote               vote on the poll on the presenter's screen (any terminal)
  results [DECK]     print poll totals and every vote (--format csv|json)
  --audience [DECK]  audience view: the slide alone, following the presenter

keys: press ? while presenting."""
"""The subcommands, one line each, at the end of ``podium --help``."""


def _present_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="podium",
        usage="podium [DECK] [--theme NAME|PATH] [--store PATH]\n"
        "       podium --audience [DECK]\n"
        "       podium {check,rehearse,vote,results} [--help] ...",
        description="Present a YAML slide deck in the terminal.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    parser.add_argument("--theme", metavar="NAME|PATH", help="theme name or theme file; overrides the deck's")
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="keep poll votes in this file (default: one file per deck in your data folder); "
        "private to you unless --shared-store",
    )
    parser.add_argument(
        "--shared-store",
        action="store_true",
        help="let the members of the --store file's group vote (and so also write the file); "
        "never in a folder every user may write",
    )
    parser.add_argument(
        "--audience",
        "--follow",
        action="store_true",
        help="audience view: the slide alone, following the presenter of DECK in another terminal",
    )
    parser.add_argument("--version", action="version", version=f"podium {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="podium check", description="Validate a deck without presenting it.")
    parser.add_argument("deck", nargs="?", help="deck file (default: ./slides.yaml, else the bundled talk)")
    return parser


def _fail(lines: Sequence[str]) -> int:
    for line in lines:
        print(printable(line), file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(deck_arg: str | None):  # -> Deck
    from tui.deck import load_deck

    return load_deck(deck_arg if deck_arg is not None else default_deck_path())


def summary(deck) -> str:  # deck: tui.deck.Deck
    """One line about a valid deck: slides, polls, notes coverage, length.

    Example: ``slides.yaml: OK: 13 slides, 1 poll, speaker notes on 13/13 slides, target 20:00``.
    """
    slides = len(deck.slides)
    polls = len(deck.polls)
    with_notes = sum(1 for slide in deck.slides if slide.notes.strip())
    parts = [
        f"{slides} slide{'s' if slides != 1 else ''}",
        f"{polls} poll{'s' if polls != 1 else ''}",
        f"speaker notes on {with_notes}/{slides} slides",
    ]
    if deck.duration:
        from tui.pacing import format_seconds

        parts.append(f"target {format_seconds(deck.duration)}")
    return f"{deck.source}: OK: {', '.join(parts)}"


def theme_problem(source: str, theme: str | None, at: tuple[int, int]):  # -> Problem | None
    """A deck's ``theme:`` as a located problem, if it names no usable theme.

    Args:
        source: The deck file as the user named it; a theme path is
            relative to its folder.
        theme: The ``theme:`` value as written, or None.
        at: 1-based (line, column) of the ``theme:`` value.

    Returns:
        None when there is no theme or the theme loads; else a
        :class:`tui.deck.Problem` at the ``theme:`` value.
    """
    if not theme:
        return None
    from tui.deck import Problem
    from tui.themes import ThemeError, resolve_theme

    try:
        resolve_theme(theme, Path(source).parent)
    except ThemeError as error:
        line, column = at
        return Problem(source, line, column, f"theme: {error}")
    return None


def deck_theme_problem(deck):  # (Deck) -> Problem | None
    """The deck's ``theme:`` as a located problem, if it names no usable theme.

    Returns:
        None when the deck names no theme or a theme that loads; else a
        :class:`tui.deck.Problem` at the ``theme:`` value.
    """
    return theme_problem(deck.source, deck.theme, deck.theme_at)


def deck_error_problems(error) -> list[str]:  # (DeckError) -> list[str]
    """Every problem of a deck that did not load, its ``theme:`` included.

    The loader cannot check a theme (themes need Textual), so a bad theme is
    added here and the whole list is sorted by line and column again; a
    trailing "... more problems" line stays last.

    Returns:
        The problems as ``FILE:LINE:COL: message`` lines.
    """
    problems = list(error.problems)
    if error.theme is not None:
        theme, line, column = error.theme
        source = problems[0].path if problems else ""
        problem = theme_problem(source, theme, (line, column))
        if problem is not None:
            tail = [p for p in problems if p.line == 0 and p.message.startswith("... and ")]
            problems = [p for p in problems if p not in tail] + [problem]
            problems.sort(key=lambda p: (p.line, p.column))
            problems += tail
    return [str(problem) for problem in problems]


def check(argv: Sequence[str]) -> int:
    """``podium check [DECK]``: print a summary (exit 0) or every problem (exit 2)."""
    from tui.deck import DeckError

    args = _check_parser().parse_args(argv)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail(deck_error_problems(error))
    theme_problem = deck_theme_problem(deck)
    if theme_problem is not None:
        return _fail([str(theme_problem)])
    print(printable(summary(deck)))
    return EXIT_OK


def present(argv: Sequence[str], *, rehearsal: Callable[[Deck], Recorder] | None = None) -> int:
    """``podium [DECK] [--theme ...] [--audience]``: present a deck full-screen.

    Args:
        argv: The command-line arguments after ``podium``.
        rehearsal: Makes the recorder of a rehearsal (``podium rehearse``).
    """
    from tui.deck import DeckError

    args = _present_parser().parse_args(argv)
    if args.audience:
        from tui.mirror.cli import run_audience

        return run_audience(args.deck, args.theme)
    try:
        deck = _load(args.deck)
    except DeckError as error:
        return _fail(deck_error_problems(error) if not args.theme else [str(p) for p in error.problems])
    theme_problem = None if args.theme else deck_theme_problem(deck)
    if theme_problem is not None:
        return _fail([str(theme_problem)])
    if args.theme:  # reported before a missing terminal is
        from tui.themes import ThemeError, resolve_theme

        try:
            resolve_theme(args.theme, Path(deck.source).parent if deck.source else None)
        except ThemeError as error:
            return _fail([str(error)])
    store = how_to_vote = store_warning = None
    if args.shared_store and not args.store:
        return _fail(["podium: --shared-store needs --store PATH in a folder your group can reach"])
    if deck.polls:
        from tui.commands.poll_cli import close_presenter_store, open_presenter_store
        from tui.polls.store import StoreError

        try:
            store, how_to_vote = open_presenter_store(deck, args.store, shared=args.shared_store)
            store_warning = " ".join(store.notes) or None
        except StoreError as error:
            if args.store:  # the presenter asked for this store: don't guess
                return _fail([f"podium: cannot keep poll votes: {error}"])
            # A broken default store must not cost the talk: present, count
            # hands in memory, and say loudly that votes are not kept.
            store_warning = f"Poll votes will NOT be saved: {error}"
            print(printable(f"podium: {store_warning}"), file=sys.stderr)
    from tui.terminal import refuse_without_terminal

    # After every problem with the input (deck, theme, --store) is reported.
    refused = (
        refuse_without_terminal("podium", "for scripts use 'podium check' or 'podium vote --choice N'")
        if rehearsal is None
        else refuse_without_terminal("podium rehearse", "'podium rehearse --report' prints the last report")
    )
    if refused is not None:
        if store is not None:
            close_presenter_store(None, store)
        return refused

    from tui.app import make_app
    from tui.mirror.cli import crashed_position, open_mirror
    from tui.themes import ThemeError

    resume_at = crashed_position(deck)  # read before this run publishes its own
    mirror = open_mirror(deck)
    try:
        app = make_app(
            deck,
            theme_name=args.theme,
            store=store,
            how_to_vote=how_to_vote,
            mirror=mirror,
            rehearsal=rehearsal(deck) if rehearsal is not None else None,
        )
    except ThemeError as error:
        mirror.close()
        if store is not None:
            close_presenter_store(None, store)
        return _fail([str(error)])
    app.startup_warning = store_warning
    app.resume_at = resume_at
    from tui.terminal import exit_status, run_app

    quit_signal = None
    try:
        # A quit signal ends the talk as q does: audience views hear "quit".
        quit_signal = run_app(app)
    finally:
        mirror.close(clean=not app.return_code)
        if store is not None:
            close_presenter_store(app, store)
    return exit_status(app, quit_signal)


def _poll_command(name: str) -> Callable[[Sequence[str]], int]:
    """``podium vote`` / ``podium results``, imported only when used."""

    def run(argv: Sequence[str]) -> int:
        from tui.commands import poll_cli

        return getattr(poll_cli, name)(argv)  # type: ignore[no-any-return]

    return run


def rehearse(argv: Sequence[str]) -> int:
    """``podium rehearse [DECK] [--history] [--format ...]``: see :mod:`tui.rehearsal.cli`."""
    from tui.rehearsal.cli import rehearse as run

    return run(argv)


COMMANDS = {
    "check": check,
    "vote": _poll_command("vote"),
    "results": _poll_command("results"),
    "rehearse": rehearse,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``podium`` command; returns the exit status."""
    from tui.terminal import safe_streams

    safe_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        return present(args)
    except KeyboardInterrupt:
        return 130
