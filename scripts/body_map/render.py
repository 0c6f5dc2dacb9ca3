"""The body map's HTML: what replaces `<!-- pain-map -->`, the "Where do you feel pain?" form,
the drawing, and the two tables that work without JavaScript."""

from __future__ import annotations

import json
from html import escape

from scripts import interface
from scripts.body_map.data import AREAS, Muscle, ReferralPatterns, Region
from scripts.body_map.svg import render_body_svg
from scripts.clinic import Clinic
from scripts.interface import Interface
from scripts.markers import MARKERS
from scripts.problems import Problem

SCRIPT = "assets/javascripts/pain-map.js"  # loaded only on pages that show the explorer


# ---------------------------------------------------------------------------
# The form, the results and the two tables
# ---------------------------------------------------------------------------


def _join(labels: list[str], ui: Interface) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {ui.t('map_and')} " + labels[-1]


def _muscle_item(muscle: Muscle) -> str:
    """A result, empty: pain-map.js writes it from the muscle's row in the muscle table (its
    name, plain name, what people notice, where, its note) and the words in data-words, so the
    page carries them once (about 900 gzipped bytes on the Spanish page). Without JavaScript
    the form, and so the results, are hidden; the tables give it all."""
    return (
        f'<li class="pain-map__muscle" data-muscle="{muscle.id}" data-trigger="{muscle.trigger_point}" '
        f'data-refers="{" ".join(muscle.refers_to)}" hidden></li>'
    )


def _region_checkbox(region: Region) -> str:
    return (
        f'<label class="pain-map__choice"><input type="checkbox" name="region" value="{region.id}">'
        f" <span>{escape(region.label)}</span></label>"
    )


def render_form(patterns: ReferralPatterns, clinic: Clinic, ui: Interface) -> str:
    """The explorer. It starts hidden; pain-map.js shows it, so without JavaScript only the tables show.
    The words pain-map.js writes come with it, in data-words (the page's language)."""
    e, t = escape, ui.t
    fieldsets = []
    for area in AREAS:
        regions = [r for r in patterns.regions if r.area == area]
        if regions:
            fieldsets.append(
                f'<fieldset class="pain-map__group"><legend>{e(t("map_area_" + area))}</legend>'
                + "".join(_region_checkbox(r) for r in regions)
                + "</fieldset>"
            )
    items = "".join(_muscle_item(m) for m in patterns.muscles)
    script_words = {
        key.removeprefix("map_"): t(key)
        for key in (
            "map_summary",
            "map_no_muscle",
            "map_many_causes",
            "map_local",
            "map_found_one",
            "map_found_many",
            "map_see_muscle",
            "map_see_n_muscles",
            "map_showing",
            "map_people_notice",
            "map_trigger_here",
            "map_felt",
            "map_show",
        )
    }
    return (
        '<form class="pain-map" id="pain-map" aria-labelledby="pain-map-title" '
        f'data-words="{e(json.dumps(script_words, ensure_ascii=False))}" hidden>'
        f'<h2 id="pain-map-title">{e(t("map_title"))}</h2>'
        f'<p class="pain-map__intro">{e(t("map_intro"))}</p>'
        + "".join(fieldsets)
        + '<p class="pain-map__actions">'
        '<a class="pain-map__jump md-button md-button--primary" href="#pain-map-output" hidden>'
        f"{e(t('map_see_muscles'))}</a>"
        f'<button type="reset" class="pain-map__reset md-button">{e(t("map_clear"))}</button></p>'
        '<div class="pain-map__output" id="pain-map-output" tabindex="-1">'
        '<figure class="pain-map__figure">'
        + render_body_svg(patterns, ui)
        + '<figcaption class="pain-map__legend">'
        '<span class="pain-map__key"><svg aria-hidden="true" focusable="false" viewBox="0 0 20 20">'
        '<rect class="pain-map__swatch pain-map__swatch--felt" x="1" y="1" width="18" height="18"/></svg>'
        f"{e(t('map_stripes'))}</span>"
        '<span class="pain-map__key"><svg aria-hidden="true" focusable="false" viewBox="0 0 20 20">'
        '<rect class="pain-map__swatch pain-map__swatch--trigger" x="1" y="1" width="18" height="18"/></svg>'
        f"{e(t('map_dots'))}</span>"
        '<span class="pain-map__showing"></span>'
        "</figcaption></figure>"
        '<div class="pain-map__results" aria-live="polite">'
        f'<p class="pain-map__summary">{e(t("map_summary"))}</p>'
        f'<ul class="pain-map__list">{items}</ul>'
        "</div></div>" + render_therapist_line(clinic, ui) + "</form>"
    )


def _muscle_links(muscles: list[Muscle]) -> str:
    """Linked muscle names only: the cards above and the muscle table give each plain name once,
    so short cells stay easy to read across (PEMAT item 19)."""
    return "; ".join(f'<a href="#pain-muscle-{m.id}">{escape(m.name)}</a>' for m in muscles)


def render_tables(patterns: ReferralPatterns, ui: Interface) -> str:
    """The two tables that work without JavaScript; together they are the page's table of common patterns."""
    e, t = escape, ui.t
    where_rows = []
    for region in patterns.regions:
        muscles = patterns.muscles_referring_to(region.id)
        local = [m for m in patterns.muscles_with_trigger_points_at(region.id) if m not in muscles]
        cell = _muscle_links(muscles) if muscles else e(t("map_none"))
        # A knot right in the painful spot has a column of its own (PEMAT 19: one idea a cell).
        where_rows.append(
            f'<tr><th scope="row">{e(region.label)}</th><td>{cell}</td>'
            f"<td>{_muscle_links(local)}</td></tr>"
        )
    muscle_rows = []
    for muscle in patterns.muscles:
        notice = e(muscle.people_notice) + (f" <em>{e(muscle.note)}</em>" if muscle.note else "")
        labels = [patterns.label(r) for r in muscle.refers_to]
        felt = e(_join(labels[:1] + [label.lower() for label in labels[1:]], ui))
        muscle_rows.append(
            f'<tr id="pain-muscle-{muscle.id}"><th scope="row"><strong>{e(muscle.name)}</strong>'
            f'<span class="pain-map__plain">{e(muscle.plain_name)}</span></th>'
            f'<td data-label="{e(t("map_trigger_column"))}">{e(patterns.label(muscle.trigger_point))}</td>'
            f'<td data-label="{e(t("map_felt_column"))}">{felt}</td>'
            f'<td data-label="{e(t("map_notice_column"))}">{notice}</td></tr>'
        )
    # Each source is a whole reference ending in a full stop, so they follow one another.
    cited = patterns.sources()
    sources = " ".join(f"<cite>{e(s)}</cite>" for s in cited)
    source_label = t("map_source") if len(cited) == 1 else f"{t('sources')}:"
    return (
        '<div class="pain-map__tables">'
        f'<h2 id="pain-map-patterns">{e(t("map_patterns"))}</h2>'
        f"<p>{e(t('map_patterns_vary'))}</p>"
        '<div class="pain-map__table-wrap" role="region" aria-labelledby="pain-map-where-caption" tabindex="0">'
        '<table class="pain-map__table pain-map__table--where">'
        f'<caption id="pain-map-where-caption">{e(t("map_where_caption"))}</caption>'
        f'<thead><tr><th scope="col">{e(t("map_where_column"))}</th>'
        f'<th scope="col">{e(t("map_muscles_column"))}</th>'
        f'<th scope="col">{e(t("map_local_column"))}</th></tr></thead>'
        f"<tbody>{''.join(where_rows)}</tbody></table></div>"
        '<div class="pain-map__table-wrap" role="region" aria-labelledby="pain-map-muscle-caption" tabindex="0">'
        '<table class="pain-map__table pain-map__table--muscles">'
        f'<caption id="pain-map-muscle-caption">{e(t("map_muscle_caption"))}</caption>'
        f'<thead><tr><th scope="col">{e(t("map_muscle_column"))}</th>'
        f'<th scope="col">{e(t("map_trigger_column"))}</th>'
        f'<th scope="col">{e(t("map_felt_column"))}</th>'
        f'<th scope="col">{e(t("map_notice_column"))}</th></tr></thead>'
        f"<tbody>{''.join(muscle_rows)}</tbody></table></div>"
        f'<p class="pain-map__source">{e(source_label)} {sources}</p>'
        "</div>"
    )


def render_guide_line(clinic: Clinic, ui: Interface) -> str:
    e, t = escape, ui.t
    link = f" {clinic.booking_link(t('book_visit'))}." if clinic.booking_url else ""
    return (
        f'<p class="pain-map__guide"><strong>{e(t("map_guide"))}</strong> '
        f"{e(t('map_causes'))}{link}</p>"
    )


def render_therapist_line(clinic: Clinic, ui: Interface) -> str:
    """After the results: only a therapist can tell, and how to reach one (values from mkdocs.yml)."""
    t = ui.t
    ways = []
    if clinic.phone:
        ways.append(t("map_call", phone=clinic.phone_link()))
    if clinic.booking_url:
        ways.append(clinic.booking_link(t("booking_link_text")))
    reach = " " + t("map_find_out", ways=f" {t('map_or')} ".join(ways)) if ways else ""
    return f'<p class="pain-map__therapist">{escape(t("map_only_therapist"))}{reach}</p>'


def render_body_map(patterns: ReferralPatterns, clinic: Clinic, ui: Interface | None = None) -> str:
    """Everything that replaces the `<!-- pain-map -->` marker, in the interface's language."""
    ui = ui or interface.default()
    return (
        '<div class="pain-map-explorer">'
        + render_guide_line(clinic, ui)
        + render_form(patterns, clinic, ui)
        + render_tables(patterns, ui)
        + "</div>"
    )


PAGE = "referred-pain.md"  # the page that shows the map


def missing_marker_problems(
    pages_with_marker: int, page_path: str = f"docs/{PAGE}"
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
