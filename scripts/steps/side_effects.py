"""Side-effect figures: one data file (`docs/data/side_effects.yml`), checked, rendered everywhere.

`load_figures(text, path)` reads the file into `SideEffects` plus a list of `Problem`s
(file, line, what is wrong, how to fix it). `insert_figures(html, data)` replaces each
`<!-- side-effects: NAME -->` marker in a page's HTML with text made from the file, so
the safety page, the FAQ, the home page and the handout can never disagree.

A marker may name the page's source numbers for the two studies, for example
`<!-- side-effects: table brady-2014=1 boyce-2020=2 -->` adds "(source 1)" where the
text uses Brady 2014. The numbers are always also in the text, never only in a picture.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape
from pathlib import Path
from typing import Any

import yaml

from scripts import interface
from scripts.interface import Interface
from scripts.problems import Problem
from scripts.readers.data_files import load_data_file
from scripts.readers.yaml_lines import duplicate_keys, key_line, safe_load_yaml

DATA_PATH = "docs/data/side_effects.yml"
MARKER = re.compile(
    r"(?:<p>)?<!--\s*side-effects:\s*(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z0-9-]+=\d+)*)\s*-->(?:</p>)?"
)
STUDY_FIELDS = ("id", "citation", "size", "unit", "reported_by")
OPTIONAL_STUDY_FIELDS = ("url",)
FIGURE_FIELDS = ("id", "study", "label")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

BRADY, BOYCE = "brady-2014", "boyce-2020"
# The figures the pages need, and the study each must come from.
REQUIRED_FIGURES: dict[str, str] = {
    "brady-any-mild": BRADY,
    "brady-bruise": BRADY,
    "brady-bleeding": BRADY,
    "brady-pain-during": BRADY,
    "brady-pain-after": BRADY,
    "brady-flare-up": BRADY,
    "brady-drowsy": BRADY,
    "brady-headache": BRADY,
    "brady-nausea": BRADY,
    "brady-serious-upper-limit": BRADY,
    "boyce-any-minor": BOYCE,
    "boyce-bleeding": BOYCE,
    "boyce-major": BOYCE,
}
# Rows of the safety page's table, most common first: Brady 2014's mild side effects.
TABLE_ROWS = (
    "brady-bruise",
    "brady-bleeding",
    "brady-pain-during",
    "brady-pain-after",
    "brady-flare-up",
    "brady-drowsy",
    "brady-headache",
    "brady-nausea",
)
# Figures that count every mild side effect of a study: no single side effect can be more common.
TOTALS: dict[str, tuple[str, ...]] = {
    "brady-any-mild": TABLE_ROWS,
    "boyce-any-minor": ("boyce-bleeding",),
}


@dataclass(frozen=True)
class Study:
    id: str
    citation: str
    url: str
    size: int
    unit: str
    reported_by: str


@dataclass(frozen=True)
class Figure:
    id: str
    study: str
    label: str
    percent: Decimal  # as published, or worked out from `count`
    count: int | None = None


@dataclass(frozen=True)
class SideEffects:
    studies: dict[str, Study]
    figures: dict[str, Figure]

    def study(self, figure_id: str) -> Study:
        return self.studies[self.figures[figure_id].study]


EMPTY = SideEffects({}, {})


# --- Reading and checking the file ---


def _line(text: str, path: list[str | int]) -> int:
    return key_line(text, path)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value).strip().rstrip("%").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_fields(
    entry: Any,
    kind: str,
    index: int,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    text: str,
    section: str,
    display: str,
) -> list[Problem]:
    if not isinstance(entry, dict):
        return [
            Problem(
                display,
                _line(text, [section, index]),
                f"{kind} {index + 1} under '{section}:' is not a block of fields. "
                "Start it with '- id: ...' and put each field on its own line below, lined up with 'id:'.",
            )
        ]
    name = entry.get("id", f"number {index + 1}")
    problems = []
    for field in required:
        value = entry.get(field)
        if field not in entry or value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                Problem(
                    display,
                    _line(text, [section, index, field]),
                    f"{kind} '{name}' is missing the field '{field}'. "
                    f"Add a line '{field}: ...' to it, lined up with 'id:'.",
                )
            )
    for field in entry:
        if field not in required and field not in optional:
            allowed = ", ".join(required + optional)
            problems.append(
                Problem(
                    display,
                    _line(text, [section, index, str(field)]),
                    f"{kind} '{name}' has an unknown field '{field}'. "
                    f"Check its spelling; the fields are: {allowed}.",
                )
            )
    return problems


def _not_a_list(section: str, block: str, text: str, display: str) -> Problem:
    return Problem(
        display,
        _line(text, [section]),
        f"'{section}:' must be a list with one block per {block}, each starting with '- id:'. "
        "Restore it from the last version that worked.",
    )


def _load_studies(raw: Any, text: str, display: str) -> tuple[dict[str, Study], list[Problem]]:
    problems: list[Problem] = []
    studies: dict[str, Study] = {}
    if not isinstance(raw, list) or not raw:
        return {}, [_not_a_list("studies", "study", text, display)]
    for index, entry in enumerate(raw):
        found = _check_fields(
            entry, "Study", index, STUDY_FIELDS, OPTIONAL_STUDY_FIELDS, text, "studies", display
        )
        problems += found
        if found or not isinstance(entry, dict):
            continue
        study_id = str(entry["id"])
        size = _whole(entry["size"])
        if size is None or size <= 0:
            problems.append(
                Problem(
                    display,
                    _line(text, ["studies", index, "size"]),
                    f"Study '{study_id}' has size '{entry['size']}', which is not a whole number above 0. "
                    "Write how many treatments or sessions the study counted, with no commas, e.g. size: 7629",
                )
            )
            continue
        url = str(entry.get("url") or "")
        if url and not url.startswith("https://"):
            problems.append(
                Problem(
                    display,
                    _line(text, ["studies", index, "url"]),
                    f"Study '{study_id}' has url '{url}', which is not an https:// address. "
                    "Copy the full https:// address of the paper (for example https://doi.org/...), or delete the line.",
                )
            )
        if study_id in studies:
            problems.append(
                Problem(
                    display,
                    _line(text, ["studies", index, "id"]),
                    f"Duplicate study id '{study_id}'. Each study needs its own id: rename or delete this one.",
                )
            )
        studies[study_id] = Study(
            study_id,
            str(entry["citation"]),
            url,
            size,
            str(entry["unit"]),
            str(entry["reported_by"]),
        )
    return studies, problems


def _load_figure(
    entry: dict[str, Any],
    index: int,
    studies: dict[str, Study],
    text: str,
    display: str,
) -> tuple[Figure | None, list[Problem]]:
    figure_id = str(entry["id"])
    where: list[str | int] = ["figures", index]
    study = studies.get(str(entry["study"]))
    if study is None:
        known = ", ".join(sorted(studies)) or "none yet"
        return None, [
            Problem(
                display,
                _line(text, [*where, "study"]),
                f"Figure '{figure_id}' names an unknown study '{entry['study']}'. "
                f"Use a study id from the 'studies:' list at the top of this file ({known}).",
            )
        ]
    has_percent, has_count = "percent" in entry, "count" in entry
    if has_percent == has_count:
        return None, [
            Problem(
                display,
                _line(text, [*where, "percent" if has_percent else "id"]),
                f"Figure '{figure_id}' needs exactly one of 'percent' (as the paper gives it, e.g. 7.55) "
                "or 'count' (how many times it happened). "
                + ("Delete one of the two lines." if has_percent else "Add one of them."),
            )
        ]
    if has_count:
        count = _whole(entry["count"])
        if count is None or count < 0 or count > study.size:
            return None, [
                Problem(
                    display,
                    _line(text, [*where, "count"]),
                    f"Figure '{figure_id}' has count '{entry['count']}', which is not a whole number from 0 "
                    f"to {study.size} (the size of study '{study.id}'). Copy the count from the paper.",
                )
            ]
        percent = Decimal(count) * 100 / Decimal(study.size)
        return Figure(figure_id, study.id, str(entry["label"]), percent, count), []
    percent_value = _number(entry["percent"])
    if percent_value is None or not Decimal(0) <= percent_value <= Decimal(100):
        return None, [
            Problem(
                display,
                _line(text, [*where, "percent"]),
                f"Figure '{figure_id}' has percent '{entry['percent']}', which is not a number from 0 to 100. "
                "Copy the percentage from the paper, without the % sign, e.g. percent: 7.55",
            )
        ]
    return Figure(figure_id, study.id, str(entry["label"]), percent_value), []


def load_figures(text: str, display: str = DATA_PATH) -> tuple[SideEffects, list[Problem]]:
    """Read and check the figures file. Any problem is reported; good entries are still used."""
    try:
        raw = safe_load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return EMPTY, [
            Problem(
                display,
                line,
                "The file cannot be read. Check the lines around this one: indent with spaces (not tabs), "
                "keep each '- id:' lined up with the others, and put text with a colon inside double quotes.",
            )
        ]
    problems = [
        Problem(
            display,
            line,
            f"'{key}:' appears twice here (also on line {first}), so the first one is ignored. Keep one line.",
        )
        for key, line, first in duplicate_keys(text)
    ]
    if not isinstance(raw, dict):
        return EMPTY, [
            *problems,
            Problem(
                display,
                1,
                "The file must have a 'studies:' list and a 'figures:' list. Restore it from the last version that worked.",
            ),
        ]
    studies, found = _load_studies(raw.get("studies"), text, display)
    problems += found
    figures: dict[str, Figure] = {}
    raw_figures = raw.get("figures")
    if not isinstance(raw_figures, list):
        raw_figures = []
        problems.append(_not_a_list("figures", "number", text, display))
    for index, entry in enumerate(raw_figures):
        found = _check_fields(
            entry, "Figure", index, FIGURE_FIELDS, ("percent", "count"), text, "figures", display
        )
        problems += found
        if found or not isinstance(entry, dict):
            continue
        figure, found = _load_figure(entry, index, studies, text, display)
        problems += found
        if figure is None:
            continue
        if figure.id in figures:
            problems.append(
                Problem(
                    display,
                    _line(text, ["figures", index, "id"]),
                    f"Duplicate figure id '{figure.id}'. Each figure needs its own id: rename or delete this one.",
                )
            )
        figures[figure.id] = figure
    for figure_id, study_id in REQUIRED_FIGURES.items():
        figure = figures.get(figure_id)
        if figure is None:
            if any(isinstance(e, dict) and e.get("id") == figure_id for e in raw_figures):
                continue  # reported above, with its own line
            problems.append(
                Problem(
                    display,
                    _line(text, ["figures"]),
                    f"The figure '{figure_id}' is missing, but the pages need it. "
                    f"Add a block '- id: {figure_id}' under 'figures:' with its study ({study_id}), "
                    "label and percent, copied from the paper.",
                )
            )
        elif figure.study != study_id:
            index = _index_of(raw_figures, figure_id)
            problems.append(
                Problem(
                    display,
                    _line(text, ["figures", index, "study"]),
                    f"Figure '{figure_id}' must come from study '{study_id}', not '{figure.study}'. "
                    f"Set study: {study_id}",
                )
            )
    problems += _check_totals(figures, raw_figures, text, display)
    return SideEffects(studies, figures), problems


def _index_of(raw_figures: list[Any], figure_id: str) -> int:
    """Where the figure with this id is in the file's list (for its line number)."""
    return next(
        i for i, e in enumerate(raw_figures) if isinstance(e, dict) and e.get("id") == figure_id
    )


def _check_totals(
    figures: dict[str, Figure], raw_figures: list[Any], text: str, display: str
) -> list[Problem]:
    """A single side effect more common than 'any side effect' is a typing mistake."""
    problems = []
    for total_id, part_ids in TOTALS.items():
        total = figures.get(total_id)
        for part_id in part_ids:
            part = figures.get(part_id)
            if total is None or part is None or part.percent <= total.percent:
                continue
            index = _index_of(raw_figures, part_id)
            problems.append(
                Problem(
                    display,
                    _line(text, ["figures", index, "percent"]),
                    f"Figure '{part_id}' is {part.percent}%, more than '{total_id}' ({total.percent}%), "
                    "which counts every side effect of that kind. Check the number against the paper.",
                )
            )
    return problems


def load_figures_file(docs_dir: Path) -> tuple[SideEffects, list[Problem]]:
    """Read `data/side_effects.yml` under the docs folder."""
    return load_data_file(
        docs_dir, "side_effects.yml", "The side-effect figures file", load_figures, EMPTY
    )


# --- Plain-language phrases ---


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _grouped(number: int) -> str:
    return f"{number:,}"


def _words(ui: Interface | None) -> Interface:
    return ui or interface.default()


def _english(ui: Interface) -> bool:
    return ui.language == interface.default().language


def label(data: SideEffects, figure_id: str, ui: Interface) -> str:
    """A figure's label: the data file's words in English, the interface file's otherwise."""
    return data.figures[figure_id].label if _english(ui) else ui.t(f"se_label_{figure_id}")


def unit(data: SideEffects, study_id: str, ui: Interface) -> str:
    return data.studies[study_id].unit if _english(ui) else ui.t(f"se_unit_{study_id}")


def reported_by(data: SideEffects, study_id: str, ui: Interface) -> str:
    study = data.studies[study_id]
    return study.reported_by if _english(ui) else ui.t(f"se_reported_by_{study_id}")


def in_words(figure: Figure, ui: Interface | None = None) -> str:
    """'about 8 in 100'; rarer events as 'about 9 in 1,000' or 'about 4 in 10,000'."""
    t = _words(ui).t
    if figure.percent >= 1:
        return t("se_about_100", n=_round(figure.percent))
    if _round(figure.percent * 10) >= 1:
        return t("se_about_1000", n=_round(figure.percent * 10))
    per_10000 = _round(figure.percent * 100)
    return t("se_about_10000", n=per_10000) if per_10000 >= 1 else t("se_fewer_10000")


def exact(figure: Figure, study: Study, ui: Interface | None = None) -> str:
    """The published number: '7.6%', '0.88%', or '20 in 20,464'."""
    if figure.count is not None:
        return _words(ui).t("se_count_in", count=_grouped(figure.count), size=_grouped(study.size))
    places = Decimal("0.1") if figure.percent >= 1 else Decimal("0.01")
    shown = figure.percent.quantize(places, rounding=ROUND_HALF_UP)
    text = f"{shown}"
    if figure.percent == figure.percent.to_integral_value() and figure.percent >= 1:
        text = f"{int(figure.percent)}"
    return f"{text}%"


def phrase(data: SideEffects, figure_id: str, ui: Interface | None = None) -> str:
    """'about 8 in 100 treatments (7.6%)'."""
    ui = _words(ui)
    figure = data.figures[figure_id]
    study = data.studies[figure.study]
    return f"{in_words(figure, ui)} {unit(data, study.id, ui)} ({exact(figure, study, ui)})"


# --- HTML for each marker ---


def _cite(args: Mapping[str, int], study_id: str, ui: Interface) -> str:
    number = args.get(study_id)
    return " " + ui.t("se_cite", n=number) if number else ""


def _study_intro(data: SideEffects, study_id: str, args: Mapping[str, int], ui: Interface) -> str:
    return ui.t(
        "se_study_intro",
        size=_grouped(data.studies[study_id].size),
        unit=unit(data, study_id, ui),
        cite=_cite(args, study_id, ui),
        reported_by=escape(reported_by(data, study_id, ui)),
    )


ICON_PATH = (
    "M5 1.2a1.9 1.9 0 1 1 0 3.8a1.9 1.9 0 1 1 0-3.8zM2.2 9.6c0-2.7 1.2-4.2 2.8-4.2s2.8 1.5 2.8 4.2z"
)
# Presentation attributes, not CSS classes: styles do not reach inside a reused (<use>) row.
FILLED, OUTLINED = ' fill="currentColor"', ' fill="none"'


def _row(y: int, hits: int) -> str:
    """One row of 10 figures at height `y`, the first `hits` filled in."""
    at = f' y="{y}"' if y else ""
    return "".join(
        f'<use href="#icon-person" x="{i * 10}"{at}{FILLED if i < hits else OUTLINED}/>'
        for i in range(10)
    )


ICON_DEFS = (
    f'<defs><path id="icon-person" d="{ICON_PATH}"/>'
    f'<g id="icon-row-hit"{FILLED}>{_row(0, 10)}</g><g id="icon-row"{OUTLINED}>{_row(0, 0)}</g></defs>'
)


def icon_array(marked: int, caption: str, define_shapes: bool) -> str:
    """An accessible picture of 100 people in rows of 10, `marked` of them filled in.

    The caption says the same in words. Full rows reuse one drawn row, so the page stays small.
    """
    marked = max(0, min(100, marked))
    rows = []
    for row in range(10):
        y = row * 10
        hits = max(0, min(10, marked - row * 10))
        at = f' y="{y}"' if y else ""
        if hits == 10:
            rows.append(f'<use href="#icon-row-hit"{at}/>')
        elif hits == 0:
            rows.append(f'<use href="#icon-row"{at}/>')
        else:
            rows.append(_row(y, hits))
    label = escape(caption, quote=True)
    return (
        '<figure class="icon-array">'
        f'<svg class="icon-array__grid" viewBox="0 0 100 100" width="160" height="160" stroke="currentColor" stroke-width="0.7" role="img" aria-label="{label}">'
        f"{ICON_DEFS if define_shapes else ''}{''.join(rows)}</svg>"
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _icons(data: SideEffects, ui: Interface) -> str:
    brady_n = _round(data.figures["brady-any-mild"].percent)
    boyce_n = _round(data.figures["boyce-any-minor"].percent)
    return (
        '<div class="icon-arrays">'
        + icon_array(brady_n, ui.t("se_icon_study1", n=brady_n, rest=100 - brady_n), True)
        + icon_array(boyce_n, ui.t("se_icon_study2", n=boyce_n, rest=100 - boyce_n), False)
        + "</div>"
    )


def table_html(data: SideEffects, args: Mapping[str, int], ui: Interface | None = None) -> str:
    """The safety page: who reported what, the table of mild side effects, the second study, the picture."""
    ui = _words(ui)
    t = ui.t
    rows = "".join(
        f"<tr><td>{escape(label(data, fid, ui)).capitalize()}</td>"
        f"<td>{in_words(data.figures[fid], ui)}</td>"
        f"<td>{exact(data.figures[fid], data.study(fid), ui)}</td></tr>"
        for fid in TABLE_ROWS
    )
    brady = data.studies[BRADY]
    caption = t("se_table_caption", size=_grouped(brady.size), unit=unit(data, BRADY, ui))
    return (
        f"<p>{_study_intro(data, BRADY, args, ui)} "
        f"{t('se_mild_after', phrase=phrase(data, 'brady-any-mild', ui))}</p>"
        f'<table class="side-effects"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{t("se_what")}</th><th scope="col">{t("se_how_often")}</th>'
        f'<th scope="col">{t("se_exact")}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f"<p>{_study_intro(data, BOYCE, args, ui)} "
        f"{t('se_minor_after', phrase=phrase(data, 'boyce-any-minor', ui))}</p>" + _icons(data, ui)
    )


def serious_html(data: SideEffects, args: Mapping[str, int], ui: Interface | None = None) -> str:
    """The safety page: serious events, with the honest upper limit."""
    ui = _words(ui)
    brady, boyce = data.studies[BRADY], data.studies[BOYCE]
    upper = data.figures["brady-serious-upper-limit"]
    major = data.figures["boyce-major"]
    first = ui.t(
        "se_serious_1",
        size=_grouped(brady.size),
        unit=unit(data, BRADY, ui),
        cite=_cite(args, BRADY, ui),
        upper=in_words(upper, ui),
    )
    second = ui.t(
        "se_serious_2",
        size=_grouped(boyce.size),
        unit=unit(data, BOYCE, ui),
        label=escape(label(data, "boyce-major", ui), quote=False),
        phrase=phrase(data, "boyce-major", ui),
        cite=_cite(args, BOYCE, ui),
        none=_grouped(1000 - _round(major.percent * 10)),
    )
    return f"<p>{first}</p><p>{second}</p>"


def summary_html(data: SideEffects, args: Mapping[str, int], ui: Interface | None = None) -> str:
    """The home page: the main figure in one short paragraph."""
    ui = _words(ui)
    brady = data.studies[BRADY]
    sentence = ui.t(
        "se_summary",
        size=_grouped(brady.size),
        unit=unit(data, BRADY, ui),
        often=in_words(data.figures["brady-any-mild"], ui),
        cite=_cite(args, BRADY, ui),
    )
    # One wording, wherever a page sums up serious problems right after the study's mild ones.
    return f"<p>{sentence} {ui.t('se_none_serious')}</p>"


def faq_html(data: SideEffects, args: Mapping[str, int], ui: Interface | None = None) -> str:
    """Common questions: 'Is it safe?'."""
    ui = _words(ui)
    larger = ui.t(
        "se_faq_larger",
        label=escape(label(data, "boyce-major", ui), quote=False),
        phrase=phrase(data, "boyce-major", ui),
        cite=_cite(args, BOYCE, ui),
    )
    summary = summary_html(data, args, ui).removeprefix("<p>").removesuffix("</p>")
    return f"<p>{ui.t('se_faq_yes')} {summary} {larger}</p>"


def handout_html(data: SideEffects, args: Mapping[str, int], ui: Interface | None = None) -> str:
    """The printed handout: the common and the serious figures, briefly."""
    ui = _words(ui)
    sentence = ui.t(
        "se_handout",
        often=in_words(data.figures["brady-any-mild"], ui),
        cite=_cite(args, BRADY, ui),
    )
    return f"<p>{sentence} {ui.t('se_none_serious')}</p>"


RENDERERS = {
    "table": table_html,
    "serious": serious_html,
    "summary": summary_html,
    "faq": faq_html,
    "handout": handout_html,
}


def insert_figures(html: str, data: SideEffects, ui: Interface | None = None) -> str:
    """Replace every `<!-- side-effects: NAME -->` marker with text made from the figures file.

    An unknown name, or a file with problems (already reported), leaves the marker in place,
    and `missing_figures_problems` reports a page that still has one.
    """
    if not all(figure_id in data.figures for figure_id in REQUIRED_FIGURES):
        return html

    def replace(match: re.Match[str]) -> str:
        render = RENDERERS.get(match.group("name"))
        if render is None:
            return match.group(0)
        args = {
            key: int(value) for key, value in re.findall(r"([a-z0-9-]+)=(\d+)", match.group("args"))
        }
        return render(data, args, ui)

    return MARKER.sub(replace, html)


def leftover_marker_problems(path: str, source: str, html: str) -> list[Problem]:
    """A marker that was not replaced: a misspelt name (the data file's own problems are reported apart)."""
    problems = []
    for match in MARKER.finditer(html):
        name = match.group("name")
        if name in RENDERERS:
            continue
        at = source.find(f"side-effects: {name}")
        line = source.count("\n", 0, at) + 1 if at >= 0 else 1
        known = ", ".join(f"<!-- side-effects: {key} -->" for key in RENDERERS)
        problems.append(
            Problem(
                path,
                line,
                f"unknown side-effects marker '{name}'. Use one of: {known}.",
            )
        )
    return problems
