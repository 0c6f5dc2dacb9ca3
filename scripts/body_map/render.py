"""The body map's HTML: what replaces `<!-- pain-map -->`, the "Where do you feel pain?" form,
the drawing, and the two tables that work without JavaScript."""

from __future__ import annotations

from html import escape

from scripts.body_map.data import AREAS, Muscle, ReferralPatterns, Region
from scripts.body_map.svg import render_body_svg
from scripts.clinic import Clinic
from scripts.markers import MARKERS
from scripts.problems import Problem

SCRIPT = "assets/javascripts/pain-map.js"  # loaded only on pages that show the explorer


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
    """Linked muscle names only: the cards above and the muscle table give each plain name once,
    so short cells stay easy to read across (PEMAT item 19)."""
    return "; ".join(f'<a href="#pain-muscle-{m.id}">{escape(m.name)}</a>' for m in muscles)


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
