"""The package's exception classes.

Every error the package raises on purpose derives from :class:`ClusterMapError`, and its message
quotes the bad input and says what to do: a caller (the command line, the app) catches
``ClusterMapError`` and shows ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "ClusterMapError",
    "CsvShapeError",
    "DataError",
    "FileMissing",
    "FileTooLarge",
    "FilterError",
    "InputFileError",
    "MissingColumns",
    "NotCsv",
    "NotUtf8",
    "PlaceNotFound",
    "UsageError",
    "ValidationFailed",
]


class ClusterMapError(Exception):
    """Base class of every error this package raises on purpose."""


class UsageError(ClusterMapError, ValueError):
    """A function was called with an argument value it does not know."""


class DataError(ClusterMapError):
    """A data file is missing or unreadable."""


class InputFileError(DataError):
    """An input CSV file cannot be read; ``path`` is the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path} {message}")


class FileMissing(InputFileError):
    """The file does not exist."""


class NotCsv(InputFileError):
    """The path is a folder, an empty file, a zip or another binary file."""


class NotUtf8(InputFileError):
    """The file is not UTF-8 text (GBK, UTF-16, ...)."""


class CsvShapeError(InputFileError):
    """A row has more or fewer columns than the header (or the separator is not a comma)."""


class FileTooLarge(InputFileError):
    """The file is larger than the limit for loading it whole."""


class MissingColumns(InputFileError):
    """The header lacks columns of the schema; ``missing`` lists them."""

    def __init__(self, path: Path | str, missing: Sequence[str], *, schema: str) -> None:
        self.missing = list(missing)
        super().__init__(path, f"lacks the column(s) {', '.join(self.missing)}; the schema is in {schema}")


class PlaceNotFound(ClusterMapError):
    """A place name did not resolve to exactly one Hebei admin unit."""


class FilterError(ClusterMapError):
    """A filter value is not one that exists."""


class ValidationFailed(ClusterMapError):
    """Validation found problems; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems))
