"""One layout, one frame: a screen whose layout pass does not ask for a second one.

After laying a screen out, Textual gives each widget the virtual (content)
size the layout found, through the ``virtual_size`` reactive, which asks for
a layout and a repaint whenever it changes. So every slide change whose
body has another height was drawn twice: a second frame, about 2 KB, that
repainted the body and changed no cell on the terminal.

A virtual size the compositor has just computed is a result of the layout,
not a reason for another one (Textual itself sets it without one when it
scrolls). :class:`OneLayoutScreen` switches the reactive's layout requests
off while its own layout pass runs. Its repaint requests stay: they are
drawn in the same frame (a repaint that changes no cell sends nothing, see
:mod:`tui.diff_display`), and a widget whose content shrank where it stands
is redrawn by nothing else (the toast rack once a toast has expired: without
it the toast stayed on the terminal). Anything that does need another
layout still gets one: a scrollbar that appears or goes (its own reactive),
a widget whose content changes, a resize.

Textual styles every widget as it is mounted, then styles the whole screen
again when the screen is first shown (its ``ScreenResume``), with the same
stylesheet: on the presenter screen that second pass was a tenth of the
first frame. The first resume skips it when nothing changed in between.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class OneLayoutScreen(Screen[None]):
    """A screen drawn with one layout pass (and so one frame) per change."""

    _styled_at: int | None = None  # the app's CSS generation when mounted; None once resumed

    def _on_mount(self, event: events.Mount) -> None:
        self._styled_at = self.app._css_update_count

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which restyles the whole screen
        # when asked to. The first time, every widget has just been styled
        # with this very stylesheet (unless the app's CSS changed since).
        if self._styled_at is not None:
            if self._styled_at == self.app._css_update_count:
                event.refresh_styles = False
            self._styled_at = None

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        reactive = Widget.virtual_size
        asks = reactive._layout
        # The layout below sets it: not a reason for another layout.
        reactive._layout = False
        try:
            super()._refresh_layout(size, scroll)
        finally:
            reactive._layout = asks
