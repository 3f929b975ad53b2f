"""The option lists of the overview and the command palette, safe against keys that arrive together.

See :mod:`tui.screens.safe`. Imported when the overview or the palette
first opens (defining Textual classes takes a while): nothing on the way
to the first slide needs them.
"""

from __future__ import annotations

from typing import Any, Literal

from textual import work
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from tui.i18n import words_of
from tui.i18n.keys import translate_node
from tui.screens.quiet_modal import QuietModal, modal_keys
from tui.screens.safe import KEY_TURN_SECONDS, DismissOnce


class SafeOptionList(OptionList):
    """An option list whose PageUp/PageDown wait for its layout and whose rows follow its width.

    Textual's option list counts each option's rows for the width it has
    when it first draws after a resize. Its vertical scroll bar comes or
    goes in the layout after that (a terminal made smaller, then larger
    again), which changes the width without another resize: an entry
    counted two rows at the narrower width kept a blank second row. The
    counts are made again whenever the scroll bar comes or goes.
    """

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        self._clear_caches()  # rows counted again at the width the list has now

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        try:
            super()._move_page(direction)
        except KeyError:
            pass  # not laid out yet (or no room at all): nothing to page through


class SafeCommandPalette(QuietModal, DismissOnce, CommandPalette):
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

    def compose(self) -> ComposeResult:
        """Textual's palette and its own key line (see :mod:`tui.screens.quiet_modal`)."""
        yield from super().compose()
        yield modal_keys()

    def on_mount(self) -> None:
        translate_node(self, words_of(self.app))  # "esc Close" in the talk's language

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
