"""The package's exception classes."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["ClusterMapError", "DataError", "FilterError", "PlaceNotFound", "ValidationFailed"]


class ClusterMapError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(ClusterMapError):
    """A data file is missing or unreadable."""


class PlaceNotFound(ClusterMapError):
    """A place name did not resolve to exactly one Hebei admin unit."""


class FilterError(ClusterMapError):
    """A filter value is not one that exists."""


class ValidationFailed(ClusterMapError):
    """Validation found problems; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems))
