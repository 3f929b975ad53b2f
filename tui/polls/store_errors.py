"""Errors of the vote store: :class:`StoreError` and where the file may live.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore` and
:mod:`tui.polls.schema` the tables and upgrades; this module owns the vote store's
error. :class:`VoteStoreError` (also named ``StoreError`` here and in
:mod:`tui.polls.store`) derives from the one base of every store's errors,
:class:`tui.storage.errors.StoreError`. Where the file may live is checked by
:func:`tui.polls.store._check_location`; turning SQLite's errors into
messages is :func:`tui.storage.sqlite.translate`'s job. Who may write the
file is :mod:`tui.polls.access`'s business. Imports no SQLite.
"""

from __future__ import annotations

from tui.storage import errors


class VoteStoreError(errors.StoreError):
    """The vote store cannot be used; the message says why and names the file.

    A :class:`~tui.storage.errors.StoreError` (``path``, ``busy``, ``empty``);
    importable here and from :mod:`tui.polls.store` as ``StoreError``.
    """


StoreError = VoteStoreError
"""The name the vote store's callers have always used for :class:`VoteStoreError`."""


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"
