"""The Telegram application: one place that wires python-telegram-bot to Senda.

Updates arrive by long polling, or by webhook when TELEGRAM_WEBHOOK_URL is set;
either way they pass through the durable inbox (durable_queue.py), are handled
one at a time per chat (chat_order.py) and answered through the reply pipeline
(answering.py), which handlers reach as `context.answering` (context.py).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Optional
from urllib.parse import urlparse

import httpx
from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from actions.content.languages import language_config
from bot.identity import MissingSecret
from bot.rasa_client import AsyncRasaClient
from bot.settings import AnalyticsSettings, Settings
from bot.telegram import buttons, handlers, location
from bot.telegram.answering import Answering
from bot.telegram.chat_order import ChatOrderedProcessor
from bot.telegram.command_menu import register_commands
from bot.telegram.context import SendaApplication, context_types
from bot.telegram.delivery import Delivery
from bot.telegram.durable_queue import DurableQueue
from bot.telegram.flood import FloodGate
from bot.telegram.pacing import ChatRateLimiter
from bot.telegram.retention_job import keep_deleting_old_conversations
from bot.telegram.storage import Inbox

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
KEEP_ANSWERED = timedelta(days=1)  # Telegram stops re-sending an update well before this
COMMAND_HANDLERS = {
    "menu": handlers.on_menu,
    "language": handlers.on_language_command,
    "help": handlers.on_help,
    "privacy": handlers.on_privacy,
    "delete": handlers.on_delete,
}


def add_handlers(application: SendaApplication) -> None:
    application.add_handler(MessageHandler(filters.UpdateType.EDITED & ~filters.LOCATION, handlers.on_edited))
    application.add_handler(CommandHandler("start", handlers.on_start))
    names = language_config().command_ids()
    for command, callback in COMMAND_HANDLERS.items():
        aliases = sorted(name for name, target in names.items() if target == command)
        application.add_handler(CommandHandler(aliases, callback))
    application.add_handler(CallbackQueryHandler(buttons.on_button))
    application.add_handler(MessageHandler(filters.LOCATION, location.on_location))
    application.add_handler(
        MessageHandler(filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE, handlers.on_voice)
    )
    application.add_handler(MessageHandler(filters.COMMAND, handlers.on_unknown_command))
    application.add_handler(MessageHandler(filters.TEXT, handlers.on_text))
    application.add_handler(MessageHandler(filters.ALL, handlers.on_not_text))
    application.add_error_handler(handlers.on_error)


async def restore_pending(application: SendaApplication) -> None:
    """Updates stored but not answered before a crash or restart go first."""
    answering = application.bot_data.answering
    queue: DurableQueue = application.update_queue  # type: ignore[assignment]
    pending = await asyncio.to_thread(answering.inbox.pending)
    for item in pending:
        if item.payload is None:
            continue
        update = Update.de_json(item.payload, application.bot)
        answering.restored.add(update.update_id)
        await queue.put_restored(update)
    if pending:
        logger.info("answering %d updates left from before the restart", len(pending))


async def post_init(application: SendaApplication) -> None:
    answering = application.bot_data.answering
    await asyncio.to_thread(answering.inbox.create)
    await asyncio.to_thread(answering.inbox.purge_answered, KEEP_ANSWERED)
    await restore_pending(application)
    await register_commands(application)
    application.bot_data.retention = asyncio.create_task(
        keep_deleting_old_conversations(answering.settings.db_url, application.bot_data.retention_days)
    )


async def post_shutdown(application: SendaApplication) -> None:
    answering = application.bot_data.answering
    retention = application.bot_data.retention
    if retention is not None:
        retention.cancel()
    await answering.rasa.close()
    answering.inbox.close()


def build_application(
    settings: Settings,
    rasa_transport: Optional[httpx.AsyncBaseTransport] = None,
    bot_request: Optional[BaseRequest] = None,
) -> SendaApplication:
    """The application as it runs. Production passes neither transport; the handler tests
    pass a fake Rasa (an httpx transport) and a fake Bot API (a BaseRequest) instead of
    the network (tests/support/handler_harness.py)."""
    telegram = settings.telegram
    if not settings.telegram_token:
        raise MissingSecret("TELEGRAM_BOT_TOKEN is not set")
    if not telegram.sender_secret:
        raise MissingSecret("SENDA_SENDER_SECRET is not set: the HMAC key for sender ids")
    retention_days = AnalyticsSettings.from_env().retention_days  # a bad value stops here
    inbox = Inbox(telegram.inbox_url)
    processor = ChatOrderedProcessor(inbox)
    builder = ApplicationBuilder()
    if bot_request is not None:  # every Bot API call, polling's included, goes to it
        builder = builder.request(bot_request).get_updates_request(bot_request)
    application: SendaApplication = (
        builder.context_types(context_types())
        .token(settings.telegram_token)
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .update_queue(DurableQueue(inbox, telegram.sender_secret))
        .concurrent_updates(processor)
        .rate_limiter(
            ChatRateLimiter(
                chat_interval=telegram.chat_interval, overall_per_second=telegram.overall_per_second
            )
        )
        .defaults(Defaults(block=True))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data.answering = Answering(
        settings=settings,
        inbox=inbox,
        rasa=AsyncRasaClient(
            settings.rasa_url, settings.api_token, settings.actions_url, transport=rasa_transport
        ),
        delivery=Delivery(application.bot, inbox.remember_payload, is_running=lambda: application.running),
        flood=FloodGate(telegram.flood_per_minute, telegram.flood_window),
        deferred=processor.deferred,
        is_running=lambda: application.running,
    )
    application.bot_data.retention_days = retention_days
    add_handlers(application)
    return application


def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: webhook if TELEGRAM_WEBHOOK_URL is set, else long polling."""
    application = build_application(settings)
    telegram = settings.telegram
    if telegram.webhook_url:
        if not telegram.webhook_secret:
            raise MissingSecret("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL")
        # python-telegram-bot refuses any request without the matching secret header.
        application.run_webhook(
            listen=telegram.webhook_listen,
            port=telegram.webhook_port,
            url_path=urlparse(telegram.webhook_url).path.lstrip("/"),
            webhook_url=telegram.webhook_url,
            secret_token=telegram.webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
