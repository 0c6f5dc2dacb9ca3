"""scripts/readers/data_files.py: a data file is read, or its absence is one staff problem."""

from __future__ import annotations

from pathlib import Path

from scripts.body_map import load_patterns_file
from scripts.problems import Problem
from scripts.steps.side_effects import load_figures_file


def test_a_missing_data_file_is_one_problem_naming_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    patterns, problems = load_patterns_file(docs)
    assert patterns.regions == () and patterns.muscles == ()
    assert [str(p) for p in problems] == [
        (
            "docs/data/referral_patterns.yml:1: The referral patterns file is missing. "
            "Restore it from the last version that worked."
        )
    ]
    _, problems = load_figures_file(docs)
    assert [p.path for p in problems] == ["docs/data/side_effects.yml"]


def test_a_present_data_file_goes_to_its_loader(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data" / "side_effects.yml").write_text("studies: 3\n", encoding="utf-8")
    _, problems = load_figures_file(docs)
    assert problems and all(isinstance(p, Problem) for p in problems)
    assert all(p.path == "docs/data/side_effects.yml" for p in problems)
    assert not any("file is missing" in p.message for p in problems)
