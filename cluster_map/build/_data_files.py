"""Reading the hand-written TOML files of geodata/ that the build takes its domain data from."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from cluster_map.core.errors import DataError

__all__ = ["ADCODE", "read_toml", "text_problems"]

#: A six-digit admin code such as ``"130100"``.
ADCODE = re.compile(r"\d{6}")


def read_toml(path: Path, *, what: str) -> dict[str, Any]:
    """The parsed TOML file, or a :class:`DataError` that names it and says what to do.

    Parameters
    ----------
    path
        The file.
    what
        What it holds, for the message (``"the zone definitions"``).
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read {what} ({exc}); fix or restore the file") from exc


def text_problems(entry: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    """One message naming every key of ``keys`` that is missing or not non-empty text."""
    missing = [k for k in keys if not isinstance(entry.get(k), str) or not entry[k].strip()]
    return [f"give {', '.join(missing)} as non-empty text"] if missing else []
