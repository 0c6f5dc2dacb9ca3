"""Zensical adapter: the same pipeline as the MkDocs hook, around a `zensical build`.

Zensical reads mkdocs.yml and overrides/, but runs no hooks. So this adapter:
1. runs the pipeline's checks and the PDF before Zensical starts (`pipeline.start`);
2. writes `.zensical.yml`, which inherits mkdocs.yml and adds what Zensical cannot get from
   Python: the Material look (`theme.variant: classic`), the values the build works out for
   templates (`extra.handout_pdf`, `extra.clinic.phone_tel`), the per-page extension
   `scripts.zensical_markdown`, and its own link checks off (ours name the line);
3. runs Zensical in this process, so that extension reaches the same `Build`;
4. finishes every HTML file and the site, then runs the cross-page checks.
Zensical writes only inside the project folder, so the site is built in `.zensical-site/`
and then moved to the folder asked for.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from scripts import pipeline
from scripts.adapters import zensical_markdown

CONFIG = ".zensical.yml"
BUILD_DIR = ".zensical-site"


def _warn(message: str) -> None:
    print(f"WARNING - {message}", file=sys.stderr)


def _inform(message: str) -> None:
    print(f"INFO    - {message}", file=sys.stderr)


def build(config_file: Path, site_dir: Path) -> int:
    """Build the site with Zensical into `site_dir`; returns the number of staff problems."""
    import zensical

    site = pipeline.read_site(config_file)
    current = pipeline.start(site, _warn, _inform)
    files, pages = pipeline.docs_files(site)
    pipeline.check_files(current, files, pages)
    pipeline.check_nav(current, (src_uri for src_uri, _ in pages))

    project = site.project_dir
    derived = {
        "INHERIT": config_file.name,
        "site_dir": BUILD_DIR,
        "theme": {"variant": "classic"},
        # Our checks decide and name the line; Zensical's own link warnings would repeat them,
        # and its strict mode would stop before the checks that need every page.
        "strict": False,
        "validation": {"invalid_links": False, "invalid_link_anchors": False},
        "markdown_extensions": ["scripts.adapters.zensical_markdown"],
        "extra": current.template_values,
    }
    (project / CONFIG).write_text(
        "# Written by scripts/adapters/zensical_build.py for each build; do not edit.\n"
        + yaml.safe_dump(derived, sort_keys=False),
        encoding="utf-8",
    )
    zensical_markdown.CURRENT = current
    try:
        zensical.build(str(project / CONFIG), {"clean": True, "strict": False})
    except RuntimeError as error:  # Zensical's own stop, e.g. front matter it cannot read
        if current.problems:  # our checks have named the file and line already
            print(f"Zensical stopped the build: {error}", file=sys.stderr)
            return current.problems
        _warn(f"{config_file.name}:1: Zensical stopped the build: {error}. Undo your last change.")
        return 1
    finally:
        zensical_markdown.CURRENT = None

    built = project / BUILD_DIR
    for html_file in sorted(built.rglob("*.html")):
        html_file.write_text(
            pipeline.finish_page(html_file.read_text(encoding="utf-8")), encoding="utf-8"
        )
    pipeline.cross_page_checks(current)
    pipeline.finish_site(current, built)
    if site_dir.resolve() != built.resolve():
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(built, site_dir)
    return current.problems
