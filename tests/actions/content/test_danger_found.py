"""Messages about danger that must bring the emergency contacts first, each with the
concept found and its follow-up topic (actions/content/danger.py, without Rasa).

Add to DANGER when a word list is widened, and to SAFE (test_danger_safe.py) the
ordinary questions next to the new words.
"""

from __future__ import annotations

from typing import Optional

import pytest

from actions.content.danger import detect

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


@pytest.mark.parametrize("text, concept, followup", DANGER)
def test_danger_is_found_with_its_followup(text: str, concept: str, followup: Optional[str]) -> None:
    danger = detect(text)
    assert danger is not None, text
    assert (danger.concept, danger.followup) == (concept, followup)
    assert danger.start < danger.end <= len(text)
