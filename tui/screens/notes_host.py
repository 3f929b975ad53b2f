"""The presenter screen's notes pane, built the first time it is shown: :class:`NotesHost`.

A talk given without notes never builds the pane (nor imports it); the
first time the notes are shown, the pane is mounted and shown in the frame
that has it complete.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual.css.query import NoMatches
from textual.screen import Screen

from tui.deck.model import Deck
from tui.held_updates import draw_when_done
from tui.show.core import Show
from tui.show.state import ShowState

if TYPE_CHECKING:
    from tui.widgets.notes_pane import NotesPane


# A plain class at run time, a Screen for the type checker: defining a
# subclass of a Textual class takes about half a millisecond on the way to
# the first frame, and a mixin needs none of what Textual sets up for one (it
# has no bindings, CSS or decorated handlers; Textual finds a handler named
# ``on_...`` anywhere in a widget's MRO).
if TYPE_CHECKING:
    _ScreenMixin = Screen[Any]
else:
    _ScreenMixin = object


class NotesHost(_ScreenMixin):
    """Screen mixin: the notes pane (``#notes``) in ``#stage``, built when first shown."""

    show: Show
    deck: Deck
    _now: Callable[[], datetime]

    def _notes_panes(self) -> list[NotesPane]:
        """The notes pane, once built (it is built the first time it is shown).

        Looked up by id (Textual keeps the answer), not by a query that
        matches every widget of the screen on each slide change.
        """
        try:
            return [cast("NotesPane", self.query_one("#notes"))]
        except NoMatches:
            return []

    def _notes(self) -> NotesPane:
        """The notes pane (it must be built)."""
        return cast("NotesPane", self.query_one("#notes"))

    def _show_notes(self, state: ShowState) -> None:
        self.update_classes({"-notes-shown": state.notes_shown, "-notes-only": state.notes_only})
        if not self._notes_panes():
            if not state.notes_shown:
                return  # a talk given without notes never builds the pane
            self._mount_notes()
        notes = self._notes()
        notes.set_shown(state.notes_shown)
        notes.set_wide(state.notes_only)

    def _mount_notes(self) -> None:
        """Build the notes pane, showing it in the frame that has it complete."""
        from tui.widgets.notes_pane import NotesPane  # not needed for the first slide

        mounted = self.query_one("#stage").mount(
            NotesPane(self.show.timer, self.deck, self._now, id="notes")
        )
        draw_when_done(self.app, self.call_next, lambda: mounted)
