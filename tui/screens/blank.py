"""A blank (black) screen: hides the slide; any key brings it back."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from tui.screens.safe import DismissOnce


class BlankScreen(DismissOnce, Screen[None]):
    """Blanks the screen, like the ``b`` key of a slide clicker.

    Several keys typed at once bring the slide back once; the rest are
    swallowed here, as a clicker's extra presses would be.
    """

    DEFAULT_CSS = """
    BlankScreen { background: black; }
    """

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()
