"""Rehearsals: time each slide while rehearsing, keep the timings, report them.

:mod:`~tui.rehearsal.recorder` adds up the time per slide and reveal step,
:mod:`~tui.rehearsal.store` keeps it (SQLite), :mod:`~tui.rehearsal.report`
turns it into a table, CSV or JSON, and :mod:`tui.cli.rehearse` is
``podium rehearse``. Nothing here imports Textual.
"""
