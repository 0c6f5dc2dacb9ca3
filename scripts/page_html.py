"""Small, safe edits to each built page's HTML (called from the hook's on_post_page)."""

from __future__ import annotations

import json
import re

_EXTERNAL_SCRIPT = re.compile(r"<script\b([^>]*)>\s*</script>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_MODULE = re.compile(r"""\btype=["']module["']""", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_PLACEHOLDER = "\0script\0"

# Adds the scripts, in order, once the first paint is on screen (PerformanceObserver "paint";
# two animation frames where that is missing). Material starts on DOMContentLoaded, which has
# passed by then, so the loader announces it again after the bundle ran, one frame later, so the
# bundle's start-up and Material's set-up are two shorter tasks instead of one long one.
_LOADER = (
    "(function(){var scripts=%s,started=false;function load(){if(started)return;started=true;"
    "scripts.forEach(function(src){"
    'var s=document.createElement("script");s.src=src;s.async=false;'
    r"if(/\/bundle\.[0-9a-f]+\.min\.js$/.test(src))s.onload=function(){"
    "requestAnimationFrame(function(){setTimeout(function(){"
    'if(document.readyState!=="loading")document.dispatchEvent(new Event("DOMContentLoaded"))},0)})};'
    "document.body.appendChild(s)})}"
    "try{new PerformanceObserver(function(){setTimeout(load,0)})"
    '.observe({type:"paint",buffered:true})}catch(e){}'
    "requestAnimationFrame(function(){requestAnimationFrame(function(){"
    'if(!("PerformanceObserver" in window)||!PerformanceObserver.supportedEntryTypes'
    '||PerformanceObserver.supportedEntryTypes.indexOf("paint")<0)load()})})})();'
)


def _attribute_names(attributes: str) -> set[str]:
    """Attribute names of a tag, ignoring anything inside quoted values."""
    bare = _QUOTED.sub('""', attributes)
    return {name.lower() for name in re.findall(r"([\w:-]+)\s*(?:=|\s|$)", bare)}


def load_scripts_after_first_paint(html: str) -> str:
    """Swap the external scripts in <body> for one inline loader that adds them after the first paint.

    The page's text then shows before any JavaScript is downloaded or run, even on a slow
    phone. The scripts keep their order (search-on-demand.js, Material's bundle, ours).
    Scripts in <head>, inline scripts, modules and async scripts are left alone; without
    JavaScript nothing changes. The CSP step (run after this) hashes the loader.
    """
    body = html.find("<body")
    if body < 0:
        return html
    sources: list[str] = []

    def take(match: re.Match[str]) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        if src is None or "async" in _attribute_names(attributes) or _MODULE.search(attributes):
            return match.group(0)
        sources.append(src.group(1) if src.group(1) is not None else src.group(2))
        return _PLACEHOLDER

    rest = _EXTERNAL_SCRIPT.sub(take, html[body:])
    if not sources:
        return html
    listed = json.dumps(sources).replace("</", "<\\/")
    last = rest.rfind(_PLACEHOLDER)
    rest = rest[:last] + f"<script>{_LOADER % listed}</script>" + rest[last + len(_PLACEHOLDER) :]
    return html[:body] + rest.replace(_PLACEHOLDER, "")


# Elements whose whitespace can show (white-space: pre-wrap) or matter (scripts).
_KEEP_WHITESPACE = re.compile(
    r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2>)", re.IGNORECASE | re.DOTALL
)
_INDENTED_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def trim_indentation(html: str) -> str:
    """Drop template indentation and blank lines (every run still keeps one newline, so the
    page renders the same); pre, textarea, code, kbd, script and style are left as they are."""
    parts = _KEEP_WHITESPACE.split(html)
    # split() returns: text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_INDENTED_LINES.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


_IMG_TAG = re.compile(r"<img\b([^>]*?)(\s*/?)>", re.IGNORECASE)


def lazy_load_images(html: str) -> str:
    """Give every <img> without a `loading` attribute `loading="lazy"`: pictures further down
    the page load when the reader gets near them, not before the text is on screen."""

    def add(match: re.Match[str]) -> str:
        attributes, close = match.group(1), match.group(2)
        if "loading" in _attribute_names(attributes):
            return match.group(0)
        return f'<img{attributes} loading="lazy"{close}>'

    return _IMG_TAG.sub(add, html)
