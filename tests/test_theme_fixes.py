"""scripts/steps/theme_fixes.py: no `autocomplete` on checkboxes, everything else untouched."""

from __future__ import annotations

from pathlib import Path

from scripts.steps.theme_fixes import drop_checkbox_autocomplete


def test_autocomplete_goes_from_checkboxes_only() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" name="query" autocomplete="off">'
    )
    assert drop_checkbox_autocomplete(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" name="query" autocomplete="off">'
    )


def test_built_pages_have_no_checkbox_autocomplete(built_site: Path) -> None:
    offenders = [
        str(page.relative_to(built_site))
        for page in built_site.rglob("*.html")
        if drop_checkbox_autocomplete(text := page.read_text(encoding="utf-8")) != text
    ]
    assert not offenders, f"checkbox inputs with autocomplete (W3C Nu error) in: {offenders}"
