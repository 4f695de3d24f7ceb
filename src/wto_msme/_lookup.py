"""
Finding a participant by its name, an alias or its ISO 3166-1 code.

Kept apart from ``_members``, so that a first look-up imports only what it needs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from ._model import Member, MemberKind
from ._text import fold
from .exceptions import MemberNotFoundError

__all__ = ["find_member"]


class _Index:
    """The names, aliases and codes of one tuple of members, folded and as given."""

    __slots__ = ("exact", "folded", "limit", "names")

    def __init__(self, members: Sequence[Member]) -> None:
        folded: dict[str, Member] = {}
        given: list[tuple[str, str]] = []

        def add(text: str | None, member: Member) -> None:
            key = fold(text) if text else ""
            if text and key:
                folded.setdefault(key, member)
                given.append((text, key))

        # Names before aliases before codes: the first claim on a key wins.
        for m in members:
            add(m.name, m)
        for m in members:
            for a in m.aliases:
                add(a, m)
        names = dict(folded)
        for m in members:
            add(m.iso_alpha3, m)
        for m in members:
            add(m.iso_alpha2, m)
        for m in members:
            for code in _reserved_codes(m):
                add(code, m)
        # Spellings looked up without folding: each as given gives what its folded form
        # gives. Other spellings are folded once, then remembered (see _find_slowly).
        exact = {text: folded[key] for text, key in given}
        exact.update({key: folded[key] for key in folded})
        self.folded = folded
        self.names = names
        self.exact = exact
        self.limit = len(exact) + _MEMO_SIZE


#: Alpha-2 codes that ISO 3166-1 exceptionally reserves for a Member without its own:
#: "EU" for the European Union (which has no code at all) and "UK" for the United
#: Kingdom (whose code is GB).
_RESERVED_FOR_ALPHA2 = {"GB": "UK"}


def _reserved_codes(member: Member) -> tuple[str, ...]:
    if member.kind is MemberKind.EUROPEAN_UNION:
        return ("EU",)
    reserved = _RESERVED_FOR_ALPHA2.get(member.iso_alpha2 or "")
    return () if reserved is None else (reserved,)


#: How many other spellings each index remembers once they have been resolved, and
#: how long such a spelling may be.
_MEMO_SIZE = 1024
_MEMO_TEXT = 100
#: How many tuples of members have their index kept.
_CACHE_SIZE = 8
_indexes: dict[int, tuple[tuple[Member, ...], _Index]] = {}
_indexes_lock = threading.Lock()


def _index_of(members: tuple[Member, ...]) -> _Index:
    entry = _indexes.get(id(members))
    if entry is not None and entry[0] is members:
        return entry[1]
    index = _Index(members)
    with _indexes_lock:
        while len(_indexes) >= _CACHE_SIZE:
            _indexes.pop(next(iter(_indexes)), None)
        # The entry holds the tuple itself, so its id cannot be reused while cached.
        _indexes[id(members)] = (members, index)
    return index


def find_member(members: Iterable[Member], text: str) -> Member:
    """
    Find a participant by its name, an alias, or its ISO 3166-1 code.

    Case, accents and punctuation are ignored: ``"turkey"``, ``"Turkiye"`` and
    ``"TUR"`` all find Türkiye. The alpha-2 and alpha-3 codes are both accepted, and
    so are the two alpha-2 codes ISO 3166-1 exceptionally reserves for a Member:
    ``"EU"`` finds the European Union, which has no ISO 3166-1 code (its
    :attr:`~wto_msme.Member.iso_alpha2` is ``None``), and ``"UK"`` the United Kingdom,
    whose code is ``"GB"``.

    Should two participants claim the same text, names win over aliases, aliases over
    alpha-3 codes, alpha-3 over alpha-2 codes and those over the reserved codes; among
    equals the first participant in *members* wins. The bundled data has no such clash.

    The look-up is exact: it does not guess. A miss raises an error listing the
    closest names instead.

    Args:
        members: The participants, such as ``load().members``. A tuple's index is
            built once and kept, so repeated look-ups in the same tuple are fast.
        text: A name, an alias, or an ISO 3166-1 alpha-2 or alpha-3 code.

    Returns:
        The participant.

    Raises:
        MemberNotFoundError: If no participant has that name, alias or code. Its
            message and :attr:`~wto_msme.RecordNotFoundError.candidates` give the
            closest names. It is a :class:`LookupError`.
        ValueError: If *text* is empty, blank, or has no letters or digits.
        TypeError: If *text* is not a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> wto_msme.find_member(ds.members, "Turkey").name
    'Türkiye'
    >>> [wto_msme.find_member(ds.members, t).id for t in ("TUR", "chinese taipei", "Korea", "EU")]
    ['tur', 'twn', 'kor', 'eu']
    >>> try:
    ...     wto_msme.find_member(ds.members, "Columbia")
    ... except LookupError as e:
    ...     print(e)
    no participating Member is called 'Columbia'; the closest names are 'Colombia'

    .. versionadded:: 0.1.0
    """
    entry = _indexes.get(id(members))
    if entry is not None and entry[0] is members:
        try:
            found = entry[1].exact.get(text)
        except TypeError:  # unhashable: reported below
            found = None
        if found is not None:
            return found
    return _find_slowly(members, text)


def _find_slowly(members: Iterable[Member], text: str) -> Member:
    if not isinstance(text, str):
        msg = f"text must be a str (a name, an alias or an ISO 3166-1 code), not {type(text).__name__}"
        raise TypeError(msg)
    if not text.strip():
        msg = "text is blank: give a name, an alias or an ISO 3166-1 code"
        raise ValueError(msg)
    key = fold(text)
    if not key:
        msg = f"text {text[:60]!r} has no letters or digits: give a name, an alias or an ISO 3166-1 code"
        raise ValueError(msg)
    # A tuple's index is kept; a list may change, so it is indexed afresh each time.
    index = _index_of(members) if isinstance(members, tuple) else _Index(tuple(members))
    found = index.folded.get(key)
    if found is None:
        raise _not_found(index, text, key)
    if len(index.exact) < index.limit and len(text) <= _MEMO_TEXT:
        index.exact[text] = found
    return found


def _not_found(index: _Index, text: str, key: str) -> MemberNotFoundError:
    import difflib  # only a miss needs it

    # Codes are suggested only for a text as short as a code; names always.
    choices = index.folded if len(key) <= 3 else index.names
    close = difflib.get_close_matches(key, list(choices), n=10, cutoff=0.7)
    names = tuple(dict.fromkeys(index.folded[k].name for k in close))[:5]
    shown = repr(text) if len(text) <= 60 else repr(text[:57]) + "..."
    msg = f"no participating Member is called {shown}"
    if names:
        msg += "; the closest names are " + ", ".join(repr(n) for n in names)
    return MemberNotFoundError(msg, names)
