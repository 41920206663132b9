"""The answers: what `rasa run` and the action server load.

server.py (the action server and its /nlg route), rest_channel.py (the channel Rasa
listens on), custom/ (the actions), pipeline/ (NLU components), content/ (the read side
of content, light), matching/ (embeddings and language identification: torch only
there), content_tools/ (the write side, only `senda content …`). Nothing here imports
bot/ (tests/test_import_rules.py)."""
