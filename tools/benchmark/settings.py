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
# A new connection's first round trip carries 10 TCP segments (initial congestion window,
# RFC 6928) of about 1,460 bytes: about 14 KB. A page whose gzipped HTML fits arrives in one
# round trip; at 14.3 KB the Referred pain page's first paint went from 1.05 s to 1.21 s.
# tests/test_page_html.py holds every built page (both languages) to it.
FIRST_ROUND_TRIP_BYTES = 14 * 1024

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
