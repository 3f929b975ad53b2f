"""Themes read when first chosen, and a stylesheet parsed once per theme.

A talk is given in one theme: reading every theme file at start-up, and
parsing the stylesheet once with Textual's default theme and again with the
chosen one, made the first slide wait. :class:`ThemesOnDemand` (an ``App``
mixin) registers Podium's other themes by name and reads a file only when
the palette (or the audience view's mirror) picks it, parses the
stylesheet again only when the theme's variables change, and works those
variables out once per theme. What the first parse gives is kept for the
next start with the same theme (:mod:`tui.css_cache`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme


class ThemesOnDemand:
    """App mixin: Podium's themes loaded on demand; the stylesheet parsed once.

    Put it before ``App`` in the bases; set :attr:`theme_files` and the first
    theme in the constructor, then call :meth:`keep_stylesheet`.
    """

    theme_files: dict[str, Path] = {}  # replaced per instance
    """Themes offered by name, each read from its file when first chosen."""

    _css_variables: dict[str, str] | None = None
    _css_kept: frozenset[object] | None = None  # parses put back by tui.css_cache; None once kept
    _variables_of: tuple[object, dict[str, str]] | None = None  # (theme, its variables)
    _themed = False  # Textual's constructor has run: variables are asked for the app's theme

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._themed = True

    def get_css_variables(self) -> dict[str, str]:
        """The CSS variables of the current theme, worked out once per theme.

        Textual asks for them several times as an app starts (and the
        theme's whole colour system is generated each time); they depend on
        the theme alone, so they are kept with the theme object they were
        made from. Textual's constructor asks first, for its default theme,
        before the app can set its own: it gets none (:meth:`keep_stylesheet`
        sets the stylesheet's variables).
        """
        if not self._themed:
            return {}
        return self._theme_variables()

    def _theme_variables(self) -> dict[str, str]:
        app = cast("App[object]", self)
        theme = app.current_theme
        kept = self._variables_of
        if kept is None or kept[0] is not theme:
            kept = self._variables_of = (theme, self._css_variables_of(theme))
        app.theme_variables = dict(kept[1])
        return dict(kept[1])

    def _css_variables_of(self, theme: Theme) -> dict[str, str]:
        """What Textual's ``App.get_css_variables`` gives for ``theme``, its colour system
        generated once (see :func:`tui.themes.generated_colours`): Textual's
        generates it, and the app's defaults (``$slide-title`` ...) again."""
        from tui.themes import generated_colours

        variables = {**generated_colours(theme), **theme.variables}
        defaults = cast("App[object]", self).get_theme_variable_defaults()
        return {**defaults, **variables}

    def keep_stylesheet(self) -> None:
        """Parse the stylesheet with the theme set now, and not again for it.

        Textual queues a refresh that parses the stylesheet again whenever
        a theme is set; for the first theme there is nothing to refresh.
        """
        from tui.css_cache import prefill

        app = cast("App[object]", self)
        self._css_variables = app.get_css_variables()
        app.stylesheet.set_variables(self._css_variables)
        # Parsed at an earlier start with these variables: not parsed again.
        self._css_kept = prefill(app.stylesheet, self._css_variables)

    def post_display_hook(self) -> None:
        """After the first frame, keep the stylesheet's parses for the next start."""
        if self._css_kept is not None:
            cast("App[object]", self).call_later(self._keep_parsed_css)
        super().post_display_hook()  # type: ignore[misc]

    def _keep_parsed_css(self) -> None:
        """Write what the first frame parsed (see :func:`tui.css_cache.keep`), once."""
        known, self._css_kept = self._css_kept, None
        variables = self._css_variables
        if known is None or variables is None:
            return
        from tui.css_cache import keep

        stylesheet = cast("App[object]", self).stylesheet
        keep(stylesheet, variables, known)
        self._css_written = (variables, known | frozenset(stylesheet._parse_cache.keys()))

    _css_written: tuple[dict[str, str], frozenset[object]] | None = None
    """The variables kept at the first frame and the parses the file holds, until
    :meth:`keep_more_parsed_css`."""

    def keep_more_parsed_css(self) -> None:
        """Keep, once, what was parsed for the first theme since the first frame.

        The slide's parts the first slide does not show are built right after
        it (:class:`tui.widgets.slide_view.SlideView`); their stylesheets are
        parsed then, and kept too, so that the next start parses nothing.
        Nothing is written when nothing new was parsed, or the theme changed.
        """
        written, self._css_written = self._css_written, None
        if written is None or written[0] is not self._css_variables:
            return
        from tui.css_cache import keep

        keep(cast("App[object]", self).stylesheet, written[0], written[1])

    def _validate_theme(self, theme_name: str) -> str:
        """Read one of Podium's themes from its file the first time it is chosen."""
        app = cast("App[object]", self)
        path = self.theme_files.get(theme_name)
        if path is not None and theme_name not in app.available_themes:
            from tui.themes import load_theme_file

            app.register_theme(load_theme_file(path))
        return super()._validate_theme(theme_name)  # type: ignore[misc]

    def refresh_css(self, animate: bool = True) -> None:
        """Re-apply the stylesheet, parsing it again only when its variables changed."""
        app = cast("App[object]", self)
        variables = app.get_css_variables()
        if variables != self._css_variables:
            self._css_variables = variables
            super().refresh_css(animate)  # type: ignore[misc]
            return
        for screen in app.screen_stack:  # nothing to redo: just up to date
            screen._css_update_count = app._css_update_count
