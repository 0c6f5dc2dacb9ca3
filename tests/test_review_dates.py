"""Review dates that never surprise (scripts/checks/review_dates.py): a notice from 60 days before,
a note for patients once the date has passed, and a failure only for a change to that page."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from test_front_matter_checks import GOOD as PAGE  # next_review 2027-11-23 on line 5
from test_safety_net import FIXTURE, make_project

from scripts.checks import review_dates
from scripts.checks.front_matter_checks import parse_front_matter
from scripts.checks.review_dates import (
    CHANGED_VARIABLE,
    TODAY_VARIABLE,
    check_review_date,
    pages_due,
)
from scripts.checks.safety_net import SafetyNet

DUE = dt.date(2027, 11, 23)


def review(today: dt.date, changed: frozenset[str] | None = None) -> list[str]:
    matter, _ = parse_front_matter("docs/a.md", PAGE)
    assert matter is not None
    return [
        f"{problem.severity}: {problem}"
        for problem in check_review_date("docs/a.md", matter, today, changed)
    ]


def test_nothing_before_60_days() -> None:
    assert review(DUE - dt.timedelta(days=61)) == []


@pytest.mark.parametrize(("days", "when"), [(60, "in 60 days"), (1, "tomorrow"), (0, "today")])
def test_a_notice_from_60_days_before(days: int, when: str) -> None:
    [notice] = review(DUE - dt.timedelta(days=days))
    assert notice.startswith(
        f"notice: docs/a.md:5: this page is due for review {when} (next_review 2027-11-23). "
        "Ask a clinician to review this page"
    )
    assert notice.endswith("This is a reminder; it does not stop the build.")


def test_a_past_date_is_a_notice_when_the_change_does_not_touch_the_page() -> None:
    for changed in (None, frozenset(), frozenset({"docs/other.md"})):
        [notice] = review(DUE + dt.timedelta(days=1), changed)
        assert notice.startswith("notice: docs/a.md:5: next_review 2027-11-23 is in the past, so ")
        assert "a change to this page must update its dates" in notice


def test_a_past_date_fails_a_change_to_that_page() -> None:
    expected = (
        "error: docs/a.md:5: next_review 2027-11-23 is in the past. Ask a clinician to review "
        "this page, then set last_reviewed to today and next_review to a date no further away "
        "than the clinic's review interval (review_months in mkdocs.yml)."
    )
    assert review(DUE + dt.timedelta(days=1), frozenset({"docs/a.md"})) == [expected]


def test_bad_dates_are_left_to_the_front_matter_checks() -> None:
    matter, _ = parse_front_matter("docs/a.md", PAGE.replace("2027-11-23", '"2027-11-23"'))
    assert matter is not None
    assert check_review_date("docs/a.md", matter, DUE + dt.timedelta(days=9), None) == []


def test_the_environment_names_today_and_the_changed_files() -> None:
    assert review_dates.today_from_environment({TODAY_VARIABLE: "2027-10-24"}) == dt.date(
        2027, 10, 24
    )
    assert review_dates.changed_files_from_environment({}) is None
    assert review_dates.changed_files_from_environment(
        {CHANGED_VARIABLE: "docs/a.md\ndocs/b.md mkdocs.yml"}
    ) == frozenset({"docs/a.md", "docs/b.md", "mkdocs.yml"})


def _earliest_review(project: Path) -> dt.date:
    return min(page.next_review for page in pages_due(project, dt.date.today(), within=10**6))


def test_real_site_30_days_before_the_earliest_review_names_the_pages_due() -> None:
    earliest = _earliest_review(ROOT)
    today = earliest - dt.timedelta(days=30)
    due = list(pages_due(ROOT, today))
    assert due and all(page.next_review == earliest for page in due)
    net = SafetyNet(ROOT, today=today, changed_files=None)
    docs = ROOT / "docs"
    known = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    problems = [
        problem
        for page in sorted(docs.rglob("*.md"))
        for problem in net.check_page_source(page, page.relative_to(docs).as_posix(), known, docs)
    ]
    assert [p for p in problems if p.severity == "error"] == []
    named = {p.path for p in problems if "is due for review in 30 days" in p.message}
    assert named == {page.path for page in due}


def test_the_weekly_issue_lists_each_page_with_its_reviewer(tmp_path: Path) -> None:
    out = tmp_path / "issue.md"
    today = _earliest_review(ROOT) - dt.timedelta(days=30)
    pages = list(pages_due(ROOT, today))
    body = review_dates.issue_body(pages, today, "https://github.com/o/r")
    for page in pages:
        assert (
            f"| [{page.path}](https://github.com/o/r/blob/HEAD/{page.path}) | {page.title} |"
            in body
        )
        assert f"({'in 30 days'}) | {page.reviewer} |" in body
    overdue = review_dates.issue_body(pages[:1], today + dt.timedelta(days=40))
    assert "**overdue** (10 days ago)" in overdue
    assert review_dates.main(["--out", str(out), "--project", str(ROOT)]) == 0
    assert out.read_text(encoding="utf-8").startswith("These pages are due for review")


# ---------------------------------------------------------------- end to end: strict builds

FIXTURE_DUE = _earliest_review(FIXTURE)


@pytest.fixture(scope="module")
def review_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, Path]]:
    """Real `mkdocs build --strict` runs of the fixture on three days, as the workflows run it."""
    cases = {
        "30-days-before": {TODAY_VARIABLE: (FIXTURE_DUE - dt.timedelta(days=30)).isoformat()},
        # The urgent fix: a new phone number in mkdocs.yml, while every page is past its date.
        "past-new-phone-number": {
            TODAY_VARIABLE: (FIXTURE_DUE + dt.timedelta(days=3)).isoformat(),
            CHANGED_VARIABLE: "mkdocs.yml",
        },
        "past-page-changed": {
            TODAY_VARIABLE: (FIXTURE_DUE + dt.timedelta(days=3)).isoformat(),
            CHANGED_VARIABLE: "docs/second.md\nmkdocs.yml",
        },
    }

    def run(name: str) -> tuple[int, str, Path]:
        workdir = tmp_path_factory.mktemp(name)
        project = make_project(workdir / "project")
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("555-0142", "555-0199"), encoding="utf-8"
        )
        with pytest.MonkeyPatch.context() as env:
            for key, value in cases[name].items():
                env.setenv(key, value)
            result = build_site(project, workdir / "site")
        return result.returncode, result.stdout + result.stderr, workdir / "site"

    tmp_path_factory.getbasetemp()  # made here, once: two threads making it would race
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(cases, pool.map(run, cases), strict=True))


def test_strict_build_30_days_before_passes_and_names_the_page(
    review_builds: dict[str, tuple[int, str, Path]],
) -> None:
    code, output, _ = review_builds["30-days-before"]
    assert code == 0, output
    assert "WARNING" not in output, output
    assert (
        f"docs/second.md:5: this page is due for review in 30 days (next_review {FIXTURE_DUE})"
        in output
    )


def test_past_date_still_publishes_an_urgent_fix_elsewhere(
    review_builds: dict[str, tuple[int, str, Path]],
) -> None:
    code, output, site = review_builds["past-new-phone-number"]
    assert code == 0, output
    assert "(541) 555-0199" in (site / "index.html").read_text(encoding="utf-8")
    assert f"docs/second.md:5: next_review {FIXTURE_DUE} is in the past, so the page" in output
    page = (site / "second" / "index.html").read_text(encoding="utf-8")
    assert "This page is due for review" in page


def test_past_date_fails_a_change_to_that_page(
    review_builds: dict[str, tuple[int, str, Path]],
) -> None:
    code, output, _ = review_builds["past-page-changed"]
    assert code != 0, output
    assert f"WARNING -  docs/second.md:5: next_review {FIXTURE_DUE} is in the past. Ask" in output
    assert "WARNING -  docs/index.md:5" not in output  # not changed: only a notice


def test_real_site_strict_build_30_days_before_passes_and_names_the_pages(
    tmp_path: Path,
) -> None:
    """The done-when of issue 16, on the real site, as the pull-request workflow runs it."""
    earliest = _earliest_review(ROOT)
    today = earliest - dt.timedelta(days=30)
    summary = tmp_path / "summary.md"
    env = {
        TODAY_VARIABLE: today.isoformat(),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    result = build_site(ROOT, tmp_path / "site", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "::error" not in output, output
    due = f"this page is due for review in 30 days (next_review {earliest})"
    lines = output.splitlines()
    for page in pages_due(ROOT, today):
        assert any(f"INFO    -  {page.path}:" in text and due in text for text in lines), (
            f"{page.path} is not named:\n{output}"
        )
        assert f"::warning file={page.path},line=" in result.stdout
    assert "| 🔔 Heads-up |" in summary.read_text(encoding="utf-8")
