"""How a bound key is shown (``?``, ``:``), without Unicode's name tables.

Textual's ``App.get_key_display`` turns a key name into the character it
stands for with ``unicodedata.lookup`` (``question_mark`` is looked up as
``QUESTION MARK``, and a plain ``o`` is looked up too, in vain). Each
lookup reads another part of Python's Unicode name tables: the four keys
on the presenter's key line brought about 0.6 MB of them into memory.
:func:`plain_key_display` answers for the keys that are one printable
character and for Textual's names of the ASCII punctuation keys, exactly
as Textual would (``tests/unit/test_key_display.py`` compares them all);
with any modifiers (``ctrl+p``); other keys (``f1``, ``right``) are left
to Textual.

Textual also asks for the character of each of the app's keys whenever it
gathers the keys that apply (at the first key pressed): its
``key_to_character`` looks ``question_mark`` up by name, and that one
lookup brings another 0.4 MB of the name tables in. :func:`key_to_character`
answers as it does, from the table below, and
:func:`use_plain_key_characters` has Textual's screens ask it instead.

Imports nothing (Textual's screen module only when the apps install it).
"""

from __future__ import annotations

PUNCTUATION = {
    "exclamation_mark": "!",
    "quotation_mark": '"',
    "number_sign": "#",
    "dollar_sign": "$",
    "percent_sign": "%",
    "ampersand": "&",
    "apostrophe": "'",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "asterisk": "*",
    "plus": "+",
    "comma": ",",
    "minus": "-",
    "full_stop": ".",
    "slash": "/",
    "colon": ":",
    "semicolon": ";",
    "less_than_sign": "<",
    "equals_sign": "=",
    "greater_than_sign": ">",
    "question_mark": "?",
    "at": "@",
    "left_square_bracket": "[",
    "backslash": "\\",
    "right_square_bracket": "]",
    "circumflex_accent": "^",
    "underscore": "_",
    "grave_accent": "`",
    "left_curly_bracket": "{",
    "vertical_line": "|",
    "right_curly_bracket": "}",
    "tilde": "~",
}
"""Textual's key name for each ASCII punctuation character (``textual.keys``)."""


def plain_key_display(key: str, key_display: str | None = None) -> str:
    """What Textual's ``App.get_key_display`` shows for a binding, when that is plain.

    As Textual: the binding's ``key_display`` when set; else its key,
    ``ctrl`` shown as ``^`` and other modifiers joined with ``+``.

    Args:
        key: The binding's key (``"o"``, ``"question_mark"``, ``"ctrl+p"``).
        key_display: The binding's own ``key_display``, shown when set.

    Returns:
        The text to show, or ``""`` when Textual has to work it out (a
        named key such as ``f1`` or ``right``).
    """
    if key_display:
        return key_display
    *modifiers, name = key.split("+")
    if len(name) == 1 and name.isprintable() and not name.isspace():
        shown = name
    else:
        shown = PUNCTUATION.get(name, "")
    if not shown:
        return ""
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


NO_CHARACTER = frozenset({"plus", "minus", "slash", "at", "backslash", "underscore"})
"""Punctuation keys whose character Textual's ``key_to_character`` does not find
(it looks up ``PLUS``, ``AT``...: no character has those names): None, as Textual."""


def key_to_character(key: str) -> str | None:
    """The character a key stands for, as Textual's ``textual.keys.key_to_character``.

    Answers for the ASCII punctuation keys from :data:`PUNCTUATION`; other
    keys (``o``, ``right``, ``ctrl+p``) are left to Textual.

    Args:
        key: A key name (``"question_mark"``, ``"ctrl+p"``, ``"right"``).

    Returns:
        The character, or None for a key with modifiers or no character.
    """
    if key in PUNCTUATION:
        return None if key in NO_CHARACTER else PUNCTUATION[key]
    from textual.keys import key_to_character as textual_key_to_character

    return textual_key_to_character(key)


def use_plain_key_characters() -> None:
    """Have Textual's screens find the character of a key with :func:`key_to_character`.

    Textual's ``Screen`` calls the ``key_to_character`` of its own module
    (Textual 8); this puts ours in its place (the same answers, no name
    lookup for the punctuation keys). Idempotent.
    """
    import textual.screen

    textual.screen.key_to_character = key_to_character  # type: ignore[assignment]
