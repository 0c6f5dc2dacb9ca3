"""The look, measured in real Chromium on the built site (issue 17).

Text large enough for older eyes (16 px on phones, 18 px on desktops), lines under about 75
characters, bold headings in the text colour at 7:1 contrast in light and dark mode; the home
page's phone link and task links on the first screen of a phone, with JavaScript on or off, and
on paper as a bulleted list; the five boxes (Key points, What you can do, Call the clinic, Call 911, sources)
with colour, icon and heading; nothing cut off at 200 % zoom or with the largest text size.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    COLOR_SCHEMES,
    SPANISH_SAMPLE,
    VIEWPORTS,
    built_pages,
    open_ready,
    open_styled,
)

from scripts.readers.yaml_lines import load_yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MIN_TEXT_PX = {"phone": 16.0, "desktop": 18.0}
MAX_LINE_CHARACTERS = 75
MIN_HEADING_WEIGHT = 600
MIN_HEADING_CONTRAST = 7.0
MIN_FIRST_SCREEN_TASKS = 4
# Chromium's largest font size setting ("Very large") and WCAG 1.4.4's 200 % zoom.
LARGEST_FONT_PX = 24
ZOOM = 2


def home_config() -> dict[str, Any]:
    config = load_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extra = config["extra"]
    return {"home": extra["home"], "clinic": extra["clinic"], "site_url": config["site_url"]}


# Shared in-page helpers: the colour an element is drawn on (its own or an ancestor's background,
# alpha blended), and the WCAG contrast of its text against it.
COLOUR_JS = """
const rgba = (text) => {
  const parts = (text.match(/[\\d.]+/g) || []).map(Number);
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0, parts.length > 3 ? parts[3] : 1];
};
const blend = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
const backgroundOf = (element) => {
  const layers = [];
  for (let el = element; el; el = el.parentElement) {
    const colour = rgba(getComputedStyle(el).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  let colour = [255, 255, 255];
  for (const layer of layers.reverse()) colour = blend(layer, colour);
  return colour;
};
const luminance = (rgb) => rgb
  .map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => {
  const [l1, l2] = [luminance(a), luminance(b)];
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
};
const textContrast = (element) => {
  const background = backgroundOf(element);
  return contrast(blend(rgba(getComputedStyle(element).color), background), background);
};
const ownText = (element) => [...element.childNodes]
  .filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join("").trim();
const shown = (element) => {
  const rect = element.getBoundingClientRect();
  return rect.width > 1 && rect.height > 1 && getComputedStyle(element).visibility !== "hidden";
};
"""

TEXT_SIZES_JS = (
    "(minimum) => {"
    + COLOUR_JS
    + """
  const small = [];
  for (const element of document.querySelectorAll(".md-content *")) {
    if (!ownText(element) || !shown(element) || element.closest("svg, .md-visually-hidden")) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < minimum) {
      small.push(`${element.tagName.toLowerCase()}.${element.className || ""} ${size}px: ${ownText(element).slice(0, 40)}`);
    }
  }
  return [...new Set(small)];
}"""
)

LINE_LENGTH_JS = """
(maximum) => {
  const long = [];
  for (const element of document.querySelectorAll(".md-content p, .md-content li")) {
    if (element.querySelector("p, ul, ol")) continue;  // measured on the inner paragraphs
    const text = element.textContent.replace(/\\s+/g, " ").trim();
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    const lines = tops.size;
    if (lines < 3) continue;  // a short paragraph says nothing about line length
    const perLine = text.length / lines;
    if (perLine > maximum) long.push(`${Math.round(perLine)} characters a line: ${text.slice(0, 50)}`);
  }
  return long;
}"""

HEADINGS_JS = (
    "([minWeight, minContrast]) => {"
    + COLOUR_JS
    + """
  const problems = [];
  const paragraph = document.querySelector(".md-content article > p");
  const textColour = paragraph ? getComputedStyle(paragraph).color : null;
  for (const heading of document.querySelectorAll(".md-content :is(h1, h2, h3, h4)")) {
    if (!shown(heading) || heading.closest(".md-visually-hidden")) continue;
    const style = getComputedStyle(heading);
    const name = `${heading.tagName.toLowerCase()} "${heading.textContent.trim().slice(0, 40)}"`;
    if (Number(style.fontWeight) < minWeight) problems.push(`${name}: weight ${style.fontWeight}`);
    const ratio = textContrast(heading);
    if (ratio < minContrast) problems.push(`${name}: contrast ${ratio.toFixed(2)}:1`);
    // Headings in running text share the text colour; box headings have their own band.
    if (textColour && !heading.closest(".page-review, .admonition") && style.color !== textColour) {
      problems.push(`${name}: colour ${style.color}, not the text colour ${textColour}`);
    }
  }
  return problems;
}"""
)

FIRST_SCREEN_JS = """
() => {
  const inView = (element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.top >= 0 && rect.left >= 0
      && rect.bottom <= innerHeight && rect.right <= innerWidth;
  };
  const call = document.querySelector('.md-content a[href^="tel:"]');
  return {
    call: call ? call.textContent.trim() : null,
    callInView: call ? inView(call) : false,
    tasksInView: [...document.querySelectorAll(".home-tasks a")].filter(inView)
      .map((link) => link.textContent.trim()),
  };
}"""

BOX_JS = (
    "() => {"
    + COLOUR_JS
    + """
  const boxes = [];
  for (const box of document.querySelectorAll(
    ".md-content .admonition:is(.abstract, .actions, .call-clinic, .call-911), .md-content .page-review"
  )) {
    const title = box.querySelector(":scope > .admonition-title, :scope > h2");
    if (!title || title.classList.contains("md-visually-hidden")) continue;
    const style = getComputedStyle(title);
    const icon = getComputedStyle(title, "::before");
    const kind = box.classList.contains("page-review") ? "sources"
      : ["abstract", "actions", "call-clinic", "call-911"].find((name) => box.classList.contains(name));
    boxes.push({
      kind,
      title: title.textContent.trim(),
      band: style.backgroundColor,
      border: getComputedStyle(box).borderLeftColor,
      borderWidth: parseFloat(getComputedStyle(box).borderLeftWidth),
      titleContrast: textContrast(title),
      icon: icon.content !== "none" && parseFloat(icon.width) >= 16 ? icon.maskImage || icon.webkitMaskImage : "none",
      iconContrast: contrast(rgba(icon.backgroundColor), backgroundOf(title)),
      textSize: parseFloat(getComputedStyle(box).fontSize),
    });
  }
  return boxes;
}"""
)

# Made in the page by the test, so every box's style is checked even on a site whose pages
# do not use all five yet (the "Key points" boxes come with the page text).
SAMPLE_BOXES_JS = """
() => {
  const article = document.querySelector(".md-content article");
  for (const [kind, title] of [
    ["abstract", "Key points"], ["actions", "What you can do"], ["call-clinic", "Call the clinic if…"],
    ["call-911", "Call 911 if…"],
  ]) {
    const box = document.createElement("div");
    box.className = `admonition ${kind}`;
    const heading = document.createElement("p");
    heading.className = "admonition-title";
    heading.textContent = title;
    const body = document.createElement("p");
    body.textContent = "Sample text of the box.";
    box.append(heading, body);
    article.prepend(box);
  }
}"""

CUT_OFF_JS = """
() => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  }
  for (const element of document.querySelectorAll(".md-header *, .md-content *, .md-footer *")) {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === "hidden") continue;
    // Text that runs out of a box that hides its overflow is cut off (the header's title
    // ends in "…" on purpose, and tables scroll: both are allowed).
    const clips = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
    const ellipsis = style.textOverflow === "ellipsis";
    if (clips && !ellipsis && element.textContent.trim()
        && (element.scrollWidth > element.clientWidth + 2 || element.scrollHeight > element.clientHeight + 2)) {
      problems.push(`cut off: ${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 40)}"`);
    }
  }
  // Home page: the buttons and task links never overlap each other.
  const controls = [...document.querySelectorAll(".home-start__actions a, .home-tasks a")];
  controls.forEach((a, i) => controls.slice(i + 1).forEach((b) => {
    const [r, s] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
    if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) {
      problems.push(`"${a.textContent.trim()}" overlaps "${b.textContent.trim()}"`);
    }
  }));
  return problems;
}"""


def problems_on_every_page(
    browser: Any, base_url: str, site_dir: Path, check: Callable[[Any], list[str]], **options: Any
) -> list[str]:
    """Open every built page in one browser context and collect what `check(page)` finds."""
    context = browser.new_context(**options)
    problems: list[str] = []
    try:
        page = context.new_page()
        for path in built_pages(site_dir, SPANISH_SAMPLE):
            open_styled(page, base_url + path)  # its stylesheets apply
            problems.extend(f"/{path}: {line}" for line in check(page))
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_text_is_large_and_lines_are_short_on_every_page(
    browser: Any, pages_site_url: str, built_site: Path, viewport: str
) -> None:
    def check(page: Any) -> list[str]:
        return [
            *page.evaluate(TEXT_SIZES_JS, MIN_TEXT_PX[viewport]),
            *page.evaluate(LINE_LENGTH_JS, MAX_LINE_CHARACTERS),
        ]

    problems = problems_on_every_page(
        browser, pages_site_url, built_site, check, viewport=VIEWPORTS[viewport]
    )
    assert not problems, (
        f"{viewport}: text under {MIN_TEXT_PX[viewport]}px or lines over "
        f"{MAX_LINE_CHARACTERS} characters:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_headings_are_bold_in_the_text_colour_at_7_to_1(
    browser: Any, pages_site_url: str, built_site: Path, scheme: str
) -> None:
    def check(page: Any) -> list[str]:
        return list(page.evaluate(HEADINGS_JS, [MIN_HEADING_WEIGHT, MIN_HEADING_CONTRAST]))

    problems = problems_on_every_page(
        browser,
        pages_site_url,
        built_site,
        check,
        viewport=VIEWPORTS["desktop"],
        color_scheme=scheme,
    )
    assert not problems, f"{scheme}: headings that are thin, pale or off-colour:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_home_first_screen_shows_the_phone_link_and_task_links(
    browser: Any, pages_site_url: str, javascript: bool, scheme: str
) -> None:
    context = browser.new_context(
        viewport=VIEWPORTS["phone"], color_scheme=scheme, java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        page.goto(pages_site_url, wait_until="load")
        seen = page.evaluate(FIRST_SCREEN_JS)
    finally:
        context.close()
    phone = home_config()["clinic"]["phone"]
    assert seen["call"] and phone in seen["call"], f"no phone link with {phone} on the home page"
    assert seen["callInView"], "the phone link is below the first screen of a 390x844 phone"
    assert len(seen["tasksInView"]) >= MIN_FIRST_SCREEN_TASKS, (
        f"only {len(seen['tasksInView'])} task links on the first screen of a phone: "
        f"{seen['tasksInView']}"
    )


def test_home_task_links_work_without_javascript(browser: Any, pages_site_url: str) -> None:
    """Each task link is a plain link from extra.home.tasks, in order, and its target exists."""
    tasks = home_config()["home"]["tasks"]
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(pages_site_url, wait_until="load")
        links = page.eval_on_selector_all(
            ".home-tasks li > a",
            "(links) => links.map((a) => ({text: a.textContent.trim(), href: a.getAttribute('href')}))",
        )
        assert [link["text"] for link in links] == [task["label"] for task in tasks]
        for link in links:
            page.goto(pages_site_url, wait_until="load")
            page.click(f'.home-tasks a[href="{link["href"]}"]')
            page.wait_for_load_state("load")
            target = link["href"].split("#", 1)[1] if "#" in link["href"] else None
            if target:
                assert page.locator(f"#{target}").count() == 1, (
                    f"{link['text']}: no section #{target}"
                )
            else:
                assert page.url.rstrip("/").endswith(link["href"].rstrip("/")), (
                    f"{link['text']}: went to {page.url}"
                )
                assert page.locator("h1").count() == 1, f"{link['text']}: {page.url} has no title"
    finally:
        context.close()


def test_home_prints_its_task_links_as_a_list(
    browser: Any, pages_site_url: str, tmp_path: Path
) -> None:
    """On paper: the labels as a bulleted list, one a line, each with its page's full address; no icons."""
    config = home_config()
    page = browser.new_page()
    try:
        open_styled(page, pages_site_url)
        page.emulate_media(media="print")
        layout = page.evaluate(
            """() => ({
              list: getComputedStyle(document.querySelector(".home-tasks ul")).display,
              items: [...document.querySelectorAll(".home-tasks li")].map(
                (li) => `${getComputedStyle(li).display} ${getComputedStyle(li).listStyleType}`),
              icons: [...document.querySelectorAll(".home-tasks svg")].filter((svg) => svg.getBoundingClientRect().width > 0).length,
            })"""
        )
        pdf = tmp_path / "home.pdf"
        page.pdf(path=str(pdf), format="Letter")
    finally:
        page.close()
    assert layout["list"] == "block", f"the task list prints as {layout['list']}, not as a list"
    assert set(layout["items"]) == {"list-item disc"}, layout["items"]
    assert layout["icons"] == 0, "the task icons are printed"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    compact = re.sub(r"\s+", "", text)  # addresses wrap across lines
    for task in config["home"]["tasks"]:
        # Chromium draws the bullets as shapes, so the text shows each label starting a line.
        assert re.search(r"^\s*" + re.escape(task["label"]), text, re.MULTILINE), (
            f"{task['label']!r} does not start a line of the printed home page"
        )
        if not task["url"].startswith("#"):
            address = config["site_url"] + task["url"]
            assert address in compact, f"{task['label']!r}: its address {address} is not printed"
    assert f"Call {config['clinic']['phone']}" in flat


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_boxes_have_colour_icon_and_heading(
    browser: Any, pages_site_url: str, built_site: Path, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme)
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        page = context.new_page()
        for path in built_pages(built_site, SPANISH_SAMPLE):
            open_styled(page, pages_site_url + path)
            for box in page.evaluate(BOX_JS):
                found.setdefault(box["kind"], []).append({**box, "page": f"/{path}"})
        open_styled(page, pages_site_url + "aftercare/")
        page.evaluate(SAMPLE_BOXES_JS)
        for box in page.evaluate(BOX_JS):
            found.setdefault(box["kind"], []).append({**box, "page": "sample"})
    finally:
        context.close()
    assert set(found) == {"abstract", "actions", "call-clinic", "call-911", "sources"}, set(found)
    problems = []
    for kind, boxes in found.items():
        for box in boxes:
            where = f"{box['page']} {kind} box"
            if box["icon"] == "none":
                problems.append(f"{where}: no icon")
            if box["titleContrast"] < MIN_HEADING_CONTRAST:
                problems.append(f"{where}: heading contrast {box['titleContrast']:.2f}:1")
            if box["iconContrast"] < 3:
                problems.append(f"{where}: icon contrast {box['iconContrast']:.2f}:1")
            if box["borderWidth"] < 4:
                problems.append(f"{where}: left border {box['borderWidth']}px")
            if box["textSize"] < MIN_TEXT_PX["phone"]:
                problems.append(f"{where}: text {box['textSize']}px")
        if len({(box["band"], box["icon"]) for box in boxes}) != 1:
            problems.append(f"{kind} boxes do not all look the same: {boxes}")
    looks = {kind: (boxes[0]["band"], boxes[0]["icon"]) for kind, boxes in found.items()}
    for kind, look in looks.items():
        for other, other_look in looks.items():
            if kind < other and (look[0] == other_look[0] or look[1] == other_look[1]):
                problems.append(f"the {kind} and {other} boxes share a colour or an icon")
    assert not problems, f"{scheme}:\n" + "\n".join(problems)


def test_boxes_print_black_on_white_with_icon_and_heading(
    browser: Any, pages_site_url: str
) -> None:
    page = browser.new_page()
    try:
        open_styled(page, pages_site_url + "aftercare/")
        page.evaluate(SAMPLE_BOXES_JS)
        page.emulate_media(media="print")
        boxes = page.evaluate(BOX_JS)
    finally:
        page.close()
    assert {box["kind"] for box in boxes} == {
        "abstract",
        "actions",
        "call-clinic",
        "call-911",
        "sources",
    }
    for box in boxes:
        assert box["band"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), box
        assert box["titleContrast"] >= 20, box  # black on white
        assert box["icon"] != "none", box
        assert box["border"] == "rgb(0, 0, 0)", box


@pytest.mark.parametrize(
    "setting",
    ["zoom-200", "largest-text-phone", "largest-text-desktop"],
)
def test_nothing_is_cut_off_at_200_percent_zoom_or_largest_text(
    browser: Any, pages_site_url: str, built_site: Path, setting: str
) -> None:
    if setting == "zoom-200":
        # 200 % zoom on a 1280 px wide window: a 640 px wide layout drawn at twice the size.
        viewport = {"width": VIEWPORTS["desktop"]["width"] // ZOOM, "height": 400}
        context = browser.new_context(viewport=viewport, device_scale_factor=ZOOM)
    else:
        context = browser.new_context(viewport=VIEWPORTS[setting.rsplit("-", 1)[1]])
    problems: list[str] = []
    try:
        page = context.new_page()
        if setting != "zoom-200":
            cdp = context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send(
                "Page.setFontSizes",
                {"fontSizes": {"standard": LARGEST_FONT_PX, "fixed": LARGEST_FONT_PX}},
            )
        for path in built_pages(built_site, SPANISH_SAMPLE):
            open_ready(page, pages_site_url + path)
            if setting != "zoom-200":
                root_px = page.evaluate(
                    "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
                )
                assert root_px >= LARGEST_FONT_PX, f"the font size setting did not apply: {root_px}"
            problems.extend(f"/{path}: {line}" for line in page.evaluate(CUT_OFF_JS))
    finally:
        context.close()
    assert not problems, f"{setting}:\n" + "\n".join(problems)
