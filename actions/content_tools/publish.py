"""`senda content publish`: check the working content, then make it live at once.

Staff edit responses/ and locales/*.po; publishing first updates the template
and catalogs as `make pot` does (a changed Spanish text turns its translations
stale: users see the Spanish until they are updated). The running assistant reads only the
last published snapshot (published/current), so a half-saved file or a changed
phone number never reaches users: publishing refuses content with errors.

A snapshot holds copies of responses/*.yml, each catalog compiled to .mo
(fuzzy entries left out: a stale translation is never shown) and the drafts of
each language in review.json (.mo files carry no comments). `current` is a
symlink replaced in one rename; the servers see the new snapshot on their next
reply (actions/content/reloading.py): no retraining, no restart.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

from babel.messages.mofile import write_mo

from actions.content.answers import content_files, load_content
from actions.content.catalogs import (
    catalog_path,
    compiled_paths,
    parse_review,
    read_catalog,
    translated_languages,
)
from actions.content.paths import project_root, published_dir, responses_dir
from actions.content_tools.check import Report, check_working_content
from actions.content_tools.sheet.applying import prepare_files, write_atomically
from actions.content_tools.sheet.plan import Plan

CURRENT = "current"
KEEP = 3  # snapshots kept: the live one and two to look back at


@dataclass
class Published:
    report: Report
    snapshot: Optional[Path]  # None: refused because of errors
    refreshed: List[Path] = field(default_factory=list)  # catalogs brought up to date


def _new_snapshot_dir(root: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    folder = root / stamp
    folder.mkdir(parents=True)
    return folder


def _compile_catalogs(snapshot: Path) -> None:
    for language in translated_languages():
        source = catalog_path(language)
        if not source.exists():
            continue
        catalog = read_catalog(source)
        mo_path, review_path = compiled_paths(language, snapshot / "locales")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        drafts = [
            [m.context, str(m.id)]
            for m in catalog
            if m.id and m.string and not m.fuzzy and parse_review(m.user_comments).draft
        ]
        review_path.write_text(json.dumps({"drafts": drafts}, ensure_ascii=False), encoding="utf-8")


def _swap_current(root: Path, snapshot: Path) -> None:
    link = root / CURRENT
    temporary = root / f".{CURRENT}-{snapshot.name}"
    os.symlink(snapshot.name, temporary)
    os.replace(temporary, link)  # atomic: readers see the old or the new snapshot


def _prune(root: Path) -> None:
    snapshots = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    live = (root / CURRENT).resolve()
    for old in snapshots[:-KEEP]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)


def publish(today: Optional[date] = None) -> Published:
    """Bring the catalogs up to date with the Spanish, check the working content, and when
    it has no errors make it the live snapshot."""
    root = project_root()
    load_content()  # a file of the wrong shape stops here, named, before anything is written
    catalogs = prepare_files(root, Plan())
    report = _check_with(catalogs, root, today)
    if report.errors:
        return Published(report=report, snapshot=None)  # nothing written
    write_atomically(catalogs)
    published = published_dir()
    snapshot = _new_snapshot_dir(published)
    target = snapshot / "responses"
    target.mkdir()
    for path in content_files(responses_dir()):
        shutil.copyfile(path, target / path.name)
    _compile_catalogs(snapshot)
    _swap_current(published, snapshot)
    _prune(published)
    return Published(report=report, snapshot=snapshot, refreshed=sorted(catalogs))


def _check_with(catalogs: Dict[Path, bytes], root: Path, today: Optional[date]) -> Report:
    """Check the working content as it will be once the updated catalogs are written:
    on a scratch tree whose locales/ holds them, so a refused publish changes no file."""
    with tempfile.TemporaryDirectory(prefix="senda-publish-") as folder:
        scratch = Path(folder)
        shutil.copytree(root / "locales", scratch / "locales")
        for path, data in catalogs.items():
            (scratch / path.relative_to(root)).write_bytes(data)
        for name in ("responses", "nlu"):
            if (root / name).exists():
                (scratch / name).symlink_to(root / name)
        return check_working_content(scratch, today)


def is_published() -> bool:
    return (published_dir() / CURRENT).is_dir()


def describe(snapshot: Path) -> str:
    return str(snapshot.relative_to(project_root()))
