"""Minify our own stylesheets and scripts in the built site (Material's are minified already).

The sources in docs/ keep their comments for staff; only the copies in site/ are minified.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_text(text: str, suffix: str) -> str:
    """Minified CSS or JavaScript; other text unchanged."""
    minifier = MINIFIERS.get(suffix)
    return minifier(text) if minifier else text


def minify_site_assets(docs_dir: Path, site_dir: Path) -> list[Path]:
    """Minify, in site_dir, each .css and .js file that came from docs_dir. Returns those files."""
    minified = []
    for source in sorted(docs_dir.rglob("*")):
        if source.suffix not in MINIFIERS or not source.is_file():
            continue
        built = site_dir / source.relative_to(docs_dir)
        if not built.is_file():  # left out of the site (exclude_docs)
            continue
        text = built.read_text(encoding="utf-8")
        built.write_text(minify_text(text, source.suffix), encoding="utf-8")
        minified.append(built)
    return minified
