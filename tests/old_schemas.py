"""Data folders as the app left them at an older schema version (the upgrade tests).

The schema-1 fixture's rows (tests/fixtures/schema-v1) migrated on to the version, a row in
each sealed table the version has that the fixture lacks, every row sealed when the version
has seals (the app sealed each write), the audit trail keyed when it has the keyed trail (the
app's first start did that), and the file encrypted with a key of the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils

from counter_app.store import audit, audit_key, db_key, driver, paths, row_seals
from counter_app.store.migrations import apply_migration

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "schema-v1"
AT = "2026-07-13 10:00"
# rows the fixture (schema 1) has none of, in the tables a later schema adds or fills
EXTRA_ROWS = {
    "due_changes": "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
    f"VALUES (1, '{AT}', 'an.nv', 'extend', '2026-07-20 10:00', '2026-07-22 10:00', 'bổ sung')",
    "intake_references": f"INSERT INTO intake_references VALUES ('ref-1', 2, '{AT}')",
    "handovers": "INSERT INTO handovers (dossier_id, batch, direction, at, agency, giver, "
    f"receiver, by) VALUES (1, 'b1', 'out', '{AT}', 'UBND phường', 'an.nv', 'Lê Văn C', 'an.nv')",
    "staff_phones": "INSERT INTO staff_phones VALUES ('an.nv', '0912000111')",
    "attachments": "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, pages, "
    f"source, created_at, created_by) VALUES (1, 'submitted', 1, 'Tờ khai', '{'ab' * 32}', "
    f"1000, 1, 'file', '{AT}', 'an.nv')",
}


def folder_at(folder: Path, version: int) -> Path:
    """A data folder as the app left it at schema `version` (module docstring)."""
    shutil.copytree(FIXTURE_V1, folder)
    db_file = paths.db_path(folder)
    conn = driver.connect(db_file, None, isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    for step in range(2, version + 1):
        apply_migration(step, db)
    if version >= 2:  # the columns v2 adds, filled as later versions fill them
        conn.execute("UPDATE status_events SET detail = '{\"documents\": [1]}' WHERE id = 1")
        conn.execute("UPDATE outbox SET batch_key = 'batch-1' WHERE id = 1")
    for table, insert in EXTRA_ROWS.items():
        if row_seals.has_table(conn, table):
            conn.execute(insert)
    if row_seals.has_seals(conn):
        row_seals.reseal(conn, sealed_tables(conn))
    if audit.is_keyed_schema(conn):
        audit.ensure_keyed(conn, audit_key.load(folder, create=True))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.close()
    key = db_key.new_key()
    db_key.save_folder_key(folder, key)
    db_key.encrypt_file_in_place(db_file, key)
    return folder


def sealed_tables(conn: driver.Connection) -> list[str]:
    """The sealed tables this database's schema has."""
    return [t for t in row_seals.SEALED_TABLES if row_seals.has_table(conn, t)]
