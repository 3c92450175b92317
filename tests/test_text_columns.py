"""Vectorised reads of text columns: numbers, distinct values per key, rows with keys, one piece."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cluster_map.core.text_columns import joined_distinct, numbers, one_chunk, rows_with_keys


def test_numbers_read_clean_and_messy_columns_alike() -> None:
    assert numbers(pd.Series(["1.5", "2", "-3e2"]), 0).tolist() == [1.5, 2.0, -300.0]
    messy = numbers(pd.Series(["1.5", "", "x", " 7"]), np.nan)  # pyarrow refuses: the careful way
    assert messy.iloc[0] == 1.5 and messy.iloc[1:3].isna().all() and messy.iloc[3] == 7.0
    assert numbers(pd.Series(["", "4"]), 0).tolist() == [0.0, 4.0]


def test_joined_distinct_keeps_the_first_order_and_drops_repeats() -> None:
    table = pd.DataFrame({"k": ["a", "b", "a", "a", "c"], "v": ["x", "y", "z", "x", "w"]})
    joined = joined_distinct(table, "k", "v")
    assert joined.to_dict() == {"a": "x\nz", "b": "y", "c": "w"}
    assert joined_distinct(table, "k", "v", separator=";")["a"] == "x;z"


def test_rows_with_keys_keeps_the_rows_of_those_keys_in_order() -> None:
    table = pd.DataFrame({"id": ["a", "b", "c", "a"], "n": [1, 2, 3, 4]})
    assert rows_with_keys(table, "id", np.array(["a", "c"], dtype=object))["n"].tolist() == [1, 3, 4]
    assert rows_with_keys(table, "id", np.array([], dtype=object)).empty


def _pieces(column: pd.Series) -> int:
    return int(column.array.__arrow_array__().num_chunks)


def test_one_chunk_joins_the_pieces_and_keeps_values_and_types() -> None:
    first = pd.DataFrame({"a": ["x", "y"], "s": pd.array(["p", None], dtype="string"), "n": [1, 2]})
    second = pd.DataFrame({"a": ["z"], "s": pd.array(["q"], dtype="string"), "n": [3]})
    pieced = pd.concat([first, second], ignore_index=True)
    assert (_pieces(pieced["a"]), _pieces(pieced["s"])) == (2, 2)
    whole = one_chunk(pieced)
    assert (_pieces(whole["a"]), _pieces(whole["s"])) == (1, 1)
    pd.testing.assert_frame_equal(whole, pieced)
    assert _pieces(pieced["a"]) == 2  # the given frame is left as it was
    assert one_chunk(whole) is whole
