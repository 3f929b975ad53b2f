"""``PodiumApp``: the Textual application that presents a deck.

Build it with :func:`make_app` (used by the CLI and the tests alike): the
deck is loaded and validated before the app exists, so a bad deck never
reaches the screen. :func:`make_app` also builds the presenting core
(:class:`tui.show.core.Show`) and subscribes the audience views' publisher and the
rehearsal recorder to it; the app keeps only app things (themes, palette,
notifications, the vote-watch timer).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from tui.app_polls import AppPolls
from tui.app_themes import ThemesOnDemand
from tui.deck.model import Deck
from tui.diff_display import DiffDisplay
from tui.i18n import words_for
from tui.i18n.keys import translate_node
from tui.key_display import plain_key_display, use_plain_key_characters
from tui.navigation import Position
from tui.pacing import TalkTimer
from tui.polls.session import PollSession
from tui.quiet_input import QuietInput
from tui.render import MarkdownStyles
from tui.safe_text import one_line
from tui.screens.presenter import PresenterScreen
from tui.screens.presenter_keys import key_for, vote_keys
from tui.screens.safe import KeysInTurn
from tui.show.core import Show
from tui.startup_gc import ReleaseAfterFirstFrame
from tui.terminal import suspend_help
from tui.widgets.plain_notify import PlainNotify

if TYPE_CHECKING:
    from tui.audience.presenter import ResumedTimer
    from tui.audience.publish import Publisher
    from tui.polls.store import VoteStore
    from tui.rehearsal.recorder import Recorder
    from tui.reload.presenter import LiveReload
    from tui.screens.frame_ahead import FrameAhead
    from tui.web.control import PhoneControl

DEFAULT_THEME = "ks"
"""Theme used when neither the deck nor the command line names one."""


REHEARSAL_FLUSH_SECONDS = 10.0
"""How often a running rehearsal saves the slide on screen (crash safety)."""

use_plain_key_characters()  # Textual's screens find "?" without Unicode's name tables


class PodiumApp(
    ReleaseAfterFirstFrame,
    DiffDisplay,
    QuietInput,
    ThemesOnDemand,
    KeysInTurn,
    PlainNotify,
    AppPolls,
    App[None],
):
    """Presents one deck: themes, palette, notifications, the vote watch.

    The presenter's state and its operations live in :class:`Show` (built
    by :func:`make_app`); the app hands it to the presenter screen and
    calls its operations from the palette.

    Args:
        show: The show to present (its deck, state, timer and polls).
        theme: The theme to start with; its name must be unique among
            ``themes``.
        themes: Every theme the palette can switch to (``theme`` included).
        theme_files: More themes the palette offers, by name, each read
            from its file only when first chosen (Podium's own themes: a
            talk starts without reading the ones it does not use).
        now: Local wall-clock time (injected in tests).
        publisher: Publishes each move to audience views, or None.
        rehearsal: Records how long each slide is shown, or None when not
            rehearsing.
        startup_warning: Something the presenter must know before starting
            (shown on mount), or None.
        resume_at: Where to start instead of slide 1 (where the last run of
            this deck stopped unexpectedly, see
            :func:`tui.audience.presenter.crashed_position`), or None.
        reload_theme: ``(--theme,)`` to reload the deck when saved (:mod:`tui.reload`), or None.
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
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            tooltip="Command palette: jump to a slide, switch theme, reset a poll",
        ),
        *BINDINGS,
        suspend_help(),
    ]
    """Keys listed in help besides the presenter screen's own."""

    def __init__(
        self,
        show: Show,
        *,
        theme: Theme,
        themes: Iterable[Theme] = (),
        theme_files: Mapping[str, Path] | None = None,
        now: Callable[[], datetime] = datetime.now,
        publisher: Publisher | None = None,
        rehearsal: Recorder | None = None,
        startup_warning: str | None = None,
        resume_at: Position | None = None,
        reload_theme: tuple[str | None] | None = None,
    ) -> None:
        super().__init__()
        if "NO_COLOR" in os.environ:  # else Textual chose colour, as no-color.org says
            from tui.no_color import apply_no_color  # deferred: NO_COLOR set

            apply_no_color(self)
        self.show = show
        """The presenter's state and operations (the presenting core)."""
        self.publisher = publisher
        self.rehearsal = rehearsal
        self.startup_warning = startup_warning
        """Something the presenter must know before starting (shown on mount)."""
        self.resume_at = resume_at
        """Where the presenter screen started instead of slide 1, or None."""
        self._vote_watch: Timer | None = None
        self._reload_theme = reload_theme
        self.live_reload: LiveReload | None = None  # None: --no-reload
        self.phones: PhoneControl | None = None
        """The phone page (``--serve``, or started from the palette), or None."""
        self.now = now
        self._markdown_styles = MarkdownStyles()
        self.theme_files = dict(theme_files or {})
        self._podium_themes = {each.name for each in (*themes, theme)} | set(self.theme_files)
        for each in (*themes, theme):
            self.register_theme(each)
        self.theme = theme.name
        self.keep_stylesheet()
        self.title = one_line(self.deck.title or Path(self.deck.source).name)
        self.words = words_for(self.deck.lang)
        """The talk's language (the deck's ``lang:``): every screen's words."""
        translate_node(self, self.words)
        show.subscribe(self._show_changed)

    @property
    def deck(self) -> Deck:
        """The deck presented (the show's: a live reload replaces it)."""
        return self.show.deck

    @property
    def timer(self) -> TalkTimer:
        """The talk timer (the show's)."""
        return self.show.timer

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def get_key_display(self, binding: Binding) -> str:
        """Show the vote keys as ``1-N`` for the poll on screen."""
        shown = vote_keys(binding, self.show.poll) if self.screen_stack else ""
        # Plain keys without Textual's Unicode name lookups (see tui.key_display).
        shown = shown or plain_key_display(binding.key, binding.key_display)
        return shown or super().get_key_display(binding)

    def get_default_screen(self) -> Screen:
        return PresenterScreen(
            self.show, now=self.now, help_bindings=self.HELP_BINDINGS, draw_ahead=self._ahead
        )

    draw_ahead = False  # frames drawn ahead in a headless run too (tests)

    def _ahead(self, presenter: PresenterScreen) -> FrameAhead | None:
        """What draws the presenter's next frame while the slide is read (not headless)."""
        if self.is_headless and not self.draw_ahead:
            return None
        from tui.screens.frame_ahead import FrameAhead  # after the first frame

        return FrameAhead(presenter, self.show)

    @property
    def presenter(self) -> PresenterScreen:
        """The presenter screen (the app's base screen)."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def watch_theme(self, theme: str) -> None:
        self._markdown_styles.apply(self.console, self.get_css_variables())
        if self.screen_stack:
            self.show.redraw()

    def on_mount(self) -> None:
        if self.startup_warning:
            self.notify(self.startup_warning, title="Podium", severity="error", timeout=30)
        votes = self.show.polls.session
        if votes.opens_later:  # SQLite once the first slide is up; trouble is told
            votes.on_problem = lambda text, severity: self.notify(
                text, title="Podium", severity=severity, timeout=30
            )
            votes.not_kept = lambda error: self.words("notice.votes_not_saved", error=error)
            self.call_after_refresh(votes.open_now)
        if self.resume_at is not None:  # the presenter screen starts there
            from tui.pacing import resumed_text

            text = resumed_text(self.words, self.resume_at, self.show.timer, key_for)
            self.notify(text, title=self.words("notice.resumed"), timeout=10)
        publisher = self.publisher
        if publisher is not None and publisher.problem is not None:
            self.notify(
                self.words("notice.audience_elsewhere")
                if publisher.elsewhere
                else self.words("notice.audience_not_following", problem=publisher.problem),
                severity="warning",
            )
        if self.rehearsal is not None:
            self.set_interval(REHEARSAL_FLUSH_SECONDS, self.rehearsal.flush)
        if self._reload_theme is not None and self.deck.source:
            self.call_after_refresh(self._start_reload, self._reload_theme[0])
        if self.phones is not None:
            # After the first slide is on screen: importing the server takes a moment.
            self.call_after_refresh(self.phones.start)

    def _start_reload(self, theme_arg: str | None) -> None:
        from tui.reload.presenter import LiveReload  # after the first frame: off the start-up path

        self.live_reload = LiveReload(self, self.show, self.publisher, theme_arg)
        self.live_reload.start()

    def on_unmount(self) -> None:
        if self.live_reload is not None:
            self.live_reload.stop()

    def phone_join(self) -> tuple[str, str] | None:
        """The phone page's ``(join address, short code)`` while it is served, else None."""
        phones = self.phones
        return phones.join_text if phones is not None else None

    # -- palette and help ------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette commands: any slide, themes, polls, phones (see :mod:`tui.app_commands`)."""
        from tui.app_commands import palette_commands

        return palette_commands(self, lambda: super(PodiumApp, self).get_system_commands(screen))

    def action_help(self) -> None:
        """Show every key."""
        self.presenter.action_help()

    def action_command_palette(self) -> None:
        """Open the command palette (one that keys typed together cannot break)."""
        from tui.screens.safe_lists import SafeCommandPalette  # when first opened

        if self.use_command_palette and not SafeCommandPalette.is_open(cast("App[object]", self)):
            prompt, none = self.words("palette.placeholder"), self.words("palette.no_matches")
            self.push_screen(
                SafeCommandPalette(id="--command-palette", placeholder=prompt, no_matches=none)
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Behind the "terminal too small" message only quit and suspend (Ctrl+Z) act."""
        if (
            action not in ("quit", "suspend_process")
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
    open_store: Callable[[], VoteStore] | None = None,
    how_to_vote: str | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = datetime.now,
    publisher: Publisher | None = None,
    rehearsal: Recorder | None = None,
    startup_warning: str | None = None,
    resume_at: Position | None = None,
    resume_timer: ResumedTimer | None = None,
    live_reload: bool = False,
) -> PodiumApp:
    """Build the app for a validated deck: the one factory for CLI and tests.

    Args:
        deck: A deck from :func:`tui.deck.load_deck`.
        theme_name: Theme name or file; defaults to the deck's, else ``ks``.
        store: Vote store for the deck's polls (None keeps votes in memory).
        open_store: Opens the vote store instead, after the first frame (see
            :class:`tui.polls.session.PollSession`); a failure is told.
        how_to_vote: Command the audience types to vote (see
            :func:`tui.polls.announce.vote_command`), or None.
        clock: Monotonic seconds (injected in tests).
        now: Local time (injected in tests).
        publisher: Publishes each move to audience views (None: not published).
        rehearsal: Records slide timings (None: not rehearsing).
        startup_warning: Shown to the presenter on start (e.g. votes are
            not being saved), or None.
        resume_at: Where to start instead of slide 1, or None.
        resume_timer: The talk timer to go on with (a resumed talk), or None.
        live_reload: Show the deck (and its theme) again whenever its file is saved.

    Raises:
        tui.themes.ThemeError: The theme is unknown or its file is bad.
    """
    from tui.themes import available_themes, resolve_theme

    name = theme_name or deck.theme or DEFAULT_THEME
    # Only the theme in use is read now; the others when the palette picks one.
    theme_files = available_themes()
    theme = resolve_theme(name, Path(deck.source).parent if deck.source else None)
    timer = TalkTimer(clock)
    if resume_timer is not None:
        timer.restore(resume_timer.elapsed, resume_timer.origin, running=resume_timer.running)
    show = Show(
        deck,
        timer=timer,
        polls=PollSession(store, how_to_vote=how_to_vote, open_store=open_store),
        start_at=resume_at,
        rehearsing=rehearsal is not None,
    )
    app: PodiumApp | None = None
    if publisher is not None:
        from tui.audience.publish import AfterFrames, follow_show

        observe = follow_show(
            show,
            publisher,
            theme=lambda: app.theme if app is not None else theme.name,
            join=lambda: app.phone_join() if app is not None else None,
        )
        deferred = AfterFrames(
            observe, lambda: app.call_after_refresh if app is not None and app.is_running else None
        )
        publisher.pending = deferred.flush
        show.subscribe(deferred)
    if rehearsal is not None:
        from tui.rehearsal.recorder import follow_show as record_show

        show.subscribe(record_show(rehearsal, show))
    app = PodiumApp(
        show,
        theme=theme,
        theme_files=theme_files,
        now=now,
        publisher=publisher,
        rehearsal=rehearsal,
        startup_warning=startup_warning,
        resume_at=resume_at,
        reload_theme=(theme_name,) if live_reload else None,
    )
    return app
