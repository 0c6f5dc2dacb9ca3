"""The page's first-screen CSS inlined for phones; every stylesheet loaded without blocking
a phone's first paint.

A phone on a slow network paints nothing until every stylesheet in <head> has arrived: one
more round trip, and Material's main.css alone is about 22 KB gzipped. So each page carries,
in one <style> (hashed in the CSP's style-src), the rules of its stylesheets that a phone's
first screen needs (below Material's 60em breakpoint, where the sidebars are hidden), in both
colour schemes (about 3.5 KB gzipped), if the page still fits in the first round trip. The
first screen, generously (`later_elements`): the header and the article's blocks up to about
one and a half screens of text, the footer on a short page, and every link; not the parts a
phone keeps closed until the patient acts (`CLOSED_ON_PHONES`: the menu drawer, the table of
contents, the search overlay). The rest of the page is styled a moment later, when the
stylesheets arrive; axe must find nothing wrong on the whole page before they arrive
(tests/test_critical_css.py).

The stylesheet links wait in a <noscript>: the page's script loader
(scripts/steps/page_html.py) adds them after the first paint, and without JavaScript the
browser loads them from there the ordinary way. On a wider screen (DESKTOP_MEDIA) a small
script in <head> puts the same links back at once, render-blocking, so a desktop waits for them
as for ordinary links and never shows the page styled for a phone (a browser that ignores
`blocking=render`, Firefox today, paints the phone's CSS for a moment first).

The inlined rules are copies, in their order, of rules the full stylesheets repeat later, so
once the stylesheets arrive the cascade is exactly what it was without the inlined copy:
nothing moves on the first screen, and print output does not change. Custom properties
(`--md-*`) are kept only if a kept rule uses them.
"""

from __future__ import annotations

import hashlib
import html as html_text
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import cssselect2
import tinycss2
import tinyhtml5
import tinyhtml5.inputstream
from tinycss2 import ast

from scripts.readers.cache_file import read_cache, write_cache
from scripts.readers.html_attributes import tag_attributes
from scripts.steps import reading_order
from scripts.steps.csp import add_security_meta
from scripts.steps.page_html import (
    FIRST_ROUND_TRIP_BYTES,
    HELD_STYLESHEETS_ID,
    gzipped_size,
    has_loader,
    load_held_stylesheets_after_first_paint,
)

# Media rules whose rules never matter for the first paint on a screen.
_SKIPPED_MEDIA = re.compile(r"^\s*print\s*$", re.IGNORECASE)
_SKIPPED_AT_RULES = frozenset({"font-face", "keyframes", "-webkit-keyframes", "property", "page"})
_NESTING_AT_RULES = frozenset({"media", "supports", "layer", "container"})
# Declarations that never change what the first paint shows (how things move, or react to the
# pointer): left out of the inlined copy, applied when the stylesheets arrive.
_NOT_PAINTED = re.compile(
    r"^(transition|animation|cursor|will-change|scroll-snap|touch-action|"
    r"-webkit-tap-highlight-color|pointer-events|user-select|-webkit-user-select)"
)
# Pseudo-elements a selector engine cannot test: the rule is matched on the element itself.
_PSEUDO_ELEMENT = re.compile(r"::?-(?:webkit|moz|ms)-[\w-]+(?:\([^)]*\))?")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
# The attributes the palette script sets on <body> before the first paint.
_SCHEME_ATTRIBUTES = ("data-md-color-scheme", "data-md-color-primary", "data-md-color-accent")

# Material's first layout breakpoint: from 60em the sidebars show. Rules for wider screens
# are never inlined; there the stylesheets block the first paint.
DESKTOP_MEDIA = "screen and (min-width:60em)"
_DESKTOP_EM = 60.0
# On a desktop, the held stylesheets are put back at once, after the <style> (so the cascade
# is the stylesheets' own), render-blocking (blocking=render, allowed while <head> is parsed).
# A phone requests nothing before its first paint: a link with a media query that does not
# match is still downloaded, early, beside the page.
_DESKTOP_STYLESHEETS = (
    f'matchMedia("{DESKTOP_MEDIA}").matches&&document.currentScript.insertAdjacentHTML('
    f'"beforebegin",document.getElementById("{HELD_STYLESHEETS_ID}").textContent'
    """.replace(/<link /g,'<link blocking="render" '))"""
)
_MIN_WIDTH = re.compile(r"min-width:\s*([\d.]+)em")
# Parts of Material's page a phone keeps closed until the patient acts, by class: rules for
# what is inside them are not inlined (rules for the part itself are: they keep it closed).
CLOSED_ON_PHONES = frozenset(
    {
        "md-sidebar--primary",  # the menu drawer, off the screen until opened
        "md-sidebar--secondary",  # the table of contents, not shown below 60em
        "md-search__inner",  # the search overlay, 0 × 0 until opened
        "md-search__output",  # search results, empty until a search
        "md-top",  # "Back to top", hidden until the reader scrolls back up
    }
)
# How much of the article counts as its first screen: a block's text characters, 40 for each
# line-like element inside it and 400 for each picture. A phone shows about 1,400 characters of
# text and a 1280 × 800 desktop about 2,000; blocks start until 3,000 have passed.
FIRST_SCREEN_WEIGHT = 3000
_LINE_LIKE = frozenset({"p", "li", "tr", "dt", "dd", "summary", "figcaption", "blockquote"})
_LINE_LIKE |= {f"h{level}" for level in range(1, 7)}
_PICTURES = frozenset({"img", "svg", "iframe", "video", "picture"})


class _RegexesByCharacters(dict[tuple[Any, bool], re.Pattern[str]]):
    """tinyhtml5's cache of the patterns `chars_until` finds runs of characters with, filled
    under the right key. tinyhtml5 2.1.0 stores each new pattern with the pattern itself as its
    key (`characters = cache[(characters, opposite)] = regex` rebinds `characters` first), so
    every lookup missed and every call built and compiled its pattern again: about two thirds
    of the time a page took to parse. With `__missing__` the lookup never misses; the pattern is
    made exactly as tinyhtml5 makes it, so the tree is the same."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        regex = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = re.compile(f"[{regex}]+" if opposite else f"[^{regex}]+")
        self[key] = pattern
        return pattern


tinyhtml5.inputstream.characters_until_regex = _RegexesByCharacters()

_STYLESHEET_LINK = re.compile(r"<link\b([^>]*)>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One style rule of a stylesheet: where it sits (media), its selectors, its declarations."""

    wrappers: tuple[str, ...]  # `@media screen and (min-width:60em)`, outermost first
    selectors: tuple[str, ...]
    declarations: tuple[tuple[str, str], ...]  # (name, `name:value`)

    def uses(self) -> set[str]:
        return {name for _, text in self.declarations for name in _VAR.findall(text)}

    def for_desktops_only(self) -> bool:
        """Whether the rule applies only from the 60em breakpoint up (its @media min-width)."""
        widths = [float(w) for wrapper in self.wrappers for w in _MIN_WIDTH.findall(wrapper)]
        return max(widths, default=0.0) >= _DESKTOP_EM


# ("class", "md-nav"), ("id", "__toc"), ("tag", "a"), ("attr", "for"), ("attr=", "dir=rtl")
Feature = tuple[str, str]
_Entry = tuple[Any, tuple[int, int], frozenset[Feature]]  # test, payload, what it needs


def requirements(selector: str) -> frozenset[Feature]:
    """The classes, ids, tags, attribute names and `[name=value]` values a selector names
    outside its functional pseudo-classes (`:not()`, `:is()`...): it can match only on a page
    that has each of them somewhere. Empty (no requirement) for what this reading does not
    follow (namespaces)."""
    needed: set[Feature] = set()
    previous: ast.Node | None = None
    for token in tinycss2.parse_component_value_list(selector):
        if isinstance(token, ast.LiteralToken) and token.value == "|":
            return frozenset()
        if isinstance(token, ast.IdentToken):
            after = previous.value if isinstance(previous, ast.LiteralToken) else None
            if after == ".":
                needed.add(("class", token.value))
            elif after != ":":
                needed.add(("tag", token.lower_value))
        elif isinstance(token, ast.HashToken):
            needed.add(("id", token.value))
        elif isinstance(token, ast.SquareBracketsBlock):
            if any(isinstance(t, ast.LiteralToken) and t.value == "|" for t in token.content):
                return frozenset()
            parts = [t for t in token.content if not isinstance(t, ast.WhitespaceToken)]
            if parts and isinstance(parts[0], ast.IdentToken):
                needed.add(("attr", parts[0].lower_value))
                # [name=value], case-sensitive (no ` i` flag): that exact value is on the page.
                if (
                    len(parts) == 3
                    and isinstance(parts[1], ast.LiteralToken)
                    and parts[1].value == "="
                    and isinstance(parts[2], (ast.IdentToken, ast.StringToken))
                ):
                    needed.add(("attr=", f"{parts[0].lower_value}={parts[2].value}"))
        previous = token
    return frozenset(needed)


def page_features(elements: Iterable[cssselect2.ElementWrapper]) -> set[Feature]:
    """Every tag, id, class, attribute name and attribute value of the page (and the names of
    the colour-scheme attributes, which the scheme variants set on <body> to values the page's
    switch holds)."""
    features: set[Feature] = {("attr", name) for name in _SCHEME_ATTRIBUTES}
    for element in elements:
        features.add(("tag", element.local_name.lower()))
        if element.id is not None:
            features.add(("id", element.id))
        features.update(("class", name) for name in element.classes)
        for key, value in element.etree_element.attrib.items():
            for name in {str(key).lower(), str(key).lower().rpartition("}")[2]}:
                features.add(("attr", name))
                features.add(("attr=", f"{name}={value}"))
    return features


class _Index:
    """Compiled selectors by the id, class or tag they end in (as cssselect2's Matcher), tested
    only until they have matched once: a page's 100 menu links are not tested 100 times; and
    for one page only those whose classes, ids, tags and attributes are all on the page (most
    of Material's never match a given page, and were tested against every menu link)."""

    def __init__(self) -> None:
        self.by_id: dict[str, list[_Entry]] = {}
        self.by_class: dict[str, list[_Entry]] = {}
        self.by_tag: dict[str, list[_Entry]] = {}
        self.other: list[_Entry] = []

    def add(self, selector: Any, payload: tuple[int, int], needs: frozenset[Feature]) -> None:
        if selector.never_matches:
            return
        entry = (selector.test, payload, needs)
        if selector.id is not None:
            self.by_id.setdefault(selector.id, []).append(entry)
        elif selector.class_name is not None:
            self.by_class.setdefault(selector.class_name, []).append(entry)
        elif selector.local_name is not None:
            self.by_tag.setdefault(selector.lower_local_name, []).append(entry)
        else:
            self.other.append(entry)

    def fresh(self, features: set[Feature]) -> _Index:
        """A copy for one page (with these `page_features`), of the selectors that may match
        it, whose lists lose each selector once it has matched."""

        def possible(entries: list[_Entry]) -> list[_Entry]:
            return [entry for entry in entries if entry[2] <= features]

        copy = _Index()
        copy.by_id = {key: possible(entries) for key, entries in self.by_id.items()}
        copy.by_class = {key: possible(entries) for key, entries in self.by_class.items()}
        copy.by_tag = {key: possible(entries) for key, entries in self.by_tag.items()}
        copy.other = possible(self.other)
        return copy

    def match(self, element: cssselect2.ElementWrapper, matched: set[tuple[int, int]]) -> None:
        """Add to `matched` the payloads of the selectors not matched yet that match element
        (on an index made by `fresh`: matched selectors leave it)."""
        candidates = [self.other, self.by_tag.get(element.local_name.lower())]
        if element.id is not None:
            candidates.append(self.by_id.get(element.id))
        candidates += [self.by_class.get(name) for name in element.classes]
        for entries in candidates:
            if not entries:
                continue
            hits = [payload for test, payload, _ in entries if test(element)]
            if hits:
                matched.update(hits)
                entries[:] = [entry for entry in entries if entry[1] not in matched]


@dataclass
class Stylesheets:
    """The rules of the page's stylesheets, parsed once per build and matched against each page."""

    rules: list[Rule] = field(default_factory=list)
    matcher: _Index = field(default_factory=lambda: _Index())
    scheme_matcher: _Index = field(default_factory=lambda: _Index())  # [data-md-color-*] only
    unmatchable: set[tuple[int, int]] = field(default_factory=set)  # kept always

    @classmethod
    def parse(cls, texts: Iterable[str]) -> Stylesheets:
        sheets = cls()
        for text in texts:
            nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
            sheets._add(nodes, ())
        return sheets

    def _add(self, nodes: Iterable[ast.Node], wrappers: tuple[str, ...]) -> None:
        for node in nodes:
            if isinstance(node, ast.QualifiedRule):
                self._add_rule(node, wrappers)
            elif isinstance(node, ast.AtRule) and node.content is not None:
                keyword = node.lower_at_keyword
                prelude = tinycss2.serialize(node.prelude).strip()
                if keyword in _SKIPPED_AT_RULES or (
                    keyword == "media" and _SKIPPED_MEDIA.match(prelude)
                ):
                    continue
                if keyword in _NESTING_AT_RULES:
                    inner = tinycss2.parse_rule_list(
                        node.content, skip_comments=True, skip_whitespace=True
                    )
                    self._add(inner, (*wrappers, f"@{node.at_keyword} {prelude}"))

    def _add_rule(self, node: ast.QualifiedRule, wrappers: tuple[str, ...]) -> None:
        selectors = tuple(_split_selectors(tinycss2.serialize(node.prelude)))
        declarations = tuple(
            (item.lower_name, _declaration_text(item))
            for item in tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True
            )
            if isinstance(item, ast.Declaration) and not _NOT_PAINTED.match(item.lower_name)
        )
        rule = Rule(wrappers, selectors, declarations)
        if not declarations or rule.for_desktops_only():
            return
        index = len(self.rules)
        self.rules.append(rule)
        for number, selector in enumerate(selectors):
            testable = _PSEUDO_ELEMENT.sub("", selector)
            try:
                compiled = cssselect2.compile_selector_list(testable)
            except cssselect2.SelectorError:
                if "-webkit-" not in selector and "-moz-" not in selector:
                    self.unmatchable.add((index, number))  # a selector we cannot test: keep it
                continue
            needs = requirements(testable)
            for one in compiled:
                self.matcher.add(one, (index, number), needs)
                if "data-md-color" in selector:
                    self.scheme_matcher.add(one, (index, number), needs)

    def critical(self, page_html: str) -> str:
        """The minified CSS of the rules that match an element of the page's first screen."""
        # The chrome that scripts/steps/reading_order.py holds in data blocks is on the first
        # screen too, as soon as its inline script puts it back.
        document = tinyhtml5.parse(
            without_head_contents(without_closed_parts(reading_order.as_restored(page_html)))
        )
        matched = set(self.unmatchable)
        # The page's elements in document order, walked once.
        elements = list(_Element.from_html_root(document).iter_subtree())
        # By element, so the same for every colour scheme (only <body>'s attributes change).
        features, later = page_features(elements), later_elements(elements)
        first_screen = list(_first_screen(elements, later))
        for variant in _colour_scheme_variants(elements):
            matcher = (self.matcher if variant == 0 else self.scheme_matcher).fresh(features)
            for element in first_screen:
                matcher.match(element, matched)
        return self._render(matched)

    def _render(self, matched: set[tuple[int, int]]) -> str:
        numbers: dict[int, set[int]] = {}  # the matched selectors of each rule, by number
        for index, number in matched:
            numbers.setdefault(index, set()).add(number)
        kept: list[tuple[Rule, tuple[str, ...]]] = []
        for index in sorted(numbers):
            rule = self.rules[index]
            selectors = tuple(
                selector
                for number, selector in enumerate(rule.selectors)
                if number in numbers[index]
            )
            kept.append((rule, selectors))
        used = _used_properties(rule for rule, _ in kept)
        out: list[str] = []
        open_wrappers: tuple[str, ...] = ()
        for rule, selectors in kept:
            declarations = [
                text
                for name, text in rule.declarations
                if not name.startswith("--") or name in used
            ]
            if not declarations:
                continue
            common = 0
            while (
                common < min(len(open_wrappers), len(rule.wrappers))
                and open_wrappers[common] == rule.wrappers[common]
            ):
                common += 1
            out.append("}" * (len(open_wrappers) - common))
            out.extend(wrapper + "{" for wrapper in rule.wrappers[common:])
            open_wrappers = rule.wrappers
            out.append(",".join(selectors) + "{" + ";".join(declarations) + "}")
        out.append("}" * len(open_wrappers))
        return "".join(out)


def _weight(block: cssselect2.ElementWrapper) -> int:
    """About how much of a screen a block of the article takes (FIRST_SCREEN_WEIGHT)."""
    weight = len("".join(block.etree_element.itertext()).strip())
    for element in block.iter_subtree():
        if element.local_name in _PICTURES:
            weight += 400
        elif element.local_name in _LINE_LIKE:
            weight += 40
    return weight


def later_elements(elements: list[cssselect2.ElementWrapper]) -> set[int]:
    """The elements (by id() of their etree element) below the first screen: the article's
    blocks that start after FIRST_SCREEN_WEIGHT, and the footer if the article is longer
    (`elements`: the page's, in document order)."""
    article = next((e for e in elements if e.local_name == "article"), None)
    if article is None:
        return set()
    later: set[int] = set()
    passed = 0
    for block in article.iter_children():
        if passed >= FIRST_SCREEN_WEIGHT:
            later.update(id(element.etree_element) for element in block.iter_subtree())
        passed += _weight(block)
    if passed >= FIRST_SCREEN_WEIGHT:
        for footer in (e for e in elements if e.local_name == "footer"):
            later.update(id(element.etree_element) for element in footer.iter_subtree())
    return later


_CLOSED_NAMES = "|".join(map(re.escape, sorted(CLOSED_ON_PHONES)))
_CLOSED_PART = re.compile(
    rf'<[a-zA-Z][\w-]*\b[^>]*\bclass="(?:[^"]*\s)?(?:{_CLOSED_NAMES})(?:\s[^"]*)?"[^>]*>'
)


_HEAD_START = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def without_head_contents(page_html: str) -> str:
    """The page with what its <head> holds cut out, before it is parsed: nothing in <head> is
    painted (its elements are never on a screen), so no rule is kept for it."""
    start, end = _HEAD_START.search(page_html), _HEAD_END.search(page_html)
    if start is None or end is None or end.start() < start.end():
        return page_html
    return page_html[: start.end()] + page_html[end.start() :]


def without_closed_parts(page_html: str) -> str:
    """The page with the insides of the parts a phone keeps closed cut out, before it is
    parsed: they are never matched (`_first_screen`), and the menu in the drawer is the part
    of every page that grows with the site."""
    kept: list[str] = []
    position = 0
    for match in _CLOSED_PART.finditer(page_html):
        if match.start() < position:  # inside a part already cut out
            continue
        try:
            start, end = reading_order.element_span(page_html, match.start())
        except ValueError:  # not closed: leave the page as it is
            return page_html
        kept += [
            page_html[position : match.end()],
            page_html[page_html.rfind("</", start, end) : end],
        ]
        position = end
    return "".join([*kept, page_html[position:]])


def _first_screen(
    elements: list[cssselect2.ElementWrapper], later: set[int]
) -> Iterator[cssselect2.ElementWrapper]:
    """The elements of a phone's first screen (not `later`, not inside a part closed on
    phones), and every link outside the closed parts (`elements`: the page's, in order)."""
    hidden: set[int] = set()  # inside a closed part
    for element in elements:
        parent = element.parent
        if parent is not None and (
            id(parent.etree_element) in hidden or CLOSED_ON_PHONES & set(parent.classes)
        ):
            hidden.add(id(element.etree_element))
            continue
        # A link is styled wherever it is: its colour and underline tell it from the text
        # around it (WCAG 1.4.1), from the first paint on.
        if id(element.etree_element) in later and element.local_name != "a":
            continue
        yield element


def _declaration_text(item: ast.Declaration) -> str:
    value = tinycss2.serialize(item.value).strip()
    return f"{item.name}:{value}{'!important' if item.important else ''}"


def _split_selectors(prelude: str) -> Iterator[str]:
    """`a, b:is(c, d)` -> `a`, `b:is(c, d)` (commas inside brackets stay)."""
    depth, current = 0, list[str]()
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            yield "".join(current).strip()
            current = []
        else:
            current.append(character)
    if "".join(current).strip():
        yield "".join(current).strip()


def _used_properties(rules: Iterable[Rule]) -> set[str]:
    """The custom properties the kept rules use, directly or through other custom properties."""
    definitions: dict[str, set[str]] = {}
    direct: set[str] = set()
    for rule in rules:
        for name, text in rule.declarations:
            names = set(_VAR.findall(text))
            if name.startswith("--"):
                definitions.setdefault(name, set()).update(names)
            else:
                direct |= names
    used, pending = set(), list(direct)
    while pending:
        name = pending.pop()
        if name not in used:
            used.add(name)
            pending.extend(definitions.get(name, ()))
    return used


def _colour_scheme_variants(elements: list[cssselect2.ElementWrapper]) -> Iterator[int]:
    """The page as painted in each colour scheme its switch offers (the palette script sets
    <body>'s data-md-color-* attributes before the first paint), numbered from 0, its own
    scheme: <body>'s attributes are set for each scheme before its number is yielded. The
    same tree each time: a selector reads attributes from the element tree as it is matched,
    and no value an element keeps depends on these attributes."""
    body = next((e for e in elements if e.local_name == "body"), None)
    if body is None:
        yield 0
        return
    choices = {
        tuple(element.etree_element.get(name) for name in _SCHEME_ATTRIBUTES)
        for element in elements
        if element.local_name == "input" and element.etree_element.get(_SCHEME_ATTRIBUTES[0])
    }
    body_element = body.etree_element
    original = tuple(body_element.get(name) for name in _SCHEME_ATTRIBUTES)
    for variant, choice in enumerate([original, *sorted(choices - {original}, key=str)]):
        for name, value in zip(_SCHEME_ATTRIBUTES, choice, strict=True):
            if value is not None:
                body_element.set(name, value)
        yield variant


# local_name also keeps namespace_url.
_KEPT_AT_ONCE = ("local_name", "id", "classes", "etree_children")


class _Element(cssselect2.ElementWrapper):  # type: ignore[misc]
    """cssselect2's element, made once per element of the page, not once per walk: its
    children are kept (cssselect2 makes new wrappers, with empty caches, on every walk over the
    tree, and a page is walked several times), and its name, id, classes and children are
    worked out at once (cssselect2 caches them with `functools.cached_property`, which in
    Python 3.11 takes a lock on every read). The values are cssselect2's own."""

    def __init__(self, etree_element: Any, parent: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(etree_element, parent, *args, **kwargs)
        for name in _KEPT_AT_ONCE:  # cssselect2's own functions, called once
            self.__dict__[name] = getattr(cssselect2.ElementWrapper, name).func(self)
        self._children: list[_Element] | None = None

    def iter_children(self) -> Iterator[_Element]:
        if self._children is None:
            children: list[_Element] = []
            child = None
            for index, etree_child in enumerate(self.etree_children):
                child = _Element(
                    etree_child,
                    parent=self,
                    index=index,
                    previous=child,
                    in_html_document=self.in_html_document,
                )
                children.append(child)
            self._children = children
        return iter(self._children)


# A held stylesheet over this size is loaded in parts of about this size, which the loader
# applies one a task: applying Material's whole main.css at once after the first paint was one
# long task (TBT 100-200 ms in Lighthouse's mobile run; about 60 in parts).
PART_BYTES = 40_000
_UNSPLITTABLE = frozenset({"import", "namespace", "layer"})


def split_stylesheet(file: Path) -> list[Path]:
    """The stylesheet's parts (`main.css` -> `main.part1.css`...), written beside it, its
    top-level rules in order (each part starts with its @charset); just the file if it is
    small or has rules whose place matters (@import, @namespace, @layer). The parts of a text
    are worked out once per process (each language's site has its own copy of Material's
    stylesheets, and `mkdocs serve` builds again)."""
    text = file.read_text(encoding="utf-8")
    key = _digest(f"{PART_BYTES}\0{text}")
    if key not in _PARTS:
        _PARTS[key] = _parts(text)
    parts = _PARTS[key]
    if len(parts) <= 1:
        return [file]
    files = [file.with_suffix(f".part{number}.css") for number in range(1, len(parts) + 1)]
    for part_file, part in zip(files, parts, strict=True):
        part_file.write_text(part, encoding="utf-8")
    return files


# The parts of each stylesheet split in this process, by the hash of its text (and PART_BYTES).
_PARTS: dict[str, list[str]] = {}


def _parts(text: str) -> list[str]:
    """`split_stylesheet`'s parts of a stylesheet's text ([text] when it stays whole)."""
    if len(text) <= PART_BYTES:
        return [text]
    nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    if any(isinstance(n, ast.AtRule) and n.lower_at_keyword in _UNSPLITTABLE for n in nodes):
        return [text]
    charset = ""
    if nodes and isinstance(nodes[0], ast.AtRule) and nodes[0].lower_at_keyword == "charset":
        charset = nodes.pop(0).serialize()
    count = -(-len(text) // PART_BYTES)
    parts: list[list[str]] = [[] for _ in range(count)]
    written = 0
    for node in nodes:
        serialized = node.serialize()
        parts[min(count - 1, written * count // len(text))].append(serialized)
        written += len(serialized)
    return [charset + "".join(part) for part in parts]


def inline_critical_css(
    page_html: str, css: str, parts: Mapping[str, list[str]] | None = None
) -> str:
    """Put the page's CSS in <head> in place of the stylesheet links, and hold the links
    in a <noscript>: without JavaScript the browser loads them from there; with it, the loader
    of scripts/steps/page_html.py adds them after the first paint (a stylesheet in `parts`
    as its parts, by href). On a desktop (DESKTOP_MEDIA) a script in <head> adds them at
    once, render-blocking. A page without that loader is left as it is."""
    head_end = _HEAD_END.search(page_html)
    if head_end is None or not has_loader(page_html):
        return page_html
    hrefs: list[str] = []

    def hold(match: re.Match[str]) -> str:
        attributes = tag_attributes(match.group(1))
        if attributes.get("rel", "").lower() != "stylesheet" or "media" in attributes:
            return match.group(0)
        first = not hrefs
        hrefs.extend((parts or {}).get(attributes["href"], [attributes["href"]]))
        return "\0" if first else ""

    head = _STYLESHEET_LINK.sub(hold, page_html[: head_end.start()])
    if not hrefs:
        return page_html
    links = "".join(f'<link rel="stylesheet" href="{html_text.escape(href)}">' for href in hrefs)
    held = f'<noscript id="{HELD_STYLESHEETS_ID}">{links}</noscript>'
    head = head.replace(
        "\0", f"<style>{css}</style>{held}<script>{_DESKTOP_STYLESHEETS}</script>", 1
    )
    return load_held_stylesheets_after_first_paint(head + page_html[head_end.start() :])


# Parsed stylesheets, by the hash of their text: parsed once per process (`mkdocs serve`
# rebuilds reuse them) and only when a page's CSS is not in the cache file.
_PARSED: dict[str, Stylesheets] = {}
# A change to this file changes every entry's key: a cached CSS is never from older code.
_THIS_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@dataclass
class CriticalCache:
    """Each page's inlined CSS, by the hash of the page and of its stylesheets.

    Kept in `.build-cache/critical-css.json` between builds, so a build works out the CSS only for
    pages (or stylesheets) that changed; entries no page used in this build are dropped."""

    file: Path | None
    entries: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path | None) -> CriticalCache:
        return cls(file, {key: str(value) for key, value in read_cache(file).items()})

    def critical(self, page_html: str, css_texts: list[str]) -> str:
        css_key = _digest("\0".join([_THIS_CODE, *css_texts]))
        key = _digest(css_key + "\0" + page_html)
        if key not in self.entries:
            if css_key not in _PARSED:
                _PARSED[css_key] = Stylesheets.parse(css_texts)
            self.entries[key] = _PARSED[css_key].critical(page_html)
        self.used[key] = self.entries[key]
        return self.entries[key]

    def save(self) -> None:
        write_cache(self.file, self.used)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stylesheet_hrefs(page_html: str) -> list[str]:
    """The hrefs of the page's stylesheet links in <head> (no media attribute), in order."""
    head_end = _HEAD_END.search(page_html)
    hrefs = []
    for match in _STYLESHEET_LINK.finditer(page_html, 0, head_end.start() if head_end else 0):
        attributes = tag_attributes(match.group(1))
        if attributes.get("rel", "").lower() == "stylesheet" and "media" not in attributes:
            hrefs.append(attributes.get("href", ""))
    return hrefs


def _stylesheet_files(hrefs: list[str], page: Path, site_dir: Path, site_path: str) -> list[Path]:
    """The local files of the page's stylesheet links (`_stylesheet_hrefs`), in order (none
    if any is missing or on another site)."""
    files: list[Path] = []
    for link in hrefs:
        href = urlsplit(link)
        if href.scheme or href.netloc:
            return []
        path = unquote(href.path)
        if path.startswith("/"):
            if not path.startswith(site_path):
                return []
            file = site_dir / path.removeprefix(site_path)
        else:
            file = page.parent / path
        if not file.is_file():
            return []
        files.append(file.resolve())
    return files


def inline_site(site_dir: Path, site_url: str, cache: CriticalCache) -> list[str]:
    """Inline each page's CSS where the page then still fits in the first round
    trip (FIRST_ROUND_TRIP_BYTES gzipped); other pages keep ordinary stylesheet links.
    Returns the pages left as they were."""
    site_path = urlsplit(site_url).path or "/"
    site_path = site_path if site_path.endswith("/") else site_path + "/"
    texts: dict[Path, str] = {}
    split: dict[Path, list[Path]] = {}
    left: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        page_html = page.read_text(encoding="utf-8")
        hrefs = _stylesheet_hrefs(page_html)
        files = _stylesheet_files(hrefs, page, site_dir, site_path)
        if not files or not has_loader(page_html):
            continue
        for file in files:
            if file not in texts:
                texts[file] = file.read_text(encoding="utf-8")
                split[file] = split_stylesheet(file)
        css_texts = [texts[file] for file in files]
        css = cache.critical(page_html, css_texts)
        parts = {
            href: [href.removesuffix(".css") + part.suffixes[-2] + ".css" for part in split[file]]
            for href, file in zip(hrefs, files, strict=True)
            if len(split[file]) > 1
        }
        inlined = add_security_meta(inline_critical_css(page_html, css, parts))
        if gzipped_size(inlined.encode("utf-8")) > FIRST_ROUND_TRIP_BYTES:
            left.append(page.relative_to(site_dir).as_posix())
            continue
        page.write_text(inlined, encoding="utf-8")
    cache.save()
    return left
