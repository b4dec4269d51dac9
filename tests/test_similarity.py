from __future__ import annotations

import numpy as np
import pytest

from samestory.errors import UsageError
from samestory.text.chunks import chunk_paragraphs as chunk_texts
from samestory.vectors import ManyToMany, cosine_matrix, l2_normalise, many_to_many, margin_scores, top_k

A = np.array([[1.0, 0.0], [0.0, 1.0]])
B = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, -2.0]])


def test_cosine_matrix_exact_values_and_unnormalised_input():
    expected = np.array([[1.0, 0.6, 0.0], [0.0, 0.8, -1.0]], dtype=np.float32)
    got = cosine_matrix(A, B)
    assert got.dtype == np.float32 and got.shape == (2, 3)
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_cosine_matrix_one_row_zero_row_and_dimension_mismatch():
    np.testing.assert_allclose(cosine_matrix(np.array([3.0, 4.0]), A), [[0.6, 0.8]], atol=1e-6)
    np.testing.assert_array_equal(cosine_matrix(np.zeros(2), A), [[0.0, 0.0]])
    with pytest.raises(UsageError, match="different models"):
        cosine_matrix(np.ones((1, 512)), np.ones((1, 384)))


def test_l2_normalise_keeps_zero_rows():
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])


def test_top_k_best_first_ties_to_lower_index_and_k_clipped():
    corpus = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [0.6, 0.8]])
    idx, scores = top_k(np.array([[1.0, 0.0]]), corpus, k=3)
    np.testing.assert_array_equal(idx, [[1, 2, 3]])
    np.testing.assert_allclose(scores, [[1.0, 1.0, 0.6]], atol=1e-6)
    idx, scores = top_k(np.array([[0.0, 1.0]]), corpus, k=10)
    assert idx.shape == (1, 4) and idx[0, 0] == 0
    with pytest.raises(UsageError):
        top_k(A, corpus, k=0)


def test_margin_scores_exact_values():
    # cos = [[1, .6], [0, .8]]; k=1: r(a) = row maxima [1, .8], r(b) = column maxima [1, .8]
    b = np.array([[1.0, 0.0], [0.6, 0.8]])
    expected = np.array([[1 / 1.0, 0.6 / 0.9], [0 / 0.9, 0.8 / 0.8]], dtype=np.float32)
    np.testing.assert_allclose(margin_scores(A, b, k=1), expected, atol=1e-6)
    # k larger than either side means "all neighbours"
    cos = cosine_matrix(A, b)
    r_a, r_b = cos.mean(axis=1), cos.mean(axis=0)
    np.testing.assert_allclose(margin_scores(A, b, k=9), cos / ((r_a[:, None] + r_b[None, :]) / 2), atol=1e-6)


def test_margin_demotes_a_hub_that_plain_cosine_prefers():
    a = np.eye(4)[:3]  # three queries on their own axes
    hub = np.array([1.0, 1.0, 1.0, 0.0]) / np.sqrt(3)  # 0.577 to every query
    true0 = np.array([0.5, 0.0, 0.0, np.sqrt(0.75)])  # a0's real match, only 0.5 by cosine
    b = np.stack([true0, np.eye(4)[1], np.eye(4)[2], hub])
    assert cosine_matrix(a, b)[0].argmax() == 3  # cosine: the hub wins for a0
    margin = margin_scores(a, b, k=2)
    assert margin[0].argmax() == 0  # margin: the real match wins
    np.testing.assert_allclose(margin[0, 0], 0.5 / ((np.mean([0.5, 1 / np.sqrt(3)]) + 0.25) / 2), atol=1e-5)
    assert (margin.argmax(axis=1) == [0, 1, 2]).all()


def test_chunk_texts_groups_without_splitting():
    paras = ["aaaa", "bbb", "", "cc", "d" * 12, "ee"]
    assert chunk_texts(paras, max_chars=10) == ["aaaa\n\nbbb", "cc", "d" * 12, "ee"]
    assert chunk_texts(paras, max_chars=100) == ["aaaa\n\nbbb\n\ncc\n\n" + "d" * 12 + "\n\nee"]
    assert chunk_texts(["a", "b"], max_chars=3, sep=" ") == ["a b"]
    assert chunk_texts([], max_chars=5) == [] and chunk_texts(["  "], max_chars=5) == []
    with pytest.raises(UsageError):
        chunk_texts(paras, max_chars=0)


def test_many_to_many_summary():
    # cos(A, B[:2]) = [[1, .6], [0, .8]]
    got = many_to_many(A, B[:2])
    assert isinstance(got, ManyToMany)
    assert got.a_to_b == pytest.approx(0.9) and got.b_to_a == pytest.approx(0.9)
    assert got.best_match == pytest.approx(0.9) and got.max == pytest.approx(1.0)
    assert got.mean == pytest.approx(0.6)
    assert got.to_dict() == {"a_to_b": 0.9, "b_to_a": 0.9, "best_match": 0.9, "max": 1.0, "mean": 0.6}
    asym = many_to_many(A[:1], B[:2])  # one chunk of a vs two of b
    assert asym.a_to_b == pytest.approx(1.0) and asym.b_to_a == pytest.approx(0.8)
    with pytest.raises(UsageError):
        many_to_many(np.zeros((0, 2)), A)
