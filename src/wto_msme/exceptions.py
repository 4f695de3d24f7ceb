"""
The exceptions that wto_msme raises.
"""

from __future__ import annotations

__all__ = ["DataError", "MemberNotFoundError", "RecordNotFoundError"]


class DataError(ValueError):
    """
    A dataset is invalid.

    A file is missing or malformed, a value has the wrong type, or the records
    contradict each other. The message names the file, the location of each bad value (such as
    ``presentations[12].date``) and what was expected. Nothing is loaded when it is
    raised.

    .. versionadded:: 0.1.0
    """

    def __init__(self, file: str, problems: tuple[str, ...]) -> None:
        self.file = file
        """The file (or directory) that holds the bad data."""
        self.problems = problems
        """One line per problem: the location, then what is wrong there."""
        if len(problems) == 1:
            message = f"{file}: {problems[0]}"
        else:
            lines = "\n".join(f"  {p}" for p in problems)
            message = f"{file}: {len(problems)} problems:\n{lines}"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[DataError], tuple[str, tuple[str, ...]], dict[str, object]]:
        """
        Pickle as the class called with the file and the problems.

        An exception pickles by default as its class called with ``args``, here the
        message alone, which ``__init__`` does not take. The instance's ``__dict__``
        (notes added since, among others) is restored too.
        """
        return (type(self), (self.file, self.problems), self.__dict__)


class RecordNotFoundError(LookupError):
    """
    No record matches what was asked for.

    Its message lists the closest candidates, where there are any.

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        self.candidates = candidates
        """The closest names or identifiers, best first."""
        super().__init__(message)

    def __reduce__(self) -> tuple[type[RecordNotFoundError], tuple[str, tuple[str, ...]], dict[str, object]]:
        """
        Pickle as the class called with the message and the candidates.

        By default an unpickled error would lose its candidates.
        """
        return (type(self), (self.args[0], self.candidates), self.__dict__)


class MemberNotFoundError(RecordNotFoundError):
    """
    No Member has the name, alias or code asked for, or more than one has it.

    :meth:`Members.find <wto_msme.collections.Members.find>` raises it for a name that is
    no participant's, saying when the name is a WTO Member's that does not take part or
    an EU member state's, which takes part through the European Union (its
    ``candidates`` then name the European Union);
    :meth:`WtoMembers.find <wto_msme.collections.WtoMembers.find>` for a name that is no
    WTO Member's. A name that could mean two Members is refused with it too, not guessed:
    its message and ``candidates`` name both.

    .. versionadded:: 0.1.0
    """
