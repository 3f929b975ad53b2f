"""What Podium's SQLite stores share: one error class, one way to open and check a file.

:mod:`tui.storage.errors` holds :class:`~tui.storage.errors.StoreError`, the
base of every store's errors (imports nothing); :mod:`tui.storage.sqlite`
is the one module that opens SQLite files, checks them before writing and
runs transactions, for the vote store (:mod:`tui.polls.store`) and the
rehearsal store (:mod:`tui.rehearsal.store`). Imports nothing here, so
importing a submodule loads only what it needs.
"""
