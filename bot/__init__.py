"""Senda's front ends (terminal chat now, Telegram next) and the `senda` command."""
