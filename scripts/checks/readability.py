"""Reading level of a page's main text (Flesch-Kincaid grade and SMOG, via textstat 0.7.8).

Only paragraphs and list items count. Headings, tables, code, admonition titles
and any "Sources" or "References" section are left out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import textstat

MAX_GRADE = 7.0
# SMOG (the formula health-literacy guides recommend) needs enough sentences to mean anything.
MAX_SMOG = 8.0
MIN_SMOG_SENTENCES = 10
SKIPPED_TAGS = {
    "table",
    "pre",
    "code",
    "script",
    "style",
    "svg",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
BLOCK_TAGS = {"p", "li", "dd", "dt"}
SOURCE_HEADINGS = re.compile(r"^\s*(sources|references|fuentes|referencias)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
VOID_TAGS = {
    "br",
    "img",
    "hr",
    "input",
    "meta",
    "link",
    "source",
    "track",
    "wbr",
    "area",
    "col",
    "embed",
}


@dataclass(frozen=True)
class SentenceGrade:
    sentence: str
    grade: float


class _BlockCollector(HTMLParser):
    """Collects the own text of each paragraph and list item, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[str] = []
        self._buffers: list[list[str]] = []
        self._skip_depth = 0
        self._heading: list[str] | None = None
        self._heading_level = 0
        self._sources_level = 0  # >0 while inside a Sources section

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        classes = (dict(attrs).get("class") or "").split()
        self._open.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
            self._heading_level = int(tag[1])
        if tag in SKIPPED_TAGS or "admonition-title" in classes or tag == "summary":
            self._skip_depth += 1
            self._open[-1] = tag + "!"
        elif tag in BLOCK_TAGS:
            self._buffers.append([])
            self._open[-1] = tag + "#"

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not self._open:
            return
        # Close up to the matching tag; tolerate sloppy HTML.
        while self._open:
            opened = self._open.pop()
            name = opened.rstrip("!#")
            if opened.endswith("!"):
                self._skip_depth -= 1
            elif opened.endswith("#"):
                text = " ".join("".join(self._buffers.pop()).split())
                if text and not self._sources_level:
                    self.blocks.append(text)
            if re.fullmatch(r"h[1-6]", name) and self._heading is not None:
                self._finish_heading("".join(self._heading))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._skip_depth or not self._buffers:
            return
        self._buffers[-1].append(data)

    def _finish_heading(self, text: str) -> None:
        level = self._heading_level
        if self._sources_level and level <= self._sources_level:
            self._sources_level = 0
        if SOURCE_HEADINGS.match(text):
            self._sources_level = level
        self._heading = None


def body_blocks(html: str) -> list[str]:
    """The paragraphs and list items of rendered page HTML, as plain text."""
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    return collector.blocks


def _as_sentences(block: str) -> str:
    """List items often lack a full stop; add one so they count as sentences."""
    return block if block[-1] in ".!?:" else block + "."


def body_text(blocks: list[str]) -> str:
    return " ".join(_as_sentences(block) for block in blocks)


def text_grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@functools.lru_cache(maxsize=4)
def page_text(html: str) -> str | None:
    """The page's main text as one string of sentences, or None if it has none (worked out
    once for a page's HTML: its grade and its SMOG both read it)."""
    blocks = body_blocks(html)
    return body_text(blocks) if blocks else None


def page_grade(html: str) -> float | None:
    """Flesch-Kincaid grade of the page's main text, or None if it has none."""
    text = page_text(html)
    return None if text is None else text_grade(text)


def hardest_sentences(html: str, count: int = 3) -> list[SentenceGrade]:
    """The sentences with the highest grade, hardest first."""
    sentences = [
        sentence
        for block in body_blocks(html)
        for sentence in SENTENCE_END.split(_as_sentences(block))
        if len(sentence.split()) > 2
    ]
    graded = [SentenceGrade(sentence, text_grade(sentence)) for sentence in sentences]
    return sorted(graded, key=lambda item: item.grade, reverse=True)[:count]


def text_smog(text: str) -> float:
    return float(textstat.smog_index(text))


def page_smog(html: str) -> float | None:
    """SMOG grade of the page's main text, or None if it has fewer than 10 sentences."""
    text = page_text(html)
    if text is None or textstat.sentence_count(text) < MIN_SMOG_SENTENCES:
        return None
    return text_smog(text)


def long_words(html: str, count: int = 8) -> list[str]:
    """The words of three or more syllables the page uses most, most used first (SMOG counts them)."""
    tally: dict[str, int] = {}
    for block in body_blocks(html):
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*", block):
            if textstat.syllable_count(word) >= 3:
                key = word.lower()
                tally[key] = tally.get(key, 0) + 1
    return sorted(tally, key=lambda word: (-tally[word], word))[:count]
