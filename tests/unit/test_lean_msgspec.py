"""msgspec's submodules Podium does not use load when used, not at start-up (tui.lean_msgspec)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

DEFERRED = ("msgspec.inspect", "msgspec.toml", "msgspec.yaml", "msgspec._json_schema")


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_presenter_starts_without_msgspecs_unused_submodules() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.cli.present, tui.cli.session\n"
        "import msgspec, msgspec.json, msgspec.msgpack, msgspec.structs\n"
        f"loaded = [n for n in {DEFERRED!r} if getattr(sys.modules.get(n), '__file__', None)]\n"
        "print(loaded, 'msgspec._typing_utils' in sys.modules)\n"
    )
    assert _run(code) == "[] False"


def test_each_deferred_submodule_works_when_used() -> None:
    code = (
        "import sys\n"
        "import tui, msgspec, msgspec.json, msgspec.inspect\n"
        "assert msgspec.json.schema(int) == {'type': 'integer'}\n"
        "assert msgspec.inspect.type_info(int) == msgspec.inspect.IntType()\n"
        "import msgspec.toml, msgspec.yaml\n"
        "assert msgspec.toml.decode(b'a = 1') == {'a': 1}\n"
        "assert msgspec.yaml.encode({'a': 1}) == b'a: 1\\n'\n"
        "names = ('msgspec.inspect', 'msgspec._json_schema')\n"
        "real = [n for n in names if sys.modules[n].__file__]\n"
        "print(len(real), msgspec.inspect is sys.modules['msgspec.inspect'])\n"
    )
    assert _run(code) == "2 True"


def test_msgspec_imported_first_is_left_alone() -> None:
    code = (
        "import sys\n"
        "import msgspec\n"
        "import tui\n"
        "print(bool(sys.modules['msgspec.inspect'].__file__))\n"
    )
    assert _run(code) == "True"
