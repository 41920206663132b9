"""Whitespace tokens of the normalised text (glottal stops unified, accents off).

Normalisation keeps every character's position, so token offsets still point
into the user's original text and entity values keep the user's spelling.
"""

from __future__ import annotations

from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from actions.content.text import normalize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NormalizingTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        original = message.get(attribute)
        normalized = normalize(original)
        message.set(attribute, normalized)
        try:
            tokens = super().tokenize(message, attribute)
        finally:
            message.set(attribute, original)
        return tokens
