"""Rasa NLU pipeline components (loaded by the Rasa server, not the action server)."""
