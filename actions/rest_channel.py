"""Rasa's REST channel, answering with each answer whole (credentials.yml names it).

Rasa's own REST channel sends an answer that has no buttons as one message per
paragraph (CollectingOutputChannel.send_text_message splits at blank lines): a
K'iche' draft, its label and the reviewed Spanish reached Telegram as three
messages. This channel is the same, at the same URL (/webhooks/rest/webhook),
except that an answer stays one message; the bot splits only what Telegram
would refuse (bot/telegram/messages.py, at paragraphs past 4096 characters). Streamed
replies (`?stream=true`, which Senda does not use) still come one per paragraph.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint


class WholeAnswers(CollectingOutputChannel):
    """Collects into the REST request's list, one entry per answer."""

    def __init__(self, messages: List[Dict[Text, Any]]) -> None:
        self.messages = messages

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text.strip()))


class WholeAnswerRestInput(RestInput):
    """`rest` (name and URL unchanged), with answers kept whole."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def keep_whole(message: UserMessage) -> Any:
            collector = message.output_channel
            if type(collector) is CollectingOutputChannel:  # not the streaming queue
                message.output_channel = WholeAnswers(collector.messages)
            return await on_new_message(message)

        return super().blueprint(keep_whole)
