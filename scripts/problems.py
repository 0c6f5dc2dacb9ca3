"""A content problem that a staff member can read and fix, and the one place problems are reported."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from scripts import github_report

Severity = Literal["error", "notice"]


@dataclass(frozen=True)
class Problem:
    """One mistake, reported as `path:line: what is wrong. How to fix it.`

    An "error" fails the strict build; a "notice" (a review date coming up) is shown but
    never fails it.
    """

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def report_problems(
    problems: Iterable[Problem],
    warn: Callable[[str], None],
    inform: Callable[[str], None],
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Every problem to the generator's log (`warn` for errors, so a strict build fails;
    `inform` for notices) and, in GitHub Actions, to the pull request as well."""
    for problem in problems:
        (warn if problem.severity == "error" else inform)(str(problem))
        github_report.publish(problem, environ)
