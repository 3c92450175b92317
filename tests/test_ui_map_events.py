"""Messages from the map's runtime to the page: parsed defensively, acted on once."""

from __future__ import annotations

import json

import pytest

from cluster_map.ui.map_events import parse_map_message

GOOD = {"nonce": "1-1", "action": "select_unit", "level": "prefecture", "code": "130200"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"selected_tags": [json.dumps(GOOD)]}, GOOD),
        (None, None),
        ({}, None),
        ({"selected_tags": None}, None),
        ({"selected_tags": []}, None),
        ({"selected_tags": ["not json"]}, None),
        ({"selected_tags": [json.dumps([1, 2])]}, None),
        ({"selected_tags": [json.dumps({**GOOD, "code": 130200})]}, None),  # not text
        ({"selected_tags": [json.dumps({**GOOD, "nonce": ""})]}, None),
        ({"selected_tags": [json.dumps(GOOD), json.dumps(GOOD)]}, None),
    ],
)
def test_parse(value: object, message: dict | None) -> None:
    assert parse_map_message(value) == message  # type: ignore[arg-type]
