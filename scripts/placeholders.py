"""Clinic facts in Markdown: `{{ clinic.phone }}` is filled in from `extra.clinic` in mkdocs.yml.

Staff never type the phone number, address or booking link into a page. An unknown
placeholder is a build error that names the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from scripts.problems import Problem

PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[^{}]*?)\s*\}\}")


def clinic_values(clinic: Mapping[str, object]) -> dict[str, str]:
    """`clinic.<key>` for every key in extra.clinic, plus ready-made Markdown links."""
    values = {f"clinic.{key}": str(value) for key, value in clinic.items()}
    phone, phone_tel = values.get("clinic.phone", ""), values.get("clinic.phone_tel", "")
    email, booking = values.get("clinic.email", ""), values.get("clinic.booking_url", "")
    if phone and phone_tel:
        values["clinic.phone_link"] = f"[{phone}](tel:{phone_tel})"
    if email:
        values["clinic.email_link"] = f"[{email}](mailto:{email})"
    if booking:
        values["clinic.booking_link"] = f"[book a visit online]({booking})"
    state, board = values.get("clinic.state", ""), values.get("clinic.state_board_url", "")
    if state and board:
        values["clinic.state_board_link"] = f"[the {state} physical therapy board]({board})"
    return values


def body_start_line(source: str, body: str) -> int:
    """1-based line in the source file where the Markdown body (after front matter) begins."""
    if body and source.endswith(body):
        return source[: len(source) - len(body)].count("\n") + 1
    return 1


def fill_placeholders(
    markdown: str, values: Mapping[str, str], path: str, first_line: int = 1
) -> tuple[str, list[Problem]]:
    """Replace every `{{ name }}`; unknown names become problems with their line number."""
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in values:
            return values[name]
        line = first_line + markdown.count("\n", 0, match.start())
        known = ", ".join("{{ " + key + " }}" for key in sorted(values))
        problems.append(
            Problem(
                path,
                line,
                f"unknown placeholder '{{{{ {name} }}}}'. Use one of: {known}. "
                "Clinic details are set under extra: clinic: in mkdocs.yml.",
            )
        )
        return match.group(0)

    return PLACEHOLDER.sub(replace, markdown), problems


INCLUDE_LINE = re.compile(
    r"""^(?P<indent>[ \t]*)--8<--[ \t]+(?P<quote>["'])(?P<file>includes/[^"'\n]+\.md)(?P=quote)[ \t]*$""",
    re.MULTILINE,
)


def include_shared_text(
    markdown: str, values: Mapping[str, str], project_dir: Path
) -> tuple[str, list[Problem]]:
    """Put each `--8<-- "includes/x.md"` file in place, with its placeholders filled.

    Shared wording (such as the "Call the clinic if…" box) lives once in includes/, and
    `{{ clinic.phone_link }}` works inside it. Problems name the included file and its own
    line. Missing files are left for the safety net, which reports them.
    """
    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group("file")
        path = project_dir / name
        if not path.is_file():
            return match.group(0)
        text, found = fill_placeholders(path.read_text(encoding="utf-8").strip("\n"), values, name)
        problems.extend(found)
        indent = match.group("indent")
        return "\n".join(indent + line if line else line for line in text.split("\n"))

    return INCLUDE_LINE.sub(replace, markdown), problems
