"""The presenting core: the presenter's state and every operation on it.

Textual-free. :mod:`tui.show.core` is what happens when the presenter moves
(:class:`Show`), :mod:`tui.show.votes` what happens when a vote arrives,
:mod:`tui.show.state` the state value, :mod:`tui.show.events` the one
:class:`Change` event observers get, :mod:`tui.show.browse` the small
navigator of a view that browses alone.
"""

from __future__ import annotations

from tui.show.core import Show
from tui.show.events import Change, Flag, Notice, NoticeKind
from tui.show.state import ShowState

__all__ = ["Change", "Flag", "Notice", "NoticeKind", "Show", "ShowState"]
