"""A content problem that a staff member can read and fix, and the one way problems are reported.

Every staff problem, from any check and under any site generator, goes through `report`,
so there is one place that decides how a problem is shown (a build warning today).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake, reported as `path:line: what is wrong. How to fix it.`"""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def display_path(file: str | Path, project_dir: Path) -> str:
    """A path as staff see it in the repository, e.g. `docs/aftercare.md`."""
    try:
        return Path(os.path.relpath(file, project_dir)).as_posix()
    except ValueError:
        return Path(file).as_posix()


def report(problems: Iterable[Problem], warn: Callable[[str], None]) -> int:
    """Show each problem through the generator's `warn` (MkDocs: a warning, so --strict fails).

    Returns how many problems there were, so a build command can fail on any of them.
    """
    count = 0
    for problem in problems:
        warn(str(problem))
        count += 1
    return count
