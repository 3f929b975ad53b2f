"""Podium: present YAML decks in the terminal."""

from tui.docless import install as _install_docless

# Before any other Podium module is imported: they load without docstrings.
_install_docless()

from tui.lean_msgspec import defer_extras as _defer_msgspec_extras  # noqa: E402

__version__ = "0.1.0"

# Before any Podium module imports msgspec: its unused submodules load when used.
_defer_msgspec_extras()
