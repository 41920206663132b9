"""What the rumour tests share: the shipped rumours, the December 2026 ones, the
questions a correction rightly answers, and which rumour a text's keywords find."""

from __future__ import annotations

from typing import Optional

from actions.content.rumours import load_rumours, match_keywords
from bot.settings import PROJECT_ROOT

RUMOURS = load_rumours(PROJECT_ROOT / "responses")
# The rumours and scams of the December 2026 update (../shared/facts/updates-2026-12.yml).
DECEMBER_2026 = (
    "border_december",
    "shutdown_border",
    "passport_only",
    "caravan",
    "spain_papers",
    "humanitarian_visa",
    "tps_guatemala",
    "ice_bond",
    "fake_kidnapping",
    "fake_agents",
    "fake_lawyer",
)
# An ordinary question whose right answer is a correction: "is there TPS for Guatemala?"
# gets "Guatemala has never had TPS" (tps_guatemala) before the general TPS answer.
# (intent, rumour) pairs where the rumour's correction does answer the question: the
# correction of a paid recruiter answers a work-visa question, and so on.
ANSWERED_BY_A_CORRECTION = {
    ("tps", "tps_guatemala"),
    ("work_visas", "job_offer"),
    ("trafficking_signs", "job_offer"),
    ("report_crime", "paid_papers"),
    ("asylum_mexico", "humanitarian_visa"),
    ("verify_information", "fake_lawyer"),
    ("verify_information", "caravan"),
}


def rumour_of(text: str) -> Optional[str]:
    found = match_keywords(text, RUMOURS)
    return found.id if found else None
