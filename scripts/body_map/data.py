"""The body map's data: load and check `docs/data/referral_patterns.yml`.

`load_patterns(text)` turns the YAML into `ReferralPatterns` plus a list of `Problem`s
(file, line, what is wrong, how to fix it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.body_map.svg import BODY_SHAPES
from scripts.problems import Problem
from scripts.readers.data_files import load_data_file
from scripts.readers.yaml_lines import compose_yaml, duplicate_keys, mapping_fields, node_line

DATA_PATH = "docs/data/referral_patterns.yml"

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
# What patients read: each in every language (`label: {en: Temple, es: Sien}`); ids, areas,
# regions and sources are shared, so the languages cannot drift apart.
TEXT_FIELDS = ("label", "name", "plain_name", "people_notice", "note")
LANGUAGES = {"en": "English", "es": "Spanish"}
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

    def itemmapping_fields(
        self, item: yaml.Node, kind: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The fields of one list item, after reporting missing, empty and unknown fields."""
        if not isinstance(item, yaml.MappingNode):
            self.add(
                node_line(item),
                f"Each {kind} must be a block of fields starting with '- id:'. "
                f"Copy the layout of another {kind} in this file.",
            )
            return None
        fields = mapping_fields(item)
        name = _text(fields["id"][1]) if "id" in fields else ""
        who = f"{kind.capitalize()} '{name}'" if name else f"This {kind}"
        for field in required:
            if field not in fields:
                example = "[region-id, another-region-id]" if field == "refers_to" else "..."
                self.add(
                    node_line(item),
                    f"{who} is missing the field '{field}'. Add a line '{field}: {example}' "
                    f"to it, lined up with '{next(iter(fields), 'id')}'.",
                )
            elif field != "refers_to" and not _text(fields[field][1]):
                self.add(
                    node_line(fields[field][0]),
                    f"{who} has an empty '{field}'. Write a value after '{field}:' "
                    "(one line of text), or copy it from another entry.",
                )
        for field, (key, _) in fields.items():
            if field not in required and field not in optional:
                allowed = ", ".join(required + optional)
                self.add(
                    node_line(key),
                    f"{who} has an unknown field '{field}'.{_suggest(field, required + optional)} "
                    f"Use only these fields: {allowed}.",
                )
        return fields

    def check_id(self, key: yaml.Node, value: str, kind: str, seen: dict[str, int]) -> bool:
        if not ID_PATTERN.fullmatch(value):
            suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "upper-trapezius"
            self.add(
                node_line(key),
                f"The {kind} id '{value}' is not allowed. Use lower-case words joined by hyphens, "
                f"for example '{suggestion}'.",
            )
            return False
        if value in seen:
            self.add(
                node_line(key),
                f"Duplicate {kind} id '{value}' (already used on line {seen[value]}). "
                f"Give each {kind} its own id, or delete the repeated one.",
            )
            return False
        seen[value] = node_line(key)
        return True


def _top_list(root: yaml.MappingNode, key: str, checker: _Checker) -> list[yaml.Node]:
    fields = mapping_fields(root)
    if key not in fields:
        checker.add(
            node_line(root),
            f"The '{key}:' list is missing. Add a line '{key}:' at the left edge, "
            f"followed by the {key}, each starting with '- id:'.",
        )
        return []
    key_node, value = fields[key]
    if not isinstance(value, yaml.SequenceNode):
        checker.add(
            node_line(key_node),
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
        fields = checker.itemmapping_fields(item, "region", REGION_FIELDS)
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
                node_line(fields["area"][1]),
                f"Region '{region_id}' has an unknown area '{area}'.{_suggest(area, AREAS)} "
                f"Use one of: {', '.join(AREAS)}.",
            )
            ok = False
        if region_id not in drawn:
            checker.add(
                node_line(id_key),
                f"Region '{region_id}' has no shape on the body map.{_suggest(region_id, drawn)} "
                "Use a region id that is already drawn (see scripts/body_map/svg.py, BODY_SHAPES), "
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
            node_line(node), f"{who}: each entry in '{field}' must be one region id, like 'temple'."
        )
        return None
    checker.add(
        node_line(node),
        f"{who} uses an unknown region id '{value}' in '{field}'.{_suggest(value, known)} "
        "Use an id from the 'regions:' list at the top of this file, or add that region there first.",
    )
    return None


def _load_muscles(nodes: list[yaml.Node], checker: _Checker, known: set[str]) -> list[Muscle]:
    muscles: list[Muscle] = []
    seen: dict[str, int] = {}
    for item in nodes:
        fields = checker.itemmapping_fields(item, "muscle", MUSCLE_FIELDS, OPTIONAL_MUSCLE_FIELDS)
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
                    node_line(refers_key),
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
                        node_line(entry),
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


def _pick_language(root: yaml.MappingNode, checker: _Checker, language: str) -> None:
    """Each text field's words in `language`, in place of its `{en: …, es: …}` block; a block
    without every language is a problem (the build then goes on with the words it has)."""
    for key in ("regions", "muscles"):
        items = mapping_fields(root).get(key, (None, None))[1]
        for item in items.value if isinstance(items, yaml.SequenceNode) else []:
            if not isinstance(item, yaml.MappingNode):
                continue
            for index, (field_key, value) in enumerate(item.value):
                if field_key.value not in TEXT_FIELDS:
                    continue
                words = mapping_fields(value) if isinstance(value, yaml.MappingNode) else {}
                if not words:
                    checker.add(
                        node_line(field_key),
                        f"'{field_key.value}' needs its words in each language, on two lines "
                        f"under it: '  en: …' and '  es: …' (copy the layout of another entry).",
                    )
                    continue
                for code, name in LANGUAGES.items():
                    if not (code in words and _text(words[code][1])):
                        checker.add(
                            node_line(field_key),
                            f"'{field_key.value}' has no {name} words. Add a line '  {code}: …' "
                            "under it, lined up with the other language.",
                        )
                chosen = next(
                    (
                        words[c][1]
                        for c in (language, "en", "es")
                        if c in words and _text(words[c][1])
                    ),
                    value,
                )
                item.value[index] = (field_key, chosen)


def load_patterns(
    text: str, path: str = DATA_PATH, language: str = "en"
) -> tuple[ReferralPatterns, list[Problem]]:
    """Parse and check the data file, with its words in `language`. Problems name `path:line`
    and say how to fix them."""
    checker = _Checker(path)
    empty = ReferralPatterns((), ())
    try:
        root = compose_yaml(text)
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
            1 if root is None else node_line(root),
            "The file must have a 'regions:' list and a 'muscles:' list. "
            "Restore it from the last version that worked.",
        )
        return empty, checker.problems
    _pick_language(root, checker, language)
    regions, region_ids = _load_regions(
        _top_list(root, "regions", checker), checker, set(BODY_SHAPES)
    )
    muscles = _load_muscles(_top_list(root, "muscles", checker), checker, region_ids)
    valid = {r.id for r in regions}
    muscles = [m for m in muscles if m.trigger_point in valid and set(m.refers_to) <= valid]
    return ReferralPatterns(tuple(regions), tuple(muscles)), checker.problems


def load_patterns_file(
    docs_dir: Path, language: str = "en"
) -> tuple[ReferralPatterns, list[Problem]]:
    """Read `data/referral_patterns.yml` under the docs folder, with its words in `language`."""
    return load_data_file(
        docs_dir,
        "referral_patterns.yml",
        "The referral patterns file",
        lambda text, path: load_patterns(text, path, language),
        ReferralPatterns((), ()),
    )
