"""Slot, intent, entity and action names shared by the actions (one place, as in covidflow)."""
SLOT_LANGUAGE = "language"
SLOT_COUNTRY = "country"

INTENT_SET_LANGUAGE = "set_language"
INTENT_SET_COUNTRY = "set_country"
INTENT_EMERGENCY = "emergency"
INTENT_FALLBACK = "nlu_fallback"

ENTITY_FOLLOWUP = "followup_intent"

UTTER_COUNTRY_SET = "utter_country_set"
UTTER_DID_YOU_MEAN = "utter_did_you_mean"
UTTER_OUT_OF_SCOPE = "utter_out_of_scope"
