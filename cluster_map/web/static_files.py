"""Files the app writes under its static folder for the browser to fetch: names nobody can guess.

A name is a keyed hash of the content (the key is made at process start), so the same data gives
the same file within a server process, and nobody can derive a name from data they know. Files
older than a day (left by earlier processes, whose names no longer serve) are removed when a new
one is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import time
from pathlib import Path

__all__ = ["keyed_name", "write_once"]

_PROCESS_KEY = secrets.token_bytes(32)
_STALE_SECONDS = 24 * 3600


def keyed_name(data: bytes) -> str:
    """40 hex digits: a keyed hash of ``data`` (the same within this process, unguessable outside it)."""
    return hmac.new(_PROCESS_KEY, data, hashlib.sha256).hexdigest()[:40]


def _remove_stale(folder: Path, suffix: str) -> None:
    cutoff = time.time() - _STALE_SECONDS
    for old in folder.glob(f"*{suffix}"):
        with contextlib.suppress(OSError):  # another process may have removed it
            if old.stat().st_mtime < cutoff:
                old.unlink()


def write_once(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/name`` unless that file exists (whole or not at all); return its path.

    Files of the same suffix older than a day are removed first.
    """
    path = folder / name
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder, path.suffix)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(path)
    return path
