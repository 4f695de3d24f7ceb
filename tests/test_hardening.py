"""
Failures at the edges, each pinned by a test that failed before its fix.

Atomic writing, files that are not files, CSV that reads back, capped messages, the
checks of a user's copy, output that cannot be written and errors that say what happened.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import DataError, _io
from wto_msme.__main__ import main
from wto_msme._checks import MAX_COUNTED
from wto_msme._flat import write_csv
from wto_msme._json import MAX_PROBLEMS

from .conftest import DATA_DIR

SRC = pathlib.Path(wto_msme.__file__).parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC.parent), os.environ.get("PYTHONPATH", "")])}
ROOT = os.name == "posix" and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(
    os.name != "posix" or ROOT, reason="file permissions do not apply (running as root, or not POSIX)"
)
needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symbolic links")


@pytest.fixture
def copy(tmp_path: pathlib.Path) -> pathlib.Path:
    """A writable copy of the bundled data."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(directory: pathlib.Path, filename: str, change) -> None:
    path = directory / filename
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def refused(directory: pathlib.Path) -> DataError:
    with pytest.raises(DataError) as info:
        wto_msme.load(directory)
    return info.value


def fail_after(monkeypatch: pytest.MonkeyPatch, n: int, error: OSError) -> list[str]:
    """Make the n-th file written, and every one after it, fail with *error*; return the names written."""
    written: list[str] = []
    real = _io._write_bytes

    def write(path: str, data: bytes) -> None:
        if len(written) >= n:
            raise error
        written.append(os.path.basename(path))
        real(path, data)

    monkeypatch.setattr(_io, "_write_bytes", write)
    return written


def export_news(output: pathlib.Path, *extra: str) -> int:
    """Export the news as JSON to *output* through the command line, with *extra* options."""
    return main(["export", "--format", "json", "--collection", "news", "--output", str(output), *extra])


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# --- 2. dump is atomic ---------------------------------------------------------------------


class TestAtomicDump:
    def test_full_disk_mid_way_leaves_the_old_copy_whole(self, ds, tmp_path, monkeypatch):
        """A dump that fails after some files (ENOSPC) leaves the old directory byte for byte, and no temporary."""

        target = wto_msme.dump(ds, tmp_path / "data")
        before = snapshot(target)
        written = fail_after(monkeypatch, 5, OSError(errno.ENOSPC, "No space left on device"))

        with pytest.raises(OSError, match="No space left") as info:
            wto_msme.dump(attrs.evolve(ds, version="9.9.9"), target, overwrite=True)

        assert (errno.ENOSPC, 5, before, ["data"]) == (
            info.value.errno,
            len(written),
            snapshot(target),
            [p.name for p in tmp_path.iterdir()],
        )
        assert ds == wto_msme.load(target)

    def test_failure_into_a_new_directory_creates_nothing(self, ds, tmp_path, monkeypatch):
        """A dump to a new directory that fails leaves no directory at all, and no temporary."""

        fail_after(monkeypatch, 3, OSError(errno.ENOSPC, "No space left on device"))

        with pytest.raises(OSError, match="No space left"):
            wto_msme.dump(ds, tmp_path / "data")

        assert [] == list(tmp_path.iterdir())

    def test_failing_file_keeps_other_entries(self, ds, tmp_path, monkeypatch):
        """Entries that are not the dataset's stay where they were when the dump fails."""

        target = wto_msme.dump(ds, tmp_path / "data")
        (target / "notes.txt").write_text("mine", "utf-8")
        before = snapshot(target)
        fail_after(monkeypatch, 14, PermissionError(errno.EACCES, "Permission denied"))

        with pytest.raises(PermissionError):
            wto_msme.dump(attrs.evolve(ds, version="9.9.9"), target, overwrite=True)

        assert before == snapshot(target)

    def test_read_only_file_is_replaced_whole(self, ds, tmp_path):
        """A read-only file of the layout no longer stops the dump half way: the directory is replaced whole."""

        target = wto_msme.dump(ds, tmp_path / "data")
        (target / "presentations.json").chmod(0o444)
        changed = attrs.evolve(ds, version="9.9.9", presentations=ds.presentations[:10])

        wto_msme.dump(changed, target, overwrite=True)

        assert changed == wto_msme.load(target)
        assert ["data"] == [p.name for p in tmp_path.iterdir()]

    @needs_permissions
    def test_read_only_parent_leaves_the_old_copy(self, ds, tmp_path):
        """Where no new directory can be made beside the target, the dump fails and the old copy stays."""

        target = wto_msme.dump(ds, tmp_path / "parent" / "data")
        before = snapshot(target)
        target.parent.chmod(0o555)
        try:
            with pytest.raises(PermissionError):
                wto_msme.dump(attrs.evolve(ds, version="9.9.9"), target, overwrite=True)
        finally:
            target.parent.chmod(0o755)

        assert before == snapshot(target)

    def test_success_leaves_no_temporary(self, ds, tmp_path):
        """After an overwrite the parent holds the directory only, with the new dataset."""

        target = wto_msme.dump(ds, tmp_path / "data")
        changed = attrs.evolve(ds, version="9.9.9")

        wto_msme.dump(changed, target, overwrite=True)

        assert (["data"], changed) == ([p.name for p in tmp_path.iterdir()], wto_msme.load(target))

    def test_directory_mode_is_kept(self, ds, tmp_path):
        """The replaced directory keeps the permissions of the one it replaces."""

        target = wto_msme.dump(ds, tmp_path / "data")
        target.chmod(0o750)

        wto_msme.dump(ds, target, overwrite=True)

        assert 0o750 == target.stat().st_mode & 0o777

    @needs_links
    def test_target_that_is_a_link_is_refused(self, ds, tmp_path):
        """A dump refuses a target that is a symbolic link, and writes nothing where it points."""

        real = tmp_path / "real"
        real.mkdir()
        (tmp_path / "link").symlink_to(real)

        with pytest.raises(OSError, match="is a symbolic link"):
            wto_msme.dump(ds, tmp_path / "link", overwrite=True)

        assert [] == list(real.iterdir())

    @needs_links
    def test_dangling_link_target_is_refused(self, ds, tmp_path):
        """A dangling link in place of the target is refused, not followed to create its target."""

        (tmp_path / "link").symlink_to(tmp_path / "nowhere")

        with pytest.raises(OSError, match="is a symbolic link"):
            wto_msme.dump(ds, tmp_path / "link")

        assert not (tmp_path / "nowhere").exists()

    @needs_links
    def test_link_inside_the_target_is_refused(self, ds, tmp_path):
        """A layout file that is a link is refused; the file it points to is not written through."""

        target = wto_msme.dump(ds, tmp_path / "data")
        outside = tmp_path / "outside.json"
        outside.write_text("precious", "utf-8")
        (target / "news.json").unlink()
        (target / "news.json").symlink_to(outside)

        with pytest.raises(OSError, match=r"news\.json is a symbolic link"):
            wto_msme.dump(ds, target, overwrite=True)

        assert ("precious", True) == (outside.read_text("utf-8"), (target / "news.json").is_symlink())


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

    def test_to_csv_path_failure_leaves_the_file(self, ds, tmp_path, monkeypatch):
        """to_csv(path) writes a new file beside the old and renames it: a failed rename leaves the old one."""

        out = tmp_path / "news.csv"
        out.write_text("old\n", "utf-8")

        def no_replace(src: str, dst: str) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", no_replace)
        with pytest.raises(OSError, match="No space left"):
            ds.news.to_csv(out)

        assert ("old\n", ["news.csv"]) == (out.read_text("utf-8"), [p.name for p in tmp_path.iterdir()])


# --- 3. a FIFO cannot make load hang ----------------------------------------------------------

_FIFO_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    import wto_msme
    directory = sys.argv[1]
    if sys.argv[2] == "race":
        # The file is a regular one when it is looked at, a FIFO when it is opened.
        real_lstat = os.lstat
        fifo = os.path.join(directory, "news.json")
        stand_in = os.path.join(directory, "sources.json")
        os.lstat = lambda p, *a, **k: real_lstat(stand_in if os.fspath(p) == fifo else p, *a, **k)
    start = time.monotonic()
    try:
        wto_msme.load(directory)
    except wto_msme.DataError as e:
        print(f"{time.monotonic() - start:.1f}", e.problems[0] if e.problems else "", sep="\\n")
    """
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
class TestFifo:
    @pytest.mark.parametrize("how", ["plain", "race"])
    def test_fifo_is_refused_at_once(self, copy, how):
        """A FIFO in place of a data file, seen as such or swapped in after the check, is refused, not waited on."""

        (copy / "news.json").unlink()
        os.mkfifo(copy / "news.json")

        done = subprocess.run(
            [sys.executable, "-c", _FIFO_SCRIPT, str(copy), how],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

        seconds, problem = done.stdout.splitlines()
        expected = (
            "news.json: expected a regular file, found a FIFO (named pipe)"
            if how == "plain"
            else ("expected a regular file, found a FIFO (named pipe)")
        )
        assert (expected, True) == (problem, float(seconds) < 10)


# --- 5. CSV that reads back, and spreadsheet-safe cells ----------------------------------------------


#: Any text, with the characters that CSV treats specially drawn often.
TEXTS = st.text(st.characters() | st.sampled_from('\r\n",=+-@\t '))


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


# --- 6. problems are capped ---------------------------------------------------------------------------


class TestCappedProblems:
    def test_many_unknown_evidence_ids_give_a_short_message(self, copy):
        """200 000 unknown evidence ids: the first MAX_PROBLEMS are listed, the rest counted."""

        edit(
            copy, "presentations.json", lambda d: d[0]["provenance"].update(evidence=[f"x{i}" for i in range(200_000)])
        )

        error = refused(copy)

        assert (MAX_PROBLEMS + 1, True) == (len(error.problems), len(str(error)) < 20_000)
        assert f"dataset: {MAX_COUNTED} more problems not listed, and checking stopped there" == error.problems[-1]
        assert error.problems[0] == "presentations[0].provenance.evidence[0]: unknown source 'x0'"

    def test_more_problems_are_counted(self, copy):
        """Fewer than MAX_COUNTED more problems are counted exactly."""

        edit(copy, "presentations.json", lambda d: d[0]["provenance"].update(evidence=[f"x{i}" for i in range(250)]))

        error = refused(copy)

        assert (f"dataset: {250 - MAX_PROBLEMS} more problems not listed", MAX_PROBLEMS + 1) == (
            error.problems[-1],
            len(error.problems),
        )
        assert str(copy / "presentations.json") == error.file  # the one file the problems are in

    def test_check_is_capped(self, ds):
        """_checks.check lists at most its limit, then one line of the count."""

        from wto_msme._checks import check

        bad = attrs.evolve(ds, coordinators=tuple(attrs.evolve(t, member="nobody") for t in ds.coordinators))

        assert [("", "dataset", f"{len(ds.coordinators) - 1} more problems not listed")] == check(bad, limit=1)[1:]


# --- 7. the checks of a user's copy -------------------------------------------------------------------


class TestValidation:
    def test_swapped_signatory_members(self, copy):
        """Two signatory members swapped do not match the signatories' names."""

        def swap(d):
            m = d[0]["signatory_members"]
            m[0], m[1] = m[1], m[0]

        edit(copy, "declarations.json", swap)

        problems = refused(copy).problems

        assert [
            "declarations[0].signatory_members[0]: member 'alb' is not signatory 'Afghanistan' (signatories[0]):"
            " each signatory's member must be named by its name or an alias, in the same order",
            "declarations[0].signatory_members[1]: member 'afg' is not signatory 'Albania' (signatories[1]):"
            " each signatory's member must be named by its name or an alias, in the same order",
        ] == list(problems)

    def test_duplicated_signatory_member(self, copy):
        """A member twice among the signatory members is refused."""

        edit(copy, "declarations.json", lambda d: d[0]["signatory_members"].__setitem__(2, "afg"))

        assert "declarations[0].signatory_members[2]: duplicate member 'afg' (first at signatory_members[0])" in (
            refused(copy).problems
        )

    def test_signatory_named_by_an_alias_with_an_article(self, ds):
        """The bundled declaration names one Member by an alias with "the " before it: accepted."""

        from wto_msme._checks import check

        assert [] == check(ds)

    @pytest.mark.parametrize("filename", ["members.json", "wto_members.json"])
    @pytest.mark.parametrize("code", ["iso_alpha2", "iso_alpha3", "iso_numeric"])
    def test_two_members_with_one_iso_code(self, copy, filename, code):
        """Two Members with the same ISO code, among participants or WTO Members, are refused."""

        name = filename.removesuffix(".json")
        edit(copy, filename, lambda d: d[1].update({code: d[0][code]}))

        error = refused(copy)

        assert any(p.startswith(f"{name}[1].{code}: ") and "is also the code of" in p for p in error.problems)

    @pytest.mark.parametrize("value", [10**30, -1, 1001])
    @pytest.mark.parametrize(("filename", "where"), [
        ("initiative.json", "participants_claimed"),
        ("initiative.json", "wto_members_claimed"),
        ("claims.json", "count"),
    ])  # fmt: skip
    def test_counts_are_bounded(self, copy, filename, where, value):
        """Counts outside 0 to 1000 are refused, so that to_pandas never overflows."""

        edit(copy, filename, lambda d: (d if isinstance(d, dict) else d[0]).update({where: value}))

        error = refused(copy)

        assert any("is not a count of Members from 0 to 1000" in p for p in error.problems)

    @pytest.mark.parametrize("char", ["\x00", "\n", "\r", "\t", "\x1b", "\x7f", "\x85", "\u202e", "\u2028", "\ufeff"])
    def test_control_characters_in_ids(self, copy, char):
        """An identifier holding a control character is refused; the message shows it escaped."""

        edit(copy, "news.json", lambda d: d[0].update(id=f"n{char}1"))

        error = refused(copy)

        assert [f"news[0].id: the identifier {f'n{char}1'!r} holds the control character {char!r}"] == list(
            error.problems
        )
        assert char not in str(error)

    def test_control_characters_in_references(self, copy):
        """A reference holding a control character is refused (it names no record), escaped in the message."""

        edit(copy, "coordinators.json", lambda d: d[0].update(member="chl\x1b[2J"))

        error = refused(copy)

        assert ("coordinators[0].member: unknown member 'chl\\x1b[2J'",) == error.problems
        assert "\x1b" not in str(error)

    def test_reference_to_an_id_with_a_control_character(self, copy):
        """A reference that matches an identifier with a control character: the identifier is refused."""

        edit(copy, "members.json", lambda d: d[11].update(id="chl\n"))
        edit(copy, "wto_members.json", lambda d: next(w for w in d if w["id"] == "chl").update(id="chl\n"))

        error = refused(copy)

        assert any("holds the control character '\\n'" in p for p in error.problems)


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


# --- 11. errors that say what happened -------------------------------------------------------------------


class TestClearErrors:
    @needs_permissions
    def test_directory_without_search_permission(self, copy):
        """A directory that may not be searched is one PermissionError naming it, not fourteen missing files."""

        copy.chmod(0o600)
        try:
            with pytest.raises(PermissionError) as info:
                wto_msme.load(copy)
        finally:
            copy.chmod(0o755)

        assert (str(copy), "may not be searched" in str(info.value)) == (info.value.filename, True)

    def test_directory_without_search_permission_simulated(self, copy, monkeypatch):
        """The same without relying on permissions (which do not apply to root): looking up a name is denied."""

        real = os.lstat

        def lstat(path, *args, **kwargs):
            if os.path.dirname(os.fspath(path)) == str(copy):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "lstat", lstat)
        with pytest.raises(PermissionError) as info:
            wto_msme.load(copy)

        assert (errno.EACCES, str(copy)) == (info.value.errno, info.value.filename)
        assert "may not be searched" in str(info.value)

    def test_bytes_path(self, copy, ds):
        """A bytes path is read as os.fsdecode reads it."""

        assert ds == wto_msme.load(os.fsencode(copy))

    @pytest.mark.parametrize("path", [3, 1.5, ["data"], object()])
    def test_not_a_path(self, path):
        """Anything else is a TypeError that names the type given."""

        with pytest.raises(TypeError, match=f"a str, bytes or os.PathLike.*got {type(path).__name__}$"):
            wto_msme.load(path)

    @needs_links
    def test_link_out_of_the_directory_is_refused_unread(self, copy, tmp_path):
        """A data file that is a link is refused, and nothing of what it points to is quoted."""

        secret = tmp_path / "secret.json"
        data = json.loads((copy / "news.json").read_text("utf-8"))
        data[0]["date"] = "SECRET-VALUE"
        secret.write_text(json.dumps(data), "utf-8")
        (copy / "news.json").unlink()
        (copy / "news.json").symlink_to(secret)

        error = refused(copy)

        assert (
            "news.json: a symbolic link: a data directory must hold its files themselves; links are not followed",
        ) == error.problems
        assert "SECRET" not in str(error)

    @needs_links
    def test_link_swapped_in_after_the_check_is_not_followed(self, copy, tmp_path, monkeypatch):
        """A link that appears after the directory is looked at is not opened (O_NOFOLLOW)."""

        if not hasattr(os, "O_NOFOLLOW"):
            pytest.skip("needs O_NOFOLLOW")
        secret = tmp_path / "secret.json"
        secret.write_text('{"SECRET": 1}', "utf-8")
        (copy / "initiative.json").unlink()
        (copy / "initiative.json").symlink_to(secret)
        real = os.lstat
        stand_in = str(copy / "news.json")
        monkeypatch.setattr(
            os, "lstat", lambda p, *a, **k: real(stand_in if os.fspath(p) == str(copy / "initiative.json") else p)
        )

        error = refused(copy)

        assert (str(copy / "initiative.json"), True) == (error.file, "SECRET" not in str(error))
        assert "a symbolic link" in error.problems[0]

    @needs_links
    def test_the_directory_itself_may_be_a_link(self, copy, tmp_path, ds):
        """The path given may be a link to the data directory: only links inside it are refused."""

        (tmp_path / "alias").symlink_to(copy)

        assert ds == wto_msme.load(tmp_path / "alias")

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
    def test_other_kinds_of_file_are_named(self, copy):
        """A FIFO where a file belongs is named as such, among the other problems of the directory."""

        (copy / "news.json").unlink()
        os.mkfifo(copy / "news.json")
        (copy / "sources.json").unlink()

        assert (
            "news.json: expected a regular file, found a FIFO (named pipe)",
            "sources.json: required file missing",
        ) == refused(copy).problems
