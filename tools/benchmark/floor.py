"""The floor: each page's own text as bare HTML (no CSS, no JavaScript), the fastest first
paint that page could have. Every run measures it next to ours, and reports FCP ÷ floor."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

# What the floor page leaves out: stylesheets (linked or inline), scripts (JSON data blocks
# too), <noscript> copies of stylesheet links, and the CSP (it would name hashes of nothing).
_LEFT_OUT = (
    re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<link\b[^>]*\brel=\"?(?:stylesheet|preload|modulepreload)\b[^>]*>", re.IGNORECASE),
    re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE),
    re.compile(r"\s(?:style)=\"[^\"]*\"", re.IGNORECASE),
)


def bare_html(page_html: str) -> str:
    """The page's HTML without any CSS or JavaScript: the same text, the browser's own styles."""
    for pattern in _LEFT_OUT:
        page_html = pattern.sub("", page_html)
    return page_html


def make_floor_site(site_dir: Path, floor_dir: Path) -> Path:
    """A copy of the built site whose every HTML page is bare (images and files stay)."""
    if floor_dir.exists():
        shutil.rmtree(floor_dir)
    shutil.copytree(site_dir, floor_dir)
    for page in floor_dir.rglob("*.html"):
        page.write_text(bare_html(page.read_text(encoding="utf-8")), encoding="utf-8")
    return floor_dir
