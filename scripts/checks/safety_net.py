"""The staff safety net: runs every content check over a build, page by page.

Plain Python with no MkDocs imports; the pipeline (scripts/pipeline.py) feeds it paths and text.
Some checks need every page first (section links, reading level on rendered HTML), so
this object keeps what it learned about each page until `finish`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts import translations
from scripts.checks import (
    config_checks,
    content_checks,
    front_matter_checks,
    help_box_checks,
    key_points_checks,
    markdown_checks,
    reading_level_checks,
    review_dates,
)
from scripts.checks.review_dates import TODAY_VARIABLE, today_from_environment
from scripts.problems import Problem, display_path

__all__ = ["TODAY_VARIABLE", "SafetyNet", "guarded", "read_source"]


def guarded(path: str, check: Callable[..., list[Problem]], *args: Any) -> list[Problem]:
    """Run a check; if it crashes, report that as a problem instead of a traceback."""
    try:
        return check(*args)
    except Exception as error:  # noqa: BLE001 - a crash must become a readable message
        return [
            Problem(
                path,
                1,
                f"the safety checks could not read this file ({type(error).__name__}: {error}). "
                "Undo your last change to find the cause, and tell the web team about this message.",
            )
        ]


@dataclass
class _PageRecord:
    path: str
    source: str
    body_start: int
    title: tuple[int, str] | None = None  # line and text of the front-matter title
    # Front matter that does not load as YAML: MkDocs shows it as text, so the reading level
    # would measure it (it is measured once the front matter is fixed).
    front_matter_problem: bool = False


def read_source(src_file: str | Path) -> str:
    """A page's Markdown as the checks see it: UTF-8 (a BOM dropped, bad bytes replaced), LF."""
    return Path(src_file).read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


@dataclass
class SafetyNet:
    """Collects problems over one build."""

    project_dir: Path
    today: dt.date = field(default_factory=today_from_environment)
    changed_files: frozenset[str] | None = field(
        default_factory=review_dates.changed_files_from_environment
    )
    _pages: dict[str, _PageRecord] = field(default_factory=dict)
    not_in_nav: list[str] = field(default_factory=list)
    # Each page's section links, by its path: checking a page again (`mkdocs serve`) replaces them.
    _anchor_links: dict[str, list[markdown_checks.AnchorLink]] = field(default_factory=dict)
    clinic: dict[str, Any] = field(default_factory=dict)  # extra.clinic, for the typed-facts check
    help_boxes: help_box_checks.HelpBoxes = field(default_factory=dict)  # extra.help_boxes
    _box_types: frozenset[str] | None = None
    language: str = "en"  # the pages' language: their Key points title, reading-level measure
    includes: str = "includes"  # the shared text folder of that language

    def box_types(self, docs_dir: Path) -> frozenset[str]:
        if self._box_types is None:
            self._box_types = content_checks.box_types((docs_dir / "assets").rglob("*.css"))
        return self._box_types

    def display_path(self, file: str | Path) -> str:
        """A path as staff see it in the repository, e.g. `docs/aftercare.md`."""
        return display_path(file, self.project_dir)

    def check_config(
        self, config_file: str | Path, clinic: Any, help_boxes: Any = None
    ) -> list[Problem]:
        path = self.display_path(config_file)
        text = Path(config_file).read_bytes().decode("utf-8-sig", errors="replace")
        self.clinic = dict(clinic) if isinstance(clinic, dict) else {}
        self.help_boxes, box_problems = help_box_checks.read_help_boxes(
            path, text, help_boxes, self.project_dir
        )
        return (
            box_problems
            + guarded(path, config_checks.check_duplicate_keys, path, text)
            + guarded(path, config_checks.check_clinic, path, text, clinic)
            + guarded(path, content_checks.check_nav, path, text, self.project_dir / "docs")
        )

    def check_includes(self, files: Iterable[str | Path]) -> list[Problem]:
        problems: list[Problem] = []
        for file in files:
            path = self.display_path(file)
            if not Path(file).is_file():
                continue
            _, bad_encoding = markdown_checks.check_encoding(path, Path(file).read_bytes())
            problems += (
                bad_encoding  # glossary syntax: scripts/steps/glossary.py, which also renders it
            )
        return problems

    def check_encoding(self, src_file: str | Path) -> tuple[str | None, list[Problem]]:
        """Problems reading a page as UTF-8, and a readable text to build with instead (None if fine)."""
        text, problems = markdown_checks.check_encoding(
            self.display_path(src_file), Path(src_file).read_bytes()
        )
        return (text if problems else None), problems

    def check_page_source(
        self,
        src_file: str | Path,
        page_uri: str,
        known_files: Collection[str],
        docs_dir: Path,
        source: str | None = None,
        english_file: Path | None = None,
    ) -> list[Problem]:
        """Front matter and Markdown checks on one page's source file (`source`: its text,
        when the caller has already read it with read_source). `english_file`: the English
        page that this page translates (its review dates and sources are checked there)."""
        path = self.display_path(src_file)
        if source is None:
            source = read_source(src_file)

        def run() -> list[Problem]:
            matter, problems = front_matter_checks.parse_front_matter(path, source)
            unreadable = None if matter else list(problems)  # the rest would only repeat it
            sources = matter.data.get("sources", []) if matter else None
            if matter is not None and english_file is not None:
                english_source, english_path = (
                    read_source(english_file),
                    self.display_path(english_file),
                )
                problems += translations.check_front_matter(
                    path, matter, english_path, english_source
                )
                notice = translations.out_of_date_notice(
                    path, matter.data, english_path, english_source
                )
                problems += [notice] if notice else []
                english_matter, _ = front_matter_checks.read_front_matter(english_source)
                sources = english_matter.get("sources", []) if english_matter else None
            elif matter is not None:
                problems += front_matter_checks.check_parsed(
                    path, matter, self.today, config_checks.review_months(self.clinic)
                )
                problems += review_dates.check_review_date(
                    path, matter, self.today, self.changed_files
                )
            split = front_matter_checks.split_front_matter(source)
            body_start = matter.body_start if matter else (split[1] + 1 if split else 1)
            title = matter.data.get("title") if matter else None
            scan = markdown_checks.scan_page(
                path,
                page_uri,
                source,
                body_start,
                str(title) if title else None,
                known_files,
                docs_dir,
                self.project_dir,
            )
            self._anchor_links[path] = list(scan.anchor_links)
            self._pages[page_uri] = _PageRecord(
                path,
                source,
                body_start,
                (matter.key_lines["title"], str(title)) if matter and title else None,
                split is None or not front_matter_checks.loads_as_yaml(split[0]),
            )
            body = "\n".join(source.split("\n")[body_start - 1 :])
            language = "en" if english_file is None else self.language
            facts = bool(sources)
            problems += key_points_checks.check_key_points(path, body, body_start, facts, language)
            problems += help_box_checks.check_page(
                path,
                page_uri,
                source,
                body_start,
                self.help_boxes,
                self.project_dir,
                "includes" if english_file is None else self.includes,
            )
            problems += content_checks.check_page(
                path,
                source,
                body_start,
                self.clinic,
                self.box_types(docs_dir),
                sources=len(sources) if isinstance(sources, list) else None,
            )
            return unreadable if unreadable is not None else problems + scan.problems

        return guarded(path, run)

    def learned(self, page_uri: str) -> dict[str, Any]:
        """What `check_page_source` learned about a page for the checks that need every page
        (`take_back` restores it; JSON, for scripts/checks/clean_pages.py)."""
        record = self._pages[page_uri]
        return {
            "body_start": record.body_start,
            "title": list(record.title) if record.title else None,
            "anchor_links": [list(vars(link).values()) for link in self._anchor_links[record.path]],
        }

    def take_back(self, page_uri: str, path: str, source: str, learned: dict[str, Any]) -> None:
        """What `learned` returned for the page, as if its source had been checked again."""
        title = learned["title"]
        self._anchor_links[path] = [
            markdown_checks.AnchorLink(*link) for link in learned["anchor_links"]
        ]
        self._pages[page_uri] = _PageRecord(
            path, source, int(learned["body_start"]), (title[0], title[1]) if title else None
        )

    def body_start(self, page_uri: str) -> int:
        """The line where a checked page's Markdown starts, after its front matter (1 if unknown)."""
        record = self._pages.get(page_uri)
        return record.body_start if record else 1

    def defuse(self, markdown: str) -> str:
        """The page's Markdown with `--8<--` lines for missing files made harmless (reported already)."""
        return markdown_checks.defuse_missing_snippets(markdown, self.project_dir)

    def finish(
        self,
        rendered: dict[str, str],
        not_in_nav: Iterable[str],
        only: Collection[str] | None = None,
    ) -> Iterator[Problem]:
        """Checks that need every page rendered: section links, reading level, the menu.

        `only`: the pages `mkdocs serve` rendered again after an edit. Then only their problems
        (and those of section links to them) are checked, not the shared text's again."""
        pages = set(only or ())
        paths = {record.path for uri, record in self._pages.items() if uri in pages}

        def concerned(uri: str) -> bool:
            return only is None or uri in pages

        ids = {uri: markdown_checks.page_ids(html) for uri, html in rendered.items()}
        links = [
            link
            for page_links in self._anchor_links.values()
            for link in page_links
            if only is None or link.path in paths or link.target in pages
        ]
        yield from markdown_checks.check_anchor_links(links, ids)
        for uri, html in rendered.items():
            record = self._pages.get(uri)
            if record is None or not concerned(uri) or record.front_matter_problem:
                continue
            yield from guarded(
                record.path,
                reading_level_checks.check_reading_level,
                record.path,
                html,
                record.source,
                record.body_start,
                self.language,
            )
        for uri in not_in_nav:
            record = self._pages.get(uri)
            if record is not None and concerned(uri):
                yield markdown_checks.check_in_nav(record.path)
        records = list(self._pages.values())
        if only is not None:  # the second page with a title gets the problem: a page rendered again
            records.sort(key=lambda record: record.path in paths)
        titles = content_checks.check_duplicate_titles(
            (record.path, *record.title) for record in records if record.title
        )
        yield from (problem for problem in titles if only is None or problem.path in paths)
        if only is None:
            yield from self.check_shared_text()

    def check_shared_text(self) -> Iterator[Problem]:
        """The content checks on the shared boxes in includes/ (not the glossary: its own check)."""
        for file in sorted((self.project_dir / self.includes).glob("*.md")):
            if file.name == "glossary.md":
                continue
            path = self.display_path(file)
            yield from guarded(
                path,
                content_checks.check_page,
                path,
                read_source(file),
                1,
                self.clinic,
                self._box_types or content_checks.BOX_TYPES,
                True,
            )
