"""What Podium's SQLite stores share: one error class, one way to open and check a file.

:mod:`tui.storage.errors` holds :class:`~tui.storage.errors.StoreError`, the
base of every store's errors (imports nothing); :mod:`tui.storage.sqlite`
(opening files, pragmas, transactions, SQLite's errors) and
:mod:`tui.storage.checks` (what a file must be before it is written, and
setting it up) are the one SQLite helper, for the vote store (:mod:`tui.polls.store`) and the
rehearsal store (:mod:`tui.rehearsal.store`). Imports nothing here, so
importing a submodule loads only what it needs.
"""
