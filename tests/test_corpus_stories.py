"""Stories in a corpus: built as articles are added, explained, listed, rebuilt, searched."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from conftest import EXAMPLES
from samestory.evaluation.stories_eval import bcubed

DEMO = EXAMPLES.parent / "demo"


def _article_id(name: str) -> str:
    """The id `add` gives a manifest entry: a file's name without its extension, a record's id."""
    return name.split("#", 1)[1] if "#" in name else name.rsplit(".", 1)[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, resources):
    from samestory.corpus import Corpus

    db = tmp_path_factory.mktemp("stories") / "db"
    with Corpus(db, resources=resources) as c:
        c.add([EXAMPLES])
        yield c


@pytest.fixture(scope="module")
def events(manifest) -> dict[str, str]:
    return {_article_id(name): entry["event"] for name, entry in manifest.items()}


def _stories(corpus) -> dict[str, int]:
    rows = corpus.store.db.execute(
        "SELECT a.id, m.story FROM story_members m JOIN articles a ON a.key = m.article WHERE a.current = 1"
    )
    return dict(rows.fetchall())


def test_every_article_is_in_exactly_one_story(corpus, events):
    assert set(_stories(corpus)) >= set(events)
    members = corpus.store.db.execute("SELECT count(*), count(DISTINCT article) FROM story_members").fetchone()
    assert members[0] == members[1] == corpus.store.article_count()


def test_the_examples_group_by_event_and_same_place_other_event_stays_apart(corpus, events):
    """The bundled examples are a small gold set with three hard negatives: the same observatory
    and people (comet vs visitor centre), the same town and mayor (bridge vs market), the same
    ferry company (ferry vs batteries). Names are shared; the events differ."""
    story = _stories(corpus)
    ids = sorted(events)
    p, r, f1 = bcubed([str(story[i]) for i in ids], [events[i] for i in ids])
    assert f1 >= 0.9, (p, r, story)
    assert story["kedrovaya-comet.en"] == story["kedrovaya-comet.ru"]
    assert story["kedrovaya-comet.ru"] != story["kedrovaya-visitor-centre.ru"]
    assert story["river-bridge.fr"] != story["verlac-market.fr"]
    assert story["electric-ferry.en"] == story["electric-ferry.ja"] != story["cw-4502"]


def test_a_translation_joins_its_original_story_as_a_duplicate(corpus):
    stories = corpus.story_book
    ferry = stories.story_of(corpus.store.by_id("electric-ferry.ja").key)
    detail = stories.detail(ferry)
    why = {m["id"]: m["why"] for m in detail["articles"]}
    assert why["electric-ferry.ja"]["kind"] == "duplicate"
    assert why["electric-ferry.ja"]["matched"] == ["electric-ferry.en"]
    assert set(detail["languages"]) == {"en", "ja"}


# Written for these tests: an independent Spanish report of the harbour fire (its own words and
# order, not a translation), and an English report of another warehouse fire: the same kind of
# event in another town, with other people, figures and day.
SPANISH_REPORT = {
    "id": "harbor-fire.es.report",
    "lang": "es",
    "title": "Investigan las causas del incendio en el puerto alemán de Brunsholm",
    "text": (
        "La policía de Brunsholm, en el norte de Alemania, investiga qué provocó el incendio que la noche "
        "del martes destruyó un almacén de cereales de la empresa Oberlin Getreidehandel en el muelle norte "
        "del puerto.\n\n"
        "Según la compañía, dentro había unas 1.200 toneladas de cebada y los daños rondan los 4,5 millones "
        "de euros. Dos trabajadores portuarios fueron atendidos por inhalación de humo y ya recibieron el alta.\n\n"
        "El jefe de bomberos del distrito, Jonas Pietsch, explicó que 86 bomberos lucharon toda la noche para "
        "evitar que las llamas alcanzaran un depósito de combustible cercano. La alcaldesa Henrike Lassen "
        "anunció que el puerto seguirá cerrado al tráfico de mercancías hasta el jueves."
    ),
}
OTHER_FIRE = {
    "id": "warehouse-fire.en.other",
    "lang": "en",
    "title": "Timber warehouse burns down in Eskerby port",
    "text": (
        "A timber warehouse at the port of Eskerby burned to the ground early on Saturday. Fire crews from "
        "three stations fought the blaze for six hours, the regional fire service said.\n\n"
        "The building, owned by the sawmill company Rautanen Wood, held around 300 cubic metres of planks. "
        "Managing director Elsa Kivinen put the loss at 800,000 euros. Nobody was injured.\n\n"
        "Harbour master Tomas Lind said shipping had not been affected. Investigators believe an electrical "
        "fault in a forklift charging station started the fire."
    ),
}


def test_an_independent_report_joins_and_says_why_and_another_fire_does_not(corpus, tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (SPANISH_REPORT, OTHER_FIRE)) + "\n")
    corpus.add([path])
    story = _stories(corpus)
    assert story["harbor-fire.es.report"] == story["harbor-fire.en"]
    assert story["warehouse-fire.en.other"] != story["harbor-fire.en"]
    detail = corpus.story(story["harbor-fire.en"])
    why = {m["id"]: m["why"] for m in detail["articles"]}["harbor-fire.es.report"]
    assert why["kind"] == "joined" and 0.0 <= why["score"] <= 1.0
    assert why["matched"][0].startswith("harbor-fire.")
    shared = " ".join(why.get("shared_names", []) + why.get("shared_places", []) + why.get("shared_numbers", []))
    assert "Pietsch" in shared or "Oberlin" in shared or "Lassen" in shared, why


def test_story_ids_are_stable_as_the_corpus_grows(corpus):
    before = _stories(corpus)
    corpus.add([DEMO])  # a copy of the harbour fire report and a German comet report
    after = _stories(corpus)
    assert {i: after[i] for i in before} == before
    assert after["kedrovaya-comet.de"] == after["kedrovaya-comet.en"]
    assert after["harbor-fire.en.repost"] == after["harbor-fire.en"]


def test_listing_filters_and_orders(corpus):
    listed = corpus.stories()
    sizes = [s["articles"] for s in listed]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == len(_stories(corpus))
    multilingual = corpus.stories(min_languages=2)
    assert multilingual and all(len(s["languages"]) >= 2 for s in multilingual)
    japanese = corpus.stories(lang="ja")
    assert [s["title"] for s in japanese] and all("ja" in s["languages"] for s in japanese)
    # the representative title is in the asked language when a member has one
    assert any("電気" in (s["title"] or "") or "就航" in (s["title"] or "") for s in japanese)


def test_rebuild_regroups_from_stored_vectors_without_reembedding(corpus, resources, monkeypatch, events):
    """A rebuild reads in publication order (then arrival), so it may differ from the online
    grouping in close calls; on the examples both must match the events."""
    before = _stories(corpus)
    calls = defaultdict(int)
    for model in (resources.embedder.fast, resources.embedder.wide):
        original = model.embed_batch
        monkeypatch.setattr(
            model, "embed_batch", lambda texts, _o=original, _m=model: calls.__setitem__(_m.name, 1) or _o(texts)
        )
    summary = corpus.rebuild_stories()
    after = _stories(corpus)
    ids = sorted(events)
    _, _, f1 = bcubed([str(after[i]) for i in ids], [events[i] for i in ids])
    assert f1 >= 0.9
    assert summary["articles"] == len(before) and not calls


def test_cli_stories_story_and_compare(cli, corpus):
    db = corpus.store.path
    listed = cli("stories", "--db", db, "--json")
    assert listed.code == 0
    data = listed.json()
    assert data["stories"] and {"id", "title", "articles", "languages"} <= set(data["stories"][0])
    top = data["stories"][0]["id"]
    shown = cli("story", str(top), "--db", db, "--json").json()
    assert shown["id"] == top and shown["articles"] and all("why" in m for m in shown["articles"])
    a, b = (m["id"] for m in shown["articles"][:2])
    compared = cli("story", str(top), "--db", db, "--compare", a, b, "--json").json()
    assert "overall" in json.dumps(compared["compare"])
    human = cli("story", str(top), "--db", db)
    assert human.code == 0 and a in human.out
    assert cli("story", "99999", "--db", db).code == 2
    assert cli("stories", "--db", db, "--min-languages", "0").code == 2


def test_search_reports_the_stories_of_its_hits(corpus):
    result = corpus.search("new comet at the Kedrovaya Gora observatory", limit=5)
    assert result.stories
    comet = corpus.story_book.story_of(corpus.store.by_id("kedrovaya-comet.en").key)
    assert result.stories[0].id == comet
    assert result.stories[0].title


def test_a_view_read_in_a_rolled_back_batch_is_not_read_again(tmp_path, resources):
    """The story memory keeps the views it reads for one transaction. SQLite gives a rolled-back
    article's key to the next article stored, so a view kept past the rollback would show the
    story clusterer an article that is not there."""
    from samestory.corpus import Corpus
    from samestory.corpus.duplicates import entry_for
    from samestory.pipeline import corpus_steps, run_steps
    from samestory.types import Article

    written = [
        Article(
            "lost",
            "The ferry between Brunsholm and the mainland was cancelled on Tuesday after a storm damaged "
            "the pier. About 300 passengers waited in the terminal for buses.",
        ),
        Article(
            "kept",
            "A new bakery opened on the market square of Verlac on Saturday morning. The owner, Anne "
            "Roussel, said she had waited two years for the licence.",
        ),
    ]
    lost, kept = run_steps(written, corpus_steps(resources))
    with Corpus(tmp_path / "db", resources=resources) as corpus:
        store, memory = corpus.store, corpus.story_book.memory
        with pytest.raises(RuntimeError), store.transaction():
            key = store.put(entry_for(lost, "record-lost"))
            assert memory.article(key).id == "lost"
            raise RuntimeError("the batch fails")
        with pytest.raises(KeyError):
            memory.article(key)
        with store.transaction():
            again = store.put(entry_for(kept, "record-kept"))
        assert again == key
        assert memory.article(key).id == "kept"
        assert "Verlac" in " ".join(memory.article(key).texts)


def test_the_store_memory_lists_merges_as_the_in_memory_one_does(tmp_path, resources):
    """``merges()``: absorbed story → (the story that absorbed it, why), on the SQLite memory as
    on the in-memory one (``eval stories`` counts a corpus's merges through it)."""
    from samestory.corpus import Corpus
    from samestory.stories import Evidence
    from samestory.stories.types import MERGED

    records = [
        {"id": "ferry", "text": "The ferry to Brunsholm was cancelled on Tuesday after a storm damaged the pier."},
        {"id": "bakery", "text": "A new bakery opened on the market square of Verlac on Saturday morning."},
    ]
    with Corpus(tmp_path / "db", resources=resources) as corpus:
        assert corpus.add_records(records).added == 2
        memory = corpus.story_book.memory
        keys = [corpus.store.by_id(r["id"]).key for r in records]
        ferry, bakery = (memory.stories_of(keys)[k] for k in keys)
        assert ferry != bakery and memory.merges() == {}
        why = Evidence(MERGED, score=0.91, matched=(keys[1],))
        with corpus.store.transaction():
            memory.merge_stories(min(ferry, bakery), max(ferry, bakery), why)
        assert memory.merges() == {max(ferry, bakery): (min(ferry, bakery), why)}
        assert set(memory.stories_of(keys).values()) == {min(ferry, bakery)}
