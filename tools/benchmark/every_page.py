"""Lighthouse on every built page of both languages, ours only, as GitHub Pages serves them.

The full benchmark (`python -m tools.benchmark`) compares each page with the bare-HTML floor
and stock Material, so it only measures pages that stock Material also builds (the English
ones). This sweep answers the simpler question "is every page, Spanish included, at 1.00 in all
four categories, with FCP and LCP in budget?" and writes `benchmarks/every-page.md`:

    python3 -m uv run --locked python -m tools.benchmark.every_page --runs 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from tools.benchmark.bars import FCP_OVER_FLOOR, LCP_OVER_FCP
from tools.benchmark.builds import build_ours
from tools.benchmark.floor import make_floor_site
from tools.benchmark.lighthouse import (
    chromium_path,
    ensure_lighthouse,
    median_run_index,
    run_lighthouse,
    summarise_report,
)
from tools.benchmark.pages import built_page_paths, load_mkdocs_yaml
from tools.benchmark.report import machine_info, markdown_table, seconds
from tools.benchmark.run import site_path
from tools.benchmark.server import make_certificate, serve_http2
from tools.benchmark.settings import CATEGORIES, ROOT, SUMMARY_COLUMNS, BenchmarkError, Json, log

# The bars every page must meet (issues 8, 14 and 17): four scores at 1.00, FCP and LCP.
SCORE_BAR = 1.0
FCP_BAR_MS = 1200.0
LCP_BAR_MS = 1500.0
# The full benchmark's summary columns without its comparison with stock Material (requests).
EVERY_PAGE_COLUMNS = tuple(column for column in SUMMARY_COLUMNS if column != "Requests")


def page_verdict(summary: Json) -> list[str]:
    """What a page's median run misses; empty when it meets every bar."""
    misses = [
        f"{category} {summary['scores'][category]:.2f}"
        for category in CATEGORIES
        if (summary["scores"][category] or 0) < SCORE_BAR
    ]
    if summary["fcp_ms"] > FCP_BAR_MS:
        misses.append(f"FCP {seconds(summary['fcp_ms'])}")
    if summary["lcp_ms"] > LCP_BAR_MS:
        misses.append(f"LCP {seconds(summary['lcp_ms'])}")
    floor = summary.get("floor_fcp_ms")
    if floor and summary["fcp_ms"] > FCP_OVER_FLOOR * floor:
        misses.append(f"FCP {summary['fcp_ms'] / floor:.2f} × floor")
    if summary["lcp_ms"] > LCP_OVER_FCP * summary["fcp_ms"]:
        misses.append(f"LCP {summary['lcp_ms'] / summary['fcp_ms']:.2f} × FCP")
    if summary["external_requests"]:
        misses.append(f"requests to other sites: {summary['external_requests']}")
    return misses


def render(results: Json) -> str:
    rows = []
    for page, summary in results["pages"].items():
        misses = page_verdict(summary)
        rows.append(
            [
                f"`{page}`",
                *(f"{summary['scores'][category]:.2f}" for category in CATEGORIES),
                seconds(summary["fcp_ms"]),
                (
                    f"{summary['fcp_ms'] / summary['floor_fcp_ms']:.2f} "
                    f"(floor {seconds(summary['floor_fcp_ms'])})"
                    if summary.get("floor_fcp_ms")
                    else "–"
                ),
                seconds(summary["lcp_ms"]),
                f"{summary['lcp_ms'] / summary['fcp_ms']:.2f}",
                f"{summary['tbt_ms']:.0f} ms",
                f"{summary['cls']:.3f}",
                f"{summary['transfer_bytes'] / 1024:.1f} KiB",
                "✅" if not misses else "❌ " + ", ".join(misses),
            ]
        )
    failing = [page for page, summary in results["pages"].items() if page_verdict(summary)]
    machine = results["machine"]
    return "\n".join(
        [
            "# Lighthouse on every page (both languages)",
            "",
            (
                "Written by `python -m tools.benchmark.every_page`; do not edit by hand. Served over "
                "HTTP/2 with TLS on 127.0.0.1 under the site's path, gzip, as GitHub Pages serves. "
                f"Lighthouse mobile preset, {results['runs']} run(s) per page, median kept."
            ),
            "",
            f"- Date: {results['date']}",
            (
                f"- Machine: {machine['cpu_model']}, {machine['cores']} cores; {machine['chromium']}; "
                f"Lighthouse {machine['lighthouse']}"
            ),
            (
                f"- Load average at start {results['load_start']}, at end {results['load_end']} "
                "(a busy machine lowers the performance score: TBT grows with the load)"
            ),
            (
                f"- Bars: all four scores {SCORE_BAR:.2f}, FCP ≤ {seconds(FCP_BAR_MS)}, "
                f"LCP ≤ {seconds(LCP_BAR_MS)}, FCP ≤ {FCP_OVER_FLOOR:g} × the floor's (the "
                "same page's HTML with no CSS and no JavaScript, measured in the same run, "
                f"median of its runs), LCP ≤ {LCP_OVER_FCP:g} × FCP, no request to another site."
            ),
            f"- Result: {len(results['pages']) - len(failing)} of {len(results['pages'])} pages "
            "meet every bar" + (f"; failing: {', '.join(failing)}" if failing else "."),
            "",
            markdown_table(
                EVERY_PAGE_COLUMNS,
                rows,
            ),
            "",
        ]
    )


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def sweep(out_dir: Path, runs: int, only: tuple[str, ...] = ()) -> Json:
    lighthouse = ensure_lighthouse()
    chrome = chromium_path()
    config = load_mkdocs_yaml(ROOT / "mkdocs.yml")
    load_start = load_average()
    report_dir = out_dir / "benchmarks" / "tmp" / "every-page"
    with tempfile.TemporaryDirectory(prefix="every-page-") as temp:
        work = Path(temp)
        site = work / "ours"
        build_ours(site, 1)
        floor_site = make_floor_site(site, work / "floor")
        pages = sorted(built_page_paths(site), key=lambda page: (page.startswith("/es/"), page))
        if only:
            unknown = sorted(set(only) - set(pages))
            if unknown:
                raise BenchmarkError(f"--page: no such built page: {', '.join(unknown)}")
            pages = [page for page in pages if page in only]
        cert, key, spki = make_certificate(work / "certificate")
        flags = (f"--ignore-certificate-errors-spki-list={spki}",)
        measured: dict[str, Json] = {}
        with (
            serve_http2(site, cert, key, site_path(config)) as base_url,
            serve_http2(floor_site, cert, key, site_path(config)) as floor_url,
        ):
            for page in pages:
                slug = page.strip("/").replace("/", "_") or "home"

                def measure(
                    url: str, name: str, run: int, page: str = page, slug: str = slug
                ) -> Json:
                    report_path = report_dir / f"{slug}-{name}-run{run}.json"
                    report = run_lighthouse(
                        lighthouse, url + page.lstrip("/"), report_path, chrome, flags
                    )
                    return summarise_report(report)

                floor_fcp, page_runs = [], []
                for run in range(1, runs + 1):  # the floor just before ours, in the same run
                    floor_fcp.append(measure(floor_url, "floor", run)["fcp_ms"])
                    page_runs.append(measure(base_url, "ours", run))
                measured[page] = {
                    **page_runs[median_run_index(page_runs)],
                    "floor_fcp_ms": statistics.median(floor_fcp),
                }
                misses = page_verdict(measured[page])
                log(
                    f"[every page] {page}: " + ("all bars met" if not misses else ", ".join(misses))
                )
    results: Json = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(chrome, lighthouse),
        "runs": runs,
        "load_start": load_start,
        "load_end": load_average(),
        "pages": measured,
    }
    (out_dir / "benchmarks").mkdir(parents=True, exist_ok=True)
    (out_dir / "benchmarks" / "every-page.json").write_text(
        json.dumps(results, indent=1) + "\n", "utf-8"
    )
    (out_dir / "benchmarks" / "every-page.md").write_text(render(results), "utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.benchmark.every_page")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--out", type=Path, default=ROOT, help="where benchmarks/ goes")
    parser.add_argument(
        "--page", action="append", default=[], help="only this page (/es/safety/); repeatable"
    )
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be 1 or more")
    try:
        results = sweep(options.out.resolve(), options.runs, tuple(options.page))
    except BenchmarkError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return 2
    failing = [page for page, summary in results["pages"].items() if page_verdict(summary)]
    log(f"Wrote {options.out / 'benchmarks' / 'every-page.md'}")
    log("Every page meets every bar." if not failing else f"Failing: {', '.join(failing)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
