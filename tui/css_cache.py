"""The app's stylesheet as Textual parsed it for a theme, kept for the next start.

Textual parses the stylesheet (``app.tcss``, and every widget's
``DEFAULT_CSS``, Textual's own included) as an app starts: about 15 ms of
the first frame on the default deck. What a source parses to depends only
on its text, where it was read from, how it is ranked and the theme's CSS
variables, and Textual keeps the results in its stylesheet's parse cache,
keyed by all of those but the variables. :func:`keep` writes the entries of
that cache, once the first frame is out, to a file named by the variables;
:func:`prefill` puts them back in a new stylesheet before its first parse.

A kept entry is used only for the very same source text (the text is part
of its key), the same variables (compared in full) and the same Textual and
Python (their files' sizes and modification times): a changed
``app.tcss``, widget or theme is parsed as always, and the file written
again. The file is a pickle, read only from Podium's private cache folder
and only when this user wrote it (see :func:`tui.checked_cache.read_private`).
It is written only when the start parsed something the file lacked.

Uses Textual's ``Stylesheet._parse_cache`` (an ``LRUCache``), as of the
Textual version Podium pins.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from tui.checked_cache import (
    cache_dir,
    library_stamp,
    mark_used,
    read_private,
    write_private,
)
from tui.digest import sha256_hex

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

_TEXTUAL_MODULES = (
    "css/parse.py",
    "css/tokenize.py",
    "css/tokenizer.py",
    "css/model.py",
    "css/styles.py",
    "css/_styles_builder.py",
    "css/stylesheet.py",
)
"""The Textual modules that parse a stylesheet or define what it parses to."""


def _path(variables: dict[str, str]) -> Path:
    text = repr(sorted(variables.items())).encode("utf-8", "surrogateescape")
    return cache_dir() / f"css-{sha256_hex(text)[:24]}.pickle"


def _stamp() -> str:
    return library_stamp("textual", *_TEXTUAL_MODULES)


def prefill(stylesheet: Stylesheet, variables: dict[str, str]) -> frozenset[object]:
    """Put the kept parses for ``variables`` in ``stylesheet``'s parse cache.

    Call after the stylesheet's variables are set (setting them empties
    its cache) and before it is first parsed.

    Args:
        stylesheet: The app's stylesheet.
        variables: Its CSS variables (the theme's).

    Returns:
        The keys put in (empty when nothing was kept for these variables,
        this Textual and this Python); give them to :func:`keep`.
    """
    path = _path(variables)
    data = read_private(path)
    if data is None:
        return frozenset()
    try:
        stamp, kept_variables, entries = pickle.loads(data)
        if stamp != _stamp() or kept_variables != variables or not isinstance(entries, dict):
            return frozenset()
    except Exception:  # a damaged file, or one from another Textual: parse as always
        return frozenset()
    cache = stylesheet._parse_cache
    for key, rules in entries.items():
        cache[key] = rules
    mark_used(path)
    return frozenset(entries)


def keep(stylesheet: Stylesheet, variables: dict[str, str], known: frozenset[object]) -> bool:
    """Write ``stylesheet``'s parses for the next start, if it parsed anything new.

    Args:
        stylesheet: The app's stylesheet, parsed.
        variables: The variables it was parsed with.
        known: What :func:`prefill` put in.

    Returns:
        Whether the file was (re)written.
    """
    cache = stylesheet._parse_cache
    keys = list(cache.keys())
    if not keys or set(keys) <= known:
        return False
    entries = {key: cache.get(key) for key in keys}
    try:
        data = pickle.dumps((_stamp(), dict(variables), entries), pickle.HIGHEST_PROTOCOL)
    except Exception:  # something in a rule that does not pickle: parse next time
        return False
    write_private(_path(variables), data)
    return True
