from __future__ import annotations

import pytest

from samestory.text.sentences import split_paragraph, split_sentences

CASES = {
    "ar": "قال الوزير إن المحطة ستفتح قريبا. وأضاف أن العمل مستمر.",
    "de": "Moskau, 28. März, IRNA – Der Präsident sprach. Er sagte: Ja.",
    "en": "Mr. Putin arrived on Tuesday. He met Dr. Rouhani.",
    "es": "El puente se abrió el lunes. La alcaldesa habló.",
    "fr": "Le pont a ouvert lundi. La maire a parlé.",
    "hi": "परिषद ने बजट मंजूर किया। विपक्ष ने विरोध किया।",
    "it": "Il ponte è stato aperto lunedì. La sindaca ha parlato.",
    "ja": "フェリーが就航した。市長が式典に出席した。",
    "nl": "De brug ging maandag open. De burgemeester sprak.",
    "pl": "Most otwarto w poniedziałek. Burmistrz przemawiał.",
    "pt": "A ponte abriu na segunda-feira. A prefeita falou.",
    "ru": "Мост открыли в понедельник. Мэр выступил с речью.",
    "tr": "Köprü pazartesi açıldı. Belediye başkanı konuştu.",
    "zh": "大桥周一通车。市长出席了仪式。",
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_two_sentences_in_each_language(lang):
    assert len(split_paragraph(CASES[lang], lang)) == 2


def test_german_ordinal_date_is_not_a_sentence_end():
    (first, _) = split_paragraph(CASES["de"], "de")
    assert first.startswith("Moskau, 28. März")


def test_turkish_ordinal_is_joined():
    assert split_paragraph("Ankara'da 15. yıl kutlandı. Başkan konuştu.", "tr") == [
        "Ankara'da 15. yıl kutlandı.",
        "Başkan konuştu.",
    ]


def test_sentences_never_cross_paragraphs_and_unknown_falls_back():
    out = split_sentences(["First one. Second one", "Third one."], "unknown")
    assert out == ["First one.", "Second one", "Third one."]
