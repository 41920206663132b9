"""Turn a checked import into new file contents, then write them all at once.

Spanish edits go into responses/*.yml; translation edits into the catalogs.
When a Spanish text changes, its translations follow the new text (msgid): one
given in the same import is applied to it, any other keeps its words but is
marked fuzzy (stale), as gettext does. Then the template and the catalogs are
regenerated as `make pot` would. Every file is prepared in memory and written
to a temporary file beside it before any is renamed into place (os.replace,
atomic per file): a failed import leaves every file as it was. An empty plan
only brings the template and catalogs up to date with the Spanish: what
`senda content catalogs` (`make pot`) and `senda content publish` do after hand edits.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional

from babel.messages.catalog import Catalog, Message

from actions.content.catalogs import DOMAIN, Review, catalog_path, parse_review, translated_languages
from actions.content_tools.catalog_template import (
    extract_template,
    read_catalog_bytes,
    same_template,
    update_catalog,
)
from actions.content_tools.sheet.plan import Plan, TranslationEdit
from actions.content_tools.sheet.rows import Text
from actions.content_tools.sheet.yaml_edit import SpanishEdit, edit_file

FUZZY = "fuzzy"


def status_comment(review: Review, existing: Optional[str]) -> Optional[str]:
    """The `status:` translator comment for a review; None when no comment is needed."""
    if review.draft and not review.by and not review.on:
        keep = existing is not None and parse_review([existing]) == review
        return existing if keep else review.comment()  # keeps the catalog's wording
    if not review.draft and not review.by and not review.on:
        return None  # no comment means reviewed, reviewer unknown
    return " ".join(
        [f"status: {review.state}"]
        + ([f"by {review.by}"] if review.by else [])
        + ([f"on {review.on.isoformat()}"] if review.on else [])
    )


def _with_status(comments: List[str], review: Review) -> List[str]:
    index = next((i for i, c in enumerate(comments) if c.strip().lower().startswith("status:")), None)
    comment = status_comment(review, comments[index] if index is not None else None)
    rest = [c for i, c in enumerate(comments) if i != index]
    if comment is None:
        return rest
    rest.insert(index if index is not None else 0, comment)
    return rest


def edit_catalog(catalog: Catalog, language: str, plan: Plan) -> None:
    """Apply the plan's edits for one language, before the catalog is updated."""
    renamed: Dict[str, str] = {e.text.id: e.new_text for e in plan.spanish if e.new_text is not None}
    edits: Dict[str, TranslationEdit] = {e.text.id: e for e in plan.translations if e.language == language}
    texts: Dict[str, Text] = {e.text.id: e.text for e in plan.spanish}
    texts.update({e.text.id: e.text for e in edits.values()})
    # Take every affected entry out first: two buttons may swap their Spanish titles.
    old: Dict[str, Optional[Message]] = {}
    for text_id in sorted(set(renamed) | set(edits)):
        text = texts[text_id]
        old[text_id] = catalog.get(text.source, context=text.context)
        if old[text_id] is not None:
            catalog.delete(text.source, context=text.context)
    for text_id, entry in old.items():
        text, edit = texts[text_id], edits.get(text_id)
        msgid = renamed.get(text_id, text.source)
        if edit is None:
            if entry is not None and entry.string:  # the Spanish changed: stale until updated
                catalog.add(
                    msgid,
                    entry.string,
                    list(entry.locations),
                    entry.flags | {FUZZY},
                    entry.auto_comments,
                    entry.user_comments,
                    context=text.context,
                )
            continue
        comments = _with_status(list(entry.user_comments) if entry else [], edit.review)
        flags = (entry.flags - {FUZZY}) if entry else set()
        catalog.add(
            msgid,
            edit.string,
            list(entry.locations) if entry else [],
            flags,
            entry.auto_comments if entry else [],
            comments,
            context=text.context,
        )


def prepare_files(root: Path, plan: Plan) -> Dict[Path, bytes]:
    """Every file the import changes, with its new bytes (unchanged files left out)."""
    responses, locales = root / "responses", root / "locales"
    changed: Dict[Path, bytes] = {}
    by_file: Dict[str, List[SpanishEdit]] = defaultdict(list)
    for edit in plan.spanish:
        by_file[edit.text.file].append(edit)
    for name, edits in sorted(by_file.items()):
        path = responses / name
        original = path.read_text(encoding="utf-8")
        updated = edit_file(original, edits)
        if updated != original:
            changed[path] = updated.encode("utf-8")
    template_path = locales / f"{DOMAIN}.pot"
    with tempfile.TemporaryDirectory(prefix="senda-import-") as folder:
        tree = Path(folder)
        shutil.copytree(responses, tree / "responses")
        for path, data in changed.items():
            (tree / "responses" / path.name).write_bytes(data)
        template = extract_template(tree)
    current = template_path.read_bytes() if template_path.exists() else b""
    if same_template(current, template):
        template = current  # only the creation time would change
    else:
        changed[template_path] = template
    for language in translated_languages():
        path = catalog_path(language, locales)
        if not path.exists():
            continue  # `make pot` updates the catalogs there are
        original_po = path.read_bytes()
        catalog = read_catalog_bytes(original_po, language)
        edit_catalog(catalog, language, plan)
        updated_po = update_catalog(catalog, template)
        if updated_po != original_po:
            changed[path] = updated_po
    return changed


def write_atomically(files: Dict[Path, bytes]) -> None:
    """Write each file to a temporary file beside it, then rename them all into place."""
    temporary: Dict[Path, Path] = {}
    try:
        for path, data in files.items():
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temporary[path] = Path(name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if path.exists():
                shutil.copymode(path, name)  # mkstemp makes it private; keep the file's mode
    except BaseException:
        for written in temporary.values():
            written.unlink(missing_ok=True)
        raise
    for path, written in temporary.items():
        os.replace(written, path)


def refresh_catalogs(root: Path) -> List[Path]:
    """`make pot` for hand edits: re-extract responses/ and update every catalog, so a
    changed Spanish text makes its translations stale (fuzzy), not missing."""
    files = prepare_files(root, Plan())
    write_atomically(files)
    return sorted(files)
