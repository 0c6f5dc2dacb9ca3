"""The referred-pain explorer: data checks, rendered HTML, budgets, and the page in a browser."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import axe_violations
from conftest import ROOT, build_site

from scripts import body_map
from scripts.body_map import DATA_PATH, load_patterns
from scripts.checks import readability
from scripts.clinic import Clinic

DATA_TEXT = (ROOT / DATA_PATH).read_text(encoding="utf-8")
PAGE = "referred-pain/"
ISSUE_REGIONS = [
    "Temple",
    "Back of the head",
    "Jaw and teeth",
    "Side of the neck",
    "Top of the shoulder",
    "Front of the shoulder",
    "Outside of the upper arm",
    "Outside of the elbow",
    "Thumb side of the hand",
    "Between the shoulder blades",
    "Low back",
    "Buttock",
    "Outside of the hip",
    "Back of the thigh",
    "Outside of the thigh",
    "Knee",
    "Calf",
    "Arch of the foot",
]


def line_of(text: str, needle: str, start: int = 1) -> int:
    """1-based number of the first line at or after `start` that contains `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def only_problem(text: str) -> str:
    _, problems = load_patterns(text)
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


# --- The shipped data -----------------------------------------------------------------------------


def test_shipped_data_is_valid_and_big_enough() -> None:
    patterns, problems = load_patterns(DATA_TEXT)
    assert not problems, [str(p) for p in problems]
    assert len(patterns.regions) >= 20
    assert len(patterns.muscles) >= 12
    labels = {region.label for region in patterns.regions}
    assert not set(ISSUE_REGIONS) - labels
    for muscle in patterns.muscles:
        assert muscle.refers_to and muscle.source and muscle.people_notice


def test_shipped_patterns_match_the_brief() -> None:
    patterns, _ = load_patterns(DATA_TEXT)
    at_temple = {m.id for m in patterns.muscles_referring_to("temple")}
    assert {"upper-trapezius", "temporalis"} <= at_temple
    # The content brief's sternocleidomastoid pattern has no temple.
    assert "sternocleidomastoid" not in at_temple
    assert "infraspinatus" in {m.id for m in patterns.muscles_referring_to("outside-upper-arm")}
    piriformis = next(m for m in patterns.muscles if m.id == "piriformis")
    assert "less certain" in piriformis.note


# --- One test per kind of mistake: each message names the file and line and says how to fix it ------


def test_unknown_region_id() -> None:
    text = DATA_TEXT.replace(
        "refers_to: [temple, around-eye, jaw-teeth]", "refers_to: [temple, around-eye, jaw-teth]"
    )
    message = only_problem(text)
    line = line_of(text, "jaw-teth")
    assert message.startswith(f"{DATA_PATH}:{line}: ")
    assert "unknown region id 'jaw-teth'" in message
    assert "Did you mean 'jaw-teeth'?" in message
    assert "Use an id from the 'regions:' list" in message


def test_unknown_trigger_point_region() -> None:
    text = DATA_TEXT.replace("trigger_point: calf", "trigger_point: shin")
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'trigger_point: shin')}: ")
    assert "unknown region id 'shin' in 'trigger_point'" in message


def test_duplicate_muscle_id() -> None:
    text = DATA_TEXT.replace("- id: masseter", "- id: temporalis")
    message = only_problem(text)
    first = line_of(text, "- id: temporalis")
    second = line_of(text, "- id: temporalis", first + 1)
    assert message.startswith(f"{DATA_PATH}:{second}: ")
    assert f"Duplicate muscle id 'temporalis' (already used on line {first})" in message
    assert "Give each muscle its own id" in message


def test_duplicate_region_id() -> None:
    text = DATA_TEXT.replace(
        "- id: forehead\n    label:\n      en: Forehead",
        "- id: temple\n    label:\n      en: Forehead",
    )
    problems = [str(p) for p in load_patterns(text)[1]]
    second = line_of(text, "- id: temple", line_of(text, "- id: temple") + 1)
    assert problems[0].startswith(f"{DATA_PATH}:{second}: Duplicate region id 'temple'")


def test_missing_field() -> None:
    notice = (
        "    people_notice:\n      en: Pain in the calf, behind the knee, or in the arch of the foot.\n"
        "      es: Dolor en la pantorrilla, detrás de la rodilla o en el arco del pie.\n"
    )
    assert notice in DATA_TEXT
    text = DATA_TEXT.replace(notice, "")
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, '- id: gastrocnemius')}: ")
    assert "Muscle 'gastrocnemius' is missing the field 'people_notice'" in message
    assert "Add a line 'people_notice: ...'" in message


def test_muscle_with_no_referral_region() -> None:
    text = DATA_TEXT.replace("refers_to: [calf, back-of-knee, arch-of-foot]", "refers_to: []")
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'refers_to: []')}: ")
    assert "Muscle 'gastrocnemius' has no referral region" in message
    assert "refers_to: [temple]" in message


def test_a_field_written_twice() -> None:
    line = "      es: Dolor en la pantorrilla, detrás de la rodilla o en el arco del pie.\n"
    assert line in DATA_TEXT
    twice = "    people_notice:\n      en: Calf pain.\n      es: Dolor de pantorrilla.\n"
    text = DATA_TEXT.replace(line, line + twice, 1)
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'en: Calf pain.') - 1}: ")
    assert "'people_notice:' appears twice here" in message
    assert "Keep one 'people_notice:' line" in message


def test_malformed_yaml() -> None:
    text = DATA_TEXT.replace("  - id: calf\n", "  - id: calf\n   label: [oops\n", 1)
    message = only_problem(text)
    match = re.match(rf"{re.escape(DATA_PATH)}:(\d+): The file cannot be read", message)
    assert match, message
    assert abs(int(match.group(1)) - line_of(text, "label: [oops")) <= 2
    assert "indent with spaces" in message


def test_unknown_area_and_undrawn_region() -> None:
    text = DATA_TEXT.replace("    area: leg-foot\n", "    area: legs\n", 1)
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'area: legs')}: ")
    assert "Use one of: head-neck, shoulder-arm, back-hip, leg-foot" in message

    text = DATA_TEXT.replace(
        "  - id: calf\n    label:\n      en: Calf", "  - id: shin\n    label:\n      en: Shin"
    )
    problems = [str(p) for p in load_patterns(text)[1]]
    assert problems[0].startswith(
        f"{DATA_PATH}:{line_of(text, '- id: shin')}: Region 'shin' has no shape"
    )
    assert "ask a developer to draw" in problems[0]


def test_unknown_field_and_bad_id() -> None:
    text = DATA_TEXT.replace(
        "    note:\n      en: This pattern", "    notes:\n      en: This pattern"
    )
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'notes:')}: ")
    assert "unknown field 'notes'. Did you mean 'note'?" in message

    text = DATA_TEXT.replace("- id: masseter", "- id: Masseter Muscle")
    message = only_problem(text)
    assert "for example 'masseter-muscle'" in message


def test_a_broken_data_file_fails_the_build(scratch_project: Path) -> None:
    data = scratch_project / DATA_PATH
    data.write_text(
        data.read_text(encoding="utf-8").replace("refers_to: [calf,", "refers_to: [calff,"),
        encoding="utf-8",
    )
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert f"{DATA_PATH}:" in result.stderr and "unknown region id 'calff'" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_text_field_has_both_languages() -> None:
    spanish, problems = load_patterns(DATA_TEXT, DATA_PATH, "es")
    assert not problems
    assert spanish.regions[0].label == "Sien"
    english, _ = load_patterns(DATA_TEXT)
    assert [r.id for r in spanish.regions] == [r.id for r in english.regions]  # shared ids
    text = DATA_TEXT.replace("      es: Sien\n", "", 1)
    message = only_problem(text)
    assert message.startswith(f"{DATA_PATH}:{line_of(text, 'en: Temple') - 1}: ")
    assert "'label' has no Spanish words. Add a line '  es: …'" in message
    text = DATA_TEXT.replace(
        "    label:\n      en: Temple\n      es: Sien\n", "    label: Temple\n", 1
    )
    assert "needs its words in each language" in only_problem(text)


def test_missing_marker_is_reported() -> None:
    assert body_map.missing_marker_problems(1) == []
    (problem,) = body_map.missing_marker_problems(0)
    assert str(problem).startswith("docs/referred-pain.md:1: No page shows the body map.")
    assert "<!-- pain-map -->" in problem.message


# --- What the build puts on the page ----------------------------------------------------------------


@pytest.fixture(scope="module")
def page_html(built_site: Path) -> str:
    return (built_site / PAGE / "index.html").read_text(encoding="utf-8")


def explorer_html(page_html: str) -> str:
    start = page_html.index('<div class="pain-map-explorer">')
    end = page_html.index('<p class="pain-map__source">', start)
    return page_html[start:end]


def test_page_has_every_region_and_muscle(page_html: str) -> None:
    patterns, _ = load_patterns(DATA_TEXT)
    assert "<!-- pain-map -->" not in page_html
    assert page_html.count('<form class="pain-map"') == 1
    assert page_html.count('<table class="pain-map__table') == 2
    for region in patterns.regions:
        assert f'name="region" value="{region.id}"' in page_html, region.id
        assert f'<path data-region="{region.id}"' in page_html, region.id
        assert f'<th scope="row">{region.label}</th>' in page_html, region.id
    for muscle in patterns.muscles:
        assert f'data-muscle="{muscle.id}"' in page_html, muscle.id
        assert f'id="pain-muscle-{muscle.id}"' in page_html, muscle.id
        assert page_html.count(muscle.name) >= 3, muscle.id


def test_explorer_is_accessible_markup_without_inline_code(page_html: str) -> None:
    html = explorer_html(page_html)
    assert 'class="pain-map__results" aria-live="polite"' in html
    assert '<svg class="pain-map__svg"' in html and 'aria-hidden="true"' in html
    assert not re.search(r"\sstyle=|\son[a-z]+=|<script", html)
    assert html.count("<label") == html.count('name="region"')


def test_guide_line_links_to_booking_from_config(page_html: str) -> None:
    assert "This is a guide, not a diagnosis." in page_html
    assert re.search(r'<a href="https://example\.com/book">Book a visit</a>', page_html)


def test_explorer_text_is_plain_language() -> None:
    patterns, _ = load_patterns(DATA_TEXT)
    grade = readability.page_grade(
        body_map.render_body_map(patterns, Clinic(booking_url="https://example.com/book"))
    )
    assert grade is not None and grade <= readability.MAX_GRADE


def test_budgets(page_html: str, built_site: Path) -> None:
    svg = re.search(r'<svg class="pain-map__svg".*?</svg>', page_html, re.DOTALL)
    assert svg and len(svg.group(0).encode()) <= 40 * 1024
    script = (built_site / "assets" / "javascripts" / "pain-map.js").read_bytes()
    assert len(gzip.compress(script, 9)) <= 8 * 1024
    assert '"../assets/javascripts/pain-map.js"' in page_html  # in the after-first-paint loader


# --- In a browser ---------------------------------------------------------------------------------


@pytest.fixture
def open_page(browser: Any, site_url: str) -> Iterator[Any]:
    """A fresh page factory; every page fails the test on console errors."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_(color_scheme: str = "light", width: int = 390, javascript: bool = True) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 844},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + PAGE)
        if javascript:  # pain-map.js arrives after the first paint, then shows the explorer
            page.wait_for_selector("form.pain-map[data-pain-map-ready]")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, errors


def listed_muscles(page: Any) -> list[str]:
    return [
        text.strip() for text in page.locator(".pain-map__results li:visible h3").all_inner_texts()
    ]


@pytest.mark.browser
def test_temple_lists_the_neck_and_head_muscles(open_page: Any) -> None:
    page = open_page()
    assert listed_muscles(page) == []
    page.get_by_label("Temple", exact=True).check()
    assert {"Upper trapezius", "Temporalis"} <= set(listed_muscles(page))
    assert not {"Infraspinatus", "Sternocleidomastoid"} & set(listed_muscles(page))
    assert "is-felt" in (page.locator('svg [data-region="temple"]').get_attribute("class") or "")
    assert "2 muscles" in page.locator(".pain-map__summary").inner_text()


@pytest.mark.browser
def test_upper_arm_lists_the_infraspinatus_and_shows_it_on_the_map(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Outside of the upper arm").check()
    assert "Infraspinatus" in listed_muscles(page)
    page.get_by_role("button", name="Show infraspinatus on the map").click()
    assert (
        page.get_by_role("button", name="Show infraspinatus on the map").get_attribute(
            "aria-pressed"
        )
        == "true"
    )
    assert "is-trigger" in (
        page.locator('svg [data-region="shoulder-blade"]').get_attribute("class") or ""
    )
    assert "is-felt" in (
        page.locator('svg [data-region="thumb-side-hand"]').get_attribute("class") or ""
    )
    assert "infraspinatus" in page.locator(".pain-map__showing").inner_text()


def tab_to(page: Any, selector: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.browser
def test_keyboard_alone_can_do_both(open_page: Any) -> None:
    page = open_page()
    tab_to(page, "input[value=temple]")
    page.keyboard.press("Space")
    assert {"Upper trapezius", "Temporalis"} <= set(listed_muscles(page))
    page.keyboard.press("Space")  # untick the temple again
    assert listed_muscles(page) == []

    tab_to(page, "input[value=outside-upper-arm]")
    page.keyboard.press("Space")
    assert "Infraspinatus" in listed_muscles(page)
    tab_to(page, ".pain-map__jump")
    page.keyboard.press("Enter")
    tab_to(page, "[data-show=infraspinatus]")
    page.keyboard.press("Enter")
    assert page.locator("[data-show=infraspinatus]").get_attribute("aria-pressed") == "true"


# Material's own search dialog (role="dialog" without a name) is a site-wide matter of the theme,
# not of this page; every other node on the page is checked.


@pytest.mark.browser
@pytest.mark.parametrize(
    ("scheme", "width"), [("light", 390), ("dark", 390), ("light", 1280), ("dark", 1280)]
)
def test_axe_finds_nothing_with_a_selection_made(open_page: Any, scheme: str, width: int) -> None:
    page = open_page(scheme, width)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.get_by_label("Outside of the upper arm").check()
    page.get_by_label("Temple", exact=True).check()
    page.get_by_role("button", name="Show infraspinatus on the map").click()
    assert axe_violations(page) == []


@pytest.mark.browser
def test_without_javascript_the_tables_are_there(open_page: Any) -> None:
    page = open_page(javascript=False)
    assert page.locator("table.pain-map__table").count() == 2
    assert page.locator("table.pain-map__table").first.is_visible()
    assert not page.locator("form.pain-map").is_visible()
    row = page.locator("table.pain-map__table--where tr", has_text="Outside of the upper arm")
    assert "Infraspinatus" in row.inner_text()
    row.get_by_role("link", name="Infraspinatus").click()
    assert page.locator("#pain-muscle-infraspinatus").is_visible()
    assert page.url.endswith("#pain-muscle-infraspinatus")


@pytest.mark.browser
def test_explorer_works_when_reached_through_the_nav(open_page: Any, site_url: str) -> None:
    page = open_page(width=1280)
    sidebar = page.locator(".md-sidebar--primary")
    sidebar.get_by_role("link", name="Home", exact=True).click()
    page.wait_for_url(site_url)
    sidebar.get_by_role("link", name="Referred pain", exact=True).click()
    page.wait_for_url(site_url + PAGE)
    page.wait_for_selector("form.pain-map[data-pain-map-ready]")
    page.get_by_label("Outside of the upper arm").check()
    page.get_by_role("button", name="Show infraspinatus on the map").click()
    assert page.locator("[data-show=infraspinatus]").get_attribute("aria-pressed") == "true"


@pytest.mark.browser
def test_a_trigger_point_site_lists_the_knots_right_there(open_page: Any) -> None:
    page = open_page()
    page.get_by_label("Top of the shoulder", exact=True).check()
    assert "Upper trapezius" in listed_muscles(page)
    summary = page.locator(".pain-map__summary").inner_text()
    assert "knot right where it hurts: upper trapezius" in summary
    assert "Only a physical therapist can tell" in page.locator(".pain-map__therapist").inner_text()


def test_where_table_names_muscles_and_knots_right_there(page_html: str) -> None:
    where = re.search(
        r'<table class="pain-map__table pain-map__table--where">.*?</table>', page_html, re.DOTALL
    )
    assert where
    # PEMAT 19: a column of its own for a knot right in the painful spot.
    heads = re.findall(r'<th scope="col">(.*?)</th>', where.group(0))
    assert heads[-1] == "A knot right in that spot", heads
    row = re.search(
        r"<th scope=\"row\">Top of the shoulder</th><td>(.*?)</td><td>(.*?)</td>", where.group(0)
    )
    assert row and row.group(1) == "None in this guide" and "Upper trapezius" in row.group(2)
    # The plain name is given once, in the cards and the muscle table, not in every cell here.
    assert "(the muscle along the top of your shoulder)" not in where.group(0)
    muscles = re.search(
        r'<table class="pain-map__table pain-map__table--muscles">.*?</table>', page_html, re.DOTALL
    )
    assert muscles and "the muscle along the top of your shoulder" in muscles.group(0)


@pytest.mark.browser
def test_see_the_muscles_moves_focus_to_the_results(open_page: Any) -> None:
    page = open_page(width=390)
    page.get_by_label("Outside of the upper arm").check()
    page.get_by_role("link", name=re.compile(r"^See the (muscle|\d+ muscles)$")).click()
    page.wait_for_function("() => document.activeElement.id === 'pain-map-output'")
    assert page.url.endswith("#pain-map-output")


@pytest.mark.parametrize(
    ("language", "front", "back"), [("", "Front", "Back"), ("es/", "De frente", "De espaldas")]
)
def test_drawing_labels_its_views_in_the_page_language(
    built_site: Path, language: str, front: str, back: str
) -> None:
    html = (built_site / language / PAGE / "index.html").read_text(encoding="utf-8")
    start = html.index('<svg class="pain-map__svg"')
    drawing = html[start : html.index("</svg>", start)]
    labels = re.findall(r'<text class="pain-map__view-label"[^>]*>([^<]*)</text>', drawing)
    assert labels == [front, back], labels
