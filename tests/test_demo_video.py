"""The demo video: settings are checked, the shipped page is private, and the player works by mouse,
keyboard and without JavaScript."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TEST_VIDEO_ID, ServedSite, build_site

from scripts.checks.readability import MAX_GRADE, page_grade
from scripts.steps import demo_video

TEST_ID = TEST_VIDEO_ID
EMBED_PREFIX = f"https://www.youtube-nocookie.com/embed/{TEST_ID}?autoplay=1"
GOOD_YAML = """\
site_name: Test
extra:
  clinic:
    name: Example
  demo_video:
    id: ""
    title: Dry needling of the upper trapezius
    duration: ""
    poster: assets/images/demo-video-poster.svg
    transcript: demo-video.md
    src: ""
    captions: ""
"""
DOCS = ROOT / "docs"


def check(yaml_text: str, docs_dir: Path = DOCS) -> tuple[demo_video.DemoVideo | None, list[str]]:
    import yaml

    raw = yaml.safe_load(yaml_text)["extra"].get("demo_video")
    video, problems = demo_video.check_demo_video(raw, yaml_text, "mkdocs.yml", docs_dir)
    return video, [str(problem) for problem in problems]


def with_setting(key: str, value: str) -> str:
    return re.sub(rf"^    {key}: .*$", f"    {key}: {value}", GOOD_YAML, flags=re.MULTILINE)


def line_of(yaml_text: str, key: str) -> int:
    return next(
        n for n, line in enumerate(yaml_text.splitlines(), 1) if line.strip().startswith(f"{key}:")
    )


# --- Checks of extra.demo_video -------------------------------------------------------------------


def test_shipped_settings_give_the_pending_player() -> None:
    video, problems = check(GOOD_YAML)
    assert problems == []
    assert video is not None and video.mode == "pending"
    assert (video.poster_width, video.poster_height) == (1280, 720)


def test_a_valid_id_gives_the_youtube_player() -> None:
    video, problems = check(
        with_setting("duration", '"4:05"').replace('id: ""', f'id: "{TEST_ID}"')
    )
    assert problems == []
    assert video is not None and video.mode == "youtube"
    assert video.embed_url == EMBED_PREFIX
    assert video.watch_url == f"https://www.youtube.com/watch?v={TEST_ID}"
    assert (video.duration_text, video.duration_iso) == ("4 minutes 5 seconds", "PT4M5S")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("id", '"abc"', "is not a YouTube video id"),
        ("id", '"AbCdEfGh_1!"', "is not a YouTube video id"),
        ("id", f'"https://www.youtube.com/watch?v={TEST_ID}"', f"set id to just {TEST_ID}"),
        ("poster", '""', "poster is empty"),
        ("poster", "assets/images/missing.webp", "does not exist in docs/"),
        ("poster", "https://i.ytimg.com/vi/x/hqdefault.jpg", "is a web address"),
        ("poster", "demo-video.md", "is not an image"),
        ("transcript", "missing-page.md", "is not a page in docs/"),
        ("transcript", '""', "transcript is empty"),
        ("title", '""', "title is empty"),
        ("duration", "four minutes", "is not a length of time"),
        ("src", "assets/video/missing.mp4", "does not exist in docs/"),
        ("src", "https://example.com/demo.mp4", "must be an MP4 file in docs/"),
        ("captions", "assets/video/demo.en.vtt", "captions is set but src is empty"),
    ],
)
def test_each_bad_setting_names_the_file_line_and_fix(key: str, value: str, expected: str) -> None:
    yaml_text = with_setting(key, value)
    video, problems = check(yaml_text)
    assert video is None
    assert any(expected in problem for problem in problems), problems
    matching = [problem for problem in problems if expected in problem]
    assert matching[0].startswith(f"mkdocs.yml:{line_of(yaml_text, key)}: extra.demo_video")


def self_hosted_docs(docs: Path) -> Path:
    """A docs folder with the poster, the transcript page and an MP4 file."""
    (docs / "assets" / "images").mkdir(parents=True)
    shutil.copy(
        DOCS / "assets/images/demo-video-poster.svg", docs / "assets/images/demo-video-poster.svg"
    )
    (docs / "demo-video.md").write_text("# Video\n", encoding="utf-8")
    (docs / "demo.mp4").write_bytes(b"\0")
    return docs


def test_src_without_captions_is_an_error(tmp_path: Path) -> None:
    self_hosted_docs(tmp_path)
    yaml_text = with_setting("src", "demo.mp4").replace('duration: ""', 'duration: "1:00"')
    video, problems = check(yaml_text, tmp_path)
    assert video is None
    assert any("src is set but captions is empty" in problem for problem in problems), problems


def test_self_hosted_video_with_captions(tmp_path: Path) -> None:
    self_hosted_docs(tmp_path)
    (tmp_path / "demo.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", encoding="utf-8"
    )
    yaml_text = with_setting("src", "demo.mp4").replace('captions: ""', "captions: demo.vtt")
    yaml_text = yaml_text.replace('duration: ""', 'duration: "1:00"')
    video, problems = check(yaml_text, tmp_path)
    assert problems == []
    assert video is not None and video.mode == "self_hosted"

    (tmp_path / "demo.vtt").write_text(
        "1\n00:00:00,000 --> 00:00:01,000\nHello\n", encoding="utf-8"
    )
    _, problems = check(yaml_text, tmp_path)
    assert any("is not a WebVTT file" in problem for problem in problems), problems


def test_unknown_setting_and_both_sources_are_errors() -> None:
    yaml_text = GOOD_YAML.replace("    captions:", "    caption: x\n    captions:")
    _, problems = check(yaml_text)
    assert any(
        p.startswith(f"mkdocs.yml:{line_of(yaml_text, 'caption')}:") and "unknown setting" in p
        for p in problems
    ), problems


def test_a_video_needs_its_duration() -> None:
    _, problems = check(GOOD_YAML.replace('id: ""', f'id: "{TEST_ID}"'))
    assert any("duration is empty" in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4:05", ("4 minutes 5 seconds", "PT4M5S")),
        ("1:00:30", ("1 hour 30 seconds", "PT1H30S")),
        ("0:45", ("45 seconds", "PT45S")),
        ("4:5", None),
        ("abc", None),
    ],
)
def test_parse_duration(value: str, expected: tuple[str, str] | None) -> None:
    assert demo_video.parse_duration(value) == expected


def test_front_matter_flag_must_be_true_or_false() -> None:
    source = "---\ntitle: X\ndemo_video: yes please\n---\n# X\n"
    problem = demo_video.front_matter_problem("yes please", "docs/x.md", source)
    assert problem is not None and str(problem).startswith("docs/x.md:3: demo_video:")
    assert demo_video.front_matter_problem(True, "docs/x.md", source) is None


def test_a_bad_id_fails_the_build(scratch_project: Path) -> None:
    config = scratch_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace('    id: ""', '    id: "not-an-id"', 1)
    config.write_text(text, encoding="utf-8")
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert (
        f"mkdocs.yml:{line_of(text, 'id')}: extra.demo_video.id 'not-an-id' is not a YouTube video id"
        in (result.stdout + result.stderr)
    )
    assert "Traceback" not in result.stderr


# --- The shipped site: no id, so no player on any page -----------------------------------------


@pytest.mark.parametrize("language", ["", "es/"])
def test_shipped_site_shows_no_player_until_a_video_is_set(built_site: Path, language: str) -> None:
    for path in ("index.html", "demo-video/index.html"):
        page = (built_site / language / path).read_text(encoding="utf-8")
        assert 'class="demo-video' not in page, f"{language}{path}: an empty player is shown"
        assert "demo-video-poster.svg" not in page, f"{language}{path}: the poster is shown"
        assert "demo-video.js" not in page, f"{language}{path}: the player script is loaded"
        assert not re.search(r"(href|src)=\"[^\"]*youtube", page, re.IGNORECASE), path
    home = (built_site / language / "index.html").read_text(encoding="utf-8")
    assert 'href="demo-video/"' in home  # the home page links the steps instead
    page = (built_site / language / "demo-video" / "index.html").read_text(encoding="utf-8")
    assert 'id="transcript"' in page


def test_a_set_video_shows_the_player_on_its_pages(video_site: ServedSite) -> None:
    for path in ("index.html", "demo-video/index.html"):
        page = (video_site.path / path).read_text(encoding="utf-8")
        assert 'class="demo-video demo-video--youtube"' in page, path
        assert 'class="demo-video__poster" src="' in page, path
    page = (video_site.path / "demo-video" / "index.html").read_text(encoding="utf-8")
    assert 'href="#transcript"' in page and 'id="transcript"' in page


def test_transcript_page_is_plain_language(built_site: Path) -> None:
    page = (built_site / "demo-video" / "index.html").read_text(encoding="utf-8")
    grade = page_grade(page)
    assert grade is not None and grade <= MAX_GRADE, grade


# --- The player in a browser, with an 11-character id ------------------------------------------


@pytest.fixture(scope="session")
def youtube_site_url(video_site: ServedSite) -> str:
    return video_site.url


class Watched:
    """A page whose every request is recorded; anything not on 127.0.0.1 is blocked and noted."""

    def __init__(self, browser: Any, **context_options: Any) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def frames(self) -> int:
        return int(self.page.locator("iframe.demo-video__frame").count())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    session = Watched(browser, viewport={"width": 390, "height": 844})
    yield session
    session.close()


@pytest.mark.browser
def test_nothing_loads_from_another_host_before_the_click(
    watched: Watched, youtube_site_url: str
) -> None:
    for path in ("", "demo-video/"):
        watched.page.goto(youtube_site_url + path, wait_until="networkidle")
        assert watched.page.locator("a.demo-video__play").count() == 1
    assert watched.requests, "no request was recorded: the recorder is broken"
    assert watched.blocked == []
    watched.page.click("a.demo-video__play")
    watched.page.wait_for_selector("iframe.demo-video__frame")
    assert watched.blocked == [EMBED_PREFIX]
    assert watched.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("key", ["Enter", " "])
def test_keyboard_inserts_the_nocookie_player_and_moves_focus(
    watched: Watched, youtube_site_url: str, key: str
) -> None:
    watched.page.goto(youtube_site_url + "demo-video/", wait_until="networkidle")
    stage = watched.page.locator(".demo-video__stage")
    before = stage.bounding_box()
    watched.page.focus("a.demo-video__play")
    watched.page.keyboard.press(key)
    frame = watched.page.wait_for_selector("iframe.demo-video__frame")
    assert frame.get_attribute("src") == EMBED_PREFIX
    assert (frame.get_attribute("title") or "").strip()
    assert watched.page.evaluate("document.activeElement.classList.contains('demo-video__frame')")
    assert watched.page.get_by_text(
        "Playing the video loads it from YouTube (privacy-enhanced mode)."
    ).is_visible()
    assert not watched.page.locator(".demo-video__notice--no-js").is_visible()
    after = stage.bounding_box()
    assert before and after and abs(before["height"] - after["height"]) < 1, (before, after)
    assert watched.frames() == 1
    assert watched.blocked == [EMBED_PREFIX]
    assert watched.errors == []


def _video_listeners(page: Any) -> list[str]:
    """Click and keydown listeners on the document that come from demo-video.js (via DevTools)."""
    cdp = page.context.new_cdp_session(page)
    document = cdp.send("Runtime.evaluate", {"expression": "document", "objectGroup": "test"})
    listeners = cdp.send(
        "DOMDebugger.getEventListeners", {"objectId": document["result"]["objectId"]}
    )
    return [
        item["type"]
        for item in listeners["listeners"]
        if "controlOf" in (item.get("handler") or {}).get("description", "")
    ]


@pytest.mark.browser
def test_round_trip_through_the_nav_keeps_one_listener_and_one_frame(
    watched: Watched, youtube_site_url: str
) -> None:
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(youtube_site_url + "demo-video/", wait_until="networkidle")
    for href, target in (("..", ""), ("demo-video/", "demo-video/")):
        page.locator(f'.md-nav--primary a.md-nav__link[href="{href}"]').first.click()
        page.wait_for_url(youtube_site_url + target)
        page.wait_for_selector("a.demo-video__play")
        page.wait_for_selector("html[data-scripts-ready]", state="attached")
    assert sorted(_video_listeners(page)) == ["click", "keydown"]
    page.click("a.demo-video__play")
    page.wait_for_selector("iframe.demo-video__frame")
    page.wait_for_timeout(200)
    assert watched.frames() == 1
    assert page.locator("a.demo-video__play").count() == 0
    assert watched.errors == []


@pytest.mark.browser
def test_without_javascript_the_control_is_a_youtube_link(
    browser: Any, youtube_site_url: str
) -> None:
    session = Watched(browser, java_script_enabled=False)
    try:
        session.page.goto(youtube_site_url + "demo-video/")
        control = session.page.locator("a.demo-video__play")
        assert control.is_visible()
        assert control.get_attribute("href") == f"https://www.youtube.com/watch?v={TEST_ID}"
        assert "Play video" in control.inner_text()
        assert session.page.locator(".demo-video__notice--no-js").is_visible()
        assert not session.page.locator(".demo-video__notice--js").is_visible()
        assert session.page.locator("iframe").count() == 0
        assert session.page.locator(".demo-video__transcript a").is_visible()
        assert session.blocked == []
    finally:
        session.close()


def test_self_hosted_video_renders_a_native_player_with_captions(scratch_project: Path) -> None:
    video_dir = scratch_project / "docs" / "assets" / "video"
    video_dir.mkdir(parents=True)
    (video_dir / "demo.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    (video_dir / "demo.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n", encoding="utf-8"
    )
    config = scratch_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('    src: ""', "    src: assets/video/demo.mp4", 1)
    text = text.replace('    captions: ""', "    captions: assets/video/demo.en.vtt", 1)
    text = text.replace('    duration: ""', '    duration: "0:02"', 1)
    config.write_text(text, encoding="utf-8")
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (scratch_project / "site" / "demo-video" / "index.html").read_text(encoding="utf-8")
    assert '<video class="demo-video__media" controls preload="none"' in page
    assert '<source src="../assets/video/demo.mp4" type="video/mp4">' in page
    assert '<track kind="captions" src="../assets/video/demo.en.vtt" srclang="en"' in page
    assert "demo-video__play" not in page
    assert not re.search(
        r"(href|src)=\"[^\"]*youtube", page, re.IGNORECASE
    )  # no YouTube link or embed


def test_player_script_is_at_most_3_kb_gzipped(video_site: ServedSite) -> None:
    import gzip

    script = (video_site.path / "assets" / "javascripts" / "demo-video.js").read_bytes()
    assert len(gzip.compress(script, compresslevel=9)) <= 3 * 1024
    assert "demo-video.js" in (video_site.path / "index.html").read_text(encoding="utf-8")
