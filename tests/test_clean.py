"""The cleaner on real text with the real language model: seeds, examples, and each rule."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from samestory.ingest import read
from samestory.pipeline import prepare
from samestory.types import Reason


def _prepared(resources, path):
    (article,) = list(read([path]))
    return prepare(article, resources)


def test_seed_en_keeps_body_and_drops_junk(resources, seeds):
    article = _prepared(resources, seeds / "en.txt")
    cleaned = article.cleaned
    assert cleaned.title == "Iran, Russia Vow Continued Cooperation"
    assert len(cleaned.paragraphs) == 6
    assert article.language.lang == "en"
    reasons = {r.text[:20]: r.reason for r in cleaned.removed}
    assert reasons["Visualizzazioni : 41"] == Reason.COUNTER
    assert reasons["Source: News Agencie"] == Reason.CREDIT
    assert len(cleaned.removed) == 4
    body = cleaned.text
    assert "cookies" not in body and "Visualizzazioni" not in body and "Source:" not in body
    for phrase in ("joint press conference", "legitimate rights", "stabilize world oil market"):
        assert phrase in body


def test_seed_de_drops_trailing_id_only(resources, seeds):
    article = _prepared(resources, seeds / "de.txt")
    cleaned = article.cleaned
    assert [r.text for r in cleaned.removed] == ["9407"]
    assert len(cleaned.paragraphs) == 9
    assert article.language.lang == "de"


@pytest.mark.parametrize("key", sorted(__import__("json").loads((EXAMPLES / "expected.json").read_text())))
def test_examples_match_manifest(resources, manifest, key):
    """Every example: each junk line removed, every body paragraph kept, language right."""
    expected = manifest[key]
    path, _, record_id = key.partition("#")
    articles = list(read([EXAMPLES / path]))
    (article,) = [a for a in articles if not record_id or a.id == record_id]
    article = prepare(article, resources)
    kept = "\n".join(article.cleaned.paragraphs)
    removed = {r.text for r in article.cleaned.removed}
    assert article.language.lang == expected["lang"]
    assert [k for k in expected["keep"] if k not in kept] == []
    assert [j for j in expected["junk"] if j not in removed] == []


def test_every_removal_has_a_reason_and_the_text_is_preserved(resources):
    text = "Mayor opens new bridge\n\nThe new bridge over the Oyarte opened on Monday after two years of work, the mayor said.\n\nAufrufe: 1.204\n\nShare on Facebook"
    cleaned = __import__("samestory").clean(text, resources=resources)
    assert {(r.text, r.reason) for r in cleaned.removed} == {
        ("Aufrufe: 1.204", Reason.COUNTER),
        ("Share on Facebook", Reason.PROMPT),
    }
    assert all(r.detail for r in cleaned.removed)


@pytest.mark.parametrize(
    "line,reason",
    [
        ("9407", Reason.NUMBER_OR_ID),
        ("ID: 88213-b", Reason.NUMBER_OR_ID),
        ("12.03.2017 14:35", Reason.NUMBER_OR_ID),
        ("Visualizzazioni : 41", Reason.COUNTER),
        ("Просмотров: 532", Reason.COUNTER),
        ("阅读 1234", Reason.COUNTER),
        ("عدد المشاهدات: 2417", Reason.COUNTER),
        ("Source: News Agencies", Reason.CREDIT),
        ("Quelle: dpa", Reason.CREDIT),
        ("© 2026 Harbour Times", Reason.CREDIT),
        ("Источник: ТАСС", Reason.CREDIT),
        ("Home > World > Europe", Reason.NAVIGATION),
        ("Startseite › Politik › Ausland", Reason.NAVIGATION),
        ("Lesen Sie auch: Brand im Hafen", Reason.NAVIGATION),
        ("Skip to main content", Reason.NAVIGATION),
        ("Subscribe to our newsletter", Reason.PROMPT),
        ("Kommentar schreiben", Reason.PROMPT),
        ("Share on Facebook", Reason.PROMPT),
    ],
)
def test_single_rules(resources, line, reason):
    body = ("The council of Verlac approved the new budget on Tuesday after a long debate. " * 3).strip()
    cleaned = __import__("samestory").clean(f"{body}\n\n{line}\n\n{body} The vote was close.", resources=resources)
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "paragraph",
    [
        # body paragraphs that mention junk vocabulary must stay
        "The ministry said 41 people had viewed the damaged bridge before police closed the road on Sunday.",
        "Subscribers to the regional newsletter were the first to learn that the port would close, the mayor said.",
        "Source code published by the agency on Friday shows the flaw was fixed in March, researchers said.",
        "„Wir akzeptieren die Entscheidung nicht“, sagte der Bürgermeister am Montag in Verlac.",
    ],
)
def test_body_paragraphs_with_junk_words_are_kept(resources, paragraph):
    body = "The harbour fire in Port Miran destroyed three warehouses on Sunday night, the fire brigade said."
    cleaned = __import__("samestory").clean(f"{body}\n\n{paragraph}\n\n{body}", resources=resources)
    assert paragraph in cleaned.paragraphs


def test_foreign_paragraph_needs_confidence_and_length(resources):
    body = (
        "Der Stadtrat von Verlac hat am Dienstag den neuen Haushalt nach langer Debatte beschlossen. "
        "Die Opposition stimmte dagegen."
    )
    short_english = "Breaking news update"
    banner = (
        "We use cookies and similar technologies to measure our audience and show you personalised "
        "advertising; by clicking accept you agree to this use."
    )
    cleaned = __import__("samestory").clean(f"{body}\n\n{short_english}\n\n{banner}\n\n{body}", resources=resources)
    by_text = {r.text: r.reason for r in cleaned.removed}
    assert by_text.get(banner) in (Reason.FOREIGN_LANGUAGE, Reason.PROMPT)
    assert __import__("samestory").detect_language(body, resources=resources).lang == "de"


def test_quoted_foreign_paragraph_is_kept(resources):
    body = "Der Bürgermeister von Verlac sprach am Montag vor dem Rathaus zu den Demonstranten über die Brücke."
    quote = "“We will rebuild the bridge before winter, whatever it costs the town,” the engineer told reporters."
    cleaned = __import__("samestory").clean(f"{body}\n\n{quote}\n\n{body}", resources=resources)
    assert quote in cleaned.paragraphs


def test_hard_wrapped_paragraph_is_one_unit(resources):
    wrapped = (
        "The council of Verlac approved the new budget on Tuesday after a long\n"
        "debate in which the opposition accused the mayor of hiding the true cost\n"
        "of the bridge repairs from the residents of the old town district\n"
        "for more than a year."
    )
    cleaned = __import__("samestory").clean(wrapped, resources=resources)
    assert cleaned.paragraphs == (" ".join(wrapped.split("\n")),)


def test_cookie_article_is_not_cleaned_as_a_banner(resources):
    title = "EU court rules on cookie consent banners"
    para = (
        "The court said websites must let users refuse cookies as easily as they accept them, "
        "and that consent settings hidden behind several clicks break privacy law."
    )
    cleaned = __import__("samestory").clean(
        f"{para}\n\n{para} The ruling applies from May.", title=title, resources=resources
    )
    assert cleaned.removed == ()


ARTICLE = [
    "The council of Verlac approved the repair of the old stone bridge on Tuesday after a long debate.",
    "Engineers found cracks in two of the five arches in March, and the bridge has been closed to lorries since.",
    "Bridge repairs",
    "The repairs will cost 4.2 million euros and should be finished before the winter floods, the mayor said.",
    "Opposition councillors said the town should have acted years ago, when the first cracks were reported.",
    "Traffic will be diverted over the northern ring road during the works, which start in the second week of May.",
    "Shop owners on the old market square fear that fewer visitors will come while the crossing stays closed.",
]


def _with(line: str, at: int = 3) -> str:
    lines = ARTICLE[:at] + [line] + ARTICLE[at:]
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    "line", ["Privacy Policy", "Garden Shop Specials", "Explore Our Plans", "info@verlac-news.example"]
)
def test_stray_menu_lines_are_removed(resources, line):
    cleaned = __import__("samestory").clean(_with(line), resources=resources)
    assert [r.text for r in cleaned.removed] == [line]
    assert cleaned.removed[0].reason in (Reason.STRAY_FRAGMENT, Reason.NAVIGATION, Reason.PROMPT)


def test_heading_that_announces_its_paragraph_is_kept(resources):
    cleaned = __import__("samestory").clean("\n\n".join(ARTICLE), resources=resources)
    assert "Bridge repairs" in cleaned.paragraphs and cleaned.removed == ()


def test_html_configuration_keeps_numbers_and_fragments(resources):
    from samestory.cleaner import HTML_CLEAN, clean_text
    from samestory.language import identify

    text = _with("4,200") + "\n\nPrivacy Policy"
    plain = clean_text(text, identify(text, resources.language))
    html = clean_text(text, identify(text, resources.language), config=HTML_CLEAN)
    assert {r.text for r in plain.removed} == {"4,200", "Privacy Policy"}
    assert [r.text for r in html.removed] == ["Privacy Policy"]  # a prompt, not a fragment
