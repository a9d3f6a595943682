"""Article layout: title, sections with character offsets, and the infobox.

Three layouts are read (issue 2):

* ``wiki``: a plain-text wiki export: ``= Title =``, an ``Infobox`` block of
  ``- Key: Value`` lines, ``==Section==`` and ``===Subsection===`` headings;
* ``markdown``: ``# Title`` and ``##``/``###`` headings;
* ``plain``: a title line and paragraphs, no headings.

Offsets are Python string indices into the article text exactly as decoded,
so every span here can be sliced out of the text (output-contract.md,
"Invariants"). Section paths join headings outermost first with " > "; text
before the first heading is ``Lead`` and the infobox block is ``Infobox``.

The module also registers ``line_sentence_boundaries``, a spaCy component
that starts a sentence at every line break: headings, infobox lines and list
items are not prose, and letting the parser run them into the next sentence
spoils both the parse and the entities.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

LEAD = "Lead"
INFOBOX = "Infobox"
PATH_SEPARATOR = " > "

WIKI_TITLE = re.compile(r"^=(?!=)\s*(?P<text>.+?)\s*=\s*$")
WIKI_HEADING = re.compile(r"^(?P<marks>={2,6})\s*(?P<text>[^=].*?)\s*(?P=marks)\s*$")
MARKDOWN_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
INFOBOX_START = re.compile(r"^(?:#{1,6}\s*|=+\s*)?Infobox\s*=*\s*$", re.IGNORECASE)
INFOBOX_ENTRY = re.compile(r"^\s*[-*]\s*(?P<key>[^:\n]{1,60}?)\s*:\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class SectionSpan:
    """A stretch of the article that belongs to one section path."""

    path: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class InfoboxEntry:
    """One ``- Key: Value`` line of the infobox; offsets are those of the value."""

    key: str
    value: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Layout:
    format: str
    title: str
    title_span: tuple[int, int] | None
    spans: tuple[SectionSpan, ...]
    infobox: tuple[InfoboxEntry, ...] = field(default_factory=tuple)

    @property
    def section_paths(self) -> list[str]:
        """Distinct section paths in reading order."""
        seen: dict[str, None] = {}
        for span in self.spans:
            seen.setdefault(span.path, None)
        return list(seen)

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [span.start_char for span in self.spans]

    def section_at(self, offset: int) -> str:
        """The section path that holds the character at ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.spans[max(i, 0)].path if self.spans else LEAD


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its line ending) for every line of ``text``."""
    out = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        out.append((offset, raw.rstrip("\r\n")))
        offset += len(raw)
    return out


def detect_format(text: str, suffix: str = "") -> str:
    """Which of the three layouts ``text`` is written in."""
    lines = [line for _, line in _lines(text)]
    first = next((line for line in lines if line.strip()), "")
    if WIKI_TITLE.match(first) or any(WIKI_HEADING.match(line) for line in lines):
        return "wiki"
    if any(MARKDOWN_HEADING.match(line) for line in lines):
        return "markdown"
    if suffix.lower() in (".md", ".markdown"):
        return "markdown"
    return "plain"


def _heading(fmt: str, line: str) -> tuple[int, str] | None:
    """(level, text) when ``line`` is a heading in layout ``fmt``."""
    pattern = {"wiki": WIKI_HEADING, "markdown": MARKDOWN_HEADING}.get(fmt)
    if pattern is None:
        return None
    m = pattern.match(line)
    if not m:
        return None
    return len(m.group("marks")), m.group("text").strip()


def _title_span(fmt: str, line: str, offset: int) -> tuple[int, int] | None:
    """Span of the title in the first non-empty line, or None when it is a section heading."""
    m = WIKI_TITLE.match(line) if fmt == "wiki" else None
    if m is None and fmt == "markdown":
        m = MARKDOWN_HEADING.match(line)
        if m and len(m.group("marks")) > 1:
            return None
    if m is not None:
        return offset + m.start("text"), offset + m.end("text")
    if _heading(fmt, line):
        return None
    start = offset + len(line) - len(line.lstrip())
    return start, start + len(line.strip())


def parse_layout(text: str, suffix: str = "") -> Layout:
    """Split ``text`` into title, section spans and infobox entries."""
    fmt = detect_format(text, suffix)
    lines = _lines(text)
    title, title_span = "", None
    seen_text = False
    spans: list[SectionSpan] = []
    infobox: list[InfoboxEntry] = []
    stack: list[tuple[int, str]] = []  # (level, heading) of the open headings
    current = LEAD
    current_start = 0
    in_infobox = False
    title_level = 1 if fmt == "markdown" else 0

    def close(at: int) -> None:
        if at > current_start:
            spans.append(SectionSpan(current, current_start, at))

    for offset, line in lines:
        stripped = line.strip()
        if not seen_text and stripped:
            seen_text = True
            title_span = _title_span(fmt, line, offset)
            if title_span is not None:
                title = text[title_span[0]:title_span[1]]
                continue
        if in_infobox:
            if (m := INFOBOX_ENTRY.match(line)) and stripped:
                value_start = offset + m.start("value")
                infobox.append(InfoboxEntry(m.group("key"), m.group("value"),
                                            value_start, value_start + len(m.group("value"))))
                continue
            close(offset)
            in_infobox = False
            current, current_start = (PATH_SEPARATOR.join(h for _, h in stack) or LEAD), offset
        if INFOBOX_START.match(line):
            close(offset)
            in_infobox = True
            current, current_start = INFOBOX, offset
            continue
        heading = _heading(fmt, line)
        if heading and heading[0] > title_level:
            level, heading_text = heading
            close(offset)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading_text))
            current, current_start = PATH_SEPARATOR.join(h for _, h in stack), offset
    close(len(text))
    if not spans:
        spans.append(SectionSpan(LEAD, 0, len(text)))
    elif spans[0].start_char > 0:
        spans.insert(0, SectionSpan(LEAD, 0, spans[0].start_char))
    return Layout(fmt, title, title_span, tuple(spans), tuple(infobox))


def article_text(doc: Doc) -> str:
    """The Doc's text, read from its article when it has one (the Doc is made from
    the article's text): ``doc.text`` joins every token anew on each access, about
    10 ms on a long article, and several components need the text."""
    article = doc._.article if Doc.has_extension("article") else None
    return article.text if article is not None else doc.text


@Language.component("line_sentence_boundaries")
def line_sentence_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break (run before the parser)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc
