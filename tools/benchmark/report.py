"""BENCHMARKS.md and results.json: the machine, the tables, the verdicts."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path

from tools.benchmark.bars import (
    BUILD,
    FCP,
    FCP_FLOOR_BAR,
    FEATURE_PAGE_TRANSFER,
    LCP,
    LCP_FCP_BAR,
    TEXT_PAGE_TRANSFER,
    build_check,
    ours_only_resources,
    page_checks,
)
from tools.benchmark.settings import (
    CATEGORIES,
    CATEGORY_LABELS,
    CHROME_FLAGS,
    PROTOCOLS,
    SUMMARY_COLUMNS,
    TABLE_COLUMNS,
    Json,
)


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
    ours, baseline, floor = page["ours"], page["baseline"], page["floor"]
    checks = {check["bar"]: check["passed"] for check in page["checks"]}
    budget_bar = next(bar for bar in checks if bar.startswith("Transferred"))
    heavier_bar = next(bar for bar in checks if bar.startswith("No heavier"))

    def row(
        metric: str, shown: Callable[[Json], str], value: str | None, bar: str, result: str
    ) -> list[str]:
        values = [ours, floor, baseline]
        numbers = [float(site[value]) if value else 0.0 for site in values]
        return [
            metric,
            shown(ours),
            shown(floor),
            ratio(numbers[0], numbers[1]) if value else "–",
            shown(baseline),
            ratio(numbers[0], numbers[2]) if value else "–",
            bar,
            result,
        ]

    def score(category: str) -> Callable[[Json], str]:
        return lambda site: f"{site['scores'][category]:.2f}"

    rows = [
        row(
            CATEGORY_LABELS[category],
            score(category),
            None,
            "1.00",
            verdict(checks[f"{CATEGORY_LABELS[category]} 1.00"]),
        )
        for category in CATEGORIES
    ]
    rows += [
        row(
            "FCP",
            lambda site: seconds(site["fcp_ms"]),
            "fcp_ms",
            f"{FCP.shown}; {FCP_FLOOR_BAR}",
            verdict(checks[FCP.label] and checks[FCP_FLOOR_BAR]),
        ),
        row(
            "LCP",
            lambda site: seconds(site["lcp_ms"]),
            "lcp_ms",
            f"{LCP.shown}; {LCP_FCP_BAR}",
            verdict(checks[LCP.label] and checks[LCP_FCP_BAR]),
        ),
        row("TBT", lambda site: f"{site['tbt_ms']:.0f} ms", "tbt_ms", "none", "–"),
        row("CLS", lambda site: f"{site['cls']:.3f}", None, "0", verdict(checks["CLS 0"])),
        row(
            "Transferred",
            lambda site: kib(site["transfer_bytes"]),
            "transfer_bytes",
            budget_bar.removeprefix("Transferred "),
            verdict(checks[budget_bar]),
        ),
        [
            "Transferred, less ours-only resources",
            kib(page["shared_bytes"]),
            "–",
            "–",
            kib(baseline["transfer_bytes"]),
            ratio(page["shared_bytes"], baseline["transfer_bytes"]),
            "≤ baseline",
            verdict(checks[heavier_bar]),
        ],
        row("Requests", lambda site: str(site["requests"]), "requests", "none", "–"),
        row(
            "Requests to other sites",
            lambda site: str(len(site["external_requests"])),
            None,
            "0",
            verdict(checks["No requests to other sites"]),
        ),
        row(
            "Host CPU benchmark index (Lighthouse; lower = busier machine)",
            lambda site: f"{site['benchmark_index'] or 0:.0f}",
            None,
            "none",
            "–",
        ),
    ]
    return rows


def summary_row(page: Json) -> list[str]:
    ours, baseline, floor = page["ours"], page["baseline"], page["floor"]

    def pair(ours_value: str, baseline_value: str) -> str:
        return f"{ours_value} ({baseline_value})"

    scores = [pair(f"{ours['scores'][c]:.2f}", f"{baseline['scores'][c]:.2f}") for c in CATEGORIES]
    passed = all(check["passed"] for check in page["checks"])
    return [
        f"`{page['path']}`",
        *scores,
        pair(seconds(ours["fcp_ms"]), seconds(baseline["fcp_ms"])),
        f"{ratio(ours['fcp_ms'], floor['fcp_ms'])} (floor {seconds(floor['fcp_ms'])})",
        pair(seconds(ours["lcp_ms"]), seconds(baseline["lcp_ms"])),
        ratio(ours["lcp_ms"], ours["fcp_ms"]),
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
            '`python -m tools.benchmark`; see README, "Benchmarks". Do not edit by hand.'
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
            "- Served from 127.0.0.1 like GitHub Pages, under the site's path: gzip for text "
            "types, ETag, `Cache-Control: max-age=600`; over "
            + " and over ".join(PROTOCOLS[p] for p in results["protocols"])
            + " (GitHub Pages uses HTTP/2; a self-signed certificate made for the run)"
        ),
        (
            "- Floor: the same page's HTML with no CSS and no JavaScript (the fastest first "
            "paint that page could have), measured in the same run"
        ),
        "",
        "## Bars (issues 8 and 18)",
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
    for protocol in results["protocols"]:
        pages = [page for page in results["pages"] if page["protocol"] == protocol]
        lines += [
            f"## Summary, {PROTOCOLS[protocol]}: ours (baseline)",
            "",
            markdown_table(SUMMARY_COLUMNS, [summary_row(page) for page in pages]),
            "",
        ]
    lines += [
        "## Full strict build",
        "",
        markdown_table(
            ("Build", "Median", "All runs", "Bar", "Result"),
            [
                [
                    "Ours: `mkdocs build --strict` (everything, PDF included when configured)",
                    f"{build['ours_median_seconds']:.2f} s",
                    ", ".join(f"{value:.2f}" for value in build["ours_seconds"]),
                    BUILD.shown,
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
    ]
    if results.get("scaling"):
        from tools.benchmark.scaling import scaling_markdown

        lines += scaling_markdown(results["scaling"])
    if results.get("preview"):
        from tools.benchmark.preview import preview_markdown

        lines += preview_markdown(results["preview"])
    lines += ["## Pages", ""]
    for page in results["pages"]:
        features = ", ".join(page["features"]) or "text page"
        lines += [
            f"### `{page['path']}` ({features}), {PROTOCOLS[page['protocol']]}",
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
    measured: dict[str, dict[str, dict[str, Json]]],
    features: dict[str, list[str]],
    build_seconds: list[float],
    baseline_seconds: float,
    machine: Json,
    runs: int,
) -> Json:
    """`measured[protocol][page][site]` (sites: ours, floor, baseline) into results.json."""
    page_results = []
    for protocol, pages in measured.items():
        for path, sites in pages.items():
            ours, baseline, floor = sites["ours"], sites["baseline"], sites["floor"]
            extra = ours_only_resources(ours, baseline)
            page_results.append(
                {
                    "path": path,
                    "protocol": protocol,
                    "features": features[path],
                    "checks": page_checks(ours, baseline, features[path], floor),
                    "ours_only_resources": extra,
                    "shared_bytes": ours["transfer_bytes"]
                    - sum(item["transfer_bytes"] for item in extra),
                    "ours": ours,
                    "floor": floor,
                    "baseline": baseline,
                }
            )
    bars: list[Json] = []
    if page_results:
        for index, check in enumerate(page_results[0]["checks"]):
            label = check["bar"]
            if label.startswith("Transferred"):
                label = (
                    f"{TEXT_PAGE_TRANSFER.label} (text pages) / "
                    f"{FEATURE_PAGE_TRANSFER.shown} (body map or video poster)"
                )
            failing = [
                f"{page['path']} ({PROTOCOLS[page['protocol']]})"
                for page in page_results
                if not page["checks"][index]["passed"]
            ]
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
        "protocols": list(measured),
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "chrome_flags": CHROME_FLAGS,
        "bars": bars,
        "build": build,
        "pages": page_results,
    }
