"""One glossary file feeds the tooltips and the Glossary page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
from conftest import ROOT, build_site

from scripts.markers import MARKERS
from scripts.steps.glossary import (
    first_use_only,
    glossary_html,
    glossary_list,
    parse_glossary,
    read_once,
)

GLOSSARY = ROOT / "includes" / "glossary.md"


def test_parse_reports_bad_and_duplicate_lines() -> None:
    text = "<!-- note -->\n*[knot]: A tight spot.\nknot means a tight spot\n*[knot]: Again.\n"
    entries, problems = parse_glossary(text)
    assert [entry.term for entry in entries] == ["knot"]
    assert [str(problem).split(". ")[0] for problem in problems] == [
        "includes/glossary.md:3: this glossary line is not in the form *[word]: what it means",
        "includes/glossary.md:4: 'knot' is defined twice (also on line 2)",
    ]


def test_spellings_with_one_definition_are_listed_once() -> None:
    entries, _ = parse_glossary(
        "*[trigger point]: A spot.\n*[Trigger points]: A spot.\n*[acute]: New.\n"
    )
    assert [entry.term for entry in glossary_list(entries)] == ["acute", "trigger point"]
    assert glossary_html(entries).count("<dt") == 2


def test_real_glossary_file_is_valid() -> None:
    entries, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert not problems, "\n".join(map(str, problems))
    assert len(entries) >= 20


def test_glossary_page_lists_every_word(built_site: Path) -> None:
    entries, _ = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert MARKERS["glossary"].text not in html
    shown = {unescape(term).casefold() for term in re.findall(r"<dt[^>]*>(.*?)</dt>", html)}
    missing = [entry.term for entry in glossary_list(entries) if entry.term.casefold() not in shown]
    assert not missing, f"words missing from the Glossary page: {missing}"


def test_words_become_tooltips_on_pages(built_site: Path) -> None:
    html = (built_site / "safety" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="A collapsed lung[^"]*" tabindex="0">pneumothorax</abbr>', html)


def test_new_glossary_word_appears_on_glossary_page(scratch_project: Path) -> None:
    glossary = scratch_project / "includes" / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "*[zygote]: A fertilised egg.\n", encoding="utf-8"
    )
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stderr
    assert '<dt id="term-zygote">Zygote</dt>' in (
        scratch_project / "site" / "glossary" / "index.html"
    ).read_text(encoding="utf-8")


def test_tooltip_only_on_first_use_and_not_in_headings() -> None:
    html = (
        '<h1><abbr title="Spot.">Trigger point</abbr> care</h1>'
        '<p>A <abbr title="Spot.">trigger point</abbr> and <abbr title="Spot.">trigger points</abbr>.</p>'
        '<p><abbr title="Band.">taut band</abbr></p>'
    )
    in_link = '<p><a href="x/"><abbr title="Spot.">trigger point</abbr></a> <abbr title="Spot.">trigger point</abbr></p>'
    assert first_use_only(in_link) == (
        '<p><a href="x/">trigger point</a> <abbr title="Spot." tabindex="0">trigger point</abbr></p>'
    )
    assert first_use_only(html) == (
        "<h1>Trigger point care</h1>"
        '<p>A <abbr title="Spot." tabindex="0">trigger point</abbr> and trigger points.</p>'
        '<p><abbr title="Band." tabindex="0">taut band</abbr></p>'
    )


def test_glossary_line_problems_name_the_line_and_the_fix() -> None:
    text = "*[muscle]: A part of the body.\n\n[needle]: a pin\n*[muscle]: Again.\n*[term]:\n"
    _, problems = parse_glossary(text)
    found = [str(problem) for problem in problems]
    assert found[0].startswith(
        "includes/glossary.md:3: this glossary line is not in the form *[word]: what it means"
    )
    assert "Write it like: *[trigger point]:" in found[0]
    assert found[1].startswith("includes/glossary.md:4: 'muscle' is defined twice (also on line 1)")
    assert found[2].startswith("includes/glossary.md:5:")
    assert len(found) == 3


EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.snippets"]


def _html(markdown_text: str, configs: dict[str, object]) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs)
    return str(md.convert(markdown_text))


def test_glossary_words_read_once_give_the_same_tooltips(tmp_path: Path) -> None:
    (tmp_path / "words.md").write_text(
        "<!-- the words -->\n*[knot]: A tight spot.\n*[knots]: A tight spot.\n*[band]: A strip.\n",
        encoding="utf-8",
    )
    (tmp_path / "more.md").write_text("*[band]: A ropy strip.\n", encoding="utf-8")
    (tmp_path / "footer.md").write_text("*[strip]: A band.\n\nA footer line.\n", "utf-8")
    names = ["words.md", "more.md", "footer.md"]
    appended = {"pymdownx.snippets": {"base_path": [str(tmp_path)], "auto_append": names}}
    once = read_once(EXTENSIONS, appended, tmp_path)
    # Only the files of nothing but words leave auto_append; a later file's word still wins.
    assert once["pymdownx.snippets"]["auto_append"] == ["footer.md"]
    assert once["abbr"]["glossary"] == {
        "knot": "A tight spot.",
        "knots": "A tight spot.",
        "band": "A ropy strip.",
    }
    page = "A knot in a band.\n\n!!! note\n    Knots and a strip.\n"
    before, after = _html(page, appended), _html(page, once)
    assert '<abbr title="A ropy strip.">band</abbr>' in after
    assert re.sub(r"\s*<!--.*?-->", "", before) == after  # the same page, less the comment


def test_glossary_left_appended_without_abbr_or_when_missing(tmp_path: Path) -> None:
    appended = {"pymdownx.snippets": {"auto_append": ["missing.md"]}}
    assert read_once(EXTENSIONS, appended, tmp_path) == appended
    (tmp_path / "words.md").write_text("*[knot]: A tight spot.\n", encoding="utf-8")
    no_abbr = {"pymdownx.snippets": {"auto_append": ["words.md"]}}
    assert read_once(["pymdownx.snippets"], no_abbr, tmp_path) == no_abbr
