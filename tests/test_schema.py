"""Tests for wto_msme._schema: the shipped JSON Schema and what it accepts."""

from __future__ import annotations

import json
import shutil

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import wto_msme
from wto_msme import _model
from wto_msme._data import LAYOUT
from wto_msme._describe import field_types, unwrap_optional
from wto_msme._export import files
from wto_msme._schema import generate, render, schema_text
from wto_msme.strategies import datasets

from .conftest import DATA_DIR, DATASET_EXAMPLES

SCHEMA = wto_msme.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _reachable(cls: type, found: dict[type, None]) -> dict[type, None]:
    """The attrs classes a dataset holds, from *cls* down, each once."""
    found[cls] = None
    for t in field_types(cls).values():
        inner, _ = unwrap_optional(t)
        inner = getattr(inner, "kind", None) or next(iter(getattr(inner, "__args__", ())), inner)
        if attrs.has(inner) and inner not in found and inner is not wto_msme.PartialDate:
            _reachable(inner, found)
    return found


#: The Dataset and every record class it holds, which the schema describes.
MODEL_CLASSES = [c for c in _reachable(wto_msme.Dataset, {}) if c in (wto_msme.Dataset, *_model.RECORDS)]


def as_one_object(dataset: wto_msme.Dataset) -> dict:
    """The whole dataset as one JSON object, as the command line exports it."""
    parts = files(dataset)
    return {**parts.pop("dataset.json"), **{name.removesuffix(".json"): v for name, v in parts.items()}}


def file_validator(filename: str) -> jsonschema.Draft202012Validator:
    """A validator for one file of a dataset directory."""
    key, type_ = LAYOUT[filename]
    part = SCHEMA["$defs"]["DatasetFile"] if type_ is None else SCHEMA["properties"][key]
    return jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], **part})


def test_shipped_schema_is_the_generated_one():
    """The shipped schema.json is exactly what the generator gives from the model."""

    assert render(generate()) == schema_text()


def test_schema_is_valid_draft_2020_12():
    """The schema is itself a valid draft 2020-12 schema."""

    jsonschema.Draft202012Validator.check_schema(SCHEMA)

    assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_described(cls):
    """Each class has a definition whose properties are its fields, each with a description."""

    definition = SCHEMA if cls is wto_msme.Dataset else SCHEMA["$defs"][cls.__name__]

    assert [f.name for f in attrs.fields(cls)] == list(definition["properties"])
    assert all(p.get("description") for p in definition["properties"].values())


def test_json_schema_returns_a_fresh_copy():
    """Changing the returned dict does not change the next one."""

    wto_msme.json_schema()["title"] = "changed"

    assert "wto_msme dataset" == wto_msme.json_schema()["title"]


@pytest.mark.parametrize("filename", list(LAYOUT))
def test_bundled_files_are_valid(filename):
    """Every bundled data file is valid against its part of the schema."""

    data = json.loads((DATA_DIR / filename).read_text("utf-8"))

    assert [] == [e.message for e in file_validator(filename).iter_errors(data)]


def test_whole_dataset_is_valid(ds):
    """The whole bundled dataset, as one object, is valid against the schema."""

    assert [] == [e.message for e in VALIDATOR.iter_errors(as_one_object(ds))]


@settings(max_examples=DATASET_EXAMPLES)
@given(datasets())
def test_generated_datasets_are_valid(generated):
    """Every generated dataset is valid against the schema."""

    assert [] == [e.message for e in VALIDATOR.iter_errors(as_one_object(generated))]


MUTATIONS = [
    ("presentations.json", "a required field is missing", lambda d: d[3].pop("title")),
    ("presentations.json", "a text is a number", lambda d: d[3].update(title=12)),
    ("presentations.json", "an unknown category", lambda d: d[3].update(category="Gardening")),
    ("presentations.json", "an unknown field", lambda d: d[3].update(speaker="someone")),
    ("presentations.json", "a date in another form", lambda d: d[3].update(date="18/02/2021")),
    ("presentations.json", "a month 13", lambda d: d[3].update(date="2021-13")),
    ("presentations.json", "null where a value is required", lambda d: d[3].update(summary=None)),
    ("presentations.json", "an annex that is text", lambda d: d[3].update(annexes=["2"])),
    ("members.json", "a list that is a string", lambda d: d[0].update(aliases="Afghan")),
    ("members.json", "a nested record with an unknown field", lambda d: d[0]["joined"].update(at="2021")),
    ("news.json", "a provenance without its source", lambda d: d[0]["provenance"].pop("source")),
    ("news.json", "a note of an unknown kind", lambda d: d[1]["provenance"]["notes"][0].update(kind="rumour")),
    ("initiative.json", "a flag that is text", lambda d: d.update(open="yes")),
    ("dataset.json", "an unknown field in dataset.json", lambda d: d.update(editor="me")),
    ("sources.json", "a record that is a string", lambda d: d.append("seed-000")),
]


@pytest.mark.parametrize(("filename", "what", "change"), MUTATIONS, ids=[m[1] for m in MUTATIONS])
def test_data_the_schema_rejects_load_rejects(tmp_path, filename, what, change):
    """A file the schema rejects makes load(path) raise DataError too."""

    directory = tmp_path / "data"
    shutil.copytree(DATA_DIR, directory)
    data = json.loads((directory / filename).read_text("utf-8"))
    change(data)
    (directory / filename).write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    errors = list(file_validator(filename).iter_errors(data))
    with pytest.raises(wto_msme.DataError) as info:
        wto_msme.load(directory)

    assert errors, what
    assert filename in str(info.value)
