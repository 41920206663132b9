"""Known rumours are recognised by their keywords, in every language."""

from __future__ import annotations

import pytest

from tests.actions.content.rumours.rumour_cases import DECEMBER_2026, RUMOURS, rumour_of


@pytest.mark.parametrize(
    "text, expected",
    [
        # Spanish, with and without accents
        ("¿Es cierto que la frontera está abierta?", "border_open"),
        ("dicen q ya abrieron la frontera, hay que irse ya", "border_open"),
        ("mi tio dice que si voy con mi niña me dejan pasar", "child_entry"),
        ("con los hijos no te deportan verdad", "child_entry"),
        ("todavía sirve la aplicación CBP One para sacar cita?", "cbp_one"),
        ("un señor me vende una visa americana en 800 dólares", "paid_papers"),
        ("en facebook venden citas para la embajada", "paid_papers"),
        ("oí que va a haber amnistía para los que estan alla", "amnesty"),
        ("salio una nueva ley que da papeles a los centroamericanos", "amnesty"),
        ("me ofrecen trabajo en Canadá pero tengo que pagar 2000 de anticipo", "job_offer"),
        ("el reclutador me cobra 1500 por el contrato", "job_offer"),
        # English
        ("is it true the border is open??", "border_open"),
        ("my aunt says with kids they can't deport you", "child_entry"),
        ("my aunt says with kids they cant deport you", "child_entry"),
        ("can I still use cbp one to get an appointment", "cbp_one"),
        ("a guy is selling visas on whatsapp, 500 each", "paid_papers"),
        ("is there an amnesty coming this year", "amnesty"),
        ("they promise a guaranteed job in the US if I pay the fee", "job_offer"),
        ("a recruiter wants a fee to put me on the h2b list", "job_offer"),
        # K'iche' (drafts), with ' ’ ʼ and without the glottal stop
        ("la qas tzij chi jaqal ri frontera", "border_open"),
        ("kakib'ij chi we katbʼe ruk' jun ak'al kakiya' b'e chawe", "child_entry"),
        ("kakib’ij chi we katb’e ruk’ jun ak’al kakiya’ b’e chawe", "child_entry"),
        ("kakibʼij chi we katbʼe rukʼ jun akʼal kakiyaʼ bʼe chawe", "child_entry"),
        ("kakibij chi we katbe ruk jun akal kakiya be chawe", "child_entry"),
        ("ri ixoqib' ruk' kalk'wal man kakitaq ta loq", "child_entry"),
        ("la k'o na ri citas pa CBP One", "cbp_one"),
        ("jun achi kukʼayij visas pa whatsapp", "paid_papers"),
        ("jun achi kuk'ayij visas pa whatsapp", "paid_papers"),
        ("kakibʼij chi kʼo amnistía wakamik", "amnesty"),
        ("xel jun k'ak' ley, kakiya' papeles chke konojel", "amnesty"),
        ("jun reclutador kutz'onoj pwaq chwe rech jun chak", "job_offer"),
    ],
)
def test_known_rumours_are_recognised(text: str, expected: str) -> None:
    assert rumour_of(text) == expected


# The December 2026 update: each rumour in es, en and quc, written as people write.
@pytest.mark.parametrize(
    "text, expected",
    [
        # 18 December / Día del Migrante / Christmas
        ("oigan es cierto q el 18 de diciembre abren la frontera?? ya nos vamos", "border_december"),
        ("Dicen que el Día del Migrante van a abrir la frontera, ¿es verdad?", "border_december"),
        ("me mandaron msj q en navidad dejan pasar a todos, salimos el 10", "border_december"),
        ("van a abrir una puerta en el muro dice mi primo", "border_december"),
        ("en diciembre la frontera va a estar abierta 3 dias nomas", "border_december"),
        ("my cousin says the border opens december 18 for migrants day", "border_december"),
        ("is it true they let everyone in at christmas??", "border_december"),
        ("heard the border is open on the 18th of december", "border_december"),
        ("kakib'ij chi pa 18 diciembre kjaqataj ri frontera", "border_december"),
        ("la qas tzij chi pa navidad kakiya' b'e chke ri winaq", "border_december"),
        ("kakibij chi jaqal ri frontera pa diciembre", "border_december"),
        # the US government shutdown
        ("con el shutdown no hay patrulla en la linea verdad", "shutdown_border"),
        ("por el cierre del gobierno la frontera quedo abierta?", "shutdown_border"),
        ("with the government shutdown nobody is guarding the border right", "shutdown_border"),
        ("the shutdown opened the border, we should go", "shutdown_border"),
        ("kakibʼij chi rumal ri cierre rech ri gobierno jaqal ri frontera", "shutdown_border"),
        # entry with only a passport / asylum reopened
        ("ya se puede entrar a usa solo con pasaporte?", "passport_only"),
        ("salio una ley nueva q ya no se necesita visa pa estados unidos", "passport_only"),
        ("reabrieron el asilo politico en la frontera dice un volante", "passport_only"),
        ("is it true you only need a passport to enter the us now", "passport_only"),
        ("they say asylum is open again at the border", "passport_only"),
        ("kakibʼij chi xa ruk' ri pasaporte kojok pa Estados Unidos", "passport_only"),
        ("la qas tzij chi jaqal chik ri asilo", "passport_only"),
        # a new caravan
        ("cuando sale la nueva caravana de tapachula", "caravan"),
        ("en tiktok dicen que la caravana si pasa, me uno?", "caravan"),
        ("when is the next caravan leaving? i want to join", "caravan"),
        ("la k'o jun k'ak' caravana kel pa Tapachula", "caravan"),
        # Spain gives papers to everyone
        ("es cierto que España da papeles a todos?", "spain_papers"),
        ("me cobran 450 euros pa la regularizacion de españa", "spain_papers"),
        ("hay amnistia en españa?", "spain_papers"),
        ("spain is giving papers to everyone, true?", "spain_papers"),
        ("kakibʼij chi pa España kakiyaʼ papeles chke konojel", "spain_papers"),
        # a humanitarian visa for sale
        ("cuanto cuesta la visa humanitaria pa cruzar mexico", "humanitarian_visa"),
        ("con la constancia de comar puedo viajar a tijuana?", "humanitarian_visa"),
        ("a lawyer sells a humanitarian visa to travel to the border", "humanitarian_visa"),
        ("jarupa' rajil ri visa humanitaria", "humanitarian_visa"),
        # TPS for Guatemala
        ("ya hay TPS para Guatemala? un señor te inscribe por 200", "tps_guatemala"),
        ("me llamaron q me renuevan el tps si deposito hoy", "tps_guatemala"),
        ("did guatemala get tps?", "tps_guatemala"),
        ("someone called to renew my tps if i pay the fee today", "tps_guatemala"),
        ("la qas tzij chi k'o chik TPS rech Iximulew", "tps_guatemala"),
        # a fake ICE bond
        ("un oficial de ice me llamo q si deposito 4500 mi hermano sale libre", "ice_bond"),
        ("me llamaron pa pagar la fianza de mi esposo por western union", "ice_bond"),
        ("an ice officer called, if i wire the bond money my brother gets released", "ice_bond"),
        ("xch'aw jun achi pa celular, kutaʼ pwaq rech ri fianza", "ice_bond"),
        # a fake kidnapping
        ("me escribieron al whatsapp q tienen a mi hijo y q mande 3000 dolares", "fake_kidnapping"),
        ("me llamaron pidiendo rescate por mi hermano que venia pa usa", "fake_kidnapping"),
        ("mi hermano esta desaparecido y me llaman pidiendo dinero", "fake_kidnapping"),
        ("they called saying they have my son and want 5000 by tonight", "fake_kidnapping"),
        ("someone texted asking ransom for my missing brother", "fake_kidnapping"),
        ("xch'aw jun achi pa celular, kubʼij chi k'o ri nuk'ojol ruk', kuta' pwaq", "fake_kidnapping"),
        ("xkitaq jun mensaje pa whatsapp, kakitaʼ rescate", "fake_kidnapping"),
        # fake CBP, ICE or USCIS callers
        ("me llamo uno de migracion q tengo una multa y q pague con tarjetas de regalo", "fake_agents"),
        ("un agente de CBP me llamó y me pidió mi seguro social", "fake_agents"),
        ("cuanto cobran por registrarse en cbp home", "fake_agents"),
        ("got a call from ice saying i owe a fine, pay with gift cards", "fake_agents"),
        ("a recording said press 1 to talk to an immigration officer", "fake_agents"),
        ("xch'aw jun achi pa telefono, kub'ij chi aj migración, kuta' pwaq", "fake_agents"),
        # fake lawyers and fake video hearings
        ("una abogada de tiktok me arregla la residencia si le pago por zelle", "fake_lawyer"),
        ("mi abogado me mando un link pa la audiencia por video", "fake_lawyer"),
        ("a lawyer on facebook guarantees my green card if i pay", "fake_lawyer"),
        ("my lawyer sent a whatsapp link for my court hearing", "fake_lawyer"),
        ("jun abogado pa facebook kutaʼ pwaq chwe rech ri nupapeles", "fake_lawyer"),
        ("ri abogado xutaq jun link pa whatsapp rech ri audiencia", "fake_lawyer"),
        # legalisation before Christmas / papers for Dreamers: the amnesty correction
        ("dicen q antes de navidad van a legalizar a todos", "amnesty"),
        ("a video says dreamers get green cards this year", "amnesty"),
    ],
)
def test_the_december_2026_rumours_are_recognised(text: str, expected: str) -> None:
    assert rumour_of(text) == expected


def test_each_december_2026_rumour_is_recognised_in_every_language() -> None:
    """Each has keywords in es, en and quc (drafts), and example sentences in each."""
    for rumour in (r for r in RUMOURS if r.id in DECEMBER_2026):
        assert set(rumour.languages) == {"es", "en", "quc"}, rumour.id
        assert {lang for lang, _ in rumour.examples} == {"es", "en", "quc"}, rumour.id
