"""Front-matter values prepared for templates, so templates need no Python calls."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from scripts.checks.review_dates import is_overdue

if TYPE_CHECKING:
    from scripts.interface import Interface

NANP_DIGITS = re.compile(r"\d")


def format_long_date(value: dt.date, ui: Interface | None = None) -> str:
    """`2026-11-23` -> `23 November 2026`, the NHS style (`23 de noviembre de 2026` in Spanish)."""
    if ui is None:
        return f"{value.day} {value.strftime('%B')} {value.year}"
    return ui.long_date(value.day, value.month, value.year)


def as_date(value: Any) -> dt.date | None:
    """A front-matter date: a YAML date (MkDocs), or its ISO text (Zensical hands dates on as text)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def review_context(
    meta: dict[str, Any], today: dt.date | None = None, ui: Interface | None = None
) -> dict[str, str | bool] | None:
    """Review dates and reviewer ready to print, or None if the page has no valid dates.
    `overdue`: next_review has passed, so the page tells patients it is due for review."""
    last, nxt = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    if last is None or nxt is None:
        return None
    return {
        "overdue": is_overdue(nxt, today),
        "last_reviewed": format_long_date(last, ui),
        "last_reviewed_iso": last.isoformat(),
        "next_review": format_long_date(nxt, ui),
        "next_review_iso": nxt.isoformat(),
        "reviewed_by": str(meta.get("reviewed_by", "")),
    }


def normalise_sources(raw: Any, language: str = "en") -> list[dict[str, str]]:
    """Sources may be plain strings or `{text, url}` maps; templates get maps.

    A source may also give its text in another language (`es: "..."`, for a note such as
    "(dolor muscular después de la punción)"): that language's pages and handout show it."""
    if not isinstance(raw, list):
        return []
    sources: list[dict[str, str]] = []
    for item in raw:
        if isinstance(item, dict):
            text = (
                item.get(language) if language != "en" and item.get(language) else item.get("text")
            )
            sources.append({"text": str(text or ""), "url": str(item.get("url", ""))})
        else:
            sources.append({"text": str(item), "url": ""})
    return sources


def tel_uri(phone: str) -> str:
    """`(541) 555-0142` -> `+15415550142` for `tel:` links (US numbers)."""
    digits = "".join(NANP_DIGITS.findall(phone))
    if len(digits) == 10:
        digits = "1" + digits
    return "+" + digits
