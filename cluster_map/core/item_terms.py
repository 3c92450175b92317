"""Terms the plan items share between their curation (build) and their validation (core).

The statuses an item may have, the words that make a name a clause, the form of an item's id and
the separator of a mention's span texts. ``cluster_map.build.curation`` checks the hand-written
curation with them; :mod:`cluster_map.core.validate` checks the built tables with them.
"""

from __future__ import annotations

import re

__all__ = [
    "ITEM_ID_PATTERN",
    "SPAN_TEXT_JOINER",
    "STATUSES",
    "VERB_WORDS",
    "clause_words",
]

#: What the text may say about an item's state (items.csv ``status``; empty where it is silent).
STATUSES: tuple[str, ...] = ("existing", "to_build", "to_upgrade", "to_create")
#: Words that make a name a clause, not the name of a thing.
VERB_WORDS: tuple[str, ...] = (
    "依托",
    "重点发展",
    "推动",
    "积极",
    "研究",
    "打造",
    "推进",
    "支持",
    "争创",
    "加快",
    "围绕",
    "鼓励",
)
#: Nouns that hold a verb word but name a thing (研究院 is an institute, not "to research").
_THING_NOUNS = re.compile("研究(院|所|中心|基地|平台)")
#: ``<doc>-<section slug>-<nn>``, ``n<nn>`` for an item the old records did not have.
ITEM_ID_PATTERN = re.compile(r"(sei|sti)-[0-9a-z]+(-[0-9a-z]+)*-n?[0-9]{2,3}")
#: mentions.csv ``text``: the texts of a mention's spans, joined by this.
SPAN_TEXT_JOINER = "…"


def clause_words(name: str) -> list[str]:
    """The words of :data:`VERB_WORDS` that make ``name`` a clause (研究院 and the like excepted)."""
    text = _THING_NOUNS.sub("", name)
    return [word for word in VERB_WORDS if word in text]
