"""Checks of a page's Markdown: links, images, unsafe HTML and headings.

Works on the page's source text (front matter included), so line numbers match the
editor. Code blocks, inline code and HTML comments are blanked out first, so
examples inside them are never reported.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from scripts.problems import Problem
from scripts.readers.html_attributes import tag_attributes

MAX_IMAGE_BYTES = 300 * 1024
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:[^`\n]|\n(?![ \t]*\n)|`(?!\1))+?(?<!`)\1(?!`)")
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<url>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_IMAGE = re.compile(r"!\[(?P<text>[^\]]*)\]\[[^\]]*\]")
REFERENCE_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)>?", re.MULTILINE)
AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
HTML_TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^<>]*)?)/?>", re.DOTALL)
ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^{}\n]*)\}")
EVENT_ATTR = re.compile(r"(?:^|\s)(?P<name>on[a-z]+)\s*=", re.IGNORECASE)
STYLE_ATTR = re.compile(r"(?:^|\s)style\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""[("'<=]\s*(?P<scheme>(?:java|vb)script)\s*:""", re.IGNORECASE)
ATX_HEADING = re.compile(r"^[ \t]*(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
NO_SPACE_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?P<rest>[^#\s].*)$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?P<mark>=+|-+)[ \t]*$")
NOT_PARAGRAPH = re.compile(r"^\s*$|^\s*([-*+>|#]|\d+[.)]\s|!!!|\?\?\?|<|\*\[)")
HEADING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")
CLOSING_HASHES = re.compile(r"\s+#+$")
UNSAFE_TAGS = {
    "script": "runs code",
    "iframe": "embeds another website",
    "frame": "embeds another website",
    "frameset": "embeds another website",
    "object": "embeds a plugin or another website",
    "embed": "embeds a plugin or another website",
    "applet": "runs code",
    "style": "changes the site's styles",
    "link": "loads a file from elsewhere",
    "meta": "changes how browsers treat the page",
    "base": "changes where every link on the page goes",
}
ID_ATTR = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "to",
    "for",
    "in",
    "on",
    "or",
    "with",
    "your",
    "you",
    "our",
    "is",
    "what",
}


@dataclass(frozen=True)
class AnchorLink:
    """A link to a section (`page.md#section`), checked once every page is rendered."""

    path: str
    line: int
    written: str
    target: str  # src_uri of the linked page
    anchor: str


@dataclass(frozen=True)
class PageScan:
    problems: list[Problem]
    anchor_links: list[AnchorLink]


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def masked_source(source: str, body_start: int) -> str:
    """The source with front matter, fenced code, HTML comments and inline code blanked out.

    The result has the same length and line breaks, so offsets map to the same lines.
    """
    lines = source.split("\n")
    out: list[str] = []
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        if number < body_start:
            out.append(_blank(line))
            continue
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append(_blank(line))
        elif fence is not None:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not line.strip()[len(match.group(1)) :].strip()
            ):
                fence = None
            out.append(_blank(line))
        else:
            out.append(line)
    text = "\n".join(out)
    text = HTML_COMMENT.sub(lambda m: _blank(m.group(0)), text)
    return INLINE_CODE.sub(lambda m: _blank(m.group(0)), text)


class LineIndex:
    """Maps a character offset in the source to its 1-based line."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


# ---------------------------------------------------------------- unsafe HTML

BLOCK_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>div|details|section|figure|aside)\b[^<>]*>", re.IGNORECASE
)


def check_unclosed_html(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Every <div> (and similar box) opened in a page is closed again, in order."""
    open_tags: list[tuple[str, int]] = []
    for tag in BLOCK_TAG.finditer(masked):
        name, line = tag.group("name").lower(), lines.line(tag.start())
        if not tag.group("close"):
            open_tags.append((name, line))
        elif open_tags and open_tags[-1][0] == name:
            open_tags.pop()
        else:
            yield Problem(
                path,
                line,
                f"</{name}> closes a <{name}> that was never opened here, which breaks the page layout. "
                f"Delete this </{name}>, or add the <{name}> it belongs to above it.",
            )
    for name, line in open_tags:
        yield Problem(
            path,
            line,
            f"this <{name}> is never closed, so the rest of the page falls inside it and the layout breaks. "
            f"Add a line </{name}> where the box should end.",
        )


def check_unsafe_html(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Raw HTML in Markdown that could run code, load other sites or restyle the page."""
    for tag in HTML_TAG.finditer(masked):
        name = tag.group("name").lower()
        line = lines.line(tag.start())
        if name in UNSAFE_TAGS:
            yield Problem(
                path,
                line,
                f"<{name}> is not allowed in pages: it {UNSAFE_TAGS[name]}, which could harm patients' "
                f"privacy or safety. Delete the <{name}> tag. For a video or other special content, "
                "ask the web team.",
            )
        for event in EVENT_ATTR.finditer(tag.group("attrs")):
            yield Problem(
                path,
                line,
                f"the {event.group('name').lower()}= attribute in <{name}> would run code, which pages must "
                f'never do. Delete {event.group("name").lower()}="..." from the tag.',
            )
        if name not in UNSAFE_TAGS and STYLE_ATTR.search(tag.group("attrs")):
            yield Problem(
                path,
                line,
                f'the style="..." attribute in <{name}> sets its own look, which can break dark mode and '
                'colour contrast. Delete style="..."; for a highlighted box use an admonition such as !!! note.',
            )
    for attr_list in ATTR_LIST.finditer(masked):
        line = lines.line(attr_list.start())
        for event in EVENT_ATTR.finditer(attr_list.group("attrs")):
            yield Problem(
                path,
                line,
                f"the {event.group('name').lower()}= attribute in {{...}} would run code, which pages must "
                f'never do. Delete {event.group("name").lower()}="...".',
            )
        if STYLE_ATTR.search(attr_list.group("attrs")):
            yield Problem(
                path,
                line,
                'the style="..." attribute in {...} sets its own look, which can break dark mode and colour '
                'contrast. Delete style="..."; for a highlighted box use an admonition such as !!! note.',
            )
    for url in SCRIPT_URL.finditer(masked):
        scheme = url.group("scheme").lower()
        yield Problem(
            path,
            lines.line(url.start("scheme")),
            f"a {scheme}: link would run code when clicked, which pages must never do. "
            "Replace it with a normal https:// link or a link to another page.",
        )


# ---------------------------------------------------------------- headings


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


def headings(masked: str) -> tuple[list[Heading], list[Problem]]:
    """Headings with their lines, plus `#Heading` lines that lack the space after #."""
    found: list[Heading] = []
    no_space: list[Problem] = []
    lines = masked.split("\n")
    for index, line in enumerate(lines):
        number = index + 1
        atx = ATX_HEADING.match(line)
        if atx:
            text = CLOSING_HASHES.sub("", HEADING_ATTRS.sub("", atx.group("text") or "")).strip()
            found.append(Heading(len(atx.group("hashes")), text, number))
            continue
        bare = NO_SPACE_HEADING.match(line)
        if bare and not bare.group("rest").startswith("["):
            no_space.append(
                Problem(
                    "",
                    number,
                    f"'{line.strip()[:40]}' looks like a heading but has no space after the #, so it shows "
                    f"as plain text. Add a space: {bare.group('hashes')} {bare.group('rest').strip()[:30]}",
                )
            )
            continue
        setext = SETEXT_UNDERLINE.match(line)
        if setext and index > 0 and not NOT_PARAGRAPH.match(lines[index - 1]):
            level = 1 if setext.group("mark").startswith("=") else 2
            found.append(Heading(level, lines[index - 1].strip(), number - 1))
    return found, no_space


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.lower())) - STOP_WORDS


def check_headings(path: str, masked: str, title: str | None) -> Iterator[Problem]:
    """One H1 at most, no skipped levels, no empty headings, and an H1 that matches the title."""
    found, no_space = headings(masked)
    for problem in no_space:
        yield Problem(path, problem.line, problem.message)
    h1s = [heading for heading in found if heading.level == 1]
    for extra in h1s[1:]:
        yield Problem(
            path,
            extra.line,
            f"the page has more than one main heading (# ...); the first is on line {h1s[0].line}. "
            f"A page has one # heading, its title. Change this one to ## {extra.text}",
        )
    previous = 1  # Material shows the title as the H1 when the page has none
    for heading in found:
        if not heading.text:
            yield Problem(
                path,
                heading.line,
                "this heading is empty. Write the heading text after the #, or delete the line.",
            )
        if heading.level > previous + 1:
            wanted = "#" * (previous + 1)
            yield Problem(
                path,
                heading.line,
                f"heading level jumps from {'#' * previous} to {'#' * heading.level}, which confuses screen "
                f"readers. Use {wanted} {heading.text} (headings go down one level at a time).",
            )
        previous = heading.level
    if h1s and title and not (_words(title) & _words(h1s[0].text)):
        yield Problem(
            path,
            h1s[0].line,
            f"the main heading '{h1s[0].text}' has nothing in common with the title '{title}' in the front "
            "matter; this often means the page was copied and only one was changed. Make them match.",
        )


# ---------------------------------------------------------------- links and images


@dataclass(frozen=True)
class Reference:
    line: int
    url: str
    is_image: bool
    alt: str | None  # None when the image syntax has no alt attribute at all
    html: bool


def references(masked: str, lines: LineIndex) -> Iterator[Reference]:
    """Every link and image in the Markdown, with its line."""
    for match in INLINE_LINK.finditer(masked):
        url = (
            match.group("angled") if match.group("angled") is not None else match.group("url") or ""
        )
        is_image = bool(match.group("bang"))
        yield Reference(
            lines.line(match.start()),
            url,
            is_image,
            match.group("text") if is_image else None,
            False,
        )
    for match in REFERENCE_IMAGE.finditer(masked):
        if not match.group("text").strip():
            yield Reference(lines.line(match.start()), "", True, "", False)
    for match in REFERENCE_DEF.finditer(masked):
        yield Reference(lines.line(match.start("url")), match.group("url"), False, None, False)
    for match in AUTOLINK.finditer(masked):
        yield Reference(lines.line(match.start()), match.group("url"), False, None, False)
    for tag in HTML_TAG.finditer(masked):
        name = tag.group("name").lower()
        attrs = tag_attributes(tag.group("attrs"))
        line = lines.line(tag.start())
        if name == "img":
            yield Reference(line, attrs.get("src", ""), True, attrs.get("alt"), True)
        elif name in ("a", "area") and "href" in attrs:
            yield Reference(line, attrs["href"], False, None, True)
        elif name in ("source", "video", "audio", "track") and "src" in attrs:
            yield Reference(line, attrs["src"], True, "-", True)


def _suggest(target: str, known: Collection[str]) -> str:
    candidates = (
        [name for name in known if name.endswith(".md")] if target.endswith(".md") else list(known)
    )
    close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
    return (
        f" Did you mean {close[0]}?"
        if close
        else " Check the spelling against the file names in the docs folder."
    )


def _relative(page: str, target: str) -> str:
    """`target` written on `page`, as a path from the docs folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def _image_problems(
    path: str, ref: Reference, resolved: str, docs_dir: Path | None
) -> Iterator[Problem]:
    if docs_dir is None:
        return
    file = docs_dir / resolved
    try:
        size = file.stat().st_size
    except OSError:
        return
    if size > MAX_IMAGE_BYTES and ref.alt != "-":
        yield Problem(
            path,
            ref.line,
            f"image {ref.url} is {size // 1024} KB; the limit is {MAX_IMAGE_BYTES // 1024} KB, because patients "
            "read on phones. Shrink it: resize it to at most 1200 pixels wide and save it as WebP or JPEG at "
            "quality 75-80 (for example with https://squoosh.app, which works in your browser), then replace the file.",
        )


def check_references(
    path: str,
    page_uri: str,
    masked: str,
    lines: LineIndex,
    known_files: Collection[str],
    docs_dir: Path | None,
) -> tuple[list[Problem], list[AnchorLink]]:
    """Broken, unsafe or insecure links and images. Section links are returned for a later check."""
    problems: list[Problem] = []
    anchors: list[AnchorLink] = []
    for ref in references(masked, lines):
        what = "image" if ref.is_image else "link"
        if ref.is_image and ref.alt != "-" and not (ref.alt or "").strip():
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"image {ref.url or ''} has no alt text, so blind patients will not know what it shows. "
                    "Describe the image in a few words: ![Needle placed in the upper back](image.jpg)"
                    if not ref.html
                    else f"image {ref.url} has no alt text, so blind patients will not know what it shows. "
                    'Add alt="a few words that describe it" to the <img> tag.',
                )
            )
        url = ref.url.strip()
        if not url:
            if not ref.is_image:
                problems.append(
                    Problem(
                        path,
                        ref.line,
                        "this link has no address. Put the address between the ( ) after the link text.",
                    )
                )
            continue
        parsed = urlparse(url)
        scheme = parsed.scheme.lower()
        if scheme in ("javascript", "vbscript"):
            continue  # reported by check_unsafe_html
        if re.match(r"^[A-Za-z]:[\\/]", url) or scheme == "file":
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"{what} {url} points to a file on your own computer, which patients cannot open. "
                    "Put the file in the docs folder and link to it by name, or use an https:// address.",
                )
            )
            continue
        if scheme in ("mailto", "tel"):
            continue
        external = url.startswith("//") or bool(scheme)
        if external and ref.is_image:
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"image {url} loads from another website, which tells that website who reads our pages. "
                    "Save the image into docs/assets/images/ and link to it there.",
                )
            )
            continue
        if url.startswith("//") or (scheme and scheme != "https"):
            secure = "https://" + url.split("://", 1)[-1].lstrip("/")
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"link {url} is not https://, so it is not secure. Use {secure} (check that it opens), "
                    "or link to a different, secure page.",
                )
            )
            continue
        if scheme == "https":
            continue
        if url.startswith("/"):
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"{what} {url} starts with /, which breaks when the site is published in a sub-folder. "
                    "Link to the Markdown file instead, e.g. aftercare.md or aftercare.md#swelling.",
                )
            )
            continue
        target, _, anchor = url.partition("#")
        target = unquote(target.split("?", 1)[0])
        if not target:
            if anchor:
                anchors.append(AnchorLink(path, ref.line, url, page_uri, anchor))
            elif not ref.is_image:
                problems.append(
                    Problem(
                        path,
                        ref.line,
                        f"link {url} goes nowhere (it looks like a placeholder). "
                        "Put the page or web address between the ( ), or remove the link.",
                    )
                )
            continue
        resolved = _relative(page_uri, target)
        if resolved.startswith("../") or resolved == "..":
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"{what} {url} points outside the docs folder, which is not published. "
                    "Link only to pages and files inside docs/.",
                )
            )
            continue
        if resolved in known_files:
            if anchor and resolved.endswith(".md"):
                anchors.append(AnchorLink(path, ref.line, url, resolved, anchor))
            if ref.is_image:
                problems.extend(_image_problems(path, ref, resolved, docs_dir))
            continue
        as_page = next(
            (
                c
                for c in (resolved.rstrip("/") + ".md", posixpath.join(resolved, "index.md"))
                if c in known_files
            ),
            None,
        )
        if as_page and not ref.is_image:
            written = posixpath.relpath(as_page, posixpath.dirname(page_uri) or ".")
            problems.append(
                Problem(
                    path,
                    ref.line,
                    f"link {url} does not name a page file. Link to the Markdown file instead: {written}"
                    + (f"#{anchor}" if anchor else ""),
                )
            )
            continue
        kind = (
            "an image file" if ref.is_image else ("a page" if target.endswith(".md") else "a file")
        )
        problems.append(
            Problem(
                path,
                ref.line,
                f"{what} {url} points to {kind} that does not exist ({resolved}).{_suggest(resolved, known_files)}"
                + (" Or add the image file to the docs folder." if ref.is_image else ""),
            )
        )
    return problems, anchors


def page_ids(html: str) -> set[str]:
    """Every id in a page's rendered HTML: the targets of #section links."""
    return set(ID_ATTR.findall(html))


def check_anchor_links(
    links: list[AnchorLink], ids_by_page: Mapping[str, Collection[str]]
) -> list[Problem]:
    """Section links whose section does not exist on the linked page."""
    problems: list[Problem] = []
    for link in links:
        ids = ids_by_page.get(link.target)
        if ids is None or link.anchor in ids:
            continue
        headings = sorted(i for i in ids if not i.startswith(("fn:", "fnref:", "__")))
        close = difflib.get_close_matches(link.anchor, headings, n=1, cutoff=0.5)
        hint = f" Did you mean #{close[0]}?" if close else ""
        problems.append(
            Problem(
                link.path,
                link.line,
                f"link {link.written} points to a section #{link.anchor} that does not exist on {link.target}.{hint} "
                "The part after # must match a heading on that page, in lower case with dashes for spaces "
                "(## Swelling and bruising -> #swelling-and-bruising).",
            )
        )
    return problems


BARE_URL = re.compile(
    r"(?<![(<\[=\"'/\w])(?P<url>(?:https?://|www\.)[^\s<>()\]]+[^\s<>()\].,;:!?'\"])"
)


def check_bare_urls(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Web addresses typed as plain text, which patients cannot click."""
    without_definitions = REFERENCE_DEF.sub(lambda m: _blank(m.group(0)), masked)
    for match in BARE_URL.finditer(without_definitions):
        url = match.group("url")
        address = "https://" + re.sub(r"^https?://", "", url)
        yield Problem(
            path,
            lines.line(match.start()),
            f"the web address {url} is plain text, so patients cannot click it. "
            f"Make it a link: [a few words that say where it goes]({address})",
        )


# ---------------------------------------------------------------- snippets and admonitions

SNIPPET_LINE = re.compile(
    r"""^[ \t]*--8<--[ \t]+(?P<quote>["'])(?P<file>[^"'\n]+)(?P=quote)[ \t]*$""", re.MULTILINE
)
SNIPPET_SUFFIX = re.compile(r"(:\d*)+$")
ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]*(?P<kind>[\w-]+)")


def _missing_snippets(text: str, base: Path) -> Iterator[tuple[re.Match[str], str]]:
    for match in SNIPPET_LINE.finditer(text):
        name = SNIPPET_SUFFIX.sub("", match.group("file").strip())
        if name and not name.startswith(("http://", "https://")) and not (base / name).is_file():
            yield match, name


def check_snippets(path: str, source: str, body_start: int, base: Path) -> Iterator[Problem]:
    """`--8<-- "file"` lines whose file does not exist (the build would crash on them)."""
    lines = LineIndex(source)
    for match, name in _missing_snippets(source, base):
        line = lines.line(match.start())
        if line >= body_start:
            yield Problem(
                path,
                line,
                f"the included file {name} does not exist. Fix the file name in the --8<-- line "
                "(it is counted from the project folder, e.g. includes/glossary.md), or delete the line.",
            )


def defuse_missing_snippets(markdown: str, base: Path) -> str:
    """Turn `--8<--` lines with a missing file into comments, so the build reports them instead of crashing."""
    for match, name in reversed(list(_missing_snippets(markdown, base))):
        markdown = (
            markdown[: match.start()] + f"<!-- missing file: {name} -->" + markdown[match.end() :]
        )
    return markdown


def check_admonitions(path: str, masked: str, source: str) -> Iterator[Problem]:
    """`!!! note` boxes whose text is not indented, which show as an empty box."""
    lines = source.split("\n")
    for index, line in enumerate(masked.split("\n")):
        match = ADMONITION.match(line)
        if not match:
            continue
        following = next((text for text in lines[index + 1 :] if text.strip()), None)
        indent = len(match.group("indent").expandtabs(4))
        if (
            following is None
            or len(following) - len(following.lstrip()) < indent + 4
            and not following.startswith("\t")
        ):
            yield Problem(
                path,
                index + 1,
                f"the text of this '!!! {match.group('kind')}' box is not indented, so the box shows empty. "
                "Start each line of the box's text with 4 spaces.",
            )


# ---------------------------------------------------------------- whole page


def check_body_present(path: str, masked: str, body_start: int) -> Iterator[Problem]:
    body = [
        line
        for line in masked.split("\n")[body_start - 1 :]
        if line.strip() and not line.lstrip().startswith("*[")
    ]
    if not body:
        yield Problem(
            path,
            body_start,
            "the page has no text after the front matter. Write the page's text below the --- line, or delete the page and remove it from nav in mkdocs.yml.",
        )


def scan_page(
    path: str,
    page_uri: str,
    source: str,
    body_start: int,
    title: str | None,
    known_files: Collection[str],
    docs_dir: Path | None = None,
    snippet_base: Path | None = None,
) -> PageScan:
    """Every Markdown problem on one page, plus its section links for `check_anchor_links`."""
    masked = masked_source(source, body_start)
    lines = LineIndex(masked)
    problems = list(check_body_present(path, masked, body_start))
    problems += check_unsafe_html(path, masked, lines)
    problems += check_unclosed_html(path, masked, lines)
    problems += check_headings(path, masked, title)
    problems += check_admonitions(path, masked, source)
    problems += check_bare_urls(path, masked, lines)
    if snippet_base is not None:
        problems += check_snippets(path, source, body_start, snippet_base)
    link_problems, anchors = check_references(path, page_uri, masked, lines, known_files, docs_dir)
    problems += link_problems
    return PageScan(sorted(problems, key=lambda p: p.line), anchors)


# ---------------------------------------------------------------- encoding


def check_encoding(path: str, data: bytes) -> tuple[str, list[Problem]]:
    """The file's text, and a problem if it is not UTF-8 (bad characters become \ufffd)."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return data.decode("utf-8-sig", errors="replace"), [
            Problem(
                path,
                line,
                "this line has a character the site cannot read: the file is not saved as UTF-8 text. "
                "This often happens with curly quotes or dashes pasted from Word. Retype the character, "
                "or save the file with UTF-8 encoding (in VS Code: 'Save with Encoding', then 'UTF-8').",
            )
        ]


# ---------------------------------------------------------------- nav


def check_in_nav(path: str) -> Problem:
    return Problem(
        path,
        1,
        "this page is not in the menu, so patients cannot find it. Add it under nav: in mkdocs.yml "
        "(e.g. `  - Aftercare: aftercare.md`), or delete the page if it is not needed.",
    )
