"""One benchmark run, and the command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from tools.benchmark.builds import build_baseline, build_ours
from tools.benchmark.floor import make_floor_site
from tools.benchmark.lighthouse import chromium_path, ensure_lighthouse, measure_pages
from tools.benchmark.pages import (
    benchmark_pages,
    built_page_paths,
    load_mkdocs_yaml,
    page_features,
    page_html,
)
from tools.benchmark.preview import PREVIEW_BAR
from tools.benchmark.report import assemble_results, machine_info, render_markdown
from tools.benchmark.scaling import measure_scaling
from tools.benchmark.server import make_certificate, serve, serve_http2
from tools.benchmark.settings import PROTOCOLS, ROOT, BenchmarkError, Json, log


def site_path(config: Json) -> str:
    """The path GitHub Pages serves the site under: `/dry-needling/` from site_url."""
    return urlsplit(str(config.get("site_url") or "")).path or "/"


def run_benchmark(
    out_dir: Path,
    page_limit: int | None,
    runs: int,
    build_runs: int,
    protocols: tuple[str, ...] = tuple(PROTOCOLS),
    scaling: tuple[int, ...] = (),
) -> Json:
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
        sites = {
            "ours": ours_site,
            "floor": make_floor_site(ours_site, work / "floor"),
            "baseline": baseline_site,
        }
        mount = site_path(our_config)
        cert, key, spki = make_certificate(work / "certificate")
        measured: dict[str, dict[str, dict[str, Json]]] = {}
        for protocol in protocols:
            with contextlib.ExitStack() as servers:
                urls = {
                    name: servers.enter_context(
                        serve_http2(site, cert, key, mount)
                        if protocol == "h2"
                        else serve(site, mount)
                    )
                    for name, site in sites.items()
                }
                flags = (f"--ignore-certificate-errors-spki-list={spki}",)
                measured[protocol] = measure_pages(
                    lighthouse,
                    chrome,
                    urls,
                    pages,
                    runs,
                    report_dir / protocol,
                    flags if protocol == "h2" else (),
                    f"{protocol} ",
                )
        grown = measure_scaling(work / "scaling", scaling) if scaling else None
    kept_scaling = out_dir / "benchmarks" / "scaling.json"
    if grown is None and kept_scaling.is_file():  # the last `tools.benchmark.scaling` run
        grown = json.loads(kept_scaling.read_text("utf-8"))
    kept_preview = out_dir / "benchmarks" / "preview.json"  # the last preview run
    preview = json.loads(kept_preview.read_text("utf-8")) if kept_preview.is_file() else None
    results = assemble_results(measured, features, build_seconds, baseline_seconds, machine, runs)
    results["pages_not_compared"] = not_in_baseline
    if grown is not None:
        results["scaling"] = grown
        results["bars"] += grown["checks"]
    if preview is not None:
        results["preview"] = preview
        results["bars"].append(
            {"bar": PREVIEW_BAR, "passed": preview["passed"], "failing_pages": []}
        )
    (out_dir / "benchmarks").mkdir(parents=True, exist_ok=True)
    (out_dir / "benchmarks" / "results.json").write_text(
        json.dumps(results, indent=1) + "\n", "utf-8"
    )
    (out_dir / "BENCHMARKS.md").write_text(render_markdown(results), "utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.benchmark",
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
    parser.add_argument(
        "--scaling",
        default="5,20,50",
        help="grow the site to these multiples of its pages and time the builds ('none': "
        "skip, and show benchmarks/scaling.json's last run if there is one)",
    )
    parser.add_argument(
        "--protocols",
        default=",".join(PROTOCOLS),
        help=f"which of {', '.join(PROTOCOLS)} to measure (comma-separated; default: both)",
    )
    options = parser.parse_args(argv)
    if (
        options.runs < 1
        or options.build_runs < 1
        or (options.pages is not None and options.pages < 1)
    ):
        parser.error("--pages, --runs and --build-runs must be 1 or more")
    protocols = tuple(name.strip() for name in options.protocols.split(",") if name.strip())
    if not protocols or set(protocols) - set(PROTOCOLS):
        parser.error(f"--protocols: choose from {', '.join(PROTOCOLS)}")
    try:
        factors = tuple(
            int(factor)
            for factor in options.scaling.split(",")
            if factor.strip() not in ("", "none")
        )
    except ValueError:
        parser.error("--scaling: whole numbers above 1, comma-separated, or none")
    if any(factor < 2 for factor in factors):
        parser.error("--scaling: whole numbers above 1, comma-separated, or none")
    try:
        results = run_benchmark(
            options.out.resolve(),
            options.pages,
            options.runs,
            options.build_runs,
            protocols,
            factors,
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
