"""One glossary, two uses.

`includes/glossary.md` holds lines like `*[taut band]: A tight strip of muscle.`
Python-Markdown's abbr extension turns them into hover/focus tooltips on every page
(auto-appended by pymdownx.snippets; the MkDocs build reads them once, `read_once`). The
glossary page shows the same entries as a
list, put in place of the `<!-- glossary -->` marker, so the two can never drift apart.
Several spellings of one word (plural, capital letter) share one definition; the list
shows the first spelling only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension

from scripts.problems import Problem

EXAMPLE_ENTRY = "*[trigger point]: A small, tender spot in a tight band of muscle."
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    line: int


def parse_glossary(
    text: str, path: str = "includes/glossary.md"
) -> tuple[list[GlossaryEntry], list[Problem]]:
    """Entries in file order, and a problem for each line that is not a valid entry."""
    entries: list[GlossaryEntry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("<!--"):
            continue
        match = ENTRY.match(line)
        if not match:
            problems.append(
                Problem(
                    path,
                    number,
                    "this glossary line is not in the form *[word]: what it means. "
                    f"Write it like: {EXAMPLE_ENTRY}",
                )
            )
            continue
        term = match.group("term").strip()
        if term in seen:
            problems.append(
                Problem(
                    path,
                    number,
                    f"'{term}' is defined twice (also on line {seen[term]}). Delete one of the two lines.",
                )
            )
            continue
        seen[term] = number
        entries.append(GlossaryEntry(term, match.group("definition").strip(), number))
    return entries, problems


def glossary_list(entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """One entry per definition (first spelling wins), sorted A to Z."""
    unique: dict[str, GlossaryEntry] = {}
    for entry in entries:
        unique.setdefault(entry.definition, entry)
    return sorted(unique.values(), key=lambda entry: entry.term.casefold())


def glossary_html(entries: list[GlossaryEntry]) -> str:
    """The glossary as an HTML definition list (raw HTML, so the words are not wrapped in tooltips again)."""
    items = "".join(
        f'<dt id="{term_id(entry.term)}">{escape(entry.term[0].upper() + entry.term[1:])}</dt>'
        f"<dd>{escape(entry.definition)}</dd>"
        for entry in glossary_list(entries)
    )
    return f'<dl class="glossary">{items}</dl>'


def term_id(term: str) -> str:
    """`Charlie horse` -> `charlie-horse`, a stable anchor for links to one word."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
NO_TOOLTIP_ZONE = re.compile(r"(<h[1-6][^>]*>.*?</h[1-6]>|<a\b[^>]*>.*?</a>)", re.DOTALL)


def first_use_only(html: str) -> str:
    """Keep each word's tooltip only where the page first uses it, never in headings or links.

    The abbr extension marks every use; on a phone a page full of dotted lines is hard to read.
    Spellings that share a definition count as one word. `tabindex` lets keyboard users
    focus the word to see its tooltip.
    """
    seen: set[str] = set()

    def in_text(match: re.Match[str]) -> str:
        if match.group("title") in seen:
            return match.group("text")
        seen.add(match.group("title"))
        return f'<abbr title="{match.group("title")}" tabindex="0">{match.group("text")}</abbr>'

    parts = NO_TOOLTIP_ZONE.split(html)
    return "".join(
        ABBR.sub(lambda match: match.group("text"), part)
        if NO_TOOLTIP_ZONE.fullmatch(part)
        else ABBR.sub(in_text, part)
        for part in parts
    )


_SNIPPETS = "pymdownx.snippets"
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def read_once(
    extensions: Sequence[Any], configs: Mapping[str, Any], base_dir: Path
) -> dict[str, Any]:
    """The pages' Markdown settings with the glossary's words read once per build, not on every page.

    `auto_append` adds the glossary's `*[word]: ...` lines to the end of every page, and the
    abbr extension reads them back one line at a time, every block test running again over
    the rest of the glossary each time: about 17 of a page's 26 ms of Markdown. Each
    appended file that holds nothing but words (and comments) is read here instead, once,
    with the pages' own extensions, and its words go to abbr's `glossary` option: the same
    tooltips on every page. (A page's own `*[word]:` line would now win over the glossary's;
    no page has one.) Other appended files, and settings without abbr, stay as they are.
    """
    snippets = configs.get(_SNIPPETS) or {}
    appended = [str(name) for name in snippets.get("auto_append") or []]
    others = {**configs, _SNIPPETS: {**snippets, "auto_append": []}}
    words: dict[str, str] = dict((configs.get("abbr") or {}).get("glossary") or {})
    kept: list[str] = []
    for name in appended:
        try:
            text = (base_dir / name).read_text(encoding="utf-8")
        except (OSError, UnicodeError):  # reported by the include checks; left as it was
            kept.append(name)
            continue
        md = markdown.Markdown(extensions=list(extensions), extension_configs=others)
        html = md.convert(text)
        abbr = next((e for e in md.registeredExtensions if isinstance(e, AbbrExtension)), None)
        if abbr is None:
            return dict(configs)  # no tooltips without abbr: nothing to read once
        if _COMMENTS.sub("", html).strip():
            kept.append(name)  # more than words: still appended to every page
        else:
            words = {**words, **abbr.abbrs}  # a later file's word wins, as when appended
    if len(kept) == len(appended):
        return dict(configs)
    return {
        **others,
        _SNIPPETS: {**snippets, "auto_append": kept},
        "abbr": {**(configs.get("abbr") or {}), "glossary": words},
    }
