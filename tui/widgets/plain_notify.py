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

    While a dialog that holds notices is on top (the help, the overview, a
    question: :class:`tui.screens.quiet_modal.QuietModal`), a notice waits
    and is shown when the dialog closes, for its whole time, in the order
    notices came: a toast is never drawn over the dialog's text.
    """

    _held_notices: list[tuple[str, str, dict[str, Any]]] | None = None

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs: Any) -> None:
        """Show ``message`` as plain text; ``markup`` is accepted and ignored.

        Args:
            message: The text; several lines allowed.
            title: A one-line title.
            markup: Ignored: a notification is never markup.
            **kwargs: ``severity`` and ``timeout``, as for ``App.notify``.
        """
        text, title = printable(str(message)), one_line(str(title))
        if self._holds_notices():
            if self._held_notices is None:
                self._held_notices = []
            self._held_notices.append((text, title, kwargs))
            return
        super().notify(text, title=title, markup=False, **kwargs)  # type: ignore[misc]

    def _holds_notices(self) -> bool:
        """Whether the screen on top holds notices until it closes."""
        stack: list[Any] = getattr(self, "screen_stack", None) or []
        return bool(stack) and bool(getattr(stack[-1], "holds_notices", False))

    def release_notices(self) -> None:
        """Show the notices that waited, unless the screen on top holds them too."""
        held = self._held_notices
        if not held or self._holds_notices():
            return
        self._held_notices = None
        for text, title, kwargs in held:
            super().notify(text, title=title, markup=False, **kwargs)  # type: ignore[misc]
