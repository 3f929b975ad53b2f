"""Podium and its libraries loaded as ``python -OO`` would: without docstrings.

Podium documents every module, class and function, and so do Textual and
Rich: a talk imports about 110 of Podium's modules and 300 of theirs, whose
docstrings, held by each code object, class and module for as long as the
process lives, come to about 1 MB that nothing reads while presenting
(nothing in Podium, Textual, Rich, markdown-it, mdurl, platformdirs or
msgspec reads ``__doc__`` as it runs; ``help()`` is not used, and the
sources still have them).

:func:`install` (called first thing by :mod:`tui`'s ``__init__``) puts a
path hook in front of Python's for the folders of the ``tui`` package and
of :data:`LIBRARIES` alone (a library's own ``__init__``, found in the
folder above it, loads as ever). Its loader is the standard library's
source loader, compiling with ``optimize=2`` (:func:`compile`'s own way of
leaving out docstrings, and ``assert`` statements with them, as ``-OO``
does) and keeping the result where ``python -OO`` keeps it:
``NAME.cpython-3XX.opt-2.pyc`` (:pep:`488`), checked against the source's
size and modification time exactly as the usual compiled file is. No
bytecode is edited: the compiler does it all, the same on every Python.

The first start after an install compiles those modules once (about 400
of them: well under a second). Where that file cannot be written (bytecode writing off, a
read-only install), the usual ``.pyc`` is read as before: a start never
compiles anew for want of a place to keep the result.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import (
    BYTECODE_SUFFIXES,
    EXTENSION_SUFFIXES,
    SOURCE_SUFFIXES,
    ExtensionFileLoader,
    FileFinder,
    SourceFileLoader,
    SourcelessFileLoader,
)
from importlib.util import cache_from_source
from types import CodeType
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
"""The ``tui`` package's folder: the hook serves it and the folders below it."""

LIBRARIES = frozenset({"textual", "rich", "markdown_it", "mdurl", "platformdirs", "msgspec"})
"""Packages (folders on :data:`sys.path`) loaded docless too: none reads a docstring as it runs."""

OPTIMIZE = 2
""":func:`compile`'s optimization level: docstrings and asserts left out (``-OO``)."""


def docless_path(source_path: str) -> str:
    """Where the docless compiled file of the source ``source_path`` is kept (``.opt-2.pyc``)."""
    return cache_from_source(source_path, optimization=OPTIMIZE)


def _writable(path: str) -> bool:
    """Whether a compiled file could be written at ``path`` (in its folder, or by making it)."""
    if sys.dont_write_bytecode:
        return False
    folder = os.path.dirname(path)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
    return os.access(folder or ".", os.W_OK | os.X_OK)


class DoclessLoader(SourceFileLoader):
    """The standard source loader, compiling and caching as ``-OO`` would (see the module)."""

    def _keeps_docless(self) -> bool:
        """Whether the docless file can be read or written: else the usual one is used.

        Asked when the source is compiled; a module read from a compiled file
        finds its docless one by trying to open it (:meth:`get_data`).
        """
        docless = docless_path(self.path)
        return os.path.exists(docless) or _writable(docless)

    def get_data(self, path: str) -> bytes:
        """The file's bytes; for the module's compiled file, its docless one's.

        Raises:
            OSError: The file cannot be read (for the docless file: not made
                yet, so the import system compiles the source and keeps it).
        """
        if path != cache_from_source(self.path):
            return super().get_data(path)
        docless = docless_path(self.path)
        try:
            return super().get_data(docless)  # one open, no stat first: every import comes here
        except OSError:
            if _writable(docless):
                raise  # not made yet: the source is compiled and kept docless
        return super().get_data(path)

    _compiled_docless = False
    """Whether :meth:`source_to_code` left the docstrings out (so what is kept goes docless)."""

    def set_data(self, path: str, data: Any, *, _mode: int = 0o666) -> None:
        """Write ``data``; the module's compiled file, if compiled docless, to its docless path."""
        if self._compiled_docless and path == cache_from_source(self.path):
            path = docless_path(self.path)
        super().set_data(path, data, _mode=_mode)

    def source_to_code(self, data: Any, path: Any, *args: Any, **kwargs: Any) -> CodeType:  # type: ignore[override]
        """The module's code compiled at :data:`OPTIMIZE` where it is kept docless."""
        self._compiled_docless = self._keeps_docless()
        if self._compiled_docless:
            kwargs["_optimize"] = OPTIMIZE
        code: CodeType = super().source_to_code(data, path, *args, **kwargs)
        return code


def _served(path: str) -> bool:
    """Whether ``path`` is a folder of Podium's package or of one of :data:`LIBRARIES`."""
    if path == HERE or path.startswith(HERE + os.sep):
        return True
    for entry in sys.path:
        if entry and path.startswith(entry + os.sep):
            if path[len(entry) + 1 :].split(os.sep, 1)[0] in LIBRARIES:
                return True
    return False


def _hook(path: str) -> FileFinder:
    """A finder for a folder :func:`_served`; ImportError for any other folder."""
    if not _served(path):
        raise ImportError("not a folder of Podium's package or its libraries")
    return FileFinder(
        path,
        (DoclessLoader, SOURCE_SUFFIXES),
        (ExtensionFileLoader, EXTENSION_SUFFIXES),
        (SourcelessFileLoader, BYTECODE_SUFFIXES),
    )


def install() -> None:
    """Put the hook in front of Python's (idempotent); modules imported already stay as they are."""
    if sys.flags.optimize >= OPTIMIZE or _hook in sys.path_hooks:
        return
    sys.path_hooks.insert(0, _hook)
    for path in list(sys.path_importer_cache):
        if _served(path):
            del sys.path_importer_cache[path]
