"""Slot, intent, entity and action names: one place for every process (as in covidflow).

The analytics read conversations by these names too (bot/analytics),
so the action server never has to import the dashboard's package."""

import json
from typing import Any, Dict, Optional, Tuple

SLOT_LANGUAGE = "language"
SLOT_COUNTRY = "country"

INTENT_SET_LANGUAGE = "set_language"
INTENT_SET_COUNTRY = "set_country"
INTENT_EMERGENCY = "emergency"
INTENT_FALLBACK = "nlu_fallback"

ENTITY_FOLLOWUP = "followup_intent"

# Keys SecondOpinion adds to the parse data (tracker.latest_message).
NEAREST_KEY = "nearest"  # topics of the nearest training examples, best first
SECOND_NEED_KEY = "second_need"  # a second topic the message also asks about

UTTER_COUNTRY_SET = "utter_country_set"
UTTER_DID_YOU_MEAN = "utter_did_you_mean"
UTTER_EMERGENCY_MORE = "utter_emergency_more"
UTTER_OUT_OF_SCOPE = "utter_out_of_scope"
UTTER_SERVICE_ERROR = "utter_service_error"  # said when an answer cannot be made

# Feedback on an answer (👍/👎 under it): a user event of this intent, with the
# entities rating (up|down) and rated_topic (the topic of the answer rated).
FEEDBACK_INTENT = "rate_answer"
FEEDBACK_RATING = "rating"
FEEDBACK_TOPIC = "rated_topic"

# Payloads of buttons the Telegram bot answers itself (bot/telegram/buttons.py); every
# other payload is a Rasa intent. The answers' buttons (responses/) use the same strings.
PAYLOAD_MAIN_MENU = "/main_menu"
PAYLOAD_ASK_DELETE = "/delete_data"
PAYLOAD_DELETE_YES = "/senda_delete_yes"
PAYLOAD_DELETE_NO = "/senda_delete_no"
PAYLOAD_NEAR_ME = "/near_me"  # /near_me{"need": "<topic>"}
PAYLOAD_SET_LANGUAGE = "/set_language"  # /set_language{"language": "<code>"}
PAYLOAD_SHARE_LOCATION = "/share_location"  # the keyboard button that shares a location
UTTER_MAIN_MENU = "utter_main_menu"


def payload_parts(payload: str) -> Optional[Tuple[str, Dict[str, Any]]]:
    """(intent, entities) of a Rasa-style payload /intent{"key": "value"}; entities {} when
    it has none; None when its JSON is not an object."""
    intent, brace, rest = payload.partition("{")
    if not brace:
        return intent, {}
    try:
        entities = json.loads(brace + rest)
    except ValueError:
        return None
    return (intent, entities) if isinstance(entities, dict) else None


def payload_entity(payload: str, key: str) -> Optional[str]:
    """The value of one entity in a Rasa-style payload: /intent{"key": "value"}."""
    parts = payload_parts(payload)
    value = parts[1].get(key) if parts else None
    return str(value) if value is not None else None
