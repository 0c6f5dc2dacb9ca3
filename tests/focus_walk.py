"""Walk every Tab stop of a page, forwards and backwards, in any browser engine.

The checks run as plain JavaScript in the page, so Chromium (Playwright), WebKit and Firefox
(Selenium / Marionette, see tests/engines.py) share them: `FOCUS_STATE` describes the focused
element and says whether it is on screen and not covered (WCAG 2.2, 2.4.11 Focus Not
Obscured: the sticky header or the "Back to top" button must never hide it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Returns {name, key, hidden} for document.activeElement; `hidden` is "" when the element can be
# seen, else why not. A visually hidden input (Material's palette radios) is drawn by its label.
FOCUS_STATE = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const classes = (node) => (node.getAttribute("class") || "").split(/\\s+/)
  .filter((name) => name && name !== "focus-visible").map((name) => "." + name).join("");
const cls = classes(el);
const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} "${text.slice(0, 40)}"`;
// A key per element that stays the same while scripts add tooltips and results to the page.
window.__walkKeys = window.__walkKeys || new WeakMap();
if (!window.__walkKeys.has(el)) {
  window.__walkCount = (window.__walkCount || 0) + 1;
  window.__walkKeys.set(el, String(window.__walkCount));
}
const key = window.__walkKeys.get(el);
const shown = (node) => node.getClientRects().length > 0 && node.offsetWidth > 1
  && getComputedStyle(node).opacity !== "0";
let drawn = el;
if (!shown(el)) {
  const next = el.nextElementSibling;
  drawn = next && next.tagName === "LABEL" && shown(next) ? next : [...(el.labels || [])].find(shown) || el;
}
const rect = drawn.getClientRects()[0] || drawn.getBoundingClientRect();
let hidden = "";
if (rect.width < 1 || rect.height < 1) hidden = "has no size";
else if (rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth) {
  hidden = `is off screen (top ${Math.round(rect.top)}, viewport ${innerHeight})`;
} else {
  // The middle of the part of the element that is inside the viewport must show the element.
  const x = (Math.max(rect.left, 0) + Math.min(rect.right, innerWidth)) / 2;
  const y = (Math.max(rect.top, 0) + Math.min(rect.bottom, innerHeight)) / 2;
  const top = document.elementFromPoint(x, y);
  const ours = (node) => node && (node === drawn || drawn.contains(node) || node.contains(drawn)
    || node === el || el.contains(node));
  if (!ours(top)) {
    const cover = top ? top.closest(".md-header, .md-top, .md-search, .md-tooltip2") || top : null;
    const coverName = cover ? cover.tagName.toLowerCase() + classes(cover) : "nothing";
    hidden = `is covered by ${coverName} at ${Math.round(x)},${Math.round(y)}`;
  }
}
return { name, key, hidden };
"""

# Calls done() once the page has stopped scrolling (focus may scroll it). Wrap it with
# `playwright_script` or `selenium_async_script`.
SETTLE = """
let last = -1, still = 0;
const transitions = () => Promise.all(document.getAnimations()
  .map((animation) => animation.finished.catch(() => null)));
const tick = () => {
  const now = scrollY;
  still = now === last ? still + 1 : 0;
  last = now;
  if (still >= 3) transitions().then(() => done(null)); else requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
setTimeout(() => done(null), 1500);
"""


def playwright_script(body: str) -> str:
    """A function body that calls done() as a Playwright page.evaluate() script."""
    return "() => new Promise((done) => {" + body + "})"


def selenium_async_script(body: str) -> str:
    """A function body that calls done() as a Selenium / Marionette async script."""
    return "const done = arguments[arguments.length - 1];" + body


@dataclass(frozen=True)
class Stop:
    name: str
    key: str
    hidden: str


@dataclass
class Walk:
    forwards: list[Stop]
    backwards: list[Stop]

    def hidden(self) -> list[str]:
        """One line per Tab stop that was off screen or covered when it had focus."""
        lines = [f"Tab: {stop.name} {stop.hidden}" for stop in self.forwards if stop.hidden]
        lines += [f"Shift+Tab: {stop.name} {stop.hidden}" for stop in self.backwards if stop.hidden]
        return lines

    def order_problems(self) -> list[str]:
        """Shift+Tab must visit the same stops as Tab, in reverse order."""
        forwards = [stop.key for stop in self.forwards]
        backwards = [stop.key for stop in reversed(self.backwards)]
        if forwards == backwards:
            return []
        names = {stop.key: stop.name for stop in self.forwards + self.backwards}
        only_forwards = [names[key] for key in forwards if key not in backwards]
        only_backwards = [names[key] for key in backwards if key not in forwards]
        return [
            (
                f"Shift+Tab does not retrace Tab: {len(forwards)} stops forwards, "
                f"{len(backwards)} backwards; only forwards: {only_forwards[:5]}; "
                f"only backwards: {only_backwards[:5]}"
            )
        ]


def walk(
    press: Callable[[bool], None],
    state: Callable[[], dict[str, str] | None],
    settle: Callable[[], None],
    max_stops: int = 400,
) -> Walk:
    """Tab from the top of the page to its end, then Shift+Tab back to the top.

    `press(backwards)` presses Tab or Shift+Tab; `state()` runs FOCUS_STATE; `settle()` runs
    SETTLE. The walk stops when focus leaves the page or comes back to a stop it has seen.
    """

    def one_way(backwards: bool) -> list[Stop]:
        stops: list[Stop] = []
        seen: set[str] = set()
        for _ in range(max_stops):
            press(backwards)
            settle()
            current = state()
            if current is None or current["key"] in seen:
                break
            seen.add(current["key"])
            stops.append(Stop(current["name"], current["key"], current["hidden"]))
        return stops

    forwards = one_way(False)
    # Focus has left the page after its last stop: Shift+Tab comes back in at the last stop.
    backwards = one_way(True)
    return Walk(forwards, backwards)
