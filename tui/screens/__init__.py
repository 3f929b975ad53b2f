"""Podium's screens: the presenter, and the modal ones it opens."""
