"""The one HTML attribute reader (scripts/readers/html_attributes.py)."""

from __future__ import annotations

from scripts.readers.html_attributes import tag_attributes


def test_quotes_entities_case_and_bare_attributes() -> None:
    assert tag_attributes(""" HREF="a.md?x=1&amp;y=2" data-x='b' hidden type=checkbox""") == {
        "href": "a.md?x=1&y=2",
        "data-x": "b",
        "hidden": "",
        "type": "checkbox",
    }


def test_the_first_of_a_repeated_attribute_counts_and_self_closing_is_fine() -> None:
    assert tag_attributes(' src="a.png" src="b.png" /') == {"src": "a.png"}


def test_no_attributes() -> None:
    assert tag_attributes("") == {}
