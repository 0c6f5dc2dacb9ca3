"""Markdown checks, called directly on page text."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks.markdown_checks import (
    AnchorLink,
    check_anchor_links,
    check_encoding,
    defuse_missing_snippets,
    masked_source,
    page_ids,
    scan_page,
)

KNOWN = {"index.md", "aftercare.md", "topics/safety.md", "assets/water.png", "assets/big.jpg"}
FRONT = "---\ntitle: Aftercare\n---\n"  # body starts on line 4


def scan(
    body: str, title: str | None = "Aftercare", page: str = "aftercare.md", docs: Path | None = None
) -> list[str]:
    result = scan_page(f"docs/{page}", page, FRONT + body, 4, title, KNOWN, docs)
    return [str(problem) for problem in result.problems]


def test_clean_page_has_no_problems() -> None:
    body = (
        "# Aftercare\n\nRead [the home page](index.md) and [safety](topics/safety.md#risks).\n\n"
        "## Water\n\n![A glass of water](assets/water.png)\n\nCall <tel:+15415550142> or "
        "[email us](mailto:hello@example.com). See [the NHS](https://www.nhs.uk/).\n\n"
        "### Details\n\nText [^1].\n\n[^1]: A note.\n\n*[NHS]: National Health Service\n"
    )
    assert scan(body) == []


def test_lines_count_the_front_matter() -> None:
    assert scan("# Aftercare\n\n[x](missing.md)\n")[0].startswith(
        "docs/aftercare.md:6: link missing.md"
    )


def test_code_comments_and_inline_code_are_ignored() -> None:
    body = (
        "# Aftercare\n\n```html\n<script>alert(1)</script>\n# not a heading\n[x](missing.md)\n```\n\n"
        "~~~~\n```\n<iframe></iframe>\n~~~~\n\nUse `<script>` and ``[x](gone.md)`` as text.\n\n"
        "<!-- a marker: <script>\n[x](missing.md) -->\n\nText.\n"
    )
    assert scan(body) == []


def test_masking_keeps_lines() -> None:
    source = FRONT + "```\ncode\n```\ntext `code` <!-- c -->\n"
    masked = masked_source(source, 4)
    assert masked.count("\n") == source.count("\n") and len(masked) == len(source)
    assert "code" not in masked and "text" in masked


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[a](aftercare)",
            "link aftercare does not name a page file. Link to the Markdown file instead: aftercare.md",
        ),
        (
            "[a](aftercar.md)",
            "points to a page that does not exist (aftercar.md). Did you mean aftercare.md?",
        ),
        ("[a](topics/safety/)", "Link to the Markdown file instead: topics/safety.md"),
        ("[a](/aftercare/)", "starts with /"),
        ("[a](../../outside.md)", "points outside the docs folder"),
        (
            "[a](http://example.com/x)",
            "link http://example.com/x is not https://, so it is not secure. Use https://example.com/x",
        ),
        ("[a](ftp://example.com/x)", "is not https://"),
        ("[a](file:///C:/Users/me/x.pdf)", "points to a file on your own computer"),
        ("[a]()", "this link has no address"),
        ("[Book now](#)", "link # goes nowhere"),
        ("[ref]: http://example.com", "link http://example.com is not https://"),
        ("<http://example.com>", "link http://example.com is not https://"),
        ('<a href="http://example.com">a</a>', "link http://example.com is not https://"),
        ("![](assets/water.png)", "image assets/water.png has no alt text"),
        ("![ ][pic]\n\n[pic]: assets/water.png", "has no alt text"),
        ('<img src="assets/water.png">', 'Add alt="'),
        ('<img src="assets/water.png" alt="">', "has no alt text"),
        (
            "![Water](assets/watr.png)",
            "image file that does not exist (assets/watr.png). Did you mean assets/water.png?",
        ),
        ("![Water](https://example.com/w.png)", "loads from another website"),
        ("![Water](http://example.com/w.png)", "loads from another website"),
    ],
)
def test_link_and_image_mistakes(body: str, expected: str) -> None:
    found = scan("# Aftercare\n\n" + body + "\n")
    assert any("docs/aftercare.md:6: " in item and expected in item for item in found), found


def test_links_resolve_from_the_page_folder() -> None:
    assert (
        scan(
            "# Safety\n\n[home](../index.md) [aftercare](../aftercare.md#x)\n",
            title="Safety",
            page="topics/safety.md",
        )
        == []
    )
    found = scan("# Safety\n\n[home](index.md)\n", title="Safety", page="topics/safety.md")
    assert "topics/index.md" in found[0]


def test_image_size_limit(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "water.png").write_bytes(b"x" * 300 * 1024)
    (tmp_path / "assets" / "big.jpg").write_bytes(b"x" * (300 * 1024 + 1))
    assert scan("# Aftercare\n\n![Water](assets/water.png)\n", docs=tmp_path) == []
    [problem] = scan("# Aftercare\n\n![Big](assets/big.jpg)\n", docs=tmp_path)
    assert (
        "is 300 KB; the limit is 300 KB" in problem and "Shrink it" in problem and "WebP" in problem
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script src='x.js'></script>", "<script> is not allowed"),
        ("<SCRIPT>alert(1)</SCRIPT>", "<script> is not allowed"),
        ('<iframe src="https://example.com"></iframe>', "<iframe> is not allowed"),
        ("<object data='x'></object>", "<object> is not allowed"),
        ("<embed src='x'>", "<embed> is not allowed"),
        ("<style>p{}</style>", "<style> is not allowed"),
        ('<link rel="stylesheet" href="https://x.com/a.css">', "<link> is not allowed"),
        ('<div\n  onclick="x()">a</div>', "onclick= attribute in <div>"),
        ('<img src="assets/water.png" alt="w" onerror="x()">', "onerror= attribute in <img>"),
        ('Text{: onclick="x()" }', "onclick= attribute in {...}"),
        ("[a](javascript:alert(1))", "javascript: link would run code"),
        ('<a href="JavaScript:void(0)">a</a>', "javascript: link would run code"),
        ('<p style="color:red">a</p>', 'style="..." attribute in <p>'),
    ],
)
def test_unsafe_html(body: str, expected: str) -> None:
    found = scan("# Aftercare\n\n" + body + "\n")
    assert any(item.startswith("docs/aftercare.md:6: ") and expected in item for item in found), (
        found
    )


def test_safe_html_and_prose_pass() -> None:
    body = (
        '# Aftercare\n\n<div class="grid" markdown>\nText. The word onclick= in prose is fine, and so is '
        "JavaScript: it is optional.\n</div>\n\n<details><summary>More</summary>Text.</details>\n"
    )
    assert scan(body) == []


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            "# Aftercare\n\n# Again\n",
            6,
            "more than one main heading (# ...); the first is on line 4. A page has one # heading, its title. Change this one to ## Again",
        ),
        ("# Aftercare\n\n## A\n\n#### B\n", 8, "heading level jumps from ## to ####"),
        ("## A\n\n#### B\n", 6, "Use ### B"),
        ("### A\n", 4, "heading level jumps from # to ###"),
        ("# Aftercare\n\n##Water\n", 6, "no space after the #"),
        ("# Aftercare\n\n## \n", 6, "this heading is empty"),
        ("Aftercare\n=========\n\nOther\n=====\n", 7, "more than one main heading"),
        ("# Booking and contact\n", 4, "has nothing in common with the title 'Aftercare'"),
    ],
)
def test_heading_mistakes(body: str, line: int, expected: str) -> None:
    found = scan(body)
    assert any(
        item.startswith(f"docs/aftercare.md:{line}: ") and expected in item for item in found
    ), found


def test_headings_that_are_fine() -> None:
    assert scan("## A\n\n### B\n\n## C\n\n\\#1 is not a heading\n") == []
    assert scan("# Aftercare care {#top}\n\n## A ##\n\n### B\n\n## C\n") == []
    assert scan("Some text\n\n---\n\nMore text.\n") == []
    assert scan("# Aftercare\n\n#hashtag text [#1](index.md)\n")[0].startswith(
        "docs/aftercare.md:6:"
    )


def test_page_without_text() -> None:
    found = scan("\n*[NHS]: National Health Service\n")
    assert found == [
        "docs/aftercare.md:4: the page has no text after the front matter. Write the page's text below the --- line, or delete the page and remove it from nav in mkdocs.yml."
    ]


def test_anchor_links_checked_against_rendered_ids() -> None:
    result = scan_page(
        "docs/a.md", "a.md", FRONT + "[x](aftercare.md#swelling)\n[y](#top)\n", 4, None, KNOWN, None
    )
    assert [link.anchor for link in result.anchor_links] == ["swelling", "top"]
    ids = {
        "aftercare.md": page_ids('<h2 id="swelling-and-bruising">S</h2>'),
        "a.md": page_ids('<h1 id="top">T</h1>'),
    }
    [problem] = check_anchor_links(result.anchor_links, ids)
    assert str(problem).startswith(
        "docs/a.md:4: link aftercare.md#swelling points to a section #swelling that does not exist"
    )
    assert "Did you mean #swelling-and-bruising?" in problem.message


def test_anchor_to_unrendered_page_is_skipped() -> None:
    assert check_anchor_links([AnchorLink("docs/a.md", 1, "b.md#x", "b.md", "x")], {}) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "!!! warning\nCall 911.\n",
            "docs/aftercare.md:4: the text of this '!!! warning' box is not indented",
        ),
        (
            '!!! danger "Get help now"\n\nCall 911.\n',
            "docs/aftercare.md:4: the text of this '!!! danger' box",
        ),
        ("???+ note\n", "docs/aftercare.md:4: the text of this '!!! note' box"),
    ],
)
def test_admonition_text_must_be_indented(body: str, expected: str) -> None:
    assert any(item.startswith(expected) for item in scan(body)), scan(body)


def test_indented_admonitions_pass() -> None:
    body = '!!! warning "Get help"\n\n    Call 911.\n\n- item\n\n    !!! note\n        Text.\n\n!!! tip\n    ```\n    code\n    ```\n'
    assert scan(body) == []


def test_missing_snippet_is_reported_and_defused(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "here.md").write_text("x", encoding="utf-8")
    body = (
        '--8<-- "includes/here.md"\n\n--8<-- "includes/gone.md"\n\n;--8<-- "includes/escaped.md"\n'
    )
    result = scan_page("docs/a.md", "a.md", FRONT + body, 4, None, KNOWN, None, tmp_path)
    assert [str(p)[:60] for p in result.problems] == [
        "docs/a.md:6: the included file includes/gone.md does not exist"[:60]
    ]
    defused = defuse_missing_snippets(body, tmp_path)
    assert '--8<-- "includes/here.md"' in defused and 'includes/gone.md"' not in defused
    assert "<!-- missing file: includes/gone.md -->" in defused


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "See https://www.nhs.uk/conditions for more.",
            "the web address https://www.nhs.uk/conditions is plain text",
        ),
        (
            "Visit www.nhs.uk.",
            "Make it a link: [a few words that say where it goes](https://www.nhs.uk)",
        ),
    ],
)
def test_bare_web_addresses(body: str, expected: str) -> None:
    found = scan("# Aftercare\n\n" + body + "\n")
    assert any(item.startswith("docs/aftercare.md:6: ") and expected in item for item in found), (
        found
    )


def test_linked_web_addresses_pass() -> None:
    body = (
        "# Aftercare\n\n[NHS](https://www.nhs.uk/) <https://www.nhs.uk/> "
        '<a href="https://www.nhs.uk/">NHS</a> [ref]\n\n[ref]: https://www.nhs.uk/\n\n`https://x.org`\n'
    )
    assert scan(body) == []


def test_encoding() -> None:
    assert check_encoding("docs/a.md", "\ufeffIt’s fine\n".encode()) == ("It’s fine\n", [])
    text, [problem] = check_encoding("docs/a.md", "line one\nIt’s Word\n".encode("cp1252"))
    assert text == "line one\nIt\ufffds Word\n"
    assert str(problem).startswith("docs/a.md:2: this line has a character the site cannot read")


def test_unclosed_and_stray_block_tags() -> None:
    from scripts.checks.markdown_checks import LineIndex, check_unclosed_html

    text = "<div markdown>\n\nText\n\n</div>\n<figure>\n\n</div>\n"
    found = [str(p) for p in check_unclosed_html("docs/a.md", text, LineIndex(text))]
    assert found[0].startswith("docs/a.md:8: </div> closes a <div> that was never opened here")
    assert found[1].startswith("docs/a.md:6: this <figure> is never closed")
    assert len(found) == 2
