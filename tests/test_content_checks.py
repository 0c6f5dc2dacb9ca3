"""The content checks (scripts/checks/content_checks.py), called directly on page text.

Each mistake a careful editor could make is reported on its line with a fix; the wording the
real pages use ("It is not a cure", "call 911", placeholders) is never reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from scripts.checks import content_checks
from scripts.checks.content_checks import BOX_TYPES, check_duplicate_titles, check_page
from scripts.readers.yaml_lines import load_yaml

CLINIC = {
    "name": "Example Physical Therapy",
    "phone": "(541) 555-0142",
    "email": "hello@example.com",
    "address": "100 Example Street, Suite 2, Springfield, OR 97477",
    "hours": "Monday to Friday, 8 am to 6 pm",
    "booking_url": "https://example.com/book",
}
BOXES = BOX_TYPES | {"call-911", "call-clinic"}
FRONT = "---\ntitle: Aftercare\nreviewed_by: Jordan Lee, PT\n---\n\n# Aftercare\n\n"
BODY_LINE = 8  # the first line after FRONT


def found(body: str, front: str = FRONT, shared: bool = False) -> list[str]:
    source = front + body
    body_start = source.split("\n").index("---", 1) + 2 if front else 1
    return [
        str(problem)
        for problem in check_page("docs/a.md", source, body_start, CLINIC, BOXES, shared)
    ]


def one(body: str, front: str = FRONT) -> str:
    problems = found(body, front)
    assert len(problems) == 1, problems
    return problems[0]


MISTAKES = [
    # clinic facts typed by hand: the phone by its digits, however it is written
    ("Call us on (541) 555-0142.", "number (541) 555-0142 is typed by hand", "phone_link }}"),
    ("Call us on 541-555-0142.", "number 541-555-0142 is typed by hand", "{{ clinic.phone_link }}"),
    (
        "Call us on 541.555.0142 today.",
        "number 541.555.0142 is typed by hand",
        "{{ clinic.phone }}",
    ),
    ("Call 1 541 555 0142.", "phone number 1 541 555 0142 is typed by hand", "{{ clinic.phone }}"),
    ("[Call us](tel:+15415550142).", "number +15415550142 is typed by hand", "{{ clinic.phone }}"),
    # any other number: a colleague's mobile, an old number, a typo in the clinic's
    ("Text Sam on 541 555 0199.", "541 555 0199 looks like a phone number", "other_phones:"),
    ("[Call us](tel:+15415550124).", "+15415550124 looks like a phone number", "phone_link }}"),
    ("Or call 1-541-555-0100.", "1-541-555-0100 looks like a phone number", "phone_link }}"),
    ("Email hello@example.com.", "email address hello@example.com", "{{ clinic.email_link }}"),
    ("[Email](mailto:Hello@Example.com).", "email address", "{{ clinic.email_link }}"),
    ("Come to 100 Example  Street.", "address is typed by hand", "{{ clinic.address }}"),
    ("Open monday to friday, 8 am to 6 pm.", "opening hours are typed", "{{ clinic.hours }}"),
    ("[Book](https://example.com/book/).", "booking link is typed", "{{ clinic.booking_link }}"),
    ("Welcome to Example Physical Therapy.", "name is typed by hand", "{{ clinic.name }}"),
    # unfinished text
    ("TODO: add parking.", "not finished ('TODO')", "Finish the text"),
    ("Parking is TBD.", "not finished ('TBD')", "delete the note"),
    ("Parking: TBC.", "('TBC')", "Finish the text"),
    ("FIXME later.", "('FIXME')", "Finish the text"),
    ("Call 555-XXXX.", "('XXXX')", "Finish the text"),
    ("Lorem ipsum dolor sit amet.", "dummy text ('Lorem ipsum dolor sit amet')", "Finish"),
    ("Parking is [insert details].", "placeholder in square brackets", "Finish"),
    ("See [citation needed].", "'[citation needed]'", "Finish"),
    ("It costs ??? dollars.", "question marks left as a placeholder", "Finish"),
    ("Please check this.", "note to yourself ('check this')", "Finish"),
    ("Parking (check this)", "note to yourself ('check this')", "Finish"),
    ("Ask @jordan about it.", "note to a colleague (@name) ('@jordan')", "Finish"),
    ("<<<<<<< HEAD", "merge conflict", "delete the <<<<<<<, ======= and >>>>>>> lines"),
    # claims the evidence cannot support
    ("Dry needling will cure your pain.", "'cure' promises a cure", "it may ease pain"),
    ("Results are guaranteed.", "'guaranteed' promises a guarantee", "many people feel less"),
    ("It is 100% safe.", "'100% safe' promises absolute safety", "serious problems are rare"),
    ("It is completely safe.", "absolute safety", "serious problems are rare"),
    ("It is risk-free.", "'risk-free' promises no risk at all", "serious problems are rare"),
    ("There are no side effects.", "'no side effects' promises no side effects", "sore"),
    ("It is the most effective treatment.", "'the most effective'", "as well as other"),
    ("A permanent fix for back pain.", "'permanent fix' promises a permanent fix", "long-term"),
    ("It is clinically proven.", "'clinically proven' promises proof", "some studies"),
    ("Needling is FDA-approved.", "FDA approval", "not FDA-approved"),
    ("The treatment is painless.", "'painless' promises no pain", "brief ache"),
    ("It works for everyone.", "a result for everyone", "many people"),
    # links patients cannot open, or that track them
    (
        "See [the plan](https://docs.google.com/document/d/x/edit).",
        "goes to docs.google.com",
        "public",
    ),
    (
        "See [the form](file:///C:/Users/sam/form.pdf).",
        "goes to a file on a computer",
        "docs folder",
    ),
    (
        "Read [it](https://example.org/a?id=2&utm_source=fb).",
        "carries tracking (utm_source)",
        "?id=2",
    ),
    # a medicine dose
    ("Take 800 mg of ibuprofen every 4 hours.", "'800 mg' gives a medicine dose", "the label"),
    ("Take 2 tablets after the visit.", "'2 tablets' gives a medicine dose", "pharmacist"),
    # the emergency number
    ("If you cannot breathe, call 999.", "'call 999' is not the emergency number", "Write 911"),
    ("Dial 112 at once.", "'Dial 112'", "Write 911"),
    # link text
    ("To book, [click here](contact.md).", "'click here' does not say where", "name the place"),
    ("Read more [here](aftercare.md).", "'here' does not say where", "name the place"),
    ("See [](aftercare.md).", "this link has no text", "Write a few words"),
    ("See [the form](assets/my form.pdf).", "has a space in it, so the link breaks", "my-form.pdf"),
    ("![A needle](assets/a b.png)", "so the image does not show", "assets/a-b.png"),
    ("![A needle](assets/needle.HEIC)", "format most browsers cannot show", "JPEG or WebP"),
    ("![IMG_0042.jpg](assets/needle.png)", "alt text 'IMG_0042.jpg' is a file name", "Describe"),
    ("![photo](assets/needle.png)", "alt text 'photo' is a file name", "Describe"),
    ("[NHS](https://www.nhs.uk/){target=_blank}", "opens in a new tab", "Delete {target=_blank}"),
    ("**What to do next**\n\nRest.", "bold text used as a heading", "## What to do next"),
    # boxes
    ('!!! warnng "Careful"\n    Text.', "'warnng' is not a box type", "Did you mean !!! warning?"),
    ("!!! Warning\n    Text.", "'Warning' is not a box type", "Did you mean !!! warning?"),
    (
        "!!! note \u201cCareful\u201d\n    Text.",
        "not in straight double quotes",
        "Write it like !!!",
    ),
    (
        '!!! call-911 "Call 911 if"\n    Call 911.',
        "'call-911' box is typed out",
        '--8<-- "includes/call-911.md"',
    ),
    # what pasting from Word leaves behind
    ("It is a short\u200b visit.", "invisible character (a zero-width space)", "plain text"),
    ("Soft\u00adhyphen here.", "(a soft hyphen)", "Retype"),
    ("--8<-- \u201cincludes/call-911.md\u201d", "in curly quotes", "straight quotes"),
    ("Do this:\n\n\t- rest", "starts with a tab", "Replace the tab with spaces"),
]


@pytest.mark.parametrize(("body", "says", "fix"), MISTAKES, ids=[m[0][:40] for m in MISTAKES])
def test_each_mistake_is_reported_with_a_fix(body: str, says: str, fix: str) -> None:
    problems = found(body)
    assert problems, f"not reported: {body!r}"
    message = next((p for p in problems if says in p), None)
    assert message is not None, problems
    assert fix in message, message
    assert message.startswith("docs/a.md:"), message


def test_the_line_is_the_line_in_the_editor() -> None:
    assert one("First line.\n\nCall 541-555-0142.").startswith(f"docs/a.md:{BODY_LINE + 2}: ")
    assert one("|a|b|\n|---|---|\n|1|2|3|").startswith(f"docs/a.md:{BODY_LINE + 2}: ")


def test_unfinished_front_matter_is_reported_on_its_line() -> None:
    front = "---\ntitle: Aftercare\nreviewed_by: TBD\n---\n\n# Aftercare\n\n"
    assert one("Rest.", front).startswith("docs/a.md:3: the page still has a note")


@pytest.mark.parametrize(
    "body",
    [
        "Call us at {{ clinic.phone_link }} or write to {{ clinic.email_link }}.",
        "We are at {{ clinic.address }}, open {{ clinic.hours }}. {{ clinic.booking_link }}",
        "It is not a cure on its own. There is no cure for this.",
        "No treatment is 100% safe. It is not risk-free.",
        "Can dry needling cure back pain? Is it completely safe?",
        "There were no serious side effects in that study.",
        "Call 911 if you cannot breathe. About 999 of every 1,000 sessions had no problem.",
        "Check with your doctor first. It may help for a short time.",
        "Read [the aftercare page](aftercare.md). [Call us](contact.md#phone).",
        "| Day | Feel |\n| --- | --- |\n| 1 | sore |\n| 2 | better, \\| less |",
        '!!! warning "Call us if"\n    Text.\n\n??? note "More"\n    Text.\n\n!!! tip inline end\n    Hi.',
        '--8<-- "includes/call-911.md"',
        "```\nTODO: 541-555-0142 in a code example\n```\n\n`[insert]` <!-- TODO -->",
        "Write to staff@other.org. The study was in 2014 (doi 10.1179/2042618613Y.0000000044).",
        "How we check this information. We never say it is the best, or that it will cure you.",
        "**Right after the visit.** Many people feel less pain.\n\n![Needle in the upper back](a.png)",
        '[the NHS](https://www.nhs.uk/) and [a page](aftercare.md "Aftercare")',
    ],
)
def test_good_text_is_not_reported(body: str) -> None:
    assert found(body) == []


def test_shared_boxes_are_fine_in_includes() -> None:
    assert found('!!! call-911 "Call 911 if…"\n\n    Call 911.', front="", shared=True) == []


def test_a_table_without_dashes_is_reported() -> None:
    message = one("| Day | Feel |\n| 1 | sore |")
    assert "no line of dashes" in message and "| --- | --- |" in message


def test_duplicate_titles_name_the_first_page() -> None:
    [problem] = check_duplicate_titles(
        [("docs/a.md", 2, "Aftercare"), ("docs/b.md", 2, "Safety"), ("docs/c.md", 3, "aftercare ")]
    )
    assert str(problem).startswith(
        "docs/c.md:3: the title 'aftercare ' is also the title of docs/a.md"
    )


def test_box_types_include_the_ones_our_stylesheet_adds() -> None:
    types = content_checks.box_types((ROOT / "docs" / "assets").rglob("*.css"))
    assert {"call-911", "call-clinic", "warning", "note"} <= types


def test_the_real_pages_and_shared_boxes_pass() -> None:
    clinic = load_yaml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["clinic"]
    types = content_checks.box_types((ROOT / "docs" / "assets").rglob("*.css"))
    problems: list[str] = []
    pages = [(page, False) for page in sorted((ROOT / "docs").rglob("*.md"))]
    pages += [(file, True) for file in sorted((ROOT / "includes").glob("*.md"))]
    for file, shared in pages:
        if file.name == "glossary.md" and shared:
            continue
        text = file.read_text(encoding="utf-8")
        body_start = 1 if shared else text.split("\n").index("---", 1) + 2
        path = Path(file).relative_to(ROOT).as_posix()
        problems += map(str, check_page(path, text, body_start, clinic, types, shared))
    assert problems == []


def test_a_menu_entry_for_a_missing_page_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "aftercare.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x", encoding="utf-8")
    config = (
        "site_name: x\nnav:\n  - Home: aftercare.md\n  - More:\n      - sub/b.md\n"
        "      - Old: aftercar.md\n  - NHS: https://www.nhs.uk/x.md\n"
    )
    problems = content_checks.check_nav("mkdocs.yml", config, tmp_path)
    expected = (
        "mkdocs.yml:6: the menu (nav:) lists aftercar.md, but there is no page docs/aftercar.md. "
        "Did you mean aftercare.md? Fix the file name, or delete this line from the menu."
    )
    assert [str(p) for p in problems] == [expected]
    assert content_checks.check_nav("mkdocs.yml", "nav: [\n", tmp_path) == []


def test_the_shared_911_box_must_still_say_911() -> None:
    box = '!!! call-911 "Call 911 if…"\n\n    Call 911 if you cannot breathe.\n'
    path = "includes/call-911.md"
    assert check_page(path, box, 1, CLINIC, BOXES, True) == []
    changed = box.replace("Call 911", "Call us")
    [problem] = check_page(path, changed, 1, CLINIC, BOXES, True)
    assert str(problem).startswith("includes/call-911.md:1: the emergency box no longer says 911")


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("site_name: x\nextra:\n  clinic:\n   phone: 1\n    email: a\n", 5, "Check the indent"),
        ("site_name: x\nnav:\n\t- Home: index.md\n", 3, "This line has a tab"),
    ],
)
def test_an_unreadable_mkdocs_yml_is_named_on_its_line(text: str, line: int, says: str) -> None:
    [problem] = content_checks.check_config_readable("mkdocs.yml", text)
    assert str(problem).startswith(f"mkdocs.yml:{line}: mkdocs.yml cannot be read (")
    assert says in problem.message
    assert content_checks.check_config_readable("mkdocs.yml", "site_name: x\n") == []


SPANISH_CLAIMS = [
    ("La punción seca cura el dolor.", "'cura' promises a cure", "puede aliviar"),
    ("Le garantizamos resultados.", "'garantizamos' promises a guarantee", "menos dolor"),
    ("Es completamente segura.", "absolute safety", "los problemas graves son raros"),
    ("Es 100 % segura.", "absolute safety", "raros"),
    ("Es un tratamiento sin riesgos.", "no risk at all", "raros"),
    ("Es un tratamiento sin efectos secundarios.", "no side effects", "uno o dos"),
    ("Es el tratamiento más eficaz.", "being the best treatment", "otros tratamientos"),
    ("El alivio es para siempre.", "a permanent fix", "largo plazo"),
    ("Está clínicamente probada.", "'clínicamente probada' promises proof", "algunos estudios"),
    ("Está aprobada por la FDA.", "FDA approval", "not FDA-approved"),
    ("La punción es indolora.", "'indolora' promises no pain", "dolor breve"),
    ("Da alivio inmediato.", "a result for everyone", "menos dolor"),
    ("Tome 2 pastillas de ibuprofeno.", "'2 pastillas' gives a medicine dose", "la etiqueta"),
]


@pytest.mark.parametrize(
    ("body", "says", "fix"), SPANISH_CLAIMS, ids=[m[0][:40] for m in SPANISH_CLAIMS]
)
def test_spanish_claims_are_reported_with_a_spanish_fix(body: str, says: str, fix: str) -> None:
    source = FRONT + body
    problems = [str(p) for p in check_page("docs-es/a.md", source, BODY_LINE, CLINIC, BOXES)]
    message = next((p for p in problems if says in p), None)
    assert message is not None, problems
    assert fix in message and message.startswith(f"docs-es/a.md:{BODY_LINE}: "), message


@pytest.mark.parametrize(
    "body",
    [
        "No es una cura. Nunca decimos que es el mejor tratamiento ni que lo va a curar.",
        "¿La punción seca cura el dolor? ¿Es completamente segura?",
        "Ningún estudio ha probado el calor. Pero no ayuda a todos.",
        "Los estudios sugieren que puede aliviar el dolor por un tiempo corto.",
    ],
)
def test_honest_spanish_is_not_reported(body: str) -> None:
    source = FRONT + body
    assert check_page("docs-es/a.md", source, BODY_LINE, CLINIC, BOXES) == []


def test_a_source_number_the_page_does_not_list_is_reported() -> None:
    def cited(path: str, body: str, sources: int | None) -> list[str]:
        source = FRONT + body
        return [str(p) for p in check_page(path, source, BODY_LINE, CLINIC, BOXES, False, sources)]

    assert cited("docs/a.md", "It helps (source 1). Soreness fades (sources 2 and 3).", 3) == []
    (problem,) = cited("docs/a.md", "Soreness fades (sources 2 and 4).", 3)
    assert problem.startswith(f"docs/a.md:{BODY_LINE}: '(sources 2 and 4)' cites source 4, but")
    assert "the page lists 3 sources (sources: in the front matter)" in problem
    (spanish,) = cited("docs-es/a.md", "El dolor pasa (fuentes 2 y 5).", 4)
    assert "cites source 5" in spanish and "its English page's front matter" in spanish
    assert "lists no sources" in cited("docs/a.md", "It helps (source 1).", 0)[0]
    assert cited("docs/a.md", "It helps (source 9).", None) == []  # shared text: not a page
    for typed in ("It helps.[^1]", "It helps [2].", "It helps [2, 3]."):
        (bracket,) = cited("docs/a.md", typed, 3)
        assert "is shown to patients as typed" in bracket and "(source 1)" in bracket, bracket
    assert "(fuente 1), or (fuentes 2 y 3)" in cited("docs-es/a.md", "Ayuda [1].", 3)[0]
    assert cited("docs/a.md", "See [the page][1].\n\n[1]: aftercare.md", 3) == []
