"""Patterns compiled when first used: the answers of :mod:`re`, and none compiled at start-up."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tui.lazy_re import LazyPattern
from tui.safe_text import _LINE_TABLE, _LINES_TABLE, TEXT_CONTROLS, printable

REPO = Path(__file__).resolve().parents[2]


def test_a_lazy_pattern_answers_as_the_compiled_one_and_compiles_on_first_use() -> None:
    source = r"^\s*(\d+)\s*m$"
    lazy, eager = LazyPattern(source), re.compile(source)
    assert not lazy.is_compiled
    for text in ("5m", " 12 m", "m", "5 mm", ""):
        assert bool(lazy.match(text)) == bool(eager.match(text))
        assert bool(lazy.search(text)) == bool(eager.search(text))
        assert bool(lazy.fullmatch(text)) == bool(eager.fullmatch(text))
    assert lazy.is_compiled and lazy.compiled.pattern == source
    words = LazyPattern(r"[a-z]+")
    assert words.sub("-", "ab 12 cd") == "- 12 -"
    assert [match.group() for match in words.finditer("ab 12 cd")] == ["ab", "cd"]


def _exact(text: str, *, lines: bool) -> str:
    """What printable() gave before its shortcut: the regular expressions alone."""
    if lines:
        if re.search(f"[{TEXT_CONTROLS}]|\r\n", text) is None:
            return text
        return text.replace("\r\n", "\n").translate(_LINES_TABLE)
    if re.search(f"[\x00-\x1f\x7f-\x9f{TEXT_CONTROLS[-11:]}]", text) is None:
        return text
    return text.replace("\r\n", "\n").translate(_LINE_TABLE)


def test_printable_gives_what_the_exact_search_gives_for_every_kind_of_character() -> None:
    # Every C0 and C1 control, DEL, the separators, the bidi overrides, and
    # characters str.isprintable() rejects that are harmless (no-break space,
    # soft hyphen, private use, unassigned).
    specials = [chr(code) for code in (*range(0x20), *range(0x7F, 0xA1))]
    specials += ["\u00ad", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"]
    specials += ["\ue000", "\U000e0001", "\u0378", "\u3000", "\r\n"]
    for special in specials:
        for text in (special, f"Hei{special}", f"a{special}b\nc\td", f"{special}\n"):
            for lines in (True, False):
                assert printable(text, lines=lines) == _exact(text, lines=lines), (text, lines)
    plain = "Samordning – en innovasjonsutfordring\n\t- Nytt"
    assert printable(plain) is plain and printable("Tittel", lines=False) == "Tittel"


def test_the_first_frame_compiles_none_of_the_patterns_podium_defers() -> None:
    """Start-up (the modules, then the app up to its first frame) leaves each lazy pattern alone."""
    code = (
        "import asyncio, gc\n"
        "import tui.app, tui.cli.present, tui.cli.session, tui.themes, tui.theme_values\n"
        "from tui.lazy_re import LazyPattern\n"
        "lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "assert len(lazy) >= 8, lazy\n"
        "assert not [o for o in lazy if o.is_compiled], 'compiled on import'\n"
        "from tui.deck import load_deck_text\n"
        "deck = load_deck_text('title: Talk\\nslides:\\n"
        '  - {title: Velkommen, body: "- Nytt\\\\n- Nyttig"}\\n  - {title: To}\\n\')\n'
        "async def main():\n"
        "    app = tui.app.make_app(deck)\n"
        "    # The deck and theme were checked here; a start reads both kept (checked_cache).\n"
        "    for o in lazy: o._compiled = None\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(sorted(o.pattern for o in lazy if o.is_compiled))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
