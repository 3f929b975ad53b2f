"""``VoterApp``: an audience member's full-screen view of the live poll.

It shows the poll on the presenter's screen now (or says it is waiting for
one), takes a choice with the number keys or the arrows and Enter, confirms
it, and lets the voter change it while the poll is open. It follows the
presenter without any network: every :data:`CHECK_INTERVAL` seconds it asks
the store one cheap question (``PRAGMA data_version``) and re-reads only
when another process has written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Footer, Static

from tui.deck.model import Poll
from tui.i18n import Words, words_for
from tui.i18n.keys import translate_node
from tui.no_color import apply_no_color
from tui.polls.model import Ballot, PollResults, Stage, VoteRefused
from tui.polls.store import StoreError, VoteStore
from tui.polls.talks import is_alive
from tui.quiet_input import QuietInput
from tui.safe_text import one_line, printable
from tui.voter import wording
from tui.voter.keys import VOTER_BINDINGS
from tui.widgets.plain_notify import PlainNotify
from tui.widgets.poll_view import PollView

MIN_WIDTH = 30
"""Fewest columns the voter's view needs (a phone-sized SSH window fits)."""
MIN_HEIGHT = 8
"""Fewest rows the voter's view needs: header, question, options and footer."""
CHECK_INTERVAL = 0.25
"""Seconds between checks of the store for what the presenter shows."""

FOLLOW_INTERVAL = 1.0
"""Seconds between looks for a newly started presentation (same user)."""


class VoterApp(PlainNotify, QuietInput, App[None]):
    """One voter's view of the live poll.

    Args:
        voter: Who votes (see :func:`tui.polls.talks.voter_identity`).
        store: The presenter's vote store, or None while no presentation
            can be found (then ``locate`` must be given).
        theme: Colours to use; Textual's default when None.
        locate: Finds the store of the presentation running now (or None);
            when given, the view switches to a presentation that starts
            after it, or to another store the presenter moves to.
        check_interval: Seconds between checks of the store.
    """

    CSS_PATH = "voter.tcss"
    TITLE = "Podium vote"
    ENABLE_COMMAND_PALETTE = False  # a voter needs the poll, not theme switching

    BINDINGS = VOTER_BINDINGS

    def __init__(
        self,
        voter: str,
        store: VoteStore | None,
        *,
        theme: Theme | None = None,
        locate: Callable[[], Path | None] | None = None,
        check_interval: float = CHECK_INTERVAL,
    ) -> None:
        super().__init__()
        apply_no_color(self)
        self.voter = voter
        self.too_small = False
        self.store = store
        self.stage = Stage()
        """What the presenter showed at the last check."""
        self.live = False
        """Whether a presenter is running."""
        self.ballot: Ballot | None = None
        """This voter's vote on the poll shown, as stored."""
        self.results: PollResults | None = None
        self.cursor = 0
        self.marked: set[int] = set()
        self.message = ""
        self._problem = False
        self._locate = locate
        self._interval = check_interval
        self._version: int | None = None
        self._located_at = float("-inf")
        self._keys: tuple[object, ...] | None = None
        self._asked: VoteStore | None = None
        self.words: Words = words_for(None)
        """The talk's language: the last poll's (English until one is seen)."""
        if theme is not None:
            self.register_theme(theme)
            self.theme = theme.name

    @property
    def poll(self) -> Poll | None:
        """The poll on the presenter's screen now, if a presenter runs."""
        return self.stage.poll if self.live else None

    @property
    def voting(self) -> bool:
        """Whether a vote can be cast now (a poll on screen, open)."""
        return self.poll is not None and not self.stage.closed and self.store is not None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Podium's own CSS variables (``$slide-title`` ...) for any theme."""
        from tui.themes import app_variable_defaults

        return app_variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        yield Static(id="voter-too-small", markup=False)
        yield Static(id="voter-who", markup=False)
        with VerticalScroll(id="voter-body", can_focus=False):
            yield Static(id="voter-question", markup=False)
            yield Static(id="voter-help", markup=False)
            yield PollView(id="voter-poll")
            yield Static(id="voter-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._check_size()
        self.reload()
        self.set_interval(self._interval, self.check)

    # -- following the presenter -----------------------------------------------------

    def check(self) -> None:
        """One look at the store: re-read only when something changed."""
        if self._locate is not None and (self.store is None or not self.live):
            self._follow()
        if self.store is None:
            return
        try:
            self.store.follow_file()  # deleted while presenting: the presenter makes it again
            version = self.store.data_version()
        except StoreError as error:
            self._show_problem(str(error))
            return
        alive = is_alive(self.stage.presenter_pid, self.stage.presenter_host)
        if version != self._version or alive != self.live:
            self._version = version
            self.reload()

    def _follow(self) -> None:
        """Switch to the store of a presentation that started since."""
        now = time.monotonic()
        if now - self._located_at < FOLLOW_INTERVAL or self._locate is None:
            return
        self._located_at = now
        path = self._locate()
        if path is None or (self.store is not None and _same_file(path, self.store.path)):
            return
        try:
            store = VoteStore.open(path, create=False)
        except StoreError as error:
            self._show_problem(str(error))
            return
        previous, self.store = self.store, store
        if previous is not None:
            previous.close()
        self._version = None
        self.reload()

    def reload(self) -> None:
        """Read the stage, this voter's ballot and the results; redraw."""
        if self.store is None:
            self._draw()
            return
        previous = self.poll
        try:
            stage = self.store.stage()
            live = is_alive(stage.presenter_pid, stage.presenter_host)
            poll = stage.poll if live else None
            ballot = self.store.ballot(poll.id, self.voter) if poll else None
            results = self.store.results(poll) if poll else None
        except StoreError as error:
            self._show_problem(str(error))
            return
        self.stage, self.live, self.ballot, self.results = stage, live, ballot, results
        self._speak(poll)
        if self._problem:
            self._problem, self.message = False, ""
        if poll is None or previous is None or poll.id != previous.id or poll != previous:
            # A new poll: start from this voter's stored choice, if any.
            self.message = ""
            chosen = self._chosen_indexes()
            self.marked = set(chosen)
            self.cursor = min(chosen) if chosen else 0
        elif not poll.multiple:
            self.marked = set(self._chosen_indexes())
        self._draw()

    def _speak(self, poll: Poll | None) -> None:
        """Speak the talk's language: the poll's, or (waiting) the last poll shown's."""
        if poll is None and self.store is not None and self.store is not self._asked:
            self._asked = self.store  # once per store: the polls shown change rarely
            try:
                known = self.store.known_polls()
            except StoreError:
                known = []
            poll = known[-1] if known else None
        if poll is not None and words_for(poll.lang) is not self.words:
            self.words = words_for(poll.lang)
            translate_node(self, self.words, "voter")
            self._keys = None  # the footer's words changed

    def _chosen_indexes(self) -> list[int]:
        poll = self.poll
        if poll is None or self.ballot is None:
            return []
        ids = poll.ids
        return [ids.index(option) for option in self.ballot.option_ids if option in ids]

    # -- drawing -------------------------------------------------------------

    def _draw(self) -> None:
        if not self.query("#voter-who"):
            return  # quitting: the timer's last look came after the widgets went
        with self.batch_update():
            self._draw_widgets()

    def _draw_widgets(self) -> None:
        words = self.words
        who = words("voter.who", voter=one_line(self.voter))
        self.query_one("#voter-who", Static).update(who)
        question = self.query_one("#voter-question", Static)
        help_line = self.query_one("#voter-help", Static)
        poll = self.poll
        self.set_class(poll is None, "-waiting")
        if poll is None:
            headline, help_text = wording.waiting(self.store is not None and self.live, words)
            question.update(headline)
            help_line.update(help_text)
        else:
            question.update(printable(poll.question))
            help_line.update(wording.how_to_vote(poll, self.stage.closed, words))
            self.query_one(PollView).show(
                poll,
                self.results or PollResults.empty(poll),
                self.stage.revealed,
                hints=None,
                marked=frozenset(self.marked),
                cursor=self.cursor if self.voting else None,
                title=poll.question,  # shown above, in #voter-question
            )
        status = self.query_one("#voter-status", Static)
        status.set_class(self._problem, "-problem")
        status.update(printable(self.message or self._status_text()))
        keys = (poll.id if poll else None, self.voting, poll.multiple if poll else False)
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def _status_text(self) -> str:
        poll = self.poll
        if poll is None:
            return ""
        cast_at = self.ballot.cast_at if self.ballot is not None else None
        closed, marked = self.stage.closed, bool(self.marked)
        return wording.status(poll, self._chosen_indexes(), cast_at, closed, marked, self.words)

    def _show_problem(self, message: str) -> None:
        self._problem, self.message = True, message
        self._draw()

    # -- size ------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int | None = None, height: int | None = None) -> None:
        """Below :data:`MIN_WIDTH` x :data:`MIN_HEIGHT` show only a message and
        let no key act but quit: no vote is sent blind."""
        if width is None or height is None:
            width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small != self.too_small:
            self.too_small = too_small
            self.refresh_bindings()
        self.screen.set_class(too_small, "-too-small")
        if too_small:
            message = wording.too_small(width, height, MIN_WIDTH, MIN_HEIGHT, self.words)
            self.query_one("#voter-too-small", Static).update(message)

    # -- keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Voting keys act only while a poll is open; marking only on multiple choice.

        Behind the "terminal too small" message no key acts but quit.
        """
        if self.too_small:
            return action == "quit"
        poll = self.poll
        if action == "choose":
            return self.voting and poll is not None and int(parameters[0]) <= len(poll.options)  # type: ignore[call-overload]
        if action == "mark":
            return self.voting and poll is not None and poll.multiple
        if action in ("move", "send"):
            return self.voting
        return True

    def action_choose(self, number: int) -> None:
        """Vote for option ``number`` (on a multiple-choice poll: mark it)."""
        poll = self.poll
        if poll is None or not 1 <= number <= len(poll.options):
            return
        self.cursor = number - 1
        if poll.multiple:
            self.marked ^= {number - 1}
            self.message = ""
            self._draw()
        else:
            self._send([number - 1])

    def action_move(self, delta: int) -> None:
        """Move the highlight up or down."""
        poll = self.poll
        if poll is not None:
            self.cursor = (self.cursor + delta) % len(poll.options)
            self._draw()

    def action_mark(self) -> None:
        """Mark or unmark the highlighted option (multiple-choice polls)."""
        self.marked ^= {self.cursor}
        self.message = ""
        self._draw()

    def action_clear(self) -> None:
        """Esc: forget marks not sent yet (back to the vote as stored); never quits."""
        stored = set(self._chosen_indexes())
        if self.poll is not None and self.marked != stored:
            self.marked = stored
            self.message = ""
        else:
            self.message = self.words("voter.press_q")
        self._draw()

    def action_send(self) -> None:
        """Vote for the highlighted option, or the marked ones."""
        poll = self.poll
        if poll is None:
            return
        if not poll.multiple:
            self._send([self.cursor])
        elif self.marked:
            self._send(sorted(self.marked))
        else:
            self.message = self.words("voter.mark_first")
            self._draw()

    def _send(self, indexes: list[int]) -> None:
        poll = self.poll
        if poll is None or self.store is None:
            return
        try:
            self.ballot = self.store.vote(
                poll, [poll.ids[index] for index in indexes], self.voter, audience=True
            )
        except VoteRefused as refused:
            self.message = self.words("voter.not_counted", reason=refused)
            self.reload()
            return
        except (StoreError, ValueError) as error:
            self._show_problem(self.words("voter.not_saved", error=error))
            return
        self._problem, self.message = False, ""
        self.marked = set(indexes)
        try:
            self.results = self.store.results(poll)
        except StoreError:
            pass
        self._draw()

    def close_store(self) -> None:
        """Close the store (after the app has exited)."""
        if self.store is not None:
            self.store.close()


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second
