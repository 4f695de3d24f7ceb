"""Tests for the public namespace of wto_msme, the README and the command line."""

from __future__ import annotations

import doctest
import importlib
import pathlib
import subprocess
import sys

import pytest

import wto_msme

ROOT = pathlib.Path(__file__).resolve().parents[1]


#: Public submodules imported only on demand, because they need optional extras.
ON_DEMAND = {"strategies"}


def test_all_is_the_public_namespace():
    """Every public name is in __all__ and vice versa, those imported on first use included."""

    public = sorted(n for n in dir(wto_msme) if not n.startswith("_") and n not in ON_DEMAND)

    assert sorted(set(wto_msme.__all__) - {"__version__"}) == public


def test_names_imported_on_first_use_are_those_of_their_modules():
    """Each name that `import wto_msme` leaves to its first use is public and resolves to its module's object."""

    lazy = wto_msme._ON_FIRST_USE

    assert set(lazy) <= set(wto_msme.__all__)
    for name, module in lazy.items():
        assert getattr(importlib.import_module(f"wto_msme.{module}"), name) is getattr(wto_msme, name)


def test_unknown_attribute_raises_attribute_error():
    """A name the package does not have raises AttributeError naming it."""

    with pytest.raises(AttributeError, match="'no_such_name'"):
        _ = wto_msme.no_such_name


def test_all_is_sorted():
    """__all__ is kept sorted."""

    assert sorted(wto_msme.__all__) == wto_msme.__all__


def test_star_import():
    """`from wto_msme import *` gives exactly __all__."""

    namespace: dict[str, object] = {}
    exec("from wto_msme import *", namespace)

    assert set(wto_msme.__all__) == set(namespace) - {"__builtins__"}


def test_version():
    """The version is a string of three numbers."""

    assert len(wto_msme.__version__.split(".")) == 3


@pytest.mark.parametrize("name", sorted(set(wto_msme.__all__) - {"__version__", "DateLike"}))
def test_public_names_are_documented(name):
    """Every public name has a docstring."""

    assert getattr(wto_msme, name).__doc__


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
