"""scripts/steps/reading_order.py on small pieces of Material's HTML, and on the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.steps import csp, reading_order

PAGE = (
    '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
    '<header><div class="md-header__topic"><span class="md-ellipsis">Site "A"</span></div>'
    '<div class="md-header__option" data-palette-toggle role="radiogroup"><input type="radio">'
    "</div><script>palette()</script>"
    '<label class="md-header__button md-icon" for="__search"><svg></svg></label>'
    '<div class="md-search" data-md-component="search" role="dialog"><div><input></div></div>'
    '</header><div class="md-main__inner">'
    '<div class="md-sidebar md-sidebar--primary"><div>menu</div></div>'
    '<div class="md-sidebar md-sidebar--secondary"><div>contents</div></div>'
    '<div class="md-content"><article><h1>Title</h1><p>First.</p></article></div>'
    "</div></body>"
)


def test_element_span_counts_nested_elements_of_the_same_name() -> None:
    html = '<p>x<div a="1"><div>in</div></div>after'
    assert html[slice(*reading_order.element_span(html, 4))] == '<div a="1"><div>in</div></div>'
    with pytest.raises(ValueError, match="never closed"):
        reading_order.element_span("<div><div></div>", 0)


def test_the_page_text_comes_before_the_menu_and_the_js_only_controls() -> None:
    page = reading_order.text_first(PAGE)
    outside_scripts = csp.SCRIPT_ELEMENT.sub("", page)
    assert outside_scripts.index("<h1>") < outside_scripts.index("menu")
    assert outside_scripts.index("menu") < outside_scripts.index("contents")
    assert outside_scripts.index("contents") < outside_scripts.index('id="__drawer"')
    for js_only in ('id="__search"', "data-palette-toggle", 'data-md-component="search"'):
        assert js_only not in outside_scripts
    assert 'for="__search"' not in outside_scripts
    assert '<span class="md-ellipsis" data-md-text="Site &quot;A&quot;"></span>' in page


def test_js_only_blocks_are_restored_in_place_before_the_scripts_after_them() -> None:
    page = reading_order.js_only_controls(PAGE)
    block = page.index("data-palette-toggle")
    assert page.index(reading_order.RESTORE_JS_ONLY, block) < page.index("palette()")
    assert page.count(reading_order.RESTORE_JS_ONLY) == 4


def test_a_page_without_material_sidebars_is_left_as_it_is() -> None:
    assert reading_order.navigation_after_text("<body><p>x</p></body>") == "<body><p>x</p></body>"


def test_the_built_pages_carry_one_hash_for_every_restore_script(built_site: Path) -> None:
    page = (built_site / "faq" / "index.html").read_text(encoding="utf-8")
    for script in (reading_order.RESTORE_JS_ONLY, reading_order.RESTORE_NAVIGATION):
        assert f"<script>{script}</script>" in page
        assert csp.script_hash(script) in page[: page.index("</head>")]
