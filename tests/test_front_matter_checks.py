"""Front-matter checks, called directly on page text."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.checks.front_matter_checks import add_months, check_front_matter, parse_front_matter

TODAY = dt.date(2026, 11, 23)
GOOD = """---
title: Aftercare
description: What is normal after dry needling.
last_reviewed: 2026-11-23
next_review: 2027-11-23
reviewed_by: Jordan Lee, PT
sources:
  - text: "A book."
  - "A plain source."
  - text: "A paper."
    url: https://doi.org/10.1/x
---

# Aftercare
"""


REVIEW_MONTHS = 12  # extra.clinic.review_months in mkdocs.yml, as shipped


def problems(source: str, today: dt.date = TODAY, review_months: int = REVIEW_MONTHS) -> list[str]:
    return [
        str(problem) for problem in check_front_matter("docs/a.md", source, today, review_months)
    ]


def test_good_front_matter_has_no_problems() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    "reviewer", ["Jordan Lee, PT, DPT (example reviewer)", "Ana Ruiz, MD", "Kim Cho, DPT, OCS"]
)
def test_a_reviewer_with_a_credential_is_fine(reviewer: str) -> None:
    assert problems(GOOD.replace("Jordan Lee, PT", reviewer)) == []
    assert "credential" not in str(problems(GOOD.replace("Jordan Lee, PT", "TBD")))  # one message


def test_body_start_and_key_lines_match_the_editor() -> None:
    matter, found = parse_front_matter("docs/a.md", GOOD)
    assert found == [] and matter is not None
    assert matter.key_lines["title"] == 2
    assert matter.key_lines["next_review"] == 5
    assert matter.body_start == 13


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title: Aftercare",
            "title: Aftercare: day one",
            "docs/a.md:2: the front matter is not valid YAML",
        ),
        (
            '  - text: "A book."',
            '\t- text: "A book."',
            "docs/a.md:8: the front matter contains a tab",
        ),
        ("title: Aftercare\n", "", "docs/a.md:1: the front matter has no title"),
        (
            "title: Aftercare\n",
            "titel: Aftercare\n",
            "docs/a.md:2: 'titel' looks like a misspelling of title",
        ),
        ("reviewed_by: Jordan Lee, PT", "reviewed_by: ''", "docs/a.md:6: reviewed_by is empty"),
        (
            "description: What is normal after dry needling.",
            "description: " + "x" * 161,
            "docs/a.md:3: description is 161 characters long",
        ),
        (
            "last_reviewed: 2026-11-23",
            "last_reviewed: 2026-13-01",
            "docs/a.md:4: last_reviewed 2026-13-01 is not a real date",
        ),
        (
            "last_reviewed: 2026-11-23",
            "last_reviewed: 23 Nov 2026",
            "docs/a.md:4: last_reviewed '23 Nov 2026' is not a date in the form YYYY-MM-DD",
        ),
        ("last_reviewed: 2026-11-23", "last_reviewed:", "docs/a.md:4: last_reviewed is empty"),
        (
            "next_review: 2027-11-23",
            "next_review: '2027-11-23'",
            "docs/a.md:5: next_review 2027-11-23 is inside quote marks",
        ),
        (
            "last_reviewed: 2026-11-23",
            "last_reviewed: 2026-11-24",
            "docs/a.md:4: last_reviewed 2026-11-24 is in the future",
        ),
        (
            "next_review: 2027-11-23",
            "next_review: 2026-11-23",
            "docs/a.md:5: next_review 2026-11-23 is not after last_reviewed",
        ),
        (
            "next_review: 2027-11-23",
            "next_review: 2027-11-24",
            (
                "docs/a.md:5: next_review 2027-11-24 is more than 12 months after last_reviewed "
                "2026-11-23, but How we check this information promises a review at least every "
                "12 months. Set it to 2027-11-23 or earlier."
            ),
        ),
        (
            "    url: https://doi.org/10.1/x",
            "    url: http://doi.org/10.1/x",
            "docs/a.md:10: source 3 url 'http://doi.org/10.1/x' is not an https://",
        ),
        (
            "    url: https://doi.org/10.1/x",
            "    url: doi.org/10.1/x",
            "docs/a.md:10: source 3 url",
        ),
        (
            '  - text: "A book."',
            '  - title: "A book."',
            "docs/a.md:8: source 1 has unknown field(s) title",
        ),
        ('  - "A plain source."', "  - 42", "docs/a.md:9: source 2 is not text or a text/url pair"),
        (
            '  - text: "A book."',
            '  - text: "A book."\n    es: ""',
            "docs/a.md:8: source 1 has an empty `es`",
        ),
        (
            "title: Aftercare\n",
            "title: Aftercare\ntitle: Again\n",
            "docs/a.md:3: title appears twice",
        ),
        (
            "reviewed_by: Jordan Lee, PT",
            "reviewed_by: Sam",
            "docs/a.md:6: reviewed_by 'Sam' gives no clinical credential",
        ),
        (
            "reviewed_by: Jordan Lee, PT",
            "reviewed_by: Jordan Lee PT-ish",
            "docs/a.md:6: reviewed_by 'Jordan Lee PT-ish' gives no clinical credential",
        ),
    ],
)
def test_each_mistake_is_reported_on_its_line(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    found = problems(GOOD.replace(old, new, 1))
    assert any(item.startswith(expected) for item in found), found


def test_exactly_the_review_interval_is_allowed_and_the_old_three_years_is_not() -> None:
    assert problems(GOOD) == []  # 2026-11-23 to 2027-11-23: 12 months
    three_years = GOOD.replace("next_review: 2027-11-23", "next_review: 2029-11-23")
    assert "more than 12 months after" in problems(three_years)[0]


def test_today_is_injectable() -> None:
    assert problems(GOOD, today=dt.date(2027, 11, 23)) == []
    assert "is in the future" in problems(GOOD, today=dt.date(2026, 11, 22))[0]
    # A next_review that has passed is scripts/checks/review_dates.py's (tests/test_review_dates.py).
    assert problems(GOOD, today=dt.date(2027, 11, 24)) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", "docs/a.md:1: the page is empty"),
        ("# Aftercare\n", "docs/a.md:1: the page has no front matter"),
        ("---\ntitle: x\n\n# Aftercare\n", "docs/a.md:1: the front matter has no closing --- line"),
        ("--\ntitle: x\n---\n", "docs/a.md:1: the first line is `--`"),
        (
            "---\n- a list\n---\n",
            "docs/a.md:2: the front matter must be a list of `key: value` lines",
        ),
    ],
)
def test_missing_or_unreadable_front_matter(source: str, expected: str) -> None:
    found = problems(source)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_add_months_handles_short_months() -> None:
    assert add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2026, 11, 23), 12) == dt.date(2027, 11, 23)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_the_longest_gap_between_reviews_is_the_clinic_setting() -> None:
    """The promise on How we check this information and the check read one number."""
    two_years = GOOD.replace("next_review: 2027-11-23", "next_review: 2028-11-23")
    assert problems(two_years, review_months=24) == []
    [found] = problems(two_years, review_months=12)
    assert "more than 12 months after" in found and "Set it to 2027-11-23 or earlier" in found
