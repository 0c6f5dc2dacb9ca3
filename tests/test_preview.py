"""The staff preview (scripts/preview.py, scripts/adapters/mkdocs_preview.py): after a save,
`mkdocs serve` renders only the changed pages again, with every check of those pages, and
the result is the full build's. Speed is measured by tools/benchmark/preview.py, not here."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import copy_project
from pipeline_driver import checked_build, render_page

from scripts import pipeline, preview
from scripts.checks.safety_net import read_source

AFTERCARE = "aftercare.md"
HARD_PARAGRAPH = (
    "\nNotwithstanding considerable interindividual variability, postprocedural myofascial "
    "hypersensitivity characteristically necessitates multidisciplinary consideration.\n"
)


def test_the_snapshot_sees_an_edit_a_new_file_and_a_deleted_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("one", encoding="utf-8")
    (docs / "b.md").write_text("two", encoding="utf-8")
    before = preview.Snapshot(tmp_path).take([docs])
    assert before.changed(before.take([docs])) == (set(), set())

    (docs / "a.md").write_text("one, edited", encoding="utf-8")
    (docs / "b.md").unlink()
    (docs / "c.md").write_text("three", encoding="utf-8")
    edited, added_or_deleted = before.changed(before.take([docs]))
    assert edited == {"docs/a.md"}
    assert added_or_deleted == {"docs/b.md", "docs/c.md"}


def test_the_snapshot_compares_content_not_times(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "a.md"
    page.parent.mkdir()
    page.write_text("one", encoding="utf-8")
    before = preview.Snapshot(tmp_path).take([page.parent])
    page.write_text("one", encoding="utf-8")  # saved again, unchanged
    assert before.changed(before.take([page.parent])) == (set(), set())


@pytest.mark.parametrize(
    ("edited", "added_or_deleted", "expected"),
    [
        # An English page and its translation, which reads it (dates, sources, source_hash).
        (["docs/aftercare.md"], [], {"en": [AFTERCARE], "es": [AFTERCARE]}),
        (["docs-es/aftercare.md"], [], {"es": [AFTERCARE]}),
        (
            ["docs/faq.md", "docs/aftercare.md"],
            [],
            {"en": [AFTERCARE, "faq.md"], "es": [AFTERCARE, "faq.md"]},
        ),
        # Everything else needs the full build.
        (["docs/handout.md"], [], None),  # the PDF, which every page shows
        (["docs-es/handout.md"], [], None),
        (["mkdocs.yml"], [], None),
        (["mkdocs.es.yml"], [], None),
        (["includes/call-911.md"], [], None),
        (["docs/data/side_effects.yml"], [], None),
        (["docs/assets/stylesheets/site.css"], [], None),
        (["docs/aftercare.md", "includes/glossary.md"], [], None),
        ([], ["docs/new-page.md"], None),
        (["docs/aftercare.md"], ["docs/assets/images/new.svg"], None),
        ([], [], None),  # a change the snapshot does not see (a template): build everything
    ],
)
def test_which_pages_a_save_renders_again(
    edited: list[str], added_or_deleted: list[str], expected: dict[str, list[str]] | None
) -> None:
    root = Path(__file__).resolve().parent.parent
    assert preview.pages_to_render(edited, added_or_deleted, root) == expected


@pytest.fixture
def english_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)  # pymdownx.snippets reads includes/ from the working folder
    return project


def _check_again(build: pipeline.Build, project: Path, *src_uris: str) -> None:
    """What the preview does with edited pages: their checks, render, cross-page checks."""
    for src_uri in src_uris:
        preview.recheck_page(build, src_uri)
        render_page(build, src_uri, read_source(project / "docs" / src_uri))
    pipeline.cross_page_checks(build, only=src_uris)


def test_a_page_checked_again_shows_its_new_problems_then_none_once_fixed(
    english_project: Path,
) -> None:
    problems: list[str] = []
    build = checked_build(english_project, problems.append)
    assert problems == []

    page = english_project / "docs" / AFTERCARE
    original = page.read_text(encoding="utf-8")
    lines = len(original.splitlines())
    page.write_text(
        original
        + "\nSee [the map](nowhere.md) and [the signs](safety.md#no-such-section).\n"
        + HARD_PARAGRAPH * 12,
        encoding="utf-8",
    )
    _check_again(build, english_project, AFTERCARE)
    output = "\n".join(problems)
    assert f"docs/aftercare.md:{lines + 2}: link nowhere.md points to a page" in output
    assert (
        f"docs/aftercare.md:{lines + 2}: link safety.md#no-such-section points to a section"
        in output
    )
    assert "docs/aftercare.md:" in output and "the page reads at grade" in output, output
    assert all(problem.startswith("docs/aftercare.md:") for problem in problems), output

    problems.clear()
    page.write_text(original, encoding="utf-8")
    _check_again(build, english_project, AFTERCARE)
    assert problems == []


def test_a_renamed_heading_shows_the_section_links_it_breaks_on_other_pages(
    english_project: Path,
) -> None:
    problems: list[str] = []
    build = checked_build(english_project, problems.append)
    safety = english_project / "docs" / "safety.md"
    text = safety.read_text(encoding="utf-8")
    heading = "## What other warning signs need a doctor?"
    assert heading in text
    safety.write_text(text.replace(heading, "## Other warning signs"), encoding="utf-8")
    _check_again(build, english_project, "safety.md")
    output = "\n".join(problems)
    # aftercare.md and evidence.md link to the old section (docs/aftercare.md:88 today).
    assert "docs/aftercare.md:" in output and "#what-other-warning-signs-need-a-doctor" in output
    assert "docs/evidence.md:" in output


def _full_build(project: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False))


def _files(site_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def test_a_save_in_mkdocs_serve_renders_the_page_as_the_full_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Through MkDocs' own server and our hooks, both languages: a saved page is rendered again
    alone, with its problems in the log with file and line, and the site is the full build's
    (except the search index, which the next full build writes)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    project = copy_project(tmp_path / "project", spanish=True)
    monkeypatch.chdir(project)
    site_dir = tmp_path / "served"
    full_builds: list[int] = []

    def builder() -> None:
        full_builds.append(1)
        _full_build(project, site_dir)

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    builder()  # `mkdocs serve` builds once, then waits for saves
    server = LiveReloadServer(builder, "127.0.0.1", 0, str(site_dir), "/dry-needling/")
    try:
        first_build = _files(site_dir)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        assert _files(site_dir) == first_build  # its warm-up leaves the site as it was
        from scripts.adapters.mkdocs_preview import POLL_SECONDS

        pollers = [server.observer, *server.observer.emitters]
        assert len(pollers) >= 3 and {poller.timeout for poller in pollers} == {POLL_SECONDS}
        page = project / "docs" / AFTERCARE
        lines = len(page.read_text(encoding="utf-8").splitlines())
        with page.open("a", encoding="utf-8") as out:
            out.write("\nA new sentence, and [a link](nowhere.md).\n")
        caplog.clear()
        epoch = server._visible_epoch
        with caplog.at_level(logging.INFO):
            server.builder()  # what the server does after a save
        assert len(full_builds) == 1, "the save ran the full build"
        assert server._visible_epoch > epoch, "browsers were not told to reload"
        log = caplog.text
        assert "Rendered again: docs/aftercare.md, docs-es/aftercare.md" in log
        assert f"docs/aftercare.md:{lines + 2}: link nowhere.md points to a page" in log
        assert "docs-es/aftercare.md:4: the English page docs/aftercare.md changed" in log
        served = _files(site_dir)
        assert "A new sentence" in served["aftercare/index.html"].decode()

        full_dir = tmp_path / "full"
        _full_build(project, full_dir)
        full = _files(full_dir)
        index = "search/search_index.json"
        assert served.keys() == full.keys()
        different = [name for name in full if name != index and served[name] != full[name]]
        assert different == []

        # The title of another page: the problem names this page (the menu keeps its label).
        text = page.read_text(encoding="utf-8")
        page.write_text(
            text.replace("title: Aftercare and soreness after dry needling", "title: Glossary", 1),
            encoding="utf-8",
        )
        caplog.clear()
        with caplog.at_level(logging.INFO):
            server.builder()
        assert (
            "docs/aftercare.md:2: the title 'Glossary' is also the title of docs/glossary.md"
            in caplog.text
        )
        assert len(full_builds) == 1

        # A page's new picture (a new file) needs the full build.
        (project / "docs" / "assets" / "images" / "new.svg").write_text("<svg/>", encoding="utf-8")
        server.builder()
        assert len(full_builds) == 2
    finally:
        server.server_close()
        shutil.rmtree(site_dir, ignore_errors=True)


def test_the_readmes_serve_command_shows_a_saved_page(tmp_path: Path) -> None:
    """The real `mkdocs serve --no-strict` on 127.0.0.1 (the preview benchmark, one save): the
    new sentence is served, and the log names the pages rendered again. No timing here."""
    from tools.benchmark import preview as benchmark

    project = copy_project(tmp_path / "project", spanish=True)
    port = benchmark.free_port()
    url = f"http://127.0.0.1:{port}/dry-needling/aftercare/"
    with benchmark.serving(project, port) as (process, serve_log):
        benchmark.wait_for(lambda: b"livereload(" in benchmark.fetch(url), "the first build")
        benchmark.wait_until_idle(serve_log, 0.0, 0)
        result = benchmark.one_edit(process, serve_log, project / "docs" / AFTERCARE, url, 1)
    assert result["served_s"] > 0 and result["reload_s"] > 0
    log = serve_log.text()
    assert "Rendered again: docs/aftercare.md, docs-es/aftercare.md" in log
    assert "docs-es/aftercare.md:4: the English page docs/aftercare.md changed" in log
