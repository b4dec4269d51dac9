"""The normalised body: one token stream that both the content hash and the shingles read.

Two pages carry the same article when their *cleaned bodies* say the same words in the same
order. What differs between two such pages and must not count: letter case, Unicode forms
(full-width digits, ligatures, composed/decomposed accents: NFKC), punctuation and quotes
(“” vs ""), whitespace and where the paragraphs break. So a body is NFKC-normalised,
case-folded, every run of punctuation, symbols and whitespace becomes one separator, and what
is left are the tokens:

* in scripts written with spaces, a token is a word (letters, digits and the combining marks
  of Indic and South-East Asian scripts, which Python's ``\\w`` leaves out);
* in scripts written without spaces (kana, Han, Hangul from :data:`samestory.text.scripts.WIDE`,
  plus Thai, Lao, Myanmar and Khmer) each character is a token: there is no word boundary to
  find, and a character n-gram is what a word n-gram is elsewhere.

The title is not part of the content hash: outlets re-headline the same wire story, and that
is a copy. But the title is a witness. One body under several *different* titles is mostly a
page the extractor took for the article: on stories/dev.jsonl, of the 4 bodies found under
different titles, 3 were junk (one cookie notice under 3 news titles, one forum question under
2, one publisher disclaimer under 3) and 1 a re-headlined copy. A junk body does not mention
its title, a real one does. So two guards keep junk out of the groups:

* a body shorter than :data:`MIN_WORDS` is never grouped;
* a body that shares no content word (:func:`samestory.text.tokens.content_words`) with a title
  of at least :data:`TITLE_WORDS` content words gets no content hash, and is grouped with
  another only under the same title (:mod:`.verify`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from ..text.scripts import WIDE
from ..text.tokens import content_words

__all__ = [
    "UNSPACED",
    "MIN_WORDS",
    "TITLE_WORDS",
    "normalise",
    "tokenise",
    "word_count",
    "title_fits_body",
    "content_hash",
    "hash_tokens",
]

#: Scripts written without spaces between words: kana, Han, Hangul, Thai, Lao, Myanmar, Khmer.
UNSPACED = WIDE + "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# Combining marks that Python's \w does not match (Devanagari ... Sinhala vowel signs, Thai
# and Lao vowels, Myanmar, Khmer, Hebrew points, Arabic harakat): without them "नमस्ते" would
# fall apart into pieces at every vowel sign.
_MARKS = "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff"
_SEPARATORS = re.compile(f"(?:[^\\w{_MARKS}{UNSPACED}]|_)+")
_TOKEN = re.compile(f"[{UNSPACED}]|[^\\s{UNSPACED}]+")
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")

#: A body shorter than this (in words; two characters of an unspaced script count as one word)
#: is never grouped, neither by hash nor by shingles: such "bodies" are often junk that the
#: extractor took for an article (a cookie banner, a paywall or newsletter blurb, a caption),
#: and identical junk on many pages would merge unrelated articles. On stories/dev.jsonl 10 of
#: 1,800 articles are that short: 3 junk pages (an e-mail notification prompt, an "Internet
#: Explorer is not supported" notice, a numbered picture list) and 7 briefs or teasers, which
#: are the price. Longer bodies with equal normalised text there: 31 groups (64 articles), 28
#: of them one article twice (18 a WMT English source used in two language pairs) and 3 junk
#: under unrelated titles, which the title guard (:data:`TITLE_WORDS`) leaves without a hash.
MIN_WORDS = 50
#: A title with at least this many content words is expected to share one with its body. On
#: stories/dev.jsonl 31 of 1,797 titled articles fail: 16 junk bodies (cookie, login, consent,
#: subscription and disclaimer pages, a forum post, a wrong article) and 15 real articles under
#: junk titles (a Turkish site's keyword list "Türkiye, haber, haberleri, ..." on 6) or titles
#: in other words than the text; with 3 content words 38 fail, with 5 28.
TITLE_WORDS = 4


def normalise(text: str) -> str:
    """NFKC, case-folded, punctuation/symbols/whitespace runs as one space, stripped."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "")  # "İ".casefold() is "i̇"
    return _SEPARATORS.sub(" ", folded).strip()


def tokenise(paragraphs: Sequence[str]) -> list[str]:
    """The body's tokens: words, and single characters of unspaced scripts (module docstring)."""
    return _TOKEN.findall(normalise("\n".join(paragraphs)))


def word_count(tokens: Sequence[str]) -> float:
    """Length in words, counting two characters of an unspaced script as one word (about what
    a Japanese or Chinese word takes)."""
    unspaced = sum(1 for t in tokens if len(t) == 1 and _UNSPACED_CHAR.match(t))
    return len(tokens) - unspaced / 2


def title_fits_body(title: str, paragraphs: Sequence[str]) -> bool:
    """Whether the body can be the title's article: False when the title has at least
    :data:`TITLE_WORDS` content words and the body has none of them (an empty title fits)."""
    words = set(content_words(title))
    return len(words) < TITLE_WORDS or not words.isdisjoint(content_words("\n".join(paragraphs)))


def hash_tokens(tokens: Sequence[str]) -> str | None:
    """The content hash of a token stream, or None when it is shorter than :data:`MIN_WORDS`."""
    if word_count(tokens) < MIN_WORDS:
        return None
    # blake2b, not xxhash: a hostile page must not be able to forge another article's hash and
    # join its group; at ~1 GB/s the cost is nothing next to tokenising.
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).hexdigest()


def content_hash(title: str, paragraphs: Sequence[str]) -> str | None:
    """Hex digest (32 characters) of the normalised cleaned body, or None when the body is not
    to be grouped by hash: shorter than :data:`MIN_WORDS`, or not mentioning its title
    (:func:`title_fits_body`). Store None as "no hash", never as a shared key.

    Equal digests mean equal token streams: the same words in the same order, whatever the
    case, punctuation, whitespace or paragraph breaks. The title itself is not hashed
    (module docstring)."""
    if not title_fits_body(title, paragraphs):
        return None
    return hash_tokens(tokenise(paragraphs))
