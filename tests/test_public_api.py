"""Tests for the public namespace of wto_msme, the README and the command line."""

from __future__ import annotations

import ast
import doctest
import graphlib
import pathlib
import subprocess
import sys

import wto_msme

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = pathlib.Path(wto_msme.__file__).resolve().parent

#: Public submodules imported only on demand, because they need optional extras.
ON_DEMAND = {"plot", "strategies"}


def test_all_is_the_public_namespace():
    """Every public name is in __all__ and vice versa."""

    public = sorted(n for n in dir(wto_msme) if not n.startswith("_") and n not in ON_DEMAND)

    assert sorted(set(wto_msme.__all__) - {"__version__"}) == public


def _isort_key(name: str) -> tuple[int, str]:
    """The order of ruff's RUF022: constants, then classes, then the rest, each alphabetically."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_small():
    """__all__ is kept sorted, constants and classes first as ruff sorts it, and holds at most 35 names."""

    assert (sorted(wto_msme.__all__, key=_isort_key), True) == (wto_msme.__all__, len(wto_msme.__all__) <= 35)


def test_star_import():
    """`from wto_msme import *` gives exactly __all__."""

    namespace: dict[str, object] = {}
    exec("from wto_msme import *", namespace)

    assert set(wto_msme.__all__) == set(namespace) - {"__builtins__"}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _relative_imports(tree: ast.AST, module: str) -> set[str]:
    """The modules of the package that *module* imports, at any depth, outside `if TYPE_CHECKING:` blocks."""
    found: set[str] = set()
    package = module if module == "wto_msme" else module.rsplit(".", 1)[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, a.name]) for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_import_cycle():
    """The modules of the package import each other without a cycle, imports inside functions included."""

    graph = {}
    for path in PACKAGE.glob("*.py"):
        module = "wto_msme" if path.stem == "__init__" else f"wto_msme.{path.stem}"
        graph[module] = _relative_imports(ast.parse(path.read_text("utf-8")), module) - {module}

    order = list(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError on a cycle

    assert set(graph) <= set(order)


def test_readme_examples_run():
    """The README's notebook example gives the output it shows."""

    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)

    assert (0, True) == (result.failed, result.attempted > 0)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wto_msme", *args], capture_output=True, text=True, check=False)


def test_command_line_overview():
    """`python -m wto_msme` prints the overview and exits 0."""

    result = _run()

    assert 0 == result.returncode
    assert "Informal Working Group on Micro, Small and Medium-sized Enterprises" in result.stdout
    assert "Coordinator: Matthew Wilson (Barbados)" in result.stdout
    assert "48 presentations" in result.stdout


def test_command_line_unknown_command():
    """An unknown command is a usage error: exit status 2 and a message."""

    result = _run("nonsense")

    assert 2 == result.returncode
    assert "invalid choice" in result.stderr
