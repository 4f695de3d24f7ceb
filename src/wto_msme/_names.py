"""
Exact look-up of records by name or code, which refuses a name that could mean two records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from ._text import fold

__all__ = ["Names", "Tier"]

T = TypeVar("T")

Tier = tuple[bool, Iterable[tuple[T, Iterable["str | None"]]]]
"""A tier of an index: whether its texts are codes, and each record with its texts."""

#: Words that abbreviations leave out: "UAE" is United Arab Emirates, "DRC" the
#: Democratic Republic of the Congo.
_LINKS = frozenset({"of", "the", "and", "de", "du", "des", "del", "la", "le", "les", "los", "las", "et", "y"})


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _LINKS)


class Names(Generic[T]):
    """
    The names and codes of some records, each folded by a key function, in tiers.

    A text is looked up in the first tier that holds it: a name in an earlier tier wins
    over the same name in a later one, and a name that two records share in one tier
    means either, so it gives both.
    """

    def __init__(self, tiers: Iterable[Tier[T]], key: Callable[[str], str] = fold) -> None:
        self.key = key
        self.found: dict[str, tuple[T, ...]] = {}
        """Each folded text, with the records it means in the first tier that holds it."""
        self.texts: list[tuple[str, T, bool]] = []
        """Every folded text with its record and whether it is a code, in tier order."""
        given: dict[str, str] = {}
        for codes, entries in tiers:
            tier: dict[str, dict[int, T]] = {}
            for record, texts in entries:
                for text in texts:
                    folded = key(text) if text else ""
                    if text and folded and folded not in self.found:
                        tier.setdefault(folded, {})[id(record)] = record
                        self.texts.append((folded, record, codes))
                        given.setdefault(text, folded)
            self.found.update((k, tuple(v.values())) for k, v in tier.items())
        # Texts as written, so that most look-ups need no folding.
        self.exact = {text: self.found[folded] for text, folded in given.items()}
        self.exact.update(self.found)

    def get(self, text: str) -> tuple[T, ...]:
        """Return the records *text* means: none, one, or several if it is ambiguous."""
        found = self.exact.get(text)
        return self.found.get(self.key(text), ()) if found is None else found

    def closest(self, key: str, n: int = 5) -> list[T]:
        """
        Return up to *n* records that *key*, a folded text that none has, may have meant, best first.

        First come the records with a text that is *key* without its spaces ("u a e" is
        "UAE"), then those whose name has *key* as its initials ("uae" for United Arab
        Emirates), then those with a name of which each word of *key* begins a word, and
        last the names (and, for a key of three characters at most, the codes) that
        :func:`difflib.get_close_matches` finds.
        """
        import difflib  # only a miss needs it

        compact = key.replace(" ", "")
        words = key.split()
        names = [(k, r) for k, r, code in self.texts if not code]
        ranked: dict[int, T] = {}
        groups = [
            (r for k, r, _ in self.texts if k.replace(" ", "") == compact),
            (r for k, r in names if len(compact) > 1 and _initials(k) == compact),
            (
                r
                for k, r in names
                if all(len(w) > 2 for w in words) and all(any(v.startswith(w) for v in k.split()) for w in words)
            ),
        ]
        choices = [k for k, _, code in self.texts if len(key) <= 3 or not code]
        close = difflib.get_close_matches(key, choices, n=10, cutoff=0.7)
        groups.append(r for k in close for r in self.found[k])
        for group in groups:
            for r in group:
                ranked.setdefault(id(r), r)
        return list(ranked.values())[:n]
