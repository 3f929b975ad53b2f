"""Podium and its libraries load as ``python -OO`` would: no docstrings, from -OO's compiled files."""

from __future__ import annotations

import ast
import importlib.util
import marshal
import os
import py_compile
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui import docless

REPO = Path(__file__).resolve().parents[2]

# What a talk imports (the presenter's app, command and session), then:
# every Podium module loaded, and the docstrings its module, classes and
# functions still hold.
_LOADED_DOCS = """
import inspect, sys, types
import tui.app, tui.cli.present, tui.cli.session, tui.show.core
held = []
for name, module in sorted(sys.modules.items()):
    if not name.startswith("tui.") or name == "tui.docless":
        continue
    if module.__doc__:
        held.append(name)
    for value in vars(module).values():
        if getattr(value, "__module__", None) != name:
            continue
        doc = value.__dict__.get("__doc__") if isinstance(value, type) else None
        if doc and not doc.startswith(value.__name__ + "("):  # a named tuple's own
            held.append(f"{name}.{value.__qualname__}")
        if isinstance(value, types.FunctionType) and value.__doc__:
            held.append(f"{name}.{value.__qualname__}")
loader = type(sys.modules["tui.show.core"].__spec__.loader).__name__
import markdown_it.main, rich.console, textual.widget
libraries = (textual.widget.Widget.__doc__, rich.console.Console.print.__doc__,
             markdown_it.main.__doc__)
print(repr((held, loader, sys.modules["tui.show.core"].Show.next.__doc__, libraries)))
"""


def _run(code: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _env(prefix: Path, *, write: bool) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def test_a_talk_holds_no_docstring_of_podium(tmp_path: Path) -> None:
    """About 1 MB of text (Podium's and its libraries') nothing reads while presenting."""
    env = _env(tmp_path, write=True)
    for _start in ("compiled now", "read back"):
        held, loader, doc, libraries = ast.literal_eval(_run(_LOADED_DOCS, env))
        assert loader == "DoclessLoader"
        assert held == [], held
        assert doc is None and libraries == (None, None, None)
    kept = sorted(path.name for path in tmp_path.rglob("core.*.pyc"))
    assert any(name.endswith(".opt-2.pyc") for name in kept), kept
    assert not any(name.endswith(f".{sys.implementation.cache_tag}.pyc") for name in kept), kept


def test_without_bytecode_writing_the_usual_compiled_files_are_read(tmp_path: Path) -> None:
    """No docless file can be kept: nothing is compiled that was compiled already."""
    source = REPO / "tui" / "show" / "core.py"
    # The usual compiled file, as a plain interpreter writes it (with its docstrings).
    compile_usual = (
        "import importlib.util, py_compile\n"
        f"path = importlib.util.cache_from_source({str(source)!r})\n"
        f"py_compile.compile({str(source)!r}, cfile=path, doraise=True)\n"
        "print(path)\n"
    )
    usual = Path(_run(compile_usual, _env(tmp_path, write=True)))
    assert (
        usual.is_relative_to(tmp_path) and usual.name == f"core.{sys.implementation.cache_tag}.pyc"
    )
    check = (
        "import tui.show.core as core\n"
        "print(repr((core.__doc__ is not None, core.Show.next.__doc__ is not None)))\n"
    )
    assert ast.literal_eval(_run(check, _env(tmp_path, write=False))) == (True, True)


def _sample() -> str:
    return (
        '"""The module."""\n'
        "from __future__ import annotations\n"
        "class Kind:\n"
        '    """A class."""\n'
        "def check(value: int) -> int:\n"
        '    """A function."""\n'
        "    assert value > 0, 'positive'\n"
        "    return value\n"
        "def only() -> None:\n"
        '    """Nothing but a docstring."""\n'
        "def plain():\n"
        "    return 'not a docstring'\n"
        "words = [f'{word}!' for word in ('a', 'b')]\n"
        "shout = lambda: 'hey'\n"
    )


def _load(source: Path, name: str = "sample") -> Any:
    loader = docless.DoclessLoader(name, str(source))
    spec = importlib.util.spec_from_file_location(name, str(source), loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_a_module_loads_as_minus_OO_compiles_it_and_its_compiled_file_is_minus_OOs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Docstrings and asserts left out by the compiler itself; every other string kept."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    source = tmp_path / "sample.py"
    source.write_text(_sample(), encoding="utf-8")
    module = _load(source)
    assert module.__doc__ is None
    assert module.Kind.__doc__ is None and module.check.__doc__ is None
    assert module.only.__doc__ is None and module.only() is None
    assert module.plain() == "not a docstring"
    assert module.check.__annotations__ == {"value": "int", "return": "int"}
    assert module.words == ["a!", "b!"] and module.shout() == "hey"
    assert module.check(0) == 0  # the assert is compiled out, as under -OO
    kept = Path(docless.docless_path(str(source)))
    assert kept.name == f"sample.{sys.implementation.cache_tag}.opt-2.pyc"
    assert not Path(importlib.util.cache_from_source(str(source))).exists()
    # What it keeps is what py_compile writes for -OO, byte for byte.
    minus_oo = tmp_path / "minus_oo.pyc"
    py_compile.compile(str(source), cfile=str(minus_oo), doraise=True, optimize=2)
    assert marshal.loads(kept.read_bytes()[16:]) == marshal.loads(minus_oo.read_bytes()[16:])
    assert kept.read_bytes()[8:16] == minus_oo.read_bytes()[8:16]  # checked against the source


def test_a_kept_file_is_read_back_and_compiled_again_when_the_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    source = tmp_path / "sample.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    assert _load(source).VALUE == 1
    kept = Path(docless.docless_path(str(source)))
    first = kept.read_bytes()
    assert _load(source).VALUE == 1 and kept.read_bytes() == first  # read back as kept
    source.write_text("VALUE = 22\n", encoding="utf-8")  # a new size: the kept file is stale
    assert _load(source).VALUE == 22 and kept.read_bytes() != first


def test_a_folder_it_cannot_write_gets_the_usual_compiled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is compiled with -OO that could not be kept: the usual file, docstrings and all."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    source = tmp_path / "sample.py"
    source.write_text(_sample(), encoding="utf-8")
    usual = Path(importlib.util.cache_from_source(str(source)))
    py_compile.compile(str(source), cfile=str(usual), doraise=True)
    module = _load(source)
    assert module.__doc__ == "The module." and module.check.__doc__ == "A function."
    assert not Path(docless.docless_path(str(source))).exists()


def test_the_docless_file_is_where_minus_OO_keeps_its_own() -> None:
    tag = sys.implementation.cache_tag
    assert docless.docless_path("/x/m.py") == f"/x/__pycache__/m.{tag}.opt-2.pyc"
