"""Unicode ranges of the scripts the text stages treat specially, stated once.

These are character-class bodies (no brackets), for building patterns where they are used:
``re.compile(f"[{WIDE}]")``.
"""

from __future__ import annotations

__all__ = ["HIRAGANA_KATAKANA", "KATAKANA_WORD", "HAN", "HANGUL", "WIDE"]

#: Hiragana and katakana (with the long-vowel mark and iteration marks).
HIRAGANA_KATAKANA = "\u3040-\u30ff"
#: Katakana letters and the long-vowel mark: what a transliterated foreign name is written in.
KATAKANA_WORD = "\u30a1-\u30fa\u30fc"
#: Han ideographs: CJK extension A, the unified block, compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Hangul syllables.
HANGUL = "\uac00-\ud7af"
#: Scripts whose one character carries about one word: kana, Han and Hangul. They weigh three
#: letters in language identification, form bigram "words" in the line judge and count as words
#: when an HTML page's length is judged.
WIDE = HIRAGANA_KATAKANA + HAN + HANGUL
