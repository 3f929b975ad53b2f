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
  the app with ``KeyError``. :class:`SafeOptionList` and
  :class:`SafeCommandPalette` make those keys do nothing until it has one.
* A key typed right after the one that opens or closes a screen acts on the
  wrong screen, or on none: Textual hands each key on as soon as it is read,
  before the key ahead of it has pushed or dismissed anything.
  :class:`KeysInTurn` holds each key until the one before it has acted.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from typing import Any, Literal

from textual import events, work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import Button, Input, OptionList

KEY_TURN_SECONDS = 1.0
"""Longest a key waits for the key before it to finish acting; then it goes anyway."""


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


class SafeOptionList(OptionList):
    """An option list whose PageUp/PageDown wait for its first layout."""

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        try:
            super()._move_page(direction)
        except KeyError:
            pass  # not laid out yet (or no room at all): nothing to page through


class SafeCommandPalette(DismissOnce, CommandPalette):
    """Textual's command palette, safe against keys that arrive together.

    It is dismissed at most once and runs at most one command (Enter typed
    twice selects twice: the second selection is dropped), its list keys
    do nothing before the list has been laid out, and a search still running
    when the palette closes ends quietly instead of failing on the widgets
    that are gone.
    """

    _SELECTIONS = (Input.Submitted, Button.Pressed, OptionList.OptionSelected)

    _enter_pending = False

    no_matches = "No matches found"
    """What the list says when a search finds nothing (set per palette: the talk's language)."""

    def __init__(
        self,
        providers: Any = None,
        *,
        placeholder: str = "Search for commands…",
        no_matches: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=placeholder, id=id)
        if no_matches is not None:
            self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's, but in the talk's language: Textual writes "No matches found"
        # into the list itself and has no setting for it.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            lists = self.query(CommandList)
            if not lists:
                return  # the palette closed meanwhile
            if search_value:
                from rich.align import Align
                from rich.text import Text
                from textual.widgets.option_list import Option

                prompt = Align.center(Text(self.no_matches, style="not bold"))
                lists.first().add_option(Option(prompt, disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False  # nothing to discover: say nothing

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    @property
    def holds_keys(self) -> bool:
        """Whether an Enter typed before the first hits were listed still waits
        for them (:class:`KeysInTurn` holds the keys after it meanwhile)."""
        return self._enter_pending

    async def _on_message(self, message: Message) -> None:
        if self._dismissed and isinstance(message, self._SELECTIONS):
            return  # a selection queued behind the one that closed the palette
        if (
            isinstance(message, Input.Submitted)
            and not self._list_visible
            and self._selected_command is None
        ):
            # Enter typed before the search listed its first hits: choose
            # once they are listed, as if typed then (or drop it after a while).
            message.stop()
            self._enter_pending = True
            self.set_timer(KEY_TURN_SECONDS, self._drop_pending_enter)
            return
        await super()._on_message(message)

    def _drop_pending_enter(self) -> None:
        self._enter_pending = False

    def _choose_pending(self) -> None:
        if self._enter_pending and not self._dismissed:
            self._enter_pending = False
            self._select_or_command()

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            pass  # the list is not laid out yet: the key does nothing

    def _watch__list_visible(self) -> None:
        if self.query(CommandList):  # gone when the palette closed mid-search
            super()._watch__list_visible()
            if self._list_visible and self._enter_pending:
                self.call_after_refresh(self._choose_pending)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
            await search(self, search_value)
        except NoMatches:
            pass  # the palette closed while searching: nothing to show the hits in
