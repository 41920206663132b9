"""The Telegram front end: what `senda telegram` loads (python-telegram-bot, no torch).

The path of one message, in order: durable_queue (the inbox) → chat_order (one update
at a time per chat) → handlers (what kind of update) → answering (flood limit, Rasa,
outbox) → delivery (sending, paced by pacing).
"""
