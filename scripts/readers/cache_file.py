"""The JSON files of `.build-cache/`: one object each, read back as it was written. A missing,
unreadable or damaged file reads as empty (the build works everything out again)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_cache(file: Path | None) -> dict[str, Any]:
    """The object a cache file holds, or {} if there is none to read."""
    if file is None or not file.is_file():
        return {}
    try:
        loaded = json.loads(file.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return {str(key): value for key, value in loaded.items()} if isinstance(loaded, dict) else {}


def write_cache(file: Path | None, entries: dict[str, Any]) -> None:
    """Write the entries (nothing without a file)."""
    if file is None:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
