"""Pictures in the slide view: the body drawn with its pictures, refitted on resize.

:class:`PictureFitting` is mixed into :class:`~tui.widgets.slide_view.SlideView`.
A slide with pictures (see :mod:`tui.render_images`) has its body drawn by
:func:`tui.render_images.slide_body`, with the rows the view has left under
its title; when the view changes size (the terminal was resized, the notes
pane opened) or the title turns out taller than guessed, the body is drawn
again at the new size. A slide without pictures never imports the picture
renderer (Pillow, textual-image).
"""

from __future__ import annotations

import sys
from functools import partial
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.slide_frame import frame_width

if TYPE_CHECKING:
    from tui.deck.model import Slide

MIN_ROOM = 3
"""Fewest rows the body is given, however small the view."""


# A plain class at run time, a Widget for the type checker: defining a
# subclass of a Textual class takes about half a millisecond on the way to
# the first frame, and a mixin needs none of what Textual sets up for one (it
# has no bindings, CSS or decorated handlers; Textual finds a handler named
# ``on_...`` anywhere in a widget's MRO).
if TYPE_CHECKING:
    _WidgetMixin = Widget
else:
    _WidgetMixin = object


class PictureFitting(_WidgetMixin):
    """Draws a slide body that has pictures, sized to the room in the view."""

    _pictures: tuple[Slide, str, str] | None = None
    _picture_room: int = 0

    def show_pictures(
        self, slide: Slide | None, body_text: str = "", justify: str = "left"
    ) -> bool:
        """Draw ``body_text`` of ``slide`` with its pictures, if it has any.

        Args:
            slide: The slide shown (None: no slide, forget the last one).
            body_text: Its body at the current reveal step.
            justify: ``left`` or ``center``.

        Returns:
            True when the body was drawn here (the slide has pictures).
        """
        if slide is not None:
            self._draw_next_ahead(slide)
        if slide is None or not slide.image_files:
            self._pictures = None
            return False
        self._pictures = (slide, body_text, justify)
        if "textual_image" in sys.modules:
            self._draw_pictures()
            self.call_after_refresh(self.refit_pictures)
        else:
            # The first picture: paint the title now and the body once Pillow
            # and textual-image (~0.1 s to import) are in.
            self._picture_room = 0
            self.query_one("#slide-body", Static).update("")
            self.call_after_refresh(self.refit_pictures)
        return True

    def refit_pictures(self) -> None:
        """Draw the pictures again if the room for them has changed."""
        if self._pictures is not None and self.picture_room() != self._picture_room:
            self._draw_pictures()
            # The status line says whether the slide scrolls ("more"): ask
            # the screen that shows one to look again once this is laid out.
            draw_status = getattr(self.screen, "_draw_status", None)
            if callable(draw_status):
                self.call_after_refresh(draw_status)

    def on_resize(self) -> None:
        """Refit the pictures to the view's new size."""
        self.refit_pictures()

    def picture_room(self) -> int:
        """Rows for the body: the view's height less its title, subtitle, columns,
        poll and attribution, and one blank row above the footer."""
        frames = self.query("#slide-frame")
        region = frames.first().content_region if frames else self.content_region
        height = region.height - 1
        if height <= 0:
            height = max(self.app.size.height - 6, 0)
        others = ("#slide-top", "#slide-title", "#slide-subtitle", "#slide-author")
        after = ("#slide-columns", "#slide-poll-row", "#slide-attribution", "#slide-meta")
        for selector in (*others, *after):
            for widget in self.query(selector):
                if widget.display:
                    margin = widget.styles.margin
                    height -= widget.outer_size.height + margin.top + margin.bottom
        return max(height, MIN_ROOM)

    def _draw_pictures(self) -> None:
        from tui.picture_terminal import set_terminal_writer
        from tui.render_images import slide_body

        if self._pictures is None:
            return
        driver = getattr(self.app, "_driver", None)
        set_terminal_writer(getattr(driver, "write", None))
        slide, body_text, justify = self._pictures
        self._picture_room = self.picture_room()
        body = self.query_one("#slide-body", Static)
        body.update(slide_body(slide, body_text, self._picture_room, justify))

    def _draw_next_ahead(self, slide: Slide, laid_out: bool = False) -> None:
        """Draw the next slide's pictures in a thread, so that moving on is instant.

        Drawing half blocks costs ~0.1 s a picture (more on a slow machine);
        the drawn lines are kept (see :mod:`tui.render_images`), so the
        presenter's next keypress finds them ready while the talk goes on.
        """
        slides = getattr(getattr(self.app, "deck", None), "slides", ())
        index = next((i for i, shown in enumerate(slides) if shown is slide), -1)
        if index < 0 or index + 1 >= len(slides) or not slides[index + 1].image_files:
            return
        upcoming = slides[index + 1]
        frames = self.query("#slide-frame")
        width = (frames.first() if frames else self).content_region.width
        measure = getattr(getattr(self.app, "deck", None), "width", None)
        if measure:
            widest = frame_width(upcoming.layout, measure)
            width = min(width, widest) if widest else width
        if width <= 0:
            if not laid_out:  # the first slide: once the view has its size
                self.call_after_refresh(self._draw_next_ahead, slide, True)
            return
        room = self.picture_room()
        centred = upcoming.layout.value in ("title", "section", "quote")
        self.run_worker(
            partial(_draw_ahead, upcoming, width, room, "center" if centred else "left"),
            thread=True,
            group="pictures-ahead",
            exclusive=True,
            exit_on_error=False,
        )


def _draw_ahead(slide: Slide, width: int, room: int, justify: str) -> None:
    """Draw ``slide``'s pictures once, off screen, to fill the drawn-lines cache."""
    import io

    from rich.console import Console

    from tui.render_images import slide_body

    console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system=None)
    body = slide_body(slide, slide.body_at_step(0), room, justify)
    console.render_lines(body, console.options, pad=False)
