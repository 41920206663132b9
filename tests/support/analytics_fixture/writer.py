"""Writing conversations into a tracker store through Rasa's own SQLTrackerStore.

The events are the ones Rasa and our NLG produce: bot events rendered by
actions/content/render.py, so metadata.topic is exactly what production stores.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any, Dict, Iterable, List, Optional

from tests.support.analytics_fixture.conversations import ConversationSpec, utc_timestamp


class EventWriter:
    """Builds the events of a conversation the way Rasa + our NLG record them."""

    def __init__(self) -> None:
        from actions.content.answers import load_content
        from actions.content.catalogs import load_catalogs
        from actions.content.directory import load_directory
        from actions.content.render import Renderer

        self.renderer = Renderer(load_content(), load_catalogs(), load_directory())

    def bot_message(self, answer: str, language: Optional[str], slots: Dict[str, Any]) -> Dict[str, Any]:
        # What CallbackNaturalLanguageGenerator gets from our /nlg, plus the utter_action
        # Rasa adds (rasa.core.actions.action.ActionBotResponse).
        message = self.renderer.render(answer, language, slots, {}).as_nlg(answer)
        message["utter_action"] = answer
        return message

    def events(self, spec: ConversationSpec) -> List[Any]:
        from rasa.core.actions.action import create_bot_utterance
        from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

        start = utc_timestamp(spec.start)
        events: List[Any] = [
            ActionExecuted("action_session_start", timestamp=start - 0.01),
            SessionStarted(timestamp=start),
        ]
        slots: Dict[str, Any] = {}
        clock = start
        opening_language = spec.first_language or spec.language
        # action_session_start carries the slots over from the previous session.
        for name, value in (("language", opening_language), ("country", spec.country)):
            if value is not None:
                clock += 0.01
                events.append(SlotSet(name, value, timestamp=clock))
                slots[name] = value
        events.append(ActionExecuted("action_listen", timestamp=clock + 0.01))
        for index, turn in enumerate(spec.turn_list()):
            clock = start + index * spec.turn_gap.total_seconds() + 5

            def tick() -> float:
                nonlocal clock
                clock += 1
                return clock

            events.append(
                UserUttered(
                    turn.text,
                    intent={"name": turn.intent, "confidence": 0.97},
                    entities=[],
                    input_channel="rest",
                    message_id=uuid.uuid4().hex,
                    timestamp=tick(),
                )
            )
            # action_detect_language runs on every message; it sets the slot when the
            # language changed (actions/custom/language.py).
            events.append(ActionExecuted("action_detect_language", timestamp=tick()))
            if spec.language is not None and slots.get("language") != spec.language:
                events.append(SlotSet("language", spec.language, timestamp=tick()))
                slots["language"] = spec.language
            topic = None
            for answer in turn.answers:
                events.append(ActionExecuted(answer, timestamp=tick()))
                message = self.bot_message(answer, slots.get("language"), slots)
                topic = message.get("topic")
                bot = create_bot_utterance(dict(message))
                bot.timestamp = tick()
                events.append(bot)
            events.append(ActionExecuted("action_listen", timestamp=tick()))
            if turn.rating:
                from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC

                entities = [
                    {"entity": FEEDBACK_RATING, "value": turn.rating},
                    {"entity": FEEDBACK_TOPIC, "value": topic},
                ]
                payload = json.dumps({FEEDBACK_RATING: turn.rating, FEEDBACK_TOPIC: topic})
                events.append(
                    UserUttered(
                        f"/{FEEDBACK_INTENT}{payload}",
                        intent={"name": FEEDBACK_INTENT, "confidence": 1.0},
                        entities=entities,
                        input_channel="rest",
                        message_id=uuid.uuid4().hex,
                        timestamp=tick(),
                    )
                )
                thanks = "utter_rate_thanks" + ("_down" if turn.rating == "down" else "")
                if thanks in self.renderer.content.responses:  # actions/custom/feedback.py
                    events.append(ActionExecuted("action_rate_thanks", timestamp=tick()))
                    bot = create_bot_utterance(dict(self.bot_message(thanks, slots.get("language"), slots)))
                    bot.timestamp = tick()
                    events.append(bot)
                events.append(ActionExecuted("action_listen", timestamp=tick()))
        return events


def tracker_store(db_url: str) -> Any:
    """Rasa's SQLTrackerStore on `db_url`, as endpoints.yml configures it (type SQL, url)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    from actions.content.paths import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "responses" / "domain.yml"))
    return SQLTrackerStore(domain=domain, host=db_url)


def write_conversations(db_url: str, specs: Iterable[ConversationSpec]) -> None:
    """Store the conversations with Rasa's SQLTrackerStore, one session after another
    (each sender's in time order), as the Rasa server would."""
    from rasa.shared.core.trackers import DialogueStateTracker

    ordered = sorted(specs, key=lambda s: utc_timestamp(s.start))
    writer = EventWriter()
    store = tracker_store(db_url)

    async def write_all() -> None:
        for spec in ordered:
            # Rasa loads the latest session, appends, and saves what is new.
            tracker = await store.retrieve(spec.sender) or DialogueStateTracker(
                spec.sender, store.domain.slots
            )
            for event in writer.events(spec):
                tracker.update(event)
            await store.save(tracker)

    try:
        asyncio.run(write_all())
    finally:
        store.engine.dispose()
