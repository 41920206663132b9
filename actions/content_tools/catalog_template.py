"""Extract responses/ into the template and update each catalog (`make pot`,
`senda content catalogs`, and the first step of publish and import).

The same Babel calls and options as `pybabel extract -F babel.cfg --no-wrap
--sort-by-file --project=Senda --copyright-holder=Senda --msgid-bugs-address=""`
and `pybabel update --no-wrap`, but on bytes in memory, so a tool can prepare
every file before writing any, plus one thing pybabel lacks: a rewritten text
keeps its old translation as fuzzy (carry_rewritten_sources).
"""

from __future__ import annotations

import io
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from babel.messages.catalog import DEFAULT_HEADER, Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from actions.content.paths import PROJECT_ROOT

MAPPING = PROJECT_ROOT / "babel.cfg"  # code configuration, not content: always the project's
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


def extract_template(tree: Path) -> bytes:
    """The template for the responses/ under `tree`: what `pybabel extract … .` writes there."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(MAPPING))
    catalog = Catalog(
        project="Senda",
        msgid_bugs_address="",
        copyright_holder="Senda",
        charset="utf-8",
        header_comment=DEFAULT_HEADER,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(tree), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        catalog.add(
            message, None, [(os.path.normpath(filename), lineno)], auto_comments=comments, context=context
        )
    out = io.BytesIO()
    # width=None: no wrapping (Babel documents None; its annotation says int)
    write_po(out, catalog, sort_by_file=True, width=None)  # type: ignore[arg-type]
    return out.getvalue()


def same_template(old: bytes, new: bytes) -> bool:
    """Equal but for the creation time, which every extraction sets to now."""
    return _CREATION_DATE.sub(b"", old) == _CREATION_DATE.sub(b"", new)


def _slot(message: Message) -> Tuple[Optional[str], Tuple[str, ...]]:
    """Which text of an answer a message is: its context and the extractor's comment
    ("Answer utter_x. …" or "Button of utter_x (payload /p); …")."""
    return message.context, tuple(message.auto_comments)


def carry_rewritten_sources(catalog: Catalog, template: Catalog) -> None:
    """Keep a translation, as fuzzy, when its Spanish was rewritten beyond what pybabel's
    fuzzy matching recognises: an answer's text, or a button with the same payload, whose
    Spanish changed inherits the old translation. Users see the Spanish with a notice
    (never the old translation) and translators see what they translated before, instead
    of a "missing" translation and a lost one."""
    # First by answer and kind of text; then, for catalogs whose extractor comments were
    # lost, by answer alone.
    for slot_of in (_slot, lambda message: message.context):
        new: Dict[object, List[Message]] = defaultdict(list)
        for message in template:
            if message.id and catalog.get(message.id, context=message.context) is None:
                new[slot_of(message)].append(message)
        gone: Dict[object, List[Message]] = defaultdict(list)
        for message in catalog:
            if message.id and template.get(message.id, context=message.context) is None:
                gone[slot_of(message)].append(message)
        for slot, old in gone.items():
            if len(old) != 1 or len(new.get(slot, [])) != 1 or not old[0].string:
                continue  # not clear which text became which: pybabel's matching decides
            entry = old[0]
            catalog.delete(entry.id, context=entry.context)
            catalog.add(
                new[slot][0].id,
                entry.string,
                list(entry.locations),
                set(entry.flags) | {"fuzzy"},
                entry.auto_comments,
                entry.user_comments,
                context=entry.context,
            )


def update_catalog(catalog: Catalog, template: bytes) -> bytes:
    """The catalog merged with the template as `pybabel update` does (fuzzy matching on),
    after carry_rewritten_sources. Translations no text uses any more are kept as
    obsolete (#~) entries, so a renamed or deleted answer can be recovered."""
    source = read_po(io.BytesIO(template))
    carry_rewritten_sources(catalog, source)
    catalog.update(source, no_fuzzy_matching=False, update_header_comment=False, update_creation_date=True)
    out = io.BytesIO()
    write_po(out, catalog, ignore_obsolete=False, include_previous=False, width=None)  # type: ignore[arg-type]  # no wrapping, as above
    return out.getvalue()


def read_catalog_bytes(data: bytes, language: str) -> Catalog:
    """A catalog as `pybabel update` reads it (domain `messages`, its default)."""
    return read_po(io.BytesIO(data), locale=language, domain="messages")
