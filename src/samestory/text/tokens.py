"""Words, sentence endings and comparable content words: the token patterns every stage shares."""

from __future__ import annotations

import re

from .scripts import WIDE

__all__ = ["WORD", "SENTENCE_END", "WIDE_RUN", "content_words"]

#: a line that ends like a sentence (or a quotation, or a colon announcing what follows)
SENTENCE_END = re.compile(r"[.!?。！？؟।…:;\"'”»)]\s*$")
#: a word: letters, with inner apostrophes and hyphens
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: a run of kana, Han or Hangul characters (written without spaces between words)
WIDE_RUN = re.compile(f"[{WIDE}]+")


def content_words(text: str) -> list[str]:
    """Comparable content words: letters-only tokens of 4+ characters cut to a 5-letter stem
    (so "Syria"/"Syrian" and "Chromebook"/"Chromebooks" meet), and Han/kana bigrams."""
    low = text.lower()
    words = [w[:5] for w in WORD.findall(low) if len(w) >= 4 and not WIDE_RUN.fullmatch(w)]
    for run in WIDE_RUN.findall(low):
        words.extend(run[k : k + 2] for k in range(max(1, len(run) - 1)))
    return words
