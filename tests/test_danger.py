"""The danger detector (actions/danger.py + nlu/safety/danger_phrases.yml), without Rasa.

DANGER: messages that must bring the emergency contacts first, with the concept's
follow-up topic. SAFE: ordinary questions that must not. Add to SAFE whenever a word
list is widened. (The harm sets in tests/harm/ and tests/eval/ are run through the
whole stack instead.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from actions.danger import DangerDetector, detect, excerpt, fold, is_danger

DANGER = [
    # (text, concept, followup)
    ("mi hija de 12 no aparece desde ayer", "missing_child", "family_tracing"),
    ("no sabemos nada de mi hijo desde el martes que cruzo", "missing_child", "family_tracing"),
    ("mi niño desaparecio en la central de autobuses", "missing_child", "family_tracing"),
    ("my son has been missing since sunday", "missing_child", "family_tracing"),
    ("xsach ri nukʼajol pa ri bʼe", "missing_child", "family_tracing"),
    ("le estan pegando a mi hija y la tienen encerrada", "child_abuse", "child_protection"),
    ("el padrastro abuso de mi niña", "child_abuse", "child_protection"),
    ("my daughter's stepfather is abusing her", "child_abuse", "child_protection"),
    ("kuchʼay ri nuwal ri achi", "child_abuse", "child_protection"),
    ("se llevaron a mi hijo unos hombres armados", "child_taken", "child_protection"),
    ("they took my son at the border", "child_taken", "child_protection"),
    ("mi hijo de 12 viene solo en el tren", "child_alone", "unaccompanied_children"),
    ("estoy sola tengo 14", "child_alone", "unaccompanied_children"),
    ("im 15 and alone in tijuana", "child_alone", "unaccompanied_children"),
    ("in jun akʼal, in kʼo pa nutukel", "child_alone", "unaccompanied_children"),
    ("a man offered my daughter a job in the US and wants to take her tomorrow",
     "minor_taken_for_work", "trafficking_signs"),
    ("un señor le ofrecio trabajo a mi hija de 15 y se la quiere llevar mañana",
     "minor_taken_for_work", "trafficking_signs"),
    ("me quitaron el pasaporte y no me lo devuelven", "documents_taken", "trafficking_signs"),
    ("el patron se quedo con nuestros papeles", "documents_taken", "trafficking_signs"),
    ("the boss took my passport", "documents_taken", "trafficking_signs"),
    ("el coyote nos tiene encerrados en una bodega", "held", "trafficking_signs"),
    ("they are holding us in a house", "held", "trafficking_signs"),
    ("xojkitzʼapij pa jun ja", "held", "trafficking_signs"),
    ("me obligan a trabajar sin pago", "forced", "trafficking_signs"),
    ("me violaron en el camino", "sexual_violence", "gbv_support"),
    ("i was raped by the guide", "sexual_violence", "gbv_support"),
    ("me quiero morir ya no aguanto", "suicidal_crisis", None),
    ("ya no quiero vivir", "suicidal_crisis", None),
    ("i want to kill myself", "suicidal_crisis", None),
    ("kinwaj kinkamik", "suicidal_crisis", None),
    ("piden rescate por mi hermano", "ransom", None),
    ("quieren 5 mil dolares para soltarlo", "kidnapping", None),
    ("my brother was kidnapped in reynosa", "kidnapping", None),
    ("me kieren matar", "threat_to_kill", None),
    ("los de la pandilla amenazaron a mi familia", "threat_to_kill", None),
    ("they said they would kill my husband", "threat_to_kill", None),
    ("kinkikamisaj we man kintoj", "threat_to_kill", None),
    ("tengo miedo, me siguen", "followed", None),
    ("nos vienen siguiendo desde la gasolinera", "followed", None),
    ("me estan persiguiendo", "followed", None),
    ("someone is following me", "followed", None),
    ("kinkiterneʼj jun achi", "followed", None),
    ("no puedo ir a la policia porque ellos estan con la mara", "gang_threat", None),
    ("Kʼo kʼax chwe! Chinitoʼ!", "phrase", None),
    ("chinato", "phrase", None),
    ("AUXILIOOOO", "phrase", None),
]

SAFE = [
    "como reporto a un coyote",
    "que pasa si me deportan",
    "mi hijo quiere pedir asilo",
    "mi hijo solo quiere estudiar en estados unidos",
    "donde hay un albergue en tapachula",
    "cuales son los peligros de irse con coyote",
    "me toco esperar tres horas en la fila",
    "perdi mis papeles, como saco otros",
    "me siguen pidiendo mas papeles en migracion",
    "me dijeron que sigue abierto el programa",
    "el coyote me sigue escribiendo por whatsapp",
    "mi esposo perdio su trabajo",
    "que pasa si me secuestran en el camino",
    "mi hija tiene 12 años, puede pedir asilo",
    "mis hijos tienen derecho a la escuela",
    "la cita no aparece en el sistema",
    "el patron me amenaza con llamar a migracion",
    "cuando abre la frontera para pedir asilo legal",
    "hay trabajo para mi hija en canada?",
    "how do i report a smuggler",
    "what happens if i get deported",
    "my son wants to apply for asylum",
    "can you help me find a lawyer",
    "do i need to take my passport to the interview",
    "my son is 12, can he get a visa",
    "thanks for following up",
    "what are the dangers of crossing the desert",
    "how do i apply for a work visa in canada",
    "the following documents are needed",
    "jawiʼ kʼo wi jun albergue",
    "la kʼo jun abogado gratis",
    "jas kinbʼan rech kinok pa jun albergue",
    "kʼax ri upam ri walkʼwal",
    "kinwaj kinchaw rukʼ jun abogado",
    "jas kinbʼan chi kinkʼam asilo pa Estados Unidos",
    "el abogado tiene mis papeles",
    "mi hija se fue con su papa a guatemala",
    "i took my son to school today, where is the consulate",
    "how do i keep my passport safe on the trip",
    "my daughter got a job offer in canada, is the visa real",
]


@pytest.mark.parametrize("text, concept, followup", DANGER)
def test_danger_is_found_with_its_followup(text: str, concept: str,
                                           followup: Optional[str]) -> None:
    danger = detect(text)
    assert danger is not None, text
    assert (danger.concept, danger.followup) == (concept, followup)
    assert danger.start < danger.end <= len(text)


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_questions_are_not_danger(text: str) -> None:
    assert detect(text) is None, (text, detect(text))


@pytest.mark.parametrize("text", [None, 42, "", "   ", "🙏🙏", "\x00\ud800", "x" * 50000,
                                  "/emergency", "ʼʼʼ"])
def test_odd_input_is_never_an_error(text: object) -> None:
    assert is_danger(text) in (True, False)


def test_spelling_variants_fold_together() -> None:
    assert fold("me quieren matar")[0] == fold("Me KIEREN matarrr")[0]
    assert fold("hijo")[0] == fold("ijo")[0]
    assert fold("chinatoʼ")[0] == fold("CHINATO'")[0]
    # a c at the end of a word is a k, also at the end of the text ("ahorc*" is "ahorco")
    assert fold("ahorc")[0] == fold("ahorc ")[0].strip() == fold("ahorco")[0][:-1]
    text = "ÁUXILIO ya"
    folded, where = fold(text)
    assert len(where) == len(folded) and all(0 <= i < len(text) for i in where)


def test_a_danger_deep_in_a_long_message_is_found_and_cut_out() -> None:
    text = ("les cuento mi historia desde el principio " * 50) + "y ahora me quieren matar. " + \
        ("gracias por leer " * 30)
    danger = detect(text)
    assert danger is not None and danger.concept == "threat_to_kill"
    part = excerpt(text, danger, 500)
    assert len(part) <= 500 and "me quieren matar" in part


def test_a_concept_needs_every_group_close_together() -> None:
    detector = DangerDetector.from_data({"concepts": [{
        "concept": "test", "followup": "family_tracing", "within": 3,
        "es": [["mi hijo"], ["no aparece"]], "except": {"es": ["no aparece en la lista"]}}]})
    assert detector.detect("no aparece mi hijo").followup == "family_tracing"
    assert detector.detect("mi hijo de doce años no aparece") is None  # 5 words apart
    assert detector.detect("mi hijo no aparece en la lista") is None


@pytest.mark.parametrize("data", [
    {},
    {"concepts": [{"concept": "x", "es": ["not a list of lists"]}]},
    {"concepts": [{"concept": "x"}]},
    {"phrases": {"es": ["  "]}},
])
def test_a_broken_file_is_refused_with_a_reason(data: dict) -> None:
    with pytest.raises(ValueError):
        DangerDetector.from_data(data)


def test_the_file_names_only_known_followup_topics() -> None:
    import yaml
    from actions.paths import PROJECT_ROOT

    topics = yaml.safe_load((PROJECT_ROOT / "responses" / "topics.yml").read_text())["topics"]
    data = yaml.safe_load((PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").read_text())
    followups = {c.get("followup") for c in data["concepts"]} - {None}
    assert followups and followups <= set(topics)
    assert Path(PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").is_file()
