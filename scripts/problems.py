"""A content problem that a staff member can read and fix, and the one way problems are reported.

Every staff problem, from any check and under any site generator, goes through `report`,
so there is one place that decides how a problem is shown (a build warning today).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
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


def display_path(file: str | Path, project_dir: Path) -> str:
    """A path as staff see it in the repository, e.g. `docs/aftercare.md`."""
    try:
        return Path(os.path.relpath(file, project_dir)).as_posix()
    except ValueError:
        return Path(file).as_posix()


def report(
    problems: Iterable[Problem],
    warn: Callable[[str], None],
    inform: Callable[[str], None] | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    """Every problem to the generator's log (`warn` for errors, so a strict build fails;
    `inform` for notices) and, in GitHub Actions, to the pull request as well.

    Returns how many errors there were, so a build command can fail on any of them.
    """
    errors = 0
    for problem in problems:
        if problem.severity == "error":
            warn(str(problem))
            errors += 1
        else:
            (inform or warn)(str(problem))
        github_report.publish(problem, environ)
    return errors
