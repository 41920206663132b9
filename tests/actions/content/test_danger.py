"""The danger detector (actions/content/danger.py + nlu/safety/danger_phrases.yml), without Rasa.

DANGER: messages that must bring the emergency contacts first, with the concept's
follow-up topic. SAFE: ordinary questions that must not. Add to SAFE whenever a word
list is widened. (The harm sets in tests/harm/ and tests/eval/ are run through the
whole stack instead.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from actions.content.danger import DangerDetector, detect, excerpt, fold, is_danger

DANGER = [
    # (text, concept, followup)
    ("mi hija de 12 no aparece desde ayer", "missing_child", "family_tracing"),
    # dictated, no commas: "solo" is "alone" here, whatever follows
    ("mi hijo se quedo solo tengo miedo", "child_alone", "unaccompanied_children"),
    ("mi nino esta solo hay hombres afuera", "child_alone", "unaccompanied_children"),
    ("quieren venderla para prostituirla", "sold", "trafficking_signs"),
    # "solo" here is "only": the child is missing, not alone
    (
        "no se de mi hijo desde el domingo, solo me dijeron que lo subieron a una camioneta",
        "missing_child",
        "family_tracing",
    ),
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
    (
        "a man offered my daughter a job in the US and wants to take her tomorrow",
        "minor_taken_for_work",
        "trafficking_signs",
    ),
    (
        "un señor le ofrecio trabajo a mi hija de 15 y se la quiere llevar mañana",
        "minor_taken_for_work",
        "trafficking_signs",
    ),
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
    # threats in other words, slang, "pay or die"
    ("vienen por mi, ayudenme", "coming_for_me", None),
    ("they are coming for me", "coming_for_me", None),
    ("me andan buscando para matarme, estoy escondido", "threat_to_kill", None),
    ("recibi amenazas de muerte por no pagar la renta", "phrase", None),
    ("i got death threats from the gang", "threat_to_kill", None),
    ("los de la clica me dieron 24 horas para irme", "threat_to_kill", None),
    ("la maña me quiere levantar", "slang_threat", None),
    ("me van a dar cuello si regreso", "slang_threat", None),
    ("si no pago la renta me matan", "pay_or_die", None),
    # a suicidal crisis in other words
    ("ya no tengo ganas de vivir", "suicidal_crisis", None),
    ("quiero acabar con todo", "suicidal_crisis", None),
    ("mejor me mato", "suicidal_crisis", None),
    ("i don't want to live anymore", "suicidal_crisis", None),
    ("i want to end it tonight", "suicidal_crisis", None),
    ("i have pills and i want to take them all", "overdose_intent", None),
    # held, locked in, ransom, papers kept
    ("estamos encerrados en una bodega sin comida", "held", "trafficking_signs"),
    ("nos tienen en una casa de seguridad", "held", "trafficking_signs"),
    ("they locked me in a room", "held", "trafficking_signs"),
    ("they won't let us leave the house", "held", "trafficking_signs"),
    ("piden 3 mil dolares para liberarlo", "ransom", None),
    ("my husband was kidnapped and they want money to release him", "kidnapping", None),
    ("el patron tiene mi pasaporte y no me lo quiere dar", "documents_withheld", "trafficking_signs"),
    ("they sold me a fake visa and now they sold me to a gang", "sold", "trafficking_signs"),
    # violence at home, sexual violence
    ("mi pareja me pega", "partner_violence", "gbv_support"),
    ("mi novio me ahorco anoche", "partner_violence", "gbv_support"),
    ("my boyfriend beats me", "partner_violence", "gbv_support"),
    ("he choked me last night", "partner_violence", "gbv_support"),
    ("abusaron sexualmente de mi en el camino", "sexual_violence", "gbv_support"),
    ("he forces me to have sex with his friends", "sexual_violence", "gbv_support"),
    # a child about to be taken
    ("un hombre se quiere llevar a mi hija", "child_taken", "child_protection"),
    ("a man is trying to take my child", "child_taken", "child_protection"),
    # the route: abandoned, lost, hurt, ill
    ("el coyote nos dejo en el monte sin agua", "left_in_the_wild", None),
    ("estamos perdidos en el desierto, no tenemos agua", "abandoned_on_route", None),
    ("the smuggler left us in the desert with no water", "left_in_the_wild", None),
    ("mi compañero se desmayo y no despierta", "medical_emergency", "health_care"),
    ("mi esposa esta embarazada y sangrando", "medical_emergency", "health_care"),
    ("me pico una vibora", "medical_emergency", "health_care"),
    ("my friend is unconscious", "medical_emergency", "health_care"),
    ("she is not breathing", "medical_emergency", "health_care"),
    # a child telling it, someone else held or taken, a missing adult, "anyone who talks"
    ("tengo 17 y mi papa me pega", "minor_abused", "child_protection"),
    ("im 14 and my stepdad touches me", "minor_abused", "child_protection"),
    ("los tienen en una bodega cerca de la via", "held_in_a_place", "trafficking_signs"),
    ("no la dejan salir de la casa donde trabaja", "locked_in", "trafficking_signs"),
    ("asaltaron el bus y se llevaron a unas muchachas", "people_taken", None),
    ("mi hermano cruzo el lunes y ya no contesta, nadie sabe de el", "missing_person", "family_tracing"),
    ("my brother has been missing since he crossed near sasabe", "missing_person", "family_tracing"),
    ("whoever talks to the police gets killed, they told us", "pay_or_die", None),
    ("si alguien denuncia nos matan a todos", "pay_or_die", None),
    ("they are breaking down the door help", "phrase", None),
]

SAFE = [
    # K'iche' "kinkʼam loq" (I bring here), written without the glottal stop
    "kwaj kinkam loq ri nukʼojol ruk ri programa",
    "kinwaj kinkam uloq ri wal pa avion",
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
    # next to the widened lists: figures of speech, pick-ups, detention asked about, scams
    "me quiero morir de risa con este video",
    "me muero de ganas de ver a mis hijos",
    "me siguen llamando del consulado",
    "¿me pueden quitar el pasaporte en migración?",
    "mi hijo quiere vivir en EEUU",
    "qué pasa si me encierran en detención migratoria",
    "cuanto cobra el coyote por persona",
    "el coyote cobra 8 mil dolares",
    "kill time at the border",
    "the coyote price",
    "how long do they lock you up in ice detention",
    "if they lock me up in detention can my kids stay",
    "me dieron 30 dias para salir del pais, que hago",
    "la carta dice que tengo 30 dias para irme",
    "mis papas vienen por mi al aeropuerto",
    "mi tio viene por mi a la central",
    "vienen por nosotros a las 5 a la estacion",
    "my uncle is coming for me at the bus station",
    "my sister is coming to get me tomorrow",
    "me estan buscando trabajo en monterrey",
    "me encontraron un abogado gratis",
    "they found me a lawyer",
    "i'm looking for work in texas",
    "me van a levantar temprano para la cita",
    "me van a levantar la multa si pago?",
    "quiero levantar una denuncia por robo",
    "como levanto un acta en el ministerio publico",
    "no hay agua caliente en el albergue",
    "cuanta agua hay que llevar para cruzar el desierto",
    "how much water do i need for the desert",
    "el autobus me dejo en la terminal de tijuana",
    "me dejaron pasar en la garita",
    "nos dejaron entrar al albergue",
    "me perdi la cita de cbp one",
    "i lost my passport in the desert, how do i get a new one",
    "i'm dying to see my kids again",
    "my phone is dying, send me the address",
    "no puedo salir del pais sin permiso?",
    "no puedo salir de mexico hasta que me den la tarjeta",
    "i can't leave the country while my case is pending",
    "el consulado tiene mi pasaporte y no me lo devuelven todavia",
    "the consulate has my passport, how long until they return it",
    "mi abogado tiene mis papeles",
    "me vendieron una visa falsa",
    "they sold me a fake work permit",
    "sell my car before i leave",
    "mi esposo me amenaza con deportarme",
    "my husband threatens to call immigration on me",
    "mi papa me pego la gripe",
    "hit me up on whatsapp",
    "beats me, where is the shelter",
    "he hurt my feelings",
    "my ex wants to take the kids to mexico for christmas, is that legal",
    "como evito que me secuestren en el camino",
    "que hago si la mara me pide renta",
    "what do i do if the cartel stops the bus",
    "how do gangs recruit kids",
    "mi hijo se cayo y se golpeo la rodilla",
    "me golpee la cabeza con la puerta",
    "mi bebe no respira bien por la nariz, hay clinica gratis",
    "mi papa tuvo un infarto el año pasado, puede pedir parole humanitario",
    "my father had a heart attack last year, can he get a visa",
    "ya no aguanto el calor de mexicali",
    "estoy cansado de esperar la cita",
    "quiero acabar con mi tramite de asilo rapido",
    "i want to end my application",
    "quiero desaparecer mis datos de la app",
    "me quiero ir de este albergue",
    "the wait is killing me",
    "i could kill for a coffee",
    "this heat is killing me",
    "me matan los zapatos de tanto caminar",
    "no tengo ganas de ir a la entrevista",
    "el pollero nos dejo en la casa y ya no contesta",
    "me dejo de contestar el coyote",
    "a mi hermano lo mataron las maras hace años, puedo pedir asilo",
    "fui victima de violencia domestica en mi pais, puedo pedir asilo",
    "my husband used to beat me in guatemala, can i get asylum",
    "si regreso a mi pais me matan, puedo pedir asilo?",
    "me dejaron plantado en la frontera",
    "me dejaron sin cita",
    "el desierto es peligroso?",
    "cuanto tiempo se camina en el desierto",
    "estoy perdido, donde queda el albergue",
    "i'm lost, where is the consulate",
    "me encerre afuera del cuarto",
    "no me dejan salir del albergue despues de las 10",
    "the shelter won't let us out after 10pm",
    "¿pueden quitarme a mis hijos en la frontera?",
    "can they take my kids away at the border",
    "me quieren cobrar por la cita",
    "the recruiter wants to take my passport, is that legal",
    "el patron tiene mi pasaporte, es legal",
    "tengo 15 y me toco esperar 3 horas en la fila",
    "tengo 16 y mi mama me obliga a estudiar",
    "i am 16 and my mom makes me go to school",
    "se llevaron a mi esposo los de migracion, donde lo busco",
    "ice took my husband, how do i find him",
    "nos bajaron del bus en el reten de migracion, que hacemos",
    "si hablo con la policia me pueden deportar?",
    "if i talk to the police can they deport me",
    "mi hermano no contesta, le puedo mandar dinero por elektra?",
    "my cousin is missing his court date",
    "me tienen en lista de espera en el albergue",
    "we have a room in a house in tijuana, is it safe",
    "the bus left without us and we have no water bottles",
    "recipe for baleadas",
    "mi vecino se fue con un coyote y dice que lo dejaron en el monte, eso pasa seguido?",
    "si pido refugio en mexico ya no me dejan salir de chiapas?",
    "ya no quiero seguir esperando en la frontera",
    "como me apunto yo con mi mama al programa",
    "quiero levantarme de nuevo y trabajar aqui",
    "a place to stay for a woman alone with a baby",
    "if i talk about my family could they get in trouble",
    "my mom sold her land to pay for the trip",
    "i want to take my son with me to the us",
    # ordinary words that danger lists also hold: "menor" as an adjective, "solo" as
    # "only", a thing sold
    "me pararon por una falta menor y pase la noche encerrado antes de que me deportaran",
    "si nos sacan del pais tendre que venderlo todo, la tienda y el carro",
]


@pytest.mark.parametrize("text, concept, followup", DANGER)
def test_danger_is_found_with_its_followup(text: str, concept: str, followup: Optional[str]) -> None:
    danger = detect(text)
    assert danger is not None, text
    assert (danger.concept, danger.followup) == (concept, followup)
    assert danger.start < danger.end <= len(text)


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_questions_are_not_danger(text: str) -> None:
    assert detect(text) is None, (text, detect(text))


@pytest.mark.parametrize(
    "text", [None, 42, "", "   ", "🙏🙏", "\x00\ud800", "x" * 50000, "/emergency", "ʼʼʼ"]
)
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
    text = (
        ("les cuento mi historia desde el principio " * 50)
        + "y ahora me quieren matar. "
        + ("gracias por leer " * 30)
    )
    danger = detect(text)
    assert danger is not None and danger.concept == "threat_to_kill"
    part = excerpt(text, danger, 500)
    assert len(part) <= 500 and "me quieren matar" in part


def test_a_concept_needs_every_group_close_together() -> None:
    detector = DangerDetector.from_data(
        {
            "concepts": [
                {
                    "concept": "test",
                    "followup": "family_tracing",
                    "within": 3,
                    "es": [["mi hijo"], ["no aparece"]],
                    "except": {"es": ["no aparece en la lista"]},
                }
            ]
        }
    )
    assert detector.detect("no aparece mi hijo").followup == "family_tracing"
    assert detector.detect("mi hijo de doce años no aparece") is None  # 5 words apart
    assert detector.detect("mi hijo no aparece en la lista") is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"concepts": [{"concept": "x", "es": ["not a list of lists"]}]},
        {"concepts": [{"concept": "x"}]},
        {"phrases": {"es": ["  "]}},
    ],
)
def test_a_broken_file_is_refused_with_a_reason(data: dict) -> None:
    with pytest.raises(ValueError):
        DangerDetector.from_data(data)


def test_the_file_names_only_known_followup_topics() -> None:
    import yaml

    from actions.content.paths import PROJECT_ROOT

    topics = yaml.safe_load((PROJECT_ROOT / "responses" / "topics.yml").read_text())["topics"]
    data = yaml.safe_load((PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").read_text())
    followups = {c.get("followup") for c in data["concepts"]} - {None}
    assert followups and followups <= set(topics)
    assert Path(PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").is_file()
