"""The clean pages kept between full builds (scripts/checks/clean_pages.py): a page is not
checked again only when its checks found nothing and nothing they read has changed; a page
with a problem reports it, with file and line, on every build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_project
from pipeline_driver import checked_build

from scripts import pipeline
from scripts.checks.markdown_checks import MAX_IMAGE_BYTES
from scripts.checks.review_dates import CHANGED_VARIABLE
from scripts.checks.safety_net import TODAY_VARIABLE, SafetyNet

TODAY = "2026-12-01"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(TODAY_VARIABLE, TODAY)
    monkeypatch.delenv(CHANGED_VARIABLE, raising=False)
    copied = copy_project(tmp_path / "project")
    monkeypatch.chdir(copied)  # pymdownx.snippets reads includes/ relative to the working folder
    return copied


def _built(project: Path) -> list[str]:
    """Every problem and notice of a full build's checks, with the clean pages kept."""
    said: list[str] = []
    checked_build(project, said.append, said.append, keep_clean=True)
    return said


def _checks_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    original = SafetyNet.check_page_source

    def counted(self: SafetyNet, src_file: str | Path, page_uri: str, *args: object) -> object:
        checked.append(page_uri)
        return original(self, src_file, page_uri, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SafetyNet, "check_page_source", counted)
    return checked


def _kept(project: Path) -> dict[str, object]:
    loaded = json.loads((project / pipeline.CLEAN_PAGES_CACHE).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_a_clean_page_is_not_checked_again_and_its_links_still_are(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = project / "docs" / "aftercare.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "safety.md#what-other-warning-signs-need-a-doctor", "safety.md#no-such-section"
        ),
        encoding="utf-8",
    )
    first = _built(project)
    assert any(p.startswith("docs/aftercare.md:") and "no-such-section" in p for p in first)
    pages = len(list((project / "docs").rglob("*.md")))
    assert len(_kept(project)) == pages  # the section link is checked later: the source is clean
    checked = _checks_counted(monkeypatch)
    assert _built(project) == first  # the same problems, from the section links kept
    assert checked == []


def test_a_page_with_a_problem_is_checked_and_reported_on_every_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = project / "docs" / "aftercare.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- pain-mapp -->\n", "utf-8")
    first = _built(project)
    marker = [p for p in first if p.startswith("docs/aftercare.md:") and "pain-mapp" in p]
    assert marker
    checked = _checks_counted(monkeypatch)
    assert _built(project) == first
    assert checked == ["aftercare.md"]  # never kept as clean; every other page was


@pytest.mark.parametrize("change", ["today", "included file", "check code", "larger image"])
def test_what_the_checks_read_besides_the_page_is_in_the_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A page kept as clean is checked again when the date, a file it includes, a picture it
    shows or the checks' code changes, and the problem that change makes is reported."""
    assert not [p for p in _built(project) if p.startswith("docs/aftercare.md:")]
    if change == "today":
        monkeypatch.setenv(TODAY_VARIABLE, "2030-01-01")  # past next_review
        expected = "is in the past"
    elif change == "included file":
        (project / "includes" / "call-911.md").unlink()
        expected = "includes/call-911.md"
    elif change == "larger image":  # the page's picture, replaced under the same name
        image = project / "docs" / "assets" / "images" / "soreness-timeline.svg"
        image.write_bytes(image.read_bytes() + b" " * (MAX_IMAGE_BYTES + 1))
        expected = f"the limit is {MAX_IMAGE_BYTES // 1024} KB"
    else:
        from scripts.checks import clean_pages

        monkeypatch.setattr(clean_pages, "_CODE", "changed")
        expected = ""
    checked = _checks_counted(monkeypatch)
    again = _built(project)
    assert "aftercare.md" in checked
    if expected:
        assert any(p.startswith("docs/aftercare.md:") and expected in p for p in again), again
