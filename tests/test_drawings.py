"""One look for every drawing in docs/assets/images (issue 17): the same card, palette, line
weights and label type, and labels large enough to read on a phone.

The video poster (extra.demo_video.poster) is a picture of its own kind (dark, decorative, with
empty alt text) and is left out of the house style.

The Spanish drawings (issue 14) are copies in docs/assets/images/es/ with only the words
translated: the <title>, the <desc> and the <text> labels. Each must have exactly the shapes of
its English original, every drawing with words must have a Spanish copy, and the Spanish pages
must show the Spanish copy.
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
SPANISH_IMAGES = IMAGES / "es"
WORDS = ("title", "desc", "text")  # the only elements a translation may change (their words)
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
    poster = Path(str(config["extra"]["demo_video"]["poster"])).name
    return [
        path
        for path in sorted([*IMAGES.glob("*.svg"), *SPANISH_IMAGES.glob("*.svg")])
        if path.name != poster
    ]


def has_words(path: Path) -> bool:
    return ET.fromstring(path.read_text(encoding="utf-8")).find(f".//{SVG}text") is not None


def shape_differences(english: Path, translation: Path) -> list[str]:
    """Where the translation's drawing differs from the English one, apart from its words."""
    found: list[str] = []

    def compare(one: ET.Element, other: ET.Element, where: str) -> None:
        tag = one.tag.removeprefix(SVG)
        here = f"{where}/{tag}"
        if one.tag != other.tag or one.attrib != other.attrib:
            found.append(f"{here}: <{other.tag.removeprefix(SVG)} {other.attrib}> differs")
            return
        if tag in WORDS:
            if not (other.text or "").strip():
                found.append(f"{here}: the words are missing")
            if tag == "text":
                return  # a longer translation may break its label into lines (<tspan>)
        elif (one.text or "").strip() != (other.text or "").strip():
            found.append(f"{here}: text differs")
        if len(one) != len(other):
            found.append(f"{here}: {len(other)} parts instead of {len(one)}")
            return
        for index, (child, other_child) in enumerate(zip(one, other, strict=True)):
            compare(child, other_child, f"{here}[{index}]")

    compare(
        ET.fromstring(english.read_text(encoding="utf-8")),
        ET.fromstring(translation.read_text(encoding="utf-8")),
        "",
    )
    return found


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


ENGLISH_WITH_WORDS = [path for path in sorted(IMAGES.glob("*.svg")) if has_words(path)]


@pytest.mark.parametrize("english", ENGLISH_WITH_WORDS, ids=lambda path: path.name)
def test_spanish_drawing_has_the_shapes_of_its_english_original(english: Path) -> None:
    spanish = SPANISH_IMAGES / english.name
    assert spanish.is_file(), (
        f"docs/assets/images/{english.name} has words but no Spanish copy: copy it to "
        f"docs/assets/images/es/{english.name} and translate its <title>, <desc> and <text>"
    )
    found = shape_differences(english, spanish)
    assert not found, f"docs/assets/images/es/{english.name}:\n" + "\n".join(found)
    words = [
        element.text
        for element in ET.parse(english).iter()
        if element.tag.removeprefix(SVG) in WORDS
    ]
    spanish_words = [
        element.text
        for element in ET.parse(spanish).iter()
        if element.tag.removeprefix(SVG) in WORDS
    ]
    untranslated = [
        w
        for w, s in zip(words, spanish_words, strict=True)
        if w == s and w and re.search("[a-z]{3}", w)
    ]
    assert not untranslated, (
        f"docs/assets/images/es/{english.name}: still in English: {untranslated}"
    )


def test_no_spanish_drawing_without_an_english_original() -> None:
    orphans = [p.name for p in SPANISH_IMAGES.glob("*") if not (IMAGES / p.name).is_file()]
    assert not orphans, f"docs/assets/images/es/ has drawings with no English original: {orphans}"


IMAGE_LINK = re.compile(r"assets/images/((?:es/)?[\w.-]+\.svg)")


def test_pages_show_the_drawing_in_their_own_language() -> None:
    wrong: list[str] = []
    for folder, spanish in (("docs", False), ("docs-es", True)):
        for page in sorted((ROOT / folder).glob("*.md")):
            for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
                for name in IMAGE_LINK.findall(line):
                    if spanish and not name.startswith("es/") and (SPANISH_IMAGES / name).is_file():
                        wrong.append(f"{folder}/{page.name}:{number}: use assets/images/es/{name}")
                    if not spanish and name.startswith("es/"):
                        wrong.append(f"{folder}/{page.name}:{number}: the Spanish drawing {name}")
    es_config = load_yaml((ROOT / "mkdocs.es.yml").read_text(encoding="utf-8"))
    poster = str(es_config["extra"]["demo_video"]["poster"])
    if not poster.startswith("assets/images/es/"):
        wrong.append(f"mkdocs.es.yml: extra.demo_video.poster {poster} is not the Spanish copy")
    assert not wrong, "\n".join(wrong)


def test_the_shape_check_finds_a_moved_shape(tmp_path: Path) -> None:
    english = IMAGES / "lung-zone.svg"
    moved = tmp_path / english.name
    moved.write_text(
        english.read_text(encoding="utf-8").replace('cx="130"', 'cx="131"', 1), encoding="utf-8"
    )
    assert any("differs" in line for line in shape_differences(english, moved))
    assert not shape_differences(english, SPANISH_IMAGES / english.name)
