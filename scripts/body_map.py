"""The referred-pain explorer: load and check `docs/data/referral_patterns.yml`, then render it.

`load_patterns(text)` turns the YAML into `ReferralPatterns` plus a list of `Problem`s
(file, line, what is wrong, how to fix it). `render_body_map(...)` returns the HTML
that replaces the `<!-- pain-map -->` marker: the body map (SVG drawn here), the
"Where do you feel pain?" form and the two tables that work without JavaScript.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from scripts.clinic import Clinic
from scripts.markers import MARKERS
from scripts.problems import Problem
from scripts.yaml_lines import duplicate_keys

DATA_PATH = "docs/data/referral_patterns.yml"
SCRIPT = "assets/javascripts/pain-map.js"  # loaded only on pages that show the explorer

AREAS: dict[str, str] = {
    "head-neck": "Head and neck",
    "shoulder-arm": "Shoulder and arm",
    "back-hip": "Back and hip",
    "leg-foot": "Leg and foot",
}
REGION_FIELDS = ("id", "label", "area")
MUSCLE_FIELDS = (
    "id",
    "name",
    "plain_name",
    "trigger_point",
    "refers_to",
    "people_notice",
    "source",
)
OPTIONAL_MUSCLE_FIELDS = ("note",)
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Region:
    id: str
    label: str
    area: str


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    plain_name: str
    trigger_point: str
    refers_to: tuple[str, ...]
    people_notice: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class ReferralPatterns:
    regions: tuple[Region, ...]
    muscles: tuple[Muscle, ...]

    def label(self, region_id: str) -> str:
        return next((r.label for r in self.regions if r.id == region_id), region_id)

    def muscles_referring_to(self, region_id: str) -> list[Muscle]:
        return [m for m in self.muscles if region_id in m.refers_to]

    def muscles_with_trigger_points_at(self, region_id: str) -> list[Muscle]:
        return [m for m in self.muscles if m.trigger_point == region_id]

    def sources(self) -> list[str]:
        return list(dict.fromkeys(m.source for m in self.muscles))


# ---------------------------------------------------------------------------
# Loading and checking the data file
# ---------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _fields(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Key name -> (key node, value node)."""
    return {
        str(key.value): (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _text(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _suggest(wrong: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1)
    return f" Did you mean '{close[0]}'?" if close else ""


class _Checker:
    """Collects problems while turning YAML nodes into regions and muscles."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def item_fields(
        self, item: yaml.Node, kind: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The fields of one list item, after reporting missing, empty and unknown fields."""
        if not isinstance(item, yaml.MappingNode):
            self.add(
                _line(item),
                f"Each {kind} must be a block of fields starting with '- id:'. "
                f"Copy the layout of another {kind} in this file.",
            )
            return None
        fields = _fields(item)
        name = _text(fields["id"][1]) if "id" in fields else ""
        who = f"{kind.capitalize()} '{name}'" if name else f"This {kind}"
        for field in required:
            if field not in fields:
                example = "[region-id, another-region-id]" if field == "refers_to" else "..."
                self.add(
                    _line(item),
                    f"{who} is missing the field '{field}'. Add a line '{field}: {example}' "
                    f"to it, lined up with '{next(iter(fields), 'id')}'.",
                )
            elif field != "refers_to" and not _text(fields[field][1]):
                self.add(
                    _line(fields[field][0]),
                    f"{who} has an empty '{field}'. Write a value after '{field}:' "
                    "(one line of text), or copy it from another entry.",
                )
        for field, (key, _) in fields.items():
            if field not in required and field not in optional:
                allowed = ", ".join(required + optional)
                self.add(
                    _line(key),
                    f"{who} has an unknown field '{field}'.{_suggest(field, required + optional)} "
                    f"Use only these fields: {allowed}.",
                )
        return fields

    def check_id(self, key: yaml.Node, value: str, kind: str, seen: dict[str, int]) -> bool:
        if not ID_PATTERN.fullmatch(value):
            suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "upper-trapezius"
            self.add(
                _line(key),
                f"The {kind} id '{value}' is not allowed. Use lower-case words joined by hyphens, "
                f"for example '{suggestion}'.",
            )
            return False
        if value in seen:
            self.add(
                _line(key),
                f"Duplicate {kind} id '{value}' (already used on line {seen[value]}). "
                f"Give each {kind} its own id, or delete the repeated one.",
            )
            return False
        seen[value] = _line(key)
        return True


def _top_list(root: yaml.MappingNode, key: str, checker: _Checker) -> list[yaml.Node]:
    fields = _fields(root)
    if key not in fields:
        checker.add(
            _line(root),
            f"The '{key}:' list is missing. Add a line '{key}:' at the left edge, "
            f"followed by the {key}, each starting with '- id:'.",
        )
        return []
    key_node, value = fields[key]
    if not isinstance(value, yaml.SequenceNode):
        checker.add(
            _line(key_node),
            f"'{key}:' must be a list: put each entry on its own lines starting with '- id:', "
            "indented under it.",
        )
        return []
    return list(value.value)


def _load_regions(
    nodes: list[yaml.Node], checker: _Checker, drawn: set[str]
) -> tuple[list[Region], set[str]]:
    """The valid regions, and every id given (so one bad region does not also flag its muscles)."""
    regions: list[Region] = []
    seen: dict[str, int] = {}
    for item in nodes:
        fields = checker.item_fields(item, "region", REGION_FIELDS)
        if fields is None or "id" not in fields:
            continue
        id_key, id_node = fields["id"]
        region_id = _text(id_node)
        if not checker.check_id(id_key, region_id, "region", seen):
            continue
        ok = all(f in fields and _text(fields[f][1]) for f in REGION_FIELDS)
        if "area" in fields and _text(fields["area"][1]) and _text(fields["area"][1]) not in AREAS:
            area = _text(fields["area"][1])
            checker.add(
                _line(fields["area"][1]),
                f"Region '{region_id}' has an unknown area '{area}'.{_suggest(area, AREAS)} "
                f"Use one of: {', '.join(AREAS)}.",
            )
            ok = False
        if region_id not in drawn:
            checker.add(
                _line(id_key),
                f"Region '{region_id}' has no shape on the body map.{_suggest(region_id, drawn)} "
                "Use a region id that is already drawn (see scripts/body_map.py, BODY_SHAPES), "
                "or ask a developer to draw the new region first.",
            )
            ok = False
        if ok:
            regions.append(Region(region_id, _text(fields["label"][1]), _text(fields["area"][1])))
    return regions, set(seen)


def _region_ref(
    node: yaml.Node, field: str, who: str, known: set[str], checker: _Checker
) -> str | None:
    value = _text(node)
    if value in known:
        return value
    if not isinstance(node, yaml.ScalarNode):
        checker.add(
            _line(node), f"{who}: each entry in '{field}' must be one region id, like 'temple'."
        )
        return None
    checker.add(
        _line(node),
        f"{who} uses an unknown region id '{value}' in '{field}'.{_suggest(value, known)} "
        "Use an id from the 'regions:' list at the top of this file, or add that region there first.",
    )
    return None


def _load_muscles(nodes: list[yaml.Node], checker: _Checker, known: set[str]) -> list[Muscle]:
    muscles: list[Muscle] = []
    seen: dict[str, int] = {}
    for item in nodes:
        fields = checker.item_fields(item, "muscle", MUSCLE_FIELDS, OPTIONAL_MUSCLE_FIELDS)
        if fields is None or "id" not in fields:
            continue
        id_key, id_node = fields["id"]
        muscle_id = _text(id_node)
        if not checker.check_id(id_key, muscle_id, "muscle", seen):
            continue
        who = f"Muscle '{muscle_id}'"
        ok = all(f in fields for f in MUSCLE_FIELDS)
        ok = ok and all(_text(fields[f][1]) for f in MUSCLE_FIELDS if f != "refers_to")
        trigger = None
        if "trigger_point" in fields and _text(fields["trigger_point"][1]):
            trigger = _region_ref(fields["trigger_point"][1], "trigger_point", who, known, checker)
        refers: list[str] = []
        if "refers_to" in fields:
            refers_key, refers_node = fields["refers_to"]
            entries: list[yaml.Node]
            if isinstance(refers_node, yaml.SequenceNode):
                entries = list(refers_node.value)
            elif _text(refers_node):
                entries = [refers_node]
            else:
                entries = []
            if not entries:
                checker.add(
                    _line(refers_key),
                    f"{who} has no referral region: 'refers_to' is empty. List at least one "
                    "region id where pain is often felt, for example 'refers_to: [temple]'.",
                )
                ok = False
            for entry in entries:
                region_id = _region_ref(entry, "refers_to", who, known, checker)
                if region_id is None:
                    ok = False
                elif region_id in refers:
                    checker.add(
                        _line(entry),
                        f"{who} lists region '{region_id}' twice in 'refers_to'. Delete one of them.",
                    )
                else:
                    refers.append(region_id)
        if ok and trigger is not None:
            muscles.append(
                Muscle(
                    id=muscle_id,
                    name=_text(fields["name"][1]),
                    plain_name=_text(fields["plain_name"][1]),
                    trigger_point=trigger,
                    refers_to=tuple(refers),
                    people_notice=_text(fields["people_notice"][1]),
                    source=_text(fields["source"][1]),
                    note=_text(fields["note"][1]) if "note" in fields else "",
                )
            )
    return muscles


def load_patterns(text: str, path: str = DATA_PATH) -> tuple[ReferralPatterns, list[Problem]]:
    """Parse and check the data file. Problems name `path:line` and say how to fix them."""
    checker = _Checker(path)
    empty = ReferralPatterns((), ())
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        what = error.problem or "this is not valid YAML"
        checker.add(
            line,
            f"The file cannot be read ({what}). Check the lines around here: keep each '- id:' "
            "lined up with the others, indent with spaces (not tabs), and put text that contains "
            "a colon (:) or starts with a quote in double quotes.",
        )
        return empty, checker.problems
    except yaml.YAMLError as error:
        checker.add(1, f"The file cannot be read ({error}). Undo your last change and try again.")
        return empty, checker.problems
    for key, line, first in duplicate_keys(text):
        checker.add(
            line,
            f"'{key}:' appears twice here (also on line {first}), so the first one is ignored. "
            f"Keep one '{key}:' line and put everything under it.",
        )
    if not isinstance(root, yaml.MappingNode):
        checker.add(
            1 if root is None else _line(root),
            "The file must have a 'regions:' list and a 'muscles:' list. "
            "Restore it from the last version that worked.",
        )
        return empty, checker.problems
    regions, region_ids = _load_regions(
        _top_list(root, "regions", checker), checker, set(BODY_SHAPES)
    )
    muscles = _load_muscles(_top_list(root, "muscles", checker), checker, region_ids)
    valid = {r.id for r in regions}
    muscles = [m for m in muscles if m.trigger_point in valid and set(m.refers_to) <= valid]
    return ReferralPatterns(tuple(regions), tuple(muscles)), checker.problems


def load_patterns_file(docs_dir: Path) -> tuple[ReferralPatterns, list[Problem]]:
    """Read `data/referral_patterns.yml` under the docs folder."""
    path = docs_dir / "data" / "referral_patterns.yml"
    display = f"{docs_dir.name}/data/referral_patterns.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ReferralPatterns((), ()), [
            Problem(
                display,
                1,
                "The referral patterns file is missing. Restore it from the last version that worked.",
            )
        ]
    return load_patterns(text, display)


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


def render_body_svg(patterns: ReferralPatterns) -> str:
    """The decorative body map. Each region is a `<path>` with id `pain-region-<id>`."""
    # One path per body part: overlapping parts in a single path could leave holes.
    outline = "".join(f'<path d="{_both_sides((shape,), 0)}"/>' for shape in BODY_OUTLINE)
    regions = []
    for region in patterns.regions:
        view, shapes = BODY_SHAPES[region.id]
        offset = BACK_OFFSET if view == "back" else 0
        regions.append(
            f'<path id="pain-region-{region.id}" class="pain-map__region" '
            f'data-region="{region.id}" d="{_both_sides(shapes, offset)}"/>'
        )
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
        "</defs>"
        # A thick outline underneath and a plain fill on top: one clean silhouette per view.
        f'<g class="pain-map__body-line">{outline}</g>'
        f'<g class="pain-map__body-line" transform="translate({BACK_OFFSET})">{outline}</g>'
        f'<g class="pain-map__body">{outline}</g>'
        f'<g class="pain-map__body" transform="translate({BACK_OFFSET})">{outline}</g>'
        # A friendly face on the front view, and the spine on the back view.
        '<path class="pain-map__face" d="M93 40.5v3M107 40.5v3M94 53Q100 58 106 53"/>'
        f'<path class="pain-map__spine" d="M{CENTRE_X + BACK_OFFSET} 96V200"/>'
        f'<text class="pain-map__view-label" x="{CENTRE_X}" y="{height - 4}">Front</text>'
        f'<text class="pain-map__view-label" x="{CENTRE_X + BACK_OFFSET}" y="{height - 4}">Back</text>'
        + "".join(regions)
        + "</svg>"
    )


# ---------------------------------------------------------------------------
# The form, the results and the two tables
# ---------------------------------------------------------------------------


def _join(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _where_sentence(patterns: ReferralPatterns, muscle: Muscle) -> str:
    felt = _join([patterns.label(r).lower() for r in muscle.refers_to])
    return f"Pain is often felt: {felt}."


def _muscle_item(patterns: ReferralPatterns, muscle: Muscle) -> str:
    e = escape
    note = f'<p class="pain-map__note">{e(muscle.note)}</p>' if muscle.note else ""
    trigger = patterns.label(muscle.trigger_point).lower()
    return (
        f'<li class="pain-map__muscle" data-muscle="{muscle.id}" data-trigger="{muscle.trigger_point}" '
        f'data-refers="{" ".join(muscle.refers_to)}" data-name="{e(muscle.name.lower())}" hidden>'
        f"<h3>{e(muscle.name)}</h3>"
        f"<p>{e(muscle.plain_name[:1].upper() + muscle.plain_name[1:])}.</p>"
        f"<p><strong>People often notice:</strong> {e(muscle.people_notice)}</p>"
        f"<p>Trigger points are often here: {e(trigger)}. {e(_where_sentence(patterns, muscle))}</p>"
        f"{note}"
        f'<button type="button" class="pain-map__show md-button" aria-pressed="false" '
        f'data-show="{muscle.id}">Show {e(muscle.name.lower())} on the map</button>'
        "</li>"
    )


def _region_checkbox(region: Region) -> str:
    return (
        f'<label class="pain-map__choice"><input type="checkbox" name="region" value="{region.id}">'
        f" <span>{escape(region.label)}</span></label>"
    )


def render_form(patterns: ReferralPatterns, clinic: Clinic) -> str:
    """The explorer. It starts hidden; pain-map.js shows it, so without JavaScript only the tables show."""
    fieldsets = []
    for area, legend in AREAS.items():
        regions = [r for r in patterns.regions if r.area == area]
        if regions:
            fieldsets.append(
                f'<fieldset class="pain-map__group"><legend>{legend}</legend>'
                + "".join(_region_checkbox(r) for r in regions)
                + "</fieldset>"
            )
    items = "".join(_muscle_item(patterns, m) for m in patterns.muscles)
    return (
        '<form class="pain-map" id="pain-map" aria-labelledby="pain-map-title" hidden>'
        '<h2 id="pain-map-title">Where do you feel pain?</h2>'
        '<p class="pain-map__intro">Tick each place that hurts. '
        "You will see the muscles that may send pain there.</p>"
        + "".join(fieldsets)
        + '<p class="pain-map__actions">'
        '<a class="pain-map__jump md-button md-button--primary" href="#pain-map-output" hidden>'
        "See the muscles</a>"
        '<button type="reset" class="pain-map__reset md-button">Clear</button></p>'
        '<div class="pain-map__output" id="pain-map-output" tabindex="-1">'
        '<figure class="pain-map__figure">'
        + render_body_svg(patterns)
        + '<figcaption class="pain-map__legend">'
        '<span class="pain-map__key"><svg aria-hidden="true" focusable="false" viewBox="0 0 20 20">'
        '<rect class="pain-map__swatch pain-map__swatch--felt" x="1" y="1" width="18" height="18"/></svg>'
        "Stripes: where pain is felt</span>"
        '<span class="pain-map__key"><svg aria-hidden="true" focusable="false" viewBox="0 0 20 20">'
        '<rect class="pain-map__swatch pain-map__swatch--trigger" x="1" y="1" width="18" height="18"/></svg>'
        "Dots: where the trigger points often are</span>"
        '<span class="pain-map__showing"></span>'
        "</figcaption></figure>"
        '<div class="pain-map__results" aria-live="polite">'
        '<p class="pain-map__summary">Tick a place that hurts to see the muscles that may cause it.</p>'
        f'<ul class="pain-map__list">{items}</ul>'
        "</div></div>" + render_therapist_line(clinic) + "</form>"
    )


def _muscle_links(muscles: list[Muscle]) -> str:
    """Linked muscle names, each with its plain name, e.g. "Temporalis (the chewing muscle ...)"."""
    return "; ".join(
        f'<a href="#pain-muscle-{m.id}">{escape(m.name)}</a> ({escape(m.plain_name)})'
        for m in muscles
    )


def render_tables(patterns: ReferralPatterns) -> str:
    """The two tables that work without JavaScript; together they are the page's table of common patterns."""
    e = escape
    where_rows = []
    for region in patterns.regions:
        muscles = patterns.muscles_referring_to(region.id)
        local = [m for m in patterns.muscles_with_trigger_points_at(region.id) if m not in muscles]
        cell = (
            _muscle_links(muscles) if muscles else "No muscle in this guide often sends pain there."
        )
        if local:
            cell += f" Pain here can come from a knot right where it hurts: {_muscle_links(local)}."
        where_rows.append(f'<tr><th scope="row">{e(region.label)}</th><td>{cell}</td></tr>')
    muscle_rows = []
    for muscle in patterns.muscles:
        notice = e(muscle.people_notice) + (f" <em>{e(muscle.note)}</em>" if muscle.note else "")
        labels = [patterns.label(r) for r in muscle.refers_to]
        felt = e(_join(labels[:1] + [label.lower() for label in labels[1:]]))
        muscle_rows.append(
            f'<tr id="pain-muscle-{muscle.id}"><th scope="row"><strong>{e(muscle.name)}</strong>'
            f'<span class="pain-map__plain">{e(muscle.plain_name)}</span></th>'
            f'<td data-label="Trigger points">{e(patterns.label(muscle.trigger_point))}</td>'
            f'<td data-label="Pain is often felt">{felt}</td>'
            f'<td data-label="People often notice">{notice}</td></tr>'
        )
    sources = "; ".join(f"<cite>{e(s)}</cite>" for s in patterns.sources())
    return (
        '<div class="pain-map__tables">'
        '<h2 id="pain-map-patterns">Common patterns</h2>'
        "<p>Patterns vary from person to person. These are the common ones.</p>"
        '<div class="pain-map__table-wrap" role="region" aria-labelledby="pain-map-where-caption" tabindex="0">'
        '<table class="pain-map__table pain-map__table--where">'
        '<caption id="pain-map-where-caption">Where you feel it, and muscles that may send pain there</caption>'
        '<thead><tr><th scope="col">Where you feel pain</th><th scope="col">Muscles</th></tr></thead>'
        f"<tbody>{''.join(where_rows)}</tbody></table></div>"
        '<div class="pain-map__table-wrap" role="region" aria-labelledby="pain-map-muscle-caption" tabindex="0">'
        '<table class="pain-map__table pain-map__table--muscles">'
        '<caption id="pain-map-muscle-caption">Each muscle: where its trigger points often are, '
        "and where it often sends pain</caption>"
        '<thead><tr><th scope="col">Muscle</th><th scope="col">Trigger points</th>'
        '<th scope="col">Pain is often felt</th><th scope="col">People often notice</th></tr></thead>'
        f"<tbody>{''.join(muscle_rows)}</tbody></table></div>"
        f'<p class="pain-map__source">Source: {sources}</p>'
        "</div>"
    )


def render_guide_line(clinic: Clinic) -> str:
    link = f" {clinic.booking_link('Book a visit')}." if clinic.booking_url else ""
    return (
        '<p class="pain-map__guide"><strong>This is a guide, not a diagnosis.</strong> '
        f"Pain can have many causes. A physical therapist can find yours.{link}</p>"
    )


def render_therapist_line(clinic: Clinic) -> str:
    """After the results: only a therapist can tell, and how to reach one (values from mkdocs.yml)."""
    ways = []
    if clinic.phone:
        ways.append(f"call {clinic.phone_link()}")
    if clinic.booking_url:
        ways.append(clinic.booking_link("book a visit online"))
    reach = f" To find out, {' or '.join(ways)}." if ways else ""
    return (
        '<p class="pain-map__therapist">Only a physical therapist can tell if one of these is '
        f"causing your pain.{reach}</p>"
    )


def render_body_map(patterns: ReferralPatterns, clinic: Clinic) -> str:
    """Everything that replaces the `<!-- pain-map -->` marker."""
    return (
        '<div class="pain-map-explorer">'
        + render_guide_line(clinic)
        + render_form(patterns, clinic)
        + render_tables(patterns)
        + "</div>"
    )


def missing_marker_problems(
    pages_with_marker: int, page_path: str = "docs/referred-pain.md"
) -> list[Problem]:
    """A build in which no page shows the explorer has lost the marker line."""
    if pages_with_marker:
        return []
    return [
        Problem(
            page_path,
            1,
            f"No page shows the body map. Add the line {MARKERS['pain-map'].text} on its own line where the map "
            "should appear on the Referred pain page.",
        )
    ]
