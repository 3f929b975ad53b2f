"""What keeps a page open to a whole room safe: limits, form tokens, voter ids.

- :class:`Limits`: the most a request may carry, how fast one address may
  ask, how many connections and live streams are served at once.
- :class:`RateLimiter`: a token bucket per client address.
- :class:`Guard`: the voter cookie (a random id, one per phone) and the
  CSRF token bound to it (an HMAC with a secret made when the server
  starts), checked in constant time.

Imports nothing beyond the standard library.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256

from tui.polls.voters import WEB_PREFIX

VOTER_PREFIX = WEB_PREFIX
"""Voter ids of phone votes start with this (``podium results`` shows them as phones)."""

VOTER_COOKIE = "podium_voter"
"""Name of the cookie holding a phone's voter id."""

_VOTER_HEX = 32


@dataclass(frozen=True)
class Limits:
    """How much the server accepts (defaults suit a conference room).

    Attributes:
        max_body: Largest request body, bytes (a vote is well under 1 KB).
        rate: Requests per second one address may make, on average.
        burst: Requests one address may make at once.
        max_connections: Open connections at once, all clients together.
        max_streams: Live-update streams at once, all clients together.
        max_streams_per_address: Live-update streams one address may hold.
        vote_timeout: Seconds a vote may wait for the store before the
            phone is told to try again.
    """

    max_body: int = 16 * 1024
    rate: float = 10.0
    burst: int = 30
    max_connections: int = 1000
    max_streams: int = 800
    max_streams_per_address: int = 8
    vote_timeout: float = 10.0


class RateLimiter:
    """A token bucket per client address.

    Args:
        rate: Tokens added per second.
        burst: Most tokens a bucket holds.
        clock: Monotonic seconds (injected in tests).
    """

    MAX_ADDRESSES = 10_000
    """Buckets kept at most; the oldest are forgotten first."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, address: str) -> bool:
        """Take one token for ``address``; False when its bucket is empty."""
        now = self._clock()
        tokens, last = self._buckets.pop(address, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        if len(self._buckets) >= self.MAX_ADDRESSES:
            self._buckets.pop(next(iter(self._buckets)))
        self._buckets[address] = (tokens, now)  # re-inserted: the newest last
        return allowed


class Guard:
    """Voter ids and the CSRF tokens bound to them.

    Args:
        secret: Key of the CSRF HMAC (random per server run by default).
    """

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    @staticmethod
    def new_voter() -> str:
        """A fresh random voter id for a phone's cookie."""
        return secrets.token_hex(_VOTER_HEX // 2)

    @staticmethod
    def is_voter(cookie: str | None) -> bool:
        """Whether ``cookie`` has the form of a voter id this server hands out."""
        return (
            cookie is not None
            and len(cookie) == _VOTER_HEX
            and all(char in "0123456789abcdef" for char in cookie)
        )

    @staticmethod
    def store_voter(cookie: str) -> str:
        """The voter id kept in the vote store for the phone with ``cookie``."""
        return VOTER_PREFIX + cookie

    def csrf(self, voter: str) -> str:
        """The form token of the phone whose cookie is ``voter``."""
        return hmac.new(self._secret, voter.encode(), sha256).hexdigest()[:32]

    def check_csrf(self, voter: str, given: str) -> bool:
        """Whether ``given`` is the form token of ``voter`` (constant time)."""
        return hmac.compare_digest(self.csrf(voter).encode(), given.encode("utf-8", "replace"))
