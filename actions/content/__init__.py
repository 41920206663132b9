"""The read side of content, loaded by every Senda process (Rasa, the action server,
the bot, the dashboard): ids, languages, paths, answers, catalogs, the directory,
places, rumours, danger words, feedback, text folding and rendering. Light: no models,
no torch, and nothing from the write side (actions.content_tools)."""
