"""Search-engine and link-preview data for each page, built in Python for the template.

The template only prints these values (`| tojson` for JSON-LD), so it stays simple.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def therapy(name: str, alternate_name: str, description: str) -> dict[str, str]:
    """The `about` of every page, in the page's language."""
    return {
        "@type": "MedicalTherapy",
        "name": name,
        "alternateName": alternate_name,
        "description": description,
    }


def medical_web_page(
    *,
    title: str,
    description: str,
    url: str,
    review: Mapping[str, object] | None,
    sources: list[dict[str, str]],
    publisher: str,
    locale: str = "en-US",
    about: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """schema.org `MedicalWebPage` for one page. A source with an address is cited by its
    address alone: the page lists each source in full, and the full text in <head> would cost
    a long page its first round trip."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "inLanguage": locale,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {"@type": "MedicalBusiness", "name": publisher},
    }
    if about:
        data["about"] = dict(about)
    if url:
        data["url"] = url
    if review:
        data["lastReviewed"] = review["last_reviewed_iso"]
        if review.get("reviewed_by"):
            data["reviewedBy"] = {"@type": "Person", "name": review["reviewed_by"]}
    if sources:
        data["citation"] = [
            source["url"]
            if source.get("url")
            else {"@type": "CreativeWork", "name": source["text"]}
            for source in sources
        ]
    return data


def social_meta(
    *, title: str, description: str, url: str, site_name: str, locale: str = "en-US"
) -> list[dict[str, str]]:
    """Open Graph (`property`) tags and the Twitter card type, ready to print as `<meta>`.
    Twitter (X) reads the title and description from og:title and og:description."""
    tags = [
        {"attr": "property", "key": "og:type", "content": "website"},
        {"attr": "property", "key": "og:site_name", "content": site_name},
        {"attr": "property", "key": "og:title", "content": title},
        {"attr": "property", "key": "og:description", "content": description},
        {"attr": "property", "key": "og:locale", "content": locale.replace("-", "_")},
        {"attr": "name", "key": "twitter:card", "content": "summary"},
    ]
    if url:
        tags.insert(4, {"attr": "property", "key": "og:url", "content": url})
    return tags
