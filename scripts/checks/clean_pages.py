"""The pages whose source checks found nothing, kept between full builds.

A full build checks every page's source (`pipeline.check_page`: encoding, front matter, Markdown,
links, markers, help boxes, claims). A page whose checks found no problem at all, not even a
notice, is remembered in `.build-cache/` by the hash of everything those checks read: the
page's bytes, its English page's, whether each file it includes exists, and the build's
context (`context_digest`: the code of scripts/, today's date and the changed files the review
dates check, the clinic facts and help boxes, the box types the stylesheets define, every file
name of the pages, the shared text in includes/ and the data files, the config files). The next build
with the same hash does not check the page again: it takes back what the checks learned about
it for the checks that need every page (its section links, where its Markdown starts, its
title), and those cross-page checks run as always.

A page with any problem is never remembered, so it is checked, and its problems reported with
file and line, on every build. Plain Python, no generator import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.checks.markdown_checks import SNIPPET_LINE, SNIPPET_SUFFIX
from scripts.readers.cache_file import read_cache, write_cache

# The code every check runs: any change to scripts/ makes every entry's key new.
_SCRIPTS = Path(__file__).resolve().parents[1]
_CODE: str | None = None


def code_digest() -> str:
    """The hash of every Python file of scripts/ (once per process)."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        for file in sorted(_SCRIPTS.rglob("*.py")):
            digest.update(file.relative_to(_SCRIPTS).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
        _CODE = digest.hexdigest()
    return _CODE


def files_digest(files: Iterable[Path], root: Path) -> str:
    """The hash of these files' names (relative to root) and contents."""
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def context_digest(parts: Iterable[Any]) -> str:
    """The hash of what every page's checks read besides the page (JSON; sets sorted)."""

    def plain(value: Any) -> Any:
        if isinstance(value, (set, frozenset)):
            return sorted(map(str, value))
        return str(value)

    text = json.dumps([code_digest(), *parts], sort_keys=True, default=plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def included_files(source: str, project_dir: Path) -> list[tuple[str, bool]]:
    """The files the page includes (`--8<-- "includes/x.md"`) and whether each exists."""
    names = (SNIPPET_SUFFIX.sub("", m.group("file").strip()) for m in SNIPPET_LINE.finditer(source))
    return [(name, (project_dir / name).is_file()) for name in names]


@dataclass
class CleanPages:
    """What the checks learned about each clean page, by the hash of all they read."""

    file: Path | None
    context: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path | None, context: str) -> CleanPages:
        entries = {key: value for key, value in read_cache(file).items() if isinstance(value, dict)}
        return cls(file, context, entries)

    def key(
        self, src_uri: str, raw: bytes, english: bytes | None, included: list[tuple[str, bool]]
    ) -> str:
        digest = hashlib.sha256(f"{self.context}\0{src_uri}\0".encode())
        digest.update(raw + b"\0")
        digest.update(b"-" if english is None else b"+" + english)
        digest.update(json.dumps(included).encode())
        return digest.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        learned = self.entries.get(key)
        if learned is not None:
            self.used[key] = learned
        return learned

    def keep(self, key: str, learned: dict[str, Any]) -> None:
        """Remember a page whose checks found nothing (call only then)."""
        self.entries[key] = self.used[key] = learned

    def save(self) -> None:
        """Write the entries this build used or made (the others are dropped)."""
        write_cache(self.file, self.used)
