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


def test_the_page_text_comes_first_and_the_js_only_chrome_is_in_data_blocks() -> None:
    page = reading_order.text_first(PAGE)
    outside_scripts = csp.SCRIPT_ELEMENT.sub("", page)
    assert "<h1>Title</h1><p>First.</p>" in outside_scripts
    for js_only in ("__drawer", "__search", "data-palette-toggle", "md-search", "md-sidebar"):
        assert js_only not in outside_scripts, js_only
    assert '<span class="md-ellipsis" data-md-text="Site &quot;A&quot;"></span>' in page


def test_js_only_blocks_are_restored_in_place_before_the_scripts_after_them() -> None:
    page = reading_order.js_only_controls(PAGE)
    block = page.index("data-palette-toggle")
    assert page.index(reading_order.RESTORE_JS_ONLY, block) < page.index("palette()")
    assert page.count(reading_order.RESTORE_JS_ONLY) == 7  # no overlay or menu button here
    assert page.index('data-md-toggle="drawer"') < page.index('data-md-toggle="search"')
    assert page.index("menu") < page.index("contents") < page.index("<h1>")


def test_a_block_that_holds_a_script_is_left_as_it_is() -> None:
    html = '<div class="md-sidebar md-sidebar--primary"><script>x()</script></div>'
    assert reading_order.js_only_controls(html) == html


def test_the_built_pages_restore_all_nine_blocks_with_one_hash(built_site: Path) -> None:
    page = (built_site / "faq" / "index.html").read_text(encoding="utf-8")
    script = reading_order.RESTORE_JS_ONLY
    assert page.count(f"<script>{script}</script>") == 9
    assert csp.script_hash(script) in page[: page.index("</head>")]


def test_the_page_as_restored_has_the_data_blocks_markup_back_in_place() -> None:
    from scripts.steps.reading_order import as_restored, js_only_controls

    page = '<body><input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"><p>Text</p></body>'
    held = js_only_controls(page)
    assert 'id="__search"' in held and "<script" in held
    assert as_restored(held) == page
