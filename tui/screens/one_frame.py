"""One layout, one frame: a screen whose layout pass does not ask for a second one.

After laying a screen out, Textual gives each widget the virtual (content)
size the layout found, through the ``virtual_size`` reactive, which asks for
a layout and a repaint whenever it changes. So every slide change whose
body has another height was drawn twice: a second frame, about 2 KB, that
repainted the body and changed no cell on the terminal.

A virtual size the compositor has just computed is a result of the layout,
not a reason for another one (Textual itself sets it without one when it
scrolls). :class:`OneLayoutScreen` switches the reactive's layout and
repaint requests off while its own layout pass runs. Anything that does
need another layout still gets one: a scrollbar that appears or goes (its
own reactive), a widget whose content changes, a resize.

The footer rebuilds its keys after the frame that changed them (a poll
slide brings its vote keys): :meth:`OneLayoutScreen.refresh_bindings`
holds that frame until the footer is rebuilt, so the keys come with the
slide.

Textual styles every widget as it is mounted, then styles the whole screen
again when the screen is first shown (its ``ScreenResume``), with the same
stylesheet: on the presenter screen that second pass was a tenth of the
first frame. The first resume skips it when nothing changed in between.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

HOLD_AT_MOST = 0.2
"""Seconds a frame waits at most for the footer's keys."""


class OneLayoutScreen(Screen[None]):
    """A screen drawn with one layout pass (and so one frame) per change."""

    _holding_frame = False
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
        asks = reactive._layout, reactive._repaint
        # The layout below sets it, and repaints what it moved or resized.
        reactive._layout = reactive._repaint = False
        try:
            super()._refresh_layout(size, scroll)
        finally:
            reactive._layout, reactive._repaint = asks

    def refresh_bindings(self) -> None:
        """Tell the footer the keys changed; it shows them in the same frame."""
        super().refresh_bindings()
        # A footer without keys yet is still starting: the first frame waits for nothing.
        footers = [footer for footer in self.query(Footer) if footer.children]
        if not footers or not self.is_current or not self.is_mounted or self._holding_frame:
            return
        hold = ExitStack()
        hold.enter_context(self.app.batch_update())
        self._holding_frame = True

        held = [True]

        def release() -> None:
            if held[0]:  # once per hold, by the footer or the timer
                held[0] = self._holding_frame = False
                hold.close()

        # Each footer has just queued its rebuild (after the next refresh);
        # this comes after it in the same queue, so it runs once the keys are in.
        # Never hold the screen longer than a blink, whatever happens to it.
        if footers[-1].call_after_refresh(release):
            self.set_timer(HOLD_AT_MOST, release)
        else:
            release()
