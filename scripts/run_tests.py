"""Run the whole test suite on any machine: install what the tests need, then pytest.

Called by the README's test command and by `.ci/run`. It runs `ruff check`, `ruff format
--check` and `mypy --strict scripts tools` first. Exit code 5 from pytest ("no tests ran") is turned
into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_PACKAGES = {
    "chromium": "chromium",  # browser tests
    "java": "default-jre-headless",  # W3C Nu HTML checker
    "pdftoppm": "poppler-utils",  # handout PDF previews
    "WebKitWebDriver": "webkit2gtk-driver",  # WebKit (Safari's engine): tests/test_engines.py
    "Xvfb": "xvfb",  # a virtual screen for WebKit
    "xauth": "xauth",
    "firefox-esr": "firefox-esr",  # Firefox, driven through Marionette
    "w3m": "w3m",  # a text-only browser: tests/test_text_browser.py
}
DEBIAN_FONTS = "fonts-dejavu-core"  # embedded in the handout PDF


def missing_debian_packages() -> list[str]:
    packages = [
        package for command, package in DEBIAN_PACKAGES.items() if shutil.which(command) is None
    ]
    if not os.path.isdir("/usr/share/fonts/truetype/dejavu"):
        packages.append(DEBIAN_FONTS)
    return packages


def install_system_packages() -> None:
    """On Debian as root, apt-get what is missing; elsewhere, use Playwright's own browser."""
    missing = missing_debian_packages()
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print(f"Installing Debian packages: {' '.join(missing)}", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
            check=True,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    elif shutil.which("chromium") is None:
        print("No Debian Chromium here: installing Playwright's own Chromium.", flush=True)
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)


NODE_TOOLS = (
    "lighthouse",
    "pa11y",
    "accessibility-checker",
    "accessibility-checker-engine",
    "vnu-jar",
)
# Install scripts stay off: accessibility-checker's starts IBM's telemetry (it reports to IBM),
# puppeteer's and chromedriver's download browsers. The tests use Debian's Chromium.
NPM_ENV = {
    "IBM_TELEMETRY_DISABLED": "true",
    "PUPPETEER_SKIP_DOWNLOAD": "1",
    "CHROMEDRIVER_SKIP_DOWNLOAD": "true",
}


def install_node_packages() -> None:
    """`npm ci` for the pinned Lighthouse (benchmark), pa11y and IBM's accessibility-checker.

    A missing npm is reported by the tests that need it.
    """
    root = Path(__file__).resolve().parent.parent
    installed = all((root / "node_modules" / name / "package.json").exists() for name in NODE_TOOLS)
    if installed or shutil.which("npm") is None:
        return
    print("Installing the pinned Node tools: npm ci --ignore-scripts", flush=True)
    subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=root,
        check=True,
        env={**os.environ, **NPM_ENV},
    )


STATIC_CHECKS = (
    ("ruff", "check", "scripts", "tools", "tests"),
    ("ruff", "format", "--check", "scripts", "tools", "tests"),
    ("mypy", "--strict", "scripts", "tools"),
)


def static_checks() -> int:
    """Lint, formatting and types first: a quick failure before the long test run."""
    for check in STATIC_CHECKS:
        print(f"Running {' '.join(check)}", flush=True)
        if subprocess.run([sys.executable, "-m", *check], check=False).returncode != 0:
            print(f"ERROR: {' '.join(check)} failed (see above).", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str]) -> int:
    if static_checks():
        return 1
    install_system_packages()
    install_node_packages()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *argv], check=False, env={**os.environ, **NPM_ENV}
    )
    if result.returncode == 5:
        print("ERROR: pytest collected no tests. That is a failure, not a pass.", file=sys.stderr)
        return 1
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
