"""Where Podium finds its bundled files (default deck, themes) and user data.

The default deck and themes sit at the top of the source tree and are copied
into ``tui/data/`` by the wheel build (see ``pyproject.toml``). An editable
install or a source checkout has no ``tui/data/``, so each lookup falls back
to the source tree.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE / "data"
_SOURCE_TREE = _PACKAGE.parent


def bundled_deck() -> Path:
    """Path of the default deck shipped with Podium (``slides.yaml``)."""
    packaged = _DATA / "slides.yaml"
    return packaged if packaged.is_file() else _SOURCE_TREE / "slides.yaml"


def bundled_themes_dir() -> Path:
    """Folder of the theme files shipped with Podium (``themes/``)."""
    packaged = _DATA / "themes"
    return packaged if packaged.is_dir() else _SOURCE_TREE / "themes"


def user_data_dir() -> Path:
    """Podium's per-user data folder (votes, rehearsals), not created here.

    ``PODIUM_DATA_DIR`` overrides it, which the tests use to stay hermetic.
    """
    import os

    override = os.environ.get("PODIUM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("podium", appauthor=False)
