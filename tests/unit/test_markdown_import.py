"""Pygments is imported by the first code block drawn, not by Markdown itself.

Each check runs in a fresh interpreter: what is imported is the point.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_deck_without_code_presents_every_slide_without_pygments() -> None:
    """The default deck (no code block), paged through with the notes open: no Pygments."""
    out = run(
        """
        import asyncio, sys
        from tui.app import make_app
        from tui.deck import load_deck

        async def main():
            app = make_app(load_deck("slides.yaml"))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("s")
                for _ in app.deck.slides:
                    await pilot.press("right")
                    await pilot.pause()
                assert "rich.markdown" in sys.modules  # bodies were drawn
                print(sorted(m for m in sys.modules if m.split(".")[0] == "pygments"
                             or m == "rich.syntax"))

        asyncio.run(main())
        """
    )
    assert out.strip() == "[]"


def test_the_default_deck_presents_without_linkify() -> None:
    """markdown_it comes in without linkify_it: no parser of Podium links bare URLs."""
    out = run(
        """
        import asyncio, sys
        from tui.app import make_app
        from tui.deck import load_deck

        async def main():
            app = make_app(load_deck("slides.yaml"))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("s")
                for _ in app.deck.slides:
                    await pilot.press("right")
                    await pilot.pause()
                import markdown_it.main
                print("markdown_it" in sys.modules, markdown_it.main.linkify_it,
                      sorted(m for m in sys.modules if m.startswith("linkify_it")),
                      "html.entities" in sys.modules)

        asyncio.run(main())
        """
    )
    assert out.strip() == "True None [] False"  # and no entity table: the deck has no &name;


def test_entities_are_decoded_as_before() -> None:
    """The entity table comes with the first ``&name;``: the same text as markdown_it's own."""
    code = """
        import sys
        {first}
        from rich.console import Console
        from tui.render import markdown
        console = Console(width=60, color_system=None)
        with console.capture() as capture:
            console.print(markdown("Tom &amp; Jerry &copy; &#169; &nosuch; [a](/x?a=1&amp;b=2)"))
        print(repr(capture.get()), "html.entities" in sys.modules)
        """
    lazy = run(code.format(first=""))
    eager = run(code.format(first="import markdown_it"))
    assert lazy == eager
    assert "Tom & Jerry © © &nosuch;" in lazy and lazy.split()[-1] == "True"


def test_linkify_it_can_still_be_imported_after_markdown_it() -> None:
    """Only markdown_it's own import goes without it; the library itself stays importable."""
    out = run(
        """
        import sys
        from tui.markdown_import import markdown_it_class
        parser = markdown_it_class()()
        print(parser.linkify, parser.render("see https://www.ks.no").strip())
        import linkify_it
        print(type(linkify_it.LinkifyIt()).__name__)
        """
    )
    assert out.split("\n")[:2] == [
        "None <p>see https://www.ks.no</p>",
        "LinkifyIt",
    ]


def test_a_code_block_is_still_highlighted() -> None:
    """The slide with code imports Pygments and draws the code in the theme's colours."""
    out = run(
        """
        import asyncio, sys
        from tui.app import make_app
        from tui.deck import load_deck_text

        DECK = '''
        slides:
          - title: Words
            body: Just text.
          - title: Code
            body: |
              ```python
              def answer():
                  return 42
              ```
        '''

        async def main():
            app = make_app(load_deck_text(DECK, "code.yaml"))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                print("before", "pygments" in sys.modules)
                await pilot.press("right")
                await pilot.pause()
                body = app.screen.query_one("#slide-body")
                for line in body.render_lines(body.region.reset_offset):
                    for segment in line:
                        if segment.text.strip() in ("def", "return", "42"):
                            coloured = segment.style is not None and segment.style.color is not None
                            print(segment.text.strip(), coloured)
                print("after", "pygments" in sys.modules)

        asyncio.run(main())
        """
    )
    lines = out.split("\n")
    assert "before False" in lines and "after True" in lines
    assert {"def True", "return True", "42 True"} <= set(lines), out


def test_markdown_draws_code_as_rich_syntax_does() -> None:
    """The stand-in builds the real Syntax: the same segments as Rich's own import order."""
    code = """
        import sys
        {first}
        from rich.console import Console
        from tui.render import markdown
        console = Console(width=50, color_system="truecolor", force_terminal=True)
        with console.capture() as capture:
            console.print(markdown("Text\\n\\n```python\\nx = [1, 'a']\\n```\\n"))
        print(repr(capture.get()))
        """
    lazy = run(code.format(first=""))
    eager = run(code.format(first="import rich.syntax"))
    assert lazy == eager
    assert "\\x1b[" in lazy  # coloured


def test_rich_syntax_imported_after_markdown_is_the_real_module() -> None:
    out = run(
        """
        import sys
        from tui.markdown_import import markdown_class, lazy_syntax
        markdown_class()
        import rich.markdown
        print(rich.markdown.Syntax is lazy_syntax, "rich.syntax" in sys.modules)
        from rich.syntax import Syntax
        print(hasattr(Syntax, "from_path"), sys.modules["rich.syntax"].Syntax is Syntax)
        """
    )
    assert out.split("\n")[:2] == ["True False", "True True"]


def test_markdown_imported_after_rich_syntax_uses_it_directly() -> None:
    out = run(
        """
        import rich.syntax
        from tui.markdown_import import markdown_class
        markdown_class()
        import rich.markdown
        print(rich.markdown.Syntax is rich.syntax.Syntax)
        """
    )
    assert out.strip() == "True"


def test_typographer_rules_come_with_their_first_use() -> None:
    """The rules no Podium parser turns on are not imported, and work as before when turned on."""
    code = """
        import sys
        {first}
        from tui.markdown_import import OFF_RULES, markdown_it_class
        parser = markdown_it_class()("commonmark", {{"typographer": True}})
        parser.enable(["replacements", "smartquotes"])
        before = sorted(module for module, _ in OFF_RULES if module in sys.modules)
        html = parser.render('"Hello" -- (c) it\\'s...')
        print(repr(html), before, sorted(m for m, _ in OFF_RULES if m in sys.modules))
        """
    lazy = run(code.format(first=""))
    eager = run(code.format(first="import markdown_it"))
    html, _, rest = lazy.rpartition("' ")
    assert html == eager.rpartition("' ")[0] and "“Hello” – © it’s…" in html
    assert rest.startswith("[] ['markdown_it.rules_core.replacements', 'markdown_it.rules_core.smartquotes']")
