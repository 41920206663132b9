"""Senda's custom actions, one concern per module. Only this package is registered
with the action server, so importing it stays light (no models, no torch)."""
