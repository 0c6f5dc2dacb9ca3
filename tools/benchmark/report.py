"""BENCHMARKS.md and results.json: the machine, the tables, the verdicts."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
from pathlib import Path

from tools.benchmark.bars import (
    BUILD,
    FCP,
    FEATURE_PAGE_TRANSFER,
    LCP,
    TEXT_PAGE_TRANSFER,
    build_check,
    ours_only_resources,
    page_checks,
)
from tools.benchmark.settings import (
    CATEGORIES,
    CATEGORY_LABELS,
    CHROME_FLAGS,
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
            FCP.shown,
            verdict(checks[FCP.label]),
        ],
        [
            "LCP",
            seconds(ours["lcp_ms"]),
            seconds(baseline["lcp_ms"]),
            ratio(ours["lcp_ms"], baseline["lcp_ms"]),
            LCP.shown,
            verdict(checks[LCP.label]),
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
                label = (
                    f"{TEXT_PAGE_TRANSFER.label} (text pages) / "
                    f"{FEATURE_PAGE_TRANSFER.shown} (body map or video poster)"
                )
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
