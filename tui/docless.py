"""Podium and its libraries imported without docstrings, as ``python -OO`` would, asserts kept.

Podium documents every module, class and function, and so do Textual and
Rich: a talk imports about 110 of Podium's modules and 300 of theirs, whose
docstrings, held by each code object, class and module for as long as the
process lives, come to about 1 MB that nothing reads while presenting
(nothing in Podium, Textual, Rich, markdown-it, mdurl, platformdirs or
msgspec's modules loaded by a talk reads ``__doc__``; ``help()`` is not
used, and the sources still have them).

:func:`install` (called first thing by :mod:`tui`'s ``__init__``) puts a
path hook in front of Python's for the folders of the ``tui`` package and
of :data:`LIBRARIES` alone (a library's own ``__init__``, found in the
folder above it, loads as ever). Its loader is the standard library's
source loader but for two things:

- the code it runs has no docstrings (:func:`strip_docstrings`: the
  string a module, class or function would keep as ``__doc__`` becomes
  None; everything else, asserts and line numbers included, is as it was);
- it keeps that code beside the usual compiled file, in
  ``NAME.cpython-3XX.opt-nodoc.pyc`` (:pep:`488`'s naming), checked against
  the source's size and modification time exactly as the usual one is.
  The first time, it is made from the usual ``.pyc`` (written by ``pip
  install``, or by a plain ``python``), which is left alone, or from the
  source when there is none.

Where the docless file cannot be written (bytecode writing off, a
read-only install), the usual ``.pyc`` is read as before: a start never
redoes work for want of a place to keep it. With ``-O`` the code is
stripped and kept the same way; ``-OO`` drops the docstrings itself.

Imports nothing beyond what Python's import system has loaded already
(:mod:`marshal` and :mod:`opcode` are read only when a docless file is made).
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
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
"""The ``tui`` package's folder: the hook serves it and the folders below it."""

LIBRARIES = frozenset({"textual", "rich", "markdown_it", "mdurl", "platformdirs", "msgspec"})
"""Packages (folders on :data:`sys.path`) loaded docless too: none reads a docstring as it runs."""

TAG = "nodoc"
"""Added to a compiled file's optimization tag: ``.opt-nodoc.pyc`` (``.opt-1nodoc.pyc`` with -O)."""

# CO_OPTIMIZED | CO_NEWLOCALS: a function's code, not a class or module body.
_FUNCTION = 0x01 | 0x02


def docless_path(bytecode_path: str) -> str | None:
    """Where the docless variant of the compiled file ``bytecode_path`` is kept.

    Args:
        bytecode_path: A path as :func:`importlib.util.cache_from_source`
            gives it (``.../NAME.cpython-311.pyc``, or ``.opt-1.pyc``).

    Returns:
        The path with :data:`TAG` added (``.../NAME.cpython-311.opt-nodoc.pyc``,
        ``.../NAME.cpython-311.opt-1nodoc.pyc``), or None for any other path
        (a source file).
    """
    tag = sys.implementation.cache_tag
    if tag is None or not bytecode_path.endswith(".pyc"):
        return None
    stem = bytecode_path[:-4]
    if stem.endswith(f".{tag}"):
        return f"{stem}.opt-{TAG}.pyc"
    if stem.endswith(f".{tag}.opt-1"):
        return f"{stem}{TAG}.pyc"
    return None


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


def strip_docstrings(code: CodeType) -> CodeType:
    """``code`` and the code nested in it, with no docstring left in any.

    A function's docstring is its first constant (None when it has none;
    comprehensions and lambdas, named ``<...>``, have none): it becomes
    None. A module or class body stores its docstring with ``LOAD_CONST``
    then ``STORE_NAME __doc__``: that constant becomes None, when nothing
    else loads it. The bytecode is unchanged.

    Args:
        code: A module's code, as compiled or read from a ``.pyc``.

    Returns:
        The stripped code (``code`` itself when it had no docstring).
    """
    consts = list(code.co_consts)
    changed = False
    for index, const in enumerate(consts):
        if isinstance(const, CodeType):
            stripped = strip_docstrings(const)
            if stripped is not const:
                consts[index], changed = stripped, True
    if code.co_flags & _FUNCTION == _FUNCTION:
        if not code.co_name.startswith("<") and consts and isinstance(consts[0], str):
            consts[0], changed = None, True
    else:
        for index in _stored_docs(code):
            consts[index], changed = None, True
    return code.replace(co_consts=tuple(consts)) if changed else code


def _stored_docs(code: CodeType) -> list[int]:
    """Indexes of the string constants a module or class body stores as ``__doc__`` alone."""
    import opcode

    load, store, extended = (
        opcode.opmap[name] for name in ("LOAD_CONST", "STORE_NAME", "EXTENDED_ARG")
    )
    raw, names, consts = code.co_code, code.co_names, code.co_consts
    loads: dict[int, int] = {}
    found: list[int] = []
    for at in range(0, len(raw) - 1, 2):
        if raw[at] != load or (at and raw[at - 2] == extended):
            continue
        index = raw[at + 1]
        loads[index] = loads.get(index, 0) + 1
        if (
            at + 3 < len(raw)
            and raw[at + 2] == store
            and names[raw[at + 3]] == "__doc__"
            and isinstance(consts[index], str)
        ):
            found.append(index)
    return [index for index in found if loads[index] == 1]


def _docless_pyc(data: bytes) -> bytes | None:
    """A ``.pyc``'s bytes with its code stripped, the header kept; None if it is not checked.

    A file checked against its source's time and size, or its source's
    hash, stays checked the same way. One never checked (an unchecked hash)
    is not copied: a copy would outlive a new version of the source.
    """
    import marshal

    checked = (0, 0b11)  # timestamp; hash-based with check_source
    if len(data) < 16 or data[:4] != MAGIC_NUMBER:
        return None
    if int.from_bytes(data[4:8], "little") not in checked:
        return None
    try:
        code = marshal.loads(memoryview(data)[16:])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, CodeType):
        return None
    return data[:16] + marshal.dumps(strip_docstrings(code))


class DoclessLoader(SourceFileLoader):
    """The standard source loader, reading and writing docless compiled files (see the module)."""

    def get_data(self, path: str) -> bytes:
        """The file's bytes; for a compiled file, its docless variant's.

        Without a docless variant yet, one is made from the usual compiled
        file and kept; where it cannot be kept, the usual file is read.

        Raises:
            OSError: Neither file can be read (the import system then
                compiles the source, and keeps it where it can).
        """
        docless = docless_path(path)
        if docless is None:
            return super().get_data(path)
        try:
            return super().get_data(docless)
        except OSError:
            pass
        data = super().get_data(path)
        if not _writable(docless):
            return data
        made = _docless_pyc(data)
        if made is None:
            return data
        try:
            mode = os.stat(self.path).st_mode | 0o200
        except OSError:
            mode = 0o666
        self.set_data(path, made, _mode=mode)
        return made  # the import system checks it against the source, as the usual file

    def set_data(self, path: str, data: Any, *, _mode: int = 0o666) -> None:
        """Write ``data``; a compiled file goes to its docless variant's path."""
        super().set_data(docless_path(path) or path, data, _mode=_mode)

    def source_to_code(  # type: ignore[override]
        self, data: Any, path: Any, *, _optimize: int = -1
    ) -> CodeType:
        """The module's code, compiled as usual, without docstrings (:func:`strip_docstrings`)."""
        return strip_docstrings(super().source_to_code(data, path, _optimize=_optimize))


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
    if sys.flags.optimize >= 2 or _hook in sys.path_hooks:
        return
    sys.path_hooks.insert(0, _hook)
    for path in list(sys.path_importer_cache):
        if _served(path):
            del sys.path_importer_cache[path]
