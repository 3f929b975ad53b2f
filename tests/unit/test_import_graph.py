"""Podium's import graph, read from the source: the command line has no cycle.

Every ``import`` counts, wherever it is: at module level, inside a function
(imported only when used, but still a dependency) and under ``if
TYPE_CHECKING:``. A submodule's import of its own parent package (which
Python runs first anyway) does not. The ``podium`` command's modules
(:mod:`tui.cli` and its subcommands) must not be part of any cycle: each
subcommand imports the shared helpers and the layers below, never another
subcommand, and nothing below imports the command line. The whole graph has
no cycle either (the app and its screens included: screens get what they
need in their constructor and never import :mod:`tui.app`).
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "tui"

CLI_PACKAGE = "tui.cli"
"""The ``podium`` command: no module of it may be part of an import cycle."""

ENTRY_POINTS = {"tui.__main__"}
"""Modules that only start the command (``python -m tui``)."""

KNOWN_CYCLES: list[set[str]] = []
"""Import cycles still left, each a set of modules; none may be added (none left)."""


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Every Podium module ``path`` imports, anywhere in the file (functions
    and ``TYPE_CHECKING`` blocks included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                if not is_package:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            # the deepest Podium module the import names
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Podium's modules and the Podium modules each imports.

    Args:
        package: The package folder to read (``tui/``).

    Returns:
        Module name -> the names of the modules it imports.
    """
    paths = {_module_name(path, package.parent): path for path in package.rglob("*.py")}
    modules = set(paths)
    graph = {name: _imports(path, name, modules) for name, path in paths.items()}
    # a submodule's parent package runs first: not an import of the module's own
    return {
        name: {t for t in imported if not name.startswith(t + ".")}
        for name, imported in graph.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def cycle_through(graph: dict[str, set[str]], module: str) -> list[str] | None:
    """An import cycle that passes through ``module``, or None.

    Returns:
        The modules of the cycle, starting and ending with ``module``.
    """
    came_from: dict[str, str] = {}
    todo = [module]
    while todo:
        node = todo.pop()
        for target in sorted(graph.get(node, ())):
            if target == module:
                path = [node]
                while path[-1] != module:
                    path.append(came_from[path[-1]])
                return [module, *reversed(path[:-1]), module]
            if target not in came_from:
                came_from[target] = node
                todo.append(target)
    return None


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other (every cycle lies in one).

    Tarjan's algorithm, iterative; groups of one module are left out.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def _is_cli(module: str) -> bool:
    """A module of the command line: ``tui.cli*``, or a ``cli``/``commands`` module elsewhere."""
    in_package = module == CLI_PACKAGE or module.startswith(CLI_PACKAGE + ".")
    return in_package or bool({"cli", "commands"} & set(module.split(".")))


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from pkg import top\n")
    (package / "sub" / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "import pkg.sub\n"  # its own parent package: not a dependency
        "if TYPE_CHECKING:\n    from pkg.top import Thing\n"
    )
    (package / "top.py").write_text("def late():\n    from .sub import leaf\n")
    graph = import_graph(package)
    assert graph == {
        "pkg": set(),
        "pkg.sub": {"pkg.top"},
        "pkg.sub.leaf": {"pkg.top"},
        "pkg.top": {"pkg.sub", "pkg.sub.leaf"},
    }
    assert find_cycle(graph) == ["pkg.sub", "pkg.top", "pkg.sub"]
    assert cycle_through(graph, "pkg.sub.leaf") == ["pkg.sub.leaf", "pkg.top", "pkg.sub.leaf"]
    assert cycle_through(graph, "pkg") is None
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_command_line_is_a_package_of_one_module_per_subcommand() -> None:
    graph = import_graph()
    cli = sorted(module for module in graph if _is_cli(module))
    expected = {"tui.cli", "tui.cli.common", "tui.cli.session", "tui.cli.present", "tui.cli.vote"}
    assert expected <= set(cli)
    # every command-line module lives in tui/cli/ (no cli.py or commands/ elsewhere)
    assert [module for module in cli if not module.startswith(CLI_PACKAGE)] == []
    shared = {"tui.cli", "tui.cli.common", "tui.cli.parser", "tui.cli.session"}
    subcommands = set(cli) - shared
    for module in sorted(subcommands):
        others = sorted(graph[module] & subcommands)
        assert not others, f"{module} imports the subcommand(s) {others}"
    for module, imported in sorted(graph.items()):
        if not _is_cli(module) and module not in ENTRY_POINTS:
            assert not [m for m in imported if _is_cli(m)], f"{module} imports the command line"


def test_no_command_line_module_is_part_of_an_import_cycle() -> None:
    graph = import_graph()
    for module in sorted(m for m in graph if _is_cli(m)):
        cycle = cycle_through(graph, module)
        assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_strongly_connected_finds_every_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"a"}}
    assert sorted(map(sorted, strongly_connected(graph))) == [["a", "b", "c"], ["d", "e"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_the_whole_graph_has_no_cycle_but_the_known_ones() -> None:
    graph = import_graph()
    for group in strongly_connected(graph):
        assert group in KNOWN_CYCLES, "import cycle among " + ", ".join(sorted(group))


def test_the_app_its_screens_and_the_core_are_in_no_cycle() -> None:
    graph = import_graph()
    layers = ("tui.app", "tui.screens", "tui.show", "tui.audience", "tui.widgets", "tui.rehearsal")
    for module in sorted(m for m in graph if m.startswith(layers)):
        cycle = cycle_through(graph, module)
        assert cycle is None, "import cycle: " + " -> ".join(cycle)
    # the core imports no screen, widget, app or adapter
    for module in sorted(m for m in graph if m.startswith("tui.show")):
        assert not [m for m in graph[module] if m.startswith(layers[:2] + layers[3:])], module
