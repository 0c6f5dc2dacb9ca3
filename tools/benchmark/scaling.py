"""A build that scales: the site grown to 5×, 20× and 50× its pages, ours against stock Material.

Each factor copies every page of docs/ (and docs-es/ when the Spanish site exists) that many
times into a scratch copy of the project, lists the copies in the menu after the originals,
and times one strict build of ours (both languages) and a build of the stock Material
baseline for each language (the same pages and menu). Pages that the longer menu pushes over
the first round trip are the only warnings the grown build may give. CPU time (user + system of the build process) is the measure, not wall time:
on a shared machine it is the steadier of the two. Cost per added page is the CPU time above
the 1× build divided by the pages added; a cost per added page that rises with the factor is
superlinear growth.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from scripts.translations import source_hash
from tools.benchmark.builds import STOCK_PAGE_TEMPLATE, baseline_config, chosen_templates
from tools.benchmark.pages import load_mkdocs_yaml
from tools.benchmark.settings import ROOT, BenchmarkError, Json, log

# Issue 18: ours at most 1.5 × stock per added page.
PER_PAGE_OVER_STOCK = 1.5
SCALING_BAR = f"Build CPU per added page ≤ {PER_PAGE_OVER_STOCK:g} × stock Material"
LINEAR_BAR = (
    "Build CPU per added page does not grow with the site "
    "(at the largest factor ≤ 1.25 × at the smallest)"
)
GROWTH_ALLOWED = 1.25
LANGUAGE_DOCS = ("docs", "docs-es")  # docs-es/: the Spanish site, once it exists
_COPY_SUFFIX = "-copy"
_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "site", "__pycache__", ".pytest_cache", "node_modules", ".zensical*",
    "benchmarks", ".build-cache",
)  # fmt: skip


def page_files(docs_dir: Path) -> list[str]:
    """The Markdown pages of a docs folder (data/ is not pages), relative, sorted."""
    return sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if not p.relative_to(docs_dir).as_posix().startswith("data/")
    )


def copy_name(page: str, copy: int) -> str:
    """`faq.md`, 3 -> `faq-copy3.md`."""
    return re.sub(r"\.md$", f"{_COPY_SUFFIX}{copy}.md", page)


_TITLED = re.compile(r"""^(title|description):[ \t]*(["']?)(.*?)\2[ \t]*$""", re.MULTILINE)


def retitled(text: str, copy: int) -> str:
    """The page with its own title and description (the build fails on two pages with one)."""

    def own(match: re.Match[str]) -> str:
        value = match[3]
        if match[1] == "description":  # as long as before: its length is checked
            value = f"{copy} {value}"[: len(value)]
        else:
            value = f"{value} ({copy})"
        return f"{match[1]}: {json.dumps(value)}"

    return _TITLED.sub(own, text, count=2)


def grown_nav(nav: Any, pages: list[str], factor: int) -> list[Any]:
    """The menu, then every copy of every page (titled like the original, numbered)."""
    extra = [
        {f"Copy {copy}": [copy_name(page, copy) for page in pages]} for copy in range(1, factor)
    ]
    return [*(nav or []), *extra]


_SOURCE_HASH = re.compile(r"^source_hash:.*$", re.MULTILINE)


def copied_page(text: str, copy: int, english_copy: str | None = None) -> str:
    """Copy number `copy` of a page: no template of its own, its own title and description,
    and for a translation (`english_copy`: its English page's copy) the `source_hash` of that
    copy, so the copy is in step with it as the original is with its English page."""
    text = re.sub(r"^template:.*\n", "", text, count=1, flags=re.MULTILINE)
    text = retitled(text, copy)
    if english_copy is not None:
        text = _SOURCE_HASH.sub(f"source_hash: {source_hash(english_copy)}", text, count=1)
    return text


def grow_project(project: Path, factor: int) -> int:
    """Copy every page `factor - 1` more times, in each language's docs folder; returns the
    number of pages of the first language after growing."""
    counted = 0
    originals = _originals(project / "docs")
    english = project / LANGUAGE_DOCS[0]
    for folder in LANGUAGE_DOCS:
        docs = project / folder
        if not docs.is_dir():
            continue
        pages = page_files(docs)
        for page in pages:
            text = (docs / page).read_text(encoding="utf-8")
            for copy in range(1, factor):
                english_copy = None
                if docs != english and (english / page).is_file():
                    english_copy = copied_page((english / page).read_text("utf-8"), copy)
                (docs / copy_name(page, copy)).write_text(
                    copied_page(text, copy, english_copy), encoding="utf-8"
                )
        counted = counted or len(pages) * factor
    config_file = project / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8")
    config = load_mkdocs_yaml(config_file)
    nav = grown_nav(config.get("nav"), originals, factor)
    nav_yaml = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True)
    config_file.write_text(
        re.sub(r"(?m)^nav:\n(?:[ \t-].*\n|\n)*", nav_yaml + "\n", config_text, count=1), "utf-8"
    )
    return counted


def _originals(docs: Path) -> list[str]:
    return [page for page in page_files(docs) if _COPY_SUFFIX not in page]


def cpu_seconds_of(
    command: list[str], cwd: Path
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run a command; its CPU seconds (user + system, children included) and wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, result


def _mkdocs(config_file: Path, site_dir: Path, *, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
    command += ["--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    return command


def measure_factor(work: Path, factor: int) -> Json:
    """One strict build of ours and one stock build, of the site grown `factor` times."""
    project = work / f"x{factor}"
    shutil.copytree(ROOT, project, ignore=_IGNORED)
    pages = grow_project(project, factor)
    cpu, wall, result = cpu_seconds_of(
        _mkdocs(project / "mkdocs.yml", work / f"site-x{factor}", strict=True), project
    )
    _check_ours(result, factor)
    # Again, with the `.build-cache/` the first build left (each page's inlined CSS, the clean
    # pages' checks, the PDFs): what the pages cost when the critical CSS
    # (scripts/steps/critical_css.py) is not worked out again nor the clean pages checked. The cold build is the one the bar judges: CI builds start with no cache.
    warm_cpu, warm_wall, warm = cpu_seconds_of(
        _mkdocs(project / "mkdocs.yml", work / f"site-x{factor}", strict=True), project
    )
    _check_ours(warm, factor)
    stock_cpu = stock_wall = 0.0
    for folder in LANGUAGE_DOCS:  # the same pages: each language is one more stock site
        if (project / folder).is_dir():
            one_cpu, one_wall = _stock_build(
                project, project / folder, work / f"stock-{folder}-x{factor}", factor
            )
            stock_cpu, stock_wall = stock_cpu + one_cpu, stock_wall + one_wall
    log(
        f"scaling {factor}×: {pages} pages; ours {cpu:.1f} s CPU ({wall:.1f} s), "
        f"with its cache {warm_cpu:.1f} s CPU ({warm_wall:.1f} s), "
        f"stock {stock_cpu:.1f} s CPU ({stock_wall:.1f} s)"
    )
    shutil.rmtree(project)
    return {
        "factor": factor,
        "pages": pages,
        "ours_cpu_seconds": cpu,
        "ours_wall_seconds": wall,
        "ours_warm_cpu_seconds": warm_cpu,
        "ours_warm_wall_seconds": warm_wall,
        "stock_cpu_seconds": stock_cpu,
        "stock_wall_seconds": stock_wall,
    }


def _check_ours(result: subprocess.CompletedProcess[str], factor: int) -> None:
    """Stop the run if our grown build failed for a reason other than the page size."""
    unexpected = unexpected_warnings(result.stdout + result.stderr)
    if result.returncode != 0 and (unexpected or "WARNING" not in result.stderr):
        raise BenchmarkError(
            f"The {factor}× build of our site failed:\n{(result.stdout + result.stderr)[-3000:]}"
        )


# A longer menu makes every page longer: some grown pages no longer fit in the first round
# trip. That is the content's size, not the build's cost; any other warning fails the run.
_SIZE_WARNING = "bytes over the 14 KB first round trip"
_LANGUAGE_STOPPED = "this language's pages did not build"


def unexpected_warnings(output: str) -> list[str]:
    """The build's warnings other than pages over the first round trip."""
    return [
        line
        for line in output.splitlines()
        if line.startswith("WARNING")
        and _SIZE_WARNING not in line
        and _LANGUAGE_STOPPED not in line  # a translation's build stopped by size warnings only
    ]


def _stock_build(project: Path, docs: Path, stock: Path, factor: int) -> tuple[float, float]:
    """A stock Material build of one language's grown pages: CPU and wall seconds."""
    stock.mkdir()
    templates = chosen_templates(docs)  # a translation's pages may choose none
    config = baseline_config(
        load_mkdocs_yaml(project / "mkdocs.yml"), docs, stock / "templates" if templates else None
    )
    for name in templates:
        (stock / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (stock / "templates" / name).write_text(STOCK_PAGE_TEMPLATE, "utf-8")
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    cpu, wall, result = cpu_seconds_of(
        _mkdocs(stock / "mkdocs.yml", stock.with_name(stock.name + "-site"), strict=False), stock
    )
    if result.returncode != 0:
        raise BenchmarkError(
            f"The {factor}× stock build of {docs.name}/ failed:\n"
            f"{(result.stdout + result.stderr)[-3000:]}"
        )
    return cpu, wall


def per_added_page(runs: list[Json]) -> Iterator[Json]:
    """CPU milliseconds per page added since the 1× build, for ours and for stock."""
    base = runs[0]
    for run in runs[1:]:
        added = run["pages"] - base["pages"]
        ours = (run["ours_cpu_seconds"] - base["ours_cpu_seconds"]) / added * 1000
        stock = (run["stock_cpu_seconds"] - base["stock_cpu_seconds"]) / added * 1000
        row = {"factor": run["factor"], "added": added, "ours_ms": ours, "stock_ms": stock}
        if "ours_warm_cpu_seconds" in run and "ours_warm_cpu_seconds" in base:
            warm = run["ours_warm_cpu_seconds"] - base["ours_warm_cpu_seconds"]
            row["ours_warm_ms"] = warm / added * 1000
        yield row


def scaling_checks(rows: list[Json]) -> list[Json]:
    """The two bars: per added page at most 1.5 × stock (at every factor), and no growth."""
    if not rows:
        return []
    over = [
        f"{row['factor']}×"
        for row in rows
        if row["ours_ms"] > PER_PAGE_OVER_STOCK * row["stock_ms"]
    ]
    first, last = rows[0]["ours_ms"], rows[-1]["ours_ms"]
    return [
        {"bar": SCALING_BAR, "passed": not over, "failing_pages": over},
        {
            "bar": LINEAR_BAR,
            "passed": last <= GROWTH_ALLOWED * first,
            "failing_pages": [] if last <= GROWTH_ALLOWED * first else [f"{rows[-1]['factor']}×"],
        },
    ]


def measure_scaling(work: Path, factors: tuple[int, ...]) -> Json:
    """The 1× build and each factor; per added page, ours and stock; the bars."""
    work.mkdir(parents=True, exist_ok=True)
    load, started = os.getloadavg(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    runs = [measure_factor(work, factor) for factor in (1, *factors)]
    rows = list(per_added_page(runs))
    return {
        "runs": runs,
        "per_added_page": rows,
        "checks": scaling_checks(rows),
        "date": started,
        "load": [load, os.getloadavg()],
    }


def _over_stock(row: Json, key: str) -> str:
    """Ours ÷ stock per added page; "–" when stock's is no more than the noise (0 or less)."""
    from tools.benchmark.report import ratio

    return ratio(row[key], row["stock_ms"]) if key in row and row["stock_ms"] > 0 else "–"


def _with_cache(run: Json, key: str) -> str:
    return f"{run[key]:.1f} s" if key in run else "–"


def scaling_markdown(scaling: Json) -> list[str]:
    """The section of BENCHMARKS.md."""
    from tools.benchmark.report import markdown_table, verdict

    factors = ", ".join(f"{run['factor']}×" for run in scaling["runs"][1:])
    when = ""
    if "date" in scaling:
        (start, end) = ([f"{value:.1f}" for value in load] for load in scaling["load"])
        when = (
            f" Started {scaling['date']}, load average {', '.join(start)} at the start and "
            f"{', '.join(end)} at the end (2 cores: CPU seconds rise with the load, too)."
        )
    lines = [
        "## A build that scales (CPU per added page)",
        "",
        (
            f"The site grown to {factors} its pages (every page of both languages copied, the "
            "copies listed in the menu), one strict build of ours and one stock Material build "
            "of the same pages each; CPU seconds of the build process (user + system), wall "
            "time in brackets. Ours starts with no `.build-cache/`, as in CI; it is then built "
            "again with the cache that build left (each page's inlined CSS, the pages whose "
            "source checks found nothing, and the PDFs kept), which shows what working out each "
            "page's critical CSS and checking its source cost: the difference." + when
        ),
        "",
    ]
    rows = [
        [
            f"{run['factor']}×",
            str(run["pages"]),
            f"{run['ours_cpu_seconds']:.1f} s ({run['ours_wall_seconds']:.1f} s)",
            _with_cache(run, "ours_warm_cpu_seconds"),
            f"{run['stock_cpu_seconds']:.1f} s ({run['stock_wall_seconds']:.1f} s)",
        ]
        for run in scaling["runs"]
    ]
    run_columns = (
        "Factor",
        "Pages",
        "Ours: CPU (wall)",
        "Ours, cache kept: CPU",
        "Stock: CPU (wall)",
    )
    lines += [markdown_table(run_columns, rows), ""]
    per_page = [
        [
            f"{row['factor']}×",
            str(row["added"]),
            f"{row['ours_ms']:.0f} ms",
            f"{row['ours_warm_ms']:.0f} ms" if "ours_warm_ms" in row else "–",
            f"{row['stock_ms']:.0f} ms",
            _over_stock(row, "ours_ms"),
            _over_stock(row, "ours_warm_ms"),
            f"≤ {PER_PAGE_OVER_STOCK:g}",
            verdict(row["ours_ms"] <= PER_PAGE_OVER_STOCK * row["stock_ms"]),
        ]
        for row in scaling["per_added_page"]
    ]
    columns = (
        "Factor",
        "Pages added",
        "Ours",
        "Ours, cache kept",
        "Stock",
        "Ours ÷ stock",
        "Cache kept ÷ stock",
        "Bar",
        "Result",
    )
    lines += [markdown_table(columns, per_page), ""]
    return lines


_SECTION = re.compile(r"^## A build that scales.*?(?=^## )", re.MULTILINE | re.DOTALL)


def updated_benchmarks(text: str, scaling: Json) -> str:
    """BENCHMARKS.md with this run's scaling section and its two bars in the Bars table (the
    rest, written by the full run, as it was)."""
    from tools.benchmark.report import verdict

    section = "\n".join(scaling_markdown(scaling)) + "\n"
    text = _SECTION.sub(lambda _: section, text, count=1)
    for check in scaling["checks"]:
        failing = ", ".join(f"`{name}`" for name in check["failing_pages"]) or "–"
        row = f"| {check['bar']} | {verdict(check['passed'])} | {failing} |"
        start = re.escape(check["bar"].split(" (")[0])
        text = re.sub(
            rf"^\| {start}.*$", row.replace("\\", r"\\"), text, count=1, flags=re.MULTILINE
        )
    return text


def main(argv: list[str] | None = None) -> int:
    """Only the scaling builds, without Lighthouse: rewrites BENCHMARKS.md's scaling section."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--factors", default="5,20,50", help="comma-separated, e.g. 5,20")
    parser.add_argument("--out", type=Path, default=ROOT, help="where BENCHMARKS.md is")
    options = parser.parse_args(argv)
    factors = tuple(int(factor) for factor in options.factors.split(","))
    with tempfile.TemporaryDirectory(prefix="scaling-") as work:
        scaling = measure_scaling(Path(work), factors)
    (options.out / "benchmarks").mkdir(parents=True, exist_ok=True)
    (options.out / "benchmarks" / "scaling.json").write_text(
        json.dumps(scaling, indent=2) + "\n", encoding="utf-8"
    )
    benchmarks = options.out / "BENCHMARKS.md"
    text = benchmarks.read_text(encoding="utf-8") if benchmarks.is_file() else ""
    benchmarks.write_text(updated_benchmarks(text, scaling), encoding="utf-8")
    log("\n".join(scaling_markdown(scaling)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
