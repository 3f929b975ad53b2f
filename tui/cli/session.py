"""The one composition root of a presentation: ``podium`` and ``podium rehearse``.

:func:`open_session` opens, in this order, everything a presenter app runs
with: the vote store's place, checked (falling back to votes kept in memory,
with a warning, when the default store is broken; the app opens the store
once its first slide is up, see :class:`tui.polls.opening.PresenterStore`),
a check that there is a terminal, the
position a crashed run stopped at, the audience-view publisher and the rehearsal
recorder. :meth:`Session.run` builds the app with :func:`tui.app.make_app`
from all of it, runs it and closes everything in the right order, clean or
not. Both records are msgspec structs, not dataclasses: quicker to define
on the way to the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from tui.cli.common import BadInput, fail, warn
from tui.exit_codes import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.audience.presenter import ResumedTimer
    from tui.audience.publish import Publisher
    from tui.deck import Deck
    from tui.navigation import Position
    from tui.polls.opening import PresenterStore
    from tui.rehearsal.recorder import Recorder
    from tui.rehearsal.store import RehearsalStore
    from tui.web.control import PhoneSetup


class Options(msgspec.Struct, frozen=True):
    """How a deck is presented, as the command line asked.

    Args:
        command: The command's name in messages (``podium``, ``podium rehearse``).
        no_terminal_hint: What to do instead when there is no terminal.
        theme: ``--theme NAME|PATH``, or None for the deck's own.
        store: ``--store PATH``, or None for the deck's store in the data folder.
        shared_store: ``--shared-store``: the store's group may vote too.
        reload: Show the deck again when its file is saved (not ``--no-reload``).
        phones: ``--serve``: the phone page to serve, or None.
    """

    command: str
    no_terminal_hint: str
    theme: str | None = None
    store: str | None = None
    shared_store: bool = False
    reload: bool = True
    phones: PhoneSetup | None = None


class NotStarted(Exception):
    """The presentation cannot start; why has been printed already.

    Args:
        status: The command's exit status.
    """

    def __init__(self, status: int) -> None:
        super().__init__(f"not started (exit status {status})")
        self.status = status


class Session(msgspec.Struct):
    """Everything one presentation runs with; see :func:`open_session`."""

    deck: Deck
    options: Options
    votes: PresenterStore | None
    """Where poll votes are kept (checked now, opened once the first slide is up); None for
    a deck without polls or a broken default store."""
    how_to_vote: str | None
    """The command the audience types to vote, or None."""
    warning: str | None
    """Shown to the presenter on start (votes not kept, store notes), or None."""
    resume_at: Position | None
    """Where the last run of this deck stopped unexpectedly (a crash, a hang-up
    or a quit signal), or None."""
    publisher: Publisher
    """Publishes each move to audience views."""
    recorder: Recorder | None
    """Times each slide when rehearsing, else None."""
    resume_timer: ResumedTimer | None = None
    """The talk timer of the run :attr:`resume_at` resumes, as it goes on, or None."""

    def make_app(self) -> PodiumApp:
        """The presenter app for this session (:func:`tui.app.make_app`).

        Raises:
            tui.themes.ThemeError: The theme is unknown or its file is bad.
        """
        from tui.app import make_app

        app = make_app(
            self.deck,
            theme_name=self.options.theme,
            open_store=self.votes.open if self.votes is not None else None,
            how_to_vote=self.how_to_vote,
            publisher=self.publisher,
            rehearsal=self.recorder,
            startup_warning=self.warning,
            resume_at=self.resume_at,
            resume_timer=self.resume_timer,
            live_reload=self.options.reload,
        )
        if self.options.phones is not None:
            from tui.web.control import PhoneControl

            app.phones = PhoneControl(app, self.options.phones)
        return app

    def run(self) -> int:
        """Build the app, run it full-screen, then :meth:`close` everything.

        Returns:
            The exit status (see :func:`tui.terminal.exit_status`), or
            :data:`EXIT_BAD_INPUT` when the theme cannot be loaded.
        """
        from tui.terminal import exit_status, run_app
        from tui.themes import ThemeError

        try:
            app = self.make_app()
        except ThemeError as error:
            self.close(None, EXIT_BAD_INPUT)
            return fail([str(error)])
        status: int | None = None
        try:
            # A quit signal ends the talk as q does (audience views hear "quit"),
            # but the next start resumes at the same slide (see close).
            status = exit_status(app, run_app(app))
            return status
        finally:
            self.close(app, status)

    def close(self, app: PodiumApp | None, status: int | None) -> None:
        """Close everything, each step even if one before it fails.

        In order: the audience views (``ended`` for audience views unless the app
        failed, so a crash can resume; after a quit signal marked so that the
        next start resumes too), the vote store (voters told the
        presentation is over), then the rehearsal (finished when the talk
        ended with ``q`` or a quit signal, else saved as interrupted).

        Args:
            app: The app that ran, or None if it was never built.
            status: The exit status, or None when an exception ends the run.
        """
        from tui.terminal import ended_by_signal

        try:
            self.publisher.close(
                clean=app is None or not app.return_code,
                # A hang-up (the SSH connection dropped) or a kill is no choice of
                # the presenter's: the next start resumes, as after a crash.
                resumable=status is not None and ended_by_signal(status),
            )
        finally:
            try:
                if self.votes is not None:
                    self.votes.close(end_polls=app.end_polls if app is not None else None)
            finally:
                if self.recorder is not None:
                    if status is not None and (status == EXIT_OK or ended_by_signal(status)):
                        self.recorder.finish()
                    else:
                        self.recorder.flush()


def _check_votes(
    deck: Deck, options: Options
) -> tuple[PresenterStore | None, str | None, str | None]:
    """The vote store (checked, not opened yet), the vote command and a warning for the presenter.

    Raises:
        BadInput: ``--store`` names a store that cannot be used, or
            ``--shared-store`` comes without ``--store``.
    """
    if options.shared_store and not options.store:
        raise BadInput(
            ["podium: --shared-store needs --store PATH in a folder your group can reach"]
        )
    if not deck.polls:
        return None, None, None
    from tui.polls.opening import check_presenter_store
    from tui.polls.store_errors import StoreError

    try:
        votes = check_presenter_store(deck, options.store, shared=options.shared_store)
    except StoreError as error:
        if options.store:  # the presenter asked for this store: don't guess
            raise BadInput([f"podium: cannot keep poll votes: {error}"]) from None
        # A broken default store must not cost the talk: present, count
        # hands in memory, and say loudly that votes are not kept.
        warn(f"podium: Poll votes will NOT be saved: {error}")
        from tui.i18n import words_for

        return None, None, words_for(deck.lang)("notice.votes_not_saved", error=error)
    return votes, votes.how_to_vote, " ".join(votes.notes) or None


def open_session(
    deck: Deck, options: Options, *, rehearsals: RehearsalStore | None = None
) -> Session:
    """Open everything a presentation of ``deck`` runs with.

    Args:
        deck: The deck, its theme already checked (see
            :func:`tui.cli.common.deck_to_present`).
        options: How to present it.
        rehearsals: Where a rehearsal is saved, or None when not rehearsing.

    Returns:
        The open session; run it with :meth:`Session.run`.

    Raises:
        NotStarted: A store problem (status 2) or no terminal; the message
            is printed and nothing is left open.
    """
    try:
        votes, how_to_vote, warning = _check_votes(deck, options)
    except BadInput as error:
        raise NotStarted(fail(error.lines)) from None
    from tui.terminal import refuse_without_terminal

    # After every problem with the input (deck, theme, --store) is reported.
    refused = refuse_without_terminal(options.command, options.no_terminal_hint)
    if refused is not None:
        raise NotStarted(refused)  # the store was checked, never opened
    from tui.audience.presenter import crashed_run, open_publisher

    resumed = crashed_run(deck)  # read before this run publishes its own
    resume_at, resume_timer = resumed if resumed is not None else (None, None)
    if rehearsals is not None:  # a rehearsal times a run of its own: no talk timer to go on with
        resume_timer = None
    publisher = open_publisher(deck)
    recorder = None
    if rehearsals is not None:
        from tui.rehearsal.recorder import Recorder

        recorder = Recorder(deck, rehearsals)
    return Session(
        deck, options, votes, how_to_vote, warning, resume_at, publisher, recorder, resume_timer
    )
