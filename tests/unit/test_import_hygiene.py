"""The deck package stays free of Textual and Rich (it is plain data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_deck_package_loads_no_ui_libraries() -> None:
    code = (
        "import sys\n"
        "import tui.deck\n"
        "from tui.deck import load_deck_text\n"
        "load_deck_text('slides: [{title: Hi}]')\n"
        "leaked = sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'rich'))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
