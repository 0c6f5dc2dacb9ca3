"""The one reader of HTML attributes, on the standard library's html.parser (as readability.py).

Steps that rewrite HTML find a tag with a small pattern, then read its attributes here, so
quoting, entities and upper-case names are handled the same way everywhere.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FirstStartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attributes is None:
            self.attributes = {}
            for name, value in attrs:  # the first of a repeated attribute counts, as in browsers
                self.attributes.setdefault(name, value or "")


def tag_attributes(attribute_text: str) -> dict[str, str]:
    """The attributes of one start tag, from the text after its name (` href="a.md" hidden`):
    lower-case name -> value with entities decoded; an attribute without a value is ""."""
    parser = _FirstStartTag()
    parser.feed(f"<x {attribute_text.rstrip('/')}>")
    parser.close()
    return parser.attributes or {}
