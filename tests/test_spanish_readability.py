"""The Spanish syllable counter and the INFLESZ score (scripts/checks/spanish_readability.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks import spanish_readability as sr

# Syllable counts from the Real Academia Española's rules (Ortografía 2010), hyphenated.
KNOWN = {
    "dí-a": 2,
    "a-gua": 2,
    "e-ne-ro": 3,
    "e-mer-gen-cia": 4,  # -cia is a diphthong (textstat 0.7.8 says 3)
    "pa-ís": 2,
    "rí-o": 2,
    "o-í-do": 3,
    "ciu-dad": 2,
    "muy": 1,
    "hoy": 1,
    "y": 1,
    "rey": 1,
    "re-yes": 2,
    "a-yu-da": 3,
    "que": 1,
    "quien": 1,
    "gue-rra": 2,
    "guin-da": 2,
    "pin-güi-no": 3,
    "ver-güen-za": 3,
    "U-ru-guay": 3,
    "buey": 1,
    "a-e-ro-puer-to": 5,
    "le-er": 2,
    "po-e-ta": 3,
    "hue-vo": 2,
    "pro-hi-bi-do": 4,
    "can-ción": 2,
    "que-rí-a": 3,
    "mús-cu-lo": 3,
    "pun-ción": 2,
    "an-ti-co-a-gu-lan-te": 7,
    "neu-mo-tó-rax": 4,
    "fi-sio-te-ra-peu-ta": 6,
    "em-ba-ra-za-da": 5,
    "es-pas-mo": 3,
    "a-gu-je-tas": 4,
    "sie-te": 2,
    "cuán-tas": 2,
    "se-sio-nes": 3,
    "a-ho-ra": 3,
    "ba-úl": 2,
    "Ma-rí-a": 3,
    "LLA-ME": 2,
}


@pytest.mark.parametrize("hyphenated", sorted(KNOWN))
def test_syllables_match_the_known_count(hyphenated: str) -> None:
    word = hyphenated.replace("-", "")
    assert sr.syllables(word) == KNOWN[hyphenated] == len(hyphenated.split("-")), hyphenated


def test_numbers_are_words_read_aloud() -> None:
    assert sr.words("Llame al 911 hoy.") == ["Llame", "al", "911", "hoy"]
    assert sr.syllables("911") == 3


def test_szigriszt_pazos_formula() -> None:
    # 2 sentences, 8 words, 14 syllables: 206.835 - 62.3 * 14 / 8 - 8 / 2
    result = sr.score("Me duele la espalda. Llame a la clínica.")
    assert result is not None
    assert (result.words, result.sentences, result.syllables) == (8, 2, 14)
    assert result.value == round(206.835 - 62.3 * 14 / 8 - 8 / 2, 1)


def test_bands_follow_the_inflesz_scale() -> None:
    assert sr.Score(70, 1, 1, 1).band == "bastante fácil"
    assert sr.Score(60, 1, 1, 1).band == "normal"
    assert sr.Score(85, 1, 1, 1).band == "muy fácil"
    assert sr.Score(30, 1, 1, 1).band == "muy difícil"


def test_plain_text_scores_higher_than_hard_text() -> None:
    plain = sr.score("Puede sentir un dolor leve. Dura uno o dos días. Tome agua.")
    hard = sr.score(
        "La fisioterapeuta especializada administrará anticoagulantes intramusculares "
        "considerando contraindicaciones farmacológicas documentadas."
    )
    assert plain is not None and hard is not None
    assert plain.value >= sr.MIN_PAGE > hard.value


def test_page_score_measures_paragraphs_and_list_items_only() -> None:
    html = (
        "<h1>Una contraindicación farmacológica extraordinariamente complicada</h1>"
        "<p>Puede sentir dolor.</p><ul><li>Tome agua</li></ul>"
        "<table><tr><td>Electroencefalografía intramuscular</td></tr></table>"
    )
    result = sr.page_score(html)
    assert result is not None
    assert (result.words, result.sentences) == (5, 2)


def test_while_writing_the_command_measures_boxes_and_included_text(tmp_path: Path) -> None:
    """`python -m scripts.checks.spanish_readability page.md` measured only 43 of the handout's
    words: text in `<div markdown>` blocks and the get-help boxes it includes were left out."""
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "box.md").write_text(
        '!!! danger "Llame al 911 si"\n\n    - tiene dolor en el pecho\n', encoding="utf-8"
    )
    source = (
        "---\ntitle: Prueba\n---\n\n# Prueba\n\n<!-- handout-link -->\n\n"
        '<div class="handout-help" markdown>\n\n## Cuándo llamarnos\n\n- si tiene fiebre\n\n'
        '<div class="handout-911" markdown>\n\n--8<-- "includes/box.md"\n\n</div>\n\n</div>\n\n'
        "Una frase final.\n"
    )
    html = sr.markdown_page_html(source, tmp_path)
    for words in ("si tiene fiebre", "tiene dolor en el pecho", "Una frase final."):
        assert words in html, html
    assert "handout-link" not in html
