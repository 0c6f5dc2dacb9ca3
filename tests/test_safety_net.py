"""The staff safety net, end to end: each editing mistake fails a real strict build of a
small fixture site with a `path:line: what is wrong. How to fix it.` message.

Every mistake gets its own temporary copy of `tests/fixture_site/` and its own build. The
builds run in parallel threads, once per test session, for the tests that are selected.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import pytest
from conftest import ROOT, build_command
from pipeline_driver import check_in_process, check_project

from scripts.checks import markdown_checks
from scripts.checks.review_dates import CHANGED_VARIABLE
from scripts.checks.safety_net import TODAY_VARIABLE, SafetyNet, guarded
from scripts.problems import Problem
from scripts.readers.yaml_lines import key_line

FIXTURE = ROOT / "tests" / "fixture_site"
FIXTURE_TODAY = "2026-11-23"
HARD_PARAGRAPH = (
    "Myofascial trigger point pathophysiology remains incompletely characterised, notwithstanding "
    "considerable electrophysiological investigation demonstrating spontaneous electrical activity "
    "attributable to dysfunctional neuromuscular endplates. Consequently, practitioners administering "
    "intramuscular stimulation frequently incorporate concomitant therapeutic interventions."
)


@dataclass(frozen=True)
class Mistake:
    """One realistic editing mistake and the message it must produce."""

    id: str
    file: str  # file to edit, relative to the fixture site
    edit: Callable[[str], str | bytes]
    path: str  # the file the message must name
    line: int
    says: str  # what is wrong (part of the message)
    fix: str  # how to fix it (part of the message)
    env: tuple[tuple[str, str], ...] = ()  # environment variables for this build


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"fixture text {old!r} not found"
        return text.replace(old, new, 1)

    return edit


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


def drop_line(number: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.split("\n")
        del lines[number - 1]
        return "\n".join(lines)

    return edit


def create(content: str | bytes) -> Callable[[str], str | bytes]:
    return lambda _text: content


INDEX = "docs/index.md"
SECOND = "docs/second.md"
CONFIG = "mkdocs.yml"
# Line numbers in the fixture's docs/index.md (what staff would see in their editor).
TITLE, DESCRIPTION, LAST, NEXT, REVIEWER, SOURCE, H1, BODY, H2, LAST_LINE = (
    2,
    3,
    4,
    5,
    6,
    8,
    12,
    14,
    22,
    24,
)
KEY_POINTS = 16  # the fixture's "Key points" box, between the first paragraph and the first section
BODY_TEXT = "It is a short visit. We talk first."
# Lines in the fixture's mkdocs.yml.
_FIXTURE_CONFIG_TEXT = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
CLINIC_LINES = {
    key: key_line(_FIXTURE_CONFIG_TEXT, ["extra", "clinic"] + ([] if key == "clinic" else [key]))
    for key in ("clinic", "name", "phone", "email", "address", "hours", "booking_url")
}

MISTAKES = [
    # 0. The "Key points" box (scripts/checks/key_points_checks.py)
    Mistake(
        "key-points-missing",
        INDEX,
        replace('!!! abstract "Key points"', "Key points:"),
        INDEX,
        H2,
        'no "Key points" box',
        '!!! abstract "Key points"',
    ),
    Mistake(
        "key-points-too-few",
        INDEX,
        replace("    - The visit is short.\n    - We talk first.\n", ""),
        INDEX,
        KEY_POINTS,
        "has 1 bullet; it needs 3 to 5",
        "Keep the most important points",
    ),
    Mistake(
        "key-points-misspelt",
        INDEX,
        replace('!!! abstract "Key points"', '!!! note "Key point"'),
        INDEX,
        KEY_POINTS,
        'must be written exactly `!!! abstract "Key points"`',
        "Change this line to it",
    ),
    # 1. Front matter
    Mistake(
        "front-matter-missing",
        INDEX,
        lambda t: t.split("---\n", 2)[2],
        INDEX,
        1,
        "no front matter",
        "Add a block",
    ),
    Mistake(
        "front-matter-not-closed",
        INDEX,
        drop_line(10),
        INDEX,
        1,
        "no closing --- line",
        "Add a line with just ---",
    ),
    Mistake(
        "reviewer-without-credential",
        INDEX,
        replace("reviewed_by: Test Reviewer, PT", "reviewed_by: Sam"),
        INDEX,
        REVIEWER,
        "reviewed_by 'Sam' gives no clinical credential",
        "Write the reviewer's name, a comma and their credential",
    ),
    Mistake(
        "front-matter-first-line",
        INDEX,
        replace("---\ntitle", "----\ntitle"),
        INDEX,
        1,
        "must be exactly ---",
        "three dashes",
    ),
    Mistake(
        "front-matter-bad-yaml",
        INDEX,
        replace("title: Fixture home", "title: Fixture: home"),
        INDEX,
        TITLE,
        "not valid YAML",
        "double quotes",
    ),
    Mistake(
        "front-matter-tab",
        INDEX,
        replace('  - text: "A source."', '\t- text: "A source."'),
        INDEX,
        SOURCE,
        "tab character",
        "Replace the tab with spaces",
    ),
    *[
        Mistake(
            f"missing-{key}",
            INDEX,
            drop_line(line),
            INDEX,
            1,
            f"no {key}",
            f"Add a line `{key}: ...`",
        )
        for key, line in [
            ("title", TITLE),
            ("description", DESCRIPTION),
            ("last_reviewed", LAST),
            ("next_review", NEXT),
            ("reviewed_by", REVIEWER),
        ]
    ],
    Mistake(
        "misspelt-key",
        INDEX,
        replace("next_review:", "next_reveiw:"),
        INDEX,
        NEXT,
        "misspelling of next_review",
        "Rename it to next_review",
    ),
    Mistake(
        "empty-reviewer",
        INDEX,
        replace("reviewed_by: Test Reviewer, PT", "reviewed_by:"),
        INDEX,
        REVIEWER,
        "reviewed_by is empty",
        "Write a value",
    ),
    Mistake(
        "duplicate-key",
        INDEX,
        replace("reviewed_by:", "title: Again\nreviewed_by:"),
        INDEX,
        REVIEWER,
        "appears twice",
        "Delete one",
    ),
    Mistake(
        "description-too-long",
        INDEX,
        replace("A tiny page for the safety-net tests.", "Long words. " * 14),
        INDEX,
        DESCRIPTION,
        "167 characters long",
        "Shorten it",
    ),
    Mistake(
        "date-not-real",
        INDEX,
        replace("last_reviewed: 2026-11-23", "last_reviewed: 2026-02-30"),
        INDEX,
        LAST,
        "not a real date",
        "Fix the date",
    ),
    Mistake(
        "date-wrong-format",
        INDEX,
        replace("next_review: 2027-11-23", "next_review: 23/11/2027"),
        INDEX,
        NEXT,
        "not a date in the form YYYY-MM-DD",
        "year-month-day",
    ),
    Mistake(
        "date-in-quotes",
        INDEX,
        replace("next_review: 2027-11-23", 'next_review: "2027-11-23"'),
        INDEX,
        NEXT,
        "inside quote marks",
        "Remove the quote marks",
    ),
    Mistake(
        "last-reviewed-future",
        INDEX,
        replace("last_reviewed: 2026-11-23", "last_reviewed: 2026-12-25"),
        INDEX,
        LAST,
        "is in the future",
        "Set it to the day",
    ),
    Mistake(
        "next-before-last",
        INDEX,
        replace("next_review: 2027-11-23", "next_review: 2026-11-20"),
        INDEX,
        NEXT,
        "is not after last_reviewed",
        "Set next_review to a later date",
    ),
    Mistake(
        "next-too-far",
        INDEX,
        replace("next_review: 2027-11-23", "next_review: 2028-01-01"),
        INDEX,
        NEXT,
        "more than 12 months after",
        "Set it to 2027-11-23 or earlier",
    ),
    Mistake(
        "next-in-past",
        INDEX,
        lambda t: t.replace("last_reviewed: 2026-11-23", "last_reviewed: 2024-06-01").replace(
            "next_review: 2027-11-23", "next_review: 2025-01-01"
        ),
        INDEX,
        NEXT,
        "next_review 2025-01-01 is in the past",
        "Ask a clinician to review this page",
        ((CHANGED_VARIABLE, INDEX),),  # a pull request that changes this page
    ),
    Mistake(
        "source-url-not-https",
        INDEX,
        replace("url: https://example.com/source", "url: http://example.com/source"),
        INDEX,
        SOURCE,
        "is not an https:// web address",
        "full https:// address",
    ),
    Mistake(
        "source-without-text",
        INDEX,
        replace('- text: "A source."', '- txt: "A source."'),
        INDEX,
        SOURCE,
        "has no text",
        "Add `text:",
    ),
    Mistake(
        "sources-not-a-list",
        INDEX,
        replace(
            'sources:\n  - text: "A source."\n    url: https://example.com/source',
            "sources: A source.",
        ),
        INDEX,
        7,
        "sources must be a list",
        "one source per line",
    ),
    Mistake("page-empty", INDEX, create(""), INDEX, 1, "the page is empty", "Add front matter"),
    Mistake(
        "page-no-text",
        INDEX,
        lambda t: t.split("# Fixture home")[0],
        INDEX,
        11,
        "no text after the front matter",
        "Write the page's text",
    ),
    Mistake(
        "not-utf8",
        INDEX,
        lambda t: t.replace(BODY_TEXT, "It\u2019s a short visit.").encode("cp1252"),
        INDEX,
        LAST_LINE,
        "not saved as UTF-8",
        "Retype the character",
    ),
    # 2. Reading level
    Mistake(
        "reading-level",
        INDEX,
        replace(BODY_TEXT, HARD_PARAGRAPH),
        INDEX,
        LAST_LINE,
        "reads at grade",
        "split long sentences",
    ),
    # 3. Links
    Mistake(
        "link-missing-page",
        INDEX,
        replace("(second.md#what-to-do)", "(secnd.md)"),
        INDEX,
        BODY,
        "page that does not exist",
        "Did you mean second.md?",
    ),
    Mistake(
        "link-missing-anchor",
        INDEX,
        replace("#what-to-do)", "#what-to-doo)"),
        INDEX,
        BODY,
        "section #what-to-doo that does not exist",
        "Did you mean #what-to-do?",
    ),
    Mistake(
        "link-not-md",
        INDEX,
        replace("(second.md#what-to-do)", "(second/)"),
        INDEX,
        BODY,
        "does not name a page file",
        "Link to the Markdown file instead: second.md",
    ),
    Mistake(
        "link-absolute",
        INDEX,
        replace("(second.md#what-to-do)", "(/second/)"),
        INDEX,
        BODY,
        "starts with /",
        "Link to the Markdown file instead",
    ),
    Mistake(
        "link-http",
        INDEX,
        replace(BODY_TEXT, "See [the NHS](http://www.nhs.uk/)."),
        INDEX,
        LAST_LINE,
        "is not https://",
        "Use https://www.nhs.uk/",
    ),
    Mistake(
        "link-own-computer",
        INDEX,
        replace(BODY_TEXT, r"Fill in [the form](C:\Users\me\form.pdf)."),
        INDEX,
        LAST_LINE,
        "file on your own computer",
        "Put the file in the docs folder",
    ),
    Mistake(
        "link-same-page-anchor",
        INDEX,
        replace(BODY_TEXT, "See [above](#what-it-iz)."),
        INDEX,
        LAST_LINE,
        "section #what-it-iz that does not exist",
        "Did you mean #what-it-is?",
    ),
    Mistake(
        "bare-web-address",
        INDEX,
        replace(BODY_TEXT, "See www.nhs.uk for more."),
        INDEX,
        LAST_LINE,
        "is plain text, so patients cannot click it",
        "Make it a link",
    ),
    # 4. Images
    Mistake(
        "image-no-alt",
        SECOND,
        replace("![A glass of water]", "![]"),
        SECOND,
        11,
        "has no alt text",
        "Describe the image",
    ),
    Mistake(
        "image-html-no-alt",
        SECOND,
        replace("![A glass of water](assets/water.png)", '<img src="assets/water.png">'),
        SECOND,
        11,
        "has no alt text",
        'Add alt="',
    ),
    Mistake(
        "image-missing-file",
        SECOND,
        replace("assets/water.png", "assets/waterr.png"),
        SECOND,
        11,
        "an image file that does not exist",
        "Did you mean assets/water.png?",
    ),
    Mistake(
        "image-too-big",
        SECOND,
        replace("assets/water.png", "assets/big.jpg"),
        SECOND,
        11,
        "is 400 KB; the limit is 300 KB",
        "Shrink it",
    ),
    Mistake(
        "image-other-website",
        SECOND,
        replace("assets/water.png", "https://example.com/water.png"),
        SECOND,
        11,
        "loads from another website",
        "Save the image into docs/assets/images/",
    ),
    # 5. Raw HTML that could run code
    *[
        Mistake(
            f"html-{tag}",
            INDEX,
            replace(BODY_TEXT, snippet),
            INDEX,
            LAST_LINE,
            f"<{tag}> is not allowed",
            f"Delete the <{tag}> tag",
        )
        for tag, snippet in [
            ("script", "<script>alert('hi')</script>"),
            ("iframe", '<iframe src="https://example.com/"></iframe>'),
            ("object", '<object data="movie.swf"></object>'),
            ("embed", '<embed src="movie.swf">'),
            ("style", "<style>body { display: none; }</style>"),
        ]
    ],
    Mistake(
        "html-event-handler",
        INDEX,
        replace(BODY_TEXT, '<a href="second.md" onclick="track()">Next</a>'),
        INDEX,
        LAST_LINE,
        "onclick= attribute in <a> would run code",
        'Delete onclick="..."',
    ),
    Mistake(
        "attr-list-event-handler",
        INDEX,
        replace(BODY_TEXT, 'Call us.\n{ onmouseover="track()" }'),
        INDEX,
        LAST_LINE + 1,
        "onmouseover= attribute in {...}",
        'Delete onmouseover="..."',
    ),
    Mistake(
        "javascript-link",
        INDEX,
        replace(BODY_TEXT, "[Click](javascript:alert(1))"),
        INDEX,
        LAST_LINE,
        "javascript: link would run code",
        "Replace it with a normal https:// link",
    ),
    Mistake(
        "style-attribute",
        INDEX,
        replace(BODY_TEXT, '<span style="color: red">Important</span>'),
        INDEX,
        LAST_LINE,
        'style="..." attribute in <span>',
        "use an admonition",
    ),
    Mistake(
        "div-never-closed",
        INDEX,
        replace(BODY_TEXT, '<div class="note" markdown>\n\n' + BODY_TEXT),
        INDEX,
        LAST_LINE,
        "this <div> is never closed",
        "Add a line </div> where the box should end",
    ),
    # 6. Structure
    Mistake(
        "two-h1",
        INDEX,
        replace("## What it is", "# What it is"),
        INDEX,
        H2,
        "more than one main heading",
        "Change this one to ## What it is",
    ),
    Mistake(
        "heading-skips-level",
        INDEX,
        replace(BODY_TEXT, "#### Details"),
        INDEX,
        LAST_LINE,
        "jumps from ## to ####",
        "Use ### Details",
    ),
    Mistake(
        "heading-no-space",
        INDEX,
        replace("## What it is", "##What it is"),
        INDEX,
        H2,
        "no space after the #",
        "Add a space: ## What it is",
    ),
    Mistake(
        "heading-empty",
        INDEX,
        replace("## What it is", "##"),
        INDEX,
        H2,
        "this heading is empty",
        "Write the heading text",
    ),
    Mistake(
        "title-differs-from-h1",
        INDEX,
        replace("# Fixture home", "# Aftercare"),
        INDEX,
        H1,
        "has nothing in common with the title",
        "Make them match",
    ),
    Mistake(
        "page-not-in-nav",
        "docs/orphan.md",
        lambda _t: (FIXTURE / SECOND).read_text(encoding="utf-8"),
        "docs/orphan.md",
        1,
        "not in the menu",
        "Add it under nav: in mkdocs.yml",
    ),
    Mistake(
        "glossary-bad-line",
        "includes/glossary.md",
        append("[needle] a thin pin\n"),
        "includes/glossary.md",
        2,
        "not in the form *[word]: what it means",
        "Write it like",
    ),
    Mistake(
        "glossary-duplicate",
        "includes/glossary.md",
        append("*[muscle]: Again.\n"),
        "includes/glossary.md",
        2,
        "defined twice",
        "Delete one",
    ),
    Mistake(
        "snippet-missing",
        INDEX,
        replace(BODY_TEXT, '--8<-- "includes/nothere.md"'),
        INDEX,
        LAST_LINE,
        "the included file includes/nothere.md does not exist",
        "Fix the file name",
    ),
    Mistake(
        "handout-snippet-missing",
        "docs/handout.md",
        append('\n--8<-- "includes/nothere.md"\n'),
        "docs/handout.md",
        (FIXTURE / "docs" / "handout.md").read_text(encoding="utf-8").count("\n") + 2,
        "the included file includes/nothere.md does not exist",
        "Fix the file name",
    ),
    Mistake(
        "placeholder-after-missing-include",
        INDEX,
        lambda text: (
            text.replace(BODY_TEXT, BODY_TEXT + " Call {{ clinic.fone }}.")
            + '\n--8<-- "includes/nothere.md"\n'
        ),
        INDEX,
        LAST_LINE,
        "unknown placeholder '{{ clinic.fone }}'",
        "Use one of",
    ),
    Mistake(
        "admonition-not-indented",
        INDEX,
        replace(BODY_TEXT, "!!! warning\nCall 911 if you cannot breathe."),
        INDEX,
        LAST_LINE,
        "box is not indented",
        "Start each line of the box's text with 4 spaces",
    ),
    # 7. What a page says (scripts/checks/content_checks.py)
    Mistake(
        "typed-phone-number",
        INDEX,
        replace(BODY_TEXT, "Call us on 541.555.0142 today."),
        INDEX,
        LAST_LINE,
        "the clinic's phone number 541.555.0142 is typed by hand",
        "Write {{ clinic.phone_link }}",
    ),
    Mistake(
        "pasted-other-phone-number",
        INDEX,
        replace(BODY_TEXT, "Text Sam on (541) 555-0199 if the clinic is closed."),
        INDEX,
        LAST_LINE,
        "(541) 555-0199 looks like a phone number, but it is not the clinic's number",
        "add it under extra: clinic: other_phones:",
    ),
    Mistake(
        "tel-link-to-other-number",
        INDEX,
        replace(BODY_TEXT, "[Call the clinic](tel:+15415550124) to book."),
        INDEX,
        LAST_LINE,
        "+15415550124 looks like a phone number, but it is not the clinic's number",
        "For the clinic, write {{ clinic.phone_link }}",
    ),
    Mistake(
        "typed-email",
        INDEX,
        replace(BODY_TEXT, "[Write to us](mailto:hello@example.com)."),
        INDEX,
        LAST_LINE,
        "email address hello@example.com is typed by hand",
        "Write {{ clinic.email_link }}",
    ),
    Mistake(
        "cites-a-source-the-page-does-not-list",
        INDEX,
        replace(BODY_TEXT, "It is a short visit (source 2). We talk first."),
        INDEX,
        LAST_LINE,
        "'(source 2)' cites source 2, but the page lists 1 source",
        "Use the number of the source as it is listed under Sources",
    ),
    Mistake(
        "medicine-dose",
        INDEX,
        replace(BODY_TEXT, "Take 800 mg of ibuprofen every 4 hours."),
        INDEX,
        LAST_LINE,
        "'800 mg' gives a medicine dose",
        "use it as the label or your doctor or pharmacist says",
    ),
    Mistake(
        "unfinished-todo",
        INDEX,
        replace(BODY_TEXT, "TODO: add the parking details."),
        INDEX,
        LAST_LINE,
        "the page still has a note that the text is not finished ('TODO')",
        "Finish the text",
    ),
    Mistake(
        "unfinished-reviewer",
        INDEX,
        replace("reviewed_by: Test Reviewer, PT", "reviewed_by: TBD"),
        INDEX,
        REVIEWER,
        "('TBD')",
        "Finish the text",
    ),
    Mistake(
        "claim-cure",
        INDEX,
        replace(BODY_TEXT, "Dry needling will cure your back pain."),
        INDEX,
        LAST_LINE,
        "'cure' promises a cure",
        "Instead, say what it may do",
    ),
    Mistake(
        "wrong-emergency-number",
        INDEX,
        replace(BODY_TEXT, "If you cannot breathe, call 999."),
        INDEX,
        LAST_LINE,
        "'call 999' is not the emergency number here",
        "Write 911",
    ),
    Mistake(
        "link-text-click-here",
        INDEX,
        replace("[what to do after](second.md#what-to-do)", "[click here](second.md#what-to-do)"),
        INDEX,
        BODY,
        "the link text 'click here' does not say where the link goes",
        "Use words that name the place",
    ),
    Mistake(
        "table-wrong-cells",
        INDEX,
        replace(BODY_TEXT, "| Day | Feel |\n| --- | --- |\n| 1 | sore | very |"),
        INDEX,
        LAST_LINE + 2,
        "this table row has 3 cells but the header has 2",
        "Make the row 2 cells",
    ),
    Mistake(
        "box-type-misspelt",
        INDEX,
        replace(BODY_TEXT, "!!! warnng\n    Call 911 if you cannot breathe."),
        INDEX,
        LAST_LINE,
        "'warnng' is not a box type",
        "Did you mean !!! warning?",
    ),
    Mistake(
        "pasted-invisible-character",
        INDEX,
        replace(BODY_TEXT, "It is a short\u200b visit."),
        INDEX,
        LAST_LINE,
        "invisible character (a zero-width space)",
        "Retype the words around it",
    ),
    Mistake(
        "duplicate-title",
        SECOND,
        lambda t: t.replace("title: Aftercare", "title: Fixture home").replace(
            "# Aftercare", "# Fixture home"
        ),
        SECOND,
        2,
        "the title 'Fixture home' is also the title of docs/index.md",
        "Give this page its own title",
    ),
    # 8. mkdocs.yml
    Mistake(
        "nav-missing-page",
        CONFIG,
        replace("  - Aftercare: second.md", "  - Aftercare: secnd.md"),
        CONFIG,
        _FIXTURE_CONFIG_TEXT.split("\n").index("  - Aftercare: second.md") + 1,
        "the menu (nav:) lists secnd.md, but there is no page docs/secnd.md",
        "Did you mean second.md?",
    ),
    *[
        Mistake(
            f"clinic-missing-{key}",
            CONFIG,
            drop_line(line),
            CONFIG,
            CLINIC_LINES["clinic"],
            f"extra.clinic.{key} is missing",
            f"Add a line `{key}:",
        )
        for key, line in CLINIC_LINES.items()
        if key != "clinic"
    ],
    Mistake(
        "clinic-missing",
        CONFIG,
        lambda t: t.split("extra:")[0],
        CONFIG,
        1,
        "extra: clinic: is missing",
        "Add it with name, phone",
    ),
    Mistake(
        "phone-letters",
        CONFIG,
        replace('"(541) 555-0142"', '"541-555-CALL"'),
        CONFIG,
        CLINIC_LINES["phone"],
        "contains letters",
        "full number with its area code",
    ),
    Mistake(
        "phone-too-short",
        CONFIG,
        replace('"(541) 555-0142"', '"555-0142"'),
        CONFIG,
        CLINIC_LINES["phone"],
        "has 7 digits, not 10",
        "full number with its area code",
    ),
    Mistake(
        "booking-not-https",
        CONFIG,
        replace("https://example.com/book", "http://example.com/book"),
        CONFIG,
        CLINIC_LINES["booking_url"],
        "is not an https:// address",
        "full https:// address",
    ),
    Mistake(
        "email-invalid",
        CONFIG,
        replace("hello@example.com", "hello at example.com"),
        CONFIG,
        CLINIC_LINES["email"],
        "not a valid email address",
        "hello@example.com",
    ),
    Mistake(
        "config-duplicate-key",
        CONFIG,
        append("\nsite_name: Safety net fixture again\n"),
        CONFIG,
        _FIXTURE_CONFIG_TEXT.count("\n") + 2,
        "site_name: appears twice in the same section (also on line 3)",
        "Merge the two into one site_name: entry",
    ),
]


def make_project(target: Path) -> Path:
    """A copy of the fixture site whose ../../ paths point at this repository."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(
        ROOT / "docs" / "data", target / "docs" / "data"
    )  # one source for referral data
    config = target / CONFIG
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/"),
        encoding="utf-8",
    )
    (target / "docs" / "assets" / "big.jpg").write_bytes(b"\xff" * 400 * 1024)
    return target


def apply_mistake(mistake: Mistake | None, workdir: Path) -> Path:
    project = make_project(workdir / "project")
    if mistake is not None:
        file = project / mistake.file
        original = file.read_text(encoding="utf-8") if file.exists() else ""
        changed = mistake.edit(original)
        if isinstance(changed, bytes):
            file.write_bytes(changed)
        else:
            file.write_text(changed, encoding="utf-8")
    return project


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str


def selected_mistakes(request: pytest.FixtureRequest, parameter: str) -> list[Mistake]:
    ids = {
        item.callspec.params[parameter].id
        for item in request.session.items
        if hasattr(item, "callspec") and parameter in item.callspec.params
    }
    return [mistake for mistake in MISTAKES if mistake.id in ids]


@pytest.fixture(scope="module")
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, BuildResult]:
    """Every check of a build (scripts/pipeline.py, no site generator) per selected mistake, each
    on its own copy of the fixture, in two worker processes. `cli_builds` runs real builds."""
    mistakes = selected_mistakes(request, "mistake")
    projects = {m.id: apply_mistake(m, tmp_path_factory.mktemp(m.id)) for m in mistakes}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        results = pool.map(
            check_in_process,
            [str(path) for path in projects.values()],
            repeat(FIXTURE_TODAY),
            [m.env for m in mistakes],
        )
        return {key: BuildResult(*result) for key, result in zip(projects, results, strict=True)}


GENERATORS = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def cli_builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[str, str], BuildResult]]:
    """Real builds through the one build command, with each generator, for the clean fixture and
    a few mistakes (as staff and CI run it)."""
    wanted: list[Mistake | None] = [None, *selected_mistakes(request, "cli_mistake")]
    with pytest.MonkeyPatch.context() as env:
        env.setenv(TODAY_VARIABLE, FIXTURE_TODAY)
        env.delenv("COLUMNS", raising=False)  # MkDocs wraps long messages to COLUMNS

        def run(job: tuple[Mistake | None, str]) -> BuildResult:
            mistake, generator = job
            name = f"{generator}-{mistake.id if mistake else 'clean'}"
            workdir = tmp_path_factory.mktemp(name)
            result = build_command(
                apply_mistake(mistake, workdir),
                workdir / "site",
                generator,
                env=dict(mistake.env if mistake else ()),
            )
            return BuildResult(result.returncode, result.stdout + result.stderr)

        jobs = [(mistake, generator) for mistake in wanted for generator in GENERATORS]
        tmp_path_factory.getbasetemp()  # made here, once: two threads making it would race
        with ThreadPoolExecutor(max_workers=2) as pool:
            yield {
                (m.id if m else "clean", generator): r
                for (m, generator), r in zip(jobs, pool.map(run, jobs), strict=True)
            }


def assert_reported(mistake: Mistake, result: BuildResult) -> None:
    output = result.output
    assert result.returncode != 0, f"the build passed despite the mistake:\n{output}"
    assert "Traceback" not in output, output
    located = [line for line in output.splitlines() if f"{mistake.path}:{mistake.line}: " in line]
    assert located, f"no message names {mistake.path}:{mistake.line}:\n{output}"
    message = next((line for line in located if mistake.says in line), None)
    assert message is not None, (
        f"no message at {mistake.path}:{mistake.line} says {mistake.says!r}:\n{output}"
    )
    assert mistake.fix in message, (
        f"the message does not say how to fix it ({mistake.fix!r}):\n{message}"
    )
    assert re.search(r"\S[.?!] [A-Z]", message), (
        f"message is not 'What is wrong. How to fix it.': {message}"
    )


UNREADABLE_FRONT_MATTER = (
    "front-matter-not-closed",
    "front-matter-bad-yaml",
    "front-matter-first-line",
)


@pytest.mark.parametrize(
    "mistake", [m for m in MISTAKES if m.id in UNREADABLE_FRONT_MATTER], ids=lambda m: m.id
)
def test_front_matter_that_cannot_be_read_is_the_pages_one_message(
    mistake: Mistake, builds: dict[str, BuildResult]
) -> None:
    """The rest of the page was read as text: its reading level, its sources, the addresses in
    the front matter would only repeat the one problem, so they are not reported."""
    output = builds[mistake.id].output
    about_the_page = [line for line in output.splitlines() if f"{INDEX}:" in line]
    assert len(about_the_page) == 1, "\n".join(about_the_page)


@pytest.mark.parametrize("generator", GENERATORS)
def test_fixture_site_builds_clean(
    cli_builds: dict[tuple[str, str], BuildResult], generator: str
) -> None:
    result = cli_builds["clean", generator]
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output


def test_mistake_ids_are_unique() -> None:
    ids = [mistake.id for mistake in MISTAKES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.id)
def test_mistake_fails_the_build_with_a_message_that_says_how_to_fix_it(
    mistake: Mistake, builds: dict[str, BuildResult]
) -> None:
    assert_reported(mistake, builds[mistake.id])


CLI_EXAMPLES = [
    "front-matter-bad-yaml",
    "next-in-past",
    "reading-level",
    "link-missing-anchor",
    "image-too-big",
    "html-script",
    "heading-skips-level",
    "phone-letters",
    "typed-phone-number",
    "claim-cure",
]


@pytest.mark.parametrize("generator", GENERATORS)
@pytest.mark.parametrize(
    "cli_mistake", [m for m in MISTAKES if m.id in CLI_EXAMPLES], ids=lambda m: m.id
)
def test_build_command_shows_the_message(
    cli_mistake: Mistake, cli_builds: dict[tuple[str, str], BuildResult], generator: str
) -> None:
    """One mistake of each kind through the real build command, with each generator."""
    assert_reported(cli_mistake, cli_builds[cli_mistake.id, generator])


# ---------------------------------------------------------------- the real site


def test_real_site_passes_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check of a build over the real docs/ and mkdocs.yml, cross-page checks included,
    today (the strict builds pin no date), through the pipeline itself."""
    monkeypatch.delenv(TODAY_VARIABLE, raising=False)
    monkeypatch.chdir(ROOT)
    checked = check_project(ROOT)
    assert not checked.problems, checked.output


def test_real_site_build_has_no_safety_net_warnings(built_site: Path) -> None:
    # built_site fails the session if the strict build warns; here we only need it to exist.
    assert (built_site / "index.html").is_file()
    assert markdown_checks.page_ids((built_site / "index.html").read_text(encoding="utf-8"))


def test_docs_have_no_spelling_mistakes() -> None:
    codespell = str(Path(sys.executable).parent / "codespell")
    allow = ROOT / "tests" / "codespell-allowlist.txt"
    result = subprocess.run(
        [
            codespell,
            "--ignore-words",
            str(allow),
            # English spelling only: not the Spanish shared text, nor the `es:` words in data files.
            "--skip",
            "includes/es",
            "--ignore-regex",
            r"\bes: .*",
            "docs",
            "includes",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"spelling mistakes (add real medical words to {allow.name}):\n{result.stdout}{result.stderr}"
    )


def test_codespell_catches_a_misspelling(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Drink water and rest. You will recieve a call.\n", encoding="utf-8")
    allow = ROOT / "tests" / "codespell-allowlist.txt"
    codespell = str(Path(sys.executable).parent / "codespell")
    result = subprocess.run(
        [codespell, "--ignore-words", str(allow), str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "recieve" in result.stdout


def test_broken_front_matter_gives_one_message_not_noise(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_text(
        "---\ntitle: A: b\ndescription: d\n---\n\n# A b\n\nText [x](a.md).\n", encoding="utf-8"
    )
    problems = SafetyNet(tmp_path, today=dt.date(2026, 11, 23)).check_page_source(
        page, "a.md", {"a.md"}, docs
    )
    assert [str(p).split(" (")[0] for p in problems] == [
        "docs/a.md:2: the front matter is not valid YAML"
    ]


def test_a_crashing_check_becomes_a_message() -> None:
    def broken(_: str) -> list[Problem]:
        raise ValueError("boom")

    [problem] = guarded("docs/a.md", broken, "x")
    assert str(problem).startswith(
        "docs/a.md:1: the safety checks could not read this file (ValueError: boom)."
    )


def test_today_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, "2030-01-02")
    assert SafetyNet(ROOT).today == dt.date(2030, 1, 2)
    monkeypatch.delenv(TODAY_VARIABLE)
    assert SafetyNet(ROOT).today == dt.date.today()
