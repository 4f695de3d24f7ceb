"""Tests for wto_msme._describe: the one reading of the model's declarations."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import attrs
import pytest

import wto_msme
from wto_msme import PartialDate, _model
from wto_msme._checks import check
from wto_msme._describe import Kind, Shape, shape, shapes
from wto_msme.collections import Members
from wto_msme.enums import MemberKind

from .test_collections import THINGS, with_things


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (str, Shape(Kind.TEXT, str)),
        (int, Shape(Kind.INTEGER, int)),
        (bool, Shape(Kind.FLAG, bool)),
        (PartialDate, Shape(Kind.DATE, PartialDate)),
        (MemberKind, Shape(Kind.ENUM, MemberKind)),
        (str | None, Shape(Kind.TEXT, str, optional=True)),
        (tuple[str, ...], Shape(Kind.TUPLE, tuple[str, ...], item=Shape(Kind.TEXT, str))),
        (wto_msme.Joining, Shape(Kind.RECORD, wto_msme.Joining)),
        (Members, Shape(Kind.COLLECTION, Members, item=Shape(Kind.RECORD, wto_msme.Member))),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_shape(t, expected):
    """Each type the model uses has one shape."""

    assert expected == shape(t)


def test_shape_refuses_what_the_model_does_not_use():
    """A type of no shape the model uses raises TypeError naming it."""

    with pytest.raises(TypeError, match="no shape for <class 'float'>"):
        shape(float)


def test_every_field_of_every_record_has_a_shape():
    """Every field of every record class and of Dataset reads as a shape."""

    kinds = {s.kind for cls in (*_model.RECORDS, wto_msme.Dataset) for s in shapes(cls).values()}

    assert set(Kind) == kinds


def test_a_new_kinds_date_field_is_checked_with_no_edit_to_the_checks(ds):
    """A date field declared on a record kind the library does not know is checked like the model's own."""

    late = attrs.evolve(THINGS[0], date=PartialDate(2031))
    things = with_things(ds)

    problems = check(attrs.evolve(things, things=(late, *THINGS[1:])))

    assert [] == check(things)
    span = "(2017-01-01 to 2025-12-08, the data's current_to)"
    assert [("things", "things[0].date", f"2031 is outside the dates it may carry {span}")] == problems


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"aliases": ["x"]}, TypeError, r"Member\.aliases: a tuple is needed, not list"),
        ({"kind": "state"}, TypeError, r"Member\.kind: a MemberKind is needed, not str 'state'"),
        ({"id": None}, TypeError, r"Member\.id: a value is needed, not None"),
        ({"id": " "}, ValueError, r"Member\.id: an identifier may not be blank"),
        ({"name": 7}, TypeError, r"Member\.name: a string is needed, not int 7"),
        ({"joined": "2020"}, TypeError, r"Member\.joined: a Joining is needed, not str '2020'"),
    ],
)  # fmt: skip
def test_records_refuse_what_their_types_forbid(ds, change, error, message):
    """attrs.evolve with a bad value raises TypeError or ValueError naming the class and the field."""

    with pytest.raises(error, match=message):
        attrs.evolve(ds.members[0], **change)


def test_help_works_with_bytecode_alone(tmp_path):
    """help() on a record class lists its fields' meanings in an install compiled to bytecode alone."""

    package = pathlib.Path(wto_msme.__file__).parent
    copy = tmp_path / "wto_msme"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-b", "-q", str(copy)], check=True)
    for source in copy.rglob("*.py"):
        source.unlink()
    code = "import pydoc, wto_msme; print(pydoc.render_doc(wto_msme.Member, renderer=pydoc.plaintext))"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout

    assert "Fields:" in out
    assert "iso_alpha2: ISO 3166-1 alpha-2 code" in out
