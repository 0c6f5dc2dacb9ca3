"""Checks of the clinic facts under `extra.clinic` in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from scripts.problems import Problem
from scripts.readers.yaml_lines import duplicate_keys, key_line

REQUIRED_CLINIC_KEYS = {
    "name": "Example Physical Therapy",
    "phone": '"(541) 555-0142"',
    "email": "hello@example.com",
    "address": "100 Example Street, Springfield, OR 97477",
    "hours": "Monday to Friday, 8 am to 6 pm",
    "booking_url": "https://example.com/book",
    "review_months": "12",
}
REVIEW_MONTHS_RANGE = range(1, 37)  # at least monthly, at most every 3 years
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().-]+$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def phone_problem(phone: str) -> str | None:
    """Why `phone` is not a phone number patients can dial, or None if it is one."""
    if not PHONE_CHARACTERS.match(phone):
        return "contains letters or symbols"
    digits = re.sub(r"\D", "", phone)
    if phone.startswith("+") and not phone.startswith("+1"):
        return None if 8 <= len(digits) <= 15 else "has the wrong number of digits"
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return f"has {len(digits)} digits, not 10"
    if digits[0] in "01" or digits[3] in "01":
        return "is not a valid US number (the area code and the next three digits cannot start with 0 or 1)"
    return None


def check_duplicate_keys(path: str, yaml_text: str) -> list[Problem]:
    """A setting written twice: YAML silently keeps only the second one."""
    return [
        Problem(
            path,
            line,
            f"{key}: appears twice in the same section (also on line {first}), so the first one is "
            f"ignored. Merge the two into one {key}: entry.",
        )
        for key, line, first in duplicate_keys(yaml_text)
    ]


def review_months(clinic: Any) -> int | None:
    """`extra.clinic.review_months`: the most months between two reviews of a page, which How we
    check this information promises ({{ clinic.review_months }}) and the front-matter check
    enforces. None when it is missing or not a whole number in range (check_clinic says so)."""
    value = clinic.get("review_months") if isinstance(clinic, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int) or value not in REVIEW_MONTHS_RANGE:
        return None
    return value


def check_clinic(path: str, config_text: str, clinic: Any) -> list[Problem]:
    """Missing or wrong clinic facts, with the line in mkdocs.yml where each belongs."""
    if not isinstance(clinic, Mapping) or not any(key in clinic for key in REQUIRED_CLINIC_KEYS):
        return [
            Problem(
                path,
                key_line(config_text, ["extra", "clinic"]),
                "extra: clinic: is missing from mkdocs.yml. Add it with name, phone, email, address, hours "
                "and booking_url (see README, 'Make it yours').",
            )
        ]
    problems: list[Problem] = []
    for key, example in REQUIRED_CLINIC_KEYS.items():
        value = clinic.get(key)
        if key not in clinic:
            problems.append(
                Problem(
                    path,
                    key_line(config_text, ["extra", "clinic"]),
                    f"extra.clinic.{key} is missing. Add a line `{key}: {example}` under clinic:.",
                )
            )
        elif value is None or not str(value).strip():
            line = key_line(config_text, ["extra", "clinic", key])
            problems.append(
                Problem(
                    path,
                    line,
                    f"extra.clinic.{key} is empty. Write a value after `{key}:`, e.g. {key}: {example}",
                )
            )
    phone = clinic.get("phone")
    if phone is not None and str(phone).strip():
        reason = phone_problem(str(phone).strip())
        if reason:
            problems.append(
                Problem(
                    path,
                    key_line(config_text, ["extra", "clinic", "phone"]),
                    f"extra.clinic.phone '{phone}' {reason}, so patients cannot call it. "
                    'Write the full number with its area code, in quotes, e.g. phone: "(541) 555-0142".',
                )
            )
    others = clinic.get("other_phones")
    listed = others if isinstance(others, list) else [] if others is None else [others]
    for number in listed:
        reason = phone_problem(str(number).strip()) if isinstance(others, list) else "is not a list"
        if reason:
            problems.append(
                Problem(
                    path,
                    key_line(config_text, ["extra", "clinic", "other_phones"]),
                    f"extra.clinic.other_phones: '{number}' {reason}, so pages cannot give it. "
                    'Write a list of full numbers in quotes, e.g. other_phones: ["1-800-222-1222"].',
                )
            )
    booking = clinic.get("booking_url")
    if booking is not None and str(booking).strip():
        parsed = urlparse(str(booking).strip())
        if parsed.scheme != "https" or not parsed.netloc:
            problems.append(
                Problem(
                    path,
                    key_line(config_text, ["extra", "clinic", "booking_url"]),
                    f"extra.clinic.booking_url '{booking}' is not an https:// address, so booking would not be "
                    "secure. Use the full https:// address of the booking page, e.g. https://example.com/book.",
                )
            )
    months = clinic.get("review_months")
    if months is not None and str(months).strip() and review_months(clinic) is None:
        problems.append(
            Problem(
                path,
                key_line(config_text, ["extra", "clinic", "review_months"]),
                f"extra.clinic.review_months '{months}' is not a whole number of months from "
                f"{REVIEW_MONTHS_RANGE.start} to {REVIEW_MONTHS_RANGE.stop - 1}. Write how often, at "
                "least, a clinician checks each page, as a number, e.g. review_months: 12 "
                "(once a year).",
            )
        )
    email = clinic.get("email")
    if email is not None and str(email).strip() and not EMAIL.match(str(email).strip()):
        problems.append(
            Problem(
                path,
                key_line(config_text, ["extra", "clinic", "email"]),
                f"extra.clinic.email '{email}' is not a valid email address. Write it like hello@example.com, "
                "with no spaces and no mailto:.",
            )
        )
    return problems
