"""Staying in step: each translated page (docs-es/safety.md) with its English page (docs/safety.md).

- Every English page has a translation at the same path, and no translation lacks an English page.
- A translation's front matter holds only its own words (title, description), who translated
  and checked it, and `source_hash`: which version of the English page it translates. Review
  dates, reviewer and sources always come from the English page (`page_meta`).
- When the English page changes, its hash no longer matches and the build stops, unless the
  translation says `out_of_date: true`: then it is published with a notice that links to the
  English page, so an urgent English fix is never held up by its translation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from scripts.checks.front_matter_checks import FrontMatter, read_front_matter
from scripts.problems import Problem

HASH_KEY = "source_hash"
FLAG_KEY = "out_of_date"
OWN_KEYS = ("title", "description", HASH_KEY, FLAG_KEY, "translated_by", "reviewed_by")
# What a translation takes from its English page, never typed again (`reviewed_by` in a
# translation names who checked the Spanish; the English reviewer is shown too).
ENGLISH_KEYS = (
    "last_reviewed",
    "next_review",
    "reviewed_by",
    "sources",
    "demo_video",
    "template",
    "hide",
)


def source_hash(english_source: str) -> str:
    """12 hex digits of SHA-256 over what a translation translates: the English page's title,
    description and text (line endings and a BOM ignored). Review dates, reviewer and sources
    are not in it: the translation takes them from the English page as they are, so a new
    review date or a corrected DOI does not stop the build."""
    text = english_source.removeprefix("\ufeff").replace("\r\n", "\n")
    meta, body = read_front_matter(text)
    own = f"{meta.get('title', '')}\n{meta.get('description', '')}\n{body}"
    return hashlib.sha256(own.encode("utf-8")).hexdigest()[:12]


def missing_pages(
    english: Iterable[str], translated: Iterable[str], english_docs: str, docs: str
) -> list[Problem]:
    """Pages without their other half, one problem each, on the file that exists."""
    english_set, translated_set = set(english), set(translated)
    problems = [
        Problem(
            f"{english_docs}/{page}",
            1,
            f"this page has no Spanish translation yet ({docs}/{page} is missing). Add "
            f"{docs}/{page} with the translated text (see CONTRIBUTING.md, 'The Spanish site').",
        )
        for page in sorted(english_set - translated_set)
    ]
    problems += [
        Problem(
            f"{docs}/{page}",
            1,
            f"there is no English page {english_docs}/{page} for this translation. Give it the "
            f"same file name as its English page, or delete it if that page was removed.",
        )
        for page in sorted(translated_set - english_set)
    ]
    return problems


def check_front_matter(
    path: str, matter: FrontMatter, english_path: str, english_source: str
) -> list[Problem]:
    """The translation's own keys only, and a `source_hash` that matches its English page."""
    problems = []
    for key, line in matter.key_lines.items():
        if key in ENGLISH_KEYS and key != "reviewed_by":
            problems.append(
                Problem(
                    path,
                    line,
                    f"{key} comes from the English page {english_path}, not from the translation. "
                    f"Delete this line (change it in {english_path} instead).",
                )
            )
        elif key not in OWN_KEYS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"`{key}` is not a setting of a translated page. Keep only "
                    f"{', '.join(OWN_KEYS)}; delete this line.",
                )
            )
    for key in ("title", "description"):
        if not str(matter.data.get(key) or "").strip():
            problems.append(
                Problem(
                    path,
                    matter.key_lines.get(key, 1),
                    f"{key} is missing or empty. Write the page's {key} in Spanish.",
                )
            )
    expected = source_hash(english_source)
    written = str(matter.data.get(HASH_KEY) or "").strip()
    if written == expected or matter.data.get(FLAG_KEY) is True:
        return problems
    if not written:
        message = (
            f"{HASH_KEY} is missing: the build cannot tell which version of {english_path} this "
            f"translates. Once the text matches {english_path}, add the line "
            f"`{HASH_KEY}: {expected}` to the front matter"
        )
    else:
        message = (
            f"the English page {english_path} changed since this translation. Update the "
            f"Spanish text, then set {HASH_KEY}: {expected} (to publish the English change "
            f"first, add `{FLAG_KEY}: true`: the page then tells readers to see the English page)"
        )
    return [*problems, Problem(path, matter.key_lines.get(HASH_KEY, 1), message + ".")]


def out_of_date_notice(
    path: str, matter: Mapping[str, Any], english_path: str, english_source: str
) -> Problem | None:
    """A notice (not an error) while a translation is published out of date on purpose."""
    if matter.get(FLAG_KEY) is not True:
        return None
    current = str(matter.get(HASH_KEY) or "") == source_hash(english_source)
    message = (
        f"`{FLAG_KEY}: true` is set but the translation matches {english_path}; delete the line"
        if current
        else f"this translation is published out of date on purpose: it tells readers to see "
        f"{english_path}. Update the Spanish text, set {HASH_KEY}: "
        f"{source_hash(english_source)} and delete `{FLAG_KEY}: true`"
    )
    return Problem(path, 1, message + ".", "notice")


def merged_meta(own: Mapping[str, Any], english: Mapping[str, Any]) -> dict[str, Any]:
    """The translation's front matter with the English page's review dates, reviewer and
    sources (the translation's `reviewed_by` names who checked the Spanish)."""
    meta = dict(own)
    if "reviewed_by" in own:
        meta["translation_reviewed_by"] = own["reviewed_by"]
    meta.update({key: english[key] for key in ENGLISH_KEYS if key in english})
    return meta
