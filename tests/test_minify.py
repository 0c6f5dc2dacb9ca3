"""scripts/steps/minify.py: our CSS and JavaScript ship minified; the sources keep their comments."""

from __future__ import annotations

from pathlib import Path

from scripts.steps.minify import minify_site_assets, minify_text

ROOT = Path(__file__).resolve().parent.parent


def test_minify_text_drops_comments_and_keeps_strings() -> None:
    css = '/* note */\na::after {\n  content: " (" attr(href) ")";\n}\n'
    assert minify_text(css, ".css") == 'a::after{content:" (" attr(href) ")"}'
    js = '// note\nvar text = "a  b"; /* more */\n'
    assert minify_text(js, ".js") == 'var text="a  b";'
    assert minify_text("<p>  x </p>", ".html") == "<p>  x </p>"


def test_only_files_from_docs_are_minified(tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    for folder in (docs / "assets", site / "assets", docs / "data"):
        folder.mkdir(parents=True)
    (docs / "assets" / "a.css").write_text("/* x */ p { color: red; }\n")
    (site / "assets" / "a.css").write_text("/* x */ p { color: red; }\n")
    (site / "assets" / "theme.css").write_text("/* theme */ p { }\n")
    (docs / "data" / "left-out.js").write_text("// not in the site\n")
    assert minify_site_assets(docs, site) == [site / "assets" / "a.css"]
    assert (site / "assets" / "a.css").read_text() == "p{color:red}"
    assert (site / "assets" / "theme.css").read_text() == "/* theme */ p { }\n"


def test_built_site_ships_minified_copies(built_site: Path) -> None:
    for name in ("stylesheets/site.css", "javascripts/search-on-demand.js"):
        source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
        built = (built_site / "assets" / name).read_text(encoding="utf-8")
        assert "/*" in source
        assert "/*" not in built, f"{name} is not minified in the built site"
        assert len(built) < 0.8 * len(source)
    assert "@media print{" in (built_site / "assets" / "stylesheets" / "site.css").read_text()
