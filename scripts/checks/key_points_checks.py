"""Key points check: a page with health facts opens with a "Key points" box of 3 to 5 bullets.

The box is the page's summary (PEMAT item 11). In Markdown it is an admonition:

    !!! abstract "Key points"

        - A short point.
        - Another short point.
        - A third short point.

It must come before the page's first `##` section. Print keeps it, like every box.
"""

from __future__ import annotations

import re

from scripts.problems import Problem

TITLES = {"en": "Key points", "es": "Puntos clave"}  # the box's title in each language


def _box(title: str) -> re.Pattern[str]:
    return re.compile(r'^(?:!!!|\?\?\?\+?)\s+abstract\s+"' + re.escape(title) + r'"\s*$')


BOX = _box(TITLES["en"])
LOOSE_BOX = re.compile(r'^(?:!!!|\?\?\?\+?)\s+\w+\s+"key ?points?"\s*$', re.IGNORECASE)
LOOSE_SPANISH_BOX = re.compile(
    r'^(?:!!!|\?\?\?\+?)\s+\w+\s+"(?:puntos? ?claves?|key ?points?)"\s*$', re.IGNORECASE
)
SECTION = re.compile(r"^##\s")
HEADING = re.compile(r"^#\s")
FENCE = re.compile(r"^\s*(```|~~~)")
BULLET = re.compile(r"^ {4}[-*+]\s+\S")
MIN_POINTS, MAX_POINTS = 3, 5
HOW = (
    'Put `!!! abstract "Key points"` on its own line right after the # heading, then a blank line '
    f"and {MIN_POINTS} to {MAX_POINTS} short bullets, each starting with 4 spaces and a dash "
    '(see CONTRIBUTING.md, "Key points").'
)


def _lines_outside_code(body: str) -> list[tuple[int, str]]:
    lines, in_code = [], False
    for number, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            lines.append((number, line))
    return lines


def check_key_points(
    path: str, body: str, body_start: int, states_health_facts: bool, language: str = "en"
) -> list[Problem]:
    """Problems with the page's "Key points" box ("Puntos clave" on Spanish pages). `body`
    starts on line `body_start` of the file."""
    if not states_health_facts:
        return []
    title = TITLES.get(language, TITLES["en"])
    lines = _lines_outside_code(body)
    box_pattern = _box(title)
    box = next((n for n, line in lines if box_pattern.match(line)), None)
    section = next((n for n, line in lines if SECTION.match(line)), None)
    heading = next((n for n, line in lines if HEADING.match(line)), 0)
    if box is None:
        loose_pattern = LOOSE_BOX if language == "en" else LOOSE_SPANISH_BOX
        loose = next((n for n, line in lines if loose_pattern.match(line)), None)
        if loose is not None:
            return [
                Problem(
                    path,
                    body_start + loose,
                    f'this box must be written exactly `!!! abstract "{title}"` (with a capital '
                    f"{title[0]} and the word abstract), so every page's summary looks the same. "
                    "Change this line to it.",
                )
            ]
        where = section if section is not None else heading
        return [
            Problem(
                path,
                body_start + where,
                f'the page has no "{title}" box, which every page with health facts starts with. '
                + HOW.replace(TITLES["en"], title),
            )
        ]
    problems = []
    if section is not None and section < box:
        problems.append(
            Problem(
                path,
                body_start + box,
                f'the "{title}" box comes after the first section (line {body_start + section}). '
                "Move the box and its bullets up, right after the # heading.",
            )
        )
    points, started = 0, False
    for number, line in lines:
        if number <= box:
            continue
        if BULLET.match(line):
            points, started = points + 1, True
        elif line.strip() and not line.startswith("    "):
            break
        elif started and not line.strip():
            continue
    if not MIN_POINTS <= points <= MAX_POINTS:
        problems.append(
            Problem(
                path,
                body_start + box,
                f'the "{title}" box has {points} bullet{"s" if points != 1 else ""}; it needs '
                f"{MIN_POINTS} to {MAX_POINTS}. Keep the most important points, one short sentence each, "
                "each line starting with 4 spaces and a dash.",
            )
        )
    return problems
