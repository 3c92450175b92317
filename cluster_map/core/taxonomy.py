"""The controlled vocabularies of geodata/taxonomy.toml: sectors, subsectors, kinds, levels, precisions, documents, statuses."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cluster_map.core.errors import DataError, UsageError
from cluster_map.core.paths import SOURCES_DIR, TAXONOMY_PATH

__all__ = ["Taxonomy", "load_taxonomy"]


@dataclass(frozen=True)
class Taxonomy:
    """Allowed values with their labels; each mapping is value -> {"zh"/"en"/... : text}."""

    sectors: dict[str, dict[str, str]]
    subsectors: dict[str, dict[str, str]]
    kinds: dict[str, dict[str, str]]
    levels: dict[str, dict[str, str]]
    precisions: dict[str, dict[str, str]]
    evidences: dict[str, dict[str, str]]
    documents: dict[str, dict[str, str]]
    statuses: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, vocabulary: str, value: str, *, lang: str = "zh") -> str:
        """The display label of ``value`` in ``vocabulary`` (sector names are Chinese already)."""
        entry = getattr(self, vocabulary).get(value)
        if entry is None:
            return value
        if lang == "zh":
            return entry.get("zh", value)
        return entry.get("en", value)

    def document_text(self, doc: str, *, sources_dir: Path = SOURCES_DIR) -> str:
        """The full text of plan ``doc`` ('sei' or 'sti'), as offsets count it."""
        if doc not in self.documents:
            raise UsageError(
                f"source_doc {doc!r} is not a known document; use one of {sorted(self.documents)}"
            )
        path = sources_dir / self.documents[doc]["file"]
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(
                f"{path}: cannot read plan {doc!r} ({exc.strerror}); restore it from git"
            ) from exc


def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """Read taxonomy.toml.

    Parameters
    ----------
    path
        The TOML file.

    Returns
    -------
    The vocabularies.

    Raises
    ------
    DataError
        When the file cannot be read, is not TOML or lacks a vocabulary.
    """
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the taxonomy ({exc.strerror}); restore it from git") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path} is not valid TOML ({exc}); fix it there") from exc
    missing = [name for name in Taxonomy.__dataclass_fields__ if name not in data]
    if missing:
        raise DataError(f"{path} lacks the table(s) {', '.join(missing)}; every vocabulary needs one")
    return Taxonomy(**{name: data[name] for name in Taxonomy.__dataclass_fields__})
