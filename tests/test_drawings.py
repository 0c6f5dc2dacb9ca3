"""One look for every drawing in docs/assets/images (issue 17): the same card, palette, line
weights and label type, and labels large enough to read on a phone.

The video poster (extra.demo_video.poster) is a picture of its own kind (dark, decorative, with
empty alt text) and is left out.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.readers.yaml_lines import load_yaml

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "assets" / "images"
SVG = "{http://www.w3.org/2000/svg}"

CARD = "#f6f4ef"  # every drawing sits on its own light card, so it reads the same in dark mode
INK = "#1f2a30"  # labels and pointer lines: 13:1 on the card
LABEL_FONT = "system-ui,sans-serif"
LINE_WIDTHS = (2.0, 3.0)  # 3: outlines of body parts and objects; 2: details, pointers, rings
PALETTE = {
    CARD,
    INK,
    "#ffffff",  # the ring around a trigger point
    "#5c1f14",  # a trigger point
    "#e9d9c9",  # skin
    "#5b4636",  # outline of skin
    "#f2b8a8",  # muscle
    "#c97a66",  # muscle fibres
    "#8a3b2a",  # outline of muscle
    "#b5523b",  # the tight band
    "#6e2a1c",  # outline of the tight band
    "#2f8f9d",  # the part the picture is about
    "#0b5d6b",  # its outline (the site's teal)
    "#8a96a3",  # metal (a needle)
    "none",
}
PHONE_CONTENT_PX = 358  # the text column of a 390 px wide phone
MIN_LABEL_PX = 14.0  # what a label measures on that phone, after the drawing is scaled down
SCALE = re.compile(r"scale\(\s*([\d.]+)")


def drawings() -> list[Path]:
    config = load_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    poster = str(config["extra"]["demo_video"]["poster"])
    return [path for path in sorted(IMAGES.glob("*.svg")) if f"assets/images/{path.name}" != poster]


def problems_of(path: Path) -> list[str]:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    found: list[str] = []
    width = float(root.get("width") or 0)
    if (
        root.get("role") != "img"
        or root.find(f"{SVG}title") is None
        or root.find(f"{SVG}desc") is None
    ):
        found.append('needs role="img", a <title> and a <desc> (the text alternative)')
    if not width or not root.get("height"):
        found.append("needs width and height, so the page does not jump while it loads")
    card = root.find(f"{SVG}rect")
    if card is None or card.get("fill") != CARD or card.get("rx") != "14":
        found.append(f'needs the card first: <rect width=… height=… rx="14" fill="{CARD}"/>')
    shrink = min(1.0, PHONE_CONTENT_PX / width) if width else 1.0

    def walk(element: ET.Element, inherited: dict[str, str], scale: float) -> None:
        attrs = {**inherited, **{key: value for key, value in element.attrib.items()}}
        match = SCALE.search(element.get("transform", ""))
        scale *= float(match.group(1)) if match else 1.0
        tag = element.tag.removeprefix(SVG)
        for key in ("fill", "stroke"):
            colour = element.get(key)
            if colour and colour.lower() not in PALETTE:
                found.append(f"<{tag}> {key}={colour}: use a colour of the drawing palette")
        if element.get("stroke-width") and element.get("stroke") != "none":
            drawn = float(element.get("stroke-width", "0")) * scale
            if not any(abs(drawn - width_) < 0.1 for width_ in LINE_WIDTHS):
                found.append(
                    f"<{tag}> line {drawn:g} wide: use {' or '.join(f'{w:g}' for w in LINE_WIDTHS)}"
                )
        if tag == "text":
            label = (element.text or "").strip()
            if attrs.get("font-family") != LABEL_FONT or attrs.get("fill") != INK:
                found.append(f'label "{label}": use font-family="{LABEL_FONT}" fill="{INK}"')
            size = float(attrs.get("font-size", "16")) * scale * shrink
            if size < MIN_LABEL_PX:
                found.append(
                    f'label "{label}" is {size:.1f} px on a phone: make it at least '
                    f"{math.ceil(MIN_LABEL_PX / shrink / scale)} (font-size)"
                )
        for child in element:
            walk(child, attrs, scale)

    walk(root, {}, 1.0)
    return found


def test_there_are_drawings_to_check() -> None:
    assert drawings(), "no drawings in docs/assets/images"


@pytest.mark.parametrize("path", drawings(), ids=lambda path: path.name)
def test_drawing_follows_the_house_style(path: Path) -> None:
    found = problems_of(path)
    assert not found, f"docs/assets/images/{path.name}:\n" + "\n".join(found)


def test_the_check_finds_a_drawing_off_style(tmp_path: Path) -> None:
    off = tmp_path / "off.svg"
    off.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200">'
        '<rect width="480" height="200" fill="#ffffff"/>'
        '<path d="M0 0h10" stroke="#ff0000" stroke-width="1"/>'
        '<text x="0" y="20" font-size="16">Label</text></svg>',
        encoding="utf-8",
    )
    found = "\n".join(problems_of(off))
    for expected in (
        "<title>",
        "the card first",
        "stroke=#ff0000",
        "line 1 wide",
        'label "Label"',
        "px on a phone",
    ):
        assert expected in found, (expected, found)
