"""The vote store's schema: its tables, versions, creation and upgrades.

:mod:`tui.polls.store` owns :class:`~tui.polls.store.VoteStore`; this module
owns what a store file must look like, as a :class:`~tui.storage.sqlite.Kind`
(:data:`KIND`) that :mod:`tui.storage.checks` checks and sets up: an existing
store is first read through a read-only connection and refused unless it is
an empty database or an undamaged Podium vote store of a version this Podium
reads; a new file gets the tables; a store of schema version 1 is upgraded
in one transaction after a backup copy is written next to it; the file runs
in WAL mode with ``synchronous=FULL``. Errors are
:class:`~tui.polls.store_errors.StoreError` (see :mod:`tui.polls.store_errors`).
Runs no SQL itself.
"""

from __future__ import annotations

from tui.polls.store_errors import StoreError
from tui.storage.kind import MEMORY, Kind

SCHEMA_VERSION = 2
"""Schema version this Podium writes and reads (``PRAGMA user_version``).

1: votes keyed by option text, one per voter and poll.
2: votes keyed by option id (text kept as a label), several per voter for
multiple-choice polls; reset backups; poll definitions; the stage.
"""

APPLICATION_ID = 0x506F6469
"""``PRAGMA application_id`` marking a Podium vote store (ASCII ``Podi``)."""

__all__ = ["APPLICATION_ID", "KIND", "MEMORY", "SCHEMA_VERSION"]

_TABLES_V2 = """
CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,       -- audience voter id, or 'hand:<uuid4>'
    option_id TEXT,            -- the option's id, or NULL for votes from schema 1
    label TEXT NOT NULL,       -- the option's text when the vote was cast
    cast_at REAL NOT NULL      -- unix time, seconds
);
CREATE UNIQUE INDEX votes_choice ON votes (poll_id, voter, option_id);
CREATE TABLE cleared_votes (   -- what resets cleared: a backup
    id INTEGER PRIMARY KEY,
    reset_id INTEGER NOT NULL, -- one number per reset
    cleared_at REAL NOT NULL,
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    option_id TEXT,
    label TEXT NOT NULL,
    cast_at REAL NOT NULL
);
CREATE INDEX cleared_votes_poll ON cleared_votes (poll_id, reset_id);
CREATE TABLE polls (           -- poll definitions, as last presented
    poll_id TEXT PRIMARY KEY,
    spec TEXT NOT NULL,        -- the deck's Poll as JSON
    published_at REAL NOT NULL
);
CREATE TABLE stage (           -- what the presenter's screen shows now
    id INTEGER PRIMARY KEY CHECK (id = 1),
    poll_id TEXT,              -- NULL: no poll on screen
    revealed INTEGER NOT NULL DEFAULT 0,
    presenter_pid INTEGER,     -- NULL: no presenter running
    presenter_host TEXT,
    changed_at REAL NOT NULL
);
"""

_SCHEMA = f"""
{_TABLES_V2}
CREATE TABLE IF NOT EXISTS poll_state (
    poll_id TEXT PRIMARY KEY,
    closed INTEGER NOT NULL DEFAULT 0
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""

_MIGRATE_V1 = f"""
ALTER TABLE votes RENAME TO votes_v1;
{_TABLES_V2}
INSERT INTO votes (id, poll_id, voter, option_id, label, cast_at)
    SELECT id, poll_id, voter, NULL, option, cast_at FROM votes_v1 ORDER BY id;
DROP TABLE votes_v1;
PRAGMA user_version = 2;
"""

KIND = Kind(
    noun="vote store",
    application_id=APPLICATION_ID,
    version=SCHEMA_VERSION,
    tables={
        1: frozenset({"votes", "poll_state"}),
        2: frozenset({"votes", "cleared_votes", "polls", "stage", "poll_state"}),
    },
    scripts={0: _SCHEMA, 1: _MIGRATE_V1},
    error=StoreError,
    elsewhere="--store PATH or PODIUM_DATA_DIR",
    what="the vote tables",
    empty_message="{path} holds no votes yet: no presenter has set it up as a vote store",
    backup_before_upgrade=frozenset({1}),
    synchronous="FULL",
)
"""What a vote store file is, for :mod:`tui.storage.checks` and :mod:`tui.storage.sqlite`.

``MEMORY`` (the ``path`` of :meth:`~tui.polls.store.VoteStore.in_memory`)
comes from there too.
"""
