"""The rumour checker answers known rumours in each language and leaves ordinary questions alone."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content import load_content
from actions.languages import language_config
from actions.pipeline.rumour_catcher import RumourCatcher
from actions.pipeline.safety_net import SafetyNet
from actions.rumours import (MEANING_THRESHOLDS, MeaningIndex, compile_item, load_rumours,
                             match_keywords, meaning_threshold, rumour_problems)
from actions.training_examples import load_examples
from bot.settings import PROJECT_ROOT

RUMOURS = load_rumours(PROJECT_ROOT / "responses")
KICHE_SENTENCES = PROJECT_ROOT.parent / "shared" / "data" / "kiche" / "quc_spa_sentences.tsv"


def rumour_of(text: str) -> Optional[str]:
    found = match_keywords(text, RUMOURS)
    return found.id if found else None


# --- the shipped list ---------------------------------------------------------------

def test_the_shipped_rumours_are_complete() -> None:
    ids = [r.id for r in RUMOURS]
    assert {"border_open", "child_entry", "cbp_one", "paid_papers", "amnesty", "job_offer"} <= set(ids)
    responses = load_content(PROJECT_ROOT / "responses").responses
    assert rumour_problems(RUMOURS, responses, language_config().codes) == []
    for rumour in RUMOURS:  # each answer states its sources and dates, like every answer
        metadata = responses[rumour.answer][0]["metadata"]
        assert metadata["sources"] and metadata["reviewed_on"] and metadata["review_by"]


def test_problems_are_reported_for_staff() -> None:
    rumour = RUMOURS[0]
    problems = rumour_problems([rumour], responses=[], languages=["es", "xx"])
    assert f"{rumour.id}: answer {rumour.answer} is not in responses/" in problems
    assert f"{rumour.id}: no keywords in xx" in problems


def test_keyword_syntax() -> None:
    item = compile_item("frontera | linea + abiert* | abrieron")
    assert item.matches("dicen que la frontera esta abierta")
    assert item.matches("abrieron la linea")
    assert not item.matches("la frontera es peligrosa")
    assert not item.matches("abrieron la tienda")
    # word starts only; * is any ending; the glottal stop may be left out
    assert not compile_item("amnist*").matches("xamnistia")
    assert compile_item("kʼakʼ ley").matches("kak ley")


# --- keywords, in every language ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
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
])
def test_known_rumours_are_recognised(text: str, expected: str) -> None:
    assert rumour_of(text) == expected


@pytest.mark.parametrize("text", [
    # greetings
    "hola buenos dias", "hello", "hi there", "saqarik", "utz awach",
    # asylum
    "cómo pido asilo en Estados Unidos", "how do i ask for asylum in the us",
    "jas kinbʼan rech kintzʼonoj asilo pa Estados Unidos",
    # a shelter
    "dónde hay un albergue en Tapachula", "where is a shelter for tonight",
    "jawiʼ kʼo wi jun albergue", "jawi' k'o wi jun albergue",
    # a lawyer
    "necesito un abogado gratis", "i need a lawyer", "kinwaj jun abogado majun rajil",
    # near a rumour, but an ordinary question
    "quiero una visa de trabajo para Canadá", "how do i apply for an h2a visa",
    "kwaj kinchakun pa Canadá rukʼ visa", "cuánto cuesta la cita de la visa",
    "is the border dangerous", "la frontera es peligrosa",
    "no me dejan ver a mi hijo en la estación", "what time does the shelter open",
    "la línea 145 está abierta de noche?", "my kid is sick where is a doctor",
    "me quitaron el dinero en el camino", "la kkitaq loq ri akʼal we kopan utukel",
    "/smuggler_myths", "/set_language{\"language\":\"es\"}",
])
def test_ordinary_questions_match_nothing(text: str) -> None:
    assert rumour_of(text) is None


def test_no_training_example_of_an_unrelated_topic_is_taken_for_a_rumour() -> None:
    # visa_scams and smuggler_myths may be: a sold visa is both a scam and a rumour.
    taken = [(e.language, e.intent, e.text) for e in load_examples(PROJECT_ROOT / "nlu")
             if e.intent not in ("smuggler_myths", "visa_scams") and rumour_of(e.text)]
    assert taken == []


def test_real_kiche_and_spanish_sentences_are_not_taken_for_rumours() -> None:
    if not KICHE_SENTENCES.exists():
        pytest.skip(f"{KICHE_SENTENCES} is absent (../shared/data/kiche)")
    with KICHE_SENTENCES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    texts = [row[c] for row in rows for c in ("quc", "spa") if row.get(c)]
    assert len(texts) > 1000
    assert [t for t in texts if rumour_of(t)] == []


# --- the NLU component ------------------------------------------------------------

def classify(component: Any, text: str, intent: str = "find_shelter",
             confidence: float = 0.9) -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                            "intent_ranking": [{"name": intent, "confidence": confidence}]})
    component.process([message])
    return message


def rumour_entities(message: Message) -> List[str]:
    return [e["value"] for e in message.get("entities") or [] if e["entity"] == "rumour"]


@pytest.fixture
def catcher() -> RumourCatcher:
    return RumourCatcher({"responses_dir": str(PROJECT_ROOT / "responses")})


@pytest.mark.parametrize("text, expected", [
    ("la frontera esta abierta?", "border_open"),
    ("they sell cbp one appointments", "cbp_one"),
    ("kakibʼij chi kʼo amnistía", "amnesty"),
])
def test_the_catcher_names_the_rumour(catcher: RumourCatcher, text: str, expected: str) -> None:
    message = classify(catcher, text, "nlu_fallback", 0.3)
    assert message.get("intent") == {"name": "smuggler_myths", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "smuggler_myths"
    assert rumour_entities(message) == [expected]


def test_the_catcher_leaves_the_rest_alone(catcher: RumourCatcher) -> None:
    assert classify(catcher, "donde hay un albergue").get("intent")["name"] == "find_shelter"
    assert classify(catcher, "/smuggler_myths", "smuggler_myths").get("entities") in (None, [])
    # DIET's emergency is never overridden
    assert classify(catcher, "help the border is open and they have my kid",
                    "emergency").get("intent")["name"] == "emergency"


def test_danger_still_wins_after_a_rumour(catcher: RumourCatcher) -> None:
    net = SafetyNet(SafetyNet.get_default_config())
    message = classify(catcher, "el coyote dice que la frontera esta abierta y me quieren matar")
    net.process([message])
    assert message.get("intent")["name"] == "emergency"
    followups = [e["value"] for e in message.get("entities") if e["entity"] == "followup_intent"]
    assert followups == ["smuggler_myths"]


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the content, read as the live (published) content."""
    for name in ("responses", "locales", "nlu"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    monkeypatch.setenv("SENDA_ROOT", str(tmp_path))
    yield tmp_path


def add_rumour(root: Path) -> None:
    path = root / "responses" / "rumours.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["responses"]["utter_rumour_pregnancy"] = [{"text": "Estar embarazada no garantiza la entrada."}]
    data["rumours"].append({"id": "pregnancy", "answer": "utter_rumour_pregnancy", "keywords": {
        "es": ["embarazada* + no deportan | dejan pasar"], "en": ["pregnant + let* you in"],
        "quc": ["embarazada* + *yaʼ bʼe"]}, "examples": {"en": ["pregnant women can always cross"]}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_rumour_staff_add_is_caught_without_a_restart(content_copy: Path) -> None:
    catcher = RumourCatcher(RumourCatcher.get_default_config())  # reads the live content
    text = "a las embarazadas no las deportan y las dejan pasar"
    assert rumour_entities(classify(catcher, text)) == []
    add_rumour(content_copy)
    assert rumour_entities(classify(catcher, text)) == ["pregnancy"]
    assert rumour_entities(classify(catcher, "the border is open")) == ["border_open"]


def test_a_broken_entry_is_skipped_and_the_others_still_work(content_copy: Path) -> None:
    path = content_copy / "responses" / "rumours.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rumours"].insert(0, {"id": "no_answer", "keywords": {"es": ["frontera"]}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rumours = load_rumours(content_copy / "responses")
    assert "no_answer" not in [r.id for r in rumours]
    assert match_keywords("la frontera esta abierta", rumours).id == "border_open"


def test_a_half_saved_file_keeps_the_last_good_list(content_copy: Path) -> None:
    from actions.rumours import current_rumours

    assert "border_open" in [r.id for r in current_rumours()]
    path = content_copy / "responses" / "rumours.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - [unclosed", encoding="utf-8")
    assert "border_open" in [r.id for r in current_rumours()]


# --- meaning (sentence embeddings) ---------------------------------------------------

@pytest.fixture(scope="module")
def index() -> MeaningIndex:
    return MeaningIndex(RUMOURS)


def best(index: MeaningIndex, text: str) -> tuple:
    ranked = index.scores(text)
    return ranked[0][0].id, ranked[0][1], ranked[0][1] - ranked[1][1]


@pytest.mark.parametrize("text, expected", [
    ("a man promises me farm work in canada if i give him 1500 dollars first", "job_offer"),
    ("is the government going to forgive everyone without papers", "amnesty"),
    ("they say undocumented people will all be made legal this year", "amnesty"),
    ("people say families with little kids are never sent back", "child_entry"),
    ("can i still get a border appointment on my phone", "cbp_one"),
    ("is it true that anyone can get into america now without problems", "border_open"),
])
def test_an_english_paraphrase_finds_its_rumour(index: MeaningIndex, text: str,
                                                expected: str) -> None:
    assert rumour_of(text) is None  # no keyword: meaning alone
    rumour, score, margin = best(index, text)
    print(f"{score:.3f} (margin {margin:.3f}) {rumour}: {text}")
    assert rumour == expected and score >= meaning_threshold("en")


def test_ordinary_questions_stay_below_the_fallback_threshold(index: MeaningIndex) -> None:
    """The numbers behind MEANING_THRESHOLDS: the closest any example of another topic
    comes to a rumour, per language. Printed with -s."""
    highest: Dict[str, tuple] = {}
    for example in load_examples(PROJECT_ROOT / "nlu"):
        if example.intent in ("smuggler_myths", "visa_scams"):
            continue
        score = best(index, example.text)[1]
        if score > highest.get(example.language, (0.0, ""))[0]:
            highest[example.language] = (score, example.text)
    for language, (score, text) in sorted(highest.items()):
        print(f"{language}: highest {score:.3f} «{text}»")
    for language in MEANING_THRESHOLDS:
        assert highest[language][0] < meaning_threshold(language, fallback=True)
    # K'iche' sentences all look alike to the English model: meaning is not used there.
    assert highest["quc"][0] > 0.8 and meaning_threshold("quc") is None


# --- the actions -------------------------------------------------------------------

def tracker(text: str, language: str, entities: Optional[List[Dict[str, Any]]] = None,
            intent: str = "smuggler_myths") -> Tracker:
    return Tracker(sender_id="t", slots={"language": language},
                   latest_message={"text": text, "intent": {"name": intent},
                                   "entities": entities or []},
                   events=[], paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_listen")


def run(action: Any, state: Tracker) -> List[str]:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, state, {})
    return [m.get("response") for m in dispatcher.messages]


def test_the_action_answers_the_named_rumour_or_the_list(content_copy: Path) -> None:
    from actions.custom.rumour import ActionCheckRumour

    action = ActionCheckRumour()
    named = [{"entity": "rumour", "value": "child_entry"}]
    assert run(action, tracker("lo que sea", "es", named)) == ["utter_rumour_child_entry"]
    assert run(action, tracker("dicen que hay amnistia", "es")) == ["utter_rumour_amnesty"]
    assert run(action, tracker("rumores de la frontera", "es")) == ["utter_smuggler_myths"]
    assert run(action, tracker("ri kʼakʼ taq tzij chi rij ri bʼe", "quc")) == ["utter_smuggler_myths"]
    # a rumour whose answer is not published yet: the list, never an empty reply
    unknown = [{"entity": "rumour", "value": "nonexistent"}]
    assert run(action, tracker("...", "en", unknown)) == ["utter_smuggler_myths"]


def test_the_fallback_answers_a_rumour_before_guessing(content_copy: Path) -> None:
    from actions.custom.fallback import ActionSemanticFallback

    action = ActionSemanticFallback()
    text = "a man promises me farm work in canada if i give him 1500 dollars first"
    assert run(action, tracker(text, "en", intent="nlu_fallback")) == ["utter_rumour_job_offer"]
    ordinary = "where can i sleep tonight with my two kids"
    assert run(action, tracker(ordinary, "en", intent="nlu_fallback")) == ["utter_did_you_mean"]
