"""One reader for the data files in docs/data/: the text, or one staff problem if it is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scripts.problems import Problem

Data = TypeVar("Data")


def load_data_file(
    docs_dir: Path,
    name: str,
    what: str,
    load: Callable[[str, str], tuple[Data, list[Problem]]],
    empty: Data,
) -> tuple[Data, list[Problem]]:
    """`load(text, display path)` on `docs/data/<name>`; `empty` and a problem if it is missing.

    `what` names the file for staff, for example "The referral patterns file".
    """
    display = f"{docs_dir.name}/data/{name}"
    try:
        text = (docs_dir / "data" / name).read_text(encoding="utf-8")
    except OSError:
        message = f"{what} is missing. Restore it from the last version that worked."
        return empty, [Problem(display, 1, message)]
    return load(text, display)
