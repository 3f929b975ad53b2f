"""The presenter screen: draws the show, turns keys into its operations.

The state (position, go-to prompt, blank screen, poll charts, notes pane,
timer, polls) lives in :class:`tui.show.core.Show`, handed to this screen
when it is built. A key runs an action here, which calls one operation of
the show; the show publishes one :class:`tui.show.events.Change` and
:meth:`PresenterScreen.on_change` redraws from it, as one screen update.
Keys are listed in :mod:`tui.screens.presenter_keys` (DESIGN.md's presenter
conventions); navigation actions come from
:class:`tui.screens.navigable.NavigableScreen`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Static

from tui.deck.model import Slide
from tui.i18n import words_for
from tui.i18n.keys import translate_all, translate_node
from tui.navigation import ends
from tui.screens.navigable import NavigableScreen
from tui.screens.notes_host import NotesHost
from tui.screens.presenter_keys import (
    POLL_KEYS,
    PRESENTER_BINDINGS,
    goto_hint,
    key_acts,
    poll_closed_message,
    vote_keys,
    word,
)
from tui.screens.show_actions import ShowActions
from tui.show.core import Show
from tui.show.events import Change, Flag, Notice, NoticeKind
from tui.widgets.slide_view import SlideView
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.widgets.poll_view import PollView


class Ahead(Protocol):
    """What draws the next frame ahead (:class:`tui.screens.frame_ahead.FrameAhead`)."""

    def show_now(self, change: Change) -> bool: ...
    def prepare(self) -> None: ...
    def drop(self) -> None: ...


# Smallest terminal a slide can be read on (cells); below it we say so.
MIN_WIDTH = 40
MIN_HEIGHT = 12

GOTO_HINT_SECONDS = 3.0
"""The hint shows at most once in this long, however fast digits are typed."""

_FULL_DRAW = frozenset(
    {Flag.START, Flag.MOVED, Flag.STEP, Flag.CHART, Flag.NOTES, Flag.REDRAW, Flag.DECK}
)
"""Changes that redraw the slide (a vote from elsewhere redraws the poll alone)."""


class PresenterScreen(ShowActions, NotesHost, NavigableScreen):
    """Shows the deck one slide (and reveal step) at a time.

    Args:
        show: The show to present (its state and operations).
        now: Local wall-clock time, for the notes pane's clock.
        help_bindings: Keys of the app, listed in help after the screen's own.
        draw_ahead: Builds what draws the next frame while the slide is read
            (None: every frame drawn when its key comes).
    """

    BINDINGS = PRESENTER_BINDINGS
    navigator: Show
    _ahead: Ahead | None = None

    def __init__(
        self,
        show: Show,
        *,
        now: Callable[[], datetime] = datetime.now,
        help_bindings: Sequence[BindingType] = (),
        draw_ahead: Callable[[PresenterScreen], Ahead | None] | None = None,
    ) -> None:
        super().__init__()
        self._make_ahead = draw_ahead
        self.show = show
        self.navigator = show
        self.deck = show.deck
        self._now = now
        self._help_bindings = list(help_bindings)
        self._poll_keys_shown = 0  # options of the poll whose keys the footer shows
        self._poll_keys: tuple[str, bool] | None = (
            None  # the poll and whether it was closed, as drawn
        )
        self._ends = ends(self.deck, show.state.position)  # as the key line shows them
        self.too_small = False
        """The terminal is below MIN_WIDTH x MIN_HEIGHT: only the size message shows."""
        self._hint_at = float("-inf")  # when the go-to hint was last shown (monotonic seconds)
        self._unsubscribe: Callable[[], None] | None = None
        self.words = words_for(show.deck.lang)
        """The talk's language (the deck's ``lang:``)."""
        translate_node(self, self.words)

    @property
    def slide(self) -> Slide:
        """The slide on screen."""
        return self.deck.slides[self.show.state.position.slide]

    def compose(self) -> ComposeResult:
        with Horizontal(id="stage"):
            # In the first slide's layout from the start (no restyle); notes join when shown.
            # Parts this slide does not show come after the first frame.
            yield SlideView(
                id="slide",
                classes=f"-layout-{self.slide.layout.value}",
                first=self.slide,
                deck=self.deck,
            )
        if self._below_minimum():  # else built when the terminal first gets that small
            yield Static(id="too-small", markup=False)
        yield StatusBar(id="status")

    starts_show = True
    """Start the show when mounted (not a screen that only draws ahead)."""

    def on_mount(self) -> None:
        self._unsubscribe = self.show.subscribe(self.on_change)
        # Whether the slide is taller than the screen is known once its body
        # is laid out, after the change is drawn: "more" follows the layout
        # (once the layout pass is over: the container's size is set after this).
        try:
            scroll = self.query_one("#slide-scroll")
        except NoMatches:
            pass  # the app quit while it was built
        else:
            self.watch(
                scroll, "virtual_size", lambda: self.call_next(self._draw_status), init=False
            )
        if self.starts_show:
            self._check_size()
            self.show.start()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    # -- drawing -------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """Redraw what ``change`` touched, as one screen update; say its notice."""
        if change.notice is not None:
            self._say(change.notice)
        flags = change.flags
        if not flags:
            return  # nothing drawn changed: a frame drawn ahead still holds
        if self._ahead is not None:
            # The frame drawn ahead for this move goes out now; the screen's
            # own frame of the same change then finds nothing left to send.
            self._ahead.show_now(change)
        if self._make_ahead is not None:
            self.call_after_refresh(self._draw_ahead)
        state = change.state
        with self.app.batch_update():
            if Flag.DECK in flags:  # the deck file was saved: draw the new deck
                self.deck = self.show.deck
                for pane in self._notes_panes():  # none until first shown
                    pane.set_deck(self.deck)
                for screen in self.app.screen_stack:  # an overview open lists the new slides
                    follow = getattr(screen, "follow_deck", None)
                    if callable(follow):
                        follow(self.deck, state.position.slide)
            if Flag.START in flags or Flag.NOTES in flags:
                self._show_notes(state)
            if flags & _FULL_DRAW or (Flag.VOTES in flags and Flag.OUTSIDE not in flags):
                self._draw()
            elif flags & {Flag.VOTES, Flag.POLL_CLOSED}:
                self._draw_poll()
            elif Flag.GOTO in flags:
                self._draw_status()
            elif Flag.TIMER in flags and state.notes_shown:
                self._notes().refresh_clock()
            at = ends(self.deck, state.position)
            if (
                Flag.POLL_CLOSED in flags
                or state.goto_open != change.old.goto_open
                or at != self._ends
            ):
                self._ends = at  # at an end of the deck → or ← has nowhere to go
                self.refresh_bindings()  # the keys change meaning; the footer says so
        if Flag.BLANK in flags and state.blank:
            from tui.screens.blank import BlankScreen  # not needed for the first slide

            self.app.push_screen(BlankScreen())

    def _draw_ahead(self) -> None:
        """Draw what the next key will show, now that this frame is out."""
        if self._ahead is None and self._make_ahead is not None:
            self._ahead = self._make_ahead(self)
        if self._ahead is not None:
            self._ahead.prepare()

    def _say(self, notice: Notice) -> None:
        message, options = word(notice, self.words)
        if notice.kind is NoticeKind.POLL_CLOSED and any(
            # Once while it shows: a burst of keys must not stack a column of toasts.
            shown.message == poll_closed_message(self.words)
            for shown in self.app._notifications
        ):
            return
        from tui.screens.toast_frame import notify_in_frame  # deferred: the first notice

        notify_in_frame(self, message, **options)  # with the change it is about

    def _draw(self) -> None:
        """Push the show's state into the widgets."""
        show, slide = self.show, self.slide
        position = show.state.position
        self.query_one(SlideView).show(
            slide,
            position.step,
            show.results,
            show.chart_shown(slide.poll),
            poll_hints=POLL_KEYS,
            deck=self.deck,
        )
        if show.state.notes_shown:
            notes = self._notes()
            notes.show(position.slide, position.step)
            notes.refresh_clock()
        self._draw_status()
        footer_keys = len(slide.poll.options) if slide.poll is not None else 0
        if footer_keys != self._poll_keys_shown:
            # The footer rebuilds itself on this: only when its keys change.
            self._poll_keys_shown = footer_keys
            self.refresh_bindings()
        self._check_poll_keys()
        self.call_after_refresh(self._draw_status)

    def _draw_poll(self) -> None:
        """Redraw the poll on screen alone (votes or closing from elsewhere)."""
        show = self.show
        poll = show.poll
        if poll is None or show.results is None:
            return
        views = self.query("#slide-poll")
        if not views:  # still being mounted: drawn with the latest votes once it is
            return
        cast("PollView", views.first()).show(
            poll, show.results, show.chart_shown(poll), hints=POLL_KEYS, title=self.slide.title
        )
        self._check_poll_keys()

    def _check_poll_keys(self) -> None:
        """Refresh the footer when the poll on screen went from open to closed (or back)."""
        poll = self.show.poll
        keys = (poll.id, self.show.poll_closed()) if poll is not None else None
        last, self._poll_keys = self._poll_keys, keys
        if keys is not None and last is not None and keys[1] != last[1]:
            self.refresh_bindings()

    def _draw_status(self) -> None:
        scroll = self.query_one("#slide-scroll")
        more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
        state = self.show.state
        self.query_one(StatusBar).show(
            state.position.slide + 1,
            len(self.deck.slides),
            step=(state.position.step, self.slide.steps),
            pending=state.typed,
            more=more,
            prompt=state.goto_open,
        )

    def on_resize(self, event: events.Resize) -> None:
        if self._ahead is not None:
            self._ahead.drop()  # drawn for another size
        self._check_size()
        self.call_after_refresh(self._draw_status)

    def _below_minimum(self) -> bool:
        width, height = self.app.size
        return width < MIN_WIDTH or height < MIN_HEIGHT

    def _too_small_message(self) -> Static:
        """The "terminal too small" message (built the first time it is needed)."""
        for message in self.query("#too-small").results(Static):
            return message
        message = Static(id="too-small", markup=False)
        self.mount(message, before=self.query_one(StatusBar))
        return message

    def _check_size(self) -> None:
        width, height = self.app.size
        too_small = self._below_minimum()
        if too_small != self.too_small:
            self.too_small = too_small
            self.show.cancel_goto()
            self.refresh_bindings()
        self.set_class(too_small, "-too-small")
        # Not while the app closes (nothing can be mounted then; a resize may
        # still arrive) nor before the screen is in the app (its mount checks).
        if too_small and self.is_attached:
            self._too_small_message().update(
                self.words(
                    "screen.too_small",
                    width=width,
                    height=height,
                    min_width=MIN_WIDTH,
                    min_height=MIN_HEIGHT,
                )
            )

    def on_screen_resume(self) -> None:
        if self.show.state.blank:  # the blank screen was dismissed
            self.show.unblank()

    # -- which keys act now ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enable only the keys that act on the slide on screen (see :func:`key_acts`)."""
        show = self.show
        return key_acts(
            action,
            parameters,
            too_small=self.too_small,
            goto_open=show.state.goto_open,
            poll=show.poll,
            closed=show.poll_closed,
            ends=ends(self.deck, show.state.position),
        )

    def key_display(self, binding: Binding) -> str:
        """How the key line shows ``binding``: the vote keys as ``1-N`` for this screen's poll."""
        return vote_keys(binding, self.show.poll) or self.app.get_key_display(binding)

    # -- actions (each calls one operation of the show) ----------------------------

    def action_enter(self) -> None:
        """In the go-to prompt: go to the typed slide. Otherwise: next step or slide."""
        if self.show.state.goto_open:
            self.show.confirm_goto()
        else:
            self.show.next()

    def action_goto_hint(self) -> None:
        """A bare digit on a slide without a poll: say how to go to a slide."""
        now = time.monotonic()
        if now - self._hint_at >= GOTO_HINT_SECONDS:
            self._hint_at = now
            self.notify(goto_hint(self.words), timeout=GOTO_HINT_SECONDS)

    def action_scroll(self, direction: int) -> None:
        """Scroll a slide that is taller than the screen (the notes, in notes-only mode)."""
        state = self.show.state
        if state.notes_only and state.notes_shown:
            self.action_scroll_notes(direction)
            return
        self.query_one("#slide-scroll").scroll_relative(y=direction * 3, animate=False)
        self.call_after_refresh(self._draw_status)

    def action_scroll_notes(self, direction: int) -> None:
        """Scroll long speaker notes (the pane must be open)."""
        if self.show.state.notes_shown:
            for scroll in self.query("#notes-scroll"):  # none until the pane is built
                scroll.scroll_relative(y=direction * 3, animate=False)

    def action_reset_timer(self) -> None:
        """Ask, then set the talk timer back to 0:00."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.show.reset_timer()

        from tui.screens.confirm import ConfirmScreen  # not needed for the first slide

        self.app.push_screen(ConfirmScreen(self.words("confirm.reset_timer")), answered)

    def action_help(self) -> None:
        """Show every key."""
        bindings = translate_all([*self.BINDINGS, *self._help_bindings], self.words)
        from tui.screens.help import HelpScreen, help_rows  # not needed for the first slide

        self.app.push_screen(HelpScreen(help_rows(bindings, self.app.get_key_display)))
