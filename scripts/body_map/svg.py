"""The body map's drawing: a simple SVG outline, front and back, with every region's shape."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scripts.body_map.data import ReferralPatterns
    from scripts.interface import Interface

# ---------------------------------------------------------------------------
# The body map (SVG), drawn here: a simple, friendly outline, front and back
# ---------------------------------------------------------------------------

# Shapes are given for a figure centred on x=100; the back view is moved right by BACK_OFFSET.
# ("e", cx, cy, rx, ry[, angle]) is an ellipse; ("c", x1, y1, x2, y2, r1, r2) a tapered capsule.
# Every region is drawn on both sides of the body (mirrored).
Shape = tuple[object, ...]
CENTRE_X = 100
BACK_OFFSET = 200
VIEWBOX = (0, 0, 400, 442)
OUTLINE_ID = "pain-map-outline"

BODY_OUTLINE: tuple[Shape, ...] = (
    ("e", 100, 44, 19, 23),
    ("e", 81.5, 46, 4, 7),
    ("p", "M90 60H110L112 94H88Z"),
    ("p", "M72 86H128Q150 88 151 110L142 160Q137 188 141 218H59Q63 188 58 160L49 110Q50 88 72 86Z"),
    ("c", 58, 100, 45, 170, 12, 10),
    ("c", 45, 170, 37, 234, 10, 7.5),
    ("e", 35, 250, 8, 15, 8),
    ("c", 84, 212, 83, 308, 18, 12),
    ("c", 83, 308, 85, 392, 12, 7),
    ("e", 84, 404, 8, 13),
)

BODY_SHAPES: dict[str, tuple[str, tuple[Shape, ...]]] = {
    # Head and neck
    "temple": ("front", (("e", 85, 36, 4.5, 7),)),
    "forehead": ("front", (("e", 100, 29, 11, 5),)),
    "around-eye": ("front", (("e", 92.5, 42, 5, 3.5),)),
    "cheek": ("front", (("e", 89, 52, 4.5, 5),)),
    "jaw-teeth": ("front", (("e", 93, 61, 6, 3.5, 25),)),
    "ear": ("front", (("e", 81.5, 46, 4, 7),)),
    "top-of-head": ("back", (("e", 100, 25, 13, 5),)),
    "back-of-head": ("back", (("e", 100, 46, 14, 10),)),
    "side-of-neck": ("front", (("e", 93, 77, 3.5, 11, -8),)),
    "back-of-neck": ("back", (("e", 100, 78, 8, 11),)),
    # Shoulder and arm
    "top-of-shoulder": ("back", (("e", 78, 92, 17, 6, 12),)),
    "front-of-shoulder": ("front", (("e", 70, 104, 7, 9),)),
    "outside-of-shoulder": ("front", (("e", 53, 105, 6, 11, 10),)),
    "back-of-shoulder": ("back", (("e", 56, 110, 7, 11, 10),)),
    "outside-upper-arm": ("front", (("c", 49, 122, 41, 162, 5, 5),)),
    "outside-elbow": ("front", (("e", 37, 173, 6, 7),)),
    "forearm": ("front", (("c", 44, 186, 39, 226, 6, 5),)),
    "thumb-side-hand": ("front", (("e", 30, 250, 4, 9, 8),)),
    # Back and hip
    "shoulder-blade": ("back", (("e", 80, 122, 13, 18, 8),)),
    "between-shoulder-blades": ("back", (("e", 100, 124, 5, 20),)),
    "low-back": ("back", (("e", 100, 183, 26, 12),)),
    "buttock": ("back", (("e", 85, 222, 15, 14),)),
    "outside-hip": ("front", (("e", 63, 206, 6, 12),)),
    "groin": ("front", (("e", 91, 222, 7, 4.5, 40),)),
    # Leg and foot
    "back-of-thigh": ("back", (("c", 84, 245, 83, 290, 11, 9),)),
    "outside-thigh": ("front", (("c", 71, 236, 74, 290, 5, 5),)),
    "knee": ("front", (("e", 83, 308, 9, 10),)),
    "back-of-knee": ("back", (("e", 83, 309, 8, 6),)),
    "outside-lower-leg": ("front", (("c", 74, 326, 79, 380, 4.5, 3.5),)),
    "calf": ("back", (("c", 83, 324, 84, 366, 9.5, 7),)),
    "arch-of-foot": ("back", (("e", 84, 406, 4.5, 8),)),
}


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _ellipse_path(cx: float, cy: float, rx: float, ry: float, angle: float = 0) -> str:
    import math

    theta = math.radians(angle)
    dx, dy = rx * math.cos(theta), rx * math.sin(theta)
    x1, y1, x2, y2 = cx - dx, cy - dy, cx + dx, cy + dy
    arc = f"A{_num(rx)} {_num(ry)} {_num(angle)} 1 0"
    return f"M{_num(x1)} {_num(y1)}{arc} {_num(x2)} {_num(y2)}{arc} {_num(x1)} {_num(y1)}Z"


def _capsule_path(x1: float, y1: float, x2: float, y2: float, r1: float, r2: float) -> str:
    import math

    length = math.hypot(x2 - x1, y2 - y1)
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    a = (x1 + nx * r1, y1 + ny * r1)
    b = (x2 + nx * r2, y2 + ny * r2)
    c = (x2 - nx * r2, y2 - ny * r2)
    d = (x1 - nx * r1, y1 - ny * r1)

    def pt(p: tuple[float, float]) -> str:
        return f"{_num(p[0])} {_num(p[1])}"

    return (
        f"M{pt(a)}L{pt(b)}A{_num(r2)} {_num(r2)} 0 0 0 {pt(c)}"
        f"L{pt(d)}A{_num(r1)} {_num(r1)} 0 0 0 {pt(a)}Z"
    )


def _shape_path(shape: Shape, offset: float, mirror: bool) -> str:
    kind, *args = shape
    if kind == "p":
        if mirror or offset:
            raise ValueError("free paths are only used once, unmoved, in the outline")
        return str(args[0])
    nums = [float(a) for a in args]  # type: ignore[arg-type]

    def x(value: float) -> float:
        return (2 * CENTRE_X - value if mirror else value) + offset

    if kind == "e":
        cx, cy, rx, ry, *rest = nums
        angle = rest[0] if rest else 0.0
        return _ellipse_path(x(cx), cy, rx, ry, -angle if mirror else angle)
    x1, y1, x2, y2, r1, r2 = nums
    if mirror:
        return _capsule_path(x(x2), y2, x(x1), y1, r2, r1)
    return _capsule_path(x(x1), y1, x(x2), y2, r1, r2)


def _both_sides(shapes: Iterable[Shape], offset: float) -> str:
    parts: list[str] = []
    for shape in shapes:
        parts.append(_shape_path(shape, offset, mirror=False))
        if shape[0] != "p" and float(shape[1]) != CENTRE_X:  # type: ignore[arg-type]
            parts.append(_shape_path(shape, offset, mirror=True))
    return "".join(parts)


def render_body_svg(patterns: ReferralPatterns, ui: Interface) -> str:
    """The decorative body map. Each region is a `<path data-region="<id>">` (pain-map.js and
    site.css find it by that attribute alone; an id and a class as well cost about 170 gzipped
    bytes on the Spanish Referred pain page). The outline is drawn once, in <defs>, and shown
    four times (`<use>`): a thick line underneath and a fill on top, front and back."""
    # One path per body part: overlapping parts in a single path could leave holes.
    outline = "".join(f'<path d="{_both_sides((shape,), 0)}"/>' for shape in BODY_OUTLINE)
    regions = []
    for region in patterns.regions:
        view, shapes = BODY_SHAPES[region.id]
        offset = BACK_OFFSET if view == "back" else 0
        regions.append(f'<path data-region="{region.id}" d="{_both_sides(shapes, offset)}"/>')
    x0, y0, width, height = VIEWBOX
    return (
        f'<svg class="pain-map__svg" viewBox="{x0} {y0} {width} {height}" '
        'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false">'
        "<defs>"
        '<pattern id="pain-map-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="pain-map__felt-bg" width="6" height="6"/>'
        '<rect class="pain-map__felt-fg" width="2.5" height="6"/></pattern>'
        '<pattern id="pain-map-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect class="pain-map__trigger-bg" width="5" height="5"/>'
        '<circle class="pain-map__trigger-fg" cx="2.5" cy="2.5" r="1.5"/></pattern>'
        f'<g id="{OUTLINE_ID}">{outline}</g>'
        "</defs>"
        # A thick outline underneath and a plain fill on top: one clean silhouette per view.
        f'<use href="#{OUTLINE_ID}" class="pain-map__body-line"/>'
        f'<use href="#{OUTLINE_ID}" class="pain-map__body-line" x="{BACK_OFFSET}"/>'
        f'<use href="#{OUTLINE_ID}" class="pain-map__body"/>'
        f'<use href="#{OUTLINE_ID}" class="pain-map__body" x="{BACK_OFFSET}"/>'
        # A friendly face on the front view, and the spine on the back view.
        '<path class="pain-map__face" d="M93 40.5v3M107 40.5v3M94 53Q100 58 106 53"/>'
        f'<path class="pain-map__spine" d="M{CENTRE_X + BACK_OFFSET} 96V200"/>'
        f'<text class="pain-map__view-label" x="{CENTRE_X}" y="{height - 4}">'
        f"{escape(ui.t('map_view_front'))}</text>"
        f'<text class="pain-map__view-label" x="{CENTRE_X + BACK_OFFSET}" y="{height - 4}">'
        f"{escape(ui.t('map_view_back'))}</text>" + "".join(regions) + "</svg>"
    )
