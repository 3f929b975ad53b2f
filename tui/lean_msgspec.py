"""msgspec without the parts Podium does not use on its way to the first frame.

``import msgspec`` runs its package ``__init__``, which imports every
submodule: ``msgspec.inspect`` (type introspection, ~1.3 ms and a few
hundred kB of code objects), the JSON Schema generator behind
``msgspec.json.schema`` and the TOML and YAML front-ends. Podium uses
``msgspec.Struct``, ``msgspec.json``, ``msgspec.msgpack`` and
``msgspec.structs`` only; nothing it runs calls the others but ``podium
schema``'s tests (through :mod:`tui.deck.json_schema`, which writes its
own schema).

:func:`defer_extras` (called by :mod:`tui`'s ``__init__``, so before any
Podium module imports msgspec) puts stand-ins for those submodules into
:data:`sys.modules`:

- ``msgspec.inspect``, ``msgspec.toml`` and ``msgspec.yaml`` are empty
  modules that import the real one when an attribute is first read from
  them (:pep:`562`'s module ``__getattr__``), so ``msgspec.inspect.type_info``
  and ``msgspec.yaml.decode`` work as ever. (The standard library's
  ``LazyLoader`` cannot do this: the import statement in msgspec's
  ``__init__`` reads the module's ``__spec__``, which loads it.)
- ``msgspec._json_schema``, which ``msgspec.json`` reads two functions from
  at import time, is such a module too, with those two functions: they
  import the real generator on their first call and hand over to it.

Once loaded, the real module replaces the stand-in in :data:`sys.modules`
and on the ``msgspec`` package.

Does nothing when msgspec is imported already (the stand-ins would never
be used). A later msgspec that reads more from these modules while it is
imported only loads them at once again (any name but the two functions
loads the real module). Imports nothing new.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

DEFERRED = ("msgspec.inspect", "msgspec.toml", "msgspec.yaml", "msgspec._json_schema")
"""Submodules imported on their first use rather than with msgspec."""


def defer_extras() -> None:
    """Install the stand-ins (see the module's docstring); idempotent."""
    if "msgspec" in sys.modules or any(name in sys.modules for name in DEFERRED):
        return
    for name in DEFERRED:
        sys.modules[name] = _stand_in(name)


def _stand_in(name: str) -> ModuleType:
    """A module that imports the real ``name`` when it is first used."""
    module = ModuleType(name, f"Stands in for {name} until it is used (tui.lean_msgspec).")

    def real() -> ModuleType:
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return importlib.import_module(name)  # also set on the package

    def __getattr__(attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    if name == "msgspec._json_schema":
        # Read by msgspec.json when it is imported: called, they load the generator.
        def schema(*args: Any, **kwargs: Any) -> Any:
            return real().schema(*args, **kwargs)

        def schema_components(*args: Any, **kwargs: Any) -> Any:
            return real().schema_components(*args, **kwargs)

        module.schema = schema  # type: ignore[attr-defined]
        module.schema_components = schema_components  # type: ignore[attr-defined]
    return module
