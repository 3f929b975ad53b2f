"""The presenter app's handle on the phone page: start, stop, tell the presenter.

:class:`PhoneControl` is what the presenter app holds (``app.phones``): it
starts the server (:class:`tui.web.serving.Serving`) as a worker in the
app's own event loop, shows the join code beside poll options, republishes
the show so audience views show it too, and tells the presenter what
happened in a notification. A server that cannot start, or fails, never
stops the talk. The app is used through the few methods named in
:class:`_App`, so this module imports no Textual; aiohttp is imported when
the server starts.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui.web.serving import DEFAULT_PORT, Address, BindError, Serving, bind, deck_language

if TYPE_CHECKING:
    from tui.i18n import Words
    from tui.show.core import Show
    from tui.web.guard import Limits


class _App(Protocol):
    show: Show
    words: Words

    def notify(self, message: str, **options: Any) -> None: ...

    def run_worker(self, work: Any, *, group: str = ..., exit_on_error: bool = ...) -> Any: ...

    @property
    def presenter(self) -> Any: ...


@dataclass
class PhoneSetup:
    """What ``--serve`` and ``--public-url`` asked for, bound before the app starts.

    Attributes:
        address: ``[HOST:]PORT`` as given.
        sock: The listening socket (bound by the command line), or None to
            bind when started.
        token: The talk's join token, or None to read it when started.
        public_url: The address to show instead, or None.
        limits: What the server accepts (None: the defaults).
    """

    address: Address
    sock: socket.socket | None = None
    token: str | None = None
    public_url: str | None = None
    limits: Limits | None = None


def talk_token(show: Show) -> str:
    """The join token of the talk ``show`` presents, made on first use.

    Raises:
        OSError: The token file cannot be read or written.
    """
    from tui.web.join import load_token, token_path

    store = show.polls.session.store if show.deck.polls else None
    path = Path(store.path) if store is not None else None
    return load_token(token_path(show.deck.source, path))


class PhoneControl:
    """Starts and stops the phone page of one presenter app.

    Args:
        app: The presenter app.
        setup: What the command line asked for (None: every interface, port
            :data:`~tui.web.serving.DEFAULT_PORT`).
    """

    def __init__(self, app: _App, setup: PhoneSetup | None = None) -> None:
        self.app = app
        self.setup = setup or PhoneSetup(Address("0.0.0.0", DEFAULT_PORT))
        self.serving: Serving | None = None

    @property
    def running(self) -> bool:
        """Whether the page is served now."""
        return self.serving is not None and self.serving.running

    @property
    def join_text(self) -> tuple[str, str] | None:
        """``(join address, short code)`` while served, else None."""
        serving = self.serving
        return (serving.url, serving.code) if serving is not None and serving.running else None

    def start(self) -> None:
        """Start serving (a notification says where phones join, or why not)."""
        if self.serving is not None:
            return
        setup = self.setup
        show = self.app.show
        try:
            sock = setup.sock or bind(setup.address)
        except BindError as error:
            self._tell("phone.cannot", "error", problem=error)
            return
        setup.sock = None  # a socket serves once: a restart binds again
        try:
            token = setup.token or talk_token(show)
        except OSError as error:
            sock.close()
            self._tell("phone.cannot", "error", problem=f"cannot keep the join token: {error}")
            return
        setup.token = token
        serving = Serving(
            show, sock, token, public_url=setup.public_url, store=_store(show), limits=setup.limits
        )

        def reread() -> None:
            show.redraw()  # votes in the presenter's own store: read the counts again

        serving.on_local_vote = reread
        self.serving = serving
        self.app.run_worker(self._start(serving), group="phones", exit_on_error=False)

    async def _start(self, serving: Serving) -> None:
        try:
            started = await serving.start(deck_language(self.app.show.deck))
        except Exception as error:  # the talk goes on whatever the server does
            serving.problem = f"the phone page failed: {error}"
            started = False
        if not started:
            self.serving = None
            await serving.stop()
            self._tell("phone.cannot", "error", problem=serving.problem)
            return
        self._show_join(serving)
        message = self.app.words("phone.join", url=serving.url, code=serving.code)
        if serving.problem:
            message += f" {serving.problem}."
        self.app.notify(message, title=self.app.words("phone.title"), timeout=12)

    def stop(self) -> None:
        """Stop serving; phones are told the talk is over."""
        serving, self.serving = self.serving, None
        if serving is None:
            return
        self._show_join(None)
        self.app.run_worker(self._stop(serving), group="phones", exit_on_error=False)

    async def _stop(self, serving: Serving) -> None:
        await serving.stop()
        self._tell("phone.stopped", "information")

    def _tell(self, key: str, severity: str, **values: object) -> None:
        """A toast in the talk's language (details from the system stay as they come)."""
        self.app.notify(
            self.app.words(key, **values), title=self.app.words("phone.title"), severity=severity
        )

    def _show_join(self, serving: Serving | None) -> None:
        """The join code beside poll options (and in audience views), or none."""
        try:
            from tui.widgets.slide_view import SlideView

            self.app.presenter.query_one(SlideView).set_join(
                serving.join if serving is not None else None
            )
        except Exception:  # no presenter screen (yet): the next draw shows it
            pass
        self.app.show.redraw()  # audience views hear the join address


def _store(show: Show) -> Any:
    """The presenter's vote store, or None for a deck without polls."""
    return show.polls.session.store if show.deck.polls else None
