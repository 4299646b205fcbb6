"""The capture spool: documents digitised at intake, before their dossier exists, and the
files of capture dialogs still open (issue 16).

Each document an officer keeps in the capture dialog at intake is written here at once, as the
PDF it will be stored as: `<data>/capture_spool/<owner>/<ab>/<sha256>`, an encrypted container
exactly like the attachment store's (store/attachment_files.py: the folder's key, partial +
fsync + rename, 0600 in 0700), `<owner>` a hash of the officer's draft id (store/drafts.py) so
that no username becomes a path. The officer's intake draft names them (its `captures` map:
capture key -> sha256, pages, source), so after a crash or power cut the intake screen comes
back with its documents.

A capture dialog still open keeps the files it took in (as they came: PDF, JPEG, PNG, TIFF)
in a folder of its own, `<data>/capture_spool/open-<hash of capture:officer>/<ab>/<sha256>`,
and its layout in the officer's CAPTURE row of `drafts` (services/open_captures.py): after a
kill the dialog comes back with its pages.

The rows are the truth: a file no intake draft or open capture names is an orphan, removed
once older than ORPHAN_DAYS (`clean`, at the intake screen's start), and so is an open
capture untouched for that long (`stale`); `doctor` counts them.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.domain import clock
from counter_app.store import attachment_files
from counter_app.store.drafts import CAPTURE, INTAKE, all_drafts, draft_id

FOLDER_NAME = "capture_spool"
DRAFT_KEY = "captures"  # a draft's map: capture key -> {"sha256", "pages", "source"}
LAYOUT_KEY = "layout"  # an open capture's DocumentDraft.layout(): its pages name their files
OPEN_PREFIX = "open-"  # the folder of an open capture's files
ORPHAN_DAYS = 7
DAY_SECONDS = 86400


def root(folder: Path) -> Path:
    return Path(folder) / FOLDER_NAME


def owner_name(officer: str, kind: str = INTAKE) -> str:
    """The folder name of an officer's spool (INTAKE) or open capture (CAPTURE): a hash of
    the row's id, so that no username becomes a path."""
    name = hashlib.sha256(draft_id(officer, kind).encode()).hexdigest()[:32]
    return OPEN_PREFIX + name if kind == CAPTURE else name


def files(
    folder: Path, key: bytes | None, officer: str, kind: str = INTAKE
) -> attachment_files.AttachmentFiles:
    """The officer's spool, written and read like the attachment store."""
    return attachment_files.AttachmentFiles(root(folder) / owner_name(officer, kind), key)


def remove(folder: Path, officer: str, kind: str = INTAKE) -> None:
    """The officer's spool goes (the dossier was saved, or the draft discarded; CAPTURE: the
    open capture was kept or cancelled)."""
    shutil.rmtree(root(folder) / owner_name(officer, kind), ignore_errors=True)


def layout_files(capture: dict[str, Any]) -> set[str]:
    """The sha256 of the files an open capture's layout names."""
    layout = capture.get(LAYOUT_KEY)
    pages = layout.get("pages") if isinstance(layout, dict) else None
    return {str(p.get("file")) for p in pages or [] if isinstance(p, dict)}


def named(conn: Any) -> dict[str, set[str]]:
    """Owner folder name -> the sha256 its officer's intake draft or open capture names
    (`conn`: the database)."""
    found: dict[str, set[str]] = {}
    for officer, draft in all_drafts(conn, INTAKE):
        entries = draft.get(DRAFT_KEY)
        if isinstance(entries, dict):
            found[owner_name(officer)] = {
                str(e.get("sha256")) for e in entries.values() if isinstance(e, dict)
            }
    for officer, capture in all_drafts(conn, CAPTURE):
        found[owner_name(officer, CAPTURE)] = layout_files(capture)
    return found


def open_captures(conn: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every open capture: (officer, its row's data with `_updated_at`)."""
    return all_drafts(conn, CAPTURE)


def stale(capture: dict[str, Any], *, max_age_days: float = ORPHAN_DAYS) -> bool:
    """An open capture untouched for `max_age_days` (a crash nobody came back to)."""
    try:
        updated = clock.from_storage(str(capture.get("_updated_at") or ""))
    except ValueError:
        return True
    return (clock.now() - updated).total_seconds() >= max_age_days * DAY_SECONDS


def spooled(folder: Path, kind: str = INTAKE) -> int:
    """How many files (not partial ones) the spool holds, all officers: the documents
    captured at intake (INTAKE), or the files of open captures (CAPTURE)."""
    base = root(folder)
    if not base.is_dir():
        return 0
    return sum(
        1
        for p in base.glob("*/*/*")
        if attachment_files.SHA256_RE.match(p.name)
        and p.parent.parent.name.startswith(OPEN_PREFIX) == (kind == CAPTURE)
        and p.is_file()
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
