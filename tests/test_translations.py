"""Staying in step (scripts/translations.py) and the languages (scripts/languages.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from scripts import interface, languages, translations
from scripts.checks.front_matter_checks import parse_front_matter

ENGLISH = "---\ntitle: Safety\nlast_reviewed: 2026-11-23\n---\n\n# Safety\n"


def matter(text: str):  # type: ignore[no-untyped-def]
    parsed, problems = parse_front_matter("docs-es/safety.md", text)
    assert parsed is not None and not problems
    return parsed


def spanish(extra: str = "") -> str:
    return f"---\ntitle: Seguridad\ndescription: Qué tan segura es.\n{extra}---\n\n# Seguridad\n"


def test_a_matching_hash_passes_and_a_changed_english_page_fails() -> None:
    good = spanish(f"source_hash: {translations.source_hash(ENGLISH)}\n")
    assert (
        translations.check_front_matter(
            "docs-es/safety.md", matter(good), "docs/safety.md", ENGLISH
        )
        == []
    )
    changed = ENGLISH.replace("# Safety", "# Safety first")
    (problem,) = translations.check_front_matter(
        "docs-es/safety.md", matter(good), "docs/safety.md", changed
    )
    assert str(problem) == (
        "docs-es/safety.md:4: the English page docs/safety.md changed since this translation. "
        f"Update the Spanish text, then set source_hash: {translations.source_hash(changed)} "
        "(to publish the English change first, add `out_of_date: true`: the page then tells "
        "readers to see the English page)."
    )


def test_new_review_dates_and_sources_keep_the_translation_in_step() -> None:
    reviewed = ENGLISH.replace("2026-11-23", "2027-11-23")
    assert translations.source_hash(reviewed) == translations.source_hash(ENGLISH)
    assert translations.source_hash(ENGLISH.replace("title: Safety", "title: Risks")) != (
        translations.source_hash(ENGLISH)
    )


def test_out_of_date_on_purpose_is_a_notice_not_an_error() -> None:
    flagged = matter(spanish("source_hash: 000000000000\nout_of_date: true\n"))
    assert (
        translations.check_front_matter("docs-es/safety.md", flagged, "docs/safety.md", ENGLISH)
        == []
    )
    notice = translations.out_of_date_notice(
        "docs-es/safety.md", flagged.data, "docs/safety.md", ENGLISH
    )
    assert notice is not None and notice.severity == "notice"
    assert translations.source_hash(ENGLISH) in notice.message


def test_a_missing_hash_says_which_value_to_add() -> None:
    (problem,) = translations.check_front_matter(
        "docs-es/safety.md", matter(spanish()), "docs/safety.md", ENGLISH
    )
    assert problem.line == 1
    assert f"`source_hash: {translations.source_hash(ENGLISH)}`" in problem.message


def test_review_dates_come_from_the_english_page() -> None:
    text = spanish(f"source_hash: {translations.source_hash(ENGLISH)}\nlast_reviewed: 2026-01-01\n")
    (problem,) = translations.check_front_matter(
        "docs-es/safety.md", matter(text), "docs/safety.md", ENGLISH
    )
    assert problem.line == 5 and "comes from the English page docs/safety.md" in problem.message
    meta = translations.merged_meta(
        {"title": "Seguridad", "reviewed_by": "Ana"},
        {"last_reviewed": "2026-11-23", "reviewed_by": "Dr X"},
    )
    assert meta["last_reviewed"] == "2026-11-23" and meta["reviewed_by"] == "Dr X"
    assert meta["translation_reviewed_by"] == "Ana"


def test_missing_pages_both_ways() -> None:
    problems = translations.missing_pages(["a.md", "b.md"], ["b.md", "c.md"], "docs", "docs-es")
    assert [str(p).split(": ")[0] for p in problems] == ["docs/a.md:1", "docs-es/c.md:1"]


def test_every_english_page_has_its_translation() -> None:
    english = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert english == sorted(p.name for p in (ROOT / "docs-es").glob("*.md"))


def test_hreflang_and_switch_addresses() -> None:
    root = "https://example.github.io/dry-needling/"
    assert languages.site_url(root, languages.SPANISH) == root + "es/"
    assert languages.alternates(root, "safety/") == [
        ("en", root + "safety/"),
        ("es", root + "es/safety/"),
        ("x-default", root + "safety/"),
    ]
    assert languages.switch_href(languages.ENGLISH, languages.SPANISH, "safety/") == "../es/safety/"
    assert languages.switch_href(languages.SPANISH, languages.ENGLISH, "safety/") == "../../safety/"
    assert languages.switch_href(languages.ENGLISH, languages.SPANISH, "") == "es/"
    assert languages.switch_href(languages.SPANISH, languages.ENGLISH, "") == "../"


def test_the_spanish_config_keeps_every_extension(tmp_path: Path) -> None:
    assert languages.check_inherited_lists(ROOT / "mkdocs.yml", ROOT / "mkdocs.es.yml") == []
    broken = tmp_path / "mkdocs.es.yml"
    text = (ROOT / "mkdocs.es.yml").read_text(encoding="utf-8").replace("  - def_list\n", "")
    broken.write_text(text, encoding="utf-8")
    (problem,) = languages.check_inherited_lists(ROOT / "mkdocs.yml", broken)
    assert problem.path == "mkdocs.es.yml" and "lacks def_list" in problem.message


def test_interface_words_exist_in_both_languages() -> None:
    ui, problems = interface.load_interface(ROOT / "docs")
    assert problems == []
    assert ui.of("es").t("sources") == "Fuentes"
    assert ui.of("es").long_date(23, 11, 2026) == "23 de noviembre de 2026"
    _, problems = interface.parse_interface(
        "sources: {en: Sources}\nnext: {en: 'Due {date}', es: 'Próxima {fecha}'}\n",
        "docs/data/interface.yml",
    )
    assert [str(p)[:27] for p in problems] == [
        "docs/data/interface.yml:1: ",
        "docs/data/interface.yml:2: ",
    ]
    assert "has no Español words (es:)" in problems[0].message


def test_short_menu_labels_name_menu_pages_only(tmp_path: Path) -> None:
    assert languages.check_nav_labels(ROOT / "mkdocs.yml", ROOT / "mkdocs.es.yml") == []
    broken = tmp_path / "mkdocs.es.yml"
    text = (ROOT / "mkdocs.es.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("    safety.md:", "    safty.md:"), encoding="utf-8")
    (problem,) = languages.check_nav_labels(ROOT / "mkdocs.yml", broken)
    line = text.splitlines().index(next(x for x in text.splitlines() if "safety.md:" in x)) + 1
    assert (problem.path, problem.line) == ("mkdocs.es.yml", line)
    assert "safty.md" in problem.message and "not a page in the menu" in problem.message


def test_the_spanish_menu_uses_its_short_labels(tmp_path: Path) -> None:
    from scripts.pipeline import language_nav

    (tmp_path / "safety.md").write_text("# ¿Es segura la punción seca?\n", encoding="utf-8")
    (tmp_path / "faq.md").write_text("# Preguntas\n", encoding="utf-8")
    nav = [{"Home": "index.md"}, {"Is it safe?": "safety.md"}, {"Common questions": "faq.md"}]
    assert language_nav(nav, tmp_path, {"safety.md": "¿Es segura?"}) == [
        {"¿Es segura?": "safety.md"},
        "faq.md",
    ]
