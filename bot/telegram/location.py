"""Help near me: the location is asked for, then answered with the nearest resources.
The location and the answer are never stored (the distances would give it away)."""

from __future__ import annotations

from typing import List, Optional

from telegram import Update

from actions.content.places import nearby_answer
from bot.telegram import own_messages
from bot.telegram.context import SendaContext
from bot.telegram.replying import say
from bot.telegram.storage import OutMessage


async def ask_location(update: Update, context: SendaContext, need: Optional[str]) -> None:
    context.answering.location_need[update.effective_chat.id] = need  # type: ignore[union-attr]
    await say(update, context, own_messages.ASK_LOCATION, keyboard="location")


async def on_location(update: Update, context: SendaContext) -> None:
    answering = context.answering
    message = update.effective_message
    assert message is not None
    location = message.location or (message.venue.location if message.venue else None)
    if location is None:
        await location_again(update, context)
        return
    need = answering.location_need.pop(message.chat_id, None)
    latitude, longitude = location.latitude, location.longitude

    async def produce() -> List[OutMessage]:
        language = await answering.language(update)
        found = nearby_answer(
            latitude,
            longitude,
            need,
            language,
            own_messages.unverified_note(language),
            own_messages.no_phone_note(language),
        )
        name = own_messages.NEARBY if found.nearby else own_messages.NEARBY_NONE
        return [
            own_messages.render(
                name,
                language,
                keyboard="remove",
                values={"nearby": found.nearby, "resources": found.country_lines},
            )
        ]

    # Distances to known towns would give the location away: this reply is not recorded.
    await answering.answer(update, produce, record=False)


async def location_again(update: Update, context: SendaContext) -> None:
    await say(update, context, own_messages.LOCATION_AGAIN, keyboard="location")
