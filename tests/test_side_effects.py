"""The side-effect figures file: checks with file and line, and the text made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.steps import side_effects
from scripts.steps.side_effects import (
    Figure,
    icon_array,
    in_words,
    insert_figures,
    leftover_marker_problems,
    load_figures,
)

REAL_FILE = Path(__file__).resolve().parent.parent / "docs" / "data" / "side_effects.yml"
TEXT = REAL_FILE.read_text(encoding="utf-8")
PATH = "docs/data/side_effects.yml"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_real_file_is_clean_and_complete() -> None:
    data, problems = load_figures(TEXT, PATH)
    assert problems == []
    assert set(side_effects.REQUIRED_FIGURES) <= set(data.figures)
    assert data.studies["brady-2014"].size == 7629


def test_wrong_percent_names_file_line_and_fix() -> None:
    broken = TEXT.replace("percent: 7.55", "percent: seven")
    [problem] = load_figures(broken, PATH)[1]
    assert str(problem).startswith(f"{PATH}:{line_of(broken, 'percent: seven')}: ")
    assert "brady-bruise" in problem.message and "without the % sign" in problem.message


def test_a_side_effect_more_common_than_all_side_effects_is_a_typo() -> None:
    broken = TEXT.replace("percent: 7.55", "percent: 75.5")
    [problem] = load_figures(broken, PATH)[1]
    assert problem.line == line_of(broken, "percent: 75.5")
    assert "more than 'brady-any-mild' (19.18%)" in problem.message
    assert "Check the number against the paper" in problem.message


def test_percent_over_100_is_refused() -> None:
    broken = TEXT.replace("percent: 19.18", "percent: 191.8")
    [problem] = load_figures(broken, PATH)[1]
    assert problem.line == line_of(broken, "percent: 191.8")
    assert "from 0 to 100" in problem.message


def test_missing_figure_is_reported_at_figures_list() -> None:
    broken = TEXT.replace("  - id: brady-headache\n", "  - id: brady-headache-x\n")
    problems = load_figures(broken, PATH)[1]
    messages = [p.message for p in problems]
    assert any("'brady-headache' is missing" in m for m in messages)
    assert all(p.line == line_of(broken, "figures:") for p in problems)


def test_unknown_study_and_count_too_big() -> None:
    broken = TEXT.replace(
        "study: boyce-2020\n    label: a problem", "study: boyce-2021\n    label: a problem"
    )
    problems = load_figures(broken, PATH)[1]
    assert any("unknown study 'boyce-2021'" in p.message for p in problems)
    broken = TEXT.replace("count: 20\n", "count: 200000\n")
    [problem] = load_figures(broken, PATH)[1]
    assert problem.line == line_of(broken, "count: 200000") and "from 0" in problem.message


def test_unknown_field_duplicate_id_and_unreadable_file() -> None:
    broken = TEXT.replace("    percent: 0.26\n", "    percent: 0.26\n    percnt: 1\n")
    [problem] = load_figures(broken, PATH)[1]
    assert "unknown field 'percnt'" in problem.message
    assert problem.line == line_of(broken, "percnt: 1")
    [problem] = load_figures("studies: [\n", PATH)[1]
    assert "cannot be read" in problem.message


@pytest.mark.parametrize(
    ("percent", "words"),
    [("19.18", "about 19 in 100"), ("0.88", "about 9 in 1,000"), ("0.04", "about 4 in 10,000")],
)
def test_in_words(percent: str, words: str) -> None:
    from decimal import Decimal

    assert in_words(Figure("x", "s", "label", Decimal(percent))) == words


def test_markers_become_text_with_the_page_source_numbers() -> None:
    data, _ = load_figures(TEXT, PATH)
    html = insert_figures("<p><!-- side-effects: summary brady-2014=4 --></p>", data)
    assert "7,629 treatments" in html and "about 19 in 100 treatments (source 4)" in html
    assert "No serious problems were reported in that study." in html
    assert "rare, not that they cannot happen" in html and "at most" not in html
    serious = insert_figures("<!-- side-effects: serious brady-2014=1 boyce-2020=2 -->", data)
    assert "no more than about 4 in 10,000 treatments would have one" in serious
    assert 'reported a problem the study called "major" after about 1 in 1,000' in serious
    assert "flare-up" not in serious  # the summary does not say which major problems happened
    assert "serious problem after" not in serious
    table = insert_figures("<!-- side-effects: table brady-2014=1 boyce-2020=2 -->", data)
    assert "<table" in table and "about 9 in 1,000" in table and "(source 2)" in table
    assert table.count('role="img"') == 2 and "19 of 100" in table and "37 of 100" in table


def test_icon_array_marks_the_right_number_and_says_it_in_words() -> None:
    svg = icon_array(19, "19 of 100 had a side effect.", True)
    # One full drawn row (10 hits, reused) plus 9 single hits, 9 more rows of outlines.
    assert svg.count('href="#icon-row-hit"') == 1 and svg.count('href="#icon-row"') == 8
    assert 'aria-label="19 of 100 had a side effect."' in svg
    assert "<figcaption>19 of 100 had a side effect.</figcaption>" in svg
    assert "style=" not in svg


def test_misspelt_marker_is_a_staff_problem() -> None:
    data, _ = load_figures(TEXT, PATH)
    source = "---\ntitle: A\n---\n\n<!-- side-effects: tabel -->\n"
    html = insert_figures("<!-- side-effects: tabel -->", data)
    [problem] = leftover_marker_problems("docs/a.md", source, html)
    assert str(problem).startswith("docs/a.md:5: unknown side-effects marker 'tabel'")
