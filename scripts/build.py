"""One build command for either site generator; fails on any staff problem, naming file and line.

    python3 -m uv run --locked python -m scripts.build --generator mkdocs|zensical --site-dir DIR

`mkdocs`: `mkdocs build --strict` (the hook, scripts/adapters/mkdocs_hooks.py, reports each problem as a
warning, and --strict fails on it). `zensical`: scripts/adapters/zensical_build.py around Zensical.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(generator: str, site_dir: Path, config_file: Path) -> int:
    """Exit code: 0 for a clean build, 1 if a staff problem (or anything else) stopped it."""
    if generator == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [*command, "--site-dir", str(site_dir)], cwd=config_file.parent, env=env, check=False
        )
        return 0 if result.returncode == 0 else 1

    from scripts.adapters import zensical_build

    problems = zensical_build.build(config_file, site_dir)
    if problems:
        print(
            f"Aborted with {problems} problem{'s' if problems != 1 else ''} to fix (listed above).",
            file=sys.stderr,
        )
        return 1
    print(f"Built the site with Zensical in {site_dir}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    return build(args.generator, args.site_dir.resolve(), config_file)


if __name__ == "__main__":
    sys.exit(main())
