"""Two events of one kind told in one template: aligned sentence by sentence, and still two stories.

Written for these tests: an earthquake in Peru, told in English and in Spanish (a translation),
and an earthquake in Greece told in the English report's template (its sentences, other places,
people, figures and day). A wire service's automated reports and an outlet's habits make such
pairs in real streams (quakes, fires, market closes); their vectors are close and every sentence
aligns, so only the facts tell them apart.
"""

from __future__ import annotations

import pytest

from samestory.entities import compare_facts, extract_facts

PERU_EN = (
    "Magnitude 6.4 earthquake hits southern Peru, killing 23\n\n"
    "A magnitude 6.4 earthquake struck the region of Arequipa in southern Peru on Thursday morning, killing at "
    "least 23 people and injuring more than 410, officials said.\n\n"
    "The quake hit at 07:42 local time near the town of Chivay, according to the geophysical institute IGP. "
    "Dozens of houses collapsed in Arequipa and neighbouring Moquegua.\n\n"
    "Prime Minister Ana Velarde said rescue teams were searching the rubble for survivors. President Luis "
    "Carranza promised to rebuild every destroyed home."
)
PERU_ES = (
    "Un sismo de magnitud 6,4 sacude el sur de Perú y deja 23 muertos\n\n"
    "Un sismo de magnitud 6,4 sacudió la región de Arequipa, en el sur de Perú, el jueves por la mañana, matando "
    "al menos a 23 personas e hiriendo a más de 410, según informaron las autoridades.\n\n"
    "El temblor se produjo a las 07:42 hora local cerca de la localidad de Chivay, según el instituto geofísico "
    "IGP. Decenas de casas se derrumbaron en Arequipa y en la vecina Moquegua.\n\n"
    "La primera ministra Ana Velarde dijo que los equipos de rescate buscaban supervivientes entre los "
    "escombros. El presidente Luis Carranza prometió reconstruir cada vivienda destruida."
)
GREECE_EN = (
    "Magnitude 5.9 earthquake hits western Greece, killing 8\n\n"
    "A magnitude 5.9 earthquake struck the region of Achaia in western Greece on Sunday evening, killing at "
    "least 8 people and injuring more than 130, officials said.\n\n"
    "The quake hit at 21:16 local time near the town of Aigio, according to the geodynamic institute NOA. "
    "Dozens of houses collapsed in Patras and neighbouring Pyrgos.\n\n"
    "Civil Protection Minister Nikos Arvanitis said rescue teams were searching the rubble for survivors. "
    "Prime Minister Eleni Markou promised to rebuild every destroyed home."
)


def _facts(text: str, lang: str):
    return extract_facts(text, lang)


def test_a_template_of_another_event_contradicts_and_a_translation_does_not():
    twins = compare_facts(_facts(PERU_EN, "en"), _facts(GREECE_EN, "en"))
    assert twins.contradicted
    assert twins.places_conflict and twins.numbers_conflict
    assert twins.reason().startswith("no name in common and other places and figures")
    translation = compare_facts(_facts(PERU_EN, "en"), _facts(PERU_ES, "es"))
    assert not translation.contradicted and translation.reason() == ""


def test_other_names_alone_do_not_contradict():
    # names of its own and no place, figure or day: another outlet quoting other people about the
    # same quake, not a disagreement
    other_people = (
        "Rescuer Marta Quispe told reporters that her team and volunteers led by Jorge Salas worked all night."
    )
    facts = _facts(other_people, "en")
    assert len(facts.names) >= 2
    assert not compare_facts(_facts(PERU_EN, "en"), facts).contradicted
    assert not compare_facts(None, _facts(PERU_EN, "en")).contradicted


@pytest.fixture(scope="module")
def compared(resources):
    from samestory.comparison import compare_articles
    from samestory.pipeline import prepare
    from samestory.types import Article

    def article(name: str, text: str, lang: str) -> Article:
        return prepare(Article(id=name, text=text, declared_lang=lang), resources)

    peru, greece = article("peru.en", PERU_EN, "en"), article("greece.en", GREECE_EN, "en")
    spanish = article("peru.es", PERU_ES, "es")
    scorer = resources.scorer
    return {
        "twins": compare_articles(peru, greece, resources.embedder, scorer),
        "translation": compare_articles(peru, spanish, resources.embedder, scorer),
    }


def test_compare_does_not_call_a_template_of_another_event_the_same_story(compared):
    twins = compared["twins"]
    assert twins.alignment.groups  # the template aligns: the scorer alone would say "same"
    assert not twins.same_story
    assert any("two events of one kind" in w for w in twins.warnings)


def test_compare_still_calls_a_translation_the_same_story(compared):
    assert compared["translation"].same_story
    assert not compared["translation"].warnings


def test_a_template_of_another_event_is_no_translation_and_no_member(resources, tmp_path):
    from samestory.corpus import Corpus

    records = [
        {"id": "peru.es", "lang": "es", "text": PERU_ES},
        {"id": "greece.en", "lang": "en", "text": GREECE_EN},
        {"id": "peru.en", "lang": "en", "text": PERU_EN},
    ]
    with Corpus(tmp_path / "db", resources=resources) as corpus:
        report = corpus.add_records(records)
        assert report.added == 3
        links = dict(
            corpus.store.db.execute(
                "SELECT a.id, t.id FROM duplicates d JOIN articles a ON a.key = d.article"
                " JOIN articles t ON t.key = d.target"
            ).fetchall()
        )
        stories = dict(
            corpus.store.db.execute(
                "SELECT a.id, m.story FROM story_members m JOIN articles a ON a.key = m.article"
            ).fetchall()
        )
    assert links == {"peru.en": "peru.es"}  # the translation, and only it
    assert stories["peru.en"] == stories["peru.es"] != stories["greece.en"]
