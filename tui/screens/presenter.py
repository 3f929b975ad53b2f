"""The presenter screen: the slide, the notes pane, the status bar, the keys.

This screen owns the navigation state (position, typed slide number, which
poll results are shown) and pushes it down into its widgets; the widgets only
draw. Keys follow DESIGN.md's presenter conventions.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Static

from tui import navigation
from tui.deck.model import Deck, ResultsMode, Slide
from tui.navigation import Position
from tui.screens.blank import BlankScreen
from tui.screens.help import HelpScreen, help_rows
from tui.screens.overview import OverviewScreen
from tui.screens.presenter_polls import POLL_ACTIONS, POLL_BINDINGS, PresenterPolls
from tui.screens.presenter_tools import TOOL_BINDINGS, PresenterTools
from tui.widgets.notes_pane import NotesPane
from tui.widgets.slide_view import SlideView
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.polls.model import PollResults

# Smallest terminal a slide can be read on (cells); below it we say so.
MIN_WIDTH = 40
MIN_HEIGHT = 12


GOTO_HINT = "Press : then the slide number and Enter to go to a slide."
"""What a bare digit on a slide without a poll says (digits vote on poll slides)."""

GOTO_HINT_SECONDS = 3.0
"""The hint shows at most once in this long, however fast digits are typed."""


def _digit_bindings() -> list[Binding]:
    """The digit keys: they type the slide number while the go-to prompt
    (``:``) is open, else vote on a poll slide, else show how to go to a slide.

    All share keys; ``check_action`` enables exactly one of them at a time
    (Textual tries a key's bindings in order and runs the first enabled one).
    """
    digits = [
        Binding(str(n), f"digit({n})", "", show=False, key_display="0-9")
        for n in range(10)
    ]
    votes = [
        Binding(str(n), f"vote({n})", "Vote", show=n == 1, key_display="1-9", tooltip="Vote for option N (poll slides)")
        for n in range(1, 10)
    ]
    hints = [Binding(str(n), "goto_hint", "", show=False) for n in range(10)]
    return digits + votes + hints


class PresenterScreen(PresenterTools, PresenterPolls, Screen[None]):
    """Shows the deck one slide (and reveal step) at a time.

    Args:
        deck: The validated deck to present.
    """

    BINDINGS = [
        Binding("right,space,pagedown,l,n", "next", "Next", tooltip="Next step or slide"),
        Binding("enter", "enter", "Next", show=False, tooltip="Next step or slide; in the go-to prompt: go"),
        Binding("colon", "goto", "Go to", tooltip="Go to slide N: press :, the number, Enter (Esc cancels)"),
        Binding("left,pageup,backspace,h,p", "previous", "Back", tooltip="Previous step or slide"),
        Binding("home,g", "first", "First", show=False, tooltip="First slide"),
        Binding("end,G", "last", "Last", show=False, tooltip="Last slide"),
        Binding("escape", "cancel_number", "Cancel", show=False, tooltip="Close the go-to prompt"),
        Binding("down,j", "scroll(1)", "Scroll", show=False, tooltip="Scroll a long slide down (the notes, in notes-only mode)"),
        Binding("up,k", "scroll(-1)", "Scroll", show=False, tooltip="Scroll a long slide up (the notes, in notes-only mode)"),
        Binding("o", "overview", "Overview", tooltip="Overview: jump to a slide by title"),
        Binding("s", "toggle_notes", "Notes", tooltip="Show or hide the speaker notes"),
        Binding("b", "blank", "Blank", show=False, tooltip="Blank the screen (any key returns)"),
        *_digit_bindings(),
        Binding("r", "toggle_results", "Results", tooltip="Show or hide the poll results"),
        Binding("u", "undo_vote", "Undo vote", show=False, tooltip="Take back the last counted vote"),
        *POLL_BINDINGS,
        *TOOL_BINDINGS,
        # Checked before "previous" (priority) but listed last, so the footer
        # still shows ← for Back; acts only while the go-to prompt is open.
        Binding("backspace", "erase_digit", "", show=False, priority=True),
    ]

    # State is held in `var`s, not `reactive`s: a reactive on the screen
    # repaints the whole screen on every change, which costs bytes over SSH.
    position: var[Position] = var(Position(0, 0), init=False)
    """The slide and reveal step on screen."""

    pending: var[str] = var("", init=False)
    """Digits typed in the go-to prompt, waiting for Enter."""

    goto_open: var[bool] = var(False, init=False)
    """Whether the go-to prompt (``:``) is open: digits type a slide number."""

    notes_shown: var[bool] = var(False, init=False)
    """Whether the speaker notes pane is open."""

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck
        # Polls with `results: live` start with their chart shown.
        self._results_shown: set[str] = {
            poll.id for poll in deck.polls if poll.results is ResultsMode.LIVE
        }
        self._poll_keys_shown = 0  # options of the poll whose keys the footer shows
        self._poll_results: PollResults | None = None  # counts of the poll on screen, as drawn
        self.too_small = False
        """The terminal is below MIN_WIDTH x MIN_HEIGHT: only the size message shows."""
        self._hint_at = float("-inf")  # when the go-to hint was last shown (monotonic seconds)

    @property
    def podium(self) -> PodiumApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def slide(self) -> Slide:
        """The slide on screen."""
        return self.deck.slides[self.position.slide]

    def compose(self) -> ComposeResult:
        app = self.podium
        with Horizontal(id="stage"):
            yield SlideView(id="slide")
            yield NotesPane(app.timer, self.deck, app.now, id="notes")
        yield Static(id="too-small", markup=False)
        yield StatusBar(id="status")

    def on_mount(self) -> None:
        if self.podium.resume_at is not None:
            self.set_reactive(PresenterScreen.position, self.podium.resume_at)
        self._check_size()
        self._draw()

    # -- drawing -------------------------------------------------------------

    def _draw(self) -> None:
        """Push the current state into the widgets, as one screen update."""
        with self.app.batch_update():
            self._draw_widgets()
            self.tools_sync()
            self.polls_sync()

    def _draw_widgets(self) -> None:
        slide = self.slide
        totals = None
        if slide.poll is not None:
            totals = self.podium.poll_results(slide.poll)
        self._poll_results = totals  # published to audience views without a second read
        self.query_one(SlideView).show(
            slide,
            self.position.step,
            totals,
            slide.poll is not None and slide.poll.id in self._results_shown,
        )
        if self.notes_shown:
            self.query_one(NotesPane).show(self.position.slide, self.position.step)
        self._draw_status()
        footer_keys = len(slide.poll.options) if slide.poll is not None else 0
        if footer_keys != self._poll_keys_shown:
            # The footer rebuilds itself on this: only when its keys change.
            self._poll_keys_shown = footer_keys
            self.refresh_bindings()
        self.call_after_refresh(self._draw_status)

    def _draw_status(self) -> None:
        scroll = self.query_one("#slide-scroll")
        more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
        self.query_one(StatusBar).show(
            self.position.slide + 1,
            len(self.deck.slides),
            pending=self.pending,
            more=more,
            prompt=self.goto_open,
        )

    def watch_position(self) -> None:
        self._close_goto()  # any move forgets a half-typed slide number
        self._draw()

    def watch_pending(self) -> None:
        self._draw_status()

    def watch_goto_open(self) -> None:
        self._draw_status()
        self.refresh_bindings()  # the digits change meaning; the footer says so

    def _close_goto(self) -> None:
        self.pending = ""
        self.goto_open = False

    def watch_notes_shown(self, shown: bool) -> None:
        self.set_class(shown, "-notes-shown")
        self.query_one(NotesPane).set_shown(shown)
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size()
        self.call_after_refresh(self._draw_status)

    def _check_size(self) -> None:
        width, height = self.app.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small != self.too_small:
            self.too_small = too_small
            self._close_goto()
            self.refresh_bindings()
        self.set_class(too_small, "-too-small")
        if too_small:
            self.query_one("#too-small", Static).update(
                f"Podium needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT} cells; "
                f"this one is {width}x{height}. Enlarge it to continue."
            )

    # -- which keys act now ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enable only the keys that act on the slide on screen.

        Behind the "terminal too small" message no key acts but quit.
        """
        if self.too_small:
            return False
        poll = self.slide.poll
        if action in ("digit", "erase_digit"):
            return self.goto_open
        if action == "goto_hint":
            return poll is None and not self.goto_open
        if action == "vote":
            return (
                not self.goto_open
                and poll is not None
                and int(parameters[0]) <= len(poll.options)  # type: ignore[call-overload]
                and not self.podium.poll_closed(poll)
            )
        if action in POLL_ACTIONS:
            if action == "refuse_vote" and self.goto_open:
                return False  # the digits type the slide number
            return self.poll_action_enabled(action, parameters)
        if action in ("toggle_results", "undo_vote"):
            return poll is not None
        if action == "cancel_number":
            return self.goto_open
        return True

    # -- actions -------------------------------------------------------------

    def action_next(self) -> None:
        """Next reveal step, else next slide."""
        self.position = navigation.advance(self.deck, self.position)

    def action_previous(self) -> None:
        """Previous reveal step, else previous slide."""
        self.position = navigation.retreat(self.deck, self.position)

    def action_first(self) -> None:
        """First slide."""
        self.position = navigation.first(self.deck)

    def action_last(self) -> None:
        """Last slide, fully revealed."""
        self.position = navigation.last(self.deck)

    def action_goto(self) -> None:
        """Open the go-to prompt: digits type a slide number, Enter goes, Esc cancels."""
        self.pending = ""
        self.goto_open = True

    def action_digit(self, digit: int) -> None:
        """Add a digit to the slide number in the go-to prompt."""
        if self.goto_open and len(self.pending) < 6:
            self.pending += str(digit)

    def action_erase_digit(self) -> None:
        """Take back the last digit typed in the go-to prompt (an empty prompt closes)."""
        if self.pending:
            self.pending = self.pending[:-1]
        else:
            self._close_goto()

    def action_goto_hint(self) -> None:
        """A bare digit on a slide without a poll: say how to go to a slide."""
        now = time.monotonic()
        if now - self._hint_at >= GOTO_HINT_SECONDS:
            self._hint_at = now
            self.notify(GOTO_HINT, timeout=GOTO_HINT_SECONDS)

    def action_cancel_number(self) -> None:
        """Close the go-to prompt without moving."""
        self._close_goto()

    def action_enter(self) -> None:
        """In the go-to prompt: go to the typed slide. Otherwise: next step or slide."""
        if not self.goto_open:
            self.action_next()
            return
        typed = self.pending
        self._close_goto()
        if not typed:
            return
        number = int(typed)
        target = navigation.go_to(self.deck, number)
        if target is None:
            self.notify(f"There is no slide {number}; the deck has {len(self.deck.slides)}.", severity="warning")
        else:
            self.position = target

    def jump_to(self, index: int) -> None:
        """Show slide ``index`` (0-based) from its first step."""
        self.position = Position(index, 0)

    def action_scroll(self, direction: int) -> None:
        """Scroll a slide that is taller than the screen (the notes, in notes-only mode)."""
        if self._notes_only and self.notes_shown:
            self.action_scroll_notes(direction)
            return
        scroll = self.query_one("#slide-scroll")
        scroll.scroll_relative(y=direction * 3, animate=False)
        self.call_after_refresh(self._draw_status)

    def action_overview(self) -> None:
        """Open the overview and jump to the slide chosen there."""

        def chosen(index: int | None) -> None:
            if index is not None:
                self.jump_to(index)

        self.app.push_screen(OverviewScreen(self.deck, self.position.slide), chosen)

    def action_toggle_notes(self) -> None:
        """Show or hide the speaker notes pane."""
        self.notes_shown = not self.notes_shown

    def action_blank(self) -> None:
        """Blank the screen until any key."""
        self.app.push_screen(BlankScreen())

    def action_help(self) -> None:
        """Show every key."""
        bindings = list(self.BINDINGS) + list(self.podium.HELP_BINDINGS)
        self.app.push_screen(HelpScreen(help_rows(bindings, self.app.get_key_display)))  # type: ignore[arg-type]

    def action_vote(self, number: int) -> None:
        """Count one vote (a raised hand) for option ``number`` (1-based)."""
        poll = self.slide.poll
        if poll is None or not 1 <= number <= len(poll.options):
            return
        if self.podium.cast_vote(poll, poll.options[number - 1]):
            self._draw()

    def action_undo_vote(self) -> None:
        """Take back the last vote counted with a key on this poll."""
        poll = self.slide.poll
        if poll is not None and self.podium.undo_vote(poll):
            self._draw()

    def action_toggle_results(self) -> None:
        """Show or hide the bar chart of the poll on screen."""
        poll = self.slide.poll
        if poll is None:
            return
        self._results_shown ^= {poll.id}
        self._draw()

    def redraw(self) -> None:
        """Redraw after something outside this screen changed (theme, votes)."""
        if self.is_mounted:
            self._draw()
