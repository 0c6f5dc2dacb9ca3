"""Reading-level check: a page's main text must be Flesch-Kincaid grade 7 or below, and SMOG 8 or
below when it has 10 sentences or more."""

from __future__ import annotations

import re

from scripts.checks import fast_cmudict, readability, spanish_readability
from scripts.problems import Problem

fast_cmudict.install()

QUOTE_LIMIT = 140


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= QUOTE_LIMIT else sentence[: QUOTE_LIMIT - 1].rstrip() + "…"


def sentence_line(source: str, sentence: str, default: int) -> int:
    """The source line where `sentence` starts, found by its first few words."""
    words = re.findall(r"[^\W_]+", sentence)[:4]
    if not words:
        return default
    pattern = re.compile(r"\W+".join(re.escape(word) for word in words), re.IGNORECASE)
    match = pattern.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else default


def check_reading_level(
    path: str, html: str, source: str, default_line: int, language: str = "en"
) -> list[Problem]:
    """A problem if the page's text is above grade 7 (quoting its three hardest sentences), and one
    if it is above SMOG 8 (naming its most used long words). Spanish: INFLESZ 65 or more."""
    if language == "es":
        return _check_inflesz(path, html, source, default_line)
    return _check_grade(path, html, source, default_line) + _check_smog(path, html, default_line)


def _check_smog(path: str, html: str, default_line: int) -> list[Problem]:
    smog = readability.page_smog(html)
    if smog is None or smog <= readability.MAX_SMOG:
        return []
    words = ", ".join(f"'{word}'" for word in readability.long_words(html))
    return [
        Problem(
            path,
            default_line,
            f"the page reads at SMOG {smog:.1f}; the limit is SMOG {readability.MAX_SMOG:.0f}. "
            f"SMOG counts words of three or more syllables; this page uses these most: {words}. "
            "Use shorter everyday words where you can (e.g. 'use' not 'utilise', 'about' not "
            "'approximately'), and add more short sentences.",
        )
    ]


def _check_grade(path: str, html: str, source: str, default_line: int) -> list[Problem]:
    grade = readability.page_grade(html)
    if grade is None or grade <= readability.MAX_GRADE:
        return []
    hardest = readability.hardest_sentences(html, count=3)
    quoted = "; ".join(f'"{_quote(item.sentence)}" (grade {item.grade:.1f})' for item in hardest)
    line = sentence_line(source, hardest[0].sentence, default_line) if hardest else default_line
    return [
        Problem(
            path,
            line,
            f"the page reads at grade {grade:.1f}; the limit is grade {readability.MAX_GRADE:.0f}. "
            f"Hardest sentences: {quoted}. Make them easier: split long sentences (aim for under 15 words), "
            "use everyday words (e.g. 'use' not 'utilise', 'pain' not 'discomfort'), and explain medical words "
            "in includes/glossary.md.",
        )
    ]


def _check_inflesz(path: str, html: str, source: str, default_line: int) -> list[Problem]:
    result = spanish_readability.page_score(html)
    if result is None or result.value >= spanish_readability.MIN_PAGE:
        return []
    hardest = spanish_readability.hardest_sentences(html)
    quoted = "; ".join(f'"{_quote(sentence)}" ({value:.0f})' for sentence, value in hardest)
    line = sentence_line(source, hardest[0][0], default_line) if hardest else default_line
    return [
        Problem(
            path,
            line,
            f"the page reads at INFLESZ {result.value:.1f} ({result.band}); it needs "
            f"{spanish_readability.MIN_PAGE:.0f} or more (bastante fácil). Hardest sentences: "
            f"{quoted}. Make them easier: split long sentences (aim for under 15 words) and "
            "use short everyday words (e.g. 'usar' not 'utilizar', 'dolor' not 'molestia "
            "dolorosa'). Measure the page with: python3 -m uv run --locked python -m "
            f"scripts.checks.spanish_readability {path}",
        )
    ]
