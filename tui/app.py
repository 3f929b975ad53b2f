"""``PodiumApp``: the Textual application that presents a deck.

Build it with :func:`make_app` (used by the CLI and the tests alike): the
deck is loaded and validated before the app exists, so a bad deck never
reaches the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from tui.deck.model import Deck, Poll
from tui.polls.store import StoreError, VoteStore
from tui.screens.confirm import ConfirmScreen
from tui.screens.presenter import PresenterScreen

DEFAULT_THEME = "ks"
"""Theme used when neither the deck nor the command line names one."""


class PodiumApp(App[None]):
    """Presents one deck.

    Args:
        deck: The validated deck.
        theme: The theme to start with; its name must be unique among
            ``themes``.
        themes: Every theme the palette can switch to (``theme`` included).
        store: Where poll votes are kept, or None to keep them in memory
            (when the store could not be opened; the presenter is told).
        clock: Monotonic seconds, for the elapsed time (injected in tests).
        now: Local wall-clock time (injected in tests).
    """

    CSS_PATH = "app.tcss"
    TITLE = "Podium"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit"),
        Binding("question_mark", "help", "Help", tooltip="Show the keys"),
    ]

    HELP_BINDINGS = [
        Binding("ctrl+p", "command_palette", "Palette", tooltip="Command palette: jump to a slide, switch theme, reset a poll"),
        *BINDINGS,
    ]
    """Keys listed in help besides the presenter screen's own."""

    def __init__(
        self,
        deck: Deck,
        *,
        theme: Theme,
        themes: Iterable[Theme] = (),
        store: VoteStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.store = store
        self._clock = clock
        self._started = clock()
        self.now = now
        self._memory_votes: dict[str, list[str]] = {}
        self._markdown_styles_pushed = False
        self._podium_themes = {each.name for each in (*themes, theme)}
        for each in (*themes, theme):
            self.register_theme(each)
        self.theme = theme.name
        self.title = deck.title or Path(deck.source).name

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def get_default_screen(self) -> Screen:
        return PresenterScreen(self.deck)

    @property
    def presenter(self) -> PresenterScreen:
        """The presenter screen (the app's base screen)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def elapsed(self) -> float:
        """Seconds since the presentation started."""
        return self._clock() - self._started

    def watch_theme(self, theme: str) -> None:
        from tui.render import markdown_styles

        # Rich draws Markdown with the console's styles: derive them anew.
        if self._markdown_styles_pushed:
            self.console.pop_theme()
        self.console.push_theme(markdown_styles(self.get_css_variables()))
        self._markdown_styles_pushed = True
        if self.screen_stack:
            self.presenter.redraw()

    # -- polls ---------------------------------------------------------------

    def poll_totals(self, poll: Poll) -> dict[str, int]:
        """Votes per option of ``poll``, from the store (or memory)."""
        if self.store is not None:
            return self.store.totals(poll.id, poll.options)
        votes = self._memory_votes.get(poll.id, [])
        return {option: votes.count(option) for option in poll.options}

    def cast_vote(self, poll: Poll, option: str) -> bool:
        """Record one anonymous vote; True once it is stored."""
        if self.store is not None:
            try:
                self.store.cast(poll.id, option)
            except StoreError as error:
                self.notify(str(error), title="Vote not saved", severity="error")
                return False
            return True
        self._memory_votes.setdefault(poll.id, []).append(option)
        return True

    def undo_vote(self, poll: Poll) -> bool:
        """Remove the newest key-press vote on ``poll``; True if one was."""
        if self.store is not None:
            return self.store.undo_last(poll.id)
        votes = self._memory_votes.get(poll.id, [])
        if votes:
            votes.pop()
            return True
        return False

    def reset_poll(self, poll: Poll) -> None:
        """Ask, then clear every vote on ``poll``."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if self.store is not None:
                cleared = self.store.reset(poll.id)
            else:
                cleared = len(self._memory_votes.pop(poll.id, []))
            self.notify(f"Cleared {cleared} vote(s) on “{poll.question}”.")
            self.presenter.redraw()

        self.push_screen(
            ConfirmScreen(f"Clear all votes on “{poll.question}”? This cannot be undone."),
            answered,
        )

    # -- palette and help ------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette commands: jump to any slide, switch theme, reset a poll."""
        presenter = self.presenter
        for number, slide in enumerate(self.deck.slides, start=1):
            yield SystemCommand(
                f"Go to slide {number}: {slide.title or '(untitled)'}",
                "Jump to this slide",
                lambda index=number - 1: presenter.jump_to(index),
            )
        for name in sorted(self._podium_themes):
            yield SystemCommand(
                f"Theme: {name}", "Switch the colours", lambda name=name: setattr(self, "theme", name)
            )
        for poll in self.deck.polls:
            yield SystemCommand(
                f"Reset poll: {poll.question}",
                "Clear its votes (asks first)",
                lambda poll=poll: self.reset_poll(poll),
            )
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        """Show every key."""
        self.presenter.action_help()


def make_app(
    deck: Deck,
    *,
    theme_name: str | None = None,
    store: VoteStore | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = datetime.now,
) -> PodiumApp:
    """Build the app for a validated deck: the one factory for CLI and tests.

    Args:
        deck: A deck from :func:`tui.deck.load_deck`.
        theme_name: Theme name or file; defaults to the deck's, else ``ks``.
        store: Vote store for the deck's polls (None keeps votes in memory).
        clock: Monotonic seconds (injected in tests).
        now: Local time (injected in tests).

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.themes import load_all_themes, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    theme = resolve_theme(name, Path(deck.source).parent if deck.source else None)
    return PodiumApp(deck, theme=theme, themes=load_all_themes(), store=store, clock=clock, now=now)
