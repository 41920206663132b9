"""End to end (the real Rasa and action servers): a known rumour gets its correction, in the
language it was written in; an ordinary question gets none.
"""

from __future__ import annotations

import pytest

from actions.content.render import Renderer
from bot.rasa_client import RasaClient
from tests.e2e.conftest import bot_events, bot_topics, new_sender

pytestmark = pytest.mark.stack


@pytest.mark.parametrize(
    "language, text, rumour",
    [
        (
            "es",
            "oye es cierto que la frontera está abierta? mi primo dice que hay que irse ya",
            "border_open",
        ),
        ("es", "un señor en facebook vende citas para la embajada, es confiable?", "paid_papers"),
        (
            "en",
            "my neighbour says if you bring your kid they have to let you in, is that true",
            "child_entry",
        ),
        (
            "en",
            "a guy at the shelter says he can sell me a visa for 500 dollars, is that legit",
            "paid_papers",
        ),
        ("quc", "la qas tzij chi jaqal ri frontera wakamik? kakib'ij ri winaq pa nutinamit", "border_open"),
        ("quc", "kakibʼij chi we katbʼe rukʼ jun akʼal kakiyaʼ bʼe chawe, la qas tzij?", "child_entry"),
    ],
)
def test_a_known_rumour_gets_its_correction_in_that_language(
    client: RasaClient, renderer: Renderer, language: str, text: str, rumour: str
) -> None:
    sender = new_sender()
    replies = client.send(sender, text)
    assert client.tracker(sender)["slots"]["language"] == language
    assert bot_topics(client, sender) == [f"utter_rumour_{rumour}"]
    expected = renderer.render(f"utter_rumour_{rumour}", language, {"language": language}, {})
    assert [r.get("text") for r in replies] == [expected.text]
    assert [b["payload"] for b in replies[0]["buttons"]] == [b["payload"] for b in expected.buttons]


# The rumour that returns every year before 18 December (International Migrants Day),
# as people write it: the correction comes back first, in the language it was written in.
@pytest.mark.parametrize(
    "language, text",
    [
        (
            "es",
            "oye es cierto q el 18 de dic abren la frontera x el dia del migrante?? mi cuñado ya "
            "se va con los niños, donde hay albergue en juarez",
        ),
        (
            "en",
            "my cousin got a msg that the border opens dec 18 for migrants day, is it true?? "
            "we r in juarez with the kids",
        ),
        (
            "quc",
            "kakib'ij chi pa 18 diciembre kjaqataj ri frontera chke ri migrantes, la qas tzij? "
            "kinwaj kinb'e ruk' ri wal",
        ),
    ],
)
def test_the_18_december_rumour_gets_its_correction_first(
    client: RasaClient, renderer: Renderer, language: str, text: str
) -> None:
    sender = new_sender()
    replies = client.send(sender, text)
    assert client.tracker(sender)["slots"]["language"] == language
    first = bot_events(client, sender)[0]["metadata"]
    assert first["utter_action"] == "utter_rumour_border_december"
    assert first["topic"] == "smuggler_myths"
    expected = renderer.render("utter_rumour_border_december", language, {"language": language}, {})
    assert replies[0]["text"] == expected.text
    assert expected.translated and expected.draft == (language == "quc")
    assert "18" in replies[0]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "hola, necesito un abogado gratis en houston",
        "how do i apply for a work visa in canada",
        "jawiʼ kʼo wi jun albergue pa Tapachula",
        "cuando abre la frontera para pedir asilo legal",
    ],
)
def test_an_ordinary_question_gets_no_correction(client: RasaClient, text: str) -> None:
    sender = new_sender()
    client.send(sender, text)
    events = client.tracker(sender)["events"]
    assert not [t for t in bot_topics(client, sender) if t and t.startswith("utter_rumour_")]
    assert "action_check_rumour" not in [e.get("name") for e in events if e["event"] == "action"]


def test_a_rumour_question_naming_none_gets_the_list(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"es"}')
    client.send(sender, "/smuggler_myths")
    assert bot_topics(client, sender) == ["utter_smuggler_myths"]
    client.send(sender, "rumores de la frontera")
    assert bot_topics(client, sender) == ["utter_smuggler_myths"]
