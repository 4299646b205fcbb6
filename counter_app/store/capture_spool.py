"""The capture spool: documents digitised at intake, before their dossier exists (issue 16).

Each document an officer keeps in the capture dialog at intake is written here at once, as the
PDF it will be stored as: `<data>/capture_spool/<owner>/<ab>/<sha256>`, an encrypted container
exactly like the attachment store's (store/attachment_files.py: the folder's key, partial +
fsync + rename, 0600 in 0700), `<owner>` a hash of the officer's draft id (store/drafts.py) so
that no username becomes a path. The officer's intake draft names them (its `captures` map:
capture key -> sha256, pages, source), so after a crash or power cut the intake screen comes
back with its documents. The draft is the truth: a file no draft names is an orphan, removed
once older than ORPHAN_DAYS (`clean`, at the intake screen's start); `doctor` lists them.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.store import attachment_files
from counter_app.store.drafts import all_drafts, draft_id

FOLDER_NAME = "capture_spool"
DRAFT_KEY = "captures"  # a draft's map: capture key -> {"sha256", "pages", "source"}
ORPHAN_DAYS = 7
DAY_SECONDS = 86400


def root(folder: Path) -> Path:
    return Path(folder) / FOLDER_NAME


def owner_name(officer: str) -> str:
    """The folder name of an officer's spool: a hash of their draft id."""
    return hashlib.sha256(draft_id(officer).encode()).hexdigest()[:32]


def files(folder: Path, key: bytes | None, officer: str) -> attachment_files.AttachmentFiles:
    """The officer's spool, written and read like the attachment store."""
    return attachment_files.AttachmentFiles(root(folder) / owner_name(officer), key)


def remove(folder: Path, officer: str) -> None:
    """The officer's spool goes (the dossier was saved, or the draft discarded)."""
    shutil.rmtree(root(folder) / owner_name(officer), ignore_errors=True)


def named(conn: Any) -> dict[str, set[str]]:
    """Owner folder name -> the sha256 its officer's draft names (`conn`: the database)."""
    found: dict[str, set[str]] = {}
    for officer, draft in all_drafts(conn):
        entries = draft.get(DRAFT_KEY)
        if isinstance(entries, dict):
            found[owner_name(officer)] = {
                str(e.get("sha256")) for e in entries.values() if isinstance(e, dict)
            }
    return found


def spooled(folder: Path) -> int:
    """How many documents (not partial files) the spool holds, all officers."""
    base = root(folder)
    if not base.is_dir():
        return 0
    return sum(
        1 for p in base.glob("*/*/*") if attachment_files.SHA256_RE.match(p.name) and p.is_file()
    )


@dataclass(frozen=True)
class Orphan:
    path: Path
    age_days: float


def orphans(
    folder: Path, named: Mapping[str, Iterable[str]], *, max_age_days: float = 0
) -> list[Orphan]:
    """Spooled files no draft names (`named`: owner folder name -> the sha256 its draft
    names) and partial files, at least `max_age_days` old."""
    base = root(folder)
    if not base.is_dir():
        return []
    now = time.time()
    found = []
    for owner in sorted(p for p in base.iterdir() if p.is_dir()):
        keep = set(named.get(owner.name, ()))
        for path in sorted(owner.glob("*/*")):
            name = path.name
            is_partial = name.endswith(attachment_files.PARTIAL_SUFFIX)
            if not is_partial and (name in keep or not attachment_files.SHA256_RE.match(name)):
                continue
            try:
                age = (now - path.stat().st_mtime) / DAY_SECONDS
            except OSError:
                continue
            if is_partial and age * DAY_SECONDS < attachment_files.STALE_PARTIAL_SECONDS:
                continue  # a live writer's
            if age >= max_age_days:
                found.append(Orphan(path, age))
    return found


def clean(
    folder: Path, named: Mapping[str, Iterable[str]], *, max_age_days: float = ORPHAN_DAYS
) -> int:
    """Remove the orphans older than `max_age_days` (and folders left empty); how many."""
    removed = 0
    for orphan in orphans(folder, named, max_age_days=max_age_days):
        orphan.path.unlink(missing_ok=True)
        removed += 1
    base = root(folder)
    if base.is_dir():
        for owner in base.iterdir():
            for sub in [*owner.iterdir(), owner] if owner.is_dir() else []:
                try:
                    sub.rmdir()  # only when empty
                except OSError:
                    pass
    return removed
