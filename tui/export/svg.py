"""One SVG per slide: exactly what the presenter's terminal shows.

The real app runs headless (``App.run_test``) at ``--size`` and each slide
is shown complete (every reveal step, a poll's chart when the store has
results) and captured with Textual's own screenshot. Rich's SVG asks a web
font server for Fira Code; here that request is taken out and a subset of
DejaVu Sans Mono (the glyphs the slide uses) is embedded instead, so the
file renders the same offline, anywhere. Imports Textual (the app).
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tui.export.sources import Sources
from tui.safe_text import printable

if TYPE_CHECKING:
    from tui.app import PodiumApp
    from tui.deck.model import Deck, Poll
    from tui.polls.model import PollResults
    from tui.polls.store import VoteStore

FONTS = Path(__file__).parent / "fonts"
FONT_FAMILY = "Podium Mono"
"""The embedded font's family name in the SVG's style sheet."""

_FONT_FACES = re.compile(r"@font-face\s*\{[^}]*\}\s*", re.S)
_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.S)


class StoredResults:
    """A read-only stand-in for the vote store: the results read for the export.

    The app reads polls through it; nothing is written (the stage is not
    published, no vote can be cast).

    Args:
        sources: The results read from the store.
    """

    def __init__(self, sources: Sources) -> None:
        self._sources = sources

    def results(self, poll: Poll) -> PollResults:
        """The stored results of ``poll``, or none."""
        from tui.polls.model import PollResults

        record = self._sources.polls.get(poll.id)
        return record.results if record is not None else PollResults.empty(poll)

    def is_closed(self, poll_id: str) -> bool:
        """Whether the stored poll is closed."""
        record = self._sources.polls.get(poll_id)
        return record is not None and record.results.closed

    def data_version(self) -> int:
        """Never changes: nothing is written during an export."""
        return 0

    def publish(self, *args: Any, **kwargs: Any) -> None:
        """Publishing the stage to voters: not during an export."""

    def end_presentation(self, *args: Any, **kwargs: Any) -> None:
        """Nothing was published, so nothing to end."""

    def records(self, poll: Poll) -> list[Any]:
        """No individual votes are shown on a slide."""
        return []

    def last_reset(self, poll_id: str) -> None:
        """No reset to undo."""
        return None


def export_svgs(
    deck: Deck,
    folder: Path,
    sources: Sources,
    *,
    theme: str | None = None,
    size: tuple[int, int] = (100, 30),
) -> list[Path]:
    """Write ``folder/slide-01.svg`` ... one per slide.

    Args:
        deck: The deck.
        folder: Where to write (created if missing).
        sources: Stored poll results.
        theme: ``--theme``, or None for the deck's.
        size: Columns and rows of the terminal.

    Returns:
        The files written, in slide order.

    Raises:
        OSError: The folder cannot be made or written.
    """
    images = asyncio.run(capture(deck, sources, theme=theme, size=size))
    font = embedded_font(images)
    from tui.export.files import write_file
    from tui.paths import PRIVATE_DIR_MODE

    folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)  # a new one: private
    width = max(2, len(str(len(images))))

    files = []
    for number, image in enumerate(images, start=1):
        path = folder / f"slide-{number:0{width}d}.svg"
        write_file(path, with_font(image, font).encode("utf-8"))
        files.append(path)
    return files


async def capture(
    deck: Deck, sources: Sources, *, theme: str | None, size: tuple[int, int]
) -> list[str]:
    """Each slide, complete, as Textual's SVG screenshot (Rich's format)."""
    from tui.app import make_app

    store = cast("VoteStore", StoredResults(sources))
    app: PodiumApp = make_app(deck, theme_name=theme, store=store)
    title = printable(deck.title or "Podium", lines=False)
    images = []
    async with app.run_test(size=size, notifications=False) as pilot:
        await pilot.pause()
        show = app.show
        for index, slide in enumerate(deck.slides):
            show.jump(index)
            for _ in range(slide.steps):
                show.next()
            if slide.poll is not None and slide.poll.id in sources.polls:
                if not show.chart_shown(slide.poll):
                    show.toggle_chart()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            images.append(app.export_screenshot(title=f"{title} – {index + 1}/{len(deck.slides)}"))
    return images


def shown_text(svg: str) -> str:
    """The characters an SVG screenshot shows (its ``<text>`` contents)."""
    return html.unescape("".join(_TEXT.findall(svg)))


def embedded_font(images: Iterable[str]) -> str:
    """``@font-face`` rules with DejaVu Sans Mono, regular and bold, subset to
    the characters of ``images``, as ``data:`` URIs."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset": harmless

    characters = set("".join(shown_text(image) for image in images)) | set(" ?…")
    rules = []
    for weight, name in ((400, "DejaVuSansMono.ttf"), (700, "DejaVuSansMono-Bold.ttf")):
        font = TTFont(FONTS / name)
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(char) for char in characters])
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'src: url("data:font/ttf;base64,{data}") format("truetype"); }}'
        )
    return "\n    ".join(rules) + "\n    "


def with_font(svg: str, font: str) -> str:
    """Rich's SVG with its web fonts replaced by ``font`` (no outside request)."""
    svg = _FONT_FACES.sub("", svg, count=2)
    svg = svg.replace("<style>", "<style>\n    " + font, 1)
    return svg.replace(
        "font-family: Fira Code, monospace",
        f'font-family: "{FONT_FAMILY}", "DejaVu Sans Mono", "Fira Code", monospace',
    )
