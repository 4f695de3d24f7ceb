"""Tests of wto_msme._diff: what changed between two datasets, as data, text and an HTML table."""

from __future__ import annotations

import attrs
import pytest

import wto_msme

from .test_display import Page


def _changed(ds):
    """The bundled dataset with a member added, one removed and one member's joining changed."""
    first, second, *rest = ds.members
    joined = attrs.evolve(second.joined, not_after=wto_msme.PartialDate(2021))
    added = attrs.evolve(first, id="zzz", name="Somewhere", aliases=(), iso_alpha2=None, iso_alpha3=None)
    return attrs.evolve(ds, members=(attrs.evolve(second, joined=joined), *rest, added))


class TestDiff:
    def test_equal_datasets_have_no_differences(self, ds):
        """Equal datasets give a falsy Diff whose text says so."""

        d = wto_msme.diff(ds, attrs.evolve(ds))

        assert (False, "no differences", (), (), ()) == (bool(d), str(d), d.added, d.removed, d.changed)

    def test_added_removed_and_changed_records(self, ds):
        """Records added, removed and changed are listed, a nested field with its old and new value."""

        second = ds.members[1]
        d = wto_msme.diff(ds, _changed(ds))

        assert (True, (("members", "zzz"),), (("members", ds.members[0].id),)) == (bool(d), d.added, d.removed)
        assert [("members", second.id, [("joined.not_after", str(second.joined.not_after), "2021")])] == [
            (c.collection, c.id, [(f.field, f.old, f.new) for f in c.fields]) for c in d.changed
        ]

    def test_text_lists_each_change(self, ds):
        """The text has a line per record added or removed, and the changed record's fields beneath it."""

        second = ds.members[1]

        assert [
            "1 added, 1 removed, 1 changed",
            "+ members zzz",
            f"- members {ds.members[0].id}",
            f"~ members {second.id}",
            f"    joined.not_after: '{second.joined.not_after}' -> '2021'",
        ] == str(wto_msme.diff(ds, _changed(ds))).splitlines()

    def test_a_directory_is_compared_as_its_dataset(self, ds, tmp_path):
        """A data directory gives the same differences as the dataset written to it."""

        changed = _changed(ds)
        wto_msme.dump(changed, tmp_path / "new")

        assert wto_msme.diff(ds, changed) == wto_msme.diff(ds, tmp_path / "new")

    def test_refuses_other_objects(self, ds):
        """Neither a dataset nor a directory raises TypeError naming the argument."""

        with pytest.raises(TypeError, match=r"new must be a wto_msme\.Dataset or a data directory, not int"):
            wto_msme.diff(ds, 5)  # type: ignore[arg-type]


class TestDisplay:
    def test_repr_is_the_count(self, ds):
        """A Diff's repr says how many records were added, removed and changed, not its nested tuples."""

        assert ("<Diff: 1 added, 1 removed, 1 changed>", "<Diff: no differences>") == (
            repr(wto_msme.diff(ds, _changed(ds))),
            repr(wto_msme.diff(ds, ds)),
        )

    def test_long_values_are_shortened(self, ds):
        """A long changed value is shortened in the text, whole in the data."""

        p = ds.presentations[0]
        long = "A new summary. " * 40
        d = wto_msme.diff(ds, attrs.evolve(ds, presentations=(attrs.evolve(p, summary=long), *ds.presentations[1:])))
        (line,) = [x for x in str(d).splitlines() if x.startswith("    summary:")]

        assert (long, True, True) == (d.changed[0].fields[0].new, line.endswith("..."), len(line) < 200)

    def test_html_is_a_table_of_the_changes(self, ds):
        """In Jupyter a Diff is a well-formed table: a row per record added or removed, per field changed."""

        second = ds.members[1]
        page = Page(wto_msme.diff(ds, _changed(ds))._repr_html_())

        assert (True, "Diff: 1 added, 1 removed, 1 changed") == (page.well_formed, page.caption)
        assert [["", "collection", "id", "field", "old", "new"]] == page.header_rows
        assert [
            ["added", "members", "zzz", "", "", ""],
            ["removed", "members", ds.members[0].id, "", "", ""],
            ["changed", "members", second.id, "joined.not_after", f"'{second.joined.not_after}'", "'2021'"],
        ] == page.body_rows

    def test_html_escapes_values(self, ds):
        """A changed value holding markup shows as text."""

        p = attrs.evolve(ds.presentations[0], title="<script>x</script>")
        page = Page(wto_msme.diff(ds, attrs.evolve(ds, presentations=(p, *ds.presentations[1:])))._repr_html_())

        assert ("script" not in page.tags, True) == (True, "'<script>x</script>'" in page.text)

    def test_no_differences(self, ds):
        """Equal datasets give a table with its caption and no rows."""

        page = Page(wto_msme.diff(ds, ds)._repr_html_())

        assert ("Diff: no differences", []) == (page.caption, page.body_rows)
