"""Which replies count as what, for the metrics. Names only: answer ids and topics
(the contract in ../shared/DESIGN.md: a bot event carries metadata.utter_action and,
from our NLG, metadata.topic)."""

from __future__ import annotations

from typing import FrozenSet

# Feedback on an answer (👍/👎): its intent and entities are ids (actions/content/ids.py),
# the rating entity's values UP and DOWN are in actions/content/feedback.py.

# Replies that mean "not answered": the semantic fallback's "did you mean" and "I don't
# know about that" (also the answer to the out_of_scope intent).
FALLBACK_ANSWERS: FrozenSet[str] = frozenset({"utter_did_you_mean", "utter_out_of_scope"})

# Warnings against smugglers, scams and rumours (a rumour's correction has topic
# smuggler_myths and answer utter_rumour_<id>).
WARNING_TOPICS: FrozenSet[str] = frozenset(
    {
        "smuggler_dangers",
        "smuggler_myths",
        "trafficking_signs",
        "report_crime",
        "verify_information",
        "visa_scams",
    }
)
RUMOUR_ANSWER_PREFIX = "utter_rumour_"

# Emergency and safeguarding replies: counted, never broken down further than
# language, country and day.
SAFEGUARDING_TOPICS: FrozenSet[str] = frozenset(
    {"emergency", "child_protection", "unaccompanied_children", "gbv_support", "trafficking_signs"}
)

# Resource referrals: the answers whose topic is a key of actions.content.directory.TOPIC_TYPES
# (they list the directory's resources of those types for the user's country).
