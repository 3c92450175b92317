"""What several commands share: messages on stderr and the filter options of the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cluster_map.core.fields import FILTER_FIELDS, FilterField

__all__ = ["PLACE_FIELDS", "_add_filter_options", "_filter_query", "_say", "non_place_fields"]

#: The filter fields that choose places (a profile or comparison names its places instead).
PLACE_FIELDS = ("prefectures", "counties", "zones")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _add_filter_options(
    parser: argparse.ArgumentParser, fields: Sequence[FilterField] = FILTER_FIELDS
) -> None:
    """One option per filter field (``--sector`` ...), as the registry declares it; into ``args.<name>``."""
    group = parser.add_argument_group("filters (as in the app)")
    for f in fields:
        action = "append" if f.multiple else "store"
        group.add_argument(f.option, dest=f.name, action=action, metavar=f.metavar, help=f.help)


def _filter_query(
    args: argparse.Namespace, fields: Sequence[FilterField] = FILTER_FIELDS
) -> dict[str, str | list[str]]:
    """The filter options given, as a URL-style query (key -> values) for ``spec_from_query``."""
    return {f.key: getattr(args, f.name) for f in fields if getattr(args, f.name, None)}


def non_place_fields() -> tuple[FilterField, ...]:
    """The filters of ``export`` but the place ones (for commands whose arguments name the places)."""
    return tuple(f for f in FILTER_FIELDS if f.name not in PLACE_FIELDS)
