"""Key bindings in the talk's language: footer labels and help lines.

Textual bindings are declared once, in English, on each screen and app
(``BINDINGS``); :func:`translate_node` replaces a screen's (or app's) own
copy with the catalogue's words, so the footer and the help screen (built
from the same bindings, see :func:`tui.screens.help.help_rows`) speak the
talk's language. Imports Textual: used by apps and screens only.

A binding's words are found by its action, most specific key first:
``key.SCOPE.ACTION(ARGS)``, ``key.SCOPE.ACTION``, ``key.ACTION(ARGS)``,
``key.ACTION`` for the label, and the same with ``.tip`` for the help line.
A scope (``audience``, ``voter``) words a key that means something else
there ("q" leaves the voter's view, its vote kept).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from tui.i18n import Words


def word_keys(action: str, scope: str = "", tip: bool = False) -> list[str]:
    """The catalogue keys that may word ``action``, most specific first.

    Args:
        action: The binding's action as written (``scroll(1)``).
        scope: ``audience``, ``voter`` or "" for the presenter's.
        tip: The help line's key (``.tip``) instead of the label's.
    """
    name = action.split("(", 1)[0]
    suffix = ".tip" if tip else ""
    actions = [action] if name == action else [action, name]
    prefixes = [f"key.{scope}.", "key."] if scope else ["key."]
    return [f"{prefix}{each}{suffix}" for prefix in prefixes for each in actions]


def _find(words: Words, action: str, scope: str, tip: bool) -> str | None:
    for key in word_keys(action, scope, tip):
        if words.has(key):
            return key
    return None


def translate(binding: Binding, words: Words, scope: str = "") -> Binding:
    """``binding`` with its label and help line in ``words``' language.

    A label or help line that is empty stays empty (the key is not listed);
    one the catalogue lacks stays as written.
    """
    description, tooltip = binding.description, binding.tooltip
    if description:
        key = _find(words, binding.action, scope, tip=False)
        description = words(key) if key else description
    if tooltip:
        key = _find(words, binding.action, scope, tip=True)
        tooltip = words(key) if key else tooltip
    if (description, tooltip) == (binding.description, binding.tooltip):
        return binding
    return replace(binding, description=description, tooltip=tooltip)


def translate_all(bindings: Iterable[BindingType], words: Words, scope: str = "") -> list[Binding]:
    """Every binding of a ``BINDINGS`` list, in ``words``' language."""
    return [translate(binding, words, scope) for binding in Binding.make_bindings(bindings)]


def translate_node(node: DOMNode, words: Words, scope: str = "") -> None:
    """Put a screen's or app's own bindings in ``words``' language.

    The bindings as first found (the class's ``BINDINGS`` and what Textual
    added, such as the app's command palette key) are kept, and each call
    words them again: calling it with another language (the audience view
    following another deck) rewords them all.
    """
    source: dict[str, list[Binding]] | None = getattr(node, "_podium_source_bindings", None)
    if source is None:
        source = {key: list(each) for key, each in node._bindings.key_to_bindings.items()}
        node._podium_source_bindings = source  # type: ignore[attr-defined]
    node._bindings.key_to_bindings = {
        key: [translate(binding, words, scope) for binding in each] for key, each in source.items()
    }
