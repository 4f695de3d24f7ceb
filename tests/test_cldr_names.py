"""Tests for tools/cldr_names.py: the bundled aliases are what the script writes from the CLDR."""

from __future__ import annotations

import importlib.util
import json
import pathlib

import pytest

from .conftest import DATA_DIR

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "tools" / "cldr_names.py"


@pytest.fixture(scope="module")
def script():
    """The script as a module, when Babel (the tools extra) ships the CLDR version the data cites."""
    babel = pytest.importorskip("babel.core", reason="the tools extra (Babel) is not installed")
    sources = json.loads((DATA_DIR / "sources.json").read_text("utf-8"))
    cited = next(s["id"] for s in sources if s["id"].startswith("CLDR-"))
    if cited != f"CLDR-{babel.get_cldr_version()}":
        pytest.skip(f"the data cites {cited}; Babel ships CLDR {babel.get_cldr_version()}")
    spec = importlib.util.spec_from_file_location("cldr_names", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundled_wto_members_are_what_the_script_writes(script):
    """Running the script on the bundled data would change no record and no source."""

    wto = json.loads((DATA_DIR / "wto_members.json").read_text("utf-8"))
    participants = {m["id"]: m for m in json.loads((DATA_DIR / "members.json").read_text("utf-8"))}
    source = script.source_record()

    assert wto == [script.update(r, participants.get(r["id"]), source["id"]) for r in wto]
    assert source in json.loads((DATA_DIR / "sources.json").read_text("utf-8"))


def test_a_name_in_parentheses_counts_unless_it_names_another_territory(script):
    """The name "Myanmar (Burma)" gives "Burma"; "RAE de Hong Kong (China)" gives no "China"."""

    assert "Burma" in script.cldr_names("MM")
    assert "China" not in script.cldr_names("HK")
