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
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from tui.deck.model import Deck, Poll
from tui.navigation import Position
from tui.no_color import apply_no_color
from tui.pacing import TalkTimer
from tui.polls.model import PollResults, VoteRefused
from tui.polls.session import PollSession
from tui.polls.store import StoreError, VoteStore
from tui.render import MarkdownStyles
from tui.safe_text import one_line
from tui.screens.confirm import ConfirmScreen
from tui.screens.presenter import PresenterScreen
from tui.screens.presenter_polls import POLL_CLOSED_MESSAGE
from tui.widgets.plain_notify import PlainNotify
from tui.screens.safe import SafeCommandPalette

if TYPE_CHECKING:
    from tui.mirror.publish import Publisher
    from tui.rehearsal.recorder import Recorder

DEFAULT_THEME = "ks"
"""Theme used when neither the deck nor the command line names one."""

VOTE_CHECK_INTERVAL = 0.25
"""Seconds between checks for votes from other processes, while a poll is on screen."""


class PodiumApp(PlainNotify, App[None]):
    """Presents one deck.

    Args:
        deck: The validated deck.
        theme: The theme to start with; its name must be unique among
            ``themes``.
        themes: Every theme the palette can switch to (``theme`` included).
        store: Where poll votes are kept, or None to keep them in memory
            (tests, decks without polls).
        how_to_vote: The command the audience types to vote, shown on
            poll slides; None when only the presenter's keys count.
        clock: Monotonic seconds, for the elapsed time (injected in tests).
        now: Local wall-clock time (injected in tests).
        mirror: Publishes each move to audience views, or None.
        rehearsal: Records how long each slide is shown, or None when not
            rehearsing.
        startup_warning: Something the presenter must know before starting
            (shown on mount), or None.
        resume_at: Where to start instead of slide 1 (where the last run of
            this deck stopped unexpectedly, see
            :func:`tui.mirror.presenter.crashed_position`), or None.
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
        how_to_vote: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
        mirror: Publisher | None = None,
        rehearsal: Recorder | None = None,
        startup_warning: str | None = None,
        resume_at: Position | None = None,
    ) -> None:
        super().__init__()
        apply_no_color(self)
        self.deck = deck
        self.mirror = mirror
        self.rehearsal = rehearsal
        self.startup_warning = startup_warning
        """Something the presenter must know before starting (shown on mount)."""
        self.resume_at = resume_at
        """Where the presenter screen starts instead of slide 1, or None."""
        self.timer = TalkTimer(clock)
        """The talk timer: started by leaving the first slide or with ``t``."""
        self.polls = PollSession(store, how_to_vote=how_to_vote)
        """The deck's polls as the presenter runs them (votes, stage)."""
        self._vote_watch: Timer | None = None
        self._store_problem = ""
        self.now = now
        self._markdown_styles = MarkdownStyles()
        self._podium_themes = {each.name for each in (*themes, theme)}
        for each in (*themes, theme):
            self.register_theme(each)
        self.theme = theme.name
        self.title = one_line(deck.title or Path(deck.source).name)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def get_key_display(self, binding: Binding) -> str:
        """Show the vote keys as ``1-N`` for the poll on screen."""
        if binding.action.startswith("vote(") and self.screen_stack:
            poll = self.presenter.slide.poll
            if poll is not None:
                return f"1-{len(poll.options)}"
        return super().get_key_display(binding)

    def get_default_screen(self) -> Screen:
        return PresenterScreen(self.deck)

    @property
    def presenter(self) -> PresenterScreen:
        """The presenter screen (the app's base screen)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def watch_theme(self, theme: str) -> None:
        self._markdown_styles.apply(self.console, self.get_css_variables())
        if self.screen_stack:
            self.presenter.redraw()

    # -- polls ---------------------------------------------------------------

    def poll_results(self, poll: Poll) -> PollResults:
        """Counts of ``poll`` from the store (empty, and the presenter told, if unreadable)."""
        try:
            return self.polls.results(poll)
        except StoreError as error:
            self._store_trouble(error)
            return PollResults.empty(poll)

    def poll_totals(self, poll: Poll) -> dict[str, int]:
        """Votes per option text of ``poll``."""
        return self.poll_results(poll).by_text()

    def poll_closed(self, poll: Poll) -> bool:
        """Whether ``poll`` is closed to new votes (cached: cheap for key checks)."""
        try:
            return self.polls.is_closed(poll)
        except StoreError as error:
            self._store_trouble(error)
            return False

    def cast_vote(self, poll: Poll, option: str) -> bool:
        """Count one raised hand for ``option`` (its text); True once it is stored."""
        try:
            self.polls.count_hand(poll, poll.options.index(option))
        except VoteRefused:
            self.poll_refused()
            return False
        except StoreError as error:
            self.notify(str(error), title="Vote not saved", severity="error")
            return False
        return True

    def undo_vote(self, poll: Poll) -> bool:
        """Remove the newest key-press vote on ``poll``; True if one was."""
        try:
            return self.polls.undo(poll)
        except VoteRefused:
            self.poll_refused()
            return False
        except StoreError as error:
            self.notify(str(error), title="Vote not removed", severity="error")
            return False

    def poll_refused(self) -> None:
        """Say that the poll on screen is closed: a hand or an undo changed nothing."""
        # Once while it shows: a burst of keys must not stack a column of toasts.
        if not any(shown.message == POLL_CLOSED_MESSAGE for shown in self._notifications):
            self.notify(POLL_CLOSED_MESSAGE, severity="warning", timeout=3)
        if self.screen_stack:
            # It may have been closed elsewhere: show it closed, with its keys.
            self.presenter.redraw_poll()
            self.presenter.refresh_bindings()

    def set_poll_closed(self, poll: Poll, closed: bool) -> bool:
        """Close ``poll`` to new votes or reopen it; True once stored."""
        try:
            self.polls.set_closed(poll, closed)
        except StoreError as error:
            self.notify(str(error), title="Poll not changed", severity="error")
            return False
        self.notify(
            f"Closed “{poll.question}”: no more votes." if closed else f"Reopened “{poll.question}”.",
            timeout=3,
        )
        return True

    def reset_poll(self, poll: Poll) -> None:
        """Ask, then clear every vote on ``poll`` (kept in the store as a backup)."""
        voters = self.poll_results(poll).voters

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                cleared = self.polls.reset(poll)
            except StoreError as error:
                self.notify(str(error), title="Poll not reset", severity="error")
                return
            self.notify(
                f"Cleared {cleared} vote(s) on “{poll.question}”. A backup is kept: "
                "“Restore cleared votes” in the palette (Ctrl+P) brings them back."
            )
            self.presenter.redraw()

        noun = "vote" if voters == 1 else "votes"
        self.push_screen(
            ConfirmScreen(
                f"Clear all {voters} {noun} on “{poll.question}”? "
                "A backup is kept in the vote store and can be restored from the palette."
            ),
            answered,
        )

    def restore_poll(self, poll: Poll) -> None:
        """Bring back the votes the last reset of ``poll`` cleared."""
        try:
            restored = self.polls.restore(poll)
        except StoreError as error:
            self.notify(str(error), title="Votes not restored", severity="error")
            return
        self.notify(f"Restored {restored} vote(s) on “{poll.question}”.")
        self.presenter.redraw()

    def poll_on_screen(self, poll: Poll | None, revealed: bool) -> None:
        """The presenter's screen now shows ``poll`` (or none).

        Tells voters (after the screen is drawn, so a slide change never
        waits for the disk) and watches the store for their votes while a
        poll is on screen: one cheap check every
        :data:`VOTE_CHECK_INTERVAL` seconds, and no timer at all otherwise.
        """
        self.call_after_refresh(self._publish_stage, poll, revealed)
        if poll is None:
            if self._vote_watch is not None:
                self._vote_watch.pause()
        elif self._vote_watch is None:
            self._vote_watch = self.set_interval(VOTE_CHECK_INTERVAL, self._check_votes)
        else:
            self._vote_watch.resume()

    def end_polls(self) -> None:
        """Tell voters the presentation is over; call when the app has exited."""
        try:
            self.polls.end()
        except StoreError:
            pass  # voters also notice that this process has gone

    def _publish_stage(self, poll: Poll | None, revealed: bool) -> None:
        try:
            self.polls.show(poll, revealed)
        except StoreError as error:
            self._store_trouble(error)

    def _check_votes(self) -> None:
        try:
            changed = self.polls.changed()
        except StoreError as error:
            self._store_trouble(error)
            return
        if changed:
            self._store_problem = ""
            self.presenter.redraw_poll()

    def on_mount(self) -> None:
        if self.startup_warning:
            self.notify(self.startup_warning, title="Podium", severity="error", timeout=30)
        if self.resume_at is not None:  # the presenter screen starts there
            self.notify(
                f"Podium stopped unexpectedly last time; back at slide {self.resume_at.slide + 1}. "
                "Home goes to the start; t starts the timer.",
                title="Resumed",
                timeout=10,
            )

    def _store_trouble(self, error: StoreError) -> None:
        """Tell the presenter about a store problem once, not on every check."""
        if str(error) != self._store_problem:
            self._store_problem = str(error)
            self.notify(str(error), title="Vote store", severity="error", timeout=10)

    # -- palette and help ------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette commands: jump to any slide, switch theme, reset a poll."""
        from textual.markup import escape  # titles are text, never markup

        presenter = self.presenter
        width = len(str(len(self.deck.slides)))
        for number, slide in enumerate(self.deck.slides, start=1):
            # Numbers padded with spaces so the palette's name sort keeps
            # slide order (" 2" sorts before "10").
            yield SystemCommand(
                f"Go to slide {number:>{width}}: {escape(one_line(slide.title) or '(untitled)')}",
                "Jump to this slide",
                lambda index=number - 1: presenter.jump_to(index),
            )
        for name in sorted(self._podium_themes):
            yield SystemCommand(
                f"Theme: {escape(one_line(name))}", "Switch the colours", lambda name=name: setattr(self, "theme", name)
            )
        for poll in self.deck.polls:
            yield SystemCommand(
                f"Reset poll: {escape(one_line(poll.question))}",
                "Clear its votes, keeping a backup (asks first)",
                lambda poll=poll: self.reset_poll(poll),
            )
            try:
                backup = self.polls.store.last_reset(poll.id)
            except StoreError:
                backup = None
            if backup is not None:
                voters, cleared_at = backup
                yield SystemCommand(
                    f"Restore cleared votes: {escape(one_line(poll.question))}",
                    f"Bring back the {voters} vote(s) cleared at "
                    f"{datetime.fromtimestamp(cleared_at):%H:%M:%S}",
                    lambda poll=poll: self.restore_poll(poll),
                )
        for command in super().get_system_commands(screen):
            # Textual's key panel duplicates our help screen (``?``).
            if command.title != "Keys":
                yield command

    def action_help(self) -> None:
        """Show every key."""
        self.presenter.action_help()

    def action_command_palette(self) -> None:
        """Open the command palette (one that keys typed together cannot break)."""
        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Behind the "terminal too small" message only quit acts."""
        if (
            action != "quit"
            and self.screen_stack
            and self.screen is self.presenter
            and getattr(self.presenter, "too_small", False)
        ):
            return False
        return super().check_action(action, parameters)


def make_app(
    deck: Deck,
    *,
    theme_name: str | None = None,
    store: VoteStore | None = None,
    how_to_vote: str | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = datetime.now,
    mirror: Publisher | None = None,
    rehearsal: Recorder | None = None,
    startup_warning: str | None = None,
    resume_at: Position | None = None,
) -> PodiumApp:
    """Build the app for a validated deck: the one factory for CLI and tests.

    Args:
        deck: A deck from :func:`tui.deck.load_deck`.
        theme_name: Theme name or file; defaults to the deck's, else ``ks``.
        store: Vote store for the deck's polls (None keeps votes in memory).
        how_to_vote: Command the audience types to vote (see
            :func:`tui.polls.live.vote_command`), or None.
        clock: Monotonic seconds (injected in tests).
        now: Local time (injected in tests).
        mirror: Publishes each move to audience views (None: not published).
        rehearsal: Records slide timings (None: not rehearsing).
        startup_warning: Shown to the presenter on start (e.g. votes are
            not being saved), or None.
        resume_at: Where to start instead of slide 1, or None.

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.themes import load_all_themes, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    themes = load_all_themes()
    # A bundled theme is already loaded; only a path or a Textual theme needs resolving.
    theme = {each.name: each for each in themes}.get(name) or resolve_theme(
        name, Path(deck.source).parent if deck.source else None
    )
    return PodiumApp(
        deck,
        theme=theme,
        themes=themes,
        store=store,
        how_to_vote=how_to_vote,
        clock=clock,
        now=now,
        mirror=mirror,
        rehearsal=rehearsal,
        startup_warning=startup_warning,
        resume_at=resume_at,
    )
