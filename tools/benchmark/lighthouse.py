"""Running Lighthouse (mobile preset) and reading its reports."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tools.benchmark.settings import (
    CATEGORIES,
    CHROME_FLAGS,
    LIGHTHOUSE_TIMEOUT_SECONDS,
    METRIC_AUDITS,
    ROOT,
    BenchmarkError,
    Json,
    log,
)


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


def run_lighthouse(
    lighthouse: Path, url: str, report_path: Path, chrome: str, flags: tuple[str, ...] = ()
) -> Json:
    """One Lighthouse run; a run that crashes (it happens on a busy machine) is tried once more.
    `flags`: more Chromium flags (the HTTP/2 run's certificate)."""
    try:
        return lighthouse_once(lighthouse, url, report_path, chrome, flags)
    except BenchmarkError as error:
        log(f"Lighthouse run failed, trying once more: {str(error)[:300]}")
        return lighthouse_once(lighthouse, url, report_path, chrome, flags)


def lighthouse_once(
    lighthouse: Path, url: str, report_path: Path, chrome: str, flags: tuple[str, ...] = ()
) -> Json:
    """One Lighthouse run (default mobile preset, simulated throttling); returns the JSON report."""
    command = [
        str(lighthouse),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join([*CHROME_FLAGS, *flags])}",
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
    flags: tuple[str, ...] = (),
    label: str = "",
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
                    flags,
                )
                summary = summarise_report(report)
                summary["lighthouse_version"] = report.get("lighthouseVersion")
                per_site[site].append(summary)
                scores = " ".join(f"{summary['scores'][c]:.2f}" for c in CATEGORIES)
                log(
                    f"[{label}{site}] {page} run {run}/{runs}: scores {scores}, FCP {summary['fcp_ms']:.0f} ms, "
                    f"LCP {summary['lcp_ms']:.0f} ms, {summary['transfer_bytes'] / 1024:.1f} KiB"
                )
        results[page] = {}
        for site, site_runs in per_site.items():
            median = dict(site_runs[median_run_index(site_runs)])
            median["runs"] = [run_compact(run) for run in site_runs]
            results[page][site] = median
    return results
