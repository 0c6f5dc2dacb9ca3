"""The marker registry: every `<!-- name -->` marker is known, or a staff error with its line."""

from __future__ import annotations

from scripts.markers import MARKERS, check_markers, replace, replace_stage


def test_misspelt_marker_is_an_error_with_its_line_and_a_suggestion() -> None:
    source = "---\ntitle: Aftercare\n---\n\nText.\n\n<!-- handout-lnk -->\n"
    problems = check_markers("docs/aftercare.md", source, body_start=4)
    assert [(p.path, p.line) for p in problems] == [("docs/aftercare.md", 7)]
    assert "unknown marker '<!-- handout-lnk -->'" in problems[0].message
    assert "Did you mean <!-- handout-link -->?" in problems[0].message


def test_known_markers_notes_and_code_are_not_errors() -> None:
    source = "\n".join(
        [
            *(marker.usage for marker in MARKERS.values()),
            "<!-- a note for other staff -->",
            "Write `<!-- handoutlink -->` in code.",
            "```html",
            "<!-- example -->",
            "```",
        ]
    )
    assert check_markers("docs/x.md", source) == []


def test_unknown_marker_with_nothing_close_lists_the_markers() -> None:
    [problem] = check_markers("docs/x.md", "Intro\n<!-- zzz -->\n")
    assert problem.line == 2 and "Did you mean" not in problem.message
    assert all(marker.usage in problem.message for marker in MARKERS.values())


def test_marker_in_a_paragraph_loses_the_paragraph() -> None:
    marker = MARKERS["handout-link"]
    assert replace("<p><!-- handout-link --></p>\n<!-- handout-link -->", marker, "<p>L</p>") == (
        "<p>L</p>\n<p>L</p>"
    )


def test_replace_stage_renders_only_that_stage_and_only_markers_present() -> None:
    calls: list[str] = []

    def render(name: str) -> str:
        calls.append(name)
        return f"[{name}]"

    renderers = {name: (lambda name=name: render(name)) for name in MARKERS}
    text, used = replace_stage("a <!-- pain-map --> <!-- glossary -->", "html", renderers)
    assert text == "a [pain-map] <!-- glossary -->"
    assert used == {"pain-map"} and calls == ["pain-map"]


def test_a_marker_that_needs_arguments_is_an_error_without_them() -> None:
    """`<!-- side-effects -->` alone rendered nothing, silently: it must name its figures."""
    source = "---\ntitle: Safety\n---\n\nText.\n\n<!-- side-effects -->\n\n<!-- side-effects: -->\n"
    problems = check_markers("docs/safety.md", source, body_start=4)
    assert [(p.path, p.line) for p in problems] == [("docs/safety.md", 7), ("docs/safety.md", 9)]
    message = problems[0].message
    assert "'<!-- side-effects -->' shows nothing on its own" in message
    assert "<!-- side-effects: table brady-2014=1 boyce-2020=2 -->" in message
    assert check_markers("docs/x.md", "<!-- side-effects: table brady-2014=1 -->\n") == []
