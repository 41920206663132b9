"""Every command the menu offers has a handler, and no handler hides outside the menu."""

from __future__ import annotations

from actions.content.languages import language_config
from bot.telegram.app import COMMAND_HANDLERS
from bot.telegram.command_menu import COMMAND_IDS


def test_each_menu_command_has_its_handler() -> None:
    assert set(COMMAND_HANDLERS) == set(COMMAND_IDS)


def test_each_menu_command_has_a_name_in_every_language() -> None:
    for language in language_config().languages:
        assert set(language.commands) == set(COMMAND_IDS), language.code
