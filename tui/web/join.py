"""How phones find the page: the join token, the join address, the short code.

Every address the page serves holds the talk's *join token*: ten random
characters (about 50 bits, see :data:`TOKEN_ALPHABET`), so nobody on the
network reaches the page without reading it from the screen, and the
server's rate limit makes guessing it hopeless. The token is made once per
deck and kept in a private file next to the deck's vote store, so phones
keep working when the presenter restarts Podium. The *short code* is the
token in two groups of five, for people who type the address instead of
scanning the QR code. Imports nothing beyond the standard library and
:mod:`tui.paths`.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import socket
from pathlib import Path

from tui.paths import create_file, deck_key, make_private_dirs, user_data_dir

TOKEN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Characters of a join token: no 0/O, 1/I/L, easy to read off a screen.

Capitals, so the join address fits a QR code's compact alphanumeric mode
(see :func:`qr_text`): a smaller code, with larger modules on the slide.
"""

TOKEN_LENGTH = 10
"""Characters in a join token: 31**10, about 2**49.5 possible tokens."""


def new_token() -> str:
    """A fresh random join token (from :mod:`secrets`)."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def is_token(text: str) -> bool:
    """Whether ``text`` has the form of a join token."""
    return len(text) == TOKEN_LENGTH and all(char in TOKEN_ALPHABET for char in text)


def same_token(given: str, token: str) -> bool:
    """Compare a token from a request with the talk's, in constant time."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode())


def short_code(token: str) -> str:
    """The token as people read and type it: ``ABCDE-FGHJK``."""
    return f"{token[:5]}-{token[5:]}"


def code_to_token(code: str) -> str:
    """A typed short code back to the token (case, spaces and dashes ignored)."""
    return "".join(char for char in code.upper() if char.isalnum())


def token_path(deck_source: str, store_path: Path | None) -> Path:
    """Where the join token of a deck is kept.

    Args:
        deck_source: The deck's file.
        store_path: The deck's vote store file, or None when its votes are
            not kept in a file.

    Returns:
        ``<store>.web-token`` next to the vote store, else
        ``<data dir>/web/<deck key>.token``.
    """
    if store_path is not None and store_path.is_absolute():
        return store_path.with_name(store_path.name + ".web-token")
    return user_data_dir() / "web" / f"{deck_key(deck_source)}.token"


def load_token(path: Path) -> str:
    """The join token kept in ``path``, made (private, ``0600``) when missing.

    A file that does not hold a token (damaged, edited) is replaced.

    Args:
        path: See :func:`token_path`.

    Returns:
        The token.

    Raises:
        OSError: The file cannot be read or written.
    """
    try:
        kept = path.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        kept = ""
    if is_token(kept):
        return kept
    make_private_dirs(path.parent)
    token = new_token()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    create_file(temporary)
    temporary.write_text(token + "\n", encoding="ascii")
    os.replace(temporary, path)
    return token


def lan_address() -> str:
    """This machine's address on the local network, as phones reach it.

    Asks the kernel which address it would send from (a UDP socket is
    "connected", which sends nothing); falls back to the host name's
    address, then to ``127.0.0.1``.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 9))
        address = str(probe.getsockname()[0])
        if not address.startswith("0."):
            return address
    except OSError:
        pass
    finally:
        probe.close()
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def base_address(host: str, port: int, public_url: str | None = None) -> str:
    """The start of every address phones use: ``http://HOST:PORT``.

    Args:
        host: The address the server is bound to (``0.0.0.0``, ``::`` or
            ``""`` mean every interface: the LAN address is shown).
        port: The port it listens on.
        public_url: ``--public-url``: shown instead (a proxy, NAT).

    Returns:
        The address without a trailing ``/``.
    """
    if public_url:
        return public_url.rstrip("/")
    if host in ("", "0.0.0.0", "::"):
        host = lan_address()
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass
    return f"http://{host}:{port}"


def join_url(base: str, token: str) -> str:
    """The address phones open (the QR code holds it too): ``BASE/TOKEN``."""
    return f"{base}/{token}"


_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
"""What a QR code's alphanumeric mode holds (ISO/IEC 18004)."""


def qr_text(url: str) -> str:
    """What the QR code holds for ``url``: the same address, compact if it can be.

    The scheme and the host of a URL are case-insensitive (RFC 3986), so
    ``http://10.0.0.5:8080/K7M2Q9XPAB`` may be encoded as
    ``HTTP://10.0.0.5:8080/K7M2Q9XPAB``: all in the alphanumeric mode,
    which takes a smaller QR code than bytes. A path with small letters
    (``--public-url``) is kept as it is.
    """
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    compact = f"{scheme.upper()}{sep}{host.upper()}{slash}{path}"
    return compact if set(compact) <= _ALPHANUMERIC else url
