"""The demo video: settings under `extra.demo_video` in mkdocs.yml, checked and made ready for the template.

Nothing here talks to YouTube. The page shows a self-hosted poster; only a click on
"Play video" loads the player from youtube-nocookie.com (see demo-video.js).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from scripts.problems import Problem
from scripts.readers.yaml_lines import key_line

SCRIPT = "assets/javascripts/demo-video.js"  # only where a YouTube player waits for "Play"
KEYS = ("id", "title", "duration", "poster", "transcript", "src", "captions")
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
DURATION = re.compile(r"(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>[0-5]\d)")
POSTER_TYPES = (".webp", ".svg", ".png", ".jpg", ".jpeg", ".avif")
EMBED_URL = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"
WATCH_URL = "https://www.youtube.com/watch?v={id}"
EXAMPLE_ID = "AbCdEfGh_1-"  # made up: 11 characters of the right kind


@dataclass(frozen=True)
class DemoVideo:
    """Checked settings, ready for `overrides/partials/demo-video.html`."""

    mode: str  # "youtube", "self_hosted" or "pending"
    title: str
    duration_text: str
    duration_iso: str
    poster: str
    poster_width: int
    poster_height: int
    transcript: str  # the transcript page's source path, e.g. demo-video.md
    video_id: str = ""
    src: str = ""
    captions: str = ""

    @property
    def embed_url(self) -> str:
        return EMBED_URL.format(id=self.video_id) if self.video_id else ""

    @property
    def watch_url(self) -> str:
        return WATCH_URL.format(id=self.video_id) if self.video_id else ""


def _text(settings: Mapping[str, Any], key: str) -> str:
    value = settings.get(key)
    return "" if value is None else str(value).strip()


def youtube_id_from_url(value: str) -> str:
    """The id inside a pasted YouTube address, or "" if there is none."""
    parsed = urlparse(value)
    if not parsed.netloc:
        return ""
    candidates = parse_qs(parsed.query).get("v", []) + [parsed.path.rstrip("/").rsplit("/", 1)[-1]]
    return next((item for item in candidates if YOUTUBE_ID.fullmatch(item)), "")


def parse_duration(value: str) -> tuple[str, str] | None:
    """`4:05` -> ("4 minutes 5 seconds", "PT4M5S"); None if the value is not `M:SS` or `H:MM:SS`."""
    match = DURATION.fullmatch(value)
    if not match:
        return None
    parts = [
        (int(match["h"] or 0), "hour", "H"),
        (int(match["m"]), "minute", "M"),
        (int(match["s"]), "second", "S"),
    ]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit, _ in parts if n]
    iso = "PT" + "".join(f"{n}{letter}" for n, _, letter in parts if n)
    return (" ".join(words) or "0 seconds", iso if iso != "PT" else "PT0S")


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of an SVG (from its attributes) or a raster image; None if unknown."""
    if path.suffix.lower() == ".svg":
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            return None
        sizes = [
            re.fullmatch(r"\s*(\d+)(?:px)?\s*", root.get(attr, "")) for attr in ("width", "height")
        ]
        if sizes[0] and sizes[1]:
            return int(sizes[0][1]), int(sizes[1][1])
        return None
    try:
        from PIL import Image  # WeasyPrint already depends on Pillow

        with Image.open(path) as image:
            return int(image.width), int(image.height)
    except (OSError, ImportError):
        return None


def _not_in_docs(key: str, path: str, kind: str = "file") -> str:
    return (
        f"extra.demo_video.{key} '{path}' does not exist in docs/. "
        f"Check the spelling, or add the {kind} at docs/{path}."
    )


def _is_web_address(value: str) -> bool:
    return bool(urlparse(value).scheme) or value.startswith("//")


def check_demo_video(
    raw: object, yaml_text: str, config_path: str, docs_dir: Path
) -> tuple[DemoVideo | None, list[Problem]]:
    """Check `extra.demo_video`; give the ready settings (None if absent or broken) and every problem."""
    base = ["extra", "demo_video"]
    problems: list[Problem] = []

    def problem(key: str | None, message: str) -> None:
        line = key_line(yaml_text, base + ([key] if key else []))
        problems.append(Problem(config_path, line, message))

    if raw is None:
        return None, []
    if not isinstance(raw, Mapping):
        problem(
            None,
            "extra.demo_video must be a list of settings (id, title, duration, poster, transcript). "
            'See README, "Make it yours".',
        )
        return None, problems

    for key in raw:
        if key not in KEYS:
            problem(
                str(key),
                f"extra.demo_video has an unknown setting '{key}'. "
                f"Use only: {', '.join(KEYS)}. Check the spelling.",
            )

    video_id, src, captions = _text(raw, "id"), _text(raw, "src"), _text(raw, "captions")
    if video_id and not YOUTUBE_ID.fullmatch(video_id):
        found = youtube_id_from_url(video_id)
        hint = (
            f"It looks like a full web address: set id to just {found}."
            if found
            else f"Copy it from the video's address: in https://www.youtube.com/watch?v={EXAMPLE_ID} "
            f"the id is {EXAMPLE_ID}."
        )
        problem(
            "id",
            f"extra.demo_video.id '{video_id}' is not a YouTube video id "
            f"(exactly 11 letters, digits, - or _). {hint}",
        )
    if video_id and src:
        problem(
            "src",
            "extra.demo_video has both id (YouTube) and src (a video file). "
            "Keep one: empty id to use your own file, or empty src to use YouTube.",
        )

    title = _text(raw, "title")
    if not title:
        problem(
            "title",
            "extra.demo_video.title is empty. Give the video a short title, "
            "for example: Dry needling of the upper trapezius.",
        )

    duration = _text(raw, "duration")
    parsed_duration = parse_duration(duration) if duration else ("", "")
    if parsed_duration is None:
        problem(
            "duration",
            f"extra.demo_video.duration '{duration}' is not a length of time. "
            "Write minutes:seconds, for example 4:05, or hours:minutes:seconds, for example 1:02:30.",
        )
    elif not duration and (video_id or src):
        problem(
            "duration",
            "extra.demo_video.duration is empty. Write how long the video is, "
            "as minutes:seconds, for example 4:05.",
        )

    poster = _text(raw, "poster")
    poster_size: tuple[int, int] | None = None
    if not poster:
        problem(
            "poster",
            "extra.demo_video.poster is empty. Set it to an image in docs/, "
            "for example assets/images/demo-video-poster.svg.",
        )
    elif _is_web_address(poster):
        problem(
            "poster",
            f"extra.demo_video.poster '{poster}' is a web address. The poster must be a file "
            "in docs/ so the page loads nothing from other sites. Save the image in docs/assets/images/ "
            "and give its path.",
        )
    elif not poster.lower().endswith(POSTER_TYPES):
        problem(
            "poster",
            f"extra.demo_video.poster '{poster}' is not an image. "
            f"Use one of: {', '.join(POSTER_TYPES)}.",
        )
    elif not (docs_dir / poster).is_file():
        problem("poster", _not_in_docs("poster", poster, "image"))
    else:
        poster_size = image_size(docs_dir / poster)
        if poster_size is None:
            problem(
                "poster",
                f"extra.demo_video.poster '{poster}': its width and height cannot be read. "
                "For an SVG, set width and height in pixels on the <svg> element.",
            )

    transcript = _text(raw, "transcript")
    if not transcript:
        problem(
            "transcript",
            "extra.demo_video.transcript is empty. Set it to the page with the "
            "video's transcript, for example demo-video.md.",
        )
    elif not transcript.endswith(".md") or not (docs_dir / transcript).is_file():
        problem(
            "transcript",
            f"extra.demo_video.transcript '{transcript}' is not a page in docs/. "
            "Give the Markdown file of the transcript page, for example demo-video.md.",
        )

    if src:
        if _is_web_address(src) or not src.lower().endswith(".mp4"):
            problem(
                "src",
                f"extra.demo_video.src '{src}' must be an MP4 file in docs/, "
                "for example assets/video/demo.mp4. For a YouTube video, use id instead.",
            )
        elif not (docs_dir / src).is_file():
            problem("src", _not_in_docs("src", src))
        if not captions:
            problem(
                "src",
                "extra.demo_video.src is set but captions is empty. Add a WebVTT captions "
                "file (.vtt) to docs/ and set captions to its path, so people who cannot hear "
                "the video can follow it.",
            )
    if captions:
        if not src:
            problem(
                "captions",
                "extra.demo_video.captions is set but src is empty. Captions are only "
                "used with your own video file: set src, or remove captions.",
            )
        if _is_web_address(captions) or not captions.lower().endswith(".vtt"):
            problem(
                "captions",
                f"extra.demo_video.captions '{captions}' must be a WebVTT file (.vtt) "
                "in docs/, for example assets/video/demo.en.vtt.",
            )
        elif not (docs_dir / captions).is_file():
            problem("captions", _not_in_docs("captions", captions))
        elif (
            not (docs_dir / captions)
            .read_text(encoding="utf-8", errors="replace")
            .startswith(("WEBVTT", "\ufeffWEBVTT"))
        ):
            problem(
                "captions",
                f"extra.demo_video.captions '{captions}' is not a WebVTT file: "
                "its first line must be WEBVTT. Export the captions as .vtt.",
            )

    if problems or parsed_duration is None or poster_size is None:
        return None, problems
    mode = "youtube" if video_id else "self_hosted" if src else "pending"
    return DemoVideo(
        mode=mode,
        title=title,
        duration_text=parsed_duration[0],
        duration_iso=parsed_duration[1],
        poster=poster,
        poster_width=poster_size[0],
        poster_height=poster_size[1],
        transcript=transcript,
        video_id=video_id,
        src=src,
        captions=captions,
    ), []


def template_context(
    video: DemoVideo, transcript_url: str, on_transcript_page: bool
) -> dict[str, Any]:
    """Plain values for the partial, so the template makes no Python calls.

    URLs to files in docs/ are site-root paths; the template passes them through MkDocs' `url` filter.
    """
    return {
        "mode": video.mode,
        "title": video.title,
        "duration_text": video.duration_text,
        "duration_iso": video.duration_iso,
        "poster": video.poster,
        "poster_width": video.poster_width,
        "poster_height": video.poster_height,
        "embed_url": video.embed_url,
        "watch_url": video.watch_url,
        "src": video.src,
        "captions": video.captions,
        "transcript_url": transcript_url,
        "on_transcript_page": on_transcript_page,
    }


def front_matter_problem(value: object, path: str, source: str) -> Problem | None:
    """`demo_video:` in a page's front matter must be true or false."""
    if isinstance(value, bool) or value is None:
        return None
    match = re.search(r"^demo_video\s*:", source, re.MULTILINE)
    line = source.count("\n", 0, match.start()) + 1 if match else 1
    return Problem(
        path,
        line,
        f"demo_video: {value!r} must be true or false. "
        "Write demo_video: true to show the video player on this page.",
    )
