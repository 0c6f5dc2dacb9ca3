"""Checks of what a page says: the everyday mistakes the link, heading and front-matter checks miss.

- clinic facts typed by hand instead of placeholders (`{{ clinic.phone_link }}`);
- unfinished text: notes to self, placeholders, dummy text, merge-conflict lines;
- claims the evidence cannot support (a cure, a guarantee, absolute safety);
- the wrong emergency number (999, 112, 000: copied from a UK, EU or Australian page), and a
  shared "Call 911 if…" box that no longer says 911;
- link text that does not say where the link goes ("click here"), links that open a new
  tab, addresses with spaces, pictures browsers cannot show, file names as alt text, bold
  lines used as headings;
- tables with a missing line of dashes or the wrong number of cells;
- misspelt or broken `!!!` boxes, and "get help" boxes typed out instead of included;
- what pasting from Word leaves behind: invisible characters, curly quotes in `--8<--` lines,
  lines indented with a tab;
- two pages with the same title, and a menu entry (nav: in mkdocs.yml) for a missing page.

Each function works on the page's source with code blanked out (markdown_checks.masked_source),
so line numbers match the editor and examples in code are never reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from scripts.checks.markdown_checks import ADMONITION, INLINE_LINK, LineIndex, masked_source
from scripts.languages import SPANISH
from scripts.problems import Problem
from scripts.readers.yaml_lines import compose_yaml

# ---------------------------------------------------------------- clinic facts typed by hand

PHONE_LIKE = re.compile(r"(?<![\w.])\+?\d[\d\s().\-]{7,}\d(?![\w])")
# A US number as people write it: (541) 555-0142, 541-555-0142, 541.555.0142, +1 541 555 0142,
# tel:+15415550142; not a date (2026-11-23) or a DOI's digits (no separator before the last 4).
US_PHONE = re.compile(
    r"(?<![\w.\-/])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-]?)\d{3}[\s.\-]?\d{4}(?![\w\-])"
)
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


@dataclass(frozen=True)
class _Fact:
    name: str  # key under extra.clinic
    placeholder: str
    needle: str  # what to look for, lower case


FACT_NAMES = {
    "address": "address is",
    "hours": "opening hours are",
    "booking_url": "booking link is",
    "name": "name is",
}


def _facts(clinic: Mapping[str, object]) -> list[_Fact]:
    def value(key: str) -> str:
        return str(clinic.get(key) or "").strip()

    facts: list[_Fact] = []
    street = value("address").split(",")[0].strip()
    for name, placeholder, needle in (
        ("address", "{{ clinic.address }}", street),
        ("hours", "{{ clinic.hours }}", value("hours")),
        ("booking_url", "{{ clinic.booking_link }}", value("booking_url").rstrip("/")),
        ("name", "{{ clinic.name }}", value("name")),
    ):
        if len(needle) >= 6:
            facts.append(_Fact(name, placeholder, " ".join(needle.lower().split())))
    return facts


def check_typed_facts(
    path: str, masked: str, lines: LineIndex, clinic: Mapping[str, object]
) -> Iterator[Problem]:
    """The clinic's phone (matched by its digits, however it is written), email, address,
    hours, booking link or name typed into a page: it goes stale when mkdocs.yml changes."""
    phone = _digits(str(clinic.get("phone") or ""))
    if len(phone) >= 7:
        for match in PHONE_LIKE.finditer(masked):
            if _digits(match.group(0)) == phone:
                opened = masked[max(0, match.start() - 1)] == "(" and ")" in match.group(0)
                number = ("(" if opened else "") + match.group(0).strip()
                yield Problem(
                    path,
                    lines.line(match.start()),
                    f"the clinic's phone number {number} is typed by hand, so it "
                    "would stay wrong when the number changes in mkdocs.yml. Write {{ clinic.phone_link }} "
                    "(a number patients can tap to call) or {{ clinic.phone }} instead.",
                )
    yield from _other_phone_numbers(path, masked, lines, clinic, phone)
    email = str(clinic.get("email") or "").strip().lower()
    if email:
        for match in EMAIL_LIKE.finditer(masked):
            if match.group(0).lower() == email:
                yield Problem(
                    path,
                    lines.line(match.start()),
                    f"the clinic's email address {match.group(0)} is typed by hand, so it would stay "
                    "wrong when it changes in mkdocs.yml. Write {{ clinic.email_link }} instead.",
                )
    flat = masked.lower()
    for fact in _facts(clinic):
        pattern = r"\s+".join(re.escape(word) for word in fact.needle.split())
        if fact.name == "booking_url":
            pattern += r"/?(?![\w/-])"
        for match in re.finditer(pattern, flat):
            yield Problem(
                path,
                lines.line(match.start()),
                f"the clinic's {FACT_NAMES[fact.name]} typed by hand "
                f"('{masked[match.start() : match.end()]}'), so it would stay wrong when it changes "
                f"in mkdocs.yml. Write {fact.placeholder} instead.",
            )


def _other_phone_numbers(
    path: str, masked: str, lines: LineIndex, clinic: Mapping[str, object], phone: str
) -> Iterator[Problem]:
    """A phone number that is not the clinic's (a pasted private number, an old one, a typo):
    patients would call it. Other services' numbers are listed in extra.clinic.other_phones."""
    listed = clinic.get("other_phones")
    known = {phone} | {_digits(str(n)) for n in (listed if isinstance(listed, list) else [])}
    for match in US_PHONE.finditer(masked):  # in text and in tel: links
        if _digits(match.group(0)) in known:
            continue
        yield Problem(
            path,
            lines.line(match.start()),
            f"{match.group(0).strip()} looks like a phone number, but it is not the clinic's "
            f"number in mkdocs.yml, {clinic.get('phone')}, so patients could call a wrong or private "
            "number. For the clinic, write {{ clinic.phone_link }}. If patients should call this "
            "other number (a poison or crisis line, say), add it under extra: clinic: "
            "other_phones: in mkdocs.yml, with a comment saying whose number it is.",
        )


# ---------------------------------------------------------------- unfinished text

UNFINISHED = [
    (re.compile(r"\b(?:TODO|TBD|TBC|FIXME|XXX+|XX)\b"), "a note that the text is not finished"),
    (
        re.compile(r"\blorem ipsum\b(?:\s+dolor sit amet)?|\bdolor sit amet\b", re.IGNORECASE),
        "dummy text",
    ),
    (
        re.compile(
            r"\[\s*(?:insert|add|todo|tbd|tbc|name|date|link|phone|email|address|placeholder|"
            r"citation needed|source needed|reference)\b[^\]\n]*\](?![(\[:])",
            re.IGNORECASE,
        ),
        "a placeholder in square brackets",
    ),
    (re.compile(r"\?{2,}"), "question marks left as a placeholder"),
    (
        re.compile(
            r"\b(?:check this(?=\s*(?:[.!?):\]]|$))|check with \w+ (?:before|first)|to be (?:confirmed|checked|added|written)|"
            r"note to self|delete (?:this|me)|needs? (?:checking|a source|a reference)|draft only)\b",
            re.IGNORECASE,
        ),
        "a note to yourself",
    ),
    (re.compile(r"(?<![\w.@/])@[A-Za-z][\w-]+"), "a note to a colleague (@name)"),
    (
        re.compile(r"^(?:<{7}|={7}|>{7})(?:\s|$)", re.MULTILINE),
        "a line left over from a merge conflict",
    ),
]


def check_unfinished(path: str, text: str, lines: LineIndex) -> Iterator[Problem]:
    """Notes to self, placeholders and dummy text that patients would read (one message a line)."""
    reported: set[int] = set()
    for pattern, what in UNFINISHED:
        for match in pattern.finditer(text):
            if lines.line(match.start()) in reported:
                continue
            line_text = text[text.rfind("\n", 0, match.start()) + 1 :].split("\n", 1)[0]
            if what.startswith("question") and ADMONITION.match(line_text):
                continue  # `??? note` is a box that opens on a click
            if what.startswith("a line left over"):
                fix = (
                    "Keep the version you want, then delete the <<<<<<<, ======= and >>>>>>> lines "
                    "and the version you do not want."
                )
            else:
                fix = "Finish the text, or delete the note before you ask for a review."
            reported.add(lines.line(match.start()))
            yield Problem(
                path,
                lines.line(match.start()),
                f"the page still has {what} ('{match.group(0).strip()}'), which patients would see. {fix}",
            )


# ---------------------------------------------------------------- claims the evidence cannot support

CLAIMS = [
    (r"\bcur(?:e|es|ed|ing)\b", "a cure", "say what it may do: 'it may ease pain for a while'"),
    (
        r"\bguarantee(?:s|d)?\b",
        "a guarantee",
        "say what often happens: 'many people feel less pain'",
    ),
    (
        (
            r"\b100\s?%\s*(?:safe|effective|successful|success)|\b(?:completely|totally|perfectly|"
            r"absolutely|entirely) safe\b|\bsafe for (?:everyone|everybody|anyone)\b"
        ),
        "absolute safety",
        "say how often problems happen: 'serious problems are rare'",
    ),
    (
        r"\brisk[- ]free\b|\bno risks?\b|\bwithout (?:any )?risks?\b",
        "no risk at all",
        "say how often problems happen: 'serious problems are rare'",
    ),
    (
        r"\bno side[- ]effects\b|\bwithout (?:any )?side[- ]effects\b",
        "no side effects",
        "say what is common: 'many people feel sore for a day or two'",
    ),
    (
        r"\b(?:the )?most effective\b|\bthe best (?:treatment|therapy|way)\b|\bbetter than any\b",
        "being the best treatment",
        "say what studies found: 'it seems to work about as well as other treatments'",
    ),
    (
        r"\bpermanent(?:ly)?\s+(?:fix|fixes|relief|cure|results?|solution)\b|\bfix(?:es)? \w+ (?:pain )?for good\b",
        "a permanent fix",
        "say what studies found: 'we know little about long-term results'",
    ),
    (
        r"\b(?:clinically|scientifically|medically) proven\b|\bproven to (?:work|help|cure|heal|relieve|fix)\b",
        "proof",
        "say how strong the evidence is: 'some studies suggest it may help'",
    ),
    (r"\bFDA[- ]approved\b", "FDA approval", "dry needling is not FDA-approved; delete the claim"),
    (
        r"\bpainless\b|\bpain[- ]free\b",
        "no pain",
        "say what people feel: 'most people feel a brief ache'",
    ),
    (
        r"\bmiracle\b|\bworks for (?:everyone|everybody)\b|\balways works\b|\binstant(?:ly)? (?:relief|results?|cure)\b",
        "a result for everyone",
        "say what often happens: 'many people feel less pain'",
    ),
]
# The same promises in Spanish (docs-es/, includes/es/); the fixes quote Spanish wording.
CLAIMS_ES = [
    (
        r"\bcur(?:a|an|ar|ará|arán|e|en|ado|ada|ados|adas|ación)\b",
        "a cure",
        "say what it may do: 'puede aliviar el dolor por un tiempo'",
    ),
    (
        r"\bgarantiz\w*|\bgarantías?\b",
        "a guarantee",
        "say what often happens: 'muchas personas sienten menos dolor'",
    ),
    (
        (
            r"\b100\s?%\s*(?:segur|eficaz|efectiv)\w*|\b(?:completamente|totalmente|"
            r"perfectamente|absolutamente) segur[oa]s?\b|\bsegur[oa]s? para (?:todos|todo el "
            r"mundo|cualquiera)\b"
        ),
        "absolute safety",
        "say how often problems happen: 'los problemas graves son raros'",
    ),
    (
        r"\bsin (?:ningún )?riesgos?\b|\blibre de riesgos?\b",
        "no risk at all",
        "say how often problems happen: 'los problemas graves son raros'",
    ),
    (
        r"\bsin (?:ningún )?efectos? (?:secundarios?|adversos?)\b",
        "no side effects",
        "say what is common: 'muchas personas sienten dolor muscular uno o dos días'",
    ),
    (
        (
            r"\b(?:el|la) (?:tratamiento |terapia )?más (?:eficaz|efectiv[oa])\b|\bel mejor "
            r"tratamiento\b|\bla mejor (?:terapia|opción|manera)\b|\bmejor que cualquier\b"
        ),
        "being the best treatment",
        "say what studies found: 'parece funcionar más o menos como otros tratamientos'",
    ),
    (
        r"\b(?:solución|alivio|resultados?|arreglo) (?:permanentes?|definitiv[oa]s?)\b|\bpara siempre\b",
        "a permanent fix",
        "say what studies found: 'sabemos poco de los resultados a largo plazo'",
    ),
    (
        (
            r"\b(?:clínica|científica|médica)mente (?:probad|comprobad)[oa]s?\b|\b(?:está )?"
            r"(?:probado|comprobado) que (?:funciona|ayuda|cura|alivia)\b"
        ),
        "proof",
        "say how strong the evidence is: 'algunos estudios sugieren que puede ayudar'",
    ),
    (r"\baprobad[oa] por la FDA\b", "FDA approval", "dry needling is not FDA-approved; delete it"),
    (r"\bindolor[oa]?\b", "no pain", "say what people feel: 'la mayoría siente un dolor breve'"),
    (
        (
            r"\bmilagr\w*|\b(?:funciona|sirve) (?:para|con) todos\b|\bsiempre funciona\b|"
            r"\b(?:alivio|resultados?) (?:inmediatos?|instantáneos?)\b"
        ),
        "a result for everyone",
        "say what often happens: 'muchas personas sienten menos dolor'",
    ),
]


@dataclass(frozen=True)
class _Claims:
    each: list[tuple[re.Pattern[str], str, str]]
    any: re.Pattern[str]  # any of them, in one pass: most pages have none
    negation: re.Pattern[str]


def _claims(claims: list[tuple[str, str, str]], negation: str) -> _Claims:
    return _Claims(
        [(re.compile(pattern, re.IGNORECASE), what, fix) for pattern, what, fix in claims],
        re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in claims), re.IGNORECASE),
        re.compile(negation, re.IGNORECASE),
    )


_ENGLISH_CLAIMS = _claims(
    CLAIMS,
    r"\b(?:not|no|never|cannot|nothing|none|nor|isn't|aren't|won't|doesn't|don't|can't)\b|n't\b",
)
_SPANISH_CLAIMS = _claims(
    CLAIMS_ES, r"\b(?:no|nunca|jamás|ni|tampoco|ningún|ninguna|ninguno|nadie|nada)\b"
)
_SPANISH_FOLDERS = (f"{SPANISH.docs}/", f"{SPANISH.includes}/")


def _is_spanish(path: str) -> bool:
    """A Spanish page or shared text (docs-es/, includes/es/)."""
    return path.startswith(_SPANISH_FOLDERS)


SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n|\n\s*[-*+|#>]")


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The part of the sentence before the match, and the sentence's end mark."""
    before = text[:start]
    opening = max((m.end() for m in SENTENCE_END.finditer(before)), default=0)
    after = SENTENCE_END.search(text, end)
    mark = after.group(0) if after else ""
    return text[opening:start], mark


def check_claims(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Promises the evidence cannot support. A sentence that says 'not', 'no' or 'never' before
    the words ('It is not a cure', 'we never say it will cure you') and questions are fine."""
    claims = _SPANISH_CLAIMS if _is_spanish(path) else _ENGLISH_CLAIMS
    if not claims.any.search(masked):
        return
    for pattern, what, fix in claims.each:
        for match in pattern.finditer(masked):
            before, mark = _sentence(masked, match.start(), match.end())
            if mark == "?" or claims.negation.search(before):
                continue
            yield Problem(
                path,
                lines.line(match.start()),
                f"'{match.group(0)}' promises {what}, which the evidence cannot support "
                f"(and patients may rely on it). Instead, {fix}.",
            )


# ---------------------------------------------------------------- the emergency number

WRONG_EMERGENCY = re.compile(
    r"\b(?:call|dial|ring|phone)\s+(?:the\s+)?(?P<number>999|112|000|111)\b",
    re.IGNORECASE,
)


def check_emergency_number(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """'Call 999' copied from a UK page: in the US, the number is 911."""
    for match in WRONG_EMERGENCY.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            f"'{match.group(0)}' is not the emergency number here; a patient in danger could lose "
            'time. Write 911 (use the shared box: --8<-- "includes/call-911.md").',
        )


def check_emergency_box(path: str, text: str) -> Iterator[Problem]:
    """The shared "Call 911 if…" box must still say 911 (it is on every page that needs it)."""
    if not re.search(r"(?<![\w-])911\b", text):  # not the box type, call-911
        yield Problem(
            path,
            1,
            "the emergency box no longer says 911, so patients in danger are not told to call it. "
            'Put back "Call 911 if…" in the title and the first line of the box.',
        )


# ---------------------------------------------------------------- link text

VAGUE_LINK_TEXT = {
    "here",
    "click here",
    "click",
    "this",
    "this link",
    "link",
    "this page",
    "read more",
    "more",
    "more info",
    "more information",
    "go",
    "see here",
    "tap here",
}


def check_link_text(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Link text must say where the link goes: screen readers list links on their own."""
    for match in INLINE_LINK.finditer(masked):
        if match.group("bang"):
            continue
        text = match.group("text")
        words = " ".join(re.sub(r"[*_`]", "", text).split()).strip(" .:!").lower()
        if not words and "![" not in text:
            yield Problem(
                path,
                lines.line(match.start()),
                "this link has no text, so patients cannot see or hear it. Write a few words between "
                "the [ ] that say where it goes, e.g. [Aftercare](aftercare.md).",
            )
        elif words in VAGUE_LINK_TEXT:
            yield Problem(
                path,
                lines.line(match.start()),
                f"the link text '{text.strip()}' does not say where the link goes; screen readers read "
                "links on their own. Use words that name the place, e.g. [Read the aftercare page](aftercare.md).",
            )


SPACED_ADDRESS = re.compile(
    r"(?P<bang>!?)\[[^\]\n]*\]\((?P<url>[^()\s\"'<>]+(?:[ \t]+[^()\s\"'<>]+)+)\)"
)
NEW_TAB = re.compile(r"""\btarget\s*=\s*["']?_blank""", re.IGNORECASE)
BOLD_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)(?P<text>[^*_\n]{2,80}?)(?:\*\*|__)[ \t]*:?[ \t]*$", re.MULTILINE
)
NO_SHOW_FORMATS = (".heic", ".heif", ".tif", ".tiff", ".bmp", ".psd", ".raw", ".dng")
NAME_AS_ALT = re.compile(
    r"^(?:(?:img|dsc|pxl|image|photo|picture|screenshot)[\s_-]*\d*|[\w -]+\.(?:jpe?g|png|gif|webp|svg|avif|heic))$",
    re.IGNORECASE,
)


# Where a staff member's own files live: patients get a sign-in page, or nothing.
PRIVATE_HOSTS = re.compile(
    r"^(?:docs|drive|sheets|forms)\.google\.com$|(?:^|\.)sharepoint\.com$|^onedrive\.live\.com$|"
    r"^1drv\.ms$|(?:^|\.)dropbox\.com$|^localhost$|^127\.0\.0\.1$|^(?:10|192\.168)\.[\d.]+$"
)
TRACKING_PARAMETER = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|msclkid|mc_eid|_hsenc|igshid)$", re.IGNORECASE
)


def _private_or_tracking(path: str, line: int, url: str) -> Iterator[Problem]:
    """A link to someone's own files or computer, or one that tells the other site who sent
    the patient (utm_source=..., fbclid=...)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "file" or PRIVATE_HOSTS.search(host):
        yield Problem(
            path,
            line,
            f"the link {url} goes to {'a file on a computer' if parts.scheme == 'file' else host}, "
            "where staff keep their own files: patients would get a sign-in page or nothing. "
            "Link to a public web page, or add the file to the docs folder and link to it.",
        )
    tracking = [name for name, _ in parse_qsl(parts.query) if TRACKING_PARAMETER.match(name)]
    if tracking:
        clean = urlunsplit(
            parts._replace(
                query=urlencode(
                    [(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMETER.match(k)]
                )
            )
        )
        yield Problem(
            path,
            line,
            f"the link {url} carries tracking ({', '.join(tracking)}), which tells the other site "
            f"where the patient came from. Delete it from the address: {clean}",
        )


def check_links_and_images(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """File names with spaces, pictures browsers cannot show, alt text that is only a file
    name, links that open a new tab, and bold lines used as headings."""
    for match in SPACED_ADDRESS.finditer(masked):
        url = match.group("url")
        what = "image does not show" if match.group("bang") else "link breaks"
        yield Problem(
            path,
            lines.line(match.start()),
            f"the address {url} has a space in it, so the {what}. Rename the file without "
            f"spaces ({'-'.join(url.split())}) and write the same name here.",
        )
    for match in INLINE_LINK.finditer(masked):
        if not match.group("bang"):
            continue
        url = (match.group("angled") or match.group("url") or "").split("?")[0].lower()
        alt = match.group("text").strip()
        if url.endswith(NO_SHOW_FORMATS):
            yield Problem(
                path,
                lines.line(match.start()),
                f"image {url} is in a format most browsers cannot show (.{url.rsplit('.', 1)[-1]}, often "
                "from a phone camera or a scanner). Save it as JPEG or WebP (for example with "
                "https://squoosh.app), add that file and link to it.",
            )
        if alt and NAME_AS_ALT.match(alt):
            yield Problem(
                path,
                lines.line(match.start()),
                f"the alt text '{alt}' is a file name, so blind patients hear only that. Describe "
                "the picture in a few words instead: ![Needle placed in the upper back](image.jpg)",
            )
    for match in INLINE_LINK.finditer(masked):
        if match.group("bang"):
            continue
        url = match.group("angled") or match.group("url") or ""
        yield from _private_or_tracking(path, lines.line(match.start()), url)
    for match in NEW_TAB.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            "this link opens in a new tab, which confuses screen-reader users and people on phones "
            '(the Back button stops working). Delete {target=_blank} or target="_blank".',
        )
    for match in BOLD_LINE.finditer(masked):
        text = match.group("text").strip()
        yield Problem(
            path,
            lines.line(match.start()),
            f"the line '**{text}**' is bold text used as a heading, so screen readers and the table "
            f"of contents miss it. Make it a heading instead: ## {text}",
        )


# ---------------------------------------------------------------- tables

TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(row: str) -> int:
    row = row.strip()
    row = row.removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(re.split(r"(?<!\\)\|", row))


def check_tables(path: str, masked: str) -> Iterator[Problem]:
    """A table needs a line of dashes under its header, and the same number of cells in every row."""
    rows = masked.split("\n")
    index = 0
    while index < len(rows):
        if not rows[index].lstrip().startswith("|"):
            index += 1
            continue
        start = index
        while index < len(rows) and rows[index].lstrip().startswith("|"):
            index += 1
        block = rows[start:index]
        if len(block) < 2 and not TABLE_SEPARATOR.match(block[0]):
            continue
        if len(block) < 2 or not TABLE_SEPARATOR.match(block[1]):
            yield Problem(
                path,
                start + 1,
                "this table has no line of dashes under its header row, so it shows as plain text with "
                "| marks. Add a line like | --- | --- | under the first row, with one --- per column.",
            )
            continue
        wanted = _cells(block[0])
        for offset, row in enumerate(block[1:], start=1):
            found = _cells(row)
            if found != wanted:
                yield Problem(
                    path,
                    start + offset + 1,
                    f"this table row has {found} cell{'s' if found != 1 else ''} but the header has {wanted}, so "
                    f"{'the extra text is dropped' if found > wanted else 'the row comes out short'}. "
                    f"Make the row {wanted} cells: one | between each cell, and one at each end.",
                )


# ---------------------------------------------------------------- boxes (admonitions)

# Material for MkDocs' box types (https://squidfunk.github.io/mkdocs-material/reference/admonitions/).
BOX_TYPES = frozenset(
    (
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important"),
        *("success", "check", "done", "question", "help", "faq", "warning", "caution"),
        *("attention", "failure", "fail", "missing", "danger", "error", "bug", "example"),
        *("quote", "cite"),
    )
)
SHARED_BOXES = {"call-911": "includes/call-911.md", "call-clinic": "includes/call-the-clinic.md"}
CSS_BOX_TYPE = re.compile(r"\.admonition\.([a-z0-9-]+)")
BOX_LINE = re.compile(
    r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*(?P<kind>[\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"[^"\n]*")?[ \t]*$'
)


def box_types(stylesheets: Iterable[Path]) -> frozenset[str]:
    """Material's box types plus the ones our stylesheets add (`.admonition.call-911`)."""
    ours = {
        kind
        for sheet in stylesheets
        if sheet.is_file()
        for kind in CSS_BOX_TYPE.findall(sheet.read_text(encoding="utf-8"))
    }
    return BOX_TYPES | ours


def check_boxes(
    path: str, masked: str, known: frozenset[str], shared_text: bool = False
) -> Iterator[Problem]:
    """`!!! warnng` (a misspelt type shows as a grey box), a title in curly quotes (the box does
    not show at all), and a "get help" box typed out instead of included from includes/."""
    for index, line in enumerate(masked.split("\n")):
        match = ADMONITION.match(line)
        if not match:
            continue
        number = index + 1
        kind = match.group("kind")
        if kind not in known:  # class names are case-sensitive: "Warning" is a grey box too
            close = difflib.get_close_matches(kind.lower(), sorted(known), n=1, cutoff=0.6)
            yield Problem(
                path,
                number,
                f"'{kind}' is not a box type, so the box shows as a plain grey box. "
                + (f"Did you mean !!! {close[0]}? " if close else "")
                + "Use a type such as note, tip, warning or danger.",
            )
        elif not BOX_LINE.match(line):
            yield Problem(
                path,
                number,
                "the title of this box is not in straight double quotes, so the box does not show. "
                'Write it like !!! warning "Call us if" (type the quotes on the keyboard, not from Word).',
            )
        if kind in SHARED_BOXES and not shared_text:
            yield Problem(
                path,
                number,
                f"this '{kind}' box is typed out in the page, so its wording can drift from every other "
                f'page. Replace the whole box with the line --8<-- "{SHARED_BOXES[kind]}".',
            )


# ---------------------------------------------------------------- what Word leaves behind

INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u202e": "right-to-left override",
}
CURLY_SNIPPET = re.compile(r"^[ \t]*--8<--[ \t]+[\u201c\u201d\u2018\u2019]", re.MULTILINE)
TAB_START = re.compile(r"^\t+\S", re.MULTILINE)


def check_pasted_text(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """Invisible characters, curly quotes in `--8<--` lines and tab-indented lines."""
    for char, name in INVISIBLE.items():
        position = masked.find(char)
        while position != -1:
            yield Problem(
                path,
                lines.line(position),
                f"this line has an invisible character (a {name}), often pasted from Word or a web "
                "page; it breaks search and the glossary. Retype the words around it, or paste "
                "the text as plain text (Ctrl+Shift+V).",
            )
            position = masked.find(char, masked.find("\n", position) + 1 or len(masked))
    for match in CURLY_SNIPPET.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            "the file name in this --8<-- line is in curly quotes, so the shared text is not put in. "
            'Retype both quote marks as straight quotes: --8<-- "includes/call-911.md"',
        )
    for match in TAB_START.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            "this line starts with a tab, so it may show as code or fall out of its list or box. "
            "Replace the tab with spaces: 4 spaces inside a box or under a list item, none otherwise.",
        )


# ---------------------------------------------------------------- the whole site


def check_duplicate_titles(titles: Iterable[tuple[str, int, str]]) -> Iterator[Problem]:
    """Two pages with the same title look like one page in the menu, in search and in tabs."""
    seen: dict[str, tuple[str, int]] = {}
    for path, line, title in titles:
        key = " ".join(title.lower().split())
        if key in seen:
            first_path, _ = seen[key]
            yield Problem(
                path,
                line,
                f"the title '{title}' is also the title of {first_path}, so patients cannot tell the "
                "two pages apart in search and in browser tabs. Give this page its own title.",
            )
        else:
            seen[key] = (path, line)


# ---------------------------------------------------------------- medicine doses

DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|ml|milligrams?|miligramos?|tablets?|tabletas?|pills?|"
    r"pastillas?|comprimidos?|capsules?|cápsulas?)\b",
    re.IGNORECASE,
)


def check_doses(path: str, masked: str, lines: LineIndex) -> Iterator[Problem]:
    """A medicine dose ('take 800 mg'): right for one patient, harmful for another."""
    instead = (
        "'úsela como dice la etiqueta, su médico o su farmacéutico'"
        if _is_spanish(path)
        else "'use it as the label or your doctor or pharmacist says'"
    )
    for match in DOSE.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            f"'{match.group(0)}' gives a medicine dose, which is right for one patient and can "
            f"harm another (and physical therapists do not prescribe medicines). Say instead: "
            f"{instead}.",
        )


# ---------------------------------------------------------------- source numbers

SOURCE_CITATION = re.compile(r"\((?:sources?|fuentes?)\s+(\d[\d\s,;&–-]*(?:(?:and|y)\s+\d+)?)\)")


# A footnote ([^1]) or a paper's citation ([3], [2, 5]): shown as typed, brackets and all.
BRACKET_CITATION = re.compile(r"\[\^[^\]\n]+\]|(?<!\])\[\d+(?:\s?[,–-]\s?\d+)*\](?![(\[:])")


def check_source_numbers(
    path: str, masked: str, lines: LineIndex, sources: int
) -> Iterator[Problem]:
    """'(source 9)' on a page that lists 8 sources: patients look for a source that is not
    there. `sources`: how many the page's front matter lists (the English page's, for a
    translation). And citations written as footnotes or [1], which pages show as typed."""
    word, also = ("fuente", "y") if _is_spanish(path) else ("source", "and")
    for match in BRACKET_CITATION.finditer(masked):
        yield Problem(
            path,
            lines.line(match.start()),
            f"'{match.group(0)}' is shown to patients as typed, brackets and all (footnotes and "
            f"[1]-style citations are not used here). Cite a source by its number under "
            f"Sources: ({word} 1), or ({word}s 2 {also} 3).",
        )
    for match in SOURCE_CITATION.finditer(masked):
        for number in map(int, re.findall(r"\d+", match.group(1))):
            if 1 <= number <= sources:
                continue
            listed = (
                f"lists {sources} source{'s' if sources != 1 else ''}"
                if sources
                else "lists no sources"
            )
            where = "its English page's front matter" if _is_spanish(path) else "the front matter"
            yield Problem(
                path,
                lines.line(match.start()),
                f"'{match.group(0)}' cites source {number}, but the page {listed} (sources: in "
                f"{where}), so patients cannot find it. Use the number of the source as it is "
                "listed under Sources on the page, or add the source to sources:.",
            )


def check_page(
    path: str,
    source: str,
    body_start: int,
    clinic: Mapping[str, object],
    known_boxes: frozenset[str],
    shared_text: bool = False,
    sources: int | None = None,
) -> list[Problem]:
    """Every check in this module on one page (or shared text in includes/). `sources`: how
    many sources the page lists (None: not a page, so its source numbers are not checked)."""
    masked = masked_source(source, body_start)
    lines = LineIndex(masked)
    front = "\n".join(
        line if number < body_start else "" for number, line in enumerate(source.split("\n"), 1)
    )
    problems = list(check_typed_facts(path, masked, lines, clinic))
    problems += check_unfinished(path, front, lines)
    problems += check_unfinished(path, masked, lines)
    problems += check_claims(path, masked, lines)
    problems += check_emergency_number(path, masked, lines)
    problems += check_link_text(path, masked, lines)
    problems += check_links_and_images(path, masked, lines)
    problems += check_tables(path, masked)
    problems += check_boxes(path, masked, known_boxes, shared_text)
    problems += check_pasted_text(path, masked, lines)
    problems += check_doses(path, masked, lines)
    if sources is not None:
        problems += check_source_numbers(path, masked, lines, sources)
    if shared_text and path.endswith(SHARED_BOXES["call-911"]):
        problems += check_emergency_box(path, masked)
    return sorted(problems, key=lambda problem: problem.line)


# ---------------------------------------------------------------- mkdocs.yml


def check_config_readable(path: str, config_text: str) -> list[Problem]:
    """Why mkdocs.yml cannot be read, on its line. MkDocs stops before any check runs, so the
    pull-request workflow calls this when the build failed without a problem reported."""
    try:
        compose_yaml(config_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        text_line = config_text.split("\n")[line - 1] if line <= config_text.count("\n") + 1 else ""
        if "\t" in text_line:
            fix = "This line has a tab: replace it with spaces, lined up with the lines around it."
        else:
            fix = (
                "Check the indent of this line and the one above it (spaces only, lined up with "
                "the lines around it), the space after each colon, and quotes around text with a colon."
            )
        what = getattr(error, "problem", None) or "it is not valid YAML"
        return [
            Problem(
                path,
                line,
                f"mkdocs.yml cannot be read ({what}), so the site cannot be built. {fix}",
            )
        ]
    return []


def check_nav(path: str, config_text: str, docs_dir: Path) -> list[Problem]:
    """A menu entry (under nav:) whose page does not exist, with its line in mkdocs.yml
    (MkDocs' own warning names neither the line nor a fix)."""
    try:
        root = compose_yaml(config_text)
    except yaml.YAMLError:
        return []  # MkDocs stops with its own message before any page is built
    nav = next(
        (value for key, value in getattr(root, "value", []) if getattr(key, "value", "") == "nav"),
        None,
    )
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    problems: list[Problem] = []
    stack = [nav] if nav is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.ScalarNode):
            target = str(node.value).strip()
            if target.endswith(".md") and "://" not in target and target not in pages:
                close = difflib.get_close_matches(target, pages, n=1, cutoff=0.75)
                problems.append(
                    Problem(
                        path,
                        node.start_mark.line + 1,
                        f"the menu (nav:) lists {target}, but there is no page docs/{target}. "
                        + (f"Did you mean {close[0]}? " if close else "")
                        + "Fix the file name, or delete this line from the menu.",
                    )
                )
    return sorted(problems, key=lambda problem: problem.line)
