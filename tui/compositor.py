"""Screen updates that render only what they show, and a way to draw one at once.

Textual's compositor answers an update of a small region (the notes pane's
clock, once a second) by asking every widget whose *container* overlaps it
for all of its lines: the screen, the stage, the slide beside the pane, the
notes, the status bar, each whole, to keep two rows of the clock. With the
cells cached that is still a few thousand calls a second for two digits.

:class:`CroppedCompositor` asks only the widgets whose visible part
overlaps the update, and only for the rows of the update, front to back,
stopping at the first widget that covers the whole update (the first strip
drawn in a cell is the one shown, so nothing behind it could show). The
strips it keeps are the ones Textual's would keep (a widget is only ever
drawn inside its visible region, and only the update's rows are sent), so
what reaches the terminal is the same. :class:`CroppedRenders` gives a
screen one. Every update, the whole screen's too (the first frame, a new
slide), skips the widgets hidden behind those in front of them: the screen
behind the stage and the status line, the stage behind the slide, a
container behind the children that fill it. Their strips would all be
dropped (the first strip drawn in a cell wins), so the update is the same,
drawn with less work.

:func:`paint_now` draws a widget's changed region as one update straight
away, instead of through Textual's round of refresh messages;
:func:`draw_offscreen` draws a screen that is not shown;
:func:`forget_lines` lets widgets not shown go of the lines they drew.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from textual._compositor import Compositor, LayoutUpdate
from textual.app import ScreenStackError
from textual.dom import NoScreen
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class CroppedCompositor(Compositor):
    """A compositor whose updates render the update's rows alone, of the widgets that show.

    It keeps none of the pieces it cuts the widgets' lines into: Textual's
    ``Strip.divide`` keeps its pieces in the line it cut (for the next
    update cut the same way), and the lines stay in the widgets' caches, so
    every row of every widget drawn held its pieces too: about 0.7 MB of
    strips on the default deck. The next update that needs them cuts them
    again (a few microseconds a row; an update of a slide draws its rows
    anew anyway).
    """

    _cut: list[list[Strip]] | None = None
    """The lines given to the update being rendered (their pieces are let go after it)."""

    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        """Textual's, then the lines drawn let go of the pieces they were cut into.

        Args:
            crop: The region being drawn.
            is_rendered_line: Whether a row is drawn.

        Returns:
            Per row, the pieces of the update by column, as Textual's.
        """
        cut: list[list[Strip]] = []
        self._cut = cut
        try:
            return super()._render_chops(crop, is_rendered_line)
        finally:
            self._cut = None
            for strips in cut:
                for strip in strips:
                    strip._divide_cache.clear()

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        """The strips of each widget inside ``crop``, front to back.

        A widget whose rows inside ``crop`` lie wholly behind the widgets
        before it is skipped: none of its strips would be kept.

        Args:
            crop: The region being drawn, or None for the whole screen.

        Returns:
            ``(region, clip, strips)`` per widget, as Textual's: ``strips``
            are the rows of ``region`` inside ``clip``, and ``clip`` is cut
            down to the rows of ``crop`` (whole rows of the widget's visible
            part, so the compositor's column cuts still fall on its edges).
        """
        crop_x, crop_y, crop_width, crop_height = crop or self.size.region
        crop_right, crop_bottom = crop_x + crop_width, crop_y + crop_height
        intersection = Region.intersection
        shown: list[Region] = []  # the rows drawn so far
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = intersection(region, clip)
            top, bottom = max(y, crop_y), min(y + height, crop_bottom)
            if bottom <= top or x >= crop_right or x + width <= crop_x:
                continue
            rows = Region(x, top, width, bottom - top)
            if _covered(rows, shown):
                continue  # every cell of it is drawn by a widget in front
            shown.append(rows)
            strips = widget.render_lines(Region(x - region.x, top - region.y, width, bottom - top))
            if self._cut is not None:
                self._cut.append(strips)
            yield region, rows, strips
            if (
                x <= crop_x
                and crop_right <= x + width
                and y <= crop_y
                and crop_bottom <= y + height
            ):
                return  # the update lies inside this widget: what is behind it does not show


def _covered(part: Region, shown: Sequence[Region]) -> bool:
    """Whether every cell of ``part`` lies in one of the regions ``shown`` (none empty).

    Plain comparisons, not ``Region.overlaps`` and ``contains_region``: those
    keep every pair they were asked about (Textual caches up to 1,024 each),
    and the rows of an update differ from one update to the next.
    """
    left, right, top, bottom = part.x, part.right, part.y, part.bottom
    front = [
        region
        for region in shown
        if region.x < right and left < region.right and region.y < bottom and top < region.bottom
    ]
    if not front:
        return False
    if any(
        region.x <= left and right <= region.right and region.y <= top and bottom <= region.bottom
        for region in front
    ):
        return True
    edges = sorted(
        {top, bottom}
        | {edge for region in front for edge in (region.y, region.bottom) if top < edge < bottom}
    )
    for band_top, band_bottom in pairwise(edges):
        spans = sorted(
            (region.x, region.right)
            for region in front
            if region.y <= band_top and band_bottom <= region.bottom
        )
        reach = left
        for start, end in spans:
            if start > reach:
                return False  # a gap
            reach = max(reach, end)
            if reach >= right:
                break
        if reach < right:
            return False
    return True


# A plain class at run time, a Screen for the type checker: defining a
# subclass of a Textual class takes about half a millisecond on the way to
# the first frame, and a mixin needs none of what Textual sets up for one (it
# has no bindings, CSS or decorated handlers; Textual finds a handler named
# ``on_...`` anywhere in a widget's MRO).
if TYPE_CHECKING:
    _ScreenMixin = Screen[Any]
else:
    _ScreenMixin = object


class CroppedRenders(_ScreenMixin):
    """A screen whose updates render only what they show (see :class:`CroppedCompositor`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = CroppedCompositor()


def paint_now(widget: Widget, regions: Sequence[Region]) -> bool:
    """Repaint ``regions`` of ``widget`` on the terminal now, as one screen update.

    ``widget.refresh(*regions)`` gets there through a round of messages (an
    idle check, an update message to the screen, the screen's update timer),
    which costs more than the repaint itself when it is a digit of a clock.
    This draws the same update straight away, through the compositor (so
    whatever lies in front of the widget still wins) and the app's display.

    Args:
        widget: A widget whose content changed, nothing else about it.
        regions: Parts of its content area to repaint.

    Returns:
        False when the screen cannot be drawn at once (it is not on top, an
        update is being held, a layout or another repaint is pending, the
        widget is not on screen): then call ``widget.refresh(*regions)``.
    """
    app = widget.app
    try:
        screen = widget.screen
        on_top = app.screen is screen
    except (NoScreen, ScreenStackError):  # not mounted, or no screen yet
        return False
    if (
        not on_top
        or app._batch_count
        or not app._running
        or screen._layout_required
        or screen._repaint_required
        or screen._dirty_widgets
        or widget._layout_required
        or widget._repaint_required
    ):
        return False
    compositor = screen._compositor
    found = compositor.visible_widgets.get(widget)
    if found is None:
        return False
    region, clip = found
    top_left = widget.content_offset
    inside = [part.translate(top_left) for part in regions]
    widget._styles_cache.set_dirty(*inside)
    dirty = [clip.intersection(part.translate(region.offset)) for part in inside]
    compositor._dirty_regions.update(part for part in dirty if part)
    update = compositor.render_update(screen_stack=app._background_screens)
    if update is not None:
        app._display(screen, update)
    return True


def draw_offscreen(screen: Screen[Any], size: Size) -> LayoutUpdate:
    """Lay out and draw ``screen`` as it would look at ``size``, without showing it.

    What Textual does for the screen on top (one layout pass, each widget
    told its size, the whole screen rendered), for a screen that is mounted
    but not on the screen stack: nothing reaches the terminal and no other
    screen is touched. A widget that asks for another layout once it knows
    its size (a scroll bar coming or going) gets one, as it would on top.

    Args:
        screen: A mounted screen, not on the stack.
        size: The terminal's size, in cells.

    Returns:
        The whole screen as one Textual update (rows of strips).
    """
    compositor = screen._compositor
    screen._size_updated(size, size, size)
    _settle(screen)
    for _ in range(3):
        compositor.reflow(screen, size)
        for widget, (region, _order, _clip, virtual, container, _, _) in compositor.layers:
            widget._size_updated(region.size, virtual, container)
        if not _settle(screen):
            break
    screen._layout_required = False
    return compositor.render_full_update()


def _settle(screen: Screen[Any]) -> bool:
    """Do at once what the screen's widgets would ask for on their next idle.

    Restyles what changed classes and, for a widget whose size may have
    changed, clears the arrangements of the containers around it, as
    ``Widget._check_refresh`` does (Textual 8).

    Returns:
        Whether anything asked for a new layout.
    """
    again = False
    for widget in screen.walk_children(Widget, with_self=True):
        if widget._refresh_styles_required:
            widget._refresh_styles_required = False
            widget.update_node_styles(animate=False)
        if widget._layout_required:
            widget._layout_required, again = False, True
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break
    return again


def forget_lines(widgets: Iterable[Widget]) -> None:
    """Let ``widgets`` go of the lines they keep drawn; they are drawn anew when next shown.

    Textual keeps every row a widget drew twice over (its content and its
    styled line), each a ``Strip`` of about 1 KB with its own caches, for
    as long as the widget lives, shown or not: a screen off the stack that
    drew a slide ahead (:mod:`tui.screens.frame_ahead`) kept about 300
    (0.4 MB), a poll left behind on its slide about 50.

    Args:
        widgets: Widgets not on screen now (drawing them again costs what
            their first drawing did).
    """
    for widget in widgets:
        widget._set_dirty()  # the styled lines go; the content is drawn again when asked
        widget._render_cache = widget._render_cache._replace(lines=[])
