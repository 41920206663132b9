"""Chat with Senda in the terminal, through the same Rasa server the Telegram bot uses.

Buttons are shown numbered; typing the number presses the button (sends its payload).
"""

from __future__ import annotations

import uuid
from typing import Any, Callable, Dict, List

from bot.rasa_client import RasaClient

QUIT_WORDS = {"/quit", "/exit", "/salir"}


def render(messages: List[Dict[str, Any]], output: Callable[[str], None]) -> List[Dict[str, str]]:
    """Print the bot's messages; return the buttons of the last message that had any."""
    buttons: List[Dict[str, str]] = []
    for message in messages:
        if message.get("text"):
            output(f"Senda: {message['text']}")
        if message.get("buttons"):
            buttons = message["buttons"]
            for number, button in enumerate(buttons, start=1):
                output(f"   [{number}] {button.get('title', '')}")
    return buttons


def resolve(line: str, buttons: List[Dict[str, str]]) -> str:
    """A number that names a shown button becomes that button's payload."""
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        return buttons[int(line) - 1]["payload"]
    return line


def chat(
    client: RasaClient, read: Callable[[str], str] = input, output: Callable[[str], None] = print
) -> None:
    sender = f"terminal-{uuid.uuid4().hex[:12]}"
    output("Chat with Senda (es / en / K'iche'). Type a number to press a button; /quit to leave.")
    buttons = render(client.send(sender, "/greet"), output)
    while True:
        try:
            line = read("> ").strip()
        except (EOFError, KeyboardInterrupt):
            output("")
            return
        if not line:
            continue
        if line.lower() in QUIT_WORDS:
            return
        buttons = render(client.send(sender, resolve(line, buttons)), output) or buttons
