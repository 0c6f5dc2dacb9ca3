"""The staff preview (`mkdocs serve`): after a saved edit, build again only what it changed.

No generator is imported here. Between two rebuilds the preview compares the content (SHA-256)
of every file it watches (`Snapshot`). When only the text of existing pages changed,
`pages_to_render` says which pages of which language to render again: the edited pages, and
for an English page its translation (which takes the English page's dates and sources and
checks that it is still in step). Anything else (a new or deleted file, the config, shared
text in includes/, data, styles, pictures, the handout, whose PDF every page shows) needs the
full build, as does a change the snapshot cannot see (templates). The adapter renders those
pages with the same steps as a full build; `recheck_page` and `finish_pages` then run every
check of the full build on them, so staff see each problem of the page they changed with its
file and line. A full build (`mkdocs build --strict`, CI) never uses any of this.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scripts import languages, pipeline
from scripts.steps import critical_css, handout_pdf, page_html
from scripts.urls import page_url


@dataclass
class Snapshot:
    """The content hash of each watched file (`docs/aftercare.md`, relative to the project)."""

    project_dir: Path
    hashes: dict[str, str] = field(default_factory=dict)
    # (size, modification time) of each file when it was hashed: an unchanged file is not read.
    _stamps: dict[str, tuple[int, int]] = field(default_factory=dict)

    def take(self, watched: Iterable[Path]) -> Snapshot:
        """A new snapshot of the watched files and folders (this one is left as it is)."""
        after = Snapshot(self.project_dir)
        for root in watched:
            files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
            for file in files:
                name = Path(os.path.relpath(file, self.project_dir)).as_posix()
                stat = file.stat()
                stamp = (stat.st_size, stat.st_mtime_ns)
                if self._stamps.get(name) == stamp:
                    digest = self.hashes[name]
                else:
                    digest = hashlib.sha256(file.read_bytes()).hexdigest()
                after.hashes[name] = digest
                after._stamps[name] = stamp
        return after

    def changed(self, after: Snapshot) -> tuple[set[str], set[str]]:
        """Files whose content changed, and files added or deleted."""
        edited = {
            name
            for name, digest in after.hashes.items()
            if name in self.hashes and self.hashes[name] != digest
        }
        return edited, set(self.hashes).symmetric_difference(after.hashes)


def pages_to_render(
    edited: Iterable[str], added_or_deleted: Iterable[str], project_dir: Path
) -> dict[str, list[str]] | None:
    """The pages (`aftercare.md`) to render again in each language (`en`, `es`) after these
    edits, or None when they need the full build."""
    if set(added_or_deleted):
        return None
    by_folder = {language.docs: language for language in languages.LANGUAGES}
    pages: dict[str, set[str]] = {}
    for name in set(edited):
        folder, _, page = name.partition("/")
        language = by_folder.get(folder)
        if (
            language is None
            or not page.endswith(".md")
            or page.startswith("data/")
            or page == handout_pdf.SOURCE
        ):
            return None
        pages.setdefault(language.code, set()).add(page)
        if language == languages.DEFAULT:  # its translations follow it
            for other in languages.others(language):
                if (project_dir / other.docs / page).is_file():
                    pages.setdefault(other.code, set()).add(page)
    if not pages:
        return None  # nothing the snapshot sees changed (a template?): build everything
    return {code: sorted(names) for code, names in pages.items()}


def recheck_page(build: pipeline.Build, src_uri: str) -> None:
    """Check a page's source again before it renders again: the full build's page checks."""
    pipeline.check_page(build, src_uri, build.site.docs_dir / src_uri)


def finish_pages(build: pipeline.Build, site_dir: Path, src_uris: Iterable[str]) -> None:
    """After pages rendered again into `site_dir`: the cross-page checks on them (section
    links, reading level, the menu), each page's CSS inlined as in the full build, and its
    size checked. The CSS cache file is left as the full build wrote it."""
    src_uris = sorted(src_uris)
    pipeline.cross_page_checks(build, only=src_uris)
    html_files = {page_url(uri) + "index.html": uri for uri in src_uris}
    cache = critical_css.CriticalCache.load(pipeline.critical_css_cache_file(build.site))
    cache.file = None  # it would keep only these pages' entries
    _inline_css(site_dir, build.site.site_url, cache, html_files)
    sources: Mapping[str, str] = {
        html: build.safety_net.display_path(build.site.docs_dir / uri)
        for html, uri in html_files.items()
    }
    build.report(page_html.over_first_round_trip_problems(site_dir, sources))


def warm_up(build: pipeline.Build, site_dir: Path) -> None:
    """Work out the home page's CSS once, thrown away, before the first save: the critical-CSS
    step reads the stylesheets once per process, which a first build whose pages were all in
    `.build-cache/` never did (the first save would take about a second longer)."""
    home = page_url("index.md") + "index.html"
    if (site_dir / home).is_file():
        empty = critical_css.CriticalCache(None)
        _inline_css(site_dir, build.site.site_url, empty, [home], copy_back=False)


def _inline_css(
    site_dir: Path,
    site_url: str,
    cache: critical_css.CriticalCache,
    html_files: Iterable[str],
    copy_back: bool = True,
) -> None:
    """`critical_css.inline_site` on some pages only: it runs on a scratch folder that holds
    those pages and the site's assets (a link to them), and the pages are copied back."""
    html_files = list(html_files)
    with tempfile.TemporaryDirectory(prefix="preview-") as scratch:
        staged = Path(scratch)
        (staged / "assets").symlink_to(site_dir / "assets", target_is_directory=True)
        for html in html_files:
            (staged / html).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site_dir / html, staged / html)
        critical_css.inline_site(staged, site_url, cache)
        for html in html_files if copy_back else ():
            shutil.copyfile(staged / html, site_dir / html)
