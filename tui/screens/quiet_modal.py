"""A dialog over the slide (help, overview, a question): its own key line, no toasts on it.

A modal screen is drawn over the presenter's, whose bottom line kept
showing the slide's keys (→ Next …) under the help; and Textual gives every
screen its own toast rack, so a notice that came while the help was open
was drawn over the help's text. A :class:`QuietModal` screen draws its own
key line at the bottom (the keys that act on it) and has no toast rack: a
notice that comes while it is open waits (see
:class:`tui.widgets.plain_notify.PlainNotify`) and is shown, for its whole
time, when the dialog closes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.widget import Widget
from textual.widgets._toast import ToastRack

from tui.widgets.key_line import KeyLine

__all__ = ["QuietModal", "modal_keys"]


def modal_keys() -> KeyLine:
    """The dialog's key line (docked at the bottom by the stylesheet: ``.modal-keys``)."""
    line = KeyLine()
    line.add_class("modal-keys")
    return line


class QuietModal:
    """Mixin for a modal screen (before ``ModalScreen``): no toasts on it, notices wait.

    The screen yields :func:`modal_keys` in its ``compose``.
    """

    holds_notices: ClassVar[bool] = True
    """Read by ``PlainNotify.notify``: a notice waits while this screen is on top."""

    app: Any  # provided by the screen

    def _extend_compose(self, widgets: list[Widget]) -> None:
        # Textual adds a toast rack to every screen; this one has none, so
        # no toast can be drawn over the dialog (App._refresh_notifications
        # finds no rack and leaves the notices for the screen below).
        super()._extend_compose(widgets)  # type: ignore[misc]
        widgets[:] = [widget for widget in widgets if not isinstance(widget, ToastRack)]

    def on_unmount(self) -> None:
        # Closed: the notices that waited are shown on the screen now on
        # top (unless it is another dialog that holds them in turn).
        release = getattr(self.app, "release_notices", None)
        if release is not None:
            release()
