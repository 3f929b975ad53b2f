"""The palette's commands for the phone page: start it, stop it, show the address.

Imported when the palette opens; imports neither aiohttp nor segno (the
server is started only when the presenter picks "start").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import SystemCommand


def phone_commands(app: Any) -> Iterator[SystemCommand]:
    """The palette's "Phone voting: start", or "stop" while the page is served.

    Args:
        app: The presenter app (:class:`tui.app.PodiumApp`; not imported
            here, since it imports this module).
    """
    from textual.markup import escape

    from tui.safe_text import one_line

    phones = app.phones
    if phones is not None and phones.serving is not None:
        url = phones.serving.url
        yield SystemCommand(
            "Phone voting: stop",
            f"Stop serving the voting page at {escape(one_line(url))}",
            phones.stop,
        )
        return

    def start() -> None:
        from tui.web.control import PhoneControl

        if app.phones is None:
            app.phones = PhoneControl(app)
        app.phones.start()

    where = "the port given with --serve" if phones is not None else "port 8080"
    yield SystemCommand(
        "Phone voting: start",
        f"Serve the voting page on the local network ({where}); a QR code joins",
        start,
    )
