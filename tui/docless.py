"""Podium's modules imported without their docstrings, as ``python -OO`` would, asserts kept.

Podium documents every module, class and function, and a talk imports
about 110 of its modules: their docstrings, kept in memory by each code
object, class and module for as long as the process lives, come to about
0.3 MB that nothing reads while presenting (nothing in Podium reads
``__doc__``; ``help()`` and the sources still show them).

:func:`install` (called first thing by :mod:`tui`'s ``__init__``) puts a
path hook in front of Python's for the folders of the ``tui`` package
alone. Its loader is the standard library's source loader but for two
things:

- it compiles a source with its docstrings left out (the string that opens
  a module, class or function body becomes a constant that compiles to
  nothing; everything else, asserts and line numbers included, is as
  before);
- it keeps the result beside the usual compiled file, in
  ``NAME.cpython-3XX.opt-nodoc.pyc`` (:pep:`488`'s naming), checked against
  the source's size and modification time exactly as the usual one is.

The usual ``.pyc`` (written by ``pip install``, or by a plain ``python``)
is left alone. Where the docless file cannot be written (bytecode writing
off, a read-only install), the usual ``.pyc`` is read as before, so a
start never compiles what was compiled already. Running with ``-O`` or
``-OO`` changes nothing here (those name their own files, and ``-OO``
drops the docstrings itself).

Imports nothing beyond what Python's import system has loaded already; the
parser (:mod:`ast`) is imported only to compile a changed source.
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
from types import CodeType
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
"""The ``tui`` package's folder: the hook serves it and the folders below it."""

TAG = "opt-nodoc"
"""The optimization tag of the docless compiled files (``NAME.cpython-3XX.opt-nodoc.pyc``)."""


def docless_path(bytecode_path: str) -> str | None:
    """Where the docless variant of the usual compiled file ``bytecode_path`` is kept.

    Args:
        bytecode_path: A path as :func:`importlib.util.cache_from_source`
            gives it without optimization (``.../NAME.cpython-311.pyc``).

    Returns:
        The path with the :data:`TAG` (``.../NAME.cpython-311.opt-nodoc.pyc``),
        or None for any other path (a source file, an ``-O`` file).
    """
    tag = sys.implementation.cache_tag
    suffix = f".{tag}.pyc"
    if tag is None or not bytecode_path.endswith(suffix):
        return None
    return f"{bytecode_path[: -len(suffix)]}.{tag}.{TAG}.pyc"


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


def compile_docless(source: bytes | str, path: str) -> CodeType:
    """Compile a module's ``source`` as Python would, but with no docstring anywhere.

    The string that opens a module is taken out; the one that opens a
    class or function body becomes ``None``, a statement the compiler
    drops (the body keeps a statement). Line numbers are as in the source,
    and ``__doc__`` is None.

    Args:
        source: The module's text (bytes are decoded as Python decodes source).
        path: Its file, for tracebacks.

    Returns:
        The module's code.

    Raises:
        SyntaxError: The source is not valid Python.
    """
    import ast

    tree = ast.parse(source, path)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                if isinstance(node, ast.Module):
                    del node.body[0]  # a ``from __future__`` import may come next
                else:
                    first.value.value = None
    code: CodeType = compile(tree, path, "exec", dont_inherit=True)
    return code


class DoclessLoader(SourceFileLoader):
    """The standard source loader, reading and writing docless compiled files (see the module)."""

    def get_data(self, path: str) -> bytes:
        """The file's bytes; for the usual compiled file, its docless variant's.

        Raises:
            OSError: No docless variant yet, and it can be written (the
                import system then compiles the source and writes it);
                or the file cannot be read.
        """
        docless = docless_path(path)
        if docless is None:
            return super().get_data(path)
        try:
            return super().get_data(docless)
        except OSError:
            if _writable(docless):
                raise
        return super().get_data(path)  # cannot keep a docless one: the usual file, as ever

    def set_data(self, path: str, data: Any, *, _mode: int = 0o666) -> None:
        """Write ``data``; a compiled file goes to its docless variant's path."""
        super().set_data(docless_path(path) or path, data, _mode=_mode)

    def source_to_code(  # type: ignore[override]
        self, data: Any, path: Any, *, _optimize: int = -1
    ) -> CodeType:
        """The module's code without docstrings (see :func:`compile_docless`)."""
        if sys.flags.optimize or _optimize > 0:
            return super().source_to_code(data, path, _optimize=_optimize)
        return compile_docless(bytes(data) if not isinstance(data, str) else data, str(path))


def _hook(path: str) -> FileFinder:
    """A finder for a folder of the ``tui`` package; ImportError for any other folder."""
    if path != HERE and not path.startswith(HERE + os.sep):
        raise ImportError("not a folder of Podium's package")
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
        if path == HERE or path.startswith(HERE + os.sep):
            del sys.path_importer_cache[path]
