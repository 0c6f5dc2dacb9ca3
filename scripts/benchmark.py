"""Benchmark our site against a stock Material site with Lighthouse (mobile), side by side.

    python -m scripts.benchmark [--pages N] [--runs 3] [--build-runs 5] [--out DIR]

One run builds our site (strict, timed `--build-runs` times) and a baseline site (the same
`docs/` with a default Material `mkdocs.yml`), serves each on 127.0.0.1 the way GitHub Pages
does (gzip, ETag, `Cache-Control: max-age=600`), runs Lighthouse `--runs` times on the home
page and every built page, keeps the median run as Lighthouse recommends, and writes
`DIR/BENCHMARKS.md` and `DIR/benchmarks/results.json`. Raw Lighthouse reports go to
`DIR/benchmarks/tmp/` (not committed). Nothing here changes throttling or special-cases
Lighthouse: it measures what a patient's phone would get.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import email.utils
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import yaml

from scripts.yaml_lines import load_yaml

ROOT = Path(__file__).resolve().parent.parent
Json = dict[str, Any]

CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_LABELS = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
METRIC_AUDITS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "interactive_ms": "interactive",
}
LIGHTHOUSE_TIMEOUT_SECONDS = 300

# The bars from issue 8, quoted in BENCHMARKS.md.
FCP_MAX_MS = 1200.0
LCP_MAX_MS = 1500.0
CLS_SHOWN_AS_ZERO = 0.0005  # "CLS 0": Lighthouse's value rounds to 0.000
TEXT_PAGE_MAX_BYTES = 80 * 1024
FEATURE_PAGE_MAX_BYTES = 150 * 1024
BUILD_MAX_SECONDS = 5.0
# Pages carrying one of these (class names from CONTRACTS.md) get the larger transfer budget.
HEAVY_FEATURES = {"body map": "pain-map", "video poster": "demo-video"}

# GitHub Pages gzips text responses; these are the types it compresses.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)
GZIP_LEVEL = 6
CACHE_CONTROL = "max-age=600"

TABLE_COLUMNS = ("Metric", "Ours", "Baseline", "Ours ÷ baseline", "Bar", "Ours meets bar")
SUMMARY_COLUMNS = (
    "Page",
    "Perf",
    "A11y",
    "Best pr.",
    "SEO",
    "FCP",
    "LCP",
    "TBT",
    "CLS",
    "Transferred",
    "Requests",
    "All bars",
)


class BenchmarkError(Exception):
    """A problem a person can fix; printed without a traceback."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Pages ------------------------------------------------------------------------------------


def load_mkdocs_yaml(path: Path) -> Json:
    """Read mkdocs.yml, ignoring MkDocs/pymdown tags such as !ENV and !!python/name."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise BenchmarkError(f"{path}:1: this is not a MkDocs configuration. Check the file.")
    return data


def nav_markdown_files(nav: object) -> list[str]:
    """Every Markdown file named in a MkDocs nav, in order, at any depth."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [path for item in nav for path in nav_markdown_files(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_markdown_files(value)]
    return []


def page_url_path(markdown_file: str) -> str:
    """URL path of a page with MkDocs' directory URLs: `a/b.md` -> `/a/b/`, `index.md` -> `/`."""
    stem = markdown_file.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return "/" + stem.lstrip("/")


def built_page_paths(site_dir: Path) -> list[str]:
    """URL paths of every built HTML page (directory URLs), excluding the 404 page."""
    paths = []
    for index in site_dir.rglob("index.html"):
        relative = index.parent.relative_to(site_dir).as_posix()
        paths.append("/" if relative == "." else f"/{relative}/")
    return paths


def benchmark_pages(site_dir: Path, nav: object, limit: int | None = None) -> list[str]:
    """The home page first, then every page in nav order, then any other built page."""
    built = set(built_page_paths(site_dir))
    ordered = ["/"] + [page_url_path(path) for path in nav_markdown_files(nav)] + sorted(built)
    pages: list[str] = []
    for path in ordered:
        if path in built and path not in pages:
            pages.append(path)
    return pages[:limit] if limit else pages


def page_features(html: str) -> list[str]:
    """Which heavier features (body map, video poster) a built page carries."""
    return [
        feature
        for feature, class_name in HEAVY_FEATURES.items()
        if re.search(rf'class="[^"]*\b{re.escape(class_name)}\b', html)
    ]


def page_html(site_dir: Path, url_path: str) -> str:
    file = site_dir / url_path.strip("/") / "index.html"
    return file.read_text(encoding="utf-8") if file.is_file() else ""


# --- Builds -----------------------------------------------------------------------------------


def mkdocs_build(
    config_file: Path, site_dir: Path, *, strict: bool, cwd: Path
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """One full `mkdocs build` in a fresh process; returns wall-clock seconds and the process."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-f",
        str(config_file),
        "--site-dir",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - started, result


def build_ours(site_dir: Path, runs: int) -> list[float]:
    """Build our site strictly `runs` times (timed); the last build stays in site_dir."""
    seconds = []
    for run in range(1, runs + 1):
        elapsed, result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, strict=True, cwd=ROOT)
        if result.returncode != 0:
            raise BenchmarkError(
                "mkdocs.yml: `mkdocs build --strict` failed. Fix the build first:\n"
                + (result.stdout + result.stderr)[-3000:]
            )
        log(f"build {run}/{runs}: {elapsed:.2f} s")
        seconds.append(elapsed)
    return seconds


def baseline_config(our_config: Json, docs_dir: Path) -> Json:
    """A default Material configuration for the same Markdown: site name, theme, nav only."""
    config: Json = {"site_name": our_config.get("site_name", "Site"), "theme": {"name": "material"}}
    config["docs_dir"] = str(docs_dir)
    if our_config.get("nav"):
        config["nav"] = our_config["nav"]
    return config


def build_baseline(our_config: Json, work_dir: Path, site_dir: Path) -> float:
    """Build the stock Material site (not strict: it may warn about things only our hooks know)."""
    docs_dir = ROOT / str(our_config.get("docs_dir", "docs"))
    config_file = work_dir / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(baseline_config(our_config, docs_dir), sort_keys=False), "utf-8"
    )
    elapsed, result = mkdocs_build(config_file, site_dir, strict=False, cwd=work_dir)
    if result.returncode != 0:
        raise BenchmarkError(
            "The baseline (stock Material) build failed:\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    log(f"baseline build: {elapsed:.2f} s")
    return elapsed


# --- A GitHub-Pages-like static server --------------------------------------------------------


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE_TYPES)


def content_type_for(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed


class PagesLikeHandler(http.server.BaseHTTPRequestHandler):
    """Serves a built site like GitHub Pages: gzip for text, ETag, max-age=600, 404.html, `/dir` -> `/dir/`."""

    protocol_version = "HTTP/1.1"
    site_dir: Path = Path()
    _bodies: ClassVar[dict[tuple[str, float, bool], tuple[bytes, str]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def _resolve(self, url_path: str) -> Path | None:
        root = self.site_dir.resolve()
        target = (root / unquote(url_path).lstrip("/")).resolve()
        if target != root and root not in target.parents:
            return None
        return target

    def _respond(self, *, send_body: bool) -> None:
        url_path = urlsplit(self.path).path
        target = self._resolve(url_path)
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                self._send(301, b"", {"Location": url_path + "/"}, send_body=send_body)
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            not_found = self.site_dir / "404.html"
            body = not_found.read_bytes() if not_found.is_file() else b"Not found"
            self._send(404, body, {"Content-Type": "text/html; charset=utf-8"}, send_body=send_body)
            return
        content_type = content_type_for(target)
        gzip_ok = is_compressible(content_type) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        body, etag = self._body(target, gzip_ok)
        headers = {
            "Content-Type": content_type,
            "Cache-Control": CACHE_CONTROL,
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(target.stat().st_mtime, usegmt=True),
        }
        if is_compressible(content_type):
            headers["Vary"] = "Accept-Encoding"
        if gzip_ok:
            headers["Content-Encoding"] = "gzip"
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", headers, send_body=False)
            return
        self._send(200, body, headers, send_body=send_body)

    def _body(self, target: Path, gzip_ok: bool) -> tuple[bytes, str]:
        key = (str(target), target.stat().st_mtime, gzip_ok)
        with self._lock:
            cached = self._bodies.get(key)
        if cached is None:
            raw = target.read_bytes()
            digest = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
            if gzip_ok:
                cached = (gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0), f'W/"{digest}"')
            else:
                cached = (raw, f'"{digest}"')
            with self._lock:
                self._bodies[key] = cached
        return cached

    def _send(self, status: int, body: bytes, headers: dict[str, str], *, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if status != 304 else 0))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 (a free port); yields the base URL ending in `/`."""
    handler = type("SiteHandler", (PagesLikeHandler,), {"site_dir": site_dir, "_bodies": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- Lighthouse -------------------------------------------------------------------------------


def ensure_lighthouse(root: Path = ROOT) -> Path:
    """The pinned Lighthouse from package-lock.json; runs `npm ci` if it is not installed yet."""
    lighthouse = root / "node_modules" / ".bin" / "lighthouse"
    if lighthouse.exists():
        if shutil.which("node") is None:
            raise BenchmarkError(
                "Node.js is missing. Lighthouse needs it: install Node.js 20 or newer "
                "(Debian: `apt-get install nodejs npm`), then run the benchmark again."
            )
        return lighthouse
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise BenchmarkError(
            "Node.js and npm are missing. The benchmark installs Lighthouse with `npm ci` from "
            "package-lock.json: install Node.js 20 or newer with npm (Debian: `apt-get install nodejs npm`), "
            "then run the benchmark again."
        )
    log("Installing the pinned Lighthouse: npm ci --ignore-scripts")
    # No install scripts: package.json also pins IBM's checker, whose script reports to IBM.
    result = subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=root,
        env={**os.environ, "IBM_TELEMETRY_DISABLED": "true", "PUPPETEER_SKIP_DOWNLOAD": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not lighthouse.exists():
        raise BenchmarkError(
            "package-lock.json: `npm ci` could not install Lighthouse:\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    return lighthouse


def playwright_chromium() -> str:
    with contextlib.suppress(Exception):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            return str(playwright.chromium.executable_path)
    return ""


def chromium_path() -> str:
    """CHROME_PATH if set, else Debian's /usr/bin/chromium, else a Chromium/Chrome on PATH,
    else the Chromium that Playwright installed (as on CI runners without Debian's)."""
    candidates = [os.environ.get("CHROME_PATH", ""), "/usr/bin/chromium"]
    candidates += [
        shutil.which(name) or "" for name in ("chromium", "chromium-browser", "google-chrome")
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    fallback = playwright_chromium()
    if fallback and Path(fallback).exists():
        return fallback
    raise BenchmarkError(
        "No Chromium found. Install it (Debian: `apt-get install chromium`) or set CHROME_PATH."
    )


def run_lighthouse(lighthouse: Path, url: str, report_path: Path, chrome: str) -> Json:
    """One Lighthouse run; a run that crashes (it happens on a busy machine) is tried once more."""
    try:
        return lighthouse_once(lighthouse, url, report_path, chrome)
    except BenchmarkError as error:
        log(f"Lighthouse run failed, trying once more: {str(error)[:300]}")
        return lighthouse_once(lighthouse, url, report_path, chrome)


def lighthouse_once(lighthouse: Path, url: str, report_path: Path, chrome: str) -> Json:
    """One Lighthouse run (default mobile preset, simulated throttling); returns the JSON report."""
    command = [
        str(lighthouse),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--no-enable-error-reporting",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.unlink(missing_ok=True)
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=LIGHTHOUSE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(
            f"Lighthouse took over {LIGHTHOUSE_TIMEOUT_SECONDS} s on {url}."
        ) from error
    if result.returncode != 0 or not report_path.is_file():
        raise BenchmarkError(
            f"Lighthouse failed on {url}:\n{(result.stdout + result.stderr)[-3000:]}"
        )
    report: Json = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        runtime_error = report["runtimeError"]
        raise BenchmarkError(
            f"Lighthouse could not load {url}: {runtime_error.get('code')}: {runtime_error.get('message')}"
        )
    return report


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1") or not url.startswith("http")


def failed_audits(report: Json) -> list[Json]:
    """Audits in the four categories that scored below 1, with their weight in the category."""
    weights: dict[str, float] = {}
    categories: dict[str, list[str]] = {}
    for category_id in CATEGORIES:
        for ref in report["categories"].get(category_id, {}).get("auditRefs", []):
            weights[ref["id"]] = max(weights.get(ref["id"], 0.0), float(ref.get("weight", 0)))
            categories.setdefault(ref["id"], []).append(category_id)
    failures = []
    for audit_id, audit in report["audits"].items():
        score = audit.get("score")
        if audit_id not in weights or score is None or score >= 1:
            continue
        if audit.get("scoreDisplayMode") in ("informative", "notApplicable", "manual", "error"):
            continue
        failures.append(
            {
                "id": audit_id,
                "title": audit.get("title", audit_id),
                "score": score,
                "weight": weights[audit_id],
                "categories": categories[audit_id],
                "display_value": audit.get("displayValue", ""),
            }
        )
    return sorted(failures, key=lambda failure: (-failure["weight"], failure["id"]))


def summarise_report(report: Json) -> Json:
    """The figures we keep from one Lighthouse report."""
    audits = report["audits"]
    all_requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    # data: URIs (icons inside Material's CSS) are not network requests.
    requests = [item for item in all_requests if not item["url"].startswith(("data:", "blob:"))]
    summary: Json = {
        "scores": {category: report["categories"][category]["score"] for category in CATEGORIES},
        **{name: audits[audit_id].get("numericValue") for name, audit_id in METRIC_AUDITS.items()},
        "transfer_bytes": sum(int(item.get("transferSize") or 0) for item in requests),
        "requests": len(requests),
        "external_requests": sorted(
            {item["url"] for item in requests if not is_local(item["url"])}
        ),
        "resources": [
            {
                "path": urlsplit(item["url"]).path if is_local(item["url"]) else item["url"],
                "type": item.get("resourceType", ""),
                "transfer_bytes": int(item.get("transferSize") or 0),
                "status": item.get("statusCode"),
            }
            for item in requests
        ],
        "failed_audits": failed_audits(report),
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "warnings": report.get("runWarnings", []),
    }
    return summary


def median_run_index(runs: list[Json]) -> int:
    """Lighthouse's own median: the run closest to both the median FCP and the median TTI."""
    fcps = [float(run["fcp_ms"]) for run in runs]
    ttis = [float(run["interactive_ms"] or 0) for run in runs]
    median_fcp, median_tti = statistics.median(fcps), statistics.median(ttis)

    def distance(index: int) -> tuple[float, float]:
        return ((median_fcp - fcps[index]) ** 2 + (median_tti - ttis[index]) ** 2, ttis[index])

    return min(range(len(runs)), key=distance)


def run_compact(run: Json) -> Json:
    """A run without its resource and audit lists, for the JSON file."""
    return {
        key: value
        for key, value in run.items()
        if key not in ("resources", "failed_audits", "warnings")
    }


def measure_pages(
    lighthouse: Path,
    chrome: str,
    sites: dict[str, str],
    pages: list[str],
    runs: int,
    report_dir: Path,
) -> dict[str, dict[str, Json]]:
    """Lighthouse `runs` times per page per site (sites interleaved); keeps each median run."""
    results: dict[str, dict[str, Json]] = {}
    for page in pages:
        per_site: dict[str, list[Json]] = {site: [] for site in sites}
        for run in range(1, runs + 1):
            for site, base_url in sites.items():
                slug = page.strip("/").replace("/", "_") or "home"
                report = run_lighthouse(
                    lighthouse,
                    base_url + page.lstrip("/"),
                    report_dir / site / f"{slug}-run{run}.json",
                    chrome,
                )
                summary = summarise_report(report)
                summary["lighthouse_version"] = report.get("lighthouseVersion")
                per_site[site].append(summary)
                scores = " ".join(f"{summary['scores'][c]:.2f}" for c in CATEGORIES)
                log(
                    f"[{site}] {page} run {run}/{runs}: scores {scores}, FCP {summary['fcp_ms']:.0f} ms, "
                    f"LCP {summary['lcp_ms']:.0f} ms, {summary['transfer_bytes'] / 1024:.1f} KiB"
                )
        results[page] = {}
        for site, site_runs in per_site.items():
            median = dict(site_runs[median_run_index(site_runs)])
            median["runs"] = [run_compact(run) for run in site_runs]
            results[page][site] = median
    return results


# --- Bars -------------------------------------------------------------------------------------


def ours_only_resources(ours: Json, baseline: Json) -> list[Json]:
    """Resources our page loads that the baseline page does not (features the baseline lacks)."""
    baseline_paths = {resource["path"] for resource in baseline["resources"]}
    return [resource for resource in ours["resources"] if resource["path"] not in baseline_paths]


def page_checks(ours: Json, baseline: Json, features: list[str]) -> list[Json]:
    """Each bar for one page: what it is, our value, and pass or fail."""
    budget = FEATURE_PAGE_MAX_BYTES if features else TEXT_PAGE_MAX_BYTES
    extra = sum(resource["transfer_bytes"] for resource in ours_only_resources(ours, baseline))
    shared_bytes = ours["transfer_bytes"] - extra
    checks = [
        {
            "bar": f"{CATEGORY_LABELS[category]} 1.00",
            "passed": ours["scores"][category] >= 1,
        }
        for category in CATEGORIES
    ]
    checks += [
        {"bar": "FCP ≤ 1.2 s", "passed": ours["fcp_ms"] <= FCP_MAX_MS},
        {"bar": "LCP ≤ 1.5 s", "passed": ours["lcp_ms"] <= LCP_MAX_MS},
        {"bar": "CLS 0", "passed": ours["cls"] < CLS_SHOWN_AS_ZERO},
        {
            "bar": f"Transferred ≤ {budget // 1024} KiB"
            + (f" ({', '.join(features)})" if features else " (text page)"),
            "passed": ours["transfer_bytes"] <= budget,
        },
        {
            "bar": "No heavier than baseline, except itemised ours-only resources",
            "passed": ours["transfer_bytes"] <= baseline["transfer_bytes"]
            or shared_bytes <= baseline["transfer_bytes"],
        },
        {"bar": "No requests to other sites", "passed": not ours["external_requests"]},
    ]
    return checks


def build_check(build_seconds: list[float]) -> Json:
    median = statistics.median(build_seconds)
    return {
        "bar": f"Full strict build ≤ {BUILD_MAX_SECONDS:g} s (median)",
        "passed": median <= BUILD_MAX_SECONDS,
    }


# --- Machine ----------------------------------------------------------------------------------


def command_output(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return result.stdout.strip() or "unknown"


def machine_info(chrome: str, lighthouse: Path) -> Json:
    cpu_model = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    ram_gib: float | None = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    package = lighthouse.resolve().parent.parent / "package.json"
    lighthouse_version = "unknown"
    with contextlib.suppress(OSError, ValueError, KeyError):
        lighthouse_version = json.loads(package.read_text())["version"]
    return {
        "cpu_model": cpu_model,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": command_output(["node", "--version"]),
        "chromium": command_output([chrome, "--version"]),
        "lighthouse": lighthouse_version,
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


# --- Report -----------------------------------------------------------------------------------


def kib(value: float) -> str:
    return f"{value / 1024:.1f} KiB"


def seconds(value_ms: float) -> str:
    return f"{value_ms / 1000:.2f} s"


def ratio(ours: float, baseline: float) -> str:
    return f"{ours / baseline:.2f}" if baseline else "–"


def verdict(passed: bool) -> str:
    return "✅ pass" if passed else "❌ fail"


def markdown_table(columns: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += [
        "| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows
    ]
    return "\n".join(lines)


def page_rows(page: Json) -> list[list[str]]:
    ours, baseline = page["ours"], page["baseline"]
    checks = {check["bar"]: check["passed"] for check in page["checks"]}
    budget_bar = next(bar for bar in checks if bar.startswith("Transferred"))
    heavier_bar = next(bar for bar in checks if bar.startswith("No heavier"))
    rows = [
        [
            CATEGORY_LABELS[category],
            f"{ours['scores'][category]:.2f}",
            f"{baseline['scores'][category]:.2f}",
            ratio(ours["scores"][category], baseline["scores"][category]),
            "1.00",
            verdict(checks[f"{CATEGORY_LABELS[category]} 1.00"]),
        ]
        for category in CATEGORIES
    ]
    rows += [
        [
            "FCP",
            seconds(ours["fcp_ms"]),
            seconds(baseline["fcp_ms"]),
            ratio(ours["fcp_ms"], baseline["fcp_ms"]),
            "≤ 1.2 s",
            verdict(checks["FCP ≤ 1.2 s"]),
        ],
        [
            "LCP",
            seconds(ours["lcp_ms"]),
            seconds(baseline["lcp_ms"]),
            ratio(ours["lcp_ms"], baseline["lcp_ms"]),
            "≤ 1.5 s",
            verdict(checks["LCP ≤ 1.5 s"]),
        ],
        [
            "TBT",
            f"{ours['tbt_ms']:.0f} ms",
            f"{baseline['tbt_ms']:.0f} ms",
            ratio(ours["tbt_ms"], baseline["tbt_ms"]),
            "none",
            "–",
        ],
        [
            "CLS",
            f"{ours['cls']:.3f}",
            f"{baseline['cls']:.3f}",
            ratio(ours["cls"], baseline["cls"]),
            "0",
            verdict(checks["CLS 0"]),
        ],
        [
            "Transferred",
            kib(ours["transfer_bytes"]),
            kib(baseline["transfer_bytes"]),
            ratio(ours["transfer_bytes"], baseline["transfer_bytes"]),
            budget_bar.removeprefix("Transferred "),
            verdict(checks[budget_bar]),
        ],
        [
            "Transferred, less ours-only resources",
            kib(page["shared_bytes"]),
            kib(baseline["transfer_bytes"]),
            ratio(page["shared_bytes"], baseline["transfer_bytes"]),
            "≤ baseline",
            verdict(checks[heavier_bar]),
        ],
        [
            "Requests",
            str(ours["requests"]),
            str(baseline["requests"]),
            ratio(ours["requests"], baseline["requests"]),
            "none",
            "–",
        ],
        [
            "Requests to other sites",
            str(len(ours["external_requests"])),
            str(len(baseline["external_requests"])),
            "–",
            "0",
            verdict(checks["No requests to other sites"]),
        ],
        [
            "Host CPU benchmark index (Lighthouse; lower = busier machine)",
            f"{ours['benchmark_index'] or 0:.0f}",
            f"{baseline['benchmark_index'] or 0:.0f}",
            "–",
            "none",
            "–",
        ],
    ]
    return rows


def summary_row(page: Json) -> list[str]:
    ours, baseline = page["ours"], page["baseline"]

    def pair(ours_value: str, baseline_value: str) -> str:
        return f"{ours_value} ({baseline_value})"

    scores = [pair(f"{ours['scores'][c]:.2f}", f"{baseline['scores'][c]:.2f}") for c in CATEGORIES]
    passed = all(check["passed"] for check in page["checks"])
    return [
        f"`{page['path']}`",
        *scores,
        pair(seconds(ours["fcp_ms"]), seconds(baseline["fcp_ms"])),
        pair(seconds(ours["lcp_ms"]), seconds(baseline["lcp_ms"])),
        pair(f"{ours['tbt_ms']:.0f} ms", f"{baseline['tbt_ms']:.0f} ms"),
        pair(f"{ours['cls']:.3f}", f"{baseline['cls']:.3f}"),
        pair(kib(ours["transfer_bytes"]), kib(baseline["transfer_bytes"])),
        pair(str(ours["requests"]), str(baseline["requests"])),
        verdict(passed),
    ]


def render_markdown(results: Json) -> str:
    machine = results["machine"]
    build = results["build"]
    lines = [
        "# Benchmarks",
        "",
        (
            "Our site against a stock Material for MkDocs site built from the same `docs/` "
            "(default `mkdocs.yml`: site name, `theme: material`, same nav). Written by "
            '`python -m scripts.benchmark`; see README, "Benchmarks". Do not edit by hand.'
        ),
        "",
        f"- Date: {results['date']}",
        (
            f"- Machine: {machine['cpu_model']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM, "
            f"{machine['os']}; load average at start "
            f"{', '.join(map(str, machine['load_average_at_start']))}, at end "
            f"{', '.join(map(str, results['load_average_at_end']))}"
        ),
        (
            "- Other work on a shared machine slows the CPU Lighthouse measures: TBT and the "
            "performance score swing with the load (see each page's benchmark index)."
        ),
        f"- Chromium: {machine['chromium']}; Lighthouse {machine['lighthouse']} on Node.js {machine['node']}",
        (
            f"- Lighthouse: default mobile preset (simulated throttling), {results['runs_per_page']} "
            "run(s) per page, median run chosen the way Lighthouse does (closest to the median FCP and TTI)"
        ),
        (
            "- Served from 127.0.0.1 like GitHub Pages: gzip for text types, ETag, "
            "`Cache-Control: max-age=600` (HTTP/1.1; Pages itself uses HTTP/2)"
        ),
        "",
        "## Bars (issue 8)",
        "",
    ]
    bar_rows = []
    for bar in results["bars"]:
        failing = ", ".join(f"`{path}`" for path in bar["failing_pages"])
        bar_rows.append([bar["bar"], verdict(bar["passed"]), failing or "–"])
    lines += [markdown_table(("Bar", "Result", "Failing pages"), bar_rows), ""]
    if results.get("pages_not_compared"):
        not_compared = ", ".join(f"`{path}`" for path in results["pages_not_compared"])
        lines += [f"Not in the baseline build, so not measured: {not_compared}.", ""]
    lines += [
        "## Summary: ours (baseline)",
        "",
        markdown_table(SUMMARY_COLUMNS, [summary_row(page) for page in results["pages"]]),
        "",
        "## Full strict build",
        "",
        markdown_table(
            ("Build", "Median", "All runs", "Bar", "Result"),
            [
                [
                    "Ours: `mkdocs build --strict` (everything, PDF included when configured)",
                    f"{build['ours_median_seconds']:.2f} s",
                    ", ".join(f"{value:.2f}" for value in build["ours_seconds"]),
                    f"≤ {BUILD_MAX_SECONDS:g} s",
                    verdict(build["passed"]),
                ],
                [
                    "Baseline: stock Material, not strict (once, for reference)",
                    f"{build['baseline_seconds']:.2f} s",
                    f"{build['baseline_seconds']:.2f}",
                    "none",
                    "–",
                ],
            ],
        ),
        "",
        "## Pages",
        "",
    ]
    for page in results["pages"]:
        features = ", ".join(page["features"]) or "text page"
        lines += [
            f"### `{page['path']}` ({features})",
            "",
            markdown_table(TABLE_COLUMNS, page_rows(page)),
            "",
        ]
        extra = page["ours_only_resources"]
        if extra:
            lines.append("Ours-only resources (features the baseline lacks):")
            lines += [
                f"- `{item['path']}` ({item['type']}): {kib(item['transfer_bytes'])}"
                for item in extra
            ]
            lines.append("")
        if page["baseline"]["external_requests"]:
            lines.append(
                "Baseline requests to other sites (they fail offline here, so the baseline's bytes undercount "
                "what a patient would download):"
            )
            lines += [f"- {url}" for url in page["baseline"]["external_requests"]]
            lines.append("")
        if page["ours"]["warnings"]:
            lines.append("Lighthouse warnings on our page:")
            lines += [f"- {warning}" for warning in page["ours"]["warnings"]]
            lines.append("")
        failures = page["ours"]["failed_audits"]
        if failures:
            lines.append(
                "Lighthouse audits below 1 on our page (weight = share of the category score):"
            )
            lines += [
                f"- `{failure['id']}` ({', '.join(failure['categories'])}, weight {failure['weight']:g}, "
                f"score {failure['score']:.2f}): {failure['title']}"
                + (f" ({failure['display_value']})" if failure["display_value"] else "")
                for failure in failures
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def assemble_results(
    pages: dict[str, dict[str, Json]],
    features: dict[str, list[str]],
    build_seconds: list[float],
    baseline_seconds: float,
    machine: Json,
    runs: int,
) -> Json:
    page_results = []
    for path, sites in pages.items():
        ours, baseline = sites["ours"], sites["baseline"]
        extra = ours_only_resources(ours, baseline)
        page_results.append(
            {
                "path": path,
                "features": features[path],
                "checks": page_checks(ours, baseline, features[path]),
                "ours_only_resources": extra,
                "shared_bytes": ours["transfer_bytes"]
                - sum(item["transfer_bytes"] for item in extra),
                "ours": ours,
                "baseline": baseline,
            }
        )
    bars: list[Json] = []
    if page_results:
        for index, check in enumerate(page_results[0]["checks"]):
            label = check["bar"]
            if label.startswith("Transferred"):
                label = "Transferred ≤ 80 KiB (text pages) / ≤ 150 KiB (body map or video poster)"
            failing = [page["path"] for page in page_results if not page["checks"][index]["passed"]]
            bars.append({"bar": label, "passed": not failing, "failing_pages": failing})
    build = {
        "ours_seconds": build_seconds,
        "ours_median_seconds": statistics.median(build_seconds),
        "baseline_seconds": baseline_seconds,
        **build_check(build_seconds),
    }
    bars.append({"bar": build["bar"], "passed": build["passed"], "failing_pages": []})
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine,
        "runs_per_page": runs,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "chrome_flags": CHROME_FLAGS,
        "bars": bars,
        "build": build,
        "pages": page_results,
    }


# --- Entry point ------------------------------------------------------------------------------


def run_benchmark(out_dir: Path, page_limit: int | None, runs: int, build_runs: int) -> Json:
    lighthouse = ensure_lighthouse()
    chrome = chromium_path()
    machine = machine_info(chrome, lighthouse)
    our_config = load_mkdocs_yaml(ROOT / "mkdocs.yml")
    report_dir = out_dir / "benchmarks" / "tmp"
    if report_dir.exists():
        shutil.rmtree(report_dir)
    with tempfile.TemporaryDirectory(prefix="benchmark-") as temp:
        work = Path(temp)
        ours_site, baseline_site = work / "ours", work / "baseline"
        build_seconds = build_ours(ours_site, build_runs)
        (work / "baseline-config").mkdir()
        baseline_seconds = build_baseline(our_config, work / "baseline-config", baseline_site)
        pages = benchmark_pages(ours_site, our_config.get("nav"), page_limit)
        baseline_pages = set(built_page_paths(baseline_site))
        not_in_baseline = [page for page in pages if page not in baseline_pages]
        if not_in_baseline:
            log(f"Not in the baseline build, so not compared: {', '.join(not_in_baseline)}")
        pages = [page for page in pages if page in baseline_pages]
        features = {page: page_features(page_html(ours_site, page)) for page in pages}
        log(f"Pages: {', '.join(pages)}")
        with serve(ours_site) as ours_url, serve(baseline_site) as baseline_url:
            measured = measure_pages(
                lighthouse,
                chrome,
                {"ours": ours_url, "baseline": baseline_url},
                pages,
                runs,
                report_dir,
            )
    results = assemble_results(measured, features, build_seconds, baseline_seconds, machine, runs)
    results["pages_not_compared"] = not_in_baseline
    (out_dir / "benchmarks").mkdir(parents=True, exist_ok=True)
    (out_dir / "benchmarks" / "results.json").write_text(
        json.dumps(results, indent=1) + "\n", "utf-8"
    )
    (out_dir / "BENCHMARKS.md").write_text(render_markdown(results), "utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.benchmark",
        description="Lighthouse (mobile) on our site and a stock Material site, side by side.",
    )
    parser.add_argument(
        "--pages", type=int, default=None, help="only the first N pages (home first)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per page (median kept)"
    )
    parser.add_argument(
        "--build-runs", type=int, default=5, help="timed strict builds (median kept)"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT, help="where BENCHMARKS.md and benchmarks/ go"
    )
    options = parser.parse_args(argv)
    if (
        options.runs < 1
        or options.build_runs < 1
        or (options.pages is not None and options.pages < 1)
    ):
        parser.error("--pages, --runs and --build-runs must be 1 or more")
    try:
        results = run_benchmark(
            options.out.resolve(), options.pages, options.runs, options.build_runs
        )
    except BenchmarkError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return 2
    failed = [bar["bar"] for bar in results["bars"] if not bar["passed"]]
    log(f"Wrote {options.out / 'BENCHMARKS.md'} and {options.out / 'benchmarks' / 'results.json'}")
    log("All bars met." if not failed else "Bars not met: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
