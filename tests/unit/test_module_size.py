"""Modules stay small enough to read in one sitting: none in ``tui/`` is over 400 lines."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(REPO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (REPO / "tui").rglob("*.py")
    }
    assert len(sizes) > 50, "the package was not found"
    assert {path: lines for path, lines in sizes.items() if lines > MAX_LINES} == {}
