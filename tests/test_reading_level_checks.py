"""The reading-level check on rendered HTML."""

from __future__ import annotations

from scripts.checks.reading_level_checks import check_reading_level, sentence_line

EASY = "<p>Dry needling helps sore muscles. It is quick. You may feel a twitch.</p>"
HARD_SENTENCE = (
    "Myofascial trigger point pathophysiology remains incompletely characterised notwithstanding considerable "
    "electrophysiological investigation."
)
HARD = f"<p>{HARD_SENTENCE} Intramuscular stimulation necessitates comprehensive practitioner education.</p><p>It helps.</p>"


def test_easy_page_passes() -> None:
    assert check_reading_level("docs/a.md", EASY, "", 1) == []


def test_hard_page_names_grade_sentences_and_fix() -> None:
    second = "Intramuscular stimulation necessitates comprehensive practitioner education."
    source = "---\ntitle: A\n---\n\n# A\n\n" + HARD_SENTENCE + "\n" + second + "\n"
    [problem] = check_reading_level("docs/a.md", HARD, source, 4)
    text = str(problem)
    first_quoted = text.split('Hardest sentences: "', 1)[1]
    expected_line = 7 if first_quoted.startswith("Myofascial") else 8
    assert text.startswith(f"docs/a.md:{expected_line}: the page reads at grade ")
    assert f'"{HARD_SENTENCE}" (grade ' in text
    assert "Intramuscular stimulation necessitates" in text
    assert "split long sentences" in text and "everyday words" in text


def test_tables_and_sources_do_not_count() -> None:
    html = f"<p>It helps.</p><table><tr><td>{HARD_SENTENCE}</td></tr></table><h2>Sources</h2><ol><li>{HARD_SENTENCE}</li></ol>"
    assert check_reading_level("docs/a.md", html, "", 1) == []


def test_sentence_line_finds_wrapped_sentences() -> None:
    source = "line one\nMyofascial trigger\npoint pathophysiology remains\n"
    assert sentence_line(source, HARD_SENTENCE, 1) == 2
    assert sentence_line(source, "Not in the page at all.", 5) == 5


def test_smog_counts_only_pages_with_ten_sentences() -> None:
    # The same long-word mix as below, but 8 sentences: too few for SMOG to mean anything.
    few = " ".join(
        ["Physiotherapy and acupuncture may help you. We can ease the pain for you."] * 4
    )
    assert check_reading_level("docs/a.md", f"<p>{few}</p>", "", 1) == []


def test_smog_above_eight_names_the_long_words_and_the_fix() -> None:
    # Short sentences keep the grade low, but many long words push SMOG over 8.
    sentences = " ".join(
        ["Physiotherapy and acupuncture may help you. We can ease the pain for you."] * 5
    )
    html = f"<p>{sentences}</p>"
    problems = check_reading_level("docs/a.md", html, "", 3)
    [smog] = [p for p in problems if "SMOG" in p.message]
    assert str(smog).startswith("docs/a.md:3: the page reads at SMOG ")
    assert "'physiotherapy'" in smog.message and "'acupuncture'" in smog.message
    assert "shorter everyday words" in smog.message


def test_easy_long_page_passes_smog() -> None:
    html = "<p>" + " ".join(["The pain may ease. You can move. We will help you."] * 5) + "</p>"
    assert check_reading_level("docs/a.md", html, "", 1) == []
