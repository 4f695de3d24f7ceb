"""Tests for wto_msme._export: dump and the JSON content of each file."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import wto_msme
from wto_msme._data import LAYOUT
from wto_msme._export import files
from wto_msme.strategies import datasets

from .conftest import DATA_DIR, DATASET_EXAMPLES
from .test_diff import _changed


class TestDump:
    @settings(max_examples=DATASET_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(datasets())
    def test_generated_round_trip(self, tmp_path_factory, generated):
        """load(dump(ds, directory)) == ds for every generated dataset, and dumping it again writes the same bytes."""

        directory = tmp_path_factory.mktemp("dump")
        loaded = wto_msme.load(wto_msme.dump(generated, directory / "first"))
        wto_msme.dump(loaded, directory / "second")

        assert generated == loaded
        assert [(directory / "first" / f).read_bytes() for f in LAYOUT] == [
            (directory / "second" / f).read_bytes() for f in LAYOUT
        ]

    def test_writes_exactly_the_layout(self, ds, tmp_path):
        """The directory gets the layout's files and nothing else."""

        wto_msme.dump(ds, tmp_path)

        assert sorted(LAYOUT) == sorted(p.name for p in tmp_path.iterdir())

    def test_text_format(self, ds, tmp_path):
        """Files are UTF-8 with non-ASCII text kept, two-space indents and a final newline."""

        wto_msme.dump(ds, tmp_path)
        text = (tmp_path / "coordinators.json").read_bytes().decode("utf-8")

        assert text.endswith("}\n]\n")
        assert text.startswith('[\n  {\n    "id": ')
        assert "Héctor Casanueva" in text
        assert "\r" not in text

    def test_creates_missing_parents(self, ds, tmp_path):
        """A directory that does not exist is created with its parents."""

        target = tmp_path / "a" / "b"

        assert target == wto_msme.dump(ds, target)
        assert (target / "dataset.json").is_file()

    def test_refuses_a_non_empty_directory(self, ds, tmp_path):
        """A directory with files in it is left alone unless overwrite is given."""

        (tmp_path / "notes.txt").write_text("mine", "utf-8")

        with pytest.raises(FileExistsError, match="overwrite=True"):
            wto_msme.dump(ds, tmp_path)

        assert ["notes.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_overwrite_replaces_the_layout_files_only(self, ds, tmp_path):
        """With overwrite, the dataset's files are replaced and other files kept."""

        wto_msme.dump(ds, tmp_path)
        (tmp_path / "notes.txt").write_text("mine", "utf-8")
        changed = attrs.evolve(ds, version="9.9.9")

        wto_msme.dump(changed, tmp_path, overwrite=True)

        assert changed == wto_msme.load(tmp_path)
        assert "mine" == (tmp_path / "notes.txt").read_text("utf-8")

    def test_refuses_a_file(self, ds, tmp_path):
        """A path naming a file is not a directory to write into."""

        file = tmp_path / "file.json"
        file.write_text("{}", "utf-8")

        with pytest.raises(NotADirectoryError, match=r"file\.json"):
            wto_msme.dump(ds, file, overwrite=True)

    def test_unencodable_text_writes_nothing(self, ds, tmp_path):
        """A lone surrogate raises ValueError naming the file, before any file is written."""

        p = attrs.evolve(ds.presentations[0], title="broken \ud800")
        broken = attrs.evolve(ds, presentations=(p, *ds.presentations[1:]))

        with pytest.raises(ValueError, match=r"presentations\.json: character \d+"):
            wto_msme.dump(broken, tmp_path / "out")

        assert not (tmp_path / "out").exists()

    def test_refuses_other_objects(self, tmp_path):
        """Only a Dataset can be dumped."""

        with pytest.raises(TypeError, match=r"expected a wto_msme\.Dataset, got dict"):
            wto_msme.dump({}, tmp_path)  # type: ignore[arg-type]


class TestFiles:
    def test_every_file_of_the_layout_in_order(self, ds):
        """files() gives the content of each file of the layout, in the layout's order."""

        assert list(LAYOUT) == list(files(ds))

    def test_dataset_file(self, ds):
        """dataset.json holds the version and the date the data is current to."""

        assert {"version": wto_msme.DATA_VERSION, "current_to": str(ds.current_to)} == files(ds)["dataset.json"]

    def test_content_is_the_bundled_json(self, ds):
        """Each file's content is the JSON the bundled file holds."""

        expected = {f: json.loads((DATA_DIR / f).read_text("utf-8")) for f in LAYOUT}

        assert expected == files(ds)


class TestDiffCommand:
    def test_bundled_against_a_changed_copy(self, ds, tmp_path, capsys):
        """Python -m wto_msme diff OLD NEW prints the differences and exits with 0."""

        from wto_msme.__main__ import main

        wto_msme.dump(_changed(ds), tmp_path / "new")

        status = main(["diff", "bundled", str(tmp_path / "new")])

        assert (0, str(wto_msme.diff(ds, _changed(ds)))) == (status or 0, capsys.readouterr().out.rstrip("\n"))

    def test_no_differences(self, ds, tmp_path, capsys):
        """Comparing the bundled data with a copy of it prints no differences."""

        from wto_msme.__main__ import main

        wto_msme.dump(ds, tmp_path / "copy")

        status = main(["diff", str(tmp_path / "copy"), "bundled"])

        assert (0, "no differences\n") == (status or 0, capsys.readouterr().out)
