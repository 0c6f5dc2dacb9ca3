"""Review dates that never surprise anyone.

- From 60 days before a page's `next_review`, the build names the page and the date as a
  notice: shown in the log (and as a yellow annotation on GitHub), never failing the build.
- Once the date has passed, the page tells patients "This page is due for review" (the
  template reads `overdue` from page_meta.review_context). The build fails only when the
  change being checked touches that page: a pull request that edits an overdue page must
  update its dates, while an urgent fix to any other page (a new phone number) still goes out.
  Which files a pull request changes comes from `SITE_CHANGED_FILES`, set by the workflow
  from `git diff`; without it (a build on your own computer, the publish workflow) an
  overdue page is a notice.
- `python -m scripts.review_dates --out FILE` writes the list of pages due within 60 days,
  with their reviewers, for the weekly "Pages due for review" issue; it prints how many.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.checks.front_matter_checks import REVIEW_HINT as FIX
from scripts.checks.front_matter_checks import FrontMatter, parse_front_matter
from scripts.problems import Problem

TODAY_VARIABLE = "SITE_CHECKS_TODAY"  # pretend today is this YYYY-MM-DD date (tests, rehearsals)
CHANGED_VARIABLE = "SITE_CHANGED_FILES"  # files the pull request changes, one per line or space
DUE_SOON_DAYS = 60
ISSUE_TITLE = "Pages due for review"


def today_from_environment(environ: Mapping[str, str] = os.environ) -> dt.date:
    value = environ.get(TODAY_VARIABLE)
    return dt.date.fromisoformat(value) if value else dt.date.today()


def changed_files_from_environment(
    environ: Mapping[str, str] = os.environ,
) -> frozenset[str] | None:
    """The files this change touches, or None when nobody said (then no page counts as changed)."""
    value = environ.get(CHANGED_VARIABLE)
    return None if value is None else frozenset(value.split())


def next_review(matter: FrontMatter) -> dt.date | None:
    """The page's next_review as a date, or None (front_matter_checks explains bad dates)."""
    value = matter.data.get("next_review")
    if matter.quoted.get("next_review"):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _in_days(days: int) -> str:
    return "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")


def check_review_date(
    path: str, matter: FrontMatter, today: dt.date, changed: frozenset[str] | None
) -> list[Problem]:
    """A notice from 60 days before next_review; once it has passed, an error only if this
    change touches the page."""
    due = next_review(matter)
    if due is None or "next_review" not in matter.key_lines:
        return []
    line = matter.key_lines["next_review"]
    days = (due - today).days
    if days < 0:
        if changed is not None and path in changed:
            return [Problem(path, line, f"next_review {due.isoformat()} is in the past. {FIX}")]
        return [
            Problem(
                path,
                line,
                f"next_review {due.isoformat()} is in the past, so the page tells patients it is due "
                f"for review. {FIX} Changes to other pages can still be published; a change to this "
                "page must update its dates.",
                "notice",
            )
        ]
    if days <= DUE_SOON_DAYS:
        return [
            Problem(
                path,
                line,
                f"this page is due for review {_in_days(days)} (next_review {due.isoformat()}). "
                f"{FIX} This is a reminder; it does not stop the build.",
                "notice",
            )
        ]
    return []


def is_overdue(next_review_day: dt.date, today: dt.date | None = None) -> bool:
    return next_review_day < (today or today_from_environment())


@dataclass(frozen=True)
class DuePage:
    path: str
    title: str
    next_review: dt.date
    reviewer: str


def pages_due(project_dir: Path, today: dt.date, within: int = DUE_SOON_DAYS) -> Iterator[DuePage]:
    """Every page in docs/ whose next_review is within `within` days or has passed."""
    docs = project_dir / "docs"
    for file in sorted(docs.rglob("*.md")):
        if "data" in file.relative_to(docs).parts:
            continue
        path = file.relative_to(project_dir).as_posix()
        matter, _ = parse_front_matter(path, file.read_text(encoding="utf-8", errors="replace"))
        due = next_review(matter) if matter else None
        if matter is not None and due is not None and (due - today).days <= within:
            yield DuePage(
                path,
                str(matter.data.get("title") or path),
                due,
                str(matter.data.get("reviewed_by") or "nobody named"),
            )


def issue_body(due: Sequence[DuePage], today: dt.date, repository_url: str = "") -> str:
    """The weekly issue: one row per page, soonest first, with what to do."""
    rows = []
    for page in sorted(due, key=lambda page: page.next_review):
        days = (page.next_review - today).days
        when = f"**overdue** ({-days} days ago)" if days < 0 else _in_days(days)
        link = (
            f"[{page.path}]({repository_url}/blob/HEAD/{page.path})"
            if repository_url
            else page.path
        )
        rows.append(
            f"| {link} | {page.title} | {page.next_review.isoformat()} ({when}) | {page.reviewer} |"
        )
    return (
        f"These pages are due for review within {DUE_SOON_DAYS} days "
        f"(checked {today.isoformat()}). This issue is updated every Monday.\n\n"
        "| Page | Title | Next review | Reviewer |\n| --- | --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n\nFor each page: the reviewer checks the facts against the sources, then opens a pull "
        "request that sets `last_reviewed` to the day of the review and `next_review` to a date "
        'no further away than `review_months` in `mkdocs.yml` (see CONTRIBUTING.md, "Review dates"). '
        "A page past its date tells "
        'patients "This page is due for review" until then.\n'
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List the pages due for review.")
    parser.add_argument("--out", type=Path, help="write the issue text here")
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--repository-url", default="")
    args = parser.parse_args(argv)
    today = today_from_environment()
    due = list(pages_due(args.project, today))
    if args.out:
        args.out.write_text(issue_body(due, today, args.repository_url), encoding="utf-8")
    sys.stdout.write(f"{len(due)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
