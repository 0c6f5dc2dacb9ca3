"""The privacy page tells patients what the site collects and what the video does.

Whether the words are accurate is a human review; this guards that they are there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.checks.readability import body_blocks

PRIVACY_PAGE = "privacy/index.html"
MUST_MENTION = {
    "cookies": r"\bcookies?\b",
    "the video's host": r"\byoutube\b",
    "the video only loading after a click": r"\b(play|press|click|tap)",
}


@pytest.mark.merged_site
def test_privacy_page_explains_cookies_and_the_video(built_site: Path) -> None:
    page = built_site / PRIVACY_PAGE
    assert page.is_file(), f"{PRIVACY_PAGE} is not in the built site (docs/privacy.md)"
    text = " ".join(body_blocks(page.read_text(encoding="utf-8"))).lower()
    missing = [topic for topic, pattern in MUST_MENTION.items() if not re.search(pattern, text)]
    assert not missing, f"docs/privacy.md does not mention: {missing}"
