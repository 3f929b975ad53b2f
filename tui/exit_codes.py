"""The exit statuses of every ``podium`` command, defined once.

Imports nothing: the CLI and the terminal lifecycle (:mod:`tui.terminal`)
both use it.
"""

from __future__ import annotations

EXIT_OK = 0
"""Success."""

EXIT_REFUSED = 1
"""A vote the store refused (no poll on the presenter's screen, poll closed)."""

EXIT_BAD_INPUT = 2
"""Bad input: a deck, theme, store or option that cannot be used, or a full-screen
command run without a terminal (the Unix convention for misuse)."""

EXIT_INTERRUPTED = 130
"""Stopped with Ctrl+C outside a full-screen view (128 + SIGINT, as shells do)."""
