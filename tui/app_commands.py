"""The presenter's own palette commands: go to any slide, switch theme, reset or
restore a poll, start or stop the phone page. Imported when the palette opens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from textual.app import SystemCommand
from textual.command import CommandPalette

from tui.deck.model import Deck, Poll
from tui.i18n import Words
from tui.polls.store_errors import StoreError
from tui.safe_text import one_line
from tui.show.core import Show


class Presenting(Protocol):
    """What the commands need of the presenter app (:class:`tui.app.PodiumApp`)."""

    show: Show
    words: Words
    _podium_themes: set[str]
    theme: str

    @property
    def deck(self) -> Deck: ...

    @property
    def screen_stack(self) -> list[Any]: ...

    def reset_poll(self, poll: Poll) -> None: ...

    def restore_poll(self, poll: Poll) -> None: ...


def podium_commands(app: Presenting) -> Iterable[SystemCommand]:
    """Podium's commands for ``app``'s palette, in the order listed.

    Args:
        app: The presenter app.

    Returns:
        The commands (titles are text: escaped, never markup).
    """
    from textual.markup import escape  # titles are text, never markup

    show, words = app.show, app.words
    width = len(str(len(app.deck.slides)))
    for number, slide in enumerate(app.deck.slides, start=1):
        # Numbers padded with spaces so the palette's name sort keeps
        # slide order (" 2" sorts before "10").
        title = escape(one_line(slide.title) or words("overview.untitled"))
        yield SystemCommand(
            words("palette.goto", number=f"{number:>{width}}", title=title),
            words("palette.goto.help"),
            lambda index=number - 1: show.jump(index),
        )
    for name in sorted(app._podium_themes):
        yield SystemCommand(
            words("palette.theme", name=escape(one_line(name))),
            words("palette.theme.help"),
            lambda name=name: setattr(app, "theme", name),
        )
    for poll in app.deck.polls:
        question = escape(one_line(poll.question))
        yield SystemCommand(
            words("palette.reset", question=question),
            words("palette.reset.help"),
            lambda poll=poll: app.reset_poll(poll),
        )
        try:
            backup = show.polls.session.store.last_reset(poll.id)
        except StoreError:
            backup = None
        if backup is not None:
            voters, cleared_at = backup
            cleared = f"{datetime.fromtimestamp(cleared_at):%H:%M:%S}"
            yield SystemCommand(
                words("palette.restore", question=question),
                words("palette.restore.help", count=voters, time=cleared),
                lambda poll=poll: app.restore_poll(poll),
            )
    from tui.web.palette import phone_commands  # plain: imports no aiohttp

    yield from phone_commands(app)


_TEXTUAL_COMMANDS = {
    "Quit": "quit",
    "Minimize": "minimize",
    "Maximize": "maximize",
    "Screenshot": "screenshot",
}
"""Textual's own palette commands, by their English title, and their catalogue keys."""

_LEFT_OUT = frozenset({"Keys", "Theme"})
"""Textual's commands Podium has its own of: the key panel (help, ``?``, lists the
keys) and the theme list (Podium's "Theme: NAME" commands list the talk's themes;
Textual's left out paper, contrast and terminal and offered themes made for apps)."""


def textual_commands(commands: Iterable[SystemCommand], words: Words) -> Iterable[SystemCommand]:
    """Textual's palette commands in ``words``' language, its key panel left out.

    Args:
        commands: What ``App.get_system_commands`` yields.
        words: The talk's language.

    Returns:
        The commands, each known one with its title and help in that
        language; those Podium has its own of are left out (:data:`_LEFT_OUT`).
    """
    for command in commands:
        if command.title in _LEFT_OUT:
            continue
        name = _TEXTUAL_COMMANDS.get(command.title)
        if name is not None:
            command = command._replace(
                title=words(f"palette.textual.{name}"), help=words(f"palette.textual.{name}.help")
            )
        yield command


_MADE: WeakKeyDictionary[CommandPalette, list[SystemCommand]] = WeakKeyDictionary()
"""The commands each open palette listed (see :func:`palette_commands`)."""


def palette_commands(
    app: Presenting, textual: Callable[[], Iterable[SystemCommand]]
) -> list[SystemCommand]:
    """Podium's commands, then Textual's (:func:`textual_commands`), for ``app``'s palette.

    Textual asks for them again on every key typed in the palette: while one
    palette is open they are made once (a 1,000-slide deck's took 30 ms to
    make); another opening, or a call with no palette open, makes them anew
    (a poll reset since, the phone page started).

    Args:
        app: The presenter app.
        textual: Textual's own commands (``App.get_system_commands``).
    """
    top = app.screen_stack[-1] if app.screen_stack else None
    palette = top if isinstance(top, CommandPalette) else None
    made = _MADE.get(palette) if palette is not None else None
    if made is None:
        made = [*podium_commands(app), *textual_commands(textual(), app.words)]
        if palette is not None:
            _MADE[palette] = made
    return made
