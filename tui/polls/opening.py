"""Which vote store a presenter keeps votes in and a voter votes in, opened.

The presenter's store is opened with a short lock wait and announced to
voters (see :mod:`tui.polls.announce`); a voter's store is the one named, the
named deck's, or the one of the presentation running now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.deck.model import Deck
    from tui.polls import announce
    from tui.polls.store import VoteStore

PRESENTER_BUSY_TIMEOUT = 0.5
"""Seconds the presenter waits for another process's write lock (seconds).

The presenter writes on the UI's thread; a store held locked elsewhere must
not freeze the slides for long. A hand vote that cannot be written in time
is reported ("Vote not saved") and not shown, so nothing is lost silently;
voters keep the store's longer default wait.
"""


def open_presenter_store(
    deck: Deck, store_arg: str | None, *, shared: bool = False
) -> tuple[VoteStore, str]:
    """Open the store the presenter keeps votes in and announce it to voters.

    Args:
        deck: The deck presented.
        store_arg: ``--store PATH`` as given, or None for the deck's own
            store in the user's data folder.
        shared: ``--shared-store``: the store's group may vote too (see
            :mod:`tui.polls.access`); else it is private to the presenter.

    Returns:
        The open store, and the command the audience types to vote.

    Raises:
        StoreError: The store cannot be used; the message names the file.
    """
    from tui.polls import announce
    from tui.polls.store import VoteStore, store_path_for_deck

    default = store_path_for_deck(deck.source)
    path = Path(store_arg).expanduser() if store_arg else default
    store = VoteStore.open(path, busy_timeout=PRESENTER_BUSY_TIMEOUT, shared=shared)
    announce.announce(store.path, deck)
    return store, announce.vote_command(store.path, default)


def close_presenter_store(
    store: VoteStore, *, end_polls: Callable[[], object] | None = None
) -> None:
    """Tell voters the presentation is over, withdraw it, close the store.

    Args:
        store: The store from :func:`open_presenter_store`.
        end_polls: Ends the polls on the presenter's side first (the app's
            ``end_polls``), or None if the app never started.
    """
    from tui.polls import announce

    try:
        if end_polls is not None:
            end_polls()
    finally:
        announce.withdraw()
        store.close()


class SeveralTalks(Exception):
    """More than one talk is presented now: the voter must say which.

    Args:
        talks: The talks presented now.
    """

    def __init__(self, talks: Sequence[announce.Presentation]) -> None:
        super().__init__(f"{len(talks)} talks")
        self.talks = list(talks)


def voter_store_path(
    store_arg: str | None, deck_arg: str | None, default_deck: Callable[[], Path]
) -> tuple[Path | None, bool]:
    """Which store to vote in, and whether to follow the live presentation.

    Args:
        store_arg: ``--store PATH`` as given, or None.
        deck_arg: DECK as given, or None.
        default_deck: The deck used when none is named and no talk runs.

    Returns:
        ``(path, follow)``: the store (None when no presentation is
        running and none was named) and whether the view should switch to
        the store of a presentation that starts later.

    Raises:
        SeveralTalks: Two or more talks are presented now and neither a
            deck nor a store was named.
    """
    from tui.polls import announce
    from tui.polls.store import store_path_for_deck

    if store_arg:
        return Path(store_arg).expanduser(), False
    running = announce.live_presentations()
    if deck_arg:
        deck = str(Path(deck_arg).expanduser().resolve())
        for talk in running:
            if talk.deck == deck:  # presented from a --store elsewhere
                return talk.store, False
        return store_path_for_deck(deck_arg), False
    if len(running) > 1:
        raise SeveralTalks(running)
    if running:
        return running[0].store, True
    default = store_path_for_deck(default_deck())
    return (default if default.exists() else None), True
