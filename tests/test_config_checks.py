"""Checks of extra.clinic in mkdocs.yml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from scripts.checks.config_checks import check_clinic, check_duplicate_keys, phone_problem

CONFIG = """site_name: Test
extra:
  clinic:
    name: Example Physical Therapy
    phone: "(541) 555-0142"
    email: hello@example.com
    address: 100 Example Street
    hours: Monday to Friday
    booking_url: https://example.com/book
    review_months: 12
"""


def check(text: str) -> list[str]:
    clinic: Any = (yaml.safe_load(text).get("extra") or {}).get("clinic")
    return [str(problem) for problem in check_clinic("mkdocs.yml", text, clinic)]


def test_good_config_has_no_problems() -> None:
    assert check(CONFIG) == []
    assert check(CONFIG + '    other_phones: ["1-800-222-1222"]\n') == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    hours: Monday to Friday\n", "", "mkdocs.yml:3: extra.clinic.hours is missing"),
        (
            "    name: Example Physical Therapy",
            "    name: ''",
            "mkdocs.yml:4: extra.clinic.name is empty",
        ),
        (
            '"(541) 555-0142"',
            '"555-0142"',
            "mkdocs.yml:5: extra.clinic.phone '555-0142' has 7 digits",
        ),
        (
            '"(541) 555-0142"',
            '"(541) 555-CALL"',
            "mkdocs.yml:5: extra.clinic.phone '(541) 555-CALL' contains letters",
        ),
        (
            "hello@example.com",
            "hello@example",
            "mkdocs.yml:6: extra.clinic.email 'hello@example' is not a valid email",
        ),
        ("hello@example.com", "mailto:hello@example.com", "mkdocs.yml:6: extra.clinic.email"),
        (
            "https://example.com/book",
            "http://example.com/book",
            "mkdocs.yml:9: extra.clinic.booking_url 'http://example.com/book' is not an https://",
        ),
        ("https://example.com/book", "example.com/book", "mkdocs.yml:9: extra.clinic.booking_url"),
        ("    review_months: 12\n", "", "mkdocs.yml:3: extra.clinic.review_months is missing"),
        (
            "review_months: 12",
            "review_months: once a year",
            (
                "mkdocs.yml:10: extra.clinic.review_months 'once a year' is not a whole number of "
                "months from 1 to 36"
            ),
        ),
        (
            "review_months: 12",
            "review_months: 48",
            "mkdocs.yml:10: extra.clinic.review_months '48'",
        ),
        ("review_months: 12", "review_months: 0", "mkdocs.yml:10: extra.clinic.review_months '0'"),
        (
            "review_months: 12",
            'review_months: 12\n    other_phones: ["1-800-222-12"]',
            "mkdocs.yml:11: extra.clinic.other_phones: '1-800-222-12' has 9 digits",
        ),
        (
            "review_months: 12",
            "review_months: 12\n    other_phones: 1-800-222-1222",
            "mkdocs.yml:11: extra.clinic.other_phones: '1-800-222-1222' is not a list",
        ),
    ],
)
def test_each_mistake_names_its_line(old: str, new: str, expected: str) -> None:
    found = check(CONFIG.replace(old, new))
    assert any(item.startswith(expected) for item in found), found


def test_missing_clinic_block() -> None:
    assert check("site_name: Test\n")[0].startswith("mkdocs.yml:1: extra: clinic: is missing")


@pytest.mark.parametrize(
    "phone",
    [
        "(541) 555-0142",
        "541-555-0142",
        "+1 541 555 0142",
        "1-541-555-0142",
        "541.555.0142",
        "+44 20 7946 0958",
    ],
)
def test_valid_phone_numbers(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize(
    "phone",
    ["555-0142", "(041) 555-0142", "(541) 155-0142", "541 555 01422", "call us", "+1 541 555"],
)
def test_invalid_phone_numbers(phone: str) -> None:
    assert phone_problem(phone) is not None


def test_a_setting_written_twice_names_both_lines() -> None:
    text = "extra_javascript:\n  - a.js\nhooks: []\nextra_javascript:\n  - b.js\n"
    [problem] = check_duplicate_keys("mkdocs.yml", text)
    assert str(problem).startswith(
        "mkdocs.yml:4: extra_javascript: appears twice in the same section (also on line 1)"
    )
    assert "Merge the two into one extra_javascript: entry" in str(problem)
