"""The hand-written curation of plan items (geodata/items/curation/): reading it and checking it.

Each part of the curation is three files: ``items_<part>.csv`` (one row per thing the plans name),
``mentions_<part>.csv`` (one row per passage that names it) and ``retired_<part>.csv`` (old record ids
that are no longer items). :func:`curation_problems` reports every problem at once, as
``file:line:field: message``; the schema is geodata/items/curation/README.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cluster_map.build.gazetteer import Gazetteer
from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.errors import PlaceNotFound
from cluster_map.core.item_terms import ITEM_ID_PATTERN, STATUSES, VERB_WORDS, clause_words
from cluster_map.core.paths import ITEM_CURATION_DIR
from cluster_map.core.taxonomy import Taxonomy

__all__ = [
    "ITEM_COLUMNS",
    "MENTION_COLUMNS",
    "RETIRED_COLUMNS",
    "STATUSES",
    "VERB_WORDS",
    "Curation",
    "Span",
    "curation_problems",
    "parse_spans",
    "read_item_curation",
]

SCHEMA = "geodata/items/curation/README.md"
ITEM_COLUMNS = (
    "id",
    "kind",
    "name_zh",
    "name_en",
    "sector",
    "subsector",
    "level",
    "level_quote",
    "status",
    "status_quote",
    "places",
    "place_evidence",
    "note_zh",
    "note_en",
    "former_ids",
)
MENTION_COLUMNS = ("item_id", "doc", "section", "spans")
RETIRED_COLUMNS = ("old_id", "reason_en")
PLACE_EVIDENCES = ("text",)
PLACE_SEPARATOR = ";"


SPAN_SEPARATOR = "|"


@dataclass(frozen=True)
class Span:
    """A span of a plan: its start offset and its text."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def parse_spans(value: str) -> list[Span]:
    """``"8712:廊坊香河|8724:机器人产业基地"`` -> spans; raises ValueError quoting a bad part."""
    spans = []
    for part in value.split(SPAN_SEPARATOR):
        start, colon, text = part.partition(":")
        if not colon or not start.strip().isdigit() or not text:
            raise ValueError(f"span {part!r} is not `start:text` (such as 8712:廊坊香河)")
        spans.append(Span(int(start), text))
    return spans


@dataclass(frozen=True)
class Curation:
    """All parts of the curation, each row with ``_file`` and ``_line`` for messages."""

    items: pd.DataFrame
    mentions: pd.DataFrame
    retired: pd.DataFrame


def _read_parts(folder: Path, prefix: str, columns: tuple[str, ...]) -> pd.DataFrame:
    frames = []
    for path in sorted(folder.glob(f"{prefix}_*.csv")):
        frame = read_csv_table(path, columns=columns, schema=SCHEMA, max_mb=None)
        frame["_file"] = str(path)
        frame["_line"] = range(2, len(frame) + 2)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*columns, "_file", "_line"])
    return pd.concat(frames, ignore_index=True)


def read_item_curation(folder: Path = ITEM_CURATION_DIR) -> Curation:
    """Every part of the curation in ``folder`` (see the module docstring)."""
    return Curation(
        items=_read_parts(folder, "items", ITEM_COLUMNS),
        mentions=_read_parts(folder, "mentions", MENTION_COLUMNS),
        retired=_read_parts(folder, "retired", RETIRED_COLUMNS),
    )


def _where(row: pd.Series, field: str) -> str:
    return f"{row['_file']}:{row['_line']}:{field}"


def _mention_problems(curation: Curation, texts: dict[str, str], item_ids: set[str]) -> Iterator[str]:
    for _, row in curation.mentions.iterrows():
        if row["item_id"] not in item_ids:
            yield f"{_where(row, 'item_id')}: {row['item_id']!r} is no item's id"
        text = texts.get(row["doc"])
        if text is None:
            yield f"{_where(row, 'doc')}: {row['doc']!r} is not a document; use one of {sorted(texts)}"
            continue
        try:
            spans = parse_spans(row["spans"])
        except ValueError as exc:
            yield f"{_where(row, 'spans')}: {exc}"
            continue
        for span in spans:
            found = text[span.start : span.end]
            if found != span.text:
                hint = text.find(span.text)
                yield (
                    f"{_where(row, 'spans')}: the text at {span.start} is {found!r}, not {span.text!r}"
                    + (f" (it first occurs at {hint})" if hint >= 0 else " (not in the document)")
                )


def _vocabulary_problems(row: pd.Series, taxonomy: Taxonomy) -> Iterator[str]:
    checks: dict[str, tuple[Collection[str], bool]] = {
        "kind": (taxonomy.kinds, False),
        "sector": (taxonomy.sectors, False),
        "subsector": (taxonomy.subsectors, True),
        "level": (taxonomy.levels, True),
        "status": (dict.fromkeys(STATUSES), True),
        "place_evidence": (dict.fromkeys(PLACE_EVIDENCES), True),
    }
    for field, (vocabulary, may_be_empty) in checks.items():
        value = row[field]
        if (value or not may_be_empty) and value not in vocabulary:
            yield f"{_where(row, field)}: {value!r} is not one of {sorted(vocabulary)}"


def _item_problems(
    row: pd.Series, sentences: dict[str, str], taxonomy: Taxonomy, gazetteer: Gazetteer
) -> Iterator[str]:
    for field in ("id", "kind", "name_zh", "name_en", "sector"):
        if not row[field].strip():
            yield f"{_where(row, field)}: is empty"
    if row["id"] and not ITEM_ID_PATTERN.fullmatch(row["id"]):
        yield f"{_where(row, 'id')}: {row['id']!r} is not <doc>-<section>-<nn> (such as sei-b07-01, sti-4-2-n03)"
    yield from _vocabulary_problems(row, taxonomy)
    verbs = clause_words(row["name_zh"])
    if verbs:
        yield f"{_where(row, 'name_zh')}: {row['name_zh']!r} is a clause ({'、'.join(verbs)}); name the thing only"
    text = sentences.get(row["id"], "")
    if not text:
        yield f"{_where(row, 'id')}: no mention names item {row['id']!r}"
    for value, quote in (("level", "level_quote"), ("status", "status_quote")):
        if bool(row[value]) != bool(row[quote]):
            yield f"{_where(row, quote)}: give a quote exactly when {value} is given"
        elif row[quote] and text and row[quote] not in text:
            yield f"{_where(row, quote)}: {row[quote]!r} is not in a sentence that mentions the item"
    for place in filter(None, (p.strip() for p in row["places"].split(PLACE_SEPARATOR))):
        try:
            gazetteer.resolve(place)
        except PlaceNotFound as exc:
            yield f"{_where(row, 'places')}: {exc}"
        if text and row["place_evidence"] != "text":
            missing = [p for p in place.split("、") if p not in text]
            if missing:
                yield f"{_where(row, 'places')}: {'、'.join(missing)!r} is in no sentence that mentions the item"


def curation_problems(
    curation: Curation,
    *,
    texts: dict[str, str],
    sentences: dict[str, str],
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
    old_ids: set[str],
) -> list[str]:
    """Every problem of the curation, as ``file:line:field: message`` lines.

    Parameters
    ----------
    curation
        As :func:`read_item_curation` returns it.
    texts
        Document key -> the whole plan text.
    sentences
        Item id -> the sentences of its mentions, joined (what places and quotes must appear in).
    taxonomy, gazetteer
        Vocabularies; place resolution.
    old_ids
        The old record ids, each of which must be a former id of one item or retired.
    """
    items = curation.items
    problems = list(_mention_problems(curation, texts, set(items["id"])))
    for _, row in items.iterrows():
        problems.extend(_item_problems(row, sentences, taxonomy, gazetteer))
    for item_id, group in items.groupby("id"):
        if len(group) > 1:
            problems.append(f"{_where(group.iloc[1], 'id')}: {item_id!r} is also the id of another item")
    accounted: dict[str, str] = {}
    for _, row in items.iterrows():
        for old in filter(None, row["former_ids"].split(PLACE_SEPARATOR)):
            if old in accounted:
                problems.append(
                    f"{_where(row, 'former_ids')}: {old!r} is also a former id of {accounted[old]!r}"
                )
            accounted[old] = row["id"]
    for _, row in curation.retired.iterrows():
        if row["old_id"] in accounted:
            problems.append(
                f"{_where(row, 'old_id')}: {row['old_id']!r} is retired but a former id of {accounted[row['old_id']]!r}"
            )
        accounted[row["old_id"]] = "retired"
    unknown = sorted(set(accounted) - old_ids)
    problems.extend(f"{SCHEMA}: former or retired id {old!r} is no old record id" for old in unknown)
    missing = sorted(old_ids - set(accounted))
    problems.extend(
        f"{SCHEMA}: old record id {old!r} is neither a former id of an item nor retired" for old in missing
    )
    return problems
