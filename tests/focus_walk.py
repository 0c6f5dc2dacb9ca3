"""Walk every Tab stop of a page, forwards and backwards, in any browser engine.

The checks run as plain JavaScript in the page, so Chromium (Playwright), WebKit and Firefox
(Selenium / Marionette, see tests/engines.py) share them: `FOCUS_STATE` describes the focused
element and says whether it is on screen and not covered (WCAG 2.2, 2.4.11 Focus Not
Obscured: the sticky header or the "Back to top" button must never hide it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Returns {name, key, hidden} for document.activeElement; `hidden` is "" when the element can be
# seen, else why not. A visually hidden input (Material's palette radios) is drawn by its label.
# A key per element that stays the same while scripts add tooltips and results to the page.
KEY_OF = """
const keyOf = (node) => {
  window.__walkKeys = window.__walkKeys || new WeakMap();
  if (!window.__walkKeys.has(node)) {
    window.__walkCount = (window.__walkCount || 0) + 1;
    window.__walkKeys.set(node, String(window.__walkCount));
  }
  return window.__walkKeys.get(node);
};
"""

FOCUS_STATE = (
    KEY_OF
    + """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const classes = (node) => (node.getAttribute("class") || "").split(/\\s+/)
  .filter((name) => name && name !== "focus-visible").map((name) => "." + name).join("");
const cls = classes(el);
const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} "${text.slice(0, 40)}"`;
const key = keyOf(el);
const shown = (node) => node.getClientRects().length > 0 && node.offsetWidth > 1
  && getComputedStyle(node).opacity !== "0";
let drawn = el;
if (!shown(el)) {
  const next = el.nextElementSibling;
  drawn = next && next.tagName === "LABEL" && shown(next) ? next : [...(el.labels || [])].find(shown) || el;
}
// WCAG 2.4.11 (AA): the focused element must not be entirely hidden. Each line box of it (a
// link can wrap onto several lines) is looked at in its middle; one that shows is enough.
const ours = (node) => node && (node === drawn || drawn.contains(node) || node.contains(drawn)
  || node === el || el.contains(node));
const lineBoxes = [...drawn.getClientRects()].filter((box) => box.width >= 1 && box.height >= 1);
let hidden = "";
const reasons = lineBoxes.map((rect) => {
  if (rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth) {
    return `is off screen (top ${Math.round(rect.top)}, viewport ${innerHeight})`;
  }
  const x = (Math.max(rect.left, 0) + Math.min(rect.right, innerWidth)) / 2;
  const y = (Math.max(rect.top, 0) + Math.min(rect.bottom, innerHeight)) / 2;
  const top = document.elementFromPoint(x, y);
  if (ours(top)) return "";
  const cover = top ? top.closest(".md-header, .md-top, .md-search, .md-tooltip2") || top : null;
  const coverName = cover ? cover.tagName.toLowerCase() + classes(cover) : "nothing";
  return `is covered by ${coverName} at ${Math.round(x)},${Math.round(y)}`
    + (document.hasFocus() && el.matches(":focus") ? "" : " (the window has no keyboard focus)");
});
if (!lineBoxes.length) hidden = "has no size";
else if (reasons.every((reason) => reason)) hidden = reasons[0];

// Firefox also stops at a scrolling box (the menu when it is longer than the window, a wide
// table), so its arrow keys can scroll it: a Tab stop of that browser, not of the page.
const overflow = getComputedStyle(el);
const scroller = !el.matches("a, button, input, select, textarea, summary, iframe, [tabindex]")
  && /(auto|scroll)/.test(overflow.overflowX + overflow.overflowY);
return { name, key, hidden, main: !!el.closest(".md-content"), scroller };
"""
)

# Every element Tab should stop at, in page order, as [key, name, in the main content]: what a keyboard user must be
# able to reach. Hidden, disabled, inert and tabindex=-1 elements are left out, and of a group
# of radio buttons only the checked one (the browser's Tab stop for the group).
TABBABLE = (
    KEY_OF
    + """
const selector = "a[href], button, input, select, textarea, summary, iframe, [tabindex], "
  + "audio[controls], video[controls], [contenteditable=true]";
return [...document.querySelectorAll(selector)].filter((el) => {
  if (el.disabled || el.tabIndex < 0 || el.type === "hidden" || el.closest("[inert]")) return false;
  if (el.getClientRects().length === 0 || getComputedStyle(el).visibility !== "visible") return false;
  if (el.matches("details:not([open]) > :not(summary), details:not([open]) > :not(summary) *")) return false;
  if (el.type === "radio" && el.name) {
    const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
    const chosen = group.find((radio) => radio.checked) || group[0];
    if (el !== chosen) return false;
  }
  return true;
}).map((el) => [keyOf(el), `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label")
  || el.textContent || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40)}"`,
  !!el.closest(".md-content")]);
"""
)

# Calls done(FOCUS_STATE) once the page has stopped scrolling (focus may scroll it) and short
# transitions have run. Wrap it with `playwright_script` or `selenium_async_script`.
SETTLED_FOCUS_STATE = (
    "const focusState = () => {"
    + FOCUS_STATE
    + """};
const started = Date.now();
let last = scrollY;
// Only what can move or cover things: a colour fading in does not. A glossary tooltip fading
// in beside its term does not either (waiting for it cost about 0.3 s at every term); one that
// does cover the focused element is caught by the measurements again below.
const MOVES = /^(transform|translate|width|height|max-height|top|left|right|bottom|opacity|visibility|margin.*|padding.*)$/;
const running = () => document.getAnimations().filter((animation) => {
  const timing = animation.effect && animation.effect.getComputedTiming();
  const target = animation.effect && animation.effect.target;
  if (target && target.closest && target.closest(".md-tooltip2")) return false;
  return animation.playState === "running" && timing && Number.isFinite(timing.endTime)
    && timing.endTime < 1000 && (!animation.transitionProperty || MOVES.test(animation.transitionProperty));
});
let measured = 0;
// The browser scrolls a focused element into view in its next rendering update, and the page's
// own fix (keyboard-buttons.js) runs in an animation frame after the focus event: measure only
// after two frames, never after a fixed time. On a busy machine WebKitGTK's frames come late,
// and a check after a fixed time saw an element that was about to be scrolled into view.
// (Frames may never come in a window without focus: then a second at the latest.)
const afterFrames = (run) => {
  let ran = false;
  const go = () => { if (!ran) { ran = true; run(); } };
  requestAnimationFrame(() => requestAnimationFrame(go));
  setTimeout(go, 1000);
};
const check = () => {
  const moving = scrollY !== last || running().length > 0;
  last = scrollY;
  if (moving && Date.now() - started < 1200) return afterFrames(check);
  // Hidden? Measure again (three times at most): a transition may not have started yet.
  const state = focusState();
  if (state && state.hidden && measured < 3) { measured += 1; return setTimeout(() => afterFrames(check), 300); }
  done(state);
};
afterFrames(check);
"""
)


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
    main: bool = False  # inside the page's main content
    scroller: bool = False  # a scrolling box that Firefox makes a Tab stop


@dataclass
class Walk:
    forwards: list[Stop]
    backwards: list[Stop]

    def hidden(self) -> list[str]:
        """One line per Tab stop that was off screen or covered when it had focus."""
        lines = [f"Tab: {stop.name} {stop.hidden}" for stop in self.forwards if stop.hidden]
        lines += [f"Shift+Tab: {stop.name} {stop.hidden}" for stop in self.backwards if stop.hidden]
        return lines

    def missed(self, tabbable: list[list[Any]]) -> list[str]:
        """Tab must stop at every element of `TABBABLE`, in page order, and nowhere else."""
        expected = [row[0] for row in tabbable]
        got = [stop.key for stop in self.forwards if not stop.scroller]
        if got == expected:
            return []
        names = {row[0]: row[1] for row in tabbable} | {s.key: s.name for s in self.forwards}
        for index, (want, have) in enumerate(zip(expected, got, strict=False)):
            if want != have:
                message = (
                    f"Tab stop {index + 1} is {names[have]}, expected {names[want]} "
                    f"({len(got)} stops, {len(expected)} expected)"
                )
                return [message]
        longer, label = (expected, "never reached") if len(expected) > len(got) else (got, "extra")
        return [
            f"Tab stops {label}: {[names[key] for key in longer[min(len(got), len(expected)) :]][:5]}"
        ]

    def order_problems(self) -> list[str]:
        """Shift+Tab must visit the same stops as Tab, in reverse order."""
        # Firefox's stops at scrolling boxes depend on how far they are scrolled: left out.
        forwards = [stop.key for stop in self.forwards if not stop.scroller]
        backwards = [stop.key for stop in reversed(self.backwards) if not stop.scroller]
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
    step: Callable[[bool], dict[str, Any] | None],
    come_back: Callable[[], None] = lambda: None,
    max_stops: int = 400,
) -> Walk:
    """Tab from the top of the page to its end, then Shift+Tab back to the top.

    `step(backwards)` presses Tab (or Shift+Tab) and returns SETTLED_FOCUS_STATE; `come_back()`
    runs between the two ways. Each way stops when focus leaves the page or comes back to a stop
    it has seen.
    """

    def one_way(backwards: bool) -> list[Stop]:
        stops: list[Stop] = []
        seen: set[str] = set()
        for _ in range(max_stops):
            current = step(backwards)
            if current is None or current["key"] in seen:
                break
            seen.add(current["key"])
            stops.append(
                Stop(
                    current["name"],
                    current["key"],
                    current["hidden"],
                    current.get("main", False),
                    current.get("scroller", False),
                )
            )
        return stops

    forwards = one_way(False)
    come_back()  # Firefox: Tab left the page for the browser's own controls; give it focus back
    # Focus has left the page after its last stop: Shift+Tab comes back in at the last stop
    # (Chromium, WebKit), or goes on from it (Firefox remembers it as the starting point).
    backwards = one_way(True)
    if len(forwards) >= 2 and backwards and backwards[0].key == forwards[-2].key:
        backwards.insert(0, forwards[-1])
    return Walk(forwards, backwards)
