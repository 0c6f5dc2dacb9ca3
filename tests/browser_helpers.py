"""Shared browser helpers: record every request, console error and CSP violation of a context.

Use from any browser test:

    recorder = PageRecorder.attach(context, site_url)
    page = context.new_page(); recorder.watch(page)
    page.goto(url); ...
    assert not recorder.problems(), "\n".join(recorder.problems())

Requests to any host other than the site's own are aborted and recorded, so nothing ever
leaves the machine. Tests that need one host on purpose (the video after a click) pass it in
`stub_hosts`: those requests are answered locally with an empty page and recorded separately.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scripts.steps.page_html import HELD_STYLESHEETS_ID

# Playwright is typed loosely here (Any) so this module imports without it for plain tests.
Context = Any
Page = Any
Route = Any

VIEWPORTS: dict[str, dict[str, int]] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}
COLOR_SCHEMES = ("light", "dark")
MIN_FOCUS_CONTRAST = 3.0

# Registered on every document before any page script runs (CDP init scripts bypass the CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || location.href}:${event.lineNumber}) sample: ${event.sample}`
  );
});
"""


@dataclass
class PageRecorder:
    """Everything a browser context did that a patient's browser should never do."""

    own_origin: str
    stub_hosts: frozenset[str] = frozenset()
    current_page: str = ""
    foreign_requests: list[str] = field(default_factory=list)
    stubbed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    @classmethod
    def attach(
        cls, context: Context, site_url: str, stub_hosts: frozenset[str] = frozenset()
    ) -> PageRecorder:
        parsed = urlparse(site_url)
        recorder = cls(own_origin=f"{parsed.scheme}://{parsed.netloc}", stub_hosts=stub_hosts)
        context.route("**/*", recorder._route)
        context.add_init_script(CSP_LISTENER)
        return recorder

    def _route(self, route: Route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if f"{parsed.scheme}://{parsed.netloc}" == self.own_origin or parsed.scheme in (
            "data",
            "blob",
        ):
            route.continue_()
        elif parsed.hostname in self.stub_hosts:
            self.stubbed_requests.append(f"{self.current_page}: {url}")
            route.fulfill(
                status=200, content_type="text/html", body="<!doctype html><title>stub</title>"
            )
        else:
            self.foreign_requests.append(f"{self.current_page}: {url}")
            route.abort("blockedbyclient")

    def watch(self, page: Page) -> None:
        """Listen to one page's console, errors, failed requests and HTTP errors."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{self.current_page}: {error}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            text = f"{self.current_page}: {message.text}"
            self.console_errors.append(text)
            if "Content Security Policy" in message.text:
                self.csp_violations.append(text)

    def _on_request_failed(self, request: Any) -> None:
        if request.failure == "net::ERR_BLOCKED_BY_CLIENT":
            return  # a foreign request we aborted: already recorded
        if request.failure == "net::ERR_ABORTED":
            return  # the test moved on while it loaded; a missing file shows up as HTTP 404 instead
        self.failed_requests.append(f"{self.current_page}: {request.url} ({request.failure})")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed_requests.append(
                f"{self.current_page}: HTTP {response.status} for {response.url}"
            )

    def collect_csp_events(self, page: Page) -> None:
        """Copy the `securitypolicyviolation` events of the page's current document."""
        events = page.evaluate("window.__cspViolations || []")
        self.csp_violations.extend(f"{self.current_page}: {event}" for event in events)

    def problems(self) -> list[str]:
        """Every recorded problem, one line each, labelled by kind."""
        labelled = [
            ("request to another host", self.foreign_requests),
            ("console error", self.console_errors),
            ("uncaught script error", self.page_errors),
            ("failed request", self.failed_requests),
            ("CSP violation", self.csp_violations),
        ]
        return [f"{kind}: {line}" for kind, lines in labelled for line in dict.fromkeys(lines)]


# The Spanish pages the slowest walks check (the home page, the longest page, the body map);
# the per-page checks that are cheap run on every Spanish page.
SPANISH_SAMPLE = ("es/", "es/safety/", "es/referred-pain/")


def built_pages(site_dir: Path, spanish: tuple[str, ...] | None = None) -> list[str]:
    """Every built HTML page as a site-relative URL path: "", "faq/", "404.html", "es/faq/".

    `spanish`: only these Spanish pages (e.g. SPANISH_SAMPLE) instead of all of them."""
    paths: list[str] = []
    for html_file in sorted(site_dir.rglob("*.html")):
        relative = html_file.relative_to(site_dir).as_posix()
        path = relative.removesuffix("index.html")
        if spanish is not None and path.startswith("es/") and path not in spanish:
            continue
        paths.append(path)
    return paths


_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")


def language_roots(site_dir: Path) -> list[str]:
    """ "" for the site's own language, and the folder ("es/") of each other language built
    inside it: a folder whose index.html has another <html lang>."""

    def lang(page: Path) -> str:
        match = _HTML_LANG.search(page.read_text(encoding="utf-8")[:2000])
        return match[1] if match else ""

    home = lang(site_dir / "index.html")
    return [""] + [
        folder.name + "/"
        for folder in sorted(site_dir.iterdir())
        if (folder / "index.html").is_file() and lang(folder / "index.html") != home
    ]


def in_every_language(site_dir: Path, paths: Iterable[str]) -> list[str]:
    """Each of `paths` ("faq/") in every language the site has, where that page is built."""
    return [
        root + path
        for root in language_roots(site_dir)
        for path in paths
        if (site_dir / root / path / "index.html").is_file()
    ]


def focus_ring(page: Page, element: Any) -> dict[str, str]:
    """The computed outline and box-shadow that draw `element` (or the label Material draws it on)."""
    return dict(page.evaluate(FOCUS_RING_SCRIPT, element))


FOCUS_RING_SCRIPT = """
(element) => {
  // A visually hidden input draws its focus on a visible label: Material's palette radios on
  // the next <label> (CSS `input + label`), the menu/search toggles on their header button,
  // custom checkboxes usually on the label around them.
  const style = getComputedStyle(element);
  const hidden = style.opacity === "0" || element.offsetWidth <= 1;
  const shown = (el) => el.offsetWidth > 1 && getComputedStyle(el).opacity !== "0";
  const next = element.nextElementSibling;
  const label = next && next.tagName === "LABEL" && shown(next)
    ? next : [...(element.labels || [])].find(shown);
  const drawn = hidden && label ? label : element;
  const drawnStyle = getComputedStyle(drawn);
  const outline = drawnStyle.outlineStyle === "none" || parseFloat(drawnStyle.outlineWidth) === 0
    ? "none" : `${drawnStyle.outlineStyle} ${drawnStyle.outlineWidth} ${drawnStyle.outlineColor}`;
  // The outline is drawn around the element, so it must stand out from the parent's background.
  const rgba = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  let background = [255, 255, 255];
  const inside = parseFloat(drawnStyle.outlineOffset) < 0;
  for (let el = inside ? drawn : drawn.parentElement; el; el = el.parentElement) {
    const [r, g, b, a = 1] = rgba(getComputedStyle(el).backgroundColor);
    if (a >= 0.5) { background = [r, g, b]; break; }
  }
  const luminance = ([r, g, b]) => [r, g, b]
    .map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [l1, l2] = [luminance(rgba(drawnStyle.outlineColor).slice(0, 3)), luminance(background)];
  const contrast = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  const rect = drawn.getBoundingClientRect();
  const onScreen = rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight
    && getComputedStyle(drawn).visibility !== "hidden";
  return {
    outline, boxShadow: drawnStyle.boxShadow, outlineContrast: contrast.toFixed(2), onScreen: String(onScreen),
  };
}
"""


def ring_is_visible(focused: dict[str, str], unfocused: dict[str, str]) -> bool:
    """Focus must be on screen and add or change a box-shadow, or an outline with 3:1 contrast."""
    outline_shows = (
        focused["outline"] != "none"
        and focused["outline"] != unfocused["outline"]
        and float(focused["outlineContrast"]) >= MIN_FOCUS_CONTRAST
    )
    shadow_shows = focused["boxShadow"] != "none" and focused["boxShadow"] != unfocused["boxShadow"]
    return focused.get("onScreen", "true") == "true" and (outline_shows or shadow_shows)


class _ClassFinder(HTMLParser):
    def __init__(self, selector_class: str) -> None:
        super().__init__()
        self.selector_class = selector_class
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.selector_class in classes:
            self.found = True


def pages_with_class(site_dir: Path, class_name: str) -> list[str]:
    """Site-relative URL paths of the built pages with an element of this class."""
    found: list[str] = []
    for path in built_pages(site_dir):
        html_file = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
        finder = _ClassFinder(class_name)
        finder.feed(html_file.read_text(encoding="utf-8"))
        if finder.found:
            found.append(path)
    return found


# Every axe rule tag up to WCAG 2.2 AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[str]:
    """axe-core on the page as it is now: one line per failing element (rule, help, element)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['help']}): {' '.join(node['target'])} {node['failureSummary']}"
            )
    return lines


def open_styled(page: Any, url: str) -> None:
    """Load url and wait until its stylesheets apply: on a page whose first screen's CSS is
    inlined, the loader applies them after the first paint (scripts/steps/page_html.py)."""
    page.goto(url, wait_until="load")
    if page.query_selector(f"noscript#{HELD_STYLESHEETS_ID}") is not None:
        page.wait_for_selector("link[data-media]", state="attached")
        page.wait_for_selector('link[data-media][media="print"]', state="detached")


def open_ready(page: Any, url: str) -> None:
    """Load url and wait until its scripts have run (the build adds them after the first paint)."""
    page.goto(url, wait_until="load")
    page.wait_for_selector("html[data-scripts-ready]", state="attached")
