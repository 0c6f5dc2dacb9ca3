"""One registry of the markers staff put on a page, such as `<!-- handout-link -->`.

Like the shortcodes hook of Material for MkDocs: every marker is one entry in `MARKERS`, and
an HTML comment that looks like a marker (one lowercase word, hyphens allowed) but is not in
the registry is a staff error with its file and line, so a misspelt `<!-- handout-lnk -->`
cannot silently drop the link. Comments with more words are ordinary comments.

To add a marker, add one `Marker` to `MARKERS` with the function that renders it
(`scripts/pipeline.py` passes it the build and the page).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from scripts.checks.markdown_checks import FENCE, LineIndex
from scripts.problems import Problem

Stage = Literal["markdown", "html"]
MARKER_COMMENT = re.compile(
    r"<!--[ \t]*(?P<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?P<args>:[^>]*?)?[ \t]*-->"
)


@dataclass(frozen=True)
class Marker:
    """`<!-- name -->` on a page, replaced at `stage` by `render(build, page)`."""

    name: str
    stage: Stage  # "markdown": before Markdown is rendered; "html": in the rendered page
    what: str  # what it puts on the page, for the list in error messages
    example: str = ""  # a marker that needs arguments after a colon: one written out in full

    @property
    def text(self) -> str:
        return f"<!-- {self.name} -->"

    @property
    def usage(self) -> str:
        """How staff write it: the bare marker, or the full example of one with arguments."""
        return self.example or self.text


MARKERS: dict[str, Marker] = {
    marker.name: marker
    for marker in (
        Marker("glossary", "markdown", "the list of medical words, on the Glossary page"),
        Marker("pain-map", "html", "the referred pain explorer"),
        Marker("handout-link", "html", "the link to the handout PDF"),
        Marker("clinic-contact", "html", "the clinic's contact details"),
        # With arguments, `<!-- side-effects: table brady-2014=1 -->`: scripts/steps/side_effects.py.
        Marker(
            "side-effects",
            "html",
            "side-effect figures from docs/data/side_effects.yml",
            "<!-- side-effects: table brady-2014=1 boyce-2020=2 -->",
        ),
    )
}


def replace(text: str, marker: Marker, block: str) -> str:
    """Put `block` where the marker is; a marker Markdown wrapped in a paragraph loses the `<p>`."""
    return text.replace(f"<p>{marker.text}</p>", block).replace(marker.text, block)


def replace_stage(
    text: str, stage: Stage, render: Mapping[str, Callable[[], str]]
) -> tuple[str, set[str]]:
    """Replace every marker of `stage` found in `text`; returns the text and the names used."""
    used: set[str] = set()
    for marker in MARKERS.values():
        if marker.stage == stage and marker.text in text:
            text = replace(text, marker, render[marker.name]())
            used.add(marker.name)
    return text, used


def _comments_outside_code(source: str, body_start: int) -> Iterator[tuple[int, str, str]]:
    """(offset, name, arguments) of each marker-shaped comment outside fenced code, after front
    matter; `arguments` is what follows the colon, "" for none."""
    offset = 0
    fence: str | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        match = FENCE.match(line)
        if number >= body_start and fence is None and match:
            fence = match.group(1)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif number >= body_start:
            for comment in MARKER_COMMENT.finditer(line):
                if not _in_inline_code(line, comment.start()):
                    name = comment.group("name")
                    # `<!-- name: arguments -->` counts as a marker only when the name is (close
                    # to) a marker's: `<!-- note: ask Sam -->` stays an ordinary comment.
                    if comment.group("args") is None or difflib.get_close_matches(
                        name, MARKERS, n=1, cutoff=0.75
                    ):
                        yield (
                            offset + comment.start(),
                            name,
                            (comment.group("args") or ":")[1:].strip(),
                        )
        offset += len(line) + 1


def _in_inline_code(line: str, column: int) -> bool:
    return line.count("`", 0, column) % 2 == 1


def check_markers(path: str, source: str, body_start: int = 1) -> list[Problem]:
    """A problem for each marker-shaped comment that is not in the registry."""
    lines = LineIndex(source)
    problems = []
    for offset, name, arguments in _comments_outside_code(source, body_start):
        marker = MARKERS.get(name)
        if marker is not None and marker.example and not arguments:
            problems.append(
                Problem(
                    path,
                    lines.line(offset),
                    f"'{marker.text}' shows nothing on its own. Write what it should show after "
                    f"a colon, for example {marker.example} (README.md lists every kind).",
                )
            )
        if marker is not None:
            continue
        close = difflib.get_close_matches(name, MARKERS, n=1, cutoff=0.6)
        hint = f"Did you mean <!-- {close[0]} -->? " if close else ""
        known = "; ".join(f"{m.usage} ({m.what})" for m in MARKERS.values())
        problems.append(
            Problem(
                path,
                lines.line(offset),
                f"unknown marker '<!-- {name} -->': nothing would appear here. {hint}"
                f"Markers are: {known}. To leave a note, write a comment of several words.",
            )
        )
    return problems
