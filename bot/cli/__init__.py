"""The `senda` command (`python -m bot.cli`): a module per command group; main.py parses."""
