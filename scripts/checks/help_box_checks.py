"""Get-help boxes that must stay on a page: `extra.help_boxes` in mkdocs.yml.

    extra:
      help_boxes:
        call-911.md: [index.md, safety.md, aftercare.md]
        call-the-clinic.md: [safety.md, aftercare.md]

Each key is a shared box in includes/; each page listed under it must keep the line that shows
it, `--8<-- "includes/call-911.md"` (a translation includes its own language's copy,
`--8<-- "includes/es/call-911.md"`). A page that loses the line would quietly stop telling
patients when to call 911, so the build stops with the page and the line of its title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.checks.markdown_checks import FENCE
from scripts.problems import Problem
from scripts.readers.yaml_lines import key_line

SETTING = ["extra", "help_boxes"]
BOX_TITLE = re.compile(r'^(?:!!!|\?\?\?\+?)\s+\S+\s+"(?P<title>[^"]+)"')
HEADING = re.compile(r"^#\s")

HelpBoxes = dict[str, tuple[str, ...]]  # box file in includes/ -> pages that must show it


def _line_pattern(box: str, includes: str = "includes") -> re.Pattern[str]:
    """The `--8<--` line of `box` in the page's own language folder (`includes/es` for a
    Spanish page: a Spanish page that shows the English box is missing its own)."""
    return re.compile(r"^\s*--8<--\s+([\"'])" + re.escape(f"{includes}/{box}") + r"\1\s*$")


def read_help_boxes(
    path: str, config_text: str, raw: Any, project_dir: Path
) -> tuple[HelpBoxes, list[Problem]]:
    """The setting as {box: pages}, and a problem (with its mkdocs.yml line) for each mistake."""
    if raw is None:
        return {}, []
    if not isinstance(raw, Mapping):
        return {}, [
            Problem(
                path,
                key_line(config_text, SETTING),
                "extra.help_boxes must list, for each box file in includes/, the pages that must "
                "show it, e.g. `call-911.md: [index.md, safety.md]`.",
            )
        ]
    boxes: HelpBoxes = {}
    problems = []
    for box, pages in raw.items():
        box = str(box)
        line = key_line(config_text, [*SETTING, box])
        if not (project_dir / "includes" / box).is_file():
            problems.append(
                Problem(
                    path,
                    line,
                    f"extra.help_boxes: includes/{box} does not exist. Write the name of a box "
                    "file in includes/, such as call-911.md or call-the-clinic.md.",
                )
            )
            continue
        if not isinstance(pages, list):
            problems.append(
                Problem(
                    path,
                    line,
                    f"extra.help_boxes: {box} must be a list of pages in square brackets, "
                    f"e.g. `{box}: [safety.md, aftercare.md]`.",
                )
            )
            continue
        found = []
        for index, page in enumerate(pages):
            if (project_dir / "docs" / str(page)).is_file():
                found.append(str(page))
            else:
                problems.append(
                    Problem(
                        path,
                        key_line(config_text, [*SETTING, box, index]),
                        f"extra.help_boxes: {box} lists {page}, which is not a page in docs/. "
                        "Check the spelling (e.g. safety.md), or remove it from the list.",
                    )
                )
        boxes[box] = tuple(found)
    return boxes, problems


def _box_title(project_dir: Path, box: str) -> str:
    """`Call 911 if…`, from the box's first line, or its file name."""
    try:
        first = (project_dir / "includes" / box).read_text(encoding="utf-8").split("\n", 1)[0]
    except OSError:
        return box
    match = BOX_TITLE.match(first)
    return match.group("title") if match else box


def _lines_outside_code(source: str, body_start: int) -> list[tuple[int, str]]:
    lines, fence = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        if number < body_start:
            continue
        if FENCE.match(line):
            fence = not fence
        elif not fence:
            lines.append((number, line))
    return lines


def check_page(
    path: str,
    page_uri: str,
    source: str,
    body_start: int,
    boxes: Mapping[str, tuple[str, ...]],
    project_dir: Path,
    includes: str = "includes",
) -> list[Problem]:
    """A problem for each box that `page_uri` must show but whose `--8<--` line is gone."""
    needed = [box for box, pages in boxes.items() if page_uri in pages]
    if not needed:
        return []
    lines = _lines_outside_code(source, body_start)
    heading = next((number for number, line in lines if HEADING.match(line)), body_start)
    problems = []
    for box in needed:
        pattern = _line_pattern(box, includes)
        if any(pattern.match(line) for _, line in lines):
            continue
        problems.append(
            Problem(
                path,
                heading,
                f'this page must show the "{_box_title(project_dir, box)}" box, but its line '
                f'`--8<-- "{includes}/{box}"` is missing. Put that line back where the box belongs, '
                "on its own line with a blank line above and below (mkdocs.yml, extra.help_boxes, "
                "lists the pages that must show each box).",
            )
        )
    return problems
