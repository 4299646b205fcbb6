"""Backups carry the digitised documents; restore puts them back, checked (issue 16).

A backup is one database file (ops/backups.py); the documents it names are kept beside it in
a content-addressed pool, `<backups>/attachments/<ab>/<sha256>` (and the same under the second
folder's `<unit>-quay<N>/`), the very encrypted containers of store/attachment_files.py. A file
is copied into a pool once — its name is its content — so a daily backup costs only the new
documents. Pools are not rotated: a file a kept backup names must stay (a later step may prune
files no kept backup names).

Restore reads the restored database's `attachments` rows and, for each document the data
folder does not hold intact, takes it from the pool beside the backup file: its SHA-256 is
checked (AttachmentFileError otherwise) and, when the backup came from another PC (another
key), it is re-encrypted with this folder's key. What is missing or altered is named in the
restore's notes; `doctor` keeps naming it until it is attached again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from counter_app.store import attachment_files, row_seals
from counter_app.store import driver as sqlite3
from counter_app.store.attachment_files import AttachmentFileError, AttachmentFiles

log = logging.getLogger(__name__)


def pool(directory: Path, key: bytes | None) -> AttachmentFiles:
    """The pool of documents beside the backups in `directory`."""
    return AttachmentFiles(Path(directory) / attachment_files.FOLDER_NAME, key)


def named_documents(conn: sqlite3.Connection) -> list[str]:
    """The SHA-256 of every document the database's rows name with content here (none before
    schema 15; 'remote' rows, attached at another counter and not fetched, have none)."""
    if not row_seals.has_table(conn, "attachments"):
        return []
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT sha256 FROM attachments WHERE upload_state != 'remote' ORDER BY 1"
        )
    ]


def named_in_file(path: Path, key: bytes | None) -> list[str]:
    """`named_documents` of a database file (a backup just written)."""
    conn = sqlite3.connect(path, key, readonly=True, isolation_level=None)
    try:
        return named_documents(conn)
    finally:
        conn.close()


def carry(folder: Path, directory: Path, key: bytes | None, names: list[str]) -> int:
    """Copy the documents `names` of the data folder into the pool of `directory` (those not
    there yet); returns how many were copied. A missing or altered one is logged and left
    out (the doctor names it), never copied."""
    live = AttachmentFiles(attachment_files.root(folder), key)
    target = pool(directory, key)
    copied = 0
    for sha256 in names:
        if target.has(sha256):
            continue
        try:
            live.copy_to(target, sha256)
        except AttachmentFileError as exc:
            log.warning("backup: document left out: %s", exc)
            continue
        copied += 1
    return copied


def copy_pool(source_dir: Path, destination_dir: Path, key: bytes | None, names: list[str]) -> int:
    """The pool of `source_dir` into the pool of `destination_dir` (the second folder)."""
    source, target = pool(source_dir, key), pool(destination_dir, key)
    copied = 0
    for sha256 in names:
        if target.has(sha256) or not source.has(sha256):
            continue
        source.copy_to(target, sha256)
        copied += 1
    return copied


def restore_documents(
    folder: Path,
    backup_file: Path,
    conn: sqlite3.Connection,
    *,
    key: bytes | None,
    backup_key: bytes | None,
) -> list[str]:
    """Bring back the documents the restored database names; returns notes for those that
    could not be (missing from both the folder and the backup's pool, or altered)."""
    names = named_documents(conn)
    live = AttachmentFiles(attachment_files.root(folder), key)
    source = AttachmentFiles(
        Path(backup_file).parent / attachment_files.FOLDER_NAME,
        backup_key,
        [k for k in (key,) if k is not None],
    )
    notes: list[str] = []
    for sha256 in names:
        if live.check(sha256) == "":
            continue
        try:
            source.copy_to(live, sha256)
        except AttachmentFileError as exc:
            notes.append(f"Tài liệu số hóa không khôi phục được / document not restored: {exc}")
    if names:
        log.info("restore: %d documents named, %d not restored", len(names), len(notes))
    return notes
