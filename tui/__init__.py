"""Podium: present YAML decks in the terminal."""

from tui.lean_msgspec import defer_extras as _defer_msgspec_extras

__version__ = "0.1.0"

# Before any Podium module imports msgspec: its unused submodules load when used.
_defer_msgspec_extras()
