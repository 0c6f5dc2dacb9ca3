"""Shared fixtures: the site is built once per test session and reused by every test."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests break sites on purpose: their builds must not annotate the pull request or write
# the job summary when the suite runs in GitHub Actions (tests/test_github_report.py sets them).
for _variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "SITE_CHANGED_FILES"):
    os.environ.pop(_variable, None)
TEST_VIDEO_ID = "AbCdEfGh_1-"  # the shipped config has no video id yet
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(
    project: Path,
    site_dir: Path,
    config_file: str = "mkdocs.yml",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build (never with -q: it hides warnings); `env`: extra variables."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            config_file,
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    return site_dir


def build_command(
    project: Path, site_dir: Path, generator: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The README's one build command: `python -m scripts.build --generator ... --site-dir ...`.

    Runs in `project` (pymdownx.snippets reads includes/ from there) with this repository's scripts.
    """
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.build",
            "--generator",
            generator,
            "--site-dir",
            str(site_dir),
            "--config-file",
            str(project / "mkdocs.yml"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with Zensical through the build command."""
    site_dir = tmp_path_factory.mktemp("zensical-site")
    result = build_command(ROOT, site_dir, "zensical")
    if result.returncode != 0:
        pytest.fail(f"Zensical build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site_dir


@pytest.fixture(params=["mkdocs", "zensical"])
def each_site(request: pytest.FixtureRequest) -> Path:
    """The real site as each generator builds it (tests that must hold for both)."""
    return Path(
        request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")
    )


def copy_project(target: Path, spanish: bool = False) -> Path:
    """A copy of the repository (without build output and tool caches) to change or break.
    The build's own `.build-cache/` comes along: its entries are keyed by what they were made
    from, so the copy reuses only what its changes leave as it was.

    English only unless `spanish`: without mkdocs.es.yml the build makes no Spanish site, so a
    test that changes an English page is not stopped by its translation's source_hash (and
    builds in half the time). tests/test_spanish_site.py breaks bilingual copies."""
    spanish_files = () if spanish else ("mkdocs.es.yml", "docs-es")
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            *spanish_files,
            ".git",
            ".venv",
            "site",
            "__pycache__",
            ".pytest_cache",
            "node_modules",
            ".zensical.yml",
            ".zensical-site",
            ".cache",
        ),
    )
    return target


@contextlib.contextmanager
def serve(
    handler: Callable[..., http.server.BaseHTTPRequestHandler], path: str = "/"
) -> Iterator[str]:
    """Serve on 127.0.0.1 at a free port in a background thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1, as a browser sees it."""
    with serve(functools.partial(_QuietHandler, directory=str(built_site))) as url:
        yield url


def chromium_launch_options() -> dict[str, object]:
    """Debian's Chromium when present; otherwise Playwright's own browser."""
    options: dict[str, object] = {"headless": True, "args": CHROMIUM_ARGS}
    if DEBIAN_CHROMIUM.exists():
        options["executable_path"] = str(DEBIAN_CHROMIUM)
    return options


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        yield browser
        browser.close()


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A throwaway copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def bilingual_project(tmp_path: Path) -> Path:
    """A throwaway copy with the Spanish site too."""
    return copy_project(tmp_path / "project", spanish=True)


# --- Trust gate (issue 7): the built site served the way GitHub Pages serves it. ---
class _GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under site_url's path (e.g. /dry-needling/) and 404.html for missing files."""

    base_path = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(self.base_path):
            self.path = "/" + self.path[len(self.base_path) :]
            if Path(self.translate_path(self.path)).exists():
                return super().send_head()
        not_found = Path(self.directory) / "404.html"
        body = not_found.read_bytes() if not_found.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@pytest.fixture(scope="session")
def pages_site_url(built_site: Path) -> Iterator[str]:
    """Like `site_url`, but at the same path as on GitHub Pages, so 404.html's absolute links work."""
    from urllib.parse import urlparse

    from scripts.readers.yaml_lines import load_yaml

    config = load_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    base_path = urlparse(str(config.get("site_url") or "/")).path or "/"
    handler_class = type("_Handler", (_GitHubPagesHandler,), {"base_path": base_path})
    with serve(functools.partial(handler_class, directory=str(built_site)), base_path) as url:
        yield url


@dataclass(frozen=True)
class ServedSite:
    path: Path
    url: str


@pytest.fixture(scope="session")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A copy of the site with a test video id (and duration), built once and served.

    site_url is the test server's own address, so canonical and sitemap links point at it.
    """
    project = copy_project(tmp_path_factory.mktemp("video-site") / "project")
    site_dir = project / "site"
    site_dir.mkdir()
    with serve(functools.partial(_QuietHandler, directory=str(site_dir))) as url:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = text.replace('    id: ""', f'    id: "{TEST_VIDEO_ID}"', 1).replace(
            '    duration: ""', '    duration: "4:05"', 1
        )
        text = re.sub(r"^site_url: .*$", f"site_url: {url}", text, count=1, flags=re.MULTILINE)
        config.write_text(text, encoding="utf-8")
        result = build_site(project, site_dir)
        if result.returncode != 0:
            pytest.fail(
                f"build with a video id failed:\n{result.stdout}\n{result.stderr}", pytrace=False
            )
        yield ServedSite(site_dir, url)
