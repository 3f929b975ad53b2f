"""A blank (black) screen: hides the slide; any key brings it back."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

from tui.screens.safe import DismissOnce


class BlankScreen(DismissOnce, Screen[None]):
    """Blanks the screen, like the ``b`` key of a slide clicker.

    The key that brings the slide back does nothing else; keys typed after
    it, even in the same burst, act on the screen beneath (the app lets a
    key through only once the one before it has acted, see
    :class:`tui.screens.safe.KeysInTurn`).
    """

    DEFAULT_CSS = """
    BlankScreen { background: black; }
    """

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss()
