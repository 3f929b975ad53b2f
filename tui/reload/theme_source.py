"""Which file a deck's theme is read from, for the live reload's watch.

:func:`theme_file` tells the watch (:mod:`tui.reload.presenter`) which file
to follow besides the deck as soon as the presenter's app is up; reading
the deck and theme again after a save (:mod:`tui.reload.loading`) waits for
the first save.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_THEME = "ks"
"""As :data:`tui.app.DEFAULT_THEME` (not imported: that module is the app)."""


def theme_file(name: str, deck_dir: Path | None) -> Path | None:
    """The file a theme name or path is read from, as :func:`tui.themes.resolve_theme` finds it.

    Args:
        name: The theme as written (``--theme`` or ``theme:``).
        deck_dir: The deck's folder (a relative theme path is tried there first).

    Returns:
        The theme file (for a path that does not exist yet, where it would
        be looked for first), or None for a theme built into Textual.
    """
    from tui.themes import available_themes

    wanted = name.strip()
    looks_like_path = (
        "/" in wanted
        or os.sep in wanted
        or wanted.startswith(("~", "."))
        or wanted.lower().endswith((".yaml", ".yml"))
    )
    if not looks_like_path:
        return available_themes().get(wanted)
    given = Path(wanted).expanduser()
    if given.is_absolute():
        return given
    candidates = [folder / given for folder in (deck_dir, Path.cwd()) if folder is not None]
    for candidate in candidates:  # resolve_theme's rule; never raises (a name too long)
        if os.path.exists(candidate) and not os.path.isdir(candidate):
            return candidate
    return candidates[0] if candidates else None
