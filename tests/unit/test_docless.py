"""Podium's modules load without docstrings (asserts kept), from compiled files of their own."""

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
    assert any(name.endswith(f".opt-{docless.TAG}.pyc") for name in kept), kept
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


def test_stripping_keeps_asserts_line_numbers_and_every_other_string() -> None:
    code = docless.strip_docstrings(compile(_sample(), "<test>", "exec"))
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    kind, check, only, plain = (namespace[name] for name in ("Kind", "check", "only", "plain"))
    assert namespace["__doc__"] is None
    assert kind.__doc__ is None and check.__doc__ is None and only.__doc__ is None
    assert check.__annotations__ == {"value": "int", "return": "int"}
    assert only() is None and plain() == "not a docstring"
    assert namespace["words"] == ["a!", "b!"] and namespace["shout"]() == "hey"
    try:
        check(0)
    except AssertionError as error:
        assert str(error) == "positive"
        assert error.__traceback__ is not None and error.__traceback__.tb_next is not None
        assert error.__traceback__.tb_next.tb_lineno == 7
    else:
        raise AssertionError("the assert was compiled out")


def test_a_docless_file_is_made_from_the_usual_compiled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual .pyc is read once, stripped and kept; the source is not compiled again."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    source = tmp_path / "sample.py"
    source.write_text(_sample(), encoding="utf-8")
    usual = Path(importlib.util.cache_from_source(str(source)))
    py_compile.compile(str(source), cfile=str(usual), doraise=True)
    loader = docless.DoclessLoader("sample", str(source))
    data = loader.get_data(str(usual))
    kept = Path(str(docless.docless_path(str(usual))))
    assert kept.read_bytes() == data and data[:16] == usual.read_bytes()[:16]
    namespace: dict[str, Any] = {}
    exec(marshal.loads(data[16:]), namespace)
    assert namespace["__doc__"] is None and namespace["check"].__doc__ is None
    assert loader.get_data(str(usual)) == data  # read back, as kept


@pytest.mark.parametrize(
    ("mode", "copied"),
    [
        (py_compile.PycInvalidationMode.CHECKED_HASH, True),
        (py_compile.PycInvalidationMode.UNCHECKED_HASH, False),
    ],
)
def test_a_compiled_file_never_checked_against_its_source_is_not_copied(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mode: py_compile.PycInvalidationMode,
    copied: bool,
) -> None:
    """A docless copy of an unchecked file would outlive a new version of the source."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    source = tmp_path / "sample.py"
    source.write_text(_sample(), encoding="utf-8")
    usual = Path(importlib.util.cache_from_source(str(source)))
    py_compile.compile(str(source), cfile=str(usual), doraise=True, invalidation_mode=mode)
    data = docless.DoclessLoader("sample", str(source)).get_data(str(usual))
    kept = Path(str(docless.docless_path(str(usual))))
    assert kept.exists() is copied
    assert data[:16] == usual.read_bytes()[:16]
    assert (data == usual.read_bytes()) is not copied


def test_only_the_usual_compiled_file_has_a_docless_variant() -> None:
    tag = sys.implementation.cache_tag
    assert docless.docless_path(f"/x/__pycache__/m.{tag}.pyc") == (
        f"/x/__pycache__/m.{tag}.opt-{docless.TAG}.pyc"
    )
    assert docless.docless_path(f"/x/__pycache__/m.{tag}.opt-1.pyc") == (
        f"/x/__pycache__/m.{tag}.opt-1{docless.TAG}.pyc"
    )
    assert docless.docless_path("/x/m.py") is None
    assert docless.docless_path(f"/x/__pycache__/m.{tag}.opt-2.pyc") is None
