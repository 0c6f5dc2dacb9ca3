"""JSON-LD MedicalWebPage and link-preview tags on every page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from scripts.steps.structured_data import medical_web_page, social_meta, therapy

REVIEW = {"last_reviewed_iso": "2026-11-23", "reviewed_by": "Jordan Lee, PT"}


def test_medical_web_page_fields() -> None:
    data = medical_web_page(
        title="Is it safe?",
        description="Risks.",
        url="https://x.test/safety/",
        review=REVIEW,
        sources=[
            {"text": "Brady 2014", "url": ""},
            {"text": "Boyce 2020", "url": "https://doi.org/x"},
        ],
        publisher="Clinic",
        locale="es-US",
        about=therapy("Punción seca de puntos gatillo", "Punción seca", "Un tratamiento."),
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == "es-US"
    assert data["about"]["name"] == "Punción seca de puntos gatillo"
    assert data["lastReviewed"] == "2026-11-23"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Jordan Lee, PT"}
    assert data["about"]["@type"] == "MedicalTherapy"
    # a source with an address is cited by its address (the page lists it in full)
    assert data["citation"] == [
        {"@type": "CreativeWork", "name": "Brady 2014"},
        "https://doi.org/x",
    ]


def test_no_review_means_no_review_fields() -> None:
    data = medical_web_page(
        title="T", description="D", url="", review=None, sources=[], publisher="C"
    )
    assert "lastReviewed" not in data and "reviewedBy" not in data and "url" not in data


def test_social_meta_has_open_graph_and_twitter() -> None:
    keys = {
        tag["key"]
        for tag in social_meta(title="T", description="D", url="https://x.test/", site_name="S")
    }
    assert {
        "og:title",
        "og:description",
        "og:url",
        "og:type",
        "twitter:card",
    } <= keys
    assert "twitter:title" not in keys  # X falls back to og:title; no second copy per page


class _MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.tags[key] = values.get("content") or ""


def meta_tags(html: str) -> dict[str, str]:
    parser = _MetaTags()
    parser.feed(html)
    return parser.tags


def test_every_page_has_parsable_json_ld_and_preview_tags(each_site: Path) -> None:
    pages = [page for page in each_site.rglob("index.html") if "search" not in page.parts]
    assert len(pages) >= 13
    for page in pages:
        html = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
        assert len(blocks) == 1, page
        data = json.loads(blocks[0])
        for field in ("name", "description", "lastReviewed", "reviewedBy", "about"):
            assert data.get(field), f"{page}: JSON-LD has no {field}"
        assert data["about"]["@type"] == "MedicalTherapy"
        tags = meta_tags(html)
        assert tags.get("og:title") == data["name"], page
        assert tags.get("og:description") == tags.get("description") == data["description"], page
        assert tags.get("twitter:card") == "summary", page
