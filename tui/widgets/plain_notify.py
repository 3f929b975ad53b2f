"""Notifications that show their text as typed, never as markup or controls."""

from __future__ import annotations

from typing import Any

from tui.safe_text import one_line, printable


class PlainNotify:
    """Mix into an :class:`~textual.app.App` (before ``App``) so every toast is plain text.

    Textual reads a notification's message as content markup by default, and
    passes control characters through: a vote store's error quoting a
    voter's name, or a file path, could then style the toast or act on the
    terminal. Every ``notify`` in the app (screens and widgets call the
    app's) goes through here: markup off, controls replaced (see
    :func:`tui.safe_text.printable`).
    """

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs: Any) -> None:
        """Show ``message`` as plain text; ``markup`` is accepted and ignored.

        Args:
            message: The text; several lines allowed.
            title: A one-line title.
            markup: Ignored: a notification is never markup.
            **kwargs: ``severity`` and ``timeout``, as for ``App.notify``.
        """
        super().notify(  # type: ignore[misc]
            printable(str(message)), title=one_line(str(title)), markup=False, **kwargs
        )
