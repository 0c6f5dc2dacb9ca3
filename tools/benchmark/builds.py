"""Timed builds: our strict build and the stock-Material baseline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tools.benchmark.settings import ROOT, BenchmarkError, Json, log


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


FRONT_MATTER_TEMPLATE = re.compile(r"""^template:[ \t]*["']?(?P<name>[^"'\s#]+)""", re.MULTILINE)
STOCK_PAGE_TEMPLATE = '{% extends "main.html" %}\n'


def chosen_templates(docs_dir: Path) -> list[str]:
    """The templates pages choose in their front matter (`template: home.html`), sorted."""
    names: set[str] = set()
    for page in docs_dir.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            front_matter = text.split("\n---", 1)[0]
            names.update(match["name"] for match in FRONT_MATTER_TEMPLATE.finditer(front_matter))
    return sorted(names)


def baseline_config(our_config: Json, docs_dir: Path, stub_dir: Path | None = None) -> Json:
    """A default Material configuration for the same Markdown: site name, theme, nav only.

    `stub_dir` holds a stock stand-in (Material's main.html) for each template our pages choose,
    such as home.html, which stock Material does not have.
    """
    config: Json = {"site_name": our_config.get("site_name", "Site"), "theme": {"name": "material"}}
    if stub_dir is not None:
        config["theme"]["custom_dir"] = str(stub_dir)
    config["docs_dir"] = str(docs_dir)
    if our_config.get("nav"):
        config["nav"] = our_config["nav"]
    return config


def build_baseline(our_config: Json, work_dir: Path, site_dir: Path) -> float:
    """Build the stock Material site (not strict: it may warn about things only our hooks know)."""
    docs_dir = ROOT / str(our_config.get("docs_dir", "docs"))
    stub_dir = work_dir / "templates"
    templates = chosen_templates(docs_dir)
    for name in templates:
        (stub_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (stub_dir / name).write_text(STOCK_PAGE_TEMPLATE, "utf-8")
    config = baseline_config(our_config, docs_dir, stub_dir if templates else None)
    config_file = work_dir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    elapsed, result = mkdocs_build(config_file, site_dir, strict=False, cwd=work_dir)
    if result.returncode != 0:
        raise BenchmarkError(
            "The baseline (stock Material) build failed:\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    log(f"baseline build: {elapsed:.2f} s")
    return elapsed
