"""Tests for wto_msme._io: strict reading of one whole copy, and atomic writing of one's own files."""

from __future__ import annotations

import errno
import json
import os
import pathlib
import re
import stat
import subprocess
import sys
import textwrap
import time

import attrs
import pytest

import wto_msme
from wto_msme import DataError, _io
from wto_msme.__main__ import main
from wto_msme._data import LAYOUT
from wto_msme._export import dumps_json, files
from wto_msme._io import CHANGED, MAX_FILE_BYTES, read_files, temporary, write_files

from .conftest import DATA_DIR, refused

SRC = pathlib.Path(wto_msme.__file__).parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC.parent), os.environ.get("PYTHONPATH", "")])}
NAMES = list(LAYOUT)
needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symbolic links")
# The child only calls the file system, then exits: the warning about forking a process
# with threads (Python 3.12+, pytest-xdist's workers have some) does not apply.
_FORK_WARNING = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


def needs_fork(test):
    """Mark a test that forks a writer."""
    return pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")(_FORK_WARNING(test))


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def version(which: str, names: list[str] = NAMES) -> dict[str, bytes]:
    """A copy of the files *names*, each saying which copy it belongs to."""
    return {name: json.dumps({"copy": which, "file": name}).encode() for name in names}


def copy_read(directory: pathlib.Path, names: list[str] = NAMES) -> set[str]:
    """The copies that the files read from *directory* belong to: one, whole, or the DataError's message."""
    try:
        return {content["copy"] for content in read_files(str(directory), names).values()}
    except DataError as e:
        return {str(e)}


def fail_after(monkeypatch: pytest.MonkeyPatch, n: int, error: OSError) -> list[str]:
    """Make the n-th new file written, and every one after it, fail with *error*; return the names written."""
    written: list[str] = []
    real = _io._write_new

    def write(d, name: str, data: bytes) -> None:
        if len(written) >= n:
            raise error
        written.append(name)
        real(d, name, data)

    monkeypatch.setattr(_io, "_write_new", write)
    return written


# --- Reading ----------------------------------------------------------------------------


class TestRead:
    def test_one_whole_copy(self, tmp_path):
        """The files are read and parsed, by name."""

        write_files(tmp_path, version("old"), overwrite=False)

        assert {"old"} == copy_read(tmp_path)

    def test_no_more_is_read_than_the_file_holds(self, copy, monkeypatch):
        """No read asks for more bytes than the file's size (and one to see that it ended)."""

        asked: list[tuple[int, int]] = []
        real = os.fdopen

        class Recording:
            def __init__(self, f):
                self.f = f

            def read(self, n):
                asked.append((n, os.fstat(self.f.fileno()).st_size))
                return self.f.read(n)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: Recording(real(fd, mode)))
        read_files(str(copy), NAMES)

        assert [] == [(n, size) for n, size in asked if n > max(size, 1)]
        assert len(NAMES) * 2 == len(asked)

    def test_file_removed_mid_load(self, copy, monkeypatch):
        """A file removed after the directory was looked at gives a DataError, not a bare FileNotFoundError."""

        real = _io._read

        def read(d, name, info):
            if name == "dataset.json":
                (copy / "sources.json").unlink()
            return real(d, name, info)

        monkeypatch.setattr(_io, "_read", read)

        assert (CHANGED,) == refused(copy).problems

    def test_file_replaced_after_it_was_read(self, copy, monkeypatch):
        """A file replaced by another after it was read makes the load fail: nothing of two copies is returned."""

        real = _io._read

        def read(d, name, info):
            data = real(d, name, info)
            if name == "news.json":
                (copy / "new").write_bytes((copy / "dataset.json").read_bytes())
                os.replace(copy / "new", copy / "dataset.json")
            return data

        monkeypatch.setattr(_io, "_read", read)

        assert (str(copy), (CHANGED,)) == (refused(copy).file, refused(copy).problems)

    def test_too_deep_is_refused(self, tmp_path):
        """Nesting deeper than the parser recurses is a DataError, located in its file."""

        (tmp_path / "x.json").write_text("[" * 100_000, "utf-8")

        with pytest.raises(DataError) as info:
            read_files(str(tmp_path), ["x.json"])

        assert (str(tmp_path / "x.json"), ("arrays and objects nested too deeply to be read",)) == (
            info.value.file,
            info.value.problems,
        )

    def test_directory_that_may_not_be_searched(self, copy, monkeypatch):
        """A directory whose names may not be looked up is one PermissionError naming it, not missing files."""

        real = os.stat

        def denied(path, *args, dir_fd=None, **kwargs):
            if dir_fd is not None:
                raise PermissionError(errno.EACCES, "Permission denied", path)
            return real(path, *args, dir_fd=dir_fd, **kwargs)

        monkeypatch.setattr(os, "stat", denied)
        with pytest.raises(PermissionError) as info:
            wto_msme.load(copy)

        assert (errno.EACCES, str(copy), True) == (
            info.value.errno,
            info.value.filename,
            "may not be searched" in str(info.value),
        )

    def test_parent_that_may_not_be_searched_is_not_missing(self, copy, monkeypatch):
        """A parent that may not be searched gives a PermissionError, not 'no such directory'."""

        def denied(path, flags, *args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", path)

        monkeypatch.setattr(os, "open", denied)

        with pytest.raises(PermissionError):
            wto_msme.load(copy)

    @needs_links
    def test_link_out_of_the_directory_is_refused_unread(self, copy, tmp_path):
        """A data file that is a link is refused, and nothing of what it points to is quoted."""

        secret = tmp_path / "secret.json"
        secret.write_text('[{"SECRET": 1}]', "utf-8")
        (copy / "news.json").unlink()
        (copy / "news.json").symlink_to(secret)

        error = refused(copy)

        assert (f"news.json: {_io.LINK_REFUSED}",) == error.problems
        assert "SECRET" not in str(error)

    @needs_links
    def test_link_swapped_in_after_the_look_is_not_followed(self, copy, tmp_path, monkeypatch):
        """A link that appears after the directory was looked at is not opened (O_NOFOLLOW)."""

        secret = tmp_path / "secret.json"
        secret.write_text('{"SECRET": 1}', "utf-8")
        real = _io._read

        def read(d, name, info):
            if name == "initiative.json":
                (copy / "initiative.json").unlink()
                (copy / "initiative.json").symlink_to(secret)
            return real(d, name, info)

        monkeypatch.setattr(_io, "_read", read)
        error = refused(copy)

        assert ((CHANGED,), False) == (error.problems, "SECRET" in str(error))

    @needs_links
    def test_the_directory_itself_may_be_a_link(self, copy, tmp_path, ds):
        """The path given may be a link to the data directory: only links inside it are refused."""

        (tmp_path / "alias").symlink_to(copy)

        assert ds == wto_msme.load(tmp_path / "alias")

    @needs_fifo
    def test_other_kinds_of_file_are_named(self, copy):
        """A FIFO or a directory where a file belongs is named as such, among the other problems."""

        (copy / "news.json").unlink()
        os.mkfifo(copy / "news.json")
        (copy / "claims.json").unlink()
        (copy / "claims.json").mkdir()
        (copy / "sources.json").unlink()

        assert (
            "news.json: expected a regular file, found a FIFO (named pipe)",
            "claims.json: expected a regular file, found a directory",
            "sources.json: required file missing",
        ) == refused(copy).problems


_FIFO_SCRIPT = textwrap.dedent(
    """
    import os, sys
    import wto_msme
    from wto_msme import _io
    directory = sys.argv[1]
    if sys.argv[2] == "race":
        # The FIFO appears after the directory was looked at, before the file is opened.
        real = _io._read
        def read(d, name, info):
            if name == "news.json":
                os.unlink(os.path.join(directory, "news.json"))
                os.mkfifo(os.path.join(directory, "news.json"))
            return real(d, name, info)
        _io._read = read
    else:
        os.unlink(os.path.join(directory, "news.json"))
        os.mkfifo(os.path.join(directory, "news.json"))
    try:
        wto_msme.load(directory)
    except wto_msme.DataError as e:
        print(e.problems[0])
    """
)


@needs_fifo
@pytest.mark.parametrize(
    ("how", "expected"),
    [("plain", "news.json: expected a regular file, found a FIFO (named pipe)"), ("race", CHANGED)],
)
def test_fifo_is_refused_at_once(copy, how, expected):
    """A FIFO in place of a data file, seen as such or swapped in after the look, is refused, not waited on.

    A load that waited on the FIFO would never end: the subprocess's timeout fails the test.
    """

    done = subprocess.run(
        [sys.executable, "-c", _FIFO_SCRIPT, str(copy), how],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert expected == done.stdout.strip()


# --- Limits ---------------------------------------------------------------------------------------


class TestLimits:
    def test_file_over_the_limit_is_refused_unread(self, copy):
        """A file one byte over MAX_FILE_BYTES is refused by its size, before it is parsed."""

        with open(copy / "news.json", "wb") as f:  # sparse: nothing is written
            f.truncate(MAX_FILE_BYTES + 1)

        error = refused(copy)

        assert (
            f"{copy / 'news.json'}: the file is larger than the limit of {MAX_FILE_BYTES} bytes and was not read"
            == (str(error))
        )

    def test_file_at_the_limit_is_read(self, copy, ds):
        """A file of exactly MAX_FILE_BYTES bytes is read."""

        path = copy / "news.json"
        data = path.read_bytes()
        path.write_bytes(data + b" " * (MAX_FILE_BYTES - len(data)))

        assert ds == wto_msme.load(copy)

    def test_limit_is_many_times_the_largest_bundled_file(self):
        """The limit leaves room for the data to grow twentyfold."""

        largest = max((DATA_DIR / f).stat().st_size for f in LAYOUT)

        assert largest * 20 < MAX_FILE_BYTES


# --- Writing ----------------------------------------------------------------------------


class TestWrite:
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

    def test_failure_into_a_new_directory_creates_nothing(self, ds, tmp_path, monkeypatch):
        """A dump to a new directory that fails leaves no directory at all, and no temporary."""

        fail_after(monkeypatch, 3, OSError(errno.ENOSPC, "No space left on device"))

        with pytest.raises(OSError, match="No space left"):
            wto_msme.dump(ds, tmp_path / "data")

        assert [] == list(tmp_path.iterdir())

    def test_other_entries_the_directory_and_modes_are_kept(self, ds, tmp_path):
        """Overwriting replaces the dataset's files only: the directory, its other entries and the files' modes stay."""

        target = wto_msme.dump(ds, tmp_path / "data")
        (target / "notes.txt").write_text("mine", "utf-8")
        (target / "sub").mkdir()
        (target / "sub" / "more.txt").write_text("mine too", "utf-8")
        (target / "news.json").chmod(0o600)
        target.chmod(0o750)
        inode = target.stat().st_ino
        changed = attrs.evolve(ds, version="9.9.9", presentations=ds.presentations[:10])

        wto_msme.dump(changed, target, overwrite=True)

        assert (inode, 0o750, 0o600, "mine", "mine too", changed) == (
            target.stat().st_ino,
            stat.S_IMODE(target.stat().st_mode),
            stat.S_IMODE((target / "news.json").stat().st_mode),
            (target / "notes.txt").read_text("utf-8"),
            (target / "sub" / "more.txt").read_text("utf-8"),
            wto_msme.load(target),
        )
        assert sorted([*LAYOUT, "notes.txt", "sub"]) == sorted(p.name for p in target.iterdir())

    @pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file away")
    def test_owner_of_each_file_is_kept(self, ds, tmp_path):
        """Root overwriting a user's dataset leaves each file, and the directory, that user's."""

        target = wto_msme.dump(ds, tmp_path / "data")
        os.chown(target, 1234, 1234)
        os.chown(target / "news.json", 1234, 1234)

        wto_msme.dump(attrs.evolve(ds, version="9.9.9"), target, overwrite=True)

        assert [(1234, 1234), (1234, 1234)] == [
            (p.stat().st_uid, p.stat().st_gid) for p in (target, target / "news.json")
        ]

    def test_read_only_file_is_replaced(self, ds, tmp_path):
        """A read-only file of the layout is replaced, and stays read-only."""

        target = wto_msme.dump(ds, tmp_path / "data")
        (target / "presentations.json").chmod(0o444)
        changed = attrs.evolve(ds, version="9.9.9", presentations=ds.presentations[:10])

        wto_msme.dump(changed, target, overwrite=True)

        assert (changed, 0o444) == (wto_msme.load(target), stat.S_IMODE((target / "presentations.json").stat().st_mode))

    def test_into_the_working_directory(self, ds, tmp_path, monkeypatch):
        """load(dump(ds, ".")) gives the dataset back."""

        monkeypatch.chdir(tmp_path)

        assert ds == wto_msme.load(wto_msme.dump(ds, "."))

    def test_not_empty_needs_overwrite(self, ds, tmp_path):
        """A directory holding anything needs overwrite=True; what a stopped write left does not count."""

        (tmp_path / "notes.txt").write_text("mine", "utf-8")
        with pytest.raises(FileExistsError):
            wto_msme.dump(ds, tmp_path)
        (tmp_path / "notes.txt").unlink()
        (tmp_path / temporary("news.json")).write_text("half", "utf-8")

        wto_msme.dump(ds, tmp_path)

        assert sorted(LAYOUT) == sorted(p.name for p in tmp_path.iterdir())

    def test_leftovers_of_a_stopped_write_are_removed(self, ds, tmp_path):
        """The next write removes the temporaries a stopped write left."""

        target = wto_msme.dump(ds, tmp_path / "data")
        for name in LAYOUT:
            (target / temporary(name)).write_text("half", "utf-8")

        wto_msme.dump(ds, target, overwrite=True)

        assert sorted(LAYOUT) == sorted(p.name for p in target.iterdir())

    def test_file_above_the_limit_is_not_written(self, ds, tmp_path):
        """Dump refuses a file larger than load reads, before anything is written."""

        big = attrs.evolve(ds.news[0], summary="x" * MAX_FILE_BYTES)
        with pytest.raises(ValueError, match=rf"news\.json: \d+ bytes, more than the {MAX_FILE_BYTES}"):
            wto_msme.dump(attrs.evolve(ds, news=type(ds.news)((big,))), tmp_path / "data")

        assert [] == list(tmp_path.iterdir())

    def test_root_is_refused(self, ds, monkeypatch):
        """The root of the file system is refused before anything is written."""

        monkeypatch.setattr(_io, "_replace", pytest.fail)

        with pytest.raises(OSError, match="root"):
            wto_msme.dump(ds, os.path.abspath(os.sep), overwrite=True)

    def test_home_is_refused(self, ds, tmp_path, monkeypatch):
        """The user's home is refused before anything is written."""

        (tmp_path / ".profile").write_text("mine", "utf-8")
        monkeypatch.setenv("HOME", str(tmp_path))
        monkeypatch.setattr(_io, "_replace", pytest.fail)

        with pytest.raises(OSError, match="the home directory"):
            wto_msme.dump(ds, tmp_path, overwrite=True)

    def test_parent_of_a_mount_point_is_refused(self, ds, tmp_path, monkeypatch):
        """A directory holding a mount point (a directory on another device) is refused."""

        (tmp_path / "mnt").mkdir()
        real = os.stat

        def other_device(path, *args, dir_fd=None, **kwargs):
            found = real(path, *args, dir_fd=dir_fd, **kwargs)
            if path == "mnt":
                return os.stat_result((*found[:2], found.st_dev + 1, *found[3:]))
            return found

        monkeypatch.setattr(os, "stat", other_device)
        monkeypatch.setattr(_io, "_replace", pytest.fail)

        with pytest.raises(OSError, match="holds a mount point"):
            wto_msme.dump(ds, tmp_path, overwrite=True)

    @needs_links
    def test_target_that_is_a_link_is_refused(self, ds, tmp_path):
        """A dump refuses a target that is a symbolic link, dangling or not, and writes nothing where it points."""

        (tmp_path / "real").mkdir()
        (tmp_path / "link").symlink_to(tmp_path / "real")
        (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")

        for link in ("link", "dangling"):
            with pytest.raises(OSError, match="is a symbolic link"):
                wto_msme.dump(ds, tmp_path / link, overwrite=True)

        assert ([], False) == (list((tmp_path / "real").iterdir()), (tmp_path / "nowhere").exists())

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

    def test_write_file_keeps_the_old_file_when_renaming_fails(self, ds, tmp_path, monkeypatch):
        """A file is written beside the old one, then renamed over it: a failed rename leaves the old one only."""

        out = tmp_path / "news.csv"
        out.write_text("old\n", "utf-8")

        def no_replace(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", no_replace)
        with pytest.raises(OSError, match="No space left"):
            ds.news.to_csv(out)

        assert ("old\n", ["news.csv"]) == (out.read_text("utf-8"), [p.name for p in tmp_path.iterdir()])


def test_without_directory_handles(ds, tmp_path, monkeypatch):
    """Where the platform has no dir_fd (Windows), names are joined to the path, and a dump still loads back."""

    monkeypatch.setattr(_io, "_DIR_FD", False)
    target = wto_msme.dump(ds, tmp_path / "data")
    (target / "notes.txt").write_text("mine", "utf-8")
    wto_msme.dump(ds, target, overwrite=True)

    assert (ds, "mine") == (wto_msme.load(target), (target / "notes.txt").read_text("utf-8"))


@pytest.mark.skipif(os.name != "posix", reason="needs fcntl.flock")
def test_a_writer_holds_the_lock_that_readers_take(tmp_path):
    """While the writer's exclusive lock is held, a reader's shared lock cannot be taken, and the other way round."""

    import fcntl

    blocked = []
    for exclusive, other in ((True, fcntl.LOCK_SH), (False, fcntl.LOCK_EX)):
        d = _io._Directory(str(tmp_path))
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            with d.locked(exclusive=exclusive):
                with pytest.raises(BlockingIOError):
                    fcntl.flock(fd, other | fcntl.LOCK_NB)
                blocked.append(exclusive)
            fcntl.flock(fd, other | fcntl.LOCK_NB)  # free once released
        finally:
            os.close(fd)
            d.close()

    assert [True, False] == blocked


# --- A stopped writer, and a reader beside a writer --------------------------------------

#: The calls to the file system that a writer makes, and that the fault injection stops it after.
CALLS = (
    "open",
    "stat",
    "lstat",
    "listdir",
    "mkdir",
    "unlink",
    "rmdir",
    "replace",
    "fchmod",
    "fchown",
    "fsync",
    "close",
)


def _write_stopped_after(n: int, target: pathlib.Path, contents: dict[str, bytes]) -> bool:
    """Run write_files in a child process killed after its n-th call to the file system; tell whether it finished."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        count = [0]

        def counted(real):
            def call(*args, **kwargs):
                result = real(*args, **kwargs)
                count[0] += 1
                if count[0] == n:
                    os._exit(3)
                return result

            return call

        exit_ = os._exit
        for name in CALLS:
            setattr(os, name, counted(getattr(os, name)))
        try:
            write_files(target, contents, overwrite=True)
        except BaseException:
            exit_(1)
        exit_(0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 3)
    return code == 0


def _fault_injection(tmp_path: pathlib.Path, old: dict[str, bytes], new: dict[str, bytes], check, every=1) -> int:
    """Stop a writer after each of its calls in turn (or every so many); return how many calls it makes."""
    target = tmp_path / "data"
    os.fsync = lambda fd: None  # a stopped process, not a power cut: the page cache is what readers read
    for n in range(1, 1000, every):
        write_files(target, old, overwrite=True)  # also removes what the last run left
        (target / "notes.txt").write_text("mine", "utf-8")
        finished = _write_stopped_after(n, target, new)
        check(n, target)
        assert "mine" == (target / "notes.txt").read_text("utf-8")
        if finished:
            return n
    pytest.fail("the writer never finished")  # pragma: no cover


@needs_fork
def test_a_writer_stopped_after_any_call_leaves_one_copy(tmp_path):
    """A writer killed after any call it makes leaves the old copy or the new one to read, and the user's files."""

    names = NAMES[:4]  # the first file, two between, the last: enough to meet every order of events
    seen: list[set[str]] = []
    with pytest.MonkeyPatch.context() as m:
        m.setattr(os, "fsync", os.fsync)
        calls = _fault_injection(
            tmp_path, version("old", names), version("new", names), lambda n, t: seen.append(copy_read(t, names))
        )

    assert [] == [s for s in seen if s not in ({"old"}, {"new"})]
    assert ({"old"}, {"new"}) == (seen[0], seen[-1])
    assert calls > 4 * len(names)


def _dataset_pair(ds) -> tuple[tuple[wto_msme.Dataset, dict[str, bytes]], ...]:
    changed = attrs.evolve(ds, version="9.9.9", news=ds.news[:3], presentations=ds.presentations[1:])
    return tuple((d, {name: dumps_json(v).encode() for name, v in files(d).items()}) for d in (ds, changed))


@needs_fork
@pytest.mark.parametrize("every", [pytest.param(23, id="sampled"), pytest.param(1, id="all", marks=pytest.mark.fuzz)])
def test_a_dump_stopped_after_any_call_loads_as_one_dataset(ds, tmp_path, every):
    """The same with two datasets: load() gives the old one or the new one, whole."""

    (old, old_files), (new, new_files) = _dataset_pair(ds)
    loaded: list[bool] = []
    with pytest.MonkeyPatch.context() as m:
        m.setattr(os, "fsync", os.fsync)
        _fault_injection(
            tmp_path, old_files, new_files, lambda _, t: loaded.append(wto_msme.load(t) in (old, new)), every
        )

    assert [True] * len(loaded) == loaded


def _alternate(target: pathlib.Path, copies: tuple[dict[str, bytes], ...]) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child writes until it is killed
        try:
            while True:
                for contents in copies:
                    write_files(target, contents, overwrite=True)
        finally:
            os._exit(0)
    return pid


def _read_beside_a_writer(tmp_path: pathlib.Path, seconds: float, reads: int) -> list[set[str]]:
    target = tmp_path / "data"
    write_files(target, version("old"), overwrite=False)
    pid = _alternate(target, (version("new"), version("old")))
    seen: list[set[str]] = []
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end and len(seen) < reads:
            seen.append(copy_read(target))
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return seen


@needs_fork
@pytest.mark.parametrize(
    ("seconds", "reads"),
    [pytest.param(2, 200, id="short"), pytest.param(60, 10**6, id="long", marks=pytest.mark.fuzz)],
)
@pytest.mark.parametrize("lock", [True, False], ids=["locked", "unlocked"])
def test_a_reader_beside_a_writer_never_sees_a_mix(tmp_path, monkeypatch, seconds, reads, lock):
    """A reader loading in a loop while a writer alternates two copies gets one copy whole, or is told it changed.

    Without the lock (a file system without advisory locks), the check of each file's
    status before and after still refuses every mix.
    """

    if not lock:
        monkeypatch.setattr(_io._Directory, "locked", lambda self, exclusive: _NoLock())
    seen = _read_beside_a_writer(tmp_path, seconds, reads)

    assert [] == [s for s in seen if s not in ({"old"}, {"new"}, {f"{tmp_path / 'data'}: {CHANGED}"})]
    assert seen


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


# --- The command line -------------------------------------------------------------------


_SIGINT_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from wto_msme import _io
    from wto_msme.__main__ import main
    real = _io._write_new
    def write(d, name, data):
        if name == "news.json":
            os.kill(os.getpid(), signal.SIGINT)
        return real(d, name, data)
    _io._write_new = write
    sys.exit(main(["export", "--format", "json", "--output", sys.argv[1], "--overwrite"]))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="needs signals")
def test_interrupted_export_prints_no_traceback(ds, tmp_path):
    """SIGINT during an export: one line, status 130, and the old copy whole."""

    target = wto_msme.dump(ds, tmp_path / "data")
    before = snapshot(target)

    done = subprocess.run(
        [sys.executable, "-c", _SIGINT_SCRIPT, str(target)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert (130, "wto-msme: interrupted\n", before) == (done.returncode, done.stderr, snapshot(target))


def test_empty_data_path_is_refused(capsys):
    """--data '' is a usage error, not the bundled data."""

    with pytest.raises(SystemExit) as info:
        main(["--data", "", "members"])

    assert (2, True) == (info.value.code, "--data needs a directory" in capsys.readouterr().err)


def test_the_guarantees_page_names_tests_that_exist():
    """Every test that docs/explanation/guarantees.md names is defined in the suite."""

    page = pathlib.Path(__file__).resolve().parents[1] / "docs" / "explanation" / "guarantees.md"
    defined = {
        m
        for f in pathlib.Path(__file__).parent.glob("test_*.py")
        for m in re.findall(r"def (test_\w+)", f.read_text("utf-8"))
    }
    named = set(re.findall(r"\b(test_\w+)`", page.read_text("utf-8")))

    assert set() == named - defined
    assert len(named) > 40
