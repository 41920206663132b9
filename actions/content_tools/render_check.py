"""`senda content check`, on answers as users get them: rendered in every language, for
every country of locales/languages.yml and for no country chosen, with the directory.

Two errors:
- an answer that lists contacts (its text holds {resources}) shows no phone number of
  the directory (a year in "not verified since 2025" or a street number is no number to
  call): a person in danger must always have a number to call;
- a {placeholder} is left in what users read (nothing fills it: a typo, or a value
  that is missing in some case, such as {country_name} with no country chosen).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from actions.content.answers import Content
from actions.content.catalogs import Catalogs
from actions.content.directory import NO_PHONE_NOTE, UNVERIFIED_NOTE, Resource
from actions.content.languages import language_config
from actions.content.render import Renderer
from actions.content_tools.patterns import PLACEHOLDER, has_number, stated_phones
from actions.content_tools.report import ERROR, Report

# Placeholders the code fills itself, by answer: the check fills them with SAMPLE.
CALLER_FILLED: Dict[str, Tuple[str, ...]] = {
    "utter_telegram_nearby": ("nearby",),  # the offices near a shared location (bot/telegram/handlers.py)
    UNVERIFIED_NOTE: ("date",),  # since when (actions/content/directory_render.py format_line)
    NO_PHONE_NOTE: ("phone",),  # the emergency number (actions/content/directory_render.py)
}
SAMPLE = "·"
NO_COUNTRY = "no country chosen"


def _where(countries: List[Optional[str]]) -> str:
    return ", ".join(country or NO_COUNTRY for country in countries)


def shows_a_phone(text: str, directory: Sequence[Resource], stated: Sequence[str] = ()) -> bool:
    """Whether the text shows one of the directory's phone numbers as a number of its own,
    or one the answer states itself (`stated`, years left out)."""
    return any(has_number(text, number) for number in [r.phone for r in directory if r.phone] + list(stated))


def check_rendering(
    content: Content, catalogs: Catalogs, directory: Sequence[Resource], report: Report
) -> None:
    config = language_config()
    renderer = Renderer(content, catalogs, directory)
    countries: List[Optional[str]] = [*config.countries, None]
    for name in sorted(content.responses):
        source = content.variation(name).get("text") or ""
        lists_contacts = "{resources}" in source
        arguments = {key: SAMPLE for key in CALLER_FILLED.get(name, ())}
        for language in config.codes:
            stated = stated_phones(renderer.translate(language, name, source)[0])
            no_phone: List[Optional[str]] = []
            left: Dict[str, List[Optional[str]]] = {}
            for country in countries:
                slots = {"language": language, "country": country}
                text = renderer.render(name, language, slots, arguments).text
                if lists_contacts and not shows_a_phone(text, directory, stated):
                    no_phone.append(country)
                for placeholder in sorted(set(PLACEHOLDER.findall(text))):
                    left.setdefault(placeholder, []).append(country)
            shown = None if language == config.source else language
            if no_phone:
                report.add(
                    ERROR,
                    name,
                    "lists contacts but shows no phone number for "
                    f"{_where(no_phone)}: a list without a phone ends with "
                    f"{NO_PHONE_NOTE} and the country's emergency line (the first "
                    "`type: emergency` entry with a phone in resources.yml); add one, "
                    "or a resource with a phone for this need",
                    shown,
                )
            for placeholder, where in left.items():
                report.add(
                    ERROR,
                    name,
                    f"{{{placeholder}}} reaches users as is for "
                    f"{_where(where)}: nothing fills it (check its spelling)",
                    shown,
                )
