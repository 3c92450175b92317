"""Terms the plan items share between their curation (build) and their validation (core).

The statuses an item may have, the words that make a name a clause, the form of an item's id and
the separator of a mention's span texts. ``cluster_map.build.curation`` checks the hand-written
curation with them; :mod:`cluster_map.core.validate` checks the built tables with them.
"""

from __future__ import annotations

import re

__all__ = [
    "ITEM_ID_PATTERN",
    "NOUNS_WITH_VERB_WORDS",
    "SPAN_TEXT_JOINER",
    "STATUSES",
    "VERB_WORDS",
    "verb_words_in",
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
#: Names of things that hold a verb word and are no clause (``…工程研究中心``, ``…产业技术研究院``).
NOUNS_WITH_VERB_WORDS: tuple[str, ...] = ("研究院", "研究所", "研究中心", "研究基地", "研究室")
#: ``<doc>-<section slug>-<nn>``, ``n<nn>`` for an item the old records did not have.
ITEM_ID_PATTERN = re.compile(r"(sei|sti)-[0-9a-z]+(-[0-9a-z]+)*-n?[0-9]{2,3}")
#: mentions.csv ``text``: the texts of a mention's spans, joined by this.
SPAN_TEXT_JOINER = "…"


def verb_words_in(name: str) -> list[str]:
    """The words of :data:`VERB_WORDS` that ``name`` holds (empty for the name of a thing).

    A word inside one of :data:`NOUNS_WITH_VERB_WORDS` (研究 of 工程研究中心) does not count.
    """
    for noun in NOUNS_WITH_VERB_WORDS:
        name = name.replace(noun, "")
    return [word for word in VERB_WORDS if word in name]
