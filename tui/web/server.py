"""The phone page's HTTP server: an aiohttp application, nothing else served.

Routes (``TOKEN`` is the talk's join token, see :mod:`tui.web.join`):

- ``GET /TOKEN``: the page (``?part=main`` just its ``<main>``, for the
  page's script); sets the phone's voter cookie on the first visit.
- ``POST /TOKEN/vote``: a vote (a plain form: ``csrf``, ``poll``, one
  ``option`` or several), answered by a redirect to the page; a refusal is
  the page again with the reason and a 4xx status, nothing stored.
- ``GET /TOKEN/events``: server-sent events, one per change phones see.
- ``GET /`` and ``GET /join?code=``: type the short code shown on the screen.

Anything else is a generic "not found"; a wrong token is the same "not
found". Every response carries a strict Content-Security-Policy (nothing
but this server; the page's one style and one script by nonce), no
caching, no referrer to other sites, no framing. Each client address gets a token bucket
of requests (:class:`~tui.web.guard.RateLimiter`); bodies, connections and
live streams are capped (:class:`~tui.web.guard.Limits`). An error inside a
handler is answered with a generic page, never a stack trace.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from tui.deck.model import Poll
from tui.polls.model import VoteRefused
from tui.polls.store_errors import StoreError
from tui.web.guard import VOTER_COOKIE, Guard, Limits, RateLimiter
from tui.web.join import code_to_token, same_token
from tui.web.page import Visitor, render_join, render_main, render_message, render_page
from tui.web.view import Board, PhoneView

VoteFunction = Callable[[Poll, tuple[str, ...], str], Awaitable[None]]
"""Stores a vote (poll, option ids, store voter id); raises VoteRefused or StoreError."""

BallotFunction = Callable[[str, str], Awaitable[tuple[str, ...]]]
"""A voter's chosen option ids on a poll (poll id, store voter id)."""

_NONCE = web.RequestKey("nonce", str)
_SERVER = web.AppKey("server", object)

STREAM_PING_SECONDS = 15.0
"""A live stream sends a comment this often, so proxies and phones keep it open."""

STREAM_COALESCE_SECONDS = 0.25
"""A live stream sends at most one event per this many seconds."""


def _csp(nonce: str) -> str:
    return (
        "default-src 'none'; "
        f"style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'; img-src 'none'; font-src 'none'"
    )


@dataclass
class PhoneServer:
    """The phone page for one talk.

    Args:
        board: What phones show now (kept by the presenter's show).
        token: The talk's join token.
        vote: Stores a vote (see :data:`VoteFunction`).
        ballot: Reads a voter's vote (see :data:`BallotFunction`).
        lang: The page's language (``en`` or ``nb``).
        limits: Sizes, rates and counts the server accepts.
        guard: Voter ids and CSRF tokens.
    """

    board: Board
    token: str
    vote: VoteFunction
    ballot: BallotFunction
    lang: str = "en"
    limits: Limits = field(default_factory=Limits)
    guard: Guard = field(default_factory=Guard)
    stopping: bool = False
    streams: dict[str, int] = field(default_factory=dict)
    connections: Callable[[], int] = lambda: 0
    """Open connections now (set by :mod:`tui.web.serving` from the runner)."""

    def __post_init__(self) -> None:
        self.rates = RateLimiter(self.limits.rate, self.limits.burst)

    # -- the application -----------------------------------------------------------

    def application(self) -> web.Application:
        """The aiohttp application serving this talk's page."""
        app = web.Application(client_max_size=self.limits.max_body, middlewares=[self._middleware])
        app[_SERVER] = self
        app.on_response_prepare.append(_headers)
        app.router.add_get("/", self._join_page, allow_head=False)
        app.router.add_get("/join", self._join)
        app.router.add_get("/{token}", self._page, allow_head=False)
        app.router.add_post("/{token}/vote", self._vote)
        app.router.add_get("/{token}/events", self._events, allow_head=False)
        return app

    def stop(self) -> None:
        """End every live stream (the server is stopping)."""
        self.stopping = True
        self.board.update(PhoneView(ended=True))

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        request[_NONCE] = secrets.token_urlsafe(16)
        address = request.remote or "?"
        if self.connections() > self.limits.max_connections:
            return self._refuse(request, 503, "refused_busy")
        if not self.rates.allow(address):
            return self._refuse(request, 429, "refused_busy", retry_after=True)
        length = request.content_length
        if length is not None and length > self.limits.max_body:
            return self._refuse(request, 413, "bad_request")
        try:
            return await handler(request)
        except web.HTTPException as error:
            if error.status in (301, 302, 303, 307, 308):
                raise
            if error.status in (404, 405):  # a wrong method finds nothing, like a wrong path
                return self._refuse(request, 404, "not_found")
            return self._refuse(request, error.status, "bad_request")
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug must never show a stack trace, nor stop the talk
            return self._refuse(request, 500, "bad_request")

    def _refuse(
        self, request: web.Request, status: int, key: str, *, retry_after: bool = False
    ) -> web.Response:
        response = web.Response(
            status=status,
            text=render_message(self.lang, key, request.get(_NONCE, "")),
            content_type="text/html",
        )
        if retry_after:
            response.headers["Retry-After"] = "2"
        return response

    def _token_ok(self, request: web.Request) -> bool:
        return same_token(request.match_info.get("token", ""), self.token)

    # -- the page -------------------------------------------------------------------

    async def _visitor(self, request: web.Request, voter: str, message: str = "") -> Visitor:
        poll = self.board.view.poll
        chosen: tuple[str, ...] = ()
        if poll is not None and Guard.is_voter(voter):
            try:
                chosen = await self.ballot(poll.id, Guard.store_voter(voter))
            except StoreError:
                chosen = ()
        return Visitor(self.token, self.guard.csrf(voter), chosen, message, self.lang)

    def _voter(self, request: web.Request) -> tuple[str, bool]:
        """The phone's voter id, and whether it is new (the cookie must be set)."""
        cookie = request.cookies.get(VOTER_COOKIE)
        if Guard.is_voter(cookie):
            return str(cookie), False
        return Guard.new_voter(), True

    def _set_voter(self, response: web.StreamResponse, voter: str) -> None:
        response.set_cookie(
            VOTER_COOKIE,
            voter,
            path=f"/{self.token}",
            max_age=7 * 24 * 3600,
            httponly=True,
            samesite="Strict",
        )

    async def _page(
        self, request: web.Request, *, message: str = "", status: int = 200
    ) -> web.Response:
        if not self._token_ok(request):
            raise web.HTTPNotFound()
        voter, new = self._voter(request)
        visitor = await self._visitor(request, voter, message)
        view = self.board.view
        if request.query.get("part") == "main":
            body = render_main(view, visitor)
        else:
            body = render_page(view, visitor, request[_NONCE])
        response = web.Response(status=status, text=body, content_type="text/html")
        if new:
            self._set_voter(response, voter)
        return response

    # -- voting ---------------------------------------------------------------------

    async def _vote(self, request: web.Request) -> web.StreamResponse:
        if not self._token_ok(request):
            raise web.HTTPNotFound()
        if request.content_type != "application/x-www-form-urlencoded":
            return await self._page(request, message="refused_expired", status=415)
        form = await request.post()
        cookie = request.cookies.get(VOTER_COOKIE)
        csrf = form.get("csrf")
        if (
            not Guard.is_voter(cookie)
            or not isinstance(csrf, str)
            or not self.guard.check_csrf(str(cookie), csrf)
            or not _same_origin(request)
        ):
            return await self._page(request, message="refused_expired", status=403)
        voter = str(cookie)
        view = self.board.view
        poll = view.poll
        if poll is None or form.get("poll") != poll.id or view.ended:
            return await self._page(request, message="refused_not_on_screen", status=409)
        if view.closed:
            return await self._page(request, message="refused_closed", status=409)
        chosen = form.getall("option", [])
        if not chosen:
            return await self._page(request, message="no_choice", status=400)
        if (
            not all(isinstance(each, str) and each in poll.ids for each in chosen)
            or (len(set(chosen)) > 1 and not poll.multiple)
            or len(chosen) > len(poll.ids)
        ):
            return await self._page(request, message="refused_unknown_option", status=400)
        options = tuple(dict.fromkeys(str(each) for each in chosen))
        try:
            await asyncio.wait_for(
                self.vote(poll, options, Guard.store_voter(voter)), self.limits.vote_timeout
            )
        except VoteRefused:
            closed = self.board.view.poll == poll and self.board.view.closed
            key = "refused_closed" if closed else "refused_not_on_screen"
            return await self._page(request, message=key, status=409)
        except (StoreError, asyncio.TimeoutError, ValueError):
            return await self._page(request, message="refused_not_saved", status=503)
        raise web.HTTPSeeOther(f"/{self.token}")

    # -- live updates ---------------------------------------------------------------

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if not self._token_ok(request):
            raise web.HTTPNotFound()
        address = request.remote or "?"
        limits = self.limits
        if (
            sum(self.streams.values()) >= limits.max_streams
            or self.streams.get(address, 0) >= limits.max_streams_per_address
        ):
            return self._refuse(request, 503, "refused_busy")
        self.streams[address] = self.streams.get(address, 0) + 1
        try:
            response = web.StreamResponse(
                headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
            )
            await response.prepare(request)
            version = self.board.version
            await response.write(b"retry: 3000\n\n")
            while not self.stopping:
                now = await self.board.wait(version, STREAM_PING_SECONDS)
                if self.stopping:
                    break
                if now == version:
                    await response.write(b": ping\n\n")
                    continue
                version = now
                await response.write(f"data: {version}\n\n".encode())
                await asyncio.sleep(STREAM_COALESCE_SECONDS)
            await response.write(f"data: {self.board.version}\n\n".encode())
            return response
        except (ConnectionError, RuntimeError):
            return web.StreamResponse()
        finally:
            left = self.streams.get(address, 1) - 1
            if left:
                self.streams[address] = left
            else:
                self.streams.pop(address, None)

    # -- joining by the short code -----------------------------------------------------

    async def _join_page(self, request: web.Request) -> web.Response:
        return web.Response(text=render_join(self.lang, request[_NONCE]), content_type="text/html")

    async def _join(self, request: web.Request) -> web.Response:
        code = request.query.get("code", "")
        if len(code) <= 32 and same_token(code_to_token(code), self.token):
            raise web.HTTPSeeOther(f"/{self.token}")
        return web.Response(
            status=404,
            text=render_join(self.lang, request[_NONCE], refused=True),
            content_type="text/html",
        )


def _same_origin(request: web.Request) -> bool:
    """A form from this server: ``Origin``, when the browser sends it, is this host."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("Host", "")
    return origin.split("://", 1)[-1] == host


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    """Security headers on every response (aiohttp's own errors included)."""
    nonce = request.get(_NONCE) or secrets.token_urlsafe(16)
    headers = response.headers
    headers["Server"] = "Podium"
    headers["Content-Security-Policy"] = _csp(nonce)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"  # "no-referrer" makes forms say Origin: null
    headers["X-Frame-Options"] = "DENY"
    headers["Cache-Control"] = "no-store"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
