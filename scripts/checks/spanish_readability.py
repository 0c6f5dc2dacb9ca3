"""Plain Spanish, measured: a Spanish syllable counter and the Szigriszt-Pazos index (INFLESZ).

Flesch-Kincaid does not apply to Spanish. Spanish health-literacy research uses the
Szigriszt-Pazos perspicuity index, read on the INFLESZ scale (Barrio-Cantalejo et al. 2008):

    P = 206.835 - 62.3 * syllables / words - words / sentences

    < 40 muy difícil · 40-55 algo difícil · 55-65 normal · 65-80 bastante fácil · > 80 muy fácil

Like the English grade, it is measured on the page's paragraphs and list items
(scripts/checks/readability.py). textstat 0.7.8 miscounts Spanish syllables (día, agua and
enero as one), so this module counts them itself:

- a syllable is a vowel, or vowels that join into a diphthong or triphthong;
- two strong vowels (a, e, o) are two syllables (hiatus), and so is an accented í or ú next
  to any vowel (dí-a, pa-ís);
- a weak vowel (i, u, ü) joins the vowel next to it (a-gua, ciu-dad, buey);
- the u of que, qui, gue, gui is silent (written ü when it is not: pin-güi-no);
- y is a vowel at the end of a word (muy, hoy, y) and a consonant before a vowel (re-yes).

Measure a page while you write:

    python3 -m uv run --locked python -m scripts.checks.spanish_readability docs-es/safety.md
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MIN_PAGE = 65.0  # "bastante fácil"
MIN_MEAN = 70.0  # over all Spanish pages (tests/test_spanish_readability.py)
STRONG = set("aeoáéó")
ACCENTED_WEAK = set("íú")
WEAK = set("iuü")
VOWELS = STRONG | ACCENTED_WEAK | WEAK
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
SCALE = (
    (80.0, "muy fácil"),
    (65.0, "bastante fácil"),
    (55.0, "normal"),
    (40.0, "algo difícil"),
    (float("-inf"), "muy difícil"),
)


def _letters(word: str) -> str:
    """Lower case, composed (so á is one character), the silent u of que/qui/gue/gui dropped."""
    text = unicodedata.normalize("NFC", word.lower())
    return re.sub(r"(?<=[qg])u(?=[eéií])", "", text)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one Spanish word (a number counts as one word of one syllable per digit,
    at most 4: they are read as words). Counted once per spelling: pages repeat their words."""
    if word[:1].isdigit():
        return min(4, max(1, sum(char.isdigit() for char in word)))
    letters = _letters(word)
    count, previous = 0, ""
    for index, char in enumerate(letters):
        is_y_vowel = char == "y" and (index == len(letters) - 1 or letters[index + 1] not in VOWELS)
        if char not in VOWELS and not is_y_vowel:
            previous = ""
            continue
        vowel = "i" if char == "y" else char
        joins = previous and not (
            (previous in STRONG and vowel in STRONG)
            or previous in ACCENTED_WEAK
            or vowel in ACCENTED_WEAK
        )
        if not joins:
            count += 1
        previous = vowel
    return max(1, count)


def words(text: str) -> list[str]:
    return WORD.findall(text)


@dataclass(frozen=True)
class Score:
    """The Szigriszt-Pazos index of a text, with its counts."""

    value: float
    words: int
    sentences: int
    syllables: int

    @property
    def band(self) -> str:
        """Where the score sits on the INFLESZ scale, e.g. "bastante fácil"."""
        return next(name for floor, name in SCALE if self.value >= floor)


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text.strip()) if words(part)]


def score(text: str) -> Score | None:
    """INFLESZ of a text of whole sentences; None if it has no words."""
    found = words(text)
    if not found:
        return None
    count = sum(syllables(word) for word in found)
    parts = max(1, len(sentences(text)))
    value = 206.835 - 62.3 * count / len(found) - len(found) / parts
    return Score(round(value, 1), len(found), parts, count)


def page_score(html: str) -> Score | None:
    """INFLESZ of a page's paragraphs and list items (the blocks the English grade measures)."""
    from scripts.checks import readability

    text = readability.page_text(html)
    return None if text is None else score(text)


def hardest_sentences(html: str, count: int = 3) -> list[tuple[str, float]]:
    """The page's hardest sentences (lowest INFLESZ), with their score, hardest first."""
    from scripts.checks import readability

    scored = []
    for block in readability.body_blocks(html):
        for sentence in sentences(readability.body_text([block])):
            result = score(sentence)
            if result is not None and result.words > 3:
                scored.append((sentence, result.value))
    return sorted(scored, key=lambda item: item[1])[:count]


INCLUDE_LINE = re.compile(r'^--8<-- "([^"]+)"[ \t]*$', re.MULTILINE)


def _included(line: re.Match[str], root: Path) -> str:
    """The text of an include line's file (a get-help box or the glossary), as the build puts it in."""
    file = root / line[1]
    return file.read_text(encoding="utf-8") if file.is_file() else ""


def markdown_page_html(source: str, root: Path = Path(".")) -> str:
    """A page's Markdown as HTML, near enough to measure while writing (the build measures the
    real page): front matter, markers, placeholders and include lines left out."""
    import markdown

    from scripts.checks.front_matter_checks import read_front_matter

    _, body = read_front_matter(source)
    body = INCLUDE_LINE.sub(lambda line: _included(line, root), body)
    body = re.sub(r"<!--.*?-->|\{\{[^}]*\}\}", "", body, flags=re.DOTALL)
    extensions = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]
    return str(markdown.markdown(body, extensions=extensions))


def main(argv: list[str]) -> int:
    """Print the INFLESZ score of each page named, with its hardest sentences."""
    if not argv:
        print(__doc__.split("Measure a page while you write:")[1].strip(), file=sys.stderr)
        return 2
    low = 0
    for name in argv:
        html = markdown_page_html(Path(name).read_text(encoding="utf-8"))
        result = page_score(html)
        if result is None:
            print(f"{name}: no paragraphs or list items to measure")
            continue
        verdict = "ok" if result.value >= MIN_PAGE else f"below {MIN_PAGE:.0f}"
        print(
            f"{name}: INFLESZ {result.value:.1f} ({result.band}, {verdict}); "
            f"{result.words} words, {result.sentences} sentences, "
            f"{result.syllables / result.words:.2f} syllables per word, "
            f"{result.words / result.sentences:.1f} words per sentence"
        )
        for sentence, value in hardest_sentences(html):
            print(f"    {value:6.1f}  {sentence}")
        low += result.value < MIN_PAGE
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
