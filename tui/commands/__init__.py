"""Subcommands of the ``podium`` command that have their own module."""
