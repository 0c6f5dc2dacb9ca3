"""Settings every part of the benchmark shares: paths, Lighthouse, serving, table columns."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
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

# Pages carrying one of these (class names from CONTRACTS.md) get the larger transfer budget.
HEAVY_FEATURES = {"body map": "pain-map", "video poster": "demo-video"}

# GitHub Pages gzips text responses (level: scripts/steps/page_html.py); these are the types it
# compresses.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)
CACHE_CONTROL = "max-age=600"

# How GitHub Pages serves (HTTP/2 over TLS), and HTTP/1.1 to show what connection reuse does.
PROTOCOLS = {"h2": "HTTP/2 over TLS", "http1": "HTTP/1.1"}

TABLE_COLUMNS = (
    "Metric",
    "Ours",
    "Floor",
    "Ours ÷ floor",
    "Baseline",
    "Ours ÷ baseline",
    "Bar",
    "Ours meets bar",
)
SUMMARY_COLUMNS = (
    "Page",
    "Perf",
    "A11y",
    "Best pr.",
    "SEO",
    "FCP",
    "FCP ÷ floor",
    "LCP",
    "LCP ÷ FCP",
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
