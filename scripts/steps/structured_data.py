"""Search-engine and link-preview data for each page, built in Python for the template.

The template only prints these values (`| tojson` for JSON-LD), so it stays simple.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

THERAPY = {
    "@type": "MedicalTherapy",
    "name": "Trigger point dry needling",
    "alternateName": "Dry needling",
    "description": "A physical therapy treatment in which a thin, solid needle is placed into a trigger point in a muscle.",
}


def medical_web_page(
    *,
    title: str,
    description: str,
    url: str,
    review: Mapping[str, object] | None,
    sources: list[dict[str, str]],
    publisher: str,
) -> dict[str, Any]:
    """schema.org `MedicalWebPage` for one page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "inLanguage": "en-US",
        "about": THERAPY,
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {"@type": "MedicalBusiness", "name": publisher},
    }
    if url:
        data["url"] = url
    if review:
        data["lastReviewed"] = review["last_reviewed_iso"]
        if review.get("reviewed_by"):
            data["reviewedBy"] = {"@type": "Person", "name": review["reviewed_by"]}
    if sources:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": source["text"],
                **({"url": source["url"]} if source.get("url") else {}),
            }
            for source in sources
        ]
    return data


def social_meta(*, title: str, description: str, url: str, site_name: str) -> list[dict[str, str]]:
    """Open Graph (`property`) tags and the Twitter card type, ready to print as `<meta>`.
    Twitter (X) reads the title and description from og:title and og:description."""
    tags = [
        {"attr": "property", "key": "og:type", "content": "website"},
        {"attr": "property", "key": "og:site_name", "content": site_name},
        {"attr": "property", "key": "og:title", "content": title},
        {"attr": "property", "key": "og:description", "content": description},
        {"attr": "property", "key": "og:locale", "content": "en_US"},
        {"attr": "name", "key": "twitter:card", "content": "summary"},
    ]
    if url:
        tags.insert(4, {"attr": "property", "key": "og:url", "content": url})
    return tags
