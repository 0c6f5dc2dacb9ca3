"""The foundation: the site builds strictly, every nav page exists, nothing loads from other hosts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

from conftest import ROOT, ServedSite, build_site
from test_page_html import loader_sources

from scripts.readers.yaml_lines import load_yaml
from scripts.urls import nav_pages, page_url


def load_config() -> dict[str, Any]:
    config: dict[str, Any] = load_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


nav_files = nav_pages


def output_path(site: Path, md_path: str) -> Path:
    return site / page_url(md_path) / "index.html"


def test_every_nav_page_is_built(built_site: Path) -> None:
    pages = nav_files(load_config()["nav"])
    assert pages, "mkdocs.yml has no nav"
    missing = [page for page in pages if not output_path(built_site, page).is_file()]
    assert not missing, f"nav pages missing from the build: {missing}"


def test_sitemap_uses_site_url(built_site: Path) -> None:
    site_url = str(load_config()["site_url"])
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locations, "sitemap.xml lists no pages"
    assert all(loc.startswith(site_url) for loc in locations), locations


class _ResourceCollector(HTMLParser):
    """Collects URLs the browser would fetch without a click."""

    ATTRS: ClassVar[dict[str, str]] = {
        "link": "href",
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "poster",
        "track": "src",
    }
    FETCHING_RELS: ClassVar[set[str]] = {
        "stylesheet",
        "icon",
        "preload",
        "preconnect",
        "prefetch",
        "dns-prefetch",
        "modulepreload",
        "manifest",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        attr = self.ATTRS.get(tag)
        if tag == "link" and not set(str(values.get("rel", "")).split()) & self.FETCHING_RELS:
            attr = None
        if attr and values.get(attr):
            self.urls.append(str(values[attr]))
        if tag == "img" and values.get("srcset"):
            self.urls += [part.split()[0] for part in str(values["srcset"]).split(",")]
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", data)


def external_resources(html: str) -> list[str]:
    collector = _ResourceCollector()
    collector.feed(html)
    return [url for url in collector.urls if urlparse(url).netloc or url.startswith("//")]


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = {
        str(page.relative_to(built_site)): found
        for page in built_site.rglob("*.html")
        if (found := external_resources(page.read_text(encoding="utf-8")))
    }
    assert not offenders, f"pages that load from other hosts: {offenders}"


def test_no_stylesheet_imports_another_host(built_site: Path) -> None:
    offenders = [
        str(css.relative_to(built_site))
        for css in built_site.rglob("*.css")
        if re.search(r"@import\s+(url\()?['\"]?(https?:)?//", css.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def test_resource_collector_sees_google_fonts() -> None:
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://example.com/"><img src="/a.png">'
    )
    assert external_resources(html) == ["https://fonts.googleapis.com/css?family=Roboto"]


def test_footer_shows_clinic_phone_from_config(built_site: Path, scratch_project: Path) -> None:
    config = load_config()
    phone = config["extra"]["clinic"]["phone"]  # type: ignore[index]
    assert phone in (built_site / "index.html").read_text(encoding="utf-8")

    config_path = scratch_project / "mkdocs.yml"
    config_path.write_text(
        config_path.read_text(encoding="utf-8").replace(phone, "(541) 555-0199"), encoding="utf-8"
    )
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stderr
    home = (scratch_project / "site" / "index.html").read_text(encoding="utf-8")
    assert "(541) 555-0199" in home
    assert phone not in home


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is missing; run the test command from the README"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows, "no workflows found"
    result = subprocess.run(
        [actionlint, *map(str, workflows)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    """zizmor's security audit: 0 findings at low severity or above, offline (no GitHub token)."""
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is missing; run the test command from the README"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")
    }
    result = subprocess.run(
        [zizmor, "--offline", "--min-severity", "low", "--no-progress", str(ROOT / ".github")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


USES = re.compile(
    r"^\s*(?:-\s*)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?P<comment>.*)$", re.MULTILINE
)


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    found = [
        (workflow.name, match)
        for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml"))
        for match in USES.finditer(workflow.read_text(encoding="utf-8"))
    ]
    assert found
    for name, match in found:
        assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), f"{name}: {match[0].strip()}"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", match["comment"]), f"{name}: {match[0].strip()}"


def test_the_fast_job_runs_only_the_strict_build() -> None:
    jobs = load_yaml((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))[
        "jobs"
    ]
    fast = " ".join(str(step.get("run", "")) for step in jobs["content"]["steps"])
    assert "mkdocs build --strict" in fast
    assert "run_tests" not in fast and "playwright" not in fast.lower()
    assert "scripts.run_tests" in " ".join(str(s.get("run", "")) for s in jobs["test"]["steps"])


def test_our_stylesheets_close_every_block() -> None:
    """An unclosed `{` silently nests every later rule (CSS nesting), breaking them all."""
    import tinycss2

    for css in sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css")):
        text = css.read_text(encoding="utf-8")
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        errors = [rule for rule in rules if rule.type == "error"]
        assert not errors, f"{css.name}: {errors}"
        for rule in rules:
            # A closed block ends at its own `}`; an unclosed one runs to the end of the file.
            if rule.type == "qualified-rule" and rule.content is not None:
                nested = [t for t in rule.content if t.type == "{} block"]
                assert not nested, (
                    f"{css.name}:{rule.source_line}: a rule inside a rule; is a }} missing?"
                )


def _listed_scripts(site: Path, page: str) -> set[str]:
    """File names of the scripts the page's loader adds after the first paint."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return {source.rsplit("/", 1)[-1] for source in loader_sources(html)}


def test_feature_scripts_load_only_on_pages_that_use_them(
    built_site: Path, video_site: ServedSite
) -> None:
    home = _listed_scripts(built_site, "")
    assert "keyboard-buttons.js" in home
    assert not home & {"demo-video.js", "pain-map.js"}  # the shipped site has no video yet
    assert _listed_scripts(built_site, "referred-pain") >= {"keyboard-buttons.js", "pain-map.js"}
    assert "demo-video.js" not in _listed_scripts(built_site, "referred-pain")
    assert not _listed_scripts(built_site, "safety") & {"demo-video.js", "pain-map.js"}
    # With a YouTube video set, the pages with the player load its script.
    assert "demo-video.js" in _listed_scripts(video_site.path, "")
    assert "demo-video.js" in _listed_scripts(video_site.path, "demo-video")
    assert "demo-video.js" not in _listed_scripts(video_site.path, "safety")
