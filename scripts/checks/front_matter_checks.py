"""Checks of a page's front matter: the `---` block of facts at the top of each page.

Works on the page's source text, so line numbers match what staff see in the editor.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import yaml

from scripts.problems import Problem
from scripts.readers.yaml_lines import node_line

REQUIRED_KEYS = ("title", "description", "last_reviewed", "next_review", "reviewed_by")
DATE_KEYS = ("last_reviewed", "next_review")
MAX_DESCRIPTION = 160
OPENING = re.compile(r"^---[ \t]*$")
CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEMPLATE_HINT = "Copy the page template in CONTRIBUTING.md."
REVIEW_HINT = (
    "Ask a clinician to review this page, then set last_reviewed to today and next_review to a "
    "date no further away than the clinic's review interval (review_months in mkdocs.yml)."
)


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML loader that leaves dates as text, so bad dates can be explained, not crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatter:
    """The parsed block: its values, the line of each key, and how each value was written."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    quoted: dict[str, bool]
    first_line: int  # line of the opening ---
    body_start: int  # first line after the closing ---
    source_lines: dict[int, int]  # line of each item under `sources:`


def split_front_matter(source: str) -> tuple[list[str], int] | None:
    """The front-matter lines and the 1-based line of the closing `---`, or None if absent/unclosed."""
    lines = source.splitlines()
    if not lines or not OPENING.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if CLOSING.match(lines[index]):
            return lines[1:index], index + 1
    return None


def loads_as_yaml(block: list[str]) -> bool:
    """Whether the front-matter lines load as YAML (a date like 2026-13-01 does not), as a
    generator needs to read them; if not, it shows them as the page's text."""
    try:
        yaml.safe_load("\n".join(block))
    except (yaml.YAMLError, ValueError):
        return False
    return True


def _yaml_problem(path: str, error: yaml.YAMLError, block: list[str]) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line_in_block = mark.line if mark is not None else 0
    line_in_block = min(line_in_block, max(len(block) - 1, 0))
    line = line_in_block + 2  # the block starts on line 2
    text = block[line_in_block] if block else ""
    if "\t" in text or any("\t" in item for item in block):
        tab_line = next((i for i, item in enumerate(block) if "\t" in item), line_in_block)
        return Problem(
            path,
            tab_line + 2,
            "the front matter contains a tab character. Replace the tab with spaces "
            "(indent list items under sources with two spaces).",
        )
    what = getattr(error, "problem", None) or "it cannot be read"
    return Problem(
        path,
        line,
        f"the front matter is not valid YAML ({what}). Check this line: each line must be "
        "`key: value` with a space after the colon; put a value that contains a colon, # or "
        'quote marks inside double quotes, e.g. title: "Dry needling: what to expect".',
    )


def parse_front_matter(path: str, source: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Read the front matter of a page, or explain why it cannot be read."""
    if not source.strip():
        return None, [
            Problem(path, 1, f"the page is empty. Add front matter and some text. {TEMPLATE_HINT}")
        ]
    split = split_front_matter(source)
    if split is None:
        first = source.splitlines()[0] if source.splitlines() else ""
        if OPENING.match(first):
            return None, [
                Problem(
                    path,
                    1,
                    "the front matter has no closing --- line. Add a line with just --- after "
                    "the last front-matter line (before the page heading).",
                )
            ]
        if first.strip().startswith("--"):
            reason = f"the first line is `{first.strip()}`, but it must be exactly ---"
            return None, [
                Problem(path, 1, f"{reason}. Make the first line three dashes and nothing else.")
            ]
        return None, [
            Problem(
                path,
                1,
                "the page has no front matter. Add a block at the very top that starts and ends "
                f"with a line of three dashes (---) and holds title, description, last_reviewed, "
                f"next_review and reviewed_by. {TEMPLATE_HINT}",
            )
        ]
    block, closing_line = split
    text = "\n".join(block) + "\n"
    try:
        loader = _TextDatesLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        return None, [_yaml_problem(path, error, block)]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                path,
                2,
                f"the front matter must be a list of `key: value` lines. {TEMPLATE_HINT}",
            )
        ]
    key_lines: dict[str, int] = {}
    quoted: dict[str, bool] = {}
    source_lines: dict[int, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = node_line(key_node, first_line=2)
        if key in key_lines:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{key} appears twice in the front matter (also on line {key_lines[key]}). "
                    "Delete one of them.",
                )
            )
            continue
        key_lines[key] = line
        quoted[key] = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"')
        if key == "sources" and isinstance(value_node, yaml.SequenceNode):
            source_lines = {
                i: node_line(item, first_line=2) for i, item in enumerate(value_node.value)
            }
    matter = FrontMatter(
        data={str(key): value for key, value in data.items()},
        key_lines=key_lines,
        quoted=quoted,
        first_line=1,
        body_start=closing_line + 1,
        source_lines=source_lines,
    )
    return matter, problems


def _parse_date(key: str, value: Any, quoted: bool) -> tuple[dt.date | None, str | None]:
    """A date value, or the reason it is not one."""
    example = f"{key}: 2026-11-23"
    if value is None or value == "":
        return None, f"{key} is empty. Write the date as YYYY-MM-DD, e.g. {example}"
    text = str(value).strip()
    if not ISO_DATE.match(text):
        return None, (
            f"{key} '{text}' is not a date in the form YYYY-MM-DD. "
            f"Write year-month-day with dashes, e.g. {example}"
        )
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        return (
            None,
            f"{key} {text} is not a real date (check the month and day). Fix the date, e.g. {example}",
        )
    if quoted:
        return None, (
            f"{key} {text} is inside quote marks, so the site reads it as text, not a date. "
            f"Remove the quote marks: {key}: {text}"
        )
    return parsed, None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 January + 1 month: 28 February)."""
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_required(path: str, matter: FrontMatter) -> Iterator[Problem]:
    present = list(matter.data)
    for key in REQUIRED_KEYS:
        if key not in matter.data:
            near = difflib.get_close_matches(
                key, [k for k in present if k not in REQUIRED_KEYS], n=1, cutoff=0.75
            )
            if near:
                yield Problem(
                    path,
                    matter.key_lines[near[0]],
                    f"'{near[0]}' looks like a misspelling of {key}, which is required. "
                    f"Rename it to {key}.",
                )
            else:
                yield Problem(
                    path,
                    matter.first_line,
                    f"the front matter has no {key}, which every page needs. Add a line "
                    f"`{key}: ...` between the --- lines. {TEMPLATE_HINT}",
                )
        elif key not in DATE_KEYS and (
            matter.data[key] is None or not str(matter.data[key]).strip()
        ):
            yield Problem(
                path,
                matter.key_lines[key],
                f"{key} is empty. Write a value after `{key}: ` on the same line.",
            )
        elif key not in DATE_KEYS and isinstance(matter.data[key], (list, dict)):
            yield Problem(
                path,
                matter.key_lines[key],
                f"{key} must be plain text on one line, not a list. "
                f'Write it on the same line in double quotes: {key}: "..."',
            )


def _check_description(path: str, matter: FrontMatter) -> Iterator[Problem]:
    value = matter.data.get("description")
    if value is None:
        return
    if not isinstance(value, str):
        yield Problem(
            path,
            matter.key_lines["description"],
            'description must be text. Put it in double quotes: description: "..."',
        )
        return
    length = len(value.strip())
    if length > MAX_DESCRIPTION:
        yield Problem(
            path,
            matter.key_lines["description"],
            f"description is {length} characters long; the limit is {MAX_DESCRIPTION}. "
            "Shorten it to one or two short sentences: search engines cut off anything longer.",
        )


# A clinician's credential after the name: "Jordan Lee, PT, DPT".
CREDENTIAL = re.compile(
    r",\s*(?:PT|DPT|MPT|MSPT|PTA|MD|DO|RN|NP|PA-C|PA|ATC|DC|OCS|SCS|FAAOMPT|PhD)\b"
)


def _check_reviewer(path: str, matter: FrontMatter) -> Iterator[Problem]:
    value = matter.data.get("reviewed_by")
    if not isinstance(value, str) or not value.strip() or CREDENTIAL.search(value):
        return  # missing or empty: the required-keys check says so
    if re.search(r"\b(?:TODO|TBD|TBC|FIXME|XXX+)\b", value):
        return  # a note to self: the unfinished-text check says so
    yield Problem(
        path,
        matter.key_lines["reviewed_by"],
        f"reviewed_by '{value.strip()}' gives no clinical credential, so patients cannot tell "
        "that a clinician checked the page. Write the reviewer's name, a comma and their "
        "credential, e.g. reviewed_by: Jordan Lee, PT, DPT",
    )


def _check_dates(
    path: str, matter: FrontMatter, today: dt.date, review_months: int | None
) -> Iterator[Problem]:
    dates: dict[str, dt.date] = {}
    for key in DATE_KEYS:
        if key not in matter.data:
            continue
        parsed, reason = _parse_date(key, matter.data[key], matter.quoted.get(key, False))
        if reason:
            yield Problem(path, matter.key_lines[key], reason + ".")
        elif parsed is not None:
            dates[key] = parsed
    last, nxt = dates.get("last_reviewed"), dates.get("next_review")
    if last is not None and last > today:
        yield Problem(
            path,
            matter.key_lines["last_reviewed"],
            f"last_reviewed {last.isoformat()} is in the future (today is {today.isoformat()}). "
            "Set it to the day a clinician actually reviewed the page.",
        )
    if nxt is None:
        return
    line = matter.key_lines["next_review"]
    if last is not None and nxt <= last:
        yield Problem(
            path,
            line,
            f"next_review {nxt.isoformat()} is not after last_reviewed {last.isoformat()}. "
            "Set next_review to a later date, within the clinic's review interval "
            "(review_months in mkdocs.yml).",
        )
    elif last is not None and review_months is not None and nxt > add_months(last, review_months):
        yield Problem(
            path,
            line,
            f"next_review {nxt.isoformat()} is more than {review_months} months after last_reviewed "
            f"{last.isoformat()}, but How we check this information promises a review at least "
            f"every {review_months} months. "
            f"Set it to {add_months(last, review_months).isoformat()} or earlier.",
        )
    # A date that has passed: scripts/review_dates.py (it depends on what the change touches).


def _check_sources(path: str, matter: FrontMatter) -> Iterator[Problem]:
    if "sources" not in matter.data:
        return
    raw = matter.data["sources"]
    line = matter.key_lines["sources"]
    example = 'Write each source as `- text: "..."` with an optional `url: https://...` below it.'
    if raw is None:
        yield Problem(
            path,
            line,
            f"sources is empty. List at least one source, or delete the sources line. {example}",
        )
        return
    if not isinstance(raw, list):
        yield Problem(
            path,
            line,
            f"sources must be a list, one source per line starting with a dash. {example}",
        )
        return
    for index, item in enumerate(raw):
        item_line = matter.source_lines.get(index, line)
        number = index + 1
        if isinstance(item, str):
            if not item.strip():
                yield Problem(
                    path, item_line, f"source {number} is empty. Write its text or delete the line."
                )
            continue
        if not isinstance(item, dict):
            yield Problem(
                path, item_line, f"source {number} is not text or a text/url pair. {example}"
            )
            continue
        unknown = sorted(str(key) for key in item if key not in ("text", "url", "es"))
        if unknown:
            yield Problem(
                path,
                item_line,
                f"source {number} has unknown field(s) {', '.join(unknown)}. "
                "A source has only `text`, if it has a link `url`, and, if its text has "
                "words for patients, `es` (the same text in Spanish).",
            )
        if "es" in item and not str(item.get("es") or "").strip():
            yield Problem(
                path,
                item_line,
                f"source {number} has an empty `es`. Write the source's text in Spanish "
                '(`es: "..."`), or delete the line to show the English text.',
            )
        if not str(item.get("text") or "").strip():
            yield Problem(
                path,
                item_line,
                f'source {number} has no text. Add `text: "..."` naming the source.',
            )
        url = item.get("url")
        if url is not None:
            parsed = urlparse(str(url).strip())
            if parsed.scheme != "https" or not parsed.netloc:
                yield Problem(
                    path,
                    item_line,
                    f"source {number} url '{url}' is not an https:// web address. "
                    "Use the full https:// address of the source (copy it from the browser's address bar), "
                    "or delete the url line.",
                )


def check_parsed(
    path: str, matter: FrontMatter, today: dt.date, review_months: int | None
) -> list[Problem]:
    """Problems in the values of front matter that could be read. `review_months`: the longest
    gap between reviews (extra.clinic.review_months; None when it is missing or wrong, which
    the config check reports)."""
    problems = list(_check_required(path, matter))
    problems += _check_description(path, matter)
    problems += _check_reviewer(path, matter)
    problems += _check_dates(path, matter, today, review_months)
    problems += _check_sources(path, matter)
    return problems


def check_front_matter(
    path: str, source: str, today: dt.date, review_months: int | None
) -> list[Problem]:
    """Every front-matter problem in one page's source."""
    matter, problems = parse_front_matter(path, source)
    if matter is None:
        return problems
    return problems + check_parsed(path, matter, today, review_months)


def read_front_matter(source: str) -> tuple[dict[str, Any], str]:
    """A page's front-matter values (dates as text) and its Markdown body, for the build; a page
    whose front matter cannot be read gives `{}` and the whole text (the checks report why)."""
    matter, _ = parse_front_matter("", source)
    if matter is None:
        return {}, source
    return matter.data, "\n".join(source.split("\n")[matter.body_start - 1 :])
