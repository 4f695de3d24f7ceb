"""
Failures at the edges of the command line, CSV and diff, each pinned by a test that failed before its fix.

Atomic output of the command line, CSV that reads back, output that cannot be written, and
diff's refusals. These belong in test_main.py, test_flat.py and test_diff.py, where they
move when those files are next reorganised; the rest of this file moved to test_checks.py
(capped problems, the checks of a user's copy) and test_data.py (the path load() is given).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import pathlib
import subprocess
import sys

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wto_msme
from wto_msme.__main__ import main
from wto_msme._flat import write_csv

from .conftest import edit
from .test_io import fail_after

SRC = pathlib.Path(wto_msme.__file__).parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC.parent), os.environ.get("PYTHONPATH", "")])}
ROOT = os.name == "posix" and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(
    os.name != "posix" or ROOT, reason="file permissions do not apply (running as root, or not POSIX)"
)

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symbolic links")


def export_news(output: pathlib.Path, *extra: str) -> int:
    """Export the news as JSON to *output* through the command line, with *extra* options."""
    return main(["export", "--format", "json", "--collection", "news", "--output", str(output), *extra])


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


class TestAtomicCommandLineOutput:
    def test_full_disk_leaves_the_output_file_as_it_was(self, tmp_path, monkeypatch, capsys):
        """--output F --overwrite on a full disk leaves F whole, and exits 1 with a message."""

        out = tmp_path / "news.csv"
        out.write_text("old content\n", "utf-8")
        fail_after(monkeypatch, 0, OSError(errno.ENOSPC, "No space left on device"))

        with pytest.raises(SystemExit) as info:
            main(["export", "--format", "csv", "--collection", "news", "--output", str(out), "--overwrite"])

        err = capsys.readouterr().err
        assert (1, "old content\n", ["news.csv"]) == (
            info.value.code,
            out.read_text("utf-8"),
            [p.name for p in tmp_path.iterdir()],
        )
        assert err.startswith("wto-msme: error: cannot write the output:")
        assert "No space left" in err

    def test_full_disk_leaves_the_output_directory_as_it_was(self, ds, tmp_path, monkeypatch, capsys):
        """A CSV directory export that fails mid-way leaves the old directory whole."""

        out = tmp_path / "csv"
        assert 0 == main(["export", "--format", "csv", "--output", str(out)])
        before = snapshot(out)
        fail_after(monkeypatch, 4, OSError(errno.ENOSPC, "No space left on device"))

        with pytest.raises(SystemExit) as info:
            main(["export", "--format", "csv", "--output", str(out), "--overwrite", "--spreadsheet-safe"])

        assert (1, before) == (info.value.code, snapshot(out))
        assert "No space left" in capsys.readouterr().err

    @needs_links
    def test_dangling_link_output_is_refused(self, tmp_path, capsys):
        """A dangling --output link is a usage error, with or without --overwrite; nothing is created."""

        (tmp_path / "out.json").symlink_to(tmp_path / "elsewhere.json")

        for extra in ([], ["--overwrite"]):
            with pytest.raises(SystemExit) as info:
                export_news(tmp_path / "out.json", *extra)
            assert 2 == info.value.code
        assert not (tmp_path / "elsewhere.json").exists()
        assert "is a symbolic link" in capsys.readouterr().err

    @needs_links
    def test_link_output_is_not_written_through(self, tmp_path, capsys):
        """An --output link to a file is refused even with --overwrite; the file is untouched."""

        real = tmp_path / "real.json"
        real.write_text("precious", "utf-8")
        (tmp_path / "out.json").symlink_to(real)

        with pytest.raises(SystemExit) as info:
            export_news(tmp_path / "out.json", "--overwrite")

        assert (2, "precious") == (info.value.code, real.read_text("utf-8"))

    def test_overwrite_replaces_a_file_whole(self, tmp_path):
        """--overwrite replaces the file by a new one, with the collection and nothing of the old."""

        out = tmp_path / "news.json"
        out.write_text("x" * 1_000_000, "utf-8")

        assert 0 == export_news(out, "--overwrite")

        assert len(wto_msme.load().news) == len(json.loads(out.read_text("utf-8")))
        assert ["news.json"] == [p.name for p in tmp_path.iterdir()]


# --- 5. CSV that reads back, and spreadsheet-safe cells ----------------------------------------------


#: Any text, with the characters that CSV treats specially drawn often. The files hold a
#: NUL as written, but the csv module of Python 3.10 refuses to read one ("line contains
#: NUL"): there, the texts hold none. From 3.11 the module reads it back.
TEXTS = st.text(
    st.characters(exclude_characters="\0" if sys.version_info < (3, 11) else "") | st.sampled_from('\r\n",=+-@\t ')
)


def _csv_rows(records, **kwargs) -> list[list[str]]:
    out = io.StringIO(newline="")
    write_csv(records, out, **kwargs)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


class TestCsv:
    def test_carriage_return_is_quoted(self, ds):
        """A bare carriage return is quoted: 48 records read back as 48 rows."""

        changed = (attrs.evolve(ds.presentations[0], title="a\rb"), *ds.presentations[1:])

        rows = _csv_rows(type(ds.presentations)(changed))

        assert (len(ds.presentations) + 1, "a\rb") == (len(rows), rows[1][rows[0].index("title")])

    @given(text=TEXTS)
    @example(text="a\rb")
    @example(text="\r")
    def test_any_text_round_trips(self, ds, text):
        """Any text in a cell reads back through csv.reader as written, one row per record."""

        records = type(ds.news)(attrs.evolve(n, headline=text) for n in ds.news[:3])

        rows = _csv_rows(records)

        assert [text] * 3 == [r[rows[0].index("headline")] for r in rows[1:]]

    @given(text=TEXTS)
    @example(text="a\rb")
    @example(text="\r")
    def test_any_text_round_trips_in_a_file(self, ds, tmp_path_factory, text):
        """The same through a path, read with the csv module as its documentation says."""

        path = tmp_path_factory.mktemp("csv") / "news.csv"
        try:
            ds.news[:1].__class__((attrs.evolve(ds.news[0], headline=text),)).to_csv(path)
        except UnicodeEncodeError:  # a lone surrogate: not UTF-8, and so not written
            assert not path.exists()
            return
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert [text] == [r[rows[0].index("headline")] for r in rows[1:]]

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_spreadsheet_safe_cells(self, ds, start):
        """With spreadsheet_safe, a cell that a spreadsheet would run gets a leading quote; off by default."""

        formula = start + 'HYPERLINK("http://x.example","y")'
        records = type(ds.news)((attrs.evolve(ds.news[0], headline=formula),))

        plain, safe = _csv_rows(records), _csv_rows(records, spreadsheet_safe=True)

        column = plain[0].index("headline")
        assert (formula, "'" + formula) == (plain[1][column], safe[1][column])

    def test_spreadsheet_safe_through_to_csv(self, ds):
        """Collections' to_csv takes the keyword."""

        records = type(ds.news)((attrs.evolve(ds.news[0], headline="=1+1"),))
        out = io.StringIO(newline="")

        assert 1 == records.to_csv(out, spreadsheet_safe=True)
        assert ",'=1+1," in out.getvalue()

    def test_command_line_spreadsheet_safe(self, copy, capsys):
        """--spreadsheet-safe on the command line; refused for JSON."""

        edit(copy, "news.json", lambda d: d[0].update(headline="=cmd|' /C calc'!A0"))

        assert 0 == main(
            ["--data", str(copy), "export", "--format", "csv", "--collection", "news", "--spreadsheet-safe"]
        )
        assert "'=cmd|' /C calc'!A0" in capsys.readouterr().out
        with pytest.raises(SystemExit) as info:
            main(["export", "--format", "json", "--collection", "news", "--spreadsheet-safe"])
        assert 2 == info.value.code

    def test_bundled_csv_is_unchanged_by_the_fix(self, ds):
        """Cells without a carriage return are written as the csv module writes them."""

        for name in ("members", "presentations", "news", "documents"):
            records = getattr(ds, name)
            out = io.StringIO(newline="")
            write_csv(records, out)
            reference = io.StringIO(newline="")
            csv.writer(reference, lineterminator="\n").writerows(_csv_rows(records))
            assert reference.getvalue() == out.getvalue()


# --- 10. output that cannot be written -----------------------------------------------------------------


def _run(shell: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", shell], env=ENV, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(os.name != "posix" or not os.path.exists("/dev/full"), reason="needs sh and /dev/full")
class TestOutputFailures:
    @pytest.mark.parametrize("command", ["members", "overview", "export --format json"])
    def test_full_standard_output(self, command):
        """Standard output on /dev/full: one line on standard error, exit status 1, no traceback."""

        done = _run(f'"{sys.executable}" -m wto_msme {command} > /dev/full')

        assert (1, 1, True) == (
            done.returncode,
            len(done.stderr.splitlines()),
            done.stderr.startswith("wto-msme: error: cannot write the output: [Errno 28]"),
        )

    def test_closed_standard_output(self):
        """Standard output closed: one line on standard error, exit status 1, no traceback."""

        done = _run(f'"{sys.executable}" -m wto_msme members >&-')

        assert (1, "wto-msme: error: cannot write the output: standard output is closed\n") == (
            done.returncode,
            done.stderr,
        )

    def test_reader_going_away_is_not_an_error(self):
        """A pipe closed early (| head) ends quietly, with status 0."""

        done = _run(f'"{sys.executable}" -m wto_msme export --format json | head -c 10 > /dev/null; exit 0')

        assert "" == done.stderr


# --- diff's refusals ------------------------------------------------------------------------------


class TestDiff:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[1, 2]", "expected a list of records"),
            ('"x"', "expected a list"),
            ("null", "expected a list"),
            ("{}", "expected a list"),
        ],
    )
    def test_file_of_the_wrong_form(self, copy, capsys, text, expected):
        """A data file holding no list of records is one line naming it, not a traceback."""

        (copy / "news.json").write_text(text, "utf-8")

        with pytest.raises(SystemExit) as info:
            main(["diff", "bundled", str(copy)])

        err = capsys.readouterr().err
        assert (1, True, True) == (info.value.code, f"{copy / 'news.json'}: {expected}" in err, err.count("\n") == 1)

    def test_initiative_of_the_wrong_form(self, copy, capsys):
        """A file of one record must hold an object."""

        (copy / "initiative.json").write_text("[]", "utf-8")

        with pytest.raises(SystemExit):
            main(["diff", str(copy), "bundled"])

        assert f"{copy / 'initiative.json'}: expected an object" in capsys.readouterr().err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
    @pytest.mark.parametrize("make", [os.mkdir, getattr(os, "mkfifo", None)], ids=["directory", "fifo"])
    def test_something_else_named_like_a_data_file_is_not_no_file(self, copy, capsys, make):
        """A directory or a FIFO named like a data file is refused, not compared as a missing file."""

        (copy / "news.json").unlink()
        make(copy / "news.json")

        with pytest.raises(SystemExit):
            main(["diff", "bundled", str(copy)])

        assert "news.json: expected a regular file, found a" in capsys.readouterr().err
