"""The plans as text with their structure: chapters (三), sections (三（二）) and boxes (专栏7).

Headings are read from the text itself: a line that starts with ``三、`` opens a chapter, ``（二）``
a section of the current chapter, ``专栏7`` a box: its heading line and the paragraphs after it, up
to the next heading or the first later paragraph that opens a topic of the section (``现代通信。…``). A table of
contents before the body (its headings repeat) is labelled ``目录``, the text between it (or the
start) and the first chapter ``前言``. Labels are those the items'
mentions use (``sections`` in geodata/items/mentions.csv).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cluster_map.core.errors import UsageError
from cluster_map.core.paths import SOURCES_DIR
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["PREAMBLE_LABEL", "TOC_LABEL", "PlanText", "Section", "plan_text", "section_name_en", "sentences"]

TOC_LABEL = "目录"
PREAMBLE_LABEL = "前言"
_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^[ \t\u3000]*(?:(?P<chapter>[{_NUMERALS}]+)、|（(?P<section>[{_NUMERALS}]+)）|专栏(?P<box>\d+))(?P<title>[^\n]*)",
    re.MULTILINE,
)
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
#: A paragraph that opens a new topic of its section ("现代通信。…"): it ends the box before it.
_TOPIC_LEAD = re.compile(r"(?![0-9\uff10-\uff19])[^。，、；\n]{2,12}。")  # not "1.钢铁领域。"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass(frozen=True)
class Section:
    """A chapter, section or box: its label, heading line, and character range in the text."""

    label: str  # "三", "三（二）", "专栏7" or "目录"
    title: str  # the heading line as written
    start: int
    end: int

    @property
    def kind(self) -> str:
        """``chapter``, ``section``, ``box``, ``toc`` or ``preamble``."""
        if self.label == TOC_LABEL:
            return "toc"
        if self.label == PREAMBLE_LABEL:
            return "preamble"
        if self.label.startswith("专栏"):
            return "box"
        return "section" if "（" in self.label else "chapter"


@dataclass(frozen=True)
class PlanText:
    """One plan: its key (``sei``/``sti``), its text and its sections in reading order."""

    doc: str
    text: str
    sections: tuple[Section, ...]

    def innermost(self, offset: int) -> Section | None:
        """The smallest section around ``offset`` (a box or section before its chapter)."""
        around = [s for s in self.sections if s.start <= offset < s.end]
        return min(around, key=lambda s: s.end - s.start) if around else None

    def section(self, label: str) -> Section | None:
        """The section (chapter, box) labelled ``label``, or None."""
        return next((s for s in self.sections if s.label == label), None)

    def paragraphs(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The paragraphs (non-blank lines) between ``start`` and ``end``, as trimmed offsets."""
        found = []
        for match in _PARAGRAPH.finditer(self.text, start, len(self.text) if end is None else end):
            left, right = match.start(), match.end()
            while self.text[left] in " \t\u3000":
                left += 1
            while self.text[right - 1] in " \t\u3000\r":
                right -= 1
            found.append((left, right))
        return found

    def paragraph_number(self, offset: int) -> int:
        """The number (from 1) of the paragraph holding ``offset`` within its innermost section.

        Lines that are only a heading (no 。 in them) are not counted; 0 when ``offset`` is in none.
        """
        section = self.innermost(offset)
        if section is None:
            return 0
        number = 0
        for left, right in self.paragraphs(section.start, section.end):
            line = self.text[left:right]
            if "。" in line or not _HEADING.match(line):
                number += 1
            if left <= offset < right + 1:
                return max(number, 1)
        return 0

    def chapter(self, label: str) -> Section:
        """The chapter ``label`` (``三``); a UsageError quoting it when the plan has none."""
        for section in self.sections:
            if section.label == label:
                return section
        raise UsageError(f"plan {self.doc!r} has no section {label!r}")


def _numeral(text: str) -> int:
    """一 … 十九 as a number (the plans' chapters and sections); 0 when it is none."""
    digits = {c: i for i, c in enumerate(_NUMERALS, start=1)}
    if not text or any(c not in digits for c in text):
        return 0
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits[text[1]]
    if text.endswith("十"):
        return digits[text[0]] * 10
    return digits[text[0]] * 10 + digits[text[2]] if len(text) == 3 else digits[text[0]]


def section_name_en(label: str) -> str:
    """A section's label in English: 专栏7 -> Box 7, 三（二） -> Section 3.2, 三 -> Chapter 3."""
    if label == TOC_LABEL:
        return "Contents"
    if label == PREAMBLE_LABEL:
        return "Preamble"
    if label.startswith("专栏"):
        return "Box " + label.removeprefix("专栏")
    chapter, _, rest = label.partition("（")
    if rest:
        return f"Section {_numeral(chapter)}.{_numeral(rest.rstrip('）'))}"
    return f"Chapter {_numeral(chapter)}" if _numeral(chapter) else label


def _body_start(text: str) -> int:
    """Where the body begins: the last heading ``一、`` (an earlier one belongs to the contents)."""
    firsts = [m.start() for m in _HEADING.finditer(text) if m.group("chapter") == "一"]
    return firsts[-1] if firsts else 0


def parse_sections(doc: str, text: str) -> PlanText:
    """The sections of ``text`` (see the module docstring)."""
    body = _body_start(text)
    toc = [m for m in _HEADING.finditer(text, 0, body)]
    toc_end = text.find("\n", toc[-1].end()) + 1 if toc else 0
    sections: list[Section] = [Section(TOC_LABEL, TOC_LABEL, 0, toc_end)] if toc else []
    if text[toc_end:body].strip():
        sections.append(Section(PREAMBLE_LABEL, PREAMBLE_LABEL, toc_end, body))
    heads = [m for m in _HEADING.finditer(text) if m.start() >= body]
    chapter = ""
    opened: list[tuple[str, str, int, str]] = []  # label, title, start, kind
    for match in heads:
        title = match.group(0).strip(" \t\u3000")
        if match.group("chapter"):
            chapter = match.group("chapter")
            opened.append((chapter, title, match.start(), "chapter"))
        elif match.group("section"):
            opened.append((f"{chapter}（{match.group('section')}）", title, match.start(), "section"))
        else:
            opened.append((f"专栏{match.group('box')}", title, match.start(), "box"))
    for i, (label, title, start, kind) in enumerate(opened):
        ends = (s for _, _, s, k in opened[i + 1 :] if _closes(k, kind))
        end = next(ends, len(text))
        if kind == "box":
            end = _box_end(text, start, end)
        sections.append(Section(label, title, start, end))
    return PlanText(doc, text, tuple(sections))


def _closes(heading: str, opened: str) -> bool:
    """Whether a heading of kind ``heading`` ends an open section of kind ``opened``."""
    rank = {"chapter": 0, "section": 1, "box": 2}
    return rank[heading] <= rank[opened]


def _box_end(text: str, start: int, limit: int) -> int:
    """Where the box whose heading starts at ``start`` ends (at most at ``limit``, the next heading)."""
    paragraphs = _PARAGRAPH.finditer(text, text.find("\n", start) + 1 or limit, limit)
    end = text.find("\n", start)
    for number, paragraph in enumerate(paragraphs):
        if number and _TOPIC_LEAD.match(paragraph.group(0).lstrip(" \t\u3000")):
            return end + 1  # the first paragraph is the box's own, whatever it looks like
        end = paragraph.end()
    return limit


@functools.cache
def _cached(doc: str, path: Path) -> PlanText:
    return parse_sections(doc, path.read_text(encoding="utf-8"))


def plan_text(doc: str, taxonomy: Taxonomy, *, sources_dir: Path = SOURCES_DIR) -> PlanText:
    """The plan ``doc`` (``sei``/``sti``) read from ``sources_dir`` and parsed (once per process)."""
    if doc not in taxonomy.documents:
        raise UsageError(f"plan {doc!r} is not known; use one of {sorted(taxonomy.documents)}")
    return _cached(doc, sources_dir / taxonomy.documents[doc]["file"])


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences (and list lines) of ``text[start:end]`` as ``(start, end)`` offsets, spaces trimmed."""
    for match in _SENTENCE.finditer(text, start, end):
        left, right = match.start(), match.end()
        while left < right and text[left] in " \t\u3000\r":
            left += 1
        while right > left and text[right - 1] in " \t\u3000\r":
            right -= 1
        if right > left:
            yield left, right
