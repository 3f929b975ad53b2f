"""``podium [DECK] [--theme NAME|PATH] [--store PATH] [--shared-store] [--serve [HOST:]PORT]``."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from tui.cli.common import BadInput, deck_to_present, fail, warn
from tui.cli.session import NotStarted, Options, Session, open_session
from tui.lazy_re import LazyPattern

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    from tui.web.control import PhoneSetup

NO_TERMINAL_HINT = "for scripts use 'podium check' or 'podium vote --choice N'"
"""What ``podium`` suggests when it has no terminal to present in."""

_PUBLIC_URL = LazyPattern(r"https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~\-/]*)?")
"""What ``--public-url`` may be: http(s), a host (and port), an optional plain path."""


def _phone_socket(args: argparse.Namespace | SimpleNamespace) -> socket.socket | None:
    """Bind ``--serve`` before anything else starts (a taken port: exit 2).

    Raises:
        BadInput: ``--serve`` or ``--public-url`` is wrong, or the address
            cannot be served.
    """
    serve = getattr(args, "serve", None)
    public_url = getattr(args, "public_url", None)
    if serve is None:
        if public_url is not None:
            raise BadInput(["podium: --public-url needs --serve [HOST:]PORT"])
        return None
    from tui.web.serving import Address, BindError, bind

    if public_url is not None and (len(public_url) > 200 or not _PUBLIC_URL.fullmatch(public_url)):
        raise BadInput(
            [
                "podium: --public-url must be an http:// or https:// address"
                " such as http://vote.example:8080"
            ]
        )
    try:
        address = Address.parse(serve)
    except ValueError as error:
        raise BadInput([f"podium: --serve: {error}"]) from None
    try:
        return bind(address)
    except BindError as error:
        raise BadInput([f"podium: --serve: {error}"]) from None


def present(args: argparse.Namespace | SimpleNamespace) -> int:
    """Present a deck full-screen.

    Args:
        args: ``podium``'s parsed options (``deck``, ``theme``, ``store``,
            ``shared_store``, ``no_reload``, ``serve``, ``public_url``).

    Returns:
        The exit status: 0 after ``q``, 2 for bad input (a port already
        taken included) or no terminal, 128 + the signal's number after a
        quit signal.
    """
    try:
        deck = deck_to_present(args.deck, args.theme)
        sock = _phone_socket(args)
    except BadInput as error:
        return fail(error.lines)
    phones = None
    if sock is not None:
        from tui.web.control import PhoneSetup
        from tui.web.serving import Address

        phones = PhoneSetup(Address.parse(args.serve), sock, public_url=args.public_url)
    options = Options(
        command="podium",
        no_terminal_hint=NO_TERMINAL_HINT,
        theme=args.theme,
        store=args.store,
        shared_store=args.shared_store,
        reload=not args.no_reload,
        phones=phones,
    )
    try:
        session = open_session(deck, options)
    except NotStarted as stop:
        if sock is not None:
            sock.close()
        return stop.status
    if phones is not None and sock is not None:
        status = _announce(session, phones)
        if status:
            sock.close()
            session.close(None, status)
            return status
    return session.run()


def _announce(session: Session, phones: PhoneSetup) -> int:
    """Print where phones join (the token is made now); 0, or 2 when it cannot be kept."""
    from tui.web.join import base_address, join_url, load_token, short_code, token_path

    assert phones.sock is not None
    votes = session.votes
    path = token_path(session.deck.source, votes.path if votes is not None else None)
    try:
        phones.token = load_token(path)
    except OSError as error:
        return fail([f"podium: --serve: cannot keep the join token in {path}: {error}"])
    host, port = phones.sock.getsockname()[:2]
    url = join_url(base_address(host, port, phones.public_url), phones.token)
    warn(f"podium: phones join at {url} (code {short_code(phones.token)})")
    return 0
