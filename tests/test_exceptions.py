"""Tests for wto_msme.exceptions, and for how values are quoted in their messages."""

from __future__ import annotations

import ast
import concurrent.futures
import multiprocessing
import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import DataError, MemberNotFoundError
from wto_msme._text import quote as _short
from wto_msme.exceptions import RecordNotFoundError


class TestShort:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("abc", "'abc'"),
            ("a" * 58, "'" + "a" * 58 + "'"),
            ("a" * 59, "'" + "a" * 56 + "..."),
            ("\x00" * 20, "'" + "\\x00" * 14 + "..."),
            ("a" + "\x00" * 20, "'a" + "\\x00" * 13 + "..."),
            ("ab" + "\x00" * 20, "'ab" + "\\x00" * 13 + "..."),
            ("\U0001f600" * 70, "'" + "\U0001f600" * 56 + "..."),
            ("\ud800" * 20, "'" + "\\ud800" * 9 + "..."),
        ],
    )
    def test_examples(self, text, expected):
        """Short reprs are kept whole; long ones are cut between characters, never inside an escape."""

        assert expected == _short(text)

    @given(st.text(st.characters(codec=None), max_size=200))
    @example("\x00" * 40)
    @example("a" * 55 + "\x00")
    @example("'\"" * 40)
    @example("\\" * 100)
    def test_a_shortened_repr_is_a_prefix_cut_between_characters(self, text):
        """The result is the whole repr, or a prefix's repr less its closing quote then '...'; at most 60 long."""

        result = _short(text)

        assert len(result) <= 60
        if result == repr(text):
            return
        assert result.endswith("...")
        cut = result[:-3]
        prefix = ast.literal_eval(cut + cut[0])  # close the quote the repr opened
        assert text.startswith(prefix)
        assert repr(prefix) == cut + cut[0]
        # The longest prefix that fits: one more character would not.
        assert len(repr(text[: len(prefix) + 1])) + 2 > 60


def _raise_data_error(file: str, problems: tuple[str, ...]) -> None:
    """Raise a DataError in a worker process."""
    raise DataError(file, problems)


_ERRORS = [
    DataError("f", ("a: b",)),
    DataError("data/news.json", ("news[0].id: blank", "news[1].date: expected a date")),
    DataError("x", ()),
    RecordNotFoundError("no record 'x'"),
    RecordNotFoundError("no record 'x'", ("y", "z")),
    MemberNotFoundError("no participant 'Frnace'", ("France",)),
]


def _fields(e: Exception) -> tuple[object, ...]:
    return (
        type(e),
        str(e),
        e.args,
        getattr(e, "file", None),
        getattr(e, "problems", None),
        getattr(e, "candidates", None),
    )


class TestPickle:
    @pytest.mark.parametrize("error", _ERRORS, ids=lambda e: type(e).__name__)
    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_round_trip(self, error, protocol):
        """Each exception unpickles as its class, with the same message, arguments and fields."""

        copy = pickle.loads(pickle.dumps(error, protocol))

        assert _fields(error) == _fields(copy)

    def test_the_fields_are_the_given_ones(self):
        """The unpickled DataError's file and problems are those it was made with."""

        copy = pickle.loads(pickle.dumps(DataError("f", ("a: b", "c: d"))))

        assert ("f", ("a: b", "c: d"), "f: 2 problems:\n  a: b\n  c: d") == (copy.file, copy.problems, str(copy))

    def test_notes_and_attributes_survive(self):
        """Notes and attributes set after raising are kept."""

        error = RecordNotFoundError("no record 'x'", ("y",))
        error.__notes__ = ["while citing"]  # as add_note() sets them, which Python 3.10 lacks

        copy = pickle.loads(pickle.dumps(error))

        assert (["while citing"], ("y",)) == (copy.__notes__, copy.candidates)

    def test_a_data_error_crosses_a_process_pool(self):
        """A DataError raised in a worker process arrives intact in the parent."""

        with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            future = pool.submit(_raise_data_error, "data/news.json", ("news[0].id: blank", "news[3].date: bad"))
            with pytest.raises(DataError) as caught:
                future.result(timeout=60)

        e = caught.value
        assert ("data/news.json", ("news[0].id: blank", "news[3].date: bad")) == (e.file, e.problems)
        assert "data/news.json: 2 problems:\n  news[0].id: blank\n  news[3].date: bad" == str(e)

    def test_exported_names(self):
        """The three exceptions are the package's."""

        assert (DataError, RecordNotFoundError, MemberNotFoundError) == (
            wto_msme.DataError,
            RecordNotFoundError,
            wto_msme.MemberNotFoundError,
        )


@pytest.mark.parametrize(
    ("error", "kind"),
    [(DataError, ValueError), (RecordNotFoundError, LookupError), (MemberNotFoundError, RecordNotFoundError)],
)
def test_each_error_is_caught_as_the_builtin_it_refines(error, kind):
    """Bad data is a ValueError and a record not found a LookupError, so callers' usual handlers catch them."""

    assert issubclass(error, kind)
