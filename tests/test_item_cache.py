"""The Arrow cache of large item folders: equal frames, fresh after an edit, never in the way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from cluster_map.core import item_cache
from cluster_map.core.errors import FileTooLarge
from cluster_map.core.item_cache import CACHE_ENV, cache_folder, load_items
from cluster_map.core.items import TABLE_COLUMNS, item_rows, read_plan_items
from cluster_map.core.paths import ITEMS_DIR


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the committed items, counted as large (the cache takes any size)."""
    monkeypatch.setattr(item_cache, "CACHE_MIN_MB", 0.0)
    copy = tmp_path / "items"
    copy.mkdir()
    for stem in TABLE_COLUMNS:
        shutil.copy(ITEMS_DIR / f"{stem}.csv", copy)
    return copy


def _same(loaded: item_cache.LoadedItems, folder: Path) -> None:
    plan = read_plan_items(folder)
    for stem in TABLE_COLUMNS:
        pd.testing.assert_frame_equal(getattr(loaded.plan, stem), getattr(plan, stem))
    pd.testing.assert_frame_equal(loaded.rows, item_rows(plan, details=False))


def test_the_second_load_comes_from_the_cache_and_equals_the_csv(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_items(folder, cache=cache)
    second = load_items(folder, cache=cache)
    assert (first.source, second.source) == ("csv", "cache")
    _same(second, folder)
    assert len(list(cache.iterdir())) == 1


def test_an_edited_file_is_read_again_and_replaces_the_old_entry(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_items(folder, cache=cache)
    items = folder / "items.csv"
    items.write_text(items.read_text(encoding="utf-8").replace("雄安", "雄安新区", 1), encoding="utf-8")
    os.utime(items, ns=(items.stat().st_atime_ns, items.stat().st_mtime_ns + 10**9))
    again = load_items(folder, cache=cache)
    assert again.source == "csv" and "雄安新区" in "".join(again.plan.items["name_zh"])
    assert load_items(folder, cache=cache).source == "cache" and len(list(cache.iterdir())) == 1


def test_a_damaged_entry_is_skipped_and_written_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_items(folder, cache=cache)
    (entry,) = cache.iterdir()
    (entry / "rows.arrow").write_bytes(b"not arrow")
    assert load_items(folder, cache=cache).source == "csv"
    again = load_items(folder, cache=cache)
    assert again.source == "cache"
    _same(again, folder)


def test_a_cache_that_cannot_be_written_is_skipped(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a_file"
    blocked.write_text("in the way", encoding="utf-8")
    assert load_items(folder, cache=blocked).source == "csv"
    assert load_items(folder, cache=blocked).source == "csv"


def test_the_size_limit_holds_for_cached_folders_too(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_items(folder, cache=cache, max_mb=None)
    with pytest.raises(FileTooLarge, match="--max-mb"):
        load_items(folder, cache=cache, max_mb=0.001)


def test_small_folders_and_no_cache_read_the_csv(tmp_path: Path) -> None:
    assert load_items(ITEMS_DIR, cache=tmp_path / "cache").source == "csv"  # below CACHE_MIN_MB
    assert not (tmp_path / "cache").exists()
    assert load_items(ITEMS_DIR, cache=None).source == "csv"


def test_the_cache_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_folder() == tmp_path
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "cluster_map"


def test_the_entry_holds_each_column_in_one_piece(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A take of a few rows from a mapped column then reads those rows' pages, not the whole file."""

    def in_pieces(path: Path, **options: object) -> item_cache.PlanItems:
        plan = read_plan_items(path)
        return item_cache.PlanItems(
            **{
                stem: pd.concat([frame.iloc[:2], frame.iloc[2:]], ignore_index=True)
                for stem, frame in ((stem, getattr(plan, stem)) for stem in TABLE_COLUMNS)
            }
        )

    monkeypatch.setattr(item_cache, "read_plan_items", in_pieces)
    cache = tmp_path / "cache"
    assert load_items(folder, cache=cache).plan.mentions["sentence"].array._pa_array.num_chunks == 2
    (entry,) = cache.iterdir()
    for file in sorted(entry.glob("*.arrow")):
        assert ipc.open_file(pa.memory_map(str(file))).num_record_batches == 1, file.name
    cached = load_items(folder, cache=cache)
    assert cached.source == "cache"
    assert cached.plan.mentions["sentence"].array._pa_array.num_chunks == 1
    _same(cached, folder)
