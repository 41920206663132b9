"""Where the user says they are sets the `country` entity (and so the `country` slot).

"estoy en mexico", "vivo en Houston", "in kʼo pa Iximulew", "soy de Honduras": a
country or one of the towns of responses/places.yml, after a word that says where one
is (or comes from), in es, en or K'iche' (nlu/places/country_words.yml). Saying where
one is beats saying where one is from ("soy hondureño pero estoy en Tapachula" → MX);
a place one is going to ("quiero ir a Estados Unidos") sets nothing, and so does a
country named as a topic ("asilo en México"). A town after a bare "en / in / pa" counts
("albergue en Tapachula"). A message that is only a country's name sets it too.

Runs after DIET and replaces any `country` entity DIET guessed: a typed message sets
the country only in these words; the buttons' payloads (/set_country) are not read here.
Words are read when the model loads; towns when a message arrives (published content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.content.paths import PROJECT_ROOT
from actions.content.places import Place, places_store
from actions.content.text import normalize

COUNTRY_ENTITY = "country"
DEFAULT_WORDS = PROJECT_ROOT / "nlu" / "places" / "country_words.yml"
HERE, FROM, BARE = 3, 2, 1  # how surely a mention says where the user is
# Already as words (normalised): read on every message, so not re-split each time.
WEAK_CUES = (("en",), ("in",), ("pa",), ("at",), ("near",), ("cerca", "de"))  # before a town
FILLERS = (("el",), ("la",), ("los",), ("the",), ("ri",), ("ciudad", "de"), ("city", "of"))
WORD = re.compile(r"[\wʼ]+")


def words(text: str) -> Tuple[str, ...]:
    return tuple(WORD.findall(normalize(text)))


@dataclass(frozen=True)
class Vocabulary:
    places: Dict[Tuple[str, ...], str]  # words of a country → its code
    from_words: Dict[Tuple[str, ...], str]  # demonyms
    town_aliases: Dict[Tuple[str, ...], str]
    here: Tuple[Tuple[str, ...], ...]
    origin: Tuple[Tuple[str, ...], ...]
    going: Tuple[Tuple[str, ...], ...]


def load_vocabulary(path: Path = DEFAULT_WORDS) -> Vocabulary:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def by_code(key: str) -> Dict[Tuple[str, ...], str]:
        return {
            words(name): code
            for code, names in (data.get(key) or {}).items()
            for name in names
            if words(name)
        }

    def cues(key: str) -> Tuple[Tuple[str, ...], ...]:
        return tuple(
            words(cue) for phrases in (data.get(key) or {}).values() for cue in phrases if words(cue)
        )

    vocabulary = Vocabulary(
        by_code("countries"),
        by_code("from_words"),
        by_code("town_aliases"),
        cues("here_cues"),
        cues("from_cues"),
        cues("going_cues"),
    )
    if not vocabulary.places or not vocabulary.here:
        raise ValueError(f"{path}: no countries or here_cues")
    return vocabulary


def town_names(places: Iterable[Place], vocabulary: Vocabulary) -> Dict[Tuple[str, ...], str]:
    """Each town of places.yml by the names people use ("Nogales" for "Nogales, Sonora",
    "New York" for "New York City") and the vocabulary's aliases; never a country's own
    name ("Mexico" of "Mexico City" is the country)."""
    names: Dict[Tuple[str, ...], str] = dict(vocabulary.town_aliases)
    for place in places:
        short = place.name.split(",")[0]
        for name in (short, short.split(" de ")[0], re.sub(r" City$", "", short), place.id.replace("_", " ")):
            if words(name) and words(name) not in vocabulary.places:
                names[words(name)] = place.country
    return names


def _ends_with(tokens: Sequence[str], end: int, phrases: Iterable[Tuple[str, ...]]) -> bool:
    """Whether one of the phrases ends at `end`, skipping up to two fillers between
    ("estoy en la ciudad de Guatemala")."""
    starts, frontier = {end}, {end}
    for _ in range(2):
        frontier = {
            at - len(f)
            for at in frontier
            for f in FILLERS
            if at >= len(f) and tuple(tokens[at - len(f) : at]) == f
        }
        starts |= frontier
    return any(
        start >= len(p) and tuple(tokens[start - len(p) : start]) == p for start in starts for p in phrases
    )


def find_country(text: str, vocabulary: Vocabulary, towns: Dict[Tuple[str, ...], str]) -> Optional[str]:
    """The country the text says the user is in (or from), or None."""
    tokens = words(text)
    mentions: List[Tuple[int, int, str]] = []  # (sureness, position, code)
    for table, is_town in ((vocabulary.places, False), (towns, True)):
        for phrase, code in table.items():
            for start in range(len(tokens) - len(phrase) + 1):
                if tuple(tokens[start : start + len(phrase)]) != phrase:
                    continue
                if _ends_with(tokens, start, vocabulary.going):
                    continue
                if _ends_with(tokens, start, vocabulary.here):
                    mentions.append((HERE, start, code))
                elif _ends_with(tokens, start, vocabulary.origin):
                    mentions.append((FROM, start, code))
                elif is_town and _ends_with(tokens, start, WEAK_CUES):
                    mentions.append((HERE, start, code))
                elif len(tokens) <= len(phrase) + 1:  # "mexico", "en mexico"
                    mentions.append((BARE, start, code))
    for phrase, code in vocabulary.from_words.items():  # "soy hondureño"
        if any(tuple(tokens[i : i + len(phrase)]) == phrase for i in range(len(tokens))):
            mentions.append((FROM, -1, code))
    if not mentions:
        return None
    return max(mentions)[2]  # the surest, then the latest in the message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class CountryFinder(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"words": None}  # another country_words.yml (tests)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.vocabulary = load_vocabulary(Path(config["words"]) if config.get("words") else DEFAULT_WORDS)
        self._towns: Tuple[object, Dict[Tuple[str, ...], str]] = (None, {})

    def towns(self) -> Dict[Tuple[str, ...], str]:
        """The town names, rebuilt only when a newly published places.yml was read."""
        places = places_store().get()
        if self._towns[0] is not places:
            self._towns = (places, town_names(places.values(), self.vocabulary))
        return self._towns[1]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CountryFinder":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            code = find_country(text, self.vocabulary, self.towns())
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != COUNTRY_ENTITY]
            if code:
                entities.append(
                    {
                        "entity": COUNTRY_ENTITY,
                        "value": code,
                        "start": 0,
                        "end": 0,
                        "extractor": type(self).__name__,
                    }
                )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
