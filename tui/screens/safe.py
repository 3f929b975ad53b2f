"""Screens and lists that keys arriving together cannot break.

Keys from ``tmux send-keys`` or a fast typist arrive in one read, before the
screen they open has been drawn. Two things then go wrong in plain Textual:

* A dialog is answered twice (``Enter`` presses its button, ``n`` answers
  no): the second :meth:`~textual.screen.Screen.dismiss` pops whatever screen
  is on top by then, which is the presenter, and the app ends with
  ``ScreenStackError``. :class:`DismissOnce` makes a screen's dismissal
  idempotent and ignores it once the screen is no longer the active one.
* An option list that has not been laid out yet (just opened, or a
  terminal too small to show it) has no line map, and PageUp/PageDown end
  the app with ``KeyError``. :class:`~tui.screens.safe_lists.SafeOptionList`
  and :class:`~tui.screens.safe_lists.SafeCommandPalette` make those keys do
  nothing until it has one (in their own module, imported when the overview
  or the palette first opens: defining them is a millisecond of start-up).
* A key typed right after the one that opens or closes a screen acts on the
  wrong screen, or on none: Textual hands each key on as soon as it is read,
  before the key ahead of it has pushed or dismissed anything.
  :class:`KeysInTurn` holds each key until the one before it has acted.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from typing import Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.message_pump import MessagePump

KEY_TURN_SECONDS = 3.0
"""Longest a key waits for the key before it to finish acting; then it goes anyway.

Long enough for a loaded machine to open the command palette and list its
first hits (it has taken over a second), short enough that a key never
waits long on something stuck."""


class KeysInTurn:
    """Mix into an :class:`~textual.app.App` (before ``App``): keys act one after another.

    Textual hands a key to the focused widget (or the screen) the moment it
    reads it, and looks the key's binding up on the screen on top when the
    key comes back up to the app. What a key does follows as more messages:
    a screen pushed, a list's choice, a dialog dismissed. Keys read together
    (``tmux send-keys o Down Enter Right`` over a slow link) therefore land
    on a screen about to close (the overview swallows the ``Right`` typed
    after its ``Enter``) or miss one just opened (the blank screen never sees
    the key meant to end it).

    Here every key the terminal sends waits until the app has digested the
    key before it: no message left in the app's queue or in that of any
    widget on its screens. So each key acts once, in the order typed, on the
    screen on top when its turn comes. A key typed alone, when nothing is
    pending, goes through at once.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._released_key: events.Key | None = None
        self._key_turns: asyncio.Task[None] | None = None

    @property
    def keys_held(self) -> int:
        """Keys read but not let through yet, plus one while the last let through still acts."""
        return len(self._held_keys) + (self._key_turns is not None)

    async def on_event(self, event: events.Event) -> None:
        """Let a key from the terminal through only once the keys before it have acted."""
        if isinstance(event, events.Key) and not self.screen_stack:  # type: ignore[attr-defined]
            return  # the app is closing: no screen left for the key to act on
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event is self._released_key:
                self._released_key = None  # its turn: the turn-taker is waiting for it
            elif self._key_turns is not None:
                self._held_keys.append(event)  # a key is still acting: wait for it
                return
            else:
                self._key_turns = asyncio.create_task(self._take_turns())
        await super().on_event(event)  # type: ignore[misc]

    async def _take_turns(self) -> None:
        """Wait for the key let through to act, then let the next held key through."""
        try:
            while True:
                await self._digested()
                if not self._held_keys or not self.screen_stack:  # type: ignore[attr-defined]
                    break  # nothing held, or the app is closing
                key = self._released_key = self._held_keys.popleft()
                self.post_message(key)  # type: ignore[attr-defined]
        finally:
            self._key_turns = None

    def _pumps(self) -> Iterator[MessagePump]:
        """The app and every node of every screen on its stack."""
        yield self  # type: ignore[misc]
        for screen in list(self.screen_stack):  # type: ignore[attr-defined]
            yield from screen.walk_children(with_self=True)

    def _next_key_waits_for_workers(self) -> bool:
        """Whether the next held key needs the screens' workers done first.

        The palette searches in a worker; Enter or an arrow key must find its
        hits listed. Text typed into the palette starts a new search anyway,
        so it goes on without waiting (typing keeps up).
        """
        return bool(self._held_keys) and not self._held_keys[0].is_printable

    async def _digested(self) -> None:
        """Return once nothing is pending anywhere (or after :data:`KEY_TURN_SECONDS`).

        Each pump with messages queued gets a callback behind them, and we
        wait until all those callbacks have run (and, for a key that needs
        them, until the screens' workers have finished). Done when two looks
        in a row, a turn of the event loop apart, find nothing pending (a
        handler still running at the first look has posted what it posts by
        the second).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + KEY_TURN_SECONDS
        quiet = 0
        while quiet < 2:
            if loop.time() >= deadline:
                return  # never quiet (or stuck): let the next key go anyway
            pumps = list(self._pumps())
            busy = [pump for pump in pumps if pump.message_queue_size]
            working = self._next_key_waits_for_workers() and any(
                not worker.is_finished and any(worker.node is pump for pump in pumps)
                for worker in self.workers  # type: ignore[attr-defined]
            )
            holding = any(getattr(pump, "holds_keys", False) for pump in pumps)
            working = working or holding
            quiet = 0 if busy or working else quiet + 1
            if busy and not await _handled(busy, deadline - loop.time()):
                return
            # A worker posts nothing while it works: look again shortly.
            await asyncio.sleep(0.005 if working else 0)


async def _handled(pumps: list[MessagePump], timeout: float) -> bool:
    """Wait until ``pumps`` have handled every message queued now.

    Args:
        pumps: Message pumps (the app, screens, widgets).
        timeout: Seconds to wait at most.

    Returns:
        False if they had not within ``timeout``.
    """
    all_ran = asyncio.Event()
    waiting = 0

    def ran() -> None:
        nonlocal waiting
        waiting -= 1
        if not waiting:
            all_ran.set()

    for pump in pumps:
        if pump.call_later(ran):  # a callback behind its queue (False: the pump has closed)
            waiting += 1
    if not waiting:
        return True
    try:
        await asyncio.wait_for(all_ran.wait(), max(timeout, 0))
    except TimeoutError:
        return False
    return True


class DismissOnce:
    """Mixin for a screen: the first dismissal counts, later ones do nothing.

    A dismissal is also ignored when the screen is not the app's active
    screen (it was dismissed, or another screen covers it), so a late key or
    button event can never pop a screen it does not own.
    """

    _dismissed = False
    app: Any  # provided by the screen

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss with ``result`` once, and only while this screen is on top."""
        if self._dismissed or not self.is_active_screen:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]

    @property
    def is_active_screen(self) -> bool:
        """Whether this screen is on top of the app's stack and not yet dismissed."""
        try:
            return not self._dismissed and self.app.screen is self
        except Exception:  # no app, or no screen stack (shutting down)
            return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys do nothing on a screen that is being dismissed."""
        if self._dismissed:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]
