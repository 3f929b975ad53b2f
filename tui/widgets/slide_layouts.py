"""What changes in the slide's widgets from one layout to another, as inline styles.

A CSS class on the slide view (``SlideView.-layout-title #slide-frame``)
would say the same, but Textual answers a class change by matching every
rule of the stylesheet against every widget under the view again: 5-10 ms
on each slide change from one layout to another, more than the rest of the
change. Inline styles set here reach Textual's one layout pass directly.

Only what depends on the theme's colours stays in ``app.tcss``, as a class
on the one widget it styles (``#slide-title.-section``,
``#slide-body.-quote``): restyling one widget costs a fraction of a
millisecond.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.widget import Widget

from tui.deck.model import Layout

__all__ = ["CENTRED", "LEAF_CLASSES", "apply_layout", "layout_styles", "leaf_classes"]

CENTRED = frozenset({Layout.TITLE, Layout.SECTION, Layout.QUOTE})
"""Layouts whose content is centred on the screen, horizontally and vertically."""

LEAF_CLASSES: Mapping[str, Mapping[str, frozenset[Layout]]] = {
    "#slide-title": {
        "-centred": CENTRED,  # centred, no rule under it
        "-section": frozenset({Layout.SECTION}),  # the accent colour between heavy rules
    },
    "#slide-body": {"-quote": frozenset({Layout.QUOTE})},  # italic, the quote colour
}
"""Per widget, its classes and the layouts that have them (app.tcss styles them)."""

Styles = dict[str, dict[str, object]]


def leaf_classes(selector: str, layout: Layout | None) -> str:
    """The classes the widget ``selector`` starts with for ``layout`` (see LEAF_CLASSES).

    Composing the slide's widgets with them spares their first restyle.
    """
    if layout is None:
        return ""
    return " ".join(
        name for name, layouts in LEAF_CLASSES.get(selector, {}).items() if layout in layouts
    )


def layout_styles(layout: Layout) -> Styles:
    """The inline styles of the slide's widgets for ``layout``, by selector.

    ``""`` is the slide view itself, every other selector an id
    (:func:`apply_layout` finds the parts by id). Every layout sets every
    property listed here, so what one layout set never lingers on the next
    slide; None leaves the property to the stylesheet.

    Args:
        layout: The slide's layout.

    Returns:
        ``{selector: {style property: value}}``, values as Textual's
        ``styles`` attributes take them.
    """
    centred = layout in CENTRED
    return {
        "": {"align_vertical": "middle" if centred else "top"},
        "#slide-frame": {
            "height": "auto" if centred else "1fr",
            "max_height": "100%" if centred else None,
        },
        "#slide-top": {"display": "none" if centred else "block"},
        "#slide-scroll": {
            "height": "auto" if centred else "1fr",
            "max_height": "1fr" if centred else None,
        },
        "#slide-body": {"text_align": "center" if centred else "left"},
        "#slide-subtitle": {
            "text_align": "center" if layout in (Layout.TITLE, Layout.SECTION) else "left",
            "margin": (0, 0, 1, 0) if layout in (Layout.TITLE, Layout.SECTION) else (0, 0, 0, 0),
        },
        "#slide-author": {"margin": (0, 0, 1, 0) if layout is Layout.TITLE else (0, 0, 0, 0)},
        "#slide-attribution": {"text_align": "center" if layout is Layout.QUOTE else "right"},
        "#slide-poll": {"margin": (1, 0, 0, 0) if layout is Layout.POLL else (0, 0, 0, 0)},
    }


def apply_layout(view: Widget, layout: Layout) -> None:
    """Style ``view`` (a slide view) and its widgets for ``layout``.

    Args:
        view: The slide view; its widgets are found by the selectors above
            (a part not built yet is styled when it is, see
            :class:`tui.widgets.slide_view.SlideView`).
        layout: The slide's layout.
    """
    # The view's parts by id, from one walk: a query per selector matched
    # every part against it (most of the time this function took).
    parts = {f"#{node.id}": node for node in view.walk_children() if node.id}
    for selector, styles in layout_styles(layout).items():
        widget = parts.get(selector) if selector else view
        if widget is None:
            continue  # not built yet
        for name, value in styles.items():
            if value is None:
                widget.styles.clear_rule(name)
            else:
                setattr(widget.styles, name, value)
    for selector, classes in LEAF_CLASSES.items():
        parts[selector].update_classes(
            {name: layout in layouts for name, layouts in classes.items()}
        )
