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
"""

from __future__ import annotations

from typing import Any, Literal

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, OptionList


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

    async def _on_message(self, message: Message) -> None:
        if self._dismissed and isinstance(message, self._SELECTIONS):
            return  # a selection queued behind the one that closed the palette
        await super()._on_message(message)

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            pass  # the list is not laid out yet: the key does nothing

    def _watch__list_visible(self) -> None:
        if self.query(CommandList):  # gone when the palette closed mid-search
            super()._watch__list_visible()

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
            await search(self, search_value)
        except NoMatches:
            pass  # the palette closed while searching: nothing to show the hits in
