"""Get-help boxes that listed pages must keep (extra.help_boxes in mkdocs.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scripts.checks.help_box_checks import check_page, read_help_boxes

CONFIG = """site_name: Test
extra:
  help_boxes:
    call-911.md: [safety.md, aftercare.md]
    call-the-clinic.md: [aftercare.md]
"""
PAGE = """---
title: Aftercare
---

# Aftercare

Text.

--8<-- "includes/call-the-clinic.md"

--8<-- "includes/call-911.md"
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "call-911.md").write_text('!!! call-911 "Call 911 if…"\n')
    (tmp_path / "includes" / "call-the-clinic.md").write_text(
        '!!! call-clinic "Call the clinic if…"\n'
    )
    (tmp_path / "docs").mkdir()
    for page in ("safety.md", "aftercare.md"):
        (tmp_path / "docs" / page).write_text("# Page\n")
    return tmp_path


def read(text: str, root: Path) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    raw: Any = (yaml.safe_load(text).get("extra") or {}).get("help_boxes")
    boxes, problems = read_help_boxes("mkdocs.yml", text, raw, root)
    return boxes, [str(problem) for problem in problems]


def test_the_shipped_settings_name_real_pages_and_boxes() -> None:
    root = Path(__file__).resolve().parent.parent
    boxes, problems = read((root / "mkdocs.yml").read_text(encoding="utf-8"), root)
    assert problems == []
    assert "safety.md" in boxes["call-911.md"] and "aftercare.md" in boxes["call-the-clinic.md"]


def test_a_page_that_keeps_its_boxes_passes(tmp_path: Path) -> None:
    boxes, problems = read(CONFIG, project(tmp_path))
    assert problems == []
    assert check_page("docs/aftercare.md", "aftercare.md", PAGE, 3, boxes, tmp_path) == []


def test_a_translation_must_include_its_own_language_box(tmp_path: Path) -> None:
    boxes, _ = read(CONFIG, project(tmp_path))
    spanish = PAGE.replace("includes/", "includes/es/")
    path = "docs-es/aftercare.md"
    assert check_page(path, "aftercare.md", spanish, 3, boxes, tmp_path, "includes/es") == []
    # the English box on a Spanish page: its own box is missing
    problems = check_page(path, "aftercare.md", PAGE, 3, boxes, tmp_path, "includes/es")
    assert problems and '--8<-- "includes/es/call-911.md"' in problems[0].message


def test_a_dropped_box_line_names_the_file_the_heading_line_and_the_fix(tmp_path: Path) -> None:
    boxes, _ = read(CONFIG, project(tmp_path))
    dropped = PAGE.replace('--8<-- "includes/call-911.md"\n', "")
    [problem] = check_page("docs/aftercare.md", "aftercare.md", dropped, 3, boxes, tmp_path)
    assert (problem.path, problem.line) == ("docs/aftercare.md", 5)
    assert 'the "Call 911 if…" box' in problem.message
    assert '--8<-- "includes/call-911.md"' in problem.message
    assert "extra.help_boxes" in problem.message


def test_a_box_line_inside_code_does_not_count(tmp_path: Path) -> None:
    boxes, _ = read(CONFIG, project(tmp_path))
    fenced = PAGE.replace(
        '--8<-- "includes/call-911.md"\n', '```\n--8<-- "includes/call-911.md"\n```\n'
    )
    assert len(check_page("docs/aftercare.md", "aftercare.md", fenced, 3, boxes, tmp_path)) == 1


def test_pages_not_listed_need_no_box(tmp_path: Path) -> None:
    boxes, _ = read(CONFIG, project(tmp_path))
    assert check_page("docs/other.md", "other.md", "# Other\n", 1, boxes, tmp_path) == []


def test_mistakes_in_the_settings_name_their_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    _, problems = read(CONFIG.replace("call-911.md:", "call-991.md:"), root)
    assert problems[0].startswith(
        "mkdocs.yml:4: extra.help_boxes: includes/call-991.md does not exist"
    )
    _, problems = read(CONFIG.replace("[safety.md,", "[saftey.md,"), root)
    assert problems[0].startswith("mkdocs.yml:4: extra.help_boxes: call-911.md lists saftey.md")
    _, problems = read(CONFIG.replace("[aftercare.md]", "aftercare.md"), root)
    assert problems[0].startswith(
        "mkdocs.yml:5: extra.help_boxes: call-the-clinic.md must be a list"
    )
