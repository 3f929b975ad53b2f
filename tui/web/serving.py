"""Runs the phone page inside the presenter app's own asyncio event loop.

:class:`Serving` owns one server for one talk: the listening socket (bound
by the command line before the app starts, so a taken port is a clear
error and exit status 2, see :func:`bind`), the aiohttp runner, the board
the presenter's show keeps up to date, and the vote store connection the
page writes through. Votes and ballots go to the store in one worker
thread: the event loop, which also draws the presenter's screen, never
waits for the disk. Votes are written through a connection of the page's
own (when the store is a file), so the presenter's vote watch notices them
as it notices ``podium vote``; with votes kept in memory they go through
the presenter's store and the show re-reads its counts.

Everything here may fail without touching the talk: :meth:`Serving.start`
and :meth:`Serving.stop` never raise; the caller tells the presenter.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.polls.store_errors import StoreError
from tui.web.guard import Limits
from tui.web.join import base_address, join_url, short_code
from tui.web.view import Board, view_of

if TYPE_CHECKING:
    from aiohttp import web

    from tui.deck.model import Deck, Poll
    from tui.polls.store import VoteStore
    from tui.show.core import Show
    from tui.web.qr import JoinCode

DEFAULT_PORT = 8080
"""Port the palette's "start" uses when ``--serve`` was not given."""


WRITE_BATCH = 256
"""Most votes written in one transaction."""


class BindError(Exception):
    """The address cannot be served (port taken, address not on this machine)."""


@dataclass(frozen=True)
class Address:
    """Where to serve: ``[HOST:]PORT`` as given.

    Attributes:
        host: The address to bind (``0.0.0.0``: every IPv4 interface).
        port: The port (0: any free one).
    """

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Address:
        """``PORT``, ``HOST:PORT`` or ``[IPv6]:PORT``.

        Raises:
            ValueError: Not an address (the message says why).
        """
        host, _, port = text.rpartition(":")
        host = host.strip("[]") or "0.0.0.0"
        if not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"{text!r} is not [HOST:]PORT (a port is 0-65535)")
        return cls(host, int(port))


def bind(address: Address) -> socket.socket:
    """A listening socket on ``address``, ready to hand to :class:`Serving`.

    Raises:
        BindError: The port is taken, the address is not this machine's,
            or binding is not allowed (a port below 1024).
    """
    try:
        infos = socket.getaddrinfo(
            address.host, address.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as error:
        raise BindError(f"cannot serve on {address.host}: {error}") from None
    family, kind, proto, _, where = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(128)
    except OSError as error:
        sock.close()
        shown = f"{address.host}:{address.port}"
        if error.errno == errno.EADDRINUSE:
            why = "the port is taken (is another podium --serve running?); choose another port"
        elif error.errno == errno.EADDRNOTAVAIL:
            why = "that address is not one of this machine's; use 0.0.0.0 for every network"
        elif error.errno == errno.EACCES:
            why = "not allowed (ports below 1024 need privileges); choose a port above 1024"
        else:
            why = error.strerror or str(error)
        raise BindError(f"cannot serve on {shown}: {why}") from None
    sock.setblocking(False)
    return sock


def deck_language(deck: Deck) -> str:
    """The phone page's language for ``deck``: its ``lang:`` (see
    :func:`tui.i18n.match_language`), English when Podium has no words for it."""
    from tui.i18n import match_language

    return match_language(deck.lang) or "en"


class Serving:
    """The phone page of one talk, served from the presenter's event loop.

    Args:
        show: The presenter's show (the page follows it).
        sock: A listening socket from :func:`bind`.
        token: The talk's join token.
        public_url: ``--public-url``: the address shown instead, or None.
        store: The presenter's vote store, or None (a deck without polls).
        limits: What the server accepts.

    Attributes:
        url: The join address (the QR code holds it).
        code: The short code.
        problem: Why the server stopped, or None.
    """

    def __init__(
        self,
        show: Show,
        sock: socket.socket,
        token: str,
        *,
        public_url: str | None = None,
        store: VoteStore | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.show = show
        self.sock = sock
        self.token = token
        host, port = sock.getsockname()[:2]
        self.url = join_url(base_address(host, port, public_url), token)
        self.code = short_code(token)
        self.limits = limits or Limits()
        self.board = Board()
        self.problem: str | None = None
        self._presenter_store = store
        self._store: VoteStore | None = None
        self._own_store = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="podium-web")
        self._runner: web.AppRunner | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._join: JoinCode | None = None
        self._pending: list[tuple[Poll, tuple[str, ...], str, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.on_local_vote: Callable[[], None] | None = None
        """Called in the loop after a vote through the presenter's own store."""

    @property
    def join(self) -> JoinCode:
        """The join code for the slide (made once)."""
        if self._join is None:
            from tui.web.qr import make_join

            self._join = make_join(self.url, self.code)
        return self._join

    # -- votes, in the worker thread -----------------------------------------------------

    def _open_store(self) -> None:
        """The page's own connection to the presenter's store file (worker thread)."""
        from tui.polls.store import MEMORY, VoteStore

        store = self._presenter_store
        if store is None or store.path == MEMORY:
            self._store = store
            return
        self._store = VoteStore.open(Path(store.path), create=False)
        self._own_store = True

    def _write(self, votes: list[tuple[Poll, tuple[str, ...], str]]) -> list[object]:
        if self._store is None:
            raise StoreError("votes cannot be kept", Path("."))
        return list(self._store.vote_many(votes))

    def _read(self, poll_id: str, voter: str) -> tuple[str, ...]:
        if self._store is None:
            return ()
        ballot = self._store.ballot(poll_id, voter)
        return ballot.option_ids if ballot is not None else ()

    async def _vote(self, poll: Poll, options: tuple[str, ...], voter: str) -> None:
        """Store one vote; returns once it is committed to disk.

        Votes that arrive while a write is under way wait and are written
        together, in one transaction and one disk flush
        (:meth:`~tui.polls.store.VoteStore.vote_many`): a room voting at
        once costs a few flushes, not one per phone.

        Raises:
            VoteRefused: The poll is closed or no longer on screen.
            ValueError: The options do not fit the poll.
            StoreError: The vote could not be stored.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._pending.append((poll, options, voter, future))
        if self._writer is None:
            self._writer = loop.create_task(self._write_pending())
        await future
        if not self._own_store and self.on_local_vote is not None:
            self.on_local_vote()

    async def _write_pending(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                batch = self._pending[:WRITE_BATCH]
                del self._pending[:WRITE_BATCH]
                votes = [(poll, options, voter) for poll, options, voter, _ in batch]
                try:
                    outcomes = await loop.run_in_executor(self._executor, self._write, votes)
                except Exception as error:  # the store failed: every vote is refused
                    failure = error if isinstance(error, StoreError) else StoreError(str(error))
                    outcomes = [failure] * len(batch)
                for (*_, future), outcome in zip(batch, outcomes, strict=True):
                    if future.done():
                        continue  # the phone gave up waiting
                    if isinstance(outcome, Exception):
                        future.set_exception(outcome)
                    else:
                        future.set_result(None)
        finally:
            self._writer = None

    async def _ballot(self, poll_id: str, voter: str) -> tuple[str, ...]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._read, poll_id, voter)

    # -- life ------------------------------------------------------------------------

    async def start(self, lang: str = "en") -> bool:
        """Serve the page; False (and :attr:`problem` set) when it cannot.

        Args:
            lang: The page's language (``en`` or ``nb``).
        """
        from aiohttp import web

        from tui.web.server import PhoneServer

        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._open_store)
        except StoreError as error:
            self.problem = f"phones cannot vote: {error}"
        server = PhoneServer(self.board, self.token, self._vote, self._ballot, lang, self.limits)
        self._server = server
        self.board.update(view_of(self.show))
        self._unsubscribe = self.show.subscribe(self.board.follow(self.show))
        runner = web.AppRunner(
            server.application(),
            access_log=None,
            handle_signals=False,
            shutdown_timeout=1.0,
            # A phone that goes away ends its live stream at once (its count too).
            handler_cancellation=True,
        )
        try:
            await runner.setup()
            server.connections = lambda: len(runner.server.connections) if runner.server else 0
            await web.SockSite(runner, self.sock).start()
        except (OSError, RuntimeError) as error:
            self.problem = f"the phone page stopped: {error}"
            await self._cleanup(runner)
            return False
        self._runner = runner
        return True

    async def stop(self) -> None:
        """Stop serving: phones are told the talk is over; never raises."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        server = getattr(self, "_server", None)
        if server is not None:
            server.stop()
        runner, self._runner = self._runner, None
        await self._cleanup(runner)

    async def _cleanup(self, runner: web.AppRunner | None) -> None:
        try:
            if runner is not None:
                await runner.cleanup()
        except Exception:  # stopping must never cost the talk
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass
            if self._own_store and self._store is not None:
                store = self._store
                self._store = None
                self._executor.submit(store.close)
            self._executor.shutdown(wait=False)

    @property
    def running(self) -> bool:
        """Whether the page is being served."""
        return self._runner is not None
