"""The typed context every handler gets: `context.answering`, not `bot_data["senda"]` strings.

python-telegram-bot builds one BotData per application (ContextTypes below);
app.build_application fills it in before the first update.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Optional

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.telegram.answering import Answering
from bot.telegram.ratings import RatedMessages


class BotData:
    """What all handlers share."""

    answering: Answering
    retention_days: int

    def __init__(self) -> None:
        self.rated = RatedMessages()  # the answers already rated (👍/👎 once each)
        self.retention: Optional["asyncio.Task[None]"] = None  # the daily deletion job


class SendaContext(CallbackContext[ExtBot[Any], Dict[Any, Any], Dict[Any, Any], BotData]):
    @property
    def answering(self) -> Answering:
        return self.bot_data.answering

    @property
    def rated(self) -> RatedMessages:
        return self.bot_data.rated


SendaApplication = Application[ExtBot[Any], SendaContext, Dict[Any, Any], Dict[Any, Any], BotData, Any]


def context_types() -> ContextTypes[SendaContext, Dict[Any, Any], Dict[Any, Any], BotData]:
    return ContextTypes(context=SendaContext, bot_data=BotData)
