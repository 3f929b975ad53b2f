"""What the core tells its observers: one :class:`Change` per operation.

A change carries the new state, the old one, what moved (:class:`Flag`) and,
when an operation was refused or has something to say, a :class:`Notice`.
The core words nothing: the presenter screen turns a notice into text (with
the keys from its own bindings). Imports no Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import msgspec

from tui.show.state import ShowState


class Flag(str, Enum):
    """What a change touched (a change may touch several)."""

    START = "start"
    """The show began (the first change: everything is new)."""
    MOVED = "moved"
    """Another slide is on screen."""
    STEP = "step"
    """Another reveal step of the same slide."""
    GOTO = "goto"
    """The go-to prompt opened, closed or got a digit."""
    BLANK = "blank"
    """The screen was blanked or came back."""
    CHART = "chart"
    """A poll's chart was shown or hidden."""
    NOTES = "notes"
    """The notes pane opened or closed, or notes-only mode changed."""
    TIMER = "timer"
    """The talk timer started, paused, resumed or was reset."""
    VOTES = "votes"
    """A poll's counts changed (a hand, an undo, a reset, a restore)."""
    OUTSIDE = "outside"
    """The votes came from another process (``podium vote``, another presenter)."""
    POLL_CLOSED = "poll_closed"
    """The poll on screen was closed or reopened (or is found closed)."""
    REDRAW = "redraw"
    """Nothing in the show changed but its look did (the theme)."""
    DECK = "deck"
    """The deck was replaced (saved while presenting); the place is kept."""


class NoticeKind(str, Enum):
    """Something the presenter is told about an operation."""

    NO_SUCH_SLIDE = "no_such_slide"
    """Go-to a number past the deck (``number``, ``count``)."""
    POLL_CLOSED = "poll_closed"
    """A vote or an undo on a closed poll: nothing counted."""
    VOTE_NOT_SAVED = "vote_not_saved"
    VOTE_NOT_REMOVED = "vote_not_removed"
    POLL_NOT_CHANGED = "poll_not_changed"
    CLOSED = "closed"
    """The poll (``text``: its question) was closed."""
    REOPENED = "reopened"
    POLL_NOT_RESET = "poll_not_reset"
    RESET = "reset"
    """``count`` votes cleared on the poll ``text``."""
    VOTES_NOT_RESTORED = "votes_not_restored"
    RESTORED = "restored"
    """``count`` votes brought back on the poll ``text``."""
    STORE_TROUBLE = "store_trouble"
    """The vote store cannot be read (``text``: why); said once per problem."""
    STORE_RECREATED = "store_recreated"
    """The vote store's file (``text``) was deleted and made again, every vote kept."""
    STORE_REPLACED = "store_replaced"
    """Another file is at the vote store's path (``text``); votes go on into the file open."""
    TIMER_RUNNING = "timer_running"
    TIMER_PAUSED = "timer_paused"
    TIMER_RESET = "timer_reset"


class Notice(msgspec.Struct, frozen=True):
    """Something to tell the presenter (a refusal, an error, a result).

    Attributes:
        kind: What happened.
        text: The poll's question, or the error's text for store errors.
        number: The slide number asked for (go-to).
        count: Votes cleared or restored; slides in the deck (go-to).
    """

    kind: NoticeKind
    text: str = ""
    number: int = 0
    count: int = 0


class Change(msgspec.Struct, frozen=True):
    """One operation's effect, as published to every observer.

    Attributes:
        state: The state after the operation.
        old: The state before it.
        flags: What the operation touched (empty when it only says something).
        notice: Something to tell the presenter, or None.
    """

    state: ShowState
    old: ShowState
    flags: frozenset[Flag]
    notice: Notice | None = None

    def __contains__(self, flag: object) -> bool:
        return flag in self.flags

    @property
    def moved(self) -> bool:
        """Another slide or reveal step is on screen."""
        return self.state.position != self.old.position


Observer = Callable[[Change], None]
"""A subscriber: called once per change, in the order of subscription."""
