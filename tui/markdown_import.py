"""Rich's Markdown renderer, imported without Pygments until a code block needs it.

``rich.markdown`` imports ``rich.syntax`` at module level, and with it
Pygments (its lexer and style machinery: about 1.5 MB of memory and tens of
milliseconds), although only a fenced or indented code block (or an inline
code lexer, which Podium never sets) ever builds a ``Syntax``. Most decks
have no code block at all.

:func:`markdown_class` imports ``rich.markdown`` with a stand-in for
``rich.syntax`` in :data:`sys.modules` for the length of that one import:
the ``Syntax`` name ``rich.markdown`` keeps is then :func:`lazy_syntax`,
which imports the real ``rich.syntax`` on its first call and returns a real
``Syntax``. The stand-in is taken out again before anything else runs, so
any other ``import rich.syntax`` (Textual's, the exporters') gets the real
module, and a code block is highlighted exactly as before.

``markdown_it`` itself is imported without ``linkify_it`` (see
:func:`markdown_it_class`): its ``main`` module imports that library when it
is installed, and every ``MarkdownIt()`` then builds a ``LinkifyIt`` (dozens
of compiled regular expressions, Unicode tables: about 0.5 MB of memory),
used only by parsers made with ``linkify=True``. No parser in Podium is
(Rich's ``Markdown``, the notes' plain text, the HTML export, link
addresses); Podium has no Textual ``Markdown`` widget either.

Its table of HTML entities (``markdown_it.common.entities``: Python's
``html.entities`` reshaped, about 0.3 MB) is read only when a text has an
entity such as ``&amp;`` in it (see :class:`LazyEntities`), and the modules of
the rules that only ``linkify`` or ``typographer`` turn on come with their
first call (see :data:`OFF_RULES`).

Imports nothing at module level but :mod:`sys`, :mod:`types` and
:mod:`collections.abc`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from rich.markdown import Markdown
    from rich.syntax import Syntax

__all__ = ["LazyEntities", "lazy_syntax", "markdown_class", "markdown_it_class"]


def lazy_syntax(*args: Any, **kwargs: Any) -> Syntax:
    """Build a ``rich.syntax.Syntax`` (imports Pygments on the first call).

    Takes exactly what ``Syntax(...)`` takes; ``rich.markdown`` calls it for
    each code block it draws.
    """
    from rich.syntax import Syntax

    return Syntax(*args, **kwargs)


def markdown_class() -> type[Markdown]:
    """``rich.markdown.Markdown``, its module imported without Pygments if that is not in yet.

    Imports run on the app's thread only (the import lock is per module:
    another thread importing ``rich.syntax`` in the same instant would see
    the stand-in), which is how Podium imports it.
    """
    if "rich.markdown" in sys.modules:
        return sys.modules["rich.markdown"].Markdown
    markdown_it_class()
    if "rich.syntax" not in sys.modules:
        stand_in = types.ModuleType("rich.syntax", "Stand-in while rich.markdown imports.")
        stand_in.Syntax = lazy_syntax  # type: ignore[attr-defined]
        sys.modules["rich.syntax"] = stand_in
        try:
            import rich.markdown as module
        finally:
            if sys.modules.get("rich.syntax") is stand_in:
                del sys.modules["rich.syntax"]
    else:
        import rich.markdown as module
    return module.Markdown


def markdown_it_class() -> type[MarkdownIt]:
    """``markdown_it.MarkdownIt``, its package imported without ``linkify_it`` if not in yet.

    ``markdown_it.main`` runs ``try: import linkify_it`` and, when that
    fails, sets its ``linkify_it`` to None: a parser made with
    ``linkify=True`` would then raise, which no Podium parser is. For the
    length of that one import :data:`sys.modules` holds None for
    ``linkify_it`` (so the import fails at once) and a stand-in for
    ``markdown_it.common.entities`` whose ``entities`` is a
    :class:`LazyEntities`; both entries are taken out again, so anyone else
    may still import either module. Call it before anything imports
    ``markdown_it`` (Podium's modules do, through this).
    """
    if "markdown_it" not in sys.modules and "linkify_it" not in sys.modules:
        stand_ins: dict[str, types.ModuleType | None] = {"linkify_it": None}
        if ENTITIES not in sys.modules:
            entities = types.ModuleType(ENTITIES, "Stand-in while markdown_it imports.")
            entities.entities = LazyEntities()  # type: ignore[attr-defined]
            stand_ins[ENTITIES] = entities
        for module, rule in OFF_RULES:
            if module not in sys.modules:
                stand_ins[module] = _rule_stand_in(module, rule)
        sys.modules.update(stand_ins)  # type: ignore[arg-type]
        try:
            import markdown_it  # noqa: F401
        finally:
            for name, stand_in in stand_ins.items():
                if name in sys.modules and sys.modules[name] is stand_in:
                    del sys.modules[name]
    from markdown_it import MarkdownIt

    return MarkdownIt


ENTITIES = "markdown_it.common.entities"
"""The module whose ``entities`` table :func:`markdown_it_class` defers."""

OFF_RULES = (
    ("markdown_it.rules_core.linkify", "linkify"),
    ("markdown_it.rules_inline.linkify", "linkify"),
    ("markdown_it.rules_core.replacements", "replace"),
    ("markdown_it.rules_core.smartquotes", "smartquotes"),
)
"""markdown_it's rules that only ``linkify=True`` or ``typographer=True`` turn on
(module, function), which no Podium parser sets: their modules are imported by
the first call (see :func:`_rule_stand_in`)."""


def _rule_stand_in(module: str, rule: str) -> types.ModuleType:
    """A stand-in for ``module`` whose ``rule`` imports the real one on its first call.

    markdown_it lists each rule function in its parsers (``ParserCore``,
    ``ParserInline``) whether it is turned on or not; a rule that is off is
    never called. The stand-in is in :data:`sys.modules` only while
    markdown_it imports, so the real module is what the call imports.
    """
    stand_in = types.ModuleType(module, "Stand-in while markdown_it imports.")

    def call_real(*args: Any, **kwargs: Any) -> Any:
        import importlib

        real = getattr(importlib.import_module(module), rule)
        package, _, name = module.rpartition(".")
        if name == rule:  # the import named the package's attribute after the module
            setattr(sys.modules[package], name, real)
        return real(*args, **kwargs)

    call_real.__name__ = call_real.__qualname__ = rule
    setattr(stand_in, rule, call_real)
    return stand_in


class LazyEntities(Mapping[str, str]):
    """``markdown_it.common.entities.entities``, imported on the first look-up.

    ``markdown_it`` looks a name up only for an ``&name;`` in the text (and
    in link addresses and titles with an ``&``), with ``in`` and ``[]``.
    """

    def __init__(self) -> None:
        self._table: Mapping[str, str] | None = None

    def _loaded(self) -> Mapping[str, str]:
        if self._table is None:
            import importlib

            self._table = importlib.import_module(ENTITIES).entities
        return self._table

    def __getitem__(self, name: str) -> str:
        return self._loaded()[name]

    def __contains__(self, name: object) -> bool:
        return name in self._loaded()

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())
