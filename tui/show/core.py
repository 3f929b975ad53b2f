"""What happens when the presenter moves: the :class:`Show`.

The show is the one home of the presenter's state (:class:`ShowState`:
position, go-to prompt, blank screen, poll charts shown, notes pane) and of
the talk timer, and the one place its operations live: next, previous,
first, last, go-to, blank, results, notes, timer, and (through
:class:`tui.show.votes.PollDesk`) the polls. Every operation that changes
something publishes ONE :class:`tui.show.events.Change` to the observers,
in the order they subscribed:

1. the timer's auto-start (:func:`start_timer_on_slide_change`, built in);
2. the audience views' publisher (:func:`tui.audience.publish.follow_show`, by ``make_app``);
3. the rehearsal recorder (:func:`tui.rehearsal.recorder.follow_show`, likewise);
4. the app's vote watch and stage (``PodiumApp._show_changed`` in :mod:`tui.app_polls`);
5. the presenter screen (:meth:`tui.screens.presenter.PresenterScreen.on_change`),
   which redraws once, in one screen update.

A keypress that moves to the next slide travels: the key
(:mod:`tui.screens.presenter_keys`) → the screen action
(:class:`tui.screens.navigable.NavigableScreen`) → :meth:`Show.next` here
(the step rules are :mod:`tui.navigation`) → the observers above.
Imports no Textual (nor Rich, nor SQLite until a store is used).
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from tui import navigation
from tui.deck.model import Deck, Poll, ResultsMode
from tui.navigation import Position
from tui.pacing import WALK_IN_ORIGIN, TalkTimer, TimerState
from tui.polls.model import PollResults
from tui.polls.session import PollSession
from tui.show.events import Change, Flag, Notice, NoticeKind, Observer
from tui.show.reading import ShowReading
from tui.show.state import GOTO_MAX_DIGITS, ShowState
from tui.show.votes import Effect, PollDesk

_READS_COUNTS = frozenset(
    {
        Flag.START,
        Flag.MOVED,
        Flag.STEP,
        Flag.CHART,
        Flag.NOTES,
        Flag.VOTES,
        Flag.POLL_CLOSED,
        Flag.REDRAW,
        Flag.DECK,
    }
)
"""Changes after which the counts of the poll on screen are read again."""


def start_timer_on_slide_change(timer: TalkTimer) -> Observer:
    """The observer that starts a ready ``timer`` on the next move to another slide.

    The timer is ready before the talk (on the first slide, the walk-in
    slide), after it was reset (``T``) and in a resumed talk; the notes pane
    then says that the next slide starts it. The talk (and its plan) starts
    at slide 2 (:data:`tui.pacing.WALK_IN_ORIGIN`), as with the timer key
    pressed off the first slide. A move back to the first slide does not
    start it (the walk-in is not the talk), nor does a reload that added
    slides before the one on screen. A paused timer is left alone: only its
    key resumes it.
    """

    def observe(change: Change) -> None:
        if (
            timer.state is TimerState.READY
            and change.state.position.slide != change.old.position.slide
            and change.state.position.slide != 0
            and Flag.DECK not in change.flags  # a reload moved the slide's number: not a move
        ):
            timer.start(WALK_IN_ORIGIN)

    return observe


class Show(ShowReading):
    """A deck being presented: its state, its operations, its observers.

    Args:
        deck: The validated deck.
        timer: The talk timer (started by the next move to a slide other than
            slide 1, or :meth:`toggle_timer`).
        polls: The deck's polls as this presenter runs them.
        start_at: Where to start instead of slide 1 (a resumed talk), or None.
        rehearsing: A rehearsal: the timer starts at once and the notes show.

    Attributes:
        deck: As given.
        timer: As given.
        polls: The poll control (votes, close, reset, the vote store).
        state: The current :class:`ShowState` (replaced, never mutated).
        results: Counts of the poll on screen as last read, or None.
    """

    def __init__(
        self,
        deck: Deck,
        *,
        timer: TalkTimer,
        polls: PollSession,
        start_at: Position | None = None,
        rehearsing: bool = False,
    ) -> None:
        self.deck = deck
        self.timer = timer
        self.polls = PollDesk(polls)
        self.rehearsing = rehearsing
        self.state = ShowState(
            position=start_at or Position(0, 0),
            # Polls with `results: live` start with their chart shown.
            charts_shown=frozenset(p.id for p in deck.polls if p.results is ResultsMode.LIVE),
            notes_shown=rehearsing,
        )
        self.results: PollResults | None = None
        self._observers: list[Observer] = [start_timer_on_slide_change(timer)]

    # -- observers -------------------------------------------------------------

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` with every change from now on.

        Returns:
            A function that unsubscribes it.
        """
        self._observers.append(observer)
        return lambda: self.unsubscribe(observer)

    def unsubscribe(self, observer: Observer) -> None:
        """Stop calling ``observer`` (no error if it was not subscribed)."""
        if observer in self._observers:
            self._observers.remove(observer)

    def _emit(
        self, state: ShowState, flags: frozenset[Flag] | set[Flag], notice: Notice | None = None
    ) -> Change | None:
        """Make ``state`` current and tell every observer, once. None if nothing happened."""
        if state == self.state and not flags and notice is None:
            return None
        change = Change(state, self.state, frozenset(flags), notice)
        self.state = state
        poll = self.poll
        if poll is None:
            self.results = None
        elif change.flags & _READS_COUNTS:
            self.results, trouble = self.polls.read(poll)
            if trouble is not None and notice is None:
                change = replace(change, notice=trouble)
        for observer in list(self._observers):
            observer(change)
        return change

    def _apply(self, effect: Effect) -> Change | None:
        flags, notice = effect
        return self._emit(self.state, flags, notice)

    # -- the show's life -----------------------------------------------------------

    def start(self) -> Change | None:
        """Begin: publish the first state (a rehearsal also starts the timer)."""
        if self.rehearsing:
            # A rehearsal times everything from the first slide on.
            self.timer.start(0)
        return self._emit(self.state, {Flag.START})

    def redraw(self) -> Change | None:
        """Something outside the show changed its look (the theme): publish again."""
        return self._emit(self.state, {Flag.REDRAW})

    def replace_deck(self, deck: Deck) -> Change | None:
        """Present ``deck`` instead (the file was saved): same place, timer and votes.

        Where the presenter lands is :func:`tui.show.replace.carry_state`
        (imported with the first reload: no start needs it).
        """
        from tui.show.replace import carry_state

        old, self.deck = self.deck, deck
        return self._emit(carry_state(old, deck, self.state), {Flag.DECK})

    # -- moving ------------------------------------------------------------------

    def _move(self, target: Position, notice: Notice | None = None) -> Change | None:
        old = self.state
        flags: set[Flag] = set()
        if target.slide != old.position.slide:
            flags.add(Flag.MOVED)
        elif target.step != old.position.step:
            flags.add(Flag.STEP)
        if flags and old.goto_open:
            flags.add(Flag.GOTO)  # any move forgets a half-typed slide number
        if not flags:
            return self._emit(old, set(), notice)
        return self._emit(replace(old, position=target, goto_open=False, typed=""), flags, notice)

    def next(self) -> Change | None:
        """Next reveal step, else the next slide."""
        return self._move(navigation.advance(self.deck, self.state.position))

    def previous(self) -> Change | None:
        """Previous reveal step, else the previous slide fully revealed."""
        return self._move(navigation.retreat(self.deck, self.state.position))

    def first(self) -> Change | None:
        """The first slide."""
        return self._move(navigation.first(self.deck))

    def last(self) -> Change | None:
        """The last slide, fully revealed."""
        return self._move(navigation.last(self.deck))

    def jump(self, index: int) -> Change | None:
        """Slide ``index`` (0-based, as in the overview) from its first step."""
        # An overview opened before a reload may offer a slide the deck no longer has.
        return self._move(Position(min(max(index, 0), len(self.deck.slides) - 1), 0))

    def go_to(self, number: int) -> Change | None:
        """Slide ``number`` (1-based, as shown); a number past the deck is refused.

        Returns:
            The change; with a ``NO_SUCH_SLIDE`` notice when there is no such slide.
        """
        target = navigation.go_to(self.deck, number)
        if target is None:
            count = len(self.deck.slides)
            return self._emit(
                self.state, set(), Notice(NoticeKind.NO_SUCH_SLIDE, number=number, count=count)
            )
        return self._move(target)

    # -- the go-to prompt --------------------------------------------------------

    def open_goto(self) -> Change | None:
        """Open the go-to prompt: digits type a slide number."""
        return self._emit(replace(self.state, goto_open=True, typed=""), {Flag.GOTO})

    def type_digit(self, digit: int) -> Change | None:
        """Add a digit to the slide number in the open go-to prompt."""
        state = self.state
        if not state.goto_open or len(state.typed) >= GOTO_MAX_DIGITS:
            return None
        return self._emit(replace(state, typed=state.typed + str(digit)), {Flag.GOTO})

    def erase_digit(self) -> Change | None:
        """Take back the last digit typed (an empty prompt closes)."""
        if not self.state.typed:
            return self.cancel_goto()
        return self._emit(replace(self.state, typed=self.state.typed[:-1]), {Flag.GOTO})

    def cancel_goto(self) -> Change | None:
        """Close the go-to prompt without moving."""
        if not self.state.goto_open and not self.state.typed:
            return None
        return self._emit(replace(self.state, goto_open=False, typed=""), {Flag.GOTO})

    def confirm_goto(self) -> Change | None:
        """Close the go-to prompt and go to the slide typed (nothing typed: stay).

        Returns:
            The change; with a ``NO_SUCH_SLIDE`` notice when there is no such slide.
        """
        old = self.state
        closed = replace(old, goto_open=False, typed="")
        target = navigation.go_to(self.deck, int(old.typed)) if old.typed else None
        flags = {Flag.GOTO} if closed != old else set()
        if target is None:
            count = len(self.deck.slides)
            notice = (
                Notice(NoticeKind.NO_SUCH_SLIDE, number=int(old.typed), count=count)
                if old.typed
                else None
            )
            return self._emit(closed, flags, notice)
        if target.slide != old.position.slide:
            flags.add(Flag.MOVED)
        elif target.step != old.position.step:
            flags.add(Flag.STEP)
        return self._emit(replace(closed, position=target), flags)

    # -- the screen --------------------------------------------------------------

    def blank(self) -> Change | None:
        """Blank the screen (and the audience views)."""
        if self.state.blank:
            return None
        return self._emit(replace(self.state, blank=True), {Flag.BLANK})

    def unblank(self) -> Change | None:
        """Bring the slide back after :meth:`blank`."""
        if not self.state.blank:
            return None
        return self._emit(replace(self.state, blank=False), {Flag.BLANK})

    def toggle_chart(self) -> Change | None:
        """Show or hide the bar chart of the poll on screen."""
        poll = self.poll
        if poll is None:
            return None
        shown = self.state.charts_shown ^ {poll.id}
        return self._emit(replace(self.state, charts_shown=shown), {Flag.CHART})

    def toggle_notes(self) -> Change | None:
        """Open or close the speaker notes (closing also ends notes-only mode)."""
        shown = not self.state.notes_shown
        only = self.state.notes_only and shown
        return self._emit(replace(self.state, notes_shown=shown, notes_only=only), {Flag.NOTES})

    def toggle_notes_only(self) -> Change | None:
        """Let the notes fill the presenter's screen, or go back to the slide."""
        state = self.state
        if state.notes_only and state.notes_shown:
            new = replace(state, notes_only=False)
        else:
            new = replace(state, notes_only=True, notes_shown=True)
        return self._emit(new, {Flag.NOTES})

    # -- the timer ---------------------------------------------------------------

    def toggle_timer(self) -> Change | None:
        """Start the talk timer, or pause it (for questions), or resume it."""
        self.timer.toggle(self.state.position.slide)
        kind = NoticeKind.TIMER_RUNNING if self.timer.running else NoticeKind.TIMER_PAUSED
        return self._emit(self.state, {Flag.TIMER}, Notice(kind))

    def reset_timer(self) -> Change | None:
        """Set the talk timer back to 0:00 (the next move to a slide, or its key, starts it)."""
        self.timer.reset()
        return self._emit(self.state, {Flag.TIMER}, Notice(NoticeKind.TIMER_RESET))

    # -- the polls (the rules are in tui.show.votes) ----------------------------------

    def vote(self, number: int) -> Change | None:
        """Count one raised hand for option ``number`` (1-based) of the poll on screen."""
        poll = self.poll
        if poll is None:
            return None
        if self.polls.is_closed(poll):
            return self._apply(self.polls.refuse(poll))
        return self._apply(self.polls.vote(poll, number))

    def undo(self) -> Change | None:
        """Take back the last hand counted on the poll on screen."""
        poll = self.poll
        return None if poll is None else self._apply(self.polls.undo(poll))

    def close_poll(self) -> Change | None:
        """Close the poll on screen to new votes."""
        poll = self.poll
        return None if poll is None else self._apply(self.polls.set_closed(poll, True))

    def reopen_poll(self) -> Change | None:
        """Reopen the closed poll on screen."""
        poll = self.poll
        return None if poll is None else self._apply(self.polls.set_closed(poll, False))

    def reset_poll(self, poll: Poll) -> Change | None:
        """Clear every vote on ``poll`` (a backup is kept in the store)."""
        return self._apply(self.polls.reset(poll))

    def restore_poll(self, poll: Poll) -> Change | None:
        """Bring back the votes the last reset of ``poll`` cleared."""
        return self._apply(self.polls.restore(poll))

    def votes_changed(self) -> Change | None:
        """Check for votes from other processes; a change when there were some."""
        return self._apply(self.polls.changed())

    def read_results(self, poll: Poll) -> PollResults:
        """The counts of any ``poll``, read now (empty when the store cannot be read)."""
        return self.polls.read(poll)[0]

    def tell_voters(self) -> Change | None:
        """Tell voters which poll is on screen (a change only to report a store problem)."""
        poll = self.poll
        notice = self.polls.tell_voters(poll, self.chart_shown(poll))
        return None if notice is None else self._emit(self.state, set(), notice)

    def end(self) -> None:
        """Tell voters the presentation is over (call once the app has exited)."""
        self.polls.end()
