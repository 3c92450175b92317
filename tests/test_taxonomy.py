"""The taxonomy: the committed file loads; a broken one is a DataError that names the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluster_map.core.errors import DataError
from cluster_map.core.paths import TAXONOMY_PATH
from cluster_map.core.taxonomy import load_taxonomy


def test_committed_taxonomy_has_every_vocabulary() -> None:
    taxonomy = load_taxonomy()
    assert {"sei", "sti"} <= set(taxonomy.documents)
    assert taxonomy.label("kinds", "key_project", lang="en") != "key_project"
    assert taxonomy.label("kinds", "no_such_kind") == "no_such_kind"


@pytest.mark.parametrize(
    "text, message",
    [
        (None, "cannot read the taxonomy"),
        ("sectors = [", "is not valid TOML"),
        ("[sectors]\n[kinds]\n", "lacks the table(s) subsectors, levels, precisions, evidences, documents"),
    ],
    ids=["missing", "not toml", "missing tables"],
)
def test_broken_taxonomy_is_a_data_error(tmp_path: Path, text: str | None, message: str) -> None:
    path = tmp_path / "taxonomy.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        load_taxonomy(path)
    assert str(path) in str(caught.value)


def test_missing_plan_text_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"cannot read plan 'sei'.*restore it from git"):
        load_taxonomy(TAXONOMY_PATH).document_text("sei", sources_dir=tmp_path)
