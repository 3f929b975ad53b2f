"""What the presenter publishes, and where: one JSON file per deck.

The presenter writes its position with :class:`~tui.audience.publish.Publisher`
by replacing ``<key>.json`` atomically (write a temporary file, then
``os.replace``), so a reader sees the old state or the new one, never half of
one. While it runs it holds an exclusive ``flock`` on ``<key>.lock``
(:mod:`tui.locks`); the kernel drops the lock when the process ends in any
way (quit, crash, ``kill -9``), which is how audience views tell a live
presenter from a gone one without a heartbeat. Both files live in ``audience/``
under the user data folder, private to the user (mode 0700); ``<key>`` is
:func:`tui.paths.deck_key`. Imports no Textual.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

from tui.locks import is_held
from tui.paths import deck_key, user_data_dir

__all__ = [
    "STATE_VERSION",
    "PresenterState",
    "TimerRecord",
    "deck_copy_path",
    "deck_key",
    "encode",
    "live_dir",
    "live_presenters",
    "lock_path",
    "presenter_alive",
    "read_state",
    "state_path",
]

STATE_VERSION = 1
"""Bumped when the state's fields change incompatibly."""


class TimerRecord(msgspec.Struct, frozen=True):
    """The talk timer as the presenter last published it (none while it waits to start).

    Attributes:
        running: Counting (else paused).
        elapsed: Seconds counted when it was read (pauses left out).
        origin: 0-based slide the talk's plan starts from.
        at: When it was read: Unix time, seconds (a running timer has
            counted ``elapsed + (now - at)`` seconds by ``now``).
    """

    running: bool
    elapsed: float
    origin: int
    at: float


class PresenterState(msgspec.Struct, kw_only=True):
    """Where the presenter is, as audience views need it.

    Attributes:
        deck: Absolute path of the deck being presented.
        session: Random id of this presenter run (changes on restart).
        pid: Process id of the presenter, for messages.
        seq: Increases with every published change.
        slide: 0-based slide on screen.
        step: Reveal steps shown.
        blank: The presenter blanked the screen.
        chart: The bar chart of the slide's poll is shown.
        totals: Votes per option of that slide's poll, or None.
        voters: Distinct voters of that poll (percentages are of them;
            with ``multiple: true`` fewer than the votes), or None: the
            sum of ``totals``.
        closed: That poll is closed to new votes.
        theme: The presenter's theme name, or None.
        how_to_vote: The command the audience types to vote, shown on poll
            slides (the projector is where the audience reads it), or None.
        join_url: The phone page's join address (``podium --serve``), shown
            with its QR code beside poll options, or None.
        join_code: The phone page's short code, or None.
        ended: The presenter quit (a crash leaves this False).
        resumable: The presenter was ended by a signal (a hang-up when the
            terminal or SSH connection closed, ``kill``), not by the presenter's
            ``q``: audience views still say it quit, and the next presenter of
            the deck starts at this slide, as after a crash.
        deck_rev: The revision of the deck the presenter reloaded (its copy is
            :func:`deck_copy_path`), or None while it shows the deck it started with.
        theme_file: The theme file the presenter reloaded with that deck, or None.
        timer: The talk timer, or None while it waits to start (a resumed
            talk goes on from it).
        version: Format version, :data:`STATE_VERSION`.
    """

    deck: str
    session: str
    pid: int
    seq: int
    slide: int = 0
    step: int = 0
    blank: bool = False
    chart: bool = False
    totals: dict[str, int] | None = None
    voters: int | None = None
    closed: bool = False
    theme: str | None = None
    how_to_vote: str | None = None
    join_url: str | None = None
    join_code: str | None = None
    ended: bool = False
    resumable: bool = False
    deck_rev: str | None = None
    theme_file: str | None = None
    timer: TimerRecord | None = None
    version: int = STATE_VERSION


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(PresenterState)


def live_dir() -> Path:
    """Folder of the presenters' state and lock files (not created here)."""
    return user_data_dir() / "audience"


def state_path(deck_path: str | os.PathLike[str]) -> Path:
    """The state file audience views of ``deck_path`` read."""
    return live_dir() / f"{deck_key(deck_path)}.json"


def lock_path(deck_path: str | os.PathLike[str]) -> Path:
    """The lock file a live presenter of ``deck_path`` holds."""
    return live_dir() / f"{deck_key(deck_path)}.lock"


def deck_copy_path(deck_path: str | os.PathLike[str]) -> Path:
    """The copy of the deck a presenter reloaded, which its audience views show."""
    return live_dir() / f"{deck_key(deck_path)}.deck.yaml"


def encode(state: PresenterState) -> bytes:
    """The state as JSON bytes."""
    return _ENCODER.encode(state)


def read_state(path: Path) -> PresenterState | None:
    """Read a state file.

    Args:
        path: A ``<key>.json`` file.

    Returns:
        The state, or None when the file is missing, unreadable, from another
        format version, or not a state (never raises for bad content).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        state = _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    return state if state.version == STATE_VERSION else None


def presenter_alive(path: Path) -> bool:
    """Whether a presenter holds the lock file ``path``.

    Args:
        path: A ``<key>.lock`` file.

    Returns:
        True when another process holds its exclusive lock; False when the
        file is missing or nobody holds it (the presenter quit or died).
    """
    return bool(is_held(path))


def live_presenters() -> list[PresenterState]:
    """States of the presenters running now, most recently changed first."""
    folder = live_dir()
    found: list[tuple[int, PresenterState]] = []
    try:
        entries = list(folder.glob("*.json"))
    except OSError:
        return []
    for path in entries:
        if not presenter_alive(path.with_suffix(".lock")):
            continue
        state = read_state(path)
        if state is None or state.ended:
            continue
        try:
            found.append((path.stat().st_mtime_ns, state))
        except OSError:
            continue
    return [state for _, state in sorted(found, key=lambda pair: pair[0], reverse=True)]
