"""Names, numbers and dates of an article, normalised so that two articles in different languages
and scripts can be compared fact by fact. No model: rules, word lists, a small gazetteer and
transliteration (``anyascii``) with fuzzy matching (``rapidfuzz``).

Steps of :func:`extract_facts`:

1. normalise: NFKC (full-width forms), Arabic-Indic and Devanagari digits to ASCII;
2. dates: "28. März", "March 28, 2017", "28 марта", "21 de septiembre", "4月1日", "١٢ أكتوبر";
3. clock times ("23:40" = "23.40 Uhr") and numbers outside dates, read with the language's decimal
   convention and scale words ("4,5 Millionen", "24 ألف", "9億2千万"); percentages marked;
4. names. Cased scripts: runs of capitalised words, split at titles, function words, months and
   (German) common nouns; places found by a gazetteer in 14 languages. A run is a *name* when its
   capitals carry information (a word capitalised mid-sentence; in German, several words), else a
   *candidate*. Arabic, Chinese, Japanese and Hindi text gives candidates (transliterated words
   and n-grams) besides gazetteer places and Latin-script names.

:func:`match_facts` pairs two :class:`Facts`: names by folded keys and fuzzy similarity (Arabic by
consonant skeleton), places by gazetteer id, numbers by value, dates by day and month. A candidate
counts only when it matches a name on the other side, so the ratios mean the same in every pair.

Modules: ``extract`` (facts of one article: dates and numbers here), ``names`` (names and places),
``caseless`` (candidates in caseless scripts), ``gazetteer`` (places), ``keys`` (name keys and
fuzzy similarity across scripts), ``match`` (two articles' shared facts), ``types`` (the records),
``conflict`` (where two articles' facts disagree), ``data`` (the word lists). Tables derived from the word lists are built on first use, not at import.
"""

from __future__ import annotations

from .conflict import MIN_FIGURE, MIN_NAMES, FactsConflict, compare_facts
from .extract import extract_facts, fact_keys
from .keys import AR_MIN_SKELETON, AR_SHORT_RATIO, MIN_FUZZY_LEN, NAME_SIMILARITY, name_key, name_similarity
from .match import match_facts
from .types import DateMention, FactMatch, Facts, Mention, Quantity

__all__ = [
    "Mention",
    "Quantity",
    "DateMention",
    "Facts",
    "FactMatch",
    "extract_facts",
    "fact_keys",
    "match_facts",
    "FactsConflict",
    "compare_facts",
    "MIN_NAMES",
    "MIN_FIGURE",
    "name_key",
    "name_similarity",
    "NAME_SIMILARITY",
    "MIN_FUZZY_LEN",
    "AR_MIN_SKELETON",
    "AR_SHORT_RATIO",
]
