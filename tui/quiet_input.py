"""App mixin: on Linux and macOS, an input thread that wakes only for input.

See :mod:`tui.quiet_driver`. Everywhere else (Windows, a driver chosen with
``TEXTUAL_DRIVER``, inline and headless runs) the app keeps Textual's
driver. Imports nothing at module level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver


class QuietInput:
    """Put it before ``App`` in the bases: Textual's Linux driver becomes :class:`QuietLinuxDriver`.

    (:class:`tui.quiet_driver.QuietLinuxDriver`.) The first frame is
    written by the app's own thread (see :meth:`QuietLinuxDriver.write`),
    the frames after it through Textual's output thread.
    """

    _writes_queued = False

    def get_driver_class(self) -> type[Driver]:
        """The driver Textual would choose, with the quiet input thread where that is Linux's."""
        driver: type[Driver] = super().get_driver_class()  # type: ignore[misc]
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from tui.quiet_driver import QuietLinuxDriver

            return QuietLinuxDriver
        return driver

    def post_display_hook(self) -> None:
        """After the first frame, the quiet driver's writes go through Textual's output thread."""
        if not self._writes_queued:
            self._writes_queued = True
            queue_writes = getattr(self._driver, "queue_writes", None)  # type: ignore[attr-defined]
            if queue_writes is not None:
                queue_writes()
        super().post_display_hook()  # type: ignore[misc]
