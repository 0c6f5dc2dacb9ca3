"""Two more accessibility engines next to axe-core (issue 19): pa11y with HTML_CodeSniffer
(WCAG 2 AA) and IBM Equal Access accessibility-checker (WCAG 2.2 A/AA), in the system Chromium.

Every page at 390 and 1280 px in light and dark, and the two states scans usually miss:
search open with results showing, and the body map in use (`all_scans`). Zero errors, except the few lines in
ALLOWED below, each saying why the engine is wrong there; review them as carefully as code.
tests/a11y_engines.cjs does the scans; nothing is downloaded (IBM's rules come from the pinned
accessibility-checker-engine package, served here on 127.0.0.1), and IBM's telemetry is off.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import SPANISH_SAMPLE, built_pages, in_every_language
from conftest import DEBIAN_CHROMIUM, ROOT, _QuietHandler, serve

pytestmark = pytest.mark.browser

NODE_MODULES = ROOT / "node_modules"
RULES = NODE_MODULES / "accessibility-checker-engine"
RUNNER = ROOT / "tests" / "a11y_engines.cjs"
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")

# (engine, rule, where: a regular expression for the element's path, why the engine is wrong).
# Every <label> and icon these lines cover is Material's header, menu and footer chrome; our own
# controls are labelled, and axe-core (label, svg-img-alt) checks the same things without them.
MATERIAL_CHROME = (
    r"(/body\[1\]/label\[|/header\[1\]/|/nav\[1\]/label\[|/footer\[1\]/|/main\[1\]/button\[)"
)
ALLOWED: list[tuple[str, str, str, str]] = [
    # pa11y: search and the body map update as you type or tick; there is nothing to submit.
    ("pa11y", "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2", r"(form|#pain-map)$", "no submit"),
    # pa11y: Material's hidden table-of-contents toggle (display: none, so no screen reader finds it).
    ("pa11y", "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name", "^#__toc$", "hidden"),
    ("pa11y", "WCAG2AA.Principle1.Guideline1_3.1_3_1.F68", "^#__toc$", "hidden Material toggle"),
    # IBM: the labels point at Material's hidden toggles (real checkboxes that CSS hides).
    ("ibm", "label_ref_valid", MATERIAL_CHROME, "hidden Material toggles"),
    # IBM: the overlay label is a mouse target; the icon buttons are named by aria-label/title.
    ("ibm", "label_content_exists", MATERIAL_CHROME, "hidden Material toggles"),
    # IBM: search and menu have several places to tap (button, overlay, icon) on purpose.
    ("ibm", "form_label_unique", MATERIAL_CHROME, "hidden Material toggles"),
    # IBM: icons inside links and buttons that have their own names; naming both says it twice.
    ("ibm", "svg_graphics_labelled", MATERIAL_CHROME + r".*svg\[\d+\]$", "decorative icon"),
    # IBM: one multiple choice ("region") across the fieldsets for each body part, each with a legend.
    ("ibm", "input_checkboxes_grouped", r"/form\[1\]/fieldset", "body map: one choice"),
]


def allowed(finding: dict[str, Any]) -> bool:
    return any(
        finding["engine"] == engine
        and finding["rule"] == rule
        and re.search(where, finding["where"] or "")
        for engine, rule, where, _ in ALLOWED
    )


def telemetry_processes() -> list[str]:
    """Command lines of running processes from IBM's telemetry package (@ibm/telemetry-js)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "telemetry" in command and "a11y_engines" not in command and "pytest" not in command:
            found.append(command.strip())
    return found


def needs() -> str:
    missing = [
        name
        for name, present in (
            ("Node.js with npm", shutil.which("node") and shutil.which("npm")),
            (
                "pa11y, accessibility-checker and accessibility-checker-engine (npm ci)",
                (NODE_MODULES / "pa11y").is_dir()
                and (NODE_MODULES / "accessibility-checker").is_dir()
                and RULES.is_dir(),
            ),
            ("Chromium (/usr/bin/chromium)", DEBIAN_CHROMIUM.exists()),
        )
        if not present
    ]
    return ", ".join(missing)


def run_scans(scans: list[dict[str, Any]], work: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Run the Node scanner; returns its results and any telemetry process seen meanwhile."""
    with serve(functools.partial(_QuietHandler, directory=str(RULES))) as rules_url:
        rules_url = rules_url.rstrip("/")
        (work / ".achecker.yml").write_text(
            "\n".join(
                [
                    "ruleArchive: latest",
                    "policies: [WCAG_2_2]",
                    "failLevels: [violation]",
                    "reportLevels: [violation]",
                    "outputFormat: [disable]",
                    f"outputFolder: {work / 'ibm-results'}",
                    f"ruleServer: {rules_url}",
                    f"rulePack: {rules_url}",
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "IBM_TELEMETRY_DISABLED": "true",
            "PUPPETEER_SKIP_DOWNLOAD": "1",
            "CHROMEDRIVER_SKIP_DOWNLOAD": "true",
        }
        job = json.dumps({"chromium": str(DEBIAN_CHROMIUM), "scans": scans})
        seen: list[str] = []
        process = subprocess.Popen(
            ["node", str(RUNNER)],
            cwd=work,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                seen.extend(telemetry_processes())
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            out, err = process.communicate(job, timeout=1800)
        finally:
            done.set()
            watcher.join()
        seen.extend(telemetry_processes())
    if process.returncode != 0:
        pytest.fail(f"the pa11y / IBM scanner failed:\n{err[-3000:]}", pytrace=False)
    return [json.loads(line) for line in out.splitlines() if line.strip()], sorted(set(seen))


# Every built page (both languages, once the Spanish pages are built) at 390 and 1280 px in
# light and dark, and search open and the body map in use in all four. The four plain scans
# of a page share one page load (tests/a11y_engines.cjs).
MODES = tuple((width, scheme) for width in WIDTHS for scheme in SCHEMES)
STATES = (("", "search"), ("referred-pain/", "body-map"))
# What a patient types into search, in the page's language (each finds results there).
SEARCH_WORDS = {"": "knot", "es/": "nudo"}


def all_scans(site_url: str, built_site: Path) -> list[dict[str, Any]]:
    scans = [
        {"url": site_url + path, "width": width, "scheme": scheme, "state": "plain"}
        for path in built_pages(built_site, SPANISH_SAMPLE)
        for width, scheme in MODES
    ]
    scans += [
        {
            "url": site_url + path,
            "width": width,
            "scheme": scheme,
            "state": state,
            "query": SEARCH_WORDS["es/" if path.startswith("es/") else ""],
        }
        for english, state in STATES
        for path in in_every_language(built_site, [english])
        for width, scheme in MODES
    ]
    return scans


@pytest.fixture(scope="module")
def scan_results(
    pages_site_url: str, built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[dict[str, Any]], list[str], int]:
    missing = needs()
    if missing:
        pytest.fail(
            f"pa11y and IBM's checker need: {missing}. Run the test command "
            "(python -m scripts.run_tests), which runs npm ci.",
            pytrace=False,
        )
    scans = all_scans(pages_site_url, built_site)
    results, telemetry = run_scans(scans, tmp_path_factory.mktemp("a11y-engines"))
    return results, telemetry, len(scans)


@pytest.mark.parametrize("engine", ["pa11y", "ibm"])
def test_no_errors_on_any_page_width_scheme_or_state(
    scan_results: tuple[list[dict[str, Any]], list[str], int], engine: str
) -> None:
    results, _, expected = scan_results
    assert len(results) == expected, f"{expected} scans asked, {len(results)} came back"
    problems = [
        f"{result['url']} {result['width']}px {result['scheme']} {result['state']}: "
        f"{finding['rule']}: {finding['message']} at {finding['where']}"
        for result in results
        for finding in result["found"]
        if finding["engine"] == engine and not allowed(finding)
    ]
    assert not problems, f"{engine}: {len(problems)} error(s):\n" + "\n".join(problems)


def test_ibm_telemetry_never_starts(
    scan_results: tuple[list[dict[str, Any]], list[str], int],
) -> None:
    """IBM's checker starts a process that reports to IBM unless IBM_TELEMETRY_DISABLED=true."""
    _, telemetry, _ = scan_results
    assert not telemetry, f"IBM telemetry process(es) ran: {telemetry}"


def test_the_test_command_installs_without_install_scripts() -> None:
    """accessibility-checker's postinstall runs IBM's telemetry; puppeteer's downloads Chrome."""
    source = (ROOT / "scripts" / "run_tests.py").read_text(encoding="utf-8")
    assert '"--ignore-scripts"' in source and "IBM_TELEMETRY_DISABLED" in source
