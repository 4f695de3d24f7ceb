"""Tests for wto_msme._datapackage: the CSV export as a Frictionless Data Package."""

from __future__ import annotations

import csv
import io
import json
import pathlib
import re

import pytest

from wto_msme._datapackage import DESCRIPTOR, LICENCE, csv_files, descriptor
from wto_msme._dataset import COLLECTIONS

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def files(ds):
    """The CSV export of the bundled dataset, file name to bytes."""
    return csv_files(ds)


def tables(files):
    """The rows of each CSV file of *files*, by resource name."""
    return {
        name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        for name, data in files.items()
        if name.endswith(".csv")
    }


def test_a_resource_per_file(ds, files):
    """The descriptor lists a resource per CSV file, in the export's order, with the file's columns as fields."""

    package = json.loads(files[DESCRIPTOR])
    headers = {
        name: next(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        for name, data in files.items()
        if name.endswith(".csv")
    }

    assert ["initiative", *COLLECTIONS] == [r["name"] for r in package["resources"]]
    assert headers == {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert (ds.version, [LICENCE]) == (package["version"], package["licenses"])


def test_the_licence_is_the_projects():
    """The descriptor's licence is the one pyproject.toml declares."""

    declared = re.search(r'^license = "(.+)"$', (ROOT / "pyproject.toml").read_text("utf-8"), re.MULTILINE)

    assert declared is not None
    assert declared[1] == LICENCE["name"]


def test_fields_have_types_and_the_model_s_descriptions(ds):
    """Each field has its type and the docstring of the field it comes from; enums list their values."""

    fields = {f["name"]: f for f in descriptor(ds)["resources"][4]["schema"]["fields"]}

    assert "presentations" == descriptor(ds)["resources"][4]["name"]
    assert ("date", "string", "array", "integer") == tuple(
        fields[n]["type"] for n in ("date", "category", "annexes", "notes")
    )
    assert "The `Meeting.id` of the meeting it was given at." == fields["meeting"]["description"]
    assert ["year", "month", "day"] == fields["date_precision"]["constraints"]["enum"]
    assert {"required": True} == fields["title"]["constraints"]
    assert "constraints" not in fields["url"]
    assert all(f["description"] for r in descriptor(ds)["resources"] for f in r["schema"]["fields"])


def test_keys_hold_in_the_files(files):
    """Each primary key is unique and each foreign key's values are ids of the resource it names."""

    package = json.loads(files[DESCRIPTOR])
    rows = tables(files)
    checked = 0
    for resource in package["resources"]:
        mine = rows[resource["name"]]
        for key in resource["schema"].get("primaryKey", []):
            assert len(mine) == len({r[key] for r in mine})
        for fk in resource["schema"].get("foreignKeys", []):
            (field,), target = fk["fields"], fk["reference"]
            ids = {r[target["fields"][0]] for r in rows[target["resource"]]}
            assert {r[field] for r in mine if r[field]} <= ids
            checked += 1

    assert checked >= 15
    assert {"fields": ["meeting"], "reference": {"resource": "meetings", "fields": ["id"]}} in next(
        r for r in package["resources"] if r["name"] == "presentations"
    )["schema"]["foreignKeys"]


def test_spreadsheet_safe_files_have_no_descriptor(ds):
    """Cells changed for spreadsheets no longer hold the values: no descriptor describes them."""

    safe = csv_files(ds, spreadsheet_safe=True)

    assert DESCRIPTOR not in safe
    assert {f"{n}.csv" for n in ("initiative", *COLLECTIONS)} == set(safe)


def write(files, directory):
    """Write *files* into *directory*; return the descriptor's path."""
    for name, data in files.items():
        (directory / name).write_bytes(data)
    return directory / DESCRIPTOR


def test_frictionless_validates_it(files, tmp_path):
    """The frictionless tool finds the package valid, and finds a dangling foreign key in a broken copy."""

    frictionless = pytest.importorskip("frictionless", reason="frictionless is not installed (CI installs it)")

    good = frictionless.validate(str(write(files, tmp_path)))
    broken = dict(files)
    broken["presentations.csv"] = files["presentations.csv"].replace(b",2021-09-24-meeting,", b",nowhere,", 1)
    (tmp_path / "broken").mkdir()
    bad = frictionless.validate(str(write(broken, tmp_path / "broken")))

    assert (True, []) == (good.valid, good.flatten(["type", "note"]))
    assert not bad.valid
    assert ["foreign-key"] == sorted({t for (t,) in bad.flatten(["type"])})
