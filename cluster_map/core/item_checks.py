"""The checks of one item row (items.csv) and of one mention row (mentions.csv).

A row is a mapping of column -> text; each check yields ``(field, message)``. The checks that need
several tables (counts, places and quotes in a mention sentence, duplicates) are in
:mod:`cluster_map.core.validate`; those of a place row in :mod:`cluster_map.core.checks`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cluster_map.core.checks import ValidationContext
from cluster_map.core.errors import UsageError
from cluster_map.core.item_terms import ITEM_ID_PATTERN, SPAN_TEXT_JOINER, STATUSES, clause_words
from cluster_map.core.items import split_multi
from cluster_map.core.sources import sentence_around

__all__ = ["item_row_problems", "mention_row_problems", "parse_spans", "whole_number"]

Row = Mapping[str, str]
Problems = Iterator[tuple[str, str]]

_SPANS_EXAMPLE = "such as 8712-8716;8724-8730"


def whole_number(value: str) -> int | None:
    """``value`` as a whole number of at least 1 (``place_no``, ``mention_no``), else None."""
    text = value.strip()
    return int(text) if text.isdigit() and int(text) >= 1 else None


def parse_spans(value: str) -> list[tuple[int, int]]:
    """``"8712-8716;8724-8730"`` -> ``[(8712, 8716), (8724, 8730)]``; ValueError quoting a bad part."""
    spans = []
    for part in split_multi(value):
        start, dash, end = part.partition("-")
        if not (dash and start.strip().isdigit() and end.strip().isdigit() and int(start) < int(end)):
            raise ValueError(f"span {part!r} is not start-end with start < end ({_SPANS_EXAMPLE})")
        spans.append((int(start), int(end)))
    if not spans:
        raise ValueError(f"no span given; write the character offsets of the passage ({_SPANS_EXAMPLE})")
    return spans


def _required(row: Row, names: tuple[str, ...], what: str) -> Problems:
    for name in names:
        if not row[name].strip():
            yield name, f"is empty; every {what} needs it"


def _vocabulary_problems(row: Row, ctx: ValidationContext) -> Problems:
    t = ctx.taxonomy
    for name, allowed, blank_ok in (
        ("kind", t.kinds, False),
        ("sector", t.sectors, False),
        ("subsector", t.subsectors, True),
        ("level", t.levels, True),
        ("status", STATUSES, True),
        ("precision", t.precisions, False),
    ):
        value = row[name]
        if not (value in allowed or (blank_ok and value == "")):
            yield name, f"{value!r} is not a known {name}; use one of {', '.join(allowed)}"


def _plan_item_problems(row: Row) -> Problems:
    if row["id"].strip() and not ITEM_ID_PATTERN.fullmatch(row["id"]):
        yield "id", f"{row['id']!r} is not <doc>-<section>-<nn> (such as sei-b07-01, sti-4-2-n03)"
    verbs = clause_words(row["name_zh"])
    if verbs:
        yield (
            "name_zh",
            f"{row['name_zh']!r} is a clause ({'、'.join(verbs)}); name the thing only, as the plan names it",
        )
    for value, quote in (("level", "level_quote"), ("status", "status_quote")):
        if bool(row[value].strip()) != bool(row[quote].strip()):
            yield (
                quote,
                f"{row[quote]!r} with {value} {row[value]!r}: give the plan's words for the {value} "
                f"exactly when {value} is given",
            )


def item_row_problems(row: Row, ctx: ValidationContext, *, plan_rules: bool) -> Problems:
    """Every ``(field, message)`` of one item row on its own (no other row or table is needed).

    ``plan_rules`` adds the rules of the committed data: ids of the form sei-…/sti-…, names that are
    not clauses, level and status given exactly with their quotes.
    """
    yield from _required(row, ("id", "kind", "name_zh", "name_en", "sector"), "item")
    yield from _vocabulary_problems(row, ctx)
    if plan_rules:
        yield from _plan_item_problems(row)


def _span_problems(row: Row, spans: list[tuple[int, int]], text: str) -> Problems:
    if max(end for _, end in spans) > len(text):
        yield "spans", f"{row['spans']!r} reaches past the end of {row['doc']!r} ({len(text)} characters)"
        return
    found = SPAN_TEXT_JOINER.join(text[start:end] for start, end in spans)
    if found != row["text"]:
        first = text.find(row["text"].split(SPAN_TEXT_JOINER)[0]) if row["text"] else -1
        hint = f" (its first part first occurs at {first})" if first >= 0 else " (it is not in the document)"
        yield "spans", f"{row['spans']!r} hold {found!r}, not the text {row['text']!r}{hint}"
    try:
        sentence = sentence_around(text, *spans[0])
    except UsageError:
        return
    if sentence != row["sentence"]:
        yield (
            "sentence",
            f"is not the sentence around the first span ({sentence[:40]!r}…); rebuild with build-items",
        )


def mention_row_problems(row: Row, ctx: ValidationContext, *, plan_rules: bool) -> Problems:
    """Every ``(field, message)`` of one mention row on its own.

    ``plan_rules`` adds the check against the plans: the spans hold ``text`` (the span texts joined
    by "…") in the document, and ``sentence`` is the sentence around the first span.
    """
    yield from _required(row, ("item_id", "section", "sentence"), "mention")
    if whole_number(row["mention_no"]) is None:
        yield "mention_no", f"{row['mention_no']!r} is not a whole number 1, 2, …"
    documents = ctx.taxonomy.documents
    if row["doc"] not in documents:
        yield "doc", f"{row['doc']!r} is not a known document; use one of {', '.join(documents)}"
    try:
        spans = parse_spans(row["spans"])
    except ValueError as exc:
        yield "spans", str(exc)
        return
    text = ctx.texts.get(row["doc"])
    if plan_rules and text is not None:
        yield from _span_problems(row, spans, text)
